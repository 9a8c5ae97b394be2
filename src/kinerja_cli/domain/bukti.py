"""Evidence (bukti dukung) named in a form's `Bukti Dukung` cell (docs/contract.md §14).

The cell holds references separated by `;` or line breaks. A reference is a web address, the
name of a file the bidang sends along (kept in the workspace's `bukti/`), or any other text
("SK Kadis No. 5/2026"), which is kept as written and not checked. Pure: text in, references
out; whether a named file exists is for services/bukti.py to find out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Jenis = Literal["url", "berkas", "teks"]

# What a file sent as evidence is: documents, spreadsheets, pictures, video, maps, archives.
EKSTENSI = frozenset(
    "pdf doc docx odt rtf txt xls xlsx xlsm ods csv ppt pptx odp jpg jpeg png gif bmp tif "
    "tiff webp heic mp4 mov avi mkv kml kmz shp dwg dxf zip rar 7z".split()
)
_PEMISAH = re.compile(r"[;\r\n]+")
_TERLARANG = set('<>:"|?*')  # not allowed in a Windows file name
MAKS_NAMA = 255


@dataclass(frozen=True)
class Rujukan:
    """One reference: its text as written (spaces tidied) and what it is."""

    teks: str
    jenis: Jenis


def _url(teks: str) -> bool:
    if " " in teks:
        return False
    try:
        parts = urlsplit(teks)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _berkas(teks: str) -> bool:
    """A file name (optionally under subfolders): a known evidence extension, no characters a
    file name cannot hold, no `..` and no drive or absolute path."""
    if len(teks) > MAKS_NAMA or "://" in teks or _TERLARANG & set(teks):
        return False
    parts = re.split(r"[\\/]", teks)
    if any(p in ("", ".", "..") for p in parts):
        return False
    stem, dot, ext = parts[-1].rpartition(".")
    return bool(dot and stem.strip() and ext.casefold() in EKSTENSI)


def rujukan(teks: str | None) -> list[Rujukan]:
    """The references of a Bukti Dukung cell, in order, empty parts left out."""
    out: list[Rujukan] = []
    for part in _PEMISAH.split(teks or ""):
        t = " ".join(part.replace("\u00a0", " ").split()).strip()
        if not t:
            continue
        if _url(t):
            out.append(Rujukan(t, "url"))
        elif _berkas(t):
            out.append(Rujukan(t, "berkas"))
        else:
            out.append(Rujukan(t, "teks"))
    return out


def kunci(nama: str) -> str:
    """The matching key of a file reference or a path under `bukti/`: `/` separators, Unicode
    NFC, case-insensitive (Windows and macOS file names are), a leading `bukti/` dropped."""
    k = unicodedata.normalize("NFC", nama.replace("\\", "/")).casefold().strip()
    while k.startswith("./"):
        k = k[2:]
    if k.startswith("bukti/"):
        k = k[len("bukti/") :]
    return k


@dataclass(frozen=True)
class BuktiDukung:
    """A reference as the reports list it: `ada` tells whether a named file is in `bukti/`
    (None for a web address or plain text, or when it was not checked); `path` is the file
    under `bukti/`, `sha256` its hash when read."""

    teks: str
    jenis: Jenis
    ada: bool | None = None
    path: str = ""
    sha256: str = ""
