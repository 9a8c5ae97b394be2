"""A collect of clean forms never loads openpyxl (docs/performance.md §6): the XML-defence
check runs without it, and the form reader takes openpyxl only on its slow path."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support.collectkit import Kit


@pytest.mark.slow
def test_collect_of_clean_forms_does_not_import_openpyxl(kit: Kit) -> None:
    kit.put_all()
    code = (
        "import sys\n"
        "from kinerja_cli.io.workspace import find_workspace\n"
        "from kinerja_cli.services.collect import collect\n"
        f"res = collect(find_workspace({str(kit.ws.root)!r}), jobs=1)\n"
        "print(sorted({f.status for f in res.files}), 'openpyxl' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['diterima'] False", out.stdout + out.stderr
