"""Read a compiled draft back: its identity, and the tables of its sheets keyed by indicator
or budget code.

`read_draft_identity` recognises a draft wherever it was saved (docs/contract.md §11).
`read_tables` is used by `kinerja diff` to compare two drafts (the Sekretaris's corrections
show up); only the sheets the writer declares as keyed by `Kode` are read.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from kinerja_cli.io.draft.identitas import IDENTITY_SHEET
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


def read_draft_identity(data: bytes) -> dict[str, str] | None:
    """The key/value rows of a draft's very hidden `_kinerja` sheet, or None when the bytes
    are not a draft kinerja wrote (no such sheet, no `draft_id`: a form's identity sheet has
    a `form_id` instead) or are not safe to read. The bytes pass the same preflight as a
    returned form before any parser sees them (docs/reliability.md A1)."""
    from kinerja_cli.io.xlsx import clean_text, preflight

    pre = preflight(data, "draf.xlsx")
    if not pre.ok:
        return None
    sheet = next((n for n in pre.sheet_parts if n.casefold() == IDENTITY_SHEET), None)
    if sheet is None:
        return None
    from python_calamine import CalamineWorkbook

    try:
        grid = (
            CalamineWorkbook.from_filelike(io.BytesIO(data))
            .get_sheet_by_name(sheet)
            .to_python(skip_empty_area=False)
        )
    except Exception:  # a sheet calamine cannot read is not an identity sheet
        return None
    out: dict[str, str] = {}
    for row in grid[1:]:
        if len(row) < 2:
            continue
        key = clean_text(str(row[0] or ""))[0].strip().casefold()
        value = row[1]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if key and key not in out:
            out[key] = clean_text("" if value is None else str(value))[0].strip()
    return out if out.get("draft_id") else None


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
