"""The budget hierarchy of the PK `Anggaran` sheet: program > kegiatan > sub-kegiatan (docs/contract.md §4).

A row whose code is a prefix (up to a dot) of other rows' codes is a parent. Realisation is
reported on leaves only; a parent's total is always the sum of its leaf descendants, never the
parent's own figure plus its children's, so nothing is counted twice. A parent `Pagu` that
differs from the sum of its direct children is a finding, not silently corrected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from kinerja_cli.domain.findings import Finding
from kinerja_cli.domain.models import BarisAnggaran
from kinerja_cli.domain.numbers import format_rupiah
from kinerja_cli.domain.rules import Code, finding

SHEET = "Anggaran"


def _is_descendant(kode: str, of: str) -> bool:
    return kode.startswith(of + ".")


def _prefixes(kode: str) -> list[str]:
    """Every code `kode` descends from: `9.01.001` -> `9`, `9.01`."""
    return [kode[:n] for n, ch in enumerate(kode) if ch == "."]


def _parents(rows: Sequence[BarisAnggaran]) -> set[str]:
    """Every code some row descends from (a row with one of these codes is not a leaf)."""
    return {p for r in rows for p in _prefixes(r.kode)}


def descendants(rows: Sequence[BarisAnggaran], kode: str) -> list[BarisAnggaran]:
    """Every row below `kode` (code starts with `kode` + "."), in PK order (docs/contract.md §4)."""
    return [r for r in rows if _is_descendant(r.kode, kode)]


def _nearest(rows: Sequence[BarisAnggaran]) -> dict[str, str | None]:
    """Each row code -> the longest row code it descends from (its parent row), or None."""
    codes = {r.kode for r in rows}
    out: dict[str, str | None] = {}
    for r in rows:
        above = [p for p in _prefixes(r.kode) if p in codes]
        out[r.kode] = above[-1] if above else None
    return out


def children(rows: Sequence[BarisAnggaran], kode: str) -> list[BarisAnggaran]:
    """Direct children of `kode`: its nearest descendants, skipping missing levels (docs/contract.md §4)."""
    below = descendants(rows, kode)
    nearest = _nearest(below)
    return [r for r in below if nearest[r.kode] is None]


def is_leaf(rows: Sequence[BarisAnggaran], kode: str) -> bool:
    """True when no row lies below `kode`: realisation is reported on leaves only (docs/contract.md §4)."""
    return not any(_is_descendant(r.kode, kode) for r in rows)


def leaves(rows: Sequence[BarisAnggaran], kode: str | None = None) -> list[BarisAnggaran]:
    """The leaf rows (sub-kegiatan), all of them or those below `kode`, in PK order (docs/contract.md §4)."""
    scope = rows if kode is None else descendants(rows, kode)
    parents = _parents(rows)
    return [r for r in scope if r.kode not in parents]


def recompute(
    rows: Sequence[BarisAnggaran], leaf_values: Mapping[str, Decimal | None]
) -> dict[str, Decimal | None]:
    """Every row's total from its leaves only; values given for parents are ignored (docs/contract.md §4, §7)."""
    leaf_codes = {r.kode for r in leaves(rows)}
    parts: dict[str, list[Decimal]] = {}
    for c in leaf_codes:
        v = leaf_values.get(c)
        if v is not None:
            for p in _prefixes(c):
                parts.setdefault(p, []).append(v)
    out: dict[str, Decimal | None] = {}
    for r in rows:
        if r.kode in leaf_codes:
            out[r.kode] = leaf_values.get(r.kode)
        else:
            mine = parts.get(r.kode)
            out[r.kode] = sum(mine, Decimal(0)) if mine else None
    return out


def recompute_pagu(rows: Sequence[BarisAnggaran]) -> dict[str, Decimal | None]:
    """Every row's pagu as the sum of its leaves' pagu (docs/contract.md §4, §7 `Anggaran` subtotals)."""
    return recompute(rows, {r.kode: r.pagu for r in rows})


