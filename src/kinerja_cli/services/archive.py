"""`kinerja archive`: freeze a periode into arsip/<tahun>/<periode>/vN with a SHA-256 manifest.

SOP step 10. Archiving again never overwrites: each run adds the next version folder. Files
are made read-only. The store records every manifest it writes with its SHA-256 before the
version folder appears, so `--verify` checks each version against what kinerja knows it wrote:
a version that disappeared, a manifest rewritten together with a file, or a folder kinerja
never made are all named (docs/reliability.md C15). A submission whose content copy is gone
is named as missing, never silently left out.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import platform
import re
import shutil
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from kinerja_cli import __version__
from kinerja_cli.domain.names import path_component, split_name
from kinerja_cli.domain.periode import Periode
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.atomic import atomic_write_text, is_temp_name, sha256_file
from kinerja_cli.io.workspace import Workspace

MANIFEST = "MANIFEST.json"
KIND_ARSIP = "arsip"
_SHA = re.compile(r"[0-9a-f]{64}")


@dataclass
class ArchiveResult:
    """One archive version written."""

    folder: Path
    version: int
    files: list[tuple[str, str, int]]  # (relative path, sha256, size)
    hilang: list[str] = field(default_factory=list)  # submissions left out, one line each

    @property
    def lengkap(self) -> bool:
        """True when every submission of the periode is in the archive."""
        return not self.hilang

    @property
    def exit_code(self) -> int:
        """0 complete, 1 written but a submission's content is missing (named in `hilang`)."""
        return 0 if self.lengkap else 1


@dataclass
class VerifyResult:
    """What `archive --verify` found, per archive version."""

    checked: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # Bahasa Indonesia lines
    notes: list[str] = field(default_factory=list)  # known when archived, not damage

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


def archive(ws: Workspace, periode: Periode, argv: list[str] | None = None) -> ArchiveResult:
    """Copy the PK, every submission, the store records, draft and reports into a new version,
    and close the periode (docs/contract.md §12)."""
    from kinerja_cli.store.lock import workspace_lock

    if not ws.pk.is_file():
        raise KinerjaError(
            f"berkas PK {ws.pk.name} tidak ada di ruang kerja, padahal arsip harus memuat PK "
            f"yang dipakai. Kembalikan {ws.pk.name} (mis. dari arsip sebelumnya) lalu jalankan "
            "ulang kinerja archive.",
            location=str(ws.pk),
        )
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


def _copy_name(file: str, tag: str, sha: str, taken: set[str]) -> str:
    """The archive copy of a submission: its (safe, bounded) stem, the tag and the hash."""
    stem = path_component(split_name(file)[0])
    for digits in (8, 16, 64):  # longer only when two contents share the first digits
        name = f"{stem}{tag}-{sha[:digits]}.xlsx"
        if name.casefold() not in taken:
            break
    taken.add(name.casefold())
    return name


