"""Draft sheet `Anggaran`: pagu, realisasi, serapan and sisa, parent subtotals recomputed (docs/contract.md §4, §7)."""

from __future__ import annotations

from kinerja_cli.domain.numbers import format_rupiah
from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.io.draft.common import (
    SheetWriter,
    header,
    note,
    persen,
    print_setup,
    rupiah,
    title_block,
)

_INDENT = {"program": 0, "kegiatan": 1, "sub-kegiatan": 2}


def write(sh: SheetWriter, k: Kompilasi) -> None:
    """Budget rows with parent subtotals recomputed from their sub-kegiatan (bold, grey)."""
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
    sh.widths([w for _, w in cols])
    r = title_block(sh, k, "REALISASI ANGGARAN", ncols)
    header(sh, r, cols)
    head = r
    r += 1
    belum = {b.kode for b in k.bidang if b.status != "diterima"}
    for a in k.anggaran:
        teks, rp = (
            ("kd_total", "kd_total_rp")
            if a.tingkat == "program" and a.induk
            else (("kd_grup", "kd_grup_rp") if a.induk else ("kd_teks", "kd_rp"))
        )
        sh.put(r, 1, a.kode, teks)
        indent = _INDENT.get(a.tingkat, 0)
        sh.put(r, 2, a.uraian, teks, indent=indent or None)
        sh.put(r, 3, a.bidang, teks)
        rupiah(sh, r, 4, a.pagu, rp)
        for n in range(q):
            rupiah(sh, r, 5 + n, a.realisasi_tw[n], rp)
        rupiah(sh, r, 5 + q, a.realisasi, rp)
        persen(sh, r, 6 + q, a.serapan, rp.replace("_rp", "_angka"))
        rupiah(sh, r, 7 + q, a.sisa, rp)
        ket = ""
        if a.induk and a.pagu_pk != a.pagu:
            ket = (
                f"Pagu tertulis di PK {format_rupiah(a.pagu_pk)} berbeda dengan jumlah "
                "rinciannya; yang dipakai jumlah rinciannya (lihat Catatan)"
            )
        elif not a.induk and a.bidang in belum and a.realisasi is None:
            ket = "Bidang belum mengirim"
        sh.put(r, 8 + q, ket, teks)
        r += 1
    t = k.anggaran_total
    if t is not None:
        sh.merge(r, 1, r, 3, "JUMLAH", "kd_total")
        rupiah(sh, r, 4, t.pagu, "kd_total_rp")
        for n in range(q):
            rupiah(sh, r, 5 + n, t.realisasi_tw[n], "kd_total_rp")
        rupiah(sh, r, 5 + q, t.realisasi, "kd_total_rp")
        persen(sh, r, 6 + q, t.serapan, "kd_total_angka")
        rupiah(sh, r, 7 + q, t.sisa, "kd_total_rp")
        sh.put(r, 8 + q, "Jumlah seluruh program", "kd_total")
        r += 1
    r += 1
    note(
        sh,
        r,
        "Realisasi dilaporkan pada baris sub-kegiatan; baris program dan kegiatan selalu "
        "dihitung ulang dari rinciannya sehingga tidak ada yang terhitung dua kali. Serapan = "
        "realisasi ÷ pagu × 100; sisa = pagu − realisasi.",
        ncols,
    )
    sh.freeze(head + 1, 3)
    print_setup(sh, (head, head))
