"""The draft's own identity (docs/contract.md §11): the very hidden `_kinerja` sheet and
`read_draft_identity`, which recognises a draft wherever it was saved or edited."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from kinerja_cli import __version__
from kinerja_cli.domain.periode import Periode
from kinerja_cli.io.draft import IDENTITY_KEYS, draft_id, read_draft_identity, write_draft
from support import corpus


@pytest.fixture(scope="module")
def pk():  # noqa: ANN201
    from kinerja_cli.io.pk.reader import read_pk
    from support.paths import EXAMPLE_PK

    return read_pk(EXAMPLE_PK).pk


@pytest.fixture(scope="module")
def kompilasi(pk):  # noqa: ANN001, ANN201
    from test_draft_writer import example_kompilasi

    return example_kompilasi(pk)


@pytest.fixture(scope="module")
def data(kompilasi, tmp_path_factory: pytest.TempPathFactory) -> bytes:  # noqa: ANN001
    path = tmp_path_factory.mktemp("id") / "draf.xlsx"
    write_draft(kompilasi, path)
    return path.read_bytes()


def test_identity_rows(data: bytes, kompilasi, pk) -> None:  # noqa: ANN001
    ident = read_draft_identity(data)
    assert ident is not None
    assert list(ident) == list(IDENTITY_KEYS)
    assert ident == {
        "draft_id": draft_id(kompilasi),
        "versi_alat": __version__,
        "tahun": "2025",
        "periode": "TW2",
        "sidik_pk": pk.sha256,
        "dibuat": "2025-07-10",
    }
    assert ident["draft_id"].startswith("2025-TW2-")


def test_draft_id_is_deterministic_and_distinct(kompilasi) -> None:  # noqa: ANN001
    same = dataclasses.replace(kompilasi)
    assert draft_id(same) == draft_id(kompilasi)
    # the same data recompiled later the same day: the same draft (the same bytes)
    later = dataclasses.replace(kompilasi, dibuat=kompilasi.dibuat + dt.timedelta(hours=1))
    assert draft_id(later) == draft_id(kompilasi)
    next_day = dataclasses.replace(kompilasi, dibuat=kompilasi.dibuat + dt.timedelta(days=1))
    other_pk = dataclasses.replace(kompilasi, sidik_pk="0" * 64)
    other_tw = dataclasses.replace(kompilasi, periode=Periode(3))
    # different figures the same day (before and after a correction): another draft
    first = kompilasi.indikator[0]
    corrected = dataclasses.replace(
        kompilasi, indikator=(dataclasses.replace(first, realisasi=None), *kompilasi.indikator[1:])
    )
    ids = {draft_id(k) for k in (kompilasi, next_day, other_pk, other_tw, corrected)}
    assert len(ids) == 5


@pytest.mark.slow
def test_identity_survives_an_edit_in_place_and_a_copy(data: bytes, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb["_kinerja"].sheet_state == "veryHidden"
    assert wb["_kinerja"].protection.sheet
    wb["Pengukuran"]["H7"] = 99  # the Sekretaris corrects a realisation and saves
    copy = tmp_path / "salinan di tempat lain.xlsx"
    wb.save(copy)
    assert read_draft_identity(copy.read_bytes()) == read_draft_identity(data)


def test_not_a_draft() -> None:
    assert read_draft_identity(b"bukan berkas") is None
    assert read_draft_identity(corpus.make_base_xlsx()) is None  # a form: form_id, no draft_id
    wb = openpyxl.Workbook()
    out = io.BytesIO()
    wb.save(out)
    assert read_draft_identity(out.getvalue()) is None  # no identity sheet


def test_hostile_bytes_never_reach_a_parser() -> None:
    for case in (corpus.case_dimension_bomb(), corpus.case_billion_laughs(), corpus.case_xxe()):
        assert read_draft_identity(case) is None


def _tables_with_openpyxl(data: bytes) -> dict[str, dict[str, dict[str, str]]]:
    """The reading `kinerja diff` did before (openpyxl), as the reference."""
    from kinerja_cli.io.draft import TABLE_SHEETS
    from kinerja_cli.io.draft.reader import cell_text
    from kinerja_cli.io.xlsx import find_sheet, locate

    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    out: dict[str, dict[str, dict[str, str]]] = {}
    for sheet in TABLE_SHEETS:
        ws = find_sheet(wb, sheet)
        table = locate(ws, ("Kode",)) if ws is not None else None
        if ws is None or table is None:
            continue
        headers = {cols[0]: h for h, cols in table.header.columns.items() if h != "no"}
        kode_col = table.header.columns["kode"][0]
        rows: dict[str, dict[str, str]] = {}
        for r in range(table.header_row + 1, (ws.max_row or 0) + 1):
            kode = cell_text(ws.cell(r, kode_col).value)
            if not kode or kode in rows:
                continue
            rows[kode] = {
                str(ws.cell(table.header_row, c).value): cell_text(ws.cell(r, c).value)
                for c in headers
                if c != kode_col
            }
        out[sheet] = rows
    return out


@pytest.mark.slow
def test_tables_read_with_calamine_equal_the_openpyxl_reading(data: bytes, tmp_path: Path) -> None:
    from kinerja_cli.io.draft import read_tables

    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb["Pengukuran"]["H7"] = 99.5  # an edited copy, saved by another program
    wb["Permasalahan"]["G6"] = "Diubah  Sekretaris"
    edited = tmp_path / "koreksi.xlsx"
    wb.save(edited)
    for blob in (data, edited.read_bytes()):
        tables = read_tables(blob)
        assert set(tables) == {"Pengukuran", "Anggaran", "Permasalahan"}
        assert tables == _tables_with_openpyxl(blob)
    assert read_tables(corpus.case_dimension_bomb()) == {}
