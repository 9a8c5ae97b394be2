"""Read what someone changed in a compiled draft: every cell of the edited copy against the
draft kinerja wrote (docs/contract.md §11).

The tables of `Pengukuran`, `Anggaran` and `Permasalahan` are compared row by row through their
`Kode` column (a moved row is the same row) and column by header; every other cell, and every
other sheet, is compared at its position. Each change says what the column holds, so the
caller can tell a correction (a realisation, a budget realisation, a narrative) from a value
that comes from the PK (a target, a code) or one kinerja computes (s/d, capaian, predikat...).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from kinerja_cli.domain.periode import ROMAWI

Kind = Literal["realisasi", "anggaran", "narasi", "pk", "hitungan", "lain"]
MAX_ROWS = 60_000
MAX_COLS = 80

# Narrative columns of Permasalahan -> Narasi field.
NARASI_COLUMNS = {
    "faktor pendorong": "pendorong",
    "faktor penghambat": "penghambat",
    "tindak lanjut": "tindak_lanjut",
    "bukti dukung": "bukti",
}
# Columns whose values come from the PK, per keyed sheet (normalised header text).
PK_COLUMNS = {
    "Pengukuran": {
        "kode",
        "sasaran",
        "indikator kinerja",
        "satuan",
        "target",
        "target (pk awal)",
        "target (pk perubahan)",
        "bidang",
    },
    "Anggaran": {"kode", "uraian", "bidang", "pagu (rp)"},
    "Permasalahan": {"kode", "indikator kinerja", "bidang"},
}
_TW = {r.lower(): i for i, r in enumerate(ROMAWI, start=1)}
_REAL_TW = re.compile(r"realisasi tw (i|ii|iii|iv)")
_REAL_TW_RP = re.compile(r"realisasi tw (i|ii|iii|iv) \(rp\)")
_TARGET_TW = re.compile(r"target tw (i|ii|iii|iv)")


@dataclass(frozen=True)
class Change:
    """One cell that differs between the draft kinerja wrote and the edited copy."""

    sheet: str
    cell: str  # in the edited copy
    kind: Kind
    kode: str | None  # the row's code (indicator or budget row), for keyed tables
    header: str | None
    field: str | None  # "TW2" for a quarter's value, a Narasi field for a narrative
    lama: Any
    baru: Any


def classify(sheet: str, header: str) -> tuple[Kind, str | None]:
    """What a column of a keyed draft table holds: (kind, field)."""
    h = " ".join(header.split()).casefold()
    if sheet == "Pengukuran":
        if m := _REAL_TW.fullmatch(h):
            return "realisasi", f"TW{_TW[m.group(1)]}"
        if h == "realisasi":  # the annual draft shows the year's realisation only
            return "realisasi", "TAHUN"
        if h in PK_COLUMNS[sheet] or _TARGET_TW.fullmatch(h):
            return "pk", None
        return "hitungan", None
    if sheet == "Anggaran":
        if m := _REAL_TW_RP.fullmatch(h):
            return "anggaran", f"TW{_TW[m.group(1)]}"
        return ("pk", None) if h in PK_COLUMNS[sheet] else ("hitungan", None)
    if sheet == "Permasalahan":
        if h in NARASI_COLUMNS:
            return "narasi", NARASI_COLUMNS[h]
        return ("pk", None) if h in PK_COLUMNS[sheet] else ("hitungan", None)
    return "lain", None


def same(a: Any, b: Any) -> bool:
    """Equal as a person reads them: numbers by value, text without outer/double spaces."""
    return _key(a) == _key(b)


def _key(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return ("b", v)
    if isinstance(v, int | float):
        try:
            return ("n", Decimal(repr(v)).normalize())
        except InvalidOperation:
            return ("s", str(v))
    text = " ".join(str(v).split())
    return text


def _sheets(data: bytes) -> dict[str, list[list[Any]]]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    try:
        out: dict[str, list[list[Any]]] = {}
        for ws in wb.worksheets:
            if ws.title == "_kinerja":
                continue
            rows = []
            for i, row in enumerate(ws.iter_rows(max_col=MAX_COLS, values_only=True)):
                if i >= MAX_ROWS:
                    break
                rows.append(list(row))
            out[ws.title] = rows
        return out
    finally:
        wb.close()


def _ref(r: int, c: int) -> str:
    from kinerja_cli.io.xlsx import column_letters

    return f"{column_letters(c)}{r}"


def _get(rows: list[list[Any]], r: int, c: int) -> Any:
    if r < 1 or r > len(rows):
        return None
    row = rows[r - 1]
    return row[c - 1] if c <= len(row) else None


def _keyed(sheet: str, old: list[list[Any]], new: list[list[Any]]) -> list[Change] | None:
    """The changes of a table keyed by `Kode`; None when either copy has no such header."""
    from kinerja_cli.io.xlsx import find_header, norm

    h_old, h_new = find_header(old, ("Kode",), ("Kode",)), find_header(new, ("Kode",), ("Kode",))
    if h_old is None or h_new is None:
        return None
    k_old, k_new = h_old.col("Kode"), h_new.col("Kode")
    assert k_old is not None and k_new is not None

    def index(rows: list[list[Any]], head: int, kcol: int) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in range(head + 1, len(rows) + 1):
            v = _get(rows, r, kcol)
            if v is not None and str(v).strip() and str(v).strip() not in out:
                out[str(v).strip()] = r
        return out

    rows_old, rows_new = index(old, h_old.row, k_old), index(new, h_new.row, k_new)
    headers = {
        norm(_get(old, h_old.row, c)): c
        for c in range(1, len(old[h_old.row - 1]) + 1)
        if _get(old, h_old.row, c) is not None
    }
    new_cols = {h: cols[0] for h, cols in h_new.columns.items()}
    changes: list[Change] = []
    keyed_rows_new = set(rows_new.values())
    for kode, r_old in rows_old.items():
        r_new = rows_new.get(kode)
        if r_new is None:
            changes.append(Change(sheet, _ref(r_old, k_new), "pk", kode, "Kode", None, kode, None))
            continue
        for h, c_old in headers.items():
            c_new = new_cols.get(h)
            header = str(_get(old, h_old.row, c_old))
            lama = _get(old, r_old, c_old)
            baru = _get(new, r_new, c_new) if c_new is not None else None
            if c_new is None or not same(lama, baru):
                kind, field = classify(sheet, header)
                where = _ref(r_new, c_new) if c_new is not None else _ref(h_new.row, k_new)
                changes.append(Change(sheet, where, kind, kode, header, field, lama, baru))
    for kode, r_new in rows_new.items():
        if kode not in rows_old:
            changes.append(Change(sheet, _ref(r_new, k_new), "pk", kode, "Kode", None, None, kode))
    # Rows without a code (sasaran subtotals, the dinas average, notes): by position.
    for r in range(1, max(len(old), len(new)) + 1):
        if r in keyed_rows_new or r == h_new.row:
            continue
        if r in rows_old.values():
            continue
        changes += _positional_row(sheet, old, new, r)
    return changes


def _positional_row(sheet: str, old: list[list[Any]], new: list[list[Any]], r: int) -> list[Change]:
    width = max(len(old[r - 1]) if r <= len(old) else 0, len(new[r - 1]) if r <= len(new) else 0)
    return [
        Change(
            sheet,
            _ref(r, c),
            "hitungan" if sheet in PK_COLUMNS else "lain",
            None,
            None,
            None,
            _get(old, r, c),
            _get(new, r, c),
        )
        for c in range(1, width + 1)
        if not same(_get(old, r, c), _get(new, r, c))
    ]


def changes(original: bytes, edited: bytes) -> list[Change]:
    """Every cell of `edited` that differs from `original` (both drafts of kinerja)."""
    old, new = _sheets(original), _sheets(edited)
    out: list[Change] = []
    for sheet in dict.fromkeys([*old, *new]):
        a, b = old.get(sheet, []), new.get(sheet, [])
        keyed = _keyed(sheet, a, b) if sheet in PK_COLUMNS else None
        if keyed is not None:
            out += keyed
            continue
        for r in range(1, max(len(a), len(b)) + 1):
            out += _positional_row(sheet, a, b, r)
    return out
