"""`kinerja revisi-pk FILE --triwulan K --alasan TEKS` (docs/contract.md §13): record a PK
Perubahan as the next PK version, in force from TW K.

FILE is checked like `check-pk`; every difference from the version in force is listed. The
revision is refused while TW K or a later periode is archived and closed (reopen it first),
when K is earlier than the last revision's triwulan, and when FILE changes nothing a form or a
figure uses. Recording is crash-safe: the copy is kept first, the version is recorded in one
transaction (not yet `terpasang`), then pk.xlsx is replaced atomically and the version marked
installed; the next command finishes an interrupted revision (`pk_state.finish_pending`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja_cli.domain.findings import ERROR, Finding
from kinerja_cli.domain.periode import Periode, romawi
from kinerja_cli.domain.pk_changes import PKChange, bidang_changed, pk_changes, substantive
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.workspace import Workspace


@dataclass
class RevisiResult:
    """What `revisi-pk` recorded (versi None: nothing was recorded)."""

    file: Path
    dari_tw: int
    alasan: str
    versi: int | None
    sebelumnya: int  # the version in force before
    sha256: str
    changes: list[PKChange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # FILE's own check-pk findings
    bidang_formulir_baru: list[str] = field(default_factory=list)  # need new forms from TW K
    diperiksa_ulang: list[str] = field(default_factory=list)  # periodes the next collect rechecks

    def to_json(self) -> dict[str, Any]:
        """`revisi-pk --json`."""
        return {
            "file": str(self.file),
            "versi": self.versi,
            "versi_sebelumnya": self.sebelumnya,
            "dari_triwulan": self.dari_tw,
            "alasan": self.alasan,
            "sha256": self.sha256,
            "perubahan": [c.to_json() for c in self.changes],
            "bidang_formulir_baru": self.bidang_formulir_baru,
            "periode_diperiksa_ulang": self.diperiksa_ulang,
            "findings": [f.to_json() for f in self.findings],
        }


def _affected(k: int) -> list[Periode]:
    return [*(Periode(t) for t in range(k, 5)), Periode(4, tahunan=True)]


def revisi_pk(ws: Workspace, file: Path, triwulan: int, alasan: str) -> RevisiResult:
    """Validate FILE, compare it with the PK version in force, and record it from TW K."""
    from kinerja_cli.io.pk import read_pk_bytes
    from kinerja_cli.store.db import Store
    from kinerja_cli.store.lock import workspace_lock

    alasan = " ".join((alasan or "").split())
    if not alasan:
        raise KinerjaError(
            'alasan revisi wajib diisi, mis. --alasan "PK Perubahan setelah APBD-Perubahan 2025"'
        )
    if triwulan not in (1, 2, 3, 4):
        raise KinerjaError(f"--triwulan harus 1–4 (bukan {triwulan})")
    file = Path(file)
    if not file.is_file() and not file.is_absolute() and (ws.root / file).is_file():
        file = ws.root / file  # `kinerja revisi-pk pk.xlsx -w FOLDER`
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise KinerjaError(
            f"berkas PK tidak dapat dibaca: {exc.strerror}", location=str(file)
        ) from exc
    read = read_pk_bytes(data, file.name, ws.settings.rumus_turun)
    errors = [f for f in read.findings if f.severity == ERROR]
    if read.pk is None or errors:
        lines = "\n".join("  " + f.line() for f in errors[:20])
        raise KinerjaError(
            f"{file.name} masih bermasalah ({len(errors)} kesalahan); perbaiki dulu, tidak ada "
            f"yang dicatat:\n{lines}",
            exit_code=1,
        )
    new = read.pk
    if ws.settings.tahun and new.identitas.tahun != ws.settings.tahun:
        raise KinerjaError(
            f"{file.name} adalah PK tahun {new.identitas.tahun}, bukan {ws.settings.tahun}"
        )
    sha = hashlib.sha256(data).hexdigest()
    with workspace_lock(ws, "kinerja revisi-pk"), Store.open(ws) as store:
        return _record(ws, store, file, data, sha, new, triwulan, alasan, read.findings)


def _record(
    ws: Workspace,
    store: Any,
    file: Path,
    data: bytes,
    sha: str,
    new: Any,
    k: int,
    alasan: str,
    findings: list[Finding],
) -> RevisiResult:
    from kinerja_cli.io.atomic import atomic_write_bytes
    from kinerja_cli.services.pk_state import finish_pending, read_version
    from kinerja_cli.store import lifecycle
    from kinerja_cli.store import pk_versions as rec
    from kinerja_cli.store.berkas import keep_copy, pk_folder

    finish_pending(ws, store)
    records = rec.recorded(store)
    if not records:
        raise KinerjaError(
            "Belum ada formulir yang diterbitkan dari PK ini, jadi belum ada yang perlu direvisi: "
            "ganti pk.xlsx langsung dengan berkas baru, lalu periksa dengan kinerja check-pk."
        )
    last = records[-1]
    if k < last.dari_tw:
        raise KinerjaError(
            f"PK versi {last.versi} berlaku sejak Triwulan {romawi(last.dari_tw)}; revisi "
            f"berikutnya tidak dapat berlaku lebih awal (--triwulan {last.dari_tw} atau sesudahnya)."
        )
    for p in _affected(k):
        closed = lifecycle.closing(store, p)
        if closed is not None:
            opsi = "" if p.tahunan else f" --triwulan {p.triwulan}"
            raise KinerjaError(
                f"{p.label} sudah diarsipkan dan ditutup (arsip v{closed.versi}), padahal revisi "
                f"dari Triwulan {romawi(k)} mengubah targetnya. Buka dulu: kinerja archive{opsi} "
                '--buka --alasan "...", lalu jalankan revisi-pk lagi.'
            )
    old = read_version(ws, last.sha256, last.versi)
    changes = pk_changes(old, new)
    res = RevisiResult(file, k, alasan, None, last.versi, sha, changes, findings)
    if not substantive(changes):
        if changes and sha != _sha_of(ws.pk):
            atomic_write_bytes(ws.pk, data)  # names or definitions only: pk.xlsx takes them
        return res
    keep_copy(ws, sha, data, pk_folder(ws))
    version = rec.record(store, sha, k, file.name, alasan, terpasang=False)
    if _sha_of(ws.pk) != sha:
        atomic_write_bytes(ws.pk, data)
    rec.installed(store, version.versi)
    res.versi = version.versi
    res.bidang_formulir_baru = sorted(b for b in bidang_changed(changes) if b)
    if "" in bidang_changed(changes):  # the agency or year changed: every form
        res.bidang_formulir_baru = [b.kode for b in new.bidang_with_rows()]
    res.diperiksa_ulang = [p.kode for p in _affected(k)]
    return res


def _sha_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
