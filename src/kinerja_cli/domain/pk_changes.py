"""What differs between two PKs, cell by cell (docs/contract.md §13).

Used by `kinerja revisi-pk` (print every difference from the PK in force), by the guard that
stops an undeclared edit of `pk.xlsx` once forms were issued, by `check-pk`, and by
`kinerja diff` of two PK files. A change is *substantive* when it changes what a form shows or
how capaian is measured: targets, pagu, codes (rows added or removed), indicator and budget
texts, satuan, arah, sifat, rumus, sasaran, the bidang a row belongs to, and the agency and year
the forms are made for. The officials' names, the bidang names and the definitions are not:
`pk.xlsx` may be corrected there at any time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kinerja_cli.domain.models import PK, BarisAnggaran, Indikator
from kinerja_cli.domain.numbers import format_rupiah
from kinerja_cli.domain.periode import romawi

INDIKATOR, ANGGARAN, BIDANG, IDENTITAS = "Indikator", "Anggaran", "Bidang", "Identitas"
BARIS = "baris"  # kolom of a row added or removed


@dataclass(frozen=True)
class PKChange:
    """One difference: which row (sheet, kode) and column, old and new as display text."""

    sheet: str  # Indikator | Anggaran | Bidang | Identitas
    kode: str
    kolom: str  # the PK column ("Target", "Target TW III", "Pagu", ...) or "baris"
    lama: str  # "" when the row was added
    baru: str  # "" when the row was removed
    cell: str | None  # in the newer PK (the older one for a removed row)
    bidang: str  # the bidang whose form shows the row ("" for the whole PK)
    substantive: bool = True

    @property
    def where(self) -> str:
        """`Indikator!G7` (or `Indikator baris IK.3` when the cell is not known)."""
        return f"{self.sheet}!{self.cell}" if self.cell else f"{self.sheet} {self.kode}".strip()

    def line(self) -> str:
        """One line for a console listing, in Bahasa Indonesia."""
        what = f"{self.kode} " if self.kode else ""
        if self.kolom == BARIS:
            change = "baris baru" if not self.lama else "baris dihapus"
            return f"{self.where}: {what}{change} ({self.baru or self.lama})"
        return f"{self.where}: {what}{self.kolom} {_show(self.lama)} → {_show(self.baru)}"

    def to_json(self) -> dict[str, object]:
        """The JSON form (`revisi-pk --json`, `diff --json`)."""
        return {
            "sheet": self.sheet,
            "cell": self.cell,
            "kode": self.kode,
            "kolom": self.kolom,
            "lama": self.lama,
            "baru": self.baru,
            "bidang": self.bidang,
            "substantif": self.substantive,
        }


def label_of(row: Indikator | BarisAnggaran) -> str:
    """The row's text: the indicator's name or the budget row's uraian."""
    return row.nama if isinstance(row, Indikator) else row.uraian


def _show(text: str) -> str:
    return f'"{text}"' if text else "(kosong)"


def _indikator_fields(pk: PK, i: Indikator) -> dict[str, tuple[str, bool]]:
    sasaran = pk.sasaran_by_kode(i.sasaran)
    fields = {
        "Sasaran": (sasaran.nama if sasaran else i.sasaran, True),
        "Indikator Kinerja": (i.nama, True),
        "Satuan": (i.satuan, True),
        "Arah": (i.arah.value, True),
        "Sifat": (i.sifat.value, True),
        "Rumus": (i.rumus.value, True),
        "Target": (i.target_teks, True),
    }
    for k in range(1, 5):
        fields[f"Target TW {romawi(k)}"] = (i.target_tw_teks[k - 1], True)
    fields["Bidang"] = (i.bidang, True)
    fields["Definisi Operasional"] = (i.definisi, False)
    # docs/contract.md §14: the component names change the form; the Renstra figures only the
    # Renstra comparison, so they may be corrected at any time
    fields["Pembilang"], fields["Penyebut"] = (i.pembilang, True), (i.penyebut, True)
    fields["Target Renstra"] = (i.target_renstra_teks, False)
    lalu = i.realisasi_renstra_lalu
    fields["Realisasi Renstra s/d Tahun Lalu"] = ("" if lalu is None else str(lalu), False)
    return fields


