"""The budget hierarchy of the PK `Anggaran` sheet: program > kegiatan > sub-kegiatan (SPEC §4).

A row whose code is a prefix (up to a dot) of other rows' codes is a parent. Realisation is
reported on leaves only; a parent's total is always the sum of its leaf descendants, never the
parent's own figure plus its children's, so nothing is counted twice. A parent `Pagu` that
differs from the sum of its direct children is a finding, not silently corrected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from kinerja_cli.domain.findings import ERROR, Finding
from kinerja_cli.domain.models import BarisAnggaran
from kinerja_cli.domain.numbers import format_rupiah

SHEET = "Anggaran"


def _is_descendant(kode: str, of: str) -> bool:
    return kode.startswith(of + ".")


def descendants(rows: Sequence[BarisAnggaran], kode: str) -> list[BarisAnggaran]:
    """Every row below `kode` (code starts with `kode` + "."), in PK order (SPEC §4)."""
    return [r for r in rows if _is_descendant(r.kode, kode)]


def children(rows: Sequence[BarisAnggaran], kode: str) -> list[BarisAnggaran]:
    """Direct children of `kode`: its nearest descendants, skipping missing levels (SPEC §4)."""
    below = descendants(rows, kode)
    codes = {r.kode for r in below}
    return [r for r in below if not any(c != r.kode and _is_descendant(r.kode, c) for c in codes)]


def is_leaf(rows: Sequence[BarisAnggaran], kode: str) -> bool:
    """True when no row lies below `kode`: realisation is reported on leaves only (SPEC §4)."""
    return not any(_is_descendant(r.kode, kode) for r in rows)


def leaves(rows: Sequence[BarisAnggaran], kode: str | None = None) -> list[BarisAnggaran]:
    """The leaf rows (sub-kegiatan), all of them or those below `kode`, in PK order (SPEC §4)."""
    scope = rows if kode is None else descendants(rows, kode)
    return [r for r in scope if is_leaf(rows, r.kode)]


def recompute(
    rows: Sequence[BarisAnggaran], leaf_values: Mapping[str, Decimal | None]
) -> dict[str, Decimal | None]:
    """Every row's total from its leaves only; values given for parents are ignored (SPEC §4, §7)."""
    leaf_codes = {r.kode for r in leaves(rows)}
    out: dict[str, Decimal | None] = {}
    for r in rows:
        if r.kode in leaf_codes:
            out[r.kode] = leaf_values.get(r.kode)
            continue
        parts = [
            v
            for c in leaf_codes
            if _is_descendant(c, r.kode)
            if (v := leaf_values.get(c)) is not None
        ]
        out[r.kode] = sum(parts, Decimal(0)) if parts else None
    return out


def recompute_pagu(rows: Sequence[BarisAnggaran]) -> dict[str, Decimal | None]:
    """Every row's pagu as the sum of its leaves' pagu (SPEC §4, §7 `Anggaran` subtotals)."""
    return recompute(rows, {r.kode: r.pagu for r in rows})


def check_pagu(rows: Sequence[BarisAnggaran]) -> list[Finding]:
    """A parent pagu that differs from the sum of its direct children's pagu (SPEC §4 check-pk)."""
    findings: list[Finding] = []
    for r in rows:
        kids = children(rows, r.kode)
        if not kids:
            continue
        total = sum((c.pagu for c in kids), Decimal(0))
        if total == r.pagu:
            continue
        findings.append(
            Finding(
                code="pagu-induk-beda",
                severity=ERROR,
                message=(
                    f"Pagu {r.kode} tertulis {format_rupiah(r.pagu)}, tetapi jumlah pagu "
                    f"{len(kids)} rincian di bawahnya {format_rupiah(total)} "
                    f"(selisih {format_rupiah(abs(r.pagu - total))}); samakan pagu induk "
                    f"dengan jumlah rinciannya sesuai DPA."
                ),
                sheet=SHEET,
                kode=r.kode,
            )
        )
    return findings
