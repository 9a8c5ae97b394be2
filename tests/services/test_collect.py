"""collect: acceptance, idempotent re-runs, an untouched inbox, duplicates, junk, non-forms."""

from __future__ import annotations

import json
import shutil

import pytest

from kinerja_cli.domain.periode import Periode
from kinerja_cli.store.berkas import copy_path
from kinerja_cli.store.db import Store
from support.collectkit import (
    TW2,
    Kit,
    real_or_stub,
    snapshot,
    stub_read,
)


def _dump(res) -> str:
    return json.dumps(res.to_json(), sort_keys=True, default=str)


@pytest.mark.slow
def test_all_accepted_then_rerun_parses_nothing(kit: Kit) -> None:
    kit.put_all()
    first = kit.collect()
    assert first.exit_code == 0
    assert {f.status for f in first.files} == {"diterima"}
    assert first.dibaca == len(kit.forms) and all(f.dibaca for f in first.files)
    assert {b.status for b in first.bidang} == {"diterima"} and len(first.bidang) == 9

    calls: list[str] = []

    def spy(data, name, pk, *, periode_wajib=None):
        calls.append(name)
        return stub_read(data, name, pk, periode_wajib=periode_wajib)

    second = kit.collect(reader=spy)
    assert calls == [] and second.dibaca == 0
    assert _dump(second) == _dump(first)
    with Store.open(kit.ws) as store:
        acc = store.accepted(TW2)
    assert set(acc) == set(kit.forms)
    assert acc["SEK"].realisasi == kit.data["SEK"].realisasi
    assert acc["BM"].anggaran == kit.data["BM"].anggaran


def test_inbox_is_byte_identical_afterwards(kit: Kit) -> None:
    kit.put_all(skip=("CK",))
    kit.put(kit.bm_salah(), "BM lama.xlsx")
    kit.put_bytes("laporan.csv", b"Kode;Realisasi\r\nIK.01;90\r\n")
    kit.put_bytes("~$2025-TW2-SEK-Sekretariat.xlsx", b"\x05Staf" + b"\0" * 50)
    (kit.ws.masuk / "arsip lama").mkdir()
    kit.put_bytes("arsip lama/CK.xlsx", kit.filled("CK").read_bytes())
    before = snapshot(kit.ws.masuk)
    res = kit.collect()
    kit.collect()
    assert snapshot(kit.ws.masuk) == before
    assert res.subfolder == ["arsip lama"]  # top level only; the subfolder is listed, not read
    assert "CK.xlsx" not in {f.file for f in res.files}
    assert {b.kode: b.status for b in res.bidang}["CK"] == "belum"


def test_identical_bytes_count_once(kit: Kit) -> None:
    kit.put(kit.filled("SEK"), "SEK.xlsx")
    kit.put(kit.filled("SEK"), "SEK (1).xlsx")
    res = kit.collect()
    by = {f.file: f for f in res.files}
    # The sorted listing puts "SEK (1).xlsx" first: it is the one read, the other a duplicate.
    assert by["SEK (1).xlsx"].status == "diterima"
    assert by["SEK.xlsx"].status == "duplikat" and by["SEK.xlsx"].duplikat_dari == "SEK (1).xlsx"
    assert [f.code for f in by["SEK.xlsx"].findings] == ["duplikat-identik"]
    assert res.exit_code == 0 and res.dibaca == 1
    with Store.open(kit.ws) as store:
        assert len(store.submissions(TW2)) == 1
        assert store.names(by["SEK.xlsx"].sha256) == ["SEK (1).xlsx", "SEK.xlsx"]
    assert _dump(kit.collect()) == _dump(res)
    # The first name stays the primary even when a new copy sorts before it.
    kit.put(kit.filled("SEK"), "SEK (0).xlsx")
    again = {f.file: f.status for f in kit.collect().files}
    assert again == {"SEK (0).xlsx": "duplikat", "SEK (1).xlsx": "diterima", "SEK.xlsx": "duplikat"}


def test_junk_is_ignored_with_exit_0(kit: Kit) -> None:
    from support.corpus import junk_files

    kit.put(kit.filled("SEK"))
    for name, data in junk_files().items():
        kit.put_bytes(name, data)
    res = kit.collect()
    statuses = {f.file: f.status for f in res.files}
    assert statuses.pop(kit.filled("SEK").name) == "diterima"
    assert set(statuses.values()) == {"diabaikan"} and len(statuses) == len(junk_files())
    assert all(not f.findings for f in res.files if f.status == "diabaikan")
    assert res.exit_code == 0
    assert not any(kit.ws.berkas.rglob("*")) or len(list(kit.ws.berkas.rglob("*.xlsx"))) == 1


