"""Builders for the bad-input corpus (docs/reliability.md E), all made in memory from bytes.

Every builder returns the bytes of one received file. `make_base_xlsx()` is a small valid
kinerja-style form; the hostile files are edits of it made with `rewrite_zip`/`edit_zip`/
`patch_sheet`, which take bytes and return bytes so form-level tests can reuse them.
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import IO

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET1 = "xl/worksheets/sheet1.xml"
FORM_ID = "00000000-0000-4000-8000-000000000001"
MiB = 1 << 20

Writer = Callable[[IO[bytes]], None]


@cache
def make_base_xlsx() -> bytes:
    """A small valid form: sheet `Form` (header row 3, IK.01-IK.03), veryHidden `_kinerja`."""
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.styles import Protection
    from openpyxl.workbook.defined_name import DefinedName

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Form"
    ws["A1"] = "Pengukuran Kinerja — Bidang Ekonomi — TW III 2025"
    headers = ["No", "Kode", "Indikator Kinerja", "Target", "Realisasi", "Satuan", "Penjelasan"]
    for col, text in enumerate(headers, start=1):
        ws.cell(row=3, column=col, value=text)
    rows = [
        (1, "IK.01", "Persentase UMKM naik kelas", 85, 90, "%", "sesuai rencana"),
        (2, "IK.02", "Jumlah wirausaha baru", 1500, 1200, "orang", ""),
        (3, "IK.03", "Indeks kepuasan pelaku usaha", 100, 85, "indeks", None),
    ]
    for r, values in enumerate(rows, start=4):
        for col, value in enumerate(values, start=1):
            ws.cell(row=r, column=col, value=value)
        for col in (5, 7):
            ws.cell(row=r, column=col).protection = Protection(locked=False)
    ws.protection.sheet = True
    meta = wb.create_sheet("_kinerja")
    for r, (key, value) in enumerate(
        [("form_id", FORM_ID), ("bidang", "EKONOMI"), ("periode", "2025-TW3")], start=1
    ):
        meta.cell(row=r, column=1, value=key)
        meta.cell(row=r, column=2, value=value)
    meta.sheet_state = "veryHidden"
    wb.custom_doc_props.append(StringProperty(name="kinerja_form_id", value=FORM_ID))
    wb.defined_names["KINERJA_FORM"] = DefinedName("KINERJA_FORM", attr_text="Form!$A$3:$G$6")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def read_member(src: bytes, member: str) -> bytes:
    """One member's bytes."""
    with zipfile.ZipFile(io.BytesIO(src)) as zf:
        return zf.read(member)


def edit_zip(
    src: bytes,
    changes: Mapping[str, bytes | Writer | None] | None = None,
    *,
    append: Iterable[tuple[str, bytes | Writer]] = (),
    compresslevel: int | None = None,
) -> bytes:
    """Copy a zip entry by entry: replace (bytes, or a writer streaming into the entry),
    drop (None), add changed names that were absent, then append more (duplicates allowed)."""
    changes = dict(changes or {})
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(src)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zout,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")  # "Duplicate name" is what case 12 wants
        todo = dict(changes)
        for info in zin.infolist():
            if info.filename in todo:
                _write(zout, info.filename, todo.pop(info.filename))
            else:
                zout.writestr(info, zin.read(info))
        for name, content in [*todo.items(), *append]:
            _write(zout, name, content)
    return out.getvalue()


def _write(zout: zipfile.ZipFile, name: str, content: bytes | Writer | None) -> None:
    if content is None:
        return
    if isinstance(content, bytes):
        zout.writestr(name, content)
        return
    with zout.open(name, "w", force_zip64=True) as fh:
        content(fh)


def rewrite_zip(src: bytes, member: str, new_bytes: bytes | Writer | None) -> bytes:
    """`src` with one member replaced (None removes it; an absent member is added)."""
    return edit_zip(src, {member: new_bytes})


