"""Draft sheet `Per Bidang`: one summary row per bidang, then each bidang's indicators (docs/contract.md §7)."""

from __future__ import annotations

from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.results import BarisIndikator, Kompilasi
from kinerja_cli.io.draft.common import (
    SheetWriter,
    header,
    indikator_format,
    keterangan,
    note,
    persen,
    predikat_rgb,
    print_setup,
    realisasi,
    rupiah,
    status_teks,
    target,
    title_block,
)

PER_BIDANG_COLS = (
    ("No", 5),
    ("Kode", 9),
    ("Bidang", 40),
    ("Status", 14),
    ("Diterima", 13),
    ("Jumlah Indikator", 11),
    ("Capaian (%)", 11),
    ("Predikat", 13),
    ("Pagu (Rp)", 17),
    ("Realisasi (Rp)", 17),
    ("Serapan (%)", 10),
    ("Berkas", 30),
)


def write(sh: SheetWriter, k: Kompilasi) -> None:
    """One summary row per bidang, then each bidang's indicators (to send back for correction).

    Only the agency title rows repeat on every printed page: the summary's header would stand
    over the indicator tables, which have headers of their own (docs/contract.md §16).
    """
    ncols = len(PER_BIDANG_COLS)
    tw = "" if k.periode.tahunan else f" s/d TW {romawi(k.periode.triwulan)}"
    cols = list(PER_BIDANG_COLS)
    cols[9] = (f"Realisasi{tw} (Rp)", 17)
    sh.widths([w for _, w in cols])
    r = title_block(sh, k, "PENGUKURAN KINERJA PER BIDANG", ncols)
    header(sh, r, cols)
    head = r
    r += 1
    for n, b in enumerate(k.bidang, start=1):
        sh.put(r, 1, n, "kd_tengah")
        sh.put(r, 2, b.kode, "kd_tengah")
        sh.put(r, 3, b.nama, "kd_teks")
        sh.put(r, 4, status_teks(b.status), "kd_teks")
        sh.put(r, 5, b.diterima[:10], "kd_tengah")
        sh.put(r, 6, b.jumlah_indikator, "kd_tengah")
        persen(sh, r, 7, b.capaian)
        sh.put(r, 8, b.predikat, "kd_teks", fill=predikat_rgb(k.skala, b.predikat))
        rupiah(sh, r, 9, b.pagu)
        rupiah(sh, r, 10, b.realisasi_anggaran)
        persen(sh, r, 11, b.serapan)
        sh.put(r, 12, b.file, "kd_teks")
        r += 1
    r += 1
    r = note(
        sh,
        r,
        "Capaian bidang = rata-rata capaian indikator bidang itu (alat bantu koreksi; "
        "capaian dinas dihitung per sasaran).",
        ncols,
    )
    period_head = "Target" if k.periode.tahunan else f"Target TW {romawi(k.periode.triwulan)}"
    by_bidang: dict[str, list[BarisIndikator]] = {}
    for i in k.indikator:
        by_bidang.setdefault(i.bidang, []).append(i)
    titles = (
        "No",
        "Kode",
        "Indikator Kinerja",
        "Satuan",
        period_head,
        f"Realisasi{tw}",
        "Capaian (%)",
        "Predikat",
    )
    for b in k.bidang:
        inds = by_bidang.get(b.kode, [])
        if not inds:
            continue
        r += 1
        kepala = f" — Kepala: {b.kepala}" if b.kepala else ""
        sh.merge(
            r,
            1,
            r,
            ncols,
            f"{b.kode} {b.nama}{kepala} ({status_teks(b.status).lower()})",
            "kd_grup",
        )
        r += 1
        for c, title in enumerate(titles, start=1):
            sh.put(r, c, title, "kn_header")
        sh.merge(r, 9, r, ncols, "Keterangan", "kn_header")
        r += 1
        for n, i in enumerate(inds, start=1):
            ket = keterangan(i)
            sh.put(r, 1, n, "kd_tengah")
            sh.put(r, 2, i.kode, "kd_tengah")
            sh.put(r, 3, i.nama, "kd_teks")
            sh.put(r, 4, i.satuan, "kd_tengah")
            target(sh, r, 5, i.target_triwulan, i.target_triwulan_teks, indikator_format(i))
            realisasi(sh, r, 6, i.realisasi, i.target_teks, indikator_format(i))
            persen(sh, r, 7, i.capaian_periode)
            sh.put(r, 8, i.predikat, "kd_teks", fill=predikat_rgb(k.skala, i.predikat))
            sh.merge(r, 9, r, ncols, ket, "kd_teks")
            r += 1
    sh.freeze(head + 1, 1)
    print_setup(sh, (1, 3))
