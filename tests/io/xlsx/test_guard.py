"""Preflight over the file-level bad-input corpus (docs/reliability.md E1 to E28), bombs, fuzzing."""

from __future__ import annotations

import io
import json
import os
import re
import struct
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kinerja_cli
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.xlsx import (
    PreflightResult,
    clean_text,
    ensure_defused_openpyxl,
    is_junk_name,
    norm,
    preflight,
    sniff,
)
from kinerja_cli.io.xlsx.filetype import KINDS, MAX_AREA, MAX_COL, MAX_ROW
from support import corpus  # tests/ is on sys.path via tests/conftest.py

NAME = "EKONOMI_TW3.xlsx"
SRC = str(Path(kinerja_cli.__file__).resolve().parents[1])
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes, name: str = NAME) -> PreflightResult:
    result = preflight(data, name)
    assert isinstance(result, PreflightResult)
    assert result.kind in KINDS
    assert all(f.file == name for f in result.findings)
    return result


def codes(result: PreflightResult) -> list[str]:
    return [f.code for f in result.findings]


def rejected(data: bytes, code: str, name: str = NAME) -> PreflightResult:
    result = check(data, name)
    assert not result.ok
    assert codes(result) == [code], result.findings
    return result


BOMBS = {
    "whitespace": (corpus.case_whitespace_bomb, "zip-bomb"),
    "shared-strings": (corpus.case_shared_strings_bomb, "zip-bomb"),
    "shared-strings-lie": (corpus.case_shared_strings_lie, "zip-bomb"),
    "giant-string": (corpus.case_giant_string, "zip-bomb"),
    "many-entries": (corpus.case_many_entries, "zip-bomb"),
    "dimension": (corpus.case_dimension_bomb, "outside-form-area"),
    "dense-area": (
        lambda: corpus.small_sheet('<c r="A1"><v>1</v></c><c r="ZZ99999"><v>1</v></c>'),
        "outside-form-area",
    ),
    "billion-laughs": (corpus.case_billion_laughs, "xml-dtd-forbidden"),
    "quadratic-blowup": (corpus.case_quadratic_blowup, "xml-dtd-forbidden"),
    "xxe": (corpus.case_xxe, "xml-dtd-forbidden"),
}


@pytest.fixture(scope="session")
def bombs() -> dict[str, bytes]:
    return {name: build() for name, (build, _) in BOMBS.items()}


# ---- the valid form -------------------------------------------------------------------


def test_valid_form_is_ok_and_described() -> None:
    result = check(corpus.make_base_xlsx())
    assert (result.kind, result.ok, result.findings) == ("xlsx", True, [])
    assert result.sheet_parts == {
        "Form": "xl/worksheets/sheet1.xml",
        "_kinerja": "xl/worksheets/sheet2.xml",
    }
    assert result.sheet_states == {"Form": "visible", "_kinerja": "veryHidden"}
    assert result.max_ref["xl/worksheets/sheet1.xml"] == (6, 7)
    assert result.formula_cells["xl/worksheets/sheet1.xml"] == set()
    assert not (result.has_macros or result.has_external_links)
    assert result.application and "openpyxl" in result.application.lower()


def test_python_calamine_reads_the_valid_form_after_preflight() -> None:
    from python_calamine import CalamineWorkbook

    data = corpus.make_base_xlsx()
    assert check(data).ok
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Form")
    values = rows.to_python(skip_empty_area=False)
    assert values[3][:5] == [1.0, "IK.01", "Persentase UMKM naik kelas", 85.0, 90.0]
    assert values[4][4] == 1200.0


# ---- docs/reliability.md E cases 1-28 ----------------------------------------------------------


def test_01_empty_file() -> None:
    assert rejected(corpus.case_empty(), "file-empty").kind == "empty"


def test_02_csv_renamed() -> None:
    result = rejected(corpus.case_csv(), "file-csv")
    assert "Simpan Sebagai" in result.findings[0].message


def test_03_html_renamed() -> None:
    assert rejected(corpus.case_html(), "file-not-spreadsheet").kind == "html"


@pytest.mark.parametrize("name", ["EKONOMI.xls", "EKONOMI.xlsx"])
def test_04_xls_by_content_whatever_the_name(name: str) -> None:
    rejected(corpus.case_xls(), "file-format-xls", name)


