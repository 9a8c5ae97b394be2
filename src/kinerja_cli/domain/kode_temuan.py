"""The catalogue of finding codes: one place for code -> severity and a short description.

The README lists this table; tests assert that every code the preflight (io/safe_open) and
the form reader emit is here, so a new code cannot slip in undocumented. Codes are stable
kebab-case ASCII (SPEC §5); messages are built where the finding is made.
"""

from __future__ import annotations

from typing import NamedTuple


class KodeTemuan(NamedTuple):
    """One code: its severity (`error`, `warning`, or `error/warning` when it depends on the
    quarter), a short Bahasa Indonesia description, and the stage that emits it."""

    severity: str
    ringkas: str
    tahap: str  # "pk" | "berkas" (preflight of the bytes) | "formulir" | "kumpul" | "kompilasi"


_E, _W, _EW = "error", "warning", "error/warning"

# Preflight of the bytes (io/safe_open.py, io/sniff.py), before any parser sees the file.
_BERKAS = {
    "file-empty": (_E, "file kosong (0 byte)"),
    "file-too-large": (_E, "file jauh lebih besar dari formulir biasa (batas 10 MB)"),
    "file-csv": (_E, "teks CSV, bukan workbook .xlsx"),
    "file-not-spreadsheet": (_E, "bukan lembar kerja (HTML, PDF, arsip lain, ...)"),
    "file-format-xls": (_E, "format Excel 97-2003 (.xls), bukan .xlsx"),
    "file-format-ods": (_E, "format OpenDocument (.ods), bukan .xlsx"),
    "file-format-xlsb": (_E, "format Excel Binary (.xlsb), bukan .xlsx"),
    "file-encrypted": (_E, "file dikunci kata sandi"),
    "file-corrupt": (_E, "file rusak atau terpotong"),
    "ooxml-part-missing": (_E, "bagian wajib workbook tidak ada"),
    "zip-duplicate-entry": (_E, "dua bagian ZIP bernama sama (kemungkinan rekayasa)"),
    "zip-bomb": (_E, "isi mengembang jauh di luar ukuran wajar (zip bomb)"),
    "xml-dtd-forbidden": (_E, "deklarasi DTD/entitas XML (kemungkinan rekayasa)"),
    "xml-malformed": (_E, "XML tidak sah"),
    "outside-form-area": (_E, "sel terpakai jauh di luar area formulir; file tidak dibaca"),
    "macro-ignored": (_W, "makro (VBA) diabaikan, hanya nilai sel dibaca"),
    "external-link": (_E, "rumus/tautan ke file lain (diubah menjadi tautan-eksternal)"),
}

