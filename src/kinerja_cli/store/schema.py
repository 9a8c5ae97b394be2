"""The workspace database schema: forward migrations, applied in order (PRAGMA user_version).

Never edit a released script; append a new one. `MIGRATIONS[i]` brings a database from
version i to version i + 1.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_V1 = """
CREATE TABLE files (
    sha256      TEXT PRIMARY KEY,
    name        TEXT NOT NULL,              -- first name the bytes were seen under
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    first_seen  TEXT NOT NULL,              -- ISO time, kinerja's clock
    kind        TEXT NOT NULL               -- sniffed kind: xlsx, csv, xls, ...
);
CREATE TABLE sightings (
    sha256      TEXT NOT NULL REFERENCES files(sha256),
    name        TEXT NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    seen_at     TEXT NOT NULL,
    UNIQUE (sha256, name, mtime_ns)
);
CREATE TABLE submissions (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE REFERENCES files(sha256),
    name          TEXT NOT NULL,
    bidang        TEXT,
    periode       TEXT,                     -- the form's periode: TW1..TW4 or tahunan
    data_periode  TEXT,                     -- where its values live: tahunan shares TW4
    form_id       TEXT,
    status        TEXT NOT NULL
                  CHECK (status IN ('diterima', 'ditolak', 'duplikat', 'diabaikan')),
    supersedes    INTEGER REFERENCES submissions(id),
    superseded_by INTEGER REFERENCES submissions(id),
    received      TEXT NOT NULL,            -- file mtime, ISO
    received_ns   INTEGER NOT NULL,         -- file mtime, for ordering versions
    first_seen    TEXT NOT NULL,
    producer      TEXT
);
CREATE TABLE findings (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    seq           INTEGER NOT NULL,
    code          TEXT NOT NULL,
    severity      TEXT NOT NULL,
    sheet         TEXT,
    cell          TEXT,
    kode          TEXT,
    message       TEXT NOT NULL,
    PRIMARY KEY (submission_id, seq)
);
CREATE TABLE nilai (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    kind          TEXT NOT NULL CHECK (kind IN ('realisasi', 'anggaran')),
    kode          TEXT NOT NULL,
    triwulan      INTEGER NOT NULL,
    value         TEXT NOT NULL,            -- Decimal as str; biner as '1'/'0'
    biner         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (submission_id, kind, kode, triwulan)
);
CREATE TABLE narasi (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    kode          TEXT NOT NULL,
    pendorong     TEXT NOT NULL DEFAULT '',
    penghambat    TEXT NOT NULL DEFAULT '',
    tindak_lanjut TEXT NOT NULL DEFAULT '',
    bukti         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (submission_id, kode)
);
CREATE TABLE forms (
    id            INTEGER PRIMARY KEY,
    periode       TEXT NOT NULL,
    bidang        TEXT NOT NULL,
    form_id       TEXT NOT NULL,
    file          TEXT NOT NULL,
    generated_at  TEXT NOT NULL
);
CREATE TABLE outputs (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    periode       TEXT NOT NULL,
    path          TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    written       TEXT NOT NULL
);
"""

# v2: remember each rejected submission's feedback file, so an unchanged inbox does not
# rebuild it; index the per-bidang lookups every command makes.
_V2 = """
ALTER TABLE submissions ADD COLUMN umpan_balik TEXT;
CREATE INDEX submissions_bidang ON submissions (bidang, data_periode, status);
CREATE INDEX forms_periode ON forms (periode, bidang);
"""

# v3: remember how many values each accepted version changed against the one it supersedes
# (counted once, when the versions are chained). NULL in a database migrated from v2: the
# count is then made as before and stored the first time it is needed.
_V3 = """
ALTER TABLE submissions ADD COLUMN perubahan INTEGER;
"""

# v4: file names are user data (docs/reliability.md C9). `name` holds the display form (safe to
# print and to write into a workbook); `raw_name` the lossless escaped form when it differs
# (NULL, or '' in sightings, when the name was stored as received). Sightings are rebuilt so
# that two names shown alike stay two sightings. Names stored before v4 are fixed up after the
# script (`_fix_names`).
_V4 = """
ALTER TABLE files ADD COLUMN raw_name TEXT;
ALTER TABLE submissions ADD COLUMN raw_name TEXT;
CREATE TABLE sightings_v4 (
    sha256      TEXT NOT NULL REFERENCES files(sha256),
    name        TEXT NOT NULL,
    raw_name    TEXT NOT NULL DEFAULT '',
    mtime_ns    INTEGER NOT NULL,
    seen_at     TEXT NOT NULL,
    UNIQUE (sha256, name, raw_name, mtime_ns)
);
INSERT INTO sightings_v4 (sha256, name, mtime_ns, seen_at)
    SELECT sha256, name, mtime_ns, seen_at FROM sightings ORDER BY rowid;
