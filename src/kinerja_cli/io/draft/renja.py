"""Draft sheet `Evaluasi Renja`: Permendagri 86/2017 "Evaluasi terhadap Hasil Renja Perangkat
Daerah", variant A of docs/rulebook.md §2c (15 numbered columns, K and Rp sub-columns, Triwulan I–IV).

Columns 5, 6, 13 and 14 come from the PK's optional Renstra columns (docs/contract.md §14):
(5) the Target/Pagu Renstra, (6) the realisation s/d last year, (13) = (6) + (12) for kumulatif
and Rp, the current level for status, (14) the capaian of (13) against (5). A PK without them
leaves them blank (grey) with a note. Column (16) is the optional Renja-level % docs/rulebook.md
§2c recommends.

In print (docs/contract.md §16) the 27 columns take two A4 landscape pages side by side, each
with the header rows and the identifying columns (1)-(4) repeated, so every page can be read
by itself. The column widths put the natural break after Triwulan III. The title, the footer
rows, the note and the signature blocks stand in columns (5)-(11), left of that break: the
repeated columns stay empty beside them, so nothing prints twice or is cut at the break.
"""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain import nama as nm
from kinerja_cli.domain.kompilasi import anggaran_sasaran
from kinerja_cli.domain.periode import akhir_renstra, romawi
from kinerja_cli.domain.results import BarisAnggaranHasil, BarisIndikator, Kompilasi
from kinerja_cli.domain.rounding import bulat
from kinerja_cli.domain.targets import format_nip
from kinerja_cli.io.draft.common import (
    NUM_FMT,
    SheetWriter,
    indikator_format,
    note,
    persen,
    predikat_rgb,
    print_setup,
    realisasi,
    rupiah,
    target,
    text_height,
)

# Column numbers (1-based) of the K sub-column of each paired column; Rp is K + 1.
K5, K6, K7 = 5, 7, 9
K_TW = (11, 13, 15, 17)  # columns 8-11
K12, K13, K14 = 19, 21, 23
C15 = 25
K16 = 26  # extra: Renja-level % (col. 13 of variant B)
NCOLS = 27
RENSTRA = (K5, K6, K13, K14)
RENSTRA_COLS = frozenset(c for k in RENSTRA for c in (k, k + 1))
WIDTHS: dict[int, float] = {1: 5, 2: 16, 3: 26, 4: 26, C15: 18}
K_WIDTH, RP_WIDTH, RENSTRA_WIDTH = 8.0, 15.0, 7.0  # Renstra columns narrow when empty
IDENT_COLS = (1, 4)  # No, Sasaran, Program/Kegiatan, Indikator: repeated on every page
HALF = K_TW[2] + 1  # the last column of the first printed half (Triwulan III Rp)
BODY = (K5, HALF)  # where the title, footer, note and signatures stand
FIRST_HEAD = 7  # header rows 7-9, numbering row 10


def _width(c: int, renstra: bool = False) -> float:
    if c in WIDTHS:
        return WIDTHS[c]
    if c in RENSTRA_COLS and not renstra:
        return RENSTRA_WIDTH
    # (14) Rp is a percentage: as narrow as a K column
    return K_WIDTH if c in (K5, K6, K7, *K_TW, K12, K13, K14, K14 + 1, K16) else RP_WIDTH


def ada_renstra(k: Kompilasi) -> bool:
    """Whether the PK carries any Renstra figure (docs/contract.md §14)."""
    return any(
        i.target_renstra is not None or i.realisasi_renstra_lalu is not None for i in k.indikator
    ) or any(a.pagu_renstra is not None or a.realisasi_renstra_lalu is not None for a in k.anggaran)


def tahun_akhir_renstra(k: Kompilasi) -> str:
    """The last year of the Periode Renstra (`2026` of `2021-2026`), or `…`."""
    return akhir_renstra(k.identitas.periode_renstra)


