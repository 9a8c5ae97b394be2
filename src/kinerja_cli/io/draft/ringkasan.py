"""Draft sheet `Ringkasan`: dinas capaian and predikat, counts, the sasaran table with a chart, bidang status (docs/contract.md §7)."""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.domain.tanggal import tanggal_id
from kinerja_cli.io.draft.common import (
    fill_predikat,
    fit_height,
    merge,
    note,
    persen,
    put,
    status_teks,
    subtitle,
    title_block,
)
from kinerja_cli.io.xlsx import apply_print_setup


def write(ws: Any, k: Kompilasi) -> None:
    """Dinas capaian and predikat, counts per predikat, sasaran table with a chart, bidang status."""
    ncols = 6
    r = title_block(ws, k, "RINGKASAN DRAF PENGUKURAN KINERJA", ncols)
    for col, width in zip("ABCDEF", (8, 46, 16, 18, 20, 34), strict=True):
        ws.column_dimensions[col].width = width
    if k.dibuat is not None:
        put(
            ws,
            r,
            1,
            f"Dikompilasi oleh kinerja pada {tanggal_id(k.dibuat.date())}. "
            "Draf ini untuk dikoreksi Sekretaris sebelum ditandatangani.",
            "kd_catatan",
        )
    else:
        put(ws, r, 1, "Draf ini untuk dikoreksi Sekretaris sebelum ditandatangani.", "kd_catatan")
    merge(ws, r, 1, r, ncols)
    r += 2
    put(ws, r, 1, "Capaian kinerja dinas (%)", "kd_label")
    merge(ws, r, 1, r, 2)
    persen(ws, r, 3, k.dinas_capaian, "kd_besar")
    r += 1
    put(ws, r, 1, "Predikat", "kd_label")
    merge(ws, r, 1, r, 2)
    cell = put(ws, r, 3, k.dinas_predikat or "belum dapat dihitung", "kd_label")
    fill_predikat(cell, k.skala, k.dinas_predikat)
    r += 2

    subtitle(ws, r, "Jumlah indikator per predikat", ncols)
    r += 1
    for c, title in enumerate(("No", "Predikat", "Jumlah"), start=1):
        put(ws, r, c, title, "kn_header")
    r += 1
    tanpa = sum(1 for i in k.indikator if i.predikat is None)
    rows = [*k.jumlah_predikat.items(), ("Belum dapat diukur", tanpa)]
    for n, (label, count) in enumerate(rows, start=1):
        put(ws, r, 1, n, "kd_tengah")
        fill_predikat(put(ws, r, 2, label, "kd_teks"), k.skala, label)
        put(ws, r, 3, count, "kd_tengah")
        r += 1
    put(ws, r, 2, "Jumlah", "kd_total")
    put(ws, r, 3, len(k.indikator), "kd_total")
    put(ws, r, 1, None, "kd_total")
    r += 2

    subtitle(ws, r, "Capaian per sasaran", ncols)
    r += 1
    for c, title in enumerate(
        ("Kode", "Sasaran", "Capaian (%)", "Predikat", "Jumlah indikator"), start=1
    ):
        put(ws, r, c, title, "kn_header")
    head = r
    r += 1
    for s in k.sasaran:
        put(ws, r, 1, s.kode, "kd_tengah")
        put(ws, r, 2, s.nama, "kd_teks")
        persen(ws, r, 3, s.capaian)
        fill_predikat(put(ws, r, 4, s.predikat, "kd_teks"), k.skala, s.predikat)
        put(ws, r, 5, s.jumlah_indikator, "kd_tengah")
        fit_height(ws, r, [(s.nama, 46)])
        r += 1
    if k.sasaran:
        _chart(ws, head, r - 1, ncols)
    r = r + 18 if k.sasaran else r + 1  # below the chart (about 15 default rows high)

    subtitle(ws, r, "Status formulir per bidang", ncols)
    r += 1
    for c, title in enumerate(
        ("Kode", "Bidang", "Status", "Diterima", "Capaian (%)", "Berkas"), start=1
    ):
        put(ws, r, c, title, "kn_header")
    r += 1
    for b in k.bidang:
        put(ws, r, 1, b.kode, "kd_tengah")
        put(ws, r, 2, b.nama, "kd_teks")
        cell = put(ws, r, 3, status_teks(b.status), "kd_teks")
        if b.status != "diterima":
            fill_predikat(cell, k.skala, k.skala.terendah)
        put(ws, r, 4, b.diterima.replace("T", " ")[:16], "kd_teks")
        persen(ws, r, 5, b.capaian)
        put(ws, r, 6, b.file, "kd_teks")
        fit_height(ws, r, [(b.nama, 46), (b.file, 34)])
        r += 1
    belum = [b for b in k.bidang if b.status != "diterima"]
    r += 1
    text = (
        "Bidang yang belum mengirim atau ditolak: "
        + "; ".join(f"{b.nama} ({status_teks(b.status).lower()})" for b in belum)
        + ". Indikatornya tampil dengan realisasi kosong."
        if belum
        else "Semua bidang sudah mengirim formulir yang diterima."
    )
    note(ws, r, text, ncols, 140)
    apply_print_setup(ws, None, portrait=True)


def _chart(ws: Any, head: int, last: int, ncols: int) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList

    chart = BarChart()
    chart.type = "col"
    chart.title = "Capaian per sasaran (%)"
    chart.y_axis.title = "Capaian (%)"
    chart.x_axis.title = "Sasaran"
    chart.y_axis.numFmt = "0"
    chart.y_axis.scaling.min = 0
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    data = Reference(ws, min_col=3, min_row=head, max_row=last)
    cats = Reference(ws, min_col=1, min_row=head + 1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.dataLabels.showSerName = False
    chart.dataLabels.showCatName = False
    chart.dataLabels.showLegendKey = False
    chart.height = 7.5
    chart.width = 16
    ws.add_chart(chart, f"B{last + 2}")
