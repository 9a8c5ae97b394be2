"""The whole SOP end to end: the demo, archive (+ verify), diff, and a two-year chain."""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.workspace import find_workspace
from kinerja_cli.services.archive import archive, reopen, verify
from kinerja_cli.services.demo import run_demo
from kinerja_cli.services.diff import diff

pytestmark = pytest.mark.slow  # whole cycles / rendering / fuzzing: the full run only

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float, list]:
    t0 = time.perf_counter()
    res = run_demo(tmp_path_factory.mktemp("demo") / "demo")
    return res.root, time.perf_counter() - t0, res.steps


@pytest.fixture
def demo_ws(demo_master, tmp_path: Path):
    """A private copy of the demo workspace (archives stay read-only in the copy)."""
    root, _, _ = demo_master
    dest = tmp_path / "ws"
    shutil.copytree(root, dest)
    return find_workspace(dest)


def test_demo_walks_every_sop_step(demo_master) -> None:
    root, seconds, steps = demo_master
    assert seconds < 60
    langkah = [s.langkah for s in steps]
    for step in ("3", "4", "5", "6-7", "8", "9", "10", "11"):
        assert step in langkah, step
    assert all(p.exists() for s in steps for p in s.berkas)
    names = {p.name for p in (root / "hasil").iterdir()}
    assert "Draf-Pengukuran-Kinerja-2025-TW2.xlsx" in names
    assert "Laporan-Pengukuran-Kinerja-2025.html" in names
    assert "Reviu-Triwulan-II-2025.docx" in names
    assert (root / "arsip" / "2025" / "TW2" / "v1" / "MANIFEST.json").is_file()
    diff_step = next(s for s in steps if s.langkah == "8")
    assert "IK.11" in diff_step.keterangan  # the overwritten target, put back


def test_archive_manifest_read_only_and_versions(demo_ws) -> None:
    folder = demo_ws.arsip / "2025" / "TW2" / "v1"
    manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["periode"] == "TW2" and manifest["alat"].startswith("kinerja")
    paths = {e["path"] for e in manifest["berkas"]}
    assert "pk.xlsx" in paths and "kinerja.db" in paths
    assert any(p.startswith("kiriman/diterima/BM/") for p in paths)
    assert any(p.startswith("kiriman/ditolak/BM/") for p in paths)  # the rejected version, marked
    assert any(p.startswith("hasil/Draf-") for p in paths)
    for e in manifest["berkas"]:
        p = folder / e["path"]
        assert p.stat().st_size == e["ukuran"]
        assert p.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) == 0
    assert verify(demo_ws, Periode(2)).ok
    with pytest.raises(KinerjaError, match="--buka --alasan"):  # archiving closed the periode
        archive(demo_ws, Periode(2), ["kinerja", "archive", "-t", "2"])
    reopen(demo_ws, Periode(2), "uji: arsip ulang")
    again = archive(demo_ws, Periode(2), ["kinerja", "archive", "-t", "2"])
    assert again.version == 2 and again.folder.name == "v2"
    assert (folder / "MANIFEST.json").exists()  # v1 untouched


def test_archive_verify_names_changed_and_missing_files(demo_ws) -> None:
    folder = demo_ws.arsip / "2025" / "TW2" / "v1"
    os.chmod(folder, stat.S_IRWXU)
    os.chmod(folder / "pk.xlsx", stat.S_IRUSR | stat.S_IWUSR)
    (folder / "pk.xlsx").write_bytes(b"diubah")
    os.chmod(folder / "kinerja.toml", stat.S_IRUSR | stat.S_IWUSR)
    (folder / "kinerja.toml").unlink()
    res = verify(demo_ws, Periode(2))
    assert not res.ok
    text = "\n".join(res.problems)
    assert "pk.xlsx: isi berubah" in text and "kinerja.toml: berkas hilang" in text
    r = runner.invoke(app, ["archive", "--verify", "-w", str(demo_ws.root)])
    assert r.exit_code == 1 and "pk.xlsx" in r.output


def test_diff_two_submissions(demo_ws) -> None:
    lama = demo_ws.masuk / "2025-TW2-BM-Bina-Marga.xlsx"
    baru = demo_ws.masuk / "2025-TW2-BM-Bina-Marga (perbaikan).xlsx"
    res = diff(demo_ws, str(lama), str(baru))
    kinds = {(p.jenis, p.kode, p.kolom) for p in res.perubahan}
    assert ("realisasi", "IK.10", "Realisasi TW I") in kinds
    assert any(j == "terkunci" and k == "IK.11" for j, k, _ in kinds)
    r = runner.invoke(app, ["diff", str(lama), str(baru), "--json", "-w", str(demo_ws.root)])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["jenis"] == "kiriman" and doc["jumlah"] == len(res.perubahan)
    assert (
        runner.invoke(app, ["diff", str(lama), str(lama), "-w", str(demo_ws.root)]).exit_code == 0
    )


