"""Start a new year's PK from last year's: bidang, officials and indicator codes carried over.

The year's own figures (targets, pagu) are emptied, and every word that names the year is the
new one: the `Tahun` in Identitas, the title rows above each table, the workbook title, and the
`Petunjuk` sheet (kinerja's own is written afresh, with the instructions of this version; a
PK without one gets it). The Pagu and Rencana TW columns get the template's input messages
instead of any type check that would refuse "Rp1.500.000,00" (io/pk/template.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kinerja_cli.io.atomic import atomic_save
from kinerja_cli.io.xlsx import find_sheet, locate, norm

_RENCANA = ("Rencana TW I", "Rencana TW II", "Rencana TW III", "Rencana TW IV")
# Columns that belong to one year only: emptied so the new PK's values must be typed in (last
# year's DPA cash plan is no plan for this year). A blank Pagu of a program/kegiatan row stays
# blank: it is the sum of its sub-kegiatan.
_PER_TAHUN = {
    "Indikator": ("Target", "Target TW I", "Target TW II", "Target TW III", "Target TW IV"),
    "Anggaran": ("Pagu", *_RENCANA),
}
_SHEETS = ("Identitas", "Bidang", "Indikator", "Anggaran")
# docs/contract.md §14: the Renstra's realisation s/d last year moves on by a year; the Target
# Renstra, Pagu Renstra and the component names hold for the whole Renstra period and stay.
REALISASI_RENSTRA = "Realisasi Renstra s/d Tahun Lalu"
PAGU_RENSTRA = "Pagu Renstra"


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
    lama: int | None = None
    ws = find_sheet(wb, "Identitas")
    if ws is not None and (t := locate(ws, ("Isian", "Nilai"))) is not None:
        ci, cn = t.col("Isian"), t.col("Nilai")
        for r in range(t.header_row + 1, (ws.max_row or 0) + 1):
            if ci and cn and norm(ws.cell(r, ci).value) == "tahun":
                lama = _year(ws.cell(r, cn).value)
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
    if lama is not None and lama != tahun:
        _rename_year(wb, lama, tahun)
    _petunjuk(wb, lama, tahun)
    _rupiah_prompts(wb)
    atomic_save(dest, wb.save)


def _year(value: Any) -> int | None:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if 2000 <= year <= 2100 else None


def _replace_year(text: str, lama: int, baru: int) -> str:
    return re.sub(rf"(?<!\d){lama}(?!\d)", str(baru), text)


def _rename_year(wb: Any, lama: int, baru: int) -> None:
    """Title rows above each table and the workbook title name the new year."""
    for name in _SHEETS:
        ws = find_sheet(wb, name)
        table = locate(ws, ("Kode",) if name != "Identitas" else ("Isian",)) if ws else None
        if ws is None or table is None:
            continue
        for row in ws.iter_rows(max_row=table.header_row - 1):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = _replace_year(cell.value, lama, baru)
    if wb.properties.title:
        wb.properties.title = _replace_year(wb.properties.title, lama, baru)


def _petunjuk(wb: Any, lama: int | None, tahun: int) -> None:
    """kinerja's Petunjuk written afresh for the new year (also when the PK had none); a
    Petunjuk sheet of the agency's own keeps its text, with the year renamed."""
    from kinerja_cli.io.pk.template import PETUNJUK_JUDUL, write_petunjuk

    ws = find_sheet(wb, "Petunjuk")
    ours = PETUNJUK_JUDUL.split("{")[0].strip()
    if ws is not None and not str(ws.cell(1, 1).value or "").startswith(ours):
        if lama is not None and lama != tahun:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.value = _replace_year(cell.value, lama, tahun)
        return
    index = 0
    if ws is not None:
        index = wb.sheetnames.index(ws.title)
        wb.remove(ws)
    write_petunjuk(wb.create_sheet("Petunjuk", index), tahun)


def _rupiah_prompts(wb: Any) -> None:
    """The Pagu, Rencana TW and Renstra rupiah columns: the template's input messages, no type
    check."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import MultiCellRange

    from kinerja_cli.io.pk.template import rupiah_validations

    ws = find_sheet(wb, "Anggaran")
    table = locate(ws, ("Kode", "Pagu")) if ws is not None else None
    if ws is None or table is None:
        return
    pagu = table.col("Pagu")
    rencana = [c for h in _RENCANA if (c := table.col(h))]
    renstra = [c for h in (PAGU_RENSTRA, REALISASI_RENSTRA) if (c := table.col(h))]
    rupiah = {c for c in (pagu, *rencana, *renstra) if c}
    for dv in list(ws.data_validations.dataValidation):
        cells = MultiCellRange(str(dv.sqref))
        touches = any(r.min_col <= c <= r.max_col for r in cells.ranges for c in rupiah)
        if touches and dv.type in ("decimal", "whole"):
            ws.data_validations.dataValidation.remove(dv)
    columns = {
        "Pagu": tuple(get_column_letter(c) for c in (pagu,) if c),
        "Rencana": tuple(get_column_letter(c) for c in rencana),
        "Renstra": tuple(get_column_letter(c) for c in renstra),
    }
    first = table.header_row + 1
    for dv in rupiah_validations(columns, first, max(first + 999, ws.max_row or 0)):
        ws.add_data_validation(dv)


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
