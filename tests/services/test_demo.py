"""kinerja demo: the bidang's returns, one rejected then corrected, collected twice."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kinerja_cli.services.demo import run_demo

pytestmark = pytest.mark.slow  # whole cycles / rendering / fuzzing: the full run only


def test_demo_collects_a_rejection_and_its_correction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kinerja_cli.domain.periode import Periode
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.store.db import Store

    t0 = time.perf_counter()
    monkeypatch.chdir(tmp_path)  # a relative folder, as `kinerja demo` in the README gives
    res = run_demo(Path("demo"))
    assert time.perf_counter() - t0 < 60
    first, second = [s for s in res.steps if s.perintah.startswith("kinerja collect")][:2]
    assert "1 ditolak" in first.keterangan and "3 kesalahan" in first.keterangan
    assert [p.name for p in first.berkas] == ["2025-TW2-BM-Bina-Marga-PERBAIKI.xlsx"]
    assert all(p.exists() for s in res.steps for p in s.berkas)
    assert "diterima" in second.keterangan and "9 dari 9" in second.keterangan
    ws = find_workspace(res.root)
    with Store.open(ws) as store:
        assert len(store.accepted(Periode(2))) == 9
        assert [v.status for v in store.versions("BM", "TW2")] == ["ditolak", "diterima"]
