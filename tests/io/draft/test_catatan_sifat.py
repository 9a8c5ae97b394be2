"""Draft sheet `Catatan`: a biner indicator is labelled biner, not by the Sifat it was given by
default (kumulatif for a satuan that is not % or indeks)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from kinerja_cli.domain.kompilasi import kompilasi
from kinerja_cli.domain.models import Arah, Sifat
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.settings import Settings
from kinerja_cli.io.draft.writer import write_draft
from kinerja_cli.io.pk.reader import read_pk
from support.pkbuilder import make_pk


def test_a_biner_indicator_is_labelled_biner(tmp_path: Path) -> None:
    pk = read_pk(make_pk(tmp_path / "pk.xlsx")).pk
    assert pk is not None
    biner = next(i for i in pk.indikator if i.arah == Arah.BINER)
    assert biner.sifat == Sifat.KUMULATIF  # the default for a satuan that is not % or indeks
    k = kompilasi(
        pk, Settings(tahun=2025), Periode(2), {}, {}, [], {}, dibuat=dt.datetime(2025, 7, 10)
    )
    path = tmp_path / "draf.xlsx"
    write_draft(k, path)
    ws = openpyxl.load_workbook(path)["Catatan"]
    head = next(c for row in ws.iter_rows() for c in row if c.value == "Sifat")
    rows = {
        str(ws.cell(r, 2).value).split(" ")[0]: ws.cell(r, head.column).value
        for r in range(head.row + 1, ws.max_row + 1)
        if ws.cell(r, 2).value
    }
    assert rows[biner.kode] == "biner"
    assert {v for kode, v in rows.items() if kode.startswith("IK.") and kode != biner.kode} <= {
        "kumulatif",
        "status",
    }
