"""The cell rules of docs/contract.md §5 for what a bidang typed into a form: pure values in, findings out.

The form reader (io/form/reader.py) finds the cells; this module decides what a cell's content
means (a number the Indonesian way, a biner answer, a blank, a sentinel, a date Excel made up)
and which warnings the values deserve. Every finding is a rule of `domain.rules`. Standard
library only; no file access.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kinerja_cli.domain.capaian import Komponen, capaian_indikator, parse_biner, rasio_komponen
from kinerja_cli.domain.findings import ERROR, WARNING
from kinerja_cli.domain.models import Arah, BarisAnggaran, Indikator, Narasi, Nilai, Rentang, Sifat
from kinerja_cli.domain.numbers import Angka, NumberError, format_angka, parse_number
from kinerja_cli.domain.periode import Periode, romawi
from kinerja_cli.domain.rules import Code, Collector, Where, rule

TEKS_MAKS = 32_767  # Excel's limit per cell; openpyxl would cut silently (docs/reliability.md A10)
NARASI_MAKS = 2_000  # docs/contract.md §5: longer narratives are cut in the report
SKALA_PERSEN = Decimal("1.5")  # a `%` value at or below this, with a target above it, is 0,9 or 90?
_SERATUS = Decimal(100)
_SETENGAH = Decimal("0.5")
_TANGGAL = (dt.datetime, dt.date, dt.time, dt.timedelta)


@dataclass(frozen=True)
class Cell:
    """One input cell as read: its value ('' already turned into None) and what the bytes said.

    `rumus` is the formula text ("" when only its presence is known); `galat` the error text
    of an error cell; `eksternal` a formula reading another workbook.
    """

    ref: str
    nilai: object
    rumus: str | None = None
    galat: str | None = None
    eksternal: bool = False


class _Rejected:
    """Marker: the cell's content cannot be used at all (finding already made)."""


REJECTED = _Rejected()

# The two codes of a numeric input that is not a number, and of a "no data" sign, per kind.
NUMERIC_CODES = {
    "realisasi": (Code.REALISASI_BUKAN_ANGKA, Code.REALISASI_TANPA_DATA),
    "anggaran": (Code.ANGGARAN_BUKAN_ANGKA, Code.ANGGARAN_TANPA_DATA),
    "komponen": (Code.KOMPONEN_BUKAN_ANGKA, Code.KOMPONEN_TANPA_DATA),
}


def number_text(d: Decimal) -> str:
    """A Decimal the Indonesian way with all its decimals: 1.234,5; 0,709."""
    exp = d.as_tuple().exponent
    places = min(max(-exp, 0), 6) if isinstance(exp, int) else 2
    try:
        return format_angka(d, places, trim=True)
    except ArithmeticError:  # beyond the rounding context (1E+30 and up): plain digits
        return format(d, "f") if d.adjusted() < 400 else format(d, "E")


def canonical(d: Decimal) -> Decimal:
    """`70.900` -> `70.9`, `1E+2` -> `100`: one spelling per value, for storage and diff."""
    n = d.normalize()
    exp = n.as_tuple().exponent
    if isinstance(exp, int) and exp > 0 and n.adjusted() < 400:
        return Decimal(int(n))  # exact at any size, unlike quantize in a 28-digit context
    return n


def quote(value: object, limit: int = 60) -> str:
    """A cell's content quoted for a message, cut at `limit` characters."""
    text = str(value).replace("\n", " ")
    return f'"{text[:limit]}…"' if len(text) > limit else f'"{text}"'


def cell_content(cell: Cell, out: Collector, sheet: str, kode: str | None, label: str) -> object:
    """The usable content of an input cell, or REJECTED after an error finding."""
    rumus = f" ={cell.rumus}" if cell.rumus else ""
    where: Where = {"sheet": sheet, "cell": cell.ref, "kode": kode}
    if cell.eksternal:
        out.add(Code.TAUTAN_EKSTERNAL, **where, severity=ERROR, label=label, rumus=rumus)
        return REJECTED
    if cell.galat is not None:
        out.add(Code.SEL_GALAT, **where, label=label, galat=f" {cell.galat}" if cell.galat else "")
        return REJECTED
    if cell.rumus is not None:
        if cell.nilai is None:
            out.add(Code.RUMUS_TANPA_NILAI, **where, label=label, rumus=rumus)
            return REJECTED
        out.add(Code.RUMUS_DI_SEL_ISIAN, **where, label=label, rumus=rumus, isi=quote(cell.nilai))
    return cell.nilai


