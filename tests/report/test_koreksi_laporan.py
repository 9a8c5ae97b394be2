"""The reports' method note says the figures include the Sekretaris's corrections and lists
them (docs/contract.md §11), in HTML, DOCX and XLSX alike; without corrections it says nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest

from kinerja_cli.domain.models import PK
from kinerja_cli.domain.periode import TAHUNAN
from kinerja_cli.report import render
from kinerja_cli.report.context import build_context
from kinerja_cli.store.corrections import Correction
from support.laporankit import TANGGAL_TAHUNAN, TANGGAL_TW2, TW2, kompilasi_untuk
from support.teks import docx_teks, html_teks


def _corrections(pk: PK) -> list[Correction]:
    bm = pk.indikator_of("BM")[0]
    leaf = next(a for a in pk.anggaran if a.bidang == "BM" and not pk.is_parent(a.kode))
    return [
        Correction(
            "realisasi", "BM", bm.kode, "TW2", "63,1", "77.7", sheet="Pengukuran", cell="J9",
            draft="draf.xlsx", at="2025-07-21T10:15:00", oleh="sekretaris@PC", id=1,
        ),
        Correction(
            "anggaran", "BM", leaf.kode, "TW2", "1.000", "2500", sheet="Anggaran", cell="H12",
            draft="draf.xlsx", at="2025-07-21T10:15:00", oleh="sekretaris@PC", id=2,
        ),
        Correction(
            "narasi", "BM", bm.kode, "penghambat", None, "Hujan " * 80, sheet="Permasalahan",
            cell="F9", draft="draf-2.xlsx", at="2025-07-23T08:00:00", oleh="sekretaris@PC", id=3,
        ),
    ]  # fmt: skip


def _render(ctx: dict[str, Any], fmt: str) -> bytes:
    return render.renderer(fmt, None)(ctx, render.make_env(None), dict(render.GRAFIK_KOSONG))


@pytest.fixture(scope="module")
def ctx_tahunan(pk: PK) -> dict[str, Any]:
    k = kompilasi_untuk(pk, TAHUNAN, koreksi=_corrections(pk))
    return build_context(k, TANGGAL_TAHUNAN)


def test_the_context_lists_every_correction(pk: PK, ctx_tahunan: dict[str, Any]) -> None:
    ko = ctx_tahunan["koreksi"]
    assert ko["ada"] and ko["jumlah"] == 3
    assert ko["kalimat"] == (
        "Angka dalam laporan ini telah memuat 3 koreksi Sekretaris atas draf pengukuran "
        "kinerja yang dicatat pada 21 Juli 2025 dan 23 Juli 2025, sebagai berikut:"
    )
    bm = pk.indikator_of("BM")[0]
    first = ko["baris"][0]
    assert (first["kode"], first["nama"], first["bidang"]) == (
        bm.kode,
        bm.nama,
        "Bidang Bina Marga",
    )
    assert (first["isian"], first["lama"], first["baru"]) == ("Realisasi TW II", "63,1", "77,7")
    assert ko["baris"][1]["isian"] == "Realisasi anggaran TW II (Rp)"
    assert ko["baris"][1]["baru"] == "2.500"
    narasi = ko["baris"][2]
    assert narasi["isian"] == "Faktor Penghambat" and narasi["lama"] == ""
    assert narasi["baru"].endswith("(dipotong)") and len(narasi["baru"]) < 330


@pytest.mark.slow
def test_the_annual_method_note_lists_them_in_every_format(ctx_tahunan: dict[str, Any]) -> None:
    kalimat = ctx_tahunan["koreksi"]["kalimat"]
    html = html_teks(_render(ctx_tahunan, "html").decode())
    # in the appendix's method section, before the analysis
    assert html.index("A. Dasar dan Metode Pengukuran") < html.index(kalimat)
    assert html.index(kalimat) < html.index("B. Analisis Capaian Kinerja")
    assert "Realisasi TW II | 63,1 | 77,7" in html
    docx = docx_teks(_render(ctx_tahunan, "docx"))
    assert kalimat in docx and "63,1" in docx and "{{" not in docx
    assert docx.index(kalimat) < docx.index("B. Analisis Capaian Kinerja")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(_render(ctx_tahunan, "xlsx")))
    ws = wb["Koreksi"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=6, max_row=8)]
    assert values[0][4:] == ["Realisasi TW II", "63,1", "77,7"]
    assert values[2][5] == "–"  # an empty old value


def test_the_quarterly_review_says_so_in_its_method_note(pk: PK) -> None:
    k = kompilasi_untuk(pk, TW2, koreksi=_corrections(pk)[:1])
    ctx = build_context(k, TANGGAL_TW2)
    html = html_teks(_render(ctx, "html").decode())
    ringkas = (
        "Angka dalam reviu ini telah memuat 1 koreksi Sekretaris atas draf pengukuran kinerja "
        "yang dicatat pada 21 Juli 2025; rinciannya disajikan pada akhir bagian ini."
    )
    ii, iii = html.index("II. CAPAIAN INDIKATOR"), html.index("III. INDIKATOR BERISIKO")
    assert ii < html.index(ringkas) < html.index(ctx["koreksi"]["kalimat"]) < iii
    docx = docx_teks(_render(ctx, "docx"))
    assert ringkas in docx and ctx["koreksi"]["kalimat"] in docx


def test_without_corrections_nothing_is_said(pk: PK) -> None:
    ctx = build_context(kompilasi_untuk(pk, TW2), TANGGAL_TW2)
    assert ctx["koreksi"]["ada"] is False
    for fmt in ("html", "docx"):
        out = _render(ctx, fmt)
        text = html_teks(out.decode()) if fmt == "html" else docx_teks(out)
        assert "koreksi Sekretaris" not in text, fmt
    from openpyxl import load_workbook

    assert "Koreksi" not in load_workbook(io.BytesIO(_render(ctx, "xlsx"))).sheetnames
