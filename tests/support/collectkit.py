"""Test kit for collect: a small stand-in for io.form_reader.read_form, and a form filler.

`stub_read` understands the forms `init-form` writes (identity sheet, Kinerja and Anggaran
sheets) well enough to exercise collect's orchestration: acceptance, rejection with cells,
versions, feedback. It is not the real reader and checks only a few rules.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kinerja_cli.domain.findings import ERROR, WARNING, Finding, has_errors
from kinerja_cli.domain.models import PK, Arah, DataBidang, Narasi, Nilai
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.pk_versions import PKVersions
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.workspace import Workspace
from support.fakedata import example_data

_ANGKA = re.compile(r"^\d+(,\d+)?$")
YA = {"ada", "ya", "tersedia"}
TIDAK = {"tidak ada", "tidak", "tidak tersedia"}


@dataclass
class StubRead:
    """The FormRead fields collect uses."""

    kind: str
    form_id: str | None = None
    bidang: str | None = None
    periode: Periode | None = None
    tahun: int | None = None
    data: DataBidang | None = None
    findings: list[Finding] = field(default_factory=list)
    producer: str | None = "stub"

    @property
    def ok(self) -> bool:
        return self.data is not None and not has_errors(self.findings)


def _nilai(v: Any, biner: bool) -> Nilai | str | None:
    """The value, None when blank, or the raw text when it is not valid."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if biner:
        t = str(v).strip().casefold()
        return True if t in YA else False if t in TIDAK else str(v)
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int | float):
        return Decimal(str(v))
    if isinstance(v, str) and _ANGKA.match(v.strip()):
        return Decimal(v.strip().replace(",", "."))
    return str(v)


def stub_read(
    data: bytes, name: str, pk: PK | PKVersions, *, periode_wajib: Periode | None = None
) -> StubRead:
    """Read a form written by init-form (enough for collect's tests)."""
    if isinstance(pk, PKVersions):  # collect hands the reader every PK version
        pk = pk.latest.pk
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from kinerja_cli.io.xlsx.guard import preflight

    pf = preflight(data, name)
    if not pf.ok:
        return StubRead(pf.kind, findings=list(pf.findings), producer=None)
    wb = load_workbook(io.BytesIO(data), data_only=True)
    if L.IDENTITAS not in wb.sheetnames:
        return StubRead(
            pf.kind,
            findings=[Finding("bukan-formulir", ERROR, "bukan formulir kinerja", file=name)],
        )
    ident = {
        str(r[0]): str(r[1])
        for r in wb[L.IDENTITAS].iter_rows(min_row=2, values_only=True)
        if r[0] is not None
    }
    periode = Periode.parse(ident["periode"])
    bidang = ident["bidang"]
    out = StubRead(pf.kind, ident.get("form_id"), bidang, periode, int(ident["tahun"]))
    db = DataBidang(bidang=bidang)
    ws = wb[L.KINERJA]
    komponen = any(i.komponen for i in pk.indikator_of(bidang))
    cols = L.kinerja_columns(periode, komponen)
    f = out.findings
    for i, ind in enumerate(pk.indikator_of(bidang)):
        r = L.FIRST_ROW + i
        vals: list[Nilai | None] = []
        narasi: dict[str, str] = {}
        for c, col in enumerate(cols, start=1):
            cell = f"{get_column_letter(c)}{r}"
            v = ws[cell].value
            if col.field == "kode" and v != ind.kode:
                f.append(
                    Finding(
                        "urutan-baris-berubah",
                        ERROR,
                        f"baris {r} bukan {ind.kode}",
                        name,
                        L.KINERJA,
                        cell,
                        ind.kode,
                    )
                )
            elif col.field == "target" and isinstance(ind.target, Decimal) and v is not None:
                if not isinstance(v, int | float) or Decimal(str(v)) != ind.target:
                    f.append(
                        Finding(
                            "target-diubah",
                            ERROR,
                            f"Target {v!r} berbeda dari PK ({ind.target_teks})",
                            name,
                            L.KINERJA,
                            cell,
                            ind.kode,
                        )
                    )
            elif col.field in ("pembilang", "penyebut") and ind.komponen:
                n = _nilai(v, False)
                getattr(db, col.field).setdefault(ind.kode, []).append(
                    n if isinstance(n, Decimal) else None
                )
            elif col.field == "realisasi" and ind.komponen:
                vals.append(None)  # computed from Pembilang and Penyebut below
            elif col.field == "realisasi":
                n = _nilai(v, ind.arah == Arah.BINER)
                if isinstance(n, str):
                    f.append(
                        Finding(
                            "realisasi-bukan-angka",
                            ERROR,
                            f'"{n}" bukan angka; tulis dengan koma desimal, mis. 98,5',
                            name,
                            L.KINERJA,
                            cell,
                            ind.kode,
                        )
                    )
                    n = None
                elif n is None and col.tw == periode.triwulan:
                    f.append(
                        Finding(
                            "realisasi-kosong",
                            ERROR,
                            "realisasi triwulan ini kosong; isi angkanya",
                            name,
                            L.KINERJA,
                            cell,
                            ind.kode,
                        )
                    )
                elif n is None:
                    f.append(
                        Finding(
                            "triwulan-sebelumnya-kosong",
                            WARNING,
                            "realisasi triwulan sebelumnya kosong",
                            name,
                            L.KINERJA,
                            cell,
                            ind.kode,
                        )
                    )
                vals.append(n)
            elif col.kind == "narasi":
                narasi[col.field] = "" if v is None else str(v)
        if ind.komponen:
            from kinerja_cli.domain.capaian import realisasi_komponen_tw

            vals = list(
                realisasi_komponen_tw(
                    db.pembilang.get(ind.kode, []), db.penyebut.get(ind.kode, []), periode.triwulan
                )
            )
        db.realisasi[ind.kode] = vals
        db.narasi[ind.kode] = Narasi(**narasi)
    if L.ANGGARAN in wb.sheetnames:
        wa = wb[L.ANGGARAN]
        for i, a in enumerate(pk.anggaran_of(bidang)):
            if pk.is_parent(a.kode):
                continue
            r = L.FIRST_ROW + i
            row: list[Decimal | None] = []
            for k in periode.quarters:
                v = _nilai(wa.cell(r, 3 + k).value, False)
                row.append(v if isinstance(v, Decimal) else None)
            db.anggaran[a.kode] = row
    out.data = db
    return out


