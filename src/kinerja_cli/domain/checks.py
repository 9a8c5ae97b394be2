"""The rules of SPEC §5 for what a bidang typed into a form: pure values in, findings out.

The form reader (io/form_reader.py) finds the cells; this module decides what a cell's content
means (a number the Indonesian way, a biner answer, a blank, a sentinel, a date Excel made up)
and which warnings the values deserve. Standard library only; no file access.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja_cli.domain.capaian import capaian_indikator, parse_biner
from kinerja_cli.domain.findings import ERROR, WARNING, Finding, Severity
from kinerja_cli.domain.kode_temuan import severity_of
from kinerja_cli.domain.models import Arah, BarisAnggaran, Indikator, Narasi, Nilai, Rentang, Sifat
from kinerja_cli.domain.numbers import Angka, NumberError, format_angka, parse_number
from kinerja_cli.domain.periode import Periode, romawi

TEKS_MAKS = 32_767  # Excel's limit per cell; openpyxl would cut silently (RELIABILITY A10)
NARASI_MAKS = 2_000  # SPEC §5: longer narratives are cut in the report
SKALA_PERSEN = Decimal("1.5")  # a `%` value at or below this, with a target above it, is 0,9 or 90?
_SERATUS = Decimal(100)
_SETENGAH = Decimal("0.5")
_TANGGAL = (dt.datetime, dt.date, dt.time, dt.timedelta)


@dataclass
class Catatan:
    """Collects findings for one file; severity defaults to the catalogue's."""

    file: str
    findings: list[Finding] = field(default_factory=list)

    def add(self, code: str, message: str, *, sheet: str | None = None, cell: str | None = None,
            kode: str | None = None, severity: Severity | None = None) -> None:
        """Record one finding."""
        sev: Severity = severity or (WARNING if severity_of(code) == WARNING else ERROR)
        self.findings.append(Finding(code, sev, message, self.file, sheet, cell, kode))


@dataclass(frozen=True)
class Sel:
    """One input cell as read: its value ('' already turned into None) and what the bytes said.

    `rumus` is the formula text ("" when only its presence is known); `galat` the error text
    of an error cell; `eksternal` a formula reading another workbook.
    """

    ref: str
    nilai: object
    rumus: str | None = None
    galat: str | None = None
    eksternal: bool = False


class _Ditolak:
    """Marker: the cell's content cannot be used at all (finding already made)."""


DITOLAK = _Ditolak()


def angka_teks(d: Decimal) -> str:
    """A Decimal the Indonesian way with all its decimals: 1.234,5; 0,709."""
    exp = d.as_tuple().exponent
    places = min(max(-exp, 0), 6) if isinstance(exp, int) else 2
    try:
        return format_angka(d, places, trim=True)
    except ArithmeticError:  # beyond the rounding context (1E+30 and up): plain digits
        return format(d, "f") if d.adjusted() < 400 else format(d, "E")


def bersih(d: Decimal) -> Decimal:
    """`70.900` -> `70.9`, `1E+2` -> `100`: one spelling per value, for storage and diff."""
    n = d.normalize()
    exp = n.as_tuple().exponent
    if isinstance(exp, int) and exp > 0 and n.adjusted() < 400:
        return Decimal(int(n))  # exact at any size, unlike quantize in a 28-digit context
    return n


def _kutip(value: object, limit: int = 60) -> str:
    text = str(value).replace("\n", " ")
    return f'"{text[:limit]}…"' if len(text) > limit else f'"{text}"'


