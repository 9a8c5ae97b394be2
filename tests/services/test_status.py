"""status: the SOP schedule in working days (weekends, Idul Fitri, Good Friday) and flags."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kinerja_cli.domain.periode import Periode
from kinerja_cli.services.status import status
from kinerja_cli.store.db import Store
from support.collectkit import T0, TW2, Kit

D = dt.date


def _happened(kit: Kit, forms: str | None = None, seen: str | None = None) -> None:
    """Pretend init-form ran / collect first saw the files at these times (the tests run years
    after the 2025 schedule they check)."""
    with Store.open(kit.ws) as store:
        if forms:
            store.conn.execute("UPDATE forms SET generated_at = ?", (forms,))
        if seen:
            store.conn.execute("UPDATE submissions SET first_seen = ?", (seen,))
            store.conn.execute("UPDATE files SET first_seen = ?", (seen,))


def _starting(kit: Kit, mulai: dt.date):
    settings = dataclasses.replace(kit.ws.settings, mulai={"TW2": mulai})
    return dataclasses.replace(kit.ws, settings=settings)


def test_schedule_skips_weekend_and_idul_fitri(kit: Kit) -> None:
    # Thu 27 March 2025; Sat 29 (Nyepi), Sun 30, Mon 31 March and Tue 1 April (Idul Fitri) are
    # not working days, nor Fri 18 April (Good Friday).
    ws = _starting(kit, D(2025, 3, 27))
    _happened(kit, forms="2025-03-27T10:00:00")
    res = status(ws, TW2, today=D(2025, 4, 11))
    got = {s.langkah: (s.mulai, s.batas, s.hari) for s in res.jadwal}
    assert got[3] == (D(2025, 3, 27), D(2025, 3, 27), 1)
    assert got[4] == (D(2025, 3, 28), D(2025, 4, 9), 7)
    assert got[5] == (D(2025, 4, 10), D(2025, 4, 10), 1)
    assert got[6] == (D(2025, 4, 11), D(2025, 4, 11), 1)
    assert got[7] == (D(2025, 4, 14), D(2025, 4, 16), 3)
    assert got[8] == (D(2025, 4, 17), D(2025, 4, 17), 1)
    assert got[9] == (D(2025, 4, 21), D(2025, 4, 21), 1)
    flags = {s.langkah: s.status for s in res.jadwal}
    # forms were generated (step 3 done, 4 started) but nothing came back by the deadlines
    assert flags == {
        3: "selesai",
        4: "terlambat",
        5: "terlambat",
        6: "berjalan",
        7: "belum",
        8: "belum",
        9: "belum",
        10: "belum",
        11: "belum",
    }
    assert sorted(res.belum) == sorted(kit.forms)
    assert {b.status for b in res.bidang} == {"belum"}
    # init-form run after step 3's deadline: done, but late.
    _happened(kit, forms="2025-03-28T08:00:00")
    step3 = status(ws, TW2, today=D(2025, 4, 11)).jadwal[0]
    assert (step3.status, step3.selesai, step3.selesai_pada) == ("terlambat", True, D(2025, 3, 28))


def test_schedule_around_independence_day(kit: Kit) -> None:
    # Fri 15 August 2025; Sun 17 August is the holiday (a weekend anyway).
    res = status(_starting(kit, D(2025, 8, 15)), TW2, today=D(2025, 8, 1))
    got = {s.langkah: (s.mulai, s.batas) for s in res.jadwal}
    assert got[3] == (D(2025, 8, 15), D(2025, 8, 15))
    assert got[4] == (D(2025, 8, 18), D(2025, 8, 26))
    flags = {s.langkah: s.status for s in res.jadwal}
    assert flags[4] == "berjalan"  # the forms are out already
    assert {flags[k] for k in range(5, 12)} == {"belum"}


def test_steps_done_from_the_store(kit: Kit) -> None:
    kit.put_all()
    kit.collect()
    _happened(kit, forms="2025-07-01T10:00:00", seen="2025-07-11T09:00:00")
    ws = _starting(kit, D(2025, 7, 1))
    res = status(ws, TW2, today=D(2025, 7, 16))
    flags = {s.langkah: s.status for s in res.jadwal}
    assert flags[4] == flags[5] == "selesai"
    assert flags[6] == "terlambat"  # compile was due 14 Juli
    assert flags[7] == "berjalan"
    assert res.belum == [] and {b.status for b in res.bidang} == {"diterima"}
    bm = next(b for b in res.bidang if b.kode == "BM")
    assert bm.file == kit.filled("BM").name
    assert bm.diterima == dt.datetime.fromtimestamp(T0).isoformat(timespec="seconds")
    with Store.open(kit.ws) as store:
        store.record_output("draf", TW2, ws.hasil / "DRAF.xlsx", "0" * 64)
        store.record_output("laporan-html", TW2, ws.hasil / "x.html", "1" * 64)
        store.conn.execute("UPDATE outputs SET written = '2025-07-14T15:00:00'")
    flags = {s.langkah: s.status for s in status(ws, TW2, today=D(2025, 8, 30)).jadwal}
    assert [flags[k] for k in range(3, 10)] == ["selesai"] * 7
    assert flags[10] == flags[11] == "terlambat"
    # The same draft and report written later than their steps' deadlines: done, but late.
    with Store.open(kit.ws) as store:
        store.conn.execute("UPDATE outputs SET written = '2025-08-04T15:00:00'")
    late = {s.langkah: (s.status, s.selesai) for s in status(ws, TW2, today=D(2025, 8, 30)).jadwal}
    assert [late[k] for k in (6, 7, 8, 9)] == [("terlambat", True)] * 4


def test_status_json_shape(kit: Kit) -> None:
    kit.put(kit.bm_salah())
    kit.collect()
    doc = status(kit.ws, TW2, today=D(2025, 7, 8)).to_json()
    assert doc["periode"] == "TW2"
    assert set(doc["bidang"][0]) == {"kode", "nama", "status", "file", "diterima", "terlambat"}
    assert set(doc["jadwal"][0]) == {
        "langkah",
        "nama",
        "hari",
        "mulai",
        "batas",
        "status",
        "selesai",
        "selesai_pada",
    }
    assert {b["kode"]: b["status"] for b in doc["bidang"]}["BM"] == "ditolak"
    assert [s["langkah"] for s in doc["jadwal"]] == list(range(3, 12))


def test_status_without_store(workspace) -> None:
    res = status(workspace, Periode(1), today=D(2025, 3, 1))
    assert {b.status for b in res.bidang} == {"belum"}
    assert {s.status for s in res.jadwal} == {"belum"}
    assert not workspace.db.exists()
