"""Which PK each command measures against (docs/contract.md §13): the recorded versions, the
one in force for a periode, and the guard on `pk.xlsx`.

Before the first form is issued, `pk.xlsx` is simply the PK and may be edited freely. Issuing
the first forms records it as version 1. From then on `pk.xlsx` must hold the last recorded
version: a change of a target, pagu, code, text, satuan or arah that was not recorded with
`kinerja revisi-pk` stops every command that uses targets (exit 2) with the changed cells and the
two ways out. Changes that alter no form and no figure (the officials' names, a bidang's name,
a definition) are taken from `pk.xlsx` as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kinerja_cli.domain.findings import ERROR, Finding
from kinerja_cli.domain.models import PK
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.pk_changes import PKChange, pk_changes, substantive
from kinerja_cli.domain.pk_versions import PKVersion, PKVersions
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.config import CONFIG_NAME
from kinerja_cli.io.workspace import Workspace

MAX_LISTED = 20  # changed cells listed in the guard's message


@dataclass
class PKState:
    """`pk.xlsx` as read, the recorded versions, and what differs between them."""

    current: PK
    findings: list[Finding]
    versions: PKVersions
    records: list[Any] = field(default_factory=list)  # store.pk_versions.VersionRecord
    undeclared: list[PKChange] = field(default_factory=list)  # substantive, not recorded

    @property
    def guarded(self) -> bool:
        """Whether forms were issued (a version is recorded): pk.xlsx may not change silently."""
        return bool(self.records)


def load_pk(ws: Workspace) -> tuple[PK | None, list[Finding]]:
    """Read the workspace PK; raise KinerjaError when the file is missing or unreadable."""
    from kinerja_cli.io.pk import CACHE_NAME, read_pk_cached

    if not ws.pk.is_file():
        raise KinerjaError(f"berkas PK tidak ditemukan: {ws.pk}")
    return read_pk_cached(ws.pk, ws.internal / CACHE_NAME, ws.settings.rumus_turun)


def raise_pk_errors(ws: Workspace, pk_tahun: int | None, findings: list[Finding]) -> None:
    """KinerjaError (exit 1) when the PK could not be read (`pk_tahun` None), has errors, or
    is for another year than the workspace."""
    errors = [f for f in findings if f.severity == ERROR]
    if pk_tahun is None or errors:
        lines = "\n".join("  " + f.line() for f in errors[:20])
        more = f"\n  ... dan {len(errors) - 20} lagi" if len(errors) > 20 else ""
        raise KinerjaError(
            f"PK masih bermasalah ({len(errors)} kesalahan); perbaiki dulu (lihat: kinerja check-pk):\n"
            f"{lines}{more}",
            exit_code=1,
        )
    if ws.settings.tahun and pk_tahun and ws.settings.tahun != pk_tahun:
        raise KinerjaError(
            f"Tahun PK ({pk_tahun}) berbeda dengan tahun di {CONFIG_NAME} "
            f"({ws.settings.tahun}); samakan dulu.",
            exit_code=1,
        )


def _sha(path: Any) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_version(ws: Workspace, sha256: str, versi: int) -> PK:
    """The PK of a recorded version, from its kept copy (parsed once, then cached)."""
    from kinerja_cli.io.pk import read_pk_cached
    from kinerja_cli.store.berkas import copy_path, pk_folder, read_copy

    if read_copy(ws, sha256, pk_folder(ws)) is None:
        raise KinerjaError(
            f"salinan PK versi {versi} hilang atau rusak ({copy_path(ws, sha256, pk_folder(ws))}); "
            "pulihkan folder .kinerja dari cadangan",
        )
    pk, _findings = read_pk_cached(
        copy_path(ws, sha256, pk_folder(ws)),
        pk_folder(ws) / f"cache-{sha256[:16]}.json",
        ws.settings.rumus_turun,
    )
    if pk is None:
        raise KinerjaError(f"salinan PK versi {versi} tidak dapat dibaca ({sha256[:12]})")
    return pk


def _with_store(ws: Workspace, fn: Any) -> Any:
    """Run fn(store) on the workspace store, or fn(None) when there is no store yet."""
    if not ws.db.exists():
        return fn(None)
    from kinerja_cli.store.db import Store

    with Store.open(ws) as store:
        return fn(store)


def finish_pending(ws: Workspace, store: Any) -> int | None:
    """Install a revision an interrupted `revisi-pk` recorded but did not write to pk.xlsx;
    return its number (None when there was none)."""
    from kinerja_cli.io.atomic import atomic_write_bytes
    from kinerja_cli.store import pk_versions as rec
    from kinerja_cli.store.berkas import pk_folder, read_copy

    todo = rec.pending(store)
    if todo is None:
        return None
    data = read_copy(ws, todo.sha256, pk_folder(ws))
    if data is None:
        raise KinerjaError(f"salinan PK versi {todo.versi} hilang; revisi tidak dapat diselesaikan")
    atomic_write_bytes(ws.pk, data)
    rec.installed(store, todo.versi)
    return todo.versi


def ensure_first(ws: Workspace, store: Any) -> None:
    """Record `pk.xlsx` as version 1 when the first forms are issued (or, in a workspace made
    before versions existed, the first time they are needed)."""
    from kinerja_cli.store import pk_versions as rec
    from kinerja_cli.store.berkas import keep_copy, pk_folder

    if rec.recorded(store):
        return
    import hashlib

    data = ws.pk.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    keep_copy(ws, sha, data, pk_folder(ws))
    rec.record(store, sha, 1, ws.pk.name)


def state_with(ws: Workspace, store: Any, current: PK, findings: list[Finding]) -> PKState:
    """The state given an open store (None: no store yet) and the PK read from pk.xlsx."""
    from kinerja_cli.store import pk_versions as rec

    if store is None:
        return PKState(current, findings, PKVersions.single(current))
    records = rec.recorded(store)
    if not records and rec.forms_issued(store):
        ensure_first(ws, store)  # a workspace from before PK versions
        records = rec.recorded(store)
    if not records:
        return PKState(current, findings, PKVersions.single(current))
    versions: list[PKVersion] = []
    undeclared: list[PKChange] = []
    for r in records:
        last = r is records[-1]
        pk = current if last and r.sha256 == current.sha256 else read_version(ws, r.sha256, r.versi)
        if last and pk is not current:
            undeclared = substantive(pk_changes(pk, current))
            if not undeclared:
                pk = current  # only names or definitions changed: use them as they are now
        versions.append(PKVersion(r.versi, r.dari_tw, pk, r.at[:10], r.alasan or "", r.file))
    return PKState(current, findings, PKVersions(tuple(versions)), records, undeclared)


def pk_state(ws: Workspace, store: Any = None) -> PKState:
    """Read pk.xlsx (KinerjaError exit 1 when it has errors) and the recorded versions."""

    def run(store: Any) -> PKState:
        if store is not None:
            finish_pending(ws, store)  # before reading pk.xlsx: it may be one revision behind
        pk, findings = load_pk(ws)
        raise_pk_errors(ws, None if pk is None else pk.identitas.tahun, findings)
        assert pk is not None
        return state_with(ws, store, pk, findings)

    return run(store) if store is not None else _with_store(ws, run)  # type: ignore[no-any-return]


def undeclared_message(state: PKState) -> str:
    """The guard's message: the changed cells and the two ways out."""
    latest = state.versions.latest
    lines = [c.line() for c in state.undeclared[:MAX_LISTED]]
    if len(state.undeclared) > MAX_LISTED:
        lines.append(f"... dan {len(state.undeclared) - MAX_LISTED} lagi (kinerja check-pk)")
    listing = "\n".join("  " + line for line in lines)
    return (
        f"pk.xlsx berbeda dari PK versi {latest.versi} yang berlaku, padahal formulir sudah "
        f"diterbitkan darinya ({len(state.undeclared)} perubahan):\n{listing}\n"
        "Pilih salah satu:\n"
        "  1. kembalikan isi pk.xlsx seperti PK versi "
        f"{latest.versi} (salinannya: kinerja diff pk:{latest.versi} pk.xlsx menunjukkan "
        "bedanya), atau\n"
        "  2. catat sebagai PK Perubahan: kinerja revisi-pk pk.xlsx --triwulan K "
        '--alasan "..." (K = triwulan pertama yang memakai target baru)'
    )


