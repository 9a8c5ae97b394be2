"""SOP step 8 (docs/contract.md §11): the Sekretaris's corrections in the draft reach compile,
report, status and archive, with an audit trail; a bad correction is refused at its cell and
nothing is applied; a later submission that changes a corrected cell wins, with a warning."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.errors import KinerjaError
from kinerja_cli.services.archive import archive
from kinerja_cli.services.compile import compile_draft
from kinerja_cli.services.koreksi import koreksi
from kinerja_cli.store import corrections
from kinerja_cli.store.db import Store
from support.collectkit import T0, TW2, Kit

runner = CliRunner()


def _table(ws: Any) -> tuple[int, dict[str, int]]:
    head = next(r for r in range(1, 20) if any(c.value == "Kode" for c in ws[r]))
    return head, {c.value: c.column for c in ws[head] if c.value}


def _row(ws: Any, kode: str) -> int:
    head, cols = _table(ws)
    return next(
        r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, cols["Kode"]).value == kode
    )


def _edit(draft: Path, dest: Path, edits: list[tuple[str, str, str, Any]]) -> Path:
    """Save a copy of the draft with (sheet, kode, header, value) cells changed."""
    wb = openpyxl.load_workbook(draft)
    for sheet, kode, header, value in edits:
        ws = wb[sheet]
        ws.cell(_row(ws, kode), _table(ws)[1][header]).value = value
    wb.save(dest)
    return dest


@pytest.fixture
def compiled(kit: Kit) -> tuple[Kit, Path]:
    kit.put_all()
    kit.collect()
    res = compile_draft(kit.ws, TW2)
    assert res.path is not None
    return kit, res.path


def _leaf(kit: Kit) -> tuple[str, str]:
    leaf = next(a for a in kit.pk.anggaran if a.bidang == "BM" and not kit.pk.is_parent(a.kode))
    return leaf.kode, leaf.bidang


def test_the_correction_loop(compiled: tuple[Kit, Path], tmp_path: Path) -> None:
    kit, draft = compiled
    ind = kit.pk.indikator_of("BM")[0]
    leaf, _ = _leaf(kit)
    # The Sekretaris saves a corrected copy elsewhere (it is recognised by its identity).
    copy = _edit(
        draft,
        tmp_path / "draf-koreksi-sekretaris.xlsx",
        [
            ("Pengukuran", ind.kode, "Realisasi TW II", 77.7),
            ("Permasalahan", ind.kode, "Tindak Lanjut", "Dipercepat pada TW III"),
            ("Anggaran", leaf, "Realisasi TW II (Rp)", 1000),
            ("Pengukuran", ind.kode, "Capaian (%)", 999),  # a computed cell: a warning only
        ],
    )
    res = koreksi(kit.ws, copy)
    assert res.status == "diterapkan" and res.exit_code == 0
    fields = {(c.kind, c.kode, c.field): c for c in res.koreksi}
    assert set(fields) == {
        ("realisasi", ind.kode, "TW2"),
        ("narasi", ind.kode, "tindak_lanjut"),
        ("anggaran", leaf, "TW2"),
    }
    assert fields[("realisasi", ind.kode, "TW2")].baru == "77.7"
    assert [f.code for f in res.findings] == ["koreksi-nilai-hitungan"]
    # The audit trail: old -> new, who, when, the draft's SHA-256.
    with Store.open(kit.ws) as store:
        log = corrections.all_of(store, TW2)
    assert {c.draft_sha256 for c in log} == {res.sha256} and all("@" in c.oleh for c in log)
    assert all(c.at and c.basis_sha256 for c in log)
    # Compile uses them; a second run on the same draft records nothing new.
    k = compile_draft(kit.ws, TW2).kompilasi
    got = next(i for i in k.indikator if i.kode == ind.kode)
    assert got.realisasi_tw[1] == Decimal("77.7")
    assert got.narasi.tindak_lanjut == "Dipercepat pada TW III"
    assert next(a for a in k.anggaran if a.kode == leaf).realisasi_tw[1] == Decimal(1000)
    # ...and carries them, so the draft's Catatan and the report's method note list them.
    assert {(c.jenis, c.kode, c.field) for c in k.koreksi} == set(fields)
    assert {(c.oleh, c.waktu, c.draf) for c in k.koreksi} == {(log[0].oleh, log[0].at, copy.name)}
    real = next(c for c in k.koreksi if c.jenis == "realisasi")
    assert (real.baru_teks, real.isian, real.sheet) == ("77,7", "Realisasi TW II", "Pengukuran")
    from kinerja_cli.io.draft import to_json

    listed = {(x["kode"], x["field"], x["baru"]) for x in to_json(k)["koreksi"]}  # compile --json
    assert (ind.kode, "TW2", "77.7") in listed and len(listed) == 3
    again = koreksi(kit.ws, copy)
    assert (again.status, again.sudah) == ("tanpa-perubahan", 3), [f.line() for f in again.findings]
    # Status: step 8 done; the archive holds the corrected draft and the log.
    from kinerja_cli.services.status import status

    step8 = next(s for s in status(kit.ws, TW2).jadwal if s.langkah == 8)
    assert step8.selesai
    arc = archive(kit.ws, TW2, ["kinerja", "archive", "-t", "2"])
    names = {p for p, _, _ in arc.files}
    assert f"hasil/{copy.name}" in names and "koreksi.json" in names
    logged = json.loads((arc.folder / "koreksi.json").read_text(encoding="utf-8"))
    assert len(logged) == 3 and logged[0]["draft_sha256"] == res.sha256
    # A correction on a closed periode is refused the same way as a new file.
    later = _edit(copy, tmp_path / "lagi.xlsx", [("Pengukuran", ind.kode, "Realisasi TW II", 70)])
    closed = koreksi(kit.ws, later)
    assert closed.status == "ditolak" and closed.findings[0].code == "periode-ditutup"


def test_a_bad_correction_is_refused_at_its_cell_and_nothing_applies(
    compiled: tuple[Kit, Path], tmp_path: Path
) -> None:
    kit, draft = compiled
    inds = kit.pk.indikator_of("BM")
    leaf, _ = _leaf(kit)
    pagu = next(a.pagu for a in kit.pk.anggaran if a.kode == leaf)
    bad = _edit(
        draft,
        tmp_path / "salah.xlsx",
        [
            ("Pengukuran", inds[0].kode, "Realisasi TW II", 80),  # fine on its own
            ("Pengukuran", inds[1].kode, "Realisasi TW II", "12,5x"),
            ("Pengukuran", inds[2].kode, "Target", 1),  # from the PK
            ("Anggaran", leaf, "Realisasi TW II (Rp)", float(pagu) * 2),  # above the pagu
        ],
    )
    res = koreksi(kit.ws, bad)
    assert res.status == "ditolak" and res.exit_code == 1 and res.koreksi == []
    got = {(f.code, f.sheet, f.kode) for f in res.findings if f.severity == "error"}
    assert ("realisasi-bukan-angka", "Pengukuran", inds[1].kode) in got
    assert ("koreksi-nilai-pk", "Pengukuran", inds[2].kode) in got
    assert ("anggaran-melebihi-pagu", "Anggaran", leaf) in got
    assert all(f.cell for f in res.findings)
    with Store.open(kit.ws) as store:
        assert corrections.all_of(store, TW2) == []
    # The CLI: exit 1 and the findings with sheet and cell.
    r = runner.invoke(app, ["koreksi", str(bad), "-w", str(kit.ws.root), "--json"])
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["status"] == "ditolak" and doc["koreksi"] == [] and doc["sha256"] == res.sha256


def test_a_later_submission_of_the_corrected_value_wins_with_a_warning(
    compiled: tuple[Kit, Path], tmp_path: Path
) -> None:
    kit, draft = compiled
    ind = kit.pk.indikator_of("BM")[0]
    other = kit.pk.indikator_of("BM")[1]
    copy = _edit(
        draft,
        tmp_path / "k.xlsx",
        [
            ("Pengukuran", ind.kode, "Realisasi TW II", 77.7),
            ("Pengukuran", other.kode, "Realisasi TW II", 5),
        ],
    )
    assert koreksi(kit.ws, copy).status == "diterapkan"
    # BM sends a new version changing ind's TW II (but not other's): the bidang's value wins
    # there, the correction of the untouched cell stays.
    data = kit.data["BM"]
    changed = {k: list(v) for k, v in data.realisasi.items()}
    changed[ind.kode][1] = Decimal("66.6")
    new = kit.refill(
        "BM",
        "BM-v2.xlsx",
        T0 + 3600,
        data=type(data)(data.bidang, changed, data.narasi, data.anggaran),
    )
    res = kit.collect()
    row = next(f for f in res.files if f.file == new.name)
    assert [f.code for f in row.findings if f.code == "koreksi-ditimpa"] == ["koreksi-ditimpa"]
    assert res.exit_code == 0  # a warning
    k = compile_draft(kit.ws, TW2).kompilasi
    values = {i.kode: i.realisasi_tw[1] for i in k.indikator}
    assert values[ind.kode] == Decimal("66.6") and values[other.kode] == Decimal(5)
    assert [c.kode for c in k.koreksi] == [other.kode]  # the overridden one is not in force


def test_a_draft_kinerja_did_not_write_is_refused(
    compiled: tuple[Kit, Path], tmp_path: Path
) -> None:
    kit, draft = compiled
    plain = tmp_path / "bukan.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(plain)
    with pytest.raises(KinerjaError, match="bukan draf"):
        koreksi(kit.ws, plain)
    # The newest draft is the default; unchanged it has nothing to apply.
    assert koreksi(kit.ws).status == "tanpa-perubahan"
    shutil.copy(draft, tmp_path / "salinan.xlsx")
    assert koreksi(kit.ws, tmp_path / "salinan.xlsx").status == "tanpa-perubahan"


def test_diff_between_a_draft_and_its_corrected_copy_shows_every_correction(
    compiled: tuple[Kit, Path], tmp_path: Path
) -> None:
    from kinerja_cli.services.diff import diff

    kit, draft = compiled
    ind = kit.pk.indikator_of("BM")[0]
    copy = _edit(
        draft,
        tmp_path / "k.xlsx",
        [
            ("Pengukuran", ind.kode, "Realisasi TW II", 77.7),
            ("Permasalahan", ind.kode, "Tindak Lanjut", "Dipercepat"),
        ],
    )
    res = diff(kit.ws, str(draft), str(copy))
    changed = {(p.jenis, p.kode, p.kolom) for p in res.perubahan}
    assert ("Pengukuran", ind.kode, "Realisasi TW II") in changed
    assert ("Permasalahan", ind.kode, "Tindak Lanjut") in changed


def test_the_annual_draft_corrects_the_years_realisation(kit: Kit, tmp_path: Path) -> None:
    from kinerja_cli.domain.models import Sifat
    from kinerja_cli.domain.periode import TAHUNAN
    from kinerja_cli.services.setup import init_forms
    from support.collectkit import fill_form
    from support.fakedata import example_data

    forms = init_forms(kit.ws, TAHUNAN, None, tmp_path / "tahunan")
    data = example_data(kit.pk, TAHUNAN)
    for f in forms.forms:
        fill_form(f.path, kit.ws.masuk / f.path.name, data[f.bidang], mtime=T0)
    kit.collect()
    draft = compile_draft(kit.ws, TAHUNAN).path
    assert draft is not None
    numeric = [i for i in kit.pk.indikator if i.numerik]
    kum = next(i for i in numeric if i.sifat == Sifat.KUMULATIF)
    sta = next(i for i in numeric if i.sifat == Sifat.STATUS)
    q = data[kum.bidang].realisasi[kum.kode]
    total = sum(q[:3]) + Decimal("10")
    res = koreksi(
        kit.ws,
        _edit(
            draft,
            tmp_path / "k.xlsx",
            [
                ("Pengukuran", kum.kode, "Realisasi", float(total)),
                ("Pengukuran", sta.kode, "Realisasi", 55),
            ],
        ),
    )
    assert res.status == "diterapkan", [f.line() for f in res.findings]
    got = {(c.kode, c.field): c.baru for c in res.koreksi}
    assert Decimal(got[(kum.kode, "TW4")]) == Decimal("10")  # the total minus TW I-III
    assert Decimal(got[(sta.kode, "TW4")]) == Decimal(55)
    k = compile_draft(kit.ws, TAHUNAN).kompilasi
    assert next(i.realisasi for i in k.indikator if i.kode == kum.kode) == total


@pytest.mark.slow
def test_a_component_indicators_realisation_is_not_corrected_in_the_draft(
    compiled: tuple[Kit, Path], tmp_path: Path
) -> None:
    """docs/contract.md §14: IK.31 is Pembilang ÷ Penyebut × 100; a changed Realisasi cell is a
    computed value (a warning), the bidang's components stay in force."""
    kit, draft = compiled
    edited = _edit(draft, tmp_path / "k.xlsx", [("Pengukuran", "IK.31", "Realisasi TW II", 99)])
    res = koreksi(kit.ws, edited)
    got = [(f.code, f.severity, f.kode) for f in res.findings]
    assert got == [("koreksi-nilai-hitungan", "warning", "IK.31")]
    assert "Pembilang dan Penyebut" in res.findings[0].message
    assert res.koreksi == []
    k = compile_draft(kit.ws, TW2).kompilasi
    ik31 = next(i for i in k.indikator if i.kode == "IK.31")
    assert (ik31.pembilang, ik31.penyebut) == (Decimal(168), Decimal(196))
    assert ik31.realisasi == Decimal("85.71428571428571428571428571428571")  # 16800 / 196
