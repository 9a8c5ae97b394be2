"""The workspace lock (docs/reliability.md C6): one command writing the workspace at a time
(collect, compile, report, init-form, archive).

A sidecar file names who holds the lock, so a second run can say *who* and how to clear a
stale lock. OS locks are unreliable on shared network folders: run kinerja on one machine.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.atomic import os_error, remove_stale_temps
from kinerja_cli.io.workspace import Workspace

LOCK_NAME = "kinerja.lock"
INFO_NAME = "kinerja.lock.info"
TIMEOUT = 2.0


def lock_path(ws: Workspace) -> Path:
    """The lock file inside the workspace's internal folder (never in the inbox)."""
    return ws.internal / LOCK_NAME


def _who() -> dict[str, str | int]:
    try:
        user = getpass.getuser()
    except Exception:  # no USER/USERNAME and no pwd entry (some service accounts)
        user = "?"
    return {
        "user": user,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "start": dt.datetime.now().isoformat(timespec="seconds"),
    }


def holder(ws: Workspace) -> dict[str, str | int] | None:
    """Who holds (or last held) the lock, from the sidecar, or None."""
    try:
        data = json.loads((ws.internal / INFO_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _busy_message(ws: Workspace, command: str) -> str:
    info = holder(ws)
    if info:
        who = (
            f"{info.get('user', '?')}@{info.get('host', '?')} (pid {info.get('pid', '?')}, "
            f"mulai {str(info.get('start', '?')).replace('T', ' ')})"
        )
    else:
        who = "proses kinerja lain"
    return (
        f"Ruang kerja sedang dipakai oleh {who}; {command} tidak dijalankan agar data tidak "
        "rusak. Tunggu sampai proses itu selesai lalu jalankan ulang. Bila Anda yakin proses "
        f"itu sudah berhenti (mis. komputernya mati), hapus berkas {lock_path(ws)} dan "
        f"{ws.internal / INFO_NAME}, lalu jalankan ulang."
    )


@contextmanager
def workspace_lock(
    ws: Workspace, command: str = "perintah ini", timeout: float = TIMEOUT
) -> Iterator[None]:
    """Hold the workspace lock for the block; KinerjaError (exit 2) when another run holds it."""
    from filelock import FileLock, Timeout

    lock = FileLock(lock_path(ws), timeout=timeout)
    try:
        ws.internal.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise KinerjaError(_busy_message(ws, command)) from None
    except OSError as exc:  # a read-only file system, no permission (docs/reliability.md C10)
        raise os_error(exc, lock_path(ws)) from exc
    info = ws.internal / INFO_NAME
    try:
        # No other kinerja run writes in this workspace now: a temp file left by a run that was
        # killed is stale (docs/reliability.md C12).
        for folder in (ws.hasil, ws.umpan_balik, ws.formulir, ws.internal):
            remove_stale_temps(folder)
        try:
            info.write_text(json.dumps(_who(), ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # the sidecar only improves the message; the lock itself holds
        yield
    finally:
        try:
            info.unlink()
        except OSError:
            pass
        lock.release()
