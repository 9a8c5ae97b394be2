"""Feedback for a rejected file (docs/contract.md §5): a marked-up copy of the form, or a short text.

The copy is made from the stored bytes, never from the inbox file: every offending cell gets a
red (error) or orange (warning) fill and a comment with the message, and a first sheet
`Daftar Perbaikan` lists every finding. Sheet protection is left as it was, so the bidang can
still type into the input cells. A file that is not a form gets a `.txt` saying what to send.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kinerja_cli.domain.findings import ERROR, Finding
from kinerja_cli.domain.names import distinct_stem
from kinerja_cli.io.atomic import atomic_save, atomic_write_text

DAFTAR = "Daftar Perbaikan"
SUFFIX = "-PERBAIKI"
RED = "FFC7CE"
ORANGE = "FFD699"
MAX_SHEET_BYTES = 4 << 20  # as io.form_reader: openpyxl never loads bigger sheets
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$")

JENIS_BERKAS = {
    "xls": "workbook Excel 97-2003 (.xls)",
    "xlsb": "workbook Excel Binary (.xlsb)",
    "ods": "lembar kerja OpenDocument (.ods, LibreOffice/WPS)",
    "csv": "teks CSV",
    "html": "halaman web (HTML)",
    "pdf": "dokumen PDF",
    "encrypted": "workbook yang dikunci kata sandi",
    "empty": "file kosong",
    "truncated": "file yang terpotong (unduhan/salinan tidak lengkap)",
    "corrupt": "file rusak",
    "zip-other": "arsip ZIP atau dokumen lain (mis. Word)",
    "unknown": "file yang tidak dikenali sebagai lembar kerja",
    "xlsx": "workbook Excel (.xlsx)",
    "xlsm": "workbook Excel bermakro (.xlsm)",
    "too-large": "berkas yang jauh lebih besar dari sebuah formulir",
}


def feedback_name(original: str, suffix: str) -> str:
    """`BM.xlsx` -> `BM-PERBAIKI.xlsx` (suffix `.xlsx` or `.txt`); `SEK.xlsm` ->
    `SEK~xlsm-PERBAIKI.xlsx`. Different inbox names always give different feedback names, each
    valid on every file system and bounded in length (docs/reliability.md C9). Pass the
    lossless (escaped) name when the shown one was made safe."""
    return f"{distinct_stem(original)}{SUFFIX}{suffix}"


def _cell_ref(cell: str | None) -> str | None:
    if not cell:
        return None
    first = cell.split(":", 1)[0].strip().upper()
    return first if _CELL.match(first) else None


def _target(ws: Any, ref: str) -> Any:
    """The cell to mark; a cell inside a merged range is marked at the range's top-left."""
    for rng in ws.merged_cells.ranges:
        if ref in rng:
            return ws.cell(rng.min_row, rng.min_col)
    return ws[ref]


