"""The PK (Perjanjian Kinerja) and submission data, as plain frozen values.

Targets come only from the PK (docs/contract.md §1: "measurement follows the targets of the PK").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property


class Arah(StrEnum):
    """Polarity of an indicator (docs/contract.md §4)."""

    NAIK = "naik"
    TURUN = "turun"
    RENTANG = "rentang"
    BINER = "biner"


class Sifat(StrEnum):
    """kumulatif: quarterly values add up; status: a level at the end of each quarter."""

    KUMULATIF = "kumulatif"
    STATUS = "status"


class Rumus(StrEnum):
    """Formula for `turun` indicators (docs/rulebook.md §3.1)."""

    DUA_T_MINUS_R = "2T-R"
    T_PER_R = "T/R"


@dataclass(frozen=True)
class Rentang:
    """A range target `a-b` (both inclusive)."""

    bawah: Decimal
    atas: Decimal

    def __str__(self) -> str:
        return f"{_plain(self.bawah)}-{_plain(self.atas)}"


# A target: a number (naik/turun), a range (rentang) or yes/no (biner, True = Ada/Ya).
TargetValue = Decimal | Rentang | bool
# A realisation: a number, or yes/no for biner.
Nilai = Decimal | bool


def _plain(d: Decimal) -> str:
    s = format(d, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


@dataclass(frozen=True)
class Identitas:
    """Sheet `Identitas` of the PK."""

    pemda: str = ""
    perangkat_daerah: str = ""
    singkatan: str = ""
    alamat: str = ""
    tahun: int = 0
    tempat: str = ""
    kepala: str = ""
    nip_kepala: str = ""
    pangkat_kepala: str = ""
    jabatan_kepala: str = ""
    kepala_daerah: str = ""
    jabatan_kepala_daerah: str = ""
    periode_renstra: str = ""  # e.g. "2021-2026" (docs/contract.md §14), "" when not given


@dataclass(frozen=True)
class Bidang:
    """A unit that fills a form (Sekretariat, a Subbagian, a Bidang)."""

    kode: str
    nama: str
    kepala: str = ""
    nip: str = ""
    jabatan: str = ""


@dataclass(frozen=True)
class Sasaran:
    """A sasaran strategis; `kode` is S1, S2, ... unless the PK gives one."""

    kode: str
    nama: str


@dataclass(frozen=True)
class Indikator:
    """One PK indicator row."""

    kode: str
    sasaran: str  # sasaran kode
    nama: str
    satuan: str
    arah: Arah
    sifat: Sifat
    rumus: Rumus
    target: TargetValue
    target_teks: str
    target_tw: tuple[TargetValue | None, TargetValue | None, TargetValue | None, TargetValue | None]
    target_tw_teks: tuple[str, str, str, str]
    bidang: str
    definisi: str = ""
    baris: int = 0  # row in the PK sheet, for messages
    # docs/contract.md §14, all optional: the Renstra's end-of-period target (parsed like
    # Target) and its realisation s/d last year; the names of a component indicator's two
    # quantities (measured as Pembilang ÷ Penyebut × 100).
    target_renstra: TargetValue | None = None
    target_renstra_teks: str = ""
    realisasi_renstra_lalu: Nilai | None = None
    pembilang: str = ""
    penyebut: str = ""

    @property
    def komponen(self) -> bool:
        """True for a component indicator: Pembilang and Penyebut named, Satuan %, not biner
        (docs/contract.md §14)."""
        return bool(self.pembilang and self.penyebut) and self.is_persen and self.numerik

    @property
    def is_persen(self) -> bool:
        """True when the satuan is a percentage."""
        return self.satuan.strip() == "%"

    @property
    def numerik(self) -> bool:
        """True unless the indicator is biner."""
        return self.arah != Arah.BINER


@dataclass(frozen=True)
class BarisAnggaran:
    """One row of the PK `Anggaran` sheet (program, kegiatan or sub-kegiatan)."""

    kode: str
    uraian: str
    bidang: str
    pagu: Decimal
    sasaran: str | None = None  # sasaran kode, for the efficiency analysis
    baris: int = 0
    # The DPA's cumulative disbursement plan (anggaran kas) s/d TW I..IV, when the PK carries
    # `Rencana TW I` … `Rencana TW IV` (docs/contract.md §14); None where not given.
    rencana_tw: tuple[Decimal | None, ...] = (None, None, None, None)
    # The Renstra's pagu for its whole period and its realisation s/d last year (docs/contract.md
    # §14); None where not given.
    pagu_renstra: Decimal | None = None
    realisasi_renstra_lalu: Decimal | None = None


@dataclass(frozen=True)
class PK:
    """The whole Perjanjian Kinerja."""

    identitas: Identitas
    bidang: tuple[Bidang, ...]
    sasaran: tuple[Sasaran, ...]
    indikator: tuple[Indikator, ...]
    anggaran: tuple[BarisAnggaran, ...] = ()
    sha256: str = ""  # of the PK file's bytes
    # sheet ("Indikator", "Anggaran") -> header -> column number, as found in the file: where a
    # row's value sits, for messages that name a PK cell (a revision's changed cells)
    kolom: Mapping[str, Mapping[str, int]] = field(default_factory=dict, compare=False)

    def bidang_by_kode(self, kode: str) -> Bidang | None:
        """The Bidang with this kode, or None."""
        return next((b for b in self.bidang if b.kode == kode), None)

    def sasaran_by_kode(self, kode: str) -> Sasaran | None:
        """The Sasaran with this kode, or None."""
        return next((s for s in self.sasaran if s.kode == kode), None)

    # A regency PK has 10,000 indicators and every returned form asks these questions, so
    # the answers are indexed once per PK (cached_property writes past the frozen __setattr__;
    # equality and hashing still look at the fields only).

    @cached_property
    def _indikator_by_bidang(self) -> dict[str, tuple[Indikator, ...]]:
        out: dict[str, list[Indikator]] = {}
        for i in self.indikator:
            out.setdefault(i.bidang, []).append(i)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _anggaran_by_bidang(self) -> dict[str, tuple[BarisAnggaran, ...]]:
        out: dict[str, list[BarisAnggaran]] = {}
        for a in self.anggaran:
            out.setdefault(a.bidang, []).append(a)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _parents(self) -> frozenset[str]:
        """Every code that is a dotted prefix of some budget row's code."""
        return frozenset(
            a.kode[:n] for a in self.anggaran for n, ch in enumerate(a.kode) if ch == "."
        )

    def indikator_of(self, bidang: str) -> tuple[Indikator, ...]:
        """The indicators a bidang reports, in PK order."""
        return self._indikator_by_bidang.get(bidang, ())

    def anggaran_of(self, bidang: str) -> tuple[BarisAnggaran, ...]:
        """The budget rows of a bidang, in PK order."""
        return self._anggaran_by_bidang.get(bidang, ())

    def is_parent(self, kode: str) -> bool:
        """A budget row whose code is a prefix of another row's code is a parent (docs/contract.md §4)."""
        return kode in self._parents

    def bidang_with_rows(self) -> tuple[Bidang, ...]:
        """Bidang that own an indikator or anggaran row (they get a form)."""
        owners = {i.bidang for i in self.indikator} | {a.bidang for a in self.anggaran}
        return tuple(b for b in self.bidang if b.kode in owners)

    def cell(self, sheet: str, header: str, baris: int) -> str | None:
        """The PK cell of a row's value (`G7`), or None when the column is not known."""
        c = self.kolom.get(sheet, {}).get(header)
        if not c or not baris:
            return None
        letters = ""
        while c:
            c, rem = divmod(c - 1, 26)
            letters = chr(65 + rem) + letters
        return f"{letters}{baris}"

    def fingerprint(self, bidang: str) -> str:
        """SHA-256 (16 hex) of the PK rows a bidang's form is built from."""
        known: dict[str, str] = self.__dict__.setdefault("_fingerprints", {})
        if bidang not in known:
            known[bidang] = self._fingerprint(bidang)
        return known[bidang]

    def _fingerprint(self, bidang: str) -> str:
        rows = {
            "identitas": [
                self.identitas.pemda,
                self.identitas.perangkat_daerah,
                self.identitas.tahun,
            ],
            "indikator": [
                [
                    i.kode,
                    i.sasaran,
                    i.nama,
                    i.satuan,
                    i.arah.value,
                    i.sifat.value,
                    i.rumus.value,
                    i.target_teks,
                    list(i.target_tw_teks),
                    # only for component indicators, so other forms keep their fingerprint
                    *([i.pembilang, i.penyebut] if i.komponen else []),
                ]
                for i in self.indikator_of(bidang)
            ],
            "anggaran": [[a.kode, a.uraian, str(a.pagu)] for a in self.anggaran_of(bidang)],
        }
        data = json.dumps(rows, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class Narasi:
    """The four narrative columns of a form row."""

    pendorong: str = ""
    penghambat: str = ""
    tindak_lanjut: str = ""
    bukti: str = ""


@dataclass
class DataBidang:
    """Accepted values of one bidang for one periode (what compile reads from the store)."""

    bidang: str
    # indicator kode -> realisation per quarter (index 0 = TW I); None where blank
    realisasi: dict[str, list[Nilai | None]] = field(default_factory=dict)
    narasi: dict[str, Narasi] = field(default_factory=dict)
    # budget leaf kode -> realisation per quarter (Rp)
    anggaran: dict[str, list[Decimal | None]] = field(default_factory=dict)
    # component indicator kode -> Pembilang / Penyebut per quarter (docs/contract.md §14)
    pembilang: dict[str, list[Decimal | None]] = field(default_factory=dict)
    penyebut: dict[str, list[Decimal | None]] = field(default_factory=dict)
    sha256: str = ""
    file: str = ""
    diterima: str = ""  # ISO time the winning file was first seen
    # (realisasi|anggaran, kode, triwulan) -> what an input cell held that could not be read as
    # a value (`-`, `n/a`, `98.5x`): for `kinerja diff`; never stored
    tidak_terbaca: dict[tuple[str, str, int], str] = field(default_factory=dict)
