"""The capaian rulebook (docs/contract.md §6): realisation s/d quarter, capaian, predikat, averages, budget.

Pure standard library, exact Decimal throughout; rounding happens only in `rounding.bulat`.
Every formula here is the one printed in the report's method note, via `rumus_teks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal

from kinerja_cli.domain.models import Arah, Indikator, Nilai, Rentang, Rumus, Sifat, TargetValue
from kinerja_cli.domain.rules import Code

_CTX = Context(prec=34, rounding=ROUND_HALF_EVEN)  # independent of the caller's context
_NOL = Decimal(0)
_SERATUS = Decimal(100)

TEKS_NAIK = "R / T × 100"
TEKS_2T_R = "(2T − R) / T × 100, minimal 0"
TEKS_T_R = "T / R × 100"
TEKS_TURUN_T_NOL = "T = 0: 100 bila R = 0, selain itu 0"
TEKS_RENTANG_DALAM = "100 bila a ≤ R ≤ b"
TEKS_RENTANG_BAWAH = "R / a × 100 (R di bawah rentang a–b)"
TEKS_RENTANG_ATAS = "(2b − R) / b × 100, minimal 0 (R di atas rentang a–b)"
TEKS_RENTANG = (
    "100 bila a ≤ R ≤ b; R / a × 100 bila R < a; (2b − R) / b × 100, minimal 0, bila R > b"
)
TEKS_BINER = "100 bila jawaban sesuai target, selain itu 0"

_YA = frozenset("ada|ya|tersedia|sudah|sudah ada|1|true|benar".split("|"))
_TIDAK = frozenset(
    "tidak|tidak ada|belum|belum ada|tidak tersedia|belum tersedia|0|false|salah".split("|")
)


def _tidy(d: Decimal) -> Decimal:
    """`1.1E+2` -> `110`: keep results in plain notation."""
    exp = d.as_tuple().exponent
    if not (isinstance(exp, int) and exp > 0):
        return d
    # A huge ratio (target 1E-20, realisation 1E+20) has more digits than _CTX keeps.
    return d.quantize(Decimal(1), context=Context(prec=max(_CTX.prec, d.adjusted() + 1)))


def _persen(num: Decimal, den: Decimal) -> Decimal:
    return _tidy(_CTX.divide(_CTX.multiply(num, _SERATUS), den))


def parse_biner(text: object) -> bool | None:
    """Read a biner answer, Ada/Ya/Tersedia/1 = yes, Tidak/Tidak Ada/Belum/0 = no (docs/contract.md §6.2, docs/rulebook.md §3.3)."""
    if isinstance(text, bool):
        return text
    if isinstance(text, int | float | Decimal):
        return True if text == 1 else False if text == 0 else None
    if not isinstance(text, str):
        return None
    s = " ".join(text.replace("\u00a0", " ").split()).casefold().rstrip(".")
    if s in _YA:
        return True
    if s in _TIDAK:
        return False
    return None


def _as_bool(v: object, kode: str = "") -> bool:
    b = parse_biner(v)
    if b is None:
        raise TypeError(f"{kode}: jawaban biner tidak dikenal: {v!r}")
    return b


def _as_decimal(v: object, kode: str = "") -> Decimal:
    if isinstance(v, Decimal):
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return Decimal(v)
    raise TypeError(f"{kode}: nilai numerik diharapkan, bukan {v!r}")


def _jumlah(values: Iterable[Decimal]) -> Decimal:
    total = _NOL
    for v in values:
        total = _CTX.add(total, v)
    return total


def _tw(values: Sequence[Nilai | None], k: int) -> list[Nilai | None]:
    if not 1 <= k <= 4:
        raise ValueError(f"triwulan harus 1-4, bukan {k}")
    head = list(values[:k])
    return head + [None] * (k - len(head))


def realisasi_sd(ind: Indikator, nilai_tw: Sequence[Nilai | None], k: int) -> Nilai | None:
    """Realisation s/d TW k: kumulatif sums, status and biner take the latest filled quarter (docs/contract.md §6.1, docs/rulebook.md §6)."""
    values = _tw(nilai_tw, k)
    filled = [v for v in values if v is not None]
    if not filled:
        return None
    if ind.arah == Arah.BINER:
        return _as_bool(filled[-1], ind.kode)
    if ind.sifat == Sifat.KUMULATIF:  # a blank quarter counts as 0 once any is filled
        return _jumlah(_as_decimal(v, ind.kode) for v in filled)
    return _as_decimal(filled[-1], ind.kode)


def anggaran_sd(values: Sequence[Decimal | None], k: int) -> Decimal | None:
    """Budget realisation s/d TW k = sum of quarters 1..k, as in the Permendagri 86/2017 Rp columns (docs/contract.md §6.1, docs/rulebook.md §4)."""
    filled = [_as_decimal(v) for v in _tw(values, k) if v is not None]
    return _jumlah(filled) if filled else None


@dataclass(frozen=True)
class HasilCapaian:
    """One capaian: the value (None when undefined), a warning code, and the formula used."""

    nilai: Decimal | None
    peringatan: str | None
    rumus_teks: str


def rumus_teks(arah: Arah, rumus: Rumus = Rumus.DUA_T_MINUS_R) -> str:
    """The general formula of an indicator, for the report's method note (docs/contract.md §6.2, docs/rulebook.md §10.1)."""
    if arah == Arah.NAIK:
        return TEKS_NAIK
    if arah == Arah.TURUN:
        return TEKS_T_R if rumus == Rumus.T_PER_R else TEKS_2T_R
    if arah == Arah.RENTANG:
        return TEKS_RENTANG
    return TEKS_BINER


