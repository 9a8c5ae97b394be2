"""Start a new year's PK from last year's: bidang, officials and indicator codes carried over."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kinerja_cli.io.atomic import atomic_save
from kinerja_cli.io.xlsx import find_sheet, locate, norm

# Columns that belong to one year only: emptied so the new PK's values must be typed in.
_PER_TAHUN = {
    "Indikator": ("Target", "Target TW I", "Target TW II", "Target TW III", "Target TW IV"),
    "Anggaran": ("Pagu",),
}
# docs/contract.md §14: the Renstra's realisation s/d last year moves on by a year; the Target
# Renstra, Pagu Renstra and the component names hold for the whole Renstra period and stay.
REALISASI_RENSTRA = "Realisasi Renstra s/d Tahun Lalu"


def carry_over_pk(
    src: Path,
    dest: Path,
    tahun: int,
    renstra_lalu: Mapping[str, Mapping[str, object]] | None = None,
) -> None:
    """Copy last year's PK to `dest` with Tahun set and the year's targets and pagu emptied.

    `renstra_lalu`: per sheet (Indikator, Anggaran), kode -> last year's realisation s/d its
    year (Evaluasi Renja column 13), written as this year's `Realisasi Renstra s/d Tahun Lalu`;
    without it that column is emptied."""
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
        _renstra(ws, table, (renstra_lalu or {}).get(sheet, {}))
    atomic_save(dest, wb.save)


def _renstra(ws: Any, table: Any, values: Mapping[str, object]) -> None:
    c, kc = table.col(REALISASI_RENSTRA), table.col("Kode")
    if not c or not kc:
        return
    for r in range(table.header_row + 1, (ws.max_row or 0) + 1):
        cell = ws.cell(r, c)
        if type(cell).__name__ == "MergedCell":
            continue
        kode = str(ws.cell(r, kc).value or "").strip().rstrip(".")
        cell.value = values.get(kode)
