"""`kinerja collect` (SOP step 5): validate every returned file, keep every version.

Only the top level of the inbox is read (subfolders are listed, not entered). Each file is
opened read-only, without blocking and without following a link, its type and size taken from
the opened descriptor, and its bytes read once; nothing in the inbox is ever written, renamed
or moved. Every entry gets a result with a reason, whatever it is (docs/reliability.md C13).
Bytes already known by their SHA-256 are not parsed again: the stored result is reused, so a
re-run on an unchanged inbox gives the same answer. Every result shown is built from the
store, for new and known files alike.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja_cli.domain.findings import WARNING
from kinerja_cli.domain.models import PK
from kinerja_cli.domain.names import display_name, escaped_name
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.pk_versions import PKVersions
from kinerja_cli.domain.rules import Code, finding
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.pk import PKOutline
from kinerja_cli.io.safe_file import read_bounded
from kinerja_cli.io.workspace import Workspace
from kinerja_cli.services.collect_result import (
    BELUM,
    DIABAIKAN,
    DITERIMA,
    DITOLAK,
    DUPLIKAT,
    BidangResult,
    CollectResult,
    FileResult,
    Recheck,
)
from kinerja_cli.services.collect_view import View

ProgressFn = Callable[[int, int], None]
# read_form(data, name, pk, *, periode_wajib=None) -> FormRead (io.form_reader)
Reader = Callable[..., Any]

MAX_READ = 10 << 20  # io.xlsx.MAX_FILE_SIZE: bigger files are never read, only stat-ed
AUTO_JOBS_ABOVE = 200  # projected new files above which --jobs defaults to min(2, cpus)
_IN_FLIGHT = 4  # queued files per worker: bounds the memory held in bytes
MAX_POOL_RESTARTS = 3


def default_reader() -> Reader:
    """io.form_reader.read_form, imported when first needed (it pulls in the xlsx readers)."""
    from kinerja_cli.io.form import read_form

    return read_form


def read_one(data: bytes, name: str, pk: PK | PKVersions, reader: Reader | None = None) -> Any:
    """Read one file's bytes into a FormRead; top level so a spawned worker can run it."""
    reader = reader or default_reader()
    # The form's own periode is what is stored; --triwulan only filters the view.
    return reader(data, name, pk, periode_wajib=None)


_WORKER: dict[str, Any] = {}


def _init_worker(pk: PK | PKVersions, reader: Reader | None) -> None:
    _WORKER["pk"], _WORKER["reader"] = pk, reader
    _watch_parent()


def _watch_parent() -> None:
    """End this worker when the collect that started it dies (even by `kill -9`, which runs no
    cleanup): a worker would otherwise wait for work forever, and keep multiprocessing's
    resource tracker alive with it (docs/reliability.md C14). multiprocessing gives a spawned
    child a sentinel that becomes ready when the parent is gone, on Windows as on POSIX."""
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="kinerja-pengawas-induk", daemon=True).start()


def _read_in_worker(data: bytes, name: str) -> Any:
    return read_one(data, name, _WORKER["pk"], _WORKER["reader"])


@dataclass
class _Entry:
    """One inbox entry as inventoried."""

    path: Path
    name: str  # display form (docs/reliability.md C9)
    raw: str  # the name as listed: may hold bytes that are not UTF-8 or control characters
    size: int = 0
    mtime_ns: int = 0
    sha: str = ""
    fixed: FileResult | None = None  # junk, unreadable, not a file: decided without the store

    @property
    def escaped(self) -> str | None:
        """The lossless form of the name, when the display form differs."""
        return escaped_name(self.raw) if self.name != self.raw else None