def test_05_cfb_junk() -> None:
    rejected(corpus.case_cfb_junk(), "file-format-xls")


def test_06_encrypted_workbook() -> None:
    assert rejected(corpus.case_encrypted(), "file-encrypted").kind == "encrypted"


@pytest.mark.parametrize("name", ["EKONOMI.ods", "EKONOMI.xlsx"])
def test_07_ods(name: str) -> None:
    rejected(corpus.case_ods(), "file-format-ods", name)


def test_08_xlsb_like() -> None:
    rejected(corpus.case_xlsb(), "file-format-xlsb")


def test_09_truncated() -> None:
    assert rejected(corpus.case_truncated(), "file-corrupt").kind == "truncated"


def test_10_corrupt_deflate_data() -> None:
    result = rejected(corpus.case_corrupt_deflate(), "file-corrupt")
    assert "xl/worksheets/sheet1.xml" in result.findings[0].message


def test_11_missing_content_types() -> None:
    result = rejected(corpus.case_missing_content_types(), "ooxml-part-missing")
    assert "[Content_Types].xml" in result.findings[0].message


def test_12_duplicate_entry() -> None:
    rejected(corpus.case_duplicate_entry(), "zip-duplicate-entry")


@pytest.mark.slow
def test_13_whitespace_bomb(bombs: dict[str, bytes]) -> None:
    assert len(bombs["whitespace"]) < 1024 * 1024
    rejected(bombs["whitespace"], "zip-bomb")


def test_14_shared_strings_bomb(bombs: dict[str, bytes]) -> None:
    rejected(bombs["shared-strings"], "zip-bomb")


def test_15_giant_string(bombs: dict[str, bytes]) -> None:
    rejected(bombs["giant-string"], "zip-bomb")
    # 40 000 characters is under every cap: `text-too-long` is the reader's finding.
    assert check(corpus.case_giant_string(40_000)).ok


def test_16_many_entries(bombs: dict[str, bytes]) -> None:
    rejected(bombs["many-entries"], "zip-bomb")


@pytest.mark.parametrize("bigger", [False, True])
def test_17_declared_size_lie(bigger: bool) -> None:
    rejected(corpus.case_declared_size_lie(bigger), "file-corrupt")


def test_18_dimension_bomb_names_the_far_cell(bombs: dict[str, bytes]) -> None:
    finding = rejected(bombs["dimension"], "outside-form-area").findings[0]
    assert (finding.sheet, finding.cell) == ("Form", "XFD1048576")


def test_19_formatting_inflated_used_range_is_accepted() -> None:
    result = check(corpus.case_inflated_used_range())
    assert result.ok, result.findings
    assert result.max_ref["xl/worksheets/sheet1.xml"] == (6, 7)


@pytest.mark.parametrize(
    "build",
    [
        corpus.case_billion_laughs,
        corpus.case_quadratic_blowup,
        corpus.case_xxe,
        corpus.case_harmless_dtd,
    ],
    ids=["20-billion-laughs", "21-quadratic-blowup", "22-xxe", "23-harmless-dtd"],
)
def test_20_to_23_any_dtd_is_refused(build: Callable[[], bytes]) -> None:
    import openpyxl

    assert openpyxl.DEFUSEDXML is True
    finding = rejected(build(), "xml-dtd-forbidden").findings[0]
    assert finding.sheet == "Form"


def test_24_invalid_character_reference() -> None:
    message = rejected(corpus.case_invalid_char_ref(), "xml-malformed").findings[0].message
    assert "xl/worksheets/sheet1.xml" in message
    assert re.search(r"baris 1, kolom \d+", message)


def test_25_excessive_nesting_in_workbook_xml() -> None:
    message = rejected(corpus.case_excessive_nesting(), "xml-malformed").findings[0].message
    assert "xl/workbook.xml" in message
    # the 100 000 levels of docs/reliability.md E25 are refused earlier, by the compression ratio.
    assert not check(corpus.case_excessive_nesting(100_000)).ok


@pytest.mark.parametrize("variant", sorted(corpus.INVALID_CELLS))
def test_26_invalid_cell_values_are_left_to_the_reader(variant: str) -> None:
    assert check(corpus.case_invalid_cell(variant)).ok