def _not_a_number(value: object) -> tuple[str, dict[str, Any]]:
    """The message variant (and its values) for a bool, a date or a time in a numeric cell."""
    if isinstance(value, bool):
        return "logika", {"nilai": "TRUE" if value else "FALSE"}
    if isinstance(value, dt.datetime | dt.date):
        return "tanggal", {"tanggal": value.strftime("%d-%m-%Y")}
    return "waktu", {"waktu": value}


def parse_numeric(
    value: object,
    out: Collector,
    sheet: str,
    ref: str,
    kode: str | None,
    label: str,
    kind: str,
    own_quarter: bool,
) -> Angka | None:
    """Parse a numeric input (`kind` realisasi or anggaran); None after a finding or when blank."""
    if value is None:
        return None
    bukan_angka, tanpa_data = NUMERIC_CODES[kind]
    where: Where = {"sheet": sheet, "cell": ref, "kode": kode}
    if isinstance(value, (bool, *_TANGGAL)):
        variant, params = _not_a_number(value)
        out.add(bukan_angka, **where, variant=variant, label=label, **params)
        return None
    if isinstance(value, float) and not math.isfinite(value):
        out.add(bukan_angka, **where, variant="tak-hingga", label=label)
        return None
    try:
        return parse_number(value)
    except NumberError as exc:
        if exc.code == "kosong":
            return None
        if exc.code == "tanpa-data":
            out.add(
                tanpa_data,
                **where,
                severity=ERROR if own_quarter else WARNING,
                variant="periode" if own_quarter else "sebelumnya",
                label=label,
                isi=quote(value),
            )
            return None
        if exc.suggestion:
            variant = "saran"
        else:
            variant = "contoh-rupiah" if kind == "anggaran" else "contoh"
        out.add(
            bukan_angka,
            **where,
            variant=variant,
            label=label,
            isi=quote(value),
            saran=exc.suggestion,
        )
        return None


def target_number(ind: Indikator) -> Decimal | None:
    """The annual target as one number (a range's lower bound), None for biner."""
    if isinstance(ind.target, Rentang):
        return ind.target.bawah
    if isinstance(ind.target, Decimal):
        return ind.target
    return None


def parse_realisasi(
    ind: Indikator,
    cell: Cell,
    tw: int,
    periode: Periode,
    out: Collector,
    sheet: str,
    persen_format: Callable[[str], bool | None],
) -> Nilai | None:
    """The realisation in one cell, or None (blank, or unusable after a finding).

    `persen_format(ref)` tells whether a cell's number format shows %, None when unknown;
    it is asked only for a bare fraction in a `%` indicator (docs/reliability.md A11).
    """
    label = f"Realisasi TW {romawi(tw)}"
    own = tw == periode.triwulan
    value = cell_content(cell, out, sheet, ind.kode, label)
    if value is REJECTED or value is None:
        return None
    if ind.arah == Arah.BINER:
        return _parse_biner(ind, value, cell.ref, label, own, out, sheet)
    angka = parse_numeric(value, out, sheet, cell.ref, ind.kode, label, "realisasi", own)
    if angka is None:
        return None
    nilai = canonical(angka.nilai)
    where: Where = {"sheet": sheet, "cell": cell.ref, "kode": ind.kode}
    if nilai < 0:
        out.add(
            Code.REALISASI_NEGATIF,
            **where,
            label=label,
            nilai=number_text(nilai),
            satuan=ind.satuan,
        )
        return nilai
    target = target_number(ind)
    if ind.is_persen and not angka.persen and target is not None and 0 < nilai <= SKALA_PERSEN:
        # A % typed in Excel/LibreOffice may be stored as a fraction (64,42% -> 0,6442).
        big = target > SKALA_PERSEN  # then 0,6442 against 65 is a factor 100 off: an error
        small = not big and nilai * 50 <= target  # a small target: 0,012 against 1,2 is doubtful
        if big or small:
            fmt = persen_format(cell.ref) if not isinstance(value, str) else None
            if fmt:
                return canonical(nilai * _SERATUS)  # 0,709 shown as 70,9% means 70,9
            out.add(
                Code.PERSEN_SKALA_AMBIGU,
                **where,
                severity=ERROR if big else WARNING,
                variant=None if big else "kecil",
                label=label,
                nilai=number_text(nilai),
                target=number_text(target),
                kali_seratus=number_text(canonical(nilai * _SERATUS)),
            )
    return nilai


