"""Every bad Pembilang/Penyebut input is refused at its own cell (docs/contract.md §14)."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from kinerja_cli.domain import checks as C
from kinerja_cli.domain.models import Arah, Indikator, Rumus, Sifat
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.rules import Collector

IND = Indikator(
    kode="IK.31",
    sasaran="S6",
    nama="Persentase rumah layak huni",
    satuan="%",
    arah=Arah.NAIK,
    sifat=Sifat.STATUS,
    rumus=Rumus.DUA_T_MINUS_R,
    target=D("88.5"),
    target_teks="88,5",
    target_tw=(None, D(86), None, None),
    target_tw_teks=("", "86", "", ""),
    bidang="PKP",
    pembilang="Rumah layak huni (unit)",
    penyebut="Seluruh rumah (unit)",
)
TW2 = Periode(2)


def _parse(value: Any, label: str = "Pembilang TW II") -> tuple[D | None, list[tuple[str, str]]]:
    out = Collector("f.xlsx")
    v = C.parse_komponen(IND, C.Cell("L7", value), label, True, out, "Kinerja")
    return v, [(f.code, f.cell or "") for f in out.findings]


@pytest.mark.parametrize(
    ("value", "nilai", "codes"),
    [
        (168, D(168), []),
        ("1.250,5", D("1250.5"), []),
        ("abc", None, [("komponen-bukan-angka", "L7")]),
        (True, None, [("komponen-bukan-angka", "L7")]),
        (-3, None, [("komponen-negatif", "L7")]),
        ("85%", None, [("komponen-bukan-angka", "L7")]),
        ("-", None, [("komponen-tanpa-data", "L7")]),
        (None, None, []),
    ],
)
def test_one_cell(value: Any, nilai: D | None, codes: list[tuple[str, str]]) -> None:
    assert _parse(value) == (nilai, codes)


def _pairs(
    n: list[D | None], d: list[D | None]
) -> tuple[list[D | None], list[tuple[str, str, str]]]:
    out = Collector("f.xlsx")
    row = C.KomponenRow(IND, n, d, ["L7", "N7"], ["M7", "O7"], frozenset())
    nilai, _flagged = C.check_komponen(row, TW2, out, "Kinerja")
    return nilai, [(f.code, f.severity, f.cell or "") for f in out.findings]


@pytest.mark.parametrize(
    ("n", "d", "nilai", "found"),
    [
        ([D(160), D(168)], [D(200), D(200)], [D(80), D(84)], []),
        # Penyebut 0 with Pembilang > 0: an error at the Penyebut cell
        ([D(160), D(5)], [D(200), D(0)], [D(80), None], [("penyebut-nol", "error", "O7")]),
        # 0/0: nothing to measure, a warning, no realisation (any quarter)
        ([D(0), D(168)], [D(0), D(200)], [None, D(84)], [("komponen-nol", "warning", "M7")]),
        # Pembilang > Penyebut: a warning at the Pembilang cell
        (
            [D(210), D(168)],
            [D(200), D(200)],
            [D(105), D(84)],
            [("pembilang-melebihi-penyebut", "warning", "L7")],
        ),
        # one of the pair blank: an error at the blank cell
        ([D(160), None], [D(200), D(200)], [D(80), None], [("komponen-kosong", "error", "N7")]),
        ([D(160), D(168)], [None, D(200)], [None, D(84)], [("komponen-kosong", "error", "M7")]),
        # both blank: an error in the periode's quarter, a warning before it
        ([D(160), None], [D(200), None], [D(80), None], [("komponen-kosong", "error", "N7")]),
        ([None, D(168)], [None, D(200)], [None, D(84)], [("komponen-kosong", "warning", "L7")]),
    ],
)
def test_pairs(
    n: list[D | None], d: list[D | None], nilai: list[D | None], found: list[tuple[str, str, str]]
) -> None:
    assert _pairs(n, d) == (nilai, found)


def test_diff_names_changed_components() -> None:
    from kinerja_cli.domain.models import DataBidang
    from kinerja_cli.domain.perubahan import bandingkan

    a, b = DataBidang("PKP"), DataBidang("PKP")
    a.pembilang["IK.31"], a.penyebut["IK.31"] = [D(160), D(168)], [D(200), D(200)]
    b.pembilang["IK.31"], b.penyebut["IK.31"] = [D(160), D(170)], [D(200), D(200)]
    got = [(p.jenis, p.kode, p.kolom, p.lama, p.baru) for p in bandingkan(a, b)]
    assert got == [("komponen", "IK.31", "Pembilang TW II", "168", "170")]