def _anggaran_fields(pk: PK, a: BarisAnggaran) -> dict[str, tuple[str, bool]]:
    sasaran = pk.sasaran_by_kode(a.sasaran) if a.sasaran else None
    fields = {
        "Uraian": (a.uraian, True),
        "Pagu": (format_rupiah(a.pagu), True),
        "Bidang": (a.bidang, True),
        "Sasaran": (sasaran.nama if sasaran else (a.sasaran or ""), True),
    }
    for k, rencana in enumerate(a.rencana_tw, start=1):  # the DPA plan (efficiency)
        fields[f"Rencana TW {romawi(k)}"] = (
            "" if rencana is None else format_rupiah(rencana),
            True,
        )
    for kolom, nilai in (
        ("Pagu Renstra", a.pagu_renstra),
        ("Realisasi Renstra s/d Tahun Lalu", a.realisasi_renstra_lalu),
    ):  # docs/contract.md §14: not substantive (no form shows them)
        fields[kolom] = ("" if nilai is None else format_rupiah(nilai), False)
    return fields


Row = Indikator | BarisAnggaran
Fields = Callable[[PK, Any], dict[str, tuple[str, bool]]]  # kolom -> (text, substantive)


def _rows(
    old: PK,
    new: PK,
    sheet: str,
    rows_old: Mapping[str, Row],
    rows_new: Mapping[str, Row],
    fields: Fields,
) -> list[PKChange]:
    out: list[PKChange] = []
    for kode in dict.fromkeys([*rows_new, *rows_old]):
        a, b = rows_old.get(kode), rows_new.get(kode)
        if a is None or b is None:
            row = b if b is not None else a
            assert row is not None
            pk = new if b is not None else old
            label = label_of(row)
            out.append(
                PKChange(
                    sheet,
                    kode,
                    BARIS,
                    "" if a is None else label,
                    "" if b is None else label,
                    pk.cell(sheet, "Kode", row.baris),
                    row.bidang,
                )
            )
            continue
        fa, fb = fields(old, a), fields(new, b)
        for kolom, (text_b, substantive) in fb.items():
            text_a = fa[kolom][0]
            if text_a == text_b:
                continue
            cell = new.cell(sheet, kolom, b.baris)
            out.append(PKChange(sheet, kode, kolom, text_a, text_b, cell, b.bidang, substantive))
            if kolom == "Bidang":  # the row leaves the old owner's form too
                out.append(PKChange(sheet, kode, BARIS, label_of(a), "", None, a.bidang))
    return out


def pk_changes(old: PK, new: PK) -> list[PKChange]:
    """Every difference from `old` to `new`: identity, bidang, indicators, budget rows."""
    out: list[PKChange] = []
    ia, ib = old.identitas, new.identitas
    for label, attr, substantive in (
        ("Pemerintah Daerah", "pemda", True),
        ("Perangkat Daerah", "perangkat_daerah", True),
        ("Tahun", "tahun", True),
        ("Kepala Perangkat Daerah", "kepala", False),
        ("NIP Kepala", "nip_kepala", False),
        ("Jabatan Kepala", "jabatan_kepala", False),
        ("Kepala Daerah", "kepala_daerah", False),
        ("Periode Renstra", "periode_renstra", False),
    ):
        a, b = str(getattr(ia, attr) or ""), str(getattr(ib, attr) or "")
        if a != b:
            out.append(PKChange(IDENTITAS, "", label, a, b, None, "", substantive))
    ba = {b.kode: b for b in old.bidang}
    bb = {b.kode: b for b in new.bidang}
    for kode in dict.fromkeys([*bb, *ba]):
        a_, b_ = ba.get(kode), bb.get(kode)
        if a_ is None or b_ is None:
            row = b_ or a_
            assert row is not None
            out.append(
                PKChange(
                    BIDANG,
                    kode,
                    BARIS,
                    "" if a_ is None else row.nama,
                    "" if b_ is None else row.nama,
                    None,
                    kode,
                    True,
                )
            )
        elif a_.nama != b_.nama:
            out.append(PKChange(BIDANG, kode, "Nama", a_.nama, b_.nama, None, kode, False))
    out += _rows(
        old,
        new,
        INDIKATOR,
        {i.kode: i for i in old.indikator},
        {i.kode: i for i in new.indikator},
        _indikator_fields,
    )
    out += _rows(
        old,
        new,
        ANGGARAN,
        {a.kode: a for a in old.anggaran},
        {a.kode: a for a in new.anggaran},
        _anggaran_fields,
    )
    return out


def substantive(changes: list[PKChange]) -> list[PKChange]:
    """The changes that alter a form or a measurement."""
    return [c for c in changes if c.substantive]


def bidang_changed(changes: list[PKChange]) -> set[str]:
    """The bidang whose form the changes alter ("" entries alter every form)."""
    return {c.bidang for c in changes if c.substantive}
