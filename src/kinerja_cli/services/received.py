"""When a file was received, and whether that was late: one notion for collect and status
(docs/contract.md §12).

A file counts as received at the earlier of its modification time and the time collect first
saw its bytes (a form saved from e-mail today keeps the day it really arrived only if collect
saw it then; a file collected on time but touched later stays on time). It is late when
received after the end of SOP step 4, the return deadline printed in the form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinerja_cli.domain.periode import Periode
from kinerja_cli.io.workspace import Workspace


def received_at(mtime_iso: str, first_seen_iso: str) -> dt.datetime | None:
    """The earlier of the file's modification time and the time its bytes were first seen."""
    times = []
    for iso in (mtime_iso, first_seen_iso):
        try:
            times.append(dt.datetime.fromisoformat(iso))
        except (TypeError, ValueError):
            continue
    return min(times) if times else None


def received_of(sub: Any) -> dt.datetime | None:
    """`received_at` of a stored submission."""
    return received_at(sub.received, sub.first_seen)


class Deadlines:
    """The return deadline of each periode of one workspace, computed once per periode."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._cache: dict[tuple[str, bool], dt.date | None] = {}

    def batas(self, periode: Periode, *, libur: bool = True) -> dt.date | None:
        """End of SOP step 4 for the periode; without the national holidays (no `holidays`
        import) it is a lower bound. None when the schedule cannot be computed."""
        key = (periode.kode, libur)
        if key not in self._cache:
            from kinerja_cli.domain.jadwal import batas_langkah, susun_jadwal
            from kinerja_cli.services.setup import batas_pengisian

            try:
                if libur:
                    self._cache[key] = batas_pengisian(self.ws, periode)
                else:
                    s = self.ws.settings
                    jadwal = susun_jadwal(s.mulai_periode(periode.kode), s.durasi, ())
                    self._cache[key] = batas_langkah(jadwal, "pengisian")
            except Exception:  # a schedule problem must not stop collect or status
                self._cache[key] = None
        return self._cache[key]

    def late(self, periode: Periode, received: dt.datetime | None) -> dt.date | None:
        """The deadline when `received` is after it, else None (on time, or unknown)."""
        if received is None:
            return None
        day = received.date()
        # Holidays only move the deadline later: a file on time without them is on time.
        early = self.batas(periode, libur=False)
        if early is not None and day <= early:
            return None
        batas = self.batas(periode)
        return batas if batas is not None and day > batas else None
