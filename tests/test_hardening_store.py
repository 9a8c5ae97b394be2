"""Nothing is lost silently (issue 14; docs/reliability.md C3, C10, C12, C15).

A deleted or damaged content copy is restored by collect from the same bytes in masuk/;
archive never leaves a submission out while saying it is complete; an empty kinerja.db is
refused, and a first run that is interrupted never leaves one; `archive --verify` checks
every version against what the store recorded when it was written; the temp files of a
killed run never stay in hasil/ nor get frozen into an archive.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from support import collectkit
from support.collectkit import Kit

kit = collectkit.kit
tw2_template = collectkit.tw2_template
runner = CliRunner()


def run(kit: Kit, *args: str) -> Any:
    return runner.invoke(app, [*args, "-w", str(kit.ws.root)])


def copies(kit: Kit) -> list[Path]:
    return sorted(kit.ws.berkas.rglob("*.xlsx"))


def writable(folder: Path) -> None:
    """Undo the archive's read-only bits, as someone deleting or editing it would."""
    for p in [folder, *folder.rglob("*")]:
        os.chmod(p, stat.S_IRWXU if p.is_dir() else stat.S_IRUSR | stat.S_IWUSR)


@pytest.fixture
def collected(kit: Kit) -> Kit:
    kit.put_all(skip=("BM",))
    kit.put(kit.bm_salah())
    assert kit.collect().exit_code == 1
    return kit


# ---- content copies ----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_deleted_content_copy_is_restored_by_collect(collected: Kit) -> None:
    """Today the copy stayed missing (the bytes were known) and archive then silently left
    the submission out."""
    kit = collected
    before = {p.name: p.read_bytes() for p in copies(kit)}
    assert len(before) == len(kit.forms)
    for p in copies(kit)[:3]:
        p.unlink()
    shutil.rmtree(copies(kit)[-1].parent)  # a whole shard folder too
    again = kit.collect()
    assert again.dibaca == 0  # nothing parsed again
    assert {p.name: p.read_bytes() for p in copies(kit)} == before


@pytest.mark.slow
def test_a_damaged_copy_of_the_same_size_is_named_and_then_restored(collected: Kit) -> None:
    kit = collected
    victim = copies(kit)[0]
    data = bytearray(victim.read_bytes())
    data[100] ^= 0xFF
    victim.write_bytes(bytes(data))
    r = run(kit, "archive", "-t", "2")
    assert r.exit_code == 1, r.output
    assert "TIDAK LENGKAP" in r.stdout and "rusak" in r.stdout and victim.stem[:12] in r.stdout
    kit.collect()  # the same bytes are still in masuk/: copied again
    assert victim.is_file() and victim.read_bytes() != bytes(data)
    assert run(kit, "archive", "-t", "2").exit_code == 0


@pytest.mark.slow
def test_archive_names_a_submission_whose_copy_is_gone(collected: Kit) -> None:
    """Today archive left the submission out and still said it was complete."""
    kit = collected
    gone = kit.filled("SEK")
    (kit.ws.masuk / gone.name).unlink()  # the inbox was cleaned, then the copy lost
    with sqlite3.connect(kit.ws.db) as conn:
        sha = conn.execute("SELECT sha256 FROM submissions WHERE bidang = 'SEK'").fetchone()[0]
    next(p for p in copies(kit) if p.stem == sha).unlink()
    r = run(kit, "archive", "-t", "2")
    assert r.exit_code == 1, r.output
    assert "TIDAK LENGKAP: 1 kiriman" in r.stdout and gone.name in r.stdout
    assert "kinerja collect" in r.stdout
    (folder,) = (kit.ws.arsip / "2025" / "TW2").glob("v*")
    manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
    assert [h["sha256"] for h in manifest["tidak_lengkap"]] == [sha]
    kiriman = {p.parent.name for p in (folder / "kiriman").rglob("*.xlsx")}
    assert "SEK" not in kiriman and len(kiriman) == len(kit.forms) - 1
    v = run(kit, "archive", "--verify")
    assert v.exit_code == 0 and "tidak lengkap sejak dibuat" in v.stdout  # a note, not damage


