"""Draft sheet `Catatan`: open findings, the formula used per indicator, the inputs' SHA-256 (docs/contract.md §7), the Sekretaris's corrections (§11)."""

from __future__ import annotations

from kinerja_cli.domain.models import Arah, Sifat
from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.results import BarisIndikator, Kompilasi
from kinerja_cli.io.draft.common import (
    SheetWriter,
    note,
    predikat_rgb,
    print_setup,
    subtitle,
    title_block,
)


def cara_realisasi(sifat: Sifat, arah: Arah, k: int) -> str:
    """How the s/d value is taken, in words (docs/contract.md §6.1)."""
    if k == 1:
        return "realisasi TW I"
    if arah == Arah.BINER:
        return f"jawaban terakhir yang terisi s/d TW {romawi(k)}"
    if sifat == Sifat.KUMULATIF:
        return f"jumlah realisasi TW I s/d TW {romawi(k)}"
    return f"nilai triwulan terakhir yang terisi s/d TW {romawi(k)}"


def _target_dipakai(i: BarisIndikator, q: int, tahunan: bool) -> str:
    """Which target the period capaian was computed against (docs/contract.md §6.3)."""
    if not tahunan and i.capaian_triwulan is not None:
        return f"T = target TW {romawi(q)} ({i.target_triwulan_teks})"
    return f"T = target tahunan ({i.target_teks})"


def _koreksi(sh: SheetWriter, r: int, k: Kompilasi, ncols: int) -> int:
    """Every correction of the Sekretaris in force (docs/contract.md §11), grouped by the run
    of `kinerja koreksi` that recorded it (who, when, which draft); returns the next row."""
    subtitle(sh, r, f"E. Koreksi Sekretaris yang berlaku ({len(k.koreksi)})", ncols)
    r += 1
    for col, title in enumerate(("No", "Indikator / sub-kegiatan", "Bidang", "Sel dan isian"), 1):
        sh.put(r, col, title, "kn_header")
    sh.merge(r, 5, r, 6, "Semula → menjadi", "kn_header")
    r += 1
    if not k.koreksi:
        sh.merge(r, 1, r, ncols, "Belum ada koreksi Sekretaris yang dicatat.", "kd_teks")
        return r + 1
    names = {i.kode: i.nama for i in k.indikator} | {a.kode: a.uraian for a in k.anggaran}
    batch = None
    for n, c in enumerate(k.koreksi, start=1):
        if (c.waktu, c.oleh, c.draf) != batch:
            batch = (c.waktu, c.oleh, c.draf)
            waktu = c.waktu.replace("T", " ")[:16]
            sh.merge(r, 1, r, ncols, f"Dicatat {waktu} oleh {c.oleh} dari draf {c.draf}", "kd_grup")
            r += 1
        sh.put(r, 1, n, "kd_tengah")
        sh.put(r, 2, f"{c.kode} {names.get(c.kode, '')}".strip(), "kd_teks")
        sh.put(r, 3, c.bidang, "kd_tengah")
        sh.put(r, 4, f"{c.sheet}!{c.cell}: {c.isian}", "kd_teks")
        lama, baru = c.lama_teks or "(kosong)", c.baru_teks or "(kosong)"
        sh.merge(r, 5, r, 6, f"{lama} → {baru}", "kd_teks")
        r += 1
    return r


