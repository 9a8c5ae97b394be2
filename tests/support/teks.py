"""Text dumps of rendered reports for golden files and figure checks (never compare bytes)."""

from __future__ import annotations

import html
import io
import re
from html.parser import HTMLParser
from typing import Any

_BLOK = re.compile(r"<\s*/?\s*(p|tr|h[1-6]|div|li|br|table|thead|tbody|ol|ul)\b[^>]*>", re.I)


def html_teks(doc: str) -> str:
    """Visible text, one block per line: no style, no tags, whitespace collapsed."""
    doc = re.sub(r"<head\b.*?</head>", "", doc, flags=re.S | re.I)
    doc = re.sub(r"<(td|th)\b[^>]*>", " | ", doc, flags=re.I)
    doc = _BLOK.sub("\n", doc)
    doc = re.sub(r"<[^>]+>", "", doc)
    lines = (" ".join(html.unescape(line).split()) for line in doc.splitlines())
    return "\n".join(line.strip(" |") for line in lines if line.strip(" |")) + "\n"


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif self._cell is not None:
            self._cell.append(" ")  # <div>/<br> inside a cell separate words

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_baris(doc: str) -> list[list[str]]:
    """Every table row of the HTML as its cells' texts."""
    p = _Rows()
    p.feed(doc)
    return p.rows


def docx_teks(data: bytes) -> str:
    """Paragraphs and table rows of a .docx in body order (merged cells once)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(data))
    out: list[str] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = " ".join(Paragraph(child, doc).text.split())
            if text:
                out.append(text)
        elif tag == "tbl":
            for row in docx_baris_tabel(Table(child, doc)):
                out.append(" | ".join(row))
    return "\n".join(out) + "\n"


def docx_baris_tabel(table: Any) -> list[list[str]]:
    """Rows of a table; a table nested in a cell (the lembar's closing row) gives its own rows
    first, then the cell's paragraphs as a row of their own."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        nested: list[list[str]] = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for inner in cell.tables:
                nested.extend(docx_baris_tabel(inner))
            cells.append(" ".join(cell.text.split()))
        rows.extend(nested)
        rows.append(cells)
    return rows


def docx_baris(data: bytes) -> list[list[str]]:
    """Every table row of the .docx as its cells' texts."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    return [r for t in doc.tables for r in docx_baris_tabel(t)]
