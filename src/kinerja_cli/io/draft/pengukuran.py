"""Draft sheet `Pengukuran`: the customary measurement table (docs/contract.md §7)."""

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
    merge,
    merge_row,
    note,
    persen,
    put,
    realisasi,
    set_style,
    target,
    title_block,
)
from kinerja_cli.io.xlsx import apply_print_setup


def pengukuran_columns(k: Kompilasi) -> list[tuple[str, str, float]]:
    """(field, header, width) of the Pengukuran table for the periode."""
    q = k.periode.triwulan
    cols: list[tuple[str, str, float]] = [
        ("no", "No", 5),
        ("sasaran", "Sasaran", 26),
        ("kode", "Kode", 8),
        ("nama", "Indikator Kinerja", 40),
        ("satuan", "Satuan", 10),
        ("target", "Target", 11),
    ]
    if k.periode.tahunan:
        cols += [("realisasi", "Realisasi", 11), ("capaian", "Capaian (%)", 11)]
    else:
        tw = romawi(q)
        cols.append(("target_tw", f"Target TW {tw}", 11))
        cols += [(f"real_{n}", f"Realisasi TW {romawi(n)}", 11) for n in range(1, q + 1)]
        cols += [
            ("realisasi", f"Realisasi s/d TW {tw}", 11),
            ("capaian", "Capaian (%)", 11),
            ("capaian_tw", f"Capaian TW {tw} (%)", 11),
        ]
    cols += [("predikat", "Predikat", 13), ("ket", "Keterangan", 14), ("bidang", "Bidang", 20)]
    return cols


def write(ws: Any, k: Kompilasi) -> None:
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
        merge_row(
            ws,
            r,
            3,
            c_cap - 1,
            f"Capaian sasaran {s.kode} (rata-rata capaian indikator)",
            "kd_grup",
        )
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
        text = (
            "Capaian (%) = realisasi tahunan terhadap target PK, dengan rumus sesuai arah "
            "indikator (lihat lembar Catatan)."
        )
    else:
        tw = romawi(k.periode.triwulan)
        text = (
            f"Capaian (%) = realisasi s/d TW {tw} terhadap target tahunan PK; Capaian TW {tw} (%) "
            f"= terhadap target TW {tw}. Predikat, keterangan dan rata-rata memakai Capaian "
            f"TW {tw} bila target TW {tw} ada. Rumus per indikator: lembar Catatan."
        )
    if k.batas_rata_rata is not None:
        text += (
            f" Sumbangan tiap indikator ke rata-rata dibatasi {k.batas_rata_rata}% "
            "(batas_rata_rata di kinerja.toml); capaian indikator sendiri tidak dipotong."
        )
    note(ws, r, text, ncols, sum(w for _, _, w in cols))
    ws.freeze_panes = ws.cell(head + 1, 1)
    apply_print_setup(ws, head)


def _indikator_cell(
    ws: Any, r: int, c: int, f: str, i: BarisIndikator, k: Kompilasi, nama_bidang: dict[str, str]
) -> None:
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
