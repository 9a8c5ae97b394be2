"""Shared pieces of the compiled draft workbook: styles, predikat colours, a row-ordered cell
writer over xlsxwriter, titles and print setup.

The draft is written with xlsxwriter in constant_memory mode (docs/performance.md §6): each
row goes to disk as soon as the next one starts, so memory stays flat however many
indicators the PK has. The price is order: a sheet is written top to bottom, and a row
cannot be touched once a later row was written. `SheetWriter` enforces that (a bug raises
instead of silently losing cells) and carries the cells of vertical merges down to the rows
below as they are reached.

Numbers go into cells as real numbers with an Indonesian display format: `[$-421]` tags the
format with the Indonesian locale, so LibreOffice shows 1.484,43 whatever the computer's
language (Excel takes the separators from the computer; the file format cannot force them
there). Text from forms is always written as text, never as a formula, and text that starts
like a formula carries the quote prefix (docs/reliability.md B1).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kinerja_cli.domain import nama
from kinerja_cli.domain.capaian import SkalaPredikat
from kinerja_cli.domain.models import Nilai, Rentang, TargetValue
from kinerja_cli.domain.results import BarisIndikator, Kompilasi
from kinerja_cli.domain.rounding import bulat

# Best to worst; a scale with another number of bands is spread over these five.
PREDIKAT_FILLS = ("C6EFCE", "E2EFDA", "FFEB9C", "FCE4D6", "FFC7CE")
MAX_ROW_HEIGHT = 409.0  # Excel's limit, in points
NARASI_MAX = 2000
FONT = "Calibri"
LOCALE = "[$-421]"  # Indonesian: LibreOffice then shows 1.234,56 on any computer
NUM_FMT = LOCALE + "#,##0.00"
RP_FMT = LOCALE + "#,##0"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
LINE_POINTS = 14.0  # one line of 11-point text, in points (with room to spare)
DEFAULT_ROW_POINTS = 15.0
DEFAULT_WIDTH = 8.43
GREY = "#808080"

_BORDER = {"border": 1, "border_color": GREY}
_TOP = {"valign": "top", "text_wrap": True}
_BOLD = {"bold": True}
_GRUP = {"pattern": 1, "bg_color": "#DDEBF7"}
_TOTAL = {"pattern": 1, "bg_color": "#D9D9D9"}
_RIGHT = {"align": "right", "valign": "top"}

# Every cell style of the draft, as xlsxwriter format properties.
STYLES: dict[str, dict[str, Any]] = {
    "kn_judul": {"bold": True, "font_size": 12, "align": "center", "valign": "vcenter"}
    | {"text_wrap": True},
    "kn_subjudul": {"bold": True, "font_size": 10, "align": "left", "valign": "vcenter"},
    "kn_wrap": dict(_TOP),
    "kn_header": {"bold": True, "font_color": "#FFFFFF", "pattern": 1, "bg_color": "#1F4E78"}
    | {"align": "center", "valign": "vcenter", "text_wrap": True}
    | _BORDER,
    "kd_teks": _BORDER | _TOP,
    "kd_tengah": _BORDER | _TOP | {"align": "center"},
    "kd_angka": _BORDER | _RIGHT | {"num_format": NUM_FMT},
    "kd_rp": _BORDER | _RIGHT | {"num_format": RP_FMT},
    "kd_grup": _BORDER | _TOP | _GRUP | _BOLD,
    "kd_grup_angka": _BORDER | _RIGHT | _GRUP | _BOLD | {"num_format": NUM_FMT},
    "kd_grup_rp": _BORDER | _RIGHT | _GRUP | _BOLD | {"num_format": RP_FMT},
    "kd_total": _BORDER | _TOP | _TOTAL | _BOLD,
    "kd_total_angka": _BORDER | _RIGHT | _TOTAL | _BOLD | {"num_format": NUM_FMT},
    "kd_total_rp": _BORDER | _RIGHT | _TOTAL | _BOLD | {"num_format": RP_FMT},
    "kd_kosong": _BORDER | _TOP | {"pattern": 1, "bg_color": "#EDEDED"},
    "kd_catatan": _TOP | {"italic": True, "font_size": 9, "font_color": "#404040"},
    "kd_label": _TOP | _BOLD,
    "kd_besar": {"bold": True, "font_size": 14, "num_format": NUM_FMT}
    | {"align": "left", "valign": "vcenter"},
}
# Overrides a call may add to a style: name -> xlsxwriter property.
_OVERRIDES = {
    "fill": "bg_color",
    "num": "num_format",
    "align": "align",
    "valign": "valign",
    "wrap": "text_wrap",
    "indent": "indent",
    "bold": "bold",
    "underline": "underline",
    "quote": "quote_prefix",
}


class DraftOrderError(RuntimeError):
    """A sheet writer went back to a row already written (constant_memory cannot)."""


class Book:
    """The xlsxwriter workbook of one draft, with one shared Format per distinct style."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self._formats: dict[tuple[str, tuple[tuple[str, Any], ...]], Any] = {}
        self._plain: dict[str, Any] = {}

    def fmt(self, style: str, **over: Any) -> Any:
        """The Format of a named style with overrides (fill, num, align, ...), made once."""
        if not over:
            f = self._plain.get(style)
            if f is None:
                f = self._plain[style] = self._make(style, {})
            return f
        key = (style, tuple(sorted(over.items())))
        f = self._formats.get(key)
        if f is None:
            f = self._formats[key] = self._make(style, over)
        return f

    def _make(self, style: str, over: dict[str, Any]) -> Any:
        props = {"font_name": FONT, "font_size": 11, **STYLES[style]}
        for name, value in over.items():
            if value is None:
                continue
            if name == "fill":
                props["pattern"], value = 1, "#" + value
            props[_OVERRIDES[name]] = value
        f = self.wb.add_format(props)
        f.kinerja_xf = f._get_xf_index()  # fixed now: rows are written before the book closes
        return f


