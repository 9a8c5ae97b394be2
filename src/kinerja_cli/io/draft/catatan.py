"""Draft sheet `Catatan`: open findings, the formula used per indicator, the inputs' SHA-256 (docs/contract.md §7)."""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain.models import Arah, Sifat
from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.results import BarisIndikator, Kompilasi
from kinerja_cli.io.draft.common import (
    fill_predikat,
    fit_height,
    merge,
    merge_row,
    note,
    put,
    subtitle,
    title_block,
)
from kinerja_cli.io.xlsx import apply_print_setup


def cara_realisasi(sifat: Sifat, arah: Arah, k: int) -> str:
    """How the s/d value is taken, in words (docs/contract.md §6.1)."""
    if k == 1:
        return "realisasi TW I"
    if arah == Arah.BINER:
        return f"jawaban terakhir yang terisi s/d TW {romawi(k)}"
    if sifat == Sifat.KUMULATIF:
        return f"jumlah realisasi TW I s/d TW {romawi(k)}"
    return f"nilai triwulan terakhir yang terisi s/d TW {romawi(k)}"


def _target_dipakai(i: BarisIndikator, q: int, tahunan: bool) -> str:
    """Which target the period capaian was computed against (docs/contract.md §6.3)."""
    if not tahunan and i.capaian_triwulan is not None:
        return f"T = target TW {romawi(q)} ({i.target_triwulan_teks})"
    return f"T = target tahunan ({i.target_teks})"


def write(ws: Any, k: Kompilasi) -> None:
    """Open findings, the formula per indicator, the predikat scale and the inputs' SHA-256."""
    widths = (5, 40, 14, 36, 11, 60)
    ncols = len(widths)
    r = title_block(ws, k, "CATATAN KOMPILASI", ncols)
    from openpyxl.utils import get_column_letter

    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w

    subtitle(ws, r, f"A. Temuan yang masih terbuka ({len(k.temuan)})", ncols)
    r += 1
    for c, title in enumerate(
        ("No", "Kode temuan", "Tingkat", "Lokasi", "Indikator", "Pesan"), start=1
    ):
        put(ws, r, c, title, "kn_header")
    r += 1
    if not k.temuan:
        merge_row(ws, r, 1, ncols, "Tidak ada temuan terbuka.", "kd_teks")
        r += 1
    for n, f in enumerate(k.temuan, start=1):
        put(ws, r, 1, n, "kd_tengah")
        put(ws, r, 2, f.code, "kd_teks")
        put(ws, r, 3, "Kesalahan" if f.severity == "error" else "Peringatan", "kd_teks")
        put(ws, r, 4, f.location, "kd_teks")
        put(ws, r, 5, f.kode or "", "kd_tengah")
        put(ws, r, 6, f.message, "kd_teks")
        fit_height(ws, r, [(f.message, 60), (f.location, 36), (f.code, 40)])
        r += 1
    r += 1

    subtitle(ws, r, "B. Rumus capaian yang dipakai per indikator", ncols)
    r += 1
    for c, title in enumerate(
        ("No", "Kode / Indikator", "Arah", "Realisasi s/d periode", "Sifat", "Rumus capaian"),
        start=1,
    ):
        put(ws, r, c, title, "kn_header")
    r += 1
    q = k.periode.triwulan
    for i in k.indikator:
        put(ws, r, 1, i.no, "kd_tengah")
        put(ws, r, 2, f"{i.kode} {i.nama}", "kd_teks")
        arah = i.arah.value + (f" ({i.rumus.value})" if i.arah == Arah.TURUN else "")
        put(ws, r, 3, arah, "kd_teks")
        put(ws, r, 4, cara_realisasi(i.sifat, i.arah, q), "kd_teks")
        put(ws, r, 5, i.sifat.value, "kd_teks")
        put(ws, r, 6, f"{i.rumus_teks}; {_target_dipakai(i, q, k.periode.tahunan)}", "kd_teks")
        fit_height(
            ws,
            r,
            [
                (f"{i.kode} {i.nama}", 40),
                (cara_realisasi(i.sifat, i.arah, q), 36),
                (i.rumus_teks, 60),
            ],
        )
        r += 1
    r += 1

    subtitle(ws, r, "C. Skala predikat (dihitung pada nilai yang belum dibulatkan)", ncols)
    r += 1
    for c, title in enumerate(("No", "Predikat", "Capaian ≥ (%)"), start=1):
        put(ws, r, c, title, "kn_header")
    r += 1
    bands = [*((label, m) for m, label in k.skala.ambang), (k.skala.terendah, None)]
    for n, (label, m) in enumerate(bands, start=1):
        put(ws, r, 1, n, "kd_tengah")
        fill_predikat(put(ws, r, 2, label, "kd_teks"), k.skala, label)
        put(ws, r, 3, m if m is not None else "di bawahnya", "kd_angka")
        r += 1
    batas = (
        f"dibatasi {k.batas_rata_rata}% per indikator"
        if k.batas_rata_rata is not None
        else "tidak dibatasi"
    )
    r = note(
        ws,
        r,
        f"Sumbangan indikator ke rata-rata sasaran: {batas}. Status indikator: "
        "Melampaui (> 100), Tercapai (= 100), Tidak Tercapai (< 100).",
        ncols,
        150,
    )
    r += 1

    subtitle(ws, r, "D. Berkas masukan (SHA-256)", ncols)
    r += 1
    for c, title in enumerate(("No", "Berkas"), start=1):
        put(ws, r, c, title, "kn_header")
    merge(ws, r, 2, r, 4)
    put(ws, r, 5, "SHA-256", "kn_header")
    merge(ws, r, 5, r, 6)
    r += 1
    for n, (name, sha) in enumerate(sorted(k.input_sha256.items()), start=1):
        put(ws, r, 1, n, "kd_tengah")
        put(ws, r, 2, name, "kd_teks")
        merge(ws, r, 2, r, 4)
        put(ws, r, 5, sha, "kd_teks")
        merge(ws, r, 5, r, 6)
        r += 1
    if k.notes:
        r += 1
        subtitle(ws, r, "E. Catatan lain", ncols)
        r += 1
        for text in k.notes:
            r = note(ws, r, text, ncols, 150)
    apply_print_setup(ws, None)