def test_26_impossible_reference() -> None:
    finding = rejected(corpus.case_impossible_ref(), "xml-malformed").findings[0]
    assert "ZZZZ9999999" in finding.message


def test_27_non_finite_number_is_left_to_the_reader() -> None:
    assert check(corpus.case_non_finite()).ok


@pytest.mark.parametrize("name", sorted(corpus.junk_files()))
def test_28_lock_and_junk_files_are_ignored_by_name(name: str) -> None:
    assert is_junk_name(name)
    assert is_junk_name(f"inbox/TW3/{name}")


@pytest.mark.parametrize(
    "name", ["EKONOMI_TW3.xlsx", "EKONOMI (1).xlsx", "Laporan~$.xlsx", "SOSIAL.XLSX", "a.b.xlsx"]
)
def test_28_real_submissions_are_not_junk(name: str) -> None:
    assert not is_junk_name(name)


# ---- more of the zip and XML surface ---------------------------------------------------


def _patch_flag(data: bytes, member: str, flag: int) -> bytes:
    out = bytearray(data)
    local, central = corpus.member_offsets(data, member)
    struct.pack_into("<H", out, local + 6, flag)
    struct.pack_into("<H", out, central + 8, flag)
    return bytes(out)


def test_macros_are_a_warning_only() -> None:
    data = corpus.rewrite_zip(corpus.make_base_xlsx(), "xl/vbaProject.bin", b"\xcc" * 64)
    result = check(data)
    assert (result.kind, result.ok, result.has_macros) == ("xlsm", True, True)
    assert [(f.code, f.severity) for f in result.findings] == [("macro-ignored", "warning")]


def test_formula_error_and_external_cells_are_reported() -> None:
    data = corpus.small_sheet(
        '<c r="E4" t="e"><v>#DIV/0!</v></c><c r="E5"><f>1000+200</f><v>1200</v></c>'
        '<c r="E6"><f>[1]Sheet1!A1</f><v>7</v></c><c r="F6" s="1"><f t="shared" si="0"/></c>'
    )
    result = check(data)
    part = "xl/worksheets/sheet1.xml"
    assert result.ok and result.has_external_links
    assert result.formula_cells[part] == {"E5", "E6", "F6"}
    assert result.error_cells[part] == {"E4"}
    assert [(f.code, f.severity, f.sheet, f.cell) for f in result.findings] == [
        ("external-link", "error", "Form", "E6")
    ]


def test_external_link_part_without_formula() -> None:
    data = corpus.rewrite_zip(
        corpus.make_base_xlsx(), "xl/externalLinks/externalLink1.xml", b"<externalLink/>"
    )
    result = check(data)
    assert result.ok and result.has_external_links
    assert [(f.code, f.cell) for f in result.findings] == [("external-link", None)]


FAR = "outside-form-area"
BAD = "xml-malformed"


