"""CLI: collect and status, their JSON and exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from support.collectkit import T0, Kit, stub_read

runner = CliRunner()
FINDING_KEYS = {"code", "severity", "sheet", "cell", "kode", "message"}
FILE_KEYS = {"file", "sha256", "bidang", "periode", "status", "findings"}


@pytest.fixture(autouse=True)
def _reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real reader once io/form_reader.py exists; the test stand-in until then."""
    try:
        import kinerja_cli.io.form.reader  # noqa: F401
    except ImportError:
        import kinerja_cli.services.collect as mod

        monkeypatch.setattr(mod, "default_reader", lambda: stub_read)


def _collect(kit: Kit, *args: str):
    return runner.invoke(app, ["collect", "-w", str(kit.ws.root), *args])


@pytest.mark.slow
def test_json_schema_and_exit_1(kit: Kit) -> None:
    kit.put_all(skip=("BM",))
    kit.put(kit.bm_salah())
    kit.put_bytes("Thumbs.db", b"x")
    r = _collect(kit, "--json")
    assert r.exit_code == 1, r.output
    doc = json.loads(r.stdout)
    assert {"files", "bidang"} <= set(doc)
    for f in doc["files"]:
        assert FILE_KEYS <= set(f)
        assert f["status"] in {"diterima", "ditolak", "duplikat", "diabaikan"}
        for x in f["findings"]:
            assert set(x) == FINDING_KEYS and x["severity"] in {"error", "warning"}
    bm = next(f for f in doc["files"] if f["bidang"] == "BM")
    assert bm["status"] == "ditolak" and bm["periode"] == "TW2" and len(bm["sha256"]) == 64
    assert "J7" in {x["cell"] for x in bm["findings"]}
    assert bm["umpan_balik"] == "hasil/umpan-balik/2025-TW2-BM-Bina-Marga-PERBAIKI.xlsx"
    assert {b["kode"]: b["status"] for b in doc["bidang"]}["BM"] == "ditolak"
    assert all({"kode", "status"} <= set(b) for b in doc["bidang"])
    assert {f["file"]: f["status"] for f in doc["files"]}["Thumbs.db"] == "diabaikan"


def test_all_accepted_exit_0_and_table(kit: Kit) -> None:
    kit.put_all()
    kit.put_bytes("~$2025-TW2-BM-Bina-Marga.xlsx", b"\x04Staf")
    r = _collect(kit)
    assert r.exit_code == 0, r.output
    assert "DITERIMA" in r.stdout and "diabaikan" in r.stdout and "Status per bidang" in r.stdout
    again = _collect(kit, "--json")
    assert again.exit_code == 0 and json.loads(again.stdout)["bidang"][0]["status"] == "diterima"


def test_findings_one_per_line(kit: Kit) -> None:
    kit.put(kit.bm_salah())
    r = _collect(kit)
    assert r.exit_code == 1
    line = next(ln for ln in r.stdout.splitlines() if "Kinerja!J7" in ln)
    assert line.strip().startswith("Kinerja!J7 (IK.10) realisasi-bukan-angka:")
    assert "umpan-balik/2025-TW2-BM-Bina-Marga-PERBAIKI.xlsx" in r.stdout
    assert "Traceback" not in r.output


def test_cannot_run_exit_2(kit: Kit, tmp_path) -> None:
    r = runner.invoke(app, ["collect", "-w", str(tmp_path)])
    assert r.exit_code == 2 and "bukan ruang kerja" in r.stderr
    r = _collect(kit, str(tmp_path / "tidak-ada"))
    assert r.exit_code == 2
    r = _collect(kit, "--triwulan", "7")
    assert r.exit_code == 2


@pytest.mark.slow
def test_second_collect_while_locked_exit_2(kit: Kit) -> None:
    from kinerja_cli.store.lock import workspace_lock

    kit.put_all()
    with workspace_lock(kit.ws, "kinerja collect"):
        r = _collect(kit)
    assert r.exit_code == 2
    assert "sedang dipakai" in r.stderr and "kinerja.lock" in r.stderr
    assert not list(kit.ws.umpan_balik.glob("*")) if kit.ws.umpan_balik.exists() else True
    assert _collect(kit).exit_code == 0


