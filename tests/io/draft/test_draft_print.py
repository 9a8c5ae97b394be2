"""The draft prints as a document (docs/contract.md §16): print settings of every sheet, row
heights that fit their text, named fonts, Indonesian number formats; and the row-ordered
writer under it (constant_memory cannot go back)."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

from kinerja_cli.domain.periode import Periode
from kinerja_cli.io.draft.common import Book, DraftOrderError, SheetWriter
from kinerja_cli.io.draft.writer import SHEETS, draft_filename, write_draft

# Sheets holding several tables: the agency title rows repeat, not one table's header.
KOP_REPEATED = {"Ringkasan", "Per Bidang", "Efisiensi", "Catatan"}
VISIBLE = [s.name for s in SHEETS if not s.hidden]


@pytest.fixture(scope="module")
def wb(pk, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN001, ANN201
    from test_draft_writer import example_kompilasi

    path = tmp_path_factory.mktemp("cetak") / draft_filename(2025, Periode(2))
    write_draft(example_kompilasi(pk), path)
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def pk():  # noqa: ANN201
    from kinerja_cli.io.pk.reader import read_pk
    from support.paths import EXAMPLE_PK

    return read_pk(EXAMPLE_PK).pk


@pytest.mark.parametrize("name", VISIBLE)
def test_every_sheet_prints_a4_fit_to_width_with_titles(wb, name: str) -> None:  # noqa: ANN001
    ws = wb[name]
    ps = ws.page_setup
    assert int(ps.paperSize) == 9  # A4
    assert ps.orientation == ("portrait" if name == "Ringkasan" else "landscape")
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ps.scale is None  # no fixed scale
    wide = 2 if name == "Evaluasi Renja" else 1
    assert int(ps.fitToWidth or 1) == wide  # unset means 1
    assert int(ps.fitToHeight) == 0  # as many pages tall as needed
    assert not ws.col_breaks.brk and not ws.row_breaks.brk  # no manual breaks
    assert ws.print_title_rows, name
    first, last = (int(x) for x in ws.print_title_rows.replace("$", "").split(":"))
    if name in KOP_REPEATED:
        assert (first, last) == (1, 3)
    else:  # the table's header row(s)
        assert ws.cell(last, 1).value in ("No", "Kode", "(1)")
    assert "&P" in (ws.oddFooter.center.text or "")


def test_renja_repeats_the_identifying_columns(wb) -> None:  # noqa: ANN001
    ws = wb["Evaluasi Renja"]
    assert ws.print_title_cols == "$A:$D"
    assert [ws.cell(9, c).value for c in range(1, 5)] == [None] * 4  # merged from row 7
    assert [ws.cell(7, c).value for c in range(1, 4)] == ["No", "Sasaran", "Program/Kegiatan"]
    assert ws.page_setup.pageOrder == "overThenDown"
    # Title, footer and signatures stand right of the repeated columns, left of the natural
    # break after Triwulan III (column P): nothing of them prints twice.
    for row in ws.iter_rows():
        for cell in row:
            if cell.value in ("Disusun", "Dievaluasi", "Predikat kinerja") or (
                isinstance(cell.value, str) and cell.value.startswith("EVALUASI TERHADAP")
            ):
                assert 5 <= cell.column <= 16, (cell.coordinate, cell.value)


def test_per_bidang_does_not_repeat_the_summary_header(wb) -> None:  # noqa: ANN001
    ws = wb["Per Bidang"]
    assert ws.print_title_rows == "$1:$3"
    assert ws.cell(5, 3).value == "Bidang"  # the summary header is row 5, not repeated


def _merged_width(ws, coord: str) -> tuple[float, int]:  # noqa: ANN001
    for rng in ws.merged_cells.ranges:
        if coord in rng:
            c1, _, c2, r2 = range_boundaries(str(rng))
            if rng.min_row != rng.max_row:
                return 0.0, 0  # over several rows: checked per group elsewhere
            return _width(ws, c1, c2), c1
    col = ws[coord].column
    return _width(ws, col, col), col


def _width(ws, c1: int, c2: int) -> float:  # noqa: ANN001
    widths: dict[int, float] = {}
    for dim in ws.column_dimensions.values():  # one <col> may cover several columns
        for c in range(dim.min or 0, (dim.max or 0) + 1):
            if dim.width:
                widths[c] = dim.width
    return sum(widths.get(c, 8.43) for c in range(c1, c2 + 1))


@pytest.mark.parametrize("name", VISIBLE)
def test_rows_are_tall_enough_for_their_wrapped_text(wb, name: str) -> None:  # noqa: ANN001
    """A lower bound independent of the writer's estimate: even at 1.4 characters per unit of
    column width (narrower than any real text), a text needs this many lines of 11 points."""
    ws = wb[name]
    for row in ws.iter_rows():
        need = 0.0
        for cell in row:
            if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            width, _ = _merged_width(ws, cell.coordinate)
            if not width:
                continue
            size = cell.font.sz or 11
            per_line = max(width * 1.4 * 11 / size, 1)
            lines = sum(max(1, math.ceil(len(p) / per_line)) for p in cell.value.split("\n"))
            need = max(need, lines * 11 * size / 11)
        if need > 15:
            height = ws.row_dimensions[row[0].row].height
            assert height is not None and height >= need, (name, row[0].row, height, need)


def test_fonts_are_named_and_numbers_indonesian(wb) -> None:  # noqa: ANN001
    assert all(f.name for f in wb._fonts)
    formats = {
        c.number_format
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, float | int) and not isinstance(c.value, bool)
    }
    assert formats - {"General"}
    assert all(f == "General" or f.startswith("[$-421]") for f in formats), formats


def test_merged_ranges_never_overlap(wb) -> None:  # noqa: ANN001
    for ws in wb.worksheets:
        seen: set[tuple[int, int]] = set()
        for rng in ws.merged_cells.ranges:
            c1, r1, c2, r2 = range_boundaries(str(rng))
            cells = {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
            assert not cells & seen, (ws.title, str(rng))
            seen |= cells


def _writer(tmp_path: Path):  # noqa: ANN202
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(tmp_path / "t.xlsx"), {"constant_memory": True})
    return wb, SheetWriter(Book(wb), wb.add_worksheet("S"))


def test_writer_refuses_to_go_back_a_row(tmp_path: Path) -> None:
    wb, sh = _writer(tmp_path)
    sh.put(2, 1, "a", "kd_teks")
    sh.put(3, 1, "b", "kd_teks")
    with pytest.raises(DraftOrderError):
        sh.put(2, 2, "lost", "kd_teks")
    with pytest.raises(DraftOrderError):
        sh.height(2, 30)
    wb.close()


def test_vertical_merge_styles_every_cell_and_quote_prefix(tmp_path: Path) -> None:
    wb, sh = _writer(tmp_path)
    sh.widths([10, 10, 10])
    sh.merge(1, 1, 3, 1, "grup", "kd_teks")
    sh.put(1, 2, "=1+1", "kd_teks")
    sh.put(2, 2, "dua", "kd_teks")
    sh.put(4, 2, "kata " * 40, "kd_teks")  # 200 characters in 10: several lines
    sh.close()
    wb.close()
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["S"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:A3"]
    assert ws["A3"].border.left.style == "thin"  # the merged cells below carry the style
    assert ws["B1"].data_type == "s" and ws["B1"].quotePrefix  # text, never a formula
    assert ws.row_dimensions[4].height >= 14 * 20


def test_fast_rows_are_byte_identical_to_xlsxwriter(pk, tmp_path: Path) -> None:  # noqa: ANN001
    """The draft's own row writer (SheetWriter._emit) writes exactly what xlsxwriter's row
    writer writes for the same cells, in every sheet of a draft (text with controls, XML
    characters, spaces at the ends and formula triggers included)."""
    import dataclasses
    import zipfile

    from test_draft_writer import example_kompilasi

    from kinerja_cli.domain.models import Narasi
    from kinerja_cli.io.draft.writer import build

    k = example_kompilasi(pk)
    odd = Narasi(
        pendorong=" spasi di depan & <tanda> ",
        penghambat="kendali\x01 _x0041_ ok",
        tindak_lanjut="=SUM(A1)",
        bukti="baris\nbaru\ufffe",
    )
    first = dataclasses.replace(k.indikator[0], narasi=odd)
    k = dataclasses.replace(k, indikator=(first, *k.indikator[1:]))
    build(k, tmp_path / "cepat.xlsx")
    build(k, tmp_path / "acuan.xlsx", reference=True)
    with (
        zipfile.ZipFile(tmp_path / "cepat.xlsx") as a,
        zipfile.ZipFile(tmp_path / "acuan.xlsx") as b,
    ):
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name


def test_rich_text_lookalike_stays_text(tmp_path: Path) -> None:
    """xlsxwriter would copy `<r>...</r>` into the sheet XML raw; the draft escapes it."""
    wb, sh = _writer(tmp_path)
    sh.put(1, 1, "<r><t>bukan XML</t></r>", "kd_teks")
    sh.close()
    wb.close()
    assert openpyxl.load_workbook(tmp_path / "t.xlsx")["S"]["A1"].value == "<r><t>bukan XML</t></r>"