@pytest.mark.parametrize(
    ("cells", "code"),
    [
        pytest.param('<c r="A1"><v>1</v></c><c r="ZZ99999"><v>1</v></c>', FAR, id="dense"),
        pytest.param('<c r="AAA4"><v>1</v></c>', FAR, id="col-aaa"),
        pytest.param('<c r="A100000"><v>1</v></c>', FAR, id="row-100000"),
        pytest.param("<c><v>1</v></c>" * 703, FAR, id="no-r-beyond-zz"),
        pytest.param('<c r="XFD4" s="1"/><c><v>1</v></c>', FAR, id="no-r-after-far"),
        pytest.param('<c r="e4"><v>1</v></c>', BAD, id="lowercase"),
        pytest.param('<c r="A0"><v>1</v></c>', BAD, id="row-zero"),
        pytest.param("<c r='XFD4'><v>1</v></c>", FAR, id="single-quotes"),
        pytest.param('<x:c r="XFD4"><v>1</v></x:c>', FAR, id="prefixed"),
        pytest.param('<c s=">" r="XFD4"><v>1</v></c>', FAR, id="gt-in-attribute"),
        pytest.param('<c s="1"r="XFD4"><v>1</v></c>', BAD, id="no-space-before-r"),
        pytest.param('</row><row s="1"r="100000"><c><v>1</v></c>', BAD, id="row-no-space"),
        pytest.param('<c r="ZZ4" s="1"/><c s="1"/r="A4"><v>1</v></c>', BAD, id="slash-r"),
        pytest.param('<c r="ZZ4" s="1"/><c x:r="A4"><v>1</v></c>', BAD, id="prefixed-r"),
        pytest.param('<c r="A4" r="XFD4"><v>1</v></c>', FAR, id="two-r"),
        pytest.param('</row><row r="5" r="100000"><c><v>1</v></c>', FAR, id="row-two-r"),
        pytest.param(
            '<c r="A1"><v>1</v></c><c r="A4" r="ZZ99999"><v>1</v></c>', FAR, id="two-near-r-dense"
        ),
    ],
)
def test_references_calamine_must_not_see(cells: str, code: str) -> None:
    rejected(corpus.small_sheet(cells), code)


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="1048000" ht="20" customHeight="1"/>',
        '<row r="1048000"><c r="A1048000" s="1"/><c r="XFD1048000" s="2"/></row>',
        '<row r="5"><c r="XFD5" s="1"/></row>',
        "<row><c><v>1</v></c><c><v>2</v></c></row>" * 20,
        '<row r="1048000"><c r="A1048000" s="2" t="n"></c></row>',
    ],
    ids=["far-row", "far-styled-cells", "far-styled-column", "cells-without-r", "lxml-style"],
)
def test_far_formatting_without_values_is_harmless(rows: str) -> None:
    data = corpus.patch_sheet(corpus.make_base_xlsx(), corpus.sheet_xml(rows))
    result = check(data)
    assert result.ok, result.findings
    max_row, max_col = result.max_ref["xl/worksheets/sheet1.xml"]
    assert max_row <= MAX_ROW and max_col <= MAX_COL


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        pytest.param('<row r="1048000"><!-- </row> --><c><v>1</v></c></row>', FAR, id="comment"),
        pytest.param('<row r="1048000"><?x </row> ?><c><v>1</v></c></row>', FAR, id="pi"),
        pytest.param('<row r="1048000" ht="1"/><row><c><v>1</v></c></row>', FAR, id="next-row"),
        pytest.param(
            '<row r="1048000"><c r="A1048000" s="1"/><c><v>1</v></c></row>', FAR, id="next-cell"
        ),
        pytest.param(
            '<row r="5"><c r="A5"><v>1</v></c></row><!-- open',
            "xml-malformed",
            id="unterminated-comment",
        ),
    ],
)
def test_tricks_to_hide_far_values(rows: str, code: str) -> None:
    rejected(corpus.patch_sheet(corpus.make_base_xlsx(), corpus.sheet_xml(rows)), code)


@pytest.mark.parametrize(
    "xml",
    [
        corpus.sheet_xml('<row r="4"><c r="E4"><v>1</v></c></row>').decode().encode("utf-16"),
        b'<?xml version="1.0" encoding="UTF-7"?>' + corpus.sheet_xml(""),
        b"\x4c\x6f\xa7\x94 EBCDIC",
        corpus.sheet_xml('<row r="4"><c r="E4" t="inlineStr"><is><t>a\x07b</t></is></c></row>'),
    ],
    ids=["utf-16", "utf-7", "ebcdic", "raw-control"],
)
def test_xml_parts_must_be_plain_utf8(xml: bytes) -> None:
    rejected(corpus.patch_sheet(corpus.make_base_xlsx(), xml), "xml-malformed")


def test_unparsed_custom_xml_may_be_utf16_but_not_carry_a_dtd() -> None:
    item = '<?xml version="1.0" encoding="utf-16"?><p:properties xmlns:p="urn:x"/>'
    data = corpus.rewrite_zip(corpus.make_base_xlsx(), "customXml/item1.xml", item.encode("utf-16"))
    assert check(data).ok
    evil = ('<!DOCTYPE p [<!ENTITY a "b">]>' + item).encode("utf-16")
    data = corpus.rewrite_zip(corpus.make_base_xlsx(), "customXml/item1.xml", evil)
    rejected(data, "xml-dtd-forbidden")


def test_encrypted_zip_entry() -> None:
    data = _patch_flag(corpus.make_base_xlsx(), corpus.SHEET1, 0x1)
    rejected(data, "file-encrypted")


