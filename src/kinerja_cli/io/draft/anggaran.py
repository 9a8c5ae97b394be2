"""Draft sheets `Anggaran` and `Efisiensi` (SPEC §6.6, §7)."""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain.capaian import Efisiensi
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.domain.numbers import format_rupiah
from kinerja_cli.domain.periode import romawi
from kinerja_cli.io.draft.common import (
    fill_hex,
    fit_height,
    header,
    merge_row,
    note,
    persen,
    put,
    rupiah,
    subtitle,
    title_block,
)
from kinerja_cli.io.xlsx.styles import apply_print_setup

EFISIEN_FILL, KURANG_EFISIEN_FILL = "C6EFCE", "FCE4D6"
_INDENT = {"program": 0, "kegiatan": 1, "sub-kegiatan": 2}


def write_anggaran(ws: Any, k: Kompilasi) -> None:
    """Budget rows with parent subtotals recomputed from their sub-kegiatan (bold, grey)."""
    from openpyxl.styles import Alignment

    q = k.periode.triwulan
    sd = "" if k.periode.tahunan else f" s/d TW {romawi(q)}"
    cols: list[tuple[str, float]] = [("Kode", 19), ("Uraian", 46), ("Bidang", 8), ("Pagu (Rp)", 17)]
    cols += [(f"Realisasi TW {romawi(n)} (Rp)", 16) for n in range(1, q + 1)]
    cols += [(f"Realisasi{sd} (Rp)", 17), ("Serapan (%)", 10), ("Sisa (Rp)", 17),
             ("Keterangan", 30)]
    ncols = len(cols)
    r = title_block(ws, k, "REALISASI ANGGARAN", ncols)
    header(ws, r, cols)
    head = r
    r += 1
    belum = {b.kode for b in k.bidang if b.status != "diterima"}
    for a in k.anggaran:
        teks, rp = ("kd_total", "kd_total_rp") if a.tingkat == "program" and a.induk else (
            ("kd_grup", "kd_grup_rp") if a.induk else ("kd_teks", "kd_rp"))
        put(ws, r, 1, a.kode, teks)
        cell = put(ws, r, 2, a.uraian, teks)
        cell.alignment = Alignment(wrap_text=True, vertical="top", indent=_INDENT.get(a.tingkat, 0))
        put(ws, r, 3, a.bidang, teks)
        rupiah(ws, r, 4, a.pagu, rp)
        for n in range(q):
            rupiah(ws, r, 5 + n, a.realisasi_tw[n], rp)
        rupiah(ws, r, 5 + q, a.realisasi, rp)
        persen(ws, r, 6 + q, a.serapan, rp.replace("_rp", "_angka"))
        rupiah(ws, r, 7 + q, a.sisa, rp)
        ket = ""
        if a.induk and a.pagu_pk != a.pagu:
            ket = (f"Pagu tertulis di PK {format_rupiah(a.pagu_pk)} berbeda dengan jumlah "
                   "rinciannya; yang dipakai jumlah rinciannya (lihat Catatan)")
        elif not a.induk and a.bidang in belum and a.realisasi is None:
            ket = "Bidang belum mengirim"
        put(ws, r, 8 + q, ket, teks)
        fit_height(ws, r, [(a.uraian, 46), (ket, 30)])
        r += 1
    t = k.anggaran_total
    if t is not None:
        merge_row(ws, r, 1, 3, "JUMLAH", "kd_total")
        rupiah(ws, r, 4, t.pagu, "kd_total_rp")
        for n in range(q):
            rupiah(ws, r, 5 + n, t.realisasi_tw[n], "kd_total_rp")
        rupiah(ws, r, 5 + q, t.realisasi, "kd_total_rp")
        persen(ws, r, 6 + q, t.serapan, "kd_total_angka")
        rupiah(ws, r, 7 + q, t.sisa, "kd_total_rp")
        put(ws, r, 8 + q, "Jumlah seluruh program", "kd_total")
        r += 1
    r += 1
    note(ws, r, "Realisasi dilaporkan pada baris sub-kegiatan; baris program dan kegiatan selalu "
         "dihitung ulang dari rinciannya sehingga tidak ada yang terhitung dua kali. Serapan = "
         "realisasi ÷ pagu × 100; sisa = pagu − realisasi.", ncols, 200)
    ws.freeze_panes = ws.cell(head + 1, 3)
    apply_print_setup(ws, head)


