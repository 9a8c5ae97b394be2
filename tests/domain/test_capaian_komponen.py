"""Component indicators and the Renstra columns in the capaian rulebook (docs/contract.md §14,
docs/rulebook.md §12, §13): tables checked by hand, and Hypothesis properties."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D
from fractions import Fraction
from itertools import permutations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_cli.domain.capaian import (
    anggaran_renstra,
    capaian_indikator,
    capaian_renstra,
    komponen_sd,
    rasio_komponen,
    realisasi_komponen_sd,
    realisasi_komponen_tw,
    realisasi_renstra,
)
from kinerja_cli.domain.models import Arah, Indikator, Rentang, Rumus, Sifat, TargetValue


def ind(
    sifat: Sifat = Sifat.STATUS,
    arah: Arah = Arah.NAIK,
    target: TargetValue = D(80),
    satuan: str = "%",
    target_renstra: TargetValue | None = None,
    komponen: bool = True,
) -> Indikator:
    return Indikator(
        kode="IK.01",
        sasaran="S1",
        nama="Persentase jalan mantap",
        satuan=satuan,
        arah=arah,
        sifat=sifat,
        rumus=Rumus.DUA_T_MINUS_R,
        target=target,
        target_teks=str(target),
        target_tw=(None, None, None, target),
        target_tw_teks=("", "", "", str(target)),
        bidang="BM",
        target_renstra=target_renstra,
        pembilang="Panjang jalan mantap (km)" if komponen else "",
        penyebut="Panjang jalan kabupaten (km)" if komponen else "",
    )


# ---- by hand ---------------------------------------------------------------------------


def test_ratio_is_exact_and_zero_penyebut_is_nothing() -> None:
    assert rasio_komponen(D("120.5"), D(200)) == D("60.25")
    assert rasio_komponen(D(1), D(3)) == D("33.33333333333333333333333333333333")
    assert rasio_komponen(D(0), D(0)) is None  # nothing to measure
    assert rasio_komponen(D(5), D(0)) is None  # refused at the form's cell


def test_kumulatif_adds_the_counts_not_the_percentages() -> None:
    n, d = [D(3), D(297)], [D(10), D(300)]
    # quarters 30% and 99%: their mean 64,5% would be wrong; the year's ratio is 300/310
    assert komponen_sd(Sifat.KUMULATIF, n, d, 2) == (D(300), D(310))
    r = realisasi_komponen_sd(Sifat.KUMULATIF, n, d, 2)
    assert r == D("96.77419354838709677419354838709677")  # 30000 / 310, by hand
    assert realisasi_komponen_tw(n, d, 2) == [D(30), D(99)]


def test_status_takes_the_latest_quarter() -> None:
    n, d = [D(240), D(250), None], [D(400), D(400), None]
    assert komponen_sd(Sifat.STATUS, n, d, 3) == (D(250), D(400))
    assert realisasi_komponen_sd(Sifat.STATUS, n, d, 3) == D("62.5")


def test_zero_over_zero_gives_no_realisation_in_any_quarter() -> None:
    assert realisasi_komponen_tw([D(0), D(4)], [D(0), D(8)], 2) == [None, D(50)]
    # status: the latest quarter is 0/0, so there is nothing to measure s/d TW II
    assert realisasi_komponen_sd(Sifat.STATUS, [D(4), D(0)], [D(8), D(0)], 2) is None
    # kumulatif: 0/0 adds nothing; all quarters 0/0 is nothing at all
    assert realisasi_komponen_sd(Sifat.KUMULATIF, [D(0), D(4)], [D(0), D(8)], 2) == D(50)
    assert realisasi_komponen_sd(Sifat.KUMULATIF, [D(0), D(0)], [D(0), D(0)], 2) is None
    c = capaian_indikator(ind(), [None, None], 2, False, komponen=([D(0)] * 2, [D(0)] * 2))
    assert c.realisasi is None and c.capaian is None and c.predikat is None


def test_capaian_uses_the_components() -> None:
    c = capaian_indikator(
        ind(sifat=Sifat.KUMULATIF),
        [D(99), D(99)],  # ignored: the realisation comes from n and N
        2,
        False,
        komponen=([D(30), D(34)], [D(40), D(40)]),
    )
    assert c.realisasi == D(80) and c.capaian == D(100)


def test_renstra_by_hand() -> None:
    km = ind(Sifat.KUMULATIF, satuan="km", target=D(12), target_renstra=D(60), komponen=False)
    assert realisasi_renstra(km, D("41.5"), D("12.3")) == D("53.8")  # (13) = (6) + (12)
    assert realisasi_renstra(km, None, D(12)) == D(12)  # the Renstra's first year
    h = capaian_renstra(km, D("53.8"))
    assert h is not None and h.nilai == D("89.66666666666666666666666666666667")
    # a level: this year's value, else last year's
    lvl = ind(Sifat.STATUS, target_renstra=D(70), komponen=False)
    assert realisasi_renstra(lvl, D("60.5"), D("66.3")) == D("66.3")
    assert realisasi_renstra(lvl, D("60.5"), None) == D("60.5")
    # a percentage never adds across years, even when kumulatif within the year
    pct = ind(Sifat.KUMULATIF, target_renstra=D(95))
    assert realisasi_renstra(pct, D(86), D(90)) == D(90)
    # turun: the indicator's own rule, not R / T
    rusak = ind(Sifat.STATUS, Arah.TURUN, D(35), target_renstra=D(30), komponen=False)
    h = capaian_renstra(rusak, D("36.04"))
    assert h is not None and h.nilai == D("79.86666666666666666666666666666667")  # 23,96 / 30
    # biner: the latest answer
    doc = ind(Sifat.STATUS, Arah.BINER, True, "dokumen", target_renstra=True, komponen=False)
    assert realisasi_renstra(doc, False, None) is False
    assert realisasi_renstra(doc, False, True) is True
    assert capaian_renstra(ind(komponen=False), D(50)) is None  # no Target Renstra
    assert realisasi_renstra(km, None, None) is None
    assert anggaran_renstra(D(70), D(15)) == D(85) and anggaran_renstra(None, None) is None


def test_renstra_range_target() -> None:
    ph = ind(Sifat.STATUS, Arah.RENTANG, Rentang(D("6.5"), D("8.5")), "pH", komponen=False)
    ph = dataclasses.replace(ph, target_renstra=Rentang(D("6.5"), D("8.5")))
    h = capaian_renstra(ph, realisasi_renstra(ph, D("7.2"), D("7.19")))
    assert h is not None and h.nilai == 100


# ---- properties ------------------------------------------------------------------------

count = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
positive = st.decimals(min_value=D("0.01"), max_value=10**9, places=2, allow_nan=False)
pair = st.tuples(count, positive)


@given(n=count, d=positive)
def test_ratio_equals_n_over_n_times_100_to_34_digits(n: D, d: D) -> None:
    r = rasio_komponen(n, d)
    assert r is not None
    exact = Fraction(n) * 100 / Fraction(d)
    assert abs(Fraction(r) - exact) <= abs(exact) * Fraction(1, 10**33) + Fraction(1, 10**30)


@given(n=count, d=positive, c=st.integers(min_value=1, max_value=10**6))
def test_ratio_does_not_depend_on_the_unit(n: D, d: D, c: int) -> None:
    assert rasio_komponen(n * c, d * c) == rasio_komponen(n, d)


@given(d=positive, share=st.fractions(min_value=0, max_value=1))
def test_part_of_a_whole_is_between_0_and_100(d: D, share: Fraction) -> None:
    n = D(share.numerator) * d / D(share.denominator)
    r = rasio_komponen(n, d)
    assert r is not None and 0 <= r <= 100


@given(quarters=st.lists(pair, min_size=1, max_size=4))
def test_kumulatif_is_order_free_and_between_the_quarters(quarters: list[tuple[D, D]]) -> None:
    k = len(quarters)
    got = {
        realisasi_komponen_sd(Sifat.KUMULATIF, [n for n, _ in p], [d for _, d in p], k)
        for p in permutations(quarters)
    }
    assert len(got) == 1
    sd = got.pop()
    ratios = [rasio_komponen(n, d) for n, d in quarters]
    assert sd is not None and min(r for r in ratios if r is not None) <= sd
    assert sd <= max(r for r in ratios if r is not None)
    total_n, total_d = sum(n for n, _ in quarters), sum(d for _, d in quarters)
    assert sd == rasio_komponen(total_n, total_d)


@given(quarters=st.lists(st.none() | pair, min_size=1, max_size=4))
def test_status_is_the_latest_filled_quarter(quarters: list[tuple[D, D] | None]) -> None:
    k = len(quarters)
    n = [q[0] if q else None for q in quarters]
    d = [q[1] if q else None for q in quarters]
    filled = [q for q in quarters if q is not None]
    expected = rasio_komponen(*filled[-1]) if filled else None
    assert realisasi_komponen_sd(Sifat.STATUS, n, d, k) == expected


@given(lalu=count, ini=count)
def test_renstra_kumulatif_adds_exactly(lalu: D, ini: D) -> None:
    km = ind(Sifat.KUMULATIF, satuan="km", target_renstra=D(1), komponen=False)
    assert realisasi_renstra(km, lalu, ini) == lalu + ini
    assert realisasi_renstra(ind(Sifat.STATUS, komponen=False), lalu, ini) == ini


@pytest.mark.parametrize("sifat", [Sifat.KUMULATIF, Sifat.STATUS])
def test_periode_capaian_of_a_component_indicator_matches_its_ratio(sifat: Sifat) -> None:
    n, d = [D(50), D(60)], [D(100), D(80)]
    c = capaian_indikator(ind(sifat), [None, None], 2, True, komponen=(n, d))
    expected = rasio_komponen(D(110), D(180)) if sifat == Sifat.KUMULATIF else D(75)
    assert c.realisasi == expected