def test_unknown_compression_method() -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(corpus.make_base_xlsx())) as zin,
        zipfile.ZipFile(out, "w") as zout,
    ):
        for info in zin.infolist():
            method = zipfile.ZIP_BZIP2 if info.filename == corpus.SHEET1 else zipfile.ZIP_DEFLATED
            zout.writestr(info.filename, zin.read(info), compress_type=method)
    rejected(out.getvalue(), "file-corrupt")


def test_overlapping_entries() -> None:
    data = bytearray(corpus.make_base_xlsx())
    _, central = corpus.member_offsets(bytes(data), corpus.SHEET1)
    target, _ = corpus.member_offsets(bytes(data), "xl/worksheets/sheet2.xml")
    struct.pack_into("<L", data, central + 42, target)
    rejected(bytes(data), "zip-bomb")


def test_worksheets_are_found_whatever_their_part_name() -> None:
    far = corpus.sheet_xml('<row r="4"><c r="XFD4"><v>1</v></c></row>')
    base = corpus.make_base_xlsx()
    rels = corpus.read_member(base, "xl/_rels/workbook.xml.rels")
    moved = corpus.edit_zip(
        base,
        {
            "xl/_rels/workbook.xml.rels": rels.replace(b"/xl/worksheets/sheet1.xml", b"data/f.bin"),
            corpus.SHEET1: None,
            "xl/data/f.bin": far,
        },
    )
    result = rejected(moved, FAR)
    assert result.findings[0].sheet == "Form"
    rejected(corpus.rewrite_zip(base, "xl/orphan.xml", far), FAR)


def test_sheet_part_missing() -> None:
    data = corpus.rewrite_zip(corpus.make_base_xlsx(), "xl/worksheets/sheet2.xml", None)
    finding = rejected(data, "ooxml-part-missing").findings[0]
    assert finding.sheet == "_kinerja"


def test_other_zips_and_documents() -> None:
    docx = corpus.edit_zip(
        corpus.case_xlsb(), {"xl/workbook.bin": None, "word/document.xml": b"<w/>"}
    )
    assert rejected(docx, "ooxml-part-missing").kind == "zip-other"  # has [Content_Types].xml
    other = corpus.edit_zip(docx, {"[Content_Types].xml": None})
    assert rejected(other, "file-not-spreadsheet").kind == "zip-other"
    assert rejected(b"%PDF-1.7\n...", "file-not-spreadsheet").kind == "pdf"
    assert rejected(bytes(range(256)) * 4, "file-not-spreadsheet").kind == "unknown"
    rejected(b"PK\x03\x04" + b"\x00" * (10 * 1024 * 1024), "file-too-large")


def test_sniff_ignores_the_name() -> None:
    for data, kind in [
        (corpus.make_base_xlsx(), "xlsx"),
        (corpus.case_xls(), "xls"),
        (corpus.case_ods(), "ods"),
        (corpus.case_csv(), "csv"),
        ("Kode\tNilai\r\nIK.01\t85\r\n".encode("utf-16"), "csv"),
        (corpus.case_html(), "html"),
        (corpus.case_encrypted(), "encrypted"),
        (corpus.case_truncated(), "truncated"),
        (b"  \r\n", "empty"),
    ]:
        assert sniff(data, "x.xlsx") == sniff(data, "x.pdf") == kind


# ---- bombs: fast, and small in memory ---------------------------------------------------


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bombs_are_refused_in_well_under_a_second(bombs: dict[str, bytes], name: str) -> None:
    start = time.perf_counter()
    result = check(bombs[name])
    elapsed = time.perf_counter() - start
    assert codes(result) == [BOMBS[name][1]]
    assert elapsed < 1.0, f"{name}: {elapsed:.3f} s"


_CHILD = textwrap.dedent(
    """
    import json, resource, sys
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from kinerja_cli.io.xlsx.guard import preflight
    out = {}
    for path in sys.argv[2:]:
        with open(path, "rb") as fh:
            data = fh.read()
        result = preflight(data, path)
        out[path] = [result.ok, [f.code for f in result.findings]]
    print(json.dumps(out))
    """
)