EFISIENSI_COLS: tuple[tuple[str, float], ...] = (
    ("No", 5), ("Kode", 8), ("Sasaran", 46), ("Capaian Kinerja (%)", 12), ("Pagu (Rp)", 17),
    ("Realisasi (Rp)", 17), ("Serapan Anggaran (%)", 12), ("Indeks Efisiensi (IE)", 11),
    ("Keterangan", 15), ("Selisih Capaian − Serapan (poin)", 14),
)


def _efisiensi_row(ws: Any, r: int, k: Kompilasi, n: int, kode: str, nama: str, cap: Any,
                   pagu: Any, real: Any, ser: Any, e: Efisiensi | None) -> None:
    put(ws, r, 1, n, "kd_tengah")
    put(ws, r, 2, kode, "kd_tengah")
    put(ws, r, 3, nama, "kd_teks")
    persen(ws, r, 4, cap)
    rupiah(ws, r, 5, pagu)
    rupiah(ws, r, 6, real)
    persen(ws, r, 7, ser)
    persen(ws, r, 8, e.ie if e else None)
    label = e.label if e and e.label else ("tidak ada anggaran terkait" if pagu is None else "-")
    cell = put(ws, r, 9, label, "kd_teks")
    if e and e.label:
        fill_hex(cell, EFISIEN_FILL if e.label == "Efisien" else KURANG_EFISIEN_FILL)
    persen(ws, r, 10, e.selisih if e else None)
    fit_height(ws, r, [(nama, 46)])


def write_efisiensi(ws: Any, k: Kompilasi) -> None:
    """Efficiency index per sasaran and per bidang, labelled as an analysis aid (DOMAIN §4)."""
    ncols = len(EFISIENSI_COLS)
    r = title_block(ws, k, "ANALISIS EFISIENSI PENGGUNAAN SUMBER DAYA", ncols)
    r = note(ws, r, "Alat bantu analisis, bukan penilaian resmi (PermenPANRB 53/2014 tidak "
             "menetapkan rumus). Indeks Efisiensi IE = capaian kinerja ÷ serapan anggaran; "
             "Efisien bila IE ≥ 1, Kurang Efisien bila IE < 1. Selisih = capaian − serapan, "
             "dalam poin persen (positif berarti kinerja lebih tinggi daripada serapan).",
             ncols, 180)
    r += 1
    subtitle(ws, r, "A. Per sasaran (anggaran sub-kegiatan yang dikaitkan dengan sasaran di PK)",
             ncols)
    r += 1
    header(ws, r, EFISIENSI_COLS, height=45)
    head = r
    r += 1
    for n, s in enumerate(k.sasaran, start=1):
        _efisiensi_row(ws, r, k, n, s.kode, s.nama, s.capaian, s.pagu, s.realisasi_anggaran,
                       s.serapan, s.efisiensi)
        r += 1
    r += 1
    subtitle(ws, r, "B. Per bidang (anggaran sub-kegiatan milik bidang)", ncols)
    r += 1
    cols = list(EFISIENSI_COLS)
    cols[2] = ("Bidang", 46)
    for c, (title, _) in enumerate(cols, start=1):
        put(ws, r, c, title, "kn_header")
    ws.row_dimensions[r].height = 45
    r += 1
    for n, b in enumerate(k.bidang, start=1):
        _efisiensi_row(ws, r, k, n, b.kode, b.nama, b.capaian, b.pagu, b.realisasi_anggaran,
                       b.serapan, b.efisiensi)
        r += 1
    r += 1
    text = ("Capaian kinerja sasaran dan bidang = rata-rata capaian indikator periode ini "
            "(lembar Pengukuran); serapan dihitung dari realisasi sub-kegiatan (lembar Anggaran).")
    if not k.periode.tahunan:
        tw = romawi(k.periode.triwulan)
        text += (f" Pada triwulan berjalan serapan dihitung terhadap pagu setahun, sedangkan capaian "
                 f"terhadap target TW {tw}; IE triwulan karena itu cenderung tinggi dan baru "
                 "bermakna penuh pada pengukuran tahunan.")
    note(ws, r, text, ncols, 180)
    ws.freeze_panes = ws.cell(head + 1, 1)
    apply_print_setup(ws, head)
