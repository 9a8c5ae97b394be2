"""Draft sheet `Evaluasi Renja`: Permendagri 86/2017 "Evaluasi terhadap Hasil Renja Perangkat
Daerah", variant A of docs/rulebook.md §2c (15 numbered columns, K and Rp sub-columns, Triwulan I–IV).

Columns 5, 6, 13 and 14 need Renstra figures that the PK does not hold: they are left blank
(grey) with a note. Column (16) is the optional Renja-level % docs/rulebook.md §2c recommends.
"""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain.kompilasi import anggaran_sasaran
from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.results import BarisAnggaranHasil, BarisIndikator, Kompilasi
from kinerja_cli.domain.targets import format_nip
from kinerja_cli.io.draft.common import (
    fill_predikat,
    fit_height,
    indikator_format,
    is_unstyled,
    merge,
    merge_row,
    note,
    persen,
    put,
    realisasi,
    rupiah,
    set_style,
    target,
)
from kinerja_cli.io.xlsx import apply_print_setup

# Column numbers (1-based) of the K sub-column of each paired column; Rp is K + 1.
K5, K6, K7 = 5, 7, 9
K_TW = (11, 13, 15, 17)  # columns 8-11
K12, K13, K14 = 19, 21, 23
C15 = 25
K16 = 26  # extra: Renja-level % (col. 13 of variant B)
NCOLS = 27
RENSTRA = (K5, K6, K13, K14)
WIDTHS: dict[int, float] = {1: 5, 2: 16, 3: 26, 4: 26, C15: 18}
K_WIDTH, RP_WIDTH, RENSTRA_WIDTH = 8.0, 15.0, 7.0
PAGE_BREAK_AFTER = K_TW[1] + 1  # two A4 pages: (1)-(9), then (10)-(16)
PRINT_SCALE = 62
FIRST_HEAD = 7  # header rows 7-9, numbering row 10


def _headers(ws: Any, k: Kompilasi) -> int:
    t = k.tahun
    names = {
        K5: "Target Renstra Perangkat Daerah pada Tahun … (Akhir Periode Renstra PD)",
        K6: f"Realisasi Capaian Kinerja Renstra PD s/d Renja PD Tahun Lalu ({t - 1})",
        K7: f"Target Kinerja dan Anggaran Renja PD Tahun Berjalan ({t}) yang Dievaluasi",
        K12: f"Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi ({t})",
        K13: f"Realisasi Kinerja dan Anggaran Renstra PD s/d Tahun {t}",
        K14: f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s/d Tahun {t} (%)",
        K16: "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja PD yang Dievaluasi (%) *)",
    }
    singles = {
        1: "No",
        2: "Sasaran",
        3: "Program/Kegiatan",
        4: "Indikator Kinerja Program (outcome)/Kegiatan (output)",
        C15: "Unit Perangkat Daerah Penanggung Jawab",
    }
    h1, h2, h3, nomor = FIRST_HEAD, FIRST_HEAD + 1, FIRST_HEAD + 2, FIRST_HEAD + 3
    for c in range(1, NCOLS + 1):
        for r in (h1, h2, h3, nomor):
            ws.cell(r, c).style = "kn_header"
    for c, text in singles.items():
        put(ws, h1, c, text, "kn_header")
        merge(ws, h1, c, h3, c)
    for c, text in names.items():
        put(ws, h1, c, text, "kn_header")
        merge(ws, h1, c, h2, c + 1)
    # Split at the page break so each printed half carries its own group title.
    for c1, c2 in ((K_TW[0], PAGE_BREAK_AFTER), (PAGE_BREAK_AFTER + 1, K_TW[-1] + 1)):
        put(ws, h1, c1, "Realisasi Kinerja pada Triwulan", "kn_header")
        merge(ws, h1, c1, h1, c2)
    for n, c in enumerate(K_TW, start=1):
        put(ws, h2, c, romawi(n), "kn_header")
        merge(ws, h2, c, h2, c + 1)
    for c in (K5, K6, K7, *K_TW, K12, K13, K14, K16):
        put(ws, h3, c, "K", "kn_header")
        put(ws, h3, c + 1, "Rp", "kn_header")
    numbers = {
        1: 1,
        2: 2,
        3: 3,
        4: 4,
        K5: 5,
        K6: 6,
        K7: 7,
        K_TW[0]: 8,
        K_TW[1]: 9,
        K_TW[2]: 10,
        K_TW[3]: 11,
        K12: 12,
        K13: 13,
        K14: 14,
        C15: 15,
        K16: 16,
    }
    for c, n in numbers.items():
        put(ws, nomor, c, f"({n})", "kn_header")
        if c not in singles:
            merge(ws, nomor, c, nomor, c + 1)
    from openpyxl.utils import get_column_letter

    pairs = (K7, *K_TW, K12, K16)
    for c in range(1, NCOLS + 1):
        if c in WIDTHS:
            width = WIDTHS[c]
        elif any(c in (k, k + 1) for k in RENSTRA):
            width = RENSTRA_WIDTH
        else:
            width = K_WIDTH if c in pairs else RP_WIDTH
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.row_dimensions[h1].height = 105
    ws.row_dimensions[h2].height = 18
    return nomor + 1


