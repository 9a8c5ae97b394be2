"""The structure of a form table: columns by header text, rows by code (docs/reliability.md A8).

Columns may move (found by header); rows are matched by code and compared with the PK's row
set and order (docs/contract.md §5: a row added, removed or reordered is an error); content outside the
table and merges over input cells are reported with their cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja_cli.domain.rules import Code, Collector
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.form.grid import Grid, Header, is_blank, ref
from kinerja_cli.io.xlsx import clean_text, norm

MAX_OUTSIDE = 20  # di-luar-area-formulir findings per sheet before one summary finding


@dataclass
class FormTable:
    """A form table located in a sheet (header None when no header row was found)."""

    sheet: str
    grid: Grid
    header: Header | None


def clean(text: str) -> tuple[str, bool]:
    """clean_text, skipping the work for plain printable ASCII (most cells)."""
    if text.isascii() and text.isprintable() and "_x" not in text:
        return text, False
    return clean_text(text)


def cell_text(v: object) -> str:
    """A cell value as text for comparing and quoting: 65.0 -> "65", cleaned like stored text."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return clean(str(v))[0]


def quote_cell(v: object) -> str:
    """`"teks"` for messages, `(kosong)` for a blank cell."""
    text = cell_text(v).replace("\n", " ")
    return "(kosong)" if not text.strip() else f'"{text[:80]}"'


def find_columns(out: Collector, t: FormTable, columns: tuple[L.Column, ...]) -> dict[str, int]:
    """Layout header -> column; every missing or doubled header is a finding."""
    found: dict[str, int] = {}
    row = t.header.row if t.header else L.HEADER_ROW
    for i, col in enumerate(columns, start=1):
        cols = t.header.columns.get(norm(col.header)) if t.header else None
        if not cols:
            out.add(Code.KOLOM_HILANG, sheet=t.sheet, cell=ref(row, i), kolom=col.header, baris=row)
            continue
        if len(cols) > 1:
            out.add(
                Code.KOLOM_GANDA,
                sheet=t.sheet,
                cell=ref(row, cols[1]),
                kolom=col.header,
                pertama=ref(row, cols[0]),
                kedua=ref(row, cols[1]),
            )
        found[col.header] = cols[0]
    return found


def match_rows(
    out: Collector,
    t: FormTable,
    kolom: dict[str, int],
    codes: list[str],
    apa: str,
    far: str | None = None,
    ttd: bool = False,
) -> dict[str, int]:
    """PK code -> row, matched by code; extra, missing, doubled and reordered rows reported.

    `far` is a cell holding data beyond the rows that were read (from preflight), if any;
    `ttd`: the table has the form's signature block below it (layout.ttd_area).
    """
    assert t.header is not None
    kcol = kolom["Kode"]
    grid, sheet = t.grid, t.sheet
    index = {norm(c): i for i, c in enumerate(codes)}
    start = t.header.row + 1
    last = max(
        (r for r in range(start, grid.n_rows + 1) if not is_blank(grid.get(r, kcol))),
        default=t.header.row,
    )
    cols = sorted(set(kolom.values()))
    rows: dict[int, int] = {}
    order: list[tuple[int, int]] = []
    for r in range(start, last + 1):
        raw = grid.get(r, kcol)
        if is_blank(raw):
            if any(not is_blank(grid.get(r, c)) for c in cols):
                out.add(
                    Code.BARIS_TAMBAHAN,
                    sheet=sheet,
                    cell=ref(r, kcol),
                    variant="tanpa-kode",
                    baris=r,
                )
            continue
        i = index.get(norm(cell_text(raw)))
        if i is None:
            out.add(
                Code.BARIS_TAMBAHAN,
                sheet=sheet,
                cell=ref(r, kcol),
                kode=cell_text(raw),
                isi=quote_cell(raw),
                apa=apa,
            )
        elif i in rows:
            out.add(Code.BARIS_GANDA, sheet=sheet, cell=ref(r, kcol), kode=codes[i], baris=rows[i])
        else:
            rows[i] = r
            order.append((i, r))
    highest = -1
    for i, r in order:
        if i < highest:
            out.add(
                Code.URUTAN_BARIS_BERUBAH,
                sheet=sheet,
                cell=ref(r, kcol),
                kode=codes[i],
                sebelum=codes[highest],
            )
            break
        highest = i
    prev = t.header.row
    for i, code in enumerate(codes):
        if i in rows:
            prev = rows[i]
            continue
        out.add(Code.BARIS_HILANG, sheet=sheet, cell=ref(prev + 1, kcol), kode=code)
    # The signature block sits below the rows as written (rows overwritten) or as found (rows
    # inserted or deleted move it along).
    sign = {last, t.header.row + len(codes)} if ttd else set()
    _outside(out, t, last, far, sign)
    return {codes[i]: r for i, r in rows.items()}


def _outside(out: Collector, t: FormTable, last: int, far: str | None, sign: set[int]) -> None:
    """Warn about content right of the headed columns or below the last row (except in the
    signature block the form itself has below a table ending at a row in `sign`)."""
    assert t.header is not None
    grid, hrow = t.grid, t.header.row
    header = grid.rows[hrow - 1] if hrow <= grid.n_rows else []
    headed = {c for c, v in enumerate(header, start=1) if not is_blank(v)}
    sign_rows: set[int] = set()
    sign_cols: range = range(0)
    for end in sign:
        block, sign_cols = L.ttd_area(end, max(headed, default=0))
        sign_rows.update(block)
    width = max((len(r) for r in grid.rows[hrow - 1 :]), default=0)
    extra = [c for c in range(1, width + 1) if c not in headed]
    found: list[str] = []
    for r in range(hrow, grid.n_rows + 1):
        row = grid.rows[r - 1]
        cols = extra if r <= last else range(1, len(row) + 1)
        if r in sign_rows:
            cols = [c for c in cols if c not in sign_cols]
        found += [ref(r, c) for c in cols if c <= len(row) and not is_blank(row[c - 1])]
        if len(found) > MAX_OUTSIDE:
            break
    if far:
        found.append(far)
    for cell in found[:MAX_OUTSIDE]:
        out.add(Code.DI_LUAR_AREA_FORMULIR, sheet=t.sheet, cell=cell, sel=cell)
    if len(found) > MAX_OUTSIDE:
        out.add(
            Code.DI_LUAR_AREA_FORMULIR,
            sheet=t.sheet,
            cell=found[MAX_OUTSIDE],
            variant="lagi",
            sel=found[MAX_OUTSIDE - 1],
        )


def check_merges(out: Collector, t: FormTable, cells: dict[tuple[int, int], str | None]) -> None:
    """A merged range over an input cell hides its value: error on each hidden input cell."""
    for r0, c0, r1, c1 in t.grid.merged:
        for (r, c), kode in sorted(cells.items()):
            if r0 <= r <= r1 and c0 <= c <= c1 and (r, c) != (r0, c0):
                out.add(
                    Code.SEL_ISIAN_DIGABUNG,
                    sheet=t.sheet,
                    cell=ref(r, c),
                    kode=kode,
                    sel=ref(r, c),
                    rentang=f"{ref(r0, c0)}:{ref(r1, c1)}",
                )