def collect(
    ws: Workspace,
    inbox: Path | None = None,
    periode_wajib: Periode | None = None,
    progress: ProgressFn | None = None,
    *,
    jobs: int | None = 1,
    reader: Reader | None = None,
) -> CollectResult:
    """Validate every file in the inbox (default `masuk/`), record it, write feedback.

    `jobs`: worker processes for parsing new files (None: 1, or min(2, cpus) when many new
    files are coming). `reader` replaces io.form_reader.read_form; it must be a top-level
    function when jobs > 1 (workers are spawned).
    """
    from kinerja_cli.services.setup import require_pk_outline
    from kinerja_cli.store.db import Store
    from kinerja_cli.store.lock import workspace_lock

    t0 = time.perf_counter()
    folder = Path(inbox) if inbox is not None else ws.masuk
    if not folder.is_dir():
        raise KinerjaError(f"folder masuk tidak ditemukan: {folder}")
    # The PK's indicators are built only when a new file is parsed (_Run.pk); the answer
    # needs just the bidang.
    pk = require_pk_outline(ws)
    try:
        with os.scandir(folder) as it:
            listing = sorted(it, key=lambda d: (display_name(d.name).casefold(), d.name))
    except OSError as exc:
        raise KinerjaError(f"folder masuk tidak dapat dibaca: {exc}", location=str(folder)) from exc
    entries = [d for d in listing if not _is_folder(d)]
    subfolders = [display_name(d.name) for d in listing if _is_folder(d)]
    with workspace_lock(ws, "kinerja collect"), Store.open(ws) as store:
        run = _Run(ws, store, pk, reader, progress, len(entries))
        run.inbox = _real(folder)
        run.read(entries, jobs)
        view = View(ws, store, run.pk_loaded or pk, run.parsed_shas, run.failed)
        files = view.files(run.entries, periode_wajib)
        bidang, periodes = view.bidang(files, periode_wajib)
    return CollectResult(
        ws.root,
        folder,
        files,
        bidang,
        periodes,
        len(run.parsed_shas),
        subfolders,
        time.perf_counter() - t0,
        run.rechecked,
    )


def _is_folder(d: os.DirEntry[str]) -> bool:
    """A subfolder, or a link to a folder: listed, never entered."""
    try:
        return d.is_dir()
    except OSError:  # a link loop and the like: an entry with a reason, not a folder
        return False


def _real(folder: Path) -> Path:
    return Path(os.path.realpath(folder))


