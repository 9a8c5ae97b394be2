"""The blank PK workbook that `kinerja init` writes when no `--pk` is given (docs/contract.md §3, §4).

Same four sheets and exact headers as the PK the reader expects, no data rows (examples sit in
the header comments and on the `Petunjuk` sheet, so a forgotten example never becomes a PK
row), dropdowns for Arah/Sifat/Rumus/Bidang, and `Identitas` pre-filled with its labels and
the year. openpyxl is imported inside the function so `kinerja --help` stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Header rows: exactly the names the PK reader looks for (docs/contract.md §4).
IDENTITAS_HEADERS = ("Isian", "Nilai")
IDENTITAS_ISIAN = (
    "Pemerintah Daerah",
    "Perangkat Daerah",
    "Singkatan",
    "Alamat",
    "Tahun",
    "Tempat",
    "Kepala Perangkat Daerah",
    "NIP Kepala",
    "Pangkat/Golongan Kepala",
    "Jabatan Kepala",
    "Kepala Daerah",
    "Jabatan Kepala Daerah",
    "Periode Renstra",
)
BIDANG_HEADERS = ("Kode", "Nama", "Kepala", "NIP", "Jabatan")
INDIKATOR_HEADERS = (
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
    # docs/contract.md §14, optional
    "Target Renstra",
    "Realisasi Renstra s/d Tahun Lalu",
    "Pembilang",
    "Penyebut",
)
ANGGARAN_HEADERS = (
    "Kode",
    "Uraian",
    "Bidang",
    "Pagu",
    "Sasaran",
    "Rencana TW I",
    "Rencana TW II",
    "Rencana TW III",
    "Rencana TW IV",
    # docs/contract.md §14, optional
    "Pagu Renstra",
    "Realisasi Renstra s/d Tahun Lalu",
)

ARAH_PILIHAN = ("naik", "turun", "rentang", "biner")
SIFAT_PILIHAN = ("kumulatif", "status")
RUMUS_PILIHAN = ("2T-R", "T/R")

# Rows covered by formats and dropdowns (generous; the reader stops at the last filled row).
BIDANG_ROWS = 200
DATA_ROWS = 1000
BIDANG_LIST = f"Bidang!$A$2:$A${BIDANG_ROWS}"

_IDENTITAS_CONTOH = {
    "Pemerintah Daerah": "mis. Kabupaten Balangan atau Pemerintah Kabupaten Balangan "
    "(keduanya benar; kop tetap PEMERINTAH KABUPATEN BALANGAN)",
    "Perangkat Daerah": "nama lengkap dinas, dengan atau tanpa nama daerah, mis. Dinas Kesehatan "
    "atau Dinas Kesehatan Kabupaten Balangan",
    "Singkatan": "mis. Dinas PUPRPERKIM",
    "Alamat": "alamat kantor untuk kop surat (boleh kosong)",
    "Tahun": "tahun PK, empat angka",
    "Tempat": "kota tempat penandatanganan, mis. Paringin",
    "Kepala Perangkat Daerah": "nama lengkap dengan gelar",
    "NIP Kepala": "18 angka, boleh dengan spasi: 19720514 199803 1 006",
    "Pangkat/Golongan Kepala": "mis. Pembina Utama Muda (IV/c)",
    "Jabatan Kepala": "mis. Kepala Dinas atau Kepala Dinas Kesehatan Kabupaten Balangan "
    "(boleh diawali Plt. atau Plh.)",
    "Kepala Daerah": "nama Bupati/Wali Kota dengan gelar",
    "Jabatan Kepala Daerah": "mis. Bupati Balangan",
    "Periode Renstra": "tahun awal dan akhir Renstra perangkat daerah, mis. 2021-2026 (boleh "
    "kosong)",
}

# (lembar, kolom, wajib, keterangan) for the Petunjuk sheet and the header comments.
_KOLOM: tuple[tuple[str, str, str, str], ...] = (
    ("Identitas", "Isian", "ya", "Nama isian. Jangan diubah; isi hanya kolom Nilai di sebelahnya."),
    (
        "Identitas",
        "Nilai",
        "ya",
        "Nilai isian. Pemerintah Daerah, Perangkat Daerah dan Tahun wajib diisi. NIP Kepala 18 angka "
        "(kelompok 8-6-1-3, spasi boleh). Kepala Daerah tidak memakai pangkat dan NIP.",
    ),
    (
        "Identitas",
        "Nama daerah",
        "",
        "Nama daerah dan dinas boleh ditulis dengan dua cara; hasilnya sama dan tidak ada kata "
        "yang berulang di kop, judul dan tanda tangan. Pemerintah Daerah: 'Kabupaten Siak' atau "
        "'Pemerintah Kabupaten Siak'. Perangkat Daerah: 'Dinas Kesehatan' atau 'Dinas Kesehatan "
        "Kabupaten Siak'. Jabatan Kepala: 'Kepala Dinas' atau 'Kepala Dinas Kesehatan Kabupaten "
        "Siak'. Kop surat: PEMERINTAH KABUPATEN SIAK / DINAS KESEHATAN; tanda tangan: Kepala "
        "Dinas Kesehatan Kabupaten Siak.",
    ),
    (
        "Bidang",
        "Kode",
        "ya",
        "Kode singkat unit yang mengisi formulir, unik, mis. SEK, UMP, KEU, PP, BM, SDA, CK, PR, PKP. "
        "Kode ini dipakai di kolom Bidang lembar Indikator dan Anggaran.",
    ),
    ("Bidang", "Nama", "ya", "Nama unit, mis. Bidang Bina Marga atau Subbagian Keuangan."),
    (
        "Bidang",
        "Kepala",
        "tidak",
        "Nama kepala unit, dengan gelar: dicetak di blok tanda tangan lembar Kinerja formulir "
        "bidang (bersama Jabatan dan NIP). Bila kosong, blok itu diberi titik-titik untuk ditulis "
        "tangan.",
    ),
    (
        "Bidang",
        "NIP",
        "tidak",
        "NIP kepala unit, 18 angka, boleh dengan spasi: 19830417 200904 2 003.",
    ),
    ("Bidang", "Jabatan", "tidak", "Jabatan kepala unit, mis. Kepala Bidang Bina Marga."),
    ("Indikator", "Kode", "ya", "Kode indikator, unik, mis. IK.01."),
    (
        "Indikator",
        "Kode Sasaran",
        "tidak",
        "Kode sasaran, mis. S1. Bila kosong, sasaran diberi kode S1, S2, ... menurut urutan munculnya.",
    ),
    (
        "Indikator",
        "Sasaran",
        "ya",
        "Rumusan sasaran strategis. Sel kosong atau sel yang digabung (merge) mengikuti sasaran di "
        "baris atasnya.",
    ),
    ("Indikator", "Indikator Kinerja", "ya", "Rumusan indikator kinerja."),
    (
        "Indikator",
        "Satuan",
        "ya",
        "Satuan ukur: %, km, m, unit, dokumen, indeks, nilai, Ha, hari, ...",
    ),
    (
        "Indikator",
        "Arah",
        "ya",
        "naik = makin tinggi makin baik; turun = makin rendah makin baik; rentang = target berupa "
        "rentang (mis. 80-90); biner = ya/tidak (target Ada atau Ya).",
    ),
    (
        "Indikator",
        "Sifat",
        "tidak",
        "kumulatif = realisasi tiap triwulan dijumlahkan (km, unit, dokumen, Ha); status = keadaan "
        "pada akhir triwulan (%, indeks, nilai). Bila kosong: status untuk % dan indeks, selain itu "
        "kumulatif.",
    ),
    (
        "Indikator",
        "Rumus",
        "tidak",
        "Hanya untuk Arah turun: 2T-R (bawaan) atau T/R. Kosongkan untuk arah lain.",
    ),
    (
        "Indikator",
        "Target",
        "ya",
        "Target tahunan PK. Angka (65 atau 65,4 atau 1.250); untuk rentang mis. 80-90; untuk biner "
        "Ada atau Ya.",
    ),
    (
        "Indikator",
        "Target TW I",
        "tidak",
        "Target s/d triwulan I: kumulatif sampai akhir triwulan untuk sifat kumulatif, keadaan pada "
        "akhir triwulan untuk sifat status.",
    ),
    ("Indikator", "Target TW II", "tidak", "Target s/d triwulan II (lihat Target TW I)."),
    ("Indikator", "Target TW III", "tidak", "Target s/d triwulan III (lihat Target TW I)."),
    (
        "Indikator",
        "Target TW IV",
        "tidak",
        "Target s/d triwulan IV; bila diisi harus sama dengan Target. Untuk sifat kumulatif, target "
        "TW tidak boleh menurun dari triwulan ke triwulan.",
    ),
    ("Indikator", "Bidang", "ya", "Kode unit penanggung jawab, dipilih dari lembar Bidang."),
    (
        "Indikator",
        "Definisi Operasional",
        "tidak",
        "Cara mengukur indikator (rumus, sumber data). Ditampilkan di lembar Petunjuk formulir "
        "bidang, di bawah judul Definisi operasional indikator.",
    ),
    (
        "Indikator",
        "Target Renstra",
        "tidak",
        "Target akhir periode Renstra perangkat daerah (tahun terakhir Periode Renstra), ditulis "
        "seperti Target. Dipakai untuk kolom (5) dan (14) Evaluasi Renja dan perbandingan dengan "
        "target Renstra di laporan tahunan.",
    ),
    (
        "Indikator",
        "Realisasi Renstra s/d Tahun Lalu",
        "tidak",
        "Realisasi Renstra sampai dengan tahun lalu (kolom (6) Evaluasi Renja): jumlah tahun-tahun "
        "sebelumnya untuk indikator kumulatif, keadaan akhir tahun lalu untuk indikator status. "
        "Kosong pada tahun pertama Renstra.",
    ),
    (
        "Indikator",
        "Pembilang",
        "tidak",
        "Untuk indikator persentase yang dihitung dari dua jumlah: nama jumlah pembilang, mis. "
        "Panjang jalan kondisi mantap (km). Diisi bersama Penyebut; Satuan harus %. Formulir "
        "bidang lalu meminta Pembilang dan Penyebut setiap triwulan dan kinerja menghitung "
        "realisasinya.",
    ),
    (
        "Indikator",
        "Penyebut",
        "tidak",
        "Nama jumlah penyebut, mis. Panjang jalan kabupaten (km). Realisasi = Pembilang / "
        "Penyebut x 100: untuk sifat kumulatif jumlah pembilang dibagi jumlah penyebut s/d "
        "triwulan, untuk sifat status nilai triwulan terakhir.",
    ),
    (
        "Anggaran",
        "Kode",
        "ya",
        "Kode program/kegiatan/sub-kegiatan menurut nomenklatur, mis. 1.03.10 (program), "
        "1.03.10.2.01 (kegiatan), 1.03.10.2.01.0032 (sub-kegiatan). Baris yang kodenya menjadi awalan "
        "kode baris lain adalah induk.",
    ),
    ("Anggaran", "Uraian", "ya", "Nama program, kegiatan atau sub-kegiatan."),
    (
        "Anggaran",
        "Bidang",
        "ya",
        "Kode unit pelaksana, dipilih dari lembar Bidang; satu kode per baris. Program yang "
        "dilaksanakan beberapa bidang: pecah per kegiatan, yaitu setiap kegiatan (dan "
        "sub-kegiatannya) diberi kode bidang pelaksananya, dan baris program diberi bidang "
        "penanggung jawabnya. Setiap bidang hanya mengisi baris bidangnya; pagu dan realisasi "
        "program tetap dijumlahkan dari semua sub-kegiatannya.",
    ),
    (
        "Anggaran",
        "Pagu",
        "ya",
        "Pagu DPA dalam rupiah: 1250000000, 1.250.000.000 atau Rp1.250.000.000,00 (semuanya "
        "terbaca sama). Pagu program dan kegiatan (baris induk) boleh dikosongkan: kinerja "
        "menjumlahkannya dari sub-kegiatan; bila diisi, harus sama dengan jumlah pagu baris "
        "anaknya.",
    ),
    (
        "Anggaran",
        "Sasaran",
        "tidak",
        "Kode sasaran (mis. S2) yang didukung sub-kegiatan ini, untuk analisis efisiensi.",
    ),
    (
        "Anggaran",
        "Rencana TW I",
        "tidak",
        "Rencana penarikan dana (anggaran kas DPA) kumulatif s/d akhir triwulan I, dalam rupiah, "
        "ditulis seperti Pagu. Cukup diisi pada sub-kegiatan; rencana induk = jumlah rencana "
        "anaknya. Dengan rencana ini efisiensi triwulan dihitung terhadap rencana DPA; tanpa "
        "rencana, reviu triwulan tidak memuat indeks efisiensi.",
    ),
    (
        "Anggaran",
        "Rencana TW II",
        "tidak",
        "Rencana kumulatif s/d triwulan II (lihat Rencana TW I).",
    ),
    (
        "Anggaran",
        "Rencana TW III",
        "tidak",
        "Rencana kumulatif s/d triwulan III (lihat Rencana TW I).",
    ),
    (
        "Anggaran",
        "Rencana TW IV",
        "tidak",
        "Rencana kumulatif s/d triwulan IV, biasanya sama dengan Pagu (lihat Rencana TW I).",
    ),
    (
        "Anggaran",
        "Pagu Renstra",
        "tidak",
        "Pagu indikatif seluruh periode Renstra dalam rupiah (kolom (5) Evaluasi Renja), ditulis "
        "seperti Pagu. Boleh hanya pada baris program; bila semua sub-kegiatan diisi, induk = "
        "jumlah anaknya.",
    ),
    (
        "Anggaran",
        "Realisasi Renstra s/d Tahun Lalu",
        "tidak",
        "Realisasi anggaran Renstra sampai dengan tahun lalu, dalam rupiah (kolom (6) Evaluasi "
        "Renja).",
    ),
)

_PETUNJUK_UMUM = (
    "Workbook ini adalah Perjanjian Kinerja (PK) yang menjadi sumber semua target. "
    "Pengukuran kinerja selalu mengikuti target PK ini, bukan angka dari formulir bidang.",
    "Isi lembar Identitas, lalu Bidang, lalu Indikator dan Anggaran. Jangan mengubah nama "
    "lembar dan judul kolom (baris pertama tiap lembar); kolom tambahan boleh ditambahkan di kanan.",
    "Satu baris = satu indikator (lembar Indikator) atau satu program/kegiatan/sub-kegiatan "
    "(lembar Anggaran). Jangan sisipkan baris jumlah atau baris kosong di tengah tabel.",
    "Angka boleh ditulis cara Indonesia: 65,4 atau 1.250 atau 1.234,56; rupiah juga dengan Rp, "
    "mis. Rp1.500.000,00. Pilihan Arah, Sifat, Rumus dan Bidang tersedia sebagai daftar pilihan "
    "(dropdown).",
    "Satu baris anggaran = satu bidang pelaksana. Program yang dilaksanakan beberapa bidang "
    "dipecah per kegiatan: setiap kegiatan dan sub-kegiatannya diberi kode bidang pelaksananya "
    "(lihat kolom Bidang lembar Anggaran di bawah).",
    "Setelah diisi, periksa dengan perintah: kinerja check-pk. Setiap masalah ditunjukkan "
    "beserta alamat selnya.",
)


PETUNJUK_JUDUL = "PETUNJUK PENGISIAN PERJANJIAN KINERJA (PK) TAHUN {tahun}"


def write_petunjuk(ws: Any, tahun: int) -> None:
    """The `Petunjuk` sheet of a PK for `tahun` (the blank template's, and a carried-over PK's:
    io/pk/carry.py)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E78")
    header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 9
    ws.column_dimensions["D"].width = 95
    c = ws.cell(row=1, column=1, value=PETUNJUK_JUDUL.format(tahun=tahun))
    c.font = Font(bold=True, size=13)
    ws.merge_cells("A1:D1")
    row = 3
    for i, teks in enumerate(_PETUNJUK_UMUM, start=1):
        ws.cell(row=row, column=1, value=f"{i}.").alignment = Alignment(
            horizontal="right", vertical="top"
        )
        c = ws.cell(row=row, column=2, value=teks)
        c.alignment = wrap_top
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        ws.row_dimensions[row].height = 16 * max(2, -(-len(teks) // 105))
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="Arti setiap kolom").font = Font(bold=True, size=12)
    row += 1
    for col, name in enumerate(
        ("Lembar", "Kolom", "Wajib", "Isi dan nilai yang diperbolehkan"), start=1
    ):
        c = ws.cell(row=row, column=col, value=name)
        c.font = header_font
        c.fill = header_fill
        c.alignment = header_align
        c.border = border
    row += 1
    for lembar, kolom, wajib, teks in _KOLOM:
        for col, value in enumerate((lembar, kolom, wajib, teks), start=1):
            c = ws.cell(row=row, column=col, value=value)
            c.alignment = wrap_top
            c.border = border
        ws.row_dimensions[row].height = 15 * max(1, -(-len(teks) // 100))
        row += 1
    ws.sheet_view.showGridLines = False
    _print_setup(ws, portrait=True)


def write_pk_template(path: Path, tahun: int) -> None:
    """Write a blank PK workbook for `tahun` to `path`, atomically."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from kinerja_cli.io.atomic import atomic_save

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E78")
    header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    keterangan = {(lembar, kolom): teks for lembar, kolom, _, teks in _KOLOM}

    def header(ws: Any, names: tuple[str, ...], widths: tuple[float, ...]) -> None:
        for col, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
            c = ws.cell(row=1, column=col, value=name)
            c.font = header_font
            c.fill = header_fill
            c.alignment = header_align
            c.border = border
            teks = keterangan.get((ws.title, name))
            if teks:
                c.comment = Comment(teks, "kinerja", width=320, height=140)
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.row_dimensions[1].height = 30
        ws.freeze_panes = "A2"

    def column_style(ws: Any, col: int, fmt: str | None = None, wrap: bool = False) -> None:
        """Style the whole column (applies to cells typed later) without creating cells."""
        dim = ws.column_dimensions[get_column_letter(col)]
        if fmt:
            dim.number_format = fmt
        if wrap:
            dim.alignment = wrap_top

    def pilihan(ws: Any, col: int, values: tuple[str, ...] | str, judul: str, pesan: str) -> None:
        formula = values if isinstance(values, str) else '"' + ",".join(values) + '"'
        dv = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showDropDown=False,  # False = show the in-cell arrow (OOXML's inverted flag)
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle=f"{judul} tidak sah",
            error=f"Pilih salah satu nilai dari daftar. {pesan}"[:255],
            showInputMessage=True,
            promptTitle=judul[:32],
            prompt=pesan[:255],
        )
        letter = get_column_letter(col)
        dv.add(f"{letter}2:{letter}{DATA_ROWS}")
        ws.add_data_validation(dv)

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "kinerja"
    wb.properties.title = f"Perjanjian Kinerja Tahun {tahun}"

    write_petunjuk(wb.create_sheet("Petunjuk"), tahun)

    # ---- Identitas ----
    ws = wb.create_sheet("Identitas")
    header(ws, IDENTITAS_HEADERS, (28, 80))
    for r, isian in enumerate(IDENTITAS_ISIAN, start=2):
        a = ws.cell(row=r, column=1, value=isian)
        a.font = Font(bold=True)
        a.border = border
        b = ws.cell(row=r, column=2, value=tahun if isian == "Tahun" else None)
        b.border = border
        b.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        if isian == "NIP Kepala":
            b.number_format = "@"  # 18 digits must stay text, never 1,97E+17
        a.comment = Comment(_IDENTITAS_CONTOH[isian], "kinerja", width=300, height=80)
    _print_setup(ws, portrait=True)

    # ---- Bidang ----
    ws = wb.create_sheet("Bidang")
    header(ws, BIDANG_HEADERS, (10, 42, 42, 24, 42))
    column_style(ws, 1, "@")
    column_style(ws, 4, "@")
    _print_setup(ws, portrait=False)

    # ---- Indikator ----
    ws = wb.create_sheet("Indikator")
    header(
        ws,
        INDIKATOR_HEADERS,
        (9, 9, 32, 44, 9, 10, 11, 8, 10, 10, 10, 10, 10, 9, 50, 11, 13, 30, 30),
    )
    kol = {h: i for i, h in enumerate(INDIKATOR_HEADERS, start=1)}
    pilihan(
        ws,
        kol["Arah"],
        ARAH_PILIHAN,
        "Arah",
        "naik: makin tinggi makin baik; turun: makin rendah makin baik; rentang: target "
        "mis. 80-90; biner: target Ada atau Ya.",
    )
    pilihan(
        ws,
        kol["Sifat"],
        SIFAT_PILIHAN,
        "Sifat",
        "kumulatif: realisasi triwulan dijumlahkan; status: keadaan akhir triwulan. "
        "Kosong: status untuk % dan indeks, selain itu kumulatif.",
    )
    pilihan(
        ws, kol["Rumus"], RUMUS_PILIHAN, "Rumus", "Hanya untuk Arah turun: 2T-R (bawaan) atau T/R."
    )
    pilihan(ws, kol["Bidang"], BIDANG_LIST, "Bidang", "Kode unit dari lembar Bidang.")
    for h in ("Kode", "Kode Sasaran"):
        column_style(ws, kol[h], "@")
    for h in ("Sasaran", "Indikator Kinerja", "Definisi Operasional", "Pembilang", "Penyebut"):
        column_style(ws, kol[h], wrap=True)
    _print_setup(ws, portrait=False)

    # ---- Anggaran ----
    ws = wb.create_sheet("Anggaran")
    header(ws, ANGGARAN_HEADERS, (20, 70, 9, 18, 10, 18, 18, 18, 18, 20, 20))
    column_style(ws, 1, "@")  # "1.03" must not become a number
    column_style(ws, 2, wrap=True)
    for col in (4, 6, 7, 8, 9, 10, 11):
        column_style(ws, col, "#,##0")
    pilihan(ws, 3, BIDANG_LIST, "Bidang", "Kode unit dari lembar Bidang.")
    for dv in rupiah_validations():
        ws.add_data_validation(dv)
    _print_setup(ws, portrait=False)

    wb.active = 0
    atomic_save(Path(path), wb.save)


# The Pagu and Rencana TW columns take rupiah as a number or as text (1.500.000, Rp1.500.000,00):
# their validation only prompts, it never refuses what the PK reader accepts (check-pk judges).
RUPIAH_PROMPTS = {
    "Pagu": (
        "Pagu",
        "Pagu DPA dalam rupiah, mis. 1250000000, 1.250.000.000 atau Rp1.250.000.000,00. Baris "
        "program/kegiatan boleh kosong: dijumlahkan dari sub-kegiatan.",
    ),
    "Rencana": (
        "Rencana TW (DPA)",
        "Anggaran kas DPA kumulatif s/d akhir triwulan ini, dalam rupiah (boleh dengan Rp dan "
        "titik ribuan). Boleh kosong.",
    ),
    "Renstra": (
        "Renstra",
        "Pagu Renstra atau realisasi Renstra s/d tahun lalu, dalam rupiah (boleh dengan Rp dan "
        "titik ribuan). Boleh kosong.",
    ),
}
TEMPLATE_RUPIAH_COLUMNS = {"Pagu": ("D",), "Rencana": ("F:I",), "Renstra": ("J:K",)}


def rupiah_validations(
    columns: dict[str, tuple[str, ...]] | None = None,
    first_row: int = 2,
    last_row: int = DATA_ROWS,
) -> list[Any]:
    """The input messages of the Pagu and Rencana TW columns (`Pagu`/`Rencana` -> column
    letters or spans, the template's by default), without a type check, so a typed "Rp" is
    allowed; also put into a carried-over PK by io/pk/carry.py."""
    from openpyxl.worksheet.datavalidation import DataValidation

    out = []
    for kind, spans in (columns or TEMPLATE_RUPIAH_COLUMNS).items():
        if not spans:
            continue
        judul, prompt = RUPIAH_PROMPTS[kind]
        dv = DataValidation(
            allow_blank=True, showInputMessage=True, promptTitle=judul[:32], prompt=prompt[:255]
        )
        for span in spans:
            first, _, last = span.partition(":")
            dv.add(f"{first}{first_row}:{last or first}{last_row}")
        out.append(dv)
    return out


def _print_setup(ws: Any, portrait: bool) -> None:
    """A4, fit to page width, header row repeated on each printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if ws.title != "Petunjuk":
        ws.print_title_rows = "1:1"