def real_or_stub() -> Any:
    """io.form_reader.read_form when it exists, else the stand-in above."""
    try:
        from kinerja_cli.io.form.reader import read_form
    except ImportError:
        return stub_read
    return read_form


def fill_form(
    src: Path,
    dest: Path,
    data: DataBidang,
    *,
    edits: dict[str, Any] | None = None,
    mtime: float | None = None,
) -> Path:
    """Fill a form written by init-form with `data` (plus raw cell `edits`), like a bidang would."""
    from openpyxl import load_workbook

    wb = load_workbook(src)
    ws = wb[L.KINERJA]
    periode = Periode.parse(
        next(str(r[1]) for r in wb[L.IDENTITAS].iter_rows(values_only=True) if r[0] == "periode")
    )
    headers = {ws.cell(L.HEADER_ROW, c).value for c in range(1, ws.max_column + 1)}
    cols = L.kinerja_columns(periode, L.pembilang_header(1) in headers)
    by_kode = {ws.cell(r, 2).value: r for r in range(L.FIRST_ROW, ws.max_row + 1)}
    for kode, vals in data.realisasi.items():
        r = by_kode[kode]
        komponen = {"pembilang": data.pembilang.get(kode), "penyebut": data.penyebut.get(kode)}
        for c, col in enumerate(cols, start=1):
            if col.field in komponen and col.tw:
                got = komponen[col.field]
                if got and col.tw <= len(got):
                    ws.cell(r, c).value = got[col.tw - 1]
            elif col.field == "realisasi" and kode in data.pembilang:
                continue  # a component indicator's Realisasi is locked (docs/contract.md §14)
            elif col.field == "realisasi" and col.tw and col.tw <= len(vals):
                v = vals[col.tw - 1]
                ws.cell(r, c).value = ("Ada" if v else "Tidak Ada") if isinstance(v, bool) else v
            elif col.kind == "narasi" and kode in data.narasi:
                ws.cell(r, c).value = getattr(data.narasi[kode], col.field) or None
    if L.ANGGARAN in wb.sheetnames:
        wa = wb[L.ANGGARAN]
        rows = {wa.cell(r, 1).value: r for r in range(L.FIRST_ROW, wa.max_row + 1)}
        for kode, vals in data.anggaran.items():
            for k, v in enumerate(vals, start=1):
                wa.cell(rows[kode], 3 + k).value = v
    for ref, v in (edits or {}).items():
        sheet, cell = ref.split("!")
        wb[sheet][cell].value = v
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    if mtime is not None:
        os.utime(dest, (mtime, mtime))
    return dest


