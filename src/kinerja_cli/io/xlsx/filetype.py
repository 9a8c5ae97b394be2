"""What a received file really is, judged by its bytes; its name only tells junk apart."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass, field

from kinerja_cli.domain.rules import Code

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# BIFF2/3/4 worksheets written without the CFB container (pandas inspect_excel_format).
BIFF_MAGICS = (
    b"\x09\x00\x04\x00\x07\x00\x10\x00",
    b"\x09\x02\x06\x00\x00\x00\x10\x00",
    b"\x09\x04\x06\x00\x00\x00\x10\x00",
)
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
ODF_MIME = b"application/vnd.oasis.opendocument"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
EOCD = b"PK\x05\x06"
# Reading a bigger central directory costs zipfile real time (one ZipInfo per 46 bytes);
# 300 honest entries need well under 100 KiB.
MAX_CENTRAL_DIRECTORY = 1 << 20
_SMALL_MEMBER = 64 * 1024
_TEXT_HEAD = 64 * 1024

_JUNK_NAMES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini"})
_JUNK_SUFFIXES = (".tmp", ".part", ".crdownload")
_BLANK = re.compile(rb"[\x00 \t\r\n]*")
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
_MACRO_TYPE = re.compile(rb"macroEnabled", re.IGNORECASE)

KINDS = frozenset(
    "xlsx xlsm xls xlsb ods csv html pdf encrypted empty truncated corrupt zip-other unknown".split()
)


def is_junk_name(name: str) -> bool:
    """True for lock files and OS litter that are ignored ("diabaikan"), never errors."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    low = base.casefold()
    # "~$x.xlsx" Office owner file; dotfiles cover ".~lock.x#", "._x" (AppleDouble), ".DS_Store".
    return base.startswith(("~$", ".")) or low in _JUNK_NAMES or low.endswith(_JUNK_SUFFIXES)


def central_directory(data: bytes) -> tuple[int, int] | None:
    """(entry count, directory size) from the zip end record, or None when there is none."""
    # Same search as zipfile: the record at the very end, else the last one in the comment area.
    if data[-22:-18] == EOCD:
        idx = len(data) - 22
    else:
        idx = data.rfind(EOCD, max(0, len(data) - 65_557))
    if idx < 0 or idx + 22 > len(data):
        return None
    entries, size = struct.unpack_from("<HL", data, idx + 10)
    if (entries == 0xFFFF or size == 0xFFFFFFFF) and data[idx - 20 : idx - 16] == b"PK\x06\x07":
        (offset,) = struct.unpack_from("<Q", data, idx - 12)
        if offset + 56 <= len(data) and data[offset : offset + 4] == b"PK\x06\x06":
            entries, size = struct.unpack_from("<QQ", data, offset + 32)
    return entries, size


def small_member(zf: zipfile.ZipFile, name: str | None) -> bytes | None:
    """A member's bytes when it is declared small, else None (never inflates much)."""
    if name is None:
        return None
    try:
        info = zf.getinfo(name)
        if info.file_size > _SMALL_MEMBER or info.flag_bits & 0x1:
            return None
        with zf.open(info) as fh:
            return fh.read(_SMALL_MEMBER)
    except Exception:
        return None


def zip_kind(zf: zipfile.ZipFile) -> str:
    """xlsx / xlsm / xlsb / ods / zip-other from an open zip's member names."""
    names = {n.replace("\\", "/").lower(): n for n in zf.namelist()}
    if "xl/workbook.xml" in names:
        types = small_member(zf, names.get("[content_types].xml")) or b""
        if "xl/vbaproject.bin" in names or _MACRO_TYPE.search(types):
            return "xlsm"
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    mime = (small_member(zf, names.get("mimetype")) or b"").strip()
    if mime.startswith(ODF_MIME):
        return "ods" if mime.startswith(ODS_MIME) else "zip-other"
    return "ods" if "content.xml" in names else "zip-other"


