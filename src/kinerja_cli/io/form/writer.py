"""Write one protected, validated form workbook per bidang (docs/contract.md §5), from the one layout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from kinerja_cli import __version__
from kinerja_cli.domain import nama
from kinerja_cli.domain.models import PK, Arah, BarisAnggaran, DataBidang, Indikator, Rentang, Sifat
from kinerja_cli.domain.numbers import format_tepat
from kinerja_cli.domain.periode import Periode, romawi
from kinerja_cli.domain.tanggal import BULAN, tanggal_id
from kinerja_cli.domain.targets import format_nip
from kinerja_cli.io.atomic import atomic_save
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.xlsx import (
    add_named_style,
    apply_print_setup,
    register_styles,
    row_height,
    safe_text,
)


@dataclass(frozen=True)
class FormSpec:
    """What one form is for."""

    pk: PK
    bidang: str
    periode: Periode
    batas: dt.date | None
    kembalikan_ke: str
    kata_sandi: str = ""
    prefill: DataBidang | None = None


def _target_cell(v: Decimal | Rentang | bool | None, teks: str) -> Any:
    if v is None:
        return None
    if isinstance(v, Rentang):
        # Shown the Indonesian way (6,5–8,5); the reader parses it back to the same range.
        return f"{format_tepat(v.bawah)}–{format_tepat(v.atas)}"
    if isinstance(v, bool):
        return teks
    return v


def _prompt(ind: Indikator, k: int) -> tuple[str, str]:
    """Input message (title <= 32 chars, text <= 255 chars) for a realisation cell."""
    tw = romawi(k)
    if ind.arah == Arah.BINER:
        return (
            f"Realisasi TW {tw}",
            f"Pilih jawaban untuk keadaan pada akhir triwulan {tw} (target: {ind.target_teks}).",
        )
    if ind.sifat == Sifat.KUMULATIF:
        text = (
            f"Isi realisasi yang dicapai DALAM triwulan {tw} saja (bukan jumlah s/d), dalam "
            f"{ind.satuan}. Angka >= 0 dengan pemisah desimal komputer Anda: 2,5 (Indonesia) "
            "atau 2.5 (Inggris)."
        )
    else:
        text = (
            f"Isi keadaan PADA AKHIR triwulan {tw} dalam {ind.satuan}. Angka >= 0 dengan "
            "pemisah desimal komputer Anda: 61,2 (Indonesia) atau 61.2 (Inggris)."
        )
        if ind.is_persen:
            text += " Tanpa tanda %."
    return (f"Realisasi TW {tw}", text[:255])


def _biner_list(ind: Indikator) -> str:
    t = ind.target_teks.strip().casefold()
    if t in ("ya", "tidak"):
        return '"Ya,Tidak"'
    if t in ("tersedia", "tidak tersedia"):
        return '"Tersedia,Tidak Tersedia"'
    return '"Ada,Tidak Ada"'


def write_form(spec: FormSpec, target: Path) -> str:
    """Write the form for one bidang atomically; return its form id."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.workbook.protection import WorkbookProtection

    pk, per = spec.pk, spec.periode
    bidang = pk.bidang_by_kode(spec.bidang)
    assert bidang is not None, spec.bidang
    inds = pk.indikator_of(bidang.kode)
    angg = pk.anggaran_of(bidang.kode)
    sidik = pk.fingerprint(bidang.kode)
    fid = L.form_id(
        pk.identitas.pemda,
        pk.identitas.perangkat_daerah,
        pk.identitas.tahun,
        per,
        bidang.kode,
        sidik,
    )

    wb = Workbook()
    register_styles(wb)
    ws_p = wb.active
    ws_p.title = L.PETUNJUK
    ws_k = wb.create_sheet(L.KINERJA)
    ws_a = wb.create_sheet(L.ANGGARAN) if angg else None
    ws_i = wb.create_sheet(L.IDENTITAS)

    _write_petunjuk(ws_p, spec, bidang.nama, inds, bool(angg))
    _write_kinerja(ws_k, spec, bidang.nama, inds)
    if ws_a is not None:
        _write_anggaran(ws_a, spec, bidang.nama, angg)
    ident = {
        "form_id": fid,
        "versi_alat": __version__,
        "pemda": pk.identitas.pemda,
        "perangkat_daerah": pk.identitas.perangkat_daerah,
        "bidang": bidang.kode,
        "nama_bidang": bidang.nama,
        "tahun": str(pk.identitas.tahun),
        "periode": per.kode,
        "sidik_pk": sidik,
        "jumlah_indikator": str(len(inds)),
        "jumlah_anggaran": str(len(angg)),
    }
    ws_i["A1"], ws_i["B1"] = "kunci", "nilai"
    for r, key in enumerate(L.IDENTITY_KEYS, start=2):
        ws_i.cell(r, 1, key)
        safe_text(ws_i.cell(r, 2), ident[key])
    ws_i.sheet_state = "veryHidden"
    ws_i.protection.sheet = True
    wb.defined_names[L.DEFINED_NAME] = DefinedName(L.DEFINED_NAME, attr_text=f'"{fid}"')
    try:
        from openpyxl.packaging.custom import StringProperty

        wb.custom_doc_props.append(StringProperty(name=L.DOC_PROPERTY, value=fid))
    except ImportError:  # pragma: no cover - older openpyxl
        pass
    for ws in [ws_p, ws_k] + ([ws_a] if ws_a is not None else []):
        ws.protection.sheet = True
        ws.protection.formatColumns = False  # allow widening columns and rows
        ws.protection.formatRows = False
        ws.protection.formatCells = True
        if spec.kata_sandi:
            ws.protection.password = spec.kata_sandi
    wb.security = WorkbookProtection(lockStructure=True)
    if spec.kata_sandi:
        wb.security.workbookPassword = spec.kata_sandi
    wb.active = 1  # open on Kinerja
    wb.properties.creator = f"kinerja {__version__}"
    wb.properties.title = (
        f"Formulir Pengukuran Kinerja {per.label} {pk.identitas.tahun} - {bidang.nama}"
    )
    fixed = dt.datetime(pk.identitas.tahun or 2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    atomic_save(target, wb.save)
    return fid


def _title_rows(ws: Any, spec: FormSpec, nama_bidang: str, judul: str, ncols: int) -> None:
    idn = spec.pk.identitas
    lines = [
        nama.pemerintah(idn.pemda).upper(),
        nama.perangkat_daerah(idn.perangkat_daerah, idn.pemda).upper(),
        f"{judul} {spec.periode.label.upper()} TAHUN {idn.tahun}",
        f"{nama_bidang}"
        + (f" — kembalikan paling lambat {tanggal_id(spec.batas)}" if spec.batas else ""),
    ]
    for r, text in enumerate(lines, start=1):
        c = ws.cell(r, 1)
        safe_text(c, text)
        c.style = "kn_judul" if r <= 3 else "kn_subjudul"
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=max(ncols, 2))
    ws.row_dimensions[3].height = 20