def sheet_xml(sheet_data: str, *, head: str = "", tail: str = "", prolog: str = "") -> bytes:
    """A worksheet part around the given <sheetData> content."""
    return (
        f'{prolog}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{head}'
        f"<sheetData>{sheet_data}</sheetData>{tail}</worksheet>"
    ).encode()


def patch_sheet(src: bytes, xml: bytes | str | Writer, sheet: int = 1) -> bytes:
    """`src` with `xl/worksheets/sheet{sheet}.xml` replaced."""
    content = xml.encode() if isinstance(xml, str) else xml
    return rewrite_zip(src, f"xl/worksheets/sheet{sheet}.xml", content)


def replace_in_sheet(src: bytes, old: str, new: str, sheet: int = 1) -> bytes:
    """`src` with one text edit inside a worksheet part (which must contain `old`)."""
    member = f"xl/worksheets/sheet{sheet}.xml"
    xml = read_member(src, member).decode()
    assert old in xml, f"{old!r} not in {member}"
    return rewrite_zip(src, member, xml.replace(old, new, 1).encode())


def small_sheet(cells: str = '<c r="E4"><v>90</v></c>', *, head: str = "") -> bytes:
    """`make_base_xlsx()` whose Form sheet holds the given cells in row 4 only."""
    return patch_sheet(make_base_xlsx(), sheet_xml(f'<row r="4">{cells}</row>', head=head))


def with_dtd(dtd: str, cell_text: str) -> bytes:
    """Form sheet preceded by a DOCTYPE, with an entity reference in E4."""
    row = f'<row r="4"><c r="E4" t="inlineStr"><is><t>{cell_text}</t></is></c></row>'
    return patch_sheet(make_base_xlsx(), sheet_xml(row, prolog=f"<!DOCTYPE worksheet [{dtd}]>"))


