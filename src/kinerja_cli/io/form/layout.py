"""The form, declared once as data: the writer (init-form) and the reader (collect) both use it.

docs/contract.md §5 fixes the sheets and the exact header cells.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from kinerja_cli.domain.periode import Periode, romawi

PETUNJUK = "Petunjuk"
KINERJA = "Kinerja"
ANGGARAN = "Anggaran"
IDENTITAS = "_kinerja"  # very hidden identity sheet
DEFINED_NAME = "KINERJA_FORM_ID"
DOC_PROPERTY = "kinerja_form_id"

HEADER_ROW = 6  # rows 1-4: agency, title, bidang, deadline
FIRST_ROW = 7

Kind = Literal["locked", "input", "narasi"]

# Narrative columns: header -> Narasi field.
NARASI = {
    "Faktor Pendorong": "pendorong",
    "Faktor Penghambat": "penghambat",
    "Tindak Lanjut": "tindak_lanjut",
    "Bukti Dukung": "bukti",
}
NARASI_MAX = 2000  # docs/contract.md §5 warning threshold; longer text is cut in the report

# The Kepala Bidang's signature block below the Kinerja table: TTD_GAP blank rows after the
# last indicator, then TTD_ROWS rows (place and date, jabatan, the space to sign, name, NIP)
# under the last TTD_SPAN columns. Its cells are locked text of the form, so the reader does
# not take them for content outside the form area (io/form/structure.py).
TTD_GAP = 1
TTD_ROWS = 5
TTD_SPAN = 3


def ttd_area(last_row: int, ncols: int) -> tuple[range, range]:
    """(rows, columns) of the signature block below a table whose last row is `last_row`."""
    first = last_row + TTD_GAP + 1
    return range(first, first + TTD_ROWS), range(max(ncols - TTD_SPAN + 1, 1), ncols + 1)


IDENTITY_KEYS = (
    "form_id",
    "versi_alat",
    "pemda",
    "perangkat_daerah",
    "bidang",
    "nama_bidang",
    "tahun",
    "periode",
    "sidik_pk",
    "jumlah_indikator",
    "jumlah_anggaran",
)


@dataclass(frozen=True)
class Column:
    """One column of a form sheet."""

    header: str
    kind: Kind
    width: float
    field: str  # what the column holds: kode, nama, target, target_tw, realisasi, narasi...
    tw: int | None = None  # quarter for target_tw/realisasi columns


def realisasi_header(k: int) -> str:
    """`Realisasi TW II`."""
    return f"Realisasi TW {romawi(k)}"


def target_tw_header(k: int) -> str:
    """`Target TW II`."""
    return f"Target TW {romawi(k)}"


def pembilang_header(k: int) -> str:
    """`Pembilang TW II` (docs/contract.md §14)."""
    return f"Pembilang TW {romawi(k)}"


def penyebut_header(k: int) -> str:
    """`Penyebut TW II` (docs/contract.md §14)."""
    return f"Penyebut TW {romawi(k)}"


def kinerja_columns(periode: Periode, komponen: bool = False) -> tuple[Column, ...]:
    """Columns of sheet Kinerja in order (docs/contract.md §5); with `komponen` (the form has a
    component indicator, docs/contract.md §14) a Pembilang and a Penyebut column per quarter
    follow the Realisasi columns."""
    cols = [
        Column("No", "locked", 5, "no"),
        Column("Kode", "locked", 9, "kode"),
        Column("Sasaran", "locked", 24, "sasaran"),
        Column("Indikator Kinerja", "locked", 34, "nama"),
        Column("Satuan", "locked", 10, "satuan"),
        Column("Arah", "locked", 9, "arah"),
        Column("Target", "locked", 11, "target"),
    ]
    cols += [Column(target_tw_header(k), "locked", 11, "target_tw", k) for k in periode.quarters]
    cols += [Column(realisasi_header(k), "input", 13, "realisasi", k) for k in periode.quarters]
    if komponen:
        for k in periode.quarters:
            cols += [
                Column(pembilang_header(k), "input", 12, "pembilang", k),
                Column(penyebut_header(k), "input", 12, "penyebut", k),
            ]
    cols += [Column(h, "narasi", 22, f) for h, f in NARASI.items()]
    return tuple(cols)


def anggaran_columns(periode: Periode) -> tuple[Column, ...]:
    """Columns of sheet Anggaran in order (docs/contract.md §5)."""
    cols = [
        Column("Kode", "locked", 22, "kode"),
        Column("Uraian", "locked", 50, "uraian"),
        Column("Pagu", "locked", 18, "pagu"),
    ]
    cols += [Column(realisasi_header(k), "input", 18, "realisasi", k) for k in periode.quarters]
    return tuple(cols)


def form_id(
    pemda: str, perangkat: str, tahun: int, periode: Periode, bidang: str, sidik: str
) -> str:
    """Deterministic form id: the same PK rows and periode always give the same id."""
    basis = f"{pemda}|{perangkat}|{tahun}|{periode.kode}|{bidang}|{sidik}"
    return f"{tahun}-{periode.kode}-{bidang}-{hashlib.sha256(basis.encode()).hexdigest()[:10]}"


_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def slug(text: str) -> str:
    """ASCII file-name slug: `Bina Marga` -> `Bina-Marga` (docs/reliability.md B3)."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-.")
    if s.upper() in _RESERVED:
        s += "-"
    return s[:60] or "bidang"


def form_filename(tahun: int, periode: Periode, kode: str, nama: str) -> str:
    """`2025-TW2-BM-Bina-Marga.xlsx`."""
    nama = re.sub(r"^(bidang)\s+", "", nama.strip(), flags=re.IGNORECASE)
    per = "Tahunan" if periode.tahunan else periode.kode
    return f"{tahun}-{per}-{slug(kode)}-{slug(nama)}.xlsx"
