"""Periode: TW1..TW4 or tahunan (the annual measurement uses the data s/d TW IV)."""

from __future__ import annotations

import re
from dataclasses import dataclass

ROMAWI = ("I", "II", "III", "IV")


@dataclass(frozen=True, order=True)
class Periode:
    """A reporting period. `triwulan` is 1-4; tahunan uses quarter 4's data."""

    triwulan: int
    tahunan: bool = False

    @property
    def kode(self) -> str:
        """`TW2` or `tahunan`, as in the contract and JSON."""
        return "tahunan" if self.tahunan else f"TW{self.triwulan}"

    @property
    def data_kode(self) -> str:
        """The key under which realisations are stored: tahunan shares TW4's data."""
        return f"TW{self.triwulan}"

    @property
    def label(self) -> str:
        """Human label: `Triwulan II` or `Tahunan`."""
        return "Tahunan" if self.tahunan else f"Triwulan {ROMAWI[self.triwulan - 1]}"

    @property
    def quarters(self) -> range:
        """Quarters 1..k present in this periode's form."""
        return range(1, self.triwulan + 1)

    def __str__(self) -> str:
        return self.kode

    @classmethod
    def parse(cls, text: str | int | None) -> Periode:
        """Parse `--triwulan` (1-4, I-IV, TW2) or a stored kode; None means tahunan."""
        if text is None:
            return TAHUNAN
        s = str(text).strip().upper().replace(" ", "")
        if s in ("TAHUNAN", ""):
            return TAHUNAN
        if s.startswith("TW"):
            s = s[2:]
        if s in ROMAWI:
            return cls(ROMAWI.index(s) + 1)
        if s in ("1", "2", "3", "4"):
            return cls(int(s))
        raise ValueError(f"triwulan tidak dikenal: {text!r} (pakai 1-4 atau I-IV)")


TAHUNAN = Periode(4, tahunan=True)


def romawi(k: int) -> str:
    """1 -> I, ..., 4 -> IV."""
    return ROMAWI[k - 1]


_RENSTRA = re.compile(r"\s*(\d{4})\s*(?:-|–|—|/|s\.?\s*d\.?|sampai)\s*(\d{4})\s*")


def tahun_renstra(teks: str) -> tuple[int, int] | None:
    """(first, last year) of a `Periode Renstra` such as `2021-2026` or `2021 s.d. 2026`
    (docs/contract.md §14); None when it is not one."""
    m = _RENSTRA.fullmatch(teks or "")
    if not m:
        return None
    awal, akhir = int(m.group(1)), int(m.group(2))
    return (awal, akhir) if 2000 <= awal <= akhir <= 2100 else None


def akhir_renstra(teks: str) -> str:
    """The last year of a Periode Renstra as text (`2026`), or `…` when unknown."""
    got = tahun_renstra(teks)
    return str(got[1]) if got else "…"
