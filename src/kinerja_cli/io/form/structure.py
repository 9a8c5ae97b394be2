"""The structure of a form table: columns by header text, rows by code (RELIABILITY A8).

Columns may move (found by header); rows are matched by code and compared with the PK's row
set and order (SPEC §5: a row added, removed or reordered is an error); content outside the
table and merges over input cells are reported with their cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja_cli.domain.checks import Catatan
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.form.grid import Grid, Header, kosong, ref
from kinerja_cli.io.xlsx import clean_text, norm

MAX_OUTSIDE = 20  # di-luar-area-formulir findings per sheet before one summary finding


@dataclass
class Tabel:
    """A form table located in a sheet (header None when no header row was found)."""

    sheet: str
    grid: Grid
    header: Header | None


def bersihkan(text: str) -> tuple[str, bool]:
    """clean_text, skipping the work for plain printable ASCII (most cells)."""
    if text.isascii() and text.isprintable() and "_x" not in text:
        return text, False
    return clean_text(text)


def teks(v: object) -> str:
    """A cell value as text for comparing and quoting: 65.0 -> "65", cleaned like stored text."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return bersihkan(str(v))[0]


def kutip(v: object) -> str:
    """`"teks"` for messages, `(kosong)` for a blank cell."""
    text = teks(v).replace("\n", " ")
    return "(kosong)" if not text.strip() else f'"{text[:80]}"'


def kolom(cat: Catatan, t: Tabel, columns: tuple[L.Column, ...]) -> dict[str, int]:
    """Layout header -> column; every missing or doubled header is a finding."""
    out: dict[str, int] = {}
    row = t.header.row if t.header else L.HEADER_ROW
    for i, col in enumerate(columns, start=1):
        cols = t.header.columns.get(norm(col.header)) if t.header else None
        if not cols:
            cat.add("kolom-hilang", f"Kolom '{col.header}' tidak ada di baris judul (baris {row}); "
                    "jangan menghapus atau mengganti judul kolom. Salin isian ke formulir baru "
                    "bila perlu.", sheet=t.sheet, cell=ref(row, i))  # fmt: skip
            continue
        if len(cols) > 1:
            cat.add("kolom-ganda", f"Kolom '{col.header}' ada lebih dari sekali (kolom "
                    f"{ref(row, cols[0])} dan {ref(row, cols[1])}); hapus salinannya.",
                    sheet=t.sheet, cell=ref(row, cols[1]))  # fmt: skip
        out[col.header] = cols[0]
    return out


def baris(cat: Catatan, t: Tabel, kolom: dict[str, int], codes: list[str], apa: str,
          jauh: str | None = None) -> dict[str, int]:
    """PK code -> row, matched by code; extra, missing, doubled and reordered rows reported.

    `jauh` is a cell holding data beyond the rows that were read (from preflight), if any.
    """
    assert t.header is not None
    kcol = kolom["Kode"]
    grid, sheet = t.grid, t.sheet
    index = {norm(c): i for i, c in enumerate(codes)}
    start = t.header.row + 1
    last = max((r for r in range(start, grid.n_rows + 1) if not kosong(grid.get(r, kcol))),
               default=t.header.row)  # fmt: skip
    cols = sorted(set(kolom.values()))
    rows: dict[int, int] = {}
    order: list[tuple[int, int]] = []
    for r in range(start, last + 1):
        raw = grid.get(r, kcol)
        if kosong(raw):
            if any(not kosong(grid.get(r, c)) for c in cols):
                cat.add("baris-tambahan", f"Baris {r} tanpa kode berisi isian; jangan menambah "
                        "baris. Hapus baris itu.", sheet=sheet, cell=ref(r, kcol))  # fmt: skip
            continue
        i = index.get(norm(teks(raw)))
        if i is None:
            cat.add("baris-tambahan", f"Kode {kutip(raw)} tidak ada di PK untuk {apa} bidang ini; "
                    "jangan menambah baris. Hapus baris itu.", sheet=sheet, cell=ref(r, kcol),
                    kode=teks(raw))  # fmt: skip
        elif i in rows:
            cat.add("baris-ganda", f"Kode {codes[i]} sudah ada di baris {rows[i]}; hapus baris "
                    "salinannya.", sheet=sheet, cell=ref(r, kcol), kode=codes[i])  # fmt: skip
        else:
            rows[i] = r
            order.append((i, r))
    highest = -1
    for i, r in order:
        if i < highest:
            cat.add("urutan-baris-berubah", f"Urutan baris berbeda dari PK (kode {codes[i]} "
                    f"seharusnya sebelum {codes[highest]}); kembalikan urutan semula, jangan "
                    "mengurutkan tabel.", sheet=sheet, cell=ref(r, kcol), kode=codes[i])  # fmt: skip
            break
        highest = i
    prev = t.header.row
    for i, code in enumerate(codes):
        if i in rows:
            prev = rows[i]
            continue
        cat.add("baris-hilang", f"Baris {code} dari PK tidak ada; jangan menghapus baris. Pakai "
                "formulir baru bila baris terhapus.", sheet=sheet, cell=ref(prev + 1, kcol),
                kode=code)  # fmt: skip
    _luar(cat, t, last, jauh)
    return {codes[i]: r for i, r in rows.items()}


def _luar(cat: Catatan, t: Tabel, last: int, jauh: str | None) -> None:
    """Warn about content right of the headed columns or below the last row."""
    assert t.header is not None
    grid, hrow = t.grid, t.header.row
    header = grid.rows[hrow - 1] if hrow <= grid.n_rows else []
    headed = {c for c, v in enumerate(header, start=1) if not kosong(v)}
    width = max((len(r) for r in grid.rows[hrow - 1:]), default=0)
    extra = [c for c in range(1, width + 1) if c not in headed]
    found: list[str] = []
    for r in range(hrow, grid.n_rows + 1):
        row = grid.rows[r - 1]
        cols = extra if r <= last else range(1, len(row) + 1)
        found += [ref(r, c) for c in cols if c <= len(row) and not kosong(row[c - 1])]
        if len(found) > MAX_OUTSIDE:
            break
    if jauh:
        found.append(jauh)
    for cell in found[:MAX_OUTSIDE]:
        cat.add("di-luar-area-formulir", f"Sel {cell} berisi data di luar area formulir; isinya "
                "tidak dibaca. Pindahkan keterangan ke kolom Faktor Pendorong/Penghambat/Tindak "
                "Lanjut/Bukti Dukung.", sheet=t.sheet, cell=cell)  # fmt: skip
    if len(found) > MAX_OUTSIDE:
        cat.add("di-luar-area-formulir", f"Masih ada sel lain berisi data di luar area formulir "
                f"setelah {found[MAX_OUTSIDE - 1]}; isinya tidak dibaca.", sheet=t.sheet,
                cell=found[MAX_OUTSIDE])  # fmt: skip


def gabung(cat: Catatan, t: Tabel, cells: dict[tuple[int, int], str | None]) -> None:
    """A merged range over an input cell hides its value: error on each hidden input cell."""
    for r0, c0, r1, c1 in t.grid.merged:
        for (r, c), kode in sorted(cells.items()):
            if r0 <= r <= r1 and c0 <= c <= c1 and (r, c) != (r0, c0):
                cat.add("sel-isian-digabung", f"Sel isian {ref(r, c)} digabung (merge) dengan "
                        f"{ref(r0, c0)}:{ref(r1, c1)}; isinya hilang. Batalkan penggabungan "
                        "(Unmerge) dan isi setiap sel.", sheet=t.sheet, cell=ref(r, c),
                        kode=kode)  # fmt: skip
