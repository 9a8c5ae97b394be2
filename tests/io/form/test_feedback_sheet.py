"""The feedback copy prints as a document and its comments do not stack (docs/contract.md §16)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from kinerja_cli.io.form.feedback import DAFTAR, write_feedback_workbook
from support.form_corpus import blank_form, fill, read

pytestmark = pytest.mark.slow  # writes and reloads whole workbooks


def _rejected() -> tuple[bytes, list]:  # noqa: ANN001
    bad = {
        "IK.10": ["banyak", "-"],
        "IK.11": ["n/a", "x"],
        "IK.12": ["??", "tiga"],
        "IK.13": [-5, "lima"],
    }
    data = fill(blank_form(), bad)  # type: ignore[arg-type]
    res = read(data)
    assert not res.ok
    return data, res.findings


def test_daftar_perbaikan_prints_landscape_one_page_wide(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data, findings = _rejected()
    out = write_feedback_workbook(data, findings, tmp_path / "x-PERBAIKI.xlsx", original="x.xlsx")
    wb = load_workbook(out)
    ws = wb[DAFTAR]
    assert wb.sheetnames[0] == DAFTAR
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows and re.fullmatch(r"\$?\d+:\$?\d+", ws.print_title_rows)
    # every message row is as high as its wrapped text: none is left at the fixed default
    first = int(ws.print_title_rows.split(":")[0].strip("$")) + 1
    for r in range(first, first + len(findings)):
        msg = ws.cell(r, 6).value
        assert ws.cell(r, 6).alignment.wrap_text
        assert ws.row_dimensions[r].height is not None
        assert ws.row_dimensions[r].height >= 13 * max(1, -(-len(msg) // 110))


def test_comments_are_placed_beside_their_cells(tmp_path: Path) -> None:
    data, findings = _rejected()
    out = write_feedback_workbook(data, findings, tmp_path / "x-PERBAIKI.xlsx", original="x.xlsx")
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        vml = [n for n in z.namelist() if n.endswith(".vml")]
        assert vml
        text = z.read(vml[0]).decode("utf-8")
    margins = re.findall(r"margin-left:([\d.]+)pt;margin-top:([\d.]+)pt", text)
    anchors = re.findall(r"<\w+:Anchor>([^<]+)</\w+:Anchor>", text)
    assert len(margins) == len(anchors) == len(re.findall(r"<\w+:ClientData", text)) >= 4
    assert len(set(margins)) == len(margins)  # no two boxes at one spot
    tops = sorted((float(left), float(top)) for left, top in margins)
    for (l1, t1), (l2, t2) in zip(tops, tops[1:], strict=False):
        assert l1 != l2 or t2 > t1  # boxes in one column follow each other downwards
