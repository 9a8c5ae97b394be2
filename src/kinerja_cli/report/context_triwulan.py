"""The quarterly review's part of the report context: per-quarter capaian, trend, projection.

Capaian of earlier quarters are recomputed with the same rulebook (`capaian_indikator` at
k-1, k-2, …) from the realisations now on file, so a corrected earlier quarter shows its
corrected value. Projections are labelled "proyeksi" wherever they appear (docs/contract.md §8).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja_cli.domain.capaian import capaian_indikator, rata_rata
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


def _pembanding(j: int, semester: bool) -> str:
    """What a trend compares with: `TW I`, or `Semester I` in the semester review."""
    return f"Semester {romawi(j // 2)}" if semester and j % 2 == 0 else f"TW {romawi(j)}"


def _tren_teks(t: Tren | None, ada_data: bool, semester: bool = False) -> dict[str, Any]:
    if t is None:
        return {"arah": "", "label": "–", "teks": "Belum ada pembanding" if ada_data else "–"}
    label = _TREN_LABEL.get(t.arah, "Tetap")
    dasar = "" if t.dasar == "triwulan" else "terhadap target tahunan"
    lawan = _pembanding(t.pembanding, semester)
    if t.arah == TETAP:
        teks = f"Tetap (sama dengan {lawan}{'; ' + dasar if dasar else ''})"
    else:
        beda = abs(t.sekarang - t.sebelum)
        teks = f"{label} {angka(beda)} poin dari {lawan}"
        teks += f" ({dasar})" if dasar else ""
    return {"arah": t.arah, "label": label, "teks": teks}


def _tren_semester(ind: Any, nilai_tw: Any, skala: Any) -> Tren | None:
    """Semester II against semester I (s/d TW IV against s/d TW II), quarterly capaian when
    both quarters have a target, else annual capaian (as `tren_indikator`)."""
    if all(v is None for v in nilai_tw[:2]) or all(v is None for v in nilai_tw[:4]):
        return None
    now = capaian_indikator(ind, nilai_tw, 4, tahunan=False, skala=skala)
    before = capaian_indikator(ind, nilai_tw, 2, tahunan=False, skala=skala)
    for a, b, dasar in (
        (before.capaian_triwulan, now.capaian_triwulan, "triwulan"),
        (before.capaian, now.capaian, "tahunan"),
    ):
        arah = arah_tren(a, b)
        if arah is not None and a is not None and b is not None:
            return Tren(arah, a, b, 2, dasar)
    return None


def _tren_seri(nilai: list[Decimal | None], k: int, semester: bool = False) -> dict[str, Any]:
    """Trend of a series of means (dinas, sasaran) against its latest earlier value (the
    previous semester's in the semester review)."""
    now = nilai[k - 1] if nilai else None
    urutan = [k - 2] if semester and k > 2 else list(range(k - 1, 0, -1))
    for j in urutan:
        before = nilai[j - 1]
        if before is not None and now is not None:
            arah = arah_tren(before, now) or TETAP
            return _tren_teks(Tren(arah, before, now, j, "triwulan"), True, semester)
    return _tren_teks(None, now is not None, semester)


def lengkapi(
    ctx: dict[str, Any],
    k: Kompilasi,
    rows: list[dict[str, Any]],
    sebelumnya: Kompilasi | None,
    semester: int | None = None,
) -> None:
    """Add the review's sections to `ctx` (in place); `semester` words them for a semester and
    compares with the previous semester (docs/contract.md §15)."""
    tw = k.periode.triwulan
    sem = bool(semester)
    skala, batas = k.skala, k.batas_rata_rata
    by_kode = {b.kode: b for b in k.indikator}
    for r in rows:
        b = by_kode[r["kode"]]
        ind = indikator_model(b)
        per_tw = capaian_per_triwulan(ind, b.realisasi_tw, tw, skala)
        p = proyeksi_indikator(ind, b.realisasi_tw, tw)
        r["capaian_tw_list"] = per_tw
        tren = (
            (_tren_semester(ind, b.realisasi_tw, skala) if tw == 4 else None)
            if sem
            else tren_indikator(ind, b.realisasi_tw, tw, skala)
        )
        r["tren"] = _tren_teks(tren, b.realisasi is not None and (not sem or tw == 4), sem)
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
    ctx["tren"] = {
        "dinas": dinas,
        "sasaran": seri_sasaran,
        "dinas_arah": _tren_seri(dinas, tw, sem),
    }

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
    # Last period's tindak lanjut: shown only where that period reported one; a review without
    # it leaves the column out instead of printing a column of dashes (docs/contract.md §16).
    ada_lalu = sebelumnya is not None and any(r["tindak_lanjut_lalu"] for r in ctx["permasalahan"])
    if sem:
        label = "Semester I" if tw == 4 else ""
    else:
        label = f"Triwulan {romawi(tw - 1)}" if tw > 1 else ""
    kalimat = (
        f"Kolom Tindak Lanjut {label} memuat tindak lanjut yang dilaporkan bidang pada "
        f"{label}, untuk dipantau pelaksanaannya."
        if ada_lalu and label
        else ""
    )
    ctx["triwulan_lalu"] = {
        "ada": bool(ada_lalu and label),
        "label": label if ada_lalu else "",
        "romawi": romawi(tw - 1) if tw > 1 else "",
        "kalimat": kalimat,
    }