def test_non_form_gets_a_text_explanation(kit: Kit) -> None:
    from support.corpus import case_csv, case_xls

    kit.put_bytes("2025-TW2-BM.xlsx", case_csv())
    kit.put_bytes("CK.xls", case_xls())
    res = kit.collect()
    assert res.exit_code == 1
    by = {f.file: f for f in res.files}
    csv = by["2025-TW2-BM.xlsx"]
    assert csv.status == "ditolak" and [f.code for f in csv.findings] == ["file-csv"]
    assert csv.umpan_balik == kit.ws.umpan_balik / "2025-TW2-BM-PERBAIKI.txt"
    text = csv.umpan_balik.read_text(encoding="utf-8-sig")
    assert "teks CSV" in text and "Simpan Sebagai" in text and csv.sha256 in text
    # Another suffix stays in the name, so CK.xls and CK.xlsx never share one feedback file.
    assert by["CK.xls"].umpan_balik.name == "CK~xls-PERBAIKI.txt"
    assert "Excel 97-2003" in by["CK.xls"].umpan_balik.read_text(encoding="utf-8-sig")
    assert b"\r\n" in csv.umpan_balik.read_bytes()


def test_another_periode_with_triwulan_is_left_alone(kit: Kit) -> None:
    kit.put(kit.filled("SEK"))
    res = kit.collect(periode_wajib=Periode(3))
    f = res.files[0]
    assert f.status == "periode-lain" and f.findings == [] and f.umpan_balik is None
    assert not kit.ws.umpan_balik.exists() or not any(kit.ws.umpan_balik.iterdir())
    assert res.periode == ["TW3"] and {b.status for b in res.bidang} == {"belum"}
    assert res.exit_code == 0
    # The content is a valid TW2 return: without --triwulan (or with 2) it counts for TW2.
    assert kit.collect().files[0].status == "diterima"
    assert kit.collect(periode_wajib=TW2).exit_code == 0


def test_one_crashing_file_does_not_stop_the_others(kit: Kit) -> None:
    kit.put_all()
    bad = kit.filled("PR").name

    def fragile(data, name, pk, *, periode_wajib=None):
        if name == bad:
            raise RuntimeError("pembaca rusak")
        return stub_read(data, name, pk, periode_wajib=periode_wajib)

    res = kit.collect(reader=fragile)
    by = {f.file: f for f in res.files}
    assert by[bad].status == "ditolak" and by[bad].findings[0].code == "gagal-membaca"
    assert sum(f.status == "diterima" for f in res.files) == len(kit.forms) - 1
    calls: list[str] = []

    def spy(data, name, pk, *, periode_wajib=None):
        calls.append(name)
        return stub_read(data, name, pk, periode_wajib=periode_wajib)

    assert kit.collect(reader=spy).exit_code == 0 and calls == [bad]  # retried, not remembered


def test_nothing_lost_when_the_inbox_is_cleaned(kit: Kit) -> None:
    kit.put_all()
    res = kit.collect()
    for f in res.files:
        assert copy_path(kit.ws, f.sha256).read_bytes() == (kit.ws.masuk / f.file).read_bytes()
    shutil.rmtree(kit.ws.masuk)
    kit.ws.masuk.mkdir()
    again = kit.collect()
    assert again.files == [] and {b.status for b in again.bidang} == {"diterima"}
    with Store.open(kit.ws) as store:
        assert set(store.accepted(TW2)) == set(kit.forms)


def test_too_large_file_is_refused_unread(kit: Kit) -> None:
    """Refused by its size alone (docs/reliability.md C13): not read, hashed or copied."""
    kit.put_bytes("besar.xlsx", b"PK\x03\x04" + b"\0" * (11 << 20))
    res = kit.collect()
    f = res.files[0]
    assert f.status == "ditolak" and [x.code for x in f.findings] == ["file-too-large"]
    assert f.sha256 == "" and not any(kit.ws.berkas.rglob("*.xlsx"))
    assert f.umpan_balik is not None and f.umpan_balik.suffix == ".txt"


def test_late_file_is_accepted_with_a_warning(kit: Kit) -> None:
    import datetime as dt

    kit.put(kit.filled("SEK"), mtime=dt.datetime(2025, 7, 21, 10).timestamp())
    res = kit.collect()
    f = res.files[0]
    late = [x for x in f.findings if x.code == "terlambat"]
    assert f.status == "diterima" and len(late) == 1 and late[0].severity == "warning"
    assert "10 Juli 2025" in late[0].message and res.exit_code == 0


