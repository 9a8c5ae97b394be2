"""Low-level access to a returned form that passed preflight: cell grids from python-calamine,
header rows, and the few XML facts calamine cannot give (formula text, error values,
defined name and custom property).

python-calamine returns '' for empty cells, error cells and formulas without a cached value
(docs/performance.md §2.5); preflight's `formula_cells`/`error_cells` tell those apart. Every read is bounded:
a grid never holds more rows than asked for, whatever `<dimension>` claims.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kinerja_cli.io.form import layout as L
from kinerja_cli.io.xlsx import Header, column_letters
from kinerja_cli.io.xlsx import find_header as locate_header

MAX_META_BYTES = 1 << 20  # workbook.xml / custom.xml read for the form id
MAX_XML_LOOKUPS = 200  # formula/error cells looked up in the sheet XML per file


_LETTERS = ["", *(column_letters(c) for c in range(1, 703))]  # A..ZZ, preflight's limit


def ref(row: int, col: int) -> str:
    """(7, 10) -> `J7`."""
    return f"{_LETTERS[col] if col < len(_LETTERS) else column_letters(col)}{row}"


def is_blank(value: object) -> bool:
    """Blank as calamine and users mean it: '' / None / only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class Grid:
    """One sheet's values, 1-based, bounded to `rows` rows; '' is returned as None."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1

    @property
    def n_rows(self) -> int:
        """Number of rows read."""
        return len(self.rows)

    def get(self, r: int, c: int) -> Any:
        """The value at (r, c), None when blank or outside the read area."""
        if r < 1 or c < 1 or r > len(self.rows):
            return None
        row = self.rows[r - 1]
        if c > len(row):
            return None
        v = row[c - 1]
        return None if isinstance(v, str) and v == "" else v

    def get_merged(self, r: int, c: int) -> Any:
        """Like `get`, but a cell hidden under a merge gives its top-left value."""
        v = self.get(r, c)
        if v is None:
            for r0, c0, r1, c1 in self.merged:
                if r0 <= r <= r1 and c0 <= c <= c1:
                    return self.get(r0, c0)
        return v


def read_grid(workbook: Any, name: str, max_rows: int) -> Grid:
    """A sheet's first `max_rows` rows from A1 (coordinates kept: skip_empty_area=False)."""
    sheet = workbook.get_sheet_by_name(name)
    rows = sheet.to_python(skip_empty_area=False, nrows=max_rows)
    merged = [(a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in (sheet.merged_cell_ranges or [])]
    return Grid(name, rows, merged)


def find_header(grid: Grid, wanted: Iterable[str], signature: Iterable[str]) -> Header | None:
    """`io.xlsx.find_header` over a grid's rows."""
    return locate_header(grid.rows, wanted, signature)


KINERJA_SIGNATURE = ("Kode", "Indikator Kinerja")
ANGGARAN_SIGNATURE = ("Kode", "Uraian", "Pagu")


def kind_of_header(grid: Grid) -> str | None:
    """`Kinerja` / `Anggaran` when the sheet carries that table's header row, else None."""
    if find_header(grid, KINERJA_SIGNATURE, KINERJA_SIGNATURE) is not None:
        return L.KINERJA
    if find_header(grid, ANGGARAN_SIGNATURE, ANGGARAN_SIGNATURE) is not None:
        return L.ANGGARAN
    return None


_DEFINED = re.compile(
    rb"<(?:[\w.-]+:)?definedName\b[^>]*\bname\s*=\s*[\"']"
    + re.escape(L.DEFINED_NAME.encode())
    + rb"[\"'][^>]*>([^<]{0,200})</"
)
_PROPERTY = re.compile(
    rb"<(?:[\w.-]+:)?property\b[^>]*\bname\s*=\s*[\"']"
    + re.escape(L.DOC_PROPERTY.encode())
    + rb"[\"'][^>]*>\s*<(?:[\w.-]+:)?lpwstr\b[^>]*>([^<]{0,200})</"
)


class Parts:
    """Lazy access to a few small parts of the zip (the bytes already passed preflight)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._zip: zipfile.ZipFile | None = None
        self._cells: dict[str, dict[str, tuple[str | None, str | None]]] = {}
        self._lookups = 0

    def _zf(self) -> zipfile.ZipFile:
        if self._zip is None:
            self._zip = zipfile.ZipFile(io.BytesIO(self._data))
        return self._zip

    def close(self) -> None:
        """Release the zip."""
        if self._zip is not None:
            self._zip.close()

    def read(self, part: str, limit: int) -> bytes | None:
        """A part's bytes when it exists and is at most `limit` bytes, else None."""
        try:
            info = self._zf().getinfo(part)
        except KeyError:
            return None
        if info.file_size > limit:
            return None
        return self._zf().read(info)

    def size(self, prefix: str) -> int:
        """Total uncompressed size of the parts under a folder."""
        return sum(i.file_size for i in self._zf().infolist() if i.filename.startswith(prefix))

    def form_ids(self) -> dict[str, str]:
        """The form id in the defined name and the custom document property, when present."""
        out: dict[str, str] = {}
        for key, part, pattern in (
            ("nama", "xl/workbook.xml", _DEFINED),
            ("properti", "docProps/custom.xml", _PROPERTY),
        ):
            xml = self.read(part, MAX_META_BYTES)
            m = pattern.search(xml) if xml else None
            if m:
                value = html.unescape(m.group(1).decode("utf-8", "replace")).strip().strip('"')
                if value:
                    out[key] = value
        return out

    def cell_xml(self, part: str, cell: str) -> tuple[str | None, str | None]:
        """(formula text, stored value text) of one cell, from the sheet XML; None if unknown."""
        cache = self._cells.setdefault(part, {})
        if cell in cache:
            return cache[cell]
        found: tuple[str | None, str | None] = (None, None)
        self._lookups += 1
        xml = self.read(part, 32 << 20) if self._lookups <= MAX_XML_LOOKUPS else None
        if xml:
            pattern = re.compile(
                rb"<(?:[\w.-]+:)?c\b[^>]*?\sr\s*=\s*[\"']" + cell.encode() + rb"[\"'][^>]*?(?<!/)>"
                rb"(.*?)</(?:[\w.-]+:)?c>",
                re.S,
            )
            m = pattern.search(xml)
            if m:
                body = m.group(1)
                f = re.search(rb"<(?:[\w.-]+:)?f\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?f>)", body, re.S)
                v = re.search(rb"<(?:[\w.-]+:)?v>(.*?)</(?:[\w.-]+:)?v>", body, re.S)
                found = (
                    _text(f.group(1) or b"") if f else None,
                    _text(v.group(1)) if v else None,
                )
        cache[cell] = found
        return found


def _text(raw: bytes) -> str:
    return html.unescape(raw.decode("utf-8", "replace"))[:200]


def producer_name(application: str | None) -> str | None:
    """Excel / LibreOffice / WPS / openpyxl from docProps/app.xml `<Application>`."""
    if not application:
        return None
    low = application.casefold()
    for needle, label in (
        ("openpyxl", "openpyxl"),
        ("libreoffice", "LibreOffice"),
        ("openoffice", "LibreOffice"),
        ("wps", "WPS"),
        ("kingsoft", "WPS"),
        ("microsoft excel", "Excel"),
        ("google", "Google Sheets"),
    ):
        if needle in low:
            return label
    return application.strip()[:60]
