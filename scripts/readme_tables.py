"""Rewrite the README's generated tables (commands, finding codes) from the code.

Run after adding a command, an option or a finding rule:  uv run python scripts/readme_tables.py
(tests/test_docs.py fails while the README and the code disagree).
"""

from __future__ import annotations

from pathlib import Path

from kinerja_cli.cli.reference import sync

README = Path(__file__).resolve().parents[1] / "README.md"

if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = sync(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        print(f"{README.name}: tabel diperbarui")
    else:
        print(f"{README.name}: sudah sesuai")
