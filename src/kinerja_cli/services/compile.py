"""Use case of SOP steps 6–7: compile the accepted submissions into the dinas draft (docs/contract.md §7).

Compile reads the store only; it never re-parses the returned files. A draft that someone
edited after kinerja wrote it (its SHA-256 differs from the recorded one) is never
overwritten: the next version (`-v2`, `-v3`, ...) is written beside it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_cli.domain.findings import Finding
from kinerja_cli.domain.kompilasi import kompilasi
from kinerja_cli.domain.models import PK, DataBidang
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.pk_versions import PKVersions, target_awal
from kinerja_cli.domain.results import Kompilasi, Koreksi, Revisi, Riwayat, TahunLalu
from kinerja_cli.domain.settings import Settings
from kinerja_cli.io.atomic import sha256_file
from kinerja_cli.io.workspace import Workspace
from kinerja_cli.store.corrections import Correction
from kinerja_cli.store.protocol import StoreAPI

KIND_DRAF = "draf"
MAX_VERSI = 999


@dataclass
class CompileResult:
    """What `kinerja compile` computed and wrote."""

    kompilasi: Kompilasi
    path: Path | None  # the draft written; None when there was nothing to compile
    sha256: str = ""
    versi: int = 1
    dipertahankan: list[Path] = field(default_factory=list)  # edited drafts left untouched
    diterima: int = 0  # bidang with an accepted submission

    @property
    def kosong(self) -> bool:
        """True when no bidang has an accepted submission: nothing to compile (exit 1)."""
        return self.diterima == 0

    @property
    def exit_code(self) -> int:
        """0 compiled, 1 nothing accepted to compile (docs/contract.md §3)."""
        return 1 if self.kosong else 0


def _recorded(store: StoreAPI, ws: Workspace, path: Path, kind: str) -> set[str]:
    """Every SHA-256 kinerja recorded for the output at `path`.

    Any of them counts as kinerja's own: an output is recorded before it is written
    (docs/reliability.md C11), so after a crash between the two the file still holds an
    earlier recorded version and is simply written again, not kept as edited by hand."""
    target = path.resolve()
    found: set[str] = set()
    for out in store.outputs(kind):
        p = Path(out.path)
        if (p if p.is_absolute() else ws.root / p).resolve() == target:
            found.add(out.sha256)
    return found


def _versioned(base: Path, versi: int) -> Path:
    return base if versi <= 1 else base.with_name(f"{base.stem}-v{versi}{base.suffix}")


def choose_path(
    store: StoreAPI, ws: Workspace, base: Path, kind: str = KIND_DRAF
) -> tuple[Path, int, list[Path]]:
    """The first version of `base` that is free or still exactly as kinerja wrote it; the
    outputs skipped because someone edited them (or they were not written by kinerja)."""
    kept: list[Path] = []
    for versi in range(1, MAX_VERSI + 1):
        path = _versioned(base, versi)
        if not path.exists():
            return path, versi, kept
        if sha256_file(path) in _recorded(store, ws, path, kind):
            return path, versi, kept
        kept.append(path)
    from kinerja_cli.errors import KinerjaError

    raise KinerjaError(
        f"terlalu banyak versi draf {base.name}; pindahkan versi lama ke folder lain"
    )


def _input_sha256(pk_name: str, pk: PK, data: dict[str, DataBidang]) -> dict[str, str]:
    out = {pk_name: pk.sha256}
    for kode, db in sorted(data.items()):
        name = db.file or f"{kode}.xlsx"
        if name in out and out[name] != db.sha256:
            name = f"{name} ({kode})"
        out[name] = db.sha256
    return out


def kompilasi_dari(
    pks: PK | PKVersions,
    settings: Settings,
    periode: Periode,
    store: StoreAPI,
    pk_findings: Sequence[Finding] = (),
    tahun_lalu: dict[str, TahunLalu] | None = None,
    dibuat: dt.datetime | None = None,
    riwayat: Riwayat | None = None,
) -> tuple[Kompilasi, int]:
    """The Kompilasi of a periode from the store, and how many bidang have an accepted
    submission; nothing is written. Compile and report both use this. With the PK's versions,
    the periode is measured against the version in force for it (docs/contract.md §13)."""
    versions = pks if isinstance(pks, PKVersions) else PKVersions.single(pks)
    versi = versions.in_force(periode)
    pk = versi.pk
    data = store.accepted(periode)
    temuan = [*store.open_findings(periode), *pk_findings]
    k = kompilasi(
        pk,
        settings,
        periode,
        data,
        store.bidang_status(periode),
        temuan,
        _input_sha256(Path(settings.pk).name, pk, data),
        tahun_lalu=tahun_lalu,
        dibuat=dibuat,
        riwayat=riwayat,
    )
    koreksi = _koreksi(pk, store.corrections_in_force(periode), data)
    if koreksi:
        k = dataclasses.replace(k, koreksi=koreksi)
    if versions.revised:
        k = dataclasses.replace(
            k,
            pk_versi=versi.versi,
            target_awal=target_awal(versions, versi),
            revisi=tuple(
                Revisi(v.versi, v.dari_tw, v.tanggal, v.alasan)
                for v in versions.revisions_upto(versi.versi)
            ),
        )
    return k, len(data)


def _koreksi(
    pk: PK, corrections: Sequence[Correction], data: dict[str, DataBidang]
) -> tuple[Koreksi, ...]:
    """The corrections in force as plain values, with their old and new values as a person
    reads them; only those the accepted data carries (a correction applies to an accepted
    submission of its bidang, docs/contract.md §11)."""
    target_teks = {i.kode: i.target_teks for i in pk.indikator}
    return tuple(
        Koreksi(
            jenis=c.kind,
            bidang=c.bidang or "",
            kode=c.kode,
            field=c.field,
            sheet=c.sheet or "",
            cell=c.cell or "",
            lama=c.lama,
            baru=c.baru,
            lama_teks=c.lama or "",
            baru_teks=_teks_koreksi(c.kind, c.baru, target_teks.get(c.kode, "")),
            oleh=c.oleh,
            waktu=c.at,
            draf=c.draft,
        )
        for c in corrections
        if (c.bidang or "") in data
    )


def _teks_koreksi(jenis: str, baru: str | None, target_teks: str) -> str:
    """A recorded value as the draft shows it: 1.234,5; the yes/no word of the target; text."""
    from decimal import Decimal, InvalidOperation

    from kinerja_cli.domain.checks import number_text
    from kinerja_cli.domain.kompilasi import teks_biner
    from kinerja_cli.store.corrections import BINER

    if not baru:
        return ""
    if jenis == "narasi":
        return baru
    if baru in BINER:
        return teks_biner(BINER[baru], target_teks)
    try:
        return number_text(Decimal(baru))
    except (InvalidOperation, ValueError):
        return baru


def valid_pk(ws: Workspace) -> tuple[PKVersions, list[Finding]]:
    """The PK's versions and pk.xlsx's warnings; KinerjaError exit 1 when the PK has errors,
    exit 2 when it was changed after forms were issued without a revision (§13)."""
    from kinerja_cli.services.pk_state import require_state

    state = require_state(ws)
    return state.versions, state.findings


def compile_from(
    pk: PK | PKVersions,
    settings: Settings,
    periode: Periode,
    store: StoreAPI,
    ws: Workspace,
    out: Path | None = None,
    pk_findings: Sequence[Finding] = (),
    tahun_lalu: dict[str, TahunLalu] | None = None,
    dibuat: dt.datetime | None = None,
    riwayat: Riwayat | None = None,
) -> CompileResult:
    """Compile from a store (any StoreAPI) and write the draft; nothing is written when no
    bidang has an accepted submission."""
    from kinerja_cli.io.draft import draft_filename, write_draft

    k, diterima = kompilasi_dari(
        pk,
        settings,
        periode,
        store,
        pk_findings,
        tahun_lalu,
        dibuat or dt.datetime.now(),
        riwayat,
    )
    if not diterima:
        return CompileResult(k, None)
    base = Path(out) if out else ws.hasil / draft_filename(k.tahun, periode)
    path, versi, kept = choose_path(store, ws, base)
    from kinerja_cli.store.berkas import keep_copy

    def write(tmp: Path) -> str:
        sha = write_draft(k, tmp)
        # The draft as kinerja wrote it, kept by its hash: `kinerja koreksi` compares edits with it.
        keep_copy(ws, sha, tmp.read_bytes())
        return sha

    sha = write_recorded(store, KIND_DRAF, periode, path, write)
    return CompileResult(k, path, sha, versi, kept, diterima)


def write_recorded(
    store: StoreAPI, kind: str, periode: Periode, path: Path, write: Callable[[Path], str]
) -> str:
    """Write an output through a temp file and record it, in an order a crash cannot split
    (docs/reliability.md C11): `write(tmp)` returns the SHA-256 of what it wrote, the record
    is committed, and only then does the file replace `path`. A crash before the replace
    leaves the earlier (recorded) file; a failed replace takes the record back."""
    from kinerja_cli.io.atomic import atomic_path

    recorded = ""
    try:
        with atomic_path(path) as tmp:
            sha = write(tmp)
            store.record_output(kind, periode, path, sha)
            recorded = sha
    except BaseException:
        forget = getattr(store, "forget_output", None)
        if recorded and forget is not None:
            try:
                forget(kind, path, recorded)
            except Exception:  # the record only says the output may exist: harmless
                pass
        raise
    return recorded


def compile_draft(
    ws: Workspace,
    periode: Periode,
    out: Path | None = None,
    tahun_lalu: dict[str, TahunLalu] | None = None,
) -> CompileResult:
    """`kinerja compile`: read the PK and the store, write the draft in `hasil/`."""
    from kinerja_cli.store.db import Store
    from kinerja_cli.store.lock import workspace_lock

    pk, findings = valid_pk(ws)
    riwayat = None
    if tahun_lalu is None:
        from kinerja_cli.services.riwayat import load_riwayat

        riwayat = load_riwayat(ws)  # the linked years, up to five back (docs/contract.md §14)
    with workspace_lock(ws, "kinerja compile"), Store.open(ws) as store:
        return compile_from(
            pk, ws.settings, periode, store, ws, out, findings, tahun_lalu, riwayat=riwayat
        )
