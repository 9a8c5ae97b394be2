"""The Sekretaris's corrections (SOP step 8, docs/contract.md §11), as the store keeps them.

A correction replaces one value a bidang submitted (a realisation of a quarter, a budget
realisation of a leaf row, a narrative) for one periode's data, with who, when, the draft it
came from and the bidang's own value at the time (`basis`). `accepted()` of the store applies
the corrections that are still in force; a later submission of the bidang whose value for a
corrected cell differs from `basis` overrides that correction (`ditimpa_oleh`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kinerja_cli.domain.models import DataBidang, Narasi, Nilai
from kinerja_cli.domain.periode import Periode
from kinerja_cli.store.records import decode, now_iso

NARASI_FIELDS = ("pendorong", "penghambat", "tindak_lanjut", "bukti")


@dataclass(frozen=True)
class Correction:
    """One corrected value."""

    kind: str  # realisasi | anggaran | narasi
    bidang: str | None
    kode: str
    field: str  # TW1..TW4 for values, a Narasi field for narratives
    lama: str | None  # as the draft showed it
    baru: str | None  # stored text: a Decimal as str, biner '1'/'0', narrative text
    basis: str | None = None  # the bidang's own value when corrected
    basis_sha256: str | None = None
    sheet: str | None = None
    cell: str | None = None
    draft: str = ""
    draft_sha256: str = ""
    at: str = ""
    oleh: str = ""
    id: int = 0
    ditimpa_oleh: int | None = None

    @property
    def tw(self) -> int | None:
        """The quarter of a value correction."""
        return int(self.field[2:]) if self.field.startswith("TW") else None


_COLS = (
    "kind, bidang, kode, field, lama, baru, basis, basis_sha256, sheet, cell, draft, "
    "draft_sha256, at, oleh, id, ditimpa_oleh"
)


def record(
    store: Any,
    periode: Periode,
    corrections: Iterable[Correction],
    draft: str,
    draft_sha256: str,
    oleh: str,
) -> int:
    """Record one `kinerja koreksi` run, all or nothing; return its batch number."""
    at = now_iso()
    with store.transaction():
        batch = int(
            store.conn.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM koreksi").fetchone()[0]
        )
        store.conn.executemany(
            "INSERT INTO koreksi (batch, periode, bidang, kind, kode, field, lama, baru, basis, "
            "basis_sha256, sheet, cell, draft, draft_sha256, at, oleh) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    batch,
                    periode.data_kode,
                    c.bidang,
                    c.kind,
                    c.kode,
                    c.field,
                    c.lama,
                    c.baru,
                    c.basis,
                    c.basis_sha256,
                    c.sheet,
                    c.cell,
                    draft,
                    draft_sha256,
                    at,
                    oleh,
                )
                for c in corrections
            ],
        )
    return batch


def all_of(store: Any, periode: Periode) -> list[Correction]:
    """Every correction recorded for the periode's data, oldest first (overridden included)."""
    rows = store.conn.execute(
        f"SELECT {_COLS} FROM koreksi WHERE periode = ? ORDER BY id", (periode.data_kode,)
    )
    return [Correction(*r) for r in rows]


def in_force(store: Any, periode: Periode) -> list[Correction]:
    """The corrections still in force: the latest for each cell, unless a submission overrode it."""
    latest: dict[tuple[str, str, str], Correction] = {}
    for c in all_of(store, periode):
        latest[(c.kind, c.kode, c.field)] = c
    return [c for c in latest.values() if c.ditimpa_oleh is None]


BINER = {"true": True, "false": False}  # how a corrected yes/no answer is stored


def encode_value(v: Nilai | None) -> str | None:
    """A corrected value as stored: a Decimal as its exact str, yes/no as true/false."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _value(text: str | None) -> Nilai | None:
    if text is None or text == "":
        return None
    if text in BINER:
        return BINER[text]
    return decode(text, 0)


def apply(
    data: Mapping[str, DataBidang], corrections: Iterable[Correction], quarters: int
) -> dict[str, DataBidang]:
    """The accepted values with the corrections in force applied (the input is not changed).

    A correction for a bidang without an accepted submission is not applied (koreksi refuses
    those)."""
    out = {k: v for k, v in data.items()}
    copied: set[str] = set()
    for c in corrections:
        db = out.get(c.bidang or "")
        if db is None:
            continue
        if c.bidang not in copied:
            db = dataclasses.replace(
                db,
                realisasi={k: list(v) for k, v in db.realisasi.items()},
                narasi=dict(db.narasi),
                anggaran={k: list(v) for k, v in db.anggaran.items()},
            )
            out[db.bidang] = db
            copied.add(db.bidang)
        if c.kind == "narasi":
            old = db.narasi.get(c.kode, Narasi())
            db.narasi[c.kode] = dataclasses.replace(old, **{c.field: c.baru or ""})
            continue
        tw = c.tw
        if tw is None:
            continue
        if c.kind == "realisasi":
            series: list[Any] = db.realisasi.setdefault(c.kode, [None] * quarters)
            value: Any = _value(c.baru)
        else:
            series = db.anggaran.setdefault(c.kode, [None] * quarters)
            value = None if not c.baru else Decimal(c.baru)
        while len(series) < tw:
            series.append(None)
        series[tw - 1] = value
    return out


def own_value(db: DataBidang, c: Correction) -> str | None:
    """The bidang's own value (stored as a correction's text) for the cell of a correction."""
    if c.kind == "narasi":
        return getattr(db.narasi.get(c.kode, Narasi()), c.field, "") or ""
    tw = c.tw or 0
    series = (db.realisasi if c.kind == "realisasi" else db.anggaran).get(c.kode, [])
    return encode_value(series[tw - 1] if 0 < tw <= len(series) else None)


def overrides(
    store: Any, periode: Periode, bidang: str, winner_id: int, data: DataBidang
) -> list[Correction]:
    """Corrections of this bidang that the new winning submission overrides: its value for the
    cell differs from the bidang's own value when the correction was made. They are marked."""
    found = []
    for c in in_force(store, periode):
        if c.bidang != bidang:
            continue
        now = own_value(data, c)
        if _same(now, c.basis):
            continue
        found.append(c)
    if found:
        with store.transaction():
            store.conn.executemany(
                "UPDATE koreksi SET ditimpa_oleh = ? WHERE id = ?",
                [(winner_id, c.id) for c in found],
            )
    return found


def overridden_by(store: Any, sub_id: int) -> list[Correction]:
    """The corrections a submission overrode."""
    rows = store.conn.execute(
        f"SELECT {_COLS} FROM koreksi WHERE ditimpa_oleh = ? ORDER BY id", (sub_id,)
    )
    return [Correction(*r) for r in rows]


def _same(a: str | None, b: str | None) -> bool:
    if (a or "") == (b or ""):
        return True
    try:
        return a is not None and b is not None and Decimal(a) == Decimal(b)
    except Exception:
        return " ".join((a or "").split()) == " ".join((b or "").split())
