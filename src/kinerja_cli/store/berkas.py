"""Content-addressed copies of every file read (docs/reliability.md C3): nothing is lost when the
inbox is cleaned. Each copy is written once, atomically, under its SHA-256.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kinerja_cli.io.atomic import atomic_write_bytes
from kinerja_cli.io.workspace import Workspace


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def pk_folder(ws: Workspace) -> Path:
    """Where the recorded PK versions are kept (apart from the received files)."""
    return ws.internal / "pk-versi"


def copy_path(ws: Workspace, sha: str, folder: Path | None = None) -> Path:
    """Where the copy of the bytes with this hash lives (in `folder`, default the received
    files' store)."""
    return (folder or ws.berkas) / sha[:2] / f"{sha}.xlsx"


def keep_copy(ws: Workspace, sha: str, data: bytes, folder: Path | None = None) -> Path:
    """Store `data` under its hash unless an intact copy is already there (write-once).

    Written atomically but not forced to disk one by one (an fsync per file was half of a
    1,000-file collect here, and is slower still on Windows): every reader checks a copy
    against its hash (`read_copy`), and a damaged copy is written again here.
    """
    target = copy_path(ws, sha, folder)
    try:
        if target.stat().st_size == len(data) and read_copy(ws, sha, folder) is not None:
            return target
    except OSError:
        pass
    atomic_write_bytes(target, data, fsync=False)
    return target


def read_copy(ws: Workspace, sha: str, folder: Path | None = None) -> bytes | None:
    """The stored bytes, or None when the copy is missing or does not match its hash."""
    try:
        data = copy_path(ws, sha, folder).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha else None
