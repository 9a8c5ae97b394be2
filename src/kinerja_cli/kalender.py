"""Indonesian public holidays, from the `holidays` package (imported lazily)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def libur_nasional(years: Iterable[int]) -> set[dt.date]:
    """Indonesian national public holidays for the given years."""
    import holidays

    return set(holidays.country_holidays("ID", years=list(years)).keys())
