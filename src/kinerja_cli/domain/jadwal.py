"""The SOP schedule: each step's deadline in working days from the start date (docs/contract.md §9)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from kinerja_cli.domain.settings import LANGKAH_SOP


def hari_kerja(d: dt.date, libur: Collection[dt.date]) -> bool:
    """True on Monday-Friday that is not a public holiday."""
    return d.weekday() < 5 and d not in libur


def tambah_hari_kerja(start: dt.date, n: int, libur: Collection[dt.date]) -> dt.date:
    """The n-th working day counting `start` as day 1 when it is a working day (n >= 1)."""
    d = start
    while not hari_kerja(d, libur):
        d += dt.timedelta(days=1)
    counted = 1
    while counted < n:
        d += dt.timedelta(days=1)
        if hari_kerja(d, libur):
            counted += 1
    return d


def hari_kerja_berikut(d: dt.date, libur: Collection[dt.date]) -> dt.date:
    """The first working day after `d`."""
    d += dt.timedelta(days=1)
    while not hari_kerja(d, libur):
        d += dt.timedelta(days=1)
    return d


@dataclass(frozen=True)
class Langkah:
    """One SOP step with its working-day window."""

    kunci: str
    nomor: int
    nama: str
    hari: int
    mulai: dt.date
    batas: dt.date


def susun_jadwal(
    mulai: dt.date, durasi: dict[str, int], libur: Collection[dt.date]
) -> list[Langkah]:
    """Chain the SOP steps from `mulai`, each starting the working day after the last ends."""
    out: list[Langkah] = []
    start = mulai
    for kunci, nomor, nama, default in LANGKAH_SOP:
        n = durasi.get(kunci, default)
        if n <= 0:
            out.append(Langkah(kunci, nomor, nama, 0, start, start))
            continue
        begin = tambah_hari_kerja(start, 1, libur)
        end = tambah_hari_kerja(begin, n, libur)
        out.append(Langkah(kunci, nomor, nama, n, begin, end))
        start = hari_kerja_berikut(end, libur)
    return out


def batas_langkah(jadwal: list[Langkah], kunci: str) -> dt.date:
    """Deadline of one step."""
    return next(s.batas for s in jadwal if s.kunci == kunci)
