"""Years of history: the linked previous years' realisation and capaian per indicator code
(LKjIP Bab III A.2, docs/contract.md §14).

`kinerja init --dari PATH` links a workspace to last year's workspace or archive folder
(`[riwayat] tahun_lalu` in kinerja.toml), stored relative to the workspace so that folders can
be moved together. Each linked year's own kinerja.toml links the year before it: the chain is
followed back up to five years. Compile and report then show last year's figures and the
trend; an unlinked year says so and never invents numbers.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from kinerja_cli.domain.periode import TAHUNAN
from kinerja_cli.domain.results import Kompilasi, Riwayat, TahunLalu
from kinerja_cli.domain.settings import Settings
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.config import CONFIG_NAME, load_settings
from kinerja_cli.io.workspace import Workspace

MAKS_TAHUN = 5  # PermenPANRB 53/2014 asks for "the last few years": a Renstra period
MANIFEST = "MANIFEST.json"  # services/archive.py writes it; its `riwayat` holds the link


def link_text(target: Path, workspace: Path) -> str:
    """How `init --dari` stores the link: relative to the workspace (so the two folders can
    be moved together), absolute only when no relative path exists (another Windows drive)."""
    try:
        return Path(os.path.relpath(Path(target).resolve(), Path(workspace).resolve())).as_posix()
    except ValueError:
        return str(Path(target).resolve())


def _is_archive(folder: Path) -> bool:
    return (folder / "kinerja.db").is_file() and not (folder / ".kinerja").is_dir()


def _bases(folder: Path) -> list[Path]:
    """Where a relative link written in `folder`'s kinerja.toml may be resolved from: the
    folder itself; for an archive version (`<ws>/arsip/<tahun>/<periode>/vN`, whose
    kinerja.toml is the workspace's copy) the workspace it was made in."""
    out = [folder]
    if _is_archive(folder) and len(folder.parents) >= 4 and folder.parents[2].name == "arsip":
        out.append(folder.parents[3])
    return out


def _resolve(folder: Path, raw: str) -> tuple[Path | None, str]:
    """The folder a link points to, and a note when it had to be found another way (a link
    stored as an absolute path before the folders were moved)."""
    raw = raw.strip()
    if not raw:
        return None, ""
    p = Path(raw)
    candidates: list[Path] = []
    if _is_archive(folder):
        linked = _manifest_link(folder)
        if linked:
            candidates.append(folder / linked)
    if p.is_absolute():
        candidates.append(p)
    else:
        candidates += [base / p for base in _bases(folder)]
    for c in candidates:
        if (c / CONFIG_NAME).is_file():
            return c, ""
    if p.is_absolute():
        # Made before links were relative: the folders were moved together, try the sibling.
        sibling = folder.parent / p.name
        if (sibling / CONFIG_NAME).is_file():
            return sibling, (
                f"tautan {raw} tidak ditemukan; dipakai {sibling} (folder bernama sama di samping "
                f"ruang kerja). Perbarui riwayat.tahun_lalu di {CONFIG_NAME}."
            )
    return candidates[0] if candidates else None, ""


def _manifest_link(folder: Path) -> str:
    """The archive's own record of last year's folder, relative to the archive version."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        link = data.get("riwayat", {}).get("tahun_lalu", "")
        return link if isinstance(link, str) else ""
    except (OSError, ValueError, AttributeError):
        return ""


def linked_folder(ws: Workspace) -> Path | None:
    """Last year's folder from kinerja.toml, or None when the year is not linked."""
    folder, _note = _resolve(ws.root, ws.settings.tahun_lalu)
    return folder


def load_tahun_lalu(ws: Workspace) -> dict[str, TahunLalu] | None:
    """Last year's tahunan figures per indicator code; None when no previous year is linked."""
    riwayat = load_riwayat(ws)
    return None if riwayat is None else riwayat.terakhir()


def load_riwayat(ws: Workspace) -> Riwayat | None:
    """The linked years, oldest first, up to five back; None when no previous year is linked.
    A broken first link stops the command (exit 2); a broken link further back ends the chain
    with a note."""
    folder, note = _resolve(ws.root, ws.settings.tahun_lalu)
    if folder is None:
        return None
    if not (folder / CONFIG_NAME).is_file():
        raise KinerjaError(
            f"folder tahun lalu {folder} (riwayat.tahun_lalu di {CONFIG_NAME}) tidak ditemukan; "
            "perbaiki jalurnya atau kosongkan isian itu"
        )
    notes = [note] if note else []
    years: list[tuple[int, dict[str, TahunLalu]]] = []
    seen = {ws.root.resolve()}
    newest = ws.settings.tahun
    current: Path | None = folder
    while current is not None and len(years) < MAKS_TAHUN:
        if current.resolve() in seen:
            notes.append(f"tautan riwayat {current} berputar; rantai dihentikan")
            break
        seen.add(current.resolve())
        if not (current / CONFIG_NAME).is_file():
            notes.append(f"folder tahun sebelumnya {current} tidak ditemukan; rantai berhenti")
            break
        try:
            settings = load_settings(current / CONFIG_NAME)
        except KinerjaError as exc:
            if not years:
                raise
            notes.append(f"{current / CONFIG_NAME} tidak dapat dibaca ({exc}); rantai berhenti")
            break
        if settings.tahun >= newest:
            notes.append(
                f"{current} berisi tahun {settings.tahun}, bukan tahun sebelum {newest}; "
                "rantai berhenti"
            )
            break
        newest = settings.tahun
        figures = _figures(current, settings)
        if figures:
            years.append((settings.tahun, figures))
        else:
            notes.append(f"Tahun {settings.tahun} ({current}) belum memiliki data tahunan")
        current, note = _resolve(current, settings.tahun_lalu)
        if note:
            notes.append(note)
    years.reverse()
    tahun = tuple(t for t, _ in years)
    kode = dict.fromkeys(k for _, d in years for k in d)
    return Riwayat(
        tahun=tahun,
        indikator={k: tuple(d.get(k) for _, d in years) for k in kode},
        catatan=tuple(notes),
    )


def _figures(folder: Path, settings: Settings) -> dict[str, TahunLalu]:
    """One linked year's tahunan figures per indicator code (a workspace or an archive)."""
    k = _kompilasi(folder, settings)
    if k is None:
        return {}
    return {
        i.kode: TahunLalu(k.tahun, i.target_teks, i.realisasi, i.capaian)
        for i in k.indikator
        if i.realisasi is not None
    }


def _kompilasi(folder: Path, settings: Settings) -> Kompilasi | None:
    """A linked year's tahunan measurement (a workspace or an archive), None without data.

    Another year's folder is only read, never written: its database is copied (read-only
    snapshot) with its PK into a temporary workspace, so opening it cannot migrate or lock it."""
    db = folder / ".kinerja" / "kinerja.db"
    if not db.is_file():
        db = folder / "kinerja.db"  # an archive version
    if not db.is_file() or not (folder / settings.pk).is_file():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".kinerja").mkdir()
        _snapshot(db, root / ".kinerja" / "kinerja.db")
        shutil.copyfile(folder / settings.pk, root / settings.pk)
        return _from(Workspace(root, settings))