def member_offsets(data: bytes, member: str) -> tuple[int, int]:
    """(local header offset, central directory record offset) of one member, for patching."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        local = zf.getinfo(member).header_offset
        pos = zf.start_dir  # type: ignore[attr-defined]
    while data[pos : pos + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<3H", data, pos + 28)
        if data[pos + 46 : pos + 46 + name_len].decode() == member:
            return local, pos
        pos += 46 + name_len + extra_len + comment_len
    raise KeyError(member)


# ---- docs/reliability.md E, cases 1-28 ---------------------------------------------------------


def case_empty() -> bytes:
    return b""


def case_csv() -> bytes:
    text = "Kode;Indikator;Target;Realisasi\r\nIK.01;Persentase UMKM;85;90,5\r\n"
    return "\ufeff".encode() + text.encode("utf-8")


def case_html() -> bytes:
    return b"<html><head><title>Error</title></head><body><table><tr><td>Sesi habis</td></tr>"


def _cfb(streams: Iterable[str]) -> bytes:
    """A compound-file (OLE2) container: header sector plus one directory sector."""
    header = bytearray(512)
    header[0:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<LL", header, 44, 1, 0)  # one FAT sector, directory starts at sector 0
    struct.pack_into("<L", header, 56, 4096)
    directory = bytearray(512)
    for i, name in enumerate(["Root Entry", *streams][:4]):
        encoded = name.encode("utf-16-le") + b"\0\0"
        directory[i * 128 : i * 128 + len(encoded)] = encoded
        struct.pack_into("<HB", directory, i * 128 + 64, len(encoded), 5 if i == 0 else 2)
    return bytes(header) + bytes(directory) + b"\0" * 512


def case_xls() -> bytes:
    return _cfb(["Workbook", "\x05SummaryInformation"])


def case_cfb_junk() -> bytes:
    return bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504


def case_encrypted() -> bytes:
    return _cfb(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])


def case_ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr(
            "content.xml", b'<?xml version="1.0" encoding="UTF-8"?><office:document-content/>'
        )
        zf.writestr("META-INF/manifest.xml", b"<manifest:manifest/>")
    return out.getvalue()


def case_xlsb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return out.getvalue()


def case_truncated() -> bytes:
    valid = make_base_xlsx()
    return valid[: len(valid) // 2]


def case_corrupt_deflate() -> bytes:
    data = bytearray(make_base_xlsx())
    local, _ = member_offsets(bytes(data), SHEET1)
    name_len, extra_len = struct.unpack_from("<HH", data, local + 26)
    data[local + 30 + name_len + extra_len + 5] ^= 0xFF
    return bytes(data)


def case_missing_content_types() -> bytes:
    return rewrite_zip(make_base_xlsx(), "[Content_Types].xml", None)


def case_duplicate_entry() -> bytes:
    valid = make_base_xlsx()
    edited = read_member(valid, SHEET1).replace(b"<v>85</v>", b"<v>1</v>")
    return edit_zip(valid, append=[(SHEET1, edited)])


def _stream(prefix: bytes, filler: bytes, size: int, suffix: bytes) -> Writer:
    def write(fh: IO[bytes]) -> None:
        fh.write(prefix)
        block = filler * (MiB // len(filler))
        for _ in range(size // len(block)):
            fh.write(block)
        fh.write(suffix)

    return write


def case_whitespace_bomb(mib: int = 300) -> bytes:
    """Valid sheet XML followed by `mib` MiB of spaces (about 1000:1)."""
    valid = make_base_xlsx()
    sheet = read_member(valid, SHEET1)
    return edit_zip(valid, {SHEET1: _stream(sheet, b" ", mib * MiB, b"")}, compresslevel=9)


def _with_shared_strings(src: bytes, sst: bytes | Writer) -> bytes:
    types = read_member(src, "[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = read_member(src, "xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    return edit_zip(
        src,
        {
            "[Content_Types].xml": types,
            "xl/_rels/workbook.xml.rels": rels,
            "xl/sharedStrings.xml": sst,
        },
    )


def case_shared_strings_bomb(count: int = 3_000_000) -> bytes:
    head = f'<sst xmlns="{MAIN_NS}" count="{count}" uniqueCount="{count}">'.encode()
    item = b"<si><t>x</t></si>"
    return _with_shared_strings(make_base_xlsx(), _stream(head, item, count * len(item), b"</sst>"))


def case_shared_strings_lie(declared: int = 4_000_000_000) -> bytes:
    """One string, `uniqueCount` in the billions: python-calamine pre-allocates and aborts."""
    sst = f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="{declared}"><si><t>x</t></si></sst>'
    sheet = sheet_xml('<row r="4"><c r="E4" t="s"><v>0</v></c></row>')
    return patch_sheet(_with_shared_strings(make_base_xlsx(), sst.encode()), sheet)


def case_giant_string(chars: int = 50 * MiB) -> bytes:
    head = sheet_xml("\0").split(b"\0")
    prefix = head[0] + b'<row r="4"><c r="E4" t="inlineStr"><is><t>'
    suffix = b"</t></is></c></row>" + head[1]
    if chars < MiB:
        return patch_sheet(make_base_xlsx(), prefix + b"x" * chars + suffix)
    return patch_sheet(make_base_xlsx(), _stream(prefix, b"x", chars, suffix))


def case_many_entries(n: int = 5_000) -> bytes:
    return edit_zip(
        make_base_xlsx(), append=[(f"customXml/item{i}.xml", b"<a/>") for i in range(n)]
    )


def case_declared_size_lie(bigger: bool = False) -> bytes:
    """Uncompressed size of sheet1 patched in the central directory and local header."""
    data = bytearray(make_base_xlsx())
    local, central = member_offsets(bytes(data), SHEET1)
    real = struct.unpack_from("<L", data, central + 24)[0]
    lie = real + 4096 if bigger else min(4096, real // 2)
    struct.pack_into("<L", data, central + 24, lie)
    struct.pack_into("<L", data, local + 22, lie)
    return bytes(data)


def case_dimension_bomb() -> bytes:
    return small_sheet(
        '<c r="E4"><v>90</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c>',
        head='<dimension ref="A1:XFD1048576"/>',
    )


def case_inflated_used_range() -> bytes:
    """Formatting far below the form (openpyxl writes an empty styled cell): harmless."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    wb = load_workbook(io.BytesIO(make_base_xlsx()))
    wb["Form"].cell(row=1_048_000, column=1).font = Font(bold=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def case_billion_laughs() -> bytes:
    entities = ['<!ENTITY a "lollollollollollollollollollol">']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        entities.append(f'<!ENTITY {cur} "{f"&{prev};" * 10}">')
    return with_dtd("".join(entities), "&i;")


def case_quadratic_blowup(size: int = 50_000) -> bytes:
    return with_dtd(f'<!ENTITY q "{"x" * size}">', "&q;" * size)


def case_xxe() -> bytes:
    return with_dtd('<!ENTITY x SYSTEM "file:///C:/Windows/win.ini">', "&x;")


def case_harmless_dtd() -> bytes:
    return with_dtd('<!ENTITY s "ok">', "&s;")


def case_invalid_char_ref() -> bytes:
    return small_sheet('<c r="G4" t="inlineStr"><is><t>a&#1;b</t></is></c>')


def case_excessive_nesting(depth: int = 50_000) -> bytes:
    """Deep <ext> nesting in workbook.xml. the 100 000 levels of docs/reliability.md E25 (1.1 MB at 537:1)
    already trip the ratio limit; 50 000 stays under it and reaches the parser."""
    valid = make_base_xlsx()
    workbook = read_member(valid, "xl/workbook.xml")
    nested = b"<extLst>" + b"<ext>" * depth + b"</ext>" * depth + b"</extLst>"
    return rewrite_zip(
        valid, "xl/workbook.xml", workbook.replace(b"</workbook>", nested + b"</workbook>")
    )


INVALID_CELLS = {
    "nan": '<c r="E4"><v>NaN</v></c>',
    "decimal-comma": '<c r="E4" t="n"><v>12,5</v></c>',
    "sst-index": '<c r="E4" t="s"><v>7</v></c>',
    "bad-date": '<c r="E4" t="d"><v>2025-13-45</v></c>',
}


def case_invalid_cell(variant: str) -> bytes:
    """Case 26: cell XML the reader must reject per cell (preflight lets these through)."""
    return small_sheet(INVALID_CELLS[variant])


def case_impossible_ref() -> bytes:
    return small_sheet('<c r="ZZZZ9999999"><v>1</v></c>')


def case_non_finite() -> bytes:
    return small_sheet('<c r="E4"><v>1e400</v></c>')


def junk_files() -> dict[str, bytes]:
    """Case 28: lock files and OS litter, as they appear in an inbox."""
    user = "Staf Ekonomi".encode("utf-16-le")
    return {
        "~$EKONOMI.xlsx": bytes([len("Staf Ekonomi")]) + user + b"\0" * (162 - len(user)),
        ".~lock.EKONOMI.xlsx#": b"Staf Ekonomi,PC-EKO,pc-eko,23.09.2025 10:00,file:///C:/x;",
        "._EKONOMI.xlsx": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(range(64)),
        "Thumbs.db": case_cfb_junk(),
        "desktop.ini": b"[.ShellClassInfo]\r\nIconResource=C:\\x.ico,0\r\n",
        ".DS_Store": b"\x00\x00\x00\x01Bud1" + b"\0" * 64,
        "~WRL1234.tmp": b"\x01\x02",
        "EKONOMI.xlsx.crdownload": make_base_xlsx()[:100],
        "EKONOMI.xlsx.part": make_base_xlsx()[:100],
    }
