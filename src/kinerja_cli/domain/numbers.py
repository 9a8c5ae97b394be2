"""Indonesian number parsing, exact (Decimal), strict: ambiguity is refused, never guessed.

docs/contract.md §4: `1.234,56`, `65,4`, `65.4`, `85%`, `Rp 1.500.000`, `Rp1.500.000,00` parse exactly;
`1.234` is read the Indonesian way (1234) only when its grouping is consistent.
docs/reliability.md A11: English habits (`1,234.56`) and broken grouping (`1.23.4`) are findings,
with a suggestion, never a silent guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kinerja_cli.domain.rounding import bulat

_SENTINELS = {
    "-",
    "–",
    "—",
    "n/a",
    "na",
    "#n/a",
    "tidak ada",
    "tidak ada data",
    "belum ada data",
    "tidak tersedia",
    "nihil",
    "none",
    "null",
    "tbd",
    "?",
    "belum",
}
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_GROUPED_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_GROUPED_SPACE = re.compile(r"^\d{1,3}( \d{3})+$")
_PLAIN = re.compile(r"^\d+$")


class NumberError(ValueError):
    """A text that is not a number the Indonesian way; `code` is a stable finding code."""

    def __init__(self, code: str, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.suggestion = suggestion


@dataclass(frozen=True)
class Angka:
    """A parsed number and what the text carried with it."""

    nilai: Decimal
    persen: bool = False  # the text had a `%` sign
    rupiah: bool = False  # the text had an `Rp` prefix


def _int_part(s: str) -> str | None:
    """Digits of an integer part with optional Indonesian grouping, or None."""
    if _PLAIN.match(s):
        return s
    if _GROUPED_DOT.match(s):
        return s.replace(".", "")
    if _GROUPED_SPACE.match(s):
        return s.replace(" ", "")
    return None


def parse_number_text(text: str) -> Angka:
    """Parse one text the Indonesian way; raise NumberError with a suggestion otherwise."""
    raw = text
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("\u2212", "-").replace("\u2013", "-")
    s = _SPACES.sub(" ", s).strip()
    if s == "":
        raise NumberError("kosong", "sel kosong")
    if s.casefold() in _SENTINELS:
        raise NumberError(
            "tanpa-data",
            f"berisi {raw.strip()!r} (tanda tidak ada data), bukan angka",
        )
    rupiah = False
    low = s.casefold()
    if low.startswith("rp"):
        rupiah = True
        s = s[2:].lstrip(". ").strip()
    if s.endswith(",-") or s.endswith(".-"):
        s = s[:-2].strip()
    persen = False
    if s.endswith("%"):
        persen = True
        s = s[:-1].strip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    if s.startswith("-"):
        negative, s = not negative, s[1:].strip()
    elif s.startswith("+"):
        s = s[1:].strip()
    value = _parse_unsigned(s, raw)
    return Angka(-value if negative else value, persen=persen, rupiah=rupiah)


def _parse_unsigned(s: str, raw: str) -> Decimal:
    if s == "":
        raise NumberError("bukan-angka", f"{raw!r} bukan angka")
    if "," in s:
        if s.count(",") > 1:
            raise NumberError("bukan-angka", f"{raw!r} bukan angka: koma desimal lebih dari satu")
        int_s, frac = s.split(",")
        ip = _int_part(int_s) if int_s else "0"
        if ip is None or not _PLAIN.match(frac):
            sugg = _english_suggestion(s)
            msg = f"{raw!r} bukan format angka Indonesia"
            if sugg:
                msg += f"; maksud Anda {sugg!r}?"
            raise NumberError("bukan-angka", msg, sugg)
        return Decimal(f"{ip}.{frac}")
    ip = _int_part(s)
    if ip is not None:
        return Decimal(ip)
    # A single dot not followed by exactly three digits cannot be grouping: a decimal point.
    if s.count(".") == 1:
        a, b = s.split(".")
        if _PLAIN.match(a or "0") and _PLAIN.match(b) and len(b) != 3:
            return Decimal(f"{a or '0'}.{b}")
    sugg = _english_suggestion(s)
    msg = f"{raw!r} bukan angka yang jelas"
    if sugg:
        msg += f"; maksud Anda {sugg!r}?"
    else:
        msg += "; tulis seperti 1.234,56 (titik ribuan, koma desimal)"
    raise NumberError("bukan-angka", msg, sugg)


def _english_suggestion(s: str) -> str | None:
    """For `1,234.56` (English habit) suggest `1.234,56`."""
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?", s)
    if m:
        ip = m.group(1).replace(",", ".")
        return ip + ("," + m.group(2) if m.group(2) else "")
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", s)
    if m:
        return f"{m.group(1)}{m.group(2)},{m.group(3)}"
    return None


def parse_number(value: object) -> Angka:
    """Parse a cell value (number or text); raise NumberError when it is not a number."""
    if value is None:
        raise NumberError("kosong", "sel kosong")
    if isinstance(value, bool):
        raise NumberError("bukan-angka", f"berisi nilai logika {value}, bukan angka")
    if isinstance(value, int):
        return Angka(Decimal(value))
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise NumberError("bukan-angka", "berisi nilai tak hingga/NaN, bukan angka")
        # repr gives the shortest text that round-trips: 0.1 stays 0.1, not 0.1000000000000000055
        return Angka(Decimal(repr(value)))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberError("bukan-angka", "berisi nilai tak hingga/NaN, bukan angka")
        return Angka(value)
    if isinstance(value, str):
        try:
            return parse_number_text(value)
        except InvalidOperation as exc:  # pragma: no cover - guarded by the regexes
            raise NumberError("bukan-angka", f"{value!r} bukan angka") from exc
    raise NumberError("bukan-angka", f"berisi {type(value).__name__}, bukan angka")


def format_angka(value: Decimal | int | float, places: int = 2, trim: bool = False) -> str:
    """`1.484,43`: thousands dot, decimal comma, half-up; `trim` drops trailing zeros."""
    d = bulat(Decimal(str(value)) if not isinstance(value, Decimal) else value, places)
    sign = "-" if d < 0 else ""
    d = abs(d)
    text = f"{d:.{places}f}" if places > 0 else f"{d:.0f}"
    ip, _, frac = text.partition(".")
    groups: list[str] = []
    while len(ip) > 3:
        groups.insert(0, ip[-3:])
        ip = ip[:-3]
    groups.insert(0, ip)
    out = ".".join(groups)
    if trim:
        frac = frac.rstrip("0")
    if frac:
        out += "," + frac
    return sign + out


def format_tepat(d: Decimal) -> str:
    """`1.112,5`: Indonesian format with exactly the decimals the value has (no rounding)."""
    exp = d.normalize().as_tuple().exponent
    return format_angka(d, -exp if isinstance(exp, int) and exp < 0 else 0)


def format_rupiah(value: Decimal | int | float) -> str:
    """`Rp17.914.194.000` (PUEBI): no space, dots for thousands, no sen when whole."""
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    places = 0 if d == d.to_integral_value() else 2
    return "Rp" + format_angka(d, places)
