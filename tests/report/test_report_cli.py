"""`kinerja report` end to end (store replaced by the fake data), with its exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.report import render

pytestmark = pytest.mark.slow  # whole cycles / rendering / fuzzing: the full run only

runner = CliRunner()


def _run(ws: object, *args: str):  # noqa: ANN202
    return runner.invoke(app, ["report", "-w", str(ws.root), *args])  # type: ignore[attr-defined]


def test_annual_and_quarterly_in_every_format(ws_fake) -> None:  # noqa: ANN001
    ws, store = ws_fake
    r = _run(ws, "--tanggal", "2026-01-20", "--format", "html,docx,xlsx")
    assert r.exit_code == 0, r.output
    for ext in ("html", "docx", "xlsx"):
        p = ws.hasil / f"Laporan-Pengukuran-Kinerja-2025.{ext}"
        assert p.is_file() and f"Laporan-Pengukuran-Kinerja-2025.{ext}" in r.output
    r = _run(ws, "--triwulan", "II", "--tanggal", "2025-07-20", "-f", "html")
    assert r.exit_code == 0, r.output
    html = (ws.hasil / "Reviu-Triwulan-II-2025.html").read_text(encoding="utf-8")
    assert "Paringin, 20 Juli 2025" in html and "REVIU CAPAIAN KINERJA TRIWULAN II" in html
    assert [(o.kind, o.periode) for o in store.recorded] == [
        ("laporan-html", "tahunan"),
        ("laporan-docx", "tahunan"),
        ("laporan-xlsx", "tahunan"),
        ("laporan-html", "TW2"),
    ]


def test_out_folder(ws_fake, tmp_path: Path) -> None:  # noqa: ANN001
    ws, _ = ws_fake
    r = _run(ws, "--out", str(tmp_path / "keluar"), "-f", "xlsx")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "keluar" / "Laporan-Pengukuran-Kinerja-2025.xlsx").is_file()


def test_explicit_pdf_without_the_extra_exits_2_but_renders_the_rest(
    ws_fake, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    ws, _ = ws_fake
    monkeypatch.setattr(render, "pdf_available", lambda: False)
    r = _run(ws, "-f", "html,pdf")
    assert r.exit_code == 2
    assert 'pip install "kinerja-cli[pdf]"' in r.output
    assert (ws.hasil / "Laporan-Pengukuran-Kinerja-2025.html").is_file()
    assert not (ws.hasil / "Laporan-Pengukuran-Kinerja-2025.pdf").exists()


def test_default_formats_skip_pdf_quietly_when_the_extra_is_missing(
    ws_fake, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    ws, _ = ws_fake
    monkeypatch.setattr(render, "pdf_available", lambda: False)
    r = _run(ws)
    assert r.exit_code == 0, r.output
    assert "PDF dilewati" in r.output and "kinerja-cli[pdf]" in r.output
    assert sorted(p.suffix for p in ws.hasil.glob("Laporan-*")) == [".docx", ".html", ".xlsx"]


def test_an_edited_report_is_never_overwritten(ws_fake) -> None:  # noqa: ANN001
    ws, _ = ws_fake
    assert _run(ws, "-f", "docx").exit_code == 0
    docx = ws.hasil / "Laporan-Pengukuran-Kinerja-2025.docx"
    assert _run(ws, "-f", "docx").exit_code == 0  # unchanged: rewritten in place
    assert not (ws.hasil / "Laporan-Pengukuran-Kinerja-2025-v2.docx").exists()
    docx.write_bytes(docx.read_bytes() + b"\0")  # the officer edited it
    r = _run(ws, "-f", "docx")
    assert r.exit_code == 0
    assert (ws.hasil / "Laporan-Pengukuran-Kinerja-2025-v2.docx").is_file()
    assert docx.read_bytes().endswith(b"\0")
    assert "tidak ditimpa" in r.output


@pytest.mark.parametrize("args", [["-f", "odt"], ["--tanggal", "20-01-2026"], ["-t", "5"]])
def test_usage_errors_exit_2(ws_fake, args: list[str]) -> None:  # noqa: ANN001
    ws, _ = ws_fake
    r = _run(ws, *args)
    assert r.exit_code == 2
    assert "Galat" in r.output


def test_nothing_accepted_exits_2(tmp_path: Path) -> None:
    from kinerja_cli.services.setup import init_workspace
    from support.paths import EXAMPLE_PK

    init_workspace(tmp_path / "ws", EXAMPLE_PK, None)
    r = runner.invoke(app, ["report", "-w", str(tmp_path / "ws"), "-f", "html"])
    assert r.exit_code == 2
    assert "Belum ada formulir" in r.output