def write(sh: SheetWriter, k: Kompilasi) -> None:
    """Open findings, the formula per indicator, the predikat scale, the inputs' SHA-256 and
    the corrections in force.

    Five tables with their own headers: the agency title rows repeat on every printed page.
    """
    widths = (5, 40, 14, 36, 11, 60)
    ncols = len(widths)
    sh.widths(widths)
    r = title_block(sh, k, "CATATAN KOMPILASI", ncols)

    subtitle(sh, r, f"A. Temuan yang masih terbuka ({len(k.temuan)})", ncols)
    r += 1
    for c, title in enumerate(
        ("No", "Kode temuan", "Tingkat", "Lokasi", "Indikator", "Pesan"), start=1
    ):
        sh.put(r, c, title, "kn_header")
    r += 1
    if not k.temuan:
        sh.merge(r, 1, r, ncols, "Tidak ada temuan terbuka.", "kd_teks")
        r += 1
    for n, f in enumerate(k.temuan, start=1):
        sh.put(r, 1, n, "kd_tengah")
        sh.put(r, 2, f.code, "kd_teks")
        sh.put(r, 3, "Kesalahan" if f.severity == "error" else "Peringatan", "kd_teks")
        sh.put(r, 4, f.location, "kd_teks")
        sh.put(r, 5, f.kode or "", "kd_tengah")
        sh.put(r, 6, f.message, "kd_teks")
        r += 1
    r += 1

    subtitle(sh, r, "B. Rumus capaian yang dipakai per indikator", ncols)
    r += 1
    for c, title in enumerate(
        ("No", "Kode / Indikator", "Arah", "Realisasi s/d periode", "Sifat", "Rumus capaian"),
        start=1,
    ):
        sh.put(r, c, title, "kn_header")
    r += 1
    q = k.periode.triwulan
    for i in k.indikator:
        sh.put(r, 1, i.no, "kd_tengah")
        sh.put(r, 2, f"{i.kode} {i.nama}", "kd_teks")
        arah = i.arah.value + (f" ({i.rumus.value})" if i.arah == Arah.TURUN else "")
        sh.put(r, 3, arah, "kd_teks")
        sh.put(r, 4, cara_realisasi(i.sifat, i.arah, q), "kd_teks")
        sh.put(r, 5, "biner" if i.arah == Arah.BINER else i.sifat.value, "kd_teks")
        sh.put(r, 6, f"{i.rumus_teks}; {_target_dipakai(i, q, k.periode.tahunan)}", "kd_teks")
        r += 1
    r += 1

    subtitle(sh, r, "C. Skala predikat (dihitung pada nilai yang belum dibulatkan)", ncols)
    r += 1
    for c, title in enumerate(("No", "Predikat", "Capaian ≥ (%)"), start=1):
        sh.put(r, c, title, "kn_header")
    r += 1
    bands = [*((label, m) for m, label in k.skala.ambang), (k.skala.terendah, None)]
    for n, (label, m) in enumerate(bands, start=1):
        sh.put(r, 1, n, "kd_tengah")
        sh.put(r, 2, label, "kd_teks", fill=predikat_rgb(k.skala, label))
        sh.put(r, 3, m if m is not None else "di bawahnya", "kd_angka")
        r += 1
    batas = (
        f"dibatasi {k.batas_rata_rata}% per indikator"
        if k.batas_rata_rata is not None
        else "tidak dibatasi"
    )
    r = note(
        sh,
        r,
        f"Sumbangan indikator ke rata-rata sasaran: {batas}. Status indikator: "
        "Melampaui (> 100), Tercapai (= 100), Tidak Tercapai (< 100).",
        ncols,
    )
    r += 1

    subtitle(sh, r, "D. Berkas masukan (SHA-256)", ncols)
    r += 1
    sh.put(r, 1, "No", "kn_header")
    sh.merge(r, 2, r, 4, "Berkas", "kn_header")
    sh.merge(r, 5, r, 6, "SHA-256", "kn_header")
    r += 1
    for n, (name, sha) in enumerate(sorted(k.input_sha256.items()), start=1):
        sh.put(r, 1, n, "kd_tengah")
        sh.merge(r, 2, r, 4, name, "kd_teks")
        sh.merge(r, 5, r, 6, sha, "kd_teks")
        r += 1
    r = _koreksi(sh, r + 1, k, ncols)
    if k.notes:
        r += 1
        subtitle(sh, r, "F. Catatan lain", ncols)
        r += 1
        for text in k.notes:
            r = note(sh, r, text, ncols)
    print_setup(sh, (1, 3))
