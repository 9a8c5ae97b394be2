"""PK Perubahan end to end (docs/contract.md §13): TW I–II under the original PK, a revision from
TW III, TW III–IV and the annual measurement under the revised PK; every periode's figures,
forms, archives and verdicts follow the version in force for it."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.domain.periode import Periode
from kinerja_cli.io.form import fill_form, simulated_values
from kinerja_cli.io.workspace import Workspace, find_workspace
from kinerja_cli.resources import example_pk
from kinerja_cli.services.setup import init_forms, init_workspace, require_pk

pytestmark = pytest.mark.slow  # whole cycles: the full run only

runner = CliRunner()
KODE, BIDANG = "IK.06", "KEU"  # status, naik: Target 100, TW 25/50/75/100 in the example PK
# what KEU reports for IK.06, quarter by quarter
IK06 = [25, 50, 72, 92]


def run(ws: Workspace, *args: str) -> Any:
    return runner.invoke(app, [*args, "-w", str(ws.root)])


def compile_json(ws: Workspace, *args: str) -> dict[str, Any]:
    r = run(ws, "compile", *args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def ind(doc: dict[str, Any], kode: str = KODE) -> dict[str, Any]:
    return next(i for i in doc["indikator"] if i["kode"] == kode)


def set_pk_cells(
    path: Path, kode: str, values: dict[str, object], sheet: str = "Indikator"
) -> None:
    """Change cells of one PK row, found by its Kode, as an officer would in Excel."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = next(r for r in ws.iter_rows(min_row=1, max_row=10) if r[0].value == "Kode")
    cols = {c.value: c.column for c in header if c.value}
    row = next(r[0].row for r in ws.iter_rows(min_row=header[0].row + 1) if r[0].value == kode)
    for h, v in values.items():
        ws.cell(row, cols[h]).value = v
    wb.save(path)


def send(ws: Workspace, periode: Periode, folder: Path | None = None, seed: int = 1) -> None:
    """Every bidang fills its form for the periode (from `folder`, default a fresh init-form)
    and puts it in masuk/."""
    if folder is None:
        forms = [f.path for f in init_forms(ws, periode, None, None).forms]
    else:
        forms = sorted(folder.glob("*.xlsx"))
    pk = require_pk(ws, periode)
    for src in forms:
        bidang = next(b.kode for b in pk.bidang_with_rows() if f"-{b.kode}-" in src.name)
        values, narasi, anggaran = simulated_values(pk, bidang, periode, seed=seed)
        if bidang == BIDANG:
            values[KODE] = list(IK06[: periode.triwulan])
        fill_form(src, ws.masuk / f"{periode.kode}-{src.name}", values, narasi, anggaran)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    init_workspace(tmp_path / "ws", example_pk(), None)
    return find_workspace(tmp_path / "ws")