def isi_sel(sel: Sel, cat: Catatan, sheet: str, kode: str | None, label: str) -> object:
    """The usable content of an input cell, or DITOLAK after an error finding."""
    rumus = f" ={sel.rumus}" if sel.rumus else ""
    if sel.eksternal:
        cat.add("tautan-eksternal", f"{label} berisi rumus{rumus} yang mengambil nilai dari file "
                "lain; nilainya tidak dipakai. Ketik angkanya langsung.", sheet=sheet, cell=sel.ref,
                kode=kode, severity=ERROR)  # fmt: skip
        return DITOLAK
    if sel.galat is not None:
        galat = f" {sel.galat}" if sel.galat else ""
        cat.add("sel-galat", f"{label} berisi galat{galat}, bukan nilai; ketik nilainya langsung.",
                sheet=sheet, cell=sel.ref, kode=kode)
        return DITOLAK
    if sel.rumus is not None:
        if sel.nilai is None:
            cat.add("rumus-tanpa-nilai", f"{label} berisi rumus{rumus} tanpa nilai tersimpan; "
                    "ketik angkanya langsung, atau buka di Excel lalu simpan ulang.", sheet=sheet,
                    cell=sel.ref, kode=kode)  # fmt: skip
            return DITOLAK
        cat.add("rumus-di-sel-isian", f"{label} berisi rumus{rumus}; nilai tersimpannya "
                f"{_kutip(sel.nilai)} dipakai. Sebaiknya ketik angkanya langsung.", sheet=sheet,
                cell=sel.ref, kode=kode)  # fmt: skip
    return sel.nilai


def _bukan_angka(value: object, awalan: str) -> str:
    if isinstance(value, bool):
        return (f"{awalan} berisi nilai logika {'TRUE' if value else 'FALSE'}, bukan angka; "
                "isi angka seperti 98,5")  # fmt: skip
    if isinstance(value, dt.datetime | dt.date):
        tgl = value.strftime("%d-%m-%Y")
        return (f"{awalan} berisi tanggal {tgl}, bukan angka — Excel mengubah isian menjadi "
                "tanggal. Format sel sebagai Angka lalu ketik ulang, mis. 98,5")  # fmt: skip
    if isinstance(value, dt.time | dt.timedelta):
        return (f"{awalan} berisi waktu {value}, bukan angka — Excel mengubah isian menjadi "
                "jam. Format sel sebagai Angka lalu ketik ulang, mis. 98,5")  # fmt: skip
    return f"{awalan} berisi {_kutip(value)}, bukan angka; isi angka seperti 98,5"


def angka_sel(value: object, cat: Catatan, sheet: str, ref: str, kode: str | None, label: str,
              prefix: str, milik_periode: bool) -> Angka | None:
    """Parse a numeric input (realisasi or anggaran); None after a finding or when blank."""
    if value is None:
        return None
    if isinstance(value, (bool, *_TANGGAL)):
        cat.add(f"{prefix}-bukan-angka", _bukan_angka(value, label), sheet=sheet, cell=ref, kode=kode)
        return None
    if isinstance(value, float) and not math.isfinite(value):
        cat.add(f"{prefix}-bukan-angka", f"{label} berisi nilai tak hingga/NaN (isi sel rusak atau "
                "terlalu besar), bukan angka; ketik angkanya langsung.", sheet=sheet, cell=ref,
                kode=kode)  # fmt: skip
        return None
    try:
        return parse_number(value)
    except NumberError as exc:
        if exc.code == "kosong":
            return None
        if exc.code == "tanpa-data":
            sev = ERROR if milik_periode else WARNING
            akhir = ("isi angkanya (0 bila memang nol) dan jelaskan di Faktor Penghambat bila data "
                     "belum ada" if milik_periode else "nilainya dianggap kosong")  # fmt: skip
            cat.add(f"{prefix}-tanpa-data", f"{label} berisi {_kutip(value)} (tanda tidak ada "
                    f"data), bukan angka; {akhir}.", sheet=sheet, cell=ref, kode=kode,
                    severity=sev)  # fmt: skip
            return None
        saran = f"; maksud Anda {exc.suggestion}?" if exc.suggestion else ""
        contoh = "" if exc.suggestion else (
            "; isi rupiah tanpa Rp dan titik, mis. 150000000" if prefix == "anggaran"
            else "; isi angka seperti 98,5 (koma untuk desimal)")
        cat.add(f"{prefix}-bukan-angka", f"{label} berisi {_kutip(value)}, bukan angka yang sah"
                f"{saran}{contoh}", sheet=sheet, cell=ref, kode=kode)  # fmt: skip
        return None


