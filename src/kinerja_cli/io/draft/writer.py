"""Write the compiled draft workbook (docs/contract.md §7) atomically, and name it.

The sheets are listed once, in `SHEETS`, each with its writer (one module per sheet). The
workbook is written by xlsxwriter in constant_memory mode (docs/performance.md §6), row by
row, so memory does not grow with the number of indicators. It is deterministic: fixed
document properties and zip entry times, no clock in the cells except the compile date the
caller passes in `Kompilasi.dibuat`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from kinerja_cli import __version__
from kinerja_cli.domain import nama
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.io.atomic import atomic_save
from kinerja_cli.io.draft import (
    anggaran,
    catatan,
    efisiensi,
    identitas,
    pengukuran,
    per_bidang,
    permasalahan,
    renja,
    ringkasan,
)
from kinerja_cli.io.draft.common import Book, SheetWriter, forget_formats


class Sheet(NamedTuple):
    """One draft sheet: its name, the function that writes it, whether its table rows are
    keyed by a `Kode` column (then `kinerja diff` compares two drafts row by row there), and
    whether it is the hidden identity sheet."""

    name: str
    write: Callable[[SheetWriter, Kompilasi], None]
    keyed: bool = False
    hidden: bool = False


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
    Sheet(identitas.IDENTITY_SHEET, identitas.write, hidden=True),
)
SHEET_NAMES = tuple(s.name for s in SHEETS)


def draft_filename(tahun: int, periode: Periode, versi: int = 1) -> str:
    """`Draf-Pengukuran-Kinerja-2025-TW2.xlsx`; version 2 on is `...-TW2-v2.xlsx`."""
    suffix = "" if versi <= 1 else f"-v{versi}"
    label = "Tahunan" if periode.tahunan else periode.kode
    return f"Draf-Pengukuran-Kinerja-{tahun}-{label}{suffix}.xlsx"


def build(k: Kompilasi, path: Path, *, reference: bool = False) -> None:
    """Write the draft workbook to `path` (not atomically: see `write_draft`). `reference`:
    every cell through xlsxwriter's public API (slower; the tests compare the two)."""
    import xlsxwriter
    import xlsxwriter.exceptions

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        book = Book(wb)
        for sheet in SHEETS:
            sh = SheetWriter(book, wb.add_worksheet(sheet.name), reference=reference)
            sheet.write(sh, k)
            sh.close()
        wb.worksheets()[0].activate()
        idn = k.identitas
        fixed = dt.datetime(k.tahun or 2000, 1, 1, tzinfo=dt.UTC)
        pd = idn.singkatan or nama.perangkat_daerah(idn.perangkat_daerah, idn.pemda)
        wb.set_properties(
            {
                "title": f"Draf Pengukuran Kinerja {k.periode.label} {k.tahun} - {pd}",
                "author": f"kinerja {__version__}",
                "created": fixed,
            }
        )
    except BaseException:
        _discard(wb)  # nothing half-written is packaged; the row files go
        raise
    finally:
        forget_formats()
    try:
        wb.close()
    except xlsxwriter.exceptions.FileCreateError as exc:
        # xlsxwriter wraps the OSError (a full disk, a locked file): hand on the original,
        # which the command reports as such (docs/reliability.md E67).
        cause = exc.args[0] if exc.args else None
        raise (cause if isinstance(cause, OSError) else OSError(str(exc))) from exc


def _discard(wb: Any) -> None:
    """Drop an unfinished workbook: close and delete its constant_memory row files."""
    import os

    wb.fileclosed = True
    for ws in wb.worksheets():
        fh = getattr(ws, "row_data_fh", None)
        if fh is not None:
            fh.close()
            with contextlib.suppress(OSError):
                os.unlink(ws.row_data_filename)


def write_draft(k: Kompilasi, target: Path) -> str:
    """Write the draft to `target` atomically; return the SHA-256 of the bytes written."""
    atomic_save(Path(target), lambda tmp: build(k, tmp))
    return hashlib.sha256(Path(target).read_bytes()).hexdigest()
