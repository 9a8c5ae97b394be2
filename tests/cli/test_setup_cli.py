"""CLI: init, check-pk, init-form with their exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from support.pkbuilder import IND, make_pk

runner = CliRunner()


@pytest.mark.slow
def test_init_check_initform(tmp_path: Path, example_pk: Path) -> None:
    ws = tmp_path / "ws"
    r = runner.invoke(app, ["init", str(ws), "--pk", str(example_pk)])
    assert r.exit_code == 0, r.output
    for name in ("kinerja.toml", "pk.xlsx", "formulir", "masuk", "hasil"):
        assert (ws / name).exists()
    r = runner.invoke(app, ["check-pk", "-w", str(ws), "--json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["valid"] is True and doc["ringkasan"]["indikator"] >= 25
    r = runner.invoke(app, ["init-form", "-w", str(ws), "--triwulan", "II"])
    assert r.exit_code == 0, r.output
    assert len(list((ws / "formulir").glob("2025-TW2-*.xlsx"))) >= 6
    r = runner.invoke(app, ["init-form", "-w", str(ws), "-t", "2", "--bidang", "NOPE"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["init-form", "-w", str(ws), "-t", "9"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["init", str(ws)])
    assert r.exit_code == 2  # never overwrites a workspace


def test_init_blank_template(tmp_path: Path) -> None:
    r = runner.invoke(app, ["init", str(tmp_path / "kosong"), "--tahun", "2026"])
    assert r.exit_code == 0, r.output
    assert "tahun = 2026" in (tmp_path / "kosong" / "kinerja.toml").read_text()
    r = runner.invoke(app, ["check-pk", "-w", str(tmp_path / "kosong")])
    assert r.exit_code in (0, 1)


def test_check_pk_with_mistakes(tmp_path: Path) -> None:
    bad = [list(r) for r in IND]
    bad[0][4] = "keatas"
    bad[2][7] = "1,234.5"
    pk = make_pk(tmp_path / "bad.xlsx", ind=bad)
    runner.invoke(app, ["init", str(tmp_path / "ws"), "--pk", str(pk)])
    r = runner.invoke(app, ["check-pk", "-w", str(tmp_path / "ws"), "--json"])
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    cells = {(f["code"], f["cell"]) for f in doc["findings"]}
    assert ("arah-tidak-sah", "E2") in cells and ("target-tidak-sah", "H4") in cells
    r = runner.invoke(app, ["init-form", "-w", str(tmp_path / "ws"), "-t", "1"])
    assert r.exit_code == 1


def test_no_workspace(tmp_path: Path) -> None:
    r = runner.invoke(app, ["check-pk", "-w", str(tmp_path)])
    assert r.exit_code == 2
    assert "Traceback" not in r.output


def test_bad_setting_names_key_and_line(tmp_path: Path, example_pk: Path) -> None:
    runner.invoke(app, ["init", str(tmp_path / "ws"), "--pk", str(example_pk)])
    cfg = tmp_path / "ws" / "kinerja.toml"
    cfg.write_text(cfg.read_text().replace('rumus_turun = "2T-R"', 'rumus_turun = "X"'))
    r = runner.invoke(app, ["check-pk", "-w", str(tmp_path / "ws")])
    assert r.exit_code == 2
    assert "rumus_turun" in r.output and "baris" in r.output
