"""Quarterly trend and the end-of-year projection for the review meeting (docs/contract.md §8, docs/rulebook.md §6).

Pure arithmetic in exact decimals. A projection is an estimate on the pace so far, never a
realisation: reports label it "proyeksi".

- `kumulatif`: when the PK plans the quarter (Target TW k > 0), the realisation is carried on
  the PK's own plan: R s/d k ÷ Target TW k × Target (construction work is back-loaded, so a
  straight line would flag indicators that are exactly on plan); otherwise linearly, R × 4 / k.
- `status`: the least-squares line through the filled quarters ≤ k, read at TW IV (one filled
  quarter: that value). For a percentage whose observed values all lie in 0–100 the projection
  is held in 0–100, because a share cannot pass the whole.
- `biner`: not projected; the latest answer stands.

An indicator is at risk when the capaian of its projection against the annual target is
below 100.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal

from kinerja_cli.domain.capaian import (
    SKALA_DEFAULT,
    SkalaPredikat,
    capaian_indikator,
    hitung_capaian,
    realisasi_sd,
)
from kinerja_cli.domain.models import Arah, Indikator, Nilai, Sifat

_CTX = Context(prec=34, rounding=ROUND_HALF_EVEN)
_EMPAT = Decimal(4)
_SERATUS = Decimal(100)

METODE_KUMULATIF = "realisasi s/d TW {k} × 4/{k} (laju sejauh ini)"
METODE_RENCANA = "realisasi s/d TW {k} ÷ target TW {k} × target tahunan (laju terhadap rencana PK)"
METODE_TREN = "tren garis lurus nilai TW I–{r} diteruskan ke TW IV"
METODE_TETAP = "nilai TW {k} (baru satu triwulan terisi, tren belum dapat dihitung)"
METODE_BINER = "jawaban terakhir (indikator ya/tidak tidak diproyeksikan)"

NAIK, TURUN, TETAP = "naik", "turun", "tetap"


@dataclass(frozen=True)
class Proyeksi:
    """The projected realisation at TW IV, its capaian against the annual target, and the method."""

    nilai: Nilai | None
    capaian: Decimal | None
    berisiko: bool | None  # None when nothing can be projected
    metode: str


def _plain(d: Decimal) -> Decimal:
    """Plain notation (`1.1E+2` -> `110`) so displays and tests see ordinary numbers."""
    exp = d.as_tuple().exponent
    return _CTX.quantize(d, Decimal(1)) if isinstance(exp, int) and exp > 0 else d


def proyeksi_kumulatif(realisasi: Decimal, k: int) -> Decimal:
    """A cumulative realisation s/d TW k carried to the year at the same pace: R × 4 / k."""
    if not 1 <= k <= 4:
        raise ValueError(f"triwulan harus 1-4, bukan {k}")
    return _plain(_CTX.divide(_CTX.multiply(realisasi, _EMPAT), Decimal(k)))


def proyeksi_rencana(realisasi: Decimal, target_tw: Decimal, target: Decimal) -> Decimal:
    """A cumulative realisation carried to the year on the PK's quarterly plan: R ÷ T_k × T."""
    if target_tw <= 0:
        raise ValueError("target triwulan harus > 0")
    return _plain(_CTX.multiply(_CTX.divide(realisasi, target_tw), target))


def proyeksi_tren(nilai_tw: Sequence[Decimal | None], k: int) -> Decimal | None:
    """Least-squares line through the filled quarters 1..k, read at quarter 4."""
    if not 1 <= k <= 4:
        raise ValueError(f"triwulan harus 1-4, bukan {k}")
    titik = [(Decimal(i + 1), v) for i, v in enumerate(nilai_tw[:k]) if v is not None]
    if not titik:
        return None
    if len(titik) == 1:
        return titik[0][1]
    n = Decimal(len(titik))
    mx = _CTX.divide(sum((x for x, _ in titik), Decimal(0)), n)
    my = _CTX.divide(sum((y for _, y in titik), Decimal(0)), n)
    sxy = sum((_CTX.multiply(x - mx, y - my) for x, y in titik), Decimal(0))
    sxx = sum((_CTX.multiply(x - mx, x - mx) for x, _ in titik), Decimal(0))
    slope = _CTX.divide(sxy, sxx)
    return _plain(_CTX.add(my, _CTX.multiply(slope, _EMPAT - mx)))


def _decimals(nilai_tw: Sequence[Nilai | None]) -> list[Decimal | None]:
    return [v if isinstance(v, Decimal) else None for v in nilai_tw]


