"""Indonesian number parser: exact, strict, with suggestions (docs/contract.md §4, docs/reliability.md A11)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_cli.domain.numbers import NumberError, format_angka, format_rupiah, parse_number

OK = [
    ("1.234,56", "1234.56", False),
    ("65,4", "65.4", False),
    ("65.4", "65.4", False),
    ("85%", "85", True),
    ("85 %", "85", True),
    ("85\u00a0%", "85", True),
    ("Rp 1.500.000", "1500000", False),
    ("Rp1.500.000,00", "1500000.00", False),
    ("Rp. 1.500.000,-", "1500000", False),
    ("1.234", "1234", False),
    ("100.000", "100000", False),
    ("1.234.567", "1234567", False),
    ("0,85", "0.85", False),
    (" 85 ", "85", False),
    ("１２３", "123", False),
    ("1,5", "1.5", False),
    ("-5", "-5", False),
    ("\u22121.500", "-1500", False),
    ("(1.500)", "-1500", False),
    ("1 234,56", "1234.56", False),
    ("12", "12", False),
    (",5", "0.5", False),
    ("1.2345", "1.2345", False),
]


@pytest.mark.parametrize(("text", "expected", "persen"), OK)
def test_parses_indonesian_text(text: str, expected: str, persen: bool) -> None:
    a = parse_number(text)
    assert a.nilai == Decimal(expected)
    assert a.persen is persen


BAD = [
    ("1,234.56", "bukan-angka", "1.234,56"),
    ("1.23.4", "bukan-angka", "123,4"),
    ("12.345.6", "bukan-angka", "12345,6"),
    ("1,2,3", "bukan-angka", None),
    ("abc", "bukan-angka", None),
    ("1e5", "bukan-angka", None),
    ("-", "tanpa-data", None),
    ("n/a", "tanpa-data", None),
    ("belum ada data", "tanpa-data", None),
    ("nihil", "tanpa-data", None),
    ("", "kosong", None),
    ("   ", "kosong", None),
    ("Rp", "bukan-angka", None),
]


@pytest.mark.parametrize(("text", "code", "suggestion"), BAD)
def test_refuses_ambiguous_or_broken(text: str, code: str, suggestion: str | None) -> None:
    with pytest.raises(NumberError) as exc:
        parse_number(text)
    assert exc.value.code == code
    assert exc.value.suggestion == suggestion


def test_cell_types() -> None:
    assert parse_number(42).nilai == Decimal(42)
    assert parse_number(0.1).nilai == Decimal("0.1")
    assert parse_number(61.2).nilai == Decimal("61.2")
    for bad in (True, float("nan"), float("inf"), None, object()):
        with pytest.raises(NumberError):
            parse_number(bad)


def test_format() -> None:
    assert format_angka(Decimal("1484.43")) == "1.484,43"
    assert format_angka(Decimal("100.065")) == "100,07"
    assert format_angka(Decimal("-1234.5"), 1) == "-1.234,5"
    assert format_rupiah(Decimal("17914194000")) == "Rp17.914.194.000"
    assert format_rupiah(Decimal("500000.5")) == "Rp500.000,50"


@given(st.text(max_size=30))
def test_never_unexpected_exception(text: str) -> None:
    try:
        a = parse_number(text)
    except NumberError:
        return
    assert a.nilai.is_finite()


@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False
    )
)
def test_format_then_parse_round_trips(d: Decimal) -> None:
    assert parse_number(format_angka(d)).nilai == d
    assert parse_number(format_rupiah(abs(d))).nilai == abs(d)