def target_angka(ind: Indikator) -> Decimal | None:
    """The annual target as one number (a range's lower bound), None for biner."""
    if isinstance(ind.target, Rentang):
        return ind.target.bawah
    if isinstance(ind.target, Decimal):
        return ind.target
    return None


def realisasi(ind: Indikator, sel: Sel, tw: int, periode: Periode, cat: Catatan, sheet: str,
              persen_format: Callable[[str], bool | None]) -> Nilai | None:
    """The realisation in one cell, or None (blank, or unusable after a finding).

    `persen_format(ref)` tells whether a cell's number format shows %, None when unknown;
    it is asked only for a bare fraction in a `%` indicator (RELIABILITY A11).
    """
    label = f"Realisasi TW {romawi(tw)}"
    milik = tw == periode.triwulan
    value = isi_sel(sel, cat, sheet, ind.kode, label)
    if value is DITOLAK or value is None:
        return None
    if ind.arah == Arah.BINER:
        return _biner(ind, value, sel.ref, label, milik, cat, sheet)
    angka = angka_sel(value, cat, sheet, sel.ref, ind.kode, label, "realisasi", milik)
    if angka is None:
        return None
    nilai = bersih(angka.nilai)
    if nilai < 0:
        cat.add("realisasi-negatif", f"{label} berisi {angka_teks(nilai)}, angka negatif; "
                f"realisasi harus 0 atau lebih (dalam {ind.satuan}).", sheet=sheet, cell=sel.ref,
                kode=ind.kode)  # fmt: skip
        return nilai
    target = target_angka(ind)
    if (ind.is_persen and not angka.persen and target is not None and 0 < nilai <= SKALA_PERSEN
            and target > SKALA_PERSEN):
        fmt = persen_format(sel.ref) if not isinstance(value, str) else None
        if fmt:
            return bersih(nilai * _SERATUS)  # 0,709 shown as 70,9% means 70,9
        cat.add("persen-skala-ambigu", f"{label} berisi {angka_teks(nilai)} sedangkan targetnya "
                f"{angka_teks(target)}%: maksudnya {angka_teks(nilai)}% atau "
                f"{angka_teks(bersih(nilai * _SERATUS))}%? Nilai {angka_teks(nilai)} dipakai; "
                "tulis persentase sebagai angka 0-100.", sheet=sheet, cell=sel.ref,
                kode=ind.kode)  # fmt: skip
    return nilai


def _biner(ind: Indikator, value: object, ref: str, label: str, milik: bool, cat: Catatan,
           sheet: str) -> bool | None:
    if isinstance(value, str):
        value = value.strip()
    yn = parse_biner(value)
    if yn is not None:
        return yn
    try:
        parse_number(value)
    except NumberError as exc:
        if exc.code == "tanpa-data":
            angka_sel(value, cat, sheet, ref, ind.kode, label, "realisasi", milik)
            return None
    pilihan = "Ya atau Tidak" if ind.target_teks.strip().casefold() in ("ya", "tidak") else (
        "Ada atau Tidak Ada")
    cat.add("biner-tidak-sah", f"{label} berisi {_kutip(value)}, bukan jawaban yang sah; pilih "
            f"{pilihan} dari daftar.", sheet=sheet, cell=ref, kode=ind.kode)  # fmt: skip
    return None


def teks_narasi(text: str, dibersihkan: bool, cat: Catatan, sheet: str, ref: str, kode: str,
                label: str) -> str:
    """Check a narrative already cleaned by the reader; warn on controls and length."""
    if dibersihkan:
        cat.add("teks-karakter-kontrol", f"{label} berisi karakter kontrol/tak terlihat; sudah "
                "dibersihkan (diganti spasi).", sheet=sheet, cell=ref, kode=kode)  # fmt: skip
    n = len(text)
    if n > TEKS_MAKS:
        cat.add("teks-melebihi-batas", f"{label} berisi {format_angka(n, 0)} karakter, melebihi "
                "batas sel Excel 32.767 karakter; ringkas uraiannya.", sheet=sheet, cell=ref,
                kode=kode)  # fmt: skip
    elif n > NARASI_MAKS:
        cat.add("teks-terlalu-panjang", f"{label} berisi {format_angka(n, 0)} karakter, lebih dari "
                "2.000; teks akan dipotong di laporan.", sheet=sheet, cell=ref, kode=kode)  # fmt: skip
    return text


