"""Draft sheets `Permasalahan` and `Catatan` (SPEC §7)."""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain.results import BarisIndikator, Kompilasi
from kinerja_cli.domain.models import Arah, Sifat
from kinerja_cli.domain.numbers import format_angka
from kinerja_cli.domain.periode import romawi
from kinerja_cli.io.draft.common import (
    NARASI_MAX,
    fill_predikat,
    fit_height,
    header,
    merge,
    merge_row,
    note,
    persen,
    put,
    subtitle,
    title_block,
)
from kinerja_cli.io.xlsx.styles import apply_print_setup

PERMASALAHAN_COLS: tuple[tuple[str, float], ...] = (
    ("No", 5), ("Kode", 8), ("Indikator Kinerja", 34), ("Bidang", 9), ("Capaian (%)", 10),
    ("Predikat", 12), ("Faktor Pendorong", 34), ("Faktor Penghambat", 34), ("Tindak Lanjut", 34),
    ("Bukti Dukung", 24),
)


def write_permasalahan(ws: Any, k: Kompilasi) -> None:
    """Faktor pendorong, penghambat and tindak lanjut per indicator, as the bidang wrote them."""
    ncols = len(PERMASALAHAN_COLS)
    r = title_block(ws, k, "PERMASALAHAN DAN TINDAK LANJUT", ncols)
    header(ws, r, PERMASALAHAN_COLS)
    head = r
    r += 1
    for i in k.indikator:
        n = i.narasi
        put(ws, r, 1, i.no, "kd_tengah")
        put(ws, r, 2, i.kode, "kd_tengah")
        put(ws, r, 3, i.nama, "kd_teks")
        put(ws, r, 4, i.bidang, "kd_tengah")
        persen(ws, r, 5, i.capaian_periode)
        fill_predikat(put(ws, r, 6, i.predikat, "kd_teks"), k.skala, i.predikat)
        # Form text is written with safe_text (via put): never a formula (RELIABILITY B1).
        for c, text in ((7, n.pendorong), (8, n.penghambat), (9, n.tindak_lanjut), (10, n.bukti)):
            put(ws, r, c, text or None, "kd_teks")
        fit_height(ws, r, [(i.nama, 34), (n.pendorong, 34), (n.penghambat, 34),
                           (n.tindak_lanjut, 34), (n.bukti, 24)])
        r += 1
    r += 1
    note(ws, r, "Isian faktor dan tindak lanjut disalin apa adanya dari formulir bidang; "
         f"uraian lebih dari {format_angka(NARASI_MAX, 0)} karakter dipotong di laporan akhir.",
         ncols, 200)
    ws.freeze_panes = ws.cell(head + 1, 4)
    apply_print_setup(ws, head)


def cara_realisasi(sifat: Sifat, arah: Arah, k: int) -> str:
    """How the s/d value is taken, in words (SPEC §6.1)."""
    if k == 1:
        return "realisasi TW I"
    if arah == Arah.BINER:
        return f"jawaban terakhir yang terisi s/d TW {romawi(k)}"
    if sifat == Sifat.KUMULATIF:
        return f"jumlah realisasi TW I s/d TW {romawi(k)}"
    return f"nilai triwulan terakhir yang terisi s/d TW {romawi(k)}"


def _target_dipakai(i: BarisIndikator, q: int, tahunan: bool) -> str:
    """Which target the period capaian was computed against (SPEC §6.3)."""
    if not tahunan and i.capaian_triwulan is not None:
        return f"T = target TW {romawi(q)} ({i.target_triwulan_teks})"
    return f"T = target tahunan ({i.target_teks})"


def write_catatan(ws: Any, k: Kompilasi) -> None:
    """Open findings, the formula per indicator, the predikat scale and the inputs' SHA-256."""
    widths = (5, 40, 14, 36, 11, 60)
    ncols = len(widths)
    r = title_block(ws, k, "CATATAN KOMPILASI", ncols)
    from openpyxl.utils import get_column_letter

    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w

    subtitle(ws, r, f"A. Temuan yang masih terbuka ({len(k.temuan)})", ncols)
    r += 1
    for c, title in enumerate(("No", "Kode temuan", "Tingkat", "Lokasi", "Indikator", "Pesan"),
                              start=1):
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
    for c, title in enumerate(("No", "Kode / Indikator", "Arah", "Realisasi s/d periode",
                               "Sifat", "Rumus capaian"), start=1):
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
        fit_height(ws, r, [(f"{i.kode} {i.nama}", 40), (cara_realisasi(i.sifat, i.arah, q), 36),
                           (i.rumus_teks, 60)])
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
    batas = (f"dibatasi {k.batas_rata_rata}% per indikator" if k.batas_rata_rata is not None
             else "tidak dibatasi")
    r = note(ws, r, f"Sumbangan indikator ke rata-rata sasaran: {batas}. Status indikator: "
             "Melampaui (> 100), Tercapai (= 100), Tidak Tercapai (< 100).", ncols, 150)
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
    if k.catatan:
        r += 1
        subtitle(ws, r, "E. Catatan lain", ncols)
        r += 1
        for text in k.catatan:
            r = note(ws, r, text, ncols, 150)
    apply_print_setup(ws, None)