class _Run:
    """Inventory, hashing and parsing of one collect run."""

    def __init__(
        self,
        ws: Workspace,
        store: Any,
        pk: PK | PKOutline,
        reader: Reader | None,
        progress: ProgressFn | None,
        total: int,
    ) -> None:
        self.ws, self.store, self.reader = ws, store, reader
        self.pk_loaded: PK | None = pk if isinstance(pk, PK) else None
        self._versions: PKVersions | None = None
        self.rechecked: list[Recheck] = []
        self.progress, self.total = progress, total
        self.entries: list[_Entry] = []
        self.inbox: Path | None = None  # real path: a link may point inside it, never out
        self.parsed_shas: set[str] = set()
        self.failed: dict[str, FileResult] = {}
        self.touched: set[tuple[str, str]] = set()
        self.frozen: dict[str, Any] = {}  # data periode -> the archive closing that froze it
        self._new: set[str] = set()
        self._bukti: Any = None  # the evidence checks, made when the first form is recorded
        self._done = 0
        self._commit: Callable[[], None] = lambda: None

    @property
    def versions(self) -> PKVersions:
        """The PK's versions (each form is checked against the one in force for its periode,
        docs/contract.md §13), read (from their caches) when the first file is parsed."""
        if self._versions is None:
            from kinerja_cli.services.pk_state import require_versions

            self._versions = require_versions(self.ws, self.store)
            self.pk_loaded = self._versions.latest.pk
        return self._versions

    def _recheck(self) -> None:
        """After a revision, every stored submission whose periode now has another PK version
        in force is checked again from its kept copy; a changed verdict is reported."""
        from kinerja_cli.store import pk_versions as rec
        from kinerja_cli.store.berkas import read_copy

        records = rec.recorded(self.store)
        if len(records) < 2:
            return  # never revised: every verdict was made under version 1

        def in_force(p: Periode) -> int:
            return max((r.versi for r in records if r.dari_tw <= p.triwulan), default=1)

        due = [
            row
            for row in rec.checked_under(self.store)
            if row[4] != in_force(Periode.parse(row[3]))
        ]
        if not due:
            return
        from kinerja_cli.io.xlsx import ensure_defused_openpyxl

        ensure_defused_openpyxl()  # docs/reliability.md A1
        versions = self.versions
        for sub_id, sha, name, periode_kode, before in due:
            sub = self.store.submission(sub_id)
            data = read_copy(self.ws, sha)
            if sub is None or data is None:
                continue  # no copy to check again (archive names it as missing)
            try:
                read = read_one(data, name, versions, self.reader)
            except Exception:  # one bad file never stops the others; its verdict stays
                continue
            periode = Periode.parse(periode_kode)
            ok = bool(read.ok) and read.data is not None
            status = DITERIMA if ok else DITOLAK
            now = getattr(read, "pk_versi", None) or versions.in_force(periode).versi
            findings = [f if f.file else f.at(file=name) for f in read.findings]
            self.store.recheck(
                sub_id, status=status, findings=findings, data=read.data, pk_versi=now
            )
            self.rechecked.append(
                Recheck(name, sub.bidang, periode_kode, sub.status, status, before, now)
            )
            if sub.bidang:
                self.touched.add((sub.bidang, periode.data_kode))

    def _tick(self) -> None:
        self._done += 1
        if self.progress is not None:
            self.progress(self._done, self.total)

    def read(self, listing: list[os.DirEntry[str]], jobs: int | None) -> None:
        """Inventory every entry; parse and record the new contents; chain the versions."""
        if self.progress is not None:
            self.progress(0, self.total)
        from kinerja_cli.store import lifecycle

        # A periode reopened since the last run: what it held is used again (docs/contract.md §12).
        self.touched.update(lifecycle.release_held(self.store))
        self.frozen = lifecycle.closed_data(self.store)
        # A PK revised since the last run: the verdicts it touches are made again (§13).
        self._recheck()
        todo = self._guarded(self._inventory(listing))
        with self.store.batch() as self._commit:
            if jobs is not None and jobs <= 1:
                for entry, data in todo:
                    self._parse(entry, data)
            else:
                self._parse_pooled(todo, jobs)
        with self.store.transaction():
            for e in self.entries:
                if e.sha and e.fixed is None and e.sha not in self.failed:
                    self.store.add_sighting(e.sha, e.raw, e.mtime_ns)
            # Also any pair an interrupted earlier run recorded but did not get to chain.
            for bidang, data_periode in sorted(self.touched | set(self.store.unchained())):
                self.store.resolve_versions(bidang, data_periode)
                self._check_corrections(bidang, data_periode)
            # A database from before schema v3: count the changed values once, now.
            for sub in self.store.uncounted():
                self.store.perubahan(sub)

    def _check_corrections(self, bidang: str, data_periode: str) -> None:
        """A new winning version that changes a corrected cell overrides that correction
        (docs/contract.md §11); collect's answer warns `koreksi-ditimpa` on it."""
        from kinerja_cli.store import corrections

        win = self.store.winner(bidang, data_periode)
        if win is not None:
            corrections.overrides(
                self.store, Periode.parse(data_periode), bidang, win.id, self.store.data(win)
            )

    def _guarded(self, todo: Iterator[tuple[_Entry, bytes]]) -> Iterator[tuple[_Entry, bytes]]:
        """The new files, once the XML defences are known to be on: checked before the first
        parse, so a re-run on an unchanged inbox never loads the readers at all."""
        first = True
        for item in todo:
            if first:
                from kinerja_cli.io.xlsx import ensure_defused_openpyxl

                ensure_defused_openpyxl()  # docs/reliability.md A1: never parse received files unprotected
                if self.reader is None:
                    self.reader = default_reader()
                first = False
            yield item

    def _inventory(self, listing: list[os.DirEntry[str]]) -> Iterator[tuple[_Entry, bytes]]:
        """Read and hash each file once; yield the new contents (first name in the run).

        Nothing here can block or stop the run: every entry ends as a result with a reason
        (junk, not a regular file, a link that is not followed, unreadable, too large) or as
        bytes with their hash (docs/reliability.md C13)."""
        from kinerja_cli.io.xlsx import is_junk_name
        from kinerja_cli.store.berkas import keep_copy

        for d in listing:
            e = _Entry(Path(d.path), display_name(d.name), d.name)
            self.entries.append(e)
            if is_junk_name(e.name):
                e.fixed = FileResult(
                    e.name,
                    _junk_sha(d),
                    DIABAIKAN,
                    catatan=["berkas kunci Office atau berkas sistem; diabaikan"],
                )
                self._tick()
                continue
            st: os.stat_result | None = None
            data: bytes | None = None
            try:
                source = self._source(e, d)
                if source is not None:
                    st, data = _read(source)
            except OSError as exc:
                e.fixed = FileResult(
                    e.name,
                    "",
                    DITOLAK,
                    findings=[
                        finding(
                            Code.BERKAS_TIDAK_TERBACA,
                            file=e.name,
                            sebab=exc.strerror or type(exc).__name__,
                        )
                    ],
                )
            if e.fixed is None and st is not None:
                e.size, e.mtime_ns = st.st_size, st.st_mtime_ns
                if not stat.S_ISREG(st.st_mode):  # e.g. swapped for a FIFO after the listing
                    e.fixed = _not_a_file(e.name, st.st_mode)
                elif data is None:
                    e.fixed = _too_large(e.name, st.st_size, st.st_mtime_ns)
            if e.fixed is not None or data is None:
                self._tick()
                continue
            e.size, e.sha = len(data), hashlib.sha256(data).hexdigest()
            if e.sha in self._new:
                self._tick()
                continue
            if self.store.known(e.sha) is not None:
                self._restore_copy(e, data)
                self._tick()
                continue
            self._new.add(e.sha)
            keep_copy(self.ws, e.sha, data)  # before parsing: nothing lost if the parser dies
            yield e, data

    def _source(self, e: _Entry, d: os.DirEntry[str]) -> Path | None:
        """The path to open for an entry, or None (and `e.fixed` set) when it is not read: a
        link is followed only to a file inside the inbox."""
        if not d.is_symlink():
            if d.is_file(follow_symlinks=False):
                return e.path
            e.fixed = _not_a_file(e.name, d.stat(follow_symlinks=False).st_mode)
            return None
        tujuan = display_name(os.readlink(d.path))
        try:
            st = os.stat(d.path)  # follows the link
        except FileNotFoundError:
            e.fixed = _link_refused(e.name, "putus", tujuan)
            return None
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
            e.fixed = _link_refused(e.name, "berputar", tujuan)
            return None
        real = _real(e.path)
        inbox = self.inbox or _real(e.path.parent)
        if not real.is_relative_to(inbox):
            e.fixed = _link_refused(e.name, None, display_name(str(real)))
            return None
        if not stat.S_ISREG(st.st_mode):
            e.fixed = _not_a_file(e.name, st.st_mode)
            return None
        return real

    def _restore_copy(self, e: _Entry, data: bytes) -> None:
        """Known bytes whose content copy is gone (or is not the right size) are copied again
        while they are at hand: the store must hold every file it knows (docs/reliability.md
        C3). A stat per file; the copy's hash is checked when it is read."""
        from kinerja_cli.store.berkas import copy_path, keep_copy

        try:
            if copy_path(self.ws, e.sha).stat().st_size == len(data):
                return
        except OSError:
            pass
        keep_copy(self.ws, e.sha, data)

    def _parse(self, e: _Entry, data: bytes) -> None:
        try:
            read = read_one(data, e.name, self.versions, self.reader)
        except (
            Exception
        ) as exc:  # one bad file never stops the others (docs/reliability.md Ground rule 1)
            self._fail(e, exc)
        else:
            self._record(e, read)
        self._tick()

    def _parse_pooled(self, todo: Iterator[tuple[_Entry, bytes]], jobs: int | None) -> None:
        from concurrent.futures.process import BrokenProcessPool

        workers = jobs if jobs is not None else min(2, os.cpu_count() or 1)
        pool: ProcessPoolExecutor | None = None
        pending: deque[tuple[_Entry, Future[Any]]] = deque()
        seen = restarts = 0
        try:
            for e, data in todo:
                seen += 1
                if (
                    pool is None
                    and restarts <= MAX_POOL_RESTARTS
                    and self._want_pool(jobs, seen, workers)
                ):
                    pool = self._pool(workers)
                if pool is None:
                    if restarts > MAX_POOL_RESTARTS:  # workers keep dying: stop reading
                        self._fail(e, BrokenProcessPool("proses pembaca berhenti berulang kali"))
                        self._tick()
                    else:
                        self._parse(e, data)
                    continue
                try:
                    pending.append((e, pool.submit(_read_in_worker, data, e.name)))
                except BrokenProcessPool as exc:  # a worker died: its batch fails, start afresh
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool, restarts = None, restarts + 1
                    self._fail(e, exc)
                    self._tick()
                while len(pending) >= _IN_FLIGHT * workers:
                    self._finish(*pending.popleft())
            while pending:
                self._finish(*pending.popleft())
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def _pool(self, workers: int) -> ProcessPoolExecutor:
        import multiprocessing

        # spawn everywhere: the same behaviour as Windows, and no forked sqlite handle.
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.versions, self.reader),
        )

    def _want_pool(self, jobs: int | None, new_seen: int, workers: int) -> bool:
        if workers <= 1:
            return False
        if jobs is not None:
            return True
        # Auto: project the new files from the share seen so far (a pool costs ~1 s to start).
        listed = max(len(self.entries), 1)
        return new_seen >= 10 and new_seen * self.total / listed > AUTO_JOBS_ABOVE

    def _finish(self, e: _Entry, fut: Future[Any]) -> None:
        try:
            read = fut.result()
        except Exception as exc:  # a worker that died (e.g. out of memory) fails one file
            self._fail(e, exc)
        else:
            self._record(e, read)
        self._tick()

    def _fail(self, e: _Entry, exc: BaseException) -> None:
        # Not recorded: the next run tries again (perhaps with a fixed kinerja).
        from concurrent.futures.process import BrokenProcessPool

        broken = isinstance(exc, BrokenProcessPool)
        self.failed[e.sha] = FileResult(
            e.name,
            e.sha,
            DITOLAK,
            findings=[
                finding(
                    Code.GAGAL_MEMBACA,
                    file=e.name,
                    variant="pembaca-berhenti" if broken else None,
                    sebab=f"{type(exc).__name__}: {str(exc)[:200]}",
                )
            ],
        )

    def _evidence(self) -> Any:
        """The evidence checks (docs/contract.md §14): `bukti/` listed once per run."""
        if self._bukti is None:
            from kinerja_cli.services.bukti import PemeriksaBukti

            self._bukti = PemeriksaBukti.of(self.ws)
        return self._bukti

    def _record(self, e: _Entry, read: Any) -> None:
        periode: Periode | None = getattr(read, "periode", None)
        bidang: str | None = getattr(read, "bidang", None)
        data = getattr(read, "data", None)
        if data is not None and periode is not None:
            read.findings.extend(self._evidence().periksa(read, periode))
        ok = bool(read.ok) and bool(bidang) and periode is not None and data is not None
        findings = [f if f.file else f.at(file=e.name) for f in read.findings]
        self.store.record(
            sha=e.sha,
            name=e.raw,
            size=e.size,
            mtime_ns=e.mtime_ns,
            kind=getattr(read, "kind", None) or "unknown",
            bidang=bidang or None,
            periode=periode,
            form_id=getattr(read, "form_id", None),
            status=DITERIMA if ok else DITOLAK,
            findings=findings,
            data=data,
            producer=getattr(read, "producer", None),
            ditahan=periode is not None and periode.data_kode in self.frozen,
            pk_versi=getattr(read, "pk_versi", None),
        )
        self.parsed_shas.add(e.sha)
        self._commit()
        if bidang and periode is not None:
            self.touched.add((bidang, periode.data_kode))


