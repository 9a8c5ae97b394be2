"""Find a table in a worksheet by its headers (case-insensitive, below title rows, any order)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kinerja_cli.io.xlsx.text import norm

HEADER_SCAN_ROWS = 30


def find_sheet(wb: Any, name: str) -> Any | None:
    """The worksheet whose name matches `name` ignoring case and surrounding spaces."""
    target = norm(name)
    for ws in wb.worksheets:
        if norm(ws.title) == target:
            return ws
    return None


@dataclass
class Table:
    """A located table: header row number and header -> column index (1-based)."""

    header_row: int
    columns: dict[str, int]  # normalised header -> column
    max_row: int

    def col(self, header: str) -> int | None:
        """Column of a header, or None when absent."""
        return self.columns.get(norm(header))


def locate(ws: Any, required: Sequence[str], scan: int = HEADER_SCAN_ROWS) -> Table | None:
    """The first row (of the first `scan`) containing every required header."""
    need = {norm(h) for h in required}
    max_col = min(ws.max_column or 1, 200)
    for r, row in enumerate(
        ws.iter_rows(min_row=1, max_row=min(scan, ws.max_row or 1), max_col=max_col,
                     values_only=True),
        start=1,
    ):
        cols: dict[str, int] = {}
        for c, v in enumerate(row, start=1):
            key = norm(v)
            if key and key not in cols:
                cols[key] = c
        if need <= cols.keys():
            return Table(r, cols, ws.max_row or r)
    return None


def best_header_row(ws: Any, required: Sequence[str], scan: int = HEADER_SCAN_ROWS) -> tuple[int, set[str]]:
    """Row with the most required headers and the headers missing from it (for findings)."""
    need = {norm(h) for h in required}
    best, best_found = 1, set[str]()
    max_col = min(ws.max_column or 1, 200)
    for r, row in enumerate(
        ws.iter_rows(min_row=1, max_row=min(scan, ws.max_row or 1), max_col=max_col,
                     values_only=True),
        start=1,
    ):
        found = {norm(v) for v in row} & need
        if len(found) > len(best_found):
            best, best_found = r, found
    missing = {h for h in required if norm(h) not in best_found}
    return best, missing


MAX_ROWS = 100_000  # a regency PK has ~10,000 indicator rows; far beyond is not a PK


def _blank_value(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _last_row(ws: Any, table: Table, max_col: int) -> int:
    """The last row holding a value in the table's columns. A sheet formatted far down (rows
    of styled empty cells) has a huge max_row; only the loaded cells are looked at."""
    cells = getattr(ws, "_cells", None)
    if cells is None:  # a read-only sheet: trust max_row
        return int(table.max_row)
    return max((r for (r, c), cell in cells.items()
                if c <= max_col and r > table.header_row and not _blank_value(cell.value)),
               default=table.header_row)


def rows(ws: Any, table: Table, limit: int = MAX_ROWS) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells) for each row below the header, skipping fully blank rows.

    Never silently short: KinerjaError when a value lies beyond `limit` rows.
    """
    max_col = max(table.columns.values())
    last = min(table.max_row, _last_row(ws, table, max_col))
    if last > table.header_row + limit:
        from kinerja_cli.errors import KinerjaError

        raise KinerjaError(
            f"lembar {ws.title} berisi lebih dari {limit:,} baris (ada isian di baris {last:,}); "
            f"kinerja membaca paling banyak {limit:,} baris per lembar. Hapus baris di luar "
            "tabel.".replace(",", "."))
    for r, cells in enumerate(
        ws.iter_rows(min_row=table.header_row + 1, max_row=last, max_col=max_col),
        start=table.header_row + 1,
    ):
        if not all(_blank_value(c.value) for c in cells):
            yield r, cells
