"""Commands that ignored the lock, and faults that had no message of their own (issue 14;
docs/reliability.md C6, C10, C11, C14).

Every command that writes the store takes the workspace lock, and records before it replaces
a file, so a crash or a busy database never leaves an unrecorded output (which the next run
would keep as "edited" and write -v2 beside). A killed `collect --jobs 2` leaves no worker
behind. A read-only file system, a full disk during collect, and a console that cannot encode
a character each get one clear line and the README's exit code, never "Galat internal".
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.errors import KinerjaError
from support import collectkit
from support.collectkit import T0, Kit

kit = collectkit.kit
tw2_template = collectkit.tw2_template
runner = CliRunner()
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc, mounts")


def run(kit: Kit, *args: str) -> Any:
    return runner.invoke(app, [*args, "-w", str(kit.ws.root)])


def one_clear_line(r: Any, code: int = 2) -> str:
    assert r.exit_code == code, r.output
    assert "Galat internal" not in r.output and "Traceback" not in r.output, r.output
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Galat: "), r.stderr
    return lines[0]


@pytest.fixture
def accepted(kit: Kit) -> Kit:
    kit.put_all()
    assert kit.collect().exit_code == 0
    return kit


# ---- the order of record and write ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("command", ["compile", "report"])
def test_a_failed_record_never_leaves_an_unrecorded_output(
    accepted: Kit, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """The database refuses the record ("database is locked", a full disk): nothing is
    written, so the next run writes the same file, not a -v2 beside a file it does not know."""
    from kinerja_cli.store.db import Store

    kit = accepted
    args = [command, "-t", "2"] + (["-f", "html"] if command == "report" else [])
    real = Store.record_output

    def locked(self: Store, *a: Any, **k: Any) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Store, "record_output", locked)
    r = run(kit, *args)
    assert r.exit_code == 2 and "Galat internal" not in r.output, r.output
    assert "sedang dipakai" in r.stderr
    assert [p for p in kit.ws.hasil.iterdir() if p.is_file()] == []
    monkeypatch.setattr(Store, "record_output", real)
    r = run(kit, *args)
    assert r.exit_code == 0, r.output
    written = sorted(p.name for p in kit.ws.hasil.iterdir() if p.is_file())
    assert len(written) == 1 and "-v2" not in written[0]


@pytest.mark.slow
@pytest.mark.parametrize("command", ["compile"])  # report shares write_recorded
def test_a_crash_between_record_and_replace_is_not_an_edited_file(
    accepted: Kit, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """kill -9 after the record, before the new file replaced the old one: the old file was
    recorded by an earlier run, so it is overwritten next time (no -v2)."""
    from kinerja_cli.io import atomic
    from kinerja_cli.store.db import Store

    kit = accepted
    args = [command, "-t", "2"] + (["-f", "html"] if command == "report" else [])
    assert run(kit, *args).exit_code == 0
    (first,) = [p for p in kit.ws.hasil.iterdir() if p.is_file()]
    before = first.read_bytes()

    class Killed(BaseException):
        """kill -9: nothing of ours runs afterwards."""

    def killed(src: Any, dst: Any) -> None:
        raise Killed

    monkeypatch.setattr(atomic.os, "replace", killed)
    monkeypatch.setattr(Store, "forget_output", lambda *a, **k: None, raising=False)
    args_dated = [*args, "--tanggal", "2025-07-21"] if command == "report" else args
    with pytest.raises(Killed):
        runner.invoke(app, [*args_dated, "-w", str(kit.ws.root)], catch_exceptions=False)
    monkeypatch.undo()
    assert first.read_bytes() == before
    r = run(kit, *args_dated)
    assert r.exit_code == 0, r.output
    written = sorted(p.name for p in kit.ws.hasil.iterdir() if p.is_file())
    assert written == [first.name], written


# ---- the lock ---------------------------------------------------------------------------------


@pytest.fixture
def paused_collect(accepted: Kit) -> Iterator[tuple[Kit, subprocess.Popen[str]]]:
    """A real collect in another process, paused while reading a new file with its write
    transaction open (a long collect of a regency's inbox)."""
    kit = accepted
    kit.refill("BM", "BM perbaikan.xlsx", T0 + 3600)
    code = textwrap.dedent(f"""
        import sys
        from kinerja_cli.io.workspace import find_workspace
        from kinerja_cli.services.collect import collect
        from kinerja_cli.io.form.reader import read_form

        def slow(data, name, pk, *, periode_wajib=None):
            print("membaca", flush=True)
            sys.stdin.readline()
            return read_form(data, name, pk, periode_wajib=periode_wajib)

        res = collect(find_workspace({str(kit.ws.root)!r}), jobs=1, reader=slow)
        print("selesai", res.exit_code, flush=True)
    """)
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "membaca", child.stderr
        yield kit, child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)