# ---- the database file ---------------------------------------------------------------------------


@pytest.mark.slow
def test_an_empty_database_is_refused_not_taken_as_new(collected: Kit) -> None:
    """Today a 0-byte kinerja.db was taken as a new empty store without a word (compile said
    nothing was accepted; the version history was gone)."""
    kit = collected
    kit.ws.db.write_bytes(b"")
    for cmd in (["compile", "-t", "2"], ["collect"], ["report", "-t", "2"], ["status", "-t", "2"]):
        r = run(kit, *cmd)
        assert r.exit_code == 2, (cmd, r.output)
        assert "kosong (0 byte)" in r.stderr and "kinerja.db" in r.stderr, r.stderr
        assert "arsip" in r.stderr and "Galat internal" not in r.stderr
    assert kit.ws.db.stat().st_size == 0  # nothing written over it


def test_an_interrupted_first_run_leaves_no_empty_database(
    workspace: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database is built beside its name and moved into place whole: a first run killed
    while creating it leaves nothing a later run would refuse."""
    from kinerja_cli.store import db as dbmod
    from kinerja_cli.store import schema

    def interrupted(conn: Any, upto: int = schema.VERSION) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(dbmod, "migrate", interrupted)
    with pytest.raises(KeyboardInterrupt), dbmod.Store.open(workspace):
        pass
    assert not workspace.db.exists() or workspace.db.stat().st_size > 0
    monkeypatch.undo()
    with dbmod.Store.open(workspace) as store:
        assert store.submissions() == []
    assert not [p for p in workspace.internal.iterdir() if p.name.endswith(".baru")]


@pytest.mark.slow
def test_a_database_damaged_beyond_page_5_gets_its_own_message(collected: Kit) -> None:
    """Today: 'Galat internal (DatabaseError: database disk image is malformed)'."""
    kit = collected
    assert run(kit, "compile", "-t", "2").exit_code == 0
    with sqlite3.connect(kit.ws.db) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(kit.ws.db.read_bytes())
    assert len(data) > 8 * page
    for i in range(5 * page, len(data)):
        data[i] = (i * 7919) & 0xFF
    kit.ws.db.write_bytes(bytes(data))
    for cmd in (["compile", "-t", "2"], ["collect"], ["archive", "-t", "2"]):
        r = run(kit, *cmd)
        assert r.exit_code == 2, (cmd, r.output)
        assert "rusak" in r.stderr and "Galat internal" not in r.stderr, r.stderr
        assert "arsip/TAHUN/PERIODE/vN/kinerja.db" in r.stderr


# ---- archive --verify against the store ------------------------------------------------------------


@pytest.fixture
def archived(collected: Kit) -> Kit:
    kit = collected
    assert run(kit, "compile", "-t", "2").exit_code == 0
    for i in range(2):
        if i:  # archiving closes the periode: a second version needs a reopening
            r = run(kit, "archive", "-t", "2", "--buka", "--alasan", "uji versi kedua")
            assert r.exit_code == 0, r.output
        r = run(kit, "archive", "-t", "2")
        assert r.exit_code == 0, r.output
    assert run(kit, "archive", "--verify").exit_code == 0
    return kit


def _tw2(kit: Kit) -> Path:
    return kit.ws.arsip / "2025" / "TW2"


def _verify(kit: Kit) -> Any:
    r = run(kit, "archive", "--verify")
    assert "Galat internal" not in r.output and "Traceback" not in r.output
    return r


@pytest.mark.slow
def test_verify_detects_a_deleted_version(archived: Kit) -> None:
    kit = archived
    writable(_tw2(kit))
    shutil.rmtree(_tw2(kit) / "v2")
    r = _verify(kit)
    assert r.exit_code == 1 and "arsip/2025/TW2/v2: versi arsip hilang" in r.stdout


@pytest.mark.slow
def test_verify_detects_that_every_version_was_deleted(archived: Kit) -> None:
    kit = archived
    writable(kit.ws.arsip)
    shutil.rmtree(kit.ws.arsip)
    r = _verify(kit)
    assert r.exit_code == 1
    assert "TW2/v1: versi arsip hilang" in r.stdout and "TW2/v2: versi arsip hilang" in r.stdout


@pytest.mark.slow
def test_verify_detects_a_file_rewritten_with_its_manifest_entry(archived: Kit) -> None:
    import hashlib

    kit = archived
    v1 = _tw2(kit) / "v1"
    writable(v1)
    (v1 / "pk.xlsx").write_bytes(b"PK yang diganti")
    mf = json.loads((v1 / "MANIFEST.json").read_text(encoding="utf-8"))
    for e in mf["berkas"]:
        if e["path"] == "pk.xlsx":
            e["sha256"] = hashlib.sha256(b"PK yang diganti").hexdigest()
            e["ukuran"] = 15
    (v1 / "MANIFEST.json").write_text(json.dumps(mf, indent=2), encoding="utf-8")
    r = _verify(kit)
    assert r.exit_code == 1 and "v1/MANIFEST.json: manifest berubah" in r.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    "manifest, expected",
    [
        ("[]", "manifest tidak sah"),
        ('{"berkas": [{"sha256": "' + "0" * 64 + '"}]}', "entri berkas ke-1 tidak sah"),
        ('{"berkas": [{"path": "../../kinerja.toml", "sha256": "' + "0" * 64 + '"}]}', "ke-1"),
        ('{"berkas": "semua"}', "manifest tidak sah"),
        ("{ini bukan json", "manifest rusak"),
    ],
    ids=["list", "no-path", "outside", "not-a-list", "not-json"],
)
def test_a_malformed_manifest_is_a_problem_not_an_internal_error(
    archived: Kit, manifest: str, expected: str
) -> None:
    kit = archived
    v1 = _tw2(kit) / "v1"
    writable(v1)
    (v1 / "MANIFEST.json").write_text(manifest, encoding="utf-8")
    r = _verify(kit)
    assert r.exit_code == 1 and expected in r.stdout, r.output
    assert "manifest berubah" in r.stdout  # and it is not the manifest kinerja wrote


@pytest.mark.slow
def test_verify_names_a_version_kinerja_never_wrote(archived: Kit) -> None:
    kit = archived
    writable(_tw2(kit))
    shutil.copytree(_tw2(kit) / "v2", _tw2(kit) / "v3")
    r = _verify(kit)
    assert r.exit_code == 1 and "v3: versi arsip ini tidak tercatat" in r.stdout
    assert "v1:" not in r.stdout and "v2:" not in r.stdout


# ---- temp files of a killed run ------------------------------------------------------------------


@pytest.mark.slow
def test_temp_files_of_a_killed_run_are_removed_and_never_archived(collected: Kit) -> None:
    """Today they stayed in hasil/ forever, and one in hasil/umpan-balik/ was frozen into the
    next archive."""
    kit = collected
    stale = [
        kit.ws.hasil / ".~kinerja-a1b2c3.tmp",
        kit.ws.umpan_balik / ".~kinerja-d4e5f6.tmp",
        kit.ws.formulir / ".~kinerja-0000.tmp",
    ]
    for p in stale:
        p.write_bytes(b"setengah ditulis")
    keep = kit.ws.hasil / "catatan-saya.tmp"  # not kinerja's: left alone
    keep.write_text("punya pengguna")
    r = run(kit, "archive", "-t", "2")
    assert r.exit_code == 0, r.output
    assert not any(p.exists() for p in stale) and keep.exists()
    (folder,) = _tw2(kit).glob("v*")
    names = {p.name for p in folder.rglob("*")}
    assert not [n for n in names if n.startswith(".~kinerja-")]
    assert {p.name for p in (folder / "umpan-balik").iterdir()} == {
        p.name for p in kit.ws.umpan_balik.iterdir()
    }


@pytest.mark.slow
def test_archive_without_pk_is_a_clear_message(collected: Kit) -> None:
    kit = collected
    kit.ws.pk.unlink()
    r = run(kit, "archive", "-t", "2")
    assert r.exit_code == 2 and "pk.xlsx" in r.stderr and "Galat internal" not in r.stderr
    assert not kit.ws.arsip.exists() or not list(kit.ws.arsip.rglob("*.xlsx"))
