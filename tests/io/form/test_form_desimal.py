"""A form filled on a computer set to English or to Indonesian reads the same
(docs/contract.md §5): decimals typed as numbers (61.2 stored as a number) or as text with a
decimal comma ("61,2") or point ("61.2"), and a LibreOffice re-save of the same form."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kinerja_cli.io.form import layout as L
from support.form_corpus import ANGGARAN, NARASI, VALUES, blank_form, edit, fill, read

D = Decimal


def _cells(src: bytes) -> dict[tuple[str, int], str]:
    """(indicator kode, quarter) -> cell reference of its Realisasi TW input."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    ws = load_workbook(io.BytesIO(src))["Kinerja"]
    head = {c.value: c.column for c in ws[L.HEADER_ROW] if c.value}
    out = {}
    kode_col = head["Kode"]
    for row in ws.iter_rows(min_row=L.FIRST_ROW):
        kode = row[kode_col - 1].value
        for q in (1, 2):
            if kode:
                col = head[L.realisasi_header(q)]
                out[(str(kode), q)] = f"{get_column_letter(col)}{row[0].row}"
    return out


def _isi(src: bytes, nilai: dict[tuple[str, int], Any]) -> bytes:
    refs = _cells(src)

    def apply(wb: Any) -> None:
        ws = wb["Kinerja"]
        for key, v in nilai.items():
            cell = ws[refs[key]]
            cell.value = v
            if isinstance(v, str):
                cell.data_type = "s"

    return edit(src, apply)


def test_text_with_comma_or_point_and_real_numbers_read_alike() -> None:
    base = fill(blank_form(), VALUES, NARASI, ANGGARAN)
    data = _isi(
        base,
        {
            ("IK.10", 1): "61,5",  # typed on an Indonesian-set computer, stored as text
            ("IK.10", 2): 62.3,  # a real number (English-set Excel)
            ("IK.11", 1): "38.5",  # text with a decimal point
            ("IK.11", 2): D("37.9"),
            ("IK.13", 1): 46,
            ("IK.13", 2): "45",
        },
    )
    res = read(data)
    assert res.ok, [f.line() for f in res.findings]
    assert res.data.realisasi["IK.10"] == [D("61.5"), D("62.3")]
    assert res.data.realisasi["IK.11"] == [D("38.5"), D("37.9")]
    assert res.data.realisasi["IK.13"] == [D(46), D(45)]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice tidak terpasang")
def test_a_libreoffice_resave_reads_the_same(tmp_path: Path) -> None:
    data = _isi(fill(blank_form(), VALUES, NARASI, ANGGARAN), {("IK.10", 1): 61.2})
    src = tmp_path / "2025-TW2-BM-Bina-Marga.xlsx"
    src.write_bytes(data)
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profil'}",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    res = read((out / src.name).read_bytes())
    assert res.data is not None, [f.line() for f in res.findings]
    assert res.data.realisasi["IK.10"] == [D("61.2"), VALUES["IK.10"][1]]
    assert res.data.realisasi["IK.13"] == VALUES["IK.13"]