def check_pagu(rows: Sequence[BarisAnggaran]) -> list[Finding]:
    """A parent pagu that differs from the sum of its direct children's pagu (docs/contract.md §4 check-pk)."""
    findings: list[Finding] = []
    nearest = _nearest(rows)
    kids_of: dict[str, list[BarisAnggaran]] = {}
    for row in rows:
        parent = nearest[row.kode]
        if parent is not None:
            kids_of.setdefault(parent, []).append(row)
    own: list[Decimal | None] = []  # each row's typed pagu minus its children's, None if equal
    for r in rows:
        kids = kids_of.get(r.kode, [])
        total = sum((c.pagu for c in kids), Decimal(0))
        own.append(r.pagu - total if kids and total != r.pagu else None)
    diff = {r.kode: d for r, d in zip(rows, own, strict=True) if d is not None}
    for r, d in zip(rows, own, strict=True):
        if d is None:
            continue
        kids = kids_of[r.kode]
        total = r.pagu - d
        # The likely cause: a child parent with the same difference (this row only follows it),
        # else the children themselves, when this row agrees with the level above it.
        same = [c.kode for c in kids if diff.get(c.kode) == d]
        if same:
            variant, sebab = "ikut", same[0]
        elif nearest[r.kode] is None or nearest[r.kode] not in diff:
            variant = "rincian"
            shown = kids[:5]
            sebab = ", ".join(f"{c.kode} {format_rupiah(c.pagu)}" for c in shown)
            if len(kids) > len(shown):
                sebab += f", dan {len(kids) - len(shown)} rincian lain"
        else:
            variant, sebab = None, ""
        findings.append(
            finding(
                Code.PAGU_INDUK_BEDA,
                sheet=SHEET,
                kode=r.kode,
                variant=variant,
                pagu=format_rupiah(r.pagu),
                jumlah=len(kids),
                total=format_rupiah(total),
                selisih=format_rupiah(abs(d)),
                sebab=sebab,
            )
        )
    return findings


RENSTRA_KOLOM = (
    ("Pagu Renstra", "pagu_renstra"),
    ("Realisasi Renstra s/d Tahun Lalu", "realisasi_renstra_lalu"),
)


def _leaf_sum(rows: Sequence[BarisAnggaran], attr: str) -> dict[str, Decimal | None]:
    """Each parent's sum of its leaves' Renstra figure, only when every leaf has one."""
    if all(getattr(r, attr) is None for r in rows):
        return {}
    codes = {r.kode for r in rows}
    parents = _parents(rows)
    total: dict[str, Decimal] = {}
    missing: set[str] = set()
    for r in rows:
        if r.kode in parents:
            continue
        v = getattr(r, attr)
        for p in _prefixes(r.kode):
            if p not in codes:
                continue
            if v is None:
                missing.add(p)
            else:
                total[p] = total.get(p, Decimal(0)) + v
    return {k: v for k, v in total.items() if k not in missing}


def recompute_renstra(rows: Sequence[BarisAnggaran], attr: str) -> dict[str, Decimal | None]:
    """Every row's Renstra figure (`pagu_renstra` or `realisasi_renstra_lalu`): a leaf's own; a
    parent's the sum of its leaves when every leaf has one, else what the parent row itself
    says (a Renstra often plans at program level only; docs/contract.md §14)."""
    sums = _leaf_sum(rows, attr)
    return {r.kode: sums.get(r.kode, getattr(r, attr)) for r in rows}


def check_renstra(rows: Sequence[BarisAnggaran]) -> list[tuple[str, Finding]]:
    """(column, finding) for each parent whose typed Renstra figure differs from the sum of its
    leaves' when every leaf has one (docs/contract.md §14: as for Pagu)."""
    out: list[tuple[str, Finding]] = []
    for kolom, attr in RENSTRA_KOLOM:
        sums = _leaf_sum(rows, attr)
        for r in rows:
            typed, total = getattr(r, attr), sums.get(r.kode)
            if typed is None or total is None or total == typed:
                continue
            out.append(
                (
                    kolom,
                    finding(
                        Code.RENSTRA_INDUK_BEDA,
                        sheet=SHEET,
                        kode=r.kode,
                        kolom=kolom,
                        nilai=format_rupiah(typed),
                        jumlah=len(leaves(rows, r.kode)),
                        total=format_rupiah(total),
                        selisih=format_rupiah(abs(typed - total)),
                    ),
                )
            )
    return out