def _finish(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write("\n")
    child.stdin.flush()
    assert child.stdout.readline().split() == ["selesai", "0"]


@pytest.mark.slow
def test_report_during_a_long_collect_waits_for_the_lock_and_writes_nothing(
    paused_collect: tuple[Kit, subprocess.Popen[str]],
) -> None:
    """Today: report waited on the database, wrote its file, then failed 'database is locked'
    before recording it; the next report wrote -v2."""
    kit, child = paused_collect
    t0 = time.perf_counter()
    r = run(kit, "report", "-t", "2", "-f", "html")
    line = one_clear_line(r)
    assert time.perf_counter() - t0 < 8
    assert "sedang dipakai" in line and f"pid {child.pid}" in line
    assert not list(kit.ws.hasil.glob("*.html"))
    _finish(child)
    assert run(kit, "report", "-t", "2", "-f", "html").exit_code == 0
    assert [p.name for p in kit.ws.hasil.glob("*.html")] == ["Reviu-Triwulan-II-2025.html"]


@pytest.mark.slow
def test_init_form_during_a_long_collect_is_refused_before_writing(
    paused_collect: tuple[Kit, subprocess.Popen[str]],
) -> None:
    kit, child = paused_collect

    def forms_recorded() -> int:
        with closing(sqlite3.connect(kit.ws.db)) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM forms").fetchone()[0])

    before = {p.name: p.stat().st_mtime_ns for p in kit.ws.formulir.iterdir()}
    recorded = forms_recorded()
    line = one_clear_line(run(kit, "init-form", "-t", "2"))
    assert "sedang dipakai" in line and "init-form" in line
    assert {p.name: p.stat().st_mtime_ns for p in kit.ws.formulir.iterdir()} == before
    _finish(child)
    assert run(kit, "init-form", "-t", "2").exit_code == 0
    assert forms_recorded() == recorded + len(kit.forms)


# ---- kill -9 of collect --jobs 2 ----------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@linux
@pytest.mark.slow
def test_kill_9_of_a_pooled_collect_leaves_no_process_behind(kit: Kit, tmp_path: Path) -> None:
    """Today the two workers and multiprocessing's resource tracker stayed alive forever."""
    kit.put_all()
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "lambat.py").write_text(
        textwrap.dedent(f"""
            import os, time
            from pathlib import Path

            def read(data, name, pk, *, periode_wajib=None):
                Path({str(tmp_path)!r}, f"pekerja-{{os.getpid()}}").write_text("x")
                time.sleep(600)
        """)
    )
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(mod)!r})
        from lambat import read
        from kinerja_cli.io.workspace import find_workspace
        from kinerja_cli.services.collect import collect

        collect(find_workspace({str(kit.ws.root)!r}), jobs=2, reader=read)
    """)
    child = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE)
    family: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(list(tmp_path.glob("pekerja-*"))) < 2:
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            assert time.monotonic() < deadline, "workers did not start"
            time.sleep(0.1)
        family = _children(child.pid)
        workers = {int(p.name.split("-")[1]) for p in tmp_path.glob("pekerja-*")}
        assert workers <= set(family) and len(family) >= 3  # two workers, the tracker
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        deadline = time.monotonic() + 15
        while any(_alive(p) for p in family) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [p for p in family if _alive(p)] == []
    finally:
        for p in [child.pid, *family]:
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
    # The lock died with its holder: the next collect runs.
    assert kit.collect().exit_code == 0


# ---- read-only file system, full disk --------------------------------------------------------------


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _umount(folder: Path) -> None:
    if subprocess.run(["umount", str(folder)], capture_output=True).returncode:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)  # busy: detach


@pytest.fixture
def read_only(accepted: Kit, tmp_path: Path) -> Iterator[Kit]:
    """The workspace seen through a read-only bind mount (root only; skipped otherwise)."""
    from kinerja_cli.io.workspace import find_workspace

    kit = accepted
    assert run(kit, "compile", "-t", "2").exit_code == 0
    view = tmp_path / "ro"
    view.mkdir()
    if not _mount("--bind", str(kit.ws.root), str(view)):
        pytest.skip("needs root to bind-mount")
    try:
        if not _mount("-o", "remount,ro,bind", str(view)):
            pytest.skip("cannot remount read-only")
        yield Kit(find_workspace(view), kit.pk, kit.data, kit.forms, kit.isi, kit.salah)
    finally:
        _umount(view)


@linux
@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["collect"],
        ["collect", "--json"],
        ["compile", "-t", "2"],
        ["report", "-t", "2", "-f", "html"],
        ["init-form", "-t", "2"],
        ["archive", "-t", "2"],
    ],
    ids=lambda a: " ".join(a),
)
def test_read_only_file_system(read_only: Kit, args: list[str]) -> None:
    line = one_clear_line(run(read_only, *args))
    assert "hanya-baca" in line


@linux
@pytest.mark.slow
def test_disk_full_during_collect_gets_its_own_message(kit: Kit, tmp_path: Path) -> None:
    """Today the real error was masked by 'cannot rollback - no transaction is active'.
    The workspace on a small tmpfs: its content copies are in place, the disk is then
    filled, and the database cannot grow while recording."""
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.store.berkas import keep_copy

    disk = tmp_path / "disk"
    disk.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk)):
        pytest.skip("needs root to mount a tmpfs")
    try:
        shutil.copytree(kit.ws.root, disk / "ws", ignore=shutil.ignore_patterns("masuk"))
        small = Kit(find_workspace(disk / "ws"), kit.pk, kit.data, kit.forms, kit.isi, kit.salah)
        small.ws.masuk.mkdir()
        small.put(kit.filled("SEK"))
        assert small.collect().exit_code == 0  # the database exists
        small.put_all()
        for p in small.ws.masuk.iterdir():  # the copies are there: only the database grows
            data = p.read_bytes()
            keep_copy(small.ws, __import__("hashlib").sha256(data).hexdigest(), data)
        with closing(sqlite3.connect(small.ws.db)) as conn:
            before = conn.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
        filler = disk / "isi-penuh"
        with open(filler, "wb", buffering=0) as fh:
            try:
                while True:
                    fh.write(b"\0" * 4096)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        r = run(small, "collect")
        line = one_clear_line(r)
        assert "Disk penuh" in line and "kinerja.db" in line and "rollback" not in line
        with closing(sqlite3.connect(small.ws.db)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == before
        filler.unlink()
        res = small.collect()
        assert res.exit_code == 0 and len(res.files) == len(kit.forms)
    finally:
        _umount(disk)


def test_every_os_failure_gets_a_message_of_its_own(tmp_path: Path) -> None:
    from kinerja_cli.io.atomic import os_error

    target = tmp_path / "hasil" / "draf.xlsx"
    cases = {
        errno.EROFS: "hanya-baca",
        errno.ENOSPC: "Disk penuh",
        errno.EACCES: "izin",
        errno.ENAMETOOLONG: "terlalu panjang",
        errno.EIO: "galat baca/tulis",
        errno.ENOENT: "tidak ditemukan",
        errno.EBUSY: "galat sistem berkas",
    }
    for code, words in cases.items():
        err = os_error(OSError(code, os.strerror(code), str(target)), target)
        assert isinstance(err, KinerjaError) and err.exit_code == 2
        assert words in str(err) and "\n" not in str(err), (code, str(err))


# ---- the console -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pycache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Bytecode caches for the subprocesses, so each start does not compile the sources
    again (PYTHONDONTWRITEBYTECODE may be set in the environment)."""
    return tmp_path_factory.mktemp("pycache")


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_console_that_cannot_encode_a_character(kit: Kit, encoding: str, pycache: Path) -> None:
    """Today (LC_ALL=C, PYTHONIOENCODING=cp1252) the draft was written, then exit 2 and no
    JSON. Now the JSON is exact (escaped where the console cannot show a character) and the
    text has a replacement character; the exit codes are the README's."""
    kit.put_all(skip=("SEK",))
    kit.put(kit.filled("SEK"), "SEK 📊 — final.xlsx")
    env = {**os.environ, "LC_ALL": "C", "PYTHONIOENCODING": encoding, "COLUMNS": "200"}
    env.pop("PYTHONUTF8", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)

    def kinerja(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "kinerja_cli", *args, "-w", str(kit.ws.root)],
            capture_output=True,
            env=env,
            timeout=120,
        )

    r = kinerja("collect", "--json")
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    doc = json.loads(r.stdout.decode("ascii" if encoding == "ascii" else "cp1252"))
    assert "SEK 📊 — final.xlsx" in {f["file"] for f in doc["files"]}
    for args, code in ((["collect"], 0), (["compile", "-t", "2"], 0)):
        r = kinerja(*args)
        assert r.returncode == code, (args, r.stderr.decode(errors="replace"))
        assert b"Galat" not in r.stderr
    r = kinerja("compile", "-t", "2", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["periode"]
    assert "Draf ditulis" in r.stderr.decode(errors="replace")
