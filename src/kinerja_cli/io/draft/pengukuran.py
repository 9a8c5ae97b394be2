"""Draft sheets `Ringkasan`, `Pengukuran` and `Per Bidang` (SPEC §7)."""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain.results import BarisIndikator, Kompilasi
from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.tanggal import tanggal_id
from kinerja_cli.io.draft.common import (
    fill_predikat,
    fit_height,
    header,
    indikator_format,
    merge,
    merge_row,
    note,
    persen,
    put,
    realisasi,
    rupiah,
    set_style,
    subtitle,
    target,
    title_block,
)
from kinerja_cli.io.xlsx.styles import apply_print_setup

STATUS_TEKS = {"diterima": "Diterima", "ditolak": "Ditolak", "belum": "Belum mengirim"}


def status_teks(status: str) -> str:
    """`belum` -> `Belum mengirim`, as the Sekretaris reads it."""
    return STATUS_TEKS.get(status, status)


def keterangan(i: BarisIndikator) -> str:
    """Melampaui/Tercapai/Tidak Tercapai, or why there is no capaian yet."""
    if i.status:
        return i.status
    if i.realisasi is None:
        return "Belum ada data" if i.status_bidang == "diterima" else "Bidang belum mengirim"
    return "Tidak dapat dihitung"


def write_ringkasan(ws: Any, k: Kompilasi) -> None:
    """Dinas capaian and predikat, counts per predikat, sasaran table with a chart, bidang status."""
    ncols = 6
    r = title_block(ws, k, "RINGKASAN DRAF PENGUKURAN KINERJA", ncols)
    for col, width in zip("ABCDEF", (8, 46, 16, 18, 20, 34), strict=True):
        ws.column_dimensions[col].width = width
    if k.dibuat is not None:
        put(ws, r, 1, f"Dikompilasi oleh kinerja pada {tanggal_id(k.dibuat.date())}. "
            "Draf ini untuk dikoreksi Sekretaris sebelum ditandatangani.", "kd_catatan")
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
    for c, title in enumerate(("Kode", "Sasaran", "Capaian (%)", "Predikat", "Jumlah indikator"),
                              start=1):
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
    for c, title in enumerate(("Kode", "Bidang", "Status", "Diterima", "Capaian (%)", "Berkas"),
                              start=1):
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
    text = ("Bidang yang belum mengirim atau ditolak: "
            + "; ".join(f"{b.nama} ({status_teks(b.status).lower()})" for b in belum)
            + ". Indikatornya tampil dengan realisasi kosong." if belum
            else "Semua bidang sudah mengirim formulir yang diterima.")
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


def pengukuran_columns(k: Kompilasi) -> list[tuple[str, str, float]]:
    """(field, header, width) of the Pengukuran table for the periode."""
    q = k.periode.triwulan
    cols: list[tuple[str, str, float]] = [("no", "No", 5), ("sasaran", "Sasaran", 26), ("kode", "Kode", 8),
            ("nama", "Indikator Kinerja", 40), ("satuan", "Satuan", 10), ("target", "Target", 11)]
    if k.periode.tahunan:
        cols += [("realisasi", "Realisasi", 11), ("capaian", "Capaian (%)", 11)]
    else:
        tw = romawi(q)
        cols.append(("target_tw", f"Target TW {tw}", 11))
        cols += [(f"real_{n}", f"Realisasi TW {romawi(n)}", 11) for n in range(1, q + 1)]
        cols += [("realisasi", f"Realisasi s/d TW {tw}", 11), ("capaian", "Capaian (%)", 11),
                 ("capaian_tw", f"Capaian TW {tw} (%)", 11)]
    cols += [("predikat", "Predikat", 13), ("ket", "Keterangan", 14), ("bidang", "Bidang", 20)]
    return cols


