"""parse_target is memoised (docs/performance.md §6) without changing any answer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_cli.domain import targets
from kinerja_cli.domain.models import Arah
from kinerja_cli.domain.numbers import NumberError


def _answer(value: object, arah: Arah, pct: bool, parse) -> object:  # noqa: ANN001
    try:
        return parse(value, arah, pct)
    except NumberError as exc:
        return ("error", exc.code, exc.message)


def test_types_that_compare_equal_keep_their_own_answers() -> None:
    """True == 1 == 1.0 and share one dict key; each keeps its own parse."""
    targets._MEMO.clear()
    assert targets.parse_target(1, Arah.NAIK) == Decimal("1")
    with pytest.raises(NumberError):  # a yes/no is not a number, even after 1 was parsed
        targets.parse_target(True, Arah.NAIK)
    one_point_o = targets.parse_target(1.0, Arah.NAIK)
    assert str(one_point_o) == "1.0"  # not the Decimal('1') remembered for the int
    assert targets.parse_target(1, Arah.NAIK, fraction_is_percent=True) == Decimal("100")


def test_unhashable_and_repeated_values() -> None:
    targets._MEMO.clear()
    first = targets.parse_target("80 - 90", Arah.RENTANG)
    assert targets.parse_target("80 - 90", Arah.RENTANG) is first  # remembered
    with pytest.raises(NumberError):
        targets.parse_target(["80"], Arah.NAIK)  # unhashable: parsed (and refused) each time
    assert not any(isinstance(k[1], list) for k in targets._MEMO)


values = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.sampled_from(
        ["Ada", "Tidak", "ya", "80-90", "61,2", "1.234,5", "x", "", "  7 ", "90 s/d 80"]
    ),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
)


@given(st.lists(st.tuples(values, st.sampled_from(list(Arah)), st.booleans()), max_size=30))
def test_memoised_answers_equal_fresh_ones(calls: list[tuple[object, Arah, bool]]) -> None:
    for value, arah, pct in calls + calls:  # the second round comes from the memo
        fresh = _answer(value, arah, pct, targets._parse_target)
        memo = _answer(value, arah, pct, targets.parse_target)
        assert repr(memo) == repr(fresh), (value, arah, pct)
