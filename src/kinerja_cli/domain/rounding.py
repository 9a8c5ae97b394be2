"""The one place where numbers are rounded: half-up, with Decimal (docs/contract.md §6, docs/architecture.md §3.7).

Everything upstream computes in exact decimals; only display and JSON round.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext


def bulat(d: Decimal, places: int = 2) -> Decimal:
    """Round half-up to `places` decimals (2 for capaian and percentages, docs/contract.md §6)."""
    if not d.is_finite():
        raise ValueError(f"tidak dapat membulatkan {d!r}")
    with localcontext() as ctx:
        # Enough digits that quantize never fails on a large value (Rp in the trillions).
        ctx.prec = max(28, d.adjusted() + places + 2)
        result = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return abs(result) if result.is_zero() else result  # no "-0.00"


def to_json_number(d: Decimal | None) -> int | float | None:
    """A JSON number: 2 decimals half-up; an integral value stays an int (docs/contract.md §5, §7)."""
    if d is None:
        return None
    r = bulat(d, 2)
    if r == r.to_integral_value():
        return int(r)
    return float(r)
