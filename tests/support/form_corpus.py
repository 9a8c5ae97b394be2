"""Form-level bad-input corpus (docs/reliability.md E cases 29-65) built from real kinerja forms.

`basis()` writes the example PK's form for one bidang and periode with the real writer and
fills it with `fill_form`; every case edits those bytes (openpyxl for what a user can do in a
spreadsheet program, XML patches via tests/corpus.py for what only a crafted file can hold).

Layout of the BM TW II form (docs/contract.md §5): sheet2 = Kinerja, header row 6, rows 7-12 = IK.10-IK.15;
columns A No, B Kode, C Sasaran, D Indikator Kinerja, E Satuan, F Arah, G Target,
H Target TW I, I Target TW II, J Realisasi TW I, K Realisasi TW II, L Faktor Pendorong,
M Faktor Penghambat, N Tindak Lanjut, O Bukti Dukung. sheet3 = Anggaran: rows 7-8 parents,
9-12 leaves; A Kode, B Uraian, C Pagu, D Realisasi TW I, E Realisasi TW II.
sheet4 = _kinerja: B2 form_id, B4 pemda, B6 bidang, B8 tahun, B9 periode, B10 sidik_pk.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from kinerja_cli.domain.models import PK, Narasi
from kinerja_cli.domain.periode import Periode
from kinerja_cli.io.form.filler import fill_form
from kinerja_cli.io.form.writer import FormSpec, write_form
from kinerja_cli.io.pk.reader import read_pk
from support.corpus import read_member, rewrite_zip

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PK = ROOT / "examples" / "pk-balangan-2025.xlsx"
KINERJA_XML = "xl/worksheets/sheet2.xml"
ANGGARAN_XML = "xl/worksheets/sheet3.xml"
NAME = "2025-TW2-BM-Bina-Marga.xlsx"
TW2 = Periode(2)

D = Decimal
VALUES: dict[str, list[object]] = {
    "IK.10": [D("61.5"), D("62.3")],  # %, naik, status; Target TW II 62
    "IK.11": [D("38.5"), D("37.9")],  # %, turun, status; Target TW II 38
    "IK.12": [D("0"), D("3.2")],  # km, kumulatif; TW targets 0, 3
    "IK.13": [D("46"), D("45")],  # km, kumulatif; 45, 90
    "IK.14": [D("0"), D("260")],  # m, kumulatif; 0, 250
    "IK.15": [D("76.2"), D("76.8")],  # %, naik, status; 76, 76.5
}
NARASI = {k: Narasi("Koordinasi dengan kecamatan baik.", "", "", f"BA-{k}.pdf") for k in VALUES}
ANGGARAN: dict[str, list[object]] = {
    "1.03.10.2.01.0032": [D(1_000_000_000), D(1_500_000_000)],  # pagu 9.850.000.000
    "1.03.10.2.01.0033": [D(500_000_000), D(700_000_000)],
    "1.03.10.2.01.0040": [D(0), D(100_000_000)],
    "1.03.10.2.01.0046": [D(200_000_000), D(300_000_000)],
}


@cache
def example_pk() -> PK:
    """The example PK (Dinas PUPRPERKIM Balangan 2025)."""
    res = read_pk(EXAMPLE_PK)
    assert res.pk is not None and res.ok, [f.line() for f in res.findings]
    return res.pk


@cache
def _workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="kinerja-form-corpus-"))


@cache
def blank_form(bidang: str = "BM", periode: Periode = TW2, pk: PK | None = None) -> bytes:
    """The bytes of a freshly written form."""
    pk = pk or example_pk()
    path = _workdir() / f"{bidang}-{periode.kode}-{pk.fingerprint(bidang)}.xlsx"
    write_form(FormSpec(pk, bidang, periode, None, "Subbagian Perencanaan"), path)
    return path.read_bytes()


def fill(
    src: bytes,
    values: dict[str, list[object]] | None = None,
    narasi: dict[str, Narasi] | None = None,
    anggaran: dict[str, list[object]] | None = None,
) -> bytes:
    """`src` filled by fill_form (through temporary files)."""
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a.xlsx", Path(tmp) / "b.xlsx"
        a.write_bytes(src)
        fill_form(a, b, values or {}, narasi, anggaran)
        return b.read_bytes()


@cache
def filled() -> bytes:
    """The BM TW II form filled with VALUES/NARASI/ANGGARAN: reads with no findings."""
    return fill(blank_form(), VALUES, NARASI, ANGGARAN)


def edit(src: bytes, fn: Callable[[Any], None]) -> bytes:
    """Open with openpyxl, apply `fn(workbook)`, save: what a user does in a spreadsheet."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(src))
    fn(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def set_cells(src: bytes, sheet: str = "Kinerja", **cells: object) -> bytes:
    """`src` with cells (by A1 ref) set through openpyxl; strings stay strings."""

    def apply(wb: Any) -> None:
        ws = wb[sheet]
        for ref, value in cells.items():
            ws[ref].value = value
            if isinstance(value, str):
                ws[ref].data_type = "s"

    return edit(src, apply)


def cell_xml(src: bytes, member: str, ref: str, xml: str) -> bytes:
    """`src` with one cell's XML (`<c r="K7" ...>...</c>` or self-closed) replaced."""
    text = read_member(src, member).decode()
    pattern = re.compile(rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)', re.S)
    assert pattern.search(text), f"{ref} not in {member}"
    return rewrite_zip(src, member, pattern.sub(lambda _m: xml, text, count=1).encode())


def style_of(src: bytes, member: str, ref: str) -> str:
    """The `s="N"` attribute of a cell, to keep its style in an XML patch."""
    m = re.search(rf'<c r="{ref}"[^>]*?\ss="(\d+)"', read_member(src, member).decode())
    return f' s="{m.group(1)}"' if m else ""


@dataclass(frozen=True)
class Expect:
    """One expected finding: code and cell (and sheet/kode when given)."""

    code: str
    cell: str | None
    sheet: str | None = "Kinerja"
    kode: str | None = None


def read(
    data: bytes, *, name: str = NAME, periode_wajib: Periode | None = TW2, pk: PK | None = None
) -> Any:
    """read_form against the example PK (the TW II collection by default)."""
    from kinerja_cli.io.form.reader import read_form

    return read_form(data, name, pk or example_pk(), periode_wajib=periode_wajib)


def check(res: Any, ok: bool, *expected: Expect) -> None:
    """Assert the status and that each expected finding is present with its cell."""
    lines = "\n".join(f.line() for f in res.findings)
    assert res.ok is ok, lines
    for e in expected:
        hits = [
            f
            for f in res.findings
            if f.code == e.code
            and f.cell == e.cell
            and (e.sheet is None or f.sheet == e.sheet)
            and (e.kode is None or f.kode == e.kode)
        ]
        assert hits, f"{e} not found in:\n{lines}"


def codes(res: Any) -> set[str]:
    """The set of finding codes."""
    return {f.code for f in res.findings}


# ---- docs/reliability.md E cases 29-65, at form level ---------------------------------------------
# Each builder returns the bytes of one returned file; CASES (below) says what to expect.


def _ws(fn: Callable[[Any], None], sheet: str = "Kinerja") -> Callable[[], bytes]:
    return lambda: edit(filled(), lambda wb: fn(wb[sheet]))


def _rename(wb: Any, old: str, new: str) -> None:
    wb[old].title = new


def _drop_identity(wb: Any, *, keep_id: bool = False) -> None:
    from openpyxl.packaging.custom import CustomPropertyList

    del wb["_kinerja"]
    if not keep_id:
        del wb.defined_names["KINERJA_FORM_ID"]
        wb.custom_doc_props = CustomPropertyList()


def _copy_sheet(wb: Any, rename_original: bool = False) -> None:
    if rename_original:
        wb["Kinerja"].title = "Kinerja A"
    copy = wb.copy_worksheet(wb["Kinerja A" if rename_original else "Kinerja"])
    copy["K7"] = 99


def _swap_rows(ws: Any, a: int, b: int) -> None:
    for c in range(1, ws.max_column + 1):
        ws.cell(a, c).value, ws.cell(b, c).value = ws.cell(b, c).value, ws.cell(a, c).value


def _swap_cols(ws: Any, a: int, b: int) -> None:
    """Swap two columns of the table (the header and indicator rows, not the signature block
    merged across the last columns below it)."""
    last = max(r for r in range(7, ws.max_row + 1) if ws.cell(r, 2).value)
    for r in range(6, last + 1):
        ws.cell(r, a).value, ws.cell(r, b).value = ws.cell(r, b).value, ws.cell(r, a).value


def _copy_row(ws: Any, src: int, dest: int) -> None:
    for c in range(1, ws.max_column + 1):
        ws.cell(dest, c).value = ws.cell(src, c).value


def _insert_row(ws: Any, code: str | None) -> None:
    ws.insert_rows(9)
    if code:
        ws["B9"] = code
    ws["K9"] = 5


def case_target_changed() -> bytes:
    def apply(wb: Any) -> None:
        ws = wb["Kinerja"]
        ws.protection.sheet = False
        ws["G8"] = 40  # PK: 35

    return edit(filled(), apply)


def case_formula_cached() -> bytes:
    s = style_of(filled(), KINERJA_XML, "K7")
    return cell_xml(filled(), KINERJA_XML, "K7", f'<c r="K7"{s}><f>60+2.3</f><v>62.3</v></c>')


def case_formula_no_cache() -> bytes:
    def apply(wb: Any) -> None:
        wb["Kinerja"]["K7"] = "=60+2.3"  # openpyxl writes <f> without <v>

    return edit(filled(), apply)


def case_external_link() -> bytes:
    return cell_xml(filled(), KINERJA_XML, "K8", '<c r="K8"><f>[1]Sheet1!A1</f><v>7</v></c>')


def case_error_cell() -> bytes:
    return cell_xml(filled(), KINERJA_XML, "K7", '<c r="K7" t="e"><v>#DIV/0!</v></c>')


def case_bool_and_date() -> bytes:
    import datetime as dt

    def apply(wb: Any) -> None:
        wb["Kinerja"]["K8"] = True
        wb["Kinerja"]["K9"] = dt.datetime(2025, 5, 1)

    return edit(filled(), apply)


def case_percent_formatted(value: float, fmt: str | None) -> bytes:
    def apply(wb: Any) -> None:
        cell = wb["Kinerja"]["K7"]
        cell.value = value
        if fmt:
            cell.number_format = fmt

    return edit(filled(), apply)


def case_control_chars() -> bytes:
    text = "baris1_x000D_&#10;baris2_x0007_bel\u200b"
    return cell_xml(
        filled(),
        KINERJA_XML,
        "L7",
        f'<c r="L7" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>',
    )


def case_text_over_excel_limit() -> bytes:
    return cell_xml(
        filled(), KINERJA_XML, "N7", f'<c r="N7" t="inlineStr"><is><t>{"x" * 40_000}</t></is></c>'
    )


def case_unicode_variants() -> bytes:
    name = next(i.nama for i in example_pk().indikator if i.kode == "IK.12")

    def apply(wb: Any) -> None:
        ws = wb["Kinerja"]
        ws["B7"] = "IK.10\u00a0"
        ws["B8"] = "\uff29\uff2b.11"  # full-width ＩＫ.11
        ws["D9"] = name.replace(" ", "\u00a0", 1).replace(" ", "  ", 1) + "\u200b"

    return edit(filled(), apply)


def case_wps_dimension() -> bytes:
    out = filled()
    for member in (KINERJA_XML, ANGGARAN_XML):
        xml = read_member(out, member).decode()
        xml, n = re.subn(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:A1"/>', xml)
        assert n == 1
        out = rewrite_zip(out, member, xml.encode())
    return out


def case_identity_field(ref: str, value: str) -> bytes:
    def apply(wb: Any) -> None:
        wb["_kinerja"][ref] = value

    return edit(filled(), apply)


def case_custom_property(value: str) -> bytes:
    xml = read_member(filled(), "docProps/custom.xml").decode()
    xml = re.sub(r"(<vt:lpwstr[^>]*>)[^<]*", lambda m: m.group(1) + value, xml)
    return rewrite_zip(filled(), "docProps/custom.xml", xml.encode())


def case_tw4_form() -> bytes:
    from kinerja_cli.io.form.filler import simulated_values

    values, narasi, anggaran = simulated_values(example_pk(), "BM", Periode(4), seed=3)
    return fill(blank_form("BM", Periode(4)), values, narasi, anggaran)


def case_foreign_form() -> bytes:
    from support.corpus import make_base_xlsx

    return make_base_xlsx()  # a kinerja-like form of another tool: codes IK.01-03 (SEK, UMP)


def case_far_formatting() -> bytes:
    from openpyxl.styles import Font

    def apply(wb: Any) -> None:
        wb["Kinerja"].cell(row=90_000, column=1).font = Font(bold=True)

    return edit(filled(), apply)


@dataclass(frozen=True)
class Case:
    """One corpus case: docs/reliability.md E number, builder, expected status and findings."""

    id: str
    build: Callable[[], bytes]
    ok: bool
    expect: tuple[Expect, ...] = ()
    periode_wajib: Periode | None = Periode(2)
    name: str = NAME
    check: Callable[[Any], None] | None = None
    only: bool = False  # the expected findings are the only findings


def _values_intact(res: Any) -> None:
    assert res.data.realisasi == VALUES, res.data.realisasi


def _value(kode: str, tw: int, expected: object) -> Callable[[Any], None]:
    def check_value(res: Any) -> None:
        assert res.data.realisasi[kode][tw - 1] == expected, res.data.realisasi[kode]

    return check_value


IDENT = "_kinerja"
CASES: list[Case] = [
    Case(
        "29-sheet-renamed",
        lambda: edit(filled(), lambda wb: _rename(wb, "Kinerja", "TW II")),
        True,
        (Expect("lembar-diganti-nama", None, "TW II"),),
        check=_values_intact,
        only=True,
    ),
    Case(
        "30-sheet-copied",
        lambda: edit(filled(), _copy_sheet),
        True,
        (Expect("lembar-salinan", None, "Kinerja Copy"),),
        check=_values_intact,
        only=True,
    ),
    Case(
        "30-two-copies-no-name",
        lambda: edit(filled(), lambda wb: _copy_sheet(wb, True)),
        False,
        (Expect("lembar-ganda", None, "Kinerja A"),),
    ),
    Case(
        "31-identity-deleted",
        lambda: edit(filled(), _drop_identity),
        True,
        (Expect("identitas-hilang", None, None),),
        check=_values_intact,
        only=True,
    ),
    Case(
        "31-identity-sheet-deleted-id-kept",
        lambda: edit(filled(), lambda wb: _drop_identity(wb, keep_id=True)),
        True,
        (Expect("identitas-hilang", None, None),),
        check=_values_intact,
        only=True,
    ),
    Case(
        "31-not-a-kinerja-form",
        case_foreign_form,
        False,
        (Expect("bukan-formulir", None, None),),
        name="EKONOMI_TW3.xlsx",
        only=True,
    ),
    Case(
        "31-pk-workbook-sent-instead",
        lambda: EXAMPLE_PK.read_bytes(),
        False,
        (Expect("bukan-formulir", None, None),),
        name="pk.xlsx",
        only=True,
    ),
    Case(
        "32-identity-copies-disagree",
        lambda: case_custom_property("2025-TW2-BM-0000000000"),
        False,
        (Expect("identitas-tidak-cocok", "B2", IDENT),),
    ),
    Case(
        "33-wrong-period",
        filled,
        False,
        (Expect("periode-salah", "B9", IDENT),),
        periode_wajib=Periode(3),
        only=True,
    ),
    Case(
        "33-tw4-is-tahunan",
        case_tw4_form,
        True,
        (),
        periode_wajib=Periode.parse(None),
        name="2025-TW4-BM-Bina-Marga.xlsx",
        only=True,
    ),
    Case(
        "33-other-year",
        lambda: case_identity_field("B8", "2024"),
        False,
        (Expect("bukan-formulir-ini", "B8", IDENT),),
    ),
    Case(
        "33-other-agency",
        lambda: case_identity_field("B4", "Kabupaten Tabalong"),
        False,
        (Expect("bukan-formulir-ini", "B4", IDENT),),
    ),
    Case(
        "34-filename-names-other-bidang",
        filled,
        True,
        (Expect("nama-file-tidak-cocok", None, None),),
        name="2025-TW2-CK-Cipta-Karya.xlsx",
        only=True,
    ),
    Case(
        "35-unknown-form-id",
        lambda: case_identity_field("B2", "5f0c7c1e-8a51-4f7e-9a0e-2b8c3c0d9e11"),
        False,
        (Expect("identitas-tidak-cocok", "B2", IDENT),),
    ),
    Case(
        "35-identity-bidang-edited",
        lambda: case_identity_field("B6", "CK"),
        False,
        (Expect("identitas-tidak-cocok", "B2", IDENT),),
    ),
    Case(
        "36-target-changed-protection-removed",
        case_target_changed,
        False,
        (Expect("target-diubah", "G8", kode="IK.11"),),
        only=True,
    ),
    Case(
        "36-target-same-value-as-text",
        lambda: set_cells(filled(), G7="65,0", H8="38.8"),
        True,
        (),
        only=True,
    ),
    Case(
        "37-indicator-text-nbsp",
        _ws(
            lambda ws: ws.__setitem__(
                "D7", "  " + str(ws["D7"].value).replace(" ", "\u00a0 ", 2) + "\u00a0"
            )
        ),
        True,
        (),
        only=True,
    ),
    Case(
        "37-indicator-word-changed",
        _ws(lambda ws: ws.__setitem__("D7", str(ws["D7"].value).replace("kabupaten", "provinsi"))),
        False,
        (Expect("indikator-diubah", "D7", kode="IK.10"),),
        only=True,
    ),
    Case(
        "38-row-inserted",
        _ws(lambda ws: _insert_row(ws, "IK.99")),
        False,
        (Expect("baris-tambahan", "B9", kode="IK.99"),),
        check=_values_intact,
        only=True,
    ),
    Case(
        "38-row-inserted-without-code",
        _ws(lambda ws: _insert_row(ws, None)),
        False,
        (Expect("baris-tambahan", "B9"),),
        check=_values_intact,
        only=True,
    ),
    Case(
        "39-row-deleted",
        _ws(lambda ws: ws.delete_rows(8)),
        False,
        (Expect("baris-hilang", "B8", kode="IK.11"),),
        only=True,
    ),
    Case(
        "40-duplicate-code",
        _ws(lambda ws: _copy_row(ws, 7, 13)),
        False,
        (Expect("baris-ganda", "B13", kode="IK.10"),),
        only=True,
    ),
    Case(
        "41-rows-reordered",
        _ws(lambda ws: _swap_rows(ws, 7, 8)),
        False,
        (Expect("urutan-baris-berubah", "B8", kode="IK.10"),),
        check=_values_intact,
        only=True,
    ),
    Case(
        "42-columns-reordered",
        _ws(lambda ws: (_swap_cols(ws, 10, 11), _swap_cols(ws, 12, 15))),
        True,
        (),
        check=lambda res: (_values_intact(res), _narasi_intact(res)),
        only=True,
    ),
    Case(
        "43-column-deleted",
        _ws(lambda ws: ws.delete_cols(11)),
        False,
        (Expect("kolom-hilang", "K6"),),
    ),
    Case(
        "43-column-doubled",
        _ws(lambda ws: ws.__setitem__("P6", "Realisasi TW I")),
        False,
        (Expect("kolom-ganda", "P6"),),
    ),
    Case(
        "44-merged-input-cells",
        _ws(lambda ws: ws.merge_cells("J7:J8")),
        False,
        (Expect("sel-isian-digabung", "J8", kode="IK.11"),),
    ),
    Case(
        "45-hidden-row-still-read",
        _ws(lambda ws: (setattr(ws.row_dimensions[9], "hidden", True), ws.__setitem__("K9", 3.5))),
        True,
        (),
        check=_value("IK.12", 2, D("3.5")),
        only=True,
    ),
    Case(
        "46-data-outside-form",
        _ws(
            lambda ws: (
                ws.__setitem__("Z999", "catatan"),
                ws.__setitem__("Q7", "x"),
                ws.__setitem__("A15", "catatan"),
            )
        ),
        True,
        (
            Expect("di-luar-area-formulir", "Z999"),
            Expect("di-luar-area-formulir", "Q7"),
            Expect("di-luar-area-formulir", "A15"),
        ),
        check=_values_intact,
        only=True,
    ),
    Case("19-far-formatting-only", case_far_formatting, True, (), only=True),
    Case(
        "47-formula-with-cached-value",
        case_formula_cached,
        True,
        (Expect("rumus-di-sel-isian", "K7", kode="IK.10"),),
        check=_value("IK.10", 2, D("62.3")),
        only=True,
    ),
    Case(
        "48-formula-without-cached-value",
        case_formula_no_cache,
        False,
        (Expect("rumus-tanpa-nilai", "K7", kode="IK.10"),),
        only=True,
    ),
    Case(
        "49-external-link",
        case_external_link,
        False,
        (Expect("tautan-eksternal", "K8", kode="IK.11"),),
        check=_value("IK.11", 2, None),
        only=True,
    ),
    Case(
        "50-error-cell",
        case_error_cell,
        False,
        (Expect("sel-galat", "K7", kode="IK.10"),),
        only=True,
    ),
    Case(
        "50-bool-and-date",
        case_bool_and_date,
        False,
        (
            Expect("realisasi-bukan-angka", "K8", kode="IK.11"),
            Expect("realisasi-bukan-angka", "K9", kode="IK.12"),
        ),
        only=True,
    ),
    Case(
        "27-non-finite-number",
        lambda: cell_xml(filled(), KINERJA_XML, "K7", '<c r="K7"><v>1e400</v></c>'),
        False,
        (Expect("realisasi-bukan-angka", "K7", kode="IK.10"),),
        only=True,
    ),
    Case(
        "27-huge-numbers",
        lambda: set_cells(
            set_cells(filled(), K7=1e300, K10="1" + ".000" * 150), "Anggaran", E9=1e30
        ),
        False,
        (
            Expect("persen-di-atas-100", "K7", kode="IK.10"),
            Expect("anggaran-melebihi-pagu", "E9", "Anggaran", "1.03.10.2.01.0032"),
        ),
        check=_value("IK.13", 2, Decimal(10) ** 450),
    ),
    Case(
        "52-english-number",
        lambda: set_cells(filled(), K10="1,234.56"),
        False,
        (Expect("realisasi-bukan-angka", "K10", kode="IK.13"),),
        only=True,
    ),
    Case(
        "52-broken-grouping",
        lambda: set_cells(filled(), K10="1.23.4"),
        False,
        (Expect("realisasi-bukan-angka", "K10", kode="IK.13"),),
        only=True,
    ),
    Case(
        "54-negative-parenthesised",
        lambda: set_cells(filled(), K9="(1.500)"),
        False,
        (Expect("realisasi-negatif", "K9", kode="IK.12"),),
        only=True,
    ),
    Case(
        "54-negative-unicode-minus",
        lambda: set_cells(filled(), K11="\u22121.500"),
        False,
        (Expect("realisasi-negatif", "K11", kode="IK.14"),),
        only=True,
    ),
    Case(
        "55-percent-formatted-fraction",
        lambda: case_percent_formatted(0.623, "0.0%"),
        True,
        (),
        check=_value("IK.10", 2, D("62.3")),
        only=True,
    ),
    Case(
        "55-percent-plain-number",
        lambda: case_percent_formatted(62.3, None),
        True,
        (),
        check=_value("IK.10", 2, D("62.3")),
        only=True,
    ),
    Case(
        "55-percent-bare-fraction",
        lambda: case_percent_formatted(0.9, None),
        False,
        (Expect("persen-skala-ambigu", "K7", kode="IK.10"),),
        check=_value("IK.10", 2, D("0.9")),
        only=True,
    ),
    Case(
        "56-control-characters",
        case_control_chars,
        True,
        (Expect("teks-karakter-kontrol", "L7", kode="IK.10"),),
        only=True,
        check=lambda res: _narasi_is(res, "IK.10", "pendorong", "baris1\nbaris2 bel"),
    ),
    Case(
        "15-text-over-excel-limit",
        case_text_over_excel_limit,
        False,
        (Expect("teks-melebihi-batas", "N7", kode="IK.10"),),
        only=True,
    ),
    Case(
        "57-unicode-code-variants", case_unicode_variants, True, (), check=_values_intact, only=True
    ),
    Case(
        "65-wps-dimension-a1",
        case_wps_dimension,
        True,
        (),
        only=True,
        check=lambda res: (_values_intact(res), _anggaran_intact(res)),
    ),
    Case(
        "lembar-anggaran-hilang",
        lambda: edit(filled(), lambda wb: wb.remove(wb["Anggaran"])),
        False,
        (Expect("lembar-hilang", None, "Anggaran"),),
        only=True,
    ),
    Case(
        "lembar-kinerja-hilang",
        lambda: edit(filled(), lambda wb: wb.remove(wb["Kinerja"])),
        False,
        (Expect("lembar-hilang", None, "Kinerja"),),
    ),
    Case(
        "merged-budget-input",
        _ws(lambda ws: ws.merge_cells("D9:E9"), "Anggaran"),
        False,
        (Expect("sel-isian-digabung", "E9", "Anggaran", "1.03.10.2.01.0032"),),
    ),
]


def _narasi_intact(res: Any) -> None:
    assert res.data.narasi == NARASI, res.data.narasi


def _narasi_is(res: Any, kode: str, fld: str, expected: str) -> None:
    assert getattr(res.data.narasi[kode], fld) == expected


def _anggaran_intact(res: Any) -> None:
    assert res.data.anggaran == ANGGARAN, res.data.anggaran