def test_triwulan_option_and_other_inbox(kit: Kit, tmp_path) -> None:
    other = tmp_path / "lampiran"
    other.mkdir()
    (other / "SEK.xlsx").write_bytes(kit.filled("SEK").read_bytes())
    r = _collect(kit, str(other), "--triwulan", "II", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["periode"] == ["TW2"] and doc["files"][0]["status"] == "diterima"
    # One inbox for the year (docs/contract.md §12): a form of another periode is listed and
    # left alone — no feedback, not rejected, no effect on the exit code.
    r = _collect(kit, str(other), "-t", "3", "--json")
    assert r.exit_code == 0, r.output
    got = json.loads(r.stdout)["files"][0]
    assert (got["status"], got["findings"], got["umpan_balik"]) == ("periode-lain", [], None)


def test_status_json_and_table(kit: Kit) -> None:
    kit.put(kit.filled("SEK"))
    assert _collect(kit).exit_code == 0
    r = runner.invoke(app, ["status", "-w", str(kit.ws.root), "-t", "2", "--json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["periode"] == "TW2"
    sek = next(b for b in doc["bidang"] if b["kode"] == "SEK")
    assert sek["status"] == "diterima" and sek["file"] == kit.filled("SEK").name
    assert [s["langkah"] for s in doc["jadwal"]] == list(range(3, 12))
    assert doc["jadwal"][1]["batas"] == "2025-07-10"
    r = runner.invoke(app, ["status", "-w", str(kit.ws.root), "-t", "2"])
    assert r.exit_code == 0 and "Jadwal SOP Triwulan II" in r.stdout and "10 Juli 2025" in r.stdout


def test_help_is_indonesian_with_an_example() -> None:
    for cmd in ("collect", "status"):
        r = runner.invoke(app, [cmd, "--help"])
        assert r.exit_code == 0 and "Contoh: kinerja " + cmd in r.stdout


def test_a_rerun_shows_only_new_or_open_findings(kit: Kit) -> None:
    kit.put(kit.bm_salah())  # rejected, still open
    kit.put_all(skip=("BM",))
    first = _collect(kit)
    assert "2025-TW2-BM" in first.stdout and "realisasi-bukan-angka" in first.stdout
    # BM sends a correct version: the old rejected file is settled (terselesaikan).
    kit.refill("BM", "BM-perbaikan.xlsx", T0 + 7200)
    second = _collect(kit)
    assert second.exit_code == 0
    assert "realisasi-bukan-angka" not in second.stdout  # the settled file's findings
    assert "kinerja collect --semua" in second.stdout
    third = _collect(kit, "--semua")
    assert "realisasi-bukan-angka" in third.stdout


def test_a_large_unchanged_inbox_lists_only_what_needs_attention(
    kit: Kit, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kinerja_cli.cli.cmd_collect as cmd

    monkeypatch.setattr(cmd, "MAX_ROWS", 3)  # the example PK has 9 bidang
    kit.put_all(skip=("BM",))
    kit.put(kit.bm_salah())
    first = _collect(kit)
    assert "berkas lain yang tidak berubah" not in first.stdout  # all read in this run
    again = _collect(kit)
    # the rejected BM file is still open: listed; the 8 accepted, unchanged files are counted
    assert "2025-TW2-BM" in again.stdout
    assert "... dan 8 berkas lain yang tidak berubah" in again.stdout
    assert "2025-TW2-SEK" not in again.stdout.split("Status per bidang")[0]
    every = _collect(kit, "--semua")
    assert "2025-TW2-SEK" in every.stdout.split("Status per bidang")[0]
    # more bidang than MAX_ROWS: the status table keeps the one still to act on (BM)
    per_bidang = again.stdout.split("Status per bidang")[1]
    assert "BM" in per_bidang and "SEK" not in per_bidang
    assert "... dan 8 bidang lain sudah diterima" in per_bidang
    assert "SEK" in every.stdout.split("Status per bidang")[1]
    # nothing new and nothing open: no empty table, only the count
    kit.refill("BM", "BM-perbaikan.xlsx", T0 + 7200)
    _collect(kit)
    settled = _collect(kit).stdout
    assert "┏" not in settled.split("Status per bidang")[0]
    assert "10 berkas yang tidak berubah" in settled and "9 bidang sudah diterima" in settled