def classify(data: bytes) -> tuple[str, zipfile.ZipFile | None]:
    """(kind, open zip); the zip is returned, open, only when the bytes are a readable zip."""
    if _BLANK.fullmatch(data):
        return "empty", None
    if data.startswith(CFB_MAGIC):
        return ("encrypted" if ENCRYPTED_STREAM in data else "xls"), None
    if data.startswith(BIFF_MAGICS):
        return "xls", None
    if data.startswith(ZIP_MAGIC):
        directory = central_directory(data)
        if directory is None:
            return "truncated", None
        if directory[1] > MAX_CENTRAL_DIRECTORY:
            return "zip-other", None
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except Exception:
            return "corrupt", None
        try:
            return zip_kind(zf), zf
        except Exception:
            zf.close()
            return "corrupt", None
    if data.startswith(b"%PDF"):
        return "pdf", None
    return _text_kind(data), None


def sniff(data: bytes, name: str = "") -> str:
    """The file's real kind (one of KINDS) from its bytes; the name is ignored on purpose."""
    try:
        kind, zf = classify(data)
    except Exception:
        return "corrupt"
    if zf is not None:
        zf.close()
    return kind


def _text_kind(data: bytes) -> str:
    head = data[:_TEXT_HEAD]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = head[: len(head) & ~1].decode("utf-16", "replace")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    text = text.lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        # HTML error pages, "web page" .xls, SpreadsheetML 2003: markup, not a workbook.
        return "html"
    bad = len(_BAD_TEXT.findall(text))
    if bad > max(2, len(text) // 100):
        return "unknown"
    first_lines = text[:4096]
    if any(sep in first_lines for sep in (";", ",", "\t")):
        return "csv"
    return "unknown"


# XML byte scans. They run on inflated parts before any XML parser, as C-level regex
# searches; the Python loops only run over what they find (normally nothing).

MAX_ROW = 99_999
MAX_COL = 702  # ZZ
# python-calamine allocates rows x columns x 32 bytes for a sheet, whatever is empty:
# A1 plus ZZ99999 (inside the two limits above) already asks for 2.2 GB and aborts.
MAX_AREA = 2_000_000
MAX_TRACKED = 100_000  # formula and error cells per file; a form has a few hundred cells
SST_SLACK = 1_000  # calamine pre-allocates <sst uniqueCount>; 4e9 aborts a 1 KB file
_EXCEL_MAX_ROW = 1_048_576
_EXCEL_MAX_COL = 16_384

_P = rb"(?:[\w.-]+:)?"  # namespace prefix
# Scans never leave the tag: XML allows no "<" inside a tag, not even in a quoted value.
# (Letting quotes run on past "<" made a stray quote cost seconds of backtracking.)
_ATTRS = rb"""(?:[^<>"']|"[^"<]*"|'[^'<]*')*"""
_LAZY = _ATTRS + rb"?"
# An attribute named exactly r, as quick-xml (calamine) reads keys: after whitespace or
# right after the previous value's quote (`s="1"r="A1"` counts; `x:r` and `/r` do not).
_KEY_START = rb"""(?<=[\s"'])"""
_R = _KEY_START + rb"r\s*=\s*"
_QUOTED = rb"""("[^"<]*"|'[^'<]*')"""
_NEAR_CELL = rb"[A-Z]{1,2}[1-9][0-9]{0,4}"
_NEAR_ROW = rb"[1-9][0-9]{0,4}"


def _unless(value: bytes) -> bytes:
    return rb'(?!"' + value + rb'"|\'' + value + rb"')"


_BAD_CELL_REF = re.compile(rb"<" + _P + rb"c\s" + _LAZY + _R + _unless(_NEAR_CELL) + _QUOTED)
_BAD_ROW_REF = re.compile(rb"<" + _P + rb"row\s" + _LAZY + _R + _unless(_NEAR_ROW) + _QUOTED)
_CANONICAL_CELL = re.compile(rb"([A-Z]{1,3})([1-9][0-9]{0,6})")
_CANONICAL_ROW = re.compile(rb"[1-9][0-9]{0,6}")
_TAG_REST = re.compile(_ATTRS + rb">")
# Plain XML attribute syntax; anything looser is read differently by different parsers.
_PLAIN_ATTRS = rb"""(?:\s+[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?\s*=\s*(?:"[^"<]*"|'[^'<]*'))*"""
_LOOSE_TAG = re.compile(rb"<" + _P + rb"(?:c|row)(?=[\s>/])(?!" + _PLAIN_ATTRS + rb"\s*/?>)")
_PREFIXED_R = re.compile(rb"<" + _P + rb"(?:c|row)\s" + _LAZY + rb"(?<=\s)[\w.-]+:r\s*=")
_ROW_OR_CELL = re.compile(rb"<(/?)" + _P + rb"(row|c)(?=[\s>/])(" + _ATTRS + rb")>")
_R_VALUE = re.compile(_R + rb"""(?:"([^"<]*)"|'([^'<]*)')""")
_OPEN_TAG = re.compile(rb"<" + _P + rb"(c|row)[\s>/]")
# Every explicit reference of a c / row tag; for cells also how the tag ends (">" unless empty).
# A tag with a second r does not match, so the counts differ and the slow path sees it.
_NO_R = rb"""(?:[^<>"'r]|"[^"<]*"|'[^'<]*'|r(?!\s*=)|(?<![\s"'])r(?=\s*=))*?"""
_EMPTY_CLOSE = rb"\s*</" + _P + rb"c\s*>"  # `<c ...></c>`: how openpyxl+lxml write styled cells
_EMPTY_REST = re.compile(_EMPTY_CLOSE)
_CELL_R = re.compile(
    rb"<" + _P + rb"c\s" + _LAZY + _R + _QUOTED + _NO_R + rb"(/>|>" + _EMPTY_CLOSE + rb"|>)"
)
_ROW_R = re.compile(rb"<" + _P + rb"row\s" + _LAZY + _R + _QUOTED + _NO_R + rb">")
_ALL_NEAR_CELLS = re.compile(rb"""(?:(?:"%s"|'%s') ?)*""" % (_NEAR_CELL, _NEAR_CELL))
_ALL_NEAR_ROWS = re.compile(rb"""(?:(?:"%s"|'%s') ?)*""" % (_NEAR_ROW, _NEAR_ROW))
_LETTERS = re.compile(rb"[A-Z]+")
_DIGITS = re.compile(rb"[0-9]+")
_F_TAG = re.compile(rb"<" + _P + rb"f[\s>/]")
_FORMULA_CELL = re.compile(
    rb"<" + _P + rb"c(\s" + _ATTRS + rb")(?<!/)>"
    rb"(?:[^<]|<(?!" + _P + rb"[cf][\s>/]|/" + _P + rb"c>))*"
    rb"<" + _P + rb"f(?:\s" + _ATTRS + rb")?(?:/>|>([^<]*))"
)
_T_E = _KEY_START + rb"""t\s*=\s*(?:"e"|'e')"""
_ERROR_CELL = re.compile(rb"<" + _P + rb"c(\s" + _LAZY + _T_E + _ATTRS + rb")>")
_EXTERNAL_FORMULA = re.compile(rb"\[\d+\]")
_SST_OPEN = re.compile(rb"<" + _P + rb"sst(\s" + _ATTRS + rb")>")
_UNIQUE_COUNT = re.compile(rb"(?<![\w.-])uniqueCount\s*=\s*" + _QUOTED)
_SI_PREFIXED = re.compile(rb"<[\w.-]+:si[\s>/]")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CHAR_REF = re.compile(rb"&#(?:x([0-9A-Fa-f]+)|([0-9]+));")
_ENCODING = re.compile(rb"""\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_NAMES = frozenset({b"utf-8", b"utf8", b"us-ascii", b"ascii"})
_NOISE = (
    (b"<!--", b"-->", re.compile(rb"<!--.*?-->", re.S)),
    (b"<![CDATA[", b"]]>", re.compile(rb"<!\[CDATA\[.*?\]\]>", re.S)),
    (b"<?", b"?>", re.compile(rb"<\?.*?\?>", re.S)),
)


class FarReference(Exception):
    """A cell python-calamine must never see; `cell` is set when it is one real cell."""

    def __init__(self, ref: str, cell: str | None) -> None:
        super().__init__(ref)
        self.ref, self.cell = ref, cell


class BadReference(Exception):
    """A cell or row reference that is not a plain `A1`-style reference."""


class TooMany(Exception):
    """More formula/error cells than any form has."""


@dataclass
class Facts:
    """What the sheet scans found, keyed by part path."""

    formula_cells: dict[str, set[str]] = field(default_factory=dict)
    error_cells: dict[str, set[str]] = field(default_factory=dict)
    external_cells: dict[str, set[str]] = field(default_factory=dict)
    max_ref: dict[str, tuple[int, int]] = field(default_factory=dict)
    tracked: int = 0

    def add(self, table: dict[str, set[str]], part: str, ref: str) -> None:
        self.tracked += 1
        if self.tracked > MAX_TRACKED:
            raise TooMany(self.tracked)
        table.setdefault(part, set()).add(ref)


def column_number(letters: bytes | str) -> int:
    """`A` → 1, `ZZ` → 702."""
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode().upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    """1 → `A`, 702 → `ZZ`."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def _where(xml: bytes, pos: int) -> str:
    line = xml.count(b"\n", 0, pos) + 1
    column = pos - xml.rfind(b"\n", 0, pos)
    return f"baris {line}, kolom {column}"


def xml_problem(xml: bytes, *, parsed: bool = True) -> tuple[str, str] | None:
    """(code, detail) when an XML part is not plain UTF-8 XML without a DTD, else None.

    Parts no reader parses (`parsed=False`, e.g. SharePoint's customXml, sometimes UTF-16)
    are only checked for a DTD.
    """
    if not parsed:
        text = xml.decode("utf-16", "replace").encode() if xml[:2] in _UTF16_BOMS else xml
        return (Code.XML_DTD_FORBIDDEN, "") if _DTD.search(text) else None
    if not xml:
        return None
    if b"\x00" in xml:
        return Code.XML_MALFORMED, "bukan teks UTF-8"
    body = xml.removeprefix(b"\xef\xbb\xbf")
    if not body.lstrip().startswith(b"<"):
        return Code.XML_MALFORMED, "tidak diawali tag XML"
    declared = _ENCODING.match(body)
    if declared and declared.group(1).lower() not in _UTF8_NAMES:
        return Code.XML_MALFORMED, f"encoding {declared.group(1).decode('ascii', 'replace')!r}"
    if _DTD.search(xml):
        return Code.XML_DTD_FORBIDDEN, ""
    control = _CONTROL.search(xml)
    if control:
        return Code.XML_MALFORMED, f"karakter kontrol pada {_where(xml, control.start())}"
    if b"&#" in xml:
        for ref in _CHAR_REF.finditer(xml):
            digits, base = (ref.group(1), 16) if ref.group(1) else (ref.group(2), 10)
            cp = int(digits, base) if len(digits) <= 8 else -1
            if not (
                cp in (0x9, 0xA, 0xD)
                or 0x20 <= cp <= 0xD7FF
                or 0xE000 <= cp <= 0xFFFD
                or 0x10000 <= cp <= 0x10FFFF
            ):
                shown = ref.group(0).decode("ascii")
                return (
                    Code.XML_MALFORMED,
                    f"karakter {shown} tidak sah pada {_where(xml, ref.start())}",
                )
    return None


def shared_strings_lie(xml: bytes) -> str | None:
    """A reason when an <sst> declares far more strings than it holds, else None."""
    if b"sst" not in xml:
        return None
    root = _SST_OPEN.search(xml)
    declared = _UNIQUE_COUNT.search(root.group(1)) if root else None
    if declared is None:
        return None
    digits = re.sub(rb"[^0-9]", b"", declared.group(1))[:20]
    count = int(digits) if digits else 0
    present = sum(xml.count(b"<si" + end) for end in (b">", b"/", b" ", b"\n", b"\r", b"\t"))
    if b":si" in xml:
        present += len(_SI_PREFIXED.findall(xml))
    if count > present + SST_SLACK:
        return f"menyatakan {count} teks tetapi hanya berisi {present}"
    return None


# The fast path of scan_sheet: sheet XML exactly as Excel, LibreOffice, openpyxl and
# xlsxwriter write it (no prefixes, no comments, double quotes, `r` first on every row and
# cell, nothing between the tags, every reference near: at most ZZ and row 99999) is
# checked by one grammar and read by plain searches. Anything else goes to the full scan.
_A = rb' (?!r=)[A-Za-z][A-Za-z0-9]*(?::[A-Za-z][A-Za-z0-9]*)?="[^"<>&]*"'
_F_EL = rb'<f(?: [A-Za-z][A-Za-z0-9]*="[^"<>&]*")*(?:/>|>[^<]*</f>)'
_V_EL = rb"(?:<v>[^<]*</v>|<v/>)"
_IS_EL = rb'<is>(?:<t(?: xml:space="preserve")?>[^<]*</t>|<t/>)</is>'
_C_EL = (
    rb'<c r="[A-Z]{1,2}[1-9][0-9]{0,4}"(?:'
    + _A
    + rb")*(?:/>|>(?:"
    + _F_EL
    + rb")?(?:"
    + _V_EL
    + rb"|"
    + _IS_EL
    + rb")?</c>)"
)
_ROW_EL = rb'<row r="[1-9][0-9]{0,4}"(?:' + _A + rb")*(?:/>|>(?:" + _C_EL + rb")*</row>)"
_CANONICAL_BODY = re.compile(rb"(?:" + _ROW_EL + rb")*")
_VALUED = re.compile(rb'<c r="([A-Z]+)([0-9]+)"[^>]*(?<!/)>(?!</c>)')
_FAST_FORMULA = re.compile(rb'<c r="([A-Z]+[0-9]+)"[^>]*(?<!/)><f(?: [^>]*)?(?:/>|>([^<]*)</f>)')
_FAST_ERROR = re.compile(rb'<c r="([A-Z]+[0-9]+)"[^>]* t="e"')


@dataclass(frozen=True)
class _Canonical:
    max_row: int
    max_col: int
    formulas: tuple[tuple[str, bytes | None], ...]
    errors: tuple[str, ...]


def fast_scan(raw: bytes) -> _Canonical | None:
    """The facts of a canonical sheet whose references are all near, else None (then the
    full scan decides). Safety code: it accepts only what the grammar above describes."""
    if b"<!--" in raw or b"<![CDATA[" in raw or raw.count(b"<?") > 1:
        return None
    if raw.count(b"<sheetData") != 1:
        return None
    start = raw.find(b"<sheetData>")
    if start < 0:
        if raw.find(b"<sheetData/>") < 0:
            return None
        head, body, tail = raw, b"", b""
    else:
        end = raw.find(b"</sheetData>", start)
        if end < 0 or raw.count(b"</sheetData>") != 1:
            return None
        head, body, tail = raw[:start], raw[start + 11 : end], raw[end + 12 :]
    if _OPEN_TAG.search(head) or _OPEN_TAG.search(tail):
        return None
    if _CANONICAL_BODY.fullmatch(body) is None:
        return None
    valued = _VALUED.findall(body)
    max_row = max(map(int, {r for _, r in valued}), default=0)
    max_col = max(map(column_number, {c for c, _ in valued}), default=0)
    formulas: tuple[tuple[str, bytes | None], ...] = ()
    if b"<f" in body:
        formulas = tuple(
            (ref.decode("ascii"), text or None) for ref, text in _FAST_FORMULA.findall(body)
        )
    errors: tuple[str, ...] = ()
    if b' t="e"' in body:
        errors = tuple(ref.decode("ascii") for ref in _FAST_ERROR.findall(body))
    return _Canonical(max_row, max_col, formulas, errors)


def scan_sheet(raw: bytes, part: str, facts: Facts, *, fast: bool = True) -> None:
    """Refuse refs python-calamine would abort on; record formula, error and extent facts.

    Canonical sheets take the fast path (`fast_scan`); every other sheet, and every sheet
    when `fast=False`, the full scan. Both give the same facts and the same refusals (the
    tests fuzz one against the other and against python-calamine)."""
    canonical = fast_scan(raw) if fast else None
    if canonical is None:
        _full_scan(raw, part, facts)
        return
    max_row, max_col = canonical.max_row, canonical.max_col
    if max_row * max_col > MAX_AREA:
        corner = f"{column_letters(max_col)}{max_row}"
        raise FarReference(f"rentang A1:{corner} ({max_row} baris × {max_col} kolom)", None)
    facts.max_ref[part] = (max_row, max_col)
    facts.formula_cells.setdefault(part, set())
    facts.error_cells.setdefault(part, set())
    for ref, text in canonical.formulas:
        facts.add(facts.formula_cells, part, ref)
        if text and _EXTERNAL_FORMULA.search(text):
            facts.add(facts.external_cells, part, ref)
    for ref in canonical.errors:
        facts.add(facts.error_cells, part, ref)


def _full_scan(raw: bytes, part: str, facts: Facts) -> None:
    xml = _without_noise(raw)
    cells = _CELL_R.findall(xml)
    rows = _ROW_R.findall(xml)
    values, ends = zip(*cells, strict=True) if cells else ((), ())
    near = _ALL_NEAR_CELLS.fullmatch(b" ".join(set(values)))
    tags = _OPEN_TAG.findall(xml)
    counted = tags.count(b"c") == len(cells) and tags.count(b"row") == len(rows)
    if not (counted and near and _ALL_NEAR_ROWS.fullmatch(b" ".join(set(rows)))):
        _check_references(xml)  # raises unless every far reference is formatting only
    if set(ends) - {b">"}:  # cells without content hold no value calamine would place
        values = tuple(value for value, end in cells if end == b">")
    max_row, max_col = _extent(values)
    if not counted:  # cells or rows without r (or with two): place them as calamine does
        implicit_row, implicit_col = _implicit_extent(xml)
        max_row, max_col = max(max_row, implicit_row), max(max_col, implicit_col)
    corner = f"{column_letters(max_col)}{max_row}"
    if max_row > MAX_ROW or max_col > MAX_COL:
        raise FarReference(f"sel {corner}", None)
    if max_row * max_col > MAX_AREA:
        raise FarReference(f"rentang A1:{corner} ({max_row} baris × {max_col} kolom)", None)
    facts.max_ref[part] = (max_row, max_col)
    facts.formula_cells.setdefault(part, set())
    facts.error_cells.setdefault(part, set())
    if (b"<f" in xml or b":f" in xml) and _F_TAG.search(xml):
        for m in _FORMULA_CELL.finditer(xml):
            ref = _r_of(m.group(1))
            if ref:
                facts.add(facts.formula_cells, part, ref)
                if m.group(2) and _EXTERNAL_FORMULA.search(m.group(2)):
                    facts.add(facts.external_cells, part, ref)
    if b'"e"' in xml or b"'e'" in xml:
        for m in _ERROR_CELL.finditer(xml):
            ref = _r_of(m.group(1))
            if ref:
                facts.add(facts.error_cells, part, ref)


def _without_noise(xml: bytes) -> bytes:
    # Comments, CDATA and processing instructions could hide a "</row>" from the scans.
    for opener, closer, pattern in _NOISE:
        if opener == b"<?" and xml.count(opener) <= 1:
            continue
        if opener in xml:
            if xml.rfind(opener) > xml.rfind(closer):  # unterminated: also keeps .*? linear
                raise BadReference(f"{opener.decode()} tanpa penutup")
            xml = pattern.sub(b" ", xml)
    return xml


def _r_of(attrs: bytes) -> str | None:
    m = _R_VALUE.search(attrs)
    if m is None:
        return None
    return (m.group(1) if m.group(1) is not None else m.group(2)).decode("ascii", "replace")


def _empty_cell(xml: bytes, pos: int) -> bool:
    """Whether the cell tag whose attributes go on at `pos` is `<c .../>` or `<c ...></c>`."""
    rest = _TAG_REST.match(xml, pos)
    if rest is None:
        return False
    return xml[rest.end() - 2 : rest.end()] == b"/>" or bool(_EMPTY_REST.match(xml, rest.end()))


def _check_references(xml: bytes) -> None:
    if _LOOSE_TAG.search(xml) or _PREFIXED_R.search(xml):
        raise BadReference("atribut tag <c>/<row> tidak sah")
    # Far cells without a value (formatting only) are harmless: calamine skips them.
    for m in _BAD_CELL_REF.finditer(xml):
        value = m.group(1)[1:-1]
        ref = value.decode("ascii", "replace")
        canonical = _CANONICAL_CELL.fullmatch(value)
        if not canonical or column_number(canonical[1]) > _EXCEL_MAX_COL:
            raise BadReference(f"referensi sel {ref!r}")
        if int(canonical[2]) > _EXCEL_MAX_ROW:
            raise BadReference(f"referensi sel {ref!r}")
        if not _empty_cell(xml, m.end()):
            raise FarReference(f"sel {ref}", ref)
    for m in _BAD_ROW_REF.finditer(xml):
        value = m.group(1)[1:-1]
        if not _CANONICAL_ROW.fullmatch(value) or int(value) > _EXCEL_MAX_ROW:
            raise BadReference(f"referensi baris {value.decode('ascii', 'replace')!r}")
        cell = _far_row_content(xml, m.end())
        if cell is not None:
            row = value.decode()
            raise FarReference(f"sel {cell}" if cell else f"baris {row}", cell or None)


def _far_row_content(xml: bytes, pos: int) -> str | None:
    """None when a far row holds no cell with content, else that cell's ref ('' if none)."""
    rest = _TAG_REST.match(xml, pos)
    if rest is None:
        return ""
    if xml[rest.end() - 2 : rest.end()] == b"/>":
        return None
    for m in _ROW_OR_CELL.finditer(xml, rest.end()):
        closing, tag, attrs = m.groups()
        if tag == b"row":
            return None if closing else ""
        if closing or attrs.endswith(b"/") or _EMPTY_REST.match(xml, m.end()):
            continue
        return _r_of(attrs) or ""
    return ""


def _extent(values: tuple[bytes, ...]) -> tuple[int, int]:
    """(max row, max column) of near, canonical quoted references."""
    joined = b" ".join(set(values))
    rows = set(_DIGITS.findall(joined))
    cols = set(_LETTERS.findall(joined))
    return max(map(int, rows), default=0), max(map(column_number, cols), default=0)


def _implicit_extent(xml: bytes) -> tuple[int, int]:
    """Extent as calamine places cells: a missing `r` means the next column (cells) or the
    row after the last (rows); a tag with several `r` counts at the largest of them."""
    row = top = col = max_row = max_col = 0
    for m in _ROW_OR_CELL.finditer(xml):
        closing, tag, attrs = m.groups()
        if closing:
            continue
        refs = [a or b for a, b in _R_VALUE.findall(attrs)]
        if tag == b"row":
            rows = [int(r) for r in refs if _CANONICAL_ROW.fullmatch(r)]
            row = max(rows) if rows else top + 1
            top, col = max(top, row), 0
            continue
        places = [_CANONICAL_CELL.fullmatch(r) for r in refs]
        found = [(int(p[2]), column_number(p[1])) for p in places if p]
        if found:
            cell_row, col = max(r for r, _ in found), max(c for _, c in found)
        else:
            col, cell_row = col + 1, max(row, 1)
        if not (attrs.endswith(b"/") or _EMPTY_REST.match(xml, m.end())):
            max_row, max_col = max(max_row, cell_row), max(max_col, col)
    return max_row, max_col