def write_feedback_workbook(
    data: bytes,
    findings: Sequence[Finding],
    target: Path,
    *,
    original: str,
    kembalikan_ke: str = "",
) -> Path:
    """Write the marked-up copy of a rejected form to `target` (atomically); return it."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    from kinerja_cli.io.xlsx import ensure_defused_openpyxl

    ensure_defused_openpyxl()
    wb = load_workbook(io.BytesIO(data), keep_vba=False, rich_text=False)
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        ref = _cell_ref(f.cell)
        if f.sheet and ref and f.sheet in wb.sheetnames:
            by_cell.setdefault((f.sheet, ref), []).append(f)
    for (sheet, ref), items in by_cell.items():
        try:
            cell = _target(wb[sheet], ref)
        except (ValueError, KeyError, IndexError):
            continue
        error = any(f.severity == ERROR for f in items)
        cell.fill = PatternFill("solid", fgColor=RED if error else ORANGE)
        text = "\n\n".join(
            f"{'KESALAHAN' if f.severity == ERROR else 'PERINGATAN'} ({f.code}): {f.message}"
            for f in items
        )
        old = cell.comment.text + "\n\n" if cell.comment is not None else ""
        isi = (old + text)[:30000]
        comment = Comment(isi, "kinerja")
        comment.width, comment.height = KOMENTAR_LEBAR, _tinggi_komentar(isi)
        cell.comment = comment
    _daftar(wb, findings, original, kembalikan_ke)
    letak = _letak_komentar(wb)

    def simpan(tmp: Path) -> None:
        buf = io.BytesIO()
        wb.save(buf)
        tmp.write_bytes(_tempatkan_komentar(buf.getvalue(), letak))

    atomic_save(target, simpan)
    return target


KOMENTAR_LEBAR = 300  # px: about 45 characters of the comment font a line


def _tinggi_komentar(text: str) -> int:
    """A comment box tall enough for its text (px), within reason."""
    baris = sum(max(1, -(-len(part) // 45)) for part in text.split("\n"))
    return max(60, min(20 + 15 * baris, 420))


def _px_kolom(ws: Any, col: int) -> int:
    from openpyxl.utils import get_column_letter

    dim = ws.column_dimensions.get(get_column_letter(col))
    w = dim.width if dim is not None and dim.width else 8.43
    return int(w * 7 + 5)


def _px_baris(ws: Any, row: int) -> int:
    dim = ws.row_dimensions.get(row)
    h = dim.height if dim is not None and dim.height else 15
    return int(h * 4 / 3)


def _letak_komentar(wb: Any) -> dict[str, dict[tuple[int, int], tuple[str, str]]]:
    """Per sheet title, per (row, col) 0-based: the VML margin style and the Excel anchor of
    the comment's box, just right of its cell; a comment that would overlap the one above is
    moved down, so shown comments never stack at one spot."""
    out: dict[str, dict[tuple[int, int], tuple[str, str]]] = {}
    for ws in wb.worksheets:
        cells = sorted(
            (c.row, c.column, c.comment)
            for row in ws.iter_rows()
            for c in row
            if c.comment is not None
        )
        if not cells:
            continue
        mine: dict[tuple[int, int], tuple[str, str]] = {}
        bawah_terakhir: dict[int, int] = {}  # column -> lowest px used by a comment there
        for r, c, comment in cells:
            left = sum(_px_kolom(ws, j) for j in range(1, c + 1)) + 12
            top = sum(_px_baris(ws, i) for i in range(1, r)) + 2
            top = max(top, bawah_terakhir.get(c, 0) + 6)
            bawah_terakhir[c] = top + int(comment.height)
            # anchor: the cell grid the box covers (column/offset, row/offset, 0-based)
            x, col_a = 0, 0
            while x + _px_kolom(ws, col_a + 1) <= left:
                x += _px_kolom(ws, col_a + 1)
                col_a += 1
            dx = left - x
            y, row_a = 0, 0
            while y + _px_baris(ws, row_a + 1) <= top:
                y += _px_baris(ws, row_a + 1)
                row_a += 1
            dy = top - y
            x2, col_b = x, col_a
            while x2 + _px_kolom(ws, col_b + 1) <= left + int(comment.width):
                x2 += _px_kolom(ws, col_b + 1)
                col_b += 1
            y2, row_b = y, row_a
            while y2 + _px_baris(ws, row_b + 1) <= top + int(comment.height):
                y2 += _px_baris(ws, row_b + 1)
                row_b += 1
            anchor = (
                f"{col_a}, {dx}, {row_a}, {dy}, {col_b}, "
                f"{left + int(comment.width) - x2}, {row_b}, {top + int(comment.height) - y2}"
            )
            style = f"margin-left:{left * 0.75:.2f}pt;margin-top:{top * 0.75:.2f}pt;"
            mine[(r - 1, c - 1)] = (style, anchor)
        out[ws.title] = mine
    return out


_VML_X = "urn:schemas-microsoft-com:office:excel"
_VML_V = "urn:schemas-microsoft-com:vml"


def _tempatkan_komentar(
    data: bytes, letak: dict[str, dict[tuple[int, int], tuple[str, str]]]
) -> bytes:
    """The saved workbook with each comment box placed by `letak` (openpyxl writes every box
    at the same fixed margin, so shown comments would all stack at the sheet's top-left)."""
    import posixpath
    import zipfile

    from lxml import etree

    zin = zipfile.ZipFile(io.BytesIO(data))
    names = set(zin.namelist())
    rel_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    odr = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    def rels(part: str) -> dict[str, str]:
        folder, base = posixpath.split(part)
        path = posixpath.join(folder, "_rels", base + ".rels")
        if path not in names:
            return {}
        tree = etree.fromstring(zin.read(path))
        out: dict[str, str] = {}
        for el in tree.iter(f"{{{rel_ns}}}Relationship"):
            t = el.get("Target") or ""
            out[el.get("Id")] = (
                t.lstrip("/")
                if t.startswith("/")
                else posixpath.normpath(posixpath.join(folder, t))
            )
        return out

    wb_rels = rels("xl/workbook.xml")
    vml_for: dict[str, str] = {}
    for sheet in etree.fromstring(zin.read("xl/workbook.xml")).iter(f"{{{main}}}sheet"):
        part = wb_rels.get(sheet.get(f"{{{odr}}}id"), "")
        if part not in names:
            continue
        legacy = etree.fromstring(zin.read(part)).find(f"{{{main}}}legacyDrawing")
        if legacy is not None:
            vml = rels(part).get(legacy.get(f"{{{odr}}}id"), "")
            if vml in names:
                vml_for[vml] = sheet.get("name")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            title = vml_for.get(info.filename)
            if title in letak:
                blob = _vml(blob, letak[title])
            zout.writestr(info, blob)
    return out.getvalue()


def _vml(blob: bytes, letak: dict[tuple[int, int], tuple[str, str]]) -> bytes:
    from lxml import etree

    root = etree.fromstring(blob)
    for shape in root.iter(f"{{{_VML_V}}}shape"):
        data = shape.find(f"{{{_VML_X}}}ClientData")
        if data is None:
            continue
        row, col = data.find(f"{{{_VML_X}}}Row"), data.find(f"{{{_VML_X}}}Column")
        if row is None or col is None:
            continue
        where = letak.get((int(row.text or 0), int(col.text or 0)))
        if where is None:
            continue
        style, anchor = where
        parts = [
            p
            for p in (shape.get("style") or "").split(";")
            if p.strip() and not p.strip().startswith(("margin-left", "margin-top"))
        ]
        shape.set("style", style + ";".join(parts))
        old = data.find(f"{{{_VML_X}}}Anchor")
        if old is None:
            old = etree.Element(f"{{{_VML_X}}}Anchor")
            data.insert(2, old)
        old.text = anchor
    return bytes(etree.tostring(root, encoding="UTF-8"))


def _daftar(wb: Any, findings: Sequence[Finding], original: str, kembalikan_ke: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    from kinerja_cli.io.xlsx import apply_print_setup, row_height, safe_text

    if DAFTAR in wb.sheetnames:  # a feedback copy sent back unchanged: list afresh
        del wb[DAFTAR]
    ws = wb.create_sheet(DAFTAR, 0)
    n_err = sum(1 for f in findings if f.severity == ERROR)
    kepada = f" kepada {kembalikan_ke}" if kembalikan_ke else ""
    lines = [
        f"DAFTAR PERBAIKAN — {original}",
        f"Formulir ini ditolak: {n_err} kesalahan, {len(findings) - n_err} peringatan.",
        "Perbaiki setiap sel yang ditandai: MERAH = kesalahan yang wajib diperbaiki, "
        "ORANYE = peringatan yang perlu diperiksa. Arahkan tetikus ke sel untuk membaca "
        "komentarnya, atau klik alamat sel di tabel di bawah.",
        f"Setelah diperbaiki, simpan tetap sebagai .xlsx lalu kirim ulang{kepada}. "
        "Lembar ini boleh dibiarkan; isinya tidak ikut dibaca.",
    ]
    head = ("No", "Lembar", "Sel", "Indikator", "Jenis", "Pesan")
    widths = (5, 12, 8, 10, 12, 95)  # landscape A4 at fit-to-width: about 100 % scale
    for r, text in enumerate(lines, start=1):
        c = ws.cell(r, 1)
        safe_text(c, text)
        c.font = Font(name="Arial", bold=r == 1, size=12 if r == 1 else 10)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = row_height([(text, sum(widths))], line=14, minimum=16)
    header_row = len(lines) + 2
    for c, (h, w) in enumerate(zip(head, widths, strict=True), start=1):
        cell = ws.cell(header_row, c, h)
        cell.font = Font(name="Arial", bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E78")
        ws.column_dimensions[cell.column_letter].width = w
    for i, f in enumerate(findings, start=1):
        r = header_row + i
        ws.cell(r, 1, i)
        safe_text(ws.cell(r, 2), f.sheet or "")
        cell = ws.cell(r, 3)
        safe_text(cell, f.cell or "")
        ref = _cell_ref(f.cell)
        if f.sheet and ref and f.sheet in wb.sheetnames:
            quoted = f.sheet.replace("'", "''")
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!{ref}")
            cell.font = Font(color="0563C1", underline="single")
        safe_text(ws.cell(r, 4), f.kode or "")
        jenis = ws.cell(r, 5)
        safe_text(jenis, "Kesalahan" if f.severity == ERROR else "Peringatan")
        jenis.fill = PatternFill("solid", fgColor=RED if f.severity == ERROR else ORANGE)
        msg = ws.cell(r, 6)
        pesan = f"{f.message} [{f.code}]"
        safe_text(msg, pesan)
        msg.alignment = Alignment(wrap_text=True, vertical="top")
        for col in range(1, 6):
            ws.cell(r, col).alignment = Alignment(vertical="top", wrap_text=col in (2, 4))
        ws.row_dimensions[r].height = row_height([(pesan, widths[5]), (f.sheet or "", widths[1])])
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    # prints as a document: A4 landscape, one page wide, the header row on every page
    apply_print_setup(ws, header_row)
    for other in wb.worksheets:
        other.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    wb.active = 0


def fits_openpyxl(data: bytes) -> bool:
    """True when the worksheets are small enough to load whole (a form's are ~100 KB)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            size = sum(
                i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/")
            )
    except Exception:
        return False
    return size <= MAX_SHEET_BYTES


def write_feedback_text(
    findings: Sequence[Finding],
    target: Path,
    *,
    original: str,
    kind: str,
    sha256: str,
    received: str,
    kembalikan_ke: str = "",
    alasan: str | None = None,
    contoh: str = "TAHUN-PERIODE-KODE-Nama-Bidang.xlsx",
) -> Path:
    """Write the short explanation for a file that is not a form (atomically); return it.

    `contoh` names a form of this workspace (never another agency's file) as an example."""
    jenis = JENIS_BERKAS.get(kind, JENIS_BERKAS["unknown"])
    kepada = f" kepada {kembalikan_ke}" if kembalikan_ke else ""
    lines = [
        f"UMPAN BALIK kinerja untuk berkas: {original}",
        "",
        f"Yang diterima : {jenis}",
        f"Waktu berkas  : {received.replace('T', ' ')}",
        f"SHA-256       : {sha256}",
        "",
        alasan
        or "Berkas ini tidak dapat dibaca sebagai formulir pengukuran kinerja, sehingga ditolak:",
    ]
    lines += [f"  - {f.message} [{f.code}]" for f in findings if f.severity == ERROR] or [
        "  - berkas bukan formulir pengukuran kinerja."
    ]
    lines += [
        "",
        "Yang perlu dikirim:",
        "  Formulir .xlsx yang dibuat kinerja untuk bidang Anda (nama seperti",
        f"  {contoh}), diisi pada sel berwarna kuning, lalu disimpan dengan",
        "  File > Simpan Sebagai > Excel Workbook (*.xlsx). Jangan mengirim PDF, CSV, foto,",
        "  berkas .xls lama, atau berkas berkata sandi.",
        f"  Kirim ulang{kepada}.",
        "",
    ]
    # BOM + CRLF so the note opens cleanly in old Notepad on Windows.
    atomic_write_text(target, "\ufeff" + "\r\n".join(lines))
    return target
