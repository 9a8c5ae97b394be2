"""What the draft's sheets say beyond the figures: partial data (docs/contract.md §12), the
Sekretaris's corrections (§11), the agency named once (§16), efficiency against the DPA plan
or none at all (§14)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from kinerja_cli.domain.kompilasi import kompilasi
from kinerja_cli.domain.models import PK
from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.domain.results import Kompilasi, Koreksi
from kinerja_cli.domain.rounding import bulat
from kinerja_cli.domain.settings import Settings
from kinerja_cli.io.draft.writer import SHEETS
from support.fakedata import example_data

TW2 = Periode(2)


@pytest.fixture(scope="module")
def pk() -> PK:
    from kinerja_cli.io.pk.reader import read_pk
    from support.paths import EXAMPLE_PK

    res = read_pk(EXAMPLE_PK)
    assert res.pk is not None
    return res.pk


def _k(pk: PK, periode: Periode = TW2, kecuali: tuple[str, ...] = ("SDA",)) -> Kompilasi:
    data = example_data(pk, periode, kecuali=kecuali)
    return kompilasi(pk, Settings(tahun=2025), periode, data, {b: "diterima" for b in data}, [], {})


def sheet(k: Kompilasi, name: str, tmp_path: Path) -> Any:
    """One draft sheet written alone (as the draft writer writes it) and read back."""
    import xlsxwriter

    from kinerja_cli.io.draft.common import Book, SheetWriter, forget_formats

    path = tmp_path / f"{name}.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sh = SheetWriter(Book(wb), wb.add_worksheet(name))
    next(s for s in SHEETS if s.name == name).write(sh, k)
    sh.close()
    forget_formats()
    wb.close()
    return openpyxl.load_workbook(path)[name]


def texts(ws: Any) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def _at(ws: Any, text: str) -> Any:
    return next(c for row in ws.iter_rows() for c in row if c.value == text)


def _right_of(ws: Any, text: str, n: int = 1) -> Any:
    cell = _at(ws, text)
    return ws.cell(cell.row, cell.column + n).value


# ---- Ringkasan: partial data is said -----------------------------------------------------


def test_ringkasan_labels_partial_data_and_names_what_is_missing(pk: PK, tmp_path: Path) -> None:
    k = _k(pk)  # SDA has not sent its form; its sasaran S3 has no data
    assert k.sementara and [s.kode for s in k.sasaran_tanpa_data] == ["S3"]
    ws = sheet(k, "Ringkasan", tmp_path)
    label = "Capaian kinerja dinas (%) SEMENTARA"
    assert _right_of(ws, label, 2) == float(bulat(k.dinas_capaian or 0, 2))
    assert _right_of(ws, "Predikat (sementara)", 2) == k.dinas_predikat
    note = next(t for t in texts(ws) if t.startswith("Capaian sementara:"))
    assert "8 dari 9 bidang" in note and "Bidang Sumber Daya Air (belum mengirim)" in note
    s3 = k.sasaran[2]
    assert f"S3 {s3.nama}" in note and "rata-rata 5 dari 6 sasaran" in note
    assert _right_of(ws, s3.nama, 2) == "Belum ada data"  # in the sasaran table too


def test_ringkasan_with_every_bidang_is_not_sementara(pk: PK, tmp_path: Path) -> None:
    k = _k(pk, kecuali=())
    assert not k.sementara and not k.sasaran_tanpa_data
    ws = sheet(k, "Ringkasan", tmp_path)
    assert "Capaian kinerja dinas (%)" in texts(ws) and "Predikat" in texts(ws)
    assert not any("sementara" in t.casefold() or "Belum ada data" in t for t in texts(ws))
    # A sasaran without data is named even when every bidang has sent its form.
    kosong = dataclasses.replace(k.sasaran[0], capaian=None, predikat=None)
    k2 = dataclasses.replace(k, sasaran=(kosong, *k.sasaran[1:]))
    ws = sheet(k2, "Ringkasan", tmp_path)
    note = next(t for t in texts(ws) if t.startswith("Sasaran tanpa data"))
    assert f"S1 {kosong.nama}" in note and "SEMENTARA" not in " ".join(texts(ws))


# ---- Catatan: every correction in force --------------------------------------------------


def _koreksi(pk: PK) -> tuple[Koreksi, ...]:
    bm = pk.indikator_of("BM")[0]
    leaf = next(a for a in pk.anggaran if a.bidang == "BM" and not pk.is_parent(a.kode))
    satu = dict(oleh="sekretaris@PC-SEKRE", waktu="2025-07-21T10:15:00", draf="draf-a.xlsx")
    dua = dict(oleh="kasubag@PC-PP", waktu="2025-07-22T08:05:00", draf="draf-b.xlsx")
    return (
        Koreksi(
            "realisasi", "BM", bm.kode, "TW2", "Pengukuran", "J9", "63,1", "77.7", "63,1", "77,7",
            **satu,
        ),
        Koreksi(
            "anggaran", "BM", leaf.kode, "TW2", "Anggaran", "H12", None, "1000", "", "1.000",
            **satu,
        ),
        Koreksi(
            "narasi", "BM", bm.kode, "tindak_lanjut", "Permasalahan", "G9", "Lama", "Dipercepat",
            "Lama", "Dipercepat", **dua,
        ),
    )  # fmt: skip


def test_catatan_lists_every_correction_with_who_and_when(pk: PK, tmp_path: Path) -> None:
    koreksi = _koreksi(pk)
    k = dataclasses.replace(_k(pk), koreksi=koreksi)
    ws = sheet(k, "Catatan", tmp_path)
    all_text = texts(ws)
    assert "E. Koreksi Sekretaris yang berlaku (3)" in all_text
    # grouped by the run that recorded them: who, when, which draft
    assert "Dicatat 2025-07-21 10:15 oleh sekretaris@PC-SEKRE dari draf draf-a.xlsx" in all_text
    assert "Dicatat 2025-07-22 08:05 oleh kasubag@PC-PP dari draf draf-b.xlsx" in all_text
    bm = pk.indikator_of("BM")[0]
    row = _at(ws, "Pengukuran!J9: Realisasi TW II").row
    assert [ws.cell(row, c).value for c in range(1, 6)] == [
        1,
        f"{bm.kode} {bm.nama}",
        "BM",
        "Pengukuran!J9: Realisasi TW II",
        "63,1 → 77,7",
    ]
    assert _right_of(ws, "Anggaran!H12: Realisasi anggaran TW II (Rp)") == "(kosong) → 1.000"
    assert _right_of(ws, "Permasalahan!G9: Tindak Lanjut") == "Lama → Dipercepat"
    ring = sheet(k, "Ringkasan", tmp_path)
    assert any("3 koreksi Sekretaris" in t for t in texts(ring))


def test_catatan_says_when_there_is_no_correction(pk: PK, tmp_path: Path) -> None:
    ws = sheet(_k(pk), "Catatan", tmp_path)
    assert "E. Koreksi Sekretaris yang berlaku (0)" in texts(ws)
    assert "Belum ada koreksi Sekretaris yang dicatat." in texts(ws)


# ---- Agency names printed once -----------------------------------------------------------

DOUBLED = ("PEMERINTAH PEMERINTAH", "KABUPATEN BALANGAN KABUPATEN BALANGAN", "BALANGAN KABUPATEN")


@pytest.mark.parametrize(
    "name", [s.name for s in SHEETS if not s.hidden and s.name != "Evaluasi Renja"]
)
def test_titles_name_the_agency_once_however_it_is_typed(pk: PK, tmp_path: Path, name: str) -> None:
    idn = dataclasses.replace(
        pk.identitas,
        pemda="Pemerintah Kabupaten Balangan",
        perangkat_daerah=pk.identitas.perangkat_daerah + " Kabupaten Balangan",
    )
    k = dataclasses.replace(_k(pk), identitas=idn)
    ws = sheet(k, name, tmp_path)
    assert ws["A1"].value == "PEMERINTAH KABUPATEN BALANGAN"
    assert ws["A2"].value == pk.identitas.perangkat_daerah.upper()
    assert not any(d in t.upper() for t in texts(ws) for d in DOUBLED)


# ---- Efisiensi: against the DPA plan, or no IE -------------------------------------------


def _headers(ws: Any) -> list[str]:
    row = _at(ws, "No").row
    return [c.value for c in ws[row] if c.value]


def test_efisiensi_of_a_quarter_with_the_dpa_plan(pk: PK, tmp_path: Path) -> None:
    k = _k(pk)
    assert k.dasar_efisiensi == "rencana"
    ws = sheet(k, "Efisiensi", tmp_path)
    head = _headers(ws)
    assert head[4:] == [
        "Pagu (Rp)",
        "Rencana s/d TW II (Rp)",
        "Realisasi s/d TW II (Rp)",
        "Serapan terhadap Pagu (%)",
        "Serapan terhadap Rencana (%)",
        "Indeks Efisiensi (IE)",
        "Keterangan",
        "Selisih Capaian − Serapan terhadap Rencana (poin)",
    ]
    s1 = k.sasaran[0]
    assert s1.serapan_rencana is not None and s1.efisiensi is not None and s1.efisiensi.ie
    row = _at(ws, s1.nama).row
    got = {h: ws.cell(row, c).value for c, h in enumerate(head, start=1)}
    assert got["Rencana s/d TW II (Rp)"] == int(s1.rencana_anggaran or 0)
    assert got["Serapan terhadap Rencana (%)"] == float(bulat(s1.serapan_rencana, 2))
    assert got["Indeks Efisiensi (IE)"] == float(bulat(s1.efisiensi.ie, 2))
    assert got["Keterangan"] == s1.efisiensi.label
    note = " ".join(texts(ws))
    assert "serapan terhadap rencana penarikan dana" in note and "cenderung tinggi" not in note
    assert ws.page_setup.orientation == "landscape"
    s3 = _at(ws, k.sasaran[2].nama).row  # SDA has not reported: no IE, and it says why
    assert ws.cell(s3, head.index("Keterangan") + 1).value == "belum ada data"


def test_efisiensi_where_part_of_the_plan_is_missing(pk: PK, tmp_path: Path) -> None:
    """A sasaran whose sub-kegiatan lack the plan gets no IE (a partial plan would make its
    serapan look too high); the others keep theirs."""
    s2 = {a.kode for a in pk.anggaran if a.sasaran == "S2"}
    rows = tuple(
        dataclasses.replace(a, rencana_tw=(None,) * 4) if a.kode in s2 else a for a in pk.anggaran
    )
    k = _k(dataclasses.replace(pk, anggaran=rows))
    ws = sheet(k, "Efisiensi", tmp_path)
    head = _headers(ws)
    row = _at(ws, k.sasaran[1].nama).row
    got = {h: ws.cell(row, c).value for c, h in enumerate(head, start=1)}
    assert got["Keterangan"] == "rencana DPA tidak lengkap"
    assert got["Indeks Efisiensi (IE)"] is None and got["Rencana s/d TW II (Rp)"] is None
    first = _at(ws, k.sasaran[0].nama).row
    assert ws.cell(first, head.index("Keterangan") + 1).value in ("Efisien", "Kurang Efisien")


def _tanpa_rencana(pk: PK) -> PK:
    rows = tuple(dataclasses.replace(a, rencana_tw=(None,) * 4) for a in pk.anggaran)
    return dataclasses.replace(pk, anggaran=rows)


def test_efisiensi_of_a_quarter_without_the_plan_gives_no_ie(pk: PK, tmp_path: Path) -> None:
    from kinerja_cli.io.draft import to_json

    k = _k(_tanpa_rencana(pk))
    assert k.dasar_efisiensi == "" and all(s.efisiensi is None for s in k.sasaran)
    ws = sheet(k, "Efisiensi", tmp_path)
    assert _headers(ws)[4:] == [
        "Pagu (Rp)",
        "Realisasi s/d TW II (Rp)",
        "Serapan terhadap Pagu (%)",
    ]
    all_text = texts(ws)
    assert not {"Efisien", "Kurang Efisien", "Indeks Efisiensi (IE)"} & set(all_text)
    assert any("tidak dihitung untuk triwulan ini" in t for t in all_text)
    assert ws.page_setup.orientation == "portrait"  # narrow: one page, not two
    assert not any("cenderung tinggi" in t for t in all_text)
    doc = to_json(k)  # compile --json: no IE either
    assert doc["dasar_efisiensi"] is None
    assert all(x["efisiensi"] is None for x in (*doc["sasaran"], *doc["bidang"]))


def test_efisiensi_of_the_year_is_against_the_pagu(pk: PK, tmp_path: Path) -> None:
    k = _k(pk, TAHUNAN)
    ws = sheet(k, "Efisiensi", tmp_path)
    assert _headers(ws)[4:] == [
        "Pagu (Rp)",
        "Realisasi (Rp)",
        "Serapan terhadap Pagu (%)",
        "Indeks Efisiensi (IE)",
        "Keterangan",
        "Selisih Capaian − Serapan (poin)",
    ]
    assert any("serapan anggaran terhadap pagu" in t for t in texts(ws))
    assert "Efisien" in texts(ws) or "Kurang Efisien" in texts(ws)