def _write_header(ws: Any, cols: Sequence[L.Column]) -> None:
    from openpyxl.utils import get_column_letter

    for c, col in enumerate(cols, start=1):
        cell = ws.cell(L.HEADER_ROW, c, col.header)
        cell.style = "kn_header"
        ws.column_dimensions[get_column_letter(c)].width = col.width
    ws.row_dimensions[L.HEADER_ROW].height = 32


def _write_kinerja(ws: Any, spec: FormSpec, nama_bidang: str, inds: Sequence[Indikator]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    cols = L.kinerja_columns(spec.periode, any(i.komponen for i in inds))
    _title_rows(ws, spec, nama_bidang, "FORMULIR PENGUKURAN KINERJA", len(cols))
    _write_header(ws, cols)
    sasaran = {s.kode: s.nama for s in spec.pk.sasaran}
    dvs: dict[tuple[str, ...], Any] = {}

    def dv(key: tuple[str, ...], make: Any) -> Any:
        if key not in dvs:
            dvs[key] = make()
            ws.add_data_validation(dvs[key])
        return dvs[key]

    pre = spec.prefill
    for i, ind in enumerate(inds):
        r = L.FIRST_ROW + i
        prev = pre.realisasi.get(ind.kode, []) if pre else []
        narasi = pre.narasi.get(ind.kode) if pre else None
        for c, col in enumerate(cols, start=1):
            cell = ws.cell(r, c)
            letter = get_column_letter(c)
            if col.field == "no":
                cell.value = i + 1
                cell.style = "kn_locked_center"
            elif col.field in ("kode", "nama", "satuan", "arah", "sasaran"):
                v = {
                    "kode": ind.kode,
                    "nama": ind.nama,
                    "satuan": ind.satuan,
                    "arah": ind.arah.value,
                    "sasaran": sasaran.get(ind.sasaran, ""),
                }[col.field]
                safe_text(cell, v)
                cell.style = "kn_locked"
            elif col.field == "target":
                cell.value = _target_cell(ind.target, ind.target_teks)
                cell.style = "kn_locked_num"
            elif col.field == "target_tw":
                assert col.tw
                cell.value = _target_cell(ind.target_tw[col.tw - 1], ind.target_tw_teks[col.tw - 1])
                cell.style = "kn_locked_num"
            elif col.field in ("pembilang", "penyebut"):
                _komponen_cell(cell, letter, r, col, ind, spec, dv)
            elif col.field == "realisasi" and ind.komponen:
                # computed by kinerja from Pembilang and Penyebut (docs/contract.md §14)
                cell.style = "kn_locked_num"
            elif col.field == "realisasi":
                assert col.tw
                # Earlier quarters already accepted are pre-filled and stay editable (docs/contract.md §5).
                old = (
                    prev[col.tw - 1]
                    if col.tw <= len(prev) and col.tw < spec.periode.triwulan
                    else None
                )
                if isinstance(old, bool):
                    cell.value = "Ada" if old else "Tidak Ada"
                elif old is not None:
                    cell.value = old
                cell.style = "kn_input_num"
                title, prompt = _prompt(ind, col.tw)
                if ind.arah == Arah.BINER:
                    choices = _biner_list(ind)
                    key = ("biner", str(col.tw), choices)
                    v = dv(
                        key,
                        lambda t=title, p=prompt, f=choices: DataValidation(
                            type="list",
                            formula1=f,
                            allow_blank=True,
                            showInputMessage=True,
                            promptTitle=t,
                            prompt=p,
                            showErrorMessage=True,
                            errorTitle="Jawaban tidak sah",
                            error="Pilih salah satu jawaban dari daftar.",
                        ),
                    )
                else:
                    key = ("num", str(col.tw), prompt)
                    v = dv(
                        key,
                        lambda t=title, p=prompt: DataValidation(
                            type="decimal",
                            operator="greaterThanOrEqual",
                            formula1="0",
                            allow_blank=True,
                            showInputMessage=True,
                            promptTitle=t,
                            prompt=p,
                            showErrorMessage=True,
                            errorTitle="Bukan angka",
                            error=(
                                "Isi angka 0 atau lebih dengan pemisah desimal komputer Anda: "
                                "61,2 bila bahasa/wilayah Indonesia, 61.2 bila Inggris."
                            ),
                        ),
                    )
                v.add(f"{letter}{r}")
            elif col.kind == "narasi":
                if narasi is not None:
                    safe_text(cell, getattr(narasi, col.field))
                cell.style = "kn_input_text"
                v = dv(
                    ("narasi",),
                    lambda: DataValidation(
                        type="textLength",
                        operator="lessThanOrEqual",
                        formula1=str(L.NARASI_MAX),
                        allow_blank=True,
                        showInputMessage=True,
                        promptTitle="Isian uraian",
                        prompt=(
                            "Uraikan singkat (paling banyak 2.000 karakter). Faktor Penghambat dan "
                            "Tindak Lanjut wajib bila realisasi di bawah target."
                        ),
                        showErrorMessage=True,
                        errorStyle="warning",
                        errorTitle="Terlalu panjang",
                        error="Uraian lebih dari 2.000 karakter akan dipotong di laporan.",
                    ),
                )
                v.add(f"{letter}{r}")
        ws.row_dimensions[r].height = row_height(
            [
                (str(ws.cell(r, c).value or ""), col.width)
                for c, col in enumerate(cols, start=1)
                if col.field in ("sasaran", "nama")
            ]
        )
    _write_ttd(ws, spec, nama_bidang, L.FIRST_ROW + len(inds) - 1, len(cols))
    ws.freeze_panes = ws.cell(L.FIRST_ROW, 5)
    apply_print_setup(ws, L.HEADER_ROW)


DOTS = "." * 36


def _write_ttd(ws: Any, spec: FormSpec, nama_bidang: str, last_row: int, ncols: int) -> None:
    """The Kepala Bidang's signature block under the table (the PK's Bidang sheet: Kepala, NIP,
    Jabatan); the date is written by hand when the printed form is signed."""
    from openpyxl.styles import Alignment, Font

    bidang = spec.pk.bidang_by_kode(spec.bidang)
    kepala = bidang.kepala if bidang else ""
    nip = bidang.nip if bidang else ""
    jabatan = (bidang.jabatan if bidang else "") or f"Kepala {nama_bidang}"
    tempat = spec.pk.identitas.tempat or DOTS[:16]
    center = Alignment(horizontal="center", vertical="bottom", wrap_text=True)
    add_named_style(ws.parent, "kn_ttd", alignment=center)
    add_named_style(
        ws.parent, "kn_ttd_nama", alignment=center, font=Font(bold=True, underline="single")
    )
    lines = (
        (f"{tempat}, {DOTS}", "kn_ttd", 15.0),
        (jabatan, "kn_ttd", row_height([(jabatan, 66)])),
        ("", "kn_ttd", 54.0),  # the space to sign in
        (kepala or f"({DOTS})", "kn_ttd_nama", 15.0),
        (f"NIP {format_nip(nip)}" if nip else f"NIP {DOTS}", "kn_ttd", 15.0),
    )
    rows, cols = L.ttd_area(last_row, ncols)
    for r, (text, style, height) in zip(rows, lines, strict=True):
        cell = ws.cell(r, cols[0])
        safe_text(cell, text)
        cell.style = style
        ws.merge_cells(start_row=r, start_column=cols[0], end_row=r, end_column=cols[-1])
        ws.row_dimensions[r].height = height


def _komponen_cell(
    cell: Any, letter: str, r: int, col: L.Column, ind: Indikator, spec: FormSpec, dv: Any
) -> None:
    """A Pembilang or Penyebut cell: an input for a component indicator (pre-filled for the
    earlier quarters already accepted), locked and empty for the other rows."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if not ind.komponen:
        cell.style = "kn_locked"
        return
    assert col.tw
    pre = spec.prefill
    prev = (getattr(pre, col.field).get(ind.kode, []) if pre else []) or []
    if col.tw <= len(prev) and col.tw < spec.periode.triwulan and prev[col.tw - 1] is not None:
        cell.value = prev[col.tw - 1]
    cell.style = "kn_input_num"
    tw = romawi(col.tw)
    nama_q = ind.pembilang if col.field == "pembilang" else ind.penyebut
    kapan = (
        f"DALAM triwulan {tw} saja" if ind.sifat == Sifat.KUMULATIF else f"PADA AKHIR triwulan {tw}"
    )
    title = f"{col.field.capitalize()} TW {tw}"
    prompt = (
        f"{nama_q}: isi jumlahnya {kapan}, angka >= 0. Realisasi = Pembilang / Penyebut x 100 "
        "dihitung otomatis."
    )[:255]
    v = dv(
        ("komponen", ind.kode, col.field, str(col.tw)),
        lambda: DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showInputMessage=True,
            promptTitle=title[:32],
            prompt=prompt,
            showErrorMessage=True,
            errorTitle="Bukan angka",
            error="Isi angka 0 atau lebih dengan pemisah desimal komputer Anda.",
        ),
    )
    v.add(f"{letter}{r}")


def _write_anggaran(
    ws: Any, spec: FormSpec, nama_bidang: str, rows: Sequence[BarisAnggaran]
) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    cols = L.anggaran_columns(spec.periode)
    _title_rows(ws, spec, nama_bidang, "FORMULIR REALISASI ANGGARAN", len(cols))
    _write_header(ws, cols)
    leaf_rows = {a.kode for a in rows if not spec.pk.is_parent(a.kode)}
    pre = spec.prefill
    dvs: dict[int, Any] = {}
    for i, a in enumerate(rows):
        r = L.FIRST_ROW + i
        leaf = a.kode in leaf_rows
        prev = pre.anggaran.get(a.kode, []) if pre else []
        for c, col in enumerate(cols, start=1):
            cell = ws.cell(r, c)
            if col.field == "kode":
                safe_text(cell, a.kode)
                cell.style = "kn_locked" if leaf else "kn_parent"
            elif col.field == "uraian":
                safe_text(cell, a.uraian)
                cell.style = "kn_locked" if leaf else "kn_parent"
            elif col.field == "pagu":
                cell.value = a.pagu
                cell.style = "kn_locked_rp" if leaf else "kn_parent_rp"
            elif col.field == "realisasi":
                assert col.tw
                if not leaf:
                    # Parent rows are subtotals: recomputed by kinerja, never typed (docs/contract.md §4).
                    cell.style = "kn_parent_rp"
                    continue
                old = (
                    prev[col.tw - 1]
                    if col.tw <= len(prev) and col.tw < spec.periode.triwulan
                    else None
                )
                if old is not None:
                    cell.value = old
                cell.style = "kn_input_rp"
                if col.tw not in dvs:
                    tw = romawi(col.tw)
                    dvs[col.tw] = DataValidation(
                        type="decimal",
                        operator="greaterThanOrEqual",
                        formula1="0",
                        allow_blank=True,
                        showInputMessage=True,
                        promptTitle=f"Realisasi anggaran TW {tw}",
                        prompt=(
                            f"Isi rupiah yang dibelanjakan DALAM triwulan {tw} saja (bukan "
                            "jumlah s/d), tanpa Rp dan titik, mis. 150000000. Jumlah tidak "
                            "boleh melebihi pagu."
                        ),
                        showErrorMessage=True,
                        errorTitle="Bukan angka",
                        error="Isi angka rupiah 0 atau lebih.",
                    )
                    ws.add_data_validation(dvs[col.tw])
                dvs[col.tw].add(f"{get_column_letter(c)}{r}")
        ws.row_dimensions[r].height = row_height([(a.uraian, cols[1].width)])
    ws.freeze_panes = ws.cell(L.FIRST_ROW, 3)
    apply_print_setup(ws, L.HEADER_ROW)


def _write_petunjuk(
    ws: Any, spec: FormSpec, nama_bidang: str, inds: Sequence[Indikator], ada_anggaran: bool
) -> None:
    komponen = [i for i in inds if i.komponen]
    idn = spec.pk.identitas
    per = spec.periode
    k = per.triwulan
    tw = romawi(k)
    batas = tanggal_id(spec.batas) if spec.batas else "(lihat surat pengantar)"
    lines: list[tuple[str, str]] = [
        (
            "judul",
            f"PETUNJUK PENGISIAN FORMULIR PENGUKURAN KINERJA {per.label.upper()} TAHUN {idn.tahun}",
        ),
        ("teks", nama.perangkat_daerah_lengkap(idn.perangkat_daerah, idn.pemda)),
        ("teks", f"Unit pengisi: {nama_bidang} ({spec.bidang}); {len(inds)} indikator."),
        ("sub", f"Batas pengembalian: {batas}"),
        (
            "teks",
            f"Kembalikan formulir ini (tetap dalam format .xlsx) kepada {spec.kembalikan_ke}.",
        ),
        ("teks", ""),
        ("sub", "Cara mengisi"),
        (
            "teks",
            "1. Isi hanya sel berwarna kuning muda. Sel lain terkunci dan berasal dari Perjanjian "
            "Kinerja (PK); perubahan pada sel itu akan ditolak.",
        ),
        (
            "teks",
            f"2. Lembar Kinerja: isi kolom Realisasi TW I sampai Realisasi TW {tw}. Realisasi "
            "triwulan yang sudah diterima sebelumnya sudah terisi; perbaiki bila ada yang salah.",
        ),
        (
            "teks",
            "3. Indikator KUMULATIF (km, unit, dokumen, Ha, ...): isi capaian yang diperoleh DALAM "
            "triwulan itu saja; realisasi sampai dengan triwulan adalah jumlahnya.",
        ),
        (
            "teks",
            "4. Indikator STATUS (persentase, indeks, nilai): isi keadaan PADA AKHIR triwulan itu; "
            "yang dipakai adalah nilai triwulan terakhir yang terisi.",
        ),
        ("teks", "5. Indikator BINER (ada/tidak): pilih jawaban dari daftar."),
        (
            "teks",
            "6. Tulis angka tanpa satuan, dengan pemisah desimal yang dipakai komputer Anda: koma "
            "(61,2) bila Excel/LibreOffice berbahasa atau berwilayah Indonesia, titik (61.2) bila "
            "Inggris; keduanya terbaca sama. Jangan menulis rumus, tanda '-' atau 'n/a'; bila data "
            "belum ada, kosongkan dan jelaskan di Faktor Penghambat.",
        ),
        (
            "teks",
            "7. Bila realisasi di bawah target, Faktor Penghambat dan Tindak Lanjut wajib diisi.",
        ),
        (
            "teks",
            "8. Jangan menambah, menghapus, atau mengurutkan ulang baris, dan jangan mengganti nama lembar.",
        ),
    ]
    if ada_anggaran:
        lines.append(
            (
                "teks",
                "9. Lembar Anggaran: isi rupiah yang dibelanjakan DALAM tiap triwulan pada "
                "baris sub-kegiatan. Baris program/kegiatan (abu-abu) dijumlahkan otomatis.",
            )
        )
    nomor = 10 if ada_anggaran else 9
    if komponen:  # docs/contract.md §14
        lines.append(
            (
                "teks",
                f"{nomor}. Indikator yang diukur dari dua jumlah (kolom Pembilang TW dan Penyebut "
                "TW kuning): isi keduanya untuk setiap triwulan; kolom Realisasinya terkunci "
                "karena realisasi = Pembilang / Penyebut x 100 dihitung otomatis. Penyebut 0 "
                "hanya boleh bila Pembilang juga 0 (tidak ada yang diukur).",
            )
        )
        for ind in komponen:
            lines.append(
                ("teks", f"    {ind.kode}: Pembilang = {ind.pembilang}; Penyebut = {ind.penyebut}.")
            )
        nomor += 1
    lines.append(
        (
            "teks",
            f"{nomor}. Bukti Dukung: tulis nama dokumen bukti (mis. Laporan Fisik TW2.pdf) atau "
            "tautannya (https://...), dipisah titik koma atau baris baru, dan kirim dokumen bukti "
            "itu bersama formulir; dokumen yang disebut namanya diperiksa keberadaannya.",
        )
    )
    nomor += 1
    lines.append(
        (
            "teks",
            f"{nomor}. Di bawah tabel lembar Kinerja ada blok tanda tangan "
            "Kepala Bidang (nama, jabatan dan NIP dari PK): cetak lembar itu untuk "
            "ditandatangani dan diberi tanggal; yang dikembalikan tetap formulir .xlsx ini.",
        )
    )
    definisi = [i for i in inds if i.definisi.strip()]
    if definisi:
        lines += [("teks", ""), ("sub", "Definisi operasional indikator (dari PK)")]
        lines += [("teks", f"{i.kode} {i.nama}: {i.definisi.strip()}") for i in definisi]
    lines += [("teks", ""), ("sub", "Arti kolom")]
    for h, arti in (
        ("Kode / Sasaran / Indikator Kinerja / Satuan", "dari PK, tidak boleh diubah"),
        (
            "Arah",
            "naik = makin tinggi makin baik; turun = makin rendah makin baik; "
            "rentang = target berupa rentang; biner = ada/tidak",
        ),
        ("Target", "target tahunan dalam PK"),
        (
            "Target TW I–IV",
            "target s/d triwulan itu (kumulatif) atau keadaan akhir triwulan (status)",
        ),
        ("Realisasi TW I–IV", "isian bidang; lihat cara mengisi nomor 3–5"),
        ("Faktor Pendorong", "hal yang mendukung keberhasilan"),
        ("Faktor Penghambat", "kendala; wajib bila realisasi di bawah target"),
        ("Tindak Lanjut", "upaya pada triwulan berikutnya; wajib bila realisasi di bawah target"),
        *(
            [
                (
                    "Pembilang TW / Penyebut TW",
                    "dua jumlah indikator yang diukur sebagai persentase Pembilang / Penyebut",
                )
            ]
            if komponen
            else []
        ),
        ("Bukti Dukung", "nama dokumen bukti yang dikirim, tautan, atau nomor surat"),
    ):
        lines.append(("kolom", f"{h}: {arti}"))
    for r, (kind, text) in enumerate(lines, start=1):
        c = ws.cell(r, 1)
        safe_text(c, text)
        c.style = {"judul": "kn_judul", "sub": "kn_subjudul"}.get(kind, "kn_wrap")
        ws.row_dimensions[r].height = row_height([(text, 90)], line=14 if kind == "judul" else 13)
    ws.column_dimensions["A"].width = 90
    apply_print_setup(ws, None, portrait=True, scale=75)


__all__ = ["BULAN", "FormSpec", "write_form"]
