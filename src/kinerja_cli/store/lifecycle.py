"""The life of a periode (docs/contract.md §12): `archive` closes it, `archive --buka --alasan`
reopens it. While a periode is closed, a new or changed file for its data is recorded but held
(`ditahan`) and a correction is refused; the first collect after a reopening releases what was
held. TW IV and `tahunan` share their data (the annual measurement uses the data s/d TW IV),
so closing either holds files for both.
"""

from __future__ import annotations

import getpass
import platform
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kinerja_cli.domain.periode import Periode
from kinerja_cli.store.records import now_iso

TUTUP, BUKA = "tutup", "buka"


def user_at_host() -> str:
    """`user@computer` for the records (never fails)."""
    try:
        user = getpass.getuser()
    except Exception:  # no USER/USERNAME and no pwd entry (some service accounts)
        user = "?"
    return f"{user}@{platform.node() or '?'}"


@dataclass(frozen=True)
class Event:
    """One closing or reopening of a periode."""

    periode: str
    kind: str  # tutup | buka
    at: str
    oleh: str
    alasan: str | None
    versi: int | None
    manifest: str | None
    manifest_sha256: str | None


_COLS = "periode, kind, at, oleh, alasan, versi, manifest, manifest_sha256"


def events(store: Any, periode: Periode | None = None) -> list[Event]:
    """Every closing and reopening (of one periode when given), oldest first."""
    sql = f"SELECT {_COLS} FROM periode_events"
    args: tuple[str, ...] = ()
    if periode is not None:
        sql, args = sql + " WHERE periode = ?", (periode.kode,)
    return [Event(*r) for r in store.conn.execute(sql + " ORDER BY id", args)]


def last_event(store: Any, periode: Periode) -> Event | None:
    """The latest event of a periode, or None when it was never archived."""
    found = events(store, periode)
    return found[-1] if found else None


def closing(store: Any, periode: Periode) -> Event | None:
    """The archive event that keeps this periode closed, or None when it is open."""
    last = last_event(store, periode)
    return last if last is not None and last.kind == TUTUP else None


def _sharing(periode: Periode) -> list[Periode]:
    """The periodes whose data is this periode's data (TW IV and tahunan share theirs)."""
    if periode.triwulan == 4:
        return [Periode(4), Periode(4, tahunan=True)]
    return [periode]


def data_closing(store: Any, periode: Periode) -> Event | None:
    """The closing that freezes this periode's data (its own, or its data partner's)."""
    for p in _sharing(periode):
        event = closing(store, p)
        if event is not None:
            return event
    return None


def closed_data(store: Any) -> dict[str, Event]:
    """data periode kode (TW1..TW4) -> the closing that freezes it."""
    out: dict[str, Event] = {}
    for kode in ("TW1", "TW2", "TW3", "TW4"):
        event = data_closing(store, Periode.parse(kode))
        if event is not None:
            out[kode] = event
    return out


def record_close(store: Any, periode: Periode, versi: int, manifest: str, sha256: str) -> int:
    """Record that `archive` closed the periode with this version and manifest; return the
    event's id (for `forget_event`)."""
    with store.transaction():
        cur = store.conn.execute(
            f"INSERT INTO periode_events ({_COLS}) VALUES (?,?,?,?,?,?,?,?)",
            (periode.kode, TUTUP, now_iso(), user_at_host(), None, versi, manifest, sha256),
        )
    return int(cur.lastrowid or 0)


def forget_event(store: Any, event_id: int) -> None:
    """Take back a closing whose archive folder could not be moved into place."""
    with store.transaction():
        store.conn.execute("DELETE FROM periode_events WHERE id = ?", (event_id,))


def record_reopen(store: Any, periode: Periode, alasan: str) -> Event:
    """Record a reopening with its reason; return it."""
    event = Event(periode.kode, BUKA, now_iso(), user_at_host(), alasan, None, None, None)
    with store.transaction():
        store.conn.execute(
            f"INSERT INTO periode_events ({_COLS}) VALUES (?,?,?,?,?,?,?,?)",
            (event.periode, event.kind, event.at, event.oleh, event.alasan, None, None, None),
        )
    return event


def reopening_since_close(store: Any, periode: Periode) -> tuple[Event, Event] | None:
    """(the last closing, the reopening after it) when the periode was reopened since it was
    last archived; the next archive records both."""
    found = events(store, periode)
    for i in range(len(found) - 1, 0, -1):
        if found[i].kind == BUKA:
            before = next((e for e in reversed(found[:i]) if e.kind == TUTUP), None)
            return (before, found[i]) if before is not None else None
        if found[i].kind == TUTUP:
            return None
    return None


def release_held(store: Any) -> list[tuple[str, str]]:
    """Held submissions whose data is open again are released; (bidang, data periode) to chain."""
    frozen = set(closed_data(store))
    rows = store.conn.execute(
        "SELECT id, bidang, data_periode FROM submissions WHERE ditahan = 1"
    ).fetchall()
    out: set[tuple[str, str]] = set()
    with store.transaction():
        for sub_id, bidang, data_periode in rows:
            if data_periode in frozen:
                continue
            store.conn.execute("UPDATE submissions SET ditahan = 0 WHERE id = ?", (sub_id,))
            if bidang and data_periode:
                out.add((bidang, data_periode))
    return sorted(out)


def held(store: Any, data_periodes: Iterable[str] | None = None) -> int:
    """How many submissions are held (of these data periodes when given)."""
    rows = store.conn.execute("SELECT data_periode FROM submissions WHERE ditahan = 1").fetchall()
    wanted = None if data_periodes is None else set(data_periodes)
    return sum(1 for (d,) in rows if wanted is None or d in wanted)
