"""`kinerja koreksi` (SOP step 8, docs/contract.md §11): the Sekretaris's corrections in a
compiled draft, read back, validated like the same cells of a returned form, and recorded.

The draft carries its identity (a very hidden sheet), so a copy saved elsewhere or the file
edited in place is matched with the draft kinerja wrote, whose copy the store keeps. All or
nothing: when any correction is an error, nothing is applied.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from kinerja_cli.domain import checks as C
from kinerja_cli.domain.findings import ERROR, Finding, has_errors
from kinerja_cli.domain.models import PK, BarisAnggaran, DataBidang, Indikator
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.rules import Code, Collector
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.workspace import Workspace

DITERAPKAN, DITOLAK, TANPA_PERUBAHAN = "diterapkan", "ditolak", "tanpa-perubahan"
KIND_DRAF, KIND_DRAF_KOREKSI = "draf", "draf-koreksi"
MAX_DRAFT = 64 << 20
MAX_COMPUTED_SHOWN = 20  # computed-cell warnings listed per sheet before one summary


@dataclass
class KoreksiResult:
    """What one `kinerja koreksi` run found and did."""

    draft: Path
    sha256: str
    periode: Periode
    status: str  # diterapkan | ditolak | tanpa-perubahan
    koreksi: list[Any] = field(default_factory=list)  # store.corrections.Correction
    findings: list[Finding] = field(default_factory=list)
    sudah: int = 0  # corrections in this draft that were already applied by an earlier run

    @property
    def exit_code(self) -> int:
        """0 applied or nothing to apply, 1 refused (errors)."""
        return 1 if self.status == DITOLAK else 0

    def to_json(self) -> dict[str, Any]:
        """docs/contract.md §11."""
        return {
            "draft": str(self.draft),
            "sha256": self.sha256,
            "periode": self.periode.kode,
            "status": self.status,
            "koreksi": [
                {
                    "sheet": c.sheet,
                    "cell": c.cell,
                    "kode": c.kode,
                    "bidang": c.bidang,
                    "field": c.field,
                    "lama": c.lama,
                    "baru": c.baru,
                }
                for c in self.koreksi
            ],
            "findings": [f.to_json() for f in self.findings],
        }


def newest_draft(ws: Workspace) -> Path:
    """The draft in hasil/ saved last (the one the Sekretaris is most likely correcting)."""
    drafts = sorted(
        ws.hasil.glob("Draf-Pengukuran-Kinerja-*.xlsx"),
        key=lambda p: (p.stat().st_mtime_ns, p.name),
    )
    drafts = [p for p in drafts if not p.name.startswith(("~$", ".~"))]
    if not drafts:
        raise KinerjaError("belum ada draf di hasil/; jalankan dulu: kinerja compile")
    return drafts[-1]


def _original(ws: Workspace, store: Any, periode: Periode, draft_id: str) -> tuple[bytes, str]:
    """The bytes of the draft kinerja wrote with this identity, and their SHA-256."""
    from kinerja_cli.io.draft import read_draft_identity
    from kinerja_cli.store.berkas import read_copy

    for out in reversed(store.outputs(KIND_DRAF, periode)):
        data = read_copy(ws, out.sha256)
        if data is None:
            continue
        ident = read_draft_identity(data)
        if ident is not None and ident.get("draft_id") == draft_id:
            return data, out.sha256
    raise KinerjaError(
        f"draf asli {draft_id} tidak ditemukan di ruang kerja ini (draf dari ruang kerja lain, "
        "atau dibuat sebelum kinerja menyimpan salinan draf). Jalankan kinerja compile, lalu "
        "koreksi draf yang baru."
    )


def koreksi(ws: Workspace, draft: Path | None = None) -> KoreksiResult:
    """Read, validate and (all or nothing) record the corrections made in a draft."""
    from kinerja_cli.store.db import Store
    from kinerja_cli.store.lock import workspace_lock

    path = Path(draft) if draft is not None else newest_draft(ws)
    try:
        size = path.stat().st_size
        if size > MAX_DRAFT:
            raise KinerjaError(f"{path.name} terlalu besar untuk sebuah draf ({size} byte)")
        data = path.read_bytes()
    except OSError as exc:
        raise KinerjaError(
            f"draf tidak dapat dibaca: {exc.strerror or exc}", location=str(path)
        ) from exc
    from kinerja_cli.io.draft import read_draft_identity

    ident = read_draft_identity(data)
    if ident is None:
        raise KinerjaError(
            f"{path.name} bukan draf pengukuran kinerja yang ditulis kinerja "
            "(identitas draf tidak ada)"
        )
    if ident.get("tahun") != str(ws.settings.tahun):
        raise KinerjaError(
            f"{path.name} adalah draf tahun {ident.get('tahun')}, bukan "
            f"{ws.settings.tahun} (ruang kerja ini)"
        )
    periode = Periode.parse(ident.get("periode"))
    sha = hashlib.sha256(data).hexdigest()
    from kinerja_cli.services.setup import require_pk

    pk = require_pk(ws, periode)
    with workspace_lock(ws, "kinerja koreksi"), Store.open(ws) as store:
        res = KoreksiResult(path, sha, periode, TANPA_PERUBAHAN)
        original, original_sha = _original(ws, store, periode, ident["draft_id"])
        out = Collector(path.name, res.findings)
        if _closed(store, periode, out):
            res.status = DITOLAK
            return res
        if sha == original_sha:
            return res
        from kinerja_cli.io.draft import read_changes as changes

        judge = _Judge(
            pk, periode, store.accepted(periode, corrected=False), store.accepted(periode), out
        )
        found = judge.judge(changes(original, data))
        if has_errors(res.findings):
            res.status = DITOLAK
            return res
        from kinerja_cli.store import corrections

        # The same correction again (koreksi run twice on one draft): nothing new to record.
        done = {(c.kind, c.kode, c.field): c.baru for c in corrections.in_force(store, periode)}
        new = [c for c in found if done.get((c.kind, c.kode, c.field), "\0") != c.baru]
        res.sudah, found = len(found) - len(new), new
        if not found:
            return res
        from kinerja_cli.store.lifecycle import user_at_host

        corrections.record(store, periode, found, path.name, sha, user_at_host())
        from kinerja_cli.store.berkas import keep_copy

        keep_copy(ws, sha, data)
        store.record_output(KIND_DRAF_KOREKSI, periode, path, sha)
        res.status, res.koreksi = DITERAPKAN, found
    return res


def _closed(store: Any, periode: Periode, out: Collector) -> bool:
    from kinerja_cli.store import lifecycle

    event = lifecycle.data_closing(store, periode)
    if event is None:
        return False
    closed = Periode.parse(event.periode)
    opsi = "" if closed.tahunan else f" --triwulan {closed.triwulan}"
    out.add(
        Code.PERIODE_DITUTUP,
        variant="koreksi",
        periode=closed.label,
        versi=event.versi,
        waktu=event.at.replace("T", " "),
        opsi=opsi,
    )
    return True


class _Judge:
    """Sorts the changed cells into corrections, PK values and computed values, and validates
    each correction as the same cell of a returned form would be."""

    def __init__(
        self,
        pk: PK,
        periode: Periode,
        own: dict[str, DataBidang],
        now: dict[str, DataBidang],
        out: Collector,
    ) -> None:
        # `own`: the bidang's submitted values (a correction's basis); `now`: with the
        # corrections already in force (the budget ceiling is checked on those).
        self.pk, self.periode, self.data, self.now, self.out = pk, periode, own, now, out
        self.ind = {i.kode: i for i in pk.indikator}
        self.ang = {a.kode: a for a in pk.anggaran}
        self.budget: dict[str, dict[int, tuple[Decimal | None, str]]] = {}
        self.shown: dict[str, int] = {}

    def judge(self, changed: list[Any]) -> list[Any]:
        from kinerja_cli.store.corrections import Correction

        found: list[Correction] = []
        for ch in changed:
            if ch.kind == "pk":
                self._from_pk(ch)
            elif ch.kind in ("hitungan", "lain"):
                self._computed(ch)
            elif ch.kind == "realisasi" and self._komponen(ch):
                self.out.add(
                    Code.KOREKSI_NILAI_HITUNGAN,
                    sheet=ch.sheet,
                    cell=ch.cell,
                    kode=ch.kode,
                    variant="komponen",
                    kolom=ch.header or f"sel {ch.cell}",
                    lama=_show(ch.lama),
                    baru=_show(ch.baru),
                )
            elif ch.kind == "realisasi":
                found += self._realisasi(ch)
            elif ch.kind == "anggaran":
                found += self._anggaran(ch)
            elif ch.kind == "narasi":
                found += self._narasi(ch)
        self._pagu()
        return found

    def _komponen(self, ch: Any) -> bool:
        """A component indicator's realisation is computed from its components (§14)."""
        ind = self.ind.get(ch.kode or "")
        return ind is not None and ind.komponen

    def _computed(self, ch: Any) -> None:
        n = self.shown.get(ch.sheet, 0)
        self.shown[ch.sheet] = n + 1
        if n < MAX_COMPUTED_SHOWN:
            self.out.add(
                Code.KOREKSI_NILAI_HITUNGAN,
                sheet=ch.sheet,
                cell=ch.cell,
                kode=ch.kode,
                kolom=ch.header or f"sel {ch.cell}",
                lama=_show(ch.lama),
                baru=_show(ch.baru),
            )
        elif n == MAX_COMPUTED_SHOWN:
            self.out.add(
                Code.KOREKSI_NILAI_HITUNGAN,
                sheet=ch.sheet,
                cell=ch.cell,
                variant="lagi",
                lembar=ch.sheet,
            )

    def _owner(self, ch: Any, bidang: str) -> DataBidang | None:
        db = self.data.get(bidang)
        if db is None:
            self.out.add(
                Code.KOREKSI_TANPA_KIRIMAN,
                sheet=ch.sheet,
                cell=ch.cell,
                kode=ch.kode,
                bidang=bidang,
            )
        return db

    def _from_pk(self, ch: Any) -> list[Any]:
        """A cell whose value only the PK gives: `koreksi-nilai-pk`, nothing applied."""
        self.out.add(
            Code.KOREKSI_NILAI_PK,
            sheet=ch.sheet,
            cell=ch.cell,
            kode=ch.kode,
            kolom=ch.header or "baris",
            lama=_show(ch.lama),
            baru=_show(ch.baru),
        )
        return []

    def _realisasi(self, ch: Any) -> list[Any]:
        from kinerja_cli.store.corrections import Correction, encode_value, own_value

        ind: Indikator | None = self.ind.get(ch.kode or "")
        if ch.field == "TAHUN":
            return self._annual(ch, ind)
        tw = int(ch.field[2:])
        if ind is None or tw > self.periode.triwulan:
            return self._from_pk(ch)
        db = self._owner(ch, ind.bidang)
        if db is None:
            return []
        before = len(self.out.findings)
        value = C.parse_realisasi(
            ind,
            C.Cell(ch.cell, _blank(ch.baru)),
            tw,
            self.periode,
            self.out,
            ch.sheet,
            lambda ref: None,
        )
        if len(self.out.findings) > before and has_errors(self.out.findings[before:]):
            return []
        if value is None and _blank(ch.baru) is None and tw == self.periode.triwulan:
            self.out.add(
                Code.REALISASI_KOSONG,
                sheet=ch.sheet,
                cell=ch.cell,
                kode=ind.kode,
                tw=_romawi(tw),
                satuan=ind.satuan,
            )
            return []
        c = Correction(
            "realisasi",
            ind.bidang,
            ind.kode,
            ch.field,
            _show(ch.lama),
            encode_value(value),
            sheet=ch.sheet,
            cell=ch.cell,
        )
        return [_with_basis(c, db, own_value(db, c))]

    def _annual(self, ch: Any, ind: Indikator | None) -> list[Any]:
        """The annual draft's `Realisasi` (s/d TW IV): for a status or biner indicator it is
        the TW IV level; for a kumulatif one the difference from the corrected total goes to
        TW IV (TW I-III stay as the bidang reported them)."""
        import dataclasses

        from kinerja_cli.domain.models import Sifat

        if ind is None:
            return self._from_pk(ch)
        fixed = dataclasses.replace(ch, field="TW4")
        if not ind.numerik or ind.sifat != Sifat.KUMULATIF:
            return self._realisasi(fixed)
        db = self._owner(ch, ind.bidang)
        if db is None:
            return []
        before = len(self.out.findings)
        total = C.parse_realisasi(
            ind,
            C.Cell(ch.cell, _blank(ch.baru)),
            4,
            self.periode,
            self.out,
            ch.sheet,
            lambda ref: None,
        )
        if has_errors(self.out.findings[before:]) or not isinstance(total, Decimal):
            return []
        now = self.now.get(ind.bidang, db).realisasi.get(ind.kode, [])
        earlier = sum((v for v in now[:3] if isinstance(v, Decimal)), Decimal(0))
        old_tw4 = now[3] if len(now) > 3 and isinstance(now[3], Decimal) else None
        return self._realisasi(
            dataclasses.replace(
                fixed, baru=float(total - earlier), lama=None if old_tw4 is None else float(old_tw4)
            )
        )

    def _anggaran(self, ch: Any) -> list[Any]:
        from kinerja_cli.store.corrections import Correction, encode_value, own_value

        row: BarisAnggaran | None = self.ang.get(ch.kode or "")
        tw = int(ch.field[2:])
        if row is None or tw > self.periode.triwulan:
            return self._from_pk(ch)
        if self.pk.is_parent(row.kode):  # program and kegiatan rows are recomputed
            self._computed(ch)
            return []
        db = self._owner(ch, row.bidang)
        if db is None:
            return []
        before = len(self.out.findings)
        value = C.parse_anggaran(
            row, C.Cell(ch.cell, _blank(ch.baru)), tw, self.periode, self.out, ch.sheet
        )
        if len(self.out.findings) > before and has_errors(self.out.findings[before:]):
            return []
        self.budget.setdefault(row.kode, {})[tw] = (value, ch.cell)
        c = Correction(
            "anggaran",
            row.bidang,
            row.kode,
            ch.field,
            _show(ch.lama),
            encode_value(value),
            sheet=ch.sheet,
            cell=ch.cell,
        )
        return [_with_basis(c, db, own_value(db, c))]

    def _pagu(self) -> None:
        """The pagu ceiling of every corrected leaf, over all its quarters after correction."""
        for kode, fixed in self.budget.items():
            row = self.ang[kode]
            db = self.now.get(row.bidang) or self.data[row.bidang]
            series = list(db.anggaran.get(kode, []))
            series += [None] * (self.periode.triwulan - len(series))
            refs: list[str | None] = [None] * self.periode.triwulan
            for tw, (value, cell) in fixed.items():
                series[tw - 1] = value
                refs[tw - 1] = cell
            total = sum((v for v in series if v is not None), Decimal(0))
            if total > row.pagu:
                cell = next(c for c in reversed(refs) if c)
                self.out.add(
                    Code.ANGGARAN_MELEBIHI_PAGU,
                    sheet="Anggaran",
                    cell=cell,
                    kode=kode,
                    tw=_romawi(len(series)),
                    total=C.number_text(total),
                    pagu=C.number_text(row.pagu),
                )

    def _narasi(self, ch: Any) -> list[Any]:
        from kinerja_cli.io.xlsx import clean_text as clean
        from kinerja_cli.store.corrections import Correction, own_value

        ind = self.ind.get(ch.kode or "")
        if ind is None:
            return self._from_pk(ch)
        db = self._owner(ch, ind.bidang)
        if db is None:
            return []
        text, cleaned = clean("" if ch.baru is None else str(ch.baru))
        before = len(self.out.findings)
        text = C.check_narasi(
            text.strip(), cleaned, self.out, ch.sheet, ch.cell, ind.kode, ch.header or ""
        )
        if has_errors(self.out.findings[before:]):
            return []
        c = Correction(
            "narasi",
            ind.bidang,
            ind.kode,
            ch.field,
            _show(ch.lama),
            text,
            sheet=ch.sheet,
            cell=ch.cell,
        )
        return [_with_basis(c, db, own_value(db, c))]