_CALAMINE_CHILD = textwrap.dedent(
    """
    import io, json, resource, sys
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from python_calamine import CalamineWorkbook
    from kinerja_cli.io.xlsx.guard import preflight
    out = {}
    for path in sys.argv[2:]:
        with open(path, "rb") as fh:
            data = fh.read()
        assert preflight(data, path).ok, path
        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            cells = sum(
                len(row)
                for name in book.sheet_names
                for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            )
            out[path] = ["read", cells]
        except Exception as exc:
            out[path] = ["error", type(exc).__name__]
        except BaseException as exc:  # a Rust panic surfaces as pyo3's PanicException
            out[path] = ["panic", type(exc).__name__]
    print(json.dumps(out))
    """
)

MEMORY_CAP = 512 * 1024 * 1024


def _run_capped(script: str, paths: list[Path]) -> dict[str, list[object]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run(
        [sys.executable, "-c", script, str(MEMORY_CAP), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, list[object]] = json.loads(proc.stdout)
    return result


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux-only")
def test_bombs_are_refused_under_a_512_mb_address_space(
    bombs: dict[str, bytes], tmp_path: Path
) -> None:
    paths = []
    for name, data in bombs.items():
        paths.append(tmp_path / f"{name}.xlsx")
        paths[-1].write_bytes(data)
    out = _run_capped(_CHILD, paths)
    for path in paths:
        ok, found = out[str(path)]
        assert ok is False and found == [BOMBS[path.stem][1]], (path.stem, found)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux-only")
def test_python_calamine_survives_every_file_preflight_accepts(tmp_path: Path) -> None:
    accepted = {
        "base": corpus.make_base_xlsx(),
        "inflated-used-range": corpus.case_inflated_used_range(),
        "non-finite": corpus.case_non_finite(),
        "far-formatting": corpus.patch_sheet(
            corpus.make_base_xlsx(),
            corpus.sheet_xml(
                '<row r="4"><c r="E4"><v>1</v></c></row><row r="1048000" s="1">'
                '<c r="A1048000" s="1"/><c r="XFD1048000" s="1"/></row>'
            ),
        ),
        **{f"cell-{v}": corpus.case_invalid_cell(v) for v in corpus.INVALID_CELLS},
    }
    paths = []
    for name, data in accepted.items():
        paths.append(tmp_path / f"{name}.xlsx")
        paths[-1].write_bytes(data)
    out = _run_capped(_CALAMINE_CHILD, paths)
    assert out[str(tmp_path / "base.xlsx")][0] == "read"
    assert out[str(tmp_path / "far-formatting.xlsx")][0] == "read"
    for path in paths:
        assert out[str(path)][0] in ("read", "error"), (path.stem, out[str(path)])


# ---- fuzzing: only findings, never an exception -----------------------------------------


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_never_raise(data: bytes) -> None:
    check(data)


@pytest.mark.slow
@FUZZ
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8))
def test_byte_flips_of_the_valid_form_never_raise(flips: list[tuple[int, int]]) -> None:
    data = bytearray(corpus.make_base_xlsx())
    for index, value in flips:
        data[index % len(data)] = value
    result = check(bytes(data))
    if result.ok:
        for max_row, max_col in result.max_ref.values():
            assert max_row <= MAX_ROW and max_col <= MAX_COL


@FUZZ
@given(st.integers(min_value=0), st.binary(max_size=64))
def test_truncated_and_padded_forms_never_raise(cut: int, tail: bytes) -> None:
    data = corpus.make_base_xlsx()
    check(data[: cut % (len(data) + 1)] + tail)


def _calamine_extent(xml: bytes) -> tuple[int, int]:
    """Where python-calamine would place valued cells (independent of the preflight regexes)."""
    row = max_row = max_col = 0
    for element in ET.fromstring(xml).iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "row":
            row = int(element.get("r") or row + 1)
            col = 0
        elif tag == "c":
            ref = element.get("r")
            if ref:
                letters = re.match(r"[A-Z]+", ref)
                assert letters is not None
                col = sum(26**i * (ord(ch) - 64) for i, ch in enumerate(reversed(letters[0])))
                row_of_cell = int(ref[len(letters[0]) :])
            else:
                col, row_of_cell = col + 1, row
            if any(child.tag.rsplit("}", 1)[-1] in ("v", "is") for child in element):
                max_row, max_col = max(max_row, row_of_cell), max(max_col, col)
    return max_row, max_col


