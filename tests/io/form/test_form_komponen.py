"""A component indicator in the form (docs/contract.md §14): the writer asks for Pembilang and
Penyebut per quarter, the reader computes n ÷ N × 100 and refuses each bad input at its cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from kinerja_cli.domain.models import PK
from kinerja_cli.domain.periode import Periode
from kinerja_cli.io.form import FormSpec, fill_form, read_form, write_form
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.pk.reader import read_pk
from support.renstrakit import make_renstra_pk

TW2 = Periode(2)


@pytest.fixture(scope="module")
def pk(tmp_path_factory: pytest.TempPathFactory) -> PK:
    res = read_pk(make_renstra_pk(tmp_path_factory.mktemp("pk") / "pk.xlsx"))
    assert res.pk is not None
    return res.pk


@pytest.fixture(scope="module")
def blank(pk: PK, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("f")
    out = {}
    for b in ("BM", "CK"):
        out[b] = folder / f"{b}.xlsx"
        write_form(FormSpec(pk, b, TW2, dt.date(2025, 7, 10), "PP"), out[b])
    return out


def _headers(path: Path) -> dict[str, int]:
    ws = openpyxl.load_workbook(path)[L.KINERJA]
    return {ws.cell(L.HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}


def test_component_columns_only_where_there_is_a_component_indicator(
    blank: dict[str, Path],
) -> None:
    bm, ck = _headers(blank["BM"]), _headers(blank["CK"])
    wanted = ["Pembilang TW I", "Penyebut TW I", "Pembilang TW II", "Penyebut TW II"]
    assert all(h in bm for h in wanted) and not any(h in ck for h in wanted)
    # after the Realisasi columns, before the narratives
    assert (
        bm["Realisasi TW II"] < bm["Pembilang TW I"] < bm["Penyebut TW II"] < bm["Faktor Pendorong"]
    )


def test_realisasi_locked_and_components_open_only_on_the_component_row(
    blank: dict[str, Path],
) -> None:
    h = _headers(blank["BM"])
    ws = openpyxl.load_workbook(blank["BM"])[L.KINERJA]
    ik01, ik02 = L.FIRST_ROW, L.FIRST_ROW + 1  # IK.01 has components, IK.02 does not
    assert ws.cell(ik01, 2).value == "IK.01"
    assert ws.cell(ik01, h["Realisasi TW II"]).protection.locked
    assert not ws.cell(ik01, h["Pembilang TW II"]).protection.locked
    assert not ws.cell(ik01, h["Penyebut TW I"]).protection.locked
    assert not ws.cell(ik02, h["Realisasi TW II"]).protection.locked
    assert ws.cell(ik02, h["Pembilang TW II"]).protection.locked
    petunjuk = " ".join(
        str(c.value) for r in openpyxl.load_workbook(blank["BM"])["Petunjuk"].iter_rows() for c in r
    )
    assert "Pembilang / Penyebut x 100" in petunjuk
    assert (
        "IK.01: Pembilang = Panjang jalan mantap (km); Penyebut = Panjang jalan kabupaten"
        in petunjuk
    )


def _read(pk: PK, blank: Path, tmp: Path, pairs: list[Any], edits: dict[str, Any] | None = None):  # noqa: ANN202
    dest = tmp / "isi.xlsx"
    fill_form(blank, dest, {"IK.01": pairs, "IK.02": [D(3), D(5)], "IK.03": [D(33), D(31)]})
    if edits:
        wb = openpyxl.load_workbook(dest)
        for cell, v in edits.items():
            wb[L.KINERJA][cell] = v
        wb.save(dest)
    return read_form(dest.read_bytes(), dest.name, pk)


def test_the_realisation_is_n_over_n_times_100(
    pk: PK, blank: dict[str, Path], tmp_path: Path
) -> None:
    got = _read(pk, blank["BM"], tmp_path, [(D(240), D(400)), (D(1), D(3))])
    assert got.ok, [f.line() for f in got.findings]
    assert got.data is not None
    assert got.data.realisasi["IK.01"] == [D(60), D("33.33333333333333333333333333333333")]
    assert got.data.pembilang["IK.01"] == [D(240), D(1)]
    assert got.data.penyebut["IK.01"] == [D(400), D(3)]


def _cell(blank: Path, header: str) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(_headers(blank)[header])}{L.FIRST_ROW}"


@pytest.mark.parametrize(
    ("pairs", "edits", "code", "header"),
    [
        ([(D(240), D(400)), ("banyak", D(400))], {}, "komponen-bukan-angka", "Pembilang TW II"),
        ([(D(240), D(400)), (D(250), D(-1))], {}, "komponen-negatif", "Penyebut TW II"),
        ([(D(240), D(400)), (D(250), D(0))], {}, "penyebut-nol", "Penyebut TW II"),
        ([(D(240), D(400)), (None, D(400))], {}, "komponen-kosong", "Pembilang TW II"),
        ([(D(240), D(400)), (None, None)], {}, "komponen-kosong", "Pembilang TW II"),
        ([(D(240), D(400)), ("n/a", D(400))], {}, "komponen-tanpa-data", "Pembilang TW II"),
        ([(D(240), D(400)), (D(250), D(400))], {"=1+1": "Penyebut TW I"}, "", ""),
    ],
)
def test_each_bad_input_is_refused_at_its_cell(
    pk: PK,
    blank: dict[str, Path],
    tmp_path: Path,
    pairs: list[Any],
    edits: dict[str, str],
    code: str,
    header: str,
) -> None:
    edit = {_cell(blank["BM"], h): v for v, h in edits.items()}
    got = _read(pk, blank["BM"], tmp_path, pairs, edit)
    errors = [(f.code, f.cell) for f in got.findings if f.severity == "error"]
    if not code:  # a formula without a stored value: refused at its cell like any input
        assert errors == [("rumus-tanpa-nilai", _cell(blank["BM"], "Penyebut TW I"))]
        return
    assert errors == [(code, _cell(blank["BM"], header))]
    assert not got.ok


@pytest.mark.parametrize(
    ("pairs", "code", "header", "realisasi"),
    [
        ([(D(240), D(400)), (D(0), D(0))], "komponen-nol", "Penyebut TW II", [D(60), None]),
        (
            [(D(420), D(400)), (D(250), D(400))],
            "pembilang-melebihi-penyebut",
            "Pembilang TW I",
            [D(105), D("62.5")],
        ),
    ],
)
def test_warnings_keep_the_form(
    pk: PK,
    blank: dict[str, Path],
    tmp_path: Path,
    pairs: list[Any],
    code: str,
    header: str,
    realisasi: list[D | None],
) -> None:
    got = _read(pk, blank["BM"], tmp_path, pairs)
    assert got.ok
    assert [(f.code, f.cell) for f in got.findings if f.code == code] == [
        (code, _cell(blank["BM"], header))
    ]
    assert got.data is not None and got.data.realisasi["IK.01"] == realisasi
