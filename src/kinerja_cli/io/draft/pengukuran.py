"""Draft sheet `Pengukuran`: the customary measurement table (docs/contract.md §7)."""

from __future__ import annotations

from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.results import BarisIndikator, Kompilasi
from kinerja_cli.io.draft.common import (
    SheetWriter,
    indikator_format,
    keterangan,
    note,
    persen,
    predikat_rgb,
    print_setup,
    realisasi,
    target,
    text_height,
    title_block,
)
from kinerja_cli.io.draft.common import header as write_header


def pengukuran_columns(k: Kompilasi) -> list[tuple[str, str, float]]:
    """(field, header, width) of the Pengukuran table for the periode."""
    q = k.periode.triwulan
    cols: list[tuple[str, str, float]] = [
        ("no", "No", 5),
        ("sasaran", "Sasaran", 26),
        ("kode", "Kode", 8),
        ("nama", "Indikator Kinerja", 40),
        ("satuan", "Satuan", 10),
    ]
    if k.target_awal:  # a revision changed targets: both, capaian against the one in force
        cols += [("target_awal", "Target (PK awal)", 11), ("target", "Target (PK perubahan)", 11)]
    else:
        cols.append(("target", "Target", 11))
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


def write(sh: SheetWriter, k: Kompilasi) -> None:
    """The customary measurement table: indicators grouped by sasaran, sasaran and dinas means."""
    cols = pengukuran_columns(k)
    fields = [f for f, _, _ in cols]
    ncols = len(cols)
    sh.widths([w for _, _, w in cols])
    r = title_block(sh, k, "PENGUKURAN KINERJA", ncols)
    write_header(sh, r, [(h, w) for _, h, w in cols])
    head = r
    r += 1
    c_cap = fields.index("capaian_tw" if "capaian_tw" in fields else "capaian") + 1
    c_pred = fields.index("predikat") + 1
    nama_bidang = {b.kode: b.nama for b in k.bidang_pk}
    by_sasaran: dict[str, list[BarisIndikator]] = {}
    for i in k.indikator:
        by_sasaran.setdefault(i.sasaran, []).append(i)
    for no, s in enumerate(k.sasaran, start=1):
        inds = by_sasaran.get(s.kode, [])
        last = r + len(inds)  # the sasaran's own row closes the group
        # No and Sasaran merged down the group; the closing row grows when the sasaran's
        # name needs more height than the indicator rows give it.
        need = text_height(s.nama, 26)
        have = sum(
            max(text_height(i.nama, 40), text_height(nama_bidang.get(i.bidang, ""), 20))
            for i in inds
        )
        if need > have + 15:
            sh.height(last, need - have)
        sh.merge(r, 1, last, 1, no, "kd_tengah")
        sh.merge(r, 2, last, 2, s.nama, "kd_teks")
        for i in inds:
            for c, f in enumerate(fields, start=1):
                _indikator_cell(sh, r, c, f, i, k, nama_bidang)
            r += 1
        sh.merge(
            r,
            3,
            r,
            c_cap - 1,
            f"Capaian sasaran {s.kode} (rata-rata capaian indikator)",
            "kd_grup",
        )
        persen(sh, r, c_cap, s.capaian, "kd_grup_angka")
        for c in range(c_cap + 1, ncols + 1):
            fill = predikat_rgb(k.skala, s.predikat) if c == c_pred else None
            sh.put(r, c, s.predikat if c == c_pred else None, "kd_grup", fill=fill)
        r += 1
    sh.merge(r, 1, r, c_cap - 1, "CAPAIAN KINERJA DINAS (rata-rata capaian sasaran)", "kd_total")
    persen(sh, r, c_cap, k.dinas_capaian, "kd_total_angka")
    for c in range(c_cap + 1, ncols + 1):
        fill = predikat_rgb(k.skala, k.dinas_predikat) if c == c_pred else None
        sh.put(r, c, k.dinas_predikat if c == c_pred else None, "kd_total", fill=fill)
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
    if k.revisi:
        text += f" Diukur dengan PK versi {k.pk_versi} ({k.revisi[-1].keterangan})."
        if k.target_awal:
            text += (
                " Target (PK awal) ditampilkan untuk indikator yang targetnya diubah; capaian "
                "dihitung terhadap Target (PK perubahan)."
            )
    if k.batas_rata_rata is not None:
        text += (
            f" Sumbangan tiap indikator ke rata-rata dibatasi {k.batas_rata_rata}% "
            "(batas_rata_rata di kinerja.toml); capaian indikator sendiri tidak dipotong."
        )
    note(sh, r, text, ncols)
    sh.freeze(head + 1, 1)
    print_setup(sh, (head, head))


def _indikator_cell(
    sh: SheetWriter,
    r: int,
    c: int,
    f: str,
    i: BarisIndikator,
    k: Kompilasi,
    nama_bidang: dict[str, str],
) -> None:
    if f in ("no", "sasaran"):
        return  # merged per sasaran
    if f == "kode":
        sh.put(r, c, i.kode, "kd_tengah")
    elif f == "nama":
        sh.put(r, c, i.nama, "kd_teks")
    elif f == "satuan":
        sh.put(r, c, i.satuan, "kd_tengah")
    elif f == "target":
        target(sh, r, c, i.target, i.target_teks, indikator_format(i))
    elif f == "target_awal":
        awal = k.target_awal.get(i.kode)
        if awal is None:  # unchanged by the revision: the same target
            target(sh, r, c, i.target, i.target_teks, indikator_format(i))
        else:
            target(sh, r, c, awal.target, awal.target_teks, indikator_format(i))
    elif f == "target_tw":
        target(sh, r, c, i.target_triwulan, i.target_triwulan_teks, indikator_format(i))
    elif f.startswith("real_"):
        realisasi(sh, r, c, i.realisasi_tw[int(f[5:]) - 1], i.target_teks, indikator_format(i))
    elif f == "realisasi":
        realisasi(sh, r, c, i.realisasi, i.target_teks, indikator_format(i))
    elif f == "capaian":
        persen(sh, r, c, i.capaian)
    elif f == "capaian_tw":
        persen(sh, r, c, i.capaian_triwulan)
    elif f == "predikat":
        sh.put(r, c, i.predikat, "kd_teks", fill=predikat_rgb(k.skala, i.predikat))
    elif f == "ket":
        sh.put(r, c, keterangan(i), "kd_teks")
    elif f == "bidang":
        sh.put(r, c, nama_bidang.get(i.bidang, i.bidang), "kd_teks")
