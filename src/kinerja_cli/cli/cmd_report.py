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


def _semester(text: str | None) -> int | None:
    if text is None:
        return None
    t = text.strip().upper()
    pilihan = {"1": 1, "I": 1, "2": 2, "II": 2}
    if t not in pilihan:
        raise KinerjaError(f"--semester harus 1 atau 2 (bukan {text!r})")
    return pilihan[t]


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
    semester: str = typer.Option(
        None,
        "--semester",
        "-s",
        metavar="S",
        help="Reviu semester: 1 (data s/d Triwulan II) atau 2 (s/d Triwulan IV); "
        "tidak dapat digabung dengan --triwulan.",
    ),
    workspace: Path = WorkspaceOpt,
) -> None:
    """Susun laporan Pengukuran Kinerja tahunan (untuk ditandatangani Kepala Dinas), Reviu Triwulan atau Reviu Semester (untuk rapat evaluasi) dari formulir yang diterima.

    Tanpa --triwulan: laporan tahunan "Pengukuran Kinerja Tahun N", dibuka dengan lembar pengukuran (kop surat, tabel pengukuran per sasaran, capaian sasaran dan perangkat daerah, blok tanda tangan), diikuti lampiran (dasar dan metode, analisis, anggaran dan efisiensi, permasalahan dan tindak lanjut). Dengan --triwulan K: reviu triwulan (ringkasan, capaian per indikator, tren, indikator berisiko menurut proyeksi, serapan per bidang, tindak lanjut triwulan lalu). Dengan --semester 1 atau 2: reviu semester, isinya sama dengan reviu Triwulan II atau IV, dibandingkan dengan semester sebelumnya. Templat dapat diubah di folder templates/ ruang kerja.

    Laporan yang sudah disunting setelah ditulis kinerja tidak ditimpa: kinerja menulis versi berikutnya (-v2, -v3, ...).

    Keluar 0 bila semua format ditulis, 2 bila laporan tidak dapat disusun (misalnya belum ada formulir yang diterima, atau pdf diminta tanpa paket tambahannya).

    Contoh: kinerja report --triwulan 2 --format html,docx --tanggal 2025-07-20

    Contoh: kinerja report --semester 1
    """
    from kinerja_cli.services.report import render_report

    ws = open_workspace(workspace)
    sem = _semester(semester)
    if sem is not None and triwulan is not None:
        raise KinerjaError("pilih salah satu: --triwulan atau --semester, tidak keduanya")
    periode = parse_triwulan(triwulan)
    formats = [format_] if format_ else None
    res = render_report(ws, periode, formats, out, _tanggal(tanggal), semester=sem)
    if res.berkas:
        if sem is not None:
            judul = f"Reviu Semester {'I' if sem == 1 else 'II'}"
        elif periode.tahunan:
            judul = "Laporan Pengukuran Kinerja"
        else:
            judul = f"Reviu {periode.label}"
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
