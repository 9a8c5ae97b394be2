"""The optional PK columns of docs/contract.md §14: Renstra and component indicators."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from kinerja_cli.domain.models import Rentang
from kinerja_cli.domain.pk_changes import pk_changes
from kinerja_cli.domain.rules import Code
from kinerja_cli.io.pk.cache import decode, encode
from kinerja_cli.io.pk.reader import read_pk
from support.pkbuilder import ANG, IDENTITAS, IND, make_pk
from support.renstrakit import ANG_RENSTRA, IND_RENSTRA, make_renstra_pk


def test_renstra_and_component_columns_are_read(tmp_path: Path) -> None:
    res = read_pk(make_renstra_pk(tmp_path / "pk.xlsx"))
    assert res.ok, res.findings
    assert res.pk is not None
    assert res.pk.identitas.periode_renstra == "2021-2026"
    by = {i.kode: i for i in res.pk.indikator}
    assert (by["IK.01"].target_renstra, by["IK.01"].realisasi_renstra_lalu) == (D(70), D(60))
    assert by["IK.02"].realisasi_renstra_lalu == D("41.5")  # "41,5" read the Indonesian way
    assert by["IK.04"].target_renstra == Rentang(D("6.5"), D("8.5"))
    assert (by["IK.05"].target_renstra, by["IK.05"].realisasi_renstra_lalu) == (True, False)
    assert by["IK.06"].target_renstra is None and not by["IK.06"].komponen
    assert by["IK.01"].komponen and by["IK.01"].penyebut == "Panjang jalan kabupaten (km)"
    ang = {a.kode: a for a in res.pk.anggaran}
    assert ang["1.03.10"].pagu_renstra == D(8_000_000_000)
    assert ang["1.03.03.2.01.0001"].realisasi_renstra_lalu == D(2_500_000_000)
    assert ang["1.03.10.2.01.0001"].pagu_renstra is None
    # the PK cache keeps every new field (FORMAT 4)
    assert decode(encode(res.pk)) == res.pk


def test_a_pk_without_the_columns_is_unchanged(tmp_path: Path) -> None:
    res = read_pk(make_pk(tmp_path / "pk.xlsx"))
    assert res.ok and res.pk is not None
    assert all(i.target_renstra is None and not i.komponen for i in res.pk.indikator)
    assert res.pk.identitas.periode_renstra == ""


def test_bad_renstra_values_are_findings_at_their_cells(tmp_path: Path) -> None:
    rows = {**IND_RENSTRA, "IK.02": ["≥ 60", -1, None, None], "IK.06": [None, "banyak", None, None]}
    ind = [[*r, *rows.get(str(r[0]), [None] * 4)] for r in IND]
    ang = [[*r, *ANG_RENSTRA.get(str(r[0]), [None, None])] for r in ANG]
    ang[4][-1] = "lima milyar"
    res = read_pk(make_renstra_pk(tmp_path / "pk.xlsx", ind=ind, ang=ang))
    bad = [(f.code, f.cell, f.kode) for f in res.findings if f.code == Code.RENSTRA_TIDAK_SAH]
    # columns: Target Renstra N, Realisasi Renstra O (Indikator); Realisasi Renstra G (Anggaran)
    assert bad == [
        ("renstra-tidak-sah", "N3", "IK.02"),
        ("renstra-tidak-sah", "O3", "IK.02"),
        ("renstra-tidak-sah", "O7", "IK.06"),
        ("renstra-tidak-sah", "G6", "1.03.03.2.01.0001"),
    ]
    assert "isi 60 saja" in res.findings[0].message


def test_parent_renstra_pagu_against_its_leaves(tmp_path: Path) -> None:
    ang = [[*r, None, None] for r in ANG]
    ang[0][-2] = 2_000_000_000  # programme 1.03.10 says 2 M, its sub-kegiatan say 1,5 M
    ang[2][-2], ang[3][-2] = 1_000_000_000, 500_000_000
    res = read_pk(make_renstra_pk(tmp_path / "pk.xlsx", ang=ang))
    found = [f for f in res.findings if f.code == Code.RENSTRA_INDUK_BEDA]
    assert [(f.cell, f.kode, f.severity) for f in found] == [("F2", "1.03.10", "error")]
    assert "Rp1.500.000.000" in found[0].message and "selisih Rp500.000.000" in found[0].message
    # a parent whose leaves are not all given keeps its own figure: no finding
    ang[3][-2] = None
    res = read_pk(make_renstra_pk(tmp_path / "pk2.xlsx", ang=ang))
    assert not [f for f in res.findings if f.code == Code.RENSTRA_INDUK_BEDA]


def test_components_that_cannot_be_used_are_ignored_with_a_warning(tmp_path: Path) -> None:
    rows = {
        "IK.01": [None, None, "Jalan mantap (km)", None],  # Penyebut missing
        "IK.02": [None, None, "a", "b"],  # Satuan km, not %
        "IK.05": [None, None, "a", "b"],  # biner
    }
    ind = [[*r, *rows.get(str(r[0]), [None] * 4)] for r in IND]
    res = read_pk(make_renstra_pk(tmp_path / "pk.xlsx", ind=ind))
    got = [(f.cell, f.kode, f.severity) for f in res.findings if f.code == Code.KOMPONEN_DIABAIKAN]
    assert got == [
        ("Q2", "IK.01", "warning"),
        ("P3", "IK.02", "warning"),
        ("P6", "IK.05", "warning"),
    ]
    assert res.pk is not None and not any(i.komponen for i in res.pk.indikator)


def test_periode_renstra_is_checked(tmp_path: Path) -> None:
    for teks, variant in (
        ("2021 s.d. 2026", None),
        ("tahun 2021", "tidak-sah"),
        ("2019-2024", "luar"),
    ):
        res = read_pk(
            make_pk(tmp_path / "pk.xlsx", identitas=[*IDENTITAS, ("Periode Renstra", teks)])
        )
        found = [f for f in res.findings if f.code == Code.PERIODE_RENSTRA_TIDAK_SAH]
        if variant is None:
            assert not found
        else:
            assert len(found) == 1 and found[0].severity == "warning" and found[0].cell == "B14"
            assert ("di luar" in found[0].message) == (variant == "luar")


def test_a_revision_lists_the_new_columns(tmp_path: Path) -> None:
    old = read_pk(make_renstra_pk(tmp_path / "a.xlsx")).pk
    rows = {**IND_RENSTRA, "IK.01": [75, 60, "Jalan mantap (km)", "Panjang jalan kabupaten (km)"]}
    ind = [[*r, *rows.get(str(r[0]), [None] * 4)] for r in IND]
    new = read_pk(make_renstra_pk(tmp_path / "b.xlsx", ind=ind)).pk
    assert old is not None and new is not None
    changes = {(c.kode, c.kolom): c for c in pk_changes(old, new)}
    assert changes[("IK.01", "Target Renstra")].substantive is False  # no form shows it
    assert changes[("IK.01", "Pembilang")].substantive is True  # the form asks for it
    assert changes[("IK.01", "Pembilang")].cell == "P2"
    assert old.fingerprint("BM") != new.fingerprint("BM")  # a component name is on the form