def hitung_capaian(
    arah: Arah, rumus: Rumus, target: TargetValue, realisasi: Nilai | None
) -> HasilCapaian:
    """Capaian of R against T per polarity, uncapped, zero cases explicit (docs/contract.md §6.2, docs/rulebook.md §3.1 to §3.3)."""
    umum = rumus_teks(arah, rumus)
    if realisasi is None:
        return HasilCapaian(None, None, umum)
    if arah == Arah.BINER:
        ok = _as_bool(realisasi) == _as_bool(target)
        return HasilCapaian(_SERATUS if ok else _NOL, None, umum)
    r = _as_decimal(realisasi)
    if arah == Arah.RENTANG:
        if not isinstance(target, Rentang):
            raise TypeError(f"target rentang harus a-b, bukan {target!r}")
        return _rentang(target, r)
    t = _as_decimal(target)
    if arah == Arah.NAIK:
        if t == 0:
            return HasilCapaian(None, Code.TARGET_NOL, umum)
        return HasilCapaian(_persen(r, t), None, umum)
    # turun
    if t == 0:
        return HasilCapaian(_SERATUS if r == 0 else _NOL, None, TEKS_TURUN_T_NOL)
    if rumus == Rumus.T_PER_R:
        if r == 0:
            return HasilCapaian(None, Code.RUMUS_TR_REALISASI_NOL, umum)
        return HasilCapaian(_persen(t, r), None, umum)
    return HasilCapaian(max(_NOL, _persen(_CTX.subtract(_CTX.multiply(2, t), r), t)), None, umum)


def _rentang(target: Rentang, r: Decimal) -> HasilCapaian:
    a, b = target.bawah, target.atas
    if a <= r <= b:
        return HasilCapaian(_SERATUS, None, TEKS_RENTANG_DALAM)
    if r < a:
        return HasilCapaian(_persen(r, a), None, TEKS_RENTANG_BAWAH)
    if b == 0:  # like turun with T = 0: anything above is 0
        return HasilCapaian(_NOL, None, TEKS_RENTANG_ATAS)
    return HasilCapaian(
        max(_NOL, _persen(_CTX.subtract(_CTX.multiply(2, b), r), b)), None, TEKS_RENTANG_ATAS
    )