def _headers(sh: SheetWriter, k: Kompilasi) -> int:
    t = k.tahun
    names = {
        K5: f"Target Renstra Perangkat Daerah pada Tahun {tahun_akhir_renstra(k)} "
        "(Akhir Periode Renstra PD)",
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
    sh.height(h1, 105)
    for c, text in singles.items():
        sh.merge(h1, c, h3, c, text, "kn_header")
    for c, text in names.items():
        sh.merge(h1, c, h2, c + 1, text, "kn_header")
    # Split at the printed halves so each half carries its own group title.
    for c1, c2 in ((K_TW[0], HALF), (HALF + 1, K_TW[-1] + 1)):
        sh.merge(h1, c1, h1, c2, "Realisasi Kinerja pada Triwulan", "kn_header")
    sh.height(h2, 18)
    for n, c in enumerate(K_TW, start=1):
        sh.merge(h2, c, h2, c + 1, romawi(n), "kn_header")
    for c in (K5, K6, K7, *K_TW, K12, K13, K14, K16):
        sh.put(h3, c, "K", "kn_header")
        sh.put(h3, c + 1, "Rp", "kn_header")
    numbers = {1: 1, 2: 2, 3: 3, 4: 4, K5: 5, K6: 6, K7: 7}
    numbers |= {c: 8 + n for n, c in enumerate(K_TW)}
    numbers |= {K12: 12, K13: 13, K14: 14, C15: 15, K16: 16}
    for c, n in numbers.items():
        if c in singles:
            sh.put(nomor, c, f"({n})", "kn_header")
        else:
            sh.merge(nomor, c, nomor, c + 1, f"({n})", "kn_header")
    return nomor + 1


def _blank(sh: SheetWriter, r: int, written: set[int], first: int = 3) -> None:
    """Renstra cells (5, 6, 13, 14) stay blank and grey; every other cell gets its border."""
    for c in range(first, NCOLS + 1):
        if c not in written:
            sh.put(r, c, None, "kd_kosong" if c in RENSTRA_COLS else "kd_teks")


def _indikator(sh: SheetWriter, r: int, i: BarisIndikator, unit: str) -> None:
    fmt = indikator_format(i)
    sh.put(r, 4, f"{i.nama} ({i.satuan})", "kd_teks")
    target(sh, r, K7, i.target, i.target_teks, fmt)
    written = {4, K7, K12, K16, C15}
    if i.target_renstra is not None or i.realisasi_renstra_lalu is not None:
        target(sh, r, K5, i.target_renstra, i.target_renstra_teks, fmt)
        realisasi(sh, r, K6, i.realisasi_renstra_lalu, i.target_teks, fmt)
        realisasi(sh, r, K13, i.realisasi_renstra, i.target_teks, fmt)
        persen(sh, r, K14, i.capaian_renstra)
        written |= {K5, K6, K13, K14}
    for n, c in enumerate(K_TW):
        if n < len(i.realisasi_tw):
            realisasi(sh, r, c, i.realisasi_tw[n], i.target_teks, fmt)
            written.add(c)
    realisasi(sh, r, K12, i.realisasi, i.target_teks, fmt)
    persen(sh, r, K16, i.capaian)
    sh.put(r, C15, unit, "kd_teks")
    _blank(sh, r, written)


def _anggaran(sh: SheetWriter, r: int, a: BarisAnggaranHasil, unit: str) -> None:
    style, rp = ("kd_grup", "kd_grup_rp") if a.induk else ("kd_teks", "kd_rp")
    sh.put(r, 3, f"{a.kode} {a.uraian}", style)
    rupiah(sh, r, K7 + 1, a.pagu, rp)
    written = {3, K7 + 1, K12 + 1, K16 + 1, C15} | _renstra_rp(sh, r, a, rp, a.induk)
    for n, c in enumerate(K_TW):
        if n < len(a.realisasi_tw):
            rupiah(sh, r, c + 1, a.realisasi_tw[n], rp)
            written.add(c + 1)
    rupiah(sh, r, K12 + 1, a.realisasi, rp)
    persen(sh, r, K16 + 1, a.serapan, "kd_grup_angka" if a.induk else "kd_angka")
    sh.put(r, C15, unit, "kd_teks")
    _blank(sh, r, written)


def _renstra_rp(
    sh: SheetWriter, r: int, a: BarisAnggaranHasil, rp: str, induk: bool, angka: str = ""
) -> set[int]:
    """Budget columns (5), (6), (13), (14) Rp of a row with Renstra figures; the columns
    written."""
    if a.pagu_renstra is None and a.realisasi_renstra_lalu is None:
        return set()
    rupiah(sh, r, K5 + 1, a.pagu_renstra, rp)
    rupiah(sh, r, K6 + 1, a.realisasi_renstra_lalu, rp)
    rupiah(sh, r, K13 + 1, a.realisasi_renstra, rp)
    persen(sh, r, K14 + 1, a.capaian_renstra, angka or ("kd_grup_angka" if induk else "kd_angka"))
    return {K5 + 1, K6 + 1, K13 + 1, K14 + 1}


def _narasi(k: Kompilasi, field: str) -> list[str]:
    """One line per distinct text, naming the indicators that gave it (bidang often repeat one)."""
    by_text: dict[str, list[str]] = {}
    for i in k.indikator:
        text = " ".join(str(getattr(i.narasi, field) or "").split())
        if text:
            by_text.setdefault(text[:300], []).append(i.kode)
    return [f"• {text} ({', '.join(kode)})" for text, kode in by_text.items()]


def _row_height(texts: list[tuple[str, float]]) -> float:
    return max(text_height(t, w) for t, w in texts)


def write(sh: SheetWriter, k: Kompilasi) -> None:
    """The Permendagri 86/2017 Renja evaluation form, filled from the PK and the submissions."""
    idn = k.identitas
    q = k.periode.triwulan
    renstra = ada_renstra(k)
    sh.widths([_width(c, renstra) for c in range(1, NCOLS + 1)])
    periode = (
        f"Tahun {k.tahun}"
        if k.periode.tahunan
        else f"Triwulan I s/d Triwulan {romawi(q)} Tahun {k.tahun}"
    )
    # Names built once from their parts (docs/contract.md §16): never "KABUPATEN X KABUPATEN X".
    wilayah = nm.wilayah(idn.pemda).upper()
    dinas = nm.perangkat_daerah_lengkap(idn.perangkat_daerah, idn.pemda).upper()
    lines = [
        nm.judul("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP", wilayah),
        nm.judul("RENJA PERANGKAT DAERAH", dinas),
        f"Periode Pelaksanaan: {periode}",
        "Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD: "
        "…………………………………………",
    ]
    for r, text in enumerate(lines, start=1):
        sh.merge(r, BODY[0], r, BODY[1], text, "kn_judul" if r <= 2 else "kn_subjudul", wrap=True)
    r = _headers(sh, k)
    head = r - 1
    units = {b.kode: b.nama for b in k.bidang_pk}
    groups = [(s.kode, s.nama) for s in k.sasaran] + [
        (None, "Program/kegiatan yang belum dikaitkan dengan sasaran di PK")
    ]
    by_sasaran: dict[str, list[BarisIndikator]] = {}
    for i in k.indikator:
        by_sasaran.setdefault(i.sasaran, []).append(i)
    no = 0
    for kode, nama in groups:
        inds = by_sasaran.get(kode, []) if kode else []
        rows = anggaran_sasaran(k.anggaran, kode)
        if not inds and not rows:
            continue
        no += 1
        last = r + len(inds) + len(rows) - 1
        # No and Sasaran merged down the group: the last row grows when the sasaran's name
        # needs more height than the group's rows give it by themselves.
        heights = [
            _row_height([(f"{i.nama} ({i.satuan})", 26), (units.get(i.bidang, ""), 18)])
            for i in inds
        ] + [
            _row_height([(f"{a.kode} {a.uraian}", 26), (units.get(a.bidang, ""), 18)]) for a in rows
        ]
        need = text_height(nama, WIDTHS[2])
        if need > sum(heights):
            sh.height(last, need - sum(heights[:-1]))
        sh.merge(r, 1, last, 1, no, "kd_tengah")
        sh.merge(r, 2, last, 2, nama, "kd_teks")
        for i in inds:
            _indikator(sh, r, i, units.get(i.bidang, i.bidang))
            r += 1
        for a in rows:
            _anggaran(sh, r, a, units.get(a.bidang, a.bidang))
            r += 1
    t = k.anggaran_total
    sh.merge(r, 1, r, 4, "Jumlah anggaran", "kd_total")
    written: set[int] = set()
    if t is not None:
        rupiah(sh, r, K7 + 1, t.pagu, "kd_total_rp")
        written |= {K7 + 1, K12 + 1, K16 + 1}
        for n, c in enumerate(K_TW[:q]):
            rupiah(sh, r, c + 1, t.realisasi_tw[n], "kd_total_rp")
            written.add(c + 1)
        rupiah(sh, r, K12 + 1, t.realisasi, "kd_total_rp")
        persen(sh, r, K16 + 1, t.serapan, "kd_total_angka")
        written |= _renstra_rp(sh, r, t, "kd_total_rp", True, "kd_total_angka")
    for c in range(5, NCOLS + 1):
        if c not in written:
            sh.put(r, c, None, "kd_total")
    r += 1
    sh.freeze(head + 1, 5)
    r = _footer(sh, r, k)
    r = _signatures(sh, r + 1, k)
    tw = romawi(q)
    kolom_renstra = (
        "Catatan: kolom (5) dan (6) berasal dari kolom Renstra Perjanjian Kinerja (Target "
        "Renstra, Pagu Renstra, Realisasi Renstra s/d Tahun Lalu); kolom (13) = (6) + (12) untuk "
        "indikator kumulatif dan anggaran, sedangkan untuk indikator status/biner = nilai "
        "terakhir; kolom (14) K = capaian (13) terhadap (5) menurut rumus arah indikator, Rp = "
        "(13)/(5) × 100%; sel abu-abu: tanpa data Renstra. "
        if renstra
        else "Catatan: kolom (5), (6), (13) dan (14) memerlukan target dan realisasi Renstra "
        "PD yang tidak ada di Perjanjian Kinerja; isi dari dokumen Renstra PD. "
    )
    note(
        sh,
        r + 1,
        kolom_renstra + "Kolom (7) "
        "memakai target tahunan PK. Kolom (8)–(11) berisi realisasi yang dilaporkan bidang "
        f"s/d TW {tw}; kolom (12) = (8)+(9)+(10)+(11) untuk indikator kumulatif dan anggaran, "
        "sedangkan untuk indikator bersifat status/biner = nilai triwulan terakhir. "
        "*) Kolom (16) tambahan (bukan bagian format Permendagri 86/2017): K = capaian "
        "terhadap target tahunan menurut rumus arah indikator (lembar Catatan), Rp = serapan "
        "anggaran (12)/(7) × 100%.",
        BODY[1],
        first=BODY[0],
    )
    print_setup(sh, (FIRST_HEAD, head), pages_wide=2, title_cols=IDENT_COLS)
    sh.ws.print_across()  # each row block's two halves one after the other


LABEL = (K5, K7 + 1)  # footer labels: columns (5)-(7)
VALUE = (K_TW[0], HALF)  # footer values: (8)-(10)


def _footer(sh: SheetWriter, r: int, k: Kompilasi) -> int:
    """The form's closing rows, label beside value; a narrative gets one row per distinct
    text, each as tall as its text (merged cells do not grow by themselves)."""
    rows: list[tuple[str, Any]] = [
        ("Rata-rata capaian kinerja (%)", k.dinas_capaian),
        ("Predikat kinerja", k.dinas_predikat or ""),
        ("Faktor pendorong keberhasilan kinerja", _narasi(k, "pendorong")),
        ("Faktor penghambat pencapaian kinerja", _narasi(k, "penghambat")),
        ("Tindak lanjut yang diperlukan dalam triwulan berikutnya", _narasi(k, "tindak_lanjut")),
        ("Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya", []),
    ]
    label_w, value_w = sh.span(*LABEL), sh.span(*VALUE)
    for label, value in rows:
        if isinstance(value, list):
            texts = value or [""]
            heights = [text_height(text, value_w) for text in texts]
            short = text_height(label, label_w, bold=True) - sum(heights)
            if short > 0:  # the label merged down the rows needs more than the texts beside it
                sh.height(r + len(texts) - 1, heights[-1] + short)
            sh.merge(r, LABEL[0], r + len(texts) - 1, LABEL[1], label, "kd_total")
            for n, text in enumerate(texts):
                sh.merge(r + n, VALUE[0], r + n, VALUE[1], text or None, "kd_teks")
            r += len(texts)
            continue
        sh.merge(r, LABEL[0], r, LABEL[1], label, "kd_total")
        if isinstance(value, str):
            fill = predikat_rgb(k.skala, k.dinas_predikat)
            sh.merge(r, VALUE[0], r, VALUE[1], value or None, "kd_teks", fill=fill)
        else:
            sh.merge(
                r,
                VALUE[0],
                r,
                VALUE[1],
                None if value is None else float(bulat(value, 2)),
                "kd_teks",
                num=NUM_FMT,
                align="left",
            )
        r += 1
    return r


def _signatures(sh: SheetWriter, r: int, k: Kompilasi) -> int:
    """The Disusun and Dievaluasi blocks side by side, directly under the footer; returns the
    row after them."""
    idn = k.identitas
    plt, jabatan = nm.jabatan_tanpa_plt(
        nm.jabatan_kepala(idn.jabatan_kepala, idn.perangkat_daerah, idn.pemda, idn.singkatan)
    )
    kepala = f"{plt} {jabatan.upper()}".strip()
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
        nm.judul("KEPALA BAPPEDA", nm.wilayah(idn.pemda).upper()),
        "",
        "",
        "",
        "(……………………………………)",
        "",
        "NIP. ……………………………",
    ]
    blocks = ((LABEL[0], LABEL[1]), (VALUE[0], VALUE[1]))
    for n, (a, b) in enumerate(zip(left, right, strict=True)):
        bold = n in (0, 2, 6)
        for (c1, c2), text in zip(blocks, (a, b), strict=True):
            over: dict[str, Any] = {"underline": 1} if n == 6 else {}
            sh.merge(r + n, c1, r + n, c2, text or None, "kd_label" if bold else "kn_wrap", **over)
    return r + len(left)
