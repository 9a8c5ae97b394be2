"""`kinerja init` writes the report formats this installation can write: pdf only when the
pdf extra is importable, so the default `kinerja report` never announces a skipped format."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja_cli.io.config import load_settings
from kinerja_cli.report import render
from kinerja_cli.services.setup import init_workspace


@pytest.mark.parametrize("pdf", [False, True])
def test_default_formats_match_what_is_installed(
    tmp_path: Path, example_pk: Path, monkeypatch: pytest.MonkeyPatch, pdf: bool
) -> None:
    monkeypatch.setattr(render, "pdf_available", lambda: pdf)
    res = init_workspace(tmp_path / "ws", example_pk, None)
    settings = load_settings(res.root / "kinerja.toml")
    want = ("html", "docx", "xlsx", "pdf") if pdf else ("html", "docx", "xlsx")
    assert settings.format_laporan == want
    text = (res.root / "kinerja.toml").read_text(encoding="utf-8")
    assert "kinerja-cli[pdf]" in text  # how to get pdf, said where the formats are set
