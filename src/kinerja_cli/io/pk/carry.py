"""Start a new year's PK from last year's: bidang, officials and indicator codes carried over."""

from __future__ import annotations

from pathlib import Path

from kinerja_cli.io.atomic import atomic_save
from kinerja_cli.io.xlsx import find_sheet, locate, norm

# Columns that belong to one year only: emptied so the new PK's values must be typed in.
_PER_TAHUN = {
    "Indikator": ("Target", "Target TW I", "Target TW II", "Target TW III", "Target TW IV"),
    "Anggaran": ("Pagu",),
}


def carry_over_pk(src: Path, dest: Path, tahun: int) -> None:
    """Copy last year's PK to `dest` with Tahun set and the year's targets and pagu emptied."""
    import openpyxl

    from kinerja_cli.io.xlsx import ensure_defused_openpyxl

    ensure_defused_openpyxl()
    wb = openpyxl.load_workbook(src)
    ws = find_sheet(wb, "Identitas")
    if ws is not None and (t := locate(ws, ("Isian", "Nilai"))) is not None:
        ci, cn = t.col("Isian"), t.col("Nilai")
        for r in range(t.header_row + 1, (ws.max_row or 0) + 1):
            if ci and cn and norm(ws.cell(r, ci).value) == "tahun":
                ws.cell(r, cn).value = tahun
    for sheet, cols in _PER_TAHUN.items():
        ws = find_sheet(wb, sheet)
        table = locate(ws, ("Kode",)) if ws is not None else None
        if ws is None or table is None:
            continue
        for h in cols:
            c = table.col(h)
            if not c:
                continue
            for r in range(table.header_row + 1, (ws.max_row or 0) + 1):
                cell = ws.cell(r, c)
                if type(cell).__name__ != "MergedCell":
                    cell.value = None
    atomic_save(dest, wb.save)
