"""The Indonesian formatting filters (docs/contract.md §8, docs/rulebook.md §9)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from kinerja_cli.domain.models import Rentang
from kinerja_cli.report.filters import (
    KOSONG,
    angka,
    nilai,
    nip,
    persen,
    realisasi,
    rupiah,
    tanggal,
    target,
)


def test_the_five_examples_of_the_issue() -> None:
    assert angka(D("1484.43")) == "1.484,43"
    assert persen(D("84.01")) == "84,01%"
    assert rupiah(D("17914194000")) == "Rp17.914.194.000"
    assert tanggal(dt.date(2023, 7, 26)) == "26 Juli 2023"
    assert nip("197603092006042007") == "19760309 200604 2 007"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("1484.425"), "1.484,43"),  # half-up, not banker's rounding
        (D("0.125"), "0,13"),
        (D("2.675"), "2,68"),
        (D("-0.001"), "0,00"),  # no "-0,00"
        (D("1E+2"), "100,00"),
        (D("1234567.891"), "1.234.567,89"),
        (7, "7,00"),
        (2.5, "2,50"),
    ],
)
def test_angka_rounds_half_up(value: object, expected: str) -> None:
    assert angka(value) == expected


def test_missing_values_print_an_en_dash_never_an_ellipsis() -> None:
    for f in (angka, persen, rupiah, tanggal, nip, nilai):
        assert f(None) == KOSONG == "–"
    assert "…" not in "".join(f(None) for f in (angka, persen, rupiah, nilai))


def test_rupiah_puebi() -> None:
    assert rupiah(500000) == "Rp500.000"
    assert rupiah(D("500000.5")) == "Rp500.000,50"
    assert rupiah(D("-2500")) == "-Rp2.500"
    assert rupiah(0) == "Rp0"


def test_tanggal_no_zero_padding_and_iso_text() -> None:
    assert tanggal(dt.date(2025, 1, 5)) == "5 Januari 2025"
    assert tanggal("2025-12-31") == "31 Desember 2025"
    assert tanggal(dt.datetime(2025, 3, 9, 10, 0)) == "9 Maret 2025"


def test_nip_already_grouped_or_not_a_nip() -> None:
    assert nip("19760309 200604 2 007") == "19760309 200604 2 007"
    assert nip("-") == "-"


def test_nilai_for_every_arah() -> None:
    assert nilai(D("65")) == "65"
    assert nilai(D("63.10")) == "63,1"
    assert nilai(D("1250")) == "1.250"
    assert nilai(Rentang(D("6.5"), D("8.5"))) == "6,5–8,5"
    assert nilai(True) == "Ada"
    assert nilai(False) == "Tidak Ada"


def test_biner_words_follow_the_pk_target() -> None:
    assert target(True, "Ya") == "Ya"
    assert target(True, "Tersedia") == "Tersedia"
    assert realisasi(True, True, "Ya") == "Ya"
    assert realisasi(False, True, "Ya") == "Tidak"
    assert realisasi(False, True, "Ada") == "Tidak Ada"
    assert realisasi(D("98.5"), D("100"), "100") == "98,5"
