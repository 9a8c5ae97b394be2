"""Resubmissions, feedback workbooks, and the mixed inbox of docs/reliability.md E."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from kinerja_cli.domain.models import DataBidang, Narasi
from kinerja_cli.io.form.feedback import DAFTAR, RED
from kinerja_cli.store.db import Store
from support.collectkit import T0, TW2, Kit, snapshot

HOUR = 3600


def _changed(d: DataBidang) -> DataBidang:
    """BM's values with two realisations, one narrative and one budget value changed."""
    new = DataBidang(
        bidang=d.bidang,
        realisasi={k: list(v) for k, v in d.realisasi.items()},
        narasi=dict(d.narasi),
        anggaran={k: list(v) for k, v in d.anggaran.items()},
    )
    new.realisasi["IK.10"][1] = Decimal("64.75")
    new.realisasi["IK.12"][0] = Decimal("2.5")
    old = new.narasi["IK.11"]
    new.narasi["IK.11"] = Narasi(
        old.pendorong, "Hujan deras sepanjang Juni.", old.tindak_lanjut, old.bukti
    )
    leaf = next(iter(new.anggaran))
    new.anggaran[leaf][1] = Decimal("1000")
    return new


def test_rejected_form_gets_a_marked_up_copy(kit: Kit) -> None:
    from openpyxl import load_workbook

    kit.put(kit.bm_salah())
    res = kit.collect()
    f = res.files[0]
    assert f.status == "ditolak" and res.exit_code == 1
    cells = {(x.code, x.cell) for x in f.findings}
    assert {
        ("realisasi-bukan-angka", "J7"),
        ("target-diubah", "G8"),
        ("realisasi-kosong", "K9"),
    } <= cells
    assert f.umpan_balik == kit.ws.umpan_balik / "2025-TW2-BM-Bina-Marga-PERBAIKI.xlsx"
    wb = load_workbook(io.BytesIO(f.umpan_balik.read_bytes()))
    assert wb.sheetnames[0] == DAFTAR and wb.active.title == DAFTAR
    ws = wb["Kinerja"]
    for cell in ("J7", "G8", "K9"):
        assert ws[cell].comment is not None and "kinerja" == ws[cell].comment.author
        assert ws[cell].fill.fgColor.rgb.endswith(RED)
    assert "realisasi-bukan-angka" in ws["J7"].comment.text and "98.5x" in ws["J7"].comment.text
    assert ws.protection.sheet is True  # still protected; inputs stay unlocked
    assert ws["K9"].protection.locked is False
    assert wb["_kinerja"].sheet_state == "veryHidden"
    daftar = wb[DAFTAR]
    rows = [r for r in daftar.iter_rows(min_row=7, values_only=True) if r[0]]
    assert len(rows) == len(f.findings)
    assert ("Kinerja", "J7", "IK.10") == rows[0][1:4] or ("Kinerja", "J7", "IK.10") in [
        r[1:4] for r in rows
    ]
    assert daftar.cell(7, 3).hyperlink is not None
    # A re-run keeps the same feedback file instead of rebuilding it.
    mtime = f.umpan_balik.stat().st_mtime_ns
    assert kit.collect().files[0].umpan_balik == f.umpan_balik
    assert f.umpan_balik.stat().st_mtime_ns == mtime


def test_corrected_resubmission_supersedes(kit: Kit) -> None:
    kit.put_all(skip=("BM",))
    kit.put(kit.bm_salah(), "BM.xlsx", mtime=T0)
    assert kit.collect().exit_code == 1
    kit.refill("BM", "BM (revisi).xlsx", T0 + HOUR)
    res = kit.collect()
    by = {f.file: f for f in res.files}
    assert by["BM (revisi).xlsx"].status == "diterima"
    old = by["BM.xlsx"]
    assert old.status == "ditolak" and old.terselesaikan and old.umpan_balik is None
    assert "BM (revisi).xlsx" in old.catatan[0]
    assert res.exit_code == 0  # the rejected version is resolved by the accepted one
    assert {b.kode: b.status for b in res.bidang}["BM"] == "diterima"

    # A second valid version: it wins and counts what changed.
    kit.refill("BM", "BM (revisi 2).xlsx", T0 + 2 * HOUR, data=_changed(kit.data["BM"]))
    res = kit.collect()
    by = {f.file: f for f in res.files}
    newest = by["BM (revisi 2).xlsx"]
    assert newest.menggantikan == "BM (revisi).xlsx" and newest.perubahan == 4
    assert by["BM (revisi).xlsx"].digantikan_oleh == "BM (revisi 2).xlsx"
    with Store.open(kit.ws) as store:
        assert store.accepted(TW2)["BM"].file == "BM (revisi 2).xlsx"
        assert len(store.versions("BM", "TW2")) == 3  # every version kept


