"""Forms: round trip of identity, headers, locked/unlocked cells, validations (docs/contract.md §5)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from kinerja_cli.domain.periode import Periode
from kinerja_cli.io.form import layout as L
from kinerja_cli.services.setup import init_forms


def _headers(ws) -> list[str]:
    return [c.value for c in ws[L.HEADER_ROW] if c.value is not None]


def test_tw2_forms_round_trip(workspace) -> None:
    res = init_forms(workspace, Periode.parse("2"), None, None)
    pk_bidang = {b.bidang for b in res.forms}
    assert {"SEK", "BM", "SDA", "CK", "PR", "PKP"} <= pk_bidang
    bm = next(f for f in res.forms if f.bidang == "BM")
    assert bm.path.name == "2025-TW2-BM-Bina-Marga.xlsx"
    wb = openpyxl.load_workbook(bm.path)
    assert wb.sheetnames[:3] == ["Petunjuk", "Kinerja", "Anggaran"]
    ident = wb[L.IDENTITAS]
    assert ident.sheet_state == "veryHidden"
    values = {
        ident.cell(r, 1).value: ident.cell(r, 2).value for r in range(2, 2 + len(L.IDENTITY_KEYS))
    }
    assert values["form_id"] == bm.form_id
    assert values["bidang"] == "BM" and values["periode"] == "TW2" and values["tahun"] == "2025"
    assert len(values["sidik_pk"]) == 16
    k = wb["Kinerja"]
    assert _headers(k) == [
        "No",
        "Kode",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Arah",
        "Target",
        "Target TW I",
        "Target TW II",
        "Realisasi TW I",
        "Realisasi TW II",
        "Faktor Pendorong",
        "Faktor Penghambat",
        "Tindak Lanjut",
        "Bukti Dukung",
    ]
    assert _headers(wb["Anggaran"]) == [
        "Kode",
        "Uraian",
        "Pagu",
        "Realisasi TW I",
        "Realisasi TW II",
    ]
    assert k.protection.sheet and wb["Anggaran"].protection.sheet
    assert wb.security.lockStructure
    first = L.FIRST_ROW
    assert k.cell(first, 2).value == "IK.10"
    assert k.cell(first, 2).protection.locked
    assert not k.cell(first, 10).protection.locked  # Realisasi TW I
    assert not k.cell(first, 15).protection.locked  # Bukti Dukung
    assert k.cell(first, 7).protection.locked  # Target
    ranges = " ".join(str(dv.sqref) for dv in k.data_validations.dataValidation)
    assert f"J{first}" in ranges and f"K{first}" in ranges
    prompts = [dv.prompt for dv in k.data_validations.dataValidation if dv.prompt]
    assert any("DALAM triwulan" in p for p in prompts) and any(
        "AKHIR triwulan" in p for p in prompts
    )
    assert k.freeze_panes == f"E{first}"
    assert k.page_setup.orientation == "landscape" and int(k.page_setup.paperSize) == 9
    assert "PEMERINTAH KABUPATEN BALANGAN" in k["A1"].value
    ang = wb["Anggaran"]
    parent = next(r for r in range(first, ang.max_row + 1) if ang.cell(r, 1).value == "1.03.10")
    assert ang.cell(parent, 4).protection.locked  # parent rows are subtotals, not editable


def test_tahunan_has_four_quarters_and_tw1_one(workspace) -> None:
    res = init_forms(workspace, Periode.parse(None), ["PR"], None)
    wb = openpyxl.load_workbook(res.forms[0].path)
    assert "Realisasi TW IV" in _headers(wb["Kinerja"])
    assert res.forms[0].path.name.startswith("2025-Tahunan-PR-")
    res1 = init_forms(workspace, Periode.parse("I"), ["PR"], workspace.root / "tw1")
    wb1 = openpyxl.load_workbook(res1.forms[0].path)
    assert "Realisasi TW II" not in _headers(wb1["Kinerja"])


def test_form_id_is_deterministic(workspace, tmp_path: Path) -> None:
    a = init_forms(workspace, Periode.parse(2), ["BM"], tmp_path / "a").forms[0].form_id
    b = init_forms(workspace, Periode.parse(2), ["BM"], tmp_path / "b").forms[0].form_id
    assert a == b


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_form(workspace, tmp_path: Path) -> None:
    res = init_forms(workspace, Periode.parse(2), ["BM"], None)
    out = tmp_path / "lo"
    proc = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "csv",
            "--outdir",
            str(out),
            str(res.forms[0].path),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert list(out.glob("*.csv"))