@dataclass(frozen=True)
class BarisRealisasi:
    """One indicator's parsed row, for the SPEC §5 warnings."""

    ind: Indikator
    nilai: Sequence[Nilai | None]  # per quarter 1..k
    refs: Sequence[str | None]  # cell of each quarter
    narasi: Narasi
    narasi_refs: dict[str, str]  # Narasi field -> cell
    bermasalah: frozenset[int]  # quarters whose cell already has a finding (no more warnings)
    ada_galat: bool  # any error finding on this row


def _jarak(target: Rentang, v: Decimal) -> Decimal:
    return target.bawah - v if v < target.bawah else v - target.atas if v > target.atas else Decimal(0)


def _memburuk(ind: Indikator, prev: Decimal, cur: Decimal) -> bool:
    if ind.arah == Arah.TURUN:
        return cur > prev
    if ind.arah == Arah.RENTANG and isinstance(ind.target, Rentang):
        return _jarak(ind.target, cur) > _jarak(ind.target, prev)
    return cur < prev


def peringatan(baris: BarisRealisasi, periode: Periode, cat: Catatan, sheet: str) -> None:
    """The SPEC §5 warnings of one indicator row (after its cells were parsed)."""
    ind, nilai, refs = baris.ind, baris.nilai, baris.refs
    k = periode.triwulan
    for tw in range(1, len(nilai) + 1):
        if nilai[tw - 1] is None and tw < k and tw not in baris.bermasalah and refs[tw - 1]:
            cat.add("triwulan-sebelumnya-kosong", f"Realisasi TW {romawi(tw)} kosong; isi "
                    "realisasi triwulan itu (0 bila memang nol).", sheet=sheet,
                    cell=refs[tw - 1], kode=ind.kode)  # fmt: skip
    if ind.arah == Arah.BINER:
        return
    nums = [v if isinstance(v, Decimal) and not isinstance(v, bool) else None for v in nilai]
    for tw, v in enumerate(nums, start=1):
        if tw in baris.bermasalah:
            nums[tw - 1] = None  # one finding per mistake: no follow-up warnings on that cell
        elif v is not None and ind.is_persen and ind.sifat == Sifat.STATUS and v > _SERATUS:
            cat.add("persen-di-atas-100", f"Realisasi TW {romawi(tw)} berisi {angka_teks(v)}%, "
                    "di atas 100%; periksa kembali (persentase keadaan biasanya 0-100).",
                    sheet=sheet, cell=refs[tw - 1], kode=ind.kode)  # fmt: skip
    penghambat = baris.narasi.penghambat.strip()
    for tw in range(2, len(nums) + 1):
        prev, cur = nums[tw - 2], nums[tw - 1]
        if prev is None or cur is None:
            continue
        tw_teks, prev_teks = romawi(tw), romawi(tw - 1)
        if ind.sifat == Sifat.STATUS and not penghambat and _memburuk(ind, prev, cur):
            cat.add("status-menurun-tanpa-penghambat", f"Realisasi TW {tw_teks} "
                    f"({angka_teks(cur)}) memburuk dari TW {prev_teks} ({angka_teks(prev)}) tetapi "
                    "Faktor Penghambat kosong; jelaskan penyebabnya.", sheet=sheet,
                    cell=refs[tw - 1], kode=ind.kode)  # fmt: skip
        if prev > 0 and abs(cur - prev) > prev * _SETENGAH:
            jenis = "nilai dalam triwulan" if ind.sifat == Sifat.KUMULATIF else "nilai"
            cat.add("perubahan-besar", f"Realisasi TW {tw_teks} ({angka_teks(cur)}) berubah lebih "
                    f"dari 50% dari TW {prev_teks} ({angka_teks(prev)}, {jenis}); pastikan tidak "
                    "salah ketik.", sheet=sheet, cell=refs[tw - 1], kode=ind.kode)  # fmt: skip
    _narasi_wajib(baris, periode, cat, sheet)


