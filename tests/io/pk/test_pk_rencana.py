"""`Rencana TW I` … `Rencana TW IV` in sheet Anggaran (docs/contract.md §14): read like Pagu."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from kinerja_cli.domain.rules import Code
from kinerja_cli.io.pk.cache import decode, encode
from kinerja_cli.io.pk.reader import read_pk
from support.pkbuilder import ANG, ANG_HEAD, make_pk

RENCANA = ["Rencana TW I", "Rencana TW II", "Rencana TW III", "Rencana TW IV"]


def _pk(tmp_path: Path, rencana: list[list[object]]):  # noqa: ANN202
    rows = [[*r, *p] for r, p in zip(ANG, rencana, strict=True)]
    return read_pk(make_pk(tmp_path / "pk.xlsx", ang=rows, ang_head=[*ANG_HEAD, *RENCANA]))


def test_plan_columns_are_read_like_pagu(tmp_path: Path) -> None:
    res = _pk(
        tmp_path,
        [
            [None, None, None, None],
            [None, None, None, None],
            [100000000, "300.000.000", "Rp600.000.000,00", 1000000000],
            [50000000, "150000000", None, 500000000],
            ["", " ", None, None],
        ],
    )
    assert res.ok, res.findings
    assert res.pk is not None
    by = {a.kode: a for a in res.pk.anggaran}
    assert by["1.03.10.2.01.0001"].rencana_tw == (
        D(100000000),
        D(300000000),
        D(600000000),
        D(1000000000),
    )
    assert by["1.03.10.2.01.0002"].rencana_tw[2] is None
    assert by["1.03.03.2.01.0001"].rencana_tw == (None, None, None, None)
    assert decode(encode(res.pk)) == res.pk  # the PK cache keeps the plan


def test_a_bad_plan_is_a_finding_at_its_cell(tmp_path: Path) -> None:
    res = _pk(
        tmp_path,
        [[None] * 4, [None] * 4, ["banyak", -5, None, None], [None] * 4, [None] * 4],
    )
    bad = [f for f in res.findings if f.code == Code.PAGU_TIDAK_SAH]
    assert [f.cell for f in bad] == ["F4", "G4"]
    assert "Rencana TW I" in bad[0].message and "Rencana TW II" in bad[1].message


def test_a_pk_without_plan_columns_has_no_plan(tmp_path: Path) -> None:
    res = read_pk(make_pk(tmp_path / "pk.xlsx"))
    assert res.pk is not None
    assert all(a.rencana_tw == (None, None, None, None) for a in res.pk.anggaran)


def test_blank_template_carries_the_plan_columns_and_both_ways_of_naming(tmp_path: Path) -> None:
    import openpyxl

    from kinerja_cli.io.pk.template import write_pk_template

    path = tmp_path / "pk.xlsx"
    write_pk_template(path, 2026)
    wb = openpyxl.load_workbook(path)
    assert [c.value for c in wb["Anggaran"][1]][5:9] == RENCANA
    petunjuk = " ".join(str(v) for r in wb["Petunjuk"].iter_rows(values_only=True) for v in r if v)
    assert "'Kabupaten Siak' atau 'Pemerintah Kabupaten Siak'" in petunjuk
    assert "'Dinas Kesehatan' atau 'Dinas Kesehatan Kabupaten Siak'" in petunjuk
    assert "anggaran kas DPA" in petunjuk
    ranges = [str(dv.sqref) for dv in wb["Anggaran"].data_validations.dataValidation]
    assert "F2:I1000" in ranges
