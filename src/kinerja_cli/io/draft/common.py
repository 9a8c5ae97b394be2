"""Shared pieces of the compiled draft workbook: styles, predikat colours, cell writers, titles.

Numbers go into cells as real numbers with a display format (Excel and LibreOffice then show
them with the reader's locale: 1.484,43 on an Indonesian system); text from forms goes
through `safe_text`, so it is never a formula (docs/reliability.md B1).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kinerja_cli.domain.capaian import SkalaPredikat
from kinerja_cli.domain.models import Nilai, Rentang, TargetValue
from kinerja_cli.domain.results import BarisIndikator, Kompilasi
from kinerja_cli.domain.rounding import bulat
from kinerja_cli.io.xlsx import NUM_FMT, RP_FMT, add_named_style, row_height, safe_text

# Best to worst; a scale with another number of bands is spread over these five.
PREDIKAT_FILLS = ("C6EFCE", "E2EFDA", "FFEB9C", "FCE4D6", "FFC7CE")
MAX_ROW_HEIGHT = 409.0  # Excel's limit, in points
NARASI_MAX = 2000


def register_draft_styles(wb: Any) -> None:
    """Named styles of the draft (plain cells with borders; groups and totals bold)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    top = Alignment(wrap_text=True, vertical="top")
    right = Alignment(horizontal="right", vertical="top")
    center = Alignment(horizontal="center", vertical="top", wrap_text=True)
    grup = PatternFill("solid", fgColor="DDEBF7")
    total = PatternFill("solid", fgColor="D9D9D9")
    kosong = PatternFill("solid", fgColor="EDEDED")

    def ns(name: str, **kw: Any) -> None:
        add_named_style(wb, name, **kw)

    ns("kd_teks", border=border, alignment=top)
    ns("kd_tengah", border=border, alignment=center)
    ns("kd_angka", border=border, alignment=right, number_format=NUM_FMT)
    ns("kd_rp", border=border, alignment=right, number_format=RP_FMT)
    ns("kd_grup", border=border, alignment=top, fill=grup, font=Font(bold=True))
    ns(
        "kd_grup_angka",
        border=border,
        alignment=right,
        fill=grup,
        font=Font(bold=True),
        number_format=NUM_FMT,
    )
    ns(
        "kd_grup_rp",
        border=border,
        alignment=right,
        fill=grup,
        font=Font(bold=True),
        number_format=RP_FMT,
    )
    ns("kd_total", border=border, alignment=top, fill=total, font=Font(bold=True))
    ns(
        "kd_total_angka",
        border=border,
        alignment=right,
        fill=total,
        font=Font(bold=True),
        number_format=NUM_FMT,
    )
    ns(
        "kd_total_rp",
        border=border,
        alignment=right,
        fill=total,
        font=Font(bold=True),
        number_format=RP_FMT,
    )
    ns("kd_kosong", border=border, alignment=top, fill=kosong)
    ns(
        "kd_catatan",
        alignment=Alignment(wrap_text=True, vertical="top"),
        font=Font(italic=True, size=9, color="404040"),
    )
    ns("kd_label", font=Font(bold=True), alignment=Alignment(vertical="top", wrap_text=True))
    ns(
        "kd_besar",
        font=Font(bold=True, size=14),
        number_format=NUM_FMT,
        alignment=Alignment(horizontal="left", vertical="center"),
    )


def predikat_fill(skala: SkalaPredikat, label: str | None) -> Any:
    """The fill of a predikat label: green for the best band through red for the worst."""
    from openpyxl.styles import PatternFill

    order = skala.urutan
    if label is None or label not in order:
        return None
    i = order.index(label)
    n = len(order)
    idx = 0 if n == 1 else round(i * (len(PREDIKAT_FILLS) - 1) / (n - 1))
    return PatternFill("solid", fgColor=PREDIKAT_FILLS[idx])


def set_style(cell: Any, name: str) -> None:
    """`cell.style = name`, without openpyxl's search of every named style for every cell
    (a quarter of the draft's time at 10,000 indicators): the style's ids are looked up once
    per workbook and copied."""
    from copy import copy

    cache: dict[str, Any] = cell.parent.parent.__dict__.setdefault("_kinerja_styles", {})
    ids = cache.get(name)
    if ids is None:
        cell.style = name
        cache[name] = copy(cell._style)
    else:
        cell._style = copy(ids)


