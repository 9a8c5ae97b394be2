"""Parsing PK targets and NIPs: pure rules used by the PK reader (docs/contract.md §4)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from kinerja_cli.domain.capaian import parse_biner
from kinerja_cli.domain.models import Arah, Rentang, TargetValue
from kinerja_cli.domain.numbers import Angka, NumberError, parse_number, parse_number_text
from kinerja_cli.domain.rules import Code

_RANGE_SPLIT = re.compile(r"\s*(?:s\.?\s*/\s*d\.?|sampai|hingga|[-–—~])\s*", re.IGNORECASE)


def parse_yes_no(value: object) -> bool | None:
    """Ada/Ya/Tersedia/1 -> True; Tidak/Tidak Ada/0 -> False; anything else -> None."""
    return parse_biner(value)


# A comparison written into a target ("≥ 65", "minimal 65"): the Arah already says it.
_SIGN = re.compile(
    r"^\s*(≥|>=|=>|>|≤|<=|=<|<|=|±|\+/-|min(?:imal)?\.?|maks(?:imal)?\.?|paling sedikit|"
    r"paling banyak|sekurang-kurangnya|setidaknya)\s*(.+)$",
    re.IGNORECASE,
)


class SignedTarget(NumberError):
    """A number written with a comparison sign or word: `sign` is it, `suggestion` the number."""

    def __init__(self, sign: str, rest: str) -> None:
        super().__init__(Code.TARGET_TIDAK_SAH, f"tanda {sign} tidak perlu", rest.strip())
        self.sign = sign


_MEMO: dict[tuple[type, object, Arah, bool], TargetValue] = {}
_MEMO_MAX = 50_000  # distinct targets of a very large PK; cleared when full


def parse_target(value: object, arah: Arah, fraction_is_percent: bool = False) -> TargetValue:
    """Parse a target cell for its Arah; raise NumberError (code `target-tidak-sah`), or
    SignedTarget when the only problem is a comparison sign in front of a number.

    Memoised: every returned form repeats its PK's targets, and collect checks each against
    the PK (docs/performance.md §6). The key holds the value's type, because `True == 1 ==
    1.0` share one dict key and would otherwise share a result (a target `1` is not `Ada`),
    and floats and Decimals by their text (`-0.0 == 0.0`, `Decimal("1.0") == 1`). Only
    successful parses are kept; results are immutable (Decimal, bool, frozen Rentang).
    """
    try:
        exact = repr(value) if isinstance(value, float | Decimal) else value
        key = (type(value), exact, arah, fraction_is_percent)
        hit = _MEMO.get(key)
    except TypeError:  # an unhashable value: parse it every time
        return _parse_target(value, arah, fraction_is_percent)
    if hit is not None:
        return hit
    parsed = _parse_target(value, arah, fraction_is_percent)
    if len(_MEMO) >= _MEMO_MAX:
        _MEMO.clear()
    _MEMO[key] = parsed
    return parsed


def _parse_target(value: object, arah: Arah, fraction_is_percent: bool) -> TargetValue:
    if arah == Arah.BINER:
        yn = parse_yes_no(value)
        if yn is None:
            raise NumberError(
                Code.TARGET_TIDAK_SAH, f"{value!r} bukan target ya/tidak (Ada/Ya/Tidak)"
            )
        return yn
    if arah == Arah.RENTANG:
        if isinstance(value, str):
            parts = [p for p in _RANGE_SPLIT.split(value.strip()) if p]
            if len(parts) == 2:
                a = parse_number_text(parts[0]).nilai
                b = parse_number_text(parts[1]).nilai
                if a <= b:
                    return Rentang(a, b)
        raise NumberError(
            Code.TARGET_TIDAK_SAH,
            f"{value!r} bukan rentang; tulis seperti 80-90 (batas bawah-atas)",
        )
    if isinstance(value, str) and (m := _SIGN.match(value)):
        try:
            parse_number_text(m.group(2))
        except NumberError:
            pass
        else:
            raise SignedTarget(m.group(1), m.group(2))
    angka = _number(value)
    nilai = angka.nilai
    if fraction_is_percent and not isinstance(value, str):
        nilai = nilai * 100
    return nilai


def _number(value: object) -> Angka:
    try:
        return parse_number(value)
    except NumberError as exc:
        raise NumberError(Code.TARGET_TIDAK_SAH, exc.message, exc.suggestion) from exc


def target_text(value: object, parsed: TargetValue) -> str:
    """Canonical text of a target for display and fingerprints."""
    if isinstance(parsed, bool):
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
        return "Ada" if parsed else "Tidak"
    if isinstance(parsed, Rentang):
        return str(parsed)
    s = (
        format(parsed.normalize(), "f")
        if parsed == parsed.to_integral_value()
        else format(parsed, "f")
    )
    return s


def nip_digits(nip: str) -> str:
    """The NIP without spaces."""
    return re.sub(r"[\s.\-]", "", nip or "")


def check_nip(nip: str) -> str | None:
    """None when the NIP is valid (18 digits, 8-6-1-3, plausible dates), else the reason."""
    d = nip_digits(nip)
    if not re.fullmatch(r"\d{18}", d):
        return "NIP harus 18 angka (8-6-1-3)"
    try:
        lahir = dt.date(int(d[0:4]), int(d[4:6]), int(d[6:8]))
    except ValueError:
        return f"8 angka pertama ({d[0:8]}) bukan tanggal lahir yang sah"
    if not 1940 <= lahir.year <= dt.date.today().year - 17:
        return f"tahun lahir {lahir.year} tidak wajar"
    tahun_cpns, bulan_cpns = int(d[8:12]), int(d[12:14])
    if not 1 <= bulan_cpns <= 12 or not lahir.year + 17 <= tahun_cpns <= dt.date.today().year + 1:
        return f"angka 9-14 ({d[8:14]}) bukan bulan/tahun pengangkatan yang wajar"
    if d[14] not in "12":
        return "angka ke-15 (jenis kelamin) harus 1 atau 2"
    return None


def format_nip(nip: str) -> str:
    """`19760309 200604 2 007` (Perka BKN 22/2007); other text is returned unchanged."""
    d = nip_digits(nip)
    if re.fullmatch(r"\d{18}", d):
        return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:18]}"
    return nip
