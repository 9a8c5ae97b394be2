"""Text dump of a workbook's cell values, for golden comparisons (never compare xlsx bytes).

One line per non-empty cell: `A1<TAB>type<TAB>value`, type `n` number, `s` text, `f` formula,
`b` boolean; numbers as Python repr, newlines in text as `\\n`. Each sheet starts with
`== name ==` and lists its merged ranges and frozen pane.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

UPDATE_ENV = "KINERJA_UPDATE_GOLDEN"


def dump_workbook(path: Path) -> str:
    """Every sheet's cell values as text."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    lines: list[str] = []
    for ws in wb.worksheets:
        lines.append(f"== {ws.title} ==")
        merged = sorted(str(r) for r in ws.merged_cells.ranges)
        lines.append(f"freeze: {ws.freeze_panes}; merged: {' '.join(merged)}")
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                lines.append(f"{cell.coordinate}\t{cell.data_type}\t{_text(cell.value)}")
    return "\n".join(lines) + "\n"


def _text(v: Any) -> str:
    if isinstance(v, float | int) and not isinstance(v, bool):
        return repr(v)
    return str(v).replace("\\", "\\\\").replace("\n", "\\n")


def check_golden(actual: str, golden: Path) -> None:
    """Compare with the golden file; rewrite it instead when KINERJA_UPDATE_GOLDEN=1."""
    if os.environ.get(UPDATE_ENV) == "1" or not golden.exists():
        if os.environ.get(UPDATE_ENV) != "1":
            raise AssertionError(f"{golden} belum ada; buat dengan {UPDATE_ENV}=1 pytest ...")
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        import difflib

        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                str(golden),
                "actual",
                n=1,
            )
        )
        raise AssertionError(
            f"draft differs from {golden.name} (update with {UPDATE_ENV}=1):\n" + diff[:6000]
        )
