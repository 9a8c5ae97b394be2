"""Fill a generated form the way a bidang would (tests, `kinerja demo`, the benchmark).

Only input cells are written, found by code (column Kode) and by the layout's headers, so a
filled form differs from the blank one exactly where a person would have typed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from kinerja_cli.domain.capaian import capaian_indikator
from kinerja_cli.domain.models import PK, Arah, Indikator, Narasi, Rentang, Sifat
from kinerja_cli.domain.periode import Periode
from kinerja_cli.io.atomic import atomic_save
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.xlsx import safe_text

__all__ = ["fill_form", "simulated_values"]


def _cell_value(cell: Any, value: object, target: object = None) -> None:
    if value is None:
        cell.value = None
    elif isinstance(value, bool):
        yes, no = _biner_words(target)
        cell.value = yes if value else no
    elif isinstance(value, str):
        safe_text(cell, value)  # typed text stays text, even "=1+2"
    elif isinstance(value, int | float | Decimal):
        cell.value = value
    else:
        cell.value = value  # dates and the like: what a careless user might type


def _biner_words(target: object) -> tuple[str, str]:
    t = str(target or "").strip().casefold()
    if t in ("ya", "tidak"):
        return "Ya", "Tidak"
    if t in ("tersedia", "tidak tersedia"):
        return "Tersedia", "Tidak Tersedia"
    return "Ada", "Tidak Ada"


def _rows(ws: Any, header_row: int) -> tuple[dict[str, int], dict[str, int]]:
    headers: dict[str, int] = {}
    for c in range(1, (ws.max_column or 1) + 1):
        v = ws.cell(header_row, c).value
        if isinstance(v, str) and v.strip() and v.strip() not in headers:
            headers[v.strip()] = c
    codes: dict[str, int] = {}
    kcol = headers.get("Kode")
    if kcol is not None:
        for r in range(header_row + 1, (ws.max_row or header_row) + 1):
            v = ws.cell(r, kcol).value
            if isinstance(v, str) and v.strip():
                codes.setdefault(v.strip(), r)
    return headers, codes


def fill_form(
    src: Path,
    dest: Path,
    values: dict[str, list[object]],
    narasi: dict[str, Narasi] | None = None,
    anggaran: dict[str, list[object]] | None = None,
) -> None:
    """Write realisations (per quarter, TW I first), narratives and budget into a copy of a form.

    `values[kode][k-1]` goes to `Realisasi TW k` of the row with that Kode; a bool is written
    as the biner answer (Ada/Tidak Ada, Ya/Tidak); text is written as text; a pair `(n, N)`
    goes to `Pembilang TW k` and `Penyebut TW k` (a component indicator, docs/contract.md
    §14). Unknown codes or quarters beyond the form raise KeyError/IndexError (this is a test
    and demo helper).
    """
    from openpyxl import load_workbook

    wb = load_workbook(src)
    ws = wb[L.KINERJA]
    headers, rows = _rows(ws, L.HEADER_ROW)
    for kode, per_tw in values.items():
        r = rows[kode]
        target = ws.cell(r, headers["Target"]).value
        for k, v in enumerate(per_tw, start=1):
            if isinstance(v, tuple):
                _cell_value(ws.cell(r, headers[L.pembilang_header(k)]), v[0])
                _cell_value(ws.cell(r, headers[L.penyebut_header(k)]), v[1])
            else:
                _cell_value(ws.cell(r, headers[L.realisasi_header(k)]), v, target)
    for kode, n in (narasi or {}).items():
        r = rows[kode]
        for header, fld in L.NARASI.items():
            safe_text(ws.cell(r, headers[header]), getattr(n, fld) or None)
    if anggaran:
        wa = wb[L.ANGGARAN]
        a_headers, a_rows = _rows(wa, L.HEADER_ROW)
        for kode, per_tw in anggaran.items():
            r = a_rows[kode]
            for k, v in enumerate(per_tw, start=1):
                _cell_value(wa.cell(r, a_headers[L.realisasi_header(k)]), v)
    atomic_save(Path(dest), wb.save)


_PENGHAMBAT = (
    "Proses pengadaan barang/jasa terlambat sehingga pekerjaan fisik baru dimulai akhir triwulan.",
    "Curah hujan tinggi menghambat pekerjaan di lapangan.",
    "Data dari desa/kelurahan belum seluruhnya masuk.",
    "Keterbatasan tenaga teknis di lapangan.",
)
_TINDAK = (
    "Percepatan pekerjaan dengan penambahan jam kerja dan pengawasan mingguan.",
    "Koordinasi dengan penyedia jasa dan penyesuaian jadwal pelaksanaan.",
    "Pendampingan pengumpulan data bersama kecamatan.",
)
_PENDORONG = (
    "Koordinasi yang baik dengan kecamatan dan desa.",
    "Anggaran tersedia tepat waktu.",
    "Dukungan data dari aplikasi SIPD.",
)


def _dec(x: float | Decimal, places: int = 2) -> Decimal:
    return Decimal(str(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _plain(d: Decimal) -> Decimal:
    d = d.normalize()
    exp = d.as_tuple().exponent
    return d.quantize(Decimal(1)) if isinstance(exp, int) and exp > 0 else d


def _target_num(t: object) -> Decimal | None:
    if isinstance(t, Rentang):
        return (t.bawah + t.atas) / 2
    if isinstance(t, Decimal):
        return t
    return None


def _status_values(ind: Indikator, k: int, rng: random.Random, factor: float) -> list[Decimal]:
    out: list[Decimal] = []
    base = _target_num(ind.target) or Decimal(1)
    for tw in range(1, k + 1):
        t = _target_num(ind.target_tw[tw - 1]) or base
        if ind.arah == Arah.TURUN:
            v = Decimal(str(float(t) * (2 - factor) * rng.uniform(0.99, 1.01)))
        elif ind.arah == Arah.RENTANG:
            v = Decimal(str(float(t) * rng.uniform(0.99, 1.01)))
        else:
            v = Decimal(str(float(t) * factor * rng.uniform(0.99, 1.01)))
        if ind.is_persen:
            v = min(v, Decimal(100))
        if out:  # a level moves smoothly: never more than 20 % from one quarter to the next
            v = max(min(v, out[-1] * Decimal("1.2")), out[-1] * Decimal("0.8"))
        out.append(_plain(_dec(max(v, Decimal(0)))))
    return out


def _kumulatif_values(ind: Indikator, k: int, factor: float) -> list[Decimal]:
    out: list[Decimal] = []
    annual = _target_num(ind.target) or Decimal(4)
    prev_target = Decimal(0)
    for tw in range(1, k + 1):
        t = _target_num(ind.target_tw[tw - 1])
        step = (t - prev_target) if t is not None else annual / 4
        prev_target = t if t is not None else prev_target + step
        v = max(step, Decimal(0)) * Decimal(str(factor))
        if out and out[-1] > 0:  # stay within the 50 % change warning
            v = max(min(v, out[-1] * Decimal("1.45")), out[-1] * Decimal("0.6"))
        whole = ind.satuan.strip().casefold() in ("unit", "dokumen", "lokasi", "laporan", "orang")
        out.append(_plain(_dec(v, 0 if whole else 2)))
    return out


def _komponen_values(
    ind: Indikator, k: int, rng: random.Random, factor: float
) -> list[tuple[Decimal, Decimal]]:
    """(Pembilang, Penyebut) per quarter whose ratio lands near the target: status keeps one
    Penyebut (km of road, say) and a level; kumulatif counts cases per quarter."""
    levels = _status_values(ind, k, rng, factor)
    if ind.sifat == Sifat.KUMULATIF:
        out = []
        for level in levels:
            d = Decimal(rng.randint(30, 60))
            out.append((min(d, (d * level / 100).quantize(Decimal(1))), d))
        return out
    d = _dec(rng.uniform(150, 400), 2)
    return [(_plain(_dec(d * min(level, Decimal(100)) / 100, 2)), _plain(d)) for level in levels]


def simulated_values(
    pk: PK, bidang: str, periode: Periode, seed: int | str = 0
) -> tuple[dict[str, list[object]], dict[str, Narasi], dict[str, list[object]]]:
    """Realistic, deterministic returns for one bidang: (values, narasi, anggaran).

    Most indicators land near target, some below (with Faktor Penghambat and Tindak Lanjut,
    as docs/contract.md §5 asks), some above. Budget spending rises through the year and stays under pagu.
    """
    k = periode.triwulan
    values: dict[str, list[object]] = {}
    narasi: dict[str, Narasi] = {}
    for ind in pk.indikator_of(bidang):
        rng = random.Random(f"{seed}|{pk.identitas.tahun}|{bidang}|{ind.kode}")
        roll = rng.random()
        factor = 0.85 if roll < 0.25 else 1.05 if roll > 0.8 else 1.0
        per_tw: Sequence[object]
        komponen = None
        if ind.komponen:
            pairs = _komponen_values(ind, k, rng, factor)
            per_tw = pairs
            komponen = ([n for n, _ in pairs], [d for _, d in pairs])
        elif ind.arah == Arah.BINER:
            want = bool(ind.target)
            per_tw = [want if roll >= 0.25 or tw < k else not want for tw in range(1, k + 1)]
        elif ind.sifat == Sifat.KUMULATIF:
            per_tw = _kumulatif_values(ind, k, factor)
        else:
            per_tw = _status_values(ind, k, rng, factor)
        values[ind.kode] = list(per_tw)
        hasil = capaian_indikator(
            ind,
            list(per_tw),  # type: ignore[arg-type]
            k,
            periode.tahunan,
            komponen=komponen,  # type: ignore[arg-type]
        )
        c = hasil.periode_capaian
        below = c is not None and c < 100
        nums = [v for v in per_tw if isinstance(v, Decimal)]
        turun = ind.arah == Arah.TURUN
        worse = any((b > a) if turun else (b < a) for a, b in zip(nums, nums[1:], strict=False))
        narasi[ind.kode] = Narasi(
            pendorong=rng.choice(_PENDORONG),
            penghambat=rng.choice(_PENGHAMBAT) if below or worse else "",
            tindak_lanjut=rng.choice(_TINDAK) if below else "",
            bukti=f"Laporan {ind.kode} TW {k}, {bidang}.pdf",
        )
    anggaran: dict[str, list[object]] = {}
    shares = (Decimal("0.15"), Decimal("0.25"), Decimal("0.25"), Decimal("0.25"))
    for a in pk.anggaran_of(bidang):
        if pk.is_parent(a.kode):
            continue
        rng = random.Random(f"{seed}|{pk.identitas.tahun}|{bidang}|{a.kode}")
        f = Decimal(str(round(rng.uniform(0.8, 1.0), 3)))
        anggaran[a.kode] = [
            _plain((a.pagu * shares[tw - 1] * f / 1000).quantize(Decimal(1)) * 1000)
            for tw in range(1, k + 1)
        ]
    return values, narasi, anggaran
