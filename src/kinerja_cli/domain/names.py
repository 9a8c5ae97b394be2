"""File names are user data (docs/reliability.md C9): kept losslessly, shown safely, and every
path kinerja derives from one is valid, bounded and distinct.

A name as the operating system lists it may hold anything but `/` and NUL: bytes that are not
UTF-8 (Python surrogate-escapes them on Linux), control characters, bidirectional overrides,
hundreds of bytes. Three forms are derived from it, all pure functions of the name:

- `display_name`: what is shown and stored for reading: every undecodable byte, control
  character and bidirectional control becomes U+FFFD. Safe in a console, JSON, SQLite and an
  xlsx cell.
- `escaped_name`: the lossless form, kept beside the display form when the two differ:
  undecodable bytes and control characters as `\\xNN` / `\\uNNNN`, a backslash doubled.
- `distinct_stem` / `path_component`: a file-name part for the paths kinerja writes (feedback
  files, archive copies): no character any of Windows, macOS or Linux refuses, no device name,
  at most a fixed number of UTF-8 bytes; `distinct_stem` maps different names to different
  stems.

Standard library only (docs/architecture.md §3.2).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

REPLACEMENT = "\ufffd"
# Bidirectional embeddings, overrides and isolates, and the invisible marks: they can make
# `BM\u202exslx.exe` look like `BMexe.xlsx` in a listing.
_BIDI = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u2028\u2029"  # line and paragraph separators: a line break in a console or a log
)
# Refused in a file name by Windows (and `/` everywhere); `~` is kept for kinerja's own
# separator in `distinct_stem`.
_FORBIDDEN = frozenset('<>:"/\\|?*~')
_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
)
_PLAIN_EXT = re.compile(r"\.[A-Za-z0-9]{1,8}")
_PUNCT = frozenset(" _-.,()[]{}&+'!@#$%=;")
STEM_BYTES = 80  # a derived stem's UTF-8 length: room for the folder on Windows' 260 characters
_DIGEST = 10  # hex digits of the name's hash in a distinct stem (never 1-8, an extension's length)


def _unsafe(c: str, keep: str = "") -> bool:
    o = ord(c)
    if c in keep:
        return False
    return (
        o < 0x20 or 0x7F <= o < 0xA0 or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF) or c in _BIDI
    )


def printable(text: str, *, keep: str = "\t\n") -> str:
    """`text` with every control character (except those in `keep`), lone surrogate and
    bidirectional control replaced by U+FFFD: safe to print, to store and to put in an xlsx
    cell (openpyxl refuses C0 controls)."""
    if text.isprintable() and _BIDI.isdisjoint(text):  # both in C: messages are long
        return text
    return "".join(REPLACEMENT if _unsafe(c, keep) else c for c in text)


def display_name(name: str) -> str:
    """The name as kinerja shows and stores it: anything unsafe (a byte that is not UTF-8, a
    control character including tab and newline, a bidirectional control) as U+FFFD."""
    return printable(name, keep="")


def escaped_name(name: str) -> str:
    """The lossless, printable form of a name: a byte that is not UTF-8 (a surrogate escape)
    as `\\xNN`, a control character below U+0080 as `\\xNN`, any other unsafe character as
    `\\uNNNN`, a backslash doubled. Different names always give different escaped forms."""
    out: list[str] = []
    for c in name:
        o = ord(c)
        if c == "\\":
            out.append("\\\\")
        elif 0xDC80 <= o <= 0xDCFF:  # surrogateescape of the byte o - 0xDC00
            out.append(f"\\x{o - 0xDC00:02x}")
        elif _unsafe(c):
            out.append(f"\\x{o:02x}" if o < 0x80 else f"\\u{o:04x}")
        else:
            out.append(c)
    return "".join(out)


def is_altered(name: str) -> bool:
    """True when the display form differs from the name (the escaped form is then kept)."""
    return display_name(name) != name


def _truncate(text: str, max_bytes: int) -> str:
    raw = text.encode("utf-8")
    if len(raw) <= max_bytes:
        return text
    return raw[:max_bytes].decode("utf-8", "ignore")


def path_component(text: str, max_bytes: int = STEM_BYTES, fallback: str = "berkas") -> str:
    """A file or folder name made from any text, valid on Windows, macOS and Linux: unsafe and
    forbidden characters as `_`, no leading or trailing space or dot, not a Windows device
    name (`CON`, `NUL`, `COM1`, ...), at most `max_bytes` UTF-8 bytes (never empty)."""
    chars = ["_" if _unsafe(c) or c in _FORBIDDEN or c == REPLACEMENT else c for c in text]
    out = _truncate("".join(chars), max_bytes).strip(" .")
    if not out:
        return fallback
    if out.split(".", 1)[0].upper() in _DEVICES:
        out = "_" + out
    return _truncate(out, max_bytes).rstrip(" .") or fallback


def split_name(name: str) -> tuple[str, str]:
    """(stem, suffix) at the last dot; a leading dot is part of the stem (`.x` has no suffix)."""
    i = name.rfind(".")
    return (name[:i], name[i:]) if i > 0 else (name, "")


def _plain(stem: str, max_bytes: int) -> bool:
    return (
        bool(stem)
        and len(stem.encode("utf-8", "surrogatepass")) <= max_bytes
        and all(unicodedata.category(c)[0] in "LNM" or c in _PUNCT for c in stem)
        and stem == stem.strip(" .")
        and stem.split(".", 1)[0].upper() not in _DEVICES
    )


def distinct_stem(name: str, usual_suffix: str = ".xlsx", max_bytes: int = STEM_BYTES) -> str:
    """A file-name stem for something derived from the file `name`; different names never
    give the same stem.

    A plain name keeps its stem (`BM.xlsx` -> `BM`); a plain name with another suffix keeps it
    after `~` (`SEK.xlsm` -> `SEK~xlsm`, `CK.xls` -> `CK~xls`); anything else (characters a
    file system refuses, a name that was not valid text, longer than `max_bytes`) becomes its
    safe, shortened stem plus `~` and 10 hex digits of the name's SHA-256. Plain stems hold no
    `~`, and an extension has at most 8 characters, so the three forms cannot meet.
    Pass the lossless name (`escaped_name`) so that names shown alike stay apart.
    """
    stem, suffix = split_name(name)
    if _plain(stem, max_bytes):
        if suffix == usual_suffix:
            return stem
        if suffix == "" or _PLAIN_EXT.fullmatch(suffix):
            return f"{stem}~{suffix[1:]}"
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST]
    return f"{path_component(stem, max_bytes)}~{digest}"
