"""The workspace store: schema and migrations, exact Decimals, versions, the StoreAPI surface."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from decimal import Decimal as D
from pathlib import Path

import pytest

from kinerja_cli.domain.findings import ERROR, WARNING, Finding
from kinerja_cli.domain.models import DataBidang, Narasi
from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.errors import KinerjaError
from kinerja_cli.store import schema
from kinerja_cli.store.berkas import copy_path, keep_copy, read_copy, sha256
from kinerja_cli.store.db import Store
from kinerja_cli.store.protocol import StoreAPI

TW2 = Periode(2)
NS = 1_000_000_000


def _data(bidang: str = "BM", **over: object) -> DataBidang:
    d = DataBidang(bidang=bidang)
    d.realisasi = {
        "IK.01": [Decimal("61.20"), Decimal("98.5")],
        "IK.02": [Decimal("0.1"), None],
        "IK.03": [Decimal("1E+3"), Decimal("12345678901234567890.123456789")],
        "IK.04": [False, True],
    }
    d.narasi = {"IK.01": Narasi("baik", "", "lanjut", "laporan.pdf")}
    d.anggaran = {"1.03.10.2.01.0001": [Decimal("150000000"), Decimal("249999999.99")]}
    for k, v in over.items():
        setattr(d, k, v)
    return d


def _record(
    store: Store,
    name: str,
    mtime_s: int,
    *,
    bidang: str = "BM",
    periode: Periode = TW2,
    ok: bool = True,
    data: DataBidang | None = None,
    content: bytes | None = None,
) -> int:
    body = content or f"{name}{mtime_s}{bidang}{periode}{ok}".encode()
    findings = (
        []
        if ok
        else [
            Finding("realisasi-bukan-angka", ERROR, "bukan angka", name, "Kinerja", "J7", "IK.01")
        ]
    )
    sub_id = store.record(
        sha=sha256(body),
        name=name,
        size=len(body),
        mtime_ns=mtime_s * NS,
        kind="xlsx",
        bidang=bidang,
        periode=periode,
        form_id=f"f-{bidang}",
        status="diterima" if ok else "ditolak",
        findings=findings,
        data=(data or _data(bidang)) if ok else None,
        producer="Excel",
    )
    store.resolve_versions(bidang, periode.data_kode)
    return sub_id


def test_fresh_schema(workspace) -> None:
    with Store.open(workspace) as store:
        assert schema.user_version(store.conn) == schema.VERSION == 7
        tables = {
            r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {
        "files",
        "sightings",
        "submissions",
        "findings",
        "nilai",
        "narasi",
        "forms",
        "outputs",
        "periode_events",
        "koreksi",
        "pk_versions",
    } <= tables
    assert workspace.db == workspace.root / ".kinerja" / "kinerja.db"


def test_store_satisfies_protocol(workspace) -> None:
    with Store.open(workspace) as store:
        api: StoreAPI = store  # mypy checks the structural match; this checks it at run time
        assert callable(api.accepted) and callable(api.blob_path)


def test_older_version_is_migrated(workspace) -> None:
    workspace.internal.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(workspace.db, isolation_level=None)
    assert schema.migrate(conn, upto=1) == 1
    conn.execute("INSERT INTO files VALUES ('ab', 'BM.xlsx', 3, 0, '2025-07-01T09:00:00', 'xlsx')")
    conn.execute(
        "INSERT INTO submissions (sha256, name, bidang, periode, data_periode, status, "
        "received, received_ns, first_seen) VALUES ('ab', 'BM.xlsx', 'BM', 'TW2', 'TW2', "
        "'ditolak', '2025-07-01T09:00:00', 0, '2025-07-01T09:00:00')"
    )
    conn.close()
    with Store.open(workspace) as store:
        assert schema.user_version(store.conn) == schema.VERSION
        cols = {r[1] for r in store.conn.execute("PRAGMA table_info(submissions)")}
        assert {"umpan_balik", "perubahan", "ditahan", "pk_versi"} <= cols
        sub = store.known("ab")
        assert sub is not None and sub.name == "BM.xlsx" and sub.umpan_balik is None
        assert sub.perubahan is None


def test_v6_database_keeps_its_values_and_takes_components(workspace) -> None:
    """Schema v7 (docs/contract.md §14) rebuilds `nilai` to take Pembilang and Penyebut; the
    values stored before survive, in their order."""
    workspace.internal.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(workspace.db, isolation_level=None)
    assert schema.migrate(conn, upto=6) == 6
    conn.execute(
        "INSERT INTO files VALUES ('ab', 'BM.xlsx', 3, 0, '2025-07-01T09:00:00', 'xlsx', NULL)"
    )
    conn.execute(
        "INSERT INTO submissions (id, sha256, name, bidang, periode, data_periode, status, "
        "received, received_ns, first_seen) VALUES (1, 'ab', 'BM.xlsx', 'BM', 'TW2', 'TW2', "
        "'diterima', '2025-07-01T09:00:00', 0, '2025-07-01T09:00:00')"
    )
    conn.execute("INSERT INTO nilai VALUES (1, 'realisasi', 'IK.01', 1, '61.5', 0)")
    conn.execute("INSERT INTO nilai VALUES (1, 'realisasi', 'IK.01', 2, '62', 0)")
    with pytest.raises(sqlite3.IntegrityError):  # v6 knows no components
        conn.execute("INSERT INTO nilai VALUES (1, 'pembilang', 'IK.01', 1, '240', 0)")
    conn.close()
    with Store.open(workspace) as store:
        assert schema.user_version(store.conn) == 7
        rows = store.conn.execute("SELECT kind, kode, triwulan, value FROM nilai ORDER BY rowid")
        assert list(rows) == [("realisasi", "IK.01", 1, "61.5"), ("realisasi", "IK.01", 2, "62")]
        store.conn.execute("INSERT INTO nilai VALUES (1, 'pembilang', 'IK.01', 1, '240', 0)")
        store.conn.execute("INSERT INTO nilai VALUES (1, 'penyebut', 'IK.01', 1, '400', 0)")
        sub = store.known("ab")
        assert sub is not None
        data = store.data(sub)
        assert data.pembilang == {"IK.01": [D(240), None]}
        assert data.penyebut == {"IK.01": [D(400), None]}
        assert data.realisasi == {"IK.01": [D("61.5"), D(62)]}


def test_newer_schema_refused(workspace) -> None:
    workspace.internal.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(workspace.db)
    conn.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    conn.close()
    with pytest.raises(KinerjaError, match="lebih baru"), Store.open(workspace):
        pass


def test_corrupt_database_is_a_clear_error(workspace) -> None:
    workspace.internal.mkdir(parents=True, exist_ok=True)
    workspace.db.write_bytes(b"bukan basis data " * 100)
    with pytest.raises(KinerjaError, match="rusak"), Store.open(workspace):
        pass


def test_decimal_round_trip_is_exact(workspace) -> None:
    with Store.open(workspace) as store:
        _record(store, "BM.xlsx", 100)
    with Store.open(workspace) as store:
        got = store.accepted(TW2)["BM"]
    want = _data()
    assert got.realisasi == want.realisasi
    for kode, vals in want.realisasi.items():
        assert [str(v) for v in got.realisasi[kode]] == [str(v) for v in vals]
        assert [type(v) for v in got.realisasi[kode]] == [type(v) for v in vals]
    assert [str(v) for v in got.anggaran["1.03.10.2.01.0001"]] == ["150000000", "249999999.99"]
    assert got.narasi == want.narasi
    assert got.file == "BM.xlsx" and got.sha256 and got.diterima


def test_versions_newest_valid_wins(workspace) -> None:
    with Store.open(workspace) as store:
        a = _record(store, "b-lama.xlsx", 100)
        b = _record(store, "a-baru.xlsx", 200)  # newer mtime wins over the name
        c = _record(store, "z-sama.xlsx", 200)  # same mtime: the later name wins
        d = _record(store, "rusak.xlsx", 300, ok=False)  # invalid newer does not win
        assert store.winner("BM", "TW2").id == c
        subs = {s.id: s for s in store.versions("BM", "TW2")}
        assert subs[a].superseded_by == b and subs[b].supersedes == a
        assert subs[b].superseded_by == c and subs[c].supersedes == b
        assert subs[d].superseded_by is None and subs[d].supersedes is None
        assert store.accepted(TW2)["BM"].file == "z-sama.xlsx"
        assert store.bidang_status(TW2) == {"BM": "diterima"}
        # open findings: the latest submission's (the rejected one)
        assert [f.cell for f in store.open_findings(TW2)] == ["J7"]
        info = store.submissions(TW2)
        assert [s.file for s in info if s.winner] == ["z-sama.xlsx"]
        assert len(info) == 4


def test_changed_values_counted_when_chained(workspace) -> None:
    changed = _data()
    changed.realisasi = {**changed.realisasi, "IK.01": [Decimal("61.2"), Decimal("99")]}
    changed.narasi = {}
    with Store.open(workspace) as store:
        a = _record(store, "BM.xlsx", 100)
        b = _record(store, "BM (revisi).xlsx", 200, data=changed)
        first, second = store.submission(a), store.submission(b)
        assert first.perubahan is None and store.perubahan(first) is None
        # 61.20 == 61.2; 98.5 -> 99; three narrative fields gone
        assert second.perubahan == 4 and store.perubahan(second) == 4
        # A link already counted keeps its count when the chain is made again.
        store.conn.execute("UPDATE submissions SET perubahan = 7 WHERE id = ?", (b,))
        store.resolve_versions("BM", "TW2")
        assert store.submission(b).perubahan == 7
        # A database from schema v2 has no count: it is made on demand, as before, and stored.
        store.conn.execute("UPDATE submissions SET perubahan = NULL WHERE id = ?", (b,))
        assert [s.id for s in store.uncounted()] == [b]
        assert store.perubahan(store.submission(b)) == 4
        assert store.submission(b).perubahan == 4 and store.uncounted() == []
        # A version slipped in between: the links change, and so do the counts.
        c = _record(store, "BM (sela).xlsx", 150)
        assert store.submission(c).supersedes == a and store.submission(c).perubahan == 0
        assert store.submission(b).supersedes == c and store.submission(b).perubahan == 4


def test_only_rejected_is_ditolak_and_tahunan_shares_tw4(workspace) -> None:
    with Store.open(workspace) as store:
        _record(store, "CK.xlsx", 100, bidang="CK", ok=False)
        _record(store, "BM-TW4.xlsx", 100, periode=Periode(4))
        assert store.bidang_status(TW2) == {"CK": "ditolak"}
        assert store.accepted(TW2) == {}
        assert set(store.accepted(TAHUNAN)) == {"BM"}


def test_prefill_takes_latest_earlier_quarter(workspace) -> None:
    d1 = _data(realisasi={"IK.01": [Decimal("1")]})
    d2 = _data(realisasi={"IK.01": [Decimal("1"), Decimal("2")]})
    with Store.open(workspace) as store:
        _record(store, "BM1.xlsx", 100, periode=Periode(1), data=d1)
        _record(store, "CK1.xlsx", 100, bidang="CK", periode=Periode(1))
        _record(store, "BM2.xlsx", 200, periode=Periode(2), data=d2)
        pre = store.prefill(Periode(3))
        assert pre["BM"].realisasi["IK.01"] == [Decimal("1"), Decimal("2")]
        assert pre["CK"].file == "CK1.xlsx"  # CK has no TW2: its TW1 values
        assert store.prefill(Periode(1)) == {}


def test_forms_outputs_and_blobs(workspace) -> None:
    with Store.open(workspace) as store:
        store.record_forms(TW2, [("BM", "2025-TW2-BM-abc", "2025-TW2-BM.xlsx")])
        assert store.forms(TW2)[0][1:4] == ("BM", "2025-TW2-BM-abc", "2025-TW2-BM.xlsx")
        assert store.forms(Periode(3)) == []
        store.record_output("draf", TW2, workspace.hasil / "DRAF.xlsx", "f" * 64)
        store.record_output("laporan-html", TW2, Path("/elsewhere/x.html"), "e" * 64)
        outs = store.outputs(periode=TW2)
        assert [o.kind for o in outs] == ["draf", "laporan-html"]
        assert outs[0].path == "hasil/DRAF.xlsx" and outs[1].path == "/elsewhere/x.html"
        assert store.outputs("draf", Periode(3)) == []
        assert store.blob_path("ab" * 32) == copy_path(workspace, "ab" * 32)


def test_content_store_is_write_once(workspace) -> None:
    data = b"PK\x03\x04 isi berkas"
    sha = sha256(data)
    path = keep_copy(workspace, sha, data)
    assert path == workspace.berkas / sha[:2] / f"{sha}.xlsx"
    mtime = path.stat().st_mtime_ns
    assert keep_copy(workspace, sha, data) == path and path.stat().st_mtime_ns == mtime
    assert read_copy(workspace, sha) == data
    path.write_bytes(b"rusak")  # a damaged copy is not returned as if it were the file
    assert read_copy(workspace, sha) is None
    assert read_copy(workspace, "0" * 64) is None


def test_findings_and_sightings(workspace) -> None:
    with Store.open(workspace) as store:
        sub = store.record(
            sha="c" * 64,
            name="x.csv",
            size=3,
            mtime_ns=5,
            kind="csv",
            bidang=None,
            periode=None,
            form_id=None,
            status="ditolak",
            findings=[
                Finding("file-csv", ERROR, "CSV", "x.csv"),
                Finding("macro-ignored", WARNING, "makro", "x.csv"),
            ],
            data=None,
            producer=None,
        )
        store.add_sighting("c" * 64, "x (1).csv", 5)
        store.add_sighting("c" * 64, "x (1).csv", 5)
        assert store.names("c" * 64) == ["x.csv", "x (1).csv"]
        assert [f.code for f in store.findings(sub)] == ["file-csv", "macro-ignored"]
        assert store.known("c" * 64).kind == "csv"
