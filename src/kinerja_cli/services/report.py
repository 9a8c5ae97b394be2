"""Use case of SOP steps 9 and 11: the signed annual measurement and the quarterly review.

The figures are compiled exactly as `compile` compiles them (same PK, settings, store data and
`domain.kompilasi.kompilasi`), so the report and `compile --json` agree. A report file that
someone edited after kinerja wrote it (its SHA-256 differs from the recorded one; e.g. the
officer's changes to the DOCX narrative) is never overwritten: the next version is written
beside it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.results import Kompilasi, Riwayat, TahunLalu
from kinerja_cli.domain.settings import Settings
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.workspace import Workspace
from kinerja_cli.services.compile import choose_path, kompilasi_dari, valid_pk, write_recorded
from kinerja_cli.store.protocol import StoreAPI

KIND = "laporan-{fmt}"


@dataclass
class ReportResult:
    """What `kinerja report` wrote, what it skipped and why, and its exit code."""

    periode: Periode
    berkas: list[tuple[str, Path]] = field(default_factory=list)  # (format, path)
    dipertahankan: list[Path] = field(default_factory=list)  # edited outputs left untouched
    catatan: list[str] = field(default_factory=list)  # notes for stderr
    galat: str = ""  # why the exit code is 2, when it is

    @property
    def exit_code(self) -> int:
        """0 every requested format written, 2 a requested format could not be made."""
        return 2 if self.galat else 0


def choose_formats(formats: Sequence[str] | None, settings: Settings) -> tuple[list[str], bool]:
    """The formats to write (validated, de-duplicated) and whether they came from the default."""
    from kinerja_cli.report.render import FORMAT

    default = formats is None
    raw = list(settings.format_laporan) if formats is None else list(formats)
    out: list[str] = []
    for f in raw:
        for part in str(f).split(","):
            name = part.strip().lower()
            if not name:
                continue
            if name not in FORMAT:
                raise KinerjaError(
                    f"format laporan tidak dikenal: {name!r} (pilih dari: {', '.join(FORMAT)})"
                )
            if name not in out:
                out.append(name)
    if not out:
        raise KinerjaError(
            f"tidak ada format laporan yang dipilih (pilih dari: {', '.join(FORMAT)})"
        )
    return out, default


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(tmp: Path, *, data: bytes) -> str:
    tmp.write_bytes(data)
    return _sha256(data)


def render_from(
    ws: Workspace,
    store: StoreAPI,
    k: Kompilasi,
    sebelumnya: Kompilasi | None,
    formats: Sequence[str] | None,
    out: Path | None,
    tanggal: dt.date | None,
    semester: int | None = None,
) -> ReportResult:
    """Render the report of an already compiled periode and record every file written."""
    from kinerja_cli.report import render
    from kinerja_cli.report.context import build_context

    res = ReportResult(k.periode)
    pilihan, default = choose_formats(formats, ws.settings)
    if "pdf" in pilihan and not render.pdf_available():
        pilihan.remove("pdf")
        if default:
            res.catatan.append("PDF dilewati: " + render.PESAN_PDF)
        else:
            res.galat = render.PESAN_PDF
    if not pilihan:
        return res
    override = ws.templates
    ctx = build_context(
        k, tanggal or dt.date.today(), sebelumnya, render.logo_uri(override), semester
    )
    env = render.make_env(override)
    grafik = render.charts_for(ctx, pilihan)
    folder = Path(out) if out is not None else ws.hasil
    for fmt in pilihan:
        data = render.renderer(fmt, override)(ctx, env, grafik)
        kind = KIND.format(fmt=fmt)
        path, _versi, kept = choose_path(store, ws, folder / render.file_name(ctx, fmt), kind)
        write_recorded(store, kind, k.periode, path, functools.partial(_write, data=data))
        res.berkas.append((fmt, path))
        res.dipertahankan.extend(kept)
    return res


@contextmanager
def open_store(ws: Workspace) -> Iterator[StoreAPI]:
    """The workspace store (a seam for tests)."""
    from kinerja_cli.store.db import Store

    with Store.open(ws) as store:
        yield store


def render_report(
    ws: Workspace,
    periode: Periode,
    formats: list[str] | None,
    out: Path | None,
    tanggal: dt.date | None,
    tahun_lalu: dict[str, TahunLalu] | None = None,
    semester: int | None = None,
) -> ReportResult:
    """`kinerja report`: compile the periode from the store and write the report files.

    With `semester` (1 or 2) the review of that semester: the data s/d TW II or TW IV, compared
    with the previous semester where there is one (docs/contract.md §15)."""
    from kinerja_cli.store.lock import workspace_lock

    choose_formats(formats, ws.settings)  # a bad --format fails before any work
    if semester is not None:
        if semester not in (1, 2):
            raise KinerjaError(f"semester harus 1 atau 2 (bukan {semester})")
        periode = Periode(2 * semester)
    pk, findings = valid_pk(ws)
    riwayat: Riwayat | None = None
    if tahun_lalu is None:
        from kinerja_cli.services.riwayat import load_riwayat

        riwayat = load_riwayat(ws)  # the linked years, up to five back (docs/contract.md §14)
    # The report records what it writes: it waits for no collect, it takes the lock
    # (docs/reliability.md C6).
    with workspace_lock(ws, "kinerja report"), open_store(ws) as store:
        k, diterima = kompilasi_dari(
            pk, ws.settings, periode, store, findings, tahun_lalu, riwayat=riwayat
        )
        if diterima == 0:
            raise KinerjaError(
                f"Belum ada formulir {periode.label} yang diterima, sehingga laporan belum dapat "
                "disusun. Taruh berkas kembalian di masuk/ lalu jalankan: kinerja collect"
            )
        from kinerja_cli.services.bukti import dengan_bukti

        k = dengan_bukti(ws, k)  # the evidence list checks bukti/ as it is now (§14)
        sebelumnya = None
        langkah = 2 if semester else 1  # the previous semester ends two quarters earlier
        if not periode.tahunan and periode.triwulan > langkah:
            lalu = Periode(periode.triwulan - langkah)
            k_lalu, n_lalu = kompilasi_dari(pk, ws.settings, lalu, store, findings)
            sebelumnya = k_lalu if n_lalu else None
        return render_from(ws, store, k, sebelumnya, formats, out, tanggal, semester)
