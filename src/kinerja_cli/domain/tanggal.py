"""Indonesian dates: `26 Juli 2023` (no zero padding, docs/rulebook.md §9)."""

from __future__ import annotations

import datetime as dt

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def tanggal_id(d: dt.date | None, hari: bool = False) -> str:
    """`26 Juli 2023`, or `Rabu, 26 Juli 2023` with `hari`."""
    if d is None:
        return ""
    text = f"{d.day} {BULAN[d.month - 1]} {d.year}"
    return f"{HARI[d.weekday()]}, {text}" if hari else text


def tanggal_singkat(d: dt.date | None, tahun: int | None = None) -> str:
    """`1 Jul` within `tahun`, `5 Jan 2026` outside it (a compact table cell)."""
    if d is None:
        return ""
    text = f"{d.day} {BULAN[d.month - 1][:3]}"
    return text if d.year == tahun else f"{text} {d.year}"
