"""The recorded versions of the PK (docs/contract.md §13), in the store's `pk_versions` table.

A version is a row (number, SHA-256, in force from which triwulan, reason, who and when) plus
the file's bytes in the content-addressed store (`store/berkas.py`). Recording a revision is
one transaction; the copy is written before it and pk.xlsx after it, so an interrupted
revision leaves either the old state (nothing recorded) or a recorded version not yet
`terpasang`, which the next command installs (`pending`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja_cli.io.workspace import Workspace
from kinerja_cli.store.lifecycle import user_at_host
from kinerja_cli.store.records import now_iso


@dataclass(frozen=True)
class VersionRecord:
    """One row of `pk_versions`."""

    versi: int
    sha256: str
    dari_tw: int
    alasan: str | None
    file: str
    at: str
    oleh: str
    terpasang: bool


def recorded(store: Any) -> list[VersionRecord]:
    """Every recorded version, oldest first (empty before the first forms were issued)."""
    rows = store.conn.execute(
        "SELECT versi, sha256, dari_tw, alasan, file, at, oleh, terpasang FROM pk_versions "
        "ORDER BY versi"
    )
    return [
        VersionRecord(int(v), sha, int(tw), alasan, file, at, oleh, bool(ok))
        for v, sha, tw, alasan, file, at, oleh, ok in rows
    ]


def record(
    store: Any,
    sha256: str,
    dari_tw: int,
    file: str,
    alasan: str | None = None,
    *,
    terpasang: bool = True,
) -> VersionRecord:
    """Add the next version (1 when none is recorded) and return it."""
    with store.transaction():
        row = store.conn.execute("SELECT COALESCE(MAX(versi), 0) FROM pk_versions").fetchone()
        versi = int(row[0]) + 1
        rec = VersionRecord(
            versi, sha256, dari_tw, alasan, file, now_iso(), user_at_host(), terpasang
        )
        store.conn.execute(
            "INSERT INTO pk_versions (versi, sha256, dari_tw, alasan, file, at, oleh, terpasang) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (versi, sha256, dari_tw, alasan, file, rec.at, rec.oleh, int(terpasang)),
        )
    return rec


def installed(store: Any, versi: int) -> None:
    """pk.xlsx now holds this version."""
    with store.transaction():
        store.conn.execute("UPDATE pk_versions SET terpasang = 1 WHERE versi = ?", (versi,))


def pending(store: Any) -> VersionRecord | None:
    """A recorded revision that an interrupted run did not get to write to pk.xlsx."""
    found = [v for v in recorded(store) if not v.terpasang]
    return found[-1] if found else None


def forms_issued(store: Any) -> bool:
    """Whether any form was issued in this workspace (from then on pk.xlsx is guarded)."""
    return store.conn.execute("SELECT 1 FROM forms LIMIT 1").fetchone() is not None


def checked_under(store: Any) -> list[tuple[int, str, str, str, int]]:
    """(submission id, sha256, name, periode, pk_versi) of every submission with a verdict
    about a form of a known periode; NULL versions count as version 1."""
    rows = store.conn.execute(
        "SELECT id, sha256, name, periode, COALESCE(pk_versi, 1) FROM submissions "
        "WHERE periode IS NOT NULL AND status IN ('diterima', 'ditolak') ORDER BY id"
    )
    return [(int(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows]


def last_version_file(ws: Workspace) -> Path | None:
    """The kept copy of the last PK version of a workspace (its store opened read-only, never
    migrated: it may be last year's), or None when it records none or cannot be read."""
    import sqlite3

    from kinerja_cli.store.berkas import copy_path, pk_folder

    db = ws.db
    if not db.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT sha256 FROM pk_versions WHERE terpasang = 1 ORDER BY versi DESC LIMIT 1"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:  # no such table (an older workspace), a damaged file...
        return None
    if row is None:
        return None
    copy = copy_path(ws, str(row[0]), pk_folder(ws))
    return copy if copy.is_file() else None