# Reading a form (io/form_reader.py, domain/periksa.py): SPEC §5.
_FORMULIR = {
    # identity
    "bukan-formulir": (_E, "bukan formulir kinerja: identitas dan kode indikator tidak dikenali"),
    "bukan-formulir-ini": (_E, "formulir perangkat daerah, tahun, atau bidang lain"),
    "identitas-hilang": (_W, "lembar identitas _kinerja hilang; dikenali dari ID atau kode"),
    "identitas-tidak-cocok": (_E, "isi identitas saling bertentangan (diubah di luar kinerja)"),
    "periode-salah": (_E, "formulir untuk periode lain"),
    "pk-berubah": (_W, "formulir dibuat dari PK versi lain"),
    "nama-file-tidak-cocok": (_W, "nama file menyebut bidang/periode lain dari isinya"),
    # structure
    "lembar-hilang": (_E, "lembar wajib (Kinerja/Anggaran) tidak ada"),
    "lembar-diganti-nama": (_W, "lembar diganti nama; dikenali dari tata letaknya"),
    "lembar-ganda": (_E, "dua lembar sama-sama berisi tabel formulir"),
    "lembar-salinan": (_W, "salinan lembar formulir diabaikan"),
    "kolom-hilang": (_E, "judul kolom wajib tidak ada"),
    "kolom-ganda": (_E, "judul kolom yang sama muncul dua kali"),
    "baris-tambahan": (_E, "baris yang tidak ada di PK"),
    "baris-hilang": (_E, "baris PK tidak ada di formulir"),
    "baris-ganda": (_E, "kode yang sama muncul dua kali"),
    "urutan-baris-berubah": (_E, "urutan baris berbeda dari PK"),
    "sel-isian-digabung": (_E, "sel isian digabung (merge)"),
    "di-luar-area-formulir": (_W, "isian di luar area formulir (diabaikan)"),
    # locked values compared with the PK
    "indikator-diubah": (_E, "teks Indikator Kinerja berbeda dari PK"),
    "sasaran-diubah": (_E, "teks Sasaran berbeda dari PK"),
    "satuan-diubah": (_E, "Satuan berbeda dari PK"),
    "arah-diubah": (_E, "Arah berbeda dari PK"),
    "target-diubah": (_E, "Target berbeda dari PK"),
    "uraian-diubah": (_E, "Uraian anggaran berbeda dari PK"),
    "pagu-diubah": (_E, "Pagu berbeda dari PK"),
    # what is inside an input cell
    "rumus-di-sel-isian": (_W, "rumus di sel isian; nilai tersimpannya dipakai"),
    "rumus-tanpa-nilai": (_E, "rumus di sel isian tanpa nilai tersimpan"),
    "sel-galat": (_E, "sel berisi galat (#DIV/0!, #REF!, ...)"),
    "tautan-eksternal": (_EW, "rumus mengambil nilai dari file lain (galat di sel isian)"),
    # realisations
    "realisasi-bukan-angka": (_E, "realisasi bukan angka (teks, tanggal, nilai logika)"),
    "realisasi-tanpa-data": (_EW, "tanda tidak ada data (-, n/a, ...); galat untuk triwulan periode"),
    "realisasi-negatif": (_E, "realisasi negatif"),
    "biner-tidak-sah": (_E, "jawaban indikator biner tidak sah"),
    "realisasi-kosong": (_E, "realisasi triwulan periode ini kosong"),
    "triwulan-sebelumnya-kosong": (_W, "realisasi triwulan sebelumnya kosong"),
    "persen-skala-ambigu": (_W, "angka persen ≤ 1,5 tanpa format %: 0,9 atau 90?"),
    "persen-di-atas-100": (_W, "persentase (status) di atas 100"),
    "status-menurun-tanpa-penghambat": (_W, "nilai status memburuk tanpa Faktor Penghambat"),
    "narasi-wajib-kosong": (_W, "capaian < 100% tanpa Faktor Penghambat/Tindak Lanjut"),
    "perubahan-besar": (_W, "berubah lebih dari 50% dari triwulan sebelumnya"),
    # budget
    "anggaran-bukan-angka": (_E, "realisasi anggaran bukan angka"),
    "anggaran-tanpa-data": (_EW, "tanda tidak ada data pada realisasi anggaran"),
    "anggaran-negatif": (_E, "realisasi anggaran negatif"),
    "anggaran-melebihi-pagu": (_E, "jumlah realisasi anggaran melebihi pagu"),
    "anggaran-induk-diisi": (_W, "baris induk (program/kegiatan) diisi; diabaikan"),
    "anggaran-kosong": (_W, "realisasi anggaran triwulan periode ini kosong"),
    # text
    "teks-terlalu-panjang": (_W, "uraian lebih dari 2.000 karakter (dipotong di laporan)"),
    "teks-melebihi-batas": (_E, "teks lebih dari 32.767 karakter (batas sel Excel)"),
    "teks-karakter-kontrol": (_W, "karakter kontrol dibersihkan dari teks"),
}