def _blank(ws: Any, r: int) -> None:
    """Renstra cells (5, 6, 13, 14) stay blank and grey; every other cell gets its border."""
    for c in range(1, NCOLS + 1):
        cell = ws.cell(r, c)
        if is_unstyled(cell):
            set_style(cell, "kd_kosong" if any(c in (k, k + 1) for k in RENSTRA) else "kd_teks")


def _indikator(ws: Any, r: int, i: BarisIndikator, k: Kompilasi, unit: str) -> None:
    fmt = indikator_format(i)
    put(ws, r, 4, f"{i.nama} ({i.satuan})", "kd_teks")
    target(ws, r, K7, i.target, i.target_teks, fmt)
    for n, c in enumerate(K_TW):
        if n < len(i.realisasi_tw):
            realisasi(ws, r, c, i.realisasi_tw[n], i.target_teks, fmt)
    realisasi(ws, r, K12, i.realisasi, i.target_teks, fmt)
    persen(ws, r, K16, i.capaian)
    put(ws, r, C15, unit, "kd_teks")
    _blank(ws, r)
    fit_height(ws, r, [(f"{i.nama} ({i.satuan})", WIDTHS[4]), (unit, WIDTHS[C15] - 3)])


def _anggaran(ws: Any, r: int, a: BarisAnggaranHasil, unit: str) -> None:
    style, rp = ("kd_grup", "kd_grup_rp") if a.induk else ("kd_teks", "kd_rp")
    text = f"{a.kode} {a.uraian}"
    put(ws, r, 3, text, style)
    rupiah(ws, r, K7 + 1, a.pagu, rp)
    for n, c in enumerate(K_TW):
        if n < len(a.realisasi_tw):
            rupiah(ws, r, c + 1, a.realisasi_tw[n], rp)
    rupiah(ws, r, K12 + 1, a.realisasi, rp)
    persen(ws, r, K16 + 1, a.serapan, "kd_grup_angka" if a.induk else "kd_angka")
    put(ws, r, C15, unit, "kd_teks")
    _blank(ws, r)
    fit_height(ws, r, [(text, WIDTHS[3]), (unit, WIDTHS[C15] - 3)])


def _narasi(k: Kompilasi, field: str) -> str:
    """One line per distinct text, naming the indicators that gave it (bidang often repeat one)."""
    by_text: dict[str, list[str]] = {}
    for i in k.indikator:
        text = " ".join(str(getattr(i.narasi, field) or "").split())
        if text:
            by_text.setdefault(text[:300], []).append(i.kode)
    return "\n".join(f"• {text} ({', '.join(kode)})" for text, kode in by_text.items())


