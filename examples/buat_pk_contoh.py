#!/usr/bin/env python3
"""Membuat contoh workbook Perjanjian Kinerja (PK) untuk `kinerja`.

Contoh: Dinas PUPRPERKIM Kabupaten Balangan, tahun 2025. Nama pejabat sengaja
ditulis sebagai tempat isian, misalnya "(nama Kepala Dinas)"; NIP hanya contoh
berformat sah (8-6-1-3), bukan NIP orang sungguhan.

Pemakaian:

    python examples/buat_pk_contoh.py [BERKAS_KELUARAN]

Tanpa argumen, hasilnya ditulis ke `examples/pk-balangan-2025.xlsx`. Isi sel
selalu sama setiap kali dijalankan (hanya waktu pembuatan berkas yang berbeda).
Skrip ini hanya memerlukan openpyxl.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

TAHUN = 2025
PERANGKAT_DAERAH = "Dinas Pekerjaan Umum, Penataan Ruang, Perumahan Rakyat dan Kawasan Permukiman"
DEFAULT_OUT = Path(__file__).resolve().parent / "pk-balangan-2025.xlsx"

# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------

IDENTITAS: list[tuple[str, str | int]] = [
    ("Pemerintah Daerah", "Kabupaten Balangan"),
    ("Perangkat Daerah", PERANGKAT_DAERAH),
    ("Singkatan", "Dinas PUPRPERKIM"),
    ("Alamat", "Jl. (alamat kantor), Paringin"),
    ("Tahun", TAHUN),
    ("Tempat", "Paringin"),
    ("Kepala Perangkat Daerah", "(nama Kepala Dinas)"),
    ("NIP Kepala", "19720514 199803 1 006"),
    ("Pangkat/Golongan Kepala", "Pembina Utama Muda (IV/c)"),
    ("Jabatan Kepala", "Kepala Dinas"),
    ("Kepala Daerah", "(nama Bupati Balangan)"),
    ("Jabatan Kepala Daerah", "Bupati Balangan"),
    ("Periode Renstra", "2021-2026"),
]

# Kode, Nama, Kepala, NIP (contoh; sebagian dengan spasi, sebagian tanpa), Jabatan
BIDANG: list[tuple[str, str, str, str, str]] = [
    ("SEK", "Sekretariat", "(nama Sekretaris)", "197608232002121004", "Sekretaris"),
    (
        "UMP",
        "Subbagian Umum dan Kepegawaian",
        "(nama Kepala Subbagian Umum dan Kepegawaian)",
        "19830417 200904 2 003",
        "Kepala Subbagian Umum dan Kepegawaian",
    ),
    (
        "KEU",
        "Subbagian Keuangan",
        "(nama Kepala Subbagian Keuangan)",
        "198601292010012011",
        "Kepala Subbagian Keuangan",
    ),
    (
        "PP",
        "Subbagian Perencanaan dan Pelaporan",
        "(nama Kepala Subbagian Perencanaan dan Pelaporan)",
        "19880911 201101 2 004",
        "Kepala Subbagian Perencanaan dan Pelaporan",
    ),
    (
        "BM",
        "Bidang Bina Marga",
        "(nama Kepala Bidang Bina Marga)",
        "197909122005011007",
        "Kepala Bidang Bina Marga",
    ),
    (
        "SDA",
        "Bidang Sumber Daya Air",
        "(nama Kepala Bidang Sumber Daya Air)",
        "19810305 200604 1 012",
        "Kepala Bidang Sumber Daya Air",
    ),
    (
        "CK",
        "Bidang Cipta Karya",
        "(nama Kepala Bidang Cipta Karya)",
        "198207182008012009",
        "Kepala Bidang Cipta Karya",
    ),
    (
        "PR",
        "Bidang Penataan Ruang",
        "(nama Kepala Bidang Penataan Ruang)",
        "19850226 200903 1 002",
        "Plt. Kepala Bidang Penataan Ruang",
    ),
    (
        "PKP",
        "Bidang Perumahan dan Kawasan Permukiman",
        "(nama Kepala Bidang Perumahan dan Kawasan Permukiman)",
        "197711042003121005",
        "Kepala Bidang Perumahan dan Kawasan Permukiman",
    ),
]

SASARAN: dict[str, str] = {
    "S1": "Meningkatnya akuntabilitas kinerja dan kualitas tata kelola administrasi "
    "perangkat daerah",
    "S2": "Meningkatnya kemantapan jalan dan jembatan kabupaten",
    "S3": "Meningkatnya kinerja jaringan irigasi dan pengendalian banjir",
    "S4": "Meningkatnya akses air minum dan sanitasi layak serta tertib penyelenggaraan "
    "bangunan gedung",
    "S5": "Meningkatnya kesesuaian pemanfaatan ruang dengan rencana tata ruang",
    "S6": "Meningkatnya kualitas perumahan dan kawasan permukiman layak huni",
}

Nilai = int | float | str | None

# Kode, Kode Sasaran, Bidang, Indikator Kinerja, Satuan, Arah, Sifat, Rumus, Target,
# (Target TW I..IV; untuk kumulatif: s/d triwulan), Definisi Operasional.
# Sifat atau Rumus kosong ("") sengaja dibiarkan pada beberapa baris: nilai bawaannya
# dipakai (Sifat: status untuk % dan indeks, selain itu kumulatif; Rumus: 2T-R).
# Beberapa target ditulis sebagai teks cara Indonesia ("65,4", "1.025").
INDIKATOR: list[
    tuple[str, str, str, str, str, str, str, str, Nilai, tuple[Nilai, Nilai, Nilai, Nilai], str]
] = [
    # ---- S1: Sekretariat dan subbagian ----
    (
        "IK.01",
        "S1",
        "SEK",
        "Nilai hasil evaluasi SAKIP Dinas PUPRPERKIM",
        "nilai",
        "naik",
        "status",
        "",
        72,
        (None, None, None, 72),
        "Nilai hasil evaluasi Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) "
        "Dinas oleh Inspektorat Kabupaten Balangan, skala 0-100. Dinilai satu kali "
        "setahun, sehingga hanya ada target akhir tahun.",
    ),
    (
        "IK.02",
        "S1",
        "SEK",
        "Indeks Kepuasan Masyarakat (IKM) terhadap layanan Dinas PUPRPERKIM",
        "indeks",
        "naik",
        "status",
        "",
        82.5,
        (80, 81, 82, 82.5),
        "Nilai IKM hasil survei kepuasan masyarakat atas layanan PBG, KKPR dan "
        "rekomendasi teknis, skala 25-100. Yang dilaporkan adalah hasil survei terakhir "
        "s/d akhir triwulan.",
    ),
    (
        "IK.03",
        "S1",
        "UMP",
        "Persentase pegawai yang mengikuti pengembangan kompetensi minimal 20 jam pelajaran",
        "%",
        "naik",
        "status",
        "",
        80,
        (20, 45, 65, 80),
        "Jumlah pegawai yang sudah mengikuti pengembangan kompetensi paling sedikit "
        "20 JP dalam tahun berjalan dibagi jumlah seluruh pegawai, dikali 100, "
        "keadaan pada akhir triwulan.",
    ),
    (
        "IK.04",
        "S1",
        "UMP",
        "Persentase sarana dan prasarana kantor dalam kondisi baik",
        "%",
        "naik",
        "status",
        "",
        85,
        (85, 85, 85, 85),
        "Jumlah barang inventaris kantor (gedung, kendaraan, peralatan) berkondisi baik "
        "menurut Kartu Inventaris Barang dibagi jumlah seluruh barang inventaris, "
        "dikali 100, keadaan pada akhir triwulan.",
    ),
    (
        "IK.05",
        "S1",
        "KEU",
        "Persentase realisasi (serapan) anggaran Dinas",
        "%",
        "rentang",
        "status",
        "",
        "90-100",
        ("15-25", "40-50", "65-75", "90-100"),
        "Realisasi belanja Dinas s/d akhir triwulan dibagi pagu DPA, dikali 100. "
        "Capaian penuh bila nilainya berada di dalam rentang target.",
    ),
    (
        "IK.06",
        "S1",
        "KEU",
        "Persentase rekomendasi hasil pemeriksaan BPK dan Inspektorat yang ditindaklanjuti",
        "%",
        "naik",
        "status",
        "",
        100,
        (25, 50, 75, 100),
        "Jumlah rekomendasi hasil pemeriksaan yang telah selesai ditindaklanjuti dibagi "
        "jumlah seluruh rekomendasi yang diterima, dikali 100, keadaan pada akhir triwulan.",
    ),
    (
        "IK.07",
        "S1",
        "KEU",
        "Jumlah laporan keuangan bulanan dan semesteran SKPD yang disusun tepat waktu",
        "dokumen",
        "naik",
        "kumulatif",
        "",
        13,
        (3, 6, 10, 13),
        "Laporan realisasi anggaran bulanan (12) dan laporan keuangan semester I (1) yang "
        "disampaikan ke BPKAD paling lambat tanggal 10 bulan berikutnya. Realisasi "
        "triwulan = jumlah laporan periode triwulan itu.",
    ),
    (
        "IK.08",
        "S1",
        "PP",
        "Tersedianya Rencana Kerja (Renja) Dinas PUPRPERKIM Tahun 2026 yang ditetapkan",
        "ya/tidak",
        "biner",
        "status",
        "",
        "Ya",
        (None, None, "Ya", "Ya"),
        "Jawab Ya bila Renja tahun rencana 2026 telah ditetapkan dengan keputusan Kepala "
        "Dinas setelah RKPD ditetapkan; Tidak bila belum.",
    ),
    (
        "IK.09",
        "S1",
        "PP",
        "Jumlah dokumen perencanaan dan laporan kinerja yang disusun tepat waktu",
        "dokumen",
        "naik",
        "kumulatif",
        "",
        10,
        (3, 5, 7, 10),
        "Dokumen yang dihitung: PK, Rencana Aksi, LKjIP, laporan capaian kinerja "
        "triwulanan (4), Renja, RKA dan DPA. Realisasi triwulan = jumlah dokumen yang "
        "selesai pada triwulan itu.",
    ),
    # ---- S2: Bina Marga ----
    (
        "IK.10",
        "S2",
        "BM",
        "Persentase panjang jalan kabupaten dalam kondisi mantap",
        "%",
        "naik",
        "status",
        "",
        65,
        (61.2, 62, "63,5", 65),
        "Panjang jalan kabupaten berkondisi baik dan sedang (mantap) dibagi panjang total "
        "jalan kabupaten menurut SK Bupati tentang status ruas jalan, dikali 100, "
        "berdasarkan survei kondisi jalan terakhir s/d akhir triwulan.",
    ),
    (
        "IK.11",
        "S2",
        "BM",
        "Persentase panjang jalan kabupaten dalam kondisi rusak (tidak mantap)",
        "%",
        "turun",
        "status",
        "2T-R",
        35,
        (38.8, 38, 36.5, 35),
        "Panjang jalan kabupaten berkondisi rusak ringan dan rusak berat dibagi panjang "
        "total jalan kabupaten, dikali 100 (komplemen IK.10). Semakin kecil semakin baik.",
    ),
    (
        "IK.12",
        "S2",
        "BM",
        "Panjang jalan kabupaten yang dibangun/ditingkatkan",
        "km",
        "naik",
        "kumulatif",
        "",
        12,
        (0, 3, 8, 12),
        "Panjang ruas jalan hasil pembangunan dan rekonstruksi yang selesai dikerjakan "
        "(serah terima pertama/PHO) pada triwulan itu.",
    ),
    (
        "IK.13",
        "S2",
        "BM",
        "Panjang jalan kabupaten yang mendapat pemeliharaan rutin",
        "km",
        "naik",
        "",
        "",
        180,
        (45, 90, 135, 180),
        "Panjang ruas jalan yang selesai ditangani pemeliharaan rutin (penambalan lubang, "
        "pembersihan bahu dan saluran samping) pada triwulan itu.",
    ),
    (
        "IK.14",
        "S2",
        "BM",
        "Panjang saluran drainase jalan yang dibangun",
        "m",
        "naik",
        "kumulatif",
        "",
        "1.250",
        (0, 250, 750, "1.250"),
        "Panjang saluran drainase tepi jalan (pasangan batu atau U-ditch) yang selesai "
        "dibangun pada triwulan itu.",
    ),
    (
        "IK.15",
        "S2",
        "BM",
        "Persentase jembatan kabupaten dalam kondisi baik",
        "%",
        "naik",
        "",
        "",
        78,
        (76, 76.5, 77, 78),
        "Jumlah jembatan pada ruas jalan kabupaten berkondisi baik dibagi jumlah seluruh "
        "jembatan kabupaten, dikali 100, berdasarkan pemeriksaan jembatan terakhir.",
    ),
    # ---- S3: Sumber Daya Air ----
    (
        "IK.16",
        "S3",
        "SDA",
        "Persentase luas daerah irigasi kewenangan kabupaten dalam kondisi baik",
        "%",
        "naik",
        "status",
        "",
        68,
        ("65,4", 66, 67, 68),
        "Luas daerah irigasi kewenangan kabupaten (di bawah 1.000 Ha per DI) yang "
        "jaringannya berkondisi baik dibagi luas seluruh DI kewenangan kabupaten, dikali 100.",
    ),
    (
        "IK.17",
        "S3",
        "SDA",
        "Luas daerah irigasi yang jaringannya direhabilitasi",
        "Ha",
        "naik",
        "kumulatif",
        "",
        350,
        (0, 80, 220, 350),
        "Luas layanan daerah irigasi yang jaringannya selesai direhabilitasi pada triwulan itu.",
    ),
    (
        "IK.18",
        "S3",
        "SDA",
        "Panjang saluran irigasi yang dipelihara",
        "km",
        "naik",
        "kumulatif",
        "",
        18.5,
        (4, 9, 14, 18.5),
        "Panjang saluran primer dan sekunder yang selesai dinormalisasi atau dipelihara "
        "(operasi dan pemeliharaan) pada triwulan itu.",
    ),
    (
        "IK.19",
        "S3",
        "SDA",
        "Luas genangan banjir di kawasan perkotaan Paringin",
        "Ha",
        "turun",
        "status",
        "",
        42,
        (48, 46, 44, 42),
        "Luas kawasan perkotaan yang tergenang lebih dari 30 cm selama lebih dari 2 jam "
        "pada kejadian banjir terbesar dalam triwulan, dari pemetaan lapangan. "
        "Semakin kecil semakin baik.",
    ),
    # ---- S4: Cipta Karya ----
    (
        "IK.20",
        "S4",
        "CK",
        "Persentase rumah tangga dengan akses air minum layak",
        "%",
        "naik",
        "status",
        "",
        82,
        (79, 80, 81, 82),
        "Jumlah rumah tangga yang terlayani air minum layak (jaringan perpipaan dan bukan "
        "jaringan perpipaan terlindungi, paling sedikit 60 liter/orang/hari) dibagi jumlah "
        "rumah tangga, dikali 100 (SPM air minum).",
    ),
    (
        "IK.21",
        "S4",
        "CK",
        "Jumlah sambungan rumah (SR) air minum baru",
        "unit",
        "naik",
        "kumulatif",
        "",
        600,
        (0, 150, 400, 600),
        "Sambungan rumah baru dari SPAM jaringan perpipaan yang sudah mengalir dan "
        "diserahterimakan pada triwulan itu.",
    ),
    (
        "IK.22",
        "S4",
        "CK",
        "Derajat keasaman (pH) air hasil olahan SPAM IKK",
        "pH",
        "rentang",
        "status",
        "",
        "6,5-8,5",
        ("6,5-8,5", "6,5-8,5", "6,5-8,5", "6,5-8,5"),
        "Nilai pH air hasil olahan instalasi SPAM IKK dari uji laboratorium terakhir dalam "
        "triwulan. Memenuhi baku mutu air minum bila berada di antara 6,5 dan 8,5.",
    ),
    (
        "IK.23",
        "S4",
        "CK",
        "Persentase rumah tangga dengan akses sanitasi (air limbah domestik) layak",
        "%",
        "naik",
        "",
        "",
        78,
        (75, 76, 77, 78),
        "Jumlah rumah tangga yang memiliki akses pengolahan air limbah domestik layak "
        "(SPALD-S atau SPALD-T) dibagi jumlah rumah tangga, dikali 100.",
    ),
    (
        "IK.24",
        "S4",
        "CK",
        "Jumlah unit SPALD-S (tangki septik individual) yang dibangun",
        "unit",
        "naik",
        "kumulatif",
        "",
        250,
        (0, 50, 150, 250),
        "Tangki septik individual yang selesai dibangun dan dimanfaatkan rumah tangga "
        "penerima pada triwulan itu.",
    ),
    (
        "IK.25",
        "S4",
        "CK",
        "Rata-rata waktu penerbitan Persetujuan Bangunan Gedung (PBG)",
        "hari",
        "turun",
        "status",
        "T/R",
        18,
        (24, 22, 20, 18),
        "Rata-rata hari kerja sejak berkas permohonan PBG dinyatakan lengkap di SIMBG "
        "sampai PBG terbit, untuk PBG yang terbit dalam triwulan. Semakin kecil semakin baik.",
    ),
    # ---- S5: Penataan Ruang ----
    (
        "IK.26",
        "S5",
        "PR",
        "Tersedianya Peraturan Bupati tentang RDTR Kawasan Perkotaan Paringin",
        "dokumen",
        "biner",
        "status",
        "",
        "Ada",
        (None, None, None, "Ada"),
        "Ada bila Peraturan Bupati tentang RDTR Kawasan Perkotaan Paringin telah "
        "ditetapkan dan diundangkan s/d akhir triwulan; Tidak bila belum.",
    ),
    (
        "IK.27",
        "S5",
        "PR",
        "Persentase kesesuaian pemanfaatan ruang terhadap rencana tata ruang",
        "%",
        "naik",
        "status",
        "",
        85,
        (82, 83, 84, 85),
        "Luas pemanfaatan ruang yang sesuai dengan pola ruang RTRW dibagi luas pemanfaatan "
        "ruang yang dinilai, dikali 100, berdasarkan analisis SIMTARU.",
    ),
    (
        "IK.28",
        "S5",
        "PR",
        "Persentase permohonan KKPR yang dinilai tepat waktu",
        "%",
        "naik",
        "kumulatif",
        "",
        90,
        (90, 90, 90, 90),
        "Jumlah permohonan Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR) yang selesai "
        "dinilai dalam batas waktu layanan dibagi jumlah permohonan yang masuk, dikali 100; "
        "s/d triwulan: jumlah kedua bilangan s/d triwulan itu (kumulatif).",
    ),
    (
        "IK.29",
        "S5",
        "PR",
        "Jumlah lokasi ketidaksesuaian pemanfaatan ruang yang ditindaklanjuti",
        "lokasi",
        "naik",
        "kumulatif",
        "",
        40,
        (5, 15, 28, 40),
        "Lokasi (poligon) ketidaksesuaian pemanfaatan ruang hasil SIMTARU yang sudah "
        "diverifikasi di lapangan dan diberi rekomendasi tindak lanjut pada triwulan itu.",
    ),
    # ---- S6: Perumahan dan Kawasan Permukiman ----
    (
        "IK.30",
        "S6",
        "PKP",
        "Jumlah rumah tidak layak huni (RTLH) yang ditangani",
        "unit",
        "naik",
        "kumulatif",
        "",
        "1.025",
        (0, 200, 650, "1.025"),
        "Rumah tidak layak huni yang selesai diperbaiki (bedah rumah) dan diserahterimakan "
        "kepada penerima pada triwulan itu.",
    ),
    (
        "IK.31",
        "S6",
        "PKP",
        "Persentase rumah layak huni",
        "%",
        "naik",
        "status",
        "",
        "88,5",
        (86, 86.5, 87.5, "88,5"),
        "Jumlah rumah layak huni dibagi jumlah seluruh rumah menurut basis data "
        "perumahan, dikali 100, keadaan pada akhir triwulan.",
    ),
    (
        "IK.32",
        "S6",
        "PKP",
        "Luas kawasan permukiman kumuh yang ditangani",
        "Ha",
        "naik",
        "kumulatif",
        "",
        12.5,
        (0, 2.5, 7, 12.5),
        "Luas kawasan kumuh (menurut SK penetapan lokasi) yang selesai ditangani melalui "
        "jalan lingkungan dan drainase lingkungan pada triwulan itu.",
    ),
    (
        "IK.33",
        "S6",
        "PKP",
        "Luas kawasan permukiman kumuh yang tersisa",
        "Ha",
        "turun",
        "status",
        "T/R",
        45.3,
        (57.8, 55.3, 50.8, 45.3),
        "Luas kawasan permukiman kumuh menurut SK penetapan lokasi dikurangi luas yang "
        "sudah ditangani, keadaan pada akhir triwulan. Semakin kecil semakin baik.",
    ),
    (
        "IK.34",
        "S6",
        "PKP",
        "Panjang jalan lingkungan permukiman yang dibangun/ditingkatkan",
        "km",
        "naik",
        "kumulatif",
        "",
        8.4,
        (0, 2, 5.5, 8.4),
        "Panjang jalan lingkungan di kawasan permukiman yang selesai dibangun atau "
        "ditingkatkan pada triwulan itu.",
    ),
    (
        "IK.35",
        "S6",
        "PKP",
        "Tersedianya SK Bupati tentang penetapan lokasi perumahan dan permukiman kumuh "
        "(pemutakhiran)",
        "dokumen",
        "biner",
        "status",
        "",
        "Ada",
        (None, None, "Ada", "Ada"),
        "Ada bila SK Bupati hasil pemutakhiran lokasi perumahan dan permukiman kumuh "
        "telah ditetapkan s/d akhir triwulan; Tidak bila belum.",
    ),
]

# Renstra 2021-2026 (kolom Target Renstra dan Realisasi Renstra s/d Tahun Lalu): target akhir
# periode (2026) dan realisasi s/d 2024; indikator kumulatif menjumlahkan tahun-tahunnya,
# indikator status memakai keadaan akhir tahun. Indikator tanpa data Renstra sengaja ada
# (IK.07, IK.09, IK.35): kolom Renstranya kosong.
RENSTRA: dict[str, tuple[Nilai, Nilai]] = {
    "IK.01": (75, 70.12),
    "IK.02": (85, 81.3),
    "IK.03": (90, 72),
    "IK.04": (90, 83.5),
    "IK.05": ("90-100", 93.8),
    "IK.06": (100, 96),
    "IK.08": ("Ya", "Ya"),
    "IK.10": (70, 60.5),
    "IK.11": (30, 39.5),
    "IK.12": (60, 41.5),
    "IK.13": (900, 540),
    "IK.14": (6000, 3850),
    "IK.15": (82, 75.5),
    "IK.16": (72, 64.8),
    "IK.17": (1800, 1120),
    "IK.18": (90, 55.5),
    "IK.19": (35, 49),
    "IK.20": (85, 78.4),
    "IK.21": (3000, 1850),
    "IK.22": ("6,5-8,5", 7.2),
    "IK.23": (80, 74.6),
    "IK.24": (1200, 760),
    "IK.25": (14, 26),
    "IK.26": ("Ada", "Tidak Ada"),
    "IK.27": (88, 81),
    "IK.28": (95, 86),
    "IK.29": (200, 118),
    "IK.30": (5000, 3120),
    "IK.31": (90, 85.2),
    "IK.32": (60, 38.5),
    "IK.33": (30, 60.3),
    "IK.34": (40, 24.6),
}

# Indikator persentase yang diukur dari dua jumlah (kolom Pembilang dan Penyebut): formulir
# bidang meminta kedua jumlah setiap triwulan, kinerja menghitung realisasinya.
KOMPONEN: dict[str, tuple[str, str]] = {
    "IK.03": (
        "Jumlah pegawai yang telah mengikuti pengembangan kompetensi minimal 20 JP (orang)",
        "Jumlah seluruh pegawai Dinas (orang)",
    ),
    "IK.28": (
        "Jumlah permohonan KKPR yang dinilai tepat waktu",
        "Jumlah permohonan KKPR yang masuk",
    ),
    "IK.31": (
        "Jumlah rumah layak huni (unit)",
        "Jumlah seluruh rumah menurut pendataan (unit)",
    ),
}

# Pagu indikatif Renstra 2021-2026 dan realisasinya s/d 2024, per program (baris induk saja:
# Renstra merencanakan pada tingkat program).
PAGU_RENSTRA: dict[str, tuple[int, int]] = {
    "1.03.01": (70_500_000_000, 42_100_000_000),
    "1.03.02": (52_000_000_000, 30_450_000_000),
    "1.03.03": (23_500_000_000, 13_900_000_000),
    "1.03.10": (125_000_000_000, 74_800_000_000),
    "1.03.12": (8_200_000_000, 4_650_000_000),
    "1.04.02": (6_500_000_000, 3_700_000_000),
    "1.04.03": (140_000_000_000, 86_300_000_000),
}

# Induk (program dan kegiatan): Kode, Uraian, Bidang. Pagu induk dihitung dari anaknya.
ANGGARAN_INDUK: list[tuple[str, str, str]] = [
    ("1.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "SEK"),
    ("1.03.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "PP"),
    ("1.03.01.2.02", "Administrasi Keuangan Perangkat Daerah", "KEU"),
    ("1.03.01.2.05", "Administrasi Kepegawaian Perangkat Daerah", "UMP"),
    ("1.03.01.2.06", "Administrasi Umum Perangkat Daerah", "UMP"),
    ("1.03.01.2.08", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "UMP"),
    ("1.03.02", "PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)", "SDA"),
    (
        "1.03.02.2.01",
        "Pengelolaan SDA dan Bangunan Pengaman Pantai pada Wilayah Sungai (WS) dalam "
        "1 (Satu) Daerah Kabupaten/Kota",
        "SDA",
    ),
    (
        "1.03.02.2.02",
        "Pengembangan dan Pengelolaan Sistem Irigasi Primer dan Sekunder pada Daerah "
        "Irigasi yang Luasnya di Bawah 1000 Ha dalam 1 (Satu) Daerah Kabupaten/Kota",
        "SDA",
    ),
    ("1.03.03", "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM PENYEDIAAN AIR MINUM", "CK"),
    (
        "1.03.03.2.01",
        "Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum (SPAM) di Daerah Kabupaten/Kota",
        "CK",
    ),
    ("1.03.10", "PROGRAM PENYELENGGARAAN JALAN", "BM"),
    ("1.03.10.2.01", "Penyelenggaraan Jalan Kabupaten/Kota", "BM"),
    ("1.03.12", "PROGRAM PENYELENGGARAAN PENATAAN RUANG", "PR"),
    (
        "1.03.12.2.02",
        "Koordinasi dan Sinkronisasi Perencanaan Tata Ruang Daerah Kabupaten/Kota",
        "PR",
    ),
    (
        "1.03.12.2.03",
        "Koordinasi dan Sinkronisasi Pemanfaatan Ruang Daerah Kabupaten/Kota",
        "PR",
    ),
    ("1.04.02", "PROGRAM PENGEMBANGAN PERUMAHAN", "PKP"),
    (
        "1.04.02.2.03",
        "Pembangunan dan Rehabilitasi Rumah Korban Bencana atau Relokasi Program Kabupaten/Kota",
        "PKP",
    ),
    ("1.04.03", "PROGRAM KAWASAN PERMUKIMAN", "PKP"),
    (
        "1.04.03.2.03",
        "Peningkatan Kualitas Kawasan Permukiman Kumuh dengan Luas di Bawah 10 (Sepuluh) Ha",
        "PKP",
    ),
]

# Sub-kegiatan (baris daun): Kode, Uraian, Bidang, Pagu (Rp), Sasaran.
ANGGARAN_DAUN: list[tuple[str, str, str, int, str]] = [
    (
        "1.03.01.2.01.0001",
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "PP",
        185_000_000,
        "S1",
    ),
    (
        "1.03.01.2.01.0006",
        "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        "PP",
        142_500_000,
        "S1",
    ),
    ("1.03.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "KEU", 11_482_365_000, "S1"),
    (
        "1.03.01.2.02.0007",
        "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD",
        "KEU",
        118_400_000,
        "S1",
    ),
    (
        "1.03.01.2.05.0009",
        "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi",
        "UMP",
        264_000_000,
        "S1",
    ),
    ("1.03.01.2.06.0004", "Penyediaan Bahan Logistik Kantor", "UMP", 156_800_000, "S1"),
    (
        "1.03.01.2.06.0009",
        "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        "SEK",
        318_600_000,
        "S1",
    ),
    (
        "1.03.01.2.08.0002",
        "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
        "UMP",
        426_000_000,
        "S1",
    ),
    ("1.03.01.2.08.0004", "Penyediaan Jasa Pelayanan Umum Kantor", "UMP", 1_245_600_000, "S1"),
    ("1.03.02.2.01.0093", "Normalisasi/Restorasi Sungai", "SDA", 2_150_000_000, "S3"),
    ("1.03.02.2.02.0014", "Rehabilitasi Jaringan Irigasi Permukaan", "SDA", 6_875_400_000, "S3"),
    (
        "1.03.02.2.02.0021",
        "Operasi dan Pemeliharaan Jaringan Irigasi Permukaan",
        "SDA",
        1_320_000_000,
        "S3",
    ),
    (
        "1.03.03.2.01.0026",
        "Peningkatan Sistem Penyediaan Air Minum (SPAM) Jaringan Perpipaan",
        "CK",
        4_560_000_000,
        "S4",
    ),
    ("1.03.10.2.01.0032", "Pembangunan Jalan", "BM", 9_850_000_000, "S2"),
    ("1.03.10.2.01.0033", "Rekonstruksi Jalan", "BM", 7_425_000_000, "S2"),
    ("1.03.10.2.01.0040", "Pembangunan Jembatan", "BM", 4_280_000_000, "S2"),
    ("1.03.10.2.01.0046", "Pemeliharaan Rutin Jalan", "BM", 2_640_000_000, "S2"),
    ("1.03.12.2.02.0005", "Penyusunan RDTR Kabupaten/Kota", "PR", 1_150_000_000, "S5"),
    (
        "1.03.12.2.03.0004",
        "Pelaksanaan Persetujuan Kesesuaian Kegiatan Pemanfaatan Ruang",
        "PR",
        275_000_000,
        "S5",
    ),
    (
        "1.03.12.2.03.0007",
        "Sistem Informasi dan Komunikasi Penataan Ruang",
        "PR",
        185_000_000,
        "S5",
    ),
    ("1.04.02.2.03.0001", "Rehabilitasi Rumah bagi Korban Bencana", "PKP", 1_250_000_000, "S6"),
    ("1.04.03.2.03.0002", "Perbaikan Rumah Tidak Layak Huni", "PKP", 25_625_000_000, "S6"),
    (
        "1.04.03.2.03.0007",
        "Pendataan dan Verifikasi Penyelenggaraan Kawasan Permukiman Kumuh",
        "PKP",
        210_000_000,
        "S6",
    ),
    (
        "1.04.03.2.03.0009",
        "Pelaksanaan Peremajaan Kawasan Permukiman Kumuh",
        "PKP",
        3_480_000_000,
        "S6",
    ),
]


# The DPA's anggaran kas: cumulative share of the pagu planned s/d TW I..IV (percent). Physical
# works are back-loaded (tenders, then term payments); routine administration runs evenly.
PROFIL_RENCANA = {
    "fisik": (10, 35, 70, 100),
    "rutin": (25, 50, 75, 100),
    "kajian": (15, 40, 75, 100),
}
JENIS_BIDANG = {
    "SEK": "rutin",
    "UMP": "rutin",
    "KEU": "rutin",
    "PP": "kajian",
    "BM": "fisik",
    "SDA": "fisik",
    "CK": "fisik",
    "PR": "kajian",
    "PKP": "fisik",
}


def rencana_tw(kode: str, bidang: str, pagu: int) -> tuple[int, int, int, int]:
    """Rencana TW I..IV of one row (cumulative, rounded down to Rp1.000; TW IV = pagu); a
    parent's plan is the sum of its leaves'."""
    daun = [d for d in ANGGARAN_DAUN if d[0] == kode or d[0].startswith(kode + ".")]
    if len(daun) > 1 or (daun and daun[0][0] != kode):
        parts = [rencana_tw(k, b, p) for k, _, b, p, _ in daun if k != kode]
        return (
            sum(x[0] for x in parts),
            sum(x[1] for x in parts),
            sum(x[2] for x in parts),
            sum(x[3] for x in parts),
        )
    prof = PROFIL_RENCANA[JENIS_BIDANG[bidang]]
    q = [pagu * pct // 100 // 1000 * 1000 for pct in prof[:3]]
    return (q[0], q[1], q[2], pagu)


def baris_anggaran() -> list[tuple[str, str, str, int, str | None]]:
    """All budget rows in code order; a parent's pagu is the sum of its leaf rows."""
    rows: list[tuple[str, str, str, int, str | None]] = []
    for kode, uraian, bidang in ANGGARAN_INDUK:
        pagu = sum(p for k, _, _, p, _ in ANGGARAN_DAUN if k.startswith(kode + "."))
        if pagu == 0:
            raise ValueError(f"induk {kode} tidak punya sub-kegiatan")
        rows.append((kode, uraian, bidang, pagu, None))
    rows.extend(ANGGARAN_DAUN)
    return sorted(rows, key=lambda r: r[0].split("."))


