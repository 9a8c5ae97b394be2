"""One notion of received time (docs/contract.md §12): the earlier of the file's mtime and when
collect first saw its bytes, against the end of SOP step 4 in working days; collect and status
agree on every bidang."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kinerja_cli.services.collect import collect
from kinerja_cli.services.received import Deadlines, received_at
from kinerja_cli.services.status import status
from kinerja_cli.store.db import Store
from support.collectkit import TW2, Kit, real_or_stub

D = dt.date


def _ws(kit: Kit, mulai: dt.date):
    settings = dataclasses.replace(kit.ws.settings, mulai={"TW2": mulai})
    return dataclasses.replace(kit.ws, settings=settings)


def _at(day: dt.date, hour: int = 10) -> float:
    return dt.datetime.combine(day, dt.time(hour)).timestamp()


def test_received_is_the_earlier_of_mtime_and_first_seen() -> None:
    assert received_at("2025-07-20T08:00:00", "2025-07-09T10:00:00") == dt.datetime(2025, 7, 9, 10)
    assert received_at("2025-07-08T08:00:00", "2025-07-20T10:00:00") == dt.datetime(2025, 7, 8, 8)
    assert received_at("rusak", "2025-07-20T10:00:00") == dt.datetime(2025, 7, 20, 10)


@pytest.mark.parametrize(
    ("mulai", "sent", "late"),
    [
        # Tue 1 July 2025: step 3 that day, step 4 = 7 working days, 2 to 10 July (Thu).
        (D(2025, 7, 1), D(2025, 7, 10), False),
        (D(2025, 7, 1), D(2025, 7, 11), True),
        # Fri 4 July start: step 4 runs 7 to 15 July over the weekend; Sat 12 is still on time.
        (D(2025, 7, 4), D(2025, 7, 12), False),
        (D(2025, 7, 4), D(2025, 7, 16), True),
        # Thu 27 March 2025: Nyepi (29 Mar) and Idul Fitri (31 Mar, 1 Apr) push the deadline of
        # step 4 to Wed 9 April; a naive count of 7 calendar-ish days would call 8 April late.
        (D(2025, 3, 27), D(2025, 4, 8), False),
        (D(2025, 3, 27), D(2025, 4, 9), False),
        (D(2025, 3, 27), D(2025, 4, 10), True),
    ],
)
def test_deadline_in_working_days(kit: Kit, mulai: dt.date, sent: dt.date, late: bool) -> None:
    batas = Deadlines(_ws(kit, mulai)).late(TW2, dt.datetime.combine(sent, dt.time(16)))
    assert (batas is not None) == late


def test_collect_and_status_agree_on_every_bidang(kit: Kit) -> None:
    ws = _ws(kit, D(2025, 7, 1))  # return deadline Thu 10 July 2025
    sent = {"SEK": D(2025, 7, 9), "BM": D(2025, 7, 11), "SDA": D(2025, 7, 14)}
    for b in kit.forms:
        kit.put(kit.filled(b), mtime=_at(sent.get(b, D(2025, 7, 10))))
    res = collect(ws, reader=real_or_stub())
    late_collect = {f.bidang for f in res.files if any(x.code == "terlambat" for x in f.findings)}
    assert late_collect == {"BM", "SDA"}
    st = status(ws, TW2, today=D(2025, 7, 20))
    assert {b.kode for b in st.bidang if b.terlambat} == late_collect
    step4 = next(s for s in st.jadwal if s.langkah == 4)
    assert step4.status == "terlambat" and step4.selesai  # done, but after its deadline


def test_a_file_seen_on_time_stays_on_time_when_saved_again_later(kit: Kit) -> None:
    import os

    ws = _ws(kit, D(2025, 7, 1))
    # Saved from the e-mail on 20 July (mtime), but collect had already seen it on 9 July.
    path = kit.put(kit.filled("SEK"), mtime=_at(D(2025, 7, 20)))
    collect(ws, reader=real_or_stub())
    with Store.open(kit.ws) as store:
        store.conn.execute("UPDATE submissions SET first_seen = '2025-07-09T11:00:00'")
    res = collect(ws, reader=real_or_stub())
    assert not any(x.code == "terlambat" for x in res.files[0].findings)
    sek = next(b for b in status(ws, TW2, today=D(2025, 7, 21)).bidang if b.kode == "SEK")
    assert (sek.terlambat, sek.diterima) == (False, "2025-07-09T11:00:00")
    # Seen for the first time on 20 July: late, in collect and in status alike.
    with Store.open(kit.ws) as store:
        store.conn.execute("UPDATE submissions SET first_seen = '2025-07-20T11:00:00'")
    os.utime(path, (_at(D(2025, 7, 20)),) * 2)
    res = collect(ws, reader=real_or_stub())
    assert any(x.code == "terlambat" for x in res.files[0].findings)
    sek = next(b for b in status(ws, TW2, today=D(2025, 7, 21)).bidang if b.kode == "SEK")
    assert sek.terlambat