def test_change_count_is_stored_and_filled_for_old_databases(kit: Kit) -> None:
    kit.refill("BM", "BM.xlsx", T0)
    kit.refill("BM", "BM (revisi).xlsx", T0 + HOUR, data=_changed(kit.data["BM"]))
    first = kit.collect()
    newest = {f.file: f for f in first.files}["BM (revisi).xlsx"]
    assert newest.perubahan == 4
    with Store.open(kit.ws) as store:
        assert store.uncounted() == []
        # As a database migrated from schema v2 would be: no count yet.
        store.conn.execute("UPDATE submissions SET perubahan = NULL")
    again = kit.collect()
    assert [f.to_json() for f in again.files] == [f.to_json() for f in first.files]
    with Store.open(kit.ws) as store:
        assert store.uncounted() == []
        assert store.known(newest.sha256).perubahan == 4


def test_unchanged_inbox_does_not_build_the_pk(kit: Kit, monkeypatch: pytest.MonkeyPatch) -> None:
    from kinerja_cli.io.pk import cache as pk_cache

    kit.refill("BM", "BM.xlsx", T0)
    first = kit.collect()
    built = []
    real = pk_cache.decode
    monkeypatch.setattr(pk_cache, "decode", lambda data: built.append(1) or real(data))
    again = kit.collect()
    assert built == []  # only the bidang, from the cache
    assert again.to_json() == first.to_json()
    kit.refill("BM", "BM (revisi).xlsx", T0 + HOUR, data=_changed(kit.data["BM"]))
    res = kit.collect()
    assert built == [1]  # a new file: the whole PK, once
    assert {f.file: f.status for f in res.files}["BM (revisi).xlsx"] == "diterima"


def test_invalid_newer_version_does_not_replace(kit: Kit) -> None:
    kit.refill("BM", "BM.xlsx", T0)
    kit.put(kit.bm_salah(), "BM terbaru.xlsx", mtime=T0 + HOUR)
    res = kit.collect()
    by = {f.file: f for f in res.files}
    newer = by["BM terbaru.xlsx"]
    assert newer.status == "ditolak" and not newer.terselesaikan
    assert newer.catatan[0].startswith(
        "versi terbaru ditolak; versi sebelumnya yang dipakai (BM.xlsx"
    )
    assert by["BM.xlsx"].status == "diterima" and by["BM.xlsx"].digantikan_oleh is None
    assert res.exit_code == 1
    with Store.open(kit.ws) as store:
        assert store.accepted(TW2)["BM"].file == "BM.xlsx"


@pytest.mark.parametrize(
    "names, winner",
    [
        (("b.xlsx", "a.xlsx"), "a.xlsx"),  # a.xlsx has the later mtime
        (("a.xlsx", "b.xlsx"), "b.xlsx"),
    ],
)
def test_order_is_mtime_then_name(kit: Kit, names: tuple[str, str], winner: str) -> None:
    kit.refill("BM", names[0], T0)
    kit.refill("BM", names[1], T0 + HOUR, data=_changed(kit.data["BM"]))
    res = kit.collect()
    assert {f.file: f.digantikan_oleh for f in res.files}[names[0]] == names[1]
    with Store.open(kit.ws) as store:
        assert store.accepted(TW2)["BM"].file == winner


def test_same_mtime_the_later_name_wins(kit: Kit) -> None:
    kit.refill("BM", "BM-2.xlsx", T0, data=_changed(kit.data["BM"]))
    kit.refill("BM", "BM-1.xlsx", T0)
    kit.collect()
    with Store.open(kit.ws) as store:
        assert store.accepted(TW2)["BM"].file == "BM-2.xlsx"


