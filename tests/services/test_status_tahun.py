"""`kinerja status` without --triwulan: the year at a glance, one row per periode."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json

import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.services.archive import archive, reopen
from kinerja_cli.services.compile import compile_draft
from kinerja_cli.services.status import status
from kinerja_cli.services.status_tahun import status_tahun
from kinerja_cli.store import pk_versions
from kinerja_cli.store.berkas import keep_copy, pk_folder
from kinerja_cli.store.db import Store
from support.collectkit import Kit

TW2 = Periode(2)
runner = CliRunner()
LATE = dt.datetime(2025, 7, 25, 10, 0).timestamp()  # after the TW2 return deadline (10 Juli)


def _row(res, kode: str):
    return next(p for p in res.periode if p.periode.kode == kode)


def test_every_periode_counted_from_the_records(kit: Kit) -> None:
    kit.put_all(skip=("SEK", "BM", "CK"))
    kit.put(kit.bm_salah())  # rejected
    kit.put(kit.filled("CK"), mtime=LATE)  # accepted, late
    kit.collect()
    assert compile_draft(kit.ws, TW2).path is not None
    archive(kit.ws, TW2, ["kinerja", "archive", "-t", "2"])
    res = status_tahun(kit.ws, today=dt.date(2025, 8, 1))
    assert [p.periode.kode for p in res.periode] == ["TW1", "TW2", "TW3", "TW4", "tahunan"]
    n = len(kit.forms)
    tw2 = _row(res, "TW2")
    assert (tw2.bidang, tw2.formulir, tw2.kembali) == (n, n, n - 1)
    assert (tw2.diterima, tw2.terlambat, tw2.ditolak, tw2.belum) == (n - 2, 1, 1, 1)
    assert tw2.draf is not None and tw2.laporan is None
    assert (tw2.arsip.status, tw2.arsip.versi, tw2.tahap) == ("ditutup", 1, "diarsipkan")
    assert tw2.batas == dt.date(2025, 7, 10)
    # It agrees with `status --triwulan 2`, bidang by bidang.
    detail = status(kit.ws, TW2, today=dt.date(2025, 8, 1))
    assert tw2.terlambat == sum(b.terlambat for b in detail.bidang)
    assert tw2.ditolak == sum(b.status == "ditolak" for b in detail.bidang)
    # The other periodes: nothing happened yet.
    for kode in ("TW1", "TW3", "TW4", "tahunan"):
        p = _row(res, kode)
        assert (p.formulir, p.kembali, p.draf, p.arsip.status, p.tahap) == (
            0,
            0,
            None,
            "belum",
            "belum",
        )
        assert p.belum == n
    # Reopened: the reason is shown, the stage is no longer "archived".
    reopen(kit.ws, TW2, "koreksi IK.05")
    tw2 = _row(status_tahun(kit.ws), "TW2")
    assert (tw2.arsip.status, tw2.arsip.alasan, tw2.arsip.versi) == (
        "dibuka-kembali",
        "koreksi IK.05",
        1,
    )
    assert tw2.tahap == "kompilasi"


def test_tw4_data_closed_by_the_annual_archive(kit: Kit) -> None:
    archive(kit.ws, TAHUNAN, ["kinerja", "archive"])
    res = status_tahun(kit.ws)
    assert _row(res, "tahunan").arsip.status == "ditutup"
    tw4 = _row(res, "TW4").arsip
    assert (tw4.status, tw4.data_ditutup_oleh) == ("belum", "tahunan")


def _revise(kit: Kit, dari_tw: int) -> None:
    """Record a PK Perubahan in force from `dari_tw` (one target changed), as revisi-pk does."""
    from openpyxl import load_workbook

    wb = load_workbook(kit.ws.pk)
    ws = wb["Indikator"]
    heads = {c.value: c for row in ws.iter_rows(max_row=10) for c in row if c.value}
    for h in ("Target", "Target TW IV"):  # the annual target and TW IV's stay equal
        ws.cell(heads[h].row + 1, heads[h].column).value = 99
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    with Store.open(kit.ws) as store:
        keep_copy(kit.ws, sha, data, pk_folder(kit.ws))
        pk_versions.record(store, sha, dari_tw, "pk-perubahan.xlsx", "refocusing anggaran")
    kit.ws.pk.write_bytes(data)


def test_the_pk_version_in_force_per_periode(kit: Kit) -> None:
    _revise(kit, 3)
    res = status_tahun(kit.ws)
    assert res.pk_galat is None, res.pk_galat
    got = {p.periode.kode: (p.pk.versi, p.pk.dari_tw) for p in res.periode if p.pk}
    assert got == {"TW1": (1, 1), "TW2": (1, 1), "TW3": (2, 3), "TW4": (2, 3), "tahunan": (2, 3)}
    assert [v.versi for v in res.versi_pk] == [1, 2]
    assert res.versi_pk[1].alasan == "refocusing anggaran" and res.pk_dikunci
    doc = res.to_json()
    assert doc["periode"][2]["pk"]["versi"] == 2
    assert doc["pk"]["versi"][1]["alasan"] == "refocusing anggaran"


@pytest.mark.slow
def test_cli_year_table_and_json(kit: Kit) -> None:
    kit.put_all()
    kit.collect()
    _revise(kit, 3)
    r = runner.invoke(app, ["status", "-w", str(kit.ws.root)], terminal_width=80)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "ringkasan per periode" in out
    for word in ("TW I", "TW II", "TW III", "TW IV", "Tahunan", "PK berlaku", "Ditolak"):
        assert word.casefold() in out.casefold(), word
    assert "PK versi 2 (PK Perubahan): berlaku sejak TW III" in out
    assert "alasan: refocusing anggaran" in out
    assert "…" not in out  # nothing cut off on an 80-column console
    r = runner.invoke(app, ["status", "-w", str(kit.ws.root), "--json"])
    doc = json.loads(r.stdout)
    assert set(doc) == {"tahun", "hari_ini", "periode", "pk"}
    tw2 = doc["periode"][1]
    assert set(tw2) == {
        "periode",
        "label",
        "tahap",
        "formulir",
        "bidang",
        "kompilasi",
        "koreksi",
        "laporan",
        "arsip",
        "pk",
    }
    assert tw2["bidang"]["diterima"] == len(kit.forms) and tw2["tahap"] == "pengumpulan"
    # --triwulan K is still the detail of one periode.
    r = runner.invoke(app, ["status", "-w", str(kit.ws.root), "-t", "2", "--json"])
    assert json.loads(r.stdout)["periode"] == "TW2"
    r = runner.invoke(app, ["status", "-w", str(kit.ws.root), "-t", "tahunan", "--json"])
    assert json.loads(r.stdout)["periode"] == "tahunan"


def test_before_anything_was_done(workspace) -> None:
    res = status_tahun(workspace, today=dt.date(2025, 3, 1))
    assert {p.tahap for p in res.periode} == {"belum"}
    assert all(p.pk is not None and p.pk.versi == 1 for p in res.periode)
    assert not workspace.db.exists()


def test_a_pk_with_errors_still_shows_the_year(kit: Kit) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(kit.ws.pk)
    ws = wb["Indikator"]
    heads = {c.value: c for row in ws.iter_rows(max_row=10) for c in row if c.value}
    ws.cell(heads["Target"].row + 1, heads["Target"].column).value = "banyak"
    wb.save(kit.ws.pk)
    res = status_tahun(kit.ws)
    assert res.pk_galat and "PK masih bermasalah" in res.pk_galat
    assert all(p.pk is None for p in res.periode) and len(res.periode) == 5
    r = runner.invoke(app, ["status", "-w", str(kit.ws.root)])
    assert r.exit_code == 0 and "PK: PK masih bermasalah" in r.stdout