def write(ws: Any, k: Kompilasi) -> None:
    """The Permendagri 86/2017 Renja evaluation form, filled from the PK and the submissions."""
    idn = k.identitas
    q = k.periode.triwulan
    periode = (
        f"Tahun {k.tahun}"
        if k.periode.tahunan
        else f"Triwulan I s/d Triwulan {romawi(q)} Tahun {k.tahun}"
    )
    lines = [
        f"EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP {idn.pemda.upper()}",
        f"RENJA PERANGKAT DAERAH {idn.perangkat_daerah.upper()} {idn.pemda.upper()}",
        f"Periode Pelaksanaan: {periode}",
        "Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD: "
        "…………………………………………",
    ]
    for r, text in enumerate(lines, start=1):
        merge_row(ws, r, 1, PAGE_BREAK_AFTER, text, "kn_judul" if r <= 2 else "kn_subjudul")
    r = _headers(ws, k)
    head = r - 1
    units = {b.kode: b.nama for b in k.bidang_pk}
    groups = [(s.kode, s.nama) for s in k.sasaran] + [
        (None, "Program/kegiatan yang belum dikaitkan dengan sasaran di PK")
    ]
    no = 0
    for kode, nama in groups:
        inds = [i for i in k.indikator if i.sasaran == kode] if kode else []
        rows = anggaran_sasaran(k.anggaran, kode)
        if not inds and not rows:
            continue
        no += 1
        first = r
        for i in inds:
            _indikator(ws, r, i, k, units.get(i.bidang, i.bidang))
            r += 1
        for a in rows:
            _anggaran(ws, r, a, units.get(a.bidang, a.bidang))
            r += 1
        for c, value in ((1, no), (2, nama)):
            put(ws, first, c, value, "kd_tengah" if c == 1 else "kd_teks")
            if r - 1 > first:
                merge(ws, first, c, r - 1, c)
    t = k.anggaran_total
    merge_row(ws, r, 1, 4, "Jumlah anggaran", "kd_total")
    if t is not None:
        rupiah(ws, r, K7 + 1, t.pagu, "kd_total_rp")
        for n, c in enumerate(K_TW[:q]):
            rupiah(ws, r, c + 1, t.realisasi_tw[n], "kd_total_rp")
        rupiah(ws, r, K12 + 1, t.realisasi, "kd_total_rp")
        persen(ws, r, K16 + 1, t.serapan, "kd_total_angka")
    for c in range(5, NCOLS + 1):
        if ws.cell(r, c).style == "Normal":
            ws.cell(r, c).style = "kd_total"
    r += 1
    r = _footer(ws, r, k)
    r += 1
    tw = romawi(q)
    r = note(
        ws,
        r,
        "Catatan: kolom (5), (6), (13) dan (14) memerlukan target dan realisasi Renstra "
        "PD yang tidak ada di Perjanjian Kinerja; isi dari dokumen Renstra PD. Kolom (7) "
        "memakai target tahunan PK. Kolom (8)–(11) berisi realisasi yang dilaporkan bidang "
        f"s/d TW {tw}; kolom (12) = (8)+(9)+(10)+(11) untuk indikator kumulatif dan anggaran, "
        "sedangkan untuk indikator bersifat status/biner = nilai triwulan terakhir. "
        "*) Kolom (16) tambahan (bukan bagian format Permendagri 86/2017): K = capaian "
        "terhadap target tahunan menurut rumus arah indikator (lembar Catatan), Rp = serapan "
        "anggaran (12)/(7) × 100%.",
        PAGE_BREAK_AFTER,
        200,
    )
    _signatures(ws, r + 1, k)
    ws.freeze_panes = ws.cell(head + 1, 5)
    # 27 columns do not fit one A4 page legibly: two pages wide (a fixed scale, so the manual
    # break after TW II holds), each row block's two halves printed one after the other.
    from openpyxl.worksheet.pagebreak import Break

    apply_print_setup(ws, head, scale=PRINT_SCALE)
    ws.col_breaks.append(Break(id=PAGE_BREAK_AFTER))
    ws.page_setup.pageOrder = "overThenDown"
    # Header rows repeat; columns (1)-(4) do not, or the footer and signatures would print twice.
    ws.print_title_rows = f"{FIRST_HEAD}:{head}"


def _footer(ws: Any, r: int, k: Kompilasi) -> int:
    rows: list[tuple[str, Any]] = [
        ("Rata-rata capaian kinerja (%)", k.dinas_capaian),
        ("Predikat kinerja", k.dinas_predikat or ""),
        ("Faktor pendorong keberhasilan kinerja", _narasi(k, "pendorong")),
        ("Faktor penghambat pencapaian kinerja", _narasi(k, "penghambat")),
        ("Tindak lanjut yang diperlukan dalam triwulan berikutnya", _narasi(k, "tindak_lanjut")),
        ("Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya", ""),
    ]
    for label, value in rows:
        merge_row(ws, r, 1, 4, label, "kd_total")
        if isinstance(value, str) or value is None:
            cell = merge_row(ws, r, 5, PAGE_BREAK_AFTER, value, "kd_teks")
            fit_height(ws, r, [(value or "", 140), (label, 70)])
        else:
            cell = merge_row(ws, r, 5, PAGE_BREAK_AFTER, None, "kd_teks")
            persen(ws, r, 5, value, "kd_teks")
            cell.number_format = "#,##0.00"
        if label == "Predikat kinerja":
            fill_predikat(cell, k.skala, k.dinas_predikat)
        r += 1
    return r


def _signatures(ws: Any, r: int, k: Kompilasi) -> None:
    from openpyxl.styles import Font

    idn = k.identitas
    jab = idn.jabatan_kepala.strip()
    plt = next((p + " " for p in ("Plt.", "Plh.") if jab.startswith(p)), "")
    kepala = f"{plt}KEPALA {idn.perangkat_daerah.upper()} {idn.pemda.upper()}".strip()
    left = [
        "Disusun",
        f"{idn.tempat}, tanggal ……………………",
        kepala,
        "",
        "",
        "",
        idn.kepala,
        idn.pangkat_kepala,
        f"NIP. {format_nip(idn.nip_kepala)}",
    ]
    right = [
        "Dievaluasi",
        f"{idn.tempat}, tanggal ……………………",
        f"KEPALA BAPPEDA {idn.pemda.upper()}",
        "",
        "",
        "",
        "(……………………………………)",
        "",
        "NIP. ……………………………",
    ]
    for n, (a, b) in enumerate(zip(left, right, strict=True)):
        for c1, c2, text in ((2, 4, a), (K_TW[0], PAGE_BREAK_AFTER, b)):
            cell = merge_row(
                ws, r + n, c1, c2, text or None, "kd_label" if n in (0, 2, 6) else "kn_wrap"
            )
            if n == 6:
                cell.font = Font(bold=True, underline="single")
        if n == 2:
            ws.row_dimensions[r + n].height = 45
