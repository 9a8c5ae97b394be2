"""The report context: signature block, narratives, comparison, links, quarterly follow-up."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

from kinerja_cli.domain.models import PK, Identitas, Narasi
from kinerja_cli.domain.periode import TAHUNAN
from kinerja_cli.domain.results import Kompilasi, TahunLalu
from kinerja_cli.report.context import build_context, jabatan_lengkap, segmen_bukti, ttd
from kinerja_cli.report.rows import TANDA_DIPOTONG, potong
from support.fakedata import example_data
from support.laporankit import TANGGAL_TAHUNAN, TANGGAL_TW2, TW2, kompilasi_untuk


def test_signature_block_keeps_plt_and_names_the_agency_once() -> None:
    ident = Identitas(
        pemda="Kabupaten Balangan",
        perangkat_daerah="Dinas Pekerjaan Umum, "
        "Penataan Ruang, Perumahan Rakyat dan Kawasan Permukiman",
        singkatan="Dinas PUPRPERKIM",
        tempat="Paringin",
        kepala="Ir. H. Ahmad, M.T.",
        nip_kepala="197603092006042007",
        pangkat_kepala="Pembina Utama Muda (IV/c)",
        jabatan_kepala="Plt. Kepala Dinas",
    )
    t = ttd(ident, TANGGAL_TAHUNAN)
    assert t["jabatan"] == (
        "Plt. Kepala Dinas Pekerjaan Umum, Penataan Ruang, Perumahan Rakyat "
        "dan Kawasan Permukiman Kabupaten Balangan"
    )
    assert (t["tempat"], t["nama"], t["pangkat"]) == (
        "Paringin",
        "Ir. H. Ahmad, M.T.",
        "Pembina Utama Muda (IV/c)",
    )
    assert (
        jabatan_lengkap(dataclasses.replace(ident, jabatan_kepala="Plh. Kepala Dinas PUPRPERKIM"))
        == "Plh. Kepala Dinas PUPRPERKIM Kabupaten Balangan"
    )


def test_narratives_are_cut_visibly() -> None:
    assert potong("x" * 2000) == "x" * 2000
    cut = potong("y" * 2500)
    assert cut.endswith(TANDA_DIPOTONG) and cut.startswith("y" * 2000) and len(cut) < 2100


def test_only_http_links_become_links() -> None:
    seg = segmen_bukti(
        "Foto https://balangankab.go.id/a.jpg, javascript:alert(1) dan file:///etc/passwd"
    )
    links = [s["url"] for s in seg if s["url"]]
    assert links == ["https://balangankab.go.id/a.jpg"]
    assert "".join(s["teks"] for s in seg).endswith("javascript:alert(1) dan file:///etc/passwd")


def test_no_previous_year_leaves_the_section_out(k_tahunan: Kompilasi) -> None:
    """docs/contract.md §16: a section without data is left out, not apologised for."""
    ctx = build_context(k_tahunan, TANGGAL_TAHUNAN)
    assert ctx["tahun_lalu"]["ada"] is False and ctx["tahun_lalu"]["kalimat"] == ""
    assert "tahun_lalu" not in ctx["lampiran"]
    # no letter skipped: the Renstra comparison and the evidence list follow as E and F
    assert ctx["lampiran"] == {
        "metode": "A",
        "analisis": "B",
        "anggaran": "C",
        "permasalahan": "D",
        "renstra": "E",
        "bukti": "F",
    }


def test_previous_year_table_when_linked(pk: PK) -> None:
    from kinerja_cli.domain.settings import Settings
    from kinerja_cli.services.compile import kompilasi_dari
    from support.laporankit import FakeStore

    lalu = {"IK.10": TahunLalu(2024, "63", D("62.1"), D("98.57"))}
    k, _ = kompilasi_dari(pk, Settings(tahun=2025), TAHUNAN, FakeStore(pk), tahun_lalu=lalu)
    t = build_context(k, TANGGAL_TAHUNAN)["tahun_lalu"]
    assert t["ada"] and t["tahun"] == 2024 and len(t["baris"]) == 1
    assert t["baris"][0]["selisih"] == k.indikator[9].capaian - D("98.57")


def test_quarterly_review_shows_last_quarters_follow_up(pk: PK, k_tw1: Kompilasi) -> None:
    data = example_data(pk, TW2, ("PR",))
    data["BM"].narasi["IK.10"] = Narasi(penghambat="Hujan", tindak_lanjut="Tindak lanjut TW II")
    k = kompilasi_untuk(pk, TW2, ubah={"BM": data["BM"]})
    ctx = build_context(k, TANGGAL_TW2, k_tw1)
    row = next(r for r in ctx["permasalahan"] if r["kode"] == "IK.10")
    assert row["tindak_lanjut"] == "Tindak lanjut TW II"
    assert row["tindak_lanjut_lalu"] == next(
        i.narasi.tindak_lanjut for i in k_tw1.indikator if i.kode == "IK.10"
    )
    assert ctx["triwulan_lalu"]["ada"] and ctx["triwulan_lalu"]["label"] == "Triwulan I"


def test_quarterly_sections(k_tw2: Kompilasi) -> None:
    ctx = build_context(k_tw2, TANGGAL_TW2)
    assert ctx["kuartal"] == ["I", "II"]
    assert ctx["bidang_belum"] == ["Bidang Penataan Ruang"]
    assert len(ctx["tren"]["dinas"]) == 2
    for r in ctx["berisiko"]:
        assert r["proyeksi"]["berisiko"] is True and r["proyeksi"]["capaian"] < 100
    assert not ctx["triwulan_lalu"]["ada"]  # no TW I compilation passed
    assert any("proyeksi" in p for p in ctx["narasi"])


def test_narrative_names_extremes_and_budget(k_tahunan: Kompilasi) -> None:
    text = " ".join(build_context(k_tahunan, TANGGAL_TAHUNAN)["narasi"])
    lowest = min(
        (i for i in k_tahunan.indikator if i.capaian_periode is not None),
        key=lambda i: i.capaian_periode or 0,
    )
    assert lowest.nama in text
    assert "Capaian terendah" in text and "serapan" in text and "…" not in text


def test_a_pk_perubahan_in_the_method_note_and_both_targets_on_the_lembar(
    k_tahunan: Kompilasi,
) -> None:
    from kinerja_cli.domain.results import Revisi

    plain = build_context(k_tahunan, TANGGAL_TAHUNAN)
    assert plain["revisi"] == {"ada": False, "target_diubah": False, "kalimat": "", "diubah": []}
    awal = dataclasses.replace(k_tahunan.indikator[0], target=D(100), target_teks="100")
    revised = dataclasses.replace(
        k_tahunan,
        pk_versi=2,
        revisi=(Revisi(2, 3, "2025-08-04", "APBD-Perubahan 2025"),),
        target_awal={awal.kode: awal},
    )
    ctx = build_context(revised, TANGGAL_TAHUNAN)
    assert ctx["revisi"]["ada"] and ctx["revisi"]["target_diubah"]
    assert ctx["revisi"]["kalimat"].startswith(
        "Pengukuran dalam laporan ini memakai Perjanjian Kinerja versi 2: PK Perubahan berlaku "
        "sejak Triwulan III, dicatat 4 Agustus 2025: APBD-Perubahan 2025."
    )
    assert f"Target 1 indikator ({awal.kode}) diubah" in ctx["revisi"]["kalimat"]
    rows = [r for s in ctx["sasaran"] for r in s["indikator"]]
    first = next(r for r in rows if r["kode"] == awal.kode)
    assert first["target_diubah"] and first["target_awal"] == D(100)
    other = next(r for r in rows if r["kode"] != awal.kode)
    assert not other["target_diubah"] and other["target_awal"] == other["target"]
    # a revision that changed no target (only pagu) is cited, with one Target column
    pagu_only = dataclasses.replace(revised, target_awal={})
    ctx = build_context(pagu_only, TANGGAL_TAHUNAN)
    assert ctx["revisi"]["ada"] and not ctx["revisi"]["target_diubah"]
    assert "diubah" not in ctx["revisi"]["kalimat"]