# A cell waiting in the row buffer: (kind, value, format); kind n(umber), s(tring), b(lank).
_Cell = tuple[str, Any, Any]


class SheetWriter:
    """Writes one worksheet strictly top to bottom; rows and columns are 1-based.

    The cells of the current row wait in a small buffer; when the writer moves on, the row
    goes out at once. Its XML is written straight into xlsxwriter's constant_memory row file
    (`_emit`), exactly as xlsxwriter's own row writer would write it (a test compares the
    two byte for byte), at about a third of its cost per cell: that inner loop was the
    measured bottleneck of `compile` (docs/performance.md §6). Everything else (styles,
    merges, widths, print settings, the chart, packaging) is xlsxwriter's. `reference=True`
    sends every cell through xlsxwriter's public API instead (the comparison in the tests).

    Neither LibreOffice nor Excel reliably grows a row for wrapped text in a file it opens,
    so every row gets the height its wrapped texts need, estimated on the generous side
    from the column widths (`text_height`) when the writer leaves the row.
    """

    def __init__(self, book: Book, ws: Any, *, reference: bool = False) -> None:
        self.book, self.ws, self.reference = book, ws, reference
        self.row = 0  # the row being written
        self._cells: dict[int, _Cell] = {}
        self._below: dict[int, list[tuple[int, Any]]] = {}  # row -> merged blanks to write
        self._widths: dict[int, float] = {}
        self._one_line: dict[tuple[int, int, str, bool], int] = {}
        self._need = 0.0  # height the current row's texts need
        self._fixed: dict[int, float] = {}  # row -> height asked for explicitly
        self._letters: list[str] = [""] + [_column_letters(c) for c in range(1, 703)]

    def _at(self, r: int) -> None:
        if r == self.row:
            return
        if r < self.row:
            raise DraftOrderError(f"{self.ws.name}: baris {r} ditulis setelah baris {self.row}")
        self._finish_row()
        for pending in sorted(p for p in self._below if p <= r):
            self.row = pending
            for c, f in self._below.pop(pending):
                self._cells[c] = ("b", None, f)
            if pending != r:
                self._finish_row()
        self.row = r

    def _finish_row(self) -> None:
        """Write the row being left, with the height its texts need."""
        r = self.row
        if not r:
            return
        h = max(self._need, self._fixed.pop(r, 0.0))
        height = min(MAX_ROW_HEIGHT, h) if h > DEFAULT_ROW_POINTS else None
        cells = self._cells
        if cells:
            if self.reference:
                self._through_api(r, cells, height)
            else:
                self._emit(r, cells, height)
        elif height is not None:
            self.ws.set_row(r - 1, height)
        self._cells = {}
        self._need = 0.0

    def _emit(self, r: int, cells: dict[int, _Cell], height: float | None) -> None:
        ws = self.ws
        cols = sorted(cells)
        ws._check_dimensions(r - 1, cols[0] - 1)
        ws._check_dimensions(r - 1, cols[-1] - 1)
        if height is None:
            out = [f'<row r="{r}">']
        else:
            ht = int(height * 4.0 / 3.0 + 0.5) * 0.75  # xlsxwriter's pixel rounding
            out = [f'<row r="{r}" ht="{ht:.16g}" customHeight="1">']
        letters = self._letters
        for c in cols:
            kind, value, f = cells[c]
            ref = (
                f'<c r="{letters[c]}{r}" s="{f.kinerja_xf}"'
                if f is not None
                else (f'<c r="{letters[c]}{r}"')
            )
            if kind == "s":
                out.append(_inline_string(ref, value))
            elif kind == "n":
                out.append(f"{ref}><v>{value:.16G}</v></c>")
            elif kind == "b":
                out.append(ref + "/>")
            else:  # boolean
                out.append(f'{ref} t="b"><v>{int(value)}</v></c>')
        out.append("</row>")
        ws.row_data_fh.write("".join(out))

    def _through_api(self, r: int, cells: dict[int, _Cell], height: float | None) -> None:
        ws = self.ws
        if height is not None:
            ws.set_row(r - 1, height)
        for c in sorted(cells):
            kind, value, f = cells[c]
            if kind == "s":
                ws.write_string(r - 1, c - 1, value, f)
            elif kind == "n":
                ws.write_number(r - 1, c - 1, value, f)
            elif kind == "b":
                ws.write_blank(r - 1, c - 1, None, f)
            else:
                ws.write_boolean(r - 1, c - 1, value, f)

    def _fit(self, style: str, text: str, c1: int, c2: int, over: dict[str, Any]) -> None:
        props = STYLES[style]
        if not over.get("wrap", props.get("text_wrap")):
            return
        bold = bool(over.get("bold", props.get("bold")))
        key = (c1, c2, style, bold)
        short = self._one_line.get(key)
        width = self.span(c1, c2)
        if short is None:  # texts up to this length take one line: no estimate needed
            size = props.get("font_size", 11)
            short = self._one_line[key] = int(
                ((width - 1) * 1.15 * (0.9 if bold else 1.0) * 0.78 - 2.5) * 11 / size
            )
        if len(text) <= short and "\n" not in text:
            return
        h = text_height(text, width, bold=bold, size=props.get("font_size", 11))
        if h > self._need:
            self._need = h

    def put(
        self, r: int, c: int, value: Any, style: str | None = None, *, _to: int = 0, **over: Any
    ) -> None:
        """One cell: text as text (quote prefix when it looks like a formula), numbers as
        numbers, None as an empty cell that keeps its style."""
        if r != self.row:
            self._at(r)
        if value is None or value == "":
            if style is not None:
                self._cells[c] = ("b", None, self.book.fmt(style, **over))
            return
        if isinstance(value, str):
            if value.startswith(FORMULA_TRIGGERS):
                over["quote"] = True
            f = self.book.fmt(style, **over) if style else None
            self._cells[c] = ("s", value, f)
            if style and _to >= 0:
                self._fit(style, value, c, _to if _to > c else c, over)
            return
        f = self.book.fmt(style, **over) if style else None
        if isinstance(value, bool):
            self._cells[c] = ("t", value, f)
        else:
            self._cells[c] = ("n", number(value) if isinstance(value, Decimal) else value, f)

    def merge(
        self, r1: int, c1: int, r2: int, c2: int, value: Any, style: str, **over: Any
    ) -> None:
        """A merged range holding `value` in its first cell; every cell of the range gets the
        style (so the borders run round the whole range). The draft's ranges never overlap.
        Rows below the current one get their cells when they are reached. The text of a
        range over several rows does not set a row's height: the caller sees to it that
        the rows together are tall enough (`height`)."""
        self.put(r1, c1, value, style, _to=c2 if r1 == r2 else -1, **over)
        if (r1, c1) == (r2, c2):
            return
        f = self.book.fmt(style, **over)
        self.ws.merge.append([r1 - 1, c1 - 1, r2 - 1, c2 - 1])
        for c in range(c1 + 1, c2 + 1):
            self._cells[c] = ("b", None, f)
        for r in range(r1 + 1, r2 + 1):
            self._below.setdefault(r, []).extend((c, f) for c in range(c1, c2 + 1))

    def height(self, r: int, points: float) -> None:
        """At least this height for row `r` (the current row or one below it)."""
        if r < self.row:
            raise DraftOrderError(f"{self.ws.name}: tinggi baris {r} setelah baris {self.row}")
        self._fixed[r] = max(self._fixed.get(r, 0.0), points)

    def widths(self, widths: Sequence[float], first: int = 1) -> None:
        """Column widths in characters, from column `first` on."""
        for i, w in enumerate(widths):
            self.ws.set_column(first - 1 + i, first - 1 + i, w)
            self._widths[first + i] = w
        self._one_line.clear()

    def span(self, c1: int, c2: int) -> float:
        """The width in characters of columns c1..c2."""
        return sum(self._widths.get(c, DEFAULT_WIDTH) for c in range(c1, c2 + 1))

    def freeze(self, r: int, c: int) -> None:
        """Freeze the rows above `r` and the columns left of `c` (the cell's own coordinates)."""
        self.ws.freeze_panes(r - 1, c - 1)

    def close(self) -> None:
        """Write the rows still open: merged cells pending below, the last row."""
        if self._below:
            self._at(max(self._below))
        for r in sorted(p for p in self._fixed if p > self.row):
            self._at(r)
        self._finish_row()