@dataclass(frozen=True)
class SkalaPredikat:
    """A predikat scale: (minimum, label) thresholds, half-open, plus the label below them all."""

    ambang: tuple[tuple[Decimal, str], ...]
    terendah: str

    def __post_init__(self) -> None:
        pairs = tuple((Decimal(str(m)), label) for m, label in self.ambang)
        object.__setattr__(self, "ambang", tuple(sorted(pairs, key=lambda p: p[0], reverse=True)))

    @property
    def urutan(self) -> tuple[str, ...]:
        """Labels from best to worst (for counts per predikat)."""
        return (*(label for _, label in self.ambang), self.terendah)

    def predikat(self, nilai: Decimal) -> str:
        """The label of an unrounded capaian."""
        return next((label for m, label in self.ambang if nilai >= m), self.terendah)


SKALA_PERMENDAGRI_86 = SkalaPredikat(
    (
        (Decimal(91), "Sangat Tinggi"),
        (Decimal(76), "Tinggi"),
        (Decimal(66), "Sedang"),
        (Decimal(51), "Rendah"),
    ),
    "Sangat Rendah",
)
SKALA_DEFAULT = SKALA_PERMENDAGRI_86


def predikat(nilai: Decimal | None, skala: SkalaPredikat = SKALA_DEFAULT) -> str | None:
    """Predikat on the unrounded capaian, default scale Permendagri 86/2017 (docs/contract.md §6.5, docs/rulebook.md §5)."""
    return None if nilai is None else skala.predikat(nilai)


def status_capaian(nilai: Decimal | None) -> str | None:
    """Melampaui/Tercapai/Tidak Tercapai on the unrounded capaian, as in LKjIP practice under PermenPANRB 53/2014 (docs/contract.md §6.5, docs/rulebook.md §5)."""
    if nilai is None:
        return None
    if nilai > _SERATUS:
        return "Melampaui"
    return "Tercapai" if nilai == _SERATUS else "Tidak Tercapai"


@dataclass(frozen=True)
class CapaianIndikator:
    """Everything the tool reports about one indicator for one periode (docs/contract.md §6.3)."""

    realisasi: Nilai | None
    capaian: Decimal | None
    capaian_triwulan: Decimal | None
    periode_capaian: Decimal | None
    predikat: str | None
    status: str | None
    hasil: HasilCapaian
    hasil_triwulan: HasilCapaian | None

    @property
    def peringatan(self) -> tuple[str, ...]:
        """Distinct warning codes of both capaian, in order."""
        codes = [h.peringatan for h in (self.hasil, self.hasil_triwulan) if h and h.peringatan]
        return tuple(dict.fromkeys(codes))


Komponen = tuple[Sequence[Decimal | None], Sequence[Decimal | None]]  # Pembilang, Penyebut per TW


def capaian_indikator(
    ind: Indikator,
    nilai_tw: Sequence[Nilai | None],
    k: int,
    tahunan: bool,
    skala: SkalaPredikat = SKALA_DEFAULT,
    komponen: Komponen | None = None,
) -> CapaianIndikator:
    """Both capaian of an indicator (annual and TW k target) and the period capaian's predikat (docs/contract.md §6.3, docs/rulebook.md §2d, §6).

    `komponen`: a component indicator's Pembilang and Penyebut per quarter; its realisation
    s/d TW k is then computed from them (`realisasi_komponen_sd`), not from `nilai_tw`."""
    if komponen is not None:
        r: Nilai | None = realisasi_komponen_sd(ind.sifat, komponen[0], komponen[1], k)
    else:
        r = realisasi_sd(ind, nilai_tw, k)
    hasil = hitung_capaian(ind.arah, ind.rumus, ind.target, r)
    if tahunan:
        hasil_tw: HasilCapaian | None = hasil
    else:
        # For kumulatif the PK's Target TW k is already cumulative s/d k (docs/contract.md §4).
        t_tw = ind.target_tw[k - 1]
        hasil_tw = None if t_tw is None else hitung_capaian(ind.arah, ind.rumus, t_tw, r)
    c_tw = hasil_tw.nilai if hasil_tw else None
    periode = c_tw if (not tahunan and c_tw is not None) else hasil.nilai
    return CapaianIndikator(
        realisasi=r,
        capaian=hasil.nilai,
        capaian_triwulan=c_tw,
        periode_capaian=periode,
        predikat=predikat(periode, skala),
        status=status_capaian(periode),
        hasil=hasil,
        hasil_triwulan=hasil_tw,
    )


