"""Partial data is said (docs/contract.md §12): with some bidang missing the dinas capaian is
`sementara`, and a sasaran with no data is named, never silently left out."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.domain.capaian import capaian_dinas
from kinerja_cli.services.compile import compile_draft
from kinerja_cli.services.status import status
from support.collectkit import TW2, Kit

runner = CliRunner()


def test_partial_compile_is_sementara_and_names_what_is_missing(kit: Kit) -> None:
    kit.put(kit.filled("BM"))
    kit.put(kit.filled("SEK"))
    kit.collect()
    k = compile_draft(kit.ws, TW2).kompilasi
    assert k.sementara and {b.kode for b in k.bidang_belum} == set(kit.forms) - {"BM", "SEK"}
    tanpa = {s.kode for s in k.sasaran_tanpa_data}
    assert tanpa and all(s.capaian is None for s in k.sasaran if s.kode in tanpa)
    with_data = [s.capaian for s in k.sasaran if s.capaian is not None]
    assert k.dinas_capaian == capaian_dinas(with_data)  # averaged over the sasaran with data
    # The same in compile --json, the console and status.
    r = runner.invoke(app, ["compile", "-t", "2", "--json", "-w", str(kit.ws.root)])
    doc = json.loads(r.stdout)
    assert doc["sementara"] is True and set(doc["sasaran_tanpa_data"]) == tanpa
    r = runner.invoke(app, ["compile", "-t", "2", "-w", str(kit.ws.root)])
    assert "SEMENTARA" in r.stdout and "2 dari 9 bidang" in r.stdout
    assert all(s in r.stdout for s in tanpa)
    st = status(kit.ws, TW2, today=dt.date(2025, 7, 20))
    assert st.sementara and set(st.sasaran_tanpa_data) == tanpa
    assert st.to_json()["sementara"] is True


def test_complete_data_is_not_sementara(kit: Kit) -> None:
    kit.put_all()
    kit.collect()
    k = compile_draft(kit.ws, TW2).kompilasi
    assert not k.sementara and k.sasaran_tanpa_data == ()
    r = runner.invoke(app, ["compile", "-t", "2", "--json", "-w", str(kit.ws.root)])
    doc = json.loads(r.stdout)
    assert doc["sementara"] is False and doc["sasaran_tanpa_data"] == []