def _parse_biner(
    ind: Indikator, value: object, ref: str, label: str, own: bool, out: Collector, sheet: str
) -> bool | None:
    if isinstance(value, str):
        value = value.strip()
    yn = parse_biner(value)
    if yn is not None:
        return yn
    try:
        parse_number(value)
    except NumberError as exc:
        if exc.code == "tanpa-data":
            parse_numeric(value, out, sheet, ref, ind.kode, label, "realisasi", own)
            return None
    pilihan = (
        "Ya atau Tidak"
        if ind.target_teks.strip().casefold() in ("ya", "tidak")
        else ("Ada atau Tidak Ada")
    )
    out.add(
        Code.BINER_TIDAK_SAH,
        sheet=sheet,
        cell=ref,
        kode=ind.kode,
        label=label,
        isi=quote(value),
        pilihan=pilihan,
    )
    return None


def check_narasi(
    text: str, cleaned: bool, out: Collector, sheet: str, ref: str, kode: str, label: str
) -> str:
    """Check a narrative already cleaned by the reader; warn on controls and length."""
    where: Where = {"sheet": sheet, "cell": ref, "kode": kode}
    if cleaned:
        out.add(Code.TEKS_KARAKTER_KONTROL, **where, label=label)
    n = len(text)
    if n > TEKS_MAKS:
        out.add(Code.TEKS_MELEBIHI_BATAS, **where, label=label, jumlah=format_angka(n, 0))
    elif n > NARASI_MAKS:
        out.add(Code.TEKS_TERLALU_PANJANG, **where, label=label, jumlah=format_angka(n, 0))
    return text


@dataclass(frozen=True)
class RealisasiRow:
    """One indicator's parsed row, for the docs/contract.md §5 warnings."""

    ind: Indikator
    nilai: Sequence[Nilai | None]  # per quarter 1..k
    refs: Sequence[str | None]  # cell of each quarter
    narasi: Narasi
    narasi_refs: dict[str, str]  # Narasi field -> cell
    flagged: frozenset[int]  # quarters whose cell already has a finding (no more warnings)
    has_error: bool  # any error finding on this row
    komponen: Komponen | None = None  # a component indicator's Pembilang, Penyebut per TW


def _distance(target: Rentang, v: Decimal) -> Decimal:
    return (
        target.bawah - v if v < target.bawah else v - target.atas if v > target.atas else Decimal(0)
    )


def _worse(ind: Indikator, prev: Decimal, cur: Decimal) -> bool:
    if ind.arah == Arah.TURUN:
        return cur > prev
    if ind.arah == Arah.RENTANG and isinstance(ind.target, Rentang):
        return _distance(ind.target, cur) > _distance(ind.target, prev)
    return cur < prev


