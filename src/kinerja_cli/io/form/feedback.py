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
        comment = Comment((old + text)[:30000], "kinerja")
        comment.width, comment.height = 320, min(60 + 16 * len(text) // 40, 400)
        cell.comment = comment
    _daftar(wb, findings, original, kembalikan_ke)
    atomic_save(target, wb.save)
    return target


def _daftar(wb: Any, findings: Sequence[Finding], original: str, kembalikan_ke: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    from kinerja_cli.io.xlsx import safe_text

    if DAFTAR in wb.sheetnames:  # a feedback copy sent back unchanged: list afresh
        del wb[DAFTAR]
    ws = wb.create_sheet(DAFTAR, 0)
    n_err = sum(1 for f in findings if f.severity == ERROR)
    kepada = f" kepada {kembalikan_ke}" if kembalikan_ke else ""
    lines = [
        f"DAFTAR PERBAIKAN — {original}",
        f"Berkas ini ditolak: {n_err} kesalahan, {len(findings) - n_err} peringatan.",
        "Perbaiki setiap sel yang ditandai: MERAH = kesalahan yang wajib diperbaiki, "
        "ORANYE = peringatan yang perlu diperiksa. Arahkan tetikus ke sel untuk membaca "
        "komentarnya, atau klik alamat sel di tabel di bawah.",
        f"Setelah diperbaiki, simpan tetap sebagai .xlsx lalu kirim ulang{kepada}. "
        "Lembar ini boleh dibiarkan; kinerja mengabaikannya.",
    ]
    for r, text in enumerate(lines, start=1):
        c = ws.cell(r, 1)
        safe_text(c, text)
        c.font = Font(bold=r == 1, size=12 if r == 1 else 10)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 16 if r == 1 else 30
    head = ("No", "Lembar", "Sel", "Indikator", "Jenis", "Pesan")
    widths = (5, 14, 8, 11, 12, 100)
    header_row = len(lines) + 2
    for c, (h, w) in enumerate(zip(head, widths, strict=True), start=1):
        cell = ws.cell(header_row, c, h)
        cell.font = Font(bold=True, color="FFFFFF")
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
        safe_text(msg, f"{f.message} [{f.code}]")
        msg.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(header_row + 1, 1)
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