DROP TABLE sightings;
ALTER TABLE sightings_v4 RENAME TO sightings;
CREATE INDEX sightings_sha ON sightings (sha256);
"""

# v5: the life of a periode (docs/contract.md §12) and the Sekretaris's corrections (§11).
# `periode_events` records every closing (archive) and reopening (archive --buka) with who, when
# and why; a submission that arrives while its periode is closed is recorded but held
# (`ditahan`), and released by the first collect after a reopening. `koreksi` keeps every
# correction read back from a draft: which cell, old -> new, the draft's SHA-256, who and when;
# `ditimpa_oleh` is set when a later submission of the bidang overrides it.
_V5 = """
CREATE TABLE periode_events (
    id            INTEGER PRIMARY KEY,
    periode       TEXT NOT NULL,            -- TW1..TW4 or tahunan
    kind          TEXT NOT NULL CHECK (kind IN ('tutup', 'buka')),
    at            TEXT NOT NULL,
    oleh          TEXT NOT NULL,            -- user@computer
    alasan        TEXT,                     -- required for 'buka'
    versi         INTEGER,                  -- archive version closed ('tutup')
    manifest      TEXT,                     -- its MANIFEST.json, relative to the workspace
    manifest_sha256 TEXT
);
ALTER TABLE submissions ADD COLUMN ditahan INTEGER NOT NULL DEFAULT 0;
CREATE TABLE koreksi (
    id            INTEGER PRIMARY KEY,
    batch         INTEGER NOT NULL,         -- one `kinerja koreksi` run
    periode       TEXT NOT NULL,
    bidang        TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('realisasi', 'anggaran', 'narasi')),
    kode          TEXT NOT NULL,
    field         TEXT NOT NULL,            -- 'TW2' for values, a Narasi field for text
    lama          TEXT,
    baru          TEXT,
    basis         TEXT,                     -- the bidang's own value when corrected
    basis_sha256  TEXT,                     -- the submission that value came from
    sheet         TEXT,
    cell          TEXT,
    draft         TEXT NOT NULL,
    draft_sha256  TEXT NOT NULL,
    at            TEXT NOT NULL,
    oleh          TEXT NOT NULL,
    ditimpa_oleh  INTEGER REFERENCES submissions(id)
);
CREATE INDEX koreksi_periode ON koreksi (periode, kind, kode, field);
"""

# v6: the versions of the PK (docs/contract.md §13). Version 1 is recorded when the first forms
# are issued, each `kinerja revisi-pk` adds the next, in force from `dari_tw`. The file itself is
# kept in the content-addressed store under `sha256`. `terpasang` is 0 between recording a
# revision and writing it to pk.xlsx: the next command finishes an interrupted revision.
# `submissions.pk_versi` is the version a verdict was made under (NULL: version 1), so a
# revision tells collect which stored submissions to check again.
_V6 = """
CREATE TABLE pk_versions (
    versi         INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL,
    dari_tw       INTEGER NOT NULL CHECK (dari_tw BETWEEN 1 AND 4),
    alasan        TEXT,
    file          TEXT NOT NULL,            -- the name it was recorded from
    at            TEXT NOT NULL,
    oleh          TEXT NOT NULL,
    terpasang     INTEGER NOT NULL DEFAULT 1
);
ALTER TABLE submissions ADD COLUMN pk_versi INTEGER;
"""

# v7: a component indicator's Pembilang and Penyebut per quarter (docs/contract.md §14) are kept
# beside its realisation: `nilai.kind` gains 'pembilang' and 'penyebut'. SQLite cannot widen a
# CHECK constraint in place, so the table is rebuilt with its rows.
_V7 = """
CREATE TABLE nilai_v7 (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    kind          TEXT NOT NULL
                  CHECK (kind IN ('realisasi', 'anggaran', 'pembilang', 'penyebut')),
    kode          TEXT NOT NULL,
    triwulan      INTEGER NOT NULL,
    value         TEXT NOT NULL,            -- Decimal as str; biner as '1'/'0'
    biner         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (submission_id, kind, kode, triwulan)
);
INSERT INTO nilai_v7 (submission_id, kind, kode, triwulan, value, biner)
    SELECT submission_id, kind, kode, triwulan, value, biner FROM nilai ORDER BY rowid;
DROP TABLE nilai;
ALTER TABLE nilai_v7 RENAME TO nilai;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7)
VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database file."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _fix_names(conn: sqlite3.Connection) -> None:
    """v4: a name stored before v4 that is not safe to show (a control character) gets its
    display form in `name` and the lossless form in `raw_name`."""
    from kinerja_cli.domain.names import display_name, escaped_name

    for table in ("files", "submissions", "sightings"):
        key = "rowid"
        rows = conn.execute(f"SELECT {key}, name FROM {table}").fetchall()
        for rowid, name in rows:
            shown = display_name(name)
            if shown != name:
                conn.execute(
                    f"UPDATE {table} SET name = ?, raw_name = ? WHERE {key} = ?",
                    (shown, escaped_name(name), rowid),
                )


_AFTER: dict[int, Callable[[sqlite3.Connection], None]] = {4: _fix_names}


def migrate(conn: sqlite3.Connection, upto: int = VERSION) -> int:
    """Apply the missing migrations, each in its own transaction; return the new version."""
    current = user_version(conn)
    for version in range(current, upto):
        # executescript commits first; each step is one transaction, so a failure (or a crash)
        # leaves the old version.
        try:
            conn.executescript("BEGIN;\n" + MIGRATIONS[version])
            fix = _AFTER.get(version + 1)
            if fix is not None:
                fix(conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # rolled back already (SQLite does so itself on some errors)
            raise
    return user_version(conn)
