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
    for name in ("kinerja.toml", "pk.xlsx", "formulir", "masuk", "hasil", "bukti"):
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


@pytest.mark.parametrize("nilai", ["mati", "peringatan", "galat", "wajib"])
def test_bukti_wajib_setting(tmp_path: Path, nilai: str) -> None:
    """`[bukti] wajib` (docs/contract.md §14): the default is written, commented, as "mati"; an
    unknown value names the key and its line."""
    from kinerja_cli.io.config import load_settings

    runner.invoke(app, ["init", str(tmp_path / "ws"), "--pk", str(make_pk(tmp_path / "pk.xlsx"))])
    cfg = tmp_path / "ws" / "kinerja.toml"
    text = cfg.read_text(encoding="utf-8")
    assert "[bukti]\n" in text and 'wajib = "mati"' in text and "folder bukti/" in text
    assert load_settings(cfg).bukti_wajib == "mati"
    cfg.write_text(text.replace('wajib = "mati"', f'wajib = "{nilai}"'), encoding="utf-8")
    r = runner.invoke(app, ["check-pk", "-w", str(tmp_path / "ws")])
    if nilai == "wajib":
        assert r.exit_code == 2 and "bukti.wajib" in r.output and "baris" in r.output
    else:
        assert r.exit_code == 0, r.output
        assert load_settings(cfg).bukti_wajib == nilai


def _ws_with(tmp_path: Path, **kw: object) -> Path:
    pk = make_pk(tmp_path / "pk-uji.xlsx", **kw)  # type: ignore[arg-type]
    runner.invoke(app, ["init", str(tmp_path / "ws"), "--pk", str(pk)])
    return tmp_path / "ws"


def test_a_comparison_sign_in_a_target_is_named_and_the_number_suggested(tmp_path: Path) -> None:
    ind = [list(r) for r in IND]
    ind[0][7] = "≥ 65"
    ind[1][7] = "minimal 12"
    ws = _ws_with(tmp_path, ind=ind)
    r = runner.invoke(app, ["check-pk", "-w", str(ws), "--json"])
    assert r.exit_code == 1
    got = {
        f["cell"]: f["message"]
        for f in json.loads(r.stdout)["findings"]
        if f["code"] == "target-tidak-sah"
    }
    assert "tanda ≥ tidak perlu" in got["H2"] and "isi 65 saja" in got["H2"]
    assert "isi 12 saja" in got["H3"]


def test_rows_with_errors_are_counted_and_named(tmp_path: Path) -> None:
    ind = [list(r) for r in IND]
    ind[1][4] = "keatas"  # IK.02 cannot be read: its Arah is invalid
    ind[2][0] = None  # a row without a code
    ws = _ws_with(tmp_path, ind=ind)
    r = runner.invoke(app, ["check-pk", "-w", str(ws)])
    assert r.exit_code == 1
    assert f"{len(IND) - 2} indikator" in r.stdout
    assert "2 baris tidak terbaca karena kesalahan: baris 3 (IK.02), baris 4" in r.stdout
    doc = json.loads(runner.invoke(app, ["check-pk", "-w", str(ws), "--json"]).stdout)
    unread = doc["ringkasan"]["baris_tidak_terbaca"]["Indikator"]
    assert [u["baris"] for u in unread] == [3, 4]


def test_a_pk_without_indicators_is_an_error_for_check_pk_and_init_form(tmp_path: Path) -> None:
    ws = _ws_with(tmp_path, ind=[])
    r = runner.invoke(app, ["check-pk", "-w", str(ws), "--json"])
    assert r.exit_code == 1
    assert "pk-tanpa-indikator" in {f["code"] for f in json.loads(r.stdout)["findings"]}
    r = runner.invoke(app, ["init-form", "-w", str(ws), "-t", "1"])
    assert r.exit_code == 1 and not list((ws / "formulir").glob("*.xlsx"))


def test_one_wrong_leaf_pagu_names_its_rows(tmp_path: Path) -> None:
    from support.pkbuilder import ANG

    ang = [list(r) for r in ANG]
    leaf = next(i for i, r in enumerate(ang) if str(r[0]).count(".") == 5)
    ang[leaf][3] = (ang[leaf][3] or 0) + 1_000_000
    ws = _ws_with(tmp_path, ang=ang)
    doc = json.loads(runner.invoke(app, ["check-pk", "-w", str(ws), "--json"]).stdout)
    beda = [f for f in doc["findings"] if f["code"] == "pagu-induk-beda"]
    assert len(beda) == 1 and str(ang[leaf][0]) in beda[0]["message"]