_cells = st.tuples(
    st.one_of(
        st.none(),
        st.builds(
            lambda c, r: f"{c}{r}",
            st.sampled_from(["A", "E", "Z", "ZZ", "AAA", "XFD"]),
            st.sampled_from([1, 4, 99_999, 100_000, 1_048_576]),
        ),
    ),
    st.booleans(),  # has a value
)
_rows = st.lists(
    st.tuples(
        st.one_of(st.none(), st.sampled_from([1, 4, 2_849, 99_999, 100_000, 1_048_000])),
        st.lists(_cells, max_size=4),
        st.integers(0, 800),  # extra cells without r
    ),
    min_size=1,
    max_size=5,
)


@pytest.mark.slow
@FUZZ
@given(_rows)
def test_preflight_ok_means_no_far_or_dense_cells(
    rows: list[tuple[int | None, list[tuple[str | None, bool]], int]],
) -> None:
    parts = []
    for r, cells, extra in rows:
        body = "".join(
            (f'<c r="{ref}">' if ref else "<c>") + "<v>1</v></c>"
            if valued
            else (f'<c r="{ref}" s="1"/>' if ref else '<c s="1"/>')
            for ref, valued in cells
        )
        body += "<c><v>2</v></c>" * extra
        parts.append((f'<row r="{r}">' if r else "<row>") + body + "</row>")
    xml = corpus.sheet_xml("".join(parts))
    result = check(corpus.patch_sheet(corpus.make_base_xlsx(), xml))
    if result.ok:
        max_row, max_col = _calamine_extent(xml)
        assert max_row <= MAX_ROW and max_col <= MAX_COL
        assert max_row * max_col <= MAX_AREA


# ---- text hygiene -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "changed"),
    [
        ("baris1_x000D_\nbaris2_x0007_bel\u200b", "baris1\nbaris2 bel", True),
        ("a\r\nb\rc", "a\nb\nc", False),
        ("_x005F_x000D_", "_x000D_", False),
        ("\ufeffIK.01\u200c\u200d", "IK.01", False),
        ("ke\u0301giatan", "kégiatan", False),
        ("kolom\tdua", "kolom\tdua", False),
        ("a\x00b\x1fc", "a b c", True),
        ("_xD800_", " ", True),
        ("85\u00a0%", "85\u00a0%", False),
    ],
)
def test_clean_text(raw: str, text: str, changed: bool) -> None:
    assert clean_text(raw) == (text, changed)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("IK.01\u00a0", "ik.01"),
        ("ＩＫ.01", "IK.01"),
        ("IK.01\u200b", "IK.01"),
        ("  Realisasi\u00a0\u00a0TW\u3000III ", "realisasi tw iii"),
        ("ke\u0301giatan", "KÉGIATAN"),
        ("１２３", "123"),
        ("Straße", "STRASSE"),
    ],
)
def test_norm(a: str, b: str) -> None:
    assert norm(a) == norm(b)


@FUZZ
@given(st.text())
def test_clean_text_output_is_writable_and_stable(raw: str) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text, _ = clean_text(raw)
    assert not ILLEGAL_CHARACTERS_RE.search(text)
    assert "\r" not in text
    if "_x" not in text:
        assert clean_text(text) == (text, False)
    assert norm(norm(raw)) == norm(raw)


def test_defused_openpyxl_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    ensure_defused_openpyxl()
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(KinerjaError, match="defusedxml"):
        ensure_defused_openpyxl()


@pytest.mark.parametrize("env", ["True", "False", "false", ""])
def test_defused_check_without_openpyxl_agrees_with_openpyxl(env: str) -> None:
    """The check made before openpyxl is loaded gives openpyxl's own verdict, and does not
    load it (a collect of clean forms never imports openpyxl)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from kinerja_cli.errors import KinerjaError\n"
        "from kinerja_cli.io.xlsx import ensure_defused_openpyxl\n"
        "try:\n"
        "    ensure_defused_openpyxl(); ours = True\n"
        "except KinerjaError:\n"
        "    ours = False\n"
        "loaded = 'openpyxl' in sys.modules\n"
        "import openpyxl\n"
        "print(ours, openpyxl.DEFUSEDXML is True, loaded)\n"
    )
    import os

    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OPENPYXL_DEFUSEDXML": env},
    ).stdout.split()
    assert out[0] == out[1]
    assert out[0] == ("True" if env == "True" else "False")
    assert out[2] == "False"