def rata_rata(values: Iterable[Decimal | None], batas: Decimal | None = None) -> Decimal | None:
    """Mean ignoring nulls; the optional cap limits each contribution only, as KMK 467/2014 does for the IKU index (docs/contract.md §6.4, docs/rulebook.md §3.3)."""
    items = [v if batas is None else min(v, batas) for v in values if v is not None]
    if not items:
        return None
    return _tidy(_CTX.divide(_jumlah(items), Decimal(len(items))))


def capaian_sasaran(
    items: Iterable[CapaianIndikator | Decimal | None], batas: Decimal | None = None
) -> Decimal | None:
    """Sasaran capaian = mean of its indicators' period capaian, as in published LKjIPs (docs/contract.md §6.4, docs/rulebook.md §2b)."""
    return rata_rata(
        (i.periode_capaian if isinstance(i, CapaianIndikator) else i for i in items), batas
    )


def capaian_dinas(sasaran: Iterable[Decimal | None]) -> Decimal | None:
    """Dinas capaian = mean of the sasaran capaian (docs/contract.md §6.4, docs/rulebook.md §11.3)."""
    return rata_rata(sasaran)


def serapan(realisasi: Decimal | None, pagu: Decimal | None) -> Decimal | None:
    """Budget absorption = realisasi ÷ pagu × 100, None when pagu is 0 (docs/contract.md §6.6, docs/rulebook.md §4)."""
    if realisasi is None or pagu is None or pagu == 0:
        return None
    return _persen(realisasi, pagu)


def serapan_rencana(realisasi: Decimal | None, rencana: Decimal | None) -> Decimal | None:
    """Serapan against the DPA plan = realisasi s/d TW k ÷ rencana s/d TW k × 100, None when
    there is no plan or it is 0 (docs/contract.md §14)."""
    return serapan(realisasi, rencana)


def sisa(realisasi: Decimal | None, pagu: Decimal | None) -> Decimal | None:
    """Remaining budget = pagu − realisasi (docs/contract.md §6.6, docs/rulebook.md §4)."""
    if realisasi is None or pagu is None:
        return None
    return _CTX.subtract(pagu, realisasi)


@dataclass(frozen=True)
class Efisiensi:
    """Efficiency index IE = capaian ÷ serapan, its label, and selisih = capaian − serapan."""

    ie: Decimal | None
    label: str | None
    selisih: Decimal | None


def efisiensi(capaian: Decimal | None, serapan: Decimal | None) -> Efisiensi:
    """Indeks Efisiensi as in LAKIP practice (BPOM), Efisien when IE ≥ 1, plus the selisih (docs/contract.md §6.6, docs/rulebook.md §4)."""
    if capaian is None or serapan is None:
        return Efisiensi(None, None, None)
    selisih = _CTX.subtract(capaian, serapan)
    if serapan == 0:
        return Efisiensi(None, None, selisih)
    ie = _tidy(_CTX.divide(capaian, serapan))
    return Efisiensi(ie, "Efisien" if ie >= 1 else "Kurang Efisien", selisih)


def efisiensi_periode(
    capaian: Decimal | None,
    serapan_pagu: Decimal | None,
    serapan_plan: Decimal | None,
    tahunan: bool,
) -> Efisiensi | None:
    """The period's efficiency (docs/contract.md §6.6, §14): against the pagu for the annual
    measurement; against the DPA plan for a quarter, and None (no IE, no verdict) for a quarter
    without one."""
    if tahunan:
        return efisiensi(capaian, serapan_pagu)
    if serapan_plan is None:
        return None
    return efisiensi(capaian, serapan_plan)


# ---- component indicators (docs/contract.md §14, docs/rulebook.md §12) ----------------------


def rasio_komponen(pembilang: Decimal, penyebut: Decimal) -> Decimal | None:
    """Pembilang ÷ Penyebut × 100, exact to 34 significant digits; None when the Penyebut is 0
    (0/0: nothing to measure; n/0 is refused at the form's cell)."""
    if penyebut == 0:
        return None
    return _persen(_as_decimal(pembilang), _as_decimal(penyebut))


