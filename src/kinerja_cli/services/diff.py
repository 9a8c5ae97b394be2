"""`kinerja diff A B`: what changed between two submissions or two compiled drafts (SOP step 8).

A and B are files (in the inbox or anywhere) or the SHA-256 prefix of a file kept in the store.
Two forms: realisations per indicator and quarter, narratives, budget, and locked values that
differ from the PK in one version but not the other. Two drafts: every cell of the tables of
`Pengukuran`, `Anggaran` and `Permasalahan`, row by code (the Sekretaris' corrections show up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja_cli.domain.perubahan import Perubahan, bandingkan
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.workspace import Workspace


@dataclass
class DiffResult:
    """The changes from A (lama) to B (baru)."""

    jenis: str  # "kiriman", "draf" or "pk"
    a: str
    b: str
    perubahan: list[Perubahan] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """`{"jenis", "a", "b", "jumlah", "perubahan": [{"jenis","kode","kolom","lama","baru"}]}`."""
        return {
            "jenis": self.jenis,
            "a": self.a,
            "b": self.b,
            "jumlah": len(self.perubahan),
            "perubahan": [p.__dict__ for p in self.perubahan],
            "catatan": self.catatan,
        }


def _load(ws: Workspace, ref: str) -> tuple[str, bytes]:
    """(display name, bytes) of a file path, `pk:N` (a recorded PK version) or a stored SHA-256
    prefix."""
    p = Path(ref)
    if p.is_file():
        return p.name, p.read_bytes()
    if m := re.fullmatch(r"pk:(\d+)", ref.strip(), re.IGNORECASE):
        return _pk_version(ws, int(m.group(1)))
    if not p.is_absolute() and (ws.root / p).is_file():  # `pk.xlsx` with --workspace
        return p.name, (ws.root / p).read_bytes()
    if (ws.masuk / ref).is_file():
        return ref, (ws.masuk / ref).read_bytes()
    if re.fullmatch(r"[0-9a-fA-F]{8,64}", ref):
        matches = sorted(ws.berkas.glob(f"*/{ref.lower()}*")) if ws.berkas.exists() else []
        if len(matches) == 1:
            return f"{ref[:12]} (arsip kiriman)", matches[0].read_bytes()
        if len(matches) > 1:
            raise KinerjaError(
                f"awalan SHA-256 {ref} cocok dengan {len(matches)} berkas; tulis lebih panjang"
            )
    raise KinerjaError(
        f"{ref} tidak ditemukan (berkas, berkas di masuk/, atau awalan SHA-256 kiriman)"
    )


def _pk_version(ws: Workspace, versi: int) -> tuple[str, bytes]:
    from kinerja_cli.store import pk_versions as rec
    from kinerja_cli.store.berkas import pk_folder, read_copy
    from kinerja_cli.store.db import Store

    records = []
    if ws.db.exists():
        with Store.open(ws) as store:
            records = rec.recorded(store)
    found = next((r for r in records if r.versi == versi), None)
    if found is None:
        known = ", ".join(f"pk:{r.versi}" for r in records) or "belum ada (belum ada formulir)"
        raise KinerjaError(f"PK versi {versi} tidak tercatat; yang tercatat: {known}")
    data = read_copy(ws, found.sha256, pk_folder(ws))
    if data is None:
        raise KinerjaError(f"salinan PK versi {versi} hilang atau rusak")
    return f"PK versi {versi}", data


def _is_pk(data: bytes) -> bool:
    """A PK workbook: its Identitas, Indikator and Anggaran sheets, no form or draft sheet."""
    from kinerja_cli.io.xlsx import preflight

    pre = preflight(data, "x.xlsx")
    names = {n.casefold() for n in pre.sheet_parts}
    return (
        pre.ok
        and {"identitas", "indikator", "anggaran"} <= names
        and not names & {"kinerja", "pengukuran"}
    )


def _diff_pks(ws: Workspace, name_a: str, data_a: bytes, name_b: str, data_b: bytes) -> DiffResult:
    """Every changed cell between two PKs (docs/contract.md §13), each named by its cell in B."""
    from kinerja_cli.domain.pk_changes import pk_changes
    from kinerja_cli.io.pk import read_pk_bytes

    pks = []
    for name, data in ((name_a, data_a), (name_b, data_b)):
        read = read_pk_bytes(data, name, ws.settings.rumus_turun)
        if read.pk is None:
            raise KinerjaError(f"{name} bukan PK yang dapat dibaca (lihat kinerja check-pk)")
        pks.append(read.pk)
    res = DiffResult("pk", name_a, name_b)
    res.perubahan = [
        Perubahan(c.sheet, c.kode, c.kolom, c.lama, c.baru, sel=c.where)
        for c in pk_changes(pks[0], pks[1])
    ]
    return res


def _is_draft(data: bytes) -> bool:
    from kinerja_cli.io.draft import read_draft_identity
    from kinerja_cli.io.xlsx import preflight

    if read_draft_identity(data) is not None:
        return True
    # A draft from before drafts carried their identity: a Pengukuran sheet and no
    # identity sheet (a form's is `_kinerja` too).
    pre = preflight(data, "x.xlsx")
    names = {n.casefold() for n in pre.sheet_parts}
    # A draft has a Pengukuran sheet (its identity sheet is `_kinerja`, like a form's); a form
    # never has one.
    return pre.ok and "pengukuran" in names and "kinerja" not in names


def diff(ws: Workspace, a: str, b: str) -> DiffResult:
    """Compare two submissions or two drafts."""
    name_a, data_a = _load(ws, a)
    name_b, data_b = _load(ws, b)
    pk_a, pk_b = _is_pk(data_a), _is_pk(data_b)
    if pk_a or pk_b:
        if pk_a != pk_b:
            raise KinerjaError("A dan B harus sejenis: dua PK, dua kiriman, atau dua draf")
        return _diff_pks(ws, name_a, data_a, name_b, data_b)
    draft_a, draft_b = _is_draft(data_a), _is_draft(data_b)
    if draft_a != draft_b:
        raise KinerjaError("A dan B harus sejenis: dua kiriman formulir atau dua draf kompilasi")
    if draft_a:
        return _diff_drafts(name_a, data_a, name_b, data_b)
    return _diff_forms(ws, name_a, data_a, name_b, data_b)


def _diff_forms(
    ws: Workspace, name_a: str, data_a: bytes, name_b: str, data_b: bytes
) -> DiffResult:
    from kinerja_cli.io.form import read_form
    from kinerja_cli.services.setup import require_pk

    pk = require_pk(ws)
    ra, rb = read_form(data_a, name_a, pk), read_form(data_b, name_b, pk)
    res = DiffResult("kiriman", name_a, name_b)
    for r, name in ((ra, name_a), (rb, name_b)):
        if r.data is None:
            raise KinerjaError(
                f"{name} bukan formulir kinerja yang dapat dibaca "
                f"({r.findings[0].message if r.findings else r.kind})"
            )
    assert ra.data is not None and rb.data is not None
    if (ra.bidang, ra.periode) != (rb.bidang, rb.periode):
        res.catatan.append(
            f"A adalah {ra.bidang} {ra.periode}, B adalah {rb.bidang} {rb.periode}: bukan versi "
            "formulir yang sama"
        )
    res.perubahan = bandingkan(ra.data, rb.data)

    # Locked values: a finding about a changed locked cell present in one version only.
    def locked(r: Any) -> dict[tuple[str | None, str | None], str]:
        return {(f.kode, f.code): f.message for f in r.findings if f.code.endswith("-diubah")}

    la, lb = locked(ra), locked(rb)
    for key in sorted(set(la) | set(lb), key=lambda k: (k[0] or "", k[1] or "")):
        if la.get(key) != lb.get(key):
            res.perubahan.append(
                Perubahan(
                    "terkunci",
                    key[0] or "",
                    key[1] or "",
                    la.get(key, "sama dengan PK"),
                    lb.get(key, "sama dengan PK"),
                )
            )
    return res


def _diff_drafts(name_a: str, data_a: bytes, name_b: str, data_b: bytes) -> DiffResult:
    from kinerja_cli.io.draft import TABLE_SHEETS, read_tables

    res = DiffResult("draf", name_a, name_b)
    ta, tb = read_tables(data_a), read_tables(data_b)
    for sheet in TABLE_SHEETS:
        ra, rb = ta.get(sheet, {}), tb.get(sheet, {})
        for kode in list(dict.fromkeys([*ra, *rb])):
            ca, cb = ra.get(kode), rb.get(kode)
            if ca is None or cb is None:
                res.perubahan.append(
                    Perubahan(
                        sheet,
                        kode,
                        "baris",
                        "" if ca is None else "ada",
                        "" if cb is None else "ada",
                    )
                )
                continue
            for col in dict.fromkeys([*ca, *cb]):
                if ca.get(col, "") != cb.get(col, ""):
                    res.perubahan.append(
                        Perubahan(sheet, kode, col, ca.get(col, ""), cb.get(col, ""))
                    )
    return res
