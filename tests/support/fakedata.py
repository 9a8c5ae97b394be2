"""Deterministic, realistic accepted values for a PK: what the bidang would have returned.

`example_data(pk, periode)` gives every bidang's realisations per quarter (near the PK's TW
targets, some above, some below), narratives and budget realisations, without reading any
form. Used by the compile tests, the golden draft, and available to report and demo tests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from kinerja_cli.domain.models import (
    PK,
    Arah,
    DataBidang,
    Indikator,
    Narasi,
    Nilai,
    Rentang,
    Sifat,
)
from kinerja_cli.domain.periode import Periode

# Share of the pagu spent in each quarter (a typical regency spending curve).
KURVA_ANGGARAN = (Decimal("0.08"), Decimal("0.24"), Decimal("0.31"), Decimal("0.33"))
# Biner answers per indicator code and quarter (the rest follow the PK's TW targets).
BINER_TIDAK_SAMPAI = {"IK.26": 3, "IK.35": 2, "IK.08": 1}


def acak(*parts: object) -> Decimal:
    """A deterministic number in [0, 1) from its parts (no random module: stable everywhere)."""
    h = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return Decimal(int(h[:8], 16)) / Decimal(2**32)


def _q(d: Decimal, places: int) -> Decimal:
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


_SATUAN_BULAT = {"unit", "dokumen", "lokasi", "m", "laporan", "sr", "orang", "kegiatan"}


def _places(ind: Indikator) -> int:
    return 0 if ind.satuan.strip().casefold() in _SATUAN_BULAT else 1


def _num_target(ind: Indikator, q: int) -> Decimal:
    t = ind.target_tw[q - 1]
    if isinstance(t, Decimal):
        return t
    assert isinstance(ind.target, Decimal)
    return ind.target


def realisasi_indikator(ind: Indikator, k: int) -> list[Nilai | None]:
    """Realisation per quarter 1..k (in-quarter for kumulatif, level for status)."""
    out: list[Nilai | None] = []
    for q in range(1, k + 1):
        f = acak(ind.kode, q)
        if ind.arah == Arah.BINER:
            out.append(q > BINER_TIDAK_SAMPAI.get(ind.kode, 0))
        elif ind.arah == Arah.RENTANG:
            t = ind.target_tw[q - 1] or ind.target
            assert isinstance(t, Rentang)
            mid = (t.bawah + t.atas) / 2
            out.append(_q(mid * (Decimal("0.9") + Decimal("0.2") * f), 2))
        elif ind.sifat == Sifat.KUMULATIF:
            prev = _num_target(ind, q - 1) if q > 1 else Decimal(0)
            step = _num_target(ind, q) - prev
            out.append(_q(step * (Decimal("0.8") + Decimal("0.35") * f), _places(ind)))
        else:
            t = _num_target(ind, q)
            if ind.arah == Arah.TURUN:
                v = t * (Decimal("1.05") - Decimal("0.09") * f)
            else:
                v = t * (Decimal("0.95") + Decimal("0.08") * f)
            if ind.is_persen:
                v = min(v, Decimal(100))
            out.append(_q(v, 2))
    return out


def komponen_indikator(ind: Indikator, k: int) -> tuple[list[Decimal], list[Decimal]]:
    """Pembilang and Penyebut per quarter of a component indicator (docs/contract.md §14): a
    status one keeps its Penyebut (the houses surveyed) with a level near the TW target; a
    kumulatif one counts the quarter's cases, about the target's share of them handled."""
    levels: list[Decimal] = []
    for q in range(1, k + 1):
        t = _num_target(ind, q)
        levels.append(
            min(t * (Decimal("0.95") + Decimal("0.08") * acak(ind.kode, q)), Decimal(100))
        )
    if ind.sifat == Sifat.KUMULATIF:
        penyebut = [Decimal(30 + int(30 * acak(ind.kode, q, "N"))) for q in range(1, k + 1)]
        return [_q(d * lv / 100, 0) for d, lv in zip(penyebut, levels, strict=True)], penyebut
    d = _q(Decimal(150) + Decimal(250) * acak(ind.kode, "N"), 0)
    return [_q(d * lv / 100, 0) for lv in levels], [d] * k


PENDORONG = (
    "Koordinasi rutin dengan pelaksana kegiatan dan pengawasan lapangan berjalan baik.",
    "Dukungan anggaran tersedia sesuai DPA dan kontrak ditandatangani tepat waktu.",
    "Data dari UPT dan kecamatan masuk lengkap sebelum batas waktu.",
)
PENGHAMBAT = (
    "Proses pengadaan barang/jasa terlambat karena lelang ulang.",
    "Curah hujan tinggi menghambat pekerjaan fisik di lokasi.",
    "Pemutakhiran data dari desa belum lengkap.",
)
TINDAK_LANJUT = (
    "Percepatan pelaksanaan kontrak dan penambahan jam kerja pada triwulan berikutnya.",
    "Menyusun jadwal ulang pekerjaan dan memperketat pengawasan konsultan.",
    "Verifikasi lapangan bersama kecamatan pada awal triwulan berikutnya.",
)


def _pilih(pilihan: tuple[str, ...], *parts: object) -> str:
    return pilihan[int(acak(*parts) * len(pilihan))]


def narasi_indikator(
    ind: Indikator,
    nilai: list[Nilai | None],
    komponen: tuple[list[Decimal], list[Decimal]] | None = None,
) -> Narasi:
    """Narratives a bidang would write: pendorong when on track, penghambat/tindak lanjut else."""
    from kinerja_cli.domain.capaian import capaian_indikator

    c = capaian_indikator(
        ind,
        nilai,
        len(nilai),
        False,
        komponen=komponen,  # type: ignore[arg-type]
    ).periode_capaian
    if c is not None and c >= 100:
        return Narasi(
            pendorong=_pilih(PENDORONG, ind.bidang, "p"),
            bukti=f"Laporan bulanan {ind.kode}; dokumentasi kegiatan",
        )
    return Narasi(
        pendorong=_pilih(PENDORONG, ind.bidang, "p"),
        penghambat=_pilih(PENGHAMBAT, ind.kode, "h"),
        tindak_lanjut=_pilih(TINDAK_LANJUT, ind.kode, "t"),
        bukti=f"Laporan progres {ind.kode}",
    )


def example_data(pk: PK, periode: Periode, kecuali: Iterable[str] = ()) -> dict[str, DataBidang]:
    """Accepted values of every bidang with rows (minus `kecuali`) for the periode's quarters."""
    k = periode.triwulan
    skip = set(kecuali)
    tahun = pk.identitas.tahun
    bulan = 3 * k + 1
    tanggal = f"{tahun + 1}-01" if bulan > 12 else f"{tahun}-{bulan:02d}"
    out: dict[str, DataBidang] = {}
    for n, b in enumerate(pk.bidang_with_rows()):
        if b.kode in skip:
            continue
        db = DataBidang(bidang=b.kode)
        for ind in pk.indikator_of(b.kode):
            if ind.komponen:
                from kinerja_cli.domain.capaian import realisasi_komponen_tw

                pem, pen = komponen_indikator(ind, k)
                db.pembilang[ind.kode], db.penyebut[ind.kode] = list(pem), list(pen)
                db.realisasi[ind.kode] = list(realisasi_komponen_tw(pem, pen, k))
                db.narasi[ind.kode] = narasi_indikator(ind, db.realisasi[ind.kode], (pem, pen))
                continue
            db.realisasi[ind.kode] = realisasi_indikator(ind, k)
            db.narasi[ind.kode] = narasi_indikator(ind, db.realisasi[ind.kode])
        for a in pk.anggaran_of(b.kode):
            if pk.is_parent(a.kode):
                continue
            vals: list[Decimal | None] = []
            for q in range(1, k + 1):
                f = acak(a.kode, q)
                share = KURVA_ANGGARAN[q - 1] * (Decimal("0.8") + Decimal("0.3") * f)
                vals.append(_q(a.pagu * share / 1000, 0) * 1000)
            db.anggaran[a.kode] = vals
        db.file = f"{tahun}-{periode.kode}-{b.kode}.xlsx"
        db.sha256 = hashlib.sha256(f"{tahun}{periode.kode}{b.kode}".encode()).hexdigest()
        db.diterima = f"{tanggal}-{3 + n:02d}T09:{10 + n:02d}:00"
        out[b.kode] = db
    return out