def _archive(ws: Workspace, periode: Periode, argv: list[str] | None) -> ArchiveResult:
    from kinerja_cli.store import lifecycle
    from kinerja_cli.store.berkas import copy_path, read_copy
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
    hilang: list[dict[str, Any]] = []
    try:
        _copy_pk(ws, pk_versi.pk.sha256, staging / "pk.xlsx")
        shutil.copy2(ws.config, staging / "kinerja.toml")
        with Store.open(ws) as store:
            subs = store.submissions(periode)
            taken: dict[Path, set[str]] = {}
            for s in subs:
                if s.status == "diabaikan":
                    continue
                data = read_copy(ws, s.sha256)
                if data is None:  # missing, or damaged (not its hash): say so
                    sebab = _missing(ws, s.sha256, s.kind, copy_path(ws, s.sha256))
                    hilang.append(
                        {
                            "file": s.file,
                            "sha256": s.sha256,
                            "bidang": s.bidang,
                            "status": s.status,
                            "sebab": sebab,
                        }
                    )
                    continue
                group = "diterima" if s.status == "diterima" else "ditolak"
                tag = "" if s.winner or group == "ditolak" else "-digantikan"
                sub = staging / "kiriman" / group / path_component(s.bidang or "tanpa-bidang")
                sub.mkdir(parents=True, exist_ok=True)
                (sub / _copy_name(s.file, tag, s.sha256, taken.setdefault(sub, set()))).write_bytes(
                    data
                )
            outputs = store.outputs(periode=periode)
            latest: dict[str, Path] = {}
            for o in outputs:
                if o.kind == KIND_ARSIP:
                    continue
                p = ws.root / o.path
                if p.is_file():
                    latest[o.kind] = p
            for p in latest.values():
                dest = staging / ("hasil" if p.parent != ws.umpan_balik else "umpan-balik")
                dest.mkdir(exist_ok=True)
                shutil.copy2(p, dest / p.name)
            for fb in _feedback_files(ws):
                (staging / "umpan-balik").mkdir(exist_ok=True)
                shutil.copy2(fb, staging / "umpan-balik" / fb.name)
            # The evidence the accepted submissions name, each file with its SHA-256 (§14).
            from kinerja_cli.services.bukti import arsipkan

            bukti = arsipkan(ws, store.accepted(periode), staging)
            records = [s.__dict__ for s in subs]
            from kinerja_cli.store import corrections

            log = [c.__dict__ for c in corrections.all_of(store, periode)]
            # The store's records as they were: a consistent copy of the database.
            store.backup_to(staging / "kinerja.db")
        if log:  # the Sekretaris's corrections (docs/contract.md §11), overridden ones included
            (staging / "koreksi.json").write_text(
                json.dumps(log, ensure_ascii=False, indent=2), encoding="utf-8"
            )
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
            "oleh": f"{_user()}@{platform.node()}",
            "perintah": " ".join(argv or sys.argv),
            "tahun": ws.settings.tahun,
            "periode": periode.kode,
            "pk_versi": pk_versi.versi,
            "versi": version,
            "berkas": [{"path": r, "sha256": h, "ukuran": n} for r, h, n in files],
            "tidak_lengkap": hilang,
            "bukti": bukti,
            "riwayat": {"tahun_lalu": _link_from(ws, final)},
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
        sha = sha256_file(staging / MANIFEST)
        # Recorded first, then moved into place: a crash in between leaves a record whose
        # folder is missing (verify names it), never a version the store does not know.
        # A complete archive closes the periode, recorded with it (docs/contract.md §12); an
        # incomplete one leaves it open, so it can be archived again once the copies are back.
        rel = (final / MANIFEST).relative_to(ws.root).as_posix()
        with Store.open(ws) as store:
            closing_id = None
            with store.transaction():
                store.record_output(KIND_ARSIP, periode, final / MANIFEST, sha)
                if not hilang:
                    closing_id = lifecycle.record_close(store, periode, version, rel, sha)
            try:
                os.replace(staging, final)
            except BaseException:
                store.forget_output(KIND_ARSIP, final / MANIFEST, sha)
                if closing_id is not None:
                    lifecycle.forget_event(store, closing_id)
                raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _make_read_only(final)
    return ArchiveResult(final, version, files, [_hilang_line(h) for h in hilang])


