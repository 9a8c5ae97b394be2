"""The form says what the PK and README promise: the Kepala Bidang's signature block under the
Kinerja table (from the PK's Bidang sheet), each indicator's Definisi Operasional on the
Petunjuk sheet; the reader does not mistake the signature block for stray content."""

from __future__ import annotations

import io

import openpyxl

from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.targets import format_nip
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.form.reader import read_form
from kinerja_cli.services.setup import init_forms, require_pk

TW2 = Periode(2)


def _form(workspace, bidang: str = "BM"):
    res = init_forms(workspace, TW2, [bidang], None)
    return res.forms[0].path, require_pk(workspace)


def test_signature_block_of_the_kepala_bidang(workspace) -> None:
    path, pk = _form(workspace)
    bm = pk.bidang_by_kode("BM")
    assert bm is not None and bm.kepala and bm.nip and bm.jabatan
    ws = openpyxl.load_workbook(path)["Kinerja"]
    ncols = len(L.kinerja_columns(TW2))
    last = L.FIRST_ROW + len(pk.indikator_of("BM")) - 1
    rows, cols = L.ttd_area(last, ncols)
    texts = [ws.cell(r, cols[0]).value for r in rows]
    assert texts[0].startswith(f"{pk.identitas.tempat}, ....")  # dated by hand when signed
    assert texts[1] == bm.jabatan
    assert texts[2] is None  # the space to sign in
    assert texts[3] == bm.kepala and ws.cell(rows[3], cols[0]).font.b
    assert texts[4] == f"NIP {format_nip(bm.nip)}"
    merged = {str(m) for m in ws.merged_cells.ranges}
    for r in rows:
        assert ws.cell(r, cols[0]).protection.locked  # part of the form, not an input
        first, end = ws.cell(r, cols[0]).coordinate, ws.cell(r, cols[-1]).coordinate
        assert f"{first}:{end}" in merged
    # Nothing between the table and the block, nothing left of it.
    assert all(ws.cell(last + 1, c).value is None for c in range(1, ncols + 1))
    assert all(ws.cell(r, c).value is None for r in rows for c in range(1, cols[0]))


def test_signature_without_names_in_the_pk(workspace) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(workspace.pk)
    ws = wb["Bidang"]
    for row in ws.iter_rows():
        if row[0].value == "BM":
            row[2].value = row[3].value = row[4].value = None
    wb.save(workspace.pk)
    path, pk = _form(workspace)
    ws = openpyxl.load_workbook(path)["Kinerja"]
    rows, cols = L.ttd_area(L.FIRST_ROW + len(pk.indikator_of("BM")) - 1, ws.max_column)
    texts = [ws.cell(r, cols[0]).value for r in rows]
    assert texts[1] == "Kepala Bidang Bina Marga"
    assert texts[3].startswith("(....") and texts[4].startswith("NIP ....")


def test_definisi_operasional_on_the_petunjuk(workspace) -> None:
    path, pk = _form(workspace)
    ws = openpyxl.load_workbook(path)["Petunjuk"]
    text = [c.value for c in ws["A"] if c.value]
    assert "Definisi operasional indikator (dari PK)" in text
    for ind in pk.indikator_of("BM"):
        assert ind.definisi and f"{ind.kode} {ind.nama}: {ind.definisi}" in text
    assert any("blok tanda tangan" in t for t in text)


def test_the_reader_skips_the_signature_block_only(workspace) -> None:
    path, pk = _form(workspace)
    res = read_form(path.read_bytes(), path.name, pk, periode_wajib=TW2)
    assert not [f for f in res.findings if f.code == "di-luar-area-formulir"]
    # A note typed below the table (outside the block) is still reported.
    wb = openpyxl.load_workbook(path)
    ws = wb["Kinerja"]
    last = L.FIRST_ROW + len(pk.indikator_of("BM")) - 1
    rows, cols = L.ttd_area(last, len(L.kinerja_columns(TW2)))
    ws.cell(rows[1], 3).value = "catatan di luar tabel"
    buf = io.BytesIO()
    wb.save(buf)
    res = read_form(buf.getvalue(), path.name, pk, periode_wajib=TW2)
    luar = [f.cell for f in res.findings if f.code == "di-luar-area-formulir"]
    assert luar == [ws.cell(rows[1], 3).coordinate]
