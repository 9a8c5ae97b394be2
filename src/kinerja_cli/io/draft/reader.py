"""Read a compiled draft back: the tables of its sheets keyed by indicator or budget code.

Used by `kinerja diff` to compare two drafts (the Sekretaris's corrections show up). Only the
sheets the writer declares as keyed by `Kode` are read.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from kinerja_cli.io.draft.writer import SHEETS

# Sheets whose tables are compared row by row (by their `Kode` column), in draft order.
TABLE_SHEETS = tuple(s.name for s in SHEETS if s.keyed)
_SKIP_COLS = {"no"}


def cell_text(v: Any) -> str:
    """A cell value as comparable text: floats without trailing zeros, spaces collapsed."""
    if v is None:
        return ""
    if isinstance(v, float):
        d = Decimal(repr(v))
        s = format(d, "f")
        return s.rstrip("0").rstrip(".") if "." in s else s
    return " ".join(str(v).split())


def read_tables(data: bytes) -> dict[str, dict[str, dict[str, str]]]:
    """sheet -> row code -> header -> text, for the draft's tables keyed by `Kode`."""
    import openpyxl

    from kinerja_cli.io.xlsx import find_sheet, locate

    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    out: dict[str, dict[str, dict[str, str]]] = {}
    for sheet in TABLE_SHEETS:
        ws = find_sheet(wb, sheet)
        table = locate(ws, ("Kode",)) if ws is not None else None
        if ws is None or table is None:
            continue
        headers = {cols[0]: h for h, cols in table.header.columns.items() if h not in _SKIP_COLS}
        kode_col = table.header.columns["kode"][0]
        rows: dict[str, dict[str, str]] = {}
        for r in range(table.header_row + 1, (ws.max_row or 0) + 1):
            kode = cell_text(ws.cell(r, kode_col).value)
            if not kode or kode in rows:
                continue
            rows[kode] = {
                str(ws.cell(table.header_row, c).value): cell_text(ws.cell(r, c).value)
                for c in headers
                if c != kode_col
            }
        out[sheet] = rows
    return out


def read_draft_identity(data: bytes) -> dict[str, str] | None:
    """The identity a draft carries (its very hidden `_kinerja` sheet), or None when the bytes
    are not a kinerja draft. The bytes pass the same preflight as a returned form first."""
    import openpyxl

    from kinerja_cli.io.xlsx import ensure_defused_openpyxl, preflight

    if not preflight(data, "draf.xlsx").ok:
        return None
    ensure_defused_openpyxl()
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception:
        return None
    try:
        if "_kinerja" not in wb.sheetnames:
            return None
        out: dict[str, str] = {}
        for row in wb["_kinerja"].iter_rows(min_row=1, max_row=40, max_col=2, values_only=True):
            if row and row[0] is not None:
                out[str(row[0]).strip()] = "" if row[1] is None else str(row[1]).strip()
        return out if out.get("draft_id") else None
    finally:
        wb.close()