def _pasangan(
    pembilang_tw: Sequence[Decimal | None], penyebut_tw: Sequence[Decimal | None], k: int
) -> list[tuple[Decimal, Decimal]]:
    """The quarters 1..k where both components were given, in order."""
    return [
        (_as_decimal(n), _as_decimal(d))
        for n, d in zip(_tw(pembilang_tw, k), _tw(penyebut_tw, k), strict=True)
        if n is not None and d is not None
    ]


def komponen_sd(
    sifat: Sifat,
    pembilang_tw: Sequence[Decimal | None],
    penyebut_tw: Sequence[Decimal | None],
    k: int,
) -> tuple[Decimal, Decimal] | None:
    """(Pembilang, Penyebut) s/d TW k: kumulatif adds the quarters (Σn, ΣN), status takes the
    latest quarter with both given; None when no quarter has both."""
    pairs = _pasangan(pembilang_tw, penyebut_tw, k)
    if not pairs:
        return None
    if sifat == Sifat.KUMULATIF:
        return _jumlah(n for n, _ in pairs), _jumlah(d for _, d in pairs)
    return pairs[-1]


def realisasi_komponen_tw(
    pembilang_tw: Sequence[Decimal | None], penyebut_tw: Sequence[Decimal | None], k: int
) -> list[Decimal | None]:
    """The realisation of each quarter 1..k: n_q ÷ N_q × 100 (None when a component is blank
    or the Penyebut is 0)."""
    out: list[Decimal | None] = []
    for n, d in zip(_tw(pembilang_tw, k), _tw(penyebut_tw, k), strict=True):
        out.append(
            None if n is None or d is None else rasio_komponen(_as_decimal(n), _as_decimal(d))
        )
    return out


def realisasi_komponen_sd(
    sifat: Sifat,
    pembilang_tw: Sequence[Decimal | None],
    penyebut_tw: Sequence[Decimal | None],
    k: int,
) -> Decimal | None:
    """Realisation s/d TW k of a component indicator: Σn ÷ ΣN × 100 for kumulatif, the latest
    quarter's n ÷ N × 100 for status (docs/contract.md §14); None when there is nothing to
    measure (no quarter given, or a Penyebut of 0)."""
    sd = komponen_sd(sifat, pembilang_tw, penyebut_tw, k)
    return None if sd is None else rasio_komponen(*sd)


# ---- the Renstra (docs/contract.md §14, docs/rulebook.md §13) ------------------------------


def realisasi_renstra(ind: Indikator, lalu: Nilai | None, tahun_ini: Nilai | None) -> Nilai | None:
    """Evaluasi Renja column (13), the realisation s/d this year: for kumulatif (6) + (12), a
    blank (6) counting as 0 (the Renstra's first year); for status and biner this year's level
    (12), else the last known one (6). A percentage is a level whatever its Sifat: the ratios
    of different years do not add up (docs/rulebook.md §13). None when neither is known."""
    if tahun_ini is None and lalu is None:
        return None
    if ind.arah == Arah.BINER:
        return _as_bool(tahun_ini if tahun_ini is not None else lalu, ind.kode)
    if ind.sifat == Sifat.KUMULATIF and not ind.is_persen:
        return _jumlah(_as_decimal(v, ind.kode) for v in (lalu, tahun_ini) if v is not None)
    return _as_decimal(tahun_ini if tahun_ini is not None else lalu, ind.kode)


def capaian_renstra(ind: Indikator, realisasi: Nilai | None) -> HasilCapaian | None:
    """Evaluasi Renja column (14): the capaian of (13) against the Target Renstra under the
    indicator's own Arah rule; None without a Target Renstra."""
    if ind.target_renstra is None:
        return None
    return hitung_capaian(ind.arah, ind.rumus, ind.target_renstra, realisasi)


def anggaran_renstra(lalu: Decimal | None, tahun_ini: Decimal | None) -> Decimal | None:
    """Budget column (13): Renstra realisation s/d last year + this year's (a blank counts as
    0); None when neither is known."""
    if lalu is None and tahun_ini is None:
        return None
    return _jumlah(v for v in (lalu, tahun_ini) if v is not None)