def _narasi_wajib(baris: BarisRealisasi, periode: Periode, cat: Catatan, sheet: str) -> None:
    if baris.ada_galat or periode.triwulan in baris.bermasalah:
        return
    kosong = [f for f in ("penghambat", "tindak_lanjut")
              if baris.narasi_refs.get(f) and not getattr(baris.narasi, f).strip()]
    if not kosong:
        return  # nothing to ask for, whatever the capaian
    ind = baris.ind
    try:
        hasil = capaian_indikator(ind, list(baris.nilai), periode.triwulan, periode.tahunan)
    except (TypeError, ValueError, ArithmeticError):
        return
    c = hasil.periode_capaian
    if c is None or c >= _SERATUS:
        return
    for fld, judul in (("penghambat", "Faktor Penghambat"), ("tindak_lanjut", "Tindak Lanjut")):
        ref = baris.narasi_refs.get(fld)
        if ref and fld in kosong:
            cat.add("narasi-wajib-kosong", f"Capaian {angka_teks(c.quantize(Decimal('0.01')))}% "
                    f"di bawah 100% tetapi {judul} kosong; isi {judul}.", sheet=sheet, cell=ref,
                    kode=ind.kode)  # fmt: skip


def anggaran(baris: BarisAnggaran, sel: Sel, tw: int, periode: Periode, cat: Catatan,
             sheet: str) -> Decimal | None:
    """Budget realisation (Rp) in one leaf cell, or None."""
    label = f"Realisasi anggaran TW {romawi(tw)}"
    value = isi_sel(sel, cat, sheet, baris.kode, label)
    if value is DITOLAK or value is None:
        return None
    angka = angka_sel(value, cat, sheet, sel.ref, baris.kode, label, "anggaran",
                      tw == periode.triwulan)
    if angka is None:
        return None
    nilai = bersih(angka.nilai)
    if angka.persen:
        cat.add("anggaran-bukan-angka", f"{label} berisi {_kutip(value)}, persentase; isi "
                "rupiah yang dibelanjakan, mis. 150.000.000.", sheet=sheet, cell=sel.ref,
                kode=baris.kode)  # fmt: skip
        return None
    if nilai < 0:
        cat.add("anggaran-negatif", f"{label} berisi {angka_teks(nilai)}, angka negatif; isi "
                "rupiah 0 atau lebih.", sheet=sheet, cell=sel.ref, kode=baris.kode)  # fmt: skip
    return nilai


def periksa_anggaran(baris: BarisAnggaran, nilai: Sequence[Decimal | None],
                     refs: Sequence[str | None], bermasalah: frozenset[int], periode: Periode,
                     cat: Catatan, sheet: str) -> None:
    """Blank quarters and the pagu ceiling of one leaf budget row."""
    k = periode.triwulan
    for tw in range(1, len(nilai) + 1):
        ref = refs[tw - 1]
        if nilai[tw - 1] is not None or tw in bermasalah or not ref:
            continue
        if tw == k:
            cat.add("anggaran-kosong", f"Realisasi anggaran TW {romawi(tw)} kosong; isi 0 bila "
                    "belum ada belanja.", sheet=sheet, cell=ref, kode=baris.kode)  # fmt: skip
        else:
            cat.add("triwulan-sebelumnya-kosong", f"Realisasi anggaran TW {romawi(tw)} kosong; "
                    "isi 0 bila tidak ada belanja.", sheet=sheet, cell=ref, kode=baris.kode)  # fmt: skip
    total = sum((v for v in nilai if v is not None), Decimal(0))
    if total > baris.pagu:
        ref = refs[k - 1] if k <= len(refs) and refs[k - 1] else next((r for r in refs if r), None)
        cat.add("anggaran-melebihi-pagu", f"Jumlah realisasi anggaran TW I-{romawi(len(nilai))} "
                f"Rp{angka_teks(total)} melebihi pagu Rp{angka_teks(baris.pagu)}; periksa isian.",
                sheet=sheet, cell=ref, kode=baris.kode)  # fmt: skip
