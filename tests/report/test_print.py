"""Documents ready to sign (docs/contract.md §14–§16), checked mechanically on every format:
the lembar first and signed, pagination rules, agency names once, official words only, no
efficiency verdict without the DPA plan, the semester review, the workbook's print setup."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from typing import Any

import pytest

from kinerja_cli.domain.models import PK
from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.report import render
from kinerja_cli.report.context import build_context
from support.laporankit import TANGGAL_TAHUNAN, TANGGAL_TW2, TW2, kompilasi_untuk
from support.teks import docx_teks, html_teks

pytestmark = pytest.mark.slow  # rendering every format: the full run only

FORMAL = {
    "pemda": "Pemerintah Kabupaten Siak",
    "perangkat_daerah": "Dinas Kesehatan Kabupaten Siak",
    "singkatan": "Dinkes",
    "jabatan_kepala": "Kepala Dinas Kesehatan Kabupaten Siak",
    "tempat": "Siak Sri Indrapura",
}
# software words and abbreviations an official document never prints (docs/contract.md §16)
KATA_TERLARANG = re.compile(
    r"ruang kerja|berkas|ditautkan|kinerja\.toml|\bthd\b|belum tersedia di|"
    r"\bkinerja (init|collect|compile|report|archive|status|demo|check-pk)\b|"
    r"(oleh|ditulis|dibuat) kinerja\b",
    re.IGNORECASE,
)


def _semua(ctx: dict[str, Any], fmts: tuple[str, ...] = ("html", "docx", "xlsx")) -> dict:
    env = render.make_env(None)
    grafik = render.charts_for(ctx, list(fmts))
    return {f: render.renderer(f, None)(ctx, env, grafik) for f in fmts}


def xlsx_teks(data: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    lines = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            cells = [str(v) for v in row if v is not None and str(v).strip()]
            if cells:
                lines.append(" | ".join(cells))
    return "\n".join(lines)


def _teks(out: dict[str, bytes]) -> dict[str, str]:
    t = {"html": html_teks(out["html"].decode()), "docx": docx_teks(out["docx"])}
    if "xlsx" in out:
        t["xlsx"] = xlsx_teks(out["xlsx"])
    return t


@pytest.fixture(scope="module")
def tahunan(k_tahunan: Kompilasi) -> dict[str, bytes]:
    return _semua(build_context(k_tahunan, TANGGAL_TAHUNAN))


@pytest.fixture(scope="module")
def tw2(k_tw2: Kompilasi, k_tw1: Kompilasi) -> dict[str, bytes]:
    return _semua(build_context(k_tw2, TANGGAL_TW2, k_tw1))


# ---- the lembar pengukuran first, signed under its table, then LAMPIRAN ----------------


def test_annual_order_lembar_signature_lampiran(tahunan: dict[str, bytes]) -> None:
    for fmt, text in _teks(tahunan).items():
        if fmt == "xlsx":
            continue
        nip = text.index("NIP. 19720514 199803 1 006")
        dinas = text.index("Capaian kinerja Dinas PUPRPERKIM")
        lampiran = text.index("LAMPIRAN")
        first_row = text.index("IK.01")
        assert first_row < dinas < nip < lampiran, fmt
        # nothing of the appendix before the signature; its sections after it, in order
        head = text[:nip]
        assert "Dasar dan Metode" not in head and "Peraturan Presiden" not in head, fmt
        order = [text.index(s, lampiran) for s in ("A. Dasar", "B. Analisis", "C. Realisasi")]
        assert order == sorted(order), fmt
        assert "Kode" in text[:first_row]  # the lembar shows the codes the Metode cites


def test_annual_workbook_opens_with_the_signed_lembar(tahunan: dict[str, bytes]) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(tahunan["xlsx"]))
    assert wb.sheetnames[0] == "Pengukuran"
    ws = wb["Pengukuran"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(t.startswith("NIP. 19720514") for t in texts)
    last_table = max(i for i, t in enumerate(texts) if t.startswith("Capaian kinerja"))
    assert last_table < next(i for i, t in enumerate(texts) if t.startswith("NIP."))


# ---- pagination ----------------------------------------------------------------------


def _docx_rows(data: bytes) -> list[Any]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return list(
        doc.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr")
    )


@pytest.mark.parametrize("which", ["tahunan", "tw2"])
def test_every_docx_row_is_cant_split_and_headers_repeat(which: str, request) -> None:  # noqa: ANN001
    out = request.getfixturevalue(which)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rows = _docx_rows(out["docx"])
    assert len(rows) > 50
    for tr in rows:
        pr = tr.find(w + "trPr")
        assert pr is not None and pr.find(w + "cantSplit") is not None
    from docx import Document

    doc = Document(io.BytesIO(out["docx"]))
    for t in doc.tables:
        head = t.rows[0]._tr.find(w + "trPr")
        assert head is not None and head.find(w + "tblHeader") is not None
    assert "\u2060" not in docx_teks(out["docx"])  # no removed-column marker left


def test_quarterly_docx_has_no_empty_quarter_columns(tw2: dict[str, bytes]) -> None:
    text = docx_teks(tw2["docx"])
    assert "Realisasi TW II" in text
    assert "Realisasi TW III" not in text and "Realisasi TW IV" not in text
    from docx import Document

    doc = Document(io.BytesIO(tw2["docx"]))
    for t in doc.tables:  # every row spans the same grid after the columns are removed
        grid = len(
            t._tbl.tblGrid.findall(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol"
            )
        )
        for row in t.rows:
            spans = sum(c.grid_span for c in row._tr.tc_lst) if hasattr(row._tr, "tc_lst") else grid
            assert spans == grid


def test_docx_lembar_keeps_its_last_group_with_the_signature(tahunan: dict[str, bytes]) -> None:
    from docx import Document

    doc = Document(io.BytesIO(tahunan["docx"]))
    lembar = doc.tables[0]
    last = lembar.rows[-1].cells[0]
    assert "NIP." in last.text and "Capaian kinerja" in last.tables[0].rows[0].cells[0].text
    # the rows above it (the last sasaran and its subtotal) keep with the next row
    for row in lembar.rows[-3:-1]:
        assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


def test_docx_long_groups_may_break_inside_but_never_at_their_ends(
    tw2: dict[str, bytes],
) -> None:
    """A sasaran of 9 indicators kept whole left page 3 of the review empty: a group longer than
    MAX_KEPT rows keeps only its heading with the first rows and its last rows with the
    subtotal; a short group stays whole."""
    from docx import Document

    from kinerja_cli.report.docx_out import KEEP_HEAD, KEEP_TAIL, MAX_KEPT

    def kept(row: Any) -> bool:
        return all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)

    doc = Document(io.BytesIO(tw2["docx"]))
    table = next(
        t
        for t in doc.tables
        if t.rows[0].cells[0].text == "No" and "Tren" in [c.text for c in t.rows[0].cells]
    )
    rows = [r for r in table.rows if "Tren" not in r.cells[-1].text]
    groups: list[list[Any]] = [[]]
    for r in rows:
        groups[-1].append(r)
        if r.cells[1].text.startswith("Capaian sasaran"):
            groups.append([])
    long = [g for g in groups if len(g) > MAX_KEPT]
    short = [g for g in groups if 2 < len(g) <= MAX_KEPT]
    assert long and short  # the example PK's first sasaran has 9 indicators
    for g in long:
        assert all(kept(r) for r in g[:KEEP_HEAD]) and all(kept(r) for r in g[-KEEP_TAIL - 1 : -1])
        assert not all(kept(r) for r in g[KEEP_HEAD : -KEEP_TAIL - 1])
    for g in short:
        assert all(kept(r) for r in g[:-1])
    # the last rows of a long table stay together: never one row alone on the last page
    evidence = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Data Pendukung")
    assert len(evidence.rows) > 6
    assert all(kept(r) for r in evidence.rows[-KEEP_TAIL - 1 : -1])
    body = [r for r in evidence.rows if r.cells[-1].text != "Data Pendukung"]
    assert all(kept(r) for r in body[:KEEP_TAIL])  # nor starts with one row under its heading
    assert not kept(evidence.rows[-KEEP_TAIL - 3])


def test_html_prints_its_own_page_numbers_and_keeps_groups(tw2: dict[str, bytes]) -> None:
    html = tw2["html"].decode()
    style = html.split("</style>", 1)[0]
    assert 'counter(page) " dari " counter(pages)' in style
    for box in ("top-left", "top-center", "top-right", "bottom-left", "bottom-center"):
        assert f"@{box}" in style  # every margin box declared: the browser adds no date or path
    assert "tbody.kelompok" in style and "break-inside: avoid" in style
    # every sasaran heading row opens a kept group with at least one indicator row after it
    groups = re.findall(r'<tbody class="kelompok">(.*?)</tbody>', html, flags=re.S)
    heads = [g for g in groups if 'tr class="kelompok"' in g]
    assert len(heads) == 6
    for g in heads:
        assert g.count("<tr") >= 2


# ---- agency names typed formally -------------------------------------------------------


def _ulang(text: str) -> list[str]:
    """Lines naming the agency where a word group of 2–4 words repeats back to back."""
    out = []
    for line in text.splitlines():
        if not re.search(r"pemerintah|kabupaten|dinas|kepala", line, re.IGNORECASE):
            continue
        w = re.findall(r"[^\W\d_]{3,}", line)  # words only: no numbers, dashes, separators
        for n in range(2, 5):
            for i in range(len(w) - 2 * n + 1):
                if [x.casefold() for x in w[i : i + n]] == [
                    x.casefold() for x in w[i + n : i + 2 * n]
                ]:
                    out.append(line)
        for i in range(len(w) - 1):
            if w[i].casefold() == w[i + 1].casefold() == "pemerintah":
                out.append(line)
    return out


@pytest.fixture(scope="module")
def pk_formal(pk: PK) -> PK:
    return dataclasses.replace(pk, identitas=dataclasses.replace(pk.identitas, **FORMAL))


def test_formally_typed_names_never_double_in_reports(pk_formal: PK) -> None:
    for periode, tgl in ((TAHUNAN, TANGGAL_TAHUNAN), (TW2, TANGGAL_TW2)):
        ctx = build_context(kompilasi_untuk(pk_formal, periode), tgl)
        assert ctx["kop"]["pemda"] == "PEMERINTAH KABUPATEN SIAK"
        assert ctx["kop"]["perangkat_daerah"] == "DINAS KESEHATAN"
        assert ctx["ttd"]["jabatan"] == "Kepala Dinas Kesehatan Kabupaten Siak"
        for fmt, text in _teks(_semua(ctx)).items():
            assert _ulang(text) == [], (fmt, _ulang(text)[:3])
            assert "DINAS KESEHATAN KABUPATEN SIAK" in text.upper(), fmt


def test_formally_typed_names_never_double_in_forms(pk_formal: PK, tmp_path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    from kinerja_cli.io.form.writer import FormSpec, write_form

    path = tmp_path / "f.xlsx"
    write_form(FormSpec(pk_formal, "BM", TW2, None, "Subbagian Perencanaan"), path)
    wb = load_workbook(path)
    text = "\n".join(
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value
    )
    assert _ulang(text) == [], _ulang(text)[:3]
    assert wb["Kinerja"]["A1"].value == "PEMERINTAH KABUPATEN SIAK"
    assert wb["Kinerja"]["A2"].value == "DINAS KESEHATAN"


# ---- official words ------------------------------------------------------------------


def test_no_software_words_in_official_documents(
    tahunan: dict[str, bytes], tw2: dict[str, bytes]
) -> None:
    for out in (tahunan, tw2):
        for fmt, text in _teks(out).items():
            assert not KATA_TERLARANG.findall(text), (fmt, KATA_TERLARANG.findall(text))
    # no previous year linked: the section is left out, not apologised for
    assert "Tahun Sebelumnya" not in html_teks(tahunan["html"].decode())


def test_no_software_words_in_the_form(pk: PK, tmp_path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    from kinerja_cli.io.form.writer import FormSpec, write_form

    path = tmp_path / "f.xlsx"
    write_form(FormSpec(pk, "BM", TW2, None, "Subbagian Perencanaan"), path)
    wb = load_workbook(path)
    for name in ("Petunjuk", "Kinerja", "Anggaran"):
        text = "\n".join(str(c.value) for row in wb[name].iter_rows() for c in row if c.value)
        assert not KATA_TERLARANG.findall(text), (name, KATA_TERLARANG.findall(text))
        assert not re.search(r"\bkinerja (menjumlahkan|memakai|mengabaikan)", text)
    petunjuk = "\n".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "61,2" in petunjuk and "61.2" in petunjuk  # both decimal separators explained


# ---- efficiency against the DPA plan -------------------------------------------------


def _tanpa_rencana(pk: PK) -> PK:
    return dataclasses.replace(
        pk,
        anggaran=tuple(dataclasses.replace(a, rencana_tw=(None,) * 4) for a in pk.anggaran),
    )


def test_no_efficiency_verdict_without_the_plan(pk: PK) -> None:
    k = kompilasi_untuk(_tanpa_rencana(pk), TW2)
    assert k.dasar_efisiensi == ""
    ctx = build_context(k, TANGGAL_TW2)
    assert not any(b["label"] for b in ctx["anggaran"]["bidang"])
    for fmt, text in _teks(_semua(ctx)).items():
        assert not re.search(r"\bEfisien\b|Kurang Efisien|indeks efisiensi \d", text), fmt
        assert "tidak tercantum dalam Perjanjian Kinerja" in text or fmt == "xlsx", fmt
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(_semua(ctx, ("xlsx",))["xlsx"]))
    heads = [c.value for row in wb["Efisiensi Bidang"].iter_rows() for c in row]
    assert "IE" not in heads and "Kategori" not in heads


def test_quarterly_efficiency_with_the_plan_names_its_base(k_tw2: Kompilasi) -> None:
    assert k_tw2.dasar_efisiensi == "rencana"  # the example PK carries the DPA plan
    ctx = build_context(k_tw2, TANGGAL_TW2)
    text = _teks(_semua(ctx, ("html", "docx")))
    for fmt in ("html", "docx"):
        assert "Serapan terhadap Rencana (%)" in text[fmt], fmt
        assert "rencana penarikan dana" in text[fmt], fmt
        assert re.search(r"\bEfisien\b", text[fmt]), fmt


# ---- the semester review ---------------------------------------------------------------


def test_semester_review_is_the_quarter_review_worded_for_a_semester(pk: PK) -> None:
    k2, k4 = kompilasi_untuk(pk, Periode(2)), kompilasi_untuk(pk, Periode(4))
    sem1 = build_context(k2, TANGGAL_TW2, None, "", 1)
    tw = build_context(k2, TANGGAL_TW2, None, "", None)
    assert render.file_name(sem1, "html") == "Reviu-Semester-I-2025.html"
    assert sem1["dokumen"]["judul"] == "Reviu Capaian Kinerja Semester I Tahun 2025"
    h_sem, h_tw = (html_teks(_semua(c, ("html",))["html"].decode()) for c in (sem1, tw))
    assert (
        "REVIU CAPAIAN KINERJA SEMESTER I" in h_sem
        and "Bahan Rapat Evaluasi Kinerja Semester I" in h_sem
    )
    # same figures as the Triwulan II review
    rows = lambda t: [line for line in t.splitlines() if re.match(r"\d\.\d+ \|", line)]  # noqa: E731
    assert rows(h_sem) == rows(h_tw) and rows(h_sem)
    sem2 = build_context(k4, TANGGAL_TAHUNAN, k2, "", 2)
    assert render.file_name(sem2, "docx") == "Reviu-Semester-II-2025.docx"
    h2 = html_teks(_semua(sem2, ("html",))["html"].decode())
    assert "dari Semester I" in h2  # compared with the previous semester
    assert "dari TW III" not in h2


def test_report_cli_semester(ws_fake) -> None:  # noqa: ANN001
    from typer.testing import CliRunner

    from kinerja_cli.cli.app import app

    ws, _ = ws_fake
    run = lambda *a: CliRunner().invoke(app, ["report", "-w", str(ws.root), *a])  # noqa: E731
    r = run("--semester", "1", "-f", "html")
    assert r.exit_code == 0, r.output
    assert "Reviu Semester I" in r.output
    assert (ws.hasil / "Reviu-Semester-I-2025.html").is_file()
    assert run("--semester", "3").exit_code == 2
    assert run("--semester", "1", "--triwulan", "2").exit_code == 2


# ---- the report workbook prints as a document ---------------------------------------


def test_report_workbook_print_setup(tahunan: dict[str, bytes], tw2: dict[str, bytes]) -> None:
    from openpyxl import load_workbook

    for out in (tahunan, tw2):
        wb = load_workbook(io.BytesIO(out["xlsx"]))
        for ws in wb.worksheets:
            assert str(ws.page_setup.paperSize) == "9", ws.title
            assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
            fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
            assert fonts == {"Arial"}, (ws.title, fonts)
            heights = [ws.row_dimensions[c.row].height for c in ws["A"] if c.value is not None]
            assert all(h for h in heights), ws.title  # every filled row has its height
            if ws.title not in ("Analisis", "Ringkasan"):
                assert ws.page_setup.orientation == "landscape", ws.title
                assert ws.print_title_rows, ws.title
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, int | float) and not isinstance(c.value, bool):
                        assert c.number_format.startswith(("[$-421]", "[>=1000000000]")), (
                            ws.title,
                            c.coordinate,
                            c.number_format,
                        )
    with zipfile.ZipFile(io.BytesIO(tahunan["xlsx"])) as z:
        assert any(n.startswith("xl/worksheets/") for n in z.namelist())
