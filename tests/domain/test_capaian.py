"""The capaian rulebook: every row and zero case of docs/contract.md §6.2, the worked examples of docs/rulebook.md §6, properties."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_cli.domain.capaian import (
    SKALA_DEFAULT,
    CapaianIndikator,
    SkalaPredikat,
    anggaran_sd,
    capaian_dinas,
    capaian_indikator,
    capaian_sasaran,
    efisiensi,
    hitung_capaian,
    parse_biner,
    predikat,
    rata_rata,
    realisasi_sd,
    rumus_teks,
    serapan,
    sisa,
    status_capaian,
)
from kinerja_cli.domain.models import Arah, Indikator, Nilai, Rentang, Rumus, Sifat, TargetValue
from kinerja_cli.domain.rounding import bulat, to_json_number

NAIK, TURUN, RENTANG, BINER = Arah.NAIK, Arah.TURUN, Arah.RENTANG, Arah.BINER
DUA, TR = Rumus.DUA_T_MINUS_R, Rumus.T_PER_R


def ind(
    arah: Arah = NAIK,
    sifat: Sifat = Sifat.STATUS,
    target: TargetValue = D(100),
    target_tw: tuple[TargetValue | None, ...] = (None, None, None, None),
    rumus: Rumus = DUA,
    satuan: str = "%",
) -> Indikator:
    tw = tuple(target_tw) + (None,) * (4 - len(target_tw))
    return Indikator(
        kode="IK.01",
        sasaran="S1",
        nama="Indikator uji",
        satuan=satuan,
        arah=arah,
        sifat=sifat,
        rumus=rumus,
        target=target,
        target_teks=str(target),
        target_tw=tw,  # type: ignore[arg-type]
        target_tw_teks=tuple("" if t is None else str(t) for t in tw),  # type: ignore[arg-type]
        bidang="BM",
    )


def c(arah: Arah, rumus: Rumus, target: TargetValue, r: Nilai | None) -> D | None:
    return hitung_capaian(arah, rumus, target, r).nilai


def r2(d: D | None) -> D | None:
    return None if d is None else bulat(d)


# --- docs/contract.md §6.2, one row per table row and zero/missing case ---------------------------------

SPEC_62 = [
    # arah, rumus, target, realisasi, expected (2 dp), warning
    (NAIK, DUA, D(80), D(60), D("75.00"), None),
    (NAIK, DUA, D(80), D(100), D("125.00"), None),  # not capped
    (TURUN, DUA, D(30), D(27), D("110.00"), None),
    (TURUN, DUA, D(30), D(61), D("0.00"), None),  # never below 0
    (TURUN, TR, D(30), D(27), D("111.11"), None),
    (RENTANG, DUA, Rentang(D(80), D(90)), D(80), D("100.00"), None),
    (RENTANG, DUA, Rentang(D(80), D(90)), D(85), D("100.00"), None),
    (RENTANG, DUA, Rentang(D(80), D(90)), D(90), D("100.00"), None),
    (RENTANG, DUA, Rentang(D(80), D(90)), D(72), D("90.00"), None),  # R / a
    (RENTANG, DUA, Rentang(D(80), D(90)), D(99), D("90.00"), None),  # (2b - R) / b
    (RENTANG, DUA, Rentang(D(80), D(90)), D(200), D("0.00"), None),  # never below 0
    (BINER, DUA, True, True, D("100.00"), None),
    (BINER, DUA, True, False, D("0.00"), None),
    (BINER, DUA, False, False, D("100.00"), None),
    (NAIK, DUA, D(0), D(5), None, "target-nol"),
    (NAIK, DUA, D(0), D(0), None, "target-nol"),
    (TURUN, DUA, D(0), D(0), D("100.00"), None),
    (TURUN, DUA, D(0), D(3), D("0.00"), None),
    (TURUN, TR, D(0), D(0), D("100.00"), None),
    (TURUN, TR, D(0), D(3), D("0.00"), None),
    (TURUN, TR, D(30), D(0), None, "rumus-tr-realisasi-nol"),
    (NAIK, DUA, D(80), None, None, None),
    (TURUN, DUA, D(30), None, None, None),
    (TURUN, TR, D(30), None, None, None),
    (RENTANG, DUA, Rentang(D(80), D(90)), None, None, None),
    (BINER, DUA, True, None, None, None),
]


@pytest.mark.parametrize(("arah", "rumus", "target", "r", "expected", "warning"), SPEC_62)
def test_spec_6_2_table(arah, rumus, target, r, expected, warning):
    hasil = hitung_capaian(arah, rumus, target, r)
    assert r2(hasil.nilai) == expected
    assert hasil.peringatan == warning
    assert hasil.rumus_teks


def test_rumus_teks():
    assert hitung_capaian(NAIK, DUA, D(10), D(5)).rumus_teks == "R / T × 100"
    assert hitung_capaian(TURUN, DUA, D(10), D(5)).rumus_teks == "(2T − R) / T × 100, minimal 0"
    assert hitung_capaian(TURUN, TR, D(10), D(5)).rumus_teks == "T / R × 100"
    assert "di atas" in hitung_capaian(RENTANG, DUA, Rentang(D(1), D(2)), D(3)).rumus_teks
    assert "di bawah" in hitung_capaian(RENTANG, DUA, Rentang(D(1), D(2)), D(0)).rumus_teks
    assert rumus_teks(RENTANG).startswith("100 bila a ≤ R ≤ b")
    assert rumus_teks(BINER) == hitung_capaian(BINER, DUA, True, True).rumus_teks


# --- docs/rulebook.md §3.2 worked comparison, T = 30 ---------------------------------------------------


@pytest.mark.parametrize(
    ("r", "dua", "tr"),
    [
        (D(27), D("110.00"), D("111.11")),
        (D(30), D("100.00"), D("100.00")),
        (D(33), D("90.00"), D("90.91")),
        (D(60), D("0.00"), D("50.00")),
        (D(0), D("200.00"), None),
    ],
)
def test_domain_3_2_turun_comparison(r, dua, tr):
    assert r2(c(TURUN, DUA, D(30), r)) == dua
    assert r2(c(TURUN, TR, D(30), r)) == tr


# --- docs/rulebook.md §6 roads examples, docs/rulebook.md §8.2 published figures ----------------------------------


def test_domain_6_kumulatif_roads():
    jalan = ind(
        sifat=Sifat.KUMULATIF, satuan="km", target=D(12), target_tw=(D(0), D(3), D(8), D(12))
    )  # TW targets 0;3;5;4, cumulative
    tw = [D(0), D("2.5"), D(6), D("3.5")]
    assert realisasi_sd(jalan, tw, 4) == D("12.0")
    hasil = capaian_indikator(jalan, tw, 4, tahunan=True)
    assert hasil.capaian == D(100)
    assert hasil.capaian_triwulan == D(100)
    assert hasil.status == "Tercapai"
    tw2 = capaian_indikator(jalan, tw, 2, tahunan=False)
    assert tw2.realisasi == D("2.5")
    assert r2(tw2.capaian_triwulan) == D("83.33")  # R s/d 2 against cumulative Target TW II
    assert r2(tw2.capaian) == D("20.83")
    assert tw2.periode_capaian == tw2.capaian_triwulan
    tw1 = capaian_indikator(jalan, tw, 1, tahunan=False)
    assert tw1.capaian_triwulan is None and tw1.peringatan == ("target-nol",)
    assert tw1.periode_capaian == tw1.capaian == D(0)  # falls back to capaian


def test_domain_6_status_roads():
    mantap = ind(sifat=Sifat.STATUS, target=D(65))
    tw = [D("61.2"), D("61.2"), D("63.0"), D("65.4")]
    assert realisasi_sd(mantap, tw, 4) == D("65.4")
    hasil = capaian_indikator(mantap, tw, 4, tahunan=True)
    assert bulat(hasil.capaian) == D("100.62")
    assert hasil.predikat == "Sangat Tinggi"
    assert hasil.status == "Melampaui"


@pytest.mark.parametrize(
    ("t", "r", "expected"),
    [
        (D("83.95"), D("84.01"), D("100.07")),
        (D(405), D(65), D("16.05")),
        (D("14.71"), D("14.71"), D("100.00")),
        (D(100), D(100), D("100.00")),
    ],
)
def test_published_figures(t, r, expected):
    assert bulat(c(NAIK, DUA, t, r)) == expected


# --- docs/contract.md §6.1 realisation s/d k ---------------------------------------------------------------


def test_realisasi_sd_kumulatif_blanks():
    k = ind(sifat=Sifat.KUMULATIF, satuan="unit")
    assert realisasi_sd(k, [None, None, None, None], 4) is None
    assert realisasi_sd(k, [None, D(2), None, D(3)], 4) == D(5)
    assert realisasi_sd(k, [D(1), D(2), D(3), D(4)], 2) == D(3)
    assert realisasi_sd(k, [D(1)], 3) == D(1)  # short sequences are padded with blanks


def test_realisasi_sd_status_latest_filled():
    s = ind(sifat=Sifat.STATUS)
    assert realisasi_sd(s, [D(60), D(62), None, D(70)], 3) == D(62)
    assert realisasi_sd(s, [None, None, None, None], 2) is None


def test_realisasi_sd_biner_latest_answer():
    b = ind(arah=BINER, target=True, satuan="dokumen")
    assert realisasi_sd(b, [False, True, None, None], 3) is True
    assert realisasi_sd(b, [True, False, None, None], 4) is False
    assert realisasi_sd(b, [None] * 4, 4) is None


def test_realisasi_sd_rejects_bad_k_and_types():
    with pytest.raises(ValueError):
        realisasi_sd(ind(), [D(1)], 5)
    with pytest.raises(TypeError):
        realisasi_sd(ind(sifat=Sifat.KUMULATIF), [True, None, None, None], 1)


def test_anggaran_sd():
    assert anggaran_sd([None, None, None, None], 4) is None
    assert anggaran_sd([D(100), None, D(50), D(999)], 3) == D(150)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ada", True),
        (" ya ", True),
        ("TERSEDIA", True),
        ("1", True),
        (True, True),
        (1, True),
        ("Tidak", False),
        ("tidak  ada", False),
        ("Belum", False),
        ("0", False),
        (False, False),
        (D(0), False),
        ("mungkin", None),
        ("", None),
        (None, None),
        (D(2), None),
    ],
)
def test_parse_biner(text, expected):
    assert parse_biner(text) is expected


# --- docs/contract.md §6.3 two capaian ----------------------------------------------------------------------


def test_capaian_triwulan_blank_target_falls_back():
    s = ind(target=D(80), target_tw=(None, None, None, D(80)))
    hasil = capaian_indikator(s, [D(40), D(60), None, None], 2, tahunan=False)
    assert hasil.capaian_triwulan is None and hasil.hasil_triwulan is None
    assert hasil.periode_capaian == hasil.capaian == D(75)
    assert hasil.predikat == "Sedang"


def test_capaian_triwulan_quarterly_target():
    s = ind(target=D(80), target_tw=(D(50), D(60), D(70), D(80)))
    hasil = capaian_indikator(s, [D(40), D(60), None, None], 2, tahunan=False)
    assert hasil.capaian_triwulan == D(100)
    assert hasil.capaian == D(75)
    assert hasil.periode_capaian == D(100) and hasil.status == "Tercapai"


def test_custom_scale():
    skala = SkalaPredikat(
        ((100, "Sangat Berhasil"), (75, "Berhasil"), (55, "Cukup Berhasil")), "Kurang Berhasil"
    )
    hasil = capaian_indikator(ind(target=D(80)), [D(60)], 1, tahunan=True, skala=skala)
    assert hasil.predikat == "Berhasil"
    assert skala.urutan[0] == "Sangat Berhasil"


# --- docs/contract.md §6.5 predikat and status ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "expected"),
    [
        ("90.99", "Tinggi"),
        ("90.999", "Tinggi"),
        ("91", "Sangat Tinggi"),
        ("75.999", "Sedang"),
        ("76", "Tinggi"),
        ("66", "Sedang"),
        ("65.99", "Rendah"),
        ("51", "Rendah"),
        ("50.99", "Sangat Rendah"),
        ("0", "Sangat Rendah"),
        ("100", "Sangat Tinggi"),
        ("250.5", "Sangat Tinggi"),
    ],
)
def test_predikat_boundaries(nilai, expected):
    assert predikat(D(nilai)) == expected


def test_predikat_none_and_scale_order():
    assert predikat(None) is None
    assert SKALA_DEFAULT.urutan == ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")


@pytest.mark.parametrize(
    ("nilai", "expected"),
    [
        ("100.001", "Melampaui"),
        ("100", "Tercapai"),
        ("100.00", "Tercapai"),
        ("99.999", "Tidak Tercapai"),
        (None, None),
    ],
)
def test_status_capaian(nilai, expected):
    assert status_capaian(None if nilai is None else D(nilai)) == expected


# --- docs/contract.md §6.4 averages ---------------------------------------------------------------------------


def test_rata_rata_without_cap():
    assert rata_rata([D(80), None, D(130)]) == D(105)
    assert rata_rata([None, None]) is None
    assert rata_rata([]) is None


def test_rata_rata_with_cap_limits_each_contribution():
    assert rata_rata([D(80), D(130), None], batas=D(120)) == D(100)
    assert rata_rata([D(80), D(110)], batas=D(120)) == D(95)


def test_capaian_sasaran_and_dinas():
    a = capaian_indikator(ind(target=D(80)), [D(80)], 1, tahunan=True)  # 100
    b = capaian_indikator(ind(target=D(50)), [D(75)], 1, tahunan=True)  # 150
    blank = capaian_indikator(ind(target=D(50)), [None], 1, tahunan=True)
    assert isinstance(a, CapaianIndikator)
    assert capaian_sasaran([a, b, blank]) == D(125)
    assert capaian_sasaran([a, b], batas=D(120)) == D(110)
    assert capaian_sasaran([blank]) is None
    assert capaian_dinas([D(125), D(75), None]) == D(100)


# --- docs/contract.md §6.6 budget and efficiency -------------------------------------------------------------


def test_serapan_sisa():
    assert serapan(D(450_000), D(1_000_000)) == D(45)
    assert serapan(D(0), D(0)) is None
    assert serapan(None, D(10)) is None
    assert sisa(D(450_000), D(1_000_000)) == D(550_000)
    assert sisa(None, D(1)) is None


def test_efisiensi():
    e = efisiensi(D("99.92"), D("94.00"))
    assert bulat(e.ie, 3) == D("1.063") and e.label == "Efisien"
    assert e.selisih == D("5.92")
    assert efisiensi(D(100), D(100)).label == "Efisien"  # IE = 1
    assert efisiensi(D(80), D(90)).label == "Kurang Efisien"
    zero = efisiensi(D(80), D(0))
    assert zero.ie is None and zero.label is None and zero.selisih == D(80)
    assert efisiensi(None, D(50)) == efisiensi(D(50), None)
    assert efisiensi(None, D(50)).ie is None


def test_to_json_number():
    assert to_json_number(None) is None
    assert to_json_number(D("100.0000")) == 100 and isinstance(to_json_number(D(100)), int)
    assert to_json_number(D("97.075")) == 97.08
    assert to_json_number(D("-0.001")) == 0


# --- Hypothesis properties -------------------------------------------------------------------------

pos = st.decimals(min_value=D("0.01"), max_value=D(10**6), places=2)
nonneg = st.decimals(min_value=D(0), max_value=D(10**6), places=2)
any_arah = st.sampled_from([(NAIK, DUA), (TURUN, DUA), (TURUN, TR), (RENTANG, DUA)])


@given(t=pos)
def test_realisation_equal_to_target_gives_exactly_100(t):
    for arah, rumus in [(NAIK, DUA), (TURUN, DUA), (TURUN, TR)]:
        assert c(arah, rumus, t, t) == D(100)


@given(t=pos, r1=nonneg, r2_=nonneg)
def test_capaian_monotone_in_the_right_direction(t, r1, r2_):
    lo, hi = min(r1, r2_), max(r1, r2_)
    assert c(NAIK, DUA, t, lo) <= c(NAIK, DUA, t, hi)
    assert c(TURUN, DUA, t, lo) >= c(TURUN, DUA, t, hi)
    if lo > 0:
        assert c(TURUN, TR, t, lo) >= c(TURUN, TR, t, hi)


@given(a=pos, w=nonneg, r1=nonneg, r2_=nonneg)
def test_rentang_rises_to_the_range_then_falls(a, w, r1, r2_):
    rg = Rentang(a, a + w)
    lo, hi = min(r1, r2_), max(r1, r2_)
    if hi <= rg.atas:
        assert c(RENTANG, DUA, rg, lo) <= c(RENTANG, DUA, rg, hi)
    if lo >= rg.bawah:
        assert c(RENTANG, DUA, rg, lo) >= c(RENTANG, DUA, rg, hi)


@given(pair=any_arah, t=nonneg, w=nonneg, r=nonneg)
def test_capaian_never_negative(pair, t, w, r):
    arah, rumus = pair
    target: TargetValue = Rentang(t, t + w) if arah == RENTANG else t
    nilai = c(arah, rumus, target, r)
    assert nilai is None or nilai >= 0


@given(
    pair=any_arah,
    t=pos,
    tws=st.lists(st.none() | nonneg, min_size=4, max_size=4),
    sifat=st.sampled_from(list(Sifat)),
)
def test_tahunan_capaian_triwulan_equals_capaian(pair, t, tws, sifat):
    arah, rumus = pair
    target: TargetValue = Rentang(t, t + 1) if arah == RENTANG else t
    i = ind(arah=arah, rumus=rumus, sifat=sifat, target=target)
    hasil = capaian_indikator(i, tws, 4, tahunan=True)
    assert hasil.capaian_triwulan == hasil.capaian == hasil.periode_capaian


@given(values=st.lists(st.none() | nonneg, max_size=8), batas=st.none() | pos)
def test_rata_rata_between_min_and_max(values, batas):
    m = rata_rata(values, batas)
    filled = [v if batas is None else min(v, batas) for v in values if v is not None]
    if not filled:
        assert m is None
    else:
        assert min(filled) - D("1e-20") <= m <= max(filled) + D("1e-20")
