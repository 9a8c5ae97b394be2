"""The blank PK template (`kinerja init` without --pk) and the shipped example PK."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from kinerja_cli.io.pk.template import (
    ANGGARAN_HEADERS,
    BIDANG_HEADERS,
    IDENTITAS_HEADERS,
    IDENTITAS_ISIAN,
    INDIKATOR_HEADERS,
    write_pk_template,
)

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "pk-balangan-2025.xlsx"
SCRIPT = ROOT / "examples" / "buat_pk_contoh.py"

# The headers docs/contract.md §4 fixes, spelled out here so a typo in the module cannot hide.
SPEC_HEADERS = {
    "Identitas": ["Isian", "Nilai"],
    "Bidang": ["Kode", "Nama", "Kepala", "NIP", "Jabatan"],
    "Indikator": [
        "Kode",
        "Kode Sasaran",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Arah",
        "Sifat",
        "Rumus",
        "Target",
        "Target TW I",
        "Target TW II",
        "Target TW III",
        "Target TW IV",
        "Bidang",
        "Definisi Operasional",
        "Target Renstra",
        "Realisasi Renstra s/d Tahun Lalu",
        "Pembilang",
        "Penyebut",
    ],
    "Anggaran": [
        "Kode",
        "Uraian",
        "Bidang",
        "Pagu",
        "Sasaran",
        "Rencana TW I",
        "Rencana TW II",
        "Rencana TW III",
        "Rencana TW IV",
        "Pagu Renstra",
        "Realisasi Renstra s/d Tahun Lalu",
    ],
}
SPEC_ISIAN = [
    "Pemerintah Daerah",
    "Perangkat Daerah",
    "Singkatan",
    "Alamat",
    "Tahun",
    "Tempat",
    "Kepala Perangkat Daerah",
    "NIP Kepala",
    "Pangkat/Golongan Kepala",
    "Jabatan Kepala",
    "Kepala Daerah",
    "Jabatan Kepala Daerah",
    "Periode Renstra",
]
TW = ["Target TW I", "Target TW II", "Target TW III", "Target TW IV"]


# ---------------------------------------------------------------- helpers


def _table(ws, required: list[str]) -> tuple[int, dict[str, int]]:
    """Header row (found by content, below any title rows) and header -> column index."""
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=30, values_only=True), start=1):
        cols = {str(v).strip(): i for i, v in enumerate(row) if v is not None}
        if set(required) <= cols.keys():
            return r, cols
    raise AssertionError(f"no header row with {required} in sheet {ws.title}")


def _records(ws, required: list[str], fill_down: tuple[str, ...] = ()) -> list[dict]:
    """Data rows as dicts; merged/blank cells in `fill_down` columns inherit the row above."""
    hr, cols = _table(ws, required)
    out: list[dict] = []
    last: dict[str, object] = {}
    for row in ws.iter_rows(min_row=hr + 1, values_only=True):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        rec = {h: row[i] if i < len(row) else None for h, i in cols.items()}
        for h in fill_down:
            if rec.get(h) in (None, ""):
                rec[h] = last.get(h)
            last[h] = rec[h]
        out.append(rec)
    return out


def _num(v: object) -> Decimal:
    """A number typed the Indonesian way ("65,4", "1.250") or stored as a real number."""
    if isinstance(v, bool):
        raise TypeError(v)
    if isinstance(v, int | float):
        return Decimal(str(v))
    s = str(v).strip().replace(" ", "")
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
        s = s.replace(".", "")
    return Decimal(s)


def _target(v: object, arah: str) -> object:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if arah == "biner":
        return str(v).strip().casefold() in {"ada", "ya", "tersedia", "1"}
    if arah == "rentang":
        lo, hi = re.split(r"\s*[-–]\s*", str(v).strip())
        return (_num(lo), _num(hi))
    return _num(v)


def _sifat(rec: dict) -> str:
    if rec["Sifat"]:
        return str(rec["Sifat"]).strip()
    return "status" if str(rec["Satuan"]).strip() in ("%", "indeks") else "kumulatif"


def _cell_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {
        ws.title: [
            *ws.iter_rows(values_only=True),
            ("merged", *sorted(str(r) for r in ws.merged_cells.ranges)),
        ]
        for ws in wb.worksheets
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "pk.xlsx"
    write_pk_template(path, 2026)
    return path


@pytest.fixture(scope="module")
def example() -> openpyxl.Workbook:
    return openpyxl.load_workbook(EXAMPLE)


# ---------------------------------------------------------------- template


def test_template_constants_match_spec() -> None:
    assert list(IDENTITAS_HEADERS) == SPEC_HEADERS["Identitas"]
    assert list(BIDANG_HEADERS) == SPEC_HEADERS["Bidang"]
    assert list(INDIKATOR_HEADERS) == SPEC_HEADERS["Indikator"]
    assert list(ANGGARAN_HEADERS) == SPEC_HEADERS["Anggaran"]
    assert list(IDENTITAS_ISIAN) == SPEC_ISIAN


def test_template_sheets_and_exact_headers(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert set(wb.sheetnames) == {"Petunjuk", "Identitas", "Bidang", "Indikator", "Anggaran"}
    for name, headers in SPEC_HEADERS.items():
        ws = wb[name]
        assert [c.value for c in ws[1]] == headers, name
        assert ws.freeze_panes == "A2"
    # no data rows: a forgotten example must never become a PK row
    for name in ("Bidang", "Indikator", "Anggaran"):
        assert wb[name].max_row == 1, name


def test_template_identitas_prefilled(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["Identitas"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == SPEC_ISIAN
    values = dict(rows)
    assert values["Tahun"] == 2026
    assert all(v is None for k, v in values.items() if k != "Tahun")
    nip_row = SPEC_ISIAN.index("NIP Kepala") + 2
    assert ws.cell(row=nip_row, column=2).number_format == "@"


def test_template_petunjuk_explains_every_column(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["Petunjuk"]
    pairs = {(r[0], r[1]) for r in ws.iter_rows(values_only=True) if r[0] and r[1]}
    for sheet, headers in SPEC_HEADERS.items():
        for h in headers:
            assert (sheet, h) in pairs, (sheet, h)
    text = " ".join(str(v) for r in ws.iter_rows(values_only=True) for v in r if v)
    for word in ("naik", "turun", "rentang", "biner", "kumulatif", "status", "2T-R", "T/R"):
        assert word in text


def test_template_validations(template: Path) -> None:
    wb = openpyxl.load_workbook(template)

    def lists(ws) -> dict[str, str]:
        """first column letter of each list validation -> its formula."""
        out = {}
        for dv in ws.data_validations.dataValidation:
            if dv.type == "list":
                letter = re.match(r"[A-Z]+", str(dv.sqref)).group()
                assert str(dv.sqref) == f"{letter}2:{letter}1000"
                out[letter] = dv.formula1
        return out

    ind = lists(wb["Indikator"])
    col = {
        h: openpyxl.utils.get_column_letter(i) for i, h in enumerate(SPEC_HEADERS["Indikator"], 1)
    }
    assert ind[col["Arah"]] == '"naik,turun,rentang,biner"'
    assert ind[col["Sifat"]] == '"kumulatif,status"'
    assert ind[col["Rumus"]] == '"2T-R,T/R"'
    assert ind[col["Bidang"]].lstrip("=") == "Bidang!$A$2:$A$200"
    ang = lists(wb["Anggaran"])
    assert ang["C"].lstrip("=") == "Bidang!$A$2:$A$200"
    for dv in wb["Indikator"].data_validations.dataValidation:
        assert dv.showErrorMessage and dv.allow_blank


def test_template_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "pk.xlsx"
    target.write_bytes(b"old")
    write_pk_template(target, 2025)
    assert [p.name for p in tmp_path.iterdir()] == ["pk.xlsx"]
    assert openpyxl.load_workbook(target)["Identitas"]["B6"].value == 2025


def test_template_module_does_not_import_openpyxl() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    code = "import sys, kinerja_cli.io.pk.template; assert 'openpyxl' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


# ---------------------------------------------------------------- example


def test_example_identitas(example: openpyxl.Workbook) -> None:
    values = {r["Isian"]: r["Nilai"] for r in _records(example["Identitas"], ["Isian", "Nilai"])}
    assert list(values) == SPEC_ISIAN
    assert values["Tahun"] == 2025
    assert values["Tempat"] == "Paringin"
    assert values["Jabatan Kepala Daerah"] == "Bupati Balangan"


def test_example_nips_are_well_formed(example: openpyxl.Workbook) -> None:
    nips = [r["NIP"] for r in _records(example["Bidang"], SPEC_HEADERS["Bidang"])]
    nips.append(dict(example["Identitas"].iter_rows(values_only=True))["NIP Kepala"])
    assert any(" " in n for n in nips) and any(" " not in n for n in nips)
    for nip in nips:
        digits = nip.replace(" ", "")
        assert re.fullmatch(r"\d{18}", digits), nip
        if " " in nip:
            assert re.fullmatch(r"\d{8} \d{6} [12] \d{3}", nip), nip
        birth, cpns, sex = int(digits[:4]), int(digits[8:12]), digits[14]
        assert 1_955 <= birth <= 2_005 and 1 <= int(digits[4:6]) <= 12
        assert 1 <= int(digits[6:8]) <= 31 and 1 <= int(digits[12:14]) <= 12
        assert birth + 18 <= cpns <= 2_025 and sex in "12"


def test_example_indicators_cover_every_arah_and_sifat(example: openpyxl.Workbook) -> None:
    recs = _records(
        example["Indikator"], SPEC_HEADERS["Indikator"], fill_down=("Sasaran", "Kode Sasaran")
    )
    assert 25 <= len(recs) <= 36
    assert len({r["Kode"] for r in recs}) == len(recs)
    assert all(r["Sasaran"] and r["Definisi Operasional"] for r in recs)
    assert {r["Arah"] for r in recs} == {"naik", "turun", "rentang", "biner"}
    assert {_sifat(r) for r in recs} == {"kumulatif", "status"}
    turun = [r for r in recs if r["Arah"] == "turun"]
    assert {r["Rumus"] or "2T-R" for r in turun} == {"2T-R", "T/R"}
    assert all(not r["Rumus"] for r in recs if r["Arah"] != "turun")
    assert sum(r["Arah"] == "rentang" for r in recs) >= 2
    biner = [str(r["Target"]) for r in recs if r["Arah"] == "biner"]
    assert len(biner) >= 2 and {"Ada", "Ya"} <= set(biner)
    # some targets arrive as Indonesian text, to exercise the parser
    texts = [
        v
        for r in recs
        if r["Arah"] in ("naik", "turun")
        for v in (r["Target"], *(r[h] for h in TW))
        if isinstance(v, str)
    ]
    assert any("," in t for t in texts) and any("." in t for t in texts)
    assert 4 <= len({r["Kode Sasaran"] for r in recs}) <= 6


def test_example_tw_targets(example: openpyxl.Workbook) -> None:
    recs = _records(example["Indikator"], SPEC_HEADERS["Indikator"])
    for r in recs:
        arah = r["Arah"]
        target = _target(r["Target"], arah)
        assert target is not None, r["Kode"]
        assert _target(r["Target TW IV"], arah) == target, r["Kode"]
        if _sifat(r) == "kumulatif" and arah in ("naik", "turun"):
            series = [_target(r[h], arah) for h in TW if r[h] is not None]
            assert series == sorted(series), r["Kode"]


def test_example_sasaran_cells_are_merged(example: openpyxl.Workbook) -> None:
    ws = example["Indikator"]
    hr, cols = _table(ws, SPEC_HEADERS["Indikator"])
    col = cols["Sasaran"] + 1
    merged = [r for r in ws.merged_cells.ranges if r.min_col == r.max_col == col]
    assert len(merged) >= 4
    assert all(r.min_row > hr for r in merged)
    assert hr > 1  # title rows above the header


def test_example_every_bidang_owns_rows(example: openpyxl.Workbook) -> None:
    bidang = [r["Kode"] for r in _records(example["Bidang"], SPEC_HEADERS["Bidang"])]
    assert bidang == ["SEK", "UMP", "KEU", "PP", "BM", "SDA", "CK", "PR", "PKP"]
    ind = _records(example["Indikator"], SPEC_HEADERS["Indikator"])
    ang = _records(example["Anggaran"], SPEC_HEADERS["Anggaran"])
    codes = [str(a["Kode"]) for a in ang]
    leaves = [a for a in ang if not any(c.startswith(str(a["Kode"]) + ".") for c in codes)]
    for kode in bidang:
        assert any(r["Bidang"] == kode for r in ind), kode
        assert any(a["Bidang"] == kode for a in leaves), kode
    assert {r["Bidang"] for r in ind} | {a["Bidang"] for a in ang} <= set(bidang)
    sasaran = {
        r["Kode Sasaran"]
        for r in _records(
            example["Indikator"], SPEC_HEADERS["Indikator"], fill_down=("Kode Sasaran",)
        )
    }
    assert all(a["Sasaran"] in sasaran for a in leaves)


def test_example_parent_pagu_is_sum_of_children(example: openpyxl.Workbook) -> None:
    ang = _records(example["Anggaran"], SPEC_HEADERS["Anggaran"])
    assert 25 <= len(ang) <= 45
    pagu = {str(a["Kode"]): _num(a["Pagu"]) for a in ang}
    assert len(pagu) == len(ang)
    for kode in pagu:
        assert re.fullmatch(r"1\.0[34]\.\d{2}(\.2\.\d{2}(\.\d{4})?)?", kode), kode
    parents = 0
    for kode, value in pagu.items():
        descendants = [k for k in pagu if k.startswith(kode + ".")]
        children = [k for k in descendants if not any(k.startswith(m + ".") for m in descendants)]
        if children:
            parents += 1
            assert value == sum((pagu[k] for k in children), Decimal(0)), kode
        else:
            assert Decimal(100_000_000) <= value <= Decimal(50_000_000_000), kode
    assert parents >= 10
    prefixes = {k[:7] for k in pagu}
    assert {"1.03.01", "1.03.02", "1.03.03", "1.03.10", "1.03.12", "1.04.02", "1.04.03"} <= prefixes
    ws = example["Anggaran"]
    hr, cols = _table(ws, SPEC_HEADERS["Anggaran"])
    assert ws.cell(row=hr + 1, column=cols["Pagu"] + 1).number_format == "#,##0"


@pytest.mark.slow
def test_script_output_matches_committed_example(tmp_path: Path) -> None:
    out = tmp_path / "pk.xlsx"
    subprocess.run([sys.executable, str(SCRIPT), str(out)], check=True, capture_output=True)
    assert _cell_values(out) == _cell_values(EXAMPLE)
