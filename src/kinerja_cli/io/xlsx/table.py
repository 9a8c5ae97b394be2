"""Find a table in a worksheet by its headers (case-insensitive, below title rows, any order)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kinerja_cli.io.xlsx.text import norm

HEADER_SCAN = 30  # the header row is searched in the first rows (titles above it are allowed)


@dataclass(frozen=True)
class Header:
    """A located header row: normalised header text -> its columns (more than one = duplicate)."""

    row: int
    columns: dict[str, list[int]]

    def col(self, header: str) -> int | None:
        """First column of a header, or None."""
        cols = self.columns.get(norm(header))
        return cols[0] if cols else None


def find_header(
    rows: Sequence[Sequence[Any]], wanted: Iterable[str], signature: Iterable[str]
) -> Header | None:
    """The one header locator: the row (of the first HEADER_SCAN) holding every `signature`
    header and most of the `wanted` ones. `rows` are cell values, row 1 first."""
    want = {norm(h) for h in wanted}
    sig = {norm(h) for h in signature}
    best: Header | None = None
    best_score = -1
    for r, row in enumerate(rows[:HEADER_SCAN], start=1):
        found: dict[str, list[int]] = {}
        for c, v in enumerate(row, start=1):
            if isinstance(v, str) and v:
                found.setdefault(norm(v), []).append(c)
        if not sig <= found.keys():
            continue
        score = len(want & found.keys())
        if score > best_score:
            best, best_score = Header(r, found), score
        if score >= min(len(want), 3):  # the header row comes before any data row
            break
    return best


def find_sheet(wb: Any, name: str) -> Any | None:
    """The worksheet whose name matches `name` ignoring case and surrounding spaces."""
    target = norm(name)
    for ws in wb.worksheets:
        if norm(ws.title) == target:
            return ws
    return None


@dataclass
class Table:
    """A table located in an openpyxl worksheet: its header and the sheet's last row."""

    header: Header
    max_row: int

    @property
    def header_row(self) -> int:
        """The header's row number."""
        return self.header.row

    def col(self, header: str) -> int | None:
        """Column of a header, or None when absent."""
        return self.header.col(header)


def _top_rows(ws: Any) -> list[tuple[Any, ...]]:
    max_col = min(ws.max_column or 1, 200)
    return list(
        ws.iter_rows(
            min_row=1, max_row=min(HEADER_SCAN, ws.max_row or 1), max_col=max_col, values_only=True
        )
    )


def locate(ws: Any, required: Sequence[str]) -> Table | None:
    """The table whose header row (of the first HEADER_SCAN) contains every required header."""
    header = find_header(_top_rows(ws), required, required)
    return None if header is None else Table(header, ws.max_row or header.row)


def best_header_row(ws: Any, required: Sequence[str]) -> tuple[int, set[str]]:
    """Row with the most required headers and the headers missing from it (for findings)."""
    need = {norm(h) for h in required}
    best, best_found = 1, set[str]()
    for r, row in enumerate(_top_rows(ws), start=1):
        found = {norm(v) for v in row if isinstance(v, str)} & need
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
    return max(
        (
            r
            for (r, c), cell in cells.items()
            if c <= max_col and r > table.header_row and not _blank_value(cell.value)
        ),
        default=table.header_row,
    )


def rows(ws: Any, table: Table, limit: int = MAX_ROWS) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells) for each row below the header, skipping fully blank rows.

    Never silently short: KinerjaError when a value lies beyond `limit` rows.
    """
    max_col = max(cols[-1] for cols in table.header.columns.values())
    last = min(table.max_row, _last_row(ws, table, max_col))
    if last > table.header_row + limit:
        from kinerja_cli.errors import KinerjaError

        raise KinerjaError(
            f"lembar {ws.title} berisi lebih dari {limit:,} baris (ada isian di baris {last:,}); "
            f"kinerja membaca paling banyak {limit:,} baris per lembar. Hapus baris di luar "
            "tabel.".replace(",", ".")
        )
    for r, cells in enumerate(
        ws.iter_rows(min_row=table.header_row + 1, max_row=last, max_col=max_col),
        start=table.header_row + 1,
    ):
        if not all(_blank_value(c.value) for c in cells):
            yield r, cells