def proyeksi_indikator(ind: Indikator, nilai_tw: Sequence[Nilai | None], k: int) -> Proyeksi:
    """The TW IV projection of one indicator from its quarters 1..k, and whether it is at risk."""
    r = realisasi_sd(ind, nilai_tw, k)
    if r is None:
        return Proyeksi(None, None, None, "belum ada realisasi")
    nilai: Nilai | None
    if ind.arah == Arah.BINER or isinstance(r, bool):
        nilai, metode = r, METODE_BINER
    elif ind.sifat == Sifat.KUMULATIF:
        t_k = ind.target_tw[k - 1]
        if (
            isinstance(t_k, Decimal)
            and t_k > 0
            and isinstance(ind.target, Decimal)
            and not isinstance(ind.target, bool)
        ):
            nilai, metode = (
                proyeksi_rencana(r, t_k, ind.target),
                METODE_RENCANA.format(k=_romawi(k)),
            )
        else:
            nilai, metode = proyeksi_kumulatif(r, k), METODE_KUMULATIF.format(k=k)
    else:
        angka = _decimals(nilai_tw[:k])
        terisi = [v for v in angka if v is not None]
        nilai = proyeksi_tren(angka, k)
        if len(terisi) < 2:
            last = max(i + 1 for i, v in enumerate(angka) if v is not None)
            metode = METODE_TETAP.format(k=_romawi(last))
        else:
            metode = METODE_TREN.format(r=_romawi(k))
        if nilai is not None and ind.is_persen and all(0 <= v <= _SERATUS for v in terisi):
            nilai = min(max(nilai, Decimal(0)), _SERATUS)
    capaian = hitung_capaian(ind.arah, ind.rumus, ind.target, nilai).nilai
    berisiko = None if capaian is None else capaian < _SERATUS
    return Proyeksi(nilai, capaian, berisiko, metode)


def _romawi(k: int) -> str:
    return ("I", "II", "III", "IV")[k - 1]


def capaian_per_triwulan(
    ind: Indikator,
    nilai_tw: Sequence[Nilai | None],
    k: int,
    skala: SkalaPredikat = SKALA_DEFAULT,
) -> list[Decimal | None]:
    """The period capaian at TW 1..k, each computed as that quarter's review would have (docs/contract.md §6.3)."""
    out: list[Decimal | None] = []
    for j in range(1, k + 1):
        if all(v is None for v in nilai_tw[:j]):
            out.append(None)
            continue
        out.append(capaian_indikator(ind, nilai_tw, j, tahunan=False, skala=skala).periode_capaian)
    return out


@dataclass(frozen=True)
class Tren:
    """This quarter's capaian against an earlier quarter's, compared like with like."""

    arah: str  # naik | turun | tetap
    sebelum: Decimal
    sekarang: Decimal
    pembanding: int  # the earlier quarter compared with
    dasar: str  # "triwulan" (both against their Target TW) or "tahunan" (both against Target)


def tren_indikator(
    ind: Indikator,
    nilai_tw: Sequence[Nilai | None],
    k: int,
    skala: SkalaPredikat = SKALA_DEFAULT,
) -> Tren | None:
    """Trend against the latest earlier quarter with data: quarterly capaian when both have one
    (a quarter without a Target TW is not compared with one that has), else annual capaian."""
    if k < 2 or all(v is None for v in nilai_tw[:k]):
        return None
    now = capaian_indikator(ind, nilai_tw, k, tahunan=False, skala=skala)
    for j in range(k - 1, 0, -1):
        if all(v is None for v in nilai_tw[:j]):
            continue
        before = capaian_indikator(ind, nilai_tw, j, tahunan=False, skala=skala)
        pairs = (
            (before.capaian_triwulan, now.capaian_triwulan, "triwulan"),
            (before.capaian, now.capaian, "tahunan"),
        )
        for a, b, dasar in pairs:
            arah = arah_tren(a, b)
            if arah is not None and a is not None and b is not None:
                return Tren(arah, a, b, j, dasar)
        return None
    return None


def arah_tren(
    sebelum: Decimal | None, sekarang: Decimal | None, toleransi: Decimal = Decimal("0.005")
) -> str | None:
    """`naik`, `turun` or `tetap` between two capaian; None when either is unknown."""
    if sebelum is None or sekarang is None:
        return None
    beda = sekarang - sebelum
    if abs(beda) < toleransi:
        return TETAP
    return NAIK if beda > 0 else TURUN
