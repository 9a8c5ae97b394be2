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
    """sheet -> row code -> header -> text, for the draft's tables keyed by `Kode`.

    Read with python-calamine after the same preflight as a returned form (a draft may have
    been edited anywhere); bytes preflight refuses give no tables.
    """
    from python_calamine import CalamineWorkbook

    from kinerja_cli.io.xlsx import HEADER_SCAN, find_header, norm, preflight

    pre = preflight(data, "draf.xlsx")
    if not pre.ok:
        return {}
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    names = {norm(n): n for n in pre.sheet_parts}
    out: dict[str, dict[str, dict[str, str]]] = {}
    for sheet in TABLE_SHEETS:
        name = names.get(norm(sheet))
        if name is None:
            continue
        try:
            grid = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception:  # a sheet calamine cannot read holds no table
            continue
        header = find_header(grid[:HEADER_SCAN], ("Kode",), ("Kode",))
        if header is None:
            continue
        head = grid[header.row - 1]
        cols = [c for h, cs in header.columns.items() if h not in _SKIP_COLS for c in cs[:1]]
        kode_col = header.columns["kode"][0]
        rows: dict[str, dict[str, str]] = {}
        for row in grid[header.row :]:
            kode = cell_text(_at(row, kode_col))
            if not kode or kode in rows:
                continue
            rows[kode] = {str(_at(head, c)): cell_text(_at(row, c)) for c in cols if c != kode_col}
        out[sheet] = rows
    return out


def _at(row: list[Any], c: int) -> Any:
    return row[c - 1] if c <= len(row) else None