def row_warnings(row: RealisasiRow, periode: Periode, out: Collector, sheet: str) -> None:
    """The docs/contract.md §5 warnings of one indicator row (after its cells were parsed)."""
    ind, nilai, refs = row.ind, row.nilai, row.refs
    k = periode.triwulan
    for tw in range(1, len(nilai) + 1):
        if nilai[tw - 1] is None and tw < k and tw not in row.flagged and refs[tw - 1]:
            out.add(
                Code.TRIWULAN_SEBELUMNYA_KOSONG,
                sheet=sheet,
                cell=refs[tw - 1],
                kode=ind.kode,
                tw=romawi(tw),
            )
    if ind.arah == Arah.BINER:
        return
    nums = [v if isinstance(v, Decimal) and not isinstance(v, bool) else None for v in nilai]
    for tw, v in enumerate(nums, start=1):
        if tw in row.flagged:
            nums[tw - 1] = None  # one finding per mistake: no follow-up warnings on that cell
        elif v is not None and ind.is_persen and ind.sifat == Sifat.STATUS and v > _SERATUS:
            out.add(
                Code.PERSEN_DI_ATAS_100,
                sheet=sheet,
                cell=refs[tw - 1],
                kode=ind.kode,
                tw=romawi(tw),
                nilai=number_text(v),
            )
    penghambat = row.narasi.penghambat.strip()
    for tw in range(2, len(nums) + 1):
        prev, cur = nums[tw - 2], nums[tw - 1]
        if prev is None or cur is None:
            continue
        where: Where = {"sheet": sheet, "cell": refs[tw - 1], "kode": ind.kode}
        # the two quarters as a message names them (formatted only when a warning is given)
        pair = {
            "tw": romawi(tw),
            "nilai": cur,
            "tw_lalu": romawi(tw - 1),
            "nilai_lalu": prev,
        }
        if ind.sifat == Sifat.STATUS and not penghambat and _worse(ind, prev, cur):
            out.add(Code.STATUS_MENURUN_TANPA_PENGHAMBAT, **where, **_pair_text(pair))
        if prev > 0:
            # Compare the change with the PK's own quarterly plan (targets 25 -> 50 -> 75 grow as
            # planned), else with "about the same as last quarter".
            planned = _planned_ratio(ind, tw)
            actual = cur / prev
            if planned is None:
                off = abs(actual - 1) > _SETENGAH  # no plan: more than 50% up or down
            else:  # less than half, or more than double, the change the PK plans
                off = actual > planned * 2 or actual * 2 < planned
            if off:
                jenis = rule(Code.PERUBAHAN_BESAR).part(ind.sifat.value)
                out.add(
                    Code.PERUBAHAN_BESAR,
                    **where,
                    variant=None if planned is None else "rencana",
                    **_pair_text(pair),
                    jenis=jenis,
                    aktual=_ratio_text(actual),
                    rencana=None if planned is None else _ratio_text(planned),
                )
    _narasi_required(row, periode, out, sheet)


def _pair_text(pair: dict[str, Any]) -> dict[str, Any]:
    """Two quarters' names and values as message text."""
    return {k: number_text(v) if isinstance(v, Decimal) else v for k, v in pair.items()}


def _ratio_text(ratio: Decimal) -> str:
    """A ratio to two decimals, for a message; a huge one (1e300 typed by mistake) whole, as
    quantizing it would overflow the decimal context."""
    if ratio.adjusted() >= 20:
        return number_text(ratio.to_integral_value())
    return number_text(ratio.quantize(Decimal("0.01")))


def _planned_ratio(ind: Indikator, tw: int) -> Decimal | None:
    """How much the PK's TW targets plan the value to change from TW tw-1 to TW tw: the ratio
    of the levels (status), or of the quarters' own targets (kumulatif targets are s/d the
    quarter). None without both targets, or when the earlier one is 0."""

    def level(k: int) -> Decimal | None:
        t = ind.target_tw[k - 1] if k >= 1 else Decimal(0)
        return t if isinstance(t, Decimal) and not isinstance(t, bool) else None

    now, before = level(tw), level(tw - 1)
    if now is None or before is None:
        return None
    # A component indicator's quarters are ratios, compared as levels (docs/contract.md §14).
    if ind.sifat == Sifat.KUMULATIF and not ind.komponen:
        earlier = level(tw - 2)
        if earlier is None:
            return None
        now, before = now - before, before - earlier
    return now / before if before > 0 else None


