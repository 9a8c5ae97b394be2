"""What a received file really is, judged by its bytes; its name only tells junk apart."""

from __future__ import annotations

import io
import re
import struct
import zipfile

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

KINDS = (
    "xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "html", "pdf", "encrypted",
    "empty", "truncated", "corrupt", "zip-other", "unknown",
)  # fmt: skip


def is_junk_name(name: str) -> bool:
    """True for lock files and OS litter that are ignored ("diabaikan"), never errors."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    low = base.casefold()
    # "~$x.xlsx" Office owner file; dotfiles cover ".~lock.x#", "._x" (AppleDouble), ".DS_Store".
    return (
        base.startswith(("~$", "."))
        or low in _JUNK_NAMES
        or low.endswith(_JUNK_SUFFIXES)
    )


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