def undeclared_findings(state: PKState, file: str) -> list[Finding]:
    """`check-pk`'s errors for the changes the guard stops on, one per changed cell."""
    from kinerja_cli.domain.rules import Code, finding

    versi = state.versions.latest.versi
    return [
        finding(
            Code.PK_DIUBAH_TANPA_REVISI,
            file=file,
            sheet=c.sheet,
            cell=c.cell,
            kode=c.kode or None,
            perubahan=c.line(),
            versi=versi,
        )
        for c in state.undeclared
    ]


def require_state(ws: Workspace, store: Any = None) -> PKState:
    """`pk_state`, stopped (exit 2) when pk.xlsx was changed without a revision."""
    state = pk_state(ws, store)
    if state.undeclared:
        raise KinerjaError(undeclared_message(state), exit_code=2)
    return state


def require_versions(ws: Workspace, store: Any = None) -> PKVersions:
    """The PK versions of a valid, unchanged pk.xlsx."""
    return require_state(ws, store).versions


def in_force(ws: Workspace, periode: Periode, store: Any = None) -> PKVersion:
    """The PK version a periode is measured against (guarded)."""
    return require_versions(ws, store).in_force(periode)


def unchanged_since_recorded(ws: Workspace) -> bool:
    """A quick check without reading the PK: pk.xlsx holds the last recorded version exactly
    (or nothing is recorded and no revision is waiting). Used by collect's fast path."""
    from kinerja_cli.store import pk_versions as rec

    def check(store: Any) -> bool:
        if store is None:
            return True
        records = rec.recorded(store)
        if not records:
            return not rec.forms_issued(store)
        return records[-1].terpasang and records[-1].sha256 == _sha(ws.pk)

    return bool(_with_store(ws, check))
