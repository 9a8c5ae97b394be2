"""Indicator rows common to the annual report and the quarterly review: one row per
indicator, grouped under its sasaran; narratives cut at 2.000 characters."""

from __future__ import annotations

from typing import Any

from kinerja_cli.domain.models import Indikator
from kinerja_cli.domain.results import BarisIndikator, Kompilasi
from kinerja_cli.domain.rules import Code

BATAS_NARASI = 2000

TANDA_DIPOTONG = " (dipotong)"


def potong(text: str | None, batas: int = BATAS_NARASI) -> str:
    """A narrative cut at `batas` characters, visibly marked `(dipotong)`."""
    t = (text or "").strip()
    if len(t) <= batas:
        return t
    return t[:batas].rstrip() + TANDA_DIPOTONG


def indikator_model(b: BarisIndikator) -> Indikator:
    """The PK indicator behind a compiled row (for per-quarter capaian and projections)."""
    tw = (tuple(b.target_tw) + (None,) * 4)[:4]
    teks = (tuple(b.target_tw_teks) + ("",) * 4)[:4]
    return Indikator(
        kode=b.kode,
        sasaran=b.sasaran,
        nama=b.nama,
        satuan=b.satuan,
        arah=b.arah,
        sifat=b.sifat,
        rumus=b.rumus,
        target=b.target,
        target_teks=b.target_teks,
        target_tw=(tw[0], tw[1], tw[2], tw[3]),
        target_tw_teks=(teks[0], teks[1], teks[2], teks[3]),
        bidang=b.bidang,
    )


def baris_indikator(b: BarisIndikator, bidang: dict[str, str]) -> dict[str, Any]:
    """One indicator row, common to both reports."""
    return {
        "no": b.no,
        "kode": b.kode,
        "nama": b.nama,
        "satuan": b.satuan,
        "bidang": b.bidang,
        "bidang_nama": bidang.get(b.bidang, b.bidang),
        "arah": b.arah.value,
        "sifat": b.sifat.value,
        "target": b.target,
        "target_teks": b.target_teks,
        "target_triwulan": b.target_triwulan,
        "target_triwulan_teks": b.target_triwulan_teks,
        "realisasi": b.realisasi,
        "realisasi_tw": list(b.realisasi_tw),
        "capaian": b.capaian,
        "capaian_triwulan": b.capaian_triwulan,
        "capaian_periode": b.capaian_periode,
        "predikat": b.predikat or "",
        "status": b.status or "",
        "rumus": b.rumus_teks,
        "status_bidang": b.status_bidang,
        "keterangan": _keterangan(b),
        "komponen": teks_komponen(b),
        "pembilang": b.pembilang,
        "penyebut": b.penyebut,
    }


def teks_komponen(b: BarisIndikator) -> str:
    """A component indicator's n and N s/d the periode, in words (docs/contract.md §14):
    `Panjang jalan mantap (km) 245,3 ÷ Panjang jalan kabupaten (km) 320,5`; "" otherwise."""
    if not b.komponen:
        return ""
    from kinerja_cli.domain.checks import number_text

    if b.pembilang is None or b.penyebut is None:
        return f"Realisasi = {b.pembilang_nama} ÷ {b.penyebut_nama} × 100"
    return (
        f"{b.pembilang_nama} {number_text(b.pembilang)} ÷ {b.penyebut_nama} "
        f"{number_text(b.penyebut)} × 100"
    )


def _keterangan(b: BarisIndikator) -> str:
    if b.status_bidang != "diterima":
        return (
            "Bidang belum menyampaikan formulir"
            if b.status_bidang == "belum"
            else ("Formulir bidang ditolak; menunggu perbaikan")
        )
    if b.realisasi is None:
        return "Realisasi belum diisi"
    if Code.TARGET_NOL in b.peringatan:
        return "Target 0: capaian tidak dapat dihitung"
    if Code.RUMUS_TR_REALISASI_NOL in b.peringatan:
        return "Realisasi 0 dengan rumus T/R: capaian tidak terdefinisi"
    return ""


def kelompok_sasaran(k: Kompilasi, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Indicator rows grouped under their sasaran, with the sasaran's mean and predikat."""
    out: list[dict[str, Any]] = []
    for no, s in enumerate(k.sasaran, start=1):
        inds = [r for r in rows if r["sasaran_kode"] == s.kode]
        for i, r in enumerate(inds, start=1):
            r["nomor"] = i  # position under its sasaran: "2.3"
        out.append(
            {
                "no": no,
                "kode": s.kode,
                "nama": s.nama,
                "capaian": s.capaian,
                "predikat": s.predikat or "",
                "jumlah_indikator": len(inds),
                "indikator": inds,
            }
        )
    return out
