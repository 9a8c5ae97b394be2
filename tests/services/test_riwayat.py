"""Years of history (docs/contract.md §14): `init --dari` links relative to the workspace, the
chain is followed back (workspaces and archives), moving the folders keeps it, and the annual
report shows the multi-year trend."""

from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from kinerja_cli.domain.findings import Finding
from kinerja_cli.domain.models import PK, DataBidang
from kinerja_cli.domain.periode import TAHUNAN
from kinerja_cli.io.workspace import Workspace, find_workspace
from kinerja_cli.services.riwayat import load_riwayat
from support.fakedata import example_data
from support.paths import EXAMPLE_PK

pytestmark = pytest.mark.slow  # three workspaces, an archive and a report


def _pk(tahun: int, dest: Path) -> Path:
    wb = openpyxl.load_workbook(EXAMPLE_PK)
    for row in wb["Identitas"].iter_rows():
        if row[0].value == "Tahun":
            row[1].value = tahun
    wb.save(dest)
    return dest


def _accept(ws: Workspace, pk: PK, data: dict[str, DataBidang]) -> None:
    """Record each bidang's tahunan values as an accepted submission (no form needed)."""
    from kinerja_cli.store.berkas import keep_copy
    from kinerja_cli.store.db import Store

    with Store.open(ws) as store:
        for kode, db in data.items():
            body = f"{pk.identitas.tahun}-{kode}".encode()
            sha = hashlib.sha256(body).hexdigest()
            keep_copy(ws, sha, body)
            store.record(
                sha=sha,
                name=f"{kode}.xlsx",
                size=len(body),
                mtime_ns=0,
                kind="xlsx",
                bidang=kode,
                periode=TAHUNAN,
                form_id=f"f-{kode}",
                status="diterima",
                findings=list[Finding](),
                data=db,
                producer="test",
            )
            store.resolve_versions(kode, TAHUNAN.data_kode)


def _year(base: Path, tahun: int, dari: Path | None, skala: str) -> Workspace:
    """A workspace of `tahun` with every bidang's tahunan values (scaled so years differ)."""
    from kinerja_cli.services.setup import init_workspace, require_pk

    folder = base / f"pengukuran-{tahun}"
    init_workspace(folder, _pk(tahun, base / f"pk-{tahun}.xlsx"), None, dari=dari)
    ws = find_workspace(folder)
    pk = require_pk(ws)
    data = example_data(pk, TAHUNAN)
    for db in data.values():
        for kode, values in db.realisasi.items():
            if kode not in db.pembilang:
                db.realisasi[kode] = [v * D(skala) if isinstance(v, D) else v for v in values]
    _accept(ws, pk, data)
    return ws


