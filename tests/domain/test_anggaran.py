"""The budget hierarchy: leaves, recomputed parents, pagu findings (docs/contract.md §4 Anggaran)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_cli.domain.anggaran import (
    check_pagu,
    children,
    descendants,
    is_leaf,
    leaves,
    recompute,
    recompute_pagu,
)
from kinerja_cli.domain.models import BarisAnggaran

PROGRAM = "1.03.10"
KEGIATAN = "1.03.10.2.01"
SUB1 = "1.03.10.2.01.0001"
SUB2 = "1.03.10.2.01.0002"
KEGIATAN2 = "1.03.10.2.02"
SUB3 = "1.03.10.2.02.0001"


def baris(kode: str, pagu: int) -> BarisAnggaran:
    return BarisAnggaran(kode=kode, uraian=f"Uraian {kode}", bidang="BM", pagu=D(pagu))


def pohon(program: int = 1_500_000, kegiatan: int = 1_000_000) -> list[BarisAnggaran]:
    return [
        baris(PROGRAM, program),
        baris(KEGIATAN, kegiatan),
        baris(SUB1, 600_000),
        baris(SUB2, 400_000),
        baris(KEGIATAN2, 500_000),
        baris(SUB3, 500_000),
    ]


def test_children_leaves_is_leaf():
    rows = pohon()
    assert [r.kode for r in children(rows, PROGRAM)] == [KEGIATAN, KEGIATAN2]
    assert [r.kode for r in children(rows, KEGIATAN)] == [SUB1, SUB2]
    assert children(rows, SUB1) == []
    assert [r.kode for r in descendants(rows, PROGRAM)] == [KEGIATAN, SUB1, SUB2, KEGIATAN2, SUB3]
    assert [r.kode for r in leaves(rows)] == [SUB1, SUB2, SUB3]
    assert [r.kode for r in leaves(rows, KEGIATAN)] == [SUB1, SUB2]
    assert is_leaf(rows, SUB3) and not is_leaf(rows, KEGIATAN)


def test_prefix_needs_a_dot():
    rows = [baris("1.03.1", 10), baris("1.03.10", 20), baris("1.03.10.1", 20)]
    assert is_leaf(rows, "1.03.1")
    assert children(rows, "1.03.1") == []
    assert check_pagu(rows) == []


def test_direct_children_skip_a_missing_level():
    rows = [baris(PROGRAM, 300), baris(SUB1, 100), baris(KEGIATAN2, 200), baris(SUB3, 200)]
    assert [r.kode for r in children(rows, PROGRAM)] == [SUB1, KEGIATAN2]
    assert check_pagu(rows) == []


def test_recompute_sums_leaves_only():
    rows = pohon()
    values = {SUB1: D(100), SUB2: None, SUB3: D(50), KEGIATAN: D(999_999), PROGRAM: D(1)}
    out = recompute(rows, values)
    assert out[SUB1] == D(100) and out[SUB2] is None and out[SUB3] == D(50)
    assert out[KEGIATAN] == D(100)  # the parent's own figure is ignored
    assert out[KEGIATAN2] == D(50)
    assert out[PROGRAM] == D(150)


def test_recompute_all_blank_is_none():
    out = recompute(pohon(), {})
    assert all(v is None for v in out.values())


def test_recompute_pagu():
    out = recompute_pagu(pohon(program=9, kegiatan=9))
    assert out[PROGRAM] == D(1_500_000) and out[KEGIATAN] == D(1_000_000)


def test_check_pagu_consistent_tree_has_no_finding():
    assert check_pagu(pohon()) == []


def test_check_pagu_mismatch_finding():
    findings = check_pagu(pohon(program=1_400_000))
    assert [(f.code, f.severity, f.sheet, f.kode) for f in findings] == [
        ("pagu-induk-beda", "error", "Anggaran", PROGRAM)
    ]
    assert "Rp1.400.000" in findings[0].message and "Rp1.500.000" in findings[0].message


def test_check_pagu_each_wrong_level_is_its_own_finding():
    findings = check_pagu(pohon(program=2_000_000, kegiatan=900_000))
    assert [f.kode for f in findings] == [PROGRAM, KEGIATAN]
    assert all(f.code == "pagu-induk-beda" for f in findings)


segment = st.integers(min_value=1, max_value=3).map(str)


@st.composite
def trees(draw):
    paths = draw(
        st.sets(st.lists(segment, min_size=1, max_size=4).map(".".join), min_size=1, max_size=15)
    )
    kodes = sorted(paths)
    values = {k: draw(st.none() | st.integers(0, 10**9).map(D)) for k in kodes}
    return [baris(k, 0) for k in kodes], values


@pytest.mark.slow
@given(trees())
def test_recompute_never_double_counts(tree):
    rows, values = tree
    out = recompute(rows, values)
    leaf_codes = {r.kode for r in leaves(rows)}
    for r in rows:
        below = [values[c] for c in leaf_codes if c == r.kode or c.startswith(r.kode + ".")]
        filled = [v for v in below if v is not None]
        assert out[r.kode] == (sum(filled, D(0)) if filled else None)
    # the roots together hold every leaf value exactly once
    roots = [r.kode for r in rows if not any(r.kode.startswith(o.kode + ".") for o in rows)]
    grand = sum((out[k] or D(0) for k in roots), D(0))
    assert grand == sum((values[c] or D(0) for c in leaf_codes), D(0))


# --- the indexed hierarchy equals its definition (the naive O(n²) version it replaced) ------


def _naive_children(rows: list[BarisAnggaran], kode: str) -> list[BarisAnggaran]:
    below = [r for r in rows if r.kode.startswith(kode + ".")]
    codes = {r.kode for r in below}
    return [r for r in below if not any(c != r.kode and r.kode.startswith(c + ".") for c in codes)]


def _naive_recompute(rows: list[BarisAnggaran], values: dict[str, D | None]) -> dict[str, D | None]:
    leaf = {r.kode for r in rows if not any(o.kode.startswith(r.kode + ".") for o in rows)}
    out: dict[str, D | None] = {}
    for r in rows:
        if r.kode in leaf:
            out[r.kode] = values.get(r.kode)
            continue
        parts = [v for c in leaf if c.startswith(r.kode + ".") if (v := values.get(c)) is not None]
        out[r.kode] = sum(parts, D(0)) if parts else None
    return out


_KODE = st.lists(st.sampled_from(["1", "2", "01", "1.2"]), min_size=1, max_size=4).map(".".join)


@given(
    st.lists(
        st.tuples(_KODE, st.integers(0, 10**6), st.none() | st.integers(0, 10**6)), max_size=14
    )
)
def test_indexed_hierarchy_matches_the_definition(spec: list[tuple[str, int, int | None]]) -> None:
    rows = [baris(k, p) for k, p, _ in spec]
    values = {k: None if v is None else D(v) for k, _, v in spec}
    assert [r.kode for r in leaves(rows)] == [
        r.kode for r in rows if not any(o.kode.startswith(r.kode + ".") for o in rows)
    ]
    for r in rows:
        assert children(rows, r.kode) == _naive_children(rows, r.kode)
    assert recompute(rows, values) == _naive_recompute(rows, values)
    expected = [
        r.kode
        for r in rows
        if (kids := _naive_children(rows, r.kode)) and sum((c.pagu for c in kids), D(0)) != r.pagu
    ]
    assert [f.kode for f in check_pagu(rows)] == expected