def is_unstyled(cell: Any) -> bool:
    """True when the cell still has the workbook's default named style ("Normal")."""
    wb = cell.parent.parent
    normal = wb.__dict__.get("_kinerja_normal")
    if normal is None:
        normal = wb.__dict__["_kinerja_normal"] = wb._named_styles.names.index("Normal")
    ids = cell._style
    return bool((0 if ids is None else ids.xfId) == normal)


def _fill(cell: Any, rgb: str) -> None:
    """A solid fill, added to the workbook's fills once per colour."""
    from openpyxl.styles import PatternFill

    wb = cell.parent.parent
    cache: dict[str, int] = wb.__dict__.setdefault("_kinerja_fills", {})
    idx = cache.get(rgb)
    if idx is None:
        idx = cache[rgb] = wb._fills.add(PatternFill("solid", fgColor=rgb))
    if cell._style is None:
        from openpyxl.styles.cell_style import StyleArray

        cell._style = StyleArray()
    cell._style.fillId = idx


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
    return "#,##0" + ("." + "0" * places if places else "")


_FORMATS: dict[int, tuple[BarisIndikator, str]] = {}  # id -> (indicator, format)


def indikator_format(i: BarisIndikator) -> str:
    """One display format for all of an indicator's targets and realisations (each sheet asks
    for every cell; remembered until `forget_formats`)."""
    hit = _FORMATS.get(id(i))
    if hit is not None and hit[0] is i:
        return hit[1]
    fmt = value_format(i.target, *i.target_tw, *i.realisasi_tw, i.realisasi)
    _FORMATS[id(i)] = (i, fmt)
    return fmt


def forget_formats() -> None:
    """Drop the remembered indicator formats (the draft is written)."""
    _FORMATS.clear()


def put(ws: Any, r: int, c: int, value: Any, style: str | None = None) -> Any:
    """Write one cell: text via safe_text, numbers as numbers; return the cell."""
    cell = ws.cell(r, c)
    if style:
        set_style(cell, style)  # first: assigning a named style clears quotePrefix
    if isinstance(value, str):
        safe_text(cell, value)
    elif isinstance(value, Decimal):
        cell.value = number(value)
    else:
        cell.value = value
    return cell


def persen(ws: Any, r: int, c: int, d: Decimal | None, style: str = "kd_angka") -> Any:
    """A percentage (capaian, serapan, IE) rounded half-up to 2 decimals, as a number."""
    cell = put(ws, r, c, None if d is None else float(bulat(d, 2)), style)
    return cell


def rupiah(ws: Any, r: int, c: int, d: Decimal | None, style: str = "kd_rp") -> Any:
    """Rupiah as a number with the #,##0 format."""
    return put(ws, r, c, number(d), style)


def target(
    ws: Any,
    r: int,
    c: int,
    v: TargetValue | None,
    teks: str,
    fmt: str | None = None,
    style: str = "kd_angka",
) -> Any:
    """A PK target: a number (format `fmt`, else its own decimals), or the PK's text for
    rentang and biner."""
    if isinstance(v, bool | Rentang):
        return put(ws, r, c, teks or str(v), style)
    return _decimal(ws, r, c, v, fmt, style)


def realisasi(
    ws: Any,
    r: int,
    c: int,
    v: Nilai | None,
    target_teks: str,
    fmt: str | None = None,
    style: str = "kd_angka",
) -> Any:
    """A realisation: a number, or the yes/no word matching the target's wording."""
    from kinerja_cli.domain.kompilasi import teks_biner

    if isinstance(v, bool):
        return put(ws, r, c, teks_biner(v, target_teks), style)
    return _decimal(ws, r, c, v, fmt, style)


def _decimal(ws: Any, r: int, c: int, v: Decimal | None, fmt: str | None, style: str) -> Any:
    cell = put(ws, r, c, number(v), style)
    if v is not None:
        cell.number_format = fmt or value_format(v)
    return cell


def fill_hex(cell: Any, rgb: str) -> None:
    """A solid fill of one colour."""
    _fill(cell, rgb)