def test_diff_two_drafts_shows_the_sekretaris_correction(demo_ws, tmp_path: Path) -> None:
    draf = demo_ws.hasil / "Draf-Pengukuran-Kinerja-2025-TW2.xlsx"
    koreksi = tmp_path / "koreksi.xlsx"
    wb = openpyxl.load_workbook(draf)
    ws = wb["Pengukuran"]
    header = {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}
    row = next(r for r in range(6, ws.max_row + 1) if ws.cell(r, header["Kode"]).value == "IK.12")
    ws.cell(row, header["Realisasi TW II"]).value = 4.25
    wb.save(koreksi)
    res = diff(demo_ws, str(draf), str(koreksi))
    assert res.jenis == "draf"
    changed = {(p.jenis, p.kode, p.kolom, p.baru) for p in res.perubahan}
    assert ("Pengukuran", "IK.12", "Realisasi TW II", "4.25") in changed


def _pk_2026(src: Path, dest: Path) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb["Identitas"]
    for row in ws.iter_rows():
        if row[0].value == "Tahun":
            row[1].value = 2026
    wb.save(dest)
    return dest


def _tahunan_cycle(ws_root: Path) -> dict:
    from kinerja_cli.io.form.filler import fill_form, simulated_values
    from kinerja_cli.services.collect import collect
    from kinerja_cli.services.setup import init_forms, require_pk

    ws = find_workspace(ws_root)
    pk = require_pk(ws)
    forms = init_forms(ws, TAHUNAN, None, None)
    for f in forms.forms:
        values, narasi, anggaran = simulated_values(pk, f.bidang, TAHUNAN, seed=7)
        fill_form(f.path, ws.masuk / f.path.name, values, narasi, anggaran)
    collect(ws)
    r = runner.invoke(app, ["compile", "--json", "-w", str(ws_root)])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_two_year_chain(demo_master, tmp_path: Path, example_pk: Path) -> None:
    root, _, _ = demo_master
    lalu = json.loads(runner.invoke(app, ["compile", "--json", "-w", str(root)]).stdout)
    by_kode = {i["kode"]: i for i in lalu["indikator"]}
    pk26 = _pk_2026(example_pk, tmp_path / "pk2026.xlsx")
    ws26 = tmp_path / "ws2026"
    r = runner.invoke(app, ["init", str(ws26), "--pk", str(pk26), "--dari", str(root)])
    assert r.exit_code == 0, r.output
    doc = _tahunan_cycle(ws26)
    assert doc["tahun"] == 2026
    ik = {i["kode"]: i for i in doc["indikator"]}
    assert ik["IK.10"]["tahun_lalu"]["tahun"] == 2025
    assert ik["IK.10"]["tahun_lalu"]["capaian"] == by_kode["IK.10"]["capaian"]
    assert ik["IK.10"]["tahun_lalu"]["realisasi"] == by_kode["IK.10"]["realisasi"]
    r = runner.invoke(
        app, ["report", "--format", "html", "-w", str(ws26), "--tanggal", "2027-01-20"]
    )
    assert r.exit_code == 0, r.output
    html = (ws26 / "hasil" / "Laporan-Pengukuran-Kinerja-2026.html").read_text(encoding="utf-8")
    assert "2025" in html and "belum ditautkan" not in html


def test_year_without_history_says_so(tmp_path: Path, example_pk: Path) -> None:
    ws = tmp_path / "ws"
    runner.invoke(app, ["init", str(ws), "--pk", str(example_pk)])
    doc = _tahunan_cycle(ws)
    assert all("tahun_lalu" not in i for i in doc["indikator"])
    r = runner.invoke(app, ["report", "--format", "html", "-w", str(ws), "--tanggal", "2026-01-20"])
    assert r.exit_code == 0, r.output
    html = (ws / "hasil" / "Laporan-Pengukuran-Kinerja-2025.html").read_text(encoding="utf-8")
    # no previous year: the comparison is left out, not apologised for (docs/contract.md §16)
    assert "Tahun Sebelumnya" not in html and "ditautkan" not in html


def test_chain_from_an_archive_folder(demo_master, tmp_path: Path, example_pk: Path) -> None:
    root, _, _ = demo_master
    arsip = root / "arsip" / "2025" / "tahunan" / "v1"
    pk26 = _pk_2026(example_pk, tmp_path / "pk2026.xlsx")
    ws26 = tmp_path / "ws2026"
    assert (
        runner.invoke(app, ["init", str(ws26), "--pk", str(pk26), "--dari", str(arsip)]).exit_code
        == 0
    )
    doc = _tahunan_cycle(ws26)
    assert any("tahun_lalu" in i for i in doc["indikator"])


def test_init_dari_carries_codes_and_empties_targets(demo_master, tmp_path: Path) -> None:
    root, _, _ = demo_master
    ws26 = tmp_path / "baru"
    r = runner.invoke(app, ["init", str(ws26), "--dari", str(root)])
    assert r.exit_code == 0, r.output
    assert "tahun = 2026" in (ws26 / "kinerja.toml").read_text(encoding="utf-8")
    r = runner.invoke(app, ["check-pk", "--json", "-w", str(ws26)])
    doc = json.loads(r.stdout)
    codes = {f["code"] for f in doc["findings"]}
    assert r.exit_code == 1 and "target-kosong" in codes and "pagu-kosong" in codes
    wb = openpyxl.load_workbook(ws26 / "pk.xlsx")
    kodes = [
        c.value
        for c in wb["Indikator"]["A"]
        if isinstance(c.value, str) and c.value.startswith("IK.")
    ]
    assert len(kodes) == 35