# The PK workbook (io/pk_reader.py, domain/anggaran.py): `check-pk` and every command reading it.
_PK = {
    "pk-sheet-hilang": (_E, "lembar wajib (Identitas, Bidang, Indikator, Anggaran) tidak ada"),
    "pk-kolom-hilang": (_E, "kolom wajib tidak ada di baris judul tabel"),
    "kode-kosong": (_E, "kode bidang/indikator/anggaran kosong"),
    "kode-ganda": (_E, "kode dipakai lebih dari sekali"),
    "bidang-tidak-dikenal": (_E, "bidang tidak ada di lembar Bidang"),
    "arah-tidak-sah": (_E, "Arah bukan naik/turun/rentang/biner"),
    "sifat-tidak-sah": (_E, "Sifat bukan kumulatif/status"),
    "rumus-tidak-sah": (_E, "Rumus bukan 2T-R/T/R"),
    "rumus-diabaikan": (_W, "Rumus diisi untuk indikator yang bukan turun"),
    "target-kosong": (_E, "Target tahunan kosong"),
    "target-tidak-sah": (_E, "target tidak dapat dibaca untuk Arah-nya"),
    "target-tw4-beda": (_E, "Target TW IV berbeda dengan Target tahunan"),
    "target-tw-menurun": (_E, "target TW kumulatif menurun"),
    "sasaran-kosong": (_E, "Sasaran kosong"),
    "sasaran-tidak-dikenal": (_W, "Sasaran di lembar Anggaran tidak dikenal"),
    "indikator-kinerja-kosong": (_E, "teks Indikator Kinerja kosong"),
    "satuan-kosong": (_E, "Satuan kosong"),
    "nip-tidak-sah": (_E, "NIP bukan 18 angka 8-6-1-3 dengan tanggal wajar"),
    "tahun-tidak-sah": (_E, "Tahun di lembar Identitas tidak sah"),
    "identitas-kosong": (_E, "Pemerintah Daerah atau Perangkat Daerah kosong"),
    "pagu-kosong": (_E, "Pagu kosong"),
    "pagu-tidak-sah": (_E, "Pagu bukan angka atau negatif"),
    "pagu-induk-beda": (_E, "pagu induk berbeda dengan jumlah pagu anaknya"),
}

# Collecting (services/collect.py) and compiling (domain/kompilasi.py, domain/capaian.py).
_PROSES = {
    "duplikat-identik": (_W, "isi sama persis dengan berkas lain; dihitung sekali"),
    "terlambat": (_W, "berkas tiba setelah batas pengembalian"),
    "berkas-tidak-terbaca": (_E, "berkas di folder masuk tidak dapat dibaca (izin/terkunci)"),
    "gagal-membaca": (_E, "pembacaan berkas gagal tak terduga; dicoba lagi pada collect berikutnya"),
    "target-nol": (_W, "target 0 untuk Arah naik: capaian tidak dapat dihitung"),
    "rumus-tr-realisasi-nol": (_W, "rumus T/R dengan realisasi 0: capaian tidak dapat dihitung"),
    "realisasi-tidak-terbaca": (_W, "realisasi tersimpan tidak sesuai jenis indikator"),
}

KODE_TEMUAN: dict[str, KodeTemuan] = {
    **{k: KodeTemuan(s, d, "pk") for k, (s, d) in _PK.items()},
    **{k: KodeTemuan(s, d, "berkas") for k, (s, d) in _BERKAS.items()},
    **{k: KodeTemuan(s, d, "formulir") for k, (s, d) in _FORMULIR.items()},
    **{k: KodeTemuan(s, d, "proses") for k, (s, d) in _PROSES.items()},
}


def severity_of(code: str) -> str:
    """The catalogue severity of a code (`error` for unknown codes and dual-severity ones)."""
    entry = KODE_TEMUAN.get(code)
    return "warning" if entry is not None and entry.severity == _W else "error"


def tabel_markdown() -> str:
    """The catalogue as a Markdown table (for the README)."""
    lines = ["| kode | tingkat | arti | tahap |", "|---|---|---|---|"]
    for code, k in KODE_TEMUAN.items():
        lines.append(f"| `{code}` | {k.severity} | {k.ringkas} | {k.tahap} |")
    return "\n".join(lines)
