"""Text as kinerja compares and stores it: Excel escapes undone, controls removed, one
normalised key for matching headers, sheet names, codes and locked texts."""

from __future__ import annotations

import re
import unicodedata

_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff]")


def clean_text(s: str) -> tuple[str, bool]:
    """Text of a cell as stored: Excel escapes undone, LF newlines, no controls, NFC.

    Returns (text, changed_controls). Apply once to raw cell text: `_x005F_x0041_` is the
    literal text `_x0041_`, which a second pass would turn into "A".
    """
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), s)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, replaced = _CONTROLS.subn(" ", text)
    text = _ZERO_WIDTH.sub("", text)
    return unicodedata.normalize("NFC", text), replaced > 0


def norm(s: object) -> str:
    """The key for matching headers, sheet names, codes and locked text: zero-width characters
    dropped, NFKC, casefold, runs of whitespace as one space, stripped ('' for None)."""
    if s is None:
        return ""
    text = unicodedata.normalize("NFKC", _ZERO_WIDTH.sub("", str(s))).casefold()
    return " ".join(unicodedata.normalize("NFKC", text).split())