def _column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


_XML_SPECIAL = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_CONTROL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile("([\x00-\x08\x0b-\x1f])")
STRING_MAX = 32767  # UTF-16 units, Excel's limit for a cell


def _inline_string(ref: str, text: str) -> str:
    """An inline string cell as xlsxwriter writes one (control characters as _xHHHH_,
    leading or trailing space preserved), except that text is always text: xlsxwriter would
    copy a string that looks like `<r>...</r>` into the XML unescaped (rich text)."""
    if (
        len(text) > STRING_MAX // 2
        and len(text.encode("utf-16-le", "surrogatepass")) > 2 * STRING_MAX
    ):
        from xlsxwriter.utility import _utf16_truncate

        text = _utf16_truncate(text, STRING_MAX)
    if _XML_SPECIAL.search(text):
        text = _CONTROL_ESCAPE.sub(r"_x005F\1", text)
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'{ref} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def print_setup(
    sh: SheetWriter,
    title_rows: tuple[int, int] | None,
    *,
    portrait: bool = False,
    pages_wide: int = 1,
    title_cols: tuple[int, int] | None = None,
) -> None:
    """A4, landscape unless `portrait`, fit to `pages_wide` pages wide and as many tall as
    needed, the title rows (and columns) repeated on every page, page numbers in the footer
    (docs/contract.md §16)."""
    ws = sh.ws
    ws.set_paper(9)
    if portrait:
        ws.set_portrait()
    else:
        ws.set_landscape()
    ws.fit_to_pages(pages_wide, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&CHalaman &P dari &N", {"margin": 0.3})
    if title_rows is not None:
        ws.repeat_rows(title_rows[0] - 1, title_rows[1] - 1)
    if title_cols is not None:
        ws.repeat_columns(title_cols[0] - 1, title_cols[1] - 1)


def predikat_rgb(skala: SkalaPredikat, label: str | None) -> str | None:
    """The fill of a predikat label: green for the best band through red for the worst."""
    order = skala.urutan
    if label is None or label not in order:
        return None
    i = order.index(label)
    n = len(order)
    idx = 0 if n == 1 else round(i * (len(PREDIKAT_FILLS) - 1) / (n - 1))
    return PREDIKAT_FILLS[idx]


def number(d: Decimal | int | None) -> int | float | None:
    """A Decimal as a cell number: int when whole, else float."""
    if d is None:
        return None
    if isinstance(d, int):
        return d
    return int(d) if d == d.to_integral_value() else float(d)


def _places(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return min(-exp, 4) if isinstance(exp, int) and exp < 0 else 0


def value_format(*values: object) -> str:
    """Display format with the most decimals among the values (up to 4): 12 -> #,##0;
    61.2 and 58.82 -> #,##0.00, so one indicator's target and realisations line up."""
    places = max((_places(v) for v in values if isinstance(v, Decimal)), default=0)
    return LOCALE + "#,##0" + ("." + "0" * places if places else "")


_FORMATS: dict[int, tuple[BarisIndikator, str]] = {}  # id -> (indicator, format)


def indikator_format(i: BarisIndikator) -> str:
    """One display format for all of an indicator's targets and realisations (each sheet asks
    for every cell; remembered until `forget_formats`)."""
    hit = _FORMATS.get(id(i))
    if hit is not None and hit[0] is i:
        return hit[1]
    shown = (i.realisasi, *i.realisasi_tw)
    if i.komponen:  # n ÷ N × 100 has 34 digits: shown to 2 decimals (docs/contract.md §14)
        shown = tuple(bulat(v, 2) if isinstance(v, Decimal) else v for v in shown)
    fmt = value_format(i.target, *i.target_tw, *shown)
    _FORMATS[id(i)] = (i, fmt)
    return fmt


def forget_formats() -> None:
    """Drop the remembered indicator formats (the draft is written)."""
    _FORMATS.clear()


def persen(
    sh: SheetWriter, r: int, c: int, d: Decimal | None, style: str = "kd_angka", **over: Any
) -> None:
    """A percentage (capaian, serapan, IE) rounded half-up to 2 decimals, as a number."""
    sh.put(r, c, None if d is None else float(bulat(d, 2)), style, **over)


def rupiah(sh: SheetWriter, r: int, c: int, d: Decimal | None, style: str = "kd_rp") -> None:
    """Rupiah as a number with the #,##0 format."""
    sh.put(r, c, number(d), style)


def target(
    sh: SheetWriter,
    r: int,
    c: int,
    v: TargetValue | None,
    teks: str,
    fmt: str | None = None,
    style: str = "kd_angka",
) -> None:
    """A PK target: a number (format `fmt`, else its own decimals), or the PK's text for
    rentang and biner."""
    if isinstance(v, bool | Rentang):
        sh.put(r, c, teks or str(v), style)
    else:
        _decimal(sh, r, c, v, fmt, style)


def realisasi(
    sh: SheetWriter,
    r: int,
    c: int,
    v: Nilai | None,
    target_teks: str,
    fmt: str | None = None,
    style: str = "kd_angka",
) -> None:
    """A realisation: a number, or the yes/no word matching the target's wording."""
    from kinerja_cli.domain.kompilasi import teks_biner

    if isinstance(v, bool):
        sh.put(r, c, teks_biner(v, target_teks), style)
    else:
        _decimal(sh, r, c, v, fmt, style)


def _decimal(
    sh: SheetWriter, r: int, c: int, v: Decimal | None, fmt: str | None, style: str
) -> None:
    if v is None:
        sh.put(r, c, None, style)
    else:
        sh.put(r, c, number(v), style, num=fmt or value_format(v))


def title_block(sh: SheetWriter, k: Kompilasi, judul: str, ncols: int, first: int = 1) -> int:
    """The agency header lines across columns `first`..`ncols`; returns the next free row
    (one blank row after). The names are printed as in the report's kop, however the PK
    types them: `PEMERINTAH KABUPATEN X` once, the agency without its region (docs/contract.md §16)."""
    idn = k.identitas
    kurun = "" if k.periode.tahunan else k.periode.label.upper()
    lines = [
        nama.pemerintah(idn.pemda).upper(),
        nama.perangkat_daerah(idn.perangkat_daerah, idn.pemda).upper(),
        nama.judul(judul, kurun, f"TAHUN {k.tahun}"),
    ]
    last = max(ncols, first + 1)
    for r, text in enumerate(lines, start=1):
        sh.merge(r, first, r, last, text, "kn_judul")
    return len(lines) + 2


def header(sh: SheetWriter, r: int, cols: Sequence[tuple[str, float]]) -> None:
    """A header row of (title, width) columns starting at column A."""
    sh.widths([w for _, w in cols])
    for c, (title, _) in enumerate(cols, start=1):
        sh.put(r, c, title, "kn_header")


def subtitle(sh: SheetWriter, r: int, text: str, ncols: int) -> None:
    """A bold section title across the table width (merged, so it never wraps in column A)."""
    sh.merge(r, 1, r, max(ncols, 2), text, "kn_subjudul")


def text_lines(text: str | None, width: float, *, bold: bool = False, size: float = 11) -> int:
    """How many lines `text` takes in a wrapped cell `width` characters wide (an estimate on
    the generous side: a cut text is worse than a little white space)."""
    if not text:
        return 1
    # A column width counts '0' digits of the default font; average lower-case text is a
    # little narrower, capitals, bold and bigger type wider. Word wrapping loses about
    # half a word a line; a character goes to the cell padding.
    factor = 1.15 * (0.9 if bold else 1.0) * (0.78 if str(text).isupper() else 1.0)
    per_line = max(((width - 1) * factor - 2.5) * 11 / size, 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def text_height(
    text: str | None, width: float, *, bold: bool = False, size: float = 11, minimum: float = 15
) -> float:
    """Row height in points for `text` wrapped in a cell (or merged range) `width` wide."""
    lines = text_lines(text, width, bold=bold, size=size)
    if lines == 1:
        return max(minimum, DEFAULT_ROW_POINTS * size / 11)
    return min(MAX_ROW_HEIGHT, max(minimum, lines * LINE_POINTS * size / 11 + 3))


def note(sh: SheetWriter, r: int, text: str, ncols: int, first: int = 1) -> int:
    """An italic note merged across the table width, as tall as its text; returns the next row."""
    sh.merge(r, first, r, ncols, text, "kd_catatan")
    return r + 1


STATUS_TEKS = {"diterima": "Diterima", "ditolak": "Ditolak", "belum": "Belum mengirim"}


def status_teks(status: str) -> str:
    """`belum` -> `Belum mengirim`, as the Sekretaris reads it."""
    return STATUS_TEKS.get(status, status)


def keterangan(i: BarisIndikator) -> str:
    """Melampaui/Tercapai/Tidak Tercapai, or why there is no capaian yet."""
    if i.status:
        return i.status
    if i.realisasi is None:
        return "Belum ada data" if i.status_bidang == "diterima" else "Bidang belum mengirim"
    return "Tidak dapat dihitung"
