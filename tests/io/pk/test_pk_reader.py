"""PK reader: every docs/contract.md §4 finding with its code and cell; layouts other than the example."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kinerja_cli.domain.models import Arah, Rentang, Rumus, Sifat
from kinerja_cli.io.pk.reader import read_pk
from support.pkbuilder import ANG, BIDANG, IDENTITAS, IND, IND_HEAD, make_pk


def codes(res) -> set[tuple[str, str | None, str | None]]:
    return {(f.code, f.sheet, f.cell) for f in res.findings}


def test_valid_pk(tmp_path: Path) -> None:
    res = read_pk(make_pk(tmp_path / "pk.xlsx"))
    assert res.ok, [f.line() for f in res.findings]
    pk = res.pk
    assert [s.kode for s in pk.sasaran] == ["S1", "S2"]
    ik = {i.kode: i for i in pk.indikator}
    assert ik["IK.02"].sasaran == "S1"  # blank Sasaran inherits the row above
    assert ik["IK.01"].target == Decimal(65)
    assert ik["IK.01"].target_tw[0] == Decimal("61.2")
    assert ik["IK.04"].target == Rentang(Decimal("6.5"), Decimal("8.5"))
    assert ik["IK.05"].target is True
    assert ik["IK.05"].sifat == Sifat.KUMULATIF  # default: satuan is not % or indeks
    assert ik["IK.06"].rumus == Rumus.T_PER_R
    assert pk.identitas.tahun == 2025
    assert pk.is_parent("1.03.10") and not pk.is_parent("1.03.10.2.01.0001")


def test_example_pk_is_valid(example_pk: Path) -> None:
    res = read_pk(example_pk)
    assert res.ok, [f.line() for f in res.findings]
    assert 25 <= len(res.pk.indikator) <= 40
    assert {i.arah for i in res.pk.indikator} == set(Arah)
    assert {i.sifat for i in res.pk.indikator} == set(Sifat)


def test_other_layout(tmp_path: Path) -> None:
    """Title rows, reversed and extra columns, lower-case padded headers, merged sasaran."""
    ind = [list(r) for r in IND]
    ind[0][7] = "65,0"  # text numbers the Indonesian way
    ind[1][7] = "12"
    res = read_pk(
        make_pk(
            tmp_path / "pk.xlsx",
            ind=ind,
            title_rows=3,
            shuffle=True,
            extra=True,
            lower_headers=True,
            merge_sasaran=True,
        )
    )
    assert res.ok, [f.line() for f in res.findings]
    ik = {i.kode: i for i in res.pk.indikator}
    assert ik["IK.01"].target == Decimal("65.0")
    assert ik["IK.03"].sasaran == "S1" and ik["IK.04"].sasaran == "S2"
    assert len(res.pk.anggaran) == 5


def _one(tmp_path: Path, **kw) -> set[tuple[str, str | None, str | None]]:
    return codes(read_pk(make_pk(tmp_path / "pk.xlsx", **kw)))


def test_missing_sheet(tmp_path: Path) -> None:
    res = read_pk(make_pk(tmp_path / "pk.xlsx", drop_sheet="Anggaran"))
    assert ("pk-sheet-hilang", "Anggaran", None) in codes(res)
    assert res.pk is None


def test_missing_column(tmp_path: Path) -> None:
    head = [h if h != "Satuan" else "Unit" for h in IND_HEAD]
    assert ("pk-kolom-hilang", "Indikator", "A1") in _one(tmp_path, ind_head=head)


def _ind(changes: dict):
    rows = [list(r) for r in IND]
    for (r, c), v in changes.items():
        rows[r][c] = v
    return rows


@pytest.mark.parametrize(
    ("changes", "code", "cell"),
    [
        ({(1, 0): "IK.01"}, "kode-ganda", "A3"),
        ({(1, 0): None}, "kode-kosong", "A3"),
        ({(0, 12): "XX"}, "bidang-tidak-dikenal", "M2"),
        ({(0, 4): "naik-turun"}, "arah-tidak-sah", "E2"),
        ({(0, 5): "bulanan"}, "sifat-tidak-sah", "F2"),
        ({(2, 6): "T-R"}, "rumus-tidak-sah", "G4"),
        ({(0, 7): "enam puluh"}, "target-tidak-sah", "H2"),
        ({(3, 7): "6,5"}, "target-tidak-sah", "H5"),
        ({(4, 7): "mungkin"}, "target-tidak-sah", "H6"),
        ({(0, 7): "1,234.5"}, "target-tidak-sah", "H2"),
        ({(0, 11): 66}, "target-tw4-beda", "L2"),
        ({(1, 9): 9}, "target-tw-menurun", "K3"),
        ({(0, 7): None}, "target-kosong", "H2"),
    ],
)
def test_indikator_findings(tmp_path: Path, changes, code: str, cell: str) -> None:
    assert (code, "Indikator", cell) in _one(tmp_path, ind=_ind(changes))


def test_all_findings_at_once(tmp_path: Path) -> None:
    res = read_pk(
        make_pk(tmp_path / "pk.xlsx", ind=_ind({(0, 4): "x", (2, 7): "abc", (5, 12): "ZZ"}))
    )
    found = {f.code for f in res.findings}
    assert {"arah-tidak-sah", "target-tidak-sah", "bidang-tidak-dikenal"} <= found


def test_invalid_nip(tmp_path: Path) -> None:
    bid = [list(r) for r in BIDANG]
    bid[0][3] = "19801301 200501 1 001"  # month 13
    ident = [r if r[0] != "NIP Kepala" else ("NIP Kepala", "12345") for r in IDENTITAS]
    found = _one(tmp_path, bidang=bid, identitas=ident)
    assert ("nip-tidak-sah", "Bidang", "D2") in found
    assert ("nip-tidak-sah", "Identitas", "B9") in found


def test_parent_pagu_mismatch(tmp_path: Path) -> None:
    ang = [list(r) for r in ANG]
    ang[1][3] = 1400000000
    found = _one(tmp_path, ang=ang)
    assert ("pagu-induk-beda", "Anggaran", "A3") in found


def test_blank_parent_pagu_is_the_sum_of_its_sub_kegiatan(tmp_path: Path) -> None:
    # The template and the README: program/kegiatan Pagu may be left blank (kinerja adds them
    # up); a blank sub-kegiatan Pagu is still an error. Rupiah may be typed with Rp.
    ang = [list(r) for r in ANG]
    ang[0][3] = None  # program
    ang[1][3] = ""  # kegiatan
    ang[2][3] = "Rp1.000.000.000,00"
    res = read_pk(make_pk(tmp_path / "pk.xlsx", ang=ang))
    assert res.ok, [f.line() for f in res.findings]
    pagu = {a.kode: a.pagu for a in res.pk.anggaran}
    assert pagu["1.03.10"] == pagu["1.03.10.2.01"] == Decimal(1500000000)
    assert pagu["1.03.10.2.01.0001"] == Decimal(1000000000)
    ang[3][3] = None  # a sub-kegiatan
    found = _one(tmp_path, ang=ang)
    assert ("pagu-kosong", "Anggaran", "D5") in found
    assert {c for c, _, cell in found if cell in ("D2", "D3")} == set()


def test_unknown_bidang_in_anggaran(tmp_path: Path) -> None:
    ang = [list(r) for r in ANG]
    ang[4][2] = "SDA"
    assert ("bidang-tidak-dikenal", "Anggaran", "C6") in _one(tmp_path, ang=ang)


def test_bad_tahun(tmp_path: Path) -> None:
    ident = [r if r[0] != "Tahun" else ("Tahun", "duaribu") for r in IDENTITAS]
    assert ("tahun-tidak-sah", "Identitas", "B6") in _one(tmp_path, identitas=ident)
