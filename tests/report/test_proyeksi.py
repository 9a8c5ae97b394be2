"""domain.proyeksi: the review's trend and end-of-year projection, by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kinerja_cli.domain.models import Arah, Indikator, Rentang, Rumus, Sifat
from kinerja_cli.domain.proyeksi import (
    NAIK,
    TETAP,
    TURUN,
    arah_tren,
    capaian_per_triwulan,
    proyeksi_indikator,
    proyeksi_kumulatif,
    proyeksi_rencana,
    proyeksi_tren,
    tren_indikator,
)
from kinerja_cli.domain.rounding import bulat


def _ind(
    arah: Arah = Arah.NAIK,
    sifat: Sifat = Sifat.KUMULATIF,
    target: object = D(100),
    tw: tuple = (D(25), D(50), D(75), D(100)),
    satuan: str = "unit",
) -> Indikator:
    return Indikator(
        kode="IK.01",
        sasaran="S1",
        nama="x",
        satuan=satuan,
        arah=arah,
        sifat=sifat,
        rumus=Rumus.DUA_T_MINUS_R,
        target=target,
        target_teks=str(target),
        target_tw=tw,
        target_tw_teks=tuple(str(t) for t in tw),
        bidang="BM",
    )


def test_kumulatif_is_carried_at_the_same_pace() -> None:
    assert proyeksi_kumulatif(D(30), 2) == D(60)
    assert bulat(proyeksi_kumulatif(D(10), 3), 4) == D("13.3333")
    assert proyeksi_kumulatif(D(7), 4) == D(7)
    with pytest.raises(ValueError):
        proyeksi_kumulatif(D(1), 0)


def test_tren_is_the_least_squares_line_read_at_quarter_four() -> None:
    assert proyeksi_tren([D(60), D(62)], 2) == D(66)
    # mean (2, 61.67), slope 1.5 -> 61.67 + 2 × 1.5
    assert bulat(proyeksi_tren([D(60), D(62), D(63)], 3), 4) == D("64.6667")
    assert proyeksi_tren([D(60), None, D(64)], 3) == D(66)  # blank quarter skipped
    assert proyeksi_tren([D(61)], 1) == D(61)
    assert proyeksi_tren([None, None], 2) is None


def test_kumulatif_at_risk_on_the_pk_plan() -> None:
    p = proyeksi_indikator(_ind(), [D(20), D(20)], 2)  # s/d TW2 = 40 of plan 50 -> 80 of 100
    assert p.nilai == D(80)
    assert p.capaian == D(80)
    assert p.berisiko is True
    assert "rencana PK" in p.metode
    ok = proyeksi_indikator(_ind(), [D(30), D(25)], 2)  # 55 of plan 50 -> 110
    assert (ok.nilai, ok.berisiko) == (D(110), False)
    # back-loaded plan (0 / 20 / 60 / 100): 20 by TW II is on plan, not at risk
    back = proyeksi_indikator(_ind(tw=(D(0), D(20), D(60), D(100))), [D(0), D(20)], 2)
    assert (back.nilai, back.berisiko) == (D(100), False)


def test_kumulatif_without_quarter_target_uses_the_linear_pace() -> None:
    p = proyeksi_indikator(_ind(tw=(None, None, None, D(100))), [D(20), D(20)], 2)
    assert (p.nilai, p.berisiko) == (D(80), True)
    assert "× 4/2" in p.metode


def test_status_uses_the_trend_and_a_share_stays_within_0_100() -> None:
    ind = _ind(sifat=Sifat.STATUS, target=D(65), satuan="%")
    p = proyeksi_indikator(ind, [D(60), D(62)], 2)
    assert p.nilai == D(66) and p.berisiko is False
    assert "tren" in p.metode
    turun = proyeksi_indikator(ind, [D(64), D(61)], 2)  # 64, 61 -> 55
    assert turun.nilai == D(55) and turun.berisiko is True
    jenuh = proyeksi_indikator(
        _ind(sifat=Sifat.STATUS, target=D(95), satuan="%"), [D(90), D(98)], 2
    )
    assert jenuh.nilai == D(100)  # 114 held at 100 %


def test_turun_projection_uses_the_turun_formula() -> None:
    ind = _ind(
        arah=Arah.TURUN,
        sifat=Sifat.STATUS,
        target=D(35),
        satuan="%",
        tw=(D("38.8"), D(38), D("36.5"), D(35)),
    )
    p = proyeksi_indikator(ind, [D(39), D(38)], 2)  # -> 36; (70 - 36) / 35
    assert p.nilai == D(36)
    assert bulat(p.capaian, 2) == D("97.14")
    assert p.berisiko is True


def test_biner_and_rentang_and_nothing_reported() -> None:
    biner = _ind(arah=Arah.BINER, sifat=Sifat.STATUS, target=True, tw=(None, None, True, True))
    assert proyeksi_indikator(biner, [None, False], 2).berisiko is True
    assert proyeksi_indikator(biner, [True, None], 2).nilai is True
    rentang = _ind(
        arah=Arah.RENTANG,
        sifat=Sifat.STATUS,
        target=Rentang(D("6.5"), D("8.5")),
        tw=(Rentang(D("6.5"), D("8.5")),) * 4,
        satuan="pH",
    )
    assert proyeksi_indikator(rentang, [D(7), D("7.5")], 2).berisiko is False
    kosong = proyeksi_indikator(_ind(), [None, None], 2)
    assert (kosong.nilai, kosong.capaian, kosong.berisiko) == (None, None, None)


def test_capaian_per_triwulan_matches_each_quarters_review() -> None:
    ind = _ind()
    c = capaian_per_triwulan(ind, [D(20), D(30), None], 3)
    assert c[:2] == [D(80), D(100)] and bulat(c[2], 2) == D("66.67")
    assert capaian_per_triwulan(ind, [None, D(30)], 2) == [None, D(60)]  # 30 of TW II 50


def test_arah_tren() -> None:
    assert arah_tren(D(90), D(95)) == NAIK
    assert arah_tren(D(95), D(90)) == TURUN
    assert arah_tren(D(95), D("95.001")) == TETAP
    assert arah_tren(None, D(1)) is None


def test_trend_compares_like_with_like() -> None:
    ind = _ind(tw=(D(0), D(50), D(75), D(100)))  # no TW I plan: TW I capaian triwulan undefined
    t = tren_indikator(ind, [D(5), D(50)], 2)
    assert t is not None and t.dasar == "tahunan"  # 5 % -> 55 % of the annual target
    assert (t.sebelum, t.sekarang, t.arah, t.pembanding) == (D(5), D(55), NAIK, 1)
    q = tren_indikator(_ind(), [D(30), D(10)], 2)  # 120 % of TW I plan -> 80 % of TW II plan
    assert q is not None and (q.dasar, q.sebelum, q.sekarang, q.arah) == (
        "triwulan",
        D(120),
        D(80),
        TURUN,
    )
    assert tren_indikator(_ind(), [D(30)], 1) is None
    assert tren_indikator(_ind(), [None, D(10)], 2) is None  # nothing earlier to compare


def test_proyeksi_rencana_follows_the_pk_plan() -> None:
    # RTLH: plan 0 / 200 / 650 / 1025; 200 done by TW II is exactly on plan -> 1025, not at risk.
    assert proyeksi_rencana(D(200), D(200), D(1025)) == D(1025)
    assert proyeksi_rencana(D(100), D(200), D(1025)) == D("512.5")
    with pytest.raises(ValueError):
        proyeksi_rencana(D(1), D(0), D(10))
