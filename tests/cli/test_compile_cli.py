"""`kinerja compile`: --json schema (docs/contract.md §7), exit codes, draft versions, a fake store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.domain.findings import Finding
from kinerja_cli.domain.models import DataBidang
from kinerja_cli.domain.periode import Periode
from kinerja_cli.store.corrections import Correction
from kinerja_cli.store.protocol import Output
from support.fakedata import example_data

runner = CliRunner()
TW2 = Periode(2)

INDIKATOR_KEYS = [
    "kode",
    "bidang",
    "sasaran",
    "satuan",
    "arah",
    "sifat",
    "target",
    "target_triwulan",
    "realisasi",
    "capaian",
    "capaian_triwulan",
    "predikat",
    "status",
]
NUM = (int, float)


def seed(ws, periode: Periode, kecuali: tuple[str, ...] = ("SDA",)) -> dict[str, DataBidang]:  # noqa: ANN001
    """Record accepted submissions in the real store, as collect would."""
    from kinerja_cli.services.setup import require_pk
    from kinerja_cli.store.db import DITERIMA, Store

    data = example_data(require_pk(ws), periode, kecuali)
    with Store.open(ws) as store:
        for n, (kode, db) in enumerate(data.items()):
            store.record(
                sha=db.sha256,
                name=db.file,
                size=1000,
                mtime_ns=(1_750_000_000 + n) * 10**9,
                kind="xlsx",
                bidang=kode,
                periode=periode,
                form_id=f"F-{kode}",
                status=DITERIMA,
                findings=[],
                data=db,
                producer="test",
            )
            store.resolve_versions(kode, periode.data_kode)
    return data


def _run(ws, *args: str):  # noqa: ANN001, ANN202
    return runner.invoke(app, ["compile", "-w", str(ws.root), *args])


def test_nothing_accepted_exits_1_and_writes_nothing(workspace) -> None:  # noqa: ANN001
    r = _run(workspace, "--triwulan", "2")
    assert r.exit_code == 1, r.output
    assert "draf tidak ditulis" in r.output
    assert not list(workspace.hasil.glob("Draf-*.xlsx"))
    r = _run(workspace, "--triwulan", "2", "--json")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["dinas"] == {"capaian": None, "predikat": None}
    assert {b["status"] for b in doc["bidang"]} == {"belum"}


def test_json_schema_and_types(workspace) -> None:  # noqa: ANN001
    seed(workspace, TW2)
    r = _run(workspace, "--triwulan", "II", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert list(doc)[:7] == [
        "tahun",
        "periode",
        "indikator",
        "sasaran",
        "dinas",
        "anggaran",
        "bidang",
    ]
    assert doc["tahun"] == 2025 and doc["periode"] == "TW2"
    assert len(doc["indikator"]) == 35
    for i in doc["indikator"]:
        assert list(i)[:13] == INDIKATOR_KEYS
        text_target = i["arah"] in ("rentang", "biner")
        assert isinstance(i["target"], str if text_target else NUM), i
        assert i["target_triwulan"] is None or isinstance(
            i["target_triwulan"], str if text_target else NUM
        )
        if i["realisasi"] is not None:
            assert isinstance(i["realisasi"], str if i["arah"] == "biner" else NUM), i
        for key in ("capaian", "capaian_triwulan"):
            assert i[key] is None or isinstance(i[key], NUM)
            if isinstance(i[key], float):
                assert round(i[key], 2) == i[key]
        assert i["status"] in (None, "Melampaui", "Tercapai", "Tidak Tercapai")
    sda = [i for i in doc["indikator"] if i["bidang"] == "SDA"]
    assert sda and all(i["realisasi"] is None and i["capaian"] is None for i in sda)
    biner = next(i for i in doc["indikator"] if i["kode"] == "IK.08")
    assert biner["target"] == "Ya" and biner["realisasi"] in ("Ya", "Tidak")
    for s in doc["sasaran"]:
        assert list(s)[:4] == ["kode", "nama", "capaian", "predikat"]
    assert isinstance(doc["dinas"]["capaian"], NUM) and isinstance(doc["dinas"]["predikat"], str)
    for a in doc["anggaran"]:
        assert list(a)[:5] == ["kode", "bidang", "pagu", "realisasi", "serapan"]
        assert isinstance(a["pagu"], int)
    prog = next(a for a in doc["anggaran"] if a["kode"] == "1.03.10")
    leaves = [a for a in doc["anggaran"] if a["kode"].startswith("1.03.10.2.01.")]
    assert prog["realisasi"] == sum(a["realisasi"] for a in leaves)
    assert {b["kode"]: b["status"] for b in doc["bidang"]}["SDA"] == "belum"
    assert all(list(b)[:2] == ["kode", "status"] for b in doc["bidang"])
    assert (workspace.hasil / "Draf-Pengukuran-Kinerja-2025-TW2.xlsx").exists()


@pytest.mark.slow
def test_summary_and_versions(workspace) -> None:  # noqa: ANN001
    seed(workspace, TW2)
    r = _run(workspace, "-t", "2")
    assert r.exit_code == 0, r.output
    base = workspace.hasil / "Draf-Pengukuran-Kinerja-2025-TW2.xlsx"
    # SDA sent nothing: the dinas figure is labelled provisional and names who is missing
    assert "Capaian dinas SEMENTARA:" in r.output and "SDA" in r.output and base.name in r.output
    first = base.read_bytes()
    # re-run on an unedited draft the same day: rewritten in place, the same bytes (the
    # draft's identity holds the compile date and a digest of its figures, not the clock)
    r = _run(workspace, "-t", "2")
    assert r.exit_code == 0 and base.read_bytes() == first
    assert not (workspace.hasil / "Draf-Pengukuran-Kinerja-2025-TW2-v2.xlsx").exists()
    # someone edits the draft: it is kept, v2 is written
    base.write_bytes(first + b"edited")
    r = _run(workspace, "-t", "2")
    v2 = workspace.hasil / "Draf-Pengukuran-Kinerja-2025-TW2-v2.xlsx"
    assert r.exit_code == 0 and v2.exists()
    assert base.read_bytes() == first + b"edited"
    assert "tidak ditimpa" in r.output
    # again: v2 is still as written, so it is rewritten and no v3 appears
    r = _run(workspace, "-t", "2")
    assert r.exit_code == 0
    assert not (workspace.hasil / "Draf-Pengukuran-Kinerja-2025-TW2-v3.xlsx").exists()


def test_out_option_and_bad_triwulan(workspace, tmp_path: Path) -> None:  # noqa: ANN001
    seed(workspace, TW2)
    out = tmp_path / "draf.xlsx"
    r = _run(workspace, "-t", "2", "--out", str(out))
    assert r.exit_code == 0 and out.exists()
    r = _run(workspace, "-t", "7")
    assert r.exit_code == 2


def test_not_a_workspace_exits_2(tmp_path: Path) -> None:
    r = runner.invoke(app, ["compile", "-w", str(tmp_path)])
    assert r.exit_code == 2


class FakeStore:
    """A StoreAPI stand-in, to test the service without SQLite."""

    def __init__(
        self,
        data: dict[str, DataBidang],
        status: dict[str, str],
        findings: list[Finding],
        corrections: list[Correction] | None = None,
    ) -> None:
        self.data, self.status, self.findings = data, status, findings
        self.corrections = corrections or []
        self.recorded: list[Output] = []

    def accepted(self, periode: Periode) -> dict[str, DataBidang]:
        return self.data

    def bidang_status(self, periode: Periode) -> dict[str, str]:
        return self.status

    def open_findings(self, periode: Periode) -> list[Finding]:
        return self.findings

    def corrections_in_force(self, periode: Periode) -> list[Correction]:
        return self.corrections

    def record_output(self, kind: str, periode: Periode, path: Path, sha256: str) -> None:
        self.recorded.append(Output(kind, periode.kode, str(path), sha256, ""))

    def outputs(self, kind: str | None = None, periode: Periode | None = None) -> list[Output]:
        return [o for o in self.recorded if kind is None or o.kind == kind]


def test_compile_from_fake_store(workspace) -> None:  # noqa: ANN001
    from kinerja_cli.services.compile import compile_from
    from kinerja_cli.services.setup import require_pk

    pk = require_pk(workspace)
    data = example_data(pk, TW2, kecuali=("SDA", "PR"))
    warn = Finding(
        "realisasi-turun",
        "warning",
        "turun",
        file="x.xlsx",
        sheet="Kinerja",
        cell="J8",
        kode="IK.27",
    )
    bm = pk.indikator_of("BM")[0]
    fixed = Correction(
        "realisasi", "BM", bm.kode, "TW2", "63,1", "77.7", sheet="Pengukuran", cell="J9",
        draft="d.xlsx", at="2025-07-21T10:15:00", oleh="sekretaris@PC", id=1,
    )  # fmt: skip
    ignored = Correction("narasi", "PR", "IK.01", "pendorong", None, "x", id=2)  # not accepted
    store = FakeStore(
        data, {"PR": "ditolak", **{k: "diterima" for k in data}}, [warn], [fixed, ignored]
    )
    res = compile_from(pk, workspace.settings, TW2, store, workspace)  # type: ignore[arg-type]
    assert res.exit_code == 0 and res.path is not None and res.versi == 1
    assert store.recorded[0].sha256 == res.sha256
    k = res.kompilasi
    assert {b.kode: b.status for b in k.bidang}["PR"] == "ditolak"
    assert k.temuan[0] == warn and "pk.xlsx" in k.input_sha256
    assert len(k.input_sha256) == 1 + len(data)
    # The corrections the accepted data carries, as plain values (docs/contract.md §11).
    assert [(c.kode, c.field, c.lama_teks, c.baru_teks, c.oleh) for c in k.koreksi] == [
        (bm.kode, "TW2", "63,1", "77,7", "sekretaris@PC")
    ]
    assert k.koreksi[0].isian == "Realisasi TW II" and k.koreksi[0].cell == "J9"
    empty = compile_from(pk, workspace.settings, TW2, FakeStore({}, {}, []), workspace)  # type: ignore[arg-type]
    assert empty.kosong and empty.exit_code == 1 and empty.path is None


@pytest.mark.slow
@pytest.mark.parametrize("triwulan", ["1", None])
def test_other_periods(workspace, triwulan: str | None) -> None:  # noqa: ANN001
    periode = Periode.parse(triwulan)
    seed(workspace, periode, kecuali=())
    args = ["--triwulan", triwulan] if triwulan else []
    r = _run(workspace, *args, "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["periode"] == periode.kode
    name = "Tahunan" if periode.tahunan else "TW1"
    assert (workspace.hasil / f"Draf-Pengukuran-Kinerja-2025-{name}.xlsx").exists()