def _with_basis(c: Any, db: DataBidang, basis: str | None) -> Any:
    import dataclasses

    return dataclasses.replace(c, basis=basis, basis_sha256=db.sha256 or None)


def _old(ind: Indikator | None, v: Any) -> str | None:
    """The value kinerja wrote in the draft, stored like a corrected value."""
    from kinerja_cli.domain.capaian import parse_biner
    from kinerja_cli.domain.numbers import NumberError, parse_number
    from kinerja_cli.store.corrections import encode_value

    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if ind is not None and not ind.numerik:
        yn = parse_biner(v)
        return encode_value(yn) if yn is not None else str(v)
    try:
        return encode_value(C.canonical(parse_number(v).nilai))
    except NumberError:
        return str(v)


def display(c: Any, text: str | None) -> str:
    """A recorded value as a person reads it: 1.234,5; Ya/Tidak; the text."""
    from kinerja_cli.store.corrections import BINER

    if text is None or text == "":
        return "(kosong)"
    if c.kind == "narasi":
        return text
    if text in BINER:
        return "Ada" if BINER[text] else "Tidak Ada"
    try:
        return C.number_text(Decimal(text))
    except Exception:
        return text


def json_value(c: Any, text: str | None) -> Any:
    """A recorded value for JSON: a number, true/false, or the text."""
    from kinerja_cli.store.corrections import BINER

    if text is None or text == "" or c.kind == "narasi":
        return text
    if text in BINER:
        return BINER[text]
    try:
        d = Decimal(text)
    except Exception:
        return text
    return int(d) if d == d.to_integral_value() else float(d)


def _blank(v: Any) -> Any:
    return None if v is None or (isinstance(v, str) and not v.strip()) else v


def _show(v: Any) -> str | None:
    """A cell's value as text for the record and the messages."""
    if v is None:
        return None
    if isinstance(v, float):
        d = Decimal(repr(v))
        return C.number_text(C.canonical(d))
    if isinstance(v, int) and not isinstance(v, bool):
        return C.number_text(Decimal(v))
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()
    return " ".join(str(v).split())


def _romawi(k: int) -> str:
    from kinerja_cli.domain.periode import romawi

    return romawi(k)


__all__ = ["DITERAPKAN", "DITOLAK", "ERROR", "TANPA_PERUBAHAN", "KoreksiResult", "koreksi"]