def write_pengukuran(ws: Any, k: Kompilasi) -> None:
    """The customary measurement table: indicators grouped by sasaran, sasaran and dinas means."""
    cols = pengukuran_columns(k)
    fields = [f for f, _, _ in cols]
    ncols = len(cols)
    r = title_block(ws, k, "PENGUKURAN KINERJA", ncols)
    header(ws, r, [(h, w) for _, h, w in cols], height=45)
    head = r
    r += 1
    c_cap = fields.index("capaian_tw" if "capaian_tw" in fields else "capaian") + 1
    c_pred = fields.index("predikat") + 1
    nama_bidang = {b.kode: b.nama for b in k.bidang_pk}
    for no, s in enumerate(k.sasaran, start=1):
        inds = [i for i in k.indikator if i.sasaran == s.kode]
        first = r
        for i in inds:
            for c, f in enumerate(fields, start=1):
                _indikator_cell(ws, r, c, f, i, k, nama_bidang)
            fit_height(ws, r, [(i.nama, 40), (nama_bidang.get(i.bidang, ""), 20)])
            r += 1
        merge_row(ws, r, 3, c_cap - 1, f"Capaian sasaran {s.kode} (rata-rata capaian indikator)",
                  "kd_grup")
        persen(ws, r, c_cap, s.capaian, "kd_grup_angka")
        for c in range(c_cap + 1, ncols + 1):
            put(ws, r, c, None, "kd_grup")
        fill_predikat(put(ws, r, c_pred, s.predikat, "kd_grup"), k.skala, s.predikat)
        for c, value in ((1, no), (2, s.nama)):
            put(ws, first, c, value, "kd_tengah" if c == 1 else "kd_teks")
            for rr in range(first + 1, r + 1):
                set_style(ws.cell(rr, c), "kd_tengah" if c == 1 else "kd_teks")
            merge(ws, first, c, r, c)
        r += 1
    merge_row(ws, r, 1, c_cap - 1, "CAPAIAN KINERJA DINAS (rata-rata capaian sasaran)", "kd_total")
    persen(ws, r, c_cap, k.dinas_capaian, "kd_total_angka")
    for c in range(c_cap + 1, ncols + 1):
        put(ws, r, c, None, "kd_total")
    fill_predikat(put(ws, r, c_pred, k.dinas_predikat, "kd_total"), k.skala, k.dinas_predikat)
    r += 2
    if k.periode.tahunan:
        text = ("Capaian (%) = realisasi tahunan terhadap target PK, dengan rumus sesuai arah "
                "indikator (lihat lembar Catatan).")
    else:
        tw = romawi(k.periode.triwulan)
        text = (f"Capaian (%) = realisasi s/d TW {tw} terhadap target tahunan PK; Capaian TW {tw} (%) "
                f"= terhadap target TW {tw}. Predikat, keterangan dan rata-rata memakai Capaian "
                f"TW {tw} bila target TW {tw} ada. Rumus per indikator: lembar Catatan.")
    if k.batas_rata_rata is not None:
        text += (f" Sumbangan tiap indikator ke rata-rata dibatasi {k.batas_rata_rata}% "
                 "(batas_rata_rata di kinerja.toml); capaian indikator sendiri tidak dipotong.")
    note(ws, r, text, ncols, sum(w for _, _, w in cols))
    ws.freeze_panes = ws.cell(head + 1, 1)
    apply_print_setup(ws, head)


def _indikator_cell(ws: Any, r: int, c: int, f: str, i: BarisIndikator, k: Kompilasi,
                    nama_bidang: dict[str, str]) -> None:
    if f in ("no", "sasaran"):
        return  # merged per sasaran
    if f == "kode":
        put(ws, r, c, i.kode, "kd_tengah")
    elif f == "nama":
        put(ws, r, c, i.nama, "kd_teks")
    elif f == "satuan":
        put(ws, r, c, i.satuan, "kd_tengah")
    elif f == "target":
        target(ws, r, c, i.target, i.target_teks, indikator_format(i))
    elif f == "target_tw":
        target(ws, r, c, i.target_triwulan, i.target_triwulan_teks, indikator_format(i))
    elif f.startswith("real_"):
        realisasi(ws, r, c, i.realisasi_tw[int(f[5:]) - 1], i.target_teks, indikator_format(i))
    elif f == "realisasi":
        realisasi(ws, r, c, i.realisasi, i.target_teks, indikator_format(i))
    elif f == "capaian":
        persen(ws, r, c, i.capaian)
    elif f == "capaian_tw":
        persen(ws, r, c, i.capaian_triwulan)
    elif f == "predikat":
        fill_predikat(put(ws, r, c, i.predikat, "kd_teks"), k.skala, i.predikat)
    elif f == "ket":
        put(ws, r, c, keterangan(i), "kd_teks")
    elif f == "bidang":
        put(ws, r, c, nama_bidang.get(i.bidang, i.bidang), "kd_teks")


PER_BIDANG_COLS = (("No", 5), ("Kode", 9), ("Bidang", 40), ("Status", 14), ("Diterima", 13),
                   ("Jumlah Indikator", 11), ("Capaian (%)", 11), ("Predikat", 13),
                   ("Pagu (Rp)", 17), ("Realisasi (Rp)", 17), ("Serapan (%)", 10), ("Berkas", 30))


def write_per_bidang(ws: Any, k: Kompilasi) -> None:
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
    r = note(ws, r, "Capaian bidang = rata-rata capaian indikator bidang itu (alat bantu koreksi; "
             "capaian dinas dihitung per sasaran).", ncols, 190)
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
        merge_row(ws, r, 1, ncols, f"{b.kode} {b.nama}{kepala} ({status_teks(b.status).lower()})",
                  "kd_grup")
        r += 1
        for c, title in enumerate(("No", "Kode", "Indikator Kinerja", "Satuan", period_head,
                                   f"Realisasi{tw}", "Capaian (%)", "Predikat"), start=1):
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
