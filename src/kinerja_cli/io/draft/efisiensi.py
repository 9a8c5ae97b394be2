"""Draft sheet `Efisiensi`: capaian against serapan per sasaran and per bidang (docs/contract.md §6.6, §7)."""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain.capaian import Efisiensi
from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.io.draft.common import (
    SheetWriter,
    header,
    note,
    persen,
    print_setup,
    rupiah,
    subtitle,
    title_block,
)

EFISIEN_FILL, KURANG_EFISIEN_FILL = "C6EFCE", "FCE4D6"


EFISIENSI_COLS: tuple[tuple[str, float], ...] = (
    ("No", 5),
    ("Kode", 8),
    ("Sasaran", 46),
    ("Capaian Kinerja (%)", 12),
    ("Pagu (Rp)", 17),
    ("Realisasi (Rp)", 17),
    ("Serapan Anggaran (%)", 12),
    ("Indeks Efisiensi (IE)", 11),
    ("Keterangan", 15),
    ("Selisih Capaian − Serapan (poin)", 14),
)


def _efisiensi_row(
    sh: SheetWriter,
    r: int,
    n: int,
    kode: str,
    nama: str,
    cap: Any,
    pagu: Any,
    real: Any,
    ser: Any,
    e: Efisiensi | None,
) -> None:
    sh.put(r, 1, n, "kd_tengah")
    sh.put(r, 2, kode, "kd_tengah")
    sh.put(r, 3, nama, "kd_teks")
    persen(sh, r, 4, cap)
    rupiah(sh, r, 5, pagu)
    rupiah(sh, r, 6, real)
    persen(sh, r, 7, ser)
    persen(sh, r, 8, e.ie if e else None)
    label = e.label if e and e.label else ("tidak ada anggaran terkait" if pagu is None else "-")
    fill = None
    if e and e.label:
        fill = EFISIEN_FILL if e.label == "Efisien" else KURANG_EFISIEN_FILL
    sh.put(r, 9, label, "kd_teks", fill=fill)
    persen(sh, r, 10, e.selisih if e else None)


def write(sh: SheetWriter, k: Kompilasi) -> None:
    """Efficiency index per sasaran and per bidang, labelled as an analysis aid (docs/rulebook.md §4).

    Two tables with different third columns: the agency title rows repeat on every printed
    page, not one table's header over the other (docs/contract.md §16).
    """
    ncols = len(EFISIENSI_COLS)
    sh.widths([w for _, w in EFISIENSI_COLS])
    r = title_block(sh, k, "ANALISIS EFISIENSI PENGGUNAAN SUMBER DAYA", ncols)
    r = note(
        sh,
        r,
        "Alat bantu analisis, bukan penilaian resmi (PermenPANRB 53/2014 tidak "
        "menetapkan rumus). Indeks Efisiensi IE = capaian kinerja ÷ serapan anggaran; "
        "Efisien bila IE ≥ 1, Kurang Efisien bila IE < 1. Selisih = capaian − serapan, "
        "dalam poin persen (positif berarti kinerja lebih tinggi daripada serapan).",
        ncols,
    )
    r += 1
    subtitle(
        sh, r, "A. Per sasaran (anggaran sub-kegiatan yang dikaitkan dengan sasaran di PK)", ncols
    )
    r += 1
    header(sh, r, EFISIENSI_COLS)
    head = r
    r += 1
    for n, s in enumerate(k.sasaran, start=1):
        _efisiensi_row(
            sh,
            r,
            n,
            s.kode,
            s.nama,
            s.capaian,
            s.pagu,
            s.realisasi_anggaran,
            s.serapan,
            s.efisiensi,
        )
        r += 1
    r += 1
    subtitle(sh, r, "B. Per bidang (anggaran sub-kegiatan milik bidang)", ncols)
    r += 1
    cols = list(EFISIENSI_COLS)
    cols[2] = ("Bidang", 46)
    for c, (title, _) in enumerate(cols, start=1):
        sh.put(r, c, title, "kn_header")
    r += 1
    for n, b in enumerate(k.bidang, start=1):
        _efisiensi_row(
            sh,
            r,
            n,
            b.kode,
            b.nama,
            b.capaian,
            b.pagu,
            b.realisasi_anggaran,
            b.serapan,
            b.efisiensi,
        )
        r += 1
    r += 1
    text = (
        "Capaian kinerja sasaran dan bidang = rata-rata capaian indikator periode ini "
        "(lembar Pengukuran); serapan dihitung dari realisasi sub-kegiatan (lembar Anggaran)."
    )
    if not k.periode.tahunan:
        tw = romawi(k.periode.triwulan)
        text += (
            f" Pada triwulan berjalan serapan dihitung terhadap pagu setahun, sedangkan capaian "
            f"terhadap target TW {tw}; IE triwulan karena itu cenderung tinggi dan baru "
            "bermakna penuh pada pengukuran tahunan."
        )
    note(sh, r, text, ncols)
    sh.freeze(head + 1, 1)
    print_setup(sh, (1, 3))
