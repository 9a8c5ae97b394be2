"""Draft sheet `Per Bidang`: one summary row per bidang, then each bidang's indicators (docs/contract.md §7)."""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.results import BarisIndikator, Kompilasi
from kinerja_cli.io.draft.common import (
    fill_predikat,
    fit_height,
    header,
    indikator_format,
    keterangan,
    merge_row,
    note,
    persen,
    put,
    realisasi,
    rupiah,
    status_teks,
    target,
    title_block,
)
from kinerja_cli.io.xlsx import apply_print_setup

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


def write(ws: Any, k: Kompilasi) -> None:
    """One summary row per bidang, then each bidang's indicators (to send back for correction)."""
    ncols = len(PER_BIDANG_COLS)
    r = title_block(ws, k, "PENGUKURAN KINERJA PER BIDANG", ncols)
    tw = "" if k.periode.tahunan else f" s/d TW {romawi(k.periode.triwulan)}"
    cols = list(PER_BIDANG_COLS)
    cols[9] = (f"Realisasi{tw} (Rp)", 17)
    header(ws, r, cols)
    head = r
    r += 1
    for n, b in enumerate(k.bidang, start=1):
        put(ws, r, 1, n, "kd_tengah")
        put(ws, r, 2, b.kode, "kd_tengah")
        put(ws, r, 3, b.nama, "kd_teks")
        put(ws, r, 4, status_teks(b.status), "kd_teks")
        put(ws, r, 5, b.diterima[:10], "kd_tengah")
        put(ws, r, 6, b.jumlah_indikator, "kd_tengah")
        persen(ws, r, 7, b.capaian)
        fill_predikat(put(ws, r, 8, b.predikat, "kd_teks"), k.skala, b.predikat)
        rupiah(ws, r, 9, b.pagu)
        rupiah(ws, r, 10, b.realisasi_anggaran)
        persen(ws, r, 11, b.serapan)
        put(ws, r, 12, b.file, "kd_teks")
        fit_height(ws, r, [(b.nama, 40), (b.file, 30)])
        r += 1
    r += 1
    r = note(
        ws,
        r,
        "Capaian bidang = rata-rata capaian indikator bidang itu (alat bantu koreksi; "
        "capaian dinas dihitung per sasaran).",
        ncols,
        190,
    )
    period_head = "Target" if k.periode.tahunan else f"Target TW {romawi(k.periode.triwulan)}"
    by_bidang: dict[str, list[BarisIndikator]] = {}
    for i in k.indikator:
        by_bidang.setdefault(i.bidang, []).append(i)
    for b in k.bidang:
        inds = by_bidang.get(b.kode, [])
        if not inds:
            continue
        r += 1
        kepala = f" — Kepala: {b.kepala}" if b.kepala else ""
        merge_row(
            ws,
            r,
            1,
            ncols,
            f"{b.kode} {b.nama}{kepala} ({status_teks(b.status).lower()})",
            "kd_grup",
        )
        r += 1
        for c, title in enumerate(
            (
                "No",
                "Kode",
                "Indikator Kinerja",
                "Satuan",
                period_head,
                f"Realisasi{tw}",
                "Capaian (%)",
                "Predikat",
            ),
            start=1,
        ):
            put(ws, r, c, title, "kn_header")
        merge_row(ws, r, 9, ncols, "Keterangan", "kn_header")
        ws.row_dimensions[r].height = 30
        r += 1
        for n, i in enumerate(inds, start=1):
            put(ws, r, 1, n, "kd_tengah")
            put(ws, r, 2, i.kode, "kd_tengah")
            put(ws, r, 3, i.nama, "kd_teks")
            put(ws, r, 4, i.satuan, "kd_tengah")
            target(ws, r, 5, i.target_triwulan, i.target_triwulan_teks, indikator_format(i))
            realisasi(ws, r, 6, i.realisasi, i.target_teks, indikator_format(i))
            persen(ws, r, 7, i.capaian_periode)
            fill_predikat(put(ws, r, 8, i.predikat, "kd_teks"), k.skala, i.predikat)
            merge_row(ws, r, 9, ncols, keterangan(i), "kd_teks")
            fit_height(ws, r, [(i.nama, 40)])
            r += 1
    ws.freeze_panes = ws.cell(head + 1, 1)
    apply_print_setup(ws, head)