def _read(p: Path) -> tuple[os.stat_result, bytes | None]:
    """The stat of the opened inbox file and its bytes, None for the bytes when it is not a
    regular file or is larger than MAX_READ (io/safe_file.py: decided from the descriptor)."""
    return read_bounded(p, MAX_READ)


def _junk_sha(d: os.DirEntry[str]) -> str:
    """The hash of a junk file when it is a small regular file, else ''."""
    try:
        if d.is_symlink() or not d.is_file(follow_symlinks=False):
            return ""
        _st, data = _read(Path(d.path))
    except OSError:
        return ""
    return "" if data is None else hashlib.sha256(data).hexdigest()


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "pipa bernama (FIFO)"
    if stat.S_ISCHR(mode):
        return "berkas perangkat karakter"
    if stat.S_ISBLK(mode):
        return "berkas perangkat blok"
    if stat.S_ISSOCK(mode):
        return "soket"
    if stat.S_ISDIR(mode):
        return "folder"
    return "entri sistem berkas yang tidak dikenal"


def _not_a_file(name: str, mode: int) -> FileResult:
    return FileResult(
        name,
        "",
        DIABAIKAN,
        findings=[finding(Code.ENTRI_BUKAN_BERKAS, file=name, jenis=_kind_of(mode))],
    )


def _link_refused(name: str, variant: str | None, tujuan: str) -> FileResult:
    return FileResult(
        name,
        "",
        DITOLAK,
        findings=[finding(Code.TAUTAN_TIDAK_DIIKUTI, file=name, variant=variant, tujuan=tujuan)],
        kind="link",
    )


def _too_large(name: str, size: int, mtime_ns: int) -> FileResult:
    """Refused by its size alone: never read, hashed, copied or recorded (a 1 TiB sparse file
    costs one stat on every run)."""
    from kinerja_cli.io.xlsx import finding as file_finding
    from kinerja_cli.store.records import mtime_iso

    mb = f"{size / (1 << 20):.1f} MB".replace(".", ",")
    return FileResult(
        name,
        "",
        DITOLAK,
        findings=[file_finding(Code.FILE_TOO_LARGE, name, mb)],
        kind="too-large",
        received=mtime_iso(mtime_ns),
    )


__all__ = [
    "BELUM",
    "DIABAIKAN",
    "DITERIMA",
    "DITOLAK",
    "DUPLIKAT",
    "WARNING",
    "BidangResult",
    "CollectResult",
    "FileResult",
    "collect",
    "read_one",
]