@pytest.mark.slow
def test_pool_gives_the_serial_answer(kit: Kit, tmp_path) -> None:
    kit.put_all()
    kit.put(kit.bm_salah(), "BM salah.xlsx")
    twin = tmp_path / "twin"
    shutil.copytree(kit.ws.root, twin)
    serial = kit.collect(jobs=1)
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.services.collect import collect

    pooled = collect(find_workspace(twin), jobs=2, reader=real_or_stub())
    a, b = serial.to_json(), pooled.to_json()
    for doc in (a, b):
        doc.pop("masuk")
        for f in doc["files"]:
            f.pop("umpan_balik")
    assert a == b and pooled.dibaca == serial.dibaca == len(kit.forms) + 1


def test_ctrl_c_leaves_a_consistent_store(kit: Kit) -> None:
    import pytest

    kit.put_all()
    reader = real_or_stub()
    seen: list[str] = []

    def interrupted(data, name, pk, *, periode_wajib=None):
        seen.append(name)
        if len(seen) == 5:
            raise KeyboardInterrupt
        return reader(data, name, pk, periode_wajib=periode_wajib)

    with pytest.raises(KeyboardInterrupt):
        kit.collect(reader=interrupted)
    with Store.open(kit.ws) as store:
        assert store.submissions() == []  # the open batch was rolled back, nothing half-written
    res = kit.collect()  # the lock was released; everything is read again
    assert res.exit_code == 0 and res.dibaca == len(kit.forms)


@pytest.mark.slow
def test_a_dying_worker_fails_files_not_the_run(kit: Kit) -> None:
    from support.collectkit import dying_read

    kit.put_all()
    kit.put(kit.filled("SEK"), "MATI.xlsx")
    kit.put_bytes("MATI.xlsx", kit.filled("SEK").read_bytes() + b"\0")  # distinct bytes
    res = kit.collect(jobs=2, reader=dying_read)
    by = {f.file: f for f in res.files}
    assert by["MATI.xlsx"].status == "ditolak"
    assert by["MATI.xlsx"].findings[0].code == "gagal-membaca"
    assert len(res.files) == len(kit.forms) + 1  # every file has an answer
    again = kit.collect()  # failures are not remembered: read again, serially
    assert {f.file: f.status for f in again.files}["MATI.xlsx"] in ("diterima", "ditolak")
    assert sum(f.status == "diterima" for f in again.files) >= len(kit.forms)


@pytest.mark.slow
def test_feedback_open_in_excel_does_not_stop_the_run(kit: Kit, monkeypatch) -> None:
    """docs/reliability.md E68: the old feedback file is held open; the run goes on and says so."""
    import os

    kit.put(kit.bm_salah())
    kit.put(kit.filled("SEK"))
    real_replace = os.replace

    def locked(src, dst, *a, **k):
        if "umpan-balik" in str(dst):
            raise PermissionError(13, "sedang dipakai", str(dst))
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", locked)
    res = kit.collect()
    bm = next(f for f in res.files if f.bidang == "BM")
    assert bm.status == "ditolak" and bm.umpan_balik is None
    assert any("umpan balik tidak dapat ditulis" in c for c in bm.catatan)
    assert not list(kit.ws.umpan_balik.glob("*.tmp")) if kit.ws.umpan_balik.exists() else True
    monkeypatch.setattr(os, "replace", real_replace)
    assert next(f for f in kit.collect().files if f.bidang == "BM").umpan_balik is not None


def test_disk_full_stops_cleanly(kit: Kit, monkeypatch) -> None:
    """docs/reliability.md E67: no space for the content copy -> one clear error, store unchanged."""
    import errno
    import os

    import pytest

    from kinerja_cli.errors import KinerjaError

    kit.put_all()
    real_replace = os.replace

    def full(src, dst, *a, **k):
        if "berkas" in str(dst):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(KinerjaError, match="Disk penuh"):
        kit.collect()
    monkeypatch.setattr(os, "replace", real_replace)
    with Store.open(kit.ws) as store:
        assert store.submissions() == []
    assert not [p for p in kit.ws.berkas.rglob("*") if p.is_file()]  # no temp files left
    assert kit.collect().exit_code == 0


def test_text_feedback_names_a_form_of_this_workspace(kit: Kit) -> None:
    kit.put_bytes("laporan.csv.xlsx", b"kode;realisasi\nIK.01;61,2\n")
    res = kit.collect()
    path = res.files[0].umpan_balik
    assert path is not None and path.suffix == ".txt"
    text = path.read_text(encoding="utf-8-sig")
    from kinerja_cli.store.db import Store

    with Store.open(kit.ws) as store:
        issued = {f[3] for f in store.forms()}
    assert any(name in text for name in issued)
