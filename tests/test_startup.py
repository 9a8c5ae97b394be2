"""Architecture guards: --help stays light; every command is documented in the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = (
    "pandas",
    "openpyxl",
    "xlsxwriter",
    "jinja2",
    "matplotlib",
    "python_calamine",
    "docxtpl",
    "babel",
)


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from kinerja_cli.cli.app import app\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "kinerja_cli", "--help"], capture_output=True, text=True, check=True
    )
    assert "init-form" in out.stdout


def test_every_command_in_readme() -> None:
    from kinerja_cli.cli.app import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name for c in app.registered_commands]
    assert names
    for name in names:
        assert f"kinerja {name}" in readme, name


def test_every_finding_code_in_readme() -> None:
    from kinerja_cli.domain.rules import RULES as KODE_TEMUAN

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [code for code in KODE_TEMUAN if f"`{code}`" not in readme]
    assert not missing
