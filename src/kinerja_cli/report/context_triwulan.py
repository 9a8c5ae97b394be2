"""The quarterly review's part of the report context: per-quarter capaian, trend, projection.

Capaian of earlier quarters are recomputed with the same rulebook (`capaian_indikator` at
k-1, k-2, …) from the realisations now on file, so a corrected earlier quarter shows its
corrected value. Projections are labelled "proyeksi" wherever they appear (docs/contract.md §8).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja_cli.domain.capaian import rata_rata
from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.proyeksi import (
    NAIK,
    TETAP,
    TURUN,
    Tren,
    arah_tren,
    capaian_per_triwulan,
    proyeksi_indikator,
    tren_indikator,
)
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.report.filters import angka
from kinerja_cli.report.rows import indikator_model, kelompok_sasaran, potong

JUMLAH_MASALAH_UTAMA = 5
_TREN_LABEL = {NAIK: "Naik", TURUN: "Turun"}


def _tren_teks(t: Tren | None, ada_data: bool) -> dict[str, Any]:
    if t is None:
        return {"arah": "", "label": "–", "teks": "Belum ada pembanding" if ada_data else "–"}
    label = _TREN_LABEL.get(t.arah, "Tetap")
    dasar = "" if t.dasar == "triwulan" else "; thd target tahunan"
    if t.arah == TETAP:
        teks = f"Tetap (sama dengan TW {romawi(t.pembanding)}{dasar})"
    else:
        beda = abs(t.sekarang - t.sebelum)
        teks = f"{label} {angka(beda)} poin dari TW {romawi(t.pembanding)}"
        teks += f" ({dasar[2:]})" if dasar else ""
    return {"arah": t.arah, "label": label, "teks": teks}


def _tren_seri(nilai: list[Decimal | None], k: int) -> dict[str, Any]:
    """Trend of a series of means (dinas, sasaran) against its latest earlier value."""
    now = nilai[k - 1] if nilai else None
    for j in range(k - 1, 0, -1):
        before = nilai[j - 1]
        if before is not None and now is not None:
            arah = arah_tren(before, now) or TETAP
            return _tren_teks(Tren(arah, before, now, j, "triwulan"), True)
    return _tren_teks(None, now is not None)


def lengkapi(
    ctx: dict[str, Any], k: Kompilasi, rows: list[dict[str, Any]], sebelumnya: Kompilasi | None
) -> None:
    """Add the review's sections to `ctx` (in place)."""
    tw = k.periode.triwulan
    skala, batas = k.skala, k.batas_rata_rata
    by_kode = {b.kode: b for b in k.indikator}
    for r in rows:
        b = by_kode[r["kode"]]
        ind = indikator_model(b)
        per_tw = capaian_per_triwulan(ind, b.realisasi_tw, tw, skala)
        p = proyeksi_indikator(ind, b.realisasi_tw, tw)
        r["capaian_tw_list"] = per_tw
        r["tren"] = _tren_teks(
            tren_indikator(ind, b.realisasi_tw, tw, skala), b.realisasi is not None
        )
        r["proyeksi"] = {
            "nilai": p.nilai,
            "capaian": p.capaian,
            "berisiko": p.berisiko,
            "metode": p.metode,
        }
    sasaran = kelompok_sasaran(k, rows)
    ctx["sasaran"] = sasaran
    ctx["kuartal"] = [romawi(j) for j in range(1, tw + 1)]

    # Trend per sasaran and for the dinas, quarter by quarter.
    seri_sasaran = []
    for s in sasaran:
        nilai = [
            rata_rata((r["capaian_tw_list"][j] for r in s["indikator"]), batas) for j in range(tw)
        ]
        seri_sasaran.append({"kode": s["kode"], "nama": s["nama"], "nilai": nilai})
    dinas = [rata_rata(x["nilai"][j] for x in seri_sasaran) for j in range(tw)]
    ctx["tren"] = {"dinas": dinas, "sasaran": seri_sasaran, "dinas_arah": _tren_seri(dinas, tw)}

    berisiko = sorted(
        (r for r in rows if r["proyeksi"]["berisiko"]), key=lambda r: r["proyeksi"]["capaian"]
    )
    ctx["berisiko"] = [{**r, "no": i} for i, r in enumerate(berisiko, start=1)]
    ctx["terproyeksi"] = sum(1 for r in rows if r["proyeksi"]["berisiko"] is not None)

    rendah = sorted(
        (r for r in rows if r["capaian_periode"] is not None and r["capaian_periode"] < 100),
        key=lambda r: r["capaian_periode"],
    )
    narasi = {b.kode: b.narasi for b in k.indikator}
    ctx["masalah_utama"] = [
        {
            "nama": r["nama"],
            "bidang_nama": r["bidang_nama"],
            "capaian": r["capaian_periode"],
            "predikat": r["predikat"],
            "penghambat": potong(narasi[r["kode"]].penghambat, 400),
            "berisiko": bool(r["proyeksi"]["berisiko"]),
        }
        for r in rendah[:JUMLAH_MASALAH_UTAMA]
    ]
    if tw == 1:
        kalimat = (
            "Reviu ini adalah reviu triwulan pertama; tindak lanjut triwulan sebelumnya belum ada."
        )
    elif sebelumnya is None:
        kalimat = (
            f"Data Triwulan {romawi(tw - 1)} belum tersedia di ruang kerja, sehingga "
            "tindak lanjut triwulan sebelumnya belum dapat ditampilkan."
        )
    else:
        kalimat = (
            f"Kolom tindak lanjut Triwulan {romawi(tw - 1)} diambil dari formulir "
            f"triwulan tersebut untuk dipantau pelaksanaannya."
        )
    ctx["triwulan_lalu"] = {
        "ada": tw > 1 and sebelumnya is not None,
        "label": f"Triwulan {romawi(tw - 1)}" if tw > 1 else "",
        "romawi": romawi(tw - 1) if tw > 1 else "",
        "kalimat": kalimat,
    }