def _narasi_required(row: RealisasiRow, periode: Periode, out: Collector, sheet: str) -> None:
    if row.has_error or periode.triwulan in row.flagged:
        return
    blank = [
        f
        for f in ("penghambat", "tindak_lanjut")
        if row.narasi_refs.get(f) and not getattr(row.narasi, f).strip()
    ]
    if not blank:
        return  # nothing to ask for, whatever the capaian
    ind = row.ind
    try:
        hasil = capaian_indikator(
            ind, list(row.nilai), periode.triwulan, periode.tahunan, komponen=row.komponen
        )
    except (TypeError, ValueError, ArithmeticError):
        return
    c = hasil.periode_capaian
    if c is None or c >= _SERATUS:
        return
    for fld, kolom in (("penghambat", "Faktor Penghambat"), ("tindak_lanjut", "Tindak Lanjut")):
        ref = row.narasi_refs.get(fld)
        if ref and fld in blank:
            out.add(
                Code.NARASI_WAJIB_KOSONG,
                sheet=sheet,
                cell=ref,
                kode=ind.kode,
                capaian=number_text(c.quantize(Decimal("0.01"))),
                kolom=kolom,
            )


def parse_anggaran(
    baris: BarisAnggaran, cell: Cell, tw: int, periode: Periode, out: Collector, sheet: str
) -> Decimal | None:
    """Budget realisation (Rp) in one leaf cell, or None."""
    label = f"Realisasi anggaran TW {romawi(tw)}"
    value = cell_content(cell, out, sheet, baris.kode, label)
    if value is REJECTED or value is None:
        return None
    angka = parse_numeric(
        value, out, sheet, cell.ref, baris.kode, label, "anggaran", tw == periode.triwulan
    )
    if angka is None:
        return None
    nilai = canonical(angka.nilai)
    where: Where = {"sheet": sheet, "cell": cell.ref, "kode": baris.kode}
    if angka.persen:
        out.add(Code.ANGGARAN_BUKAN_ANGKA, **where, variant="persen", label=label, isi=quote(value))
        return None
    if nilai < 0:
        out.add(Code.ANGGARAN_NEGATIF, **where, label=label, nilai=number_text(nilai))
    return nilai


def check_anggaran_row(
    baris: BarisAnggaran,
    nilai: Sequence[Decimal | None],
    refs: Sequence[str | None],
    flagged: frozenset[int],
    periode: Periode,
    out: Collector,
    sheet: str,
) -> None:
    """Blank quarters and the pagu ceiling of one leaf budget row."""
    k = periode.triwulan
    for tw in range(1, len(nilai) + 1):
        ref = refs[tw - 1]
        if nilai[tw - 1] is not None or tw in flagged or not ref:
            continue
        if tw == k:
            out.add(Code.ANGGARAN_KOSONG, sheet=sheet, cell=ref, kode=baris.kode, tw=romawi(tw))
        else:
            out.add(
                Code.TRIWULAN_SEBELUMNYA_KOSONG,
                sheet=sheet,
                cell=ref,
                kode=baris.kode,
                variant="anggaran",
                tw=romawi(tw),
            )
    total = sum((v for v in nilai if v is not None), Decimal(0))
    if total > baris.pagu:
        ref = refs[k - 1] if k <= len(refs) and refs[k - 1] else next((r for r in refs if r), None)
        out.add(
            Code.ANGGARAN_MELEBIHI_PAGU,
            sheet=sheet,
            cell=ref,
            kode=baris.kode,
            tw=romawi(len(nilai)),
            total=number_text(total),
            pagu=number_text(baris.pagu),
        )


# ---- component indicators (docs/contract.md §14) --------------------------------------------