def _link_from(ws: Workspace, folder: Path) -> str:
    """Last year's folder relative to the archive version (its kinerja.toml's link is relative
    to the workspace), so a chain of years can be followed from the archive (§14)."""
    from kinerja_cli.services.riwayat import linked_folder

    linked = linked_folder(ws)
    if linked is None:
        return ""
    try:
        return Path(os.path.relpath(linked.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another Windows drive
        return str(linked.resolve())


def _missing(ws: Workspace, sha: str, kind: str, copy: Path) -> str:
    """Why a submission's content is not in the archive, in words; a damaged copy is moved
    aside so that the next collect of the same bytes copies them again."""
    if kind == "too-large":
        return "berkas terlalu besar; isinya memang tidak pernah disimpan"
    if not copy.exists():
        return "salinan isinya di .kinerja/berkas hilang"
    try:
        os.replace(copy, copy.with_name(copy.name + ".rusak"))
    except OSError:
        pass
    return "salinan isinya di .kinerja/berkas rusak (tidak cocok dengan SHA-256-nya)"


def _hilang_line(h: dict[str, Any]) -> str:
    where = f"{h['bidang']}, " if h.get("bidang") else ""
    return (
        f"{h['file']} ({where}{h['status']}, SHA-256 {h['sha256'][:12]}…): {h['sebab']}. "
        "Bila berkas aslinya masih ada, taruh di folder masuk, jalankan kinerja collect, lalu "
        "kinerja archive lagi."
    )


def _feedback_files(ws: Workspace) -> list[Path]:
    """The feedback files to freeze: regular files, never a temp file of a killed run."""
    if not ws.umpan_balik.is_dir():
        return []
    out = []
    for fb in sorted(ws.umpan_balik.iterdir()):
        if is_temp_name(fb.name) or fb.name.startswith(("~$", ".")):
            continue
        if fb.is_file() and not fb.is_symlink():
            out.append(fb)
    return out


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no USER/USERNAME and no pwd entry (some service accounts)
        return "?"


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


# ---- verify -------------------------------------------------------------------------------


def verify(ws: Workspace, periode: Periode | None) -> VerifyResult:
    """Check every archive version of the periode (or of every periode of the year) against
    what the store recorded when it was written, then every file against its manifest."""
    from kinerja_cli.store.db import Store

    res = VerifyResult()
    root = ws.arsip / str(ws.settings.tahun)
    prefix = root.relative_to(ws.root).as_posix() + "/"
    with Store.open(ws) as store:
        outputs = store.outputs(KIND_ARSIP, periode)
    recorded: dict[Path, tuple[str, str]] = {}  # folder -> (manifest sha256, written)
    for o in outputs:
        if o.path.startswith(prefix) and o.path.endswith("/" + MANIFEST):
            recorded[ws.root / o.path[: -len(MANIFEST) - 1]] = (o.sha256, o.written)
    bases = [root / periode.kode] if periode is not None else sorted(root.glob("*"))
    on_disk = {
        folder
        for base in bases
        for folder in base.glob("v*")
        if folder.is_dir() and folder.name[1:].isdigit()
    }
    for folder in sorted(recorded.keys() | on_disk, key=_version_key):
        res.checked.append(folder)
        rel = folder.relative_to(ws.root).as_posix()
        known = recorded.get(folder)
        if known is not None and not folder.is_dir():
            staging = folder.with_name(f".{folder.name}.tmp")
            why = (
                " (archive terputus sebelum selesai; jalankan kinerja archive lagi)"
                if staging.exists()
                else ""
            )
            res.problems.append(
                f"{rel}: versi arsip hilang (dibuat kinerja {known[1].replace('T', ' ')}){why}"
            )
            continue
        _verify_version(folder, rel, known, res)
    if not res.checked:
        where = periode.kode if periode else str(ws.settings.tahun)
        raise KinerjaError(
            f"belum ada arsip untuk {where}; buat dengan: kinerja archive", exit_code=1
        )
    return res


def _version_key(folder: Path) -> tuple[str, int]:
    return folder.parent.name, int(folder.name[1:]) if folder.name[1:].isdigit() else 0


def _verify_version(
    folder: Path, rel: str, known: tuple[str, str] | None, res: VerifyResult
) -> None:
    mf = folder / MANIFEST
    if known is None:
        res.problems.append(
            f"{rel}: versi arsip ini tidak tercatat di basis data kinerja (tidak dibuat oleh "
            "kinerja archive di ruang kerja ini, atau basis data dipulihkan dari cadangan yang "
            "lebih lama); isinya tidak dapat dijamin"
        )
    try:
        raw = mf.read_bytes()
    except OSError:
        res.problems.append(f"{rel}/{MANIFEST}: manifest hilang")
        return
    if known is not None and _sha256(raw) != known[0]:
        res.problems.append(
            f"{rel}/{MANIFEST}: manifest berubah sejak ditulis (SHA-256-nya tidak cocok dengan "
            "catatan basis data); isi arsip ini tidak dapat dijamin"
        )
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        res.problems.append(f"{rel}/{MANIFEST}: manifest rusak (bukan JSON yang sah)")
        return
    entries = manifest.get("berkas") if isinstance(manifest, dict) else None
    if not isinstance(entries, list):
        res.problems.append(f"{rel}/{MANIFEST}: manifest tidak sah (tidak ada daftar 'berkas')")
        return
    listed: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        path = _entry_path(entry)
        if path is None:
            res.problems.append(
                f"{rel}/{MANIFEST}: entri berkas ke-{n} tidak sah (perlu 'path' relatif dan "
                "'sha256')"
            )
            continue
        listed.add(path)
        p = folder / path
        if not p.is_file():
            res.problems.append(f"{rel}/{path}: berkas hilang")
        elif sha256_file(p) != entry["sha256"]:
            res.problems.append(f"{rel}/{path}: isi berubah (SHA-256 tidak cocok)")
    for p in sorted(folder.rglob("*")):
        r = p.relative_to(folder).as_posix()
        if p.is_file() and r != MANIFEST and r not in listed:
            res.problems.append(f"{rel}/{r}: berkas tambahan yang tidak ada di manifest")
    for h in manifest.get("tidak_lengkap") or [] if isinstance(manifest, dict) else []:
        if isinstance(h, dict) and {"file", "sha256", "status", "sebab"} <= h.keys():
            res.notes.append(f"{rel}: tidak lengkap sejak dibuat: {_hilang_line(h)}")


def _entry_path(entry: object) -> str | None:
    """The relative path of a well-formed manifest entry, or None."""
    if not isinstance(entry, dict):
        return None
    path, sha = entry.get("path"), entry.get("sha256")
    if not isinstance(path, str) or not isinstance(sha, str) or not _SHA.fullmatch(sha):
        return None
    pure = PurePosixPath(path)
    if not path or pure.is_absolute() or ".." in pure.parts or "\\" in path or ":" in path:
        return None
    return pure.as_posix()


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
