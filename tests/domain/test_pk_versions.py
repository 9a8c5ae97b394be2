"""The PK's versions and what differs between two PKs (docs/contract.md §13), without files."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.domain.pk_changes import BARIS, bidang_changed, pk_changes, substantive
from kinerja_cli.domain.pk_versions import PKVersion, PKVersions, keterangan, target_awal


@pytest.fixture(scope="module")
def pk():  # noqa: ANN201
    from kinerja_cli.io.pk.reader import read_pk
    from support.paths import EXAMPLE_PK

    return read_pk(EXAMPLE_PK).pk


def _retarget(pk, kode: str, teks: str, value: Decimal):  # noqa: ANN001, ANN202
    inds = tuple(
        dataclasses.replace(i, target=value, target_teks=teks) if i.kode == kode else i
        for i in pk.indikator
    )
    return dataclasses.replace(pk, indikator=inds)


def test_the_version_in_force_for_each_periode(pk) -> None:  # noqa: ANN001
    v2 = _retarget(pk, "IK.06", "90", Decimal(90))
    v3 = _retarget(pk, "IK.06", "80", Decimal(80))
    versions = PKVersions(
        (PKVersion(1, 1, pk), PKVersion(2, 3, v2, "2025-08-04", "APBD-P"), PKVersion(3, 4, v3))
    )
    got = {p.kode: versions.in_force(p).versi for p in [*map(Periode, range(1, 5)), TAHUNAN]}
    assert got == {"TW1": 1, "TW2": 1, "TW3": 2, "TW4": 3, "tahunan": 3}
    assert versions.revised and versions.first.versi == 1 and versions.latest.versi == 3
    assert [v.versi for v in versions.revisions_upto(2)] == [2]
    # a form's fingerprint names the version it was built from; unchanged bidang share it
    assert versions.by_fingerprint("KEU", pk.fingerprint("KEU")).versi == 1
    assert versions.by_fingerprint("SEK", pk.fingerprint("SEK")).versi == 3  # latest match
    assert versions.by_fingerprint("KEU", "0" * 16) is None
    assert set(target_awal(versions, versions.in_force(Periode(3)))) == {"IK.06"}
    assert target_awal(versions, versions.first) == {}
    assert PKVersions.single(pk).in_force(TAHUNAN).versi == 1
    with pytest.raises(ValueError):
        PKVersions(())


def test_keterangan_in_words() -> None:
    assert keterangan(1, 1, "", "") == "PK awal"
    assert (
        keterangan(2, 3, "2025-08-04", "APBD-Perubahan")
        == "PK Perubahan berlaku sejak Triwulan III, dicatat 4 Agustus 2025: APBD-Perubahan"
    )


def test_changes_cell_by_cell(pk) -> None:  # noqa: ANN001
    new = _retarget(pk, "IK.06", "90", Decimal(90))
    changes = pk_changes(pk, new)
    assert [(c.where, c.kolom, c.lama, c.baru) for c in changes] == [
        ("Indikator!I10", "Target", "100", "90")
    ]
    assert bidang_changed(changes) == {"KEU"}
    assert pk_changes(pk, pk) == []


def test_rows_added_removed_moved_and_names(pk) -> None:  # noqa: ANN001
    first, *rest = pk.indikator
    other = next(b.kode for b in pk.bidang if b.kode != rest[0].bidang)
    moved = dataclasses.replace(rest[0], bidang=other)
    renamed = tuple(dataclasses.replace(b, nama=b.nama + " Baru") for b in pk.bidang[:1])
    new = dataclasses.replace(
        pk,
        indikator=(moved, *rest[1:]),  # IK.01 removed, IK.02 moved to another bidang
        bidang=(*renamed, *pk.bidang[1:]),
        identitas=dataclasses.replace(pk.identitas, kepala="Kepala Baru"),
    )
    changes = pk_changes(pk, new)
    kinds = {(c.sheet, c.kode, c.kolom): c for c in changes}
    removed = kinds[("Indikator", "IK.01", BARIS)]
    assert removed.baru == "" and removed.substantive and "baris dihapus" in removed.line()
    assert kinds[("Indikator", rest[0].kode, "Bidang")].baru == other
    # the row leaves its old owner's form too
    assert {c.bidang for c in changes if c.kode == rest[0].kode} == {rest[0].bidang, other}
    # names are not a revision: the guard ignores them
    names = [c for c in changes if not c.substantive]
    assert {c.kolom for c in names} == {"Nama", "Kepala Perangkat Daerah"}
    assert all(c in substantive(changes) for c in changes if c.sheet == "Indikator")


def test_budget_rows_and_plans(pk) -> None:  # noqa: ANN001
    leaf = next(a for a in pk.anggaran if not pk.is_parent(a.kode))
    plan = (leaf.rencana_tw[0], leaf.rencana_tw[1], Decimal(1), leaf.rencana_tw[3])
    new = dataclasses.replace(
        pk,
        anggaran=tuple(
            dataclasses.replace(a, pagu=a.pagu - 1, rencana_tw=plan) if a is leaf else a
            for a in pk.anggaran
        ),
    )
    got = {c.kolom: c for c in pk_changes(pk, new)}
    assert set(got) == {"Pagu", "Rencana TW III"}
    assert got["Pagu"].where == f"Anggaran!D{leaf.baris}"
    assert got["Rencana TW III"].baru == "Rp1"
