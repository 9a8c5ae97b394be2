"""`kinerja diff`: a cell that held something unreadable (a rejected "-") shows what it held,
never "(kosong)"."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.domain.periode import romawi
from kinerja_cli.services.diff import diff
from support.collectkit import T0, Kit

runner = CliRunner()


@pytest.mark.slow
def test_a_rejected_dash_is_shown_as_it_was(kit: Kit) -> None:
    ind = kit.pk.indikator_of("BM")[0]
    # Row 7 is BM's first indicator; K is Realisasi TW II on a TW II form.
    old = kit.refill("BM", "BM-lama.xlsx", T0, edits={"Kinerja!K7": "-", "Kinerja!J7": "n/a"})
    new = kit.refill("BM", "BM-baru.xlsx", T0 + 60, edits={"Kinerja!J7": None})
    res = diff(kit.ws, str(old), str(new))
    got = {(p.kode, p.kolom): (p.lama, p.baru) for p in res.perubahan}
    lama, baru = got[(ind.kode, f"Realisasi TW {romawi(2)}")]
    assert lama == '"-" (tidak terbaca)' and baru not in ("", '"-" (tidak terbaca)')
    # "n/a" in an earlier quarter, then left blank: still a change, shown as it was.
    assert got[(ind.kode, "Realisasi TW I")] == ('"n/a" (tidak terbaca)', "")
    r = runner.invoke(app, ["diff", str(old), str(new), "-w", str(kit.ws.root)])
    assert r.exit_code == 0, r.output
    assert '"-" (tidak terbaca)' in r.stdout
    line = next(x for x in r.stdout.splitlines() if "Realisasi TW II" in x and ind.kode in x)
    assert "(kosong)" not in line
