"""The rule registry: every finding kinerja can report, declared once.

Each rule has its stable code (a `Code` member, so a typo is a type error), its severity, the
stage that reports it, a short description (the README's code table is generated from it) and
its message template in Bahasa Indonesia. A call site only names the rule and passes the
values: `collector.add(Code.REALISASI_NEGATIF, cell="J7", kode="IK.03", label=..., nilai=...)`.

A rule whose wording depends on the case has named `variants` (all its texts stay here), and a
message assembled from pieces takes them from `parts`. Templates use `str.format` fields.
Standard library only (docs/architecture.md §3.2, §3.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, TypedDict

from kinerja_cli.domain.findings import ERROR, WARNING, Finding, Severity


class Stage(StrEnum):
    """Where a finding comes from (the README's `tahap` column)."""

    PK = "pk"  # the PK workbook: check-pk and every command reading it
    FILE = "berkas"  # the preflight of a received file's bytes, before any parser
    FORM = "formulir"  # reading a returned form
    PROCESS = "proses"  # collecting, compiling
    CORRECTION = "koreksi"  # the Sekretaris's corrections read back from a draft


class Code(StrEnum):
    """Every finding code (stable kebab-case ASCII, docs/contract.md §5)."""

    # the PK workbook
    PK_SHEET_HILANG = "pk-sheet-hilang"
    PK_KOLOM_HILANG = "pk-kolom-hilang"
    PK_TANPA_INDIKATOR = "pk-tanpa-indikator"
    PK_DIUBAH_TANPA_REVISI = "pk-diubah-tanpa-revisi"
    KODE_KOSONG = "kode-kosong"
    KODE_GANDA = "kode-ganda"
    BIDANG_TIDAK_DIKENAL = "bidang-tidak-dikenal"
    ARAH_TIDAK_SAH = "arah-tidak-sah"
    SIFAT_TIDAK_SAH = "sifat-tidak-sah"
    RUMUS_TIDAK_SAH = "rumus-tidak-sah"
    RUMUS_DIABAIKAN = "rumus-diabaikan"
    TARGET_KOSONG = "target-kosong"
    TARGET_TIDAK_SAH = "target-tidak-sah"
    TARGET_TW4_BEDA = "target-tw4-beda"
    TARGET_TW_MENURUN = "target-tw-menurun"
    SASARAN_KOSONG = "sasaran-kosong"
    SASARAN_TIDAK_DIKENAL = "sasaran-tidak-dikenal"
    INDIKATOR_KINERJA_KOSONG = "indikator-kinerja-kosong"
    SATUAN_KOSONG = "satuan-kosong"
    NIP_TIDAK_SAH = "nip-tidak-sah"
    TAHUN_TIDAK_SAH = "tahun-tidak-sah"
    IDENTITAS_KOSONG = "identitas-kosong"
    PAGU_KOSONG = "pagu-kosong"
    PAGU_TIDAK_SAH = "pagu-tidak-sah"
    PAGU_INDUK_BEDA = "pagu-induk-beda"
    # the bytes of a received file
    FILE_EMPTY = "file-empty"
    FILE_TOO_LARGE = "file-too-large"
    FILE_CSV = "file-csv"
    FILE_NOT_SPREADSHEET = "file-not-spreadsheet"
    FILE_FORMAT_XLS = "file-format-xls"
    FILE_FORMAT_ODS = "file-format-ods"
    FILE_FORMAT_XLSB = "file-format-xlsb"
    FILE_ENCRYPTED = "file-encrypted"
    FILE_CORRUPT = "file-corrupt"
    OOXML_PART_MISSING = "ooxml-part-missing"
    ZIP_DUPLICATE_ENTRY = "zip-duplicate-entry"
    ZIP_BOMB = "zip-bomb"
    XML_DTD_FORBIDDEN = "xml-dtd-forbidden"
    XML_MALFORMED = "xml-malformed"
    OUTSIDE_FORM_AREA = "outside-form-area"
    MACRO_IGNORED = "macro-ignored"
    EXTERNAL_LINK = "external-link"
    # a returned form: identity
    BUKAN_FORMULIR = "bukan-formulir"
    BUKAN_FORMULIR_INI = "bukan-formulir-ini"
    IDENTITAS_HILANG = "identitas-hilang"
    IDENTITAS_TIDAK_COCOK = "identitas-tidak-cocok"
    PERIODE_SALAH = "periode-salah"
    PK_BERUBAH = "pk-berubah"
    NAMA_FILE_TIDAK_COCOK = "nama-file-tidak-cocok"
    # a returned form: structure
    LEMBAR_HILANG = "lembar-hilang"
    LEMBAR_DIGANTI_NAMA = "lembar-diganti-nama"
    LEMBAR_GANDA = "lembar-ganda"
    LEMBAR_SALINAN = "lembar-salinan"
    KOLOM_HILANG = "kolom-hilang"
    KOLOM_GANDA = "kolom-ganda"
    BARIS_TAMBAHAN = "baris-tambahan"
    BARIS_HILANG = "baris-hilang"
    BARIS_GANDA = "baris-ganda"
    URUTAN_BARIS_BERUBAH = "urutan-baris-berubah"
    SEL_ISIAN_DIGABUNG = "sel-isian-digabung"
    DI_LUAR_AREA_FORMULIR = "di-luar-area-formulir"
    # a returned form: locked values compared with the PK
    INDIKATOR_DIUBAH = "indikator-diubah"
    SASARAN_DIUBAH = "sasaran-diubah"
    SATUAN_DIUBAH = "satuan-diubah"
    ARAH_DIUBAH = "arah-diubah"
    TARGET_DIUBAH = "target-diubah"
    URAIAN_DIUBAH = "uraian-diubah"
    PAGU_DIUBAH = "pagu-diubah"
    # a returned form: what is inside an input cell
    RUMUS_DI_SEL_ISIAN = "rumus-di-sel-isian"
    RUMUS_TANPA_NILAI = "rumus-tanpa-nilai"
    SEL_GALAT = "sel-galat"
    TAUTAN_EKSTERNAL = "tautan-eksternal"
    # a returned form: realisations
    REALISASI_BUKAN_ANGKA = "realisasi-bukan-angka"
    REALISASI_TANPA_DATA = "realisasi-tanpa-data"
    REALISASI_NEGATIF = "realisasi-negatif"
    BINER_TIDAK_SAH = "biner-tidak-sah"
    REALISASI_KOSONG = "realisasi-kosong"
    TRIWULAN_SEBELUMNYA_KOSONG = "triwulan-sebelumnya-kosong"
    PERSEN_SKALA_AMBIGU = "persen-skala-ambigu"
    PERSEN_DI_ATAS_100 = "persen-di-atas-100"
    STATUS_MENURUN_TANPA_PENGHAMBAT = "status-menurun-tanpa-penghambat"
    NARASI_WAJIB_KOSONG = "narasi-wajib-kosong"
    PERUBAHAN_BESAR = "perubahan-besar"
    # a returned form: budget
    ANGGARAN_BUKAN_ANGKA = "anggaran-bukan-angka"
    ANGGARAN_TANPA_DATA = "anggaran-tanpa-data"
    ANGGARAN_NEGATIF = "anggaran-negatif"
    ANGGARAN_MELEBIHI_PAGU = "anggaran-melebihi-pagu"
    ANGGARAN_INDUK_DIISI = "anggaran-induk-diisi"
    ANGGARAN_KOSONG = "anggaran-kosong"
    # a returned form: text
    TEKS_TERLALU_PANJANG = "teks-terlalu-panjang"
    TEKS_MELEBIHI_BATAS = "teks-melebihi-batas"
    TEKS_KARAKTER_KONTROL = "teks-karakter-kontrol"
    # collecting and compiling
    DUPLIKAT_IDENTIK = "duplikat-identik"
    TERLAMBAT = "terlambat"
    BERKAS_TIDAK_TERBACA = "berkas-tidak-terbaca"
    ENTRI_BUKAN_BERKAS = "entri-bukan-berkas"
    TAUTAN_TIDAK_DIIKUTI = "tautan-tidak-diikuti"
    GAGAL_MEMBACA = "gagal-membaca"
    PERIODE_DITUTUP = "periode-ditutup"
    # the Sekretaris's corrections in a draft (docs/contract.md §11)
    KOREKSI_NILAI_PK = "koreksi-nilai-pk"
    KOREKSI_NILAI_HITUNGAN = "koreksi-nilai-hitungan"
    KOREKSI_TANPA_KIRIMAN = "koreksi-tanpa-kiriman"
    KOREKSI_DITIMPA = "koreksi-ditimpa"
    TARGET_NOL = "target-nol"
    RUMUS_TR_REALISASI_NOL = "rumus-tr-realisasi-nol"
    REALISASI_TIDAK_TERBACA = "realisasi-tidak-terbaca"
    # the SOP's other inputs (docs/contract.md §14): Renstra, component indicators, evidence
    PERIODE_RENSTRA_TIDAK_SAH = "periode-renstra-tidak-sah"
    RENSTRA_TIDAK_SAH = "renstra-tidak-sah"
    RENSTRA_INDUK_BEDA = "renstra-induk-beda"
    KOMPONEN_DIABAIKAN = "komponen-diabaikan"
    KOMPONEN_BUKAN_ANGKA = "komponen-bukan-angka"
    KOMPONEN_TANPA_DATA = "komponen-tanpa-data"
    KOMPONEN_NEGATIF = "komponen-negatif"
    KOMPONEN_KOSONG = "komponen-kosong"
    PENYEBUT_NOL = "penyebut-nol"
    KOMPONEN_NOL = "komponen-nol"
    PEMBILANG_MELEBIHI_PENYEBUT = "pembilang-melebihi-penyebut"
    BUKTI_KOSONG = "bukti-kosong"
    BUKTI_TIDAK_DITEMUKAN = "bukti-tidak-ditemukan"
    BUKTI_TIDAK_TERBACA = "bukti-tidak-terbaca"


class Where(TypedDict):
    """Where a finding is: sheet, cell and indicator/budget code (for `**where` at call sites)."""

    sheet: str | None
    cell: str | None
    kode: str | None


RuleSeverity = Literal["error", "warning", "error/warning"]
EITHER: RuleSeverity = (
    "error/warning"  # the caller decides (e.g. error only in the periode's quarter)
)


@dataclass(frozen=True)
class Rule:
    """One rule: code, severity, stage, README description, message template(s)."""

    code: Code
    severity: RuleSeverity
    stage: Stage
    summary: str
    template: str
    variants: Mapping[str, str] = field(default_factory=dict)
    parts: Mapping[str, str] = field(default_factory=dict)

    def message(self, variant: str | None = None, **params: Any) -> str:
        """The message for these values (a named variant's template when given)."""
        template = self.template if variant is None else self.variants[variant]
        return template.format(**params)

    def part(self, name: str, **params: Any) -> str:
        """One named piece of a message assembled from pieces."""
        return self.parts[name].format(**params)


_E, _W, _EW = ERROR, WARNING, EITHER
_S = Stage
_KIRIM_ULANG = "Minta bidang mengirim ulang formulir .xlsx asli."
_SIMPAN_XLSX = "Buka file, pilih Simpan Sebagai → Excel Workbook (*.xlsx), lalu kirim ulang."
_KIRIM_FORMULIR = (
    "Pakai formulir dari kinerja init-form untuk {untuk}, isi ulang, lalu kirim kembali."
)
_KUNCI = "{header} berisi {isi}, berbeda dari PK ({pk}); sel terkunci tidak boleh diubah; kinerja memakai isi PK."
# The same cell, when the form shows what an earlier PK version said (docs/contract.md §13).
_KUNCI_REVISI = {
    "revisi": "{header} berisi {isi} menurut PK versi {lama}; PK versi {baru} yang berlaku "
    "untuk periode ini menetapkan {pk}. Bukan kesalahan bidang: formulir perlu diganti."
}
_TAUTAN = "rumus mengambil nilai dari file lain (galat di sel isian)"
# A numeric input that is not a usable number: realisations and budget share the wording.
_BUKAN_ANGKA = {
    "logika": "{label} berisi nilai logika {nilai}, bukan angka; isi angka seperti 98,5",
    "tanggal": "{label} berisi tanggal {tanggal}, bukan angka — Excel mengubah isian menjadi "
    "tanggal. Format sel sebagai Angka lalu ketik ulang, mis. 98,5",
    "waktu": "{label} berisi waktu {waktu}, bukan angka — Excel mengubah isian menjadi jam. "
    "Format sel sebagai Angka lalu ketik ulang, mis. 98,5",
    "tak-hingga": "{label} berisi nilai tak hingga/NaN (isi sel rusak atau terlalu besar), bukan "
    "angka; ketik angkanya langsung.",
    "saran": "{label} berisi {isi}, bukan angka yang sah; maksud Anda {saran}?",
    "contoh": "{label} berisi {isi}, bukan angka yang sah; isi angka seperti 98,5 atau 98.5 "
    "(pemisah desimal yang dipakai komputer Anda)",
    "contoh-rupiah": "{label} berisi {isi}, bukan angka yang sah; isi rupiah tanpa Rp dan titik, "
    "mis. 150000000",
    "persen": "{label} berisi {isi}, persentase; isi rupiah yang dibelanjakan, mis. 150.000.000.",
}
_TANPA_DATA = {
    "periode": "{label} berisi {isi} (tanda tidak ada data), bukan angka; isi angkanya (0 bila "
    "memang nol) dan jelaskan di Faktor Penghambat bila data belum ada.",
    "sebelumnya": "{label} berisi {isi} (tanda tidak ada data), bukan angka; nilainya dianggap "
    "kosong.",
}

_RULES: tuple[Rule, ...] = (
    # ---- the PK workbook (io/pk/reader.py, domain/anggaran.py) --------------------------------
    Rule(
        Code.PK_SHEET_HILANG,
        _E,
        _S.PK,
        "lembar wajib (Identitas, Bidang, Indikator, Anggaran) tidak ada",
        "lembar '{lembar}' tidak ada di PK",
    ),
    Rule(
        Code.PK_KOLOM_HILANG,
        _E,
        _S.PK,
        "kolom wajib tidak ada di baris judul tabel",
        "kolom '{kolom}' tidak ditemukan di baris judul tabel",
    ),
    Rule(
        Code.PK_TANPA_INDIKATOR,
        _E,
        _S.PK,
        "lembar Indikator belum berisi satu indikator pun",
        "lembar '{sheet}' belum berisi satu indikator pun; isi setiap indikator PK (Kode, "
        "Sasaran, Indikator Kinerja, Satuan, Arah, Target, Bidang) di bawah baris judul",
    ),
    Rule(
        Code.PK_DIUBAH_TANPA_REVISI,
        _E,
        _S.PK,
        "pk.xlsx diubah setelah formulir diterbitkan, tanpa kinerja revisi-pk",
        "{perubahan} — berbeda dari PK versi {versi} yang menjadi dasar formulir; kembalikan "
        "isinya, atau catat sebagai PK Perubahan: kinerja revisi-pk pk.xlsx --triwulan K "
        '--alasan "..."',
    ),
    Rule(Code.KODE_KOSONG, _E, _S.PK, "kode bidang/indikator/anggaran kosong", "Kode {apa} kosong"),
    Rule(
        Code.KODE_GANDA,
        _E,
        _S.PK,
        "kode dipakai lebih dari sekali",
        "Kode {apa} {kode} dipakai lebih dari sekali",
    ),
    Rule(
        Code.BIDANG_TIDAK_DIKENAL,
        _E,
        _S.PK,
        "bidang tidak ada di lembar Bidang",
        "Bidang {bidang!r} tidak ada di lembar Bidang",
        variants={"kosong": "Bidang kosong"},
    ),
    Rule(
        Code.ARAH_TIDAK_SAH,
        _E,
        _S.PK,
        "Arah bukan naik/turun/rentang/biner",
        "Arah {isi!r} tidak sah; pilih naik, turun, rentang atau biner",
    ),
    Rule(
        Code.SIFAT_TIDAK_SAH,
        _E,
        _S.PK,
        "Sifat bukan kumulatif/status",
        "Sifat {isi!r} tidak sah; pilih kumulatif atau status",
    ),
    Rule(
        Code.RUMUS_TIDAK_SAH,
        _E,
        _S.PK,
        "Rumus bukan 2T-R/T/R",
        "Rumus {isi!r} tidak sah; pilih 2T-R atau T/R",
    ),
    Rule(
        Code.RUMUS_DIABAIKAN,
        _W,
        _S.PK,
        "Rumus diisi untuk indikator yang bukan turun",
        "Rumus hanya berlaku untuk Arah turun; diabaikan",
    ),
    Rule(Code.TARGET_KOSONG, _E, _S.PK, "Target tahunan kosong", "Target kosong"),
    Rule(
        Code.TARGET_TIDAK_SAH,
        _E,
        _S.PK,
        "target tidak dapat dibaca untuk Arah-nya",
        "target {isi!r} tidak sah untuk Arah {arah} (harus {harus}): {sebab}",
        variants={
            "negatif": "target {isi!r} negatif",
            "tanda": "target {isi!r}: tanda {tanda} tidak perlu ditulis; isi {saran} saja (Arah "
            "{arah} sudah berarti {makna}).",
        },
    ),
    Rule(
        Code.TARGET_TW4_BEDA,
        _E,
        _S.PK,
        "Target TW IV berbeda dengan Target tahunan",
        "Target TW IV ({tw4}) berbeda dengan Target tahunan ({target})",
    ),
    Rule(
        Code.TARGET_TW_MENURUN,
        _E,
        _S.PK,
        "target TW kumulatif menurun",
        "Target TW kumulatif menurun ({target} setelah {sebelumnya}); untuk indikator kumulatif "
        "target TW adalah s/d triwulan itu",
    ),
    Rule(
        Code.SASARAN_KOSONG,
        _E,
        _S.PK,
        "Sasaran kosong",
        "Sasaran kosong (dan tidak ada sasaran di baris atasnya)",
    ),
    Rule(
        Code.SASARAN_TIDAK_DIKENAL,
        _W,
        _S.PK,
        "Sasaran di lembar Anggaran tidak dikenal",
        "Sasaran {isi!r} tidak ada di lembar Indikator",
    ),
    Rule(
        Code.INDIKATOR_KINERJA_KOSONG,
        _E,
        _S.PK,
        "teks Indikator Kinerja kosong",
        "'Indikator Kinerja' kosong",
    ),
    Rule(Code.SATUAN_KOSONG, _E, _S.PK, "Satuan kosong", "'Satuan' kosong"),
    Rule(
        Code.NIP_TIDAK_SAH,
        _E,
        _S.PK,
        "NIP bukan 18 angka 8-6-1-3 dengan tanggal wajar",
        "NIP {nip!r} tidak sah: {sebab}",
        variants={"kepala": "NIP Kepala {nip!r} tidak sah: {sebab}"},
    ),
    Rule(
        Code.TAHUN_TIDAK_SAH,
        _E,
        _S.PK,
        "Tahun di lembar Identitas tidak sah",
        "Tahun {isi!r} tidak sah; isi tahun empat angka, mis. 2025",
    ),
    Rule(
        Code.IDENTITAS_KOSONG,
        _E,
        _S.PK,
        "Pemerintah Daerah atau Perangkat Daerah kosong",
        "isian '{isian}' kosong atau tidak ada",
    ),
    Rule(
        Code.PAGU_KOSONG,
        _E,
        _S.PK,
        "Pagu sub-kegiatan kosong (pagu induk boleh kosong: dijumlahkan)",
        "Pagu sub-kegiatan kosong; isi pagu dari DPA",
    ),
    Rule(
        Code.PAGU_TIDAK_SAH,
        _E,
        _S.PK,
        "Pagu atau Rencana TW bukan angka atau negatif",
        "Pagu {isi!r} tidak sah: {sebab}",
        variants={"rencana": "{kolom} {isi!r} tidak sah: {sebab}"},
    ),
    Rule(
        Code.PAGU_INDUK_BEDA,
        _E,
        _S.PK,
        "pagu induk berbeda dengan jumlah pagu anaknya",
        "Pagu {kode} tertulis {pagu}, tetapi jumlah pagu {jumlah} rincian di bawahnya {total} "
        "(selisih {selisih}); samakan pagu induk dengan jumlah rinciannya sesuai DPA.",
        variants={
            "rincian": "Pagu {kode} tertulis {pagu}, tetapi jumlah pagu {jumlah} rincian di "
            "bawahnya {total} (selisih {selisih}). Pagu induk ini cocok dengan tingkat di atasnya, "
            "jadi kemungkinan salah ketik ada pada rinciannya: {sebab}. Samakan dengan DPA.",
            "ikut": "Pagu {kode} tertulis {pagu}, tetapi jumlah pagu {jumlah} rincian di bawahnya "
            "{total} (selisih {selisih}), selisih yang sama dengan {sebab}: kemungkinan "
            "penyebabnya di sana (lihat temuan {sebab}).",
        },
    ),
    # ---- the bytes of a received file (io/xlsx/guard.py, before any parser) ----------------------
    Rule(
        Code.FILE_EMPTY,
        _E,
        _S.FILE,
        "file kosong (0 byte)",
        "File kosong — salinan atau unduhan gagal. " + _KIRIM_ULANG,
    ),
    Rule(
        Code.FILE_TOO_LARGE,
        _E,
        _S.FILE,
        "file jauh lebih besar dari formulir biasa (batas 10 MB)",
        "File berukuran {detail}, jauh di atas formulir biasa (batas 10 MB). Kirim formulir .xlsx "
        "asli tanpa gambar atau lembar tambahan.",
    ),
    Rule(
        Code.FILE_CSV,
        _E,
        _S.FILE,
        "teks CSV, bukan workbook .xlsx",
        "File berisi teks CSV, bukan workbook Excel, walaupun namanya .xlsx; CSV kehilangan "
        "lembar metadata dan format angka. Buka formulir asli di Excel, Simpan Sebagai → Excel "
        "Workbook (*.xlsx), lalu kirim ulang.",
    ),
    Rule(
        Code.FILE_NOT_SPREADSHEET,
        _E,
        _S.FILE,
        "bukan lembar kerja (HTML, PDF, arsip lain, ...)",
        "File ini {detail}, bukan workbook Excel. " + _KIRIM_ULANG,
        parts={
            "html": "sepertinya halaman web/HTML (mis. halaman galat webmail atau 'Simpan "
            "sebagai Halaman Web')",
            "pdf": "berformat PDF (hasil cetak)",
            "unknown": "tidak dikenali sebagai lembar kerja",
            "zip-other": "arsip ZIP atau dokumen lain (mis. Word)",
        },
    ),
    Rule(
        Code.FILE_FORMAT_XLS,
        _E,
        _S.FILE,
        "format Excel 97-2003 (.xls), bukan .xlsx",
        "File berformat Excel 97-2003 (.xls), bukan .xlsx. " + _SIMPAN_XLSX,
    ),
    Rule(
        Code.FILE_FORMAT_ODS,
        _E,
        _S.FILE,
        "format OpenDocument (.ods), bukan .xlsx",
        "File berformat OpenDocument (.ods, LibreOffice/WPS), bukan .xlsx. Di LibreOffice pilih "
        "File → Simpan Sebagai → Excel 2007-365 (.xlsx), lalu kirim ulang.",
    ),
    Rule(
        Code.FILE_FORMAT_XLSB,
        _E,
        _S.FILE,
        "format Excel Binary (.xlsb), bukan .xlsx",
        "File berformat Excel Binary (.xlsb), bukan .xlsx. " + _SIMPAN_XLSX,
    ),
    Rule(
        Code.FILE_ENCRYPTED,
        _E,
        _S.FILE,
        "file dikunci kata sandi",
        "File dikunci kata sandi sehingga tidak bisa dibaca. Buka di Excel, hapus kata sandinya "
        "(File → Info → Protect Workbook), simpan, lalu kirim ulang. Jangan kirimkan kata "
        "sandinya.",
    ),
    Rule(
        Code.FILE_CORRUPT,
        _E,
        _S.FILE,
        "file rusak atau terpotong",
        "File rusak atau terpotong ({detail}). " + _KIRIM_ULANG,
        parts={
            "error": "data terkompresi rusak",
            "BadZipFile": "CRC atau ukuran tidak cocok",
            "EOFError": "data terpotong",
            "terpotong": "isi ZIP terpotong",
            "zip": "struktur ZIP tidak sah",
            "saat-membaca": "{jenis} saat membaca isi",
            "metode": "metode kompresi {metode} di '{nama}' tidak dipakai Excel",
            "bagian": "bagian '{nama}': {sebab}",
            "ukuran": "ukuran {ada} byte, dinyatakan {dinyatakan}",
        },
    ),
    Rule(
        Code.OOXML_PART_MISSING,
        _E,
        _S.FILE,
        "bagian wajib workbook tidak ada",
        "Bagian wajib '{part}' tidak ada di dalam file — file rusak atau dibuat program yang tidak "
        "lengkap. Buka di Excel, simpan ulang sebagai .xlsx, lalu kirim ulang.",
    ),
    Rule(
        Code.ZIP_DUPLICATE_ENTRY,
        _E,
        _S.FILE,
        "dua bagian ZIP bernama sama (kemungkinan rekayasa)",
        "File berisi dua bagian bernama '{part}'; program berbeda akan membaca isi yang berbeda — "
        "kemungkinan file rekayasa. " + _KIRIM_ULANG,
    ),
    Rule(
        Code.ZIP_BOMB,
        _E,
        _S.FILE,
        "isi mengembang jauh di luar ukuran wajar (zip bomb)",
        "File ditolak demi keamanan: {detail}, jauh di luar ukuran formulir biasa (kemungkinan "
        "'zip bomb'). " + _KIRIM_ULANG,
        parts={
            "bagian": "berisi {jumlah} bagian (batas {batas})",
            "mengembang": "'{nama}' mengembang menjadi {mb} MB",
            "rasio": "'{nama}' dimampatkan {rasio}:1",
            "total": "seluruh isinya mengembang menjadi {mb} MB",
            "tumpang-tindih": "bagian '{nama}' saling tumpang tindih",
            "lebih-besar": "'{nama}' lebih besar dari ukuran yang dinyatakan",
            "memori": "isinya terlalu besar",
            "ukuran-bagian": "'{nama}' berukuran {kb} KB",
            "sel-rumus": "'{nama}' berisi {jumlah} sel rumus/galat",
            "isi-bagian": "'{nama}' {sebab}",
        },
    ),
    Rule(
        Code.XML_DTD_FORBIDDEN,
        _E,
        _S.FILE,
        "deklarasi DTD/entitas XML (kemungkinan rekayasa)",
        "File berisi deklarasi DTD/entitas XML di '{part}' yang tidak pernah dibuat oleh "
        "Excel/LibreOffice — kemungkinan file rekayasa. " + _KIRIM_ULANG,
    ),
    Rule(
        Code.XML_MALFORMED,
        _E,
        _S.FILE,
        "XML tidak sah",
        "XML di bagian '{part}' tidak sah ({detail}). File rusak atau diubah di luar Excel; buka "
        "di Excel, simpan ulang sebagai .xlsx, lalu kirim ulang.",
    ),
    Rule(
        Code.OUTSIDE_FORM_AREA,
        _E,
        _S.FILE,
        "sel terpakai jauh di luar area formulir; file tidak dibaca",
        "Lembar memakai {detail}, jauh di luar area formulir (batas kolom ZZ, baris 99.999, dua "
        "juta sel); file tidak dibaca demi keamanan. Hapus isi sel itu atau salin isian ke "
        "formulir baru, simpan, lalu kirim ulang.",
    ),
    Rule(
        Code.MACRO_IGNORED,
        _W,
        _S.FILE,
        "makro (VBA) diabaikan, hanya nilai sel dibaca",
        "File berisi makro (VBA); makro diabaikan dan tidak pernah dijalankan, hanya nilai sel "
        "yang dibaca. Sebaiknya simpan sebagai Excel Workbook (*.xlsx).",
    ),
    Rule(
        Code.EXTERNAL_LINK,
        _E,
        _S.FILE,
        "rumus/tautan ke file lain (diubah menjadi tautan-eksternal)",
        "Workbook berisi rumus/tautan ke file lain{detail}; nilainya berasal dari file yang tidak "
        "ikut dikirim sehingga tidak dipakai. Ketik angkanya langsung, simpan, lalu kirim ulang.",
        parts={"sel": " (sel {sel})"},
    ),
    # ---- a returned form: identity (io/form/identity.py, io/form/reader.py) ----------------------
    Rule(
        Code.BUKAN_FORMULIR,
        _E,
        _S.FORM,
        "bukan formulir kinerja: identitas dan kode indikator tidak dikenali",
        "Bukan formulir kinerja ruang kerja ini: lembar identitas {lembar} tidak ada atau tidak "
        "lengkap dan tidak ada kode indikator atau anggaran dari PK ini. Isi formulir dari "
        "kinerja init-form lalu kirim ulang.",
        variants={
            "beberapa": "Bukan formulir kinerja ruang kerja ini: lembar identitas {lembar} "
            "tidak ada atau tidak lengkap dan kodenya cocok dengan beberapa bidang "
            "({bidang}). Isi formulir dari kinerja init-form lalu kirim ulang."
        },
    ),
    Rule(
        Code.BUKAN_FORMULIR_INI,
        _E,
        _S.FORM,
        "formulir perangkat daerah, tahun, atau bidang lain",
        "Formulir ini untuk {apa} {isi!r}, bukan {harus!r} seperti PK ruang kerja ini. "
        + _KIRIM_FORMULIR,
        variants={
            "tahun-id": "ID formulir {form_id!r} menunjukkan tahun {tahun}, bukan {untuk}. "
            + _KIRIM_FORMULIR
        },
    ),
    Rule(
        Code.IDENTITAS_HILANG,
        _W,
        _S.FORM,
        "lembar identitas _kinerja hilang; dikenali dari ID atau kode",
        "Lembar identitas {lembar} tidak ada atau tidak lengkap; formulir dikenali dari ID "
        "formulir {form_id!r} (bidang {bidang}, {periode}).",
        variants={
            "kode": "Lembar identitas {lembar} tidak ada atau tidak lengkap; formulir "
            "dikenali dari kode indikatornya sebagai formulir bidang {bidang}."
        },
    ),
    Rule(
        Code.IDENTITAS_TIDAK_COCOK,
        _E,
        _S.FORM,
        "isi identitas saling bertentangan (diubah di luar kinerja)",
        "ID formulir {form_id!r} tidak sesuai dengan isi lembar identitas (bidang {bidang}, "
        "{periode}); lembar identitas telah diubah. " + _KIRIM_FORMULIR,
        variants={
            "periode": "Periode di identitas berisi {isi!r}, bukan TW1-TW4 atau tahunan; lembar "
            "identitas telah diubah.",
            "salinan": "ID formulir di {asal} ({lain!r}) berbeda dari lembar identitas "
            "({form_id!r}); isi formulir mungkin disalin dari berkas lain.",
            "nama-properti": "ID formulir di nama terdefinisi ({nama!r}) berbeda dari properti "
            "dokumen ({properti!r}).",
        },
        parts={"nama": "nama terdefinisi", "properti": "properti dokumen"},
    ),
    Rule(
        Code.PERIODE_SALAH,
        _E,
        _S.FORM,
        "formulir untuk periode lain",
        "Formulir ini untuk {periode}, sedangkan yang dikumpulkan {wajib}; kirim formulir {wajib}.",
        variants={
            "kumpul": "Berkas ini formulir {periode}, sedangkan yang dikumpulkan sekarang "
            "{wajib}. Kirim formulir {wajib} (kinerja init-form --triwulan {triwulan})."
        },
    ),
    Rule(
        Code.PK_BERUBAH,
        _EW,
        _S.FORM,
        "formulir dibuat dari PK lain (error bila dari versi PK yang sudah diganti PK Perubahan)",
        "Formulir dibuat dari PK versi lain (sidik {lama}, PK sekarang {baru}); setiap perbedaan "
        "dengan PK dilaporkan di bawah. Sebaiknya pakai formulir baru dari kinerja init-form.",
        variants={
            "id": "ID formulir {form_id!r} tidak cocok dengan PK sekarang (PK berubah atau "
            "formulir perangkat daerah lain); setiap perbedaan dengan PK dilaporkan.",
            "versi": "Formulir dibuat dari PK versi {lama}, tetapi untuk {periode} berlaku PK "
            "versi {baru} ({revisi}); setiap sel yang berubah dilaporkan di bawah. Ini bukan "
            "kesalahan bidang: buat formulir baru dengan kinerja init-form {opsi}--bidang "
            "{bidang}, lalu minta bidang mengisinya.",
        },
    ),
    Rule(
        Code.NAMA_FILE_TIDAK_COCOK,
        _W,
        _S.FORM,
        "nama file menyebut bidang/periode lain dari isinya",
        "Nama file menyebut {beda}; kinerja memakai isi formulir, bukan nama file. Periksa apakah "
        "berkas yang dikirim sudah benar.",
        parts={
            "bidang": "bidang {nama} (isinya bidang {isi})",
            "periode": "{nama} (isinya {isi})",
            "tahun": "tahun {nama} (isinya {isi})",
        },
    ),
    # ---- a returned form: structure (io/form/reader.py, io/form/structure.py, io/form/rows.py) ---
    Rule(
        Code.LEMBAR_HILANG,
        _E,
        _S.FORM,
        "lembar wajib (Kinerja/Anggaran) tidak ada",
        "Lembar '{lembar}' tidak ada; pakai formulir dari kinerja init-form tanpa menghapus lembar.",
        variants={
            "anggaran": "Lembar '{lembar}' tidak ada padahal bidang ini punya anggaran; "
            "pakai formulir dari kinerja init-form tanpa menghapus lembar."
        },
    ),
    Rule(
        Code.LEMBAR_DIGANTI_NAMA,
        _W,
        _S.FORM,
        "lembar diganti nama; dikenali dari tata letaknya",
        "Lembar '{lembar}' diganti nama menjadi '{nama}'; dikenali dari judul kolomnya. Sebaiknya "
        "kembalikan namanya.",
    ),
    Rule(
        Code.LEMBAR_GANDA,
        _E,
        _S.FORM,
        "dua lembar sama-sama berisi tabel formulir",
        "Lembar {daftar} sama-sama berisi tabel {lembar} dan tidak ada lembar bernama '{lembar}'; "
        "kinerja tidak tahu mana yang dipakai. Sisakan satu lembar dan beri nama '{lembar}'.",
    ),
    Rule(
        Code.LEMBAR_SALINAN,
        _W,
        _S.FORM,
        "salinan lembar formulir diabaikan",
        "Lembar '{salinan}' juga berisi tabel {lembar}; hanya lembar '{nama}' yang dibaca. Hapus "
        "salinan itu bila isiannya sudah dipindahkan.",
    ),
    Rule(
        Code.KOLOM_HILANG,
        _E,
        _S.FORM,
        "judul kolom wajib tidak ada",
        "Kolom '{kolom}' tidak ada di baris judul (baris {baris}); jangan menghapus atau mengganti "
        "judul kolom. Salin isian ke formulir baru bila perlu.",
    ),
    Rule(
        Code.KOLOM_GANDA,
        _E,
        _S.FORM,
        "judul kolom yang sama muncul dua kali",
        "Kolom '{kolom}' ada lebih dari sekali (kolom {pertama} dan {kedua}); hapus salinannya.",
    ),
    Rule(
        Code.BARIS_TAMBAHAN,
        _E,
        _S.FORM,
        "baris yang tidak ada di PK",
        "Kode {isi} tidak ada di PK untuk {apa} bidang ini; jangan menambah baris. Hapus baris itu.",
        variants={
            "tanpa-kode": "Baris {baris} tanpa kode berisi isian; jangan menambah baris. "
            "Hapus baris itu."
        },
    ),
    Rule(
        Code.BARIS_HILANG,
        _E,
        _S.FORM,
        "baris PK tidak ada di formulir",
        "Baris {kode} dari PK tidak ada; jangan menghapus baris. Pakai formulir baru bila baris "
        "terhapus.",
    ),
    Rule(
        Code.BARIS_GANDA,
        _E,
        _S.FORM,
        "kode yang sama muncul dua kali",
        "Kode {kode} sudah ada di baris {baris}; hapus baris salinannya.",
    ),
    Rule(
        Code.URUTAN_BARIS_BERUBAH,
        _E,
        _S.FORM,
        "urutan baris berbeda dari PK",
        "Urutan baris berbeda dari PK (kode {kode} seharusnya sebelum {sebelum}); kembalikan "
        "urutan semula, jangan mengurutkan tabel.",
    ),
    Rule(
        Code.SEL_ISIAN_DIGABUNG,
        _E,
        _S.FORM,
        "sel isian digabung (merge)",
        "Sel isian {sel} digabung (merge) dengan {rentang}; isinya hilang. Batalkan penggabungan "
        "(Unmerge) dan isi setiap sel.",
    ),
    Rule(
        Code.DI_LUAR_AREA_FORMULIR,
        _W,
        _S.FORM,
        "isian di luar area formulir (diabaikan)",
        "Sel {sel} berisi data di luar area formulir; isinya tidak dibaca. Pindahkan keterangan ke "
        "kolom Faktor Pendorong/Penghambat/Tindak Lanjut/Bukti Dukung.",
        variants={
            "lagi": "Masih ada sel lain berisi data di luar area formulir setelah {sel}; "
            "isinya tidak dibaca."
        },
    ),
    # ---- a returned form: locked values compared with the PK (io/form/rows.py) -------------------
    Rule(
        Code.INDIKATOR_DIUBAH,
        _E,
        _S.FORM,
        "teks Indikator Kinerja berbeda dari PK",
        _KUNCI,
        _KUNCI_REVISI,
    ),
    Rule(Code.SASARAN_DIUBAH, _E, _S.FORM, "teks Sasaran berbeda dari PK", _KUNCI, _KUNCI_REVISI),
    Rule(Code.SATUAN_DIUBAH, _E, _S.FORM, "Satuan berbeda dari PK", _KUNCI, _KUNCI_REVISI),
    Rule(Code.ARAH_DIUBAH, _E, _S.FORM, "Arah berbeda dari PK", _KUNCI, _KUNCI_REVISI),
    Rule(Code.TARGET_DIUBAH, _E, _S.FORM, "Target berbeda dari PK", _KUNCI, _KUNCI_REVISI),
    Rule(Code.URAIAN_DIUBAH, _E, _S.FORM, "Uraian anggaran berbeda dari PK", _KUNCI, _KUNCI_REVISI),
    Rule(Code.PAGU_DIUBAH, _E, _S.FORM, "Pagu berbeda dari PK", _KUNCI, _KUNCI_REVISI),
    # ---- a returned form: what is inside an input cell (domain/checks.py) ------------------------
    Rule(
        Code.RUMUS_DI_SEL_ISIAN,
        _W,
        _S.FORM,
        "rumus di sel isian; nilai tersimpannya dipakai",
        "{label} berisi rumus{rumus}; nilai tersimpannya {isi} dipakai. Sebaiknya ketik angkanya "
        "langsung.",
    ),
    Rule(
        Code.RUMUS_TANPA_NILAI,
        _E,
        _S.FORM,
        "rumus di sel isian tanpa nilai tersimpan",
        "{label} berisi rumus{rumus} tanpa nilai tersimpan; ketik angkanya langsung, atau buka di "
        "Excel lalu simpan ulang.",
    ),
    Rule(
        Code.SEL_GALAT,
        _E,
        _S.FORM,
        "sel berisi galat (#DIV/0!, #REF!, ...)",
        "{label} berisi galat{galat}, bukan nilai; ketik nilainya langsung.",
    ),
    Rule(
        Code.TAUTAN_EKSTERNAL,
        _EW,
        _S.FORM,
        _TAUTAN,
        "{label} berisi rumus{rumus} yang mengambil nilai dari file lain; nilainya tidak dipakai. "
        "Ketik angkanya langsung.",
        variants={
            "sel": "Sel {sel} berisi rumus yang mengambil nilai dari file lain; nilainya "
            "tidak dipakai. Ketik nilainya langsung.",
            "workbook": "Workbook berisi tautan ke file lain; nilai dari file itu tidak "
            "pernah dipakai. Sebaiknya hapus tautannya (Data → Edit Links → Break Link).",
        },
    ),
    # ---- a returned form: realisations (domain/checks.py, io/form/rows.py) -----------------------
    Rule(
        Code.REALISASI_BUKAN_ANGKA,
        _E,
        _S.FORM,
        "realisasi bukan angka (teks, tanggal, nilai logika)",
        _BUKAN_ANGKA["contoh"],
        variants=_BUKAN_ANGKA,
    ),
    Rule(
        Code.REALISASI_TANPA_DATA,
        _EW,
        _S.FORM,
        "tanda tidak ada data (-, n/a, ...); galat untuk triwulan periode",
        _TANPA_DATA["periode"],
        variants=_TANPA_DATA,
    ),
    Rule(
        Code.REALISASI_NEGATIF,
        _E,
        _S.FORM,
        "realisasi negatif",
        "{label} berisi {nilai}, angka negatif; realisasi harus 0 atau lebih (dalam {satuan}).",
    ),
    Rule(
        Code.BINER_TIDAK_SAH,
        _E,
        _S.FORM,
        "jawaban indikator biner tidak sah",
        "{label} berisi {isi}, bukan jawaban yang sah; pilih {pilihan} dari daftar.",
    ),
    Rule(
        Code.REALISASI_KOSONG,
        _E,
        _S.FORM,
        "realisasi triwulan periode ini kosong",
        "Realisasi TW {tw} (triwulan periode ini) kosong; isi realisasi {kode} dalam {satuan}.",
    ),
    Rule(
        Code.TRIWULAN_SEBELUMNYA_KOSONG,
        _W,
        _S.FORM,
        "realisasi triwulan sebelumnya kosong",
        "Realisasi TW {tw} kosong; isi realisasi triwulan itu (0 bila memang nol).",
        variants={"anggaran": "Realisasi anggaran TW {tw} kosong; isi 0 bila tidak ada belanja."},
    ),
    Rule(
        Code.PERSEN_SKALA_AMBIGU,
        _EW,
        _S.FORM,
        "angka persen pecahan tanpa format %: galat bila targetnya di atas 1,5 (0,64 atau 64?)",
        "{label} berisi {nilai} sedangkan targetnya {target}%: dibaca {nilai}% (seratus kali "
        "lebih kecil dari target) atau {kali_seratus}%? Persentase yang diketik dengan tanda % "
        "di Excel/LibreOffice kadang tersimpan sebagai pecahan. Ketik ulang persentasenya sebagai "
        "angka 0-100 tanpa tanda %, mis. {kali_seratus}.",
        variants={
            "kecil": "{label} berisi {nilai} sedangkan targetnya {target}%: maksudnya {nilai}% "
            "atau {kali_seratus}%? Nilai {nilai} dipakai; tulis persentase sebagai angka 0-100."
        },
    ),
    Rule(
        Code.PERSEN_DI_ATAS_100,
        _W,
        _S.FORM,
        "persentase (status) di atas 100",
        "Realisasi TW {tw} berisi {nilai}%, di atas 100%; periksa kembali (persentase keadaan "
        "biasanya 0-100).",
    ),
    Rule(
        Code.STATUS_MENURUN_TANPA_PENGHAMBAT,
        _W,
        _S.FORM,
        "nilai status memburuk tanpa Faktor Penghambat",
        "Realisasi TW {tw} ({nilai}) memburuk dari TW {tw_lalu} ({nilai_lalu}) tetapi Faktor "
        "Penghambat kosong; jelaskan penyebabnya.",
    ),
    Rule(
        Code.NARASI_WAJIB_KOSONG,
        _W,
        _S.FORM,
        "capaian < 100% tanpa Faktor Penghambat/Tindak Lanjut",
        "Capaian {capaian}% di bawah 100% tetapi {kolom} kosong; isi {kolom}.",
    ),
    Rule(
        Code.PERUBAHAN_BESAR,
        _W,
        _S.FORM,
        "berubah jauh dari triwulan sebelumnya (di luar ½–2 kali rencana target TW PK; tanpa rencana, lebih dari 50%)",
        "Realisasi TW {tw} ({nilai}) berubah lebih dari 50% dari TW {tw_lalu} ({nilai_lalu}, "
        "{jenis}); pastikan tidak salah ketik.",
        variants={
            "rencana": "Realisasi TW {tw} ({nilai}) dibanding TW {tw_lalu} ({nilai_lalu}, {jenis}) "
            "berubah {aktual} kali, sedangkan target TW PK merencanakan {rencana} kali; "
            "pastikan tidak salah ketik."
        },
        parts={"kumulatif": "nilai dalam triwulan", "status": "nilai"},
    ),
    # ---- a returned form: budget (domain/checks.py, io/form/rows.py) ----------------------------
    Rule(
        Code.ANGGARAN_BUKAN_ANGKA,
        _E,
        _S.FORM,
        "realisasi anggaran bukan angka",
        _BUKAN_ANGKA["contoh-rupiah"],
        variants=_BUKAN_ANGKA,
    ),
    Rule(
        Code.ANGGARAN_TANPA_DATA,
        _EW,
        _S.FORM,
        "tanda tidak ada data pada realisasi anggaran",
        _TANPA_DATA["periode"],
        variants=_TANPA_DATA,
    ),
    Rule(
        Code.ANGGARAN_NEGATIF,
        _E,
        _S.FORM,
        "realisasi anggaran negatif",
        "{label} berisi {nilai}, angka negatif; isi rupiah 0 atau lebih.",
    ),
    Rule(
        Code.ANGGARAN_MELEBIHI_PAGU,
        _E,
        _S.FORM,
        "jumlah realisasi anggaran melebihi pagu",
        "Jumlah realisasi anggaran TW I-{tw} Rp{total} melebihi pagu Rp{pagu}; periksa isian.",
    ),
    Rule(
        Code.ANGGARAN_INDUK_DIISI,
        _W,
        _S.FORM,
        "baris induk (program/kegiatan) diisi; diabaikan",
        "Baris induk {kode} (program/kegiatan) diisi; isinya diabaikan karena kinerja menjumlahkan "
        "baris sub-kegiatan di bawahnya.",
    ),
    Rule(
        Code.ANGGARAN_KOSONG,
        _W,
        _S.FORM,
        "realisasi anggaran triwulan periode ini kosong",
        "Realisasi anggaran TW {tw} kosong; isi 0 bila belum ada belanja.",
    ),
    # ---- a returned form: text (domain/checks.py) ------------------------------------------------
    Rule(
        Code.TEKS_TERLALU_PANJANG,
        _W,
        _S.FORM,
        "uraian lebih dari 2.000 karakter (dipotong di laporan)",
        "{label} berisi {jumlah} karakter, lebih dari 2.000; teks akan dipotong di laporan.",
    ),
    Rule(
        Code.TEKS_MELEBIHI_BATAS,
        _E,
        _S.FORM,
        "teks lebih dari 32.767 karakter (batas sel Excel)",
        "{label} berisi {jumlah} karakter, melebihi batas sel Excel 32.767 karakter; ringkas "
        "uraiannya.",
    ),
    Rule(
        Code.TEKS_KARAKTER_KONTROL,
        _W,
        _S.FORM,
        "karakter kontrol dibersihkan dari teks",
        "{label} berisi karakter kontrol/tak terlihat; sudah dibersihkan (diganti spasi).",
    ),
    # ---- collecting and compiling (services/collect*.py, domain/kompilasi.py) -------------------
    Rule(
        Code.DUPLIKAT_IDENTIK,
        _W,
        _S.PROCESS,
        "isi sama persis dengan berkas lain; dihitung sekali",
        "Isi berkas sama persis dengan {pertama}; dihitung sekali.",
    ),
    Rule(
        Code.TERLAMBAT,
        _W,
        _S.PROCESS,
        "berkas tiba setelah batas pengembalian",
        "Berkas bertanggal {tanggal}, setelah batas pengembalian {batas}; tetap diterima dan "
        "dicatat terlambat.",
    ),
    Rule(
        Code.BERKAS_TIDAK_TERBACA,
        _E,
        _S.PROCESS,
        "berkas di folder masuk tidak dapat dibaca (izin/terkunci)",
        "Berkas tidak dapat dibuka ({sebab}). Bila sedang dibuka program lain, tutup lalu "
        "jalankan ulang.",
    ),
    Rule(
        Code.ENTRI_BUKAN_BERKAS,
        _W,
        _S.PROCESS,
        "entri folder masuk yang bukan berkas biasa (FIFO, perangkat, soket); tidak dibaca",
        "Ini {jenis}, bukan berkas biasa; tidak dibuka dan tidak dibaca. Hapus atau pindahkan "
        "dari folder masuk bila bukan kiriman.",
    ),
    Rule(
        Code.TAUTAN_TIDAK_DIIKUTI,
        _E,
        _S.PROCESS,
        "tautan simbolik ke luar folder masuk, putus atau berputar; tidak diikuti",
        "Tautan simbolik ke {tujuan}, di luar folder masuk; tidak diikuti agar tidak ada berkas "
        "lain yang terbaca atau tersalin. Bila memang kiriman bidang, salin berkas aslinya ke "
        "folder masuk.",
        variants={
            "putus": "Tautan simbolik ke {tujuan}, yang tidak ada (tautan putus); tidak ada yang "
            "dibaca. Salin berkas kiriman yang asli ke folder masuk.",
            "berputar": "Tautan simbolik yang berputar (menunjuk dirinya sendiri lewat {tujuan}); "
            "tidak dapat dibaca. Hapus tautan itu dan salin berkas kiriman yang asli ke folder "
            "masuk.",
        },
    ),
    Rule(
        Code.GAGAL_MEMBACA,
        _E,
        _S.PROCESS,
        "pembacaan berkas gagal tak terduga; dicoba lagi pada collect berikutnya",
        "kinerja gagal membaca berkas ini ({sebab}). Berkas lain tetap diproses; laporkan ke "
        "pengembang dengan --debug.",
        variants={
            "pembaca-berhenti": "proses pembaca berhenti mendadak (kehabisan memori?) saat "
            "berkas ini atau berkas lain dibaca. Jalankan collect lagi tanpa --jobs."
        },
    ),
    # ---- corrections in a draft (services/koreksi.py, services/collect_view.py) -------------------
    Rule(
        Code.KOREKSI_NILAI_PK,
        _E,
        _S.CORRECTION,
        "koreksi pada nilai dari PK (target, pagu, kode, teks indikator): tidak diterapkan",
        "{kolom} diubah dari {lama!r} menjadi {baru!r}; nilai ini berasal dari PK dan tidak "
        "dapat dikoreksi di draf. Kembalikan isinya; perubahan PK dilakukan lewat PK (kinerja "
        "revisi-pk). Tidak ada koreksi yang diterapkan.",
    ),
    Rule(
        Code.KOREKSI_NILAI_HITUNGAN,
        _W,
        _S.CORRECTION,
        "koreksi pada nilai yang dihitung kinerja (s/d, capaian, predikat, serapan, rata-rata)",
        "{kolom} diubah dari {lama!r} menjadi {baru!r}; nilai ini dihitung kinerja dan akan "
        "dihitung ulang. Untuk mengubahnya, koreksi realisasinya.",
        variants={
            "lagi": "Masih ada sel lain di lembar {lembar} yang diubah pada nilai hitungan; "
            "semuanya dihitung ulang.",
            # docs/contract.md §14: a component indicator's realisation is n / N x 100
            "komponen": "{kolom} diubah dari {lama!r} menjadi {baru!r}; realisasi indikator ini "
            "dihitung dari Pembilang dan Penyebut bidang dan tidak dikoreksi di draf. Minta "
            "bidang mengirim ulang formulir dengan Pembilang/Penyebut yang benar.",
        },
    ),
    Rule(
        Code.KOREKSI_TANPA_KIRIMAN,
        _E,
        _S.CORRECTION,
        "koreksi untuk bidang yang belum mempunyai kiriman yang diterima",
        "Nilai ini milik bidang {bidang} yang belum mempunyai formulir yang diterima; koreksi "
        "hanya memperbaiki nilai kiriman bidang. Minta bidang {bidang} mengirim formulirnya.",
    ),
    Rule(
        Code.KOREKSI_DITIMPA,
        _W,
        _S.CORRECTION,
        "kiriman baru bidang mengubah sel yang pernah dikoreksi; nilai kiriman yang dipakai",
        "Kiriman ini mengubah {kolom} {kode} menjadi {baru} (sebelumnya {basis}); koreksi "
        "Sekretaris ({koreksi}, {oleh}, {waktu}) tidak dipakai lagi untuk sel ini.",
    ),
    Rule(
        Code.PERIODE_DITUTUP,
        _E,
        _S.PROCESS,
        "periode sudah diarsipkan dan ditutup; berkas disimpan tetapi belum dipakai",
        "{periode} sudah diarsipkan dan ditutup (arsip v{versi}, {waktu}); berkas ini disimpan "
        "tetapi belum dipakai. Bila memang perlu diubah, buka kembali periode itu: kinerja "
        'archive{opsi} --buka --alasan "...", lalu jalankan collect lagi.',
        variants={
            "koreksi": "{periode} sudah diarsipkan dan ditutup (arsip v{versi}, {waktu}); "
            "koreksi tidak diterapkan. Buka kembali periode itu bila memang perlu: kinerja "
            'archive{opsi} --buka --alasan "...".'
        },
    ),
    Rule(
        Code.TARGET_NOL,
        _W,
        _S.PROCESS,
        "target 0 untuk Arah naik: capaian tidak dapat dihitung",
        "Target bernilai 0: capaian R / T × 100 tidak dapat dihitung (pembagian dengan nol).",
        variants={
            "triwulan": "Target TW {tw} bernilai 0: capaian TW {tw} (R / T × 100) tidak dapat "
            "dihitung; predikat memakai capaian terhadap target tahunan."
        },
    ),
    Rule(
        Code.RUMUS_TR_REALISASI_NOL,
        _W,
        _S.PROCESS,
        "rumus T/R dengan realisasi 0: capaian tidak dapat dihitung",
        "Realisasi 0 dengan rumus T / R: capaian tidak terdefinisi (pembagian dengan nol); "
        "sebaiknya gunakan Rumus 2T-R untuk indikator ini.",
    ),
    Rule(
        Code.REALISASI_TIDAK_TERBACA,
        _W,
        _S.PROCESS,
        "realisasi tersimpan tidak sesuai jenis indikator",
        "Realisasi {kode} tidak dapat dihitung ({sebab}); indikator dikosongkan di draf.",
    ),
    # ---- the SOP's other inputs (docs/contract.md §14) ------------------------------------------
    # Renstra columns of the PK (io/pk/reader.py, domain/anggaran.py)
    Rule(
        Code.PERIODE_RENSTRA_TIDAK_SAH,
        _W,
        _S.PK,
        "Periode Renstra bukan TTTT-TTTT atau tidak memuat Tahun PK",
        "Periode Renstra {isi!r} tidak sah; tulis tahun awal dan akhir, mis. 2021-2026. "
        "Judul kolom Renstra tidak menyebut tahun akhirnya.",
        variants={
            "luar": "Tahun PK {tahun} di luar Periode Renstra {isi}; periksa Periode Renstra atau "
            "Tahun."
        },
    ),
    Rule(
        Code.RENSTRA_TIDAK_SAH,
        _E,
        _S.PK,
        "Target/Pagu/Realisasi Renstra tidak dapat dibaca",
        "{kolom} {isi!r} tidak sah untuk Arah {arah} (harus {harus}): {sebab}",
        variants={
            "negatif": "{kolom} {isi!r} negatif; isi 0 atau lebih",
            "rupiah": "{kolom} {isi!r} tidak sah: {sebab}; isi rupiah tanpa Rp, mis. 1250000000",
        },
    ),
    Rule(
        Code.RENSTRA_INDUK_BEDA,
        _E,
        _S.PK,
        "Pagu/Realisasi Renstra induk berbeda dengan jumlah anaknya",
        "{kolom} {kode} tertulis {nilai}, tetapi jumlah {kolom} {jumlah} rincian di bawahnya "
        "{total} (selisih {selisih}); samakan dengan Renstra, atau kosongkan sel induk (kinerja "
        "menjumlahkan rinciannya).",
    ),
    Rule(
        Code.KOMPONEN_DIABAIKAN,
        _W,
        _S.PK,
        "Pembilang/Penyebut diisi untuk indikator yang tidak dapat diukur dari komponen",
        "Pembilang dan Penyebut harus diisi keduanya; {kosong} kosong, sehingga {kode} diukur "
        "dari Realisasi biasa.",
        variants={
            "satuan": "Pembilang/Penyebut hanya dipakai untuk indikator bersatuan %; Satuan "
            "{kode} {satuan!r}, sehingga diukur dari Realisasi biasa.",
            "biner": "Pembilang/Penyebut tidak berlaku untuk indikator biner; diabaikan.",
        },
    ),
    # component indicators in a returned form (domain/checks.py)
    Rule(
        Code.KOMPONEN_BUKAN_ANGKA,
        _E,
        _S.FORM,
        "Pembilang/Penyebut bukan angka (teks, tanggal, nilai logika)",
        _BUKAN_ANGKA["contoh"],
        variants=_BUKAN_ANGKA,
    ),
    Rule(
        Code.KOMPONEN_TANPA_DATA,
        _EW,
        _S.FORM,
        "tanda tidak ada data pada Pembilang/Penyebut; galat untuk triwulan periode",
        _TANPA_DATA["periode"],
        variants=_TANPA_DATA,
    ),
    Rule(
        Code.KOMPONEN_NEGATIF,
        _E,
        _S.FORM,
        "Pembilang/Penyebut negatif",
        "{label} berisi {nilai}, angka negatif; isi jumlah 0 atau lebih ({nama}).",
    ),
    Rule(
        Code.KOMPONEN_KOSONG,
        _EW,
        _S.FORM,
        "Pembilang atau Penyebut kosong (galat bila pasangannya diisi atau triwulan periode ini)",
        "{label} kosong padahal {lain} diisi; isi keduanya ({nama}).",
        variants={
            "periode": "Pembilang dan Penyebut TW {tw} (triwulan periode ini) kosong; isi "
            "keduanya: {pembilang} dan {penyebut}.",
            "sebelumnya": "Pembilang dan Penyebut TW {tw} kosong; isi keduanya (0 bila memang "
            "tidak ada).",
        },
    ),
    Rule(
        Code.PENYEBUT_NOL,
        _E,
        _S.FORM,
        "Penyebut 0 dengan Pembilang lebih dari 0 (pembagian dengan nol)",
        "Penyebut TW {tw} bernilai 0 sedangkan Pembilang {pembilang}: tidak dapat dibagi nol. "
        "Periksa kedua isian ({penyebut_nama}).",
    ),
    Rule(
        Code.KOMPONEN_NOL,
        _W,
        _S.FORM,
        "Pembilang dan Penyebut sama-sama 0: tidak ada yang diukur, tanpa realisasi dan capaian",
        "Pembilang dan Penyebut TW {tw} sama-sama 0 (tidak ada yang diukur); TW {tw} tanpa "
        "realisasi dan tanpa capaian. Jelaskan di Faktor Penghambat bila perlu.",
    ),
    Rule(
        Code.PEMBILANG_MELEBIHI_PENYEBUT,
        _W,
        _S.FORM,
        "Pembilang lebih besar dari Penyebut (realisasi di atas 100%)",
        "Pembilang TW {tw} ({pembilang}) lebih besar dari Penyebut ({penyebut}): realisasi "
        "{realisasi}%; periksa kembali kedua isian.",
    ),
    # evidence (bukti dukung) named in a returned form (services/bukti.py)
    Rule(
        Code.BUKTI_KOSONG,
        _EW,
        _S.FORM,
        "Bukti Dukung kosong untuk indikator yang realisasinya diisi ([bukti] wajib)",
        "Bukti Dukung {kode} kosong padahal realisasi TW {tw} diisi; tulis nama berkas bukti "
        "yang dikirim bersama formulir, atau tautannya.",
    ),
    Rule(
        Code.BUKTI_TIDAK_DITEMUKAN,
        _W,
        _S.PROCESS,
        "berkas bukti dukung yang disebut tidak ada di folder bukti/",
        "Bukti Dukung menyebut berkas {nama!r} yang tidak ada di folder bukti/; kirim berkas "
        "itu bersama formulir, atau perbaiki namanya.",
    ),
    Rule(
        Code.BUKTI_TIDAK_TERBACA,
        _W,
        _S.PROCESS,
        "berkas bukti dukung tidak dibuka: tautan ke luar ruang kerja, bukan berkas biasa, atau terlalu besar",
        "Berkas bukti {nama!r} tidak dibuka ({sebab}); tidak diperiksa dan tidak ikut "
        "diarsipkan. Taruh salinan berkas aslinya di folder bukti/.",
    ),
)

RULES: dict[Code, Rule] = {r.code: r for r in _RULES}


def rule(code: Code | str) -> Rule:
    """The rule of a code (KeyError for a code that is not declared)."""
    return RULES[Code(code)]


def severity_of(code: Code | str) -> Severity:
    """The severity a finding of this code gets when the caller does not decide it
    (`error` for the rules whose severity depends on the case)."""
    return WARNING if rule(code).severity == WARNING else ERROR


def finding(
    code: Code,
    *,
    file: str | None = None,
    sheet: str | None = None,
    cell: str | None = None,
    kode: str | None = None,
    severity: Severity | None = None,
    variant: str | None = None,
    **params: Any,
) -> Finding:
    """One finding of a declared rule, its message built from the rule's template (which may use
    the location fields `sheet`, `cell` and `kode` as well as the values given)."""
    r = RULES[code]
    text = r.message(variant, sheet=sheet, cell=cell, kode=kode, **params)
    return Finding(code.value, severity or severity_of(code), text, file, sheet, cell, kode)


@dataclass
class Collector:
    """Gathers every finding of one file (a PK or a returned form), in the order found."""

    file: str | None = None
    findings: list[Finding] = field(default_factory=list)

    def add(
        self,
        code: Code,
        *,
        sheet: str | None = None,
        cell: str | None = None,
        kode: str | None = None,
        severity: Severity | None = None,
        variant: str | None = None,
        **params: Any,
    ) -> Finding:
        """Record one finding of a declared rule; return it."""
        f = finding(
            code,
            file=self.file,
            sheet=sheet,
            cell=cell,
            kode=kode,
            severity=severity,
            variant=variant,
            **params,
        )
        self.findings.append(f)
        return f


def markdown_table() -> str:
    """The registry as the README's code table."""
    lines = ["| kode | tingkat | arti | tahap |", "|---|---|---|---|"]
    for r in _RULES:
        lines.append(f"| `{r.code.value}` | {r.severity} | {r.summary} | {r.stage.value} |")
    return "\n".join(lines)
