"""The one set of Indonesian formatting filters for every report (Babel, locale `id`).

`1.484,43`, `84,01%`, `Rp17.914.194.000`, `26 Juli 2023`, `19760309 200604 2 007` (docs/contract.md §8,
docs/rulebook.md §9). Rounding goes through `domain.rounding.bulat` (half-up, docs/architecture.md §3.7); Babel only
groups digits and names months. A missing value prints as an en dash, never as an ellipsis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from kinerja_cli.domain.models import Rentang
from kinerja_cli.domain.rounding import bulat
from kinerja_cli.domain.targets import format_nip

LOCALE = "id"
KOSONG = "–"  # en dash: "no value", the way printed LKjIP tables mark it
YA, TIDAK = "Ada", "Tidak Ada"


def _dec(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _grouped(d: Decimal, places: int, trim: bool = False) -> str:
    from babel.numbers import format_decimal

    r = bulat(d, places)
    pattern = "#,##0" + (("." + ("#" if trim else "0") * places) if places else "")
    return format_decimal(r, format=pattern, locale=LOCALE, decimal_quantization=True)


def angka(value: Any, places: int = 2) -> str:
    """`1.484,43`: thousands dot, decimal comma, half-up to `places` decimals."""
    d = _dec(value)
    return KOSONG if d is None else _grouped(d, places)


def persen(value: Any, places: int = 2) -> str:
    """`84,01%` (a value already in percent, not a fraction)."""
    d = _dec(value)
    return KOSONG if d is None else _grouped(d, places) + "%"


def rupiah(value: Any) -> str:
    """`Rp17.914.194.000` (PUEBI: no space, no period; sen only when not whole)."""
    d = _dec(value)
    if d is None:
        return KOSONG
    whole = bulat(d, 2) == bulat(d, 0)
    text = _grouped(d, 0 if whole else 2)
    return ("-Rp" + text[1:]) if text.startswith("-") else "Rp" + text


def tanggal(value: dt.date | str | None) -> str:
    """`26 Juli 2023`: Indonesian month name, no zero padding."""
    from babel.dates import format_date

    if value is None or value == "":
        return KOSONG
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, format="d MMMM y", locale=LOCALE)


def nip(value: str | None) -> str:
    """`19760309 200604 2 007` (8-6-1-3, Perka BKN 22/2007); other text unchanged."""
    if not value:
        return KOSONG
    return format_nip(str(value))


def nilai(value: Any, places: int = 2) -> str:
    """A target or realisation of any Arah: `1.484,43`, `65`, `80–90`, `Ada`/`Tidak Ada`.

    Numbers keep up to `places` decimals without trailing zeros (targets are printed as agreed
    in the PK: `65`, not `65,00`).
    """
    if value is None or value == "":
        return KOSONG
    if isinstance(value, bool):
        return YA if value else TIDAK
    if isinstance(value, Rentang):
        return f"{_grouped(value.bawah, places, True)}–{_grouped(value.atas, places, True)}"
    if isinstance(value, str):
        return value
    d = _dec(value)
    return KOSONG if d is None else _grouped(d, places, trim=True)


def target(value: Any, teks: str = "") -> str:
    """A PK target: biner targets keep the PK's own word (`Tersedia`), others as `nilai`."""
    if isinstance(value, bool) and teks.strip():
        return teks.strip()
    return nilai(value)


def realisasi(value: Any, target_value: Any = None, target_teks: str = "") -> str:
    """A realisation; a biner answer uses the target's wording (Ya/Tidak, Ada/Tidak Ada, …)."""
    if isinstance(value, bool):
        from kinerja_cli.domain.kompilasi import teks_biner

        return teks_biner(value, target_teks if isinstance(target_value, bool) else "")
    return nilai(value)


def atau(value: Any, pengganti: str = KOSONG) -> Any:
    """The value, or an en dash (or `pengganti`) when it is None or blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return pengganti
    return value


def css_teks(value: Any) -> Any:
    """Text for a CSS string inside <style> (the page footer): quotes and backslashes escaped,
    `<` written as a CSS escape so no text can close the style element; not HTML-escaped,
    because character references are not decoded inside <style>."""
    from markupsafe import Markup

    t = " ".join(str(value or "").split())
    t = t.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return Markup(t)  # noqa: S704 - escaped for its CSS context above


FILTERS: dict[str, Callable[..., Any]] = {
    "angka": angka,
    "persen": persen,
    "rupiah": rupiah,
    "tanggal": tanggal,
    "nip": nip,
    "nilai": nilai,
    "target": target,
    "realisasi": realisasi,
    "atau": atau,
    "css_teks": css_teks,
}
