"""Draft sheet `Ringkasan`: dinas capaian and predikat, counts, the sasaran table with a chart, bidang status (docs/contract.md §7)."""

from __future__ import annotations

from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.domain.tanggal import tanggal_id
from kinerja_cli.io.draft.common import (
    SheetWriter,
    note,
    persen,
    predikat_rgb,
    print_setup,
    status_teks,
    subtitle,
    title_block,
)

WIDTHS = (8, 46, 16, 18, 20, 34)
CHART_ROWS = 18  # rows left free for the chart (7.5 cm at the default row height)
SEMENTARA_FILL, TANPA_DATA_FILL = "FFEB9C", "EDEDED"


def belum_lengkap(k: Kompilasi) -> str:
    """What the dinas capaian does not cover yet (docs/contract.md §12): the bidang whose form
    is not accepted and the sasaran without data, by name; "" when nothing is missing."""
    parts = []
    if k.sementara:
        diterima = len(k.bidang) - len(k.bidang_belum)
        belum = "; ".join(f"{b.nama} ({status_teks(b.status).lower()})" for b in k.bidang_belum)
        parts.append(
            f"Capaian sementara: formulir {diterima} dari {len(k.bidang)} bidang sudah "
            f"diterima; belum diterima: {belum}."
        )
    tanpa = k.sasaran_tanpa_data
    if tanpa:
        names = "; ".join(f"{s.kode} {s.nama}" for s in tanpa)
        parts.append(
            f"Sasaran tanpa data, belum dihitung dalam rata-rata: {names}. Capaian dinas "
            f"adalah rata-rata {len(k.sasaran) - len(tanpa)} dari {len(k.sasaran)} sasaran."
        )
    return " ".join(parts)


def write(sh: SheetWriter, k: Kompilasi) -> None:
    """Dinas capaian and predikat, counts per predikat, sasaran table with a chart, bidang status."""
    ncols = len(WIDTHS)
    sh.widths(WIDTHS)
    r = title_block(sh, k, "RINGKASAN DRAF PENGUKURAN KINERJA", ncols)
    text = "Draf ini untuk dikoreksi Sekretaris sebelum ditandatangani."
    if k.dibuat is not None:
        text = f"Dikompilasi oleh kinerja pada {tanggal_id(k.dibuat.date())}. {text}"
    if k.koreksi:
        text += (
            f" Angka-angkanya sudah memuat {len(k.koreksi)} koreksi Sekretaris yang dicatat "
            "(daftarnya di lembar Catatan)."
        )
    sh.merge(r, 1, r, ncols, text, "kd_catatan")
    r += 2
    label = "Capaian kinerja dinas (%) SEMENTARA" if k.sementara else "Capaian kinerja dinas (%)"
    sh.merge(r, 1, r, 2, label, "kd_label")
    persen(sh, r, 3, k.dinas_capaian, "kd_besar")
    r += 1
    sh.merge(r, 1, r, 2, "Predikat (sementara)" if k.sementara else "Predikat", "kd_label")
    sh.put(
        r,
        3,
        k.dinas_predikat or "belum dapat dihitung",
        "kd_label",
        fill=predikat_rgb(k.skala, k.dinas_predikat),
    )
    r += 1
    missing = belum_lengkap(k)
    if missing:
        sh.merge(r, 1, r, ncols, missing, "kn_wrap", fill=SEMENTARA_FILL)
        r += 1
    r += 1

    subtitle(sh, r, "Jumlah indikator per predikat", ncols)
    r += 1
    for c, title in enumerate(("No", "Predikat", "Jumlah"), start=1):
        sh.put(r, c, title, "kn_header")
    r += 1
    tanpa = sum(1 for i in k.indikator if i.predikat is None)
    rows = [*k.jumlah_predikat.items(), ("Belum dapat diukur", tanpa)]
    for n, (label, count) in enumerate(rows, start=1):
        sh.put(r, 1, n, "kd_tengah")
        sh.put(r, 2, label, "kd_teks", fill=predikat_rgb(k.skala, label))
        sh.put(r, 3, count, "kd_tengah")
        r += 1
    sh.put(r, 1, None, "kd_total")
    sh.put(r, 2, "Jumlah", "kd_total")
    sh.put(r, 3, len(k.indikator), "kd_total")
    r += 2

    subtitle(sh, r, "Capaian per sasaran", ncols)
    r += 1
    for c, title in enumerate(
        ("Kode", "Sasaran", "Capaian (%)", "Predikat", "Jumlah indikator"), start=1
    ):
        sh.put(r, c, title, "kn_header")
    head = r
    r += 1
    for s in k.sasaran:
        sh.put(r, 1, s.kode, "kd_tengah")
        sh.put(r, 2, s.nama, "kd_teks")
        persen(sh, r, 3, s.capaian)
        if s.capaian is None:  # named, not silently left out of the average (§12)
            sh.put(r, 4, "Belum ada data", "kd_teks", fill=TANPA_DATA_FILL)
        else:
            sh.put(r, 4, s.predikat, "kd_teks", fill=predikat_rgb(k.skala, s.predikat))
        sh.put(r, 5, s.jumlah_indikator, "kd_tengah")
        r += 1
    if k.sasaran:
        _chart(sh, head, r - 1)
    r = r + CHART_ROWS if k.sasaran else r + 1  # below the chart

    subtitle(sh, r, "Status formulir per bidang", ncols)
    r += 1
    for c, title in enumerate(
        ("Kode", "Bidang", "Status", "Diterima", "Capaian (%)", "Berkas"), start=1
    ):
        sh.put(r, c, title, "kn_header")
    r += 1
    for b in k.bidang:
        sh.put(r, 1, b.kode, "kd_tengah")
        sh.put(r, 2, b.nama, "kd_teks")
        fill = predikat_rgb(k.skala, k.skala.terendah) if b.status != "diterima" else None
        sh.put(r, 3, status_teks(b.status), "kd_teks", fill=fill)
        sh.put(r, 4, b.diterima.replace("T", " ")[:16], "kd_teks")
        persen(sh, r, 5, b.capaian)
        sh.put(r, 6, b.file, "kd_teks")
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
    note(sh, r, text, ncols)
    print_setup(sh, (1, 3), portrait=True)


def _chart(sh: SheetWriter, head: int, last: int) -> None:
    """A native column chart of the sasaran capaian, below the table."""
    chart = sh.book.wb.add_chart({"type": "column"})
    name = sh.ws.name
    chart.add_series(
        {
            "name": [name, head - 1, 2],
            "categories": [name, head, 0, last - 1, 0],
            "values": [name, head, 2, last - 1, 2],
            "data_labels": {"value": True},
            "fill": {"color": "#1F4E78"},
        }
    )
    chart.set_title({"name": "Capaian per sasaran (%)", "name_font": {"size": 12}})
    chart.set_x_axis({"name": "Sasaran"})
    chart.set_y_axis(
        {"name": "Capaian (%)", "min": 0, "num_format": "0", "major_gridlines": {"visible": False}}
    )
    chart.set_legend({"none": True})
    chart.set_size({"width": 605, "height": 283})  # 16 x 7.5 cm
    sh.ws.insert_chart(last + 1, 1, chart, {"object_position": 1})
