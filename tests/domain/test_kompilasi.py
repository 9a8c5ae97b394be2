"""The compiled measurement: values computed by hand from docs/contract.md §6 on a small PK."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from kinerja_cli.domain.findings import WARNING, Finding
from kinerja_cli.domain.kompilasi import anggaran_sasaran, kompilasi, teks_biner, tingkat_anggaran
from kinerja_cli.domain.models import PK, BarisAnggaran, DataBidang, Narasi
from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.domain.settings import Settings
from kinerja_cli.io.draft.json_doc import to_json
from kinerja_cli.io.pk.reader import read_pk
from support.pkbuilder import IND, make_pk

TW2 = Periode(2)
JUTA = D(1_000_000)


def _pk(tmp_path: Path, **kw: object) -> PK:
    res = read_pk(make_pk(tmp_path / "pk.xlsx", **kw))  # type: ignore[arg-type]
    assert res.pk is not None and res.ok, res.findings
    return res.pk


def _bm() -> DataBidang:
    return DataBidang(
        bidang="BM",
        realisasi={
            "IK.01": [D("61.0"), D("62.4")],
            "IK.02": [D(0), D("3.3")],
            "IK.03": [D(33), D("33.6")],
        },
        narasi={"IK.03": Narasi(penghambat="Hujan", tindak_lanjut="Percepatan")},
        anggaran={
            "1.03.10.2.01.0001": [100 * JUTA, 250 * JUTA],
            "1.03.10.2.01.0002": [50 * JUTA, None],
        },
        sha256="a" * 64,
        file="2025-TW2-BM.xlsx",
        diterima="2025-07-08T09:00:00",
    )


def _ck() -> DataBidang:
    return DataBidang(
        bidang="CK",
        realisasi={"IK.04": [D("7.0"), D("9.0")], "IK.05": [False, True], "IK.06": [D(25), D(20)]},
        anggaran={"1.03.03.2.01.0001": [D(0), 300 * JUTA]},
    )


def _compile(
    pk: PK,
    data: dict[str, DataBidang],
    periode: Periode = TW2,
    status: dict[str, str] | None = None,
    batas: D | None = None,
) -> Kompilasi:
    return kompilasi(
        pk,
        Settings(tahun=2025, batas_rata_rata=batas),
        periode,
        data,
        status or {},
        [],
        {"pk.xlsx": pk.sha256},
    )


def eq(a: D | None, b: D) -> bool:
    """Equal to 20 decimals (the rulebook divides with 34 digits, these tests with 28)."""
    return a is not None and abs(a - b) < D("1e-20")


def _ind(k: Kompilasi, kode: str):  # noqa: ANN202
    return next(i for i in k.indikator if i.kode == kode)


# Hand computation (docs/contract.md §6), TW2, BM only:
# IK.01 naik status R=62.4: annual 62.4/65 = 96; TW 62.4/62 = 100.6451612903...
# IK.02 naik kumulatif R=0+3.3: annual 3.3/12 = 27.5; TW 3.3/3 = 110
# IK.03 turun 2T-R status R=33.6: annual (60-33.6)/30 = 88; TW (64-33.6)/32 = 95
S1 = (D("62.4") / 62 * 100 + 110 + 95) / 3  # 101.88172043...


def test_indicators_sasaran_dinas_by_hand(tmp_path: Path) -> None:
    pk = _pk(tmp_path)
    k = _compile(pk, {"BM": _bm()})
    i1 = _ind(k, "IK.01")
    assert i1.realisasi == D("62.4") and i1.capaian == 96
    assert eq(i1.capaian_triwulan, D("62.4") / 62 * 100)
    assert i1.capaian_periode == i1.capaian_triwulan
    assert i1.predikat == "Sangat Tinggi" and i1.status == "Melampaui"
    i2 = _ind(k, "IK.02")
    assert i2.realisasi == D("3.3") and i2.capaian == D("27.5") and i2.capaian_triwulan == 110
    i3 = _ind(k, "IK.03")
    assert i3.capaian == 88 and i3.capaian_triwulan == 95 and i3.status == "Tidak Tercapai"
    assert i3.rumus_teks.startswith("(2T − R) / T")
    assert i3.narasi.penghambat == "Hujan"
    s1 = k.sasaran[0]
    assert eq(s1.capaian, S1) and s1.predikat == "Sangat Tinggi"
    assert s1.jumlah_indikator == 3
    # CK has not submitted: S2 has no capaian, so the dinas mean is S1's alone.
    assert k.sasaran[1].capaian is None and k.sasaran[1].predikat is None
    assert k.dinas_capaian == s1.capaian
    assert to_json(k)["dinas"] == {"capaian": 101.88, "predikat": "Sangat Tinggi"}


def test_missing_bidang_rows_are_empty_and_listed(tmp_path: Path) -> None:
    pk = _pk(tmp_path)
    k = _compile(pk, {"BM": _bm()})
    for kode in ("IK.04", "IK.05", "IK.06"):
        i = _ind(k, kode)
        assert i.realisasi is None and i.realisasi_tw == (None, None)
        assert i.capaian is None and i.predikat is None and i.status_bidang == "belum"
    assert {b.kode: b.status for b in k.bidang} == {"BM": "diterima", "CK": "belum"}
    ck = next(b for b in k.bidang if b.kode == "CK")
    assert ck.capaian is None and ck.file == "" and ck.pagu == 750 * JUTA
    assert ck.realisasi_anggaran is None
    k2 = _compile(pk, {"BM": _bm()}, status={"BM": "diterima", "CK": "ditolak"})
    assert {b.kode: b.status for b in k2.bidang}["CK"] == "ditolak"
    assert to_json(k2)["bidang"][1]["status"] == "ditolak"


def test_two_bidang_and_every_arah(tmp_path: Path) -> None:
    pk = _pk(tmp_path)
    k = _compile(pk, {"BM": _bm(), "CK": _ck()})
    i4 = _ind(k, "IK.04")  # rentang 6.5-8.5, R = 9 above: (17 - 9) / 8.5; no TW2 target
    assert eq(i4.capaian, D(8) / D("8.5") * 100) and i4.capaian_triwulan is None
    assert i4.capaian_periode == i4.capaian and i4.target_triwulan is None
    i5 = _ind(k, "IK.05")  # biner: latest answer yes, target Ada
    assert i5.realisasi is True and i5.capaian == 100
    i6 = _ind(k, "IK.06")  # turun T/R status R = 20: annual 18/20 = 90, TW2 22/20 = 110
    assert i6.capaian == 90 and i6.capaian_triwulan == 110
    s2 = (D(8) / D("8.5") * 100 + 100 + 110) / 3
    assert eq(k.sasaran[1].capaian, s2)
    assert eq(k.dinas_capaian, (S1 + s2) / 2)
    doc = to_json(k)
    j4 = next(i for i in doc["indikator"] if i["kode"] == "IK.04")
    assert j4["target"] == "6.5-8.5" and j4["target_triwulan"] is None
    assert j4["capaian"] == 94.12 and j4["capaian_triwulan"] is None
    j5 = next(i for i in doc["indikator"] if i["kode"] == "IK.05")
    assert (
        j5["target"] == "Ada"
        and j5["realisasi"] == "Ada"
        and j5["realisasi_tw"] == ["Tidak Ada", "Ada"]
    )


def test_cap_limits_contributions_only(tmp_path: Path) -> None:
    pk = _pk(tmp_path)
    k = _compile(pk, {"BM": _bm(), "CK": _ck()}, batas=D(100))
    assert eq(k.sasaran[0].capaian, (D(100) + 100 + 95) / 3)
    assert eq(k.sasaran[1].capaian, (D(8) / D("8.5") * 100 + 100 + 100) / 3)
    assert _ind(k, "IK.02").capaian_triwulan == 110  # the indicator itself is not capped


def test_budget_parents_recomputed_never_double_counted(tmp_path: Path) -> None:
    pk = _pk(tmp_path)
    k = _compile(pk, {"BM": _bm()})
    rows = {a.kode: a for a in k.anggaran}
    prog, keg = rows["1.03.10"], rows["1.03.10.2.01"]
    assert (prog.tingkat, keg.tingkat, rows["1.03.10.2.01.0001"].tingkat) == (
        "program",
        "kegiatan",
        "sub-kegiatan",
    )
    assert prog.induk and keg.induk and not rows["1.03.10.2.01.0001"].induk
    assert prog.realisasi == keg.realisasi == 400 * JUTA
    assert prog.realisasi_tw == (150 * JUTA, 250 * JUTA)
    assert prog.pagu == 1500 * JUTA and prog.sisa == 1100 * JUTA
    assert eq(prog.serapan, D(400) / D(1500) * 100)
    assert rows["1.03.10.2.01.0002"].realisasi == 50 * JUTA
    assert rows["1.03.03.2.01.0001"].realisasi is None  # CK has not submitted
    total = k.anggaran_total
    assert total is not None and total.pagu == 2250 * JUTA and total.realisasi == 400 * JUTA
    bm = next(b for b in k.bidang if b.kode == "BM")
    assert bm.pagu == 1500 * JUTA and bm.realisasi_anggaran == 400 * JUTA  # leaves only
    doc = to_json(k)
    assert doc["anggaran"][0] == {
        "kode": "1.03.10",
        "bidang": "BM",
        "pagu": 1500000000,
        "realisasi": 400000000,
        "serapan": 26.67,
        "uraian": "Program Penyelenggaraan Jalan",
        "tingkat": "program",
        "induk": True,
        "sisa": 1100000000,
        "sasaran": None,
        "rencana": None,
        "serapan_rencana": None,
        "pagu_renstra": None,
        "realisasi_renstra": None,
        "capaian_renstra": None,
    }


def _dengan_rencana(pk: PK, rencana: dict[str, tuple[D | None, ...]]) -> PK:
    from dataclasses import replace

    return replace(
        pk,
        anggaran=tuple(
            replace(a, rencana_tw=rencana.get(a.kode, a.rencana_tw)) for a in pk.anggaran
        ),
    )


def test_quarterly_efficiency_against_the_dpa_plan(tmp_path: Path) -> None:
    """docs/contract.md §14: serapan_rencana = realisasi s/d TW k ÷ rencana s/d TW k × 100."""
    plan = {
        "1.03.10.2.01.0001": (None, 300 * JUTA, None, 1000 * JUTA),
        "1.03.10.2.01.0002": (None, 100 * JUTA, None, 500 * JUTA),
        "1.03.03.2.01.0001": (None, 250 * JUTA, None, 750 * JUTA),
    }
    k = _compile(_dengan_rencana(_pk(tmp_path), plan), {"BM": _bm(), "CK": _ck()})
    assert k.dasar_efisiensi == "rencana"
    rows = {a.kode: a for a in k.anggaran}
    assert rows["1.03.10"].rencana == 400 * JUTA  # a parent's plan: the sum of its leaves'
    assert eq(rows["1.03.10.2.01.0001"].serapan_rencana, D(350) / D(300) * 100)
    assert rows["1.03.10"].serapan_rencana == 100  # 400 of 400 juta
    s1 = k.sasaran[0]
    assert s1.rencana_anggaran == 400 * JUTA and s1.serapan_rencana == 100
    assert s1.efisiensi is not None and eq(s1.efisiensi.ie, S1 / 100)
    assert eq(s1.efisiensi.selisih, S1 - 100)
    ck = next(b for b in k.bidang if b.kode == "CK")
    assert ck.serapan_rencana == 120 and ck.efisiensi is not None  # 300 of 250 juta
    assert eq(ck.efisiensi.ie, ck.capaian / 120)
    doc = to_json(k)
    assert doc["dasar_efisiensi"] == "rencana"
    assert doc["bidang"][-1]["serapan_rencana"] == 120
    assert doc["anggaran"][0]["rencana"] == 400000000


def test_quarter_without_plan_gives_no_efficiency_verdict(tmp_path: Path) -> None:
    """docs/contract.md §14: no plan, no IE and no Efisien/Kurang Efisien in any output."""
    pk = _pk(tmp_path)
    k = _compile(pk, {"BM": _bm(), "CK": _ck()})
    assert k.dasar_efisiensi == ""
    assert all(s.efisiensi is None for s in k.sasaran)
    assert all(b.efisiensi is None for b in k.bidang)
    assert k.sasaran[0].serapan is not None  # serapan against the pagu is still shown
    doc = to_json(k)
    assert doc["dasar_efisiensi"] is None
    assert all(x["efisiensi"] is None for x in doc["sasaran"] + doc["bidang"])
    # a partial plan (one leaf without it) is no plan for its group
    half = _dengan_rencana(pk, {"1.03.10.2.01.0001": (None, 300 * JUTA, None, None)})
    k = _compile(half, {"BM": _bm(), "CK": _ck()})
    assert k.dasar_efisiensi == "" and k.sasaran[0].efisiensi is None


def test_efficiency_per_sasaran_and_bidang(tmp_path: Path) -> None:
    """The annual measurement: IE against the pagu (docs/contract.md §6.6)."""
    pk = _pk(tmp_path)
    k = _compile(pk, {"BM": _bm(), "CK": _ck()}, periode=TAHUNAN)
    assert k.dasar_efisiensi == "pagu"
    S1 = k.sasaran[0].capaian
    assert S1 is not None
    s1 = k.sasaran[0]
    assert s1.pagu == 1500 * JUTA and s1.realisasi_anggaran == 400 * JUTA
    assert s1.efisiensi is not None and s1.efisiensi.label == "Efisien"
    assert eq(s1.efisiensi.ie, S1 / (D(400) / D(1500) * 100))
    assert eq(s1.efisiensi.selisih, S1 - D(400) / D(1500) * 100)
    s2 = k.sasaran[1]  # 300 of 750 juta = 40 %
    assert s2.serapan == 40 and s2.efisiensi is not None
    assert eq(s2.efisiensi.ie, s2.capaian / 40)
    ck = next(b for b in k.bidang if b.kode == "CK")
    assert ck.serapan == 40 and ck.efisiensi == s2.efisiensi
    assert to_json(k)["sasaran"][1]["efisiensi"]["keterangan"] == "Efisien"


def test_sasaran_without_budget_has_no_efficiency(tmp_path: Path) -> None:
    from support.pkbuilder import ANG

    pk = _pk(tmp_path, ang=[[*r[:4], None] for r in ANG])
    k = _compile(pk, {"BM": _bm()})
    assert all(s.pagu is None and s.efisiensi is None for s in k.sasaran)


def test_counts_per_predikat_in_scale_order(tmp_path: Path) -> None:
    pk = _pk(tmp_path)
    k = _compile(pk, {"BM": _bm(), "CK": _ck()})
    assert list(k.jumlah_predikat) == [
        "Sangat Tinggi",
        "Tinggi",
        "Sedang",
        "Rendah",
        "Sangat Rendah",
    ]
    assert k.jumlah_predikat["Sangat Tinggi"] == 6 and sum(k.jumlah_predikat.values()) == 6


def test_rulebook_warnings_become_findings(tmp_path: Path) -> None:
    extra = [
        "IK.07",
        None,
        "Jumlah kejadian",
        "unit",
        "naik",
        "kumulatif",
        None,
        0,
        0,
        0,
        0,
        0,
        "CK",
    ]
    pk = _pk(tmp_path, ind=[*IND, extra])
    ck = _ck()
    ck.realisasi["IK.07"] = [D(1), D(0)]
    given = Finding(
        "realisasi-turun", WARNING, "turun", file="x.xlsx", sheet="Kinerja", cell="J7", kode="IK.01"
    )
    k = kompilasi(pk, Settings(tahun=2025), TW2, {"BM": _bm(), "CK": ck}, {}, [given], {})
    assert k.temuan[0] == given
    nol = [f for f in k.temuan if f.code == "target-nol"]
    assert len(nol) == 1 and nol[0].kode == "IK.07" and nol[0].severity == "warning"
    assert nol[0].sheet == "Pengukuran"
    assert _ind(k, "IK.07").capaian is None and _ind(k, "IK.07").peringatan == ("target-nol",)


def test_tahunan_uses_annual_target_for_both(tmp_path: Path) -> None:
    pk = _pk(tmp_path)
    bm = _bm()
    bm.realisasi = {
        "IK.01": [D(61), D(62), D(64), D("65.4")],
        "IK.02": [D(0), D("2.5"), D(6), D("3.5")],
    }
    k = _compile(pk, {"BM": bm}, periode=TAHUNAN)
    i1, i2 = _ind(k, "IK.01"), _ind(k, "IK.02")
    # docs/rulebook.md §6 worked examples: status takes the last quarter, kumulatif sums the quarters.
    assert i1.realisasi == D("65.4") and i1.capaian == i1.capaian_triwulan
    assert round(i1.capaian, 2) == D("100.62")
    assert i2.realisasi == 12 and i2.capaian == 100 and i2.target_triwulan == 12
    assert to_json(k)["periode"] == "tahunan"


def test_tingkat_by_depth_or_position() -> None:
    rows = [
        BarisAnggaran("P", "a", "X", D(3)),
        BarisAnggaran("P.1", "b", "X", D(3)),
        BarisAnggaran("P.1.2.3", "c", "X", D(3)),
        BarisAnggaran("1.03.10", "p", "X", D(1)),
    ]
    assert [tingkat_anggaran(rows, r) for r in rows] == [
        "program",
        "kegiatan",
        "sub-kegiatan",
        "program",
    ]


def test_anggaran_sasaran_sums_only_its_leaves(tmp_path: Path) -> None:
    from support.pkbuilder import ANG

    ang = [list(r) for r in ANG]
    ang[3][4] = "S2"  # the second BM sub-kegiatan serves S2: the parents split
    pk = _pk(tmp_path, ang=ang)
    k = _compile(pk, {"BM": _bm()})
    s1 = {a.kode: a for a in anggaran_sasaran(k.anggaran, "S1")}
    s2 = {a.kode: a for a in anggaran_sasaran(k.anggaran, "S2")}
    assert s1["1.03.10"].pagu == 1000 * JUTA and s1["1.03.10"].realisasi == 350 * JUTA
    assert s2["1.03.10"].pagu == 500 * JUTA and s2["1.03.10"].realisasi == 50 * JUTA
    assert "1.03.03.2.01.0001" in s2 and anggaran_sasaran(k.anggaran, None) == []


@pytest.mark.parametrize(
    ("target", "nilai", "teks"),
    [
        ("Ya", True, "Ya"),
        ("Ya", False, "Tidak"),
        ("Ada", False, "Tidak Ada"),
        ("Tersedia", True, "Tersedia"),
        ("", True, "Ada"),
    ],
)
def test_teks_biner_follows_target_wording(target: str, nilai: bool, teks: str) -> None:
    assert teks_biner(nilai, target) == teks


def test_quarter_target_zero_warns_and_falls_back(tmp_path: Path) -> None:
    pk = _pk(tmp_path)  # IK.02 (kumulatif km) has Target TW I = 0
    bm = DataBidang("BM", realisasi={"IK.02": [D("0.5")]})
    k = _compile(pk, {"BM": bm}, periode=Periode(1))
    i2 = _ind(k, "IK.02")
    assert i2.capaian_triwulan is None and i2.capaian_periode == i2.capaian
    nol = next(f for f in k.temuan if f.kode == "IK.02")
    assert nol.code == "target-nol" and nol.message.startswith("Target TW I bernilai 0")
