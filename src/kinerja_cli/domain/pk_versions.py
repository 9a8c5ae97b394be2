"""The versions of a year's PK and which one is in force for a periode (docs/contract.md §13).

Version 1 is the PK the first forms were issued from; `kinerja revisi-pk FILE --triwulan K`
adds version N+1, in force from TW K. A TW periode is measured against the latest version in
force from that triwulan or earlier; `tahunan` against the last version (the annual
measurement follows the PK as it stands at the end of the year).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinerja_cli.domain.models import PK, Indikator
from kinerja_cli.domain.periode import Periode, romawi
from kinerja_cli.domain.tanggal import tanggal_id


def keterangan(versi: int, dari_tw: int, tanggal: str, alasan: str) -> str:
    """`PK Perubahan berlaku sejak Triwulan III, dicatat 4 Agustus 2025: <alasan>` (or `PK awal`
    for version 1), for messages, the draft and the reports."""
    if versi <= 1:
        return "PK awal"
    hari = tanggal_id(dt.date.fromisoformat(tanggal)) if tanggal else ""
    dicatat = f", dicatat {hari}" if hari else ""
    sebab = f": {alasan}" if alasan else ""
    return f"PK Perubahan berlaku sejak Triwulan {romawi(dari_tw)}{dicatat}{sebab}"


@dataclass(frozen=True)
class PKVersion:
    """One recorded version: its number, from which triwulan it is in force, and why."""

    versi: int
    dari_tw: int  # 1..4
    pk: PK
    tanggal: str = ""  # ISO date it was recorded
    alasan: str = ""
    file: str = ""  # the file name it was recorded from

    @property
    def keterangan(self) -> str:
        """What the version is, in words (`keterangan`)."""
        return keterangan(self.versi, self.dari_tw, self.tanggal, self.alasan)

    def in_force_for(self, periode: Periode) -> bool:
        """Whether this version's targets apply from the periode's triwulan (tahunan: TW IV)."""
        return self.dari_tw <= periode.triwulan


@dataclass(frozen=True)
class PKVersions:
    """Every version, oldest first (never empty)."""

    versions: tuple[PKVersion, ...]

    def __post_init__(self) -> None:
        if not self.versions:
            raise ValueError("PKVersions needs at least one version")

    @classmethod
    def single(cls, pk: PK) -> PKVersions:
        """A PK never revised: version 1, in force all year."""
        return cls((PKVersion(1, 1, pk),))

    @property
    def first(self) -> PKVersion:
        """Version 1 (the PK awal)."""
        return self.versions[0]

    @property
    def latest(self) -> PKVersion:
        """The last version (what `pk.xlsx` holds)."""
        return self.versions[-1]

    @property
    def revised(self) -> bool:
        """True once the PK has been revised at least once."""
        return len(self.versions) > 1

    def in_force(self, periode: Periode) -> PKVersion:
        """The version a periode is measured against."""
        if periode.tahunan:
            return self.latest
        found = self.first
        for v in self.versions:
            if v.in_force_for(periode):
                found = v
        return found

    def by_fingerprint(self, bidang: str, sidik: str) -> PKVersion | None:
        """The latest version a bidang's form with this PK fingerprint was built from."""
        for v in reversed(self.versions):
            if v.pk.fingerprint(bidang) == sidik:
                return v
        return None

    def revisions_upto(self, versi: int) -> tuple[PKVersion, ...]:
        """The revisions (versions after the first) up to and including `versi`."""
        return tuple(v for v in self.versions[1:] if v.versi <= versi)


def target_awal(versions: PKVersions, versi: PKVersion) -> dict[str, Indikator]:
    """Indicator kode -> its row in the PK awal (version 1), for each indicator whose annual
    target the version in force changed (empty for version 1)."""
    if versi.versi == versions.first.versi:
        return {}
    before = {i.kode: i for i in versions.first.pk.indikator}
    return {
        i.kode: before[i.kode]
        for i in versi.pk.indikator
        if i.kode in before and before[i.kode].target_teks != i.target_teks
    }
