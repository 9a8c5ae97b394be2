"""Draft sheet `Permasalahan`: faktor pendorong/penghambat and tindak lanjut per indicator (docs/contract.md §7)."""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain.numbers import format_angka
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.io.draft.common import (
    NARASI_MAX,
    fill_predikat,
    fit_height,
    header,
    note,
    persen,
    put,
    title_block,
)
from kinerja_cli.io.xlsx import apply_print_setup

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


def write(ws: Any, k: Kompilasi) -> None:
    """Faktor pendorong, penghambat and tindak lanjut per indicator, as the bidang wrote them."""
    ncols = len(PERMASALAHAN_COLS)
    r = title_block(ws, k, "PERMASALAHAN DAN TINDAK LANJUT", ncols)
    header(ws, r, PERMASALAHAN_COLS)
    head = r
    r += 1
    for i in k.indikator:
        n = i.narasi
        put(ws, r, 1, i.no, "kd_tengah")
        put(ws, r, 2, i.kode, "kd_tengah")
        put(ws, r, 3, i.nama, "kd_teks")
        put(ws, r, 4, i.bidang, "kd_tengah")
        persen(ws, r, 5, i.capaian_periode)
        fill_predikat(put(ws, r, 6, i.predikat, "kd_teks"), k.skala, i.predikat)
        # Form text is written with safe_text (via put): never a formula (docs/reliability.md B1).
        for c, text in ((7, n.pendorong), (8, n.penghambat), (9, n.tindak_lanjut), (10, n.bukti)):
            put(ws, r, c, text or None, "kd_teks")
        fit_height(
            ws,
            r,
            [
                (i.nama, 34),
                (n.pendorong, 34),
                (n.penghambat, 34),
                (n.tindak_lanjut, 34),
                (n.bukti, 24),
            ],
        )
        r += 1
    r += 1
    note(
        ws,
        r,
        "Isian faktor dan tindak lanjut disalin apa adanya dari formulir bidang; "
        f"uraian lebih dari {format_angka(NARASI_MAX, 0)} karakter dipotong di laporan akhir.",
        ncols,
        200,
    )
    ws.freeze_panes = ws.cell(head + 1, 4)
    apply_print_setup(ws, head)
