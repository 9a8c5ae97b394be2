"""Evaluasi Renja columns (5), (6), (13), (14) and the compile --json keys of docs/contract.md §14,
every figure worked out by hand from tests/support/renstrakit.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from kinerja_cli.domain.kompilasi import kompilasi
from kinerja_cli.domain.models import PK
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.domain.settings import Settings
from kinerja_cli.io.draft import to_json, write_draft
from kinerja_cli.io.draft.renja import K5, K6, K12, K13, K14
from kinerja_cli.io.pk.reader import read_pk
from support.renstrakit import data_tw2, make_renstra_pk

TW2 = Periode(2)


@pytest.fixture(scope="module")
def pk(tmp_path_factory: pytest.TempPathFactory) -> PK:
    res = read_pk(make_renstra_pk(tmp_path_factory.mktemp("pk") / "pk.xlsx"))
    assert res.ok and res.pk is not None, res.findings
    return res.pk


@pytest.fixture(scope="module")
def k(pk: PK) -> Kompilasi:
    return kompilasi(
        pk, Settings(tahun=2025), TW2, data_tw2(pk), {}, [], {}, dibuat=dt.datetime(2025, 7, 10)
    )


@pytest.fixture(scope="module")
def renja(k: Kompilasi, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("draf") / "draf.xlsx"
    write_draft(k, path)
    return openpyxl.load_workbook(path)["Evaluasi Renja"]


def _row(ws: Any, col: int, starts: str) -> int:
    return next(
        r for r in range(1, ws.max_row + 1) if str(ws.cell(r, col).value or "").startswith(starts)
    )


# (nama in column 4) -> (5) K, (6) K, (12) K, (13) K, (14) K, worked out by hand
INDIKATOR = {
    # % status from Pembilang/Penyebut: (12) = 250/400 = 62,5; a level, so (13) = (12);
    # (14) = 62,5 / 70 = 89,29
    "Persentase jalan mantap": (70, 60, 62.5, 62.5, 89.29),
    # km kumulatif: (12) = 3 + 5 = 8; (13) = 41,5 + 8 = 49,5; (14) = 49,5 / 60 = 82,5
    "Panjang jalan ditingkatkan": (60, 41.5, 8, 49.5, 82.5),
    # % turun status: (13) = 31; (14) = (2 x 25 - 31) / 25 = 76
    "Persentase jalan rusak": (25, 34, 31, 31, 76),
    # rentang: 7,3 inside 6,5-8,5
    "Kualitas air (pH)": ("6.5-8.5", 7, 7.3, 7.3, 100),  # as the Target column shows it
    # biner: the latest answer
    "Tersedianya dokumen RISPAM": ("Ada", "Tidak Ada", "Ada", "Ada", 100),
}


@pytest.mark.parametrize("nama", list(INDIKATOR))
def test_indicator_renstra_columns(renja: Any, nama: str) -> None:
    r = _row(renja, 4, nama)
    got = tuple(renja.cell(r, c).value for c in (K5, K6, K12, K13, K14))
    assert got == INDIKATOR[nama]


def test_indicator_without_renstra_stays_blank_and_grey(renja: Any) -> None:
    r = _row(renja, 4, "Waktu layanan PBG")
    cells = [renja.cell(r, c) for c in (K5, K6, K13, K14)]
    assert all(c.value is None for c in cells)
    assert {c.fill.fgColor.rgb for c in cells} != {"00000000"}  # shaded: no Renstra data


def test_budget_renstra_columns(renja: Any) -> None:
    # the road programme: planned at programme level; (12) = 100 + 200 + 50 + 50 = 400 juta
    r = _row(renja, 3, "1.03.10 ")
    got = [renja.cell(r, c + 1).value for c in (K5, K6, K12, K13, K14)]
    assert got == [8_000_000_000, 5_000_000_000, 400_000_000, 5_400_000_000, 67.5]
    r = _row(renja, 3, "1.03.03.2.01.0001 ")
    got = [renja.cell(r, c + 1).value for c in (K5, K6, K12, K13, K14)]
    assert got == [4_000_000_000, 2_500_000_000, 250_000_000, 2_750_000_000, 68.75]
    # the total: 12 M planned, 7,5 M s/d last year + 650 juta = 8,15 M, 67,92 %
    r = _row(renja, 1, "Jumlah anggaran")
    got = [renja.cell(r, c + 1).value for c in (K5, K6, K12, K13, K14)]
    assert got == [12_000_000_000, 7_500_000_000, 650_000_000, 8_150_000_000, 67.92]


def test_headers_name_the_renstra_end_year_and_the_note_the_formulas(renja: Any) -> None:
    texts = [str(c.value) for row in renja.iter_rows() for c in row if c.value]
    assert any("pada Tahun 2026 (Akhir Periode Renstra PD)" in t for t in texts)
    note = next(t for t in texts if t.startswith("Catatan:"))
    assert "(13) = (6) + (12)" in note and "tidak ada di Perjanjian Kinerja" not in note


def test_names_are_never_doubled(pk: PK, tmp_path: Path) -> None:
    import dataclasses

    idn = dataclasses.replace(
        pk.identitas,
        pemda="Pemerintah Kabupaten Contoh",
        perangkat_daerah="Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Contoh",
        jabatan_kepala="Plt. Kepala Dinas",
    )
    k2 = kompilasi(
        dataclasses.replace(pk, identitas=idn), Settings(tahun=2025), TW2, {}, {}, [], {}
    )
    write_draft(k2, tmp_path / "d.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "d.xlsx")["Evaluasi Renja"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN CONTOH" in texts
    assert (
        "RENJA PERANGKAT DAERAH DINAS PEKERJAAN UMUM DAN PENATAAN RUANG KABUPATEN CONTOH" in texts
    )
    assert "Plt. KEPALA DINAS PEKERJAAN UMUM DAN PENATAAN RUANG KABUPATEN CONTOH" in texts
    assert "KEPALA BAPPEDA KABUPATEN CONTOH" in texts
    assert not any("PEMERINTAH KABUPATEN CONTOH" in t or "CONTOH KABUPATEN" in t for t in texts)


def test_compile_json_renstra_and_component_keys(k: Kompilasi) -> None:
    doc = to_json(k)
    by = {i["kode"]: i for i in doc["indikator"]}
    ik01 = by["IK.01"]
    assert (ik01["target_renstra"], ik01["realisasi_renstra"], ik01["capaian_renstra"]) == (
        70,
        62.5,
        89.29,
    )
    assert (ik01["pembilang"], ik01["penyebut"]) == (250, 400)  # status: the latest quarter
    assert ik01["realisasi"] == 62.5 and ik01["realisasi_tw"] == [60, 62.5]
    assert list(ik01)[:15] == [
        "kode",
        "bidang",
        "sasaran",
        "satuan",
        "arah",
        "sifat",
        "target",
        "target_triwulan",
        "realisasi",
        "capaian",
        "capaian_triwulan",
        "predikat",
        "status",
        "nama",
        "realisasi_tw",
    ]  # the contract's keys first, unchanged; the new ones appended
    assert by["IK.04"]["target_renstra"] == "6.5-8.5" and by["IK.05"]["realisasi_renstra"] == "Ada"
    assert by["IK.06"]["target_renstra"] is None and by["IK.06"]["capaian_renstra"] is None
    assert "pembilang" not in by["IK.02"]
    ang = {a["kode"]: a for a in doc["anggaran"]}
    assert (ang["1.03.10"]["realisasi_renstra"], ang["1.03.10"]["capaian_renstra"]) == (
        5_400_000_000,
        67.5,
    )
    assert doc["riwayat"] == {"tahun": [], "catatan": []}
