"""Returned forms: round trip with the writer, and every docs/contract.md §5 rule with its code and cell."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from kinerja_cli.domain.capaian import rasio_komponen
from kinerja_cli.domain.models import Narasi
from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.domain.rules import RULES
from kinerja_cli.io.form.filler import fill_form, simulated_values
from kinerja_cli.io.form.reader import read_form
from support.form_corpus import (
    ANGGARAN,
    NARASI,
    VALUES,
    Expect,
    blank_form,
    check,
    codes,
    example_pk,
    fill,
    filled,
    read,
    set_cells,
)

D = Decimal
KODE_TEMUAN = {c.value: r for c, r in RULES.items()}


# ---- round trip: init-form -> fill_form -> read_form ------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("periode", [Periode(1), Periode(2), TAHUNAN], ids=str)
def test_round_trip_every_bidang(workspace, tmp_path, periode: Periode) -> None:
    from kinerja_cli.services.setup import init_forms, require_pk

    pk = require_pk(workspace)
    res = init_forms(workspace, periode, None, tmp_path / "blank")
    assert len(res.forms) == len(pk.bidang_with_rows())
    for form in res.forms:
        values, narasi, anggaran = simulated_values(pk, form.bidang, periode, seed=7)
        dest = tmp_path / "isi" / form.path.name
        fill_form(form.path, dest, values, narasi, anggaran)
        got = read_form(dest.read_bytes(), dest.name, pk, periode_wajib=periode)
        assert got.findings == [], [f.line() for f in got.findings]
        assert got.ok and got.kind == "xlsx" and not got.slow_path
        assert (got.form_id, got.bidang, got.periode, got.tahun) == (
            form.form_id,
            form.bidang,
            periode,
            2025,
        )
        assert got.identitas == "lembar" and got.producer == "openpyxl"
        assert got.data is not None
        # a component indicator's pair (n, N) is read back as n ÷ N × 100 (docs/contract.md §14)
        pairs = {k: v for k, v in values.items() if v and isinstance(v[0], tuple)}
        expected = {
            k: [rasio_komponen(*p) for p in v] if k in pairs else v for k, v in values.items()
        }
        assert got.data.realisasi == expected
        assert got.data.pembilang == {k: [n for n, _ in v] for k, v in pairs.items()}
        assert got.data.penyebut == {k: [d for _, d in v] for k, v in pairs.items()}
        assert got.data.narasi == narasi
        assert got.data.anggaran == anggaran
        assert got.data.bidang == form.bidang and len(got.data.sha256) == 64


def test_simulated_values_are_deterministic_and_varied() -> None:
    pk = example_pk()
    a = simulated_values(pk, "BM", Periode(3), seed=1)
    assert a == simulated_values(pk, "BM", Periode(3), seed=1)
    assert a != simulated_values(pk, "BM", Periode(3), seed=2)
    narasi = [
        n for p in range(5) for n in simulated_values(pk, "CK", Periode(2), seed=p)[1].values()
    ]
    assert any(n.penghambat and n.tindak_lanjut for n in narasi)  # some fall below target
    for kode, per_tw in a[2].items():  # budget stays under pagu
        pagu = next(x.pagu for x in pk.anggaran if x.kode == kode)
        assert sum(per_tw) <= pagu  # type: ignore[arg-type]


def test_filled_form_reads_exactly_what_was_written() -> None:
    res = read(filled())
    check(res, True)
    assert res.findings == []
    assert res.data.realisasi == VALUES
    assert res.data.narasi == NARASI
    assert res.data.anggaran == ANGGARAN


def test_blank_form_reports_every_empty_input() -> None:
    res = read(blank_form())
    check(
        res,
        False,
        *(Expect("realisasi-kosong", f"K{r}", kode=f"IK.{r + 3}") for r in range(7, 13)),
        *(Expect("triwulan-sebelumnya-kosong", f"J{r}") for r in range(7, 13)),
        Expect("anggaran-kosong", "E9", "Anggaran", "1.03.10.2.01.0032"),
    )
    assert res.data.realisasi["IK.10"] == [None, None]


def test_never_raises_and_unreadable_bytes_keep_the_sniff_verdict() -> None:
    pk = example_pk()
    for data, code in (
        (b"", "file-empty"),
        (b"Kode;Realisasi\r\nIK.10;61,5\r\n", "file-csv"),
        (filled()[:3000], "file-corrupt"),
    ):
        res = read_form(data, "x.xlsx", pk)
        assert not res.ok and res.data is None and code in codes(res)


def test_unexpected_exception_becomes_file_corrupt(monkeypatch) -> None:
    from kinerja_cli.io.form.rows import RowReader

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("surprise")

    monkeypatch.setattr(RowReader, "kinerja", boom)
    res = read(filled())
    assert not res.ok and "file-corrupt" in codes(res) and "RuntimeError" in (res.teknis or "")
    assert res.bidang == "BM"  # what was learned before the failure is kept


def test_keyboard_interrupt_passes(monkeypatch) -> None:
    from kinerja_cli.io.form.rows import RowReader

    def stop(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(RowReader, "kinerja", stop)
    with pytest.raises(KeyboardInterrupt):
        read(filled())


# ---- docs/contract.md §5 rules, one case each: code + cell + kode ---------------------------------

Case = tuple[str, Callable[[], bytes], bool, tuple[Expect, ...]]

PR_FORM = Periode(2)  # PR: IK.26 biner (target Ada) in row 7


def _pr(value: object) -> bytes:
    return set_cells(blank_form("PR", PR_FORM), K7=value)


RULES: list[Case] = [
    # errors
    (
        "bukan-angka",
        lambda: set_cells(filled(), K7="98.5x"),
        False,
        (Expect("realisasi-bukan-angka", "K7", kode="IK.10"),),
    ),
    (
        "angka-inggris",
        lambda: set_cells(filled(), K10="1,234.56"),
        False,
        (Expect("realisasi-bukan-angka", "K10", kode="IK.13"),),
    ),
    (
        "negatif",
        lambda: set_cells(filled(), K9=-5),
        False,
        (Expect("realisasi-negatif", "K9", kode="IK.12"),),
    ),
    (
        "kosong-periode",
        lambda: set_cells(filled(), K7=None),
        False,
        (Expect("realisasi-kosong", "K7", kode="IK.10"),),
    ),
    (
        "tanpa-data-periode",
        lambda: set_cells(filled(), K8="-"),
        False,
        (Expect("realisasi-tanpa-data", "K8", kode="IK.11"),),
    ),
    (
        "biner-tidak-sah",
        lambda: _pr("Mungkin"),
        False,
        (Expect("biner-tidak-sah", "K7", kode="IK.26"),),
    ),
    (
        "melebihi-pagu",
        lambda: set_cells(filled(), "Anggaran", D11=3_000_000_000, E11=2_000_000_000),
        False,
        (Expect("anggaran-melebihi-pagu", "E11", "Anggaran", "1.03.10.2.01.0040"),),
    ),
    (
        "anggaran-bukan-angka",
        lambda: set_cells(filled(), "Anggaran", E9="satu miliar"),
        False,
        (Expect("anggaran-bukan-angka", "E9", "Anggaran", "1.03.10.2.01.0032"),),
    ),
    (
        "anggaran-negatif",
        lambda: set_cells(filled(), "Anggaran", D10=-1),
        False,
        (Expect("anggaran-negatif", "D10", "Anggaran", "1.03.10.2.01.0033"),),
    ),
    (
        "anggaran-tanpa-data",
        lambda: set_cells(filled(), "Anggaran", E12="n/a"),
        False,
        (Expect("anggaran-tanpa-data", "E12", "Anggaran", "1.03.10.2.01.0046"),),
    ),
    (
        "pagu-diubah",
        lambda: set_cells(filled(), "Anggaran", C9=1),
        False,
        (Expect("pagu-diubah", "C9", "Anggaran", "1.03.10.2.01.0032"),),
    ),
    (
        "uraian-diubah",
        lambda: set_cells(filled(), "Anggaran", B10="Belanja lain"),
        False,
        (Expect("uraian-diubah", "B10", "Anggaran", "1.03.10.2.01.0033"),),
    ),
    (
        "satuan-diubah",
        lambda: set_cells(filled(), E7="persen"),
        False,
        (Expect("satuan-diubah", "E7", kode="IK.10"),),
    ),
    (
        "arah-diubah",
        lambda: set_cells(filled(), F8="naik"),
        False,
        (Expect("arah-diubah", "F8", kode="IK.11"),),
    ),
    (
        "sasaran-diubah",
        lambda: set_cells(filled(), C9="Sasaran lain"),
        False,
        (Expect("sasaran-diubah", "C9", kode="IK.12"),),
    ),
    (
        "target-tw-diubah",
        lambda: set_cells(filled(), I7=60),
        False,
        (Expect("target-diubah", "I7", kode="IK.10"),),
    ),
    # warnings (form still accepted)
    (
        "tanpa-data-sebelumnya",
        lambda: set_cells(filled(), J11="belum ada data"),
        True,
        (Expect("realisasi-tanpa-data", "J11", kode="IK.14"),),
    ),
    (
        "sebelumnya-kosong",
        lambda: set_cells(filled(), J12=None),
        True,
        (Expect("triwulan-sebelumnya-kosong", "J12", kode="IK.15"),),
    ),
    (
        "persen-di-atas-100",
        lambda: set_cells(filled(), K7=101),
        True,
        (Expect("persen-di-atas-100", "K7", kode="IK.10"),),
    ),
    (
        "status-menurun",
        lambda: set_cells(filled(), J12=77, K12=76.6),
        True,
        (Expect("status-menurun-tanpa-penghambat", "K12", kode="IK.15"),),
    ),
    (
        "status-turun-memburuk",
        lambda: set_cells(filled(), J8=38.5, K8=39),
        True,
        (
            Expect("status-menurun-tanpa-penghambat", "K8", kode="IK.11"),
            Expect("narasi-wajib-kosong", "M8", kode="IK.11"),
            Expect("narasi-wajib-kosong", "N8", kode="IK.11"),
        ),
    ),
    (
        "narasi-wajib",
        lambda: set_cells(filled(), K7=50),
        True,
        (
            Expect("narasi-wajib-kosong", "M7", kode="IK.10"),
            Expect("narasi-wajib-kosong", "N7", kode="IK.10"),
        ),
    ),
    (
        "perubahan-besar",
        lambda: set_cells(filled(), J10=20, K10=70),
        True,
        (Expect("perubahan-besar", "K10", kode="IK.13"),),
    ),
    (
        "teks-panjang",
        lambda: set_cells(filled(), L7="x" * 2500),
        True,
        (Expect("teks-terlalu-panjang", "L7", kode="IK.10"),),
    ),
    (
        "persen-skala-ambigu",
        lambda: set_cells(filled(), K7=0.9),
        False,
        (Expect("persen-skala-ambigu", "K7", kode="IK.10"),),
    ),
    (
        "induk-diisi",
        lambda: set_cells(filled(), "Anggaran", D7=5),
        True,
        (Expect("anggaran-induk-diisi", "D7", "Anggaran", "1.03.10"),),
    ),
    (
        "anggaran-kosong",
        lambda: set_cells(filled(), "Anggaran", E10=None),
        True,
        (Expect("anggaran-kosong", "E10", "Anggaran", "1.03.10.2.01.0033"),),
    ),
]


@pytest.mark.parametrize(
    ("build", "ok", "expected"), [c[1:] for c in RULES], ids=[c[0] for c in RULES]
)
def test_spec5_rule(build: Callable[[], bytes], ok: bool, expected: tuple[Expect, ...]) -> None:
    res = read(build())
    check(res, ok, *expected)
    assert res.data is not None  # values are kept as far as they parsed, for diff


def test_messages_say_what_was_found_and_what_is_expected() -> None:
    res = read(set_cells(filled(), K7="98.5x", K10="1,234.56", K9=-5))
    msg = {f.cell: f.message for f in res.findings}
    assert (
        msg["K7"]
        == 'Realisasi TW II berisi "98.5x", bukan angka yang sah; isi angka seperti 98,5 atau 98.5 (pemisah desimal yang dipakai komputer Anda)'
    )
    assert "maksud Anda 1.234,56?" in msg["K10"]
    assert "-5" in msg["K9"] and "0 atau lebih" in msg["K9"]
    f = next(f for f in res.findings if f.cell == "K7")
    assert f.line().startswith(
        "[error] 2025-TW2-BM-Bina-Marga.xlsx:Kinerja!K7 (IK.10) realisasi-bukan-angka"
    )


def test_biner_answers() -> None:
    for text, expected in (
        ("Ada", True),
        ("Ya", True),
        ("Tersedia", True),
        ("tidak ada", False),
        ("Belum", False),
        (1, True),
    ):
        res = read(set_cells(blank_form("PR", PR_FORM), J7="Ada", K7=text))
        assert res.data.realisasi["IK.26"][1] is expected, text
        assert "biner-tidak-sah" not in codes(res)


def test_errors_keep_the_parsed_rest() -> None:
    res = read(set_cells(filled(), K7="abc", K8=-1))
    assert res.data.realisasi["IK.10"] == [D("61.5"), None]
    assert res.data.realisasi["IK.11"] == [D("38.5"), D("-1")]
    assert res.data.realisasi["IK.13"] == VALUES["IK.13"]


def test_earlier_quarter_sentinel_is_a_warning_own_quarter_an_error() -> None:
    res = read(set_cells(filled(), J7="n/a", K8="n/a"))
    sev = {f.cell: f.severity for f in res.findings if f.code == "realisasi-tanpa-data"}
    assert sev == {"J7": "warning", "K8": "error"}


def test_narratives_are_cleaned_and_kept_as_text() -> None:
    narasi = {"IK.10": Narasi("=1+2", "  spasi  ", "@SUM(A1)", "-")}
    res = read(fill(filled(), {}, narasi))
    assert res.data.narasi["IK.10"] == Narasi("=1+2", "spasi", "@SUM(A1)", "-")


@pytest.mark.slow
def test_catalogue_covers_preflight_and_reader_codes() -> None:
    for code, entry in KODE_TEMUAN.items():
        assert code == code.lower() and " " not in code
        assert entry.severity in ("error", "warning", "error/warning") and entry.summary
    emitted: set[str] = set()
    for _, build, _, _ in RULES:
        emitted |= codes(read(build()))
    assert emitted <= set(KODE_TEMUAN), emitted - set(KODE_TEMUAN)


def test_severity_follows_the_catalogue() -> None:
    res = read(set_cells(filled(), K7=101, K9=-5))
    for f in res.findings:
        sev = KODE_TEMUAN[f.code].severity
        assert sev == "error/warning" or f.severity == sev, f


def test_values_and_narasi_types() -> None:
    res = read(filled())
    for per_tw in res.data.realisasi.values():
        assert all(isinstance(v, Decimal) for v in per_tw)
    assert str(res.data.realisasi["IK.13"][0]) == "46"  # 46.0 from the file reads as 46


def test_catalogue_renders_for_the_readme() -> None:
    from kinerja_cli.domain.rules import markdown_table as tabel_markdown

    table = tabel_markdown()
    assert table.count("\n") == len(KODE_TEMUAN) + 1
    assert "| `realisasi-bukan-angka` | error |" in table
