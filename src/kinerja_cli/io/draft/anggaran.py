"""Draft sheet `Anggaran`: pagu, realisasi, serapan and sisa, parent subtotals recomputed (docs/contract.md §4, §7)."""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain.numbers import format_rupiah
from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.io.draft.common import (
    fit_height,
    header,
    merge_row,
    note,
    persen,
    put,
    rupiah,
    title_block,
)
from kinerja_cli.io.xlsx import apply_print_setup

_INDENT = {"program": 0, "kegiatan": 1, "sub-kegiatan": 2}


def write(ws: Any, k: Kompilasi) -> None:
    """Budget rows with parent subtotals recomputed from their sub-kegiatan (bold, grey)."""
    from openpyxl.styles import Alignment

    q = k.periode.triwulan
    sd = "" if k.periode.tahunan else f" s/d TW {romawi(q)}"
    cols: list[tuple[str, float]] = [("Kode", 19), ("Uraian", 46), ("Bidang", 8), ("Pagu (Rp)", 17)]
    cols += [(f"Realisasi TW {romawi(n)} (Rp)", 16) for n in range(1, q + 1)]
    cols += [
        (f"Realisasi{sd} (Rp)", 17),
        ("Serapan (%)", 10),
        ("Sisa (Rp)", 17),
        ("Keterangan", 30),
    ]
    ncols = len(cols)
    r = title_block(ws, k, "REALISASI ANGGARAN", ncols)
    header(ws, r, cols)
    head = r
    r += 1
    belum = {b.kode for b in k.bidang if b.status != "diterima"}
    for a in k.anggaran:
        teks, rp = (
            ("kd_total", "kd_total_rp")
            if a.tingkat == "program" and a.induk
            else (("kd_grup", "kd_grup_rp") if a.induk else ("kd_teks", "kd_rp"))
        )
        put(ws, r, 1, a.kode, teks)
        cell = put(ws, r, 2, a.uraian, teks)
        cell.alignment = Alignment(wrap_text=True, vertical="top", indent=_INDENT.get(a.tingkat, 0))
        put(ws, r, 3, a.bidang, teks)
        rupiah(ws, r, 4, a.pagu, rp)
        for n in range(q):
            rupiah(ws, r, 5 + n, a.realisasi_tw[n], rp)
        rupiah(ws, r, 5 + q, a.realisasi, rp)
        persen(ws, r, 6 + q, a.serapan, rp.replace("_rp", "_angka"))
        rupiah(ws, r, 7 + q, a.sisa, rp)
        ket = ""
        if a.induk and a.pagu_pk != a.pagu:
            ket = (
                f"Pagu tertulis di PK {format_rupiah(a.pagu_pk)} berbeda dengan jumlah "
                "rinciannya; yang dipakai jumlah rinciannya (lihat Catatan)"
            )
        elif not a.induk and a.bidang in belum and a.realisasi is None:
            ket = "Bidang belum mengirim"
        put(ws, r, 8 + q, ket, teks)
        fit_height(ws, r, [(a.uraian, 46), (ket, 30)])
        r += 1
    t = k.anggaran_total
    if t is not None:
        merge_row(ws, r, 1, 3, "JUMLAH", "kd_total")
        rupiah(ws, r, 4, t.pagu, "kd_total_rp")
        for n in range(q):
            rupiah(ws, r, 5 + n, t.realisasi_tw[n], "kd_total_rp")
        rupiah(ws, r, 5 + q, t.realisasi, "kd_total_rp")
        persen(ws, r, 6 + q, t.serapan, "kd_total_angka")
        rupiah(ws, r, 7 + q, t.sisa, "kd_total_rp")
        put(ws, r, 8 + q, "Jumlah seluruh program", "kd_total")
        r += 1
    r += 1
    note(
        ws,
        r,
        "Realisasi dilaporkan pada baris sub-kegiatan; baris program dan kegiatan selalu "
        "dihitung ulang dari rinciannya sehingga tidak ada yang terhitung dua kali. Serapan = "
        "realisasi ÷ pagu × 100; sisa = pagu − realisasi.",
        ncols,
        200,
    )
    ws.freeze_panes = ws.cell(head + 1, 3)
    apply_print_setup(ws, head)