def parse_komponen(
    ind: Indikator, cell: Cell, label: str, own: bool, out: Collector, sheet: str
) -> Decimal | None:
    """A Pembilang or Penyebut in one cell: a number >= 0, or None (blank, or refused at the
    cell with a finding)."""
    value = cell_content(cell, out, sheet, ind.kode, label)
    if value is REJECTED or value is None:
        return None
    angka = parse_numeric(value, out, sheet, cell.ref, ind.kode, label, "komponen", own)
    if angka is None:
        return None
    where: Where = {"sheet": sheet, "cell": cell.ref, "kode": ind.kode}
    if angka.persen:  # a count, not a percentage: kinerja computes the % itself
        out.add(Code.KOMPONEN_BUKAN_ANGKA, **where, variant="contoh", label=label, isi=quote(value))
        return None
    nilai = canonical(angka.nilai)
    if nilai < 0:
        nama = ind.pembilang if label.startswith("Pembilang") else ind.penyebut
        out.add(Code.KOMPONEN_NEGATIF, **where, label=label, nilai=number_text(nilai), nama=nama)
        return None
    return nilai


@dataclass(frozen=True)
class KomponenRow:
    """One component indicator's parsed Pembilang and Penyebut cells, per quarter 1..k."""

    ind: Indikator
    pembilang: Sequence[Decimal | None]
    penyebut: Sequence[Decimal | None]
    refs_pembilang: Sequence[str | None]
    refs_penyebut: Sequence[str | None]
    flagged: frozenset[int]  # quarters with a cell already refused


def check_komponen(
    row: KomponenRow, periode: Periode, out: Collector, sheet: str
) -> tuple[list[Decimal | None], set[int]]:
    """The realisation of each quarter (n ÷ N × 100) and the quarters that got a finding: a
    pair half blank or blank in the periode's quarter, Penyebut 0 with Pembilang > 0 (errors),
    0/0 (nothing to measure) and Pembilang > Penyebut (warnings)."""
    ind, k = row.ind, periode.triwulan
    nilai: list[Decimal | None] = []
    flagged = set(row.flagged)
    for tw in range(1, len(row.pembilang) + 1):
        n, d = row.pembilang[tw - 1], row.penyebut[tw - 1]
        ref_n, ref_d = row.refs_pembilang[tw - 1], row.refs_penyebut[tw - 1]
        nilai.append(None)
        if tw in row.flagged or not (ref_n and ref_d):
            continue
        where: Where = {"sheet": sheet, "cell": ref_n, "kode": ind.kode}
        t = romawi(tw)
        if n is None and d is None:
            if tw == k:
                out.add(
                    Code.KOMPONEN_KOSONG,
                    **where,
                    severity=ERROR,
                    variant="periode",
                    tw=t,
                    pembilang=ind.pembilang,
                    penyebut=ind.penyebut,
                )
                flagged.add(tw)
            elif tw < k:
                out.add(Code.KOMPONEN_KOSONG, **where, severity=WARNING, variant="sebelumnya", tw=t)
            continue
        if n is None or d is None:
            kosong_n = n is None
            out.add(
                Code.KOMPONEN_KOSONG,
                sheet=sheet,
                cell=ref_n if kosong_n else ref_d,
                kode=ind.kode,
                severity=ERROR,
                label=f"{'Pembilang' if kosong_n else 'Penyebut'} TW {t}",
                lain=f"{'Penyebut' if kosong_n else 'Pembilang'} TW {t}",
                nama=ind.pembilang if kosong_n else ind.penyebut,
            )
            flagged.add(tw)
            continue
        if d == 0:
            if n == 0:
                out.add(Code.KOMPONEN_NOL, sheet=sheet, cell=ref_d, kode=ind.kode, tw=t)
            else:
                out.add(
                    Code.PENYEBUT_NOL,
                    sheet=sheet,
                    cell=ref_d,
                    kode=ind.kode,
                    tw=t,
                    pembilang=number_text(n),
                    penyebut_nama=ind.penyebut,
                )
            flagged.add(tw)
            continue
        r = rasio_komponen(n, d)
        nilai[-1] = r
        if n > d and r is not None:
            out.add(
                Code.PEMBILANG_MELEBIHI_PENYEBUT,
                **where,
                tw=t,
                pembilang=number_text(n),
                penyebut=number_text(d),
                realisasi=number_text(r.quantize(Decimal("0.01"))),
            )
            flagged.add(tw)  # no second warning (persen-di-atas-100) for the same mistake
    return nilai, flagged
