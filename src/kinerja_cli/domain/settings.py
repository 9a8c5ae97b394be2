"""Workspace settings (kinerja.toml, docs/contract.md §9), with the defaults `kinerja init` writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja_cli.domain.capaian import SKALA_DEFAULT, SkalaPredikat
from kinerja_cli.domain.models import Rumus

# SOP steps with their mutu baku in working days (docs/contract.md §1, §9). Key, SOP no., label, days.
LANGKAH_SOP: tuple[tuple[str, int, str, int], ...] = (
    ("koordinasi", 3, "Rapat koordinasi format pengukuran", 1),
    ("pengisian", 4, "Bidang mengisi formulir pengukuran", 7),
    ("pengumpulan", 5, "Pengumpulan formulir", 1),
    ("kompilasi", 6, "Kompilasi pengukuran", 1),
    ("penyusunan", 7, "Penyusunan draf pengukuran dinas", 3),
    ("koreksi", 8, "Koreksi draf oleh Sekretaris", 1),
    ("penandatanganan", 9, "Kepala Dinas menerima dan menandatangani", 1),
    ("pengarsipan", 10, "Pengarsipan", 1),
    ("rapat_evaluasi", 11, "Rapat evaluasi triwulan/semester", 4),
)

FORMAT_LAPORAN = ("html", "docx", "xlsx", "pdf")
# `[bukti] wajib` (docs/contract.md §14): is a Bukti Dukung required, and how strictly
BUKTI_WAJIB = ("mati", "peringatan", "galat")


def default_mulai(tahun: int) -> dict[str, dt.date]:
    """Default SOP start per periode: the first day of the month after the quarter ends."""
    return {
        "TW1": dt.date(tahun, 4, 1),
        "TW2": dt.date(tahun, 7, 1),
        "TW3": dt.date(tahun, 10, 1),
        "TW4": dt.date(tahun + 1, 1, 5),
        "tahunan": dt.date(tahun + 1, 1, 5),
    }


@dataclass(frozen=True)
class Settings:
    """Everything kinerja.toml can set; every field has the docs/contract.md §9 default."""

    tahun: int = 0
    pk: str = "pk.xlsx"
    rumus_turun: Rumus = Rumus.DUA_T_MINUS_R
    batas_rata_rata: Decimal | None = None
    skala: SkalaPredikat = SKALA_DEFAULT
    mulai: dict[str, dt.date] = field(default_factory=dict)
    durasi: dict[str, int] = field(default_factory=lambda: {k: d for k, _, _, d in LANGKAH_SOP})
    kata_sandi: str = ""
    format_laporan: tuple[str, ...] = FORMAT_LAPORAN
    kembalikan_ke: str = "Subbagian Perencanaan dan Pelaporan"
    tahun_lalu: str = ""  # last year's workspace or archive folder (year-over-year)
    bukti_wajib: str = "mati"  # one of BUKTI_WAJIB

    def mulai_periode(self, periode_kode: str) -> dt.date:
        """SOP start date for a periode (configured, else the default for the tahun)."""
        if periode_kode in self.mulai:
            return self.mulai[periode_kode]
        return default_mulai(self.tahun)[periode_kode]
