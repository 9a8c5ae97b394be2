"""Draft sheet `_kinerja` (very hidden): the draft's own identity, so that a copy saved
elsewhere or a file edited in place is recognised later (docs/contract.md §11).

Key/value rows like the form's identity sheet: `kunci | nilai`, one key a row. The sheet is
protected (no password: it only guards against an accidental edit).
"""

from __future__ import annotations

import hashlib

from kinerja_cli import __version__
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.io.draft.common import SheetWriter

IDENTITY_SHEET = "_kinerja"
IDENTITY_KEYS = ("draft_id", "versi_alat", "tahun", "periode", "sidik_pk", "dibuat")


def draft_id(k: Kompilasi) -> str:
    """Deterministic from tahun, periode, the PK's SHA-256 and the compile time: two compiles
    of the same data at the same moment give the same id, any other compile another."""
    dibuat = k.dibuat.isoformat(timespec="seconds") if k.dibuat else ""
    seed = f"draf|{k.tahun}|{k.periode.kode}|{k.sidik_pk}|{dibuat}"
    return f"{k.tahun}-{k.periode.kode}-{hashlib.sha256(seed.encode()).hexdigest()[:16]}"


def identity(k: Kompilasi) -> dict[str, str]:
    """The identity rows, in order."""
    return {
        "draft_id": draft_id(k),
        "versi_alat": __version__,
        "tahun": str(k.tahun),
        "periode": k.periode.kode,
        "sidik_pk": k.sidik_pk,
        "dibuat": k.dibuat.isoformat(timespec="seconds") if k.dibuat else "",
    }


def write(sh: SheetWriter, k: Kompilasi) -> None:
    """`kunci | nilai` rows; the sheet very hidden and protected."""
    sh.put(1, 1, "kunci", "kn_wrap")
    sh.put(1, 2, "nilai", "kn_wrap")
    for r, (key, value) in enumerate(identity(k).items(), start=2):
        sh.put(r, 1, key, "kn_wrap")
        sh.put(r, 2, value, "kn_wrap")
    sh.widths([12, 40])
    sh.ws.very_hidden()
    sh.ws.protect()