def test_a_year_with_a_pk_perubahan_from_tw3(ws: Workspace, tmp_path: Path) -> None:
    # ---- TW I and TW II under the original PK --------------------------------------------
    for k in (1, 2):
        send(ws, Periode(k))
        assert run(ws, "collect", "-t", str(k)).exit_code == 0
    tw2 = compile_json(ws, "-t", "2")
    assert tw2["pk_versi"] == 1 and "target_awal" not in ind(tw2)
    assert ind(tw2)["capaian_triwulan"] == 100  # 50 of a TW II target 50
    assert run(ws, "archive", "-t", "1").exit_code == 0
    archived_tw1_pk = (ws.arsip / "2025" / "TW1" / "v1" / "pk.xlsx").read_bytes()
    original = ws.pk.read_bytes()
    assert archived_tw1_pk == original
    # A TW III form issued before the revision (from the original PK), kept by a bidang
    early = tmp_path / "tw3-lama"
    init_forms(ws, Periode(3), [BIDANG], early)

    # ---- the officer edits pk.xlsx: every command that uses targets stops --------------------
    set_pk_cells(ws.pk, KODE, {"Target": 90, "Target TW III": 70, "Target TW IV": 90})
    for cmd in (["compile", "-t", "2"], ["collect"], ["report", "-t", "2"], ["init-form"]):
        r = run(ws, *cmd)
        assert r.exit_code == 2, (cmd, r.output)
        assert "Indikator!I10" in r.stderr and '"100" → "90"' in r.stderr, r.stderr
        assert "revisi-pk pk.xlsx --triwulan K" in r.stderr
    r = run(ws, "check-pk")
    assert r.exit_code == 1 and "pk-diubah-tanpa-revisi" in r.stdout

    # ---- revisi-pk from TW III -----------------------------------------------------------
    # (a relative FILE is looked up in the workspace too, like every other path in it)
    r = run(ws, "revisi-pk", "pk.xlsx", "--triwulan", "3", "--alasan", "APBD-Perubahan 2025")
    assert r.exit_code == 0, r.output
    assert "PK versi 2 dicatat" in r.stdout and "KEU" in r.stdout
    assert "Indikator!I10: IK.06 Target" in r.stdout
    assert run(ws, "check-pk").exit_code == 0

    # TW II keeps the original target, in compile and in a fresh report
    again = compile_json(ws, "-t", "2")
    assert again["pk_versi"] == 1 and ind(again) == ind(tw2)
    # a bidang re-sending its TW II form (built from version 1) is not blamed
    shutil.copy(
        ws.masuk / next(p.name for p in ws.masuk.glob("TW2-*KEU*")),
        ws.masuk / "TW2-KEU-kirim-ulang.xlsx",
    )
    r = run(ws, "collect", "-t", "2", "--json")
    doc = json.loads(r.stdout)
    codes = {f["code"] for f in doc["files"] for f in f["findings"]}
    assert "target-diubah" not in codes and "pk-berubah" not in codes, codes

    # ---- TW III: the old form is refused, saying the PK changed; the new form is accepted ----
    old_form = next(early.glob("*.xlsx"))
    pk3 = require_pk(ws, Periode(3))
    values, narasi, anggaran = simulated_values(pk3, BIDANG, Periode(3), seed=1)
    values[KODE] = IK06[:3]
    fill_form(old_form, ws.masuk / "TW3-KEU-formulir-lama.xlsx", values, narasi, anggaran)
    r = run(ws, "collect", "-t", "3", "--json")
    files = {f["file"]: f for f in json.loads(r.stdout)["files"]}
    lama = files["TW3-KEU-formulir-lama.xlsx"]
    assert lama["status"] == "ditolak"
    by_code = {f["code"]: f for f in lama["findings"]}
    assert by_code["pk-berubah"]["severity"] == "error"
    assert "PK versi 1" in by_code["pk-berubah"]["message"]
    assert "init-form --triwulan 3 --bidang KEU" in by_code["pk-berubah"]["message"]
    target = [f for f in lama["findings"] if f["code"] == "target-diubah"]
    # the TW III form shows Target and Target TW I-III: the two that changed are named
    assert {(f["kode"], f["cell"]) for f in target} == {(KODE, "G8"), (KODE, "J8")}
    assert all("Bukan kesalahan bidang" in f["message"] for f in target)
    (ws.masuk / "TW3-KEU-formulir-lama.xlsx").unlink()
    send(ws, Periode(3))
    r = run(ws, "collect", "-t", "3")
    assert r.exit_code == 0, r.output
    tw3 = compile_json(ws, "-t", "3")
    assert tw3["pk_versi"] == 2
    assert ind(tw3)["target"] == 90 and ind(tw3)["target_awal"] == 100
    assert ind(tw3)["capaian_triwulan"] == round(72 / 70 * 100, 2)
    others = [i for i in tw3["indikator"] if i["kode"] != KODE]
    assert all(i["target_awal"] is None for i in others)
    # the draft shows both targets where one changed, and says which PK it measured by
    from kinerja_cli.io.draft import read_tables

    draf3 = (ws.hasil / "Draf-Pengukuran-Kinerja-2025-TW3.xlsx").read_bytes()
    row = read_tables(draf3)["Pengukuran"][KODE]
    assert row["Target (PK awal)"] == "100" and row["Target (PK perubahan)"] == "90"
    assert read_tables(draf3)["Pengukuran"]["IK.02"]["Target (PK awal)"] == "82.5"  # unchanged
    wb = openpyxl.load_workbook(ws.hasil / "Draf-Pengukuran-Kinerja-2025-TW3.xlsx")
    notes = [c.value for r in wb["Pengukuran"].iter_rows() for c in r if isinstance(c.value, str)]
    assert any("PK versi 2 (PK Perubahan berlaku sejak Triwulan III" in n for n in notes)
    draf2 = (ws.hasil / "Draf-Pengukuran-Kinerja-2025-TW2.xlsx").read_bytes()
    assert "Target" in read_tables(draf2)["Pengukuran"][KODE]

    # ---- TW IV and the annual measurement under the revised PK ---------------------------
    send(ws, Periode(4))
    assert run(ws, "collect", "-t", "4").exit_code == 0
    tahunan = compile_json(ws)
    assert tahunan["pk_versi"] == 2 and ind(tahunan)["capaian"] == round(92 / 90 * 100, 2)
    assert ind(tahunan)["target_awal"] == 100
    # the annual report: both targets on the lembar, the revision in the method note, in
    # every format; a report of TW II (before the revision) shows neither
    out = tmp_path / "laporan"
    r = run(ws, "report", "-f", "html,docx,xlsx", "--out", str(out))
    assert r.exit_code == 0, r.output
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "Target (PK awal)" in html and "Target (PK perubahan)" in html
    note = "memakai Perjanjian Kinerja versi 2: PK Perubahan berlaku sejak Triwulan III"
    assert note in html and "APBD-Perubahan 2025" in html and "(IK.06)" in html
    import docx

    d = docx.Document(str(next(out.glob("*.docx"))))
    lembar = next(t for t in d.tables if t.rows[0].cells[1].text == "Kode")
    heads = [c.text for c in lembar.rows[0].cells]
    assert heads[5:7] == ["Target (PK awal)", "Target (PK perubahan)"], heads
    row = next(r_ for r_ in lembar.rows if r_.cells[1].text == KODE)
    assert [c.text for c in row.cells[5:7]] == ["100", "90"]
    assert any(note in p_.text for p_ in d.paragraphs)
    xl = openpyxl.load_workbook(next(out.glob("*.xlsx")))["Pengukuran"]
    texts = [c.value for r_ in xl.iter_rows() for c in r_]
    assert "Target (PK awal)" in texts and "Target (PK perubahan)" in texts
    out2 = tmp_path / "laporan-tw2"
    assert run(ws, "report", "-t", "2", "-f", "html,docx", "--out", str(out2)).exit_code == 0
    html2 = next(out2.glob("*.html")).read_text(encoding="utf-8")
    assert "PK awal" not in html2 and "versi 2" not in html2
    d2 = docx.Document(str(next(out2.glob("*.docx"))))
    assert not any("versi 2" in p_.text for p_ in d2.paragraphs)
    # TW I's archive still holds the PK it was measured by; TW III's holds the revision
    assert run(ws, "archive", "-t", "3").exit_code == 0
    tw3_pk = (ws.arsip / "2025" / "TW3" / "v1" / "pk.xlsx").read_bytes()
    assert tw3_pk == ws.pk.read_bytes() != original
    manifest = json.loads((ws.arsip / "2025" / "TW3" / "v1" / "MANIFEST.json").read_text())
    assert manifest["pk_versi"] == 2
    # a revision reaching back into a closed periode is refused
    r = run(ws, "revisi-pk", str(ws.pk), "-t", "3", "--alasan", "lagi")
    assert r.exit_code == 2 and "ditutup" in r.stderr
    # kinerja diff lists the changed cells between two versions (or PK files)
    r = run(ws, "diff", "pk:1", "pk:2", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["jenis"] == "pk"
    cells = {(c["sel"], c["lama"], c["baru"]) for c in doc["perubahan"]}
    assert cells == {
        ("Indikator!I10", "100", "90"),
        ("Indikator!L10", "75", "70"),
        ("Indikator!M10", "100", "90"),
    }
    r = run(ws, "diff", "pk:1", "pk.xlsx")
    assert r.exit_code == 0 and "Indikator!I10" in r.stdout
    # next year starts from the last version in force, even if pk.xlsx was edited afterwards
    set_pk_cells(ws.pk, KODE, {"Indikator Kinerja": "diubah tanpa revisi"})
    r = runner.invoke(app, ["init", str(tmp_path / "ws2026"), "--dari", str(ws.root)])
    assert r.exit_code == 0, r.output
    carried = openpyxl.load_workbook(tmp_path / "ws2026" / "pk.xlsx")["Indikator"]
    texts = {c.value for row in carried.iter_rows() for c in row}
    assert "diubah tanpa revisi" not in texts and KODE in texts


def test_stored_verdicts_are_checked_again_after_a_revision(ws: Workspace) -> None:
    """A TW III submission accepted under version 1 is checked again by the next collect once a
    revision from TW III changes its rows, and the changed verdict is reported."""
    send(ws, Periode(3))
    first = json.loads(run(ws, "collect", "-t", "3", "--json").stdout)
    keu = next(f for f in first["files"] if "KEU" in f["file"])
    assert keu["status"] == "diterima"
    set_pk_cells(ws.pk, KODE, {"Target": 90, "Target TW III": 70, "Target TW IV": 90})
    r = run(ws, "revisi-pk", str(ws.pk), "-t", "3", "--alasan", "APBD-P")
    assert r.exit_code == 0, r.output
    r = run(ws, "collect", "-t", "3", "--json")
    doc = json.loads(r.stdout)
    rechecked = {d["file"]: d for d in doc["diperiksa_ulang"]}
    assert rechecked[keu["file"]]["status_lama"] == "diterima"
    assert rechecked[keu["file"]]["status"] == "ditolak"
    assert rechecked[keu["file"]]["pk_versi"] == 2
    # bidang whose rows did not change keep their verdict (checked, unchanged)
    assert all(d["status"] == "diterima" for f, d in rechecked.items() if "KEU" not in f)
    now = next(f for f in doc["files"] if f["file"] == keu["file"])
    assert now["status"] == "ditolak" and r.exit_code == 1
    # the same input gives the same result as in a workspace that only knew the revised PK
    again = json.loads(run(ws, "collect", "-t", "3", "--json").stdout)
    assert again["diperiksa_ulang"] == []  # checked once
    r = run(ws, "collect", "-t", "3")
    assert "Diperiksa ulang" not in r.stdout


def test_an_interrupted_revision_is_finished_by_the_next_command(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_forms(ws, Periode(1), None, None)  # forms issued: pk.xlsx is version 1
    revised = tmp_path / "PK-Perubahan.xlsx"
    shutil.copy(ws.pk, revised)
    set_pk_cells(revised, KODE, {"Target": 90, "Target TW IV": 90})
    before = ws.pk.read_bytes()

    import kinerja_cli.io.atomic as atomic

    real = atomic.atomic_write_bytes

    def crash(path: Path, data: bytes, **kw: Any) -> Any:
        if Path(path) == ws.pk:
            raise KeyboardInterrupt  # the machine stops between recording and installing
        return real(path, data, **kw)

    monkeypatch.setattr(atomic, "atomic_write_bytes", crash)
    from kinerja_cli.services.revisi import revisi_pk

    with pytest.raises(KeyboardInterrupt):
        revisi_pk(ws, revised, 3, "APBD-P")
    monkeypatch.setattr(atomic, "atomic_write_bytes", real)
    assert ws.pk.read_bytes() == before  # not half-written
    # the next command installs the recorded revision: the new state, never a half one
    r = run(ws, "check-pk", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["pk_versi"] == 2
    assert (
        hashlib.sha256(ws.pk.read_bytes()).digest() == hashlib.sha256(revised.read_bytes()).digest()
    )


def test_revisi_refusals(ws: Workspace, tmp_path: Path) -> None:
    revised = tmp_path / "baru.xlsx"
    shutil.copy(ws.pk, revised)
    set_pk_cells(revised, KODE, {"Target": 90, "Target TW IV": 90})
    # before any form was issued pk.xlsx may simply be replaced
    r = run(ws, "revisi-pk", str(revised), "-t", "3", "--alasan", "x")
    assert r.exit_code == 2 and "ganti pk.xlsx langsung" in r.stderr
    init_forms(ws, Periode(1), None, None)
    assert run(ws, "revisi-pk", str(revised), "-t", "3", "--alasan", " ").exit_code == 2
    assert run(ws, "revisi-pk", str(ws.pk), "-t", "3", "--alasan", "sama").exit_code == 0
    r = run(ws, "revisi-pk", str(revised), "-t", "3", "--alasan", "APBD-P")
    assert r.exit_code == 0, r.output
    r = run(ws, "revisi-pk", str(revised), "-t", "2", "--alasan", "lebih awal")
    assert r.exit_code == 2 and "tidak dapat berlaku lebih awal" in r.stderr
    broken = tmp_path / "rusak.xlsx"
    shutil.copy(revised, broken)
    set_pk_cells(broken, KODE, {"Arah": "entah"})
    r = run(ws, "revisi-pk", str(broken), "-t", "4", "--alasan", "x")
    assert r.exit_code == 1 and "arah-tidak-sah" in r.stderr
    # editing names only is not a revision and never stops a command
    set_pk_cells(ws.pk, KODE, {"Definisi Operasional": "definisi yang diperbaiki"})
    assert run(ws, "compile", "-t", "1").exit_code in (0, 1)  # 1: nothing accepted yet
    assert run(ws, "check-pk").exit_code == 0
