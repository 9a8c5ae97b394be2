"""Write the compiled draft workbook (docs/contract.md §7) atomically, and name it.

The sheets are listed once, in `SHEETS`, each with its writer (one module per sheet). The workbook is deterministic: fixed document properties, no clock in the cells
except the compile date the caller passes in `Kompilasi.dibuat`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from kinerja_cli import __version__
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.io.atomic import atomic_save
from kinerja_cli.io.draft import (
    anggaran,
    catatan,
    efisiensi,
    pengukuran,
    per_bidang,
    permasalahan,
    renja,
    ringkasan,
)


class Sheet(NamedTuple):
    """One draft sheet: its name, the function that writes it, and whether its table rows are
    keyed by a `Kode` column (then `kinerja diff` compares two drafts row by row there)."""

    name: str
    write: Callable[[Any, Kompilasi], None]
    keyed: bool = False


# The draft's sheets in order: the one place to add a sheet.
SHEETS: tuple[Sheet, ...] = (
    Sheet("Ringkasan", ringkasan.write),
    Sheet("Pengukuran", pengukuran.write, keyed=True),
    Sheet("Per Bidang", per_bidang.write),
    Sheet("Anggaran", anggaran.write, keyed=True),
    Sheet("Efisiensi", efisiensi.write),
    Sheet("Permasalahan", permasalahan.write, keyed=True),
    Sheet("Evaluasi Renja", renja.write),
    Sheet("Catatan", catatan.write),
)
SHEET_NAMES = tuple(s.name for s in SHEETS)


def draft_filename(tahun: int, periode: Periode, versi: int = 1) -> str:
    """`Draf-Pengukuran-Kinerja-2025-TW2.xlsx`; version 2 on is `...-TW2-v2.xlsx`."""
    suffix = "" if versi <= 1 else f"-v{versi}"
    label = "Tahunan" if periode.tahunan else periode.kode
    return f"Draf-Pengukuran-Kinerja-{tahun}-{label}{suffix}.xlsx"


def build_workbook(k: Kompilasi) -> Any:
    """The draft as an openpyxl Workbook (not saved)."""
    from openpyxl import Workbook

    from kinerja_cli.io.draft.common import forget_formats, register_draft_styles
    from kinerja_cli.io.xlsx import register_styles

    wb = Workbook()
    register_styles(wb)
    register_draft_styles(wb)
    first = wb.active
    try:
        for i, sheet in enumerate(SHEETS):
            ws = first if i == 0 else wb.create_sheet(sheet.name)
            ws.title = sheet.name
            sheet.write(ws, k)
    finally:
        forget_formats()
    _identity(wb.create_sheet(IDENTITY_SHEET), k)
    idn = k.identitas
    wb.properties.creator = f"kinerja {__version__}"
    wb.properties.lastModifiedBy = f"kinerja {__version__}"
    wb.properties.title = f"Draf Pengukuran Kinerja {k.periode.label} {k.tahun} - {idn.singkatan or idn.perangkat_daerah}"
    fixed = dt.datetime(k.tahun or 2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    return wb


IDENTITY_SHEET = "_kinerja"  # very hidden: the draft's identity (docs/contract.md §11)


def draft_identity(k: Kompilasi) -> dict[str, str]:
    """What the draft says it is: a `kinerja koreksi` of any copy finds its original by it."""
    import json

    from kinerja_cli.io.draft.json_doc import to_json

    pk_sha = next(iter(k.input_sha256.values()), "")  # the PK is the first input
    # The date only, like the Ringkasan's "Dikompilasi ... pada": recompiling unchanged data the
    # same day gives the same bytes. The figures themselves are part of the identity, so two
    # drafts of one day from different data (before and after a correction) are different.
    dibuat = k.dibuat.date().isoformat() if k.dibuat else ""
    figures = hashlib.sha256(json.dumps(to_json(k), sort_keys=True, default=str).encode())
    basis = f"{k.tahun}|{k.periode.kode}|{pk_sha}|{dibuat}|{figures.hexdigest()}"
    return {
        "draft_id": f"{k.tahun}-{k.periode.kode}-draf-{hashlib.sha256(basis.encode()).hexdigest()[:12]}",
        "versi_alat": __version__,
        "tahun": str(k.tahun),
        "periode": k.periode.kode,
        "sidik_pk": pk_sha,
        "dibuat": dibuat,
    }


def _identity(ws: Any, k: Kompilasi) -> None:
    for r, (key, value) in enumerate(draft_identity(k).items(), start=1):
        ws.cell(r, 1).value = key
        ws.cell(r, 2).value = value
    ws.sheet_state = "veryHidden"


def save_deterministic(wb: Any, path: Path, when: dt.datetime) -> None:
    """Save like `wb.save`, but with fixed zip entry times and the workbook's own `modified`
    (openpyxl stamps both with the clock), so equal inputs give byte-identical drafts."""
    from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

    from openpyxl.writer.excel import ExcelWriter

    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)

    class _FixedZip(ZipFile):
        def writestr(
            self,
            zinfo_or_arcname: Any,
            data: Any,
            compress_type: Any = None,
            compresslevel: Any = None,
        ) -> None:
            if isinstance(zinfo_or_arcname, str):
                info = ZipInfo(zinfo_or_arcname, date_time=stamp)
                info.compress_type = ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zinfo_or_arcname = info
            super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

        def write(
            self,
            filename: Any,
            arcname: Any = None,
            compress_type: Any = None,
            compresslevel: Any = None,
        ) -> None:
            # openpyxl writes each worksheet from a temp file, whose mtime ZipFile would copy.
            self.writestr(str(arcname or filename), Path(filename).read_bytes())

    archive = _FixedZip(path, "w", ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # closes the archive


def write_draft(k: Kompilasi, target: Path) -> str:
    """Write the draft to `target` atomically; return the SHA-256 of the bytes written."""
    wb = build_workbook(k)
    fixed = dt.datetime(k.tahun or 2000, 1, 1)
    atomic_save(Path(target), lambda tmp: save_deterministic(wb, tmp, fixed))
    return hashlib.sha256(Path(target).read_bytes()).hexdigest()
