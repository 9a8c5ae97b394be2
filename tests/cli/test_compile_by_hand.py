"""End to end on a PK laid out differently from the example: compile --json equals docs/contract.md §6 by hand.

Title rows, reversed and extra columns, lower-case padded headers, merged Sasaran cells; forms
written by init-form, filled like a bidang would, collected, compiled. Every expected number
below is worked out by hand from docs/contract.md §6 (comments show the arithmetic).
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.domain.models import Narasi
from kinerja_cli.io.form.filler import fill_form
from support.pkbuilder import make_pk

runner = CliRunner()

VALUES = {
    "IK.01": [61, 62.4],  # % naik status, T 65, T TW II 62
    "IK.02": [1, 2.5],  # km naik kumulatif, T 12, T TW II 3
    "IK.03": [33, 31],  # % turun 2T-R status, T 30, T TW II 32
    "IK.04": [7, 9],  # pH rentang 6,5-8,5, no TW target
    "IK.05": ["Tidak Ada", "Ada"],  # biner, target Ada
    "IK.06": [25, 20],  # hari turun T/R status, T 18, T TW II 22
}
ANGGARAN = {
    "BM": {"1.03.10.2.01.0001": [100_000_000, 150_000_000], "1.03.10.2.01.0002": [50_000_000, 0]},
    "CK": {"1.03.03.2.01.0001": [0, 375_000_000]},
}
EXPECTED = {
    # kode: (realisasi s/d TW II, capaian vs Target, capaian vs Target TW II, predikat, status)
    "IK.01": (62.4, 96.0, 100.65, "Sangat Tinggi", "Melampaui"),  # 62,4/65; 62,4/62 = 100,645
    "IK.02": (3.5, 29.17, 116.67, "Sangat Tinggi", "Melampaui"),  # 1+2,5; 3,5/12; 3,5/3
    "IK.03": (31, 96.67, 103.13, "Sangat Tinggi", "Melampaui"),  # (60-31)/30; (64-31)/32 = 103,125
    "IK.04": (9, 94.12, None, "Sangat Tinggi", "Tidak Tercapai"),  # above: (17-9)/8,5; no TW target
    "IK.05": ("Ada", 100, None, "Sangat Tinggi", "Tercapai"),
    "IK.06": (20, 90, 110, "Sangat Tinggi", "Melampaui"),  # 18/20; 22/20
}


def test_compile_json_equals_hand_computation(tmp_path: Path) -> None:
    pk = make_pk(
        tmp_path / "pk.xlsx",
        title_rows=2,
        shuffle=True,
        extra=True,
        lower_headers=True,
        merge_sasaran=True,
    )
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws), "--pk", str(pk)]).exit_code == 0
    r = runner.invoke(app, ["init-form", "-t", "2", "-w", str(ws)])
    assert r.exit_code == 0, r.output
    for form in sorted((ws / "formulir").glob("*.xlsx")):
        bidang = form.name.split("-")[2]
        bm_rows = {"IK.01", "IK.02", "IK.03"}
        values = {k: v for k, v in VALUES.items() if (k in bm_rows) == (bidang == "BM")}
        narasi = {k: Narasi("pendorong", "penghambat", "tindak lanjut", "bukti") for k in values}
        fill_form(form, ws / "masuk" / form.name, values, narasi, ANGGARAN[bidang])
    r = runner.invoke(app, ["collect", "--json", "-w", str(ws)])
    assert r.exit_code == 0, r.output
    assert {b["kode"]: b["status"] for b in json.loads(r.stdout)["bidang"]} == {
        "BM": "diterima",
        "CK": "diterima",
    }
    r = runner.invoke(app, ["compile", "-t", "2", "--json", "-w", str(ws)])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert (doc["tahun"], doc["periode"]) == (2025, "TW2")
    got = {
        i["kode"]: (i["realisasi"], i["capaian"], i["capaian_triwulan"], i["predikat"], i["status"])
        for i in doc["indikator"]
    }
    assert got == EXPECTED
    ik04 = next(i for i in doc["indikator"] if i["kode"] == "IK.04")
    assert ik04["target"] == "6.5-8.5" and ik04["target_triwulan"] is None
    # S1 = mean(100,645…, 116,666…, 103,125) = 106,812…; S2 = mean(94,117…, 100, 110) = 101,372…
    assert {s["kode"]: s["capaian"] for s in doc["sasaran"]} == {"S1": 106.81, "S2": 101.37}
    assert doc["dinas"] == {"capaian": 104.09, "predikat": "Sangat Tinggi"}  # mean of both
    ang = {a["kode"]: (a["pagu"], a["realisasi"], a["serapan"]) for a in doc["anggaran"]}
    assert ang["1.03.10"] == (1_500_000_000, 300_000_000, 20.0)  # parent = sum of leaves only
    assert ang["1.03.10.2.01"] == (1_500_000_000, 300_000_000, 20.0)
    assert ang["1.03.03.2.01.0001"] == (750_000_000, 375_000_000, 50.0)
