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


@pytest.mark.slow
def test_lateness_deadline_is_computed_once_per_periode(
    kit: Kit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file of the inbox late: the holiday-aware deadline is still worked out once."""
    import datetime as dt

    from kinerja_cli.services import setup

    calls: list[object] = []
    real = setup.batas_pengisian

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(setup, "batas_pengisian", counted)
    late = dt.datetime(2025, 7, 21, 10).timestamp()
    for bidang in kit.forms:
        kit.put(kit.filled(bidang), mtime=late)
    res = kit.collect()
    assert all(any(x.code == "terlambat" for x in f.findings) for f in res.files)
    assert len(calls) == 1
    kit.collect()  # a re-collect of the same late inbox: once again, not once per file
    assert len(calls) == 2
