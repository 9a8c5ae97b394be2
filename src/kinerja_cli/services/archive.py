"""`kinerja archive`: freeze a periode into arsip/<tahun>/<periode>/vN with a SHA-256 manifest.

SOP step 10. Archiving again never overwrites: each run adds the next version folder. Files
are made read-only; `--verify` re-hashes and names any file that changed or disappeared.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import platform
import shutil
import sqlite3
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_cli import __version__
from kinerja_cli.domain.periode import Periode
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.atomic import atomic_write_text, sha256_file
from kinerja_cli.io.workspace import Workspace

MANIFEST = "MANIFEST.json"


@dataclass
class ArchiveResult:
    """One archive version written."""

    folder: Path
    version: int
    files: list[tuple[str, str, int]]  # (relative path, sha256, size)


@dataclass
class VerifyResult:
    """What `archive --verify` found, per archive version."""

    checked: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # Bahasa Indonesia lines

    @property
    def ok(self) -> bool:
        """True when every archived file is intact."""
        return not self.problems


def _periode_dir(ws: Workspace, periode: Periode) -> Path:
    return ws.arsip / str(ws.settings.tahun) / periode.kode


def _next_version(base: Path) -> int:
    versions = (
        [int(p.name[1:]) for p in base.glob("v*") if p.name[1:].isdigit()] if base.exists() else []
    )
    return max(versions, default=0) + 1


def _copy_pk(ws: Workspace, sha: str, dest: Path) -> None:
    """The PK version with this hash: pk.xlsx itself, or the kept copy of an earlier version."""
    from kinerja_cli.store.berkas import copy_path, pk_folder

    src = ws.pk if sha256_file(ws.pk) == sha else copy_path(ws, sha, pk_folder(ws))
    shutil.copy2(src, dest)


def _safe_name(name: str) -> str:
    return "".join(c if c not in '<>:"/\\|?*' else "_" for c in name).strip(". ") or "berkas"


def archive(ws: Workspace, periode: Periode, argv: list[str] | None = None) -> ArchiveResult:
    """Copy the PK, every submission, the store records, draft and reports into a new version,
    and close the periode (docs/contract.md §12)."""
    from kinerja_cli.store.lock import workspace_lock

    with workspace_lock(ws, "kinerja archive"):
        return _archive(ws, periode, argv)


@dataclass
class ReopenResult:
    """A reopened periode: the closing it undid and the reopening recorded."""

    periode: Periode
    versi: int | None
    alasan: str
    oleh: str
    waktu: str
    ditahan: int  # files held while it was closed, evaluated by the next collect


def reopen(ws: Workspace, periode: Periode, alasan: str) -> ReopenResult:
    """`kinerja archive --buka --alasan`: reopen a closed periode, recording who, when and why."""
    from kinerja_cli.store import lifecycle
    from kinerja_cli.store.db import Store
    from kinerja_cli.store.lock import workspace_lock

    alasan = " ".join((alasan or "").split())
    if not alasan:
        raise KinerjaError(
            'alasan membuka kembali wajib diisi, mis. --alasan "koreksi realisasi IK.05 dari '
            'Bidang Bina Marga"'
        )
    with workspace_lock(ws, "kinerja archive --buka"), Store.open(ws) as store:
        closed = lifecycle.closing(store, periode)
        if closed is None:
            raise KinerjaError(
                f"{periode.label} tidak sedang ditutup (belum diarsipkan, atau sudah dibuka "
                "kembali); tidak ada yang perlu dibuka."
            )
        event = lifecycle.record_reopen(store, periode, alasan)
        held = lifecycle.held(store, {periode.data_kode})
    return ReopenResult(periode, closed.versi, alasan, event.oleh, event.at, held)


def _archive(ws: Workspace, periode: Periode, argv: list[str] | None) -> ArchiveResult:
    from kinerja_cli.store import lifecycle
    from kinerja_cli.store.db import Store

    with Store.open(ws) as store:
        closed = lifecycle.closing(store, periode)
        if closed is not None:
            opsi = "" if periode.tahunan else f" --triwulan {periode.triwulan}"
            raise KinerjaError(
                f"{periode.label} sudah diarsipkan dan ditutup (arsip v{closed.versi}); arsip baru "
                "hanya dibuat setelah periode dibuka kembali dengan alasan: kinerja archive"
                f'{opsi} --buka --alasan "..."'
            )
        reopened = lifecycle.reopening_since_close(store, periode)
        # What the periode held while it was closed counts once it is open again.
        for bidang, data_periode in lifecycle.release_held(store):
            store.resolve_versions(bidang, data_periode)
    from kinerja_cli.services.pk_state import in_force

    pk_versi = in_force(ws, periode)  # the archive keeps the PK the periode was measured by
    base = _periode_dir(ws, periode)
    version = _next_version(base)
    final = base / f"v{version}"
    staging = base / f".v{version}.tmp"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        _copy_pk(ws, pk_versi.pk.sha256, staging / "pk.xlsx")
        shutil.copy2(ws.config, staging / "kinerja.toml")
        from kinerja_cli.store.berkas import read_copy

        with Store.open(ws) as store:
            subs = store.submissions(periode)
            for s in subs:
                if s.status == "diabaikan":
                    continue
                src = store.blob_path(s.sha256)
                if read_copy(ws, s.sha256) is None:  # missing, or damaged (not its hash)
                    continue
                group = "diterima" if s.status == "diterima" else "ditolak"
                tag = "" if s.winner or group == "ditolak" else "-digantikan"
                sub = staging / "kiriman" / group / (s.bidang or "tanpa-bidang")
                sub.mkdir(parents=True, exist_ok=True)
                stem = Path(_safe_name(s.file)).stem
                shutil.copy2(src, sub / f"{stem}{tag}-{s.sha256[:8]}.xlsx")
            outputs = store.outputs(periode=periode)
            latest: dict[str, Path] = {}
            for o in outputs:
                if o.kind == "arsip":
                    continue
                p = ws.root / o.path
                if p.exists():
                    latest[o.kind] = p
            for p in latest.values():
                dest = staging / ("hasil" if p.parent != ws.umpan_balik else "umpan-balik")
                dest.mkdir(exist_ok=True)
                shutil.copy2(p, dest / p.name)
            for fb in sorted(ws.umpan_balik.glob("*")) if ws.umpan_balik.exists() else []:
                if fb.is_file():
                    (staging / "umpan-balik").mkdir(exist_ok=True)
                    shutil.copy2(fb, staging / "umpan-balik" / fb.name)
            records = [s.__dict__ for s in subs]
            from kinerja_cli.store import corrections

            log = [c.__dict__ for c in corrections.all_of(store, periode)]
        if log:  # the Sekretaris's corrections (docs/contract.md §11), overridden ones included
            (staging / "koreksi.json").write_text(
                json.dumps(log, ensure_ascii=False, indent=2), encoding="utf-8"
            )
        # The store's records as they were: a consistent copy of the database and a readable list.
        src_db = sqlite3.connect(ws.db)
        dst_db = sqlite3.connect(staging / "kinerja.db")
        with dst_db:
            src_db.backup(dst_db)
        src_db.close()
        dst_db.close()
        (staging / "kiriman.json").write_text(
            json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        files = []
        for p in sorted(staging.rglob("*")):
            if p.is_file():
                files.append((p.relative_to(staging).as_posix(), sha256_file(p), p.stat().st_size))
        manifest = {
            "alat": f"kinerja {__version__}",
            "waktu": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "oleh": f"{getpass.getuser()}@{platform.node()}",
            "perintah": " ".join(argv or sys.argv),
            "tahun": ws.settings.tahun,
            "periode": periode.kode,
            "pk_versi": pk_versi.versi,
            "versi": version,
            "berkas": [{"path": r, "sha256": h, "ukuran": n} for r, h, n in files],
        }
        if reopened is not None:
            before, event = reopened
            manifest["dibuka_kembali"] = {
                "alasan": event.alasan,
                "waktu": event.at,
                "oleh": event.oleh,
            }
            manifest["manifest_sebelumnya"] = {
                "versi": before.versi,
                "path": before.manifest,
                "sha256": before.manifest_sha256,
            }
        atomic_write_text(staging / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        os.replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _make_read_only(final)
    manifest_sha = sha256_file(final / MANIFEST)
    with Store.open(ws) as store, store.transaction():
        store.record_output("arsip", periode, final / MANIFEST, manifest_sha)
        rel = (final / MANIFEST).relative_to(ws.root).as_posix()
        lifecycle.record_close(store, periode, version, rel, manifest_sha)
    return ArchiveResult(final, version, files)


def _make_read_only(folder: Path) -> None:
    """Files read-only (Windows: the read-only attribute); folders not writable on POSIX."""
    for p in sorted(folder.rglob("*"), reverse=True):
        if p.is_file():
            os.chmod(p, stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)
    if os.name != "nt":
        for d in sorted([*folder.rglob("*"), folder], reverse=True):
            if d.is_dir():
                os.chmod(
                    d,
                    stat.S_IREAD
                    | stat.S_IXUSR
                    | stat.S_IRGRP
                    | stat.S_IXGRP
                    | stat.S_IROTH
                    | stat.S_IXOTH,
                )


def verify(ws: Workspace, periode: Periode | None) -> VerifyResult:
    """Re-hash every archived file of the periode (or of every periode) against its manifest."""
    res = VerifyResult()
    root = ws.arsip / str(ws.settings.tahun)
    bases = [root / periode.kode] if periode is not None else sorted(root.glob("*"))
    for base in bases:
        for folder in sorted(base.glob("v*")):
            mf = folder / MANIFEST
            rel = folder.relative_to(ws.root).as_posix()
            res.checked.append(folder)
            try:
                manifest = json.loads(mf.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                res.problems.append(f"{rel}/{MANIFEST}: manifest hilang atau rusak")
                continue
            listed = set()
            for entry in manifest.get("berkas", []):
                p = folder / entry["path"]
                listed.add(entry["path"])
                if not p.exists():
                    res.problems.append(f"{rel}/{entry['path']}: berkas hilang")
                elif sha256_file(p) != entry["sha256"]:
                    res.problems.append(f"{rel}/{entry['path']}: isi berubah (SHA-256 tidak cocok)")
            for p in folder.rglob("*"):
                r = p.relative_to(folder).as_posix()
                if p.is_file() and r != MANIFEST and r not in listed:
                    res.problems.append(f"{rel}/{r}: berkas tambahan yang tidak ada di manifest")
    if not res.checked:
        where = periode.kode if periode else str(ws.settings.tahun)
        raise KinerjaError(
            f"belum ada arsip untuk {where}; buat dengan: kinerja archive", exit_code=1
        )
    return res
