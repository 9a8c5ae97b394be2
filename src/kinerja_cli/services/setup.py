"""Use cases of SOP steps 3-4: create a workspace, check the PK, write the forms."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinerja_cli.domain.findings import ERROR, Finding
from kinerja_cli.domain.jadwal import batas_langkah, susun_jadwal
from kinerja_cli.domain.models import PK, DataBidang
from kinerja_cli.domain.periode import Periode
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.config import CONFIG_NAME, write_default_config
from kinerja_cli.io.workspace import Workspace
from kinerja_cli.services.pk_state import (
    ensure_first,
    raise_pk_errors,
    require_versions,
    unchanged_since_recorded,
)

if TYPE_CHECKING:
    from kinerja_cli.io.pk import PKOutline


@dataclass
class InitResult:
    """What `kinerja init` made."""

    root: Path
    pk: Path
    tahun: int
    pk_dari_template: bool
    findings: list[Finding] = field(default_factory=list)
    dari: Path | None = None  # last year's workspace or archive, when started from it


def _previous(dari: Path) -> tuple[Path, int]:
    """Last year's workspace or archive folder: (its pk.xlsx, its tahun)."""
    from kinerja_cli.io.config import load_settings

    dari = Path(dari)
    if not (dari / CONFIG_NAME).is_file() or not (dari / "pk.xlsx").is_file():
        raise KinerjaError(
            f"{dari} bukan ruang kerja atau folder arsip kinerja (perlu {CONFIG_NAME} dan pk.xlsx)"
        )
    # The last PK version in force (docs/contract.md §13): normally pk.xlsx itself, but not if
    # pk.xlsx was edited afterwards without a revision.
    from kinerja_cli.store.pk_versions import last_version_file

    settings = load_settings(dari / CONFIG_NAME)
    pk = last_version_file(Workspace(dari, settings)) or dari / "pk.xlsx"
    return pk, settings.tahun


def installed_formats() -> tuple[str, ...]:
    """The report formats this installation can write: pdf only with its extra installed."""
    from kinerja_cli.domain.settings import FORMAT_LAPORAN
    from kinerja_cli.report.render import pdf_available

    return tuple(f for f in FORMAT_LAPORAN if f != "pdf" or pdf_available())


