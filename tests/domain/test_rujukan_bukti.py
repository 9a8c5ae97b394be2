"""References in a Bukti Dukung cell (docs/contract.md §14): web addresses, file names, text."""

from __future__ import annotations

import pytest

from kinerja_cli.domain.bukti import Rujukan, kunci, rujukan


@pytest.mark.parametrize(
    ("teks", "expected"),
    [
        ("", []),
        (None, []),
        ("Laporan Fisik TW2.pdf", [Rujukan("Laporan Fisik TW2.pdf", "berkas")]),
        (
            "foto/jembatan 01.JPG; https://balangankab.go.id/ikm\nSK Kadis No. 5/2026",
            [
                Rujukan("foto/jembatan 01.JPG", "berkas"),
                Rujukan("https://balangankab.go.id/ikm", "url"),
                Rujukan("SK Kadis No. 5/2026", "teks"),
            ],
        ),
        ("  Rekap\u00a0 BPK.xlsx ;; ", [Rujukan("Rekap BPK.xlsx", "berkas")]),
        ("Laporan progres IK.01", [Rujukan("Laporan progres IK.01", "teks")]),  # ".01" no type
        ("javascript:alert(1)", [Rujukan("javascript:alert(1)", "teks")]),
        ("file:///etc/passwd.pdf", [Rujukan("file:///etc/passwd.pdf", "teks")]),
        ("../rahasia.pdf", [Rujukan("../rahasia.pdf", "teks")]),  # never outside bukti/
        ("C:\\data\\a.pdf", [Rujukan("C:\\data\\a.pdf", "teks")]),
        ("/etc/a.pdf", [Rujukan("/etc/a.pdf", "teks")]),
        ("http://x", [Rujukan("http://x", "url")]),
        (
            "Berita acara.docx\r\nfoto.png",
            [Rujukan("Berita acara.docx", "berkas"), Rujukan("foto.png", "berkas")],
        ),
    ],
)
def test_references(teks: str | None, expected: list[Rujukan]) -> None:
    assert rujukan(teks) == expected


def test_matching_key_is_case_and_separator_free() -> None:
    assert kunci("Foto\\Jembatan.JPG") == kunci("bukti/foto/jembatan.jpg") == "foto/jembatan.jpg"
    assert kunci("./A.pdf") == "a.pdf"
    assert kunci("Cafe\u0301.pdf") == kunci("Caf\u00e9.pdf")  # NFC