def fill_predikat(cell: Any, skala: SkalaPredikat, label: str | None) -> None:
    """Colour a cell by predikat (a direct fill, so every spreadsheet program shows it)."""
    fill = predikat_fill(skala, label)
    if fill is not None:
        _fill(cell, fill.fgColor.rgb[-6:])


def title_block(ws: Any, k: Kompilasi, judul: str, ncols: int) -> int:
    """The agency header lines; returns the next free row (one blank row after)."""
    idn = k.identitas
    lines = [
        f"PEMERINTAH {idn.pemda.upper()}" if idn.pemda else "",
        idn.perangkat_daerah.upper(),
        f"{judul} TAHUN {k.tahun}"
        if k.periode.tahunan
        else f"{judul} {k.periode.label.upper()} TAHUN {k.tahun}",
    ]
    for r, text in enumerate(lines, start=1):
        put(ws, r, 1, text, "kn_judul")
        merge(ws, r, 1, r, max(ncols, 2))
    ws.row_dimensions[2].height = 30 if len(lines[1]) > 80 else 16
    return len(lines) + 2


def header(ws: Any, r: int, cols: Sequence[tuple[str, float]], height: float = 32) -> None:
    """A header row of (title, width) columns starting at column A."""
    from openpyxl.utils import get_column_letter

    for c, (title, width) in enumerate(cols, start=1):
        put(ws, r, c, title, "kn_header")
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.row_dimensions[r].height = height


def merge(ws: Any, r1: int, c1: int, r2: int, c2: int) -> None:
    """`ws.merge_cells(...)` giving the same cells, styles and XML, fast for thousands of ranges.

    openpyxl checks each new range against every earlier one (quadratic: 40 s for a draft of
    200 bidang) and re-hashes border and protection objects for every cell of the range. The
    draft's ranges never overlap, and the styles a merge leaves depend only on the first and
    last cell's styles and the shape: openpyxl computes them once per workbook, then they are
    copied.
    """
    from copy import copy

    from openpyxl.cell.cell import MergedCell
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.merge import MergedCellRange

    if (r1, c1) == (r2, c2):
        return
    cells = ws._cells
    first = ws.cell(r1, c1)
    last = cells.get((r2, c2))
    key = (tuple(first._style), None if last is None else tuple(last._style), r2 - r1, c2 - c1)
    cache: dict[Any, Any] = ws.parent.__dict__.setdefault("_kinerja_merges", {})
    styles = cache.get(key)
    if styles is None:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        cache[key] = [
            copy(cells[r, c]._style) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
        ]
        return
    coord = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
    cells.pop((r2, c2), None)  # its borders are in the cached styles already
    ws.merged_cells.ranges.add(MergedCellRange(ws, coord))
    it = iter(styles)
    first._style = copy(next(it))
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            if (r, c) != (r1, c1):
                cell = MergedCell(ws, r, c)
                cell._style = copy(next(it))
                cells[r, c] = cell


def merge_row(ws: Any, r: int, c1: int, c2: int, value: Any, style: str) -> Any:
    """Write a value across columns c1..c2 of one row (the merge gives every cell the borders)."""
    cell = put(ws, r, c1, value, style)
    if c2 > c1:
        set_style(
            ws.cell(r, c2), style
        )  # openpyxl takes the right/bottom border from the last cell
        merge(ws, r, c1, r, c2)
    return cell


def subtitle(ws: Any, r: int, text: str, ncols: int) -> None:
    """A bold section title across the table width (merged, so it never wraps in column A)."""
    from openpyxl.styles import Alignment

    cell = put(ws, r, 1, text, "kn_subjudul")
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=False)
    merge(ws, r, 1, r, max(ncols, 2))


def fit_height(ws: Any, r: int, pairs: list[tuple[str, float]], minimum: float = 15.0) -> None:
    """Row height for wrapped text, capped at Excel's limit."""
    ws.row_dimensions[r].height = min(MAX_ROW_HEIGHT, row_height(pairs, minimum=minimum))


def note(ws: Any, r: int, text: str, ncols: int, width: float) -> int:
    """An italic note across the table width; returns the next row."""
    merge_row(ws, r, 1, ncols, text, "kd_catatan")
    fit_height(ws, r, [(text, width)])
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
