"""The README, the blank PK template (its Petunjuk and validations) and the form say the same
thing about every input rule a new officer or bidang meets."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kinerja_cli.domain.periode import Periode
from kinerja_cli.io.pk.template import write_pk_template
from kinerja_cli.services.setup import init_forms, require_pk

ROOT = Path(__file__).resolve().parents[1]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def readme() -> str:
    return _flat((ROOT / "README.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("pk") / "pk.xlsx"
    write_pk_template(path, 2025)
    return openpyxl.load_workbook(path)


def _petunjuk(wb) -> dict[tuple[str, str], str]:
    """(lembar, kolom) -> the template's explanation of that column."""
    ws = wb["Petunjuk"]
    return {
        (str(r[0]), str(r[1])): str(r[3])
        for r in ws.iter_rows(values_only=True)
        if len(r) > 3 and r[0] and r[1] and r[3]
    }


def _umum(wb) -> str:
    return _flat(" ".join(str(c.value) for c in wb["Petunjuk"]["B"] if c.value))


def test_pagu_with_rp(readme: str, template) -> None:
    assert "`Rp1.500.000,00`" in readme  # README: a pagu may be typed with Rp
    pagu = _petunjuk(template)[("Anggaran", "Pagu")]
    assert "Rp1.250.000.000,00" in pagu and "tanpa Rp" not in pagu
    assert "Rp1.500.000,00" in _umum(template)
    # ...and Excel lets the officer type it: the Pagu and Rencana columns only prompt.
    dvs = template["Anggaran"].data_validations.dataValidation
    rupiah = [dv for dv in dvs if {"D2:D1000", "F2:I1000"} & set(str(dv.sqref).split())]
    assert len(rupiah) == 2
    assert all(dv.type is None and dv.prompt for dv in rupiah)
    assert "tidak menolak ketikan `Rp…`" in readme


def test_parent_pagu_may_stay_blank(readme: str, template) -> None:
    assert "Pagu program dan kegiatan (baris induk) boleh dikosongkan" in readme
    assert "boleh dikosongkan" in _petunjuk(template)[("Anggaran", "Pagu")]
    assert "pagu program dan kegiatan boleh tetap kosong" in readme  # init --dari


def test_a_programme_of_several_bidang_is_split_by_kegiatan(readme: str, template) -> None:
    assert "Program yang dilaksanakan beberapa bidang dipecah per kegiatan" in readme
    assert "pecah per kegiatan" in _petunjuk(template)[("Anggaran", "Bidang")]
    assert "Program yang dilaksanakan beberapa bidang dipecah per kegiatan" in _umum(template)


@pytest.mark.slow
def test_definisi_and_signature_are_on_the_form(readme: str, template, workspace) -> None:
    kolom = _petunjuk(template)
    assert "lembar Petunjuk formulir" in kolom[("Indikator", "Definisi Operasional")]
    assert "definisi operasional setiap indikator" in readme
    assert "blok tanda tangan lembar Kinerja" in kolom[("Bidang", "Kepala")]
    assert "Blok tanda tangan Kepala Bidang" in readme
    form = init_forms(workspace, Periode(2), ["BM"], None).forms[0].path
    wb = openpyxl.load_workbook(form)
    petunjuk = _flat(" ".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value))
    assert "Definisi operasional indikator (dari PK)" in petunjuk
    assert "blok tanda tangan Kepala Bidang" in petunjuk
    kinerja = [c.value for row in wb["Kinerja"].iter_rows() for c in row if c.value]
    bm = require_pk(workspace).bidang_by_kode("BM")
    assert bm is not None and bm.kepala in kinerja and bm.jabatan in kinerja


def test_realisasi_anggaran_on_the_form(readme: str, workspace) -> None:
    assert "tanpa `Rp` dan tanpa titik (`150000000`)" in readme
    form = init_forms(workspace, Periode(2), ["BM"], None).forms[0].path
    ws = openpyxl.load_workbook(form)["Anggaran"]
    dvs = ws.data_validations.dataValidation
    assert dvs and all(dv.type == "decimal" for dv in dvs)
    assert all("tanpa Rp dan titik, mis. 150000000" in dv.prompt for dv in dvs)