def test_older_file_arriving_later_does_not_win(kit: Kit) -> None:
    kit.refill("BM", "BM baru.xlsx", T0 + HOUR)
    kit.collect()
    kit.refill("BM", "BM lama.xlsx", T0, data=_changed(kit.data["BM"]))
    res = kit.collect()
    assert {f.file: f.digantikan_oleh for f in res.files}["BM lama.xlsx"] == "BM baru.xlsx"
    with Store.open(kit.ws) as store:
        assert store.accepted(TW2)["BM"].file == "BM baru.xlsx"


CORPUS = (
    "case_empty",
    "case_csv",
    "case_html",
    "case_xls",
    "case_encrypted",
    "case_ods",
    "case_xlsb",
    "case_truncated",
    "case_corrupt_deflate",
    "case_missing_content_types",
    "case_duplicate_entry",
    "case_billion_laughs",
    "case_xxe",
    "case_dimension_bomb",
    "case_declared_size_lie",
    "case_shared_strings_lie",
    "case_many_entries",
)


def test_mixed_inbox(kit: Kit) -> None:
    from support import corpus

    kit.put_all(skip=("BM",))
    kit.put(kit.bm_salah(), "2025-TW2-BM-Bina-Marga.xlsx", mtime=T0)
    kit.refill("BM", "2025-TW2-BM-Bina-Marga (perbaikan).xlsx", T0 + HOUR)
    for name in CORPUS:
        kit.put_bytes(f"{name}.xlsx", getattr(corpus, name)())
    for name, data in corpus.junk_files().items():
        kit.put_bytes(name, data)
    before = snapshot(kit.ws.masuk)
    res = kit.collect()
    assert snapshot(kit.ws.masuk) == before
    by = {f.file: f for f in res.files}
    for name in CORPUS:
        f = by[f"{name}.xlsx"]
        assert f.status == "ditolak" and f.errors >= 1, name
        assert f.umpan_balik is not None and f.umpan_balik.exists(), name
    for name in corpus.junk_files():
        assert by[name].status == "diabaikan"
    for b in kit.forms:
        if b != "BM":
            assert by[kit.filled(b).name].status == "diterima"
    fixed = by["2025-TW2-BM-Bina-Marga (perbaikan).xlsx"]
    wrong = by["2025-TW2-BM-Bina-Marga.xlsx"]
    assert fixed.status == "diterima" and wrong.terselesaikan
    assert {"J7", "G8", "K9"} <= {x.cell for x in wrong.findings}
    assert res.exit_code == 1
    assert {b.status for b in res.bidang} == {"diterima"}


def test_feedback_copy_fixed_and_resent_is_accepted(kit: Kit) -> None:
    """The correction loop: the bidang fixes the marked cells in the -PERBAIKI copy and sends it."""
    from openpyxl import load_workbook

    kit.put(kit.bm_salah(), mtime=T0)
    fb = kit.collect().files[0].umpan_balik
    wb = load_workbook(fb)
    ws = wb["Kinerja"]
    good = kit.data["BM"].realisasi
    ws["J7"] = float(good["IK.10"][0])
    ws["G8"] = load_workbook(kit.forms["BM"])["Kinerja"]["G8"].value
    ws["K9"] = float(good["IK.12"][1])
    resent = kit.ws.masuk / fb.name
    wb.save(resent)
    import os

    os.utime(resent, (T0 + HOUR, T0 + HOUR))
    res = kit.collect()
    by = {f.file: f for f in res.files}
    assert by[fb.name].status == "diterima", [x.line() for x in by[fb.name].findings]
    assert res.exit_code == 0


def test_only_small_workbooks_are_marked_up() -> None:
    from kinerja_cli.io.form.feedback import fits_openpyxl
    from support import corpus

    assert fits_openpyxl(corpus.make_base_xlsx())
    assert not fits_openpyxl(corpus.case_whitespace_bomb(mib=5))
    assert not fits_openpyxl(b"not a zip")
