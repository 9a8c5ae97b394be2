"""`kinerja report` (SOP steps 9 and 11)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from kinerja_cli.cli.common import (
    TriwulanOpt,
    WorkspaceOpt,
    err,
    guarded,
    open_workspace,
    parse_triwulan,
    rel,
)
from kinerja_cli.errors import KinerjaError

_NAMA_FORMAT = {
    "html": "HTML (buka di peramban, cetak A4 lanskap)",
    "docx": "Word (dapat disunting)",
    "xlsx": "Excel (tabel laporan)",
    "pdf": "PDF (siap cetak)",
}


def _tanggal(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise KinerjaError(
            f"--tanggal harus berformat TTTT-BB-HH, misalnya 2026-01-20 (bukan {text!r})"
        ) from None


@guarded
def report(
    triwulan: str = TriwulanOpt,
    format_: str = typer.Option(
        None,
        "--format",
        "-f",
        metavar="FORMAT",
        help="Format dipisah koma: html,docx,xlsx,pdf (bawaan: format_laporan di kinerja.toml; "
        "pdf memerlukan paket tambahan kinerja-cli\\[pdf]).",
    ),
    out: Path = typer.Option(
        None, "--out", help="Folder tujuan (bawaan: hasil/).", file_okay=False, metavar="FOLDER"
    ),
    tanggal: str = typer.Option(
        None,
        "--tanggal",
        metavar="TTTT-BB-HH",
        help="Tanggal pada blok tanda tangan, TTTT-BB-HH (bawaan: hari ini).",
    ),
    workspace: Path = WorkspaceOpt,
) -> None:
    """Susun laporan Pengukuran Kinerja tahunan (untuk ditandatangani Kepala Dinas) atau Reviu Triwulan (untuk rapat evaluasi) dari formulir yang diterima.

    Tanpa --triwulan: laporan tahunan "Pengukuran Kinerja Tahun N" dengan kop surat, tabel pengukuran per sasaran, anggaran dan efisiensi, permasalahan dan tindak lanjut, serta blok tanda tangan. Dengan --triwulan K: reviu triwulan (ringkasan, capaian per indikator, tren, indikator berisiko menurut proyeksi, serapan per bidang, tindak lanjut triwulan lalu). Templat dapat diubah di folder templates/ ruang kerja.

    Laporan yang sudah disunting setelah ditulis kinerja tidak ditimpa: kinerja menulis versi berikutnya (-v2, -v3, ...).

    Keluar 0 bila semua format ditulis, 2 bila laporan tidak dapat disusun (misalnya belum ada formulir yang diterima, atau pdf diminta tanpa paket tambahannya).

    Contoh: kinerja report --triwulan 2 --format html,docx --tanggal 2025-07-20
    """
    from kinerja_cli.services.report import render_report

    ws = open_workspace(workspace)
    periode = parse_triwulan(triwulan)
    formats = [format_] if format_ else None
    res = render_report(ws, periode, formats, out, _tanggal(tanggal))
    if res.berkas:
        judul = "Laporan Pengukuran Kinerja" if periode.tahunan else f"Reviu {periode.label}"
        print(f"{judul} ditulis:")
        for fmt, path in res.berkas:
            print(f"  {rel(path)}  — {_NAMA_FORMAT.get(fmt, fmt)}")
    for p in res.dipertahankan:
        err(f"Catatan: {rel(p)} sudah diubah sejak ditulis kinerja; tidak ditimpa.")
    for c in res.catatan:
        err(f"Catatan: {c}")
    if res.galat:
        err(f"Galat: {res.galat}")
    raise typer.Exit(res.exit_code)


# Exit codes of each command, for the README's command table (generated, docs/contract.md §3).
EXIT_CODES = {
    "report": "0 / 2",
}


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("report")(report)
