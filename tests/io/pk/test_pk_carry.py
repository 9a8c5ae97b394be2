"""`kinerja init --dari`: next year's PK names the new year everywhere, keeps its parent pagu
computed, and accepts a pagu typed with Rp (io/pk/carry.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from kinerja_cli.io.pk.carry import carry_over_pk
from kinerja_cli.io.pk.reader import read_pk
from kinerja_cli.io.pk.template import write_pk_template


def _texts(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_the_new_pk_names_the_new_year(example_pk: Path, tmp_path: Path) -> None:
    dest = tmp_path / "pk-2026.xlsx"
    carry_over_pk(example_pk, dest, 2026)
    wb = openpyxl.load_workbook(dest)
    # The example has no Petunjuk: the new PK gets kinerja's, for 2026, as its first sheet.
    assert wb.sheetnames[0] == "Petunjuk"
    assert wb["Petunjuk"]["A1"].value == "PETUNJUK PENGISIAN PERJANJIAN KINERJA (PK) TAHUN 2026"
    assert not [t for t in _texts(wb["Petunjuk"]) if "2025" in t]
    # Title rows above the tables: "PERJANJIAN KINERJA TAHUN 2026", never 2025 any more.
    assert wb["Indikator"]["A1"].value == "PERJANJIAN KINERJA TAHUN 2026"
    for name in ("Indikator", "Anggaran"):
        titles = [c.value for row in wb[name].iter_rows(max_row=3) for c in row if c.value]
        assert not [t for t in titles if "2025" in str(t)], name
    res = read_pk(dest)
    assert res.pk is not None and res.pk.identitas.tahun == 2026
    # Only the sub-kegiatan Pagu must be typed: the program and kegiatan rows stay computed.
    blank = {f.kode for f in res.findings if f.code == "pagu-kosong"}
    parents = {a.kode for a in res.pk.anggaran if res.pk.is_parent(a.kode)}
    assert blank and not blank & parents
    assert blank == {a.kode for a in res.pk.anggaran} - parents
    # Last year's DPA cash plan is not this year's: emptied with the pagu.
    assert all(a.rencana_tw == (None, None, None, None) for a in res.pk.anggaran)


def test_kinerja_petunjuk_rewritten_and_rupiah_no_longer_refused(tmp_path: Path) -> None:
    src = tmp_path / "pk-2025.xlsx"
    write_pk_template(src, 2025)
    wb = openpyxl.load_workbook(src)
    # The Pagu check of an older template: a decimal, stop style, refusing "Rp...".
    from openpyxl.worksheet.datavalidation import DataValidation

    old = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    old.add("D2:D1000")
    wb["Anggaran"].add_data_validation(old)
    wb["Petunjuk"]["B3"].value = "teks lama 2025"
    wb.save(src)
    dest = tmp_path / "pk-2026.xlsx"
    carry_over_pk(src, dest, 2026)
    wb = openpyxl.load_workbook(dest)
    assert wb.sheetnames.count("Petunjuk") == 1 and wb.sheetnames[0] == "Petunjuk"
    assert "teks lama 2025" not in _texts(wb["Petunjuk"])  # written afresh
    assert wb["Petunjuk"]["A1"].value.endswith("TAHUN 2026")
    dvs = wb["Anggaran"].data_validations.dataValidation
    assert not [dv for dv in dvs if dv.type in ("decimal", "whole")]
    pagu = [dv for dv in dvs if "D2:D" in str(dv.sqref)]
    assert pagu and pagu[0].type is None and "Rp1.250.000.000,00" in pagu[0].prompt


def test_an_agency_petunjuk_keeps_its_text(example_pk: Path, tmp_path: Path) -> None:
    src = tmp_path / "pk.xlsx"
    wb = openpyxl.load_workbook(example_pk)
    ws = wb.create_sheet("Petunjuk", 0)
    ws["A1"] = "Cara mengisi PK Dinas tahun 2025"
    ws["A2"] = "Dasar: surat nomor 800/20251/PP"  # a number that merely contains 2025
    wb.save(src)
    dest = tmp_path / "pk-2026.xlsx"
    carry_over_pk(src, dest, 2026)
    ws = openpyxl.load_workbook(dest)["Petunjuk"]
    assert ws["A1"].value == "Cara mengisi PK Dinas tahun 2026"
    assert ws["A2"].value == "Dasar: surat nomor 800/20251/PP"
