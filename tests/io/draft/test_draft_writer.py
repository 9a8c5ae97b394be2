"""The compiled draft workbook (docs/contract.md §7): sheets, numeric cells, safe text, golden dump."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from kinerja_cli.domain.findings import WARNING, Finding
from kinerja_cli.domain.kompilasi import kompilasi
from kinerja_cli.domain.models import PK, Narasi
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.domain.settings import Settings
from kinerja_cli.io.draft.writer import SHEET_NAMES, draft_filename, write_draft
from kinerja_cli.io.pk.reader import read_pk
from support.fakedata import example_data
from support.xlsxdump import check_golden, dump_workbook

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "draft_example_tw2.txt"
DIBUAT = dt.datetime(2025, 7, 10, 9, 0)


@pytest.fixture(scope="module")
def pk(example_pk_path: Path) -> PK:
    res = read_pk(example_pk_path)
    assert res.pk is not None
    return res.pk


@pytest.fixture(scope="module")
def example_pk_path() -> Path:
    from support.paths import EXAMPLE_PK

    return EXAMPLE_PK


def example_kompilasi(pk: PK, periode: Periode | None = None) -> Kompilasi:
    """The example PK (TW2 unless given) with every bidang but SDA answered, one finding."""
    periode = periode or Periode(2)
    data = example_data(pk, periode, kecuali=("SDA",))
    temuan = [
        Finding(
            "capaian-rendah-tanpa-penjelasan",
            WARNING,
            "Capaian di bawah 100% tanpa Faktor Penghambat dan Tindak Lanjut.",
            file="2025-TW2-PKP.xlsx",
            sheet="Kinerja",
            cell="L9",
            kode="IK.32",
        )
    ]
    inputs = {"pk.xlsx": pk.sha256, **{db.file: db.sha256 for db in data.values()}}
    return kompilasi(
        pk,
        Settings(tahun=2025),
        periode,
        data,
        {k: "diterima" for k in data},
        temuan,
        inputs,
        dibuat=DIBUAT,
    )


@pytest.fixture(scope="module")
def draft(pk: PK, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("draf") / draft_filename(2025, Periode(2))
    write_draft(example_kompilasi(pk), path)
    return path


def _find(ws, text: str):  # noqa: ANN202
    return next(c for row in ws.iter_rows() for c in row if c.value == text)


def test_every_sheet_in_order(draft: Path) -> None:
    assert draft.name == "Draf-Pengukuran-Kinerja-2025-TW2.xlsx"
    wb = openpyxl.load_workbook(draft)
    assert wb["_kinerja"].sheet_state == "veryHidden"  # the draft's identity (contract §11)
    assert (
        wb.sheetnames
        == list(SHEET_NAMES)
        == [
            "Ringkasan",
            "Pengukuran",
            "Per Bidang",
            "Anggaran",
            "Efisiensi",
            "Permasalahan",
            "Evaluasi Renja",
            "Catatan",
            "_kinerja",
        ]
    )
    for ws in (wb[n] for n in SHEET_NAMES if n != "_kinerja"):
        assert ws.page_setup.orientation in ("landscape", "portrait")
        assert int(ws.page_setup.paperSize) == 9  # A4
    assert wb["Pengukuran"].page_setup.orientation == "landscape"
    assert wb["Pengukuran"].freeze_panes is not None
    assert wb.properties.created == dt.datetime(2025, 1, 1)
    with zipfile.ZipFile(draft) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())  # native bar chart


def test_numbers_are_numeric_cells(draft: Path) -> None:
    wb = openpyxl.load_workbook(draft)
    ws = wb["Pengukuran"]
    head = _find(ws, "Capaian (%)")
    col = head.column
    row = _find(ws, "IK.10").row
    cap = ws.cell(row, col)
    assert cap.data_type == "n" and isinstance(cap.value, float)
    assert cap.number_format == "[$-421]#,##0.00"  # Indonesian separators in LibreOffice
    target = ws.cell(row, _find(ws, "Target").column)
    assert target.value == 65 and target.data_type == "n"
    ang = wb["Anggaran"]
    prog = _find(ang, "1.03.10").row
    assert (
        ang.cell(prog, 4).value == 24195000000 and ang.cell(prog, 4).number_format == "[$-421]#,##0"
    )
    assert ang.cell(prog, 1).font.b  # parent subtotals in bold
    # the dinas footer and the sasaran rows carry numbers too
    dinas = _find(ws, "CAPAIAN KINERJA DINAS (rata-rata capaian sasaran)").row
    assert any(isinstance(ws.cell(dinas, c).value, float) for c in range(1, ws.max_column + 1))


@pytest.mark.slow
def test_missing_bidang_is_listed_with_empty_rows(draft: Path) -> None:
    wb = openpyxl.load_workbook(draft)
    ring = wb["Ringkasan"]
    sda = _find(ring, "Bidang Sumber Daya Air")
    assert ring.cell(sda.row, sda.column + 1).value == "Belum mengirim"
    ws = wb["Pengukuran"]
    row = _find(ws, "IK.16").row
    real = _find(ws, "Realisasi s/d TW II").column
    assert ws.cell(row, real).value is None
    assert "Bidang belum mengirim" in [ws.cell(row, c).value for c in range(1, ws.max_column + 1)]


def test_predikat_cells_are_coloured(draft: Path) -> None:
    ws = openpyxl.load_workbook(draft)["Pengukuran"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "Sangat Tinggi")
    assert cell.fill.fgColor.rgb.endswith("C6EFCE")


@pytest.mark.slow
def test_form_text_is_never_a_formula(pk: PK, tmp_path: Path) -> None:
    k = example_kompilasi(pk)
    evil = '=HYPERLINK("x")'
    first = k.indikator[0]
    k = replace(
        k,
        indikator=(
            replace(
                first,
                narasi=Narasi(
                    pendorong=evil, penghambat="@SUM(1)", tindak_lanjut="-1+1", bukti="+62 812"
                ),
            ),
            *k.indikator[1:],
        ),
    )
    path = tmp_path / "d.xlsx"
    write_draft(k, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Permasalahan"]
    for text in (evil, "@SUM(1)", "-1+1", "+62 812"):
        cell = _find(ws, text)
        assert cell.data_type == "s", text
    assert _find(ws, evil).quotePrefix
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in z.read(n) for n in sheets)  # no formula anywhere


@pytest.mark.slow
def test_deterministic_bytes(pk: PK, tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert write_draft(example_kompilasi(pk), a) == write_draft(example_kompilasi(pk), b)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.slow
def test_tahunan_and_tw1_layouts(pk: PK, tmp_path: Path) -> None:
    for periode, real in ((Periode.parse(None), "Realisasi"), (Periode(1), "Realisasi TW I")):
        path = tmp_path / draft_filename(2025, periode)
        write_draft(example_kompilasi(pk, periode), path)
        ws = openpyxl.load_workbook(path)["Pengukuran"]
        assert _find(ws, real) is not None
    assert (
        draft_filename(2025, Periode.parse(None), 3)
        == "Draf-Pengukuran-Kinerja-2025-Tahunan-v3.xlsx"
    )


def test_golden_dump_of_example_draft(draft: Path) -> None:
    check_golden(dump_workbook(draft), GOLDEN)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_converts_draft(draft: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(draft),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "pdf" / (draft.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 10_000
