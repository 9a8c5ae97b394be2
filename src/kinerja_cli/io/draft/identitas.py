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
    """Deterministic from tahun, periode, the PK's SHA-256, the compile date and a digest of
    the compiled figures: recompiling unchanged data the same day gives the same id (and the
    same bytes); two drafts of one day from different data (before and after a correction)
    get different ids, so `kinerja koreksi` always finds the right original."""
    import json

    from kinerja_cli.io.draft.json_doc import to_json

    figures = hashlib.sha256(json.dumps(to_json(k), sort_keys=True, default=str).encode())
    seed = f"draf|{k.tahun}|{k.periode.kode}|{k.sidik_pk}|{_dibuat(k)}|{figures.hexdigest()}"
    return f"{k.tahun}-{k.periode.kode}-{hashlib.sha256(seed.encode()).hexdigest()[:16]}"


def _dibuat(k: Kompilasi) -> str:
    # The date only, like the Ringkasan's "Dikompilasi ... pada".
    return k.dibuat.date().isoformat() if k.dibuat else ""


def identity(k: Kompilasi) -> dict[str, str]:
    """The identity rows, in order."""
    return {
        "draft_id": draft_id(k),
        "versi_alat": __version__,
        "tahun": str(k.tahun),
        "periode": k.periode.kode,
        "sidik_pk": k.sidik_pk,
        "dibuat": _dibuat(k),
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
