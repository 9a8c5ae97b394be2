"""Draft sheet `Permasalahan`: faktor pendorong/penghambat and tindak lanjut per indicator (docs/contract.md §7)."""

from __future__ import annotations

from kinerja_cli.domain.numbers import format_angka
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.io.draft.common import (
    NARASI_MAX,
    SheetWriter,
    header,
    note,
    persen,
    predikat_rgb,
    print_setup,
    title_block,
)

PERMASALAHAN_COLS: tuple[tuple[str, float], ...] = (
    ("No", 5),
    ("Kode", 8),
    ("Indikator Kinerja", 34),
    ("Bidang", 9),
    ("Capaian (%)", 10),
    ("Predikat", 12),
    ("Faktor Pendorong", 34),
    ("Faktor Penghambat", 34),
    ("Tindak Lanjut", 34),
    ("Bukti Dukung", 24),
)


def write(sh: SheetWriter, k: Kompilasi) -> None:
    """Faktor pendorong, penghambat and tindak lanjut per indicator, as the bidang wrote them."""
    ncols = len(PERMASALAHAN_COLS)
    sh.widths([w for _, w in PERMASALAHAN_COLS])
    r = title_block(sh, k, "PERMASALAHAN DAN TINDAK LANJUT", ncols)
    header(sh, r, PERMASALAHAN_COLS)
    head = r
    r += 1
    for i in k.indikator:
        n = i.narasi
        sh.put(r, 1, i.no, "kd_tengah")
        sh.put(r, 2, i.kode, "kd_tengah")
        sh.put(r, 3, i.nama, "kd_teks")
        sh.put(r, 4, i.bidang, "kd_tengah")
        persen(sh, r, 5, i.capaian_periode)
        sh.put(r, 6, i.predikat, "kd_teks", fill=predikat_rgb(k.skala, i.predikat))
        # Form text is written as text, never a formula (docs/reliability.md B1).
        for c, text in ((7, n.pendorong), (8, n.penghambat), (9, n.tindak_lanjut), (10, n.bukti)):
            sh.put(r, c, text or None, "kd_teks")
        r += 1
    r += 1
    note(
        sh,
        r,
        "Isian faktor dan tindak lanjut disalin apa adanya dari formulir bidang; "
        f"uraian lebih dari {format_angka(NARASI_MAX, 0)} karakter dipotong di laporan akhir.",
        ncols,
    )
    sh.freeze(head + 1, 4)
    print_setup(sh, (head, head))