# ---- fixtures: a TW2 workspace with every bidang's form filled, built once --------------

TW2 = Periode(2)
EXAMPLE_PK = Path(__file__).resolve().parents[2] / "examples" / "pk-balangan-2025.xlsx"
# Before the TW2 2025 return deadline (10 Juli 2025 with the default schedule).
T0 = dt.datetime(2025, 7, 7, 9, 0).timestamp()
# BM's first return: a realisation typed "98.5x", a changed target, a blank own-quarter value.
BM_SALAH = {"Kinerja!J7": "98.5x", "Kinerja!G8": 999, "Kinerja!K9": None}


@dataclass
class Kit:
    """The workspace and the filled forms a test drops into the inbox."""

    ws: Workspace
    pk: PK
    data: dict[str, DataBidang]
    forms: dict[str, Path]  # bidang -> blank form
    isi: Path  # filled forms, by the blank form's name
    salah: Path  # BM's return with mistakes

    def filled(self, bidang: str) -> Path:
        return self.isi / self.forms[bidang].name

    def bm_salah(self) -> Path:
        return self.salah / self.forms["BM"].name

    def put(self, src: Path, name: str | None = None, mtime: float | None = None) -> Path:
        """Drop a file into masuk/ (as a bidang's e-mail attachment would arrive)."""
        dest = self.ws.masuk / (name or src.name)
        shutil.copy2(src, dest)
        if mtime is not None:
            os.utime(dest, (mtime, mtime))
        return dest

    def put_bytes(self, name: str, data: bytes, mtime: float = T0) -> Path:
        dest = self.ws.masuk / name
        dest.write_bytes(data)
        os.utime(dest, (mtime, mtime))
        return dest

    def put_all(self, skip: tuple[str, ...] = ()) -> None:
        for b in self.forms:
            if b not in skip:
                self.put(self.filled(b))

    def refill(
        self,
        bidang: str,
        dest_name: str,
        mtime: float,
        edits: dict[str, Any] | None = None,
        data: DataBidang | None = None,
    ) -> Path:
        """A new return of a bidang straight into masuk/."""
        return fill_form(
            self.forms[bidang],
            self.ws.masuk / dest_name,
            data or self.data[bidang],
            edits=edits,
            mtime=mtime,
        )

    def collect(self, **kw: Any) -> Any:
        from kinerja_cli.services.collect import collect

        kw.setdefault("reader", real_or_stub())
        return collect(self.ws, **kw)


@pytest.fixture(scope="session")
def tw2_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.services.setup import init_forms, init_workspace, require_pk

    base = tmp_path_factory.mktemp("tw2")
    init_workspace(base / "ws", EXAMPLE_PK, None)
    ws = find_workspace(base / "ws")
    res = init_forms(ws, TW2, None, None)
    pk = require_pk(ws)
    data = example_data(pk, TW2)
    for f in res.forms:
        fill_form(f.path, base / "isi" / f.path.name, data[f.bidang], mtime=T0)
    bm = next(f for f in res.forms if f.bidang == "BM")
    fill_form(bm.path, base / "salah" / bm.path.name, data["BM"], edits=BM_SALAH, mtime=T0)
    return base


@pytest.fixture
def kit(tw2_template: Path, tmp_path: Path) -> Kit:
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.services.setup import require_pk

    shutil.copytree(tw2_template, tmp_path / "k")
    ws = find_workspace(tmp_path / "k" / "ws")
    pk = require_pk(ws)
    forms = {p.name.split("-")[2]: p for p in sorted(ws.formulir.glob("*.xlsx"))}
    return Kit(
        ws, pk, example_data(pk, TW2), forms, tmp_path / "k" / "isi", tmp_path / "k" / "salah"
    )


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file's SHA-256 and mtime (ns), to prove the inbox was not touched."""
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def dying_read(data: bytes, name: str, pk: PK, *, periode_wajib: Periode | None = None) -> Any:
    """A reader whose worker process dies on a file named MATI (as if killed for memory)."""
    if "MATI" in name:
        os._exit(3)
    return real_or_stub()(data, name, pk, periode_wajib=periode_wajib)