def _snapshot(db: Path, dest: Path) -> None:
    """A consistent copy of a database opened read-only (the file copied when SQLite cannot
    open it so, e.g. on a read-only medium with a journal left behind)."""
    import sqlite3

    try:
        src = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(dest)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error:
        shutil.copyfile(db, dest)


def _from(prev: Workspace) -> Kompilasi | None:
    from kinerja_cli.domain.kompilasi import kompilasi
    from kinerja_cli.io.pk import read_pk
    from kinerja_cli.store.db import Store

    res = read_pk(prev.pk, prev.settings.rumus_turun)
    if res.pk is None:
        return None
    with Store.open(prev) as store:
        data = store.accepted(TAHUNAN)
        status = store.bidang_status(TAHUNAN)
    if not data:
        return None
    return kompilasi(res.pk, prev.settings, TAHUNAN, data, status, [], {})


def renstra_sd(folder: Path) -> dict[str, dict[str, object]]:
    """Last year's Renstra realisation s/d its year (Evaluasi Renja column 13) per code, for
    `init --dari` to carry as this year's `Realisasi Renstra s/d Tahun Lalu`: per sheet
    (Indikator, Anggaran), kode -> a number rounded to 2 decimals, or Ada/Tidak Ada. Empty
    when the year has no tahunan data."""
    from kinerja_cli.domain.kompilasi import teks_biner
    from kinerja_cli.domain.rounding import bulat

    folder = Path(folder)
    try:
        settings = load_settings(folder / CONFIG_NAME)
    except KinerjaError:
        return {}
    k = _kompilasi(folder, settings)
    if k is None:
        return {}

    def show(v: object, teks: str = "") -> object:
        return teks_biner(v, teks) if isinstance(v, bool) else bulat(v, 2)  # type: ignore[arg-type]

    return {
        "Indikator": {
            i.kode: show(i.realisasi_renstra, i.target_teks)
            for i in k.indikator
            if i.realisasi_renstra is not None
        },
        "Anggaran": {
            a.kode: show(a.realisasi_renstra) for a in k.anggaran if a.realisasi_renstra is not None
        },
    }
