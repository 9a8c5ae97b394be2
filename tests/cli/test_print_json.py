"""`--json` output: indented for a reader, compact above JSON_INDENT_MAX, exact either way."""

from __future__ import annotations

import io
import json
import sys

import pytest

from kinerja_cli.cli import common


def _printed(obj: object, monkeypatch: pytest.MonkeyPatch, encoding: str = "utf-8") -> str:
    buf = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict")
    monkeypatch.setattr(sys, "stdout", buf)
    common.print_json(obj)
    buf.flush()
    return buf.buffer.getvalue().decode(encoding)  # type: ignore[attr-defined]


DOC = {"files": [{"file": "Bina Marga → TW2.xlsx", "findings": [{"code": "x"}] * 3}]}


def test_small_documents_are_indented(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _printed(DOC, monkeypatch)
    assert text.startswith('{\n  "files"') and json.loads(text) == DOC
    assert "→" in text


def test_large_documents_are_compact_and_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "JSON_INDENT_MAX", 20)
    text = _printed(DOC, monkeypatch)
    assert text.count("\n") == 1 and json.loads(text) == DOC


@pytest.mark.parametrize("limit", [20, 10**6])
def test_a_console_without_the_characters_gets_escapes(
    monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(common, "JSON_INDENT_MAX", limit)
    text = _printed(DOC, monkeypatch, encoding="cp1252")
    assert "\\u2192" in text and json.loads(text) == DOC
