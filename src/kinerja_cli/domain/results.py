"""The compiled results: plain values that the draft workbook, JSON and reports all render.

Built by `domain.kompilasi.kompilasi()` from the PK and the accepted submissions; never holds
DataFrames or file handles, so templates get plain data (docs/architecture.md §3.8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja_cli.domain.bukti import BuktiDukung
from kinerja_cli.domain.capaian import Efisiensi, SkalaPredikat
from kinerja_cli.domain.findings import Finding
from kinerja_cli.domain.models import (
    Arah,
    Bidang,
    Identitas,
    Indikator,
    Narasi,
    Nilai,
    Rumus,
    Sifat,
    TargetValue,
)
from kinerja_cli.domain.periode import Periode, romawi


@dataclass(frozen=True)
class Revisi:
    """One PK revision in force for a compiled periode (the method note cites it)."""

    versi: int
    dari_tw: int
    tanggal: str  # ISO date it was recorded
    alasan: str

    @property
    def keterangan(self) -> str:
        """The revision in words (`PK Perubahan berlaku sejak Triwulan III, dicatat ...`)."""
        from kinerja_cli.domain.pk_versions import keterangan

        return keterangan(self.versi, self.dari_tw, self.tanggal, self.alasan)


NARASI_ISIAN = {
    "pendorong": "Faktor Pendorong",
    "penghambat": "Faktor Penghambat",
    "tindak_lanjut": "Tindak Lanjut",
    "bukti": "Bukti Dukung",
}


@dataclass(frozen=True)
class Koreksi:
    """One correction of the Sekretaris applied to the compiled data (docs/contract.md §11):
    where it was made in the draft, what it changed, who recorded it and when.

    `lama` and `baru` are as recorded (the draft's text; a number's exact digits, `true` or
    `false` for a yes/no answer, a narrative's text); `lama_teks` and `baru_teks` are the same
    values as a person reads them (63,1; Ada; the text), "" for an empty cell."""

    jenis: str  # realisasi | anggaran | narasi
    bidang: str
    kode: str  # the indicator, or the budget row
    field: str  # TW1..TW4, or a Narasi field (pendorong, penghambat, tindak_lanjut, bukti)
    sheet: str
    cell: str
    lama: str | None
    baru: str | None
    lama_teks: str
    baru_teks: str
    oleh: str  # user@computer
    waktu: str  # ISO time it was recorded
    draf: str  # the corrected draft's file name

    @property
    def isian(self) -> str:
        """What was corrected, in words: `Realisasi TW II`, `Realisasi anggaran TW II (Rp)`,
        `Faktor Penghambat`."""
        if self.jenis == "narasi":
            return NARASI_ISIAN.get(self.field, self.field)
        tw = romawi(int(self.field[2:])) if self.field.startswith("TW") else self.field
        if self.jenis == "anggaran":
            return f"Realisasi anggaran TW {tw} (Rp)"
        return f"Realisasi TW {tw}"


@dataclass(frozen=True)
class TahunLalu:
    """Last year's figures for one indicator code (year-over-year, LKjIP Bab III A.2)."""

    tahun: int
    target_teks: str
    realisasi: Nilai | None
    capaian: Decimal | None


@dataclass(frozen=True)
class Riwayat:
    """The linked previous years (docs/contract.md §14): `[riwayat] tahun_lalu` followed back up
    to five years, each year's tahunan figures per indicator code (LKjIP Bab III A.2)."""

    tahun: tuple[int, ...] = ()  # oldest first
    indikator: Mapping[str, tuple[TahunLalu | None, ...]] = field(default_factory=dict)
    catatan: tuple[str, ...] = ()  # links that could not be followed, in words

    def terakhir(self) -> dict[str, TahunLalu]:
        """Last year's figures per indicator code (the `tahun_lalu` of compile --json)."""
        if not self.tahun:
            return {}
        return {k: v[-1] for k, v in self.indikator.items() if v and v[-1] is not None}


@dataclass(frozen=True)
class BarisIndikator:
    """One indicator in the compiled measurement."""

    no: int
    kode: str
    bidang: str
    sasaran: str  # sasaran kode
    nama: str
    satuan: str
    arah: Arah
    sifat: Sifat
    rumus: Rumus
    target: TargetValue
    target_teks: str
    target_tw: tuple[TargetValue | None, ...]  # TW I..IV (all four, from the PK)
    target_tw_teks: tuple[str, ...]
    target_triwulan: TargetValue | None  # Target TW k of the periode (tahunan: Target)
    target_triwulan_teks: str
    realisasi_tw: tuple[Nilai | None, ...]  # per quarter 1..k, as reported
    realisasi: Nilai | None  # s/d k (docs/contract.md §6.1)
    capaian: Decimal | None  # vs annual Target (unrounded)
    capaian_triwulan: Decimal | None  # vs Target TW k (unrounded)
    capaian_periode: Decimal | None  # used for predikat and averages (docs/contract.md §6.3)
    predikat: str | None
    status: str | None  # Melampaui / Tercapai / Tidak Tercapai
    rumus_teks: str  # the formula used, in words
    peringatan: tuple[str, ...]  # warning codes from the rulebook (target-nol, ...)
    narasi: Narasi
    status_bidang: str  # diterima | ditolak | belum
    tahun_lalu: TahunLalu | None = None
    # docs/contract.md §14. Renstra: Target Renstra (Evaluasi Renja column 5), realisation s/d
    # last year (6), s/d this periode (13) and its capaian against the Target Renstra (14).
    target_renstra: TargetValue | None = None
    target_renstra_teks: str = ""
    realisasi_renstra_lalu: Nilai | None = None
    realisasi_renstra: Nilai | None = None
    capaian_renstra: Decimal | None = None
    # A component indicator: the names of its quantities, their values s/d the periode (by
    # Sifat) and per quarter 1..k.
    pembilang_nama: str = ""
    penyebut_nama: str = ""
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    pembilang_tw: tuple[Decimal | None, ...] = ()
    penyebut_tw: tuple[Decimal | None, ...] = ()
    # the linked previous years' figures, aligned with Kompilasi.riwayat_tahun
    riwayat: tuple[TahunLalu | None, ...] = ()

    @property
    def komponen(self) -> bool:
        """True for a component indicator (Pembilang ÷ Penyebut × 100)."""
        return bool(self.pembilang_nama and self.penyebut_nama)


@dataclass(frozen=True)
class BarisSasaran:
    """One sasaran: mean of its indicators' period capaian, and its budget."""

    kode: str
    nama: str
    capaian: Decimal | None
    predikat: str | None
    jumlah_indikator: int
    pagu: Decimal | None  # sum of linked leaf budget rows (None when none are linked)
    realisasi_anggaran: Decimal | None
    serapan: Decimal | None
    efisiensi: Efisiensi | None  # None for a quarter without the DPA plan (docs/contract.md §14)
    rencana_anggaran: Decimal | None = None  # the DPA plan s/d TW k of the linked leaves
    serapan_rencana: Decimal | None = None  # realisasi s/d TW k ÷ rencana s/d TW k × 100


@dataclass(frozen=True)
class BarisAnggaranHasil:
    """One budget row with parent subtotals recomputed from leaves (docs/contract.md §4)."""

    kode: str
    uraian: str
    bidang: str
    sasaran: str | None
    tingkat: str  # program | kegiatan | sub-kegiatan (by code depth)
    induk: bool  # a parent row (subtotal)
    pagu: Decimal  # PK pagu for leaves; recomputed sum for parents
    pagu_pk: Decimal  # as written in the PK
    realisasi_tw: tuple[Decimal | None, ...]  # per quarter 1..k
    realisasi: Decimal | None  # s/d k
    serapan: Decimal | None
    sisa: Decimal | None
    rencana: Decimal | None = None  # the DPA plan s/d TW k (parents: sum of their leaves)
    serapan_rencana: Decimal | None = None
    # Renstra (docs/contract.md §14): Evaluasi Renja columns (5), (6), (13) = (6) + (12) and
    # (14) = (13) ÷ (5) × 100
    pagu_renstra: Decimal | None = None
    realisasi_renstra_lalu: Decimal | None = None
    realisasi_renstra: Decimal | None = None
    capaian_renstra: Decimal | None = None


@dataclass(frozen=True)
class BarisBidang:
    """One bidang: submission status, mean capaian of its indicators, budget and efficiency."""

    kode: str
    nama: str
    kepala: str
    status: str  # diterima | ditolak | belum
    diterima: str  # ISO time the accepted file was first seen, or ""
    file: str
    sha256: str
    jumlah_indikator: int
    capaian: Decimal | None
    predikat: str | None
    pagu: Decimal | None
    realisasi_anggaran: Decimal | None
    serapan: Decimal | None
    efisiensi: Efisiensi | None  # None for a quarter without the DPA plan (docs/contract.md §14)
    rencana_anggaran: Decimal | None = None
    serapan_rencana: Decimal | None = None


@dataclass(frozen=True)
class Kompilasi:
    """Everything `compile` computed for one periode."""

    tahun: int
    periode: Periode
    identitas: Identitas
    bidang_pk: tuple[Bidang, ...]
    indikator: tuple[BarisIndikator, ...]
    sasaran: tuple[BarisSasaran, ...]
    dinas_capaian: Decimal | None
    dinas_predikat: str | None
    anggaran: tuple[BarisAnggaranHasil, ...]
    bidang: tuple[BarisBidang, ...]
    jumlah_predikat: dict[str, int]  # label -> number of indicators (scale order)
    temuan: tuple[Finding, ...]  # every finding still open
    input_sha256: dict[str, str]  # input name (pk.xlsx, accepted files) -> SHA-256
    skala: SkalaPredikat
    batas_rata_rata: Decimal | None
    dibuat: dt.datetime | None = None
    tahun_lalu_ada: bool = False  # whether a previous year's workspace/archive is linked
    notes: tuple[str, ...] = field(default_factory=tuple)  # free notes for the Catatan sheet
    # the dinas budget total: the top-level rows summed, each recomputed from its leaves
    anggaran_total: BarisAnggaranHasil | None = None
    sidik_pk: str = ""  # the PK's SHA-256: part of the draft's identity (docs/contract.md §11)
    # how the period's efficiency is measured: "pagu" (annual), "rencana" (a quarter with the
    # DPA plan for every linked leaf row), "" (a quarter without it: no IE, no verdict)
    dasar_efisiensi: str = "pagu"
    # the PK version in force for the periode (docs/contract.md §13): its number, the PK awal
    # target of each indicator whose target it changed, and the revisions up to it
    pk_versi: int = 1
    target_awal: Mapping[str, Indikator] = field(default_factory=dict)
    revisi: tuple[Revisi, ...] = ()
    # the Sekretaris's corrections applied to the periode's data, oldest first (§11)
    koreksi: tuple[Koreksi, ...] = ()
    # the linked previous years, oldest first (docs/contract.md §14), and what could not be
    # followed
    riwayat_tahun: tuple[int, ...] = ()
    riwayat_catatan: tuple[str, ...] = ()
    # each indicator's evidence references, checked against `bukti/` by the service that
    # renders them (docs/contract.md §14); empty when not checked
    bukti: Mapping[str, tuple[BuktiDukung, ...]] = field(default_factory=dict)

    @property
    def bidang_belum(self) -> tuple[BarisBidang, ...]:
        """The bidang whose form for the periode is not (yet) accepted."""
        return tuple(b for b in self.bidang if b.status != "diterima")

    @property
    def sementara(self) -> bool:
        """Partial data (docs/contract.md §12): some bidang have not (validly) submitted, so the
        dinas capaian is provisional."""
        return bool(self.bidang_belum)

    @property
    def sasaran_tanpa_data(self) -> tuple[BarisSasaran, ...]:
        """The sasaran none of whose indicators has a capaian yet: named, never silently left
        out of the dinas average."""
        return tuple(s for s in self.sasaran if s.capaian is None)
