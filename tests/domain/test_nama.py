"""Agency names typed formally or informally print once (docs/contract.md §16)."""

from __future__ import annotations

import itertools

import pytest

from kinerja_cli.domain import nama

PEMDA = ("Kabupaten Siak", "Pemerintah Kabupaten Siak", "  pemerintah  Kabupaten Siak ")
PD = (
    "Dinas Kesehatan",
    "Dinas Kesehatan Kabupaten Siak",
    "Dinas Kesehatan Pemerintah Kabupaten Siak",
)
JABATAN = (
    "Kepala Dinas",
    "Kepala",
    "",
    "Kepala Dinas Kesehatan",
    "Kepala Dinas Kesehatan Kabupaten Siak",
)


@pytest.mark.parametrize(("pemda", "pd", "jabatan"), list(itertools.product(PEMDA, PD, JABATAN)))
def test_every_way_of_typing_gives_the_same_names(pemda: str, pd: str, jabatan: str) -> None:
    assert nama.pemerintah(pemda) == "Pemerintah Kabupaten Siak"
    assert nama.wilayah(pemda) == "Kabupaten Siak"
    assert nama.perangkat_daerah(pd, pemda) == "Dinas Kesehatan"
    assert nama.perangkat_daerah_lengkap(pd, pemda) == "Dinas Kesehatan Kabupaten Siak"
    assert nama.jabatan_kepala(jabatan, pd, pemda) == "Kepala Dinas Kesehatan Kabupaten Siak"


def test_plt_and_plh_are_kept() -> None:
    pd, pemda = "Dinas Kesehatan", "Pemerintah Kabupaten Siak"
    assert nama.jabatan_kepala("Plt. Kepala Dinas", pd, pemda) == (
        "Plt. Kepala Dinas Kesehatan Kabupaten Siak"
    )
    assert nama.jabatan_kepala("Plh. Kepala", pd, pemda).startswith("Plh. Kepala Dinas")


def test_short_name_in_the_jabatan_is_not_followed_by_the_full_name() -> None:
    j = nama.jabatan_kepala(
        "Kepala Dinas PUPRPERKIM", "Dinas Pekerjaan Umum", "Kabupaten X", "Dinas PUPRPERKIM"
    )
    assert j == "Kepala Dinas PUPRPERKIM Kabupaten X"


def test_a_long_agency_name_with_commas() -> None:
    pd = "Dinas Pekerjaan Umum, Penataan Ruang, Perumahan Rakyat dan Kawasan Permukiman"
    assert nama.jabatan_kepala("Kepala Dinas", pd, "Kabupaten Balangan") == (
        f"Kepala {pd} Kabupaten Balangan"
    )
    assert nama.perangkat_daerah_lengkap(pd + " Kabupaten Balangan", "Kabupaten Balangan") == (
        f"{pd} Kabupaten Balangan"
    )


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [
        ("PEMERINTAH PEMERINTAH KABUPATEN SIAK", "PEMERINTAH KABUPATEN SIAK"),
        ("DINAS KESEHATAN KABUPATEN SIAK KABUPATEN SIAK", "DINAS KESEHATAN KABUPATEN SIAK"),
        ("Kota Dumai", "Kota Dumai"),
        ("Bagian Umum dan Umum", "Bagian Umum dan Umum"),  # not back to back: kept
    ],
)
def test_tanpa_ulang(teks: str, hasil: str) -> None:
    assert nama.tanpa_ulang(teks) == hasil