@pytest.fixture(scope="module")
def tiga_tahun(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2023 archived, 2024 linked to that archive, 2025 linked to 2024: all under one folder."""
    from kinerja_cli.services.archive import archive

    base = tmp_path_factory.mktemp("lama") / "perencanaan"
    base.mkdir()
    ws23 = _year(base, 2023, None, "0.9")
    arc = archive(ws23, TAHUNAN, ["kinerja", "archive"])
    ws24 = _year(base, 2024, arc.folder, "0.95")
    _year(base, 2025, ws24.root, "1")
    return base


def test_links_are_relative_to_the_workspace(tiga_tahun: Path) -> None:
    toml = (tiga_tahun / "pengukuran-2025" / "kinerja.toml").read_text(encoding="utf-8")
    assert 'tahun_lalu = "../pengukuran-2024"' in toml
    toml = (tiga_tahun / "pengukuran-2024" / "kinerja.toml").read_text(encoding="utf-8")
    assert 'tahun_lalu = "../pengukuran-2023/arsip/2023/tahunan/v1"' in toml


def test_three_years_after_the_folders_are_moved(tiga_tahun: Path, tmp_path: Path) -> None:
    from kinerja_cli.report.context import build_context
    from kinerja_cli.services.compile import kompilasi_dari, valid_pk
    from kinerja_cli.store.db import Store
    from support.laporankit import TANGGAL_TAHUNAN

    moved = tmp_path / "pindah" / "ke" / "sini"
    shutil.copytree(tiga_tahun, moved)
    shutil.rmtree(tiga_tahun)  # the old location is gone: nothing may point there
    try:
        ws = find_workspace(moved / "pengukuran-2025")
        riwayat = load_riwayat(ws)
        assert riwayat is not None and riwayat.tahun == (2023, 2024) and not riwayat.catatan
        pks, _ = valid_pk(ws)
        with Store.open(ws) as store:
            k, n = kompilasi_dari(pks, ws.settings, TAHUNAN, store, riwayat=riwayat)
        assert n == 9 and k.riwayat_tahun == (2023, 2024)
        by = {i.kode: i for i in k.indikator}
        r23, r24 = by["IK.12"].riwayat  # km, kumulatif: 12,3 km this year at the scales used
        assert r23 is not None and r24 is not None
        assert (r23.tahun, r24.tahun) == (2023, 2024)
        assert r23.realisasi == by["IK.12"].realisasi * D("0.9")  # type: ignore[operator]
        assert r24.realisasi == by["IK.12"].realisasi * D("0.95")  # type: ignore[operator]
        assert by["IK.12"].tahun_lalu == r24  # last year's figures, as before
        ctx = build_context(k, TANGGAL_TAHUNAN)
        tren = ctx["tren"]
        assert tren["ada"] and tren["tahun"] == [2023, 2024, 2025]
        row = next(r for r in tren["baris"] if r["kode"] == "IK.12")
        assert [v["realisasi"] for v in row["nilai"]] == [
            r23.realisasi,
            r24.realisasi,
            by["IK.12"].realisasi,
        ]
        assert ctx["lampiran"]["tahun_lalu"] == "E"
    finally:
        shutil.copytree(moved, tiga_tahun)


def test_report_and_json_show_the_trend(tiga_tahun: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kinerja_cli.cli.app import app

    moved = tmp_path / "lain"
    shutil.copytree(tiga_tahun, moved)
    ws = moved / "pengukuran-2025"
    runner = CliRunner()
    r = runner.invoke(app, ["compile", "--json", "-w", str(ws)])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["riwayat"] == {"tahun": [2023, 2024], "catatan": []}
    ik = {i["kode"]: i for i in doc["indikator"]}
    assert [t["tahun"] for t in ik["IK.12"]["riwayat"]] == [2023, 2024]
    assert ik["IK.12"]["tahun_lalu"]["tahun"] == 2024
    r = runner.invoke(
        app, ["report", "--format", "html,docx", "-w", str(ws), "--tanggal", "2026-01-20"]
    )
    assert r.exit_code == 0, r.output
    from support.teks import docx_teks, html_teks

    raw = (ws / "hasil" / "Laporan-Pengukuran-Kinerja-2025.html").read_text(encoding="utf-8")
    assert "2. Tren Tahun 2023–2025" in html_teks(raw)
    head = "".join(f'<th colspan="2">Tahun {t}</th>' for t in (2023, 2024, 2025))
    assert head in raw
    docx = docx_teks((ws / "hasil" / "Laporan-Pengukuran-Kinerja-2025.docx").read_bytes())
    assert "Realisasi 2023 | Capaian 2023 (%) | Realisasi 2024" in docx
    assert "Realisasi 2026" not in docx and "kolom-lepas" not in docx  # unused slots removed


def test_a_broken_link_further_back_ends_the_chain_with_a_note(
    tiga_tahun: Path, tmp_path: Path
) -> None:
    moved = tmp_path / "sebagian"
    shutil.copytree(tiga_tahun, moved)
    shutil.rmtree(moved / "pengukuran-2023")  # the archive of 2023 is gone
    riwayat = load_riwayat(find_workspace(moved / "pengukuran-2025"))
    assert riwayat is not None and riwayat.tahun == (2024,)
    assert "tidak ditemukan" in riwayat.catatan[0]


def test_an_old_absolute_link_finds_the_moved_sibling(tiga_tahun: Path, tmp_path: Path) -> None:
    moved = tmp_path / "absolut"
    shutil.copytree(tiga_tahun, moved)
    cfg = moved / "pengukuran-2025" / "kinerja.toml"
    gone = tmp_path / "tidak-ada" / "pengukuran-2024"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace('"../pengukuran-2024"', json.dumps(str(gone))),
        encoding="utf-8",
    )
    riwayat = load_riwayat(find_workspace(moved / "pengukuran-2025"))
    assert riwayat is not None and riwayat.tahun == (2023, 2024)
    assert "folder bernama sama" in riwayat.catatan[0]


def test_a_loop_is_cut(tiga_tahun: Path, tmp_path: Path) -> None:
    moved = tmp_path / "putar"
    shutil.copytree(tiga_tahun, moved)
    cfg = moved / "pengukuran-2024" / "kinerja.toml"  # 2024 links back to 2025
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(
        text.replace('"../pengukuran-2023/arsip/2023/tahunan/v1"', '"../pengukuran-2025"'),
        encoding="utf-8",
    )
    riwayat = load_riwayat(find_workspace(moved / "pengukuran-2025"))
    assert riwayat is not None and riwayat.tahun == (2024,)
    assert "berputar" in riwayat.catatan[0]


def test_init_dari_carries_the_renstra_realisation_on(tiga_tahun: Path, tmp_path: Path) -> None:
    """Last year's column (13) becomes this year's Realisasi Renstra s/d Tahun Lalu."""
    from kinerja_cli.domain.rounding import bulat
    from kinerja_cli.services.compile import kompilasi_dari, valid_pk
    from kinerja_cli.services.setup import init_workspace
    from kinerja_cli.store.db import Store

    src = find_workspace(tiga_tahun / "pengukuran-2025")
    pks, _ = valid_pk(src)
    with Store.open(src) as store:
        k, _n = kompilasi_dari(pks, src.settings, TAHUNAN, store)
    sd = {i.kode: i.realisasi_renstra for i in k.indikator}
    init_workspace(tmp_path / "2026", None, None, dari=src.root)
    ws = find_workspace(tmp_path / "2026")
    assert ws.settings.tahun == 2026
    wb = openpyxl.load_workbook(ws.pk)
    sheet = wb["Indikator"]
    head = next(r for r in sheet.iter_rows() if any(c.value == "Kode" for c in r))
    cols = {c.value: c.column for c in head}
    got = {
        sheet.cell(r, cols["Kode"]).value: sheet.cell(
            r, cols["Realisasi Renstra s/d Tahun Lalu"]
        ).value
        for r in range(head[0].row + 1, sheet.max_row + 1)
    }
    assert got["IK.12"] == float(bulat(sd["IK.12"], 2))  # 41,5 + this year's km
    assert got["IK.26"] == "Ada" and got["IK.07"] is None  # biner: the latest answer; none


def test_earlier_years_are_only_read(tiga_tahun: Path) -> None:
    """Following the history never writes into another year's folder (its database is read
    through a read-only snapshot)."""

    def state() -> dict[str, str]:
        return {
            p.relative_to(tiga_tahun).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(tiga_tahun.rglob("*"))
            if p.is_file() and "pengukuran-2025" not in p.parts
        }

    before = state()
    riwayat = load_riwayat(find_workspace(tiga_tahun / "pengukuran-2025"))
    assert riwayat is not None and riwayat.tahun == (2023, 2024)
    assert state() == before
