"""Shared workbook styling: named styles, A4 landscape print setup, formula-safe text."""

from __future__ import annotations

from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
NUM_FMT = "#,##0.00"
RP_FMT = "#,##0"


def safe_text(cell: Any, text: str | None) -> None:
    """Write user/PK text as text, never as a formula (docs/reliability.md B1)."""
    if text is None or text == "":
        cell.value = None
        return
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True


def register_styles(wb: Any) -> None:
    """Register the NamedStyles once per workbook (docs/performance.md §1: ~36 % faster than per-cell styles)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    locked_fill = PatternFill("solid", fgColor="F2F2F2")
    input_fill = PatternFill("solid", fgColor="FFF9DB")
    parent_fill = PatternFill("solid", fgColor="D9D9D9")

    def ns(name: str, **kw: Any) -> None:
        add_named_style(wb, name, **kw)

    ns(
        "kn_judul",
        font=Font(bold=True, size=12),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
    )
    ns(
        "kn_subjudul",
        font=Font(bold=True, size=10),
        alignment=Alignment(horizontal="left", vertical="center", wrap_text=True),
    )
    ns("kn_wrap", alignment=Alignment(wrap_text=True, vertical="top"))
    ns(
        "kn_header",
        font=Font(bold=True, color="FFFFFF"),
        fill=PatternFill("solid", fgColor="1F4E78"),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        border=border,
    )
    ns("kn_locked", fill=locked_fill, border=border, alignment=wrap_top)
    ns(
        "kn_locked_center",
        fill=locked_fill,
        border=border,
        alignment=Alignment(horizontal="center", vertical="top"),
    )
    ns(
        "kn_locked_num",
        fill=locked_fill,
        border=border,
        number_format=NUM_FMT,
        alignment=Alignment(horizontal="right", vertical="top"),
    )
    ns(
        "kn_locked_rp",
        fill=locked_fill,
        border=border,
        number_format=RP_FMT,
        alignment=Alignment(horizontal="right", vertical="top"),
    )
    ns("kn_parent", fill=parent_fill, border=border, font=Font(bold=True), alignment=wrap_top)
    ns(
        "kn_parent_rp",
        fill=parent_fill,
        border=border,
        font=Font(bold=True),
        number_format=RP_FMT,
        alignment=Alignment(horizontal="right", vertical="top"),
    )
    ns(
        "kn_input_num",
        fill=input_fill,
        border=border,
        number_format=NUM_FMT,
        protection=Protection(locked=False),
        alignment=Alignment(horizontal="right", vertical="top"),
    )
    ns(
        "kn_input_rp",
        fill=input_fill,
        border=border,
        number_format=RP_FMT,
        protection=Protection(locked=False),
        alignment=Alignment(horizontal="right", vertical="top"),
    )
    ns(
        "kn_input_text",
        fill=input_fill,
        border=border,
        protection=Protection(locked=False),
        alignment=wrap_top,
    )


def add_named_style(wb: Any, name: str, **attrs: Any) -> None:
    """Register one NamedStyle with the given attributes (font, fill, border, ...)."""
    from openpyxl.styles import NamedStyle

    style = NamedStyle(name=name)
    for key, value in attrs.items():
        setattr(style, key, value)
    wb.add_named_style(style)


def apply_print_setup(
    ws: Any, header_row: int | None, portrait: bool = False, scale: int | None = None
) -> None:
    """A4, landscape (unless portrait), fit to page width (or a fixed scale), header repeated."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    if scale:
        ws.page_setup.scale = scale
    else:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "Halaman &P dari &N"


def row_height(pairs: list[tuple[str, float]], line: float = 13.0, minimum: float = 15.0) -> float:
    """Row height (points) fitting wrapped texts: (text, column width in characters) pairs.

    openpyxl cannot autofit, and LibreOffice/Excel keep an explicit height, so estimate it.
    """
    import math

    lines = 1
    for text, width in pairs:
        if not text:
            continue
        per_line = max(width * 1.15 - 1, 1)
        n = sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))
        lines = max(lines, n)
    return max(minimum, lines * line + 2)
