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
