"""The fast path of scan_sheet is safety code (docs/performance.md §6, docs/reliability.md
A2): it accepts only canonical sheet XML, and whatever it accepts it judges exactly as the
full scan does and as python-calamine places the cells. Fuzzed against both; the bomb and
far-reference corpus runs through it (preflight takes the fast path by default)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from kinerja_cli.io.xlsx import filetype, preflight
from kinerja_cli.io.xlsx.filetype import (
    BadReference,
    Facts,
    FarReference,
    TooMany,
    fast_scan,
    scan_sheet,
)
from support import corpus

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PART = "xl/worksheets/sheet1.xml"


def outcome(xml: bytes, *, fast: bool) -> Any:
    """What scan_sheet decides: the facts, or the refusal."""
    facts = Facts()
    try:
        scan_sheet(xml, PART, facts, fast=fast)
    except (FarReference, BadReference, TooMany) as exc:
        return type(exc).__name__, str(exc), getattr(exc, "cell", None)
    return facts.max_ref, facts.formula_cells, facts.error_cells, facts.external_cells


# ---- generated sheets: canonical ones, and canonical ones bent a little -------------------

_near = st.builds(
    lambda c, r: f"{c}{r}",
    st.sampled_from(["A", "E", "Z", "AA", "ZZ"]),
    st.sampled_from([1, 4, 9, 2_849, 99_999]),
)
_odd = st.one_of(
    st.builds(
        lambda c, r: f"{c}{r}",
        st.sampled_from(["A", "AAA", "XFD", "e"]),
        st.sampled_from([1, 100_000, 1_048_576, 0]),
    ),
    st.none(),
)
_refs = st.one_of(_near, _near, _near, _near, _near, _odd)
_cell_attrs = st.tuples(
    st.sampled_from(["", ' s="1"', ' s="12"']),
    st.sampled_from(["", ' t="n"', ' t="s"', ' t="e"', ' t="str"', ' t="inlineStr"']),
).map(list)
_contents = st.sampled_from(
    [
        None,  # <c .../>
        "",  # <c ...></c>, as openpyxl with lxml writes styled empty cells
        "<v>1</v>",
        "<v>#DIV/0!</v>",
        "<v/>",
        "<f>SUM(A1:A3)</f><v>6</v>",
        "<f>[1]Lembar!A1</f><v>2</v>",
        '<f t="shared" si="0"/><v>3</v>',
        "<f>1+1</f>",
        "<is><t>teks</t></is>",
        '<is><t xml:space="preserve"> teks </t></is>',
        "<is><r><t>kaya</t></r></is>",  # rich text: not canonical here
        " ",  # whitespace content: not canonical
    ]
)
_row_attrs = st.sampled_from(["", ' spans="1:5"', ' ht="20" customHeight="1"', ' outlineLevel="1"'])


def rows_of(refs: Any, row_numbers: Any, contents: Any = _contents) -> Any:
    return st.lists(
        st.tuples(
            row_numbers,
            _row_attrs,
            st.lists(st.tuples(refs, _cell_attrs, contents), max_size=5),
            st.booleans(),  # self-closed row when it has no cells
        ),
        max_size=6,
    )


_near_rows = st.sampled_from([1, 4, 2_849, 99_999])
_rows = rows_of(
    _refs, st.one_of(_near_rows, _near_rows, st.none(), st.sampled_from([100_000, 1_048_000]))
)
_canonical_rows = rows_of(_near, _near_rows, _contents.filter(lambda c: c not in (" ",)))
_bends = st.one_of(
    st.just([]),
    st.just([]),
    st.lists(
        st.sampled_from(
            [
                ("<row", "<x:row"),
                ("<c ", "<x:c "),
                ('r="', "r='"),
                ("</row>", "</row>\n"),
                ("<v>", "<!-- x --><v>"),
                ("<c ", '<c r="B4" '),
                ("<row", "<?pi x?><row"),
                ('"><v>', '" ><v>'),
                ('s="1"', 's="&quot;"'),
            ]
        ),
        max_size=2,
    ),
)


def _sheet(rows: list[Any]) -> str:
    out = []
    for r, row_attrs, cells, closed in rows:
        head = (f'<row r="{r}"' if r else "<row") + row_attrs
        if not cells and closed:
            out.append(head + "/>")
            continue
        body = ""
        for ref, attrs, content in cells:
            tag = (f'<c r="{ref}"' if ref else "<c") + "".join(attrs)
            body += tag + "/>" if content is None else f"{tag}>{content}</c>"
        out.append(f"{head}>{body}</row>")
    return "".join(out)


@pytest.mark.slow
@FUZZ
@given(_rows, _bends)
def test_fast_path_decides_as_the_full_scan(rows: list[Any], bends: list[tuple[str, str]]) -> None:
    text = _sheet(rows)
    for old, new in bends:
        text = text.replace(old, new, 1)
    xml = corpus.sheet_xml(text, head='<dimension ref="A1"/>', tail="<pageMargins/>")
    took = fast_scan(xml) is not None
    event("fast path" if took else "full scan")
    assert outcome(xml, fast=True) == outcome(xml, fast=False)


@pytest.mark.slow
@FUZZ
@given(_canonical_rows)
def test_canonical_sheets_are_judged_alike(rows: list[Any]) -> None:
    xml = corpus.sheet_xml(_sheet(rows))
    event("fast path" if fast_scan(xml) is not None else "full scan")
    assert outcome(xml, fast=True) == outcome(xml, fast=False)


def _calamine_extent(xml: bytes) -> tuple[int, int]:
    """Where python-calamine places valued cells, read with ElementTree (no regexes)."""
    max_row = max_col = 0
    for element in ET.fromstring(xml).iter():
        if element.tag.rsplit("}", 1)[-1] != "c":
            continue
        ref = element.get("r") or ""
        letters = re.match(r"[A-Z]+", ref)
        assert letters is not None  # the fast path only takes cells with r
        col = sum(26**i * (ord(ch) - 64) for i, ch in enumerate(reversed(letters[0])))
        if any(child.tag.rsplit("}", 1)[-1] in ("v", "is", "f") for child in element):
            max_row, max_col = max(max_row, int(ref[len(letters[0]) :])), max(max_col, col)
    return max_row, max_col


@pytest.mark.slow
@FUZZ
@given(_canonical_rows)
def test_what_the_fast_path_accepts_python_calamine_reads_alike(rows: list[Any]) -> None:
    from python_calamine import CalamineError, CalamineWorkbook

    xml = corpus.sheet_xml(_sheet(rows))
    canonical = fast_scan(xml)
    assume(canonical is not None)
    assert canonical is not None
    assert (canonical.max_row, canonical.max_col) == _calamine_extent(xml)
    data = corpus.patch_sheet(corpus.make_base_xlsx(), xml)
    result = preflight(data, "f.xlsx")
    if not result.ok:  # only a dense area may stop a canonical, near sheet
        assert [f.code for f in result.findings] == ["outside-form-area"]
        assert canonical.max_row * canonical.max_col > filetype.MAX_AREA
        return
    try:
        grid = (
            CalamineWorkbook.from_filelike(io.BytesIO(data))
            .get_sheet_by_name("Form")
            .to_python(skip_empty_area=False)
        )
    except CalamineError:  # refused cleanly (e.g. a bad number): the reader reports it
        return
    width = max((len(r) for r in grid), default=0)
    assert len(grid) <= canonical.max_row and width <= canonical.max_col


# ---- fixed cases --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "maker",
    [
        corpus.make_base_xlsx,
        corpus.case_dimension_bomb,
        corpus.case_inflated_used_range,
        corpus.case_non_finite,
        lambda: corpus.small_sheet('<c r="A1"><v>1</v></c><c r="ZZ99999"><v>1</v></c>'),
        lambda: corpus.small_sheet('<c r="XFD4" s="1"/><c r="E4"><v>1</v></c>'),
        lambda: corpus.small_sheet('<c r="E4"><f>[1]Lembar!A1</f><v>1</v></c>'),
        lambda: corpus.small_sheet('<c r="E4" t="e"><v>#REF!</v></c>'),
    ],
)
def test_corpus_is_judged_alike_with_and_without_the_fast_path(
    maker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = maker()
    fast = preflight(data, "f.xlsx")
    monkeypatch.setattr(filetype, "fast_scan", lambda raw: None)
    full = preflight(data, "f.xlsx")
    assert fast == full


def test_canonical_writers_take_the_fast_path(tmp_path: Any) -> None:
    """openpyxl's, xlsxwriter's and the corpus's own canonical sheets are understood."""
    import openpyxl
    import xlsxwriter

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B2"], ws["C3"] = "teks", 12.5, "=SUM(B2)"
    ws["D4"].number_format = "0%"  # styled, empty
    out = io.BytesIO()
    wb.save(out)
    xw = tmp_path / "xw.xlsx"
    book = xlsxwriter.Workbook(str(xw), {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_string(0, 0, " spasi ")
    sheet.write_number(1, 1, 3)
    sheet.write_blank(2, 2, None, book.add_format({"bold": True}))
    book.close()
    import zipfile

    for data in (out.getvalue(), xw.read_bytes(), corpus.make_base_xlsx()):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("xl/worksheets/sheet1.xml")
        assert fast_scan(xml) is not None, xml[:300]
        assert outcome(xml, fast=True) == outcome(xml, fast=False)