def init_workspace(
    folder: Path, pk_file: Path | None, tahun: int | None, dari: Path | None = None
) -> InitResult:
    """Create the workspace of docs/contract.md §3 in `folder` (from last year's with `dari`)."""
    folder = Path(folder)
    if (folder / CONFIG_NAME).exists():
        raise KinerjaError(
            f"{folder} sudah berisi ruang kerja ({CONFIG_NAME} sudah ada); tidak ditimpa."
        )
    findings: list[Finding] = []
    prev_pk: Path | None = None
    if dari is not None:
        prev_pk, prev_tahun = _previous(dari)
        if tahun is None:
            tahun = prev_tahun + 1
    if pk_file is not None:
        from kinerja_cli.io.pk import read_pk

        if not Path(pk_file).is_file():
            raise KinerjaError(f"berkas PK tidak ditemukan: {pk_file}")
        res = read_pk(Path(pk_file))
        findings = res.findings
        pk_tahun = res.pk.identitas.tahun if res.pk else 0
        if tahun is None:
            tahun = pk_tahun or dt.date.today().year
    if tahun is None:
        tahun = dt.date.today().year
    if not 2000 <= tahun <= 2100:
        raise KinerjaError(f"tahun {tahun} tidak sah")
    for sub in ("formulir", "masuk", "hasil", "bukti"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    pk_target = folder / "pk.xlsx"
    if pk_file is None and prev_pk is not None:
        from kinerja_cli.io.pk import carry_over_pk
        from kinerja_cli.services.riwayat import renstra_sd

        # last year's column (13) becomes this year's Renstra realisation s/d last year (§14)
        carry_over_pk(prev_pk, pk_target, tahun, renstra_sd(Path(dari)) if dari else None)
    elif pk_file is not None:
        from kinerja_cli.io.atomic import atomic_path

        with atomic_path(pk_target) as tmp:
            shutil.copyfile(pk_file, tmp)
    else:
        from kinerja_cli.io.pk import write_pk_template

        write_pk_template(pk_target, tahun)
    link = ""
    if dari is not None:
        from kinerja_cli.services.riwayat import link_text

        link = link_text(Path(dari), folder)  # relative: the folders can move (§14)
    write_default_config(folder / CONFIG_NAME, tahun, tahun_lalu=link, formats=installed_formats())
    return InitResult(
        folder.resolve(),
        pk_target,
        tahun,
        pk_file is None and dari is None,
        findings,
        dari=Path(dari).resolve() if dari else None,
    )


@dataclass(frozen=True)
class PKSummary:
    """What check-pk says about the PK as a whole: what was read, and which rows have errors
    (each row named once, so "18 indikator" never hides the 2 rows that were not read)."""

    bidang: int
    sasaran: int
    indikator: int
    anggaran: int
    error_rows: dict[str, list[tuple[int, str | None]]]  # sheet -> (row, kode) with errors
    unread: dict[str, list[tuple[int, str | None]]]  # of those, the rows that were left out

    def to_json(self) -> dict[str, Any]:
        """The `ringkasan` of `check-pk --json`."""

        def rows(d: dict[str, list[tuple[int, str | None]]]) -> dict[str, list[dict[str, Any]]]:
            return {s: [{"baris": r, "kode": k} for r, k in v] for s, v in d.items()}

        return {
            "bidang": self.bidang,
            "sasaran": self.sasaran,
            "indikator": self.indikator,
            "anggaran": self.anggaran,
            "baris_bermasalah": rows(self.error_rows),
            "baris_tidak_terbaca": rows(self.unread),
        }


def summarise_pk(pk: PK, findings: list[Finding]) -> PKSummary:
    """Counts of what the PK reader kept, and the rows whose errors made it leave them out."""
    import re

    read = {
        "Bidang": {b.kode for b in pk.bidang},
        "Indikator": {i.kode for i in pk.indikator},
        "Anggaran": {a.kode for a in pk.anggaran},
    }
    error_rows: dict[str, dict[int, str | None]] = {}
    for f in findings:
        m = re.fullmatch(r"[A-Z]+(\d+)", f.cell or "")
        if f.severity != ERROR or not f.sheet or m is None or f.sheet == "Identitas":
            continue
        row = int(m.group(1))
        error_rows.setdefault(f.sheet, {}).setdefault(row, f.kode)
    errors = {s: sorted(v.items()) for s, v in error_rows.items()}
    unread = {
        s: [(r, k) for r, k in v if not k or k not in read.get(s, set())] for s, v in errors.items()
    }
    return PKSummary(
        len(pk.bidang),
        len(pk.sasaran),
        len(pk.indikator),
        len(pk.anggaran),
        errors,
        {s: v for s, v in unread.items() if v},
    )


def require_pk(ws: Workspace, periode: Periode | None = None, store: Any = None) -> PK:
    """The PK version in force for the periode (the last version when None): KinerjaError
    (exit 1) listing the PK's errors when it has any, exit 2 when pk.xlsx was changed after
    forms were issued without `kinerja revisi-pk` (docs/contract.md §13). `store`: an open
    store to use instead of opening one."""
    versions = require_versions(ws, store)
    return versions.latest.pk if periode is None else versions.in_force(periode).pk


def require_pk_outline(ws: Workspace) -> PK | PKOutline:
    """`require_pk`, with the same checks, but answered from the PK cache without building the
    indicators when the cache holds this PK (collect on an unchanged inbox needs only the
    bidang); otherwise the PK itself."""
    from kinerja_cli.io.pk import CACHE_NAME, read_pk_outline

    if ws.pk.is_file() and unchanged_since_recorded(ws):
        got = read_pk_outline(ws.pk, ws.internal / CACHE_NAME, ws.settings.rumus_turun)
        if got is not None:
            outline, findings = got
            raise_pk_errors(ws, outline.tahun, findings)
            return outline
    return require_pk(ws)


def libur(tahun: int) -> set[dt.date]:
    """National public holidays of the tahun and the next (the TW IV cycle runs into January)."""
    from kinerja_cli.kalender import libur_nasional

    return libur_nasional([tahun, tahun + 1])


def batas_pengisian(ws: Workspace, periode: Periode) -> dt.date:
    """Deadline of SOP step 4 (bidang fill the form) for the periode."""
    jadwal = susun_jadwal(
        ws.settings.mulai_periode(periode.kode), ws.settings.durasi, libur(ws.settings.tahun)
    )
    return batas_langkah(jadwal, "pengisian")


@dataclass
class FormDibuat:
    """One written form."""

    bidang: str
    nama: str
    path: Path
    form_id: str
    indikator: int
    anggaran: int


@dataclass
class InitFormResult:
    """What `kinerja init-form` wrote."""

    periode: Periode
    batas: dt.date
    forms: list[FormDibuat]
    detik: float


def init_forms(
    ws: Workspace,
    periode: Periode,
    bidang: list[str] | None,
    out: Path | None,
    prefill: dict[str, DataBidang] | None = None,
) -> InitFormResult:
    """Write one form per bidang (all bidang owning rows, unless `bidang` is given), holding
    the workspace lock: the forms are recorded in the store (docs/reliability.md C6)."""
    from kinerja_cli.store.lock import workspace_lock

    t0 = time.perf_counter()
    with workspace_lock(ws, "kinerja init-form"):
        return _init_forms(ws, periode, bidang, out, prefill, t0)


def _init_forms(
    ws: Workspace,
    periode: Periode,
    bidang: list[str] | None,
    out: Path | None,
    prefill: dict[str, DataBidang] | None,
    t0: float,
) -> InitFormResult:
    from kinerja_cli.io.form import FormSpec, form_filename, write_form

    pk = require_pk(ws, periode)  # the version in force for the periode (docs/contract.md §13)
    if not pk.indikator:
        raise KinerjaError(
            "PK belum berisi indikator, sehingga tidak ada formulir yang dapat dibuat. Isi "
            "lembar Indikator di pk.xlsx lalu periksa dengan: kinerja check-pk",
            exit_code=1,
        )
    targets = pk.bidang_with_rows()
    if bidang:
        known = {b.kode: b for b in pk.bidang}
        unknown = [k for k in bidang if k not in known]
        if unknown:
            raise KinerjaError(
                f"kode bidang tidak dikenal: {', '.join(unknown)} (ada: {', '.join(known)})"
            )
        targets = tuple(known[k] for k in bidang)
    if prefill is None:
        prefill = _prefill(ws, periode)
    batas = batas_pengisian(ws, periode)
    out_dir = Path(out) if out else ws.formulir
    written: list[FormDibuat] = []
    for b in targets:
        path = out_dir / form_filename(pk.identitas.tahun, periode, b.kode, b.nama)
        spec = FormSpec(
            pk=pk,
            bidang=b.kode,
            periode=periode,
            batas=batas,
            kembalikan_ke=ws.settings.kembalikan_ke,
            kata_sandi=ws.settings.kata_sandi,
            prefill=prefill.get(b.kode),
        )
        fid = write_form(spec, path)
        written.append(
            FormDibuat(
                b.kode, b.nama, path, fid, len(pk.indikator_of(b.kode)), len(pk.anggaran_of(b.kode))
            )
        )
    _record_forms(ws, periode, written)
    return InitFormResult(periode, batas, written, time.perf_counter() - t0)


def _prefill(ws: Workspace, periode: Periode) -> dict[str, DataBidang]:
    """Accepted values of the previous periode, to pre-fill earlier quarters (docs/contract.md §5)."""
    if periode.triwulan <= 1 or not ws.db.exists():
        return {}
    try:
        from kinerja_cli.store.db import Store
    except ImportError:  # pragma: no cover - store not built yet
        return {}
    with Store.open(ws) as store:
        return store.prefill(periode)


def _record_forms(ws: Workspace, periode: Periode, forms: list[FormDibuat]) -> None:
    """Remember generated forms for `status` (SOP step 4 done)."""
    try:
        from kinerja_cli.store.db import Store
    except ImportError:  # pragma: no cover - store not built yet
        return
    with Store.open(ws) as store:
        ensure_first(ws, store)  # the first forms make pk.xlsx PK version 1
        store.record_forms(periode, [(f.bidang, f.form_id, f.path.name) for f in forms])


def copy_templates(root: Path) -> Path:
    """Copy the packaged report templates to ROOT/templates for the agency to edit."""
    from kinerja_cli.resources import templates_dir

    dest = Path(root) / "templates"
    dest.mkdir(parents=True, exist_ok=True)
    for src in templates_dir().iterdir():
        # The build script of the .docx templates is for developers, not for the agency.
        if src.is_file() and src.suffix != ".py" and not (dest / src.name).exists():
            shutil.copyfile(src, dest / src.name)
    return dest
