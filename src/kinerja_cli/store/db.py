"""The workspace store: a SQLite database in `.kinerja/kinerja.db` (standard library sqlite3).

It records every file seen, every submission (one per distinct content) with its findings
and accepted values, which version supersedes which, the forms generated and the outputs
written. Decimals are stored as text and read back exactly. Implements `StoreAPI`.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from kinerja_cli.domain.findings import Finding
from kinerja_cli.domain.models import DataBidang, Narasi
from kinerja_cli.domain.names import display_name, escaped_name, printable
from kinerja_cli.domain.periode import Periode
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.atomic import os_error
from kinerja_cli.io.workspace import Workspace
from kinerja_cli.store.corrections import Correction
from kinerja_cli.store.protocol import Output, SubmissionInfo
from kinerja_cli.store.records import (
    DIABAIKAN,
    DITERIMA,
    DITOLAK,
    DUPLIKAT,
    NARASI_FIELDS,
    ORDER,
    SUB_COLS,
    SUB_FROM,
    Submission,
    decode,
    encode,
    mtime_iso,
    now_iso,
)
from kinerja_cli.store.schema import VERSION, migrate, user_version

__all__ = ["DIABAIKAN", "DITERIMA", "DITOLAK", "DUPLIKAT", "Store", "Submission"]


class Store:
    """The workspace database; use `with Store.open(ws) as store:`."""

    def __init__(self, conn: sqlite3.Connection, ws: Workspace) -> None:
        self.conn = conn
        self.ws = ws
        self._sp = itertools.count()

    @classmethod
    @contextmanager
    def open(cls, ws: Workspace) -> Iterator[Store]:
        """Open (creating and migrating as needed) the workspace database.

        Any SQLite failure inside the block (a full disk, a read-only folder, a page damaged
        deep in the file) becomes one KinerjaError naming the database and what to do
        (docs/reliability.md C10)."""
        try:
            ws.internal.mkdir(parents=True, exist_ok=True)
            _create_if_missing(ws.db)
        except OSError as exc:
            raise os_error(exc, ws.db) from exc
        except sqlite3.Error as exc:
            raise failure(exc, ws.db) from exc
        try:
            conn = sqlite3.connect(ws.db, timeout=10, isolation_level=None)
        except sqlite3.Error as exc:
            raise failure(exc, ws.db) from exc
        try:
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                found = user_version(conn)
                if found > VERSION:
                    raise KinerjaError(
                        f"basis data ruang kerja dibuat oleh kinerja yang lebih baru (skema "
                        f"{found}, versi ini mengenal {VERSION}); perbarui kinerja.",
                        location=str(ws.db),
                    )
                migrate(conn)
                yield cls(conn, ws)
            except sqlite3.Error as exc:
                if not _mapped(exc):
                    raise
                raise failure(exc, ws.db) from exc
        finally:
            if conn.in_transaction:
                _quiet(conn, "ROLLBACK")
            conn.close()

    def _rollback(self) -> None:
        """Roll back the open transaction, if SQLite has not already done so (it does on a
        full disk and some I/O errors; a second ROLLBACK would hide the real error)."""
        if self.conn.in_transaction:
            _quiet(self.conn, "ROLLBACK")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing block; nests as a savepoint inside an open transaction."""
        if self.conn.in_transaction:
            name = f"sp{next(self._sp)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    _quiet(self.conn, f"ROLLBACK TO {name}")
                    _quiet(self.conn, f"RELEASE {name}")
                raise
            self.conn.execute(f"RELEASE {name}")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    @contextmanager
    def batch(self, size: int = 50) -> Iterator[Callable[[], None]]:
        """One transaction for many records, committed every `size` calls of the yielded tick.

        Each commit costs the disk a few syncs (about 20 ms); a record inside stays all or
        nothing as a savepoint. An interrupted run loses only the uncommitted records, and
        those files are simply read again next time.
        """
        count = 0

        def tick() -> None:
            nonlocal count
            count += 1
            if count % size == 0:
                self.conn.execute("COMMIT")
                self.conn.execute("BEGIN IMMEDIATE")

        if self.conn.in_transaction:
            yield lambda: None
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield tick
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    # ---- collect ------------------------------------------------------------------------

    def known(self, sha: str) -> Submission | None:
        """The stored submission for these bytes, or None when they were never read."""
        row = self.conn.execute(
            f"SELECT {SUB_COLS} {SUB_FROM} WHERE s.sha256 = ?", (sha,)
        ).fetchone()
        return Submission(*row) if row else None

    def known_many(self, shas: Iterable[str]) -> dict[str, Submission]:
        """`known` for many contents at once: sha -> submission, for those ever read."""
        wanted = sorted(set(shas))
        out: dict[str, Submission] = {}
        for i in range(0, len(wanted), 500):  # within SQLite's bound on parameters
            chunk = wanted[i : i + 500]
            for row in self.conn.execute(
                f"SELECT {SUB_COLS} {SUB_FROM} WHERE s.sha256 IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                sub = Submission(*row)
                out[sub.sha256] = sub
        return out

    def submission(self, sub_id: int) -> Submission | None:
        """A submission by id."""
        row = self.conn.execute(
            f"SELECT {SUB_COLS} {SUB_FROM} WHERE s.id = ?", (sub_id,)
        ).fetchone()
        return Submission(*row) if row else None

    def findings(self, sub_id: int) -> list[Finding]:
        """A submission's findings, in the order they were reported."""
        name = self.conn.execute("SELECT name FROM submissions WHERE id = ?", (sub_id,)).fetchone()
        rows = self.conn.execute(
            "SELECT code, severity, message, sheet, cell, kode FROM findings "
            "WHERE submission_id = ? ORDER BY seq",
            (sub_id,),
        ).fetchall()
        return [
            Finding(c, s, m, file=name[0] if name else None, sheet=sh, cell=ce, kode=k)
            for c, s, m, sh, ce, k in rows
        ]

    def findings_many(self, sub_ids: Iterable[int]) -> dict[int, list[tuple[Any, ...]]]:
        """The findings of many submissions at once (code, severity, message, sheet, cell,
        kode), in the order they were reported: one query instead of two per file (a
        re-collect of 1,000 unchanged files with 50 warnings each)."""
        out: dict[int, list[tuple[Any, ...]]] = {}
        ids = list(dict.fromkeys(sub_ids))
        for i in range(0, len(ids), 500):  # SQLite's bound-parameter limit
            part = ids[i : i + 500]
            marks = ",".join("?" * len(part))
            for row in self.conn.execute(
                "SELECT submission_id, code, severity, message, sheet, cell, kode FROM findings "
                f"WHERE submission_id IN ({marks}) ORDER BY submission_id, seq",
                part,
            ):
                out.setdefault(row[0], []).append(row[1:])
        return out

    def add_sighting(self, sha: str, name: str, mtime_ns: int) -> None:
        """Remember that these bytes were seen under this name and mtime (every name is kept;
        the name as listed, which may hold anything: it is stored as display and lossless
        forms, docs/reliability.md C9)."""
        shown, raw = _names(name)
        self.conn.execute(
            "INSERT OR IGNORE INTO sightings (sha256, name, raw_name, mtime_ns, seen_at) "
            "VALUES (?,?,?,?,?)",
            (sha, shown, raw or "", mtime_ns, now_iso()),
        )

    def names(self, sha: str) -> list[str]:
        """Every name these bytes were seen under (display forms), first first."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sightings WHERE sha256 = ? GROUP BY name ORDER BY MIN(rowid)",
                (sha,),
            )
        ]

    def record(
        self,
        *,
        sha: str,
        name: str,
        size: int,
        mtime_ns: int,
        kind: str,
        bidang: str | None,
        periode: Periode | None,
        form_id: str | None,
        status: str,
        findings: Iterable[Finding],
        data: DataBidang | None,
        producer: str | None,
        ditahan: bool = False,
        pk_versi: int | None = None,
    ) -> int:
        """Record a newly read file: its row, submission, findings and values, all or nothing.

        `name` is the name as listed (any string the file system gives); the store keeps its
        display form in `name` and, when that differs, the lossless form in `raw_name`.
        Finding texts are stored printable, so nothing written from them later can fail.
        `ditahan`: its periode is closed (archived); it is kept but not used until reopened.
        `pk_versi`: the PK version it was checked against (docs/contract.md §13)."""
        seen = now_iso()
        shown, raw = _names(name)
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO files (sha256, name, raw_name, size, mtime_ns, first_seen, "
                "kind) VALUES (?,?,?,?,?,?,?)",
                (sha, shown, raw, size, mtime_ns, seen, kind),
            )
            self.add_sighting(sha, name, mtime_ns)
            cur = self.conn.execute(
                "INSERT INTO submissions (sha256, name, raw_name, bidang, periode, data_periode, "
                "form_id, status, received, received_ns, first_seen, producer, ditahan, pk_versi) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    sha,
                    shown,
                    raw,
                    bidang,
                    periode.kode if periode else None,
                    periode.data_kode if periode else None,
                    form_id,
                    status,
                    mtime_iso(mtime_ns),
                    mtime_ns,
                    seen,
                    producer,
                    int(ditahan),
                    pk_versi,
                ),
            )
            sub_id = int(cur.lastrowid or 0)
            self._record_findings(sub_id, findings)
            if data is not None and status == DITERIMA:
                self._record_values(sub_id, data)
        return sub_id

    def _record_findings(self, sub_id: int, findings: Iterable[Finding]) -> None:
        self.conn.executemany(
            "INSERT INTO findings (submission_id, seq, code, severity, sheet, cell, kode, "
            "message) VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    sub_id,
                    i,
                    f.code,
                    f.severity,
                    _text(f.sheet),
                    _text(f.cell),
                    _text(f.kode),
                    printable(f.message),
                )
                for i, f in enumerate(findings)
            ],
        )

    def recheck(
        self,
        sub_id: int,
        *,
        status: str,
        findings: Iterable[Finding],
        data: DataBidang | None,
        pk_versi: int,
    ) -> None:
        """Replace a stored submission's verdict, findings and values with those of a fresh
        check of its stored copy against PK version `pk_versi` (after a revision, §13). Its
        feedback file is made again for the new findings."""
        with self.transaction():
            self.conn.execute(
                "UPDATE submissions SET status = ?, pk_versi = ?, umpan_balik = NULL WHERE id = ?",
                (status, pk_versi, sub_id),
            )
            for table in ("findings", "nilai", "narasi"):
                self.conn.execute(f"DELETE FROM {table} WHERE submission_id = ?", (sub_id,))
            self._record_findings(sub_id, findings)
            if data is not None and status == DITERIMA:
                self._record_values(sub_id, data)

    def _record_values(self, sub_id: int, data: DataBidang) -> None:
        rows: list[tuple[int, str, str, int, str, int]] = []
        for kind, table in (
            ("realisasi", data.realisasi),
            ("anggaran", data.anggaran),
            ("pembilang", data.pembilang),  # docs/contract.md §14 (schema v7)
            ("penyebut", data.penyebut),
        ):
            for kode, values in table.items():
                for tw, v in enumerate(values, start=1):
                    if v is not None:
                        text, biner = encode(v)
                        rows.append((sub_id, kind, kode, tw, text, biner))
        self.conn.executemany(
            "INSERT INTO nilai (submission_id, kind, kode, triwulan, value, biner) "
            "VALUES (?,?,?,?,?,?)",
            rows,
        )
        self.conn.executemany(
            "INSERT INTO narasi (submission_id, kode, pendorong, penghambat, tindak_lanjut, bukti) "
            "VALUES (?,?,?,?,?,?)",
            [
                (sub_id, kode, n.pendorong, n.penghambat, n.tindak_lanjut, n.bukti)
                for kode, n in data.narasi.items()
            ],
        )

    def resolve_versions(self, bidang: str, data_periode: str) -> None:
        """Chain the accepted versions of a bidang and periode: the newest (mtime, name) wins.

        Each newer version also gets its count of values changed against the one it
        supersedes; a link that was already there keeps the count made for it.
        """
        with self.transaction():
            before = {
                sid: (sup, n)
                for sid, sup, n in self.conn.execute(
                    "SELECT id, supersedes, perubahan FROM submissions "
                    "WHERE bidang = ? AND data_periode = ?",
                    (bidang, data_periode),
                )
            }
            self.conn.execute(
                "UPDATE submissions SET supersedes = NULL, superseded_by = NULL, perubahan = NULL "
                "WHERE bidang = ? AND data_periode = ?",
                (bidang, data_periode),
            )
            ids = [
                r[0]
                for r in self.conn.execute(
                    f"SELECT id FROM submissions WHERE bidang = ? AND data_periode = ? "
                    f"AND status = 'diterima' AND ditahan = 0 ORDER BY {ORDER}",
                    (bidang, data_periode),
                )
            ]
            values: dict[int, dict[tuple[str, ...], str]] = {}
            for older, newer in itertools.pairwise(ids):
                sup, n = before.get(newer, (None, None))
                if sup != older or n is None:
                    n = self._count_changes(older, newer, values)
                self.conn.execute(
                    "UPDATE submissions SET superseded_by = ? WHERE id = ?", (newer, older)
                )
                self.conn.execute(
                    "UPDATE submissions SET supersedes = ?, perubahan = ? WHERE id = ?",
                    (older, n, newer),
                )

    def _count_changes(
        self, older: int, newer: int, values: dict[int, dict[tuple[str, ...], str]] | None = None
    ) -> int:
        """How many values differ between two versions (`values` caches each one's values)."""
        cache = {} if values is None else values
        for sid in (older, newer):
            if sid not in cache:
                cache[sid] = self.values(sid)
        old, new = cache[older], cache[newer]
        return sum(1 for k in old.keys() | new.keys() if old.get(k) != new.get(k))

    def perubahan(self, sub: Submission) -> int | None:
        """Values changed against the version `sub` supersedes (None when it supersedes none).

        Counted when the versions are chained; a database from before schema v3 has no count
        yet: it is made here, as before, and stored.
        """
        if sub.supersedes is None:
            return None
        if sub.perubahan is not None:
            return sub.perubahan
        n = self._count_changes(sub.supersedes, sub.id)
        self.conn.execute("UPDATE submissions SET perubahan = ? WHERE id = ?", (n, sub.id))
        return n

    def uncounted(self) -> list[Submission]:
        """Accepted versions that supersede another but have no count of changed values yet
        (a database migrated from schema v2)."""
        rows = self.conn.execute(
            f"SELECT {SUB_COLS} {SUB_FROM} WHERE s.supersedes IS NOT NULL "
            f"AND s.perubahan IS NULL ORDER BY s.id"
        ).fetchall()
        return [Submission(*r) for r in rows]

    def unchained(self) -> list[tuple[str, str]]:
        """(bidang, data periode) whose accepted versions are not chained: more than one is
        not superseded. Happens when a run stopped after recording and before chaining."""
        return [
            (b, p)
            for b, p in self.conn.execute(
                "SELECT bidang, data_periode FROM submissions WHERE status = 'diterima' AND ditahan = 0 "
                "AND superseded_by IS NULL AND bidang IS NOT NULL AND data_periode IS NOT NULL "
                "GROUP BY bidang, data_periode HAVING COUNT(*) > 1"
            )
        ]

    def versions(self, bidang: str, data_periode: str) -> list[Submission]:
        """Every submission of a bidang for a periode's data, oldest first."""
        rows = self.conn.execute(
            f"SELECT {SUB_COLS} {SUB_FROM} WHERE s.bidang = ? AND s.data_periode = ? "
            f"ORDER BY s.received_ns, s.name, s.id",
            (bidang, data_periode),
        ).fetchall()
        return [Submission(*r) for r in rows]

    def winner(self, bidang: str, data_periode: str) -> Submission | None:
        """The accepted version in use for a bidang and periode, or None."""
        winners = [
            s
            for s in self.versions(bidang, data_periode)
            if s.status == DITERIMA and s.superseded_by is None and not s.ditahan
        ]
        return winners[-1] if winners else None

    def values(self, sub_id: int) -> dict[tuple[str, ...], str]:
        """Every accepted value of a submission, keyed for comparison between versions."""
        out: dict[tuple[str, ...], str] = {}
        for kind, kode, tw, value, biner in self.conn.execute(
            "SELECT kind, kode, triwulan, value, biner FROM nilai WHERE submission_id = ?",
            (sub_id,),
        ):
            out[(kind, kode, str(tw))] = value if biner else str(Decimal(value).normalize())
        for row in self.conn.execute(
            "SELECT kode, pendorong, penghambat, tindak_lanjut, bukti FROM narasi "
            "WHERE submission_id = ?",
            (sub_id,),
        ):
            for fld, text in zip(NARASI_FIELDS, row[1:], strict=True):
                if text:
                    out[("narasi", row[0], fld)] = text
        return out

    def set_feedback(self, sub_id: int, path: str | None) -> None:
        """Remember where a rejected submission's feedback file was written."""
        self.conn.execute("UPDATE submissions SET umpan_balik = ? WHERE id = ?", (path, sub_id))

    def data(self, sub: Submission) -> DataBidang:
        """A submission's accepted values as DataBidang."""
        per = sub.periode_obj()
        n = per.triwulan if per else 4
        out = DataBidang(
            bidang=sub.bidang or "", sha256=sub.sha256, file=sub.name, diterima=sub.first_seen
        )
        for kind, kode, tw, value, biner in self.conn.execute(
            "SELECT kind, kode, triwulan, value, biner FROM nilai WHERE submission_id = ? "
            "ORDER BY rowid",
            (sub.id,),
        ):
            table: dict[str, Any] = getattr(out, kind)
            values = table.setdefault(kode, [None] * n)
            if len(values) < tw:
                values.extend([None] * (tw - len(values)))
            values[tw - 1] = decode(value, biner)
        for kode, *texts in self.conn.execute(
            "SELECT kode, pendorong, penghambat, tindak_lanjut, bukti FROM narasi "
            "WHERE submission_id = ? ORDER BY rowid",
            (sub.id,),
        ):
            out.narasi[kode] = Narasi(*texts)
        return out

    def submissions(self, periode: Periode | None = None) -> list[SubmissionInfo]:
        """Every submission (of the periode's data, when given), oldest first."""
        sql = f"SELECT {SUB_COLS} {SUB_FROM}"
        args: tuple[str, ...] = ()
        if periode is not None:
            sql, args = sql + " WHERE s.data_periode = ?", (periode.data_kode,)
        rows = self.conn.execute(sql + " ORDER BY s.received_ns, s.name, s.id", args)
        subs = [Submission(*r) for r in rows]
        return [
            SubmissionInfo(
                s.id,
                s.sha256,
                s.name,
                s.bidang,
                s.periode,
                s.status,
                s.status == DITERIMA and s.superseded_by is None and not s.ditahan,
                s.first_seen,
                s.kind,
                s.raw_name,
            )
            for s in subs
        ]

    def blob_path(self, sha: str) -> Path:
        """Where the content-addressed copy of these bytes is kept."""
        from kinerja_cli.store.berkas import copy_path

        return copy_path(self.ws, sha)

    def _rel(self, path: Path) -> str:
        p = Path(path)
        try:
            return p.resolve().relative_to(self.ws.root.resolve()).as_posix()
        except ValueError:
            return str(p)

    # ---- StoreAPI -----------------------------------------------------------------------

    def _bidang_with_data(self, data_periode: str) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT bidang FROM submissions WHERE data_periode = ? AND bidang IS NOT NULL "
                "AND ditahan = 0 ORDER BY bidang",
                (data_periode,),
            )
        ]

    def accepted(self, periode: Periode, *, corrected: bool = True) -> dict[str, DataBidang]:
        """Winning accepted submission of each bidang for the periode's data (tahunan = TW4),
        with the Sekretaris's corrections in force applied (docs/contract.md §11)."""
        from kinerja_cli.store import corrections

        out: dict[str, DataBidang] = {}
        for bidang in self._bidang_with_data(periode.data_kode):
            win = self.winner(bidang, periode.data_kode)
            if win is not None:
                out[bidang] = self.data(win)
        if not corrected:
            return out
        return corrections.apply(out, corrections.in_force(self, periode), periode.triwulan)

    def corrections_in_force(self, periode: Periode) -> list[Correction]:
        """The corrections in force for the periode's data, oldest first (docs/contract.md §11)."""
        from kinerja_cli.store import corrections

        return sorted(corrections.in_force(self, periode), key=lambda c: c.id)

    def bidang_status(self, periode: Periode) -> dict[str, str]:
        """bidang kode -> `diterima` | `ditolak` (only bidang that sent something)."""
        out: dict[str, str] = {}
        for bidang in self._bidang_with_data(periode.data_kode):
            win = self.winner(bidang, periode.data_kode)
            out[bidang] = DITERIMA if win is not None else DITOLAK
        return out

    def open_findings(self, periode: Periode) -> list[Finding]:
        """All findings of each bidang's latest submission for the periode."""
        out: list[Finding] = []
        for bidang in self._bidang_with_data(periode.data_kode):
            versions = self.versions(bidang, periode.data_kode)
            if versions:
                used = [v for v in versions if not v.ditahan]
                if used:
                    out.extend(self.findings(used[-1].id))
        return out

    def prefill(self, periode: Periode) -> dict[str, DataBidang]:
        """Accepted values of the latest earlier data (tahunan: TW4 first) per bidang, with the
        corrections in force for that data (a corrected TW I stays corrected in the TW II form)."""
        out: dict[str, DataBidang] = {}
        start = periode.triwulan if periode.tahunan else periode.triwulan - 1
        for k in range(start, 0, -1):
            corrected = self.accepted(Periode(k))
            for bidang, db in corrected.items():
                out.setdefault(bidang, db)
        return out

    def record_forms(self, periode: Periode, forms: list[tuple[str, str, str]]) -> None:
        """Remember generated forms: (bidang, form_id, file name)."""
        at = now_iso()
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO forms (periode, bidang, form_id, file, generated_at) VALUES (?,?,?,?,?)",
                [(periode.kode, b, fid, name, at) for b, fid, name in forms],
            )

    def forms(self, periode: Periode | None = None) -> list[tuple[str, str, str, str, str]]:
        """Generated forms as (periode, bidang, form_id, file, generated_at), oldest first."""
        sql = "SELECT periode, bidang, form_id, file, generated_at FROM forms"
        args: tuple[str, ...] = ()
        if periode is not None:
            sql, args = sql + " WHERE periode = ?", (periode.kode,)
        return list(self.conn.execute(sql + " ORDER BY id", args))

    def record_output(self, kind: str, periode: Periode, path: Path, sha256: str) -> None:
        """Remember a written output (path stored relative to the workspace when inside it)."""
        text = self._rel(path)
        with self.transaction():
            self.conn.execute(
                "INSERT INTO outputs (kind, periode, path, sha256, written) VALUES (?,?,?,?,?)",
                (kind, periode.kode, text, sha256, now_iso()),
            )

    def forget_output(self, kind: str, path: Path, sha256: str) -> None:
        """Remove the record of an output whose write failed after it was recorded (outputs
        are recorded first, then written: docs/reliability.md C11)."""
        text = self._rel(path)
        with self.transaction():
            self.conn.execute(
                "DELETE FROM outputs WHERE id = (SELECT MAX(id) FROM outputs WHERE kind = ? "
                "AND path = ? AND sha256 = ?)",
                (kind, text, sha256),
            )

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the whole database at `target` (for the archive)."""
        dst = sqlite3.connect(target)
        try:
            with dst:
                self.conn.backup(dst)
        finally:
            dst.close()

    def outputs(self, kind: str | None = None, periode: Periode | None = None) -> list[Output]:
        """Recorded outputs, oldest first."""
        sql = "SELECT kind, periode, path, sha256, written FROM outputs WHERE 1 = 1"
        args: list[str] = []
        if kind is not None:
            sql += " AND kind = ?"
            args.append(kind)
        if periode is not None:
            sql += " AND periode = ?"
            args.append(periode.kode)
        return [Output(*r) for r in self.conn.execute(sql + " ORDER BY id", args)]


def _names(name: str) -> tuple[str, str | None]:
    """(display form, lossless form or None when the name is stored as it is)."""
    shown = display_name(name)
    return shown, (escaped_name(name) if shown != name else None)


def _text(value: str | None) -> str | None:
    return None if value is None else printable(value, keep="")


def _quiet(conn: sqlite3.Connection, sql: str) -> None:
    try:
        conn.execute(sql)
    except sqlite3.Error:
        pass


def _create_if_missing(db: Path) -> None:
    """A new database is built beside its final name and moved into place whole, so that an
    interrupted first run never leaves an empty `kinerja.db` behind; an empty one that is
    there already was damaged from outside and is refused (docs/reliability.md C10)."""
    try:
        size = db.stat().st_size
    except FileNotFoundError:
        size = None
    if size == 0:
        raise KinerjaError(
            f"basis data ruang kerja {db} kosong (0 byte): riwayat kiriman dan versinya tidak "
            "ada di sana, jadi kinerja tidak memakainya sebagai basis data baru. Pulihkan "
            f"{db.name} dari cadangan (setiap arsip menyimpan salinannya: "
            "arsip/TAHUN/PERIODE/vN/kinerja.db, salin ke .kinerja/kinerja.db), atau hapus berkas "
            "kosong itu untuk memulai basis data baru lalu jalankan kinerja collect (salinan "
            "berkas kiriman tetap ada di .kinerja/berkas).",
            location=str(db),
        )
    if size is not None:
        return
    tmp = db.with_name(f".{db.name}.{os.getpid()}.baru")
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        leftover.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        migrate(conn)
    finally:
        conn.close()
    try:
        try:
            os.link(tmp, db)  # never replaces a database another process has just made
        except FileExistsError:
            pass
        except OSError:  # no hard links (FAT, some network shares): rename, no-clobber on Windows
            if not db.exists():
                os.rename(tmp, db)
    finally:
        tmp.unlink(missing_ok=True)


_MAPPED = (
    "SQLITE_FULL",
    "SQLITE_READONLY",
    "SQLITE_CORRUPT",
    "SQLITE_NOTADB",
    "SQLITE_IOERR",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_NOMEM",
    "SQLITE_PROTOCOL",
)


def _mapped(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return (
        name.startswith(_MAPPED)
        or isinstance(exc, sqlite3.DatabaseError)
        and not isinstance(
            exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError
        )
    )


def failure(exc: sqlite3.Error, db: Path) -> KinerjaError:
    """One clear message (exit 2) for an SQLite failure, by its result code."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    folder = db.parent
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        msg = (
            f"Disk penuh saat menulis basis data {db.name}; yang belum selesai dibatalkan "
            f"seluruhnya, catatan lama utuh. Kosongkan ruang di {folder} lalu jalankan ulang."
        )
    elif name.startswith(("SQLITE_READONLY", "SQLITE_PERM")) or "readonly" in text:
        msg = (
            f"basis data {db.name} tidak dapat ditulis (sistem berkas hanya-baca atau tanpa izin "
            f"tulis di {folder}); tidak ada yang diubah. Jalankan kinerja dari ruang kerja di disk "
            "yang dapat ditulis, atau periksa izin folder itu."
        )
    elif name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        msg = (
            f"basis data ruang kerja rusak ({text}). Pulihkan {db.name} dari cadangan (setiap "
            "arsip menyimpan salinannya: arsip/TAHUN/PERIODE/vN/kinerja.db), atau pindahkan "
            "berkas itu lalu jalankan collect ulang (salinan berkas kiriman tetap ada di "
            ".kinerja/berkas)."
        )
    elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        msg = (
            f"basis data {db.name} sedang dipakai proses lain; tidak ada yang diubah. Tunggu "
            "sampai proses kinerja lain selesai lalu jalankan ulang."
        )
    elif name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        msg = (
            f"basis data {db.name} tidak dapat dibaca atau ditulis ({text}); periksa disk dan "
            f"izin folder {folder}, lalu jalankan ulang."
        )
    else:
        msg = f"basis data {db.name} bermasalah ({text}); jalankan ulang, atau pulihkan dari cadangan."
    return KinerjaError(msg, location=str(db))
