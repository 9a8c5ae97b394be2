"""What changed between two versions of a submission (SOP step 8, `kinerja diff`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kinerja_cli.domain.models import DataBidang, Narasi, Nilai
from kinerja_cli.domain.numbers import format_tepat
from kinerja_cli.domain.periode import romawi

_NARASI_LABEL = {
    "pendorong": "Faktor Pendorong",
    "penghambat": "Faktor Penghambat",
    "tindak_lanjut": "Tindak Lanjut",
    "bukti": "Bukti Dukung",
}


@dataclass(frozen=True)
class Perubahan:
    """One changed value: what (jenis), where (kode, kolom), old and new as display text."""

    jenis: str  # realisasi | komponen | narasi | anggaran | terkunci
    kode: str
    kolom: str  # e.g. "Realisasi TW II", "Faktor Penghambat"
    lama: str
    baru: str
    sel: str | None = None  # `Indikator!I10`, for two PKs


def teks_nilai(v: Nilai | None) -> str:
    """A value as plain text for a diff ('' when blank)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "Ya" if v else "Tidak"
    return format_tepat(v)


def _same(a: Nilai | None, b: Nilai | None) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal) and not isinstance(a, bool):
        return a == b
    return a == b


def _series(d: dict[str, list], kode: str, n: int) -> list:
    vals = list(d.get(kode, []))
    return vals + [None] * (n - len(vals))


def _teks(v: Nilai | None, raw: str | None) -> str:
    """A value as diff text; a cell that held something unreadable shows what it held."""
    if v is None and raw:
        return f'"{raw}" (tidak terbaca)'
    return teks_nilai(v)


def _seri(
    jenis: str, lama: DataBidang, baru: DataBidang, kode: str, a: list, b: list
) -> list[Perubahan]:
    """The changed quarters of one indicator or budget row."""
    out = []
    for k in range(len(a)):
        ra = lama.tidak_terbaca.get((jenis, kode, k + 1))
        rb = baru.tidak_terbaca.get((jenis, kode, k + 1))
        if not _same(a[k], b[k]) or (a[k] is None and b[k] is None and ra != rb):
            kolom = f"Realisasi TW {romawi(k + 1)}"
            out.append(Perubahan(jenis, kode, kolom, _teks(a[k], ra), _teks(b[k], rb)))
    return out


def bandingkan(lama: DataBidang, baru: DataBidang) -> list[Perubahan]:
    """Every realisation, narrative and budget value that differs, in a stable order."""
    out: list[Perubahan] = []
    kodes = list(dict.fromkeys([*lama.realisasi, *baru.realisasi]))
    for kode in kodes:
        n = max(len(lama.realisasi.get(kode, [])), len(baru.realisasi.get(kode, [])))
        a, b = _series(lama.realisasi, kode, n), _series(baru.realisasi, kode, n)
        out += _seri("realisasi", lama, baru, kode, a, b)
    for label, la, lb in (  # a component indicator's counts (docs/contract.md §14)
        ("Pembilang", lama.pembilang, baru.pembilang),
        ("Penyebut", lama.penyebut, baru.penyebut),
    ):
        for kode in dict.fromkeys([*la, *lb]):
            n = max(len(la.get(kode, [])), len(lb.get(kode, [])))
            a, b = _series(la, kode, n), _series(lb, kode, n)
            for k in range(n):
                if not _same(a[k], b[k]):
                    out.append(
                        Perubahan(
                            "komponen",
                            kode,
                            f"{label} TW {romawi(k + 1)}",
                            teks_nilai(a[k]),
                            teks_nilai(b[k]),
                        )
                    )
    for kode in dict.fromkeys([*lama.narasi, *baru.narasi]):
        na, nb = lama.narasi.get(kode, Narasi()), baru.narasi.get(kode, Narasi())
        for field, label in _NARASI_LABEL.items():
            va, vb = getattr(na, field), getattr(nb, field)
            if " ".join(va.split()) != " ".join(vb.split()):
                out.append(Perubahan("narasi", kode, label, va, vb))
    for kode in dict.fromkeys([*lama.anggaran, *baru.anggaran]):
        n = max(len(lama.anggaran.get(kode, [])), len(baru.anggaran.get(kode, [])))
        a, b = _series(lama.anggaran, kode, n), _series(baru.anggaran, kode, n)
        out += _seri("anggaran", lama, baru, kode, a, b)
    return out