# --------------------------------------------------------------------------
# Workbook
# --------------------------------------------------------------------------


def buat_workbook():  # -> openpyxl.Workbook
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    tipis = Side(style="thin", color="808080")
    garis = Border(left=tipis, right=tipis, top=tipis, bottom=tipis)
    tebal = Font(bold=True)
    isi_header = PatternFill("solid", fgColor="DDEBF7")
    isi_induk = PatternFill("solid", fgColor="F2F2F2")
    wrap_atas = Alignment(wrap_text=True, vertical="top")
    tengah = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def header(ws, row: int, names: list[str], widths: list[float]) -> None:
        for col, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
            c = ws.cell(row=row, column=col, value=name)
            c.font = tebal
            c.fill = isi_header
            c.alignment = tengah
            c.border = garis
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.row_dimensions[row].height = 30

    def tinggi_baris(ws, row: int, widths: list[float]) -> None:
        """Estimate the height of a wrapped row (Excel does not autofit on open)."""
        lines = 1
        for col, width in enumerate(widths, start=1):
            value = ws.cell(row=row, column=col).value
            if isinstance(value, str):
                per_line = max(int(width * 1.1), 1)
                lines = max(lines, -(-len(value) // per_line))
        ws.row_dimensions[row].height = max(15.0, 15.0 * lines)

    def judul(ws, row: int, text: str, last_col: int, size: int = 12) -> None:
        ws.cell(row=row, column=1, value=text).font = Font(bold=True, size=size)
        ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)

    def cetak(ws, landscape: bool, title_rows: str | None = None) -> None:
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if title_rows:
            ws.print_title_rows = title_rows

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "kinerja (contoh)"
    wb.properties.title = f"Perjanjian Kinerja Tahun {TAHUN} - Dinas PUPRPERKIM Kabupaten Balangan"
    wb.properties.created = datetime(TAHUN, 1, 2, 8, 0, 0)

    # ---- Identitas ----
    ws = wb.create_sheet("Identitas")
    widths = [28.0, 90.0]
    header(ws, 1, ["Isian", "Nilai"], widths)
    for r, (isian, nilai) in enumerate(IDENTITAS, start=2):
        a = ws.cell(row=r, column=1, value=isian)
        b = ws.cell(row=r, column=2, value=nilai)
        a.font = tebal
        for c in (a, b):
            c.border = garis
            c.alignment = Alignment(vertical="top", wrap_text=True)
        if isian == "NIP Kepala":
            b.number_format = "@"
        if isian == "Tahun":
            b.alignment = Alignment(horizontal="left", vertical="top")
    ws.freeze_panes = "A2"
    cetak(ws, landscape=False)

    # ---- Bidang ----
    ws = wb.create_sheet("Bidang")
    widths = [8.0, 42.0, 48.0, 24.0, 46.0]
    header(ws, 1, ["Kode", "Nama", "Kepala", "NIP", "Jabatan"], widths)
    for r, values in enumerate(BIDANG, start=2):
        for col, value in enumerate(values, start=1):
            c = ws.cell(row=r, column=col, value=value)
            c.border = garis
            c.alignment = wrap_atas
            if col == 4:
                c.number_format = "@"
    ws.freeze_panes = "A2"
    cetak(ws, landscape=True)

    # ---- Indikator ----
    ws = wb.create_sheet("Indikator")
    names = [
        "Kode",
        "Kode Sasaran",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Arah",
        "Sifat",
        "Rumus",
        "Target",
        "Target TW I",
        "Target TW II",
        "Target TW III",
        "Target TW IV",
        "Bidang",
        "Definisi Operasional",
        "Target Renstra",
        "Realisasi Renstra s/d Tahun Lalu",
        "Pembilang",
        "Penyebut",
    ]
    widths = [8.0, 9.0, 30.0, 44.0, 9.0, 9.0, 11.0, 7.0, 9.0, 9.0, 9.0, 9.0, 9.0, 8.0, 60.0]
    widths += [10.0, 12.0, 30.0, 30.0]
    last = len(names)
    judul(ws, 1, f"PERJANJIAN KINERJA TAHUN {TAHUN}", last, size=14)
    judul(ws, 2, f"{PERANGKAT_DAERAH.upper()} KABUPATEN BALANGAN", last)
    header_row = 4
    header(ws, header_row, names, widths)
    first = header_row + 1
    blok: dict[str, list[int]] = {}
    for r, ind in enumerate(INDIKATOR, start=first):
        kode, ks, bidang, nama, satuan, arah, sifat, rumus, target, tw, definisi = ind
        blok.setdefault(ks, []).append(r)
        values: list[Nilai] = [
            kode,
            ks,
            SASARAN[ks],
            nama,
            satuan,
            arah,
            sifat or None,
            rumus or None,
            target,
            *tw,
            bidang,
            definisi,
            *RENSTRA.get(kode, (None, None)),
            *KOMPONEN.get(kode, (None, None)),
        ]
        for col, value in enumerate(values, start=1):
            c = ws.cell(row=r, column=col, value=value)
            c.border = garis
            c.alignment = wrap_atas
            if 5 <= col <= 14:
                c.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
            if isinstance(value, str) and (9 <= col <= 13 or col in (16, 17)):
                c.number_format = "@"
        tinggi_baris(ws, r, widths)
    for ks, rows in blok.items():
        if rows != list(range(rows[0], rows[-1] + 1)):
            raise ValueError(f"baris sasaran {ks} tidak berurutan")
        for col in (2, 3):
            ws.merge_cells(start_row=rows[0], start_column=col, end_row=rows[-1], end_column=col)
            top = ws.cell(row=rows[0], column=col)
            top.alignment = Alignment(
                horizontal="center" if col == 2 else "left", vertical="top", wrap_text=True
            )
    ws.freeze_panes = ws.cell(row=first, column=5)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(last)}{first + len(INDIKATOR) - 1}"
    cetak(ws, landscape=True, title_rows=f"{header_row}:{header_row}")

    # ---- Anggaran ----
    ws = wb.create_sheet("Anggaran")
    names = [
        "Kode",
        "Uraian",
        "Bidang",
        "Pagu",
        "Sasaran",
        "Rencana TW I",
        "Rencana TW II",
        "Rencana TW III",
        "Rencana TW IV",
        "Pagu Renstra",
        "Realisasi Renstra s/d Tahun Lalu",
    ]
    widths = [20.0, 60.0, 8.0, 17.0, 9.0, 16.0, 16.0, 16.0, 16.0, 18.0, 18.0]
    judul(ws, 1, f"ANGGARAN PERJANJIAN KINERJA TAHUN {TAHUN} (DPA)", len(names), size=12)
    header_row = 3
    header(ws, header_row, names, widths)
    for r, (kode, uraian, bidang, pagu, sasaran) in enumerate(
        baris_anggaran(), start=header_row + 1
    ):
        induk = sasaran is None
        level = kode.count(".")  # 2 program, 4 kegiatan, 5 sub-kegiatan
        rencana = rencana_tw(kode, bidang, pagu)
        renstra = PAGU_RENSTRA.get(kode, (None, None))
        cells = (kode, uraian, bidang, pagu, sasaran, *rencana, *renstra)
        for col, value in enumerate(cells, start=1):
            c = ws.cell(row=r, column=col, value=value)
            c.border = garis
            c.alignment = wrap_atas
            if induk:
                c.font = tebal
                if level == 2:
                    c.fill = isi_induk
        ws.cell(row=r, column=1).number_format = "@"
        ws.cell(row=r, column=2).alignment = Alignment(
            wrap_text=True, vertical="top", indent={2: 0, 4: 1}.get(level, 2)
        )
        ws.cell(row=r, column=3).alignment = Alignment(horizontal="center", vertical="top")
        for col in (4, 6, 7, 8, 9, 10, 11):
            ws.cell(row=r, column=col).number_format = "#,##0"
        ws.cell(row=r, column=5).alignment = Alignment(horizontal="center", vertical="top")
        tinggi_baris(ws, r, widths)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    cetak(ws, landscape=True, title_rows=f"{header_row}:{header_row}")

    wb.active = wb.sheetnames.index("Indikator")
    return wb


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in {"-h", "--help"}):
        print(__doc__)
        return 0 if args and args[0] in {"-h", "--help"} else 2
    out = Path(args[0]) if args else DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    buat_workbook().save(out)
    print(f"Ditulis: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
