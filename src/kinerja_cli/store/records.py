"""Rows of the workspace store as values, and how a value is written as text and read back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kinerja_cli.domain.models import Nilai
from kinerja_cli.domain.periode import Periode
from kinerja_cli.errors import KinerjaError

DITERIMA, DITOLAK, DUPLIKAT, DIABAIKAN = "diterima", "ditolak", "duplikat", "diabaikan"
NARASI_FIELDS = ("pendorong", "penghambat", "tindak_lanjut", "bukti")
ORDER = "received_ns, name, id"  # newest version last: file mtime, then name (docs/contract.md §5)


def now_iso() -> str:
    """The current local time, ISO, to the second."""
    return dt.datetime.now().isoformat(timespec="seconds")


def mtime_iso(mtime_ns: int) -> str:
    """A file mtime (ns) as local ISO time, to the second."""
    return dt.datetime.fromtimestamp(mtime_ns / 1e9).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Submission:
    """One stored submission (one distinct file content)."""

    id: int
    sha256: str
    name: str
    bidang: str | None
    periode: str | None
    data_periode: str | None
    form_id: str | None
    status: str
    supersedes: int | None
    superseded_by: int | None
    received: str
    received_ns: int
    first_seen: str
    producer: str | None
    umpan_balik: str | None
    # values changed against the version it supersedes (None: not yet counted)
    perubahan: int | None
    kind: str
    raw_name: str | None = None  # the lossless escaped name when `name` was made safe to show
    ditahan: bool = False  # arrived while its periode was closed; not used until reopened

    def periode_obj(self) -> Periode | None:
        """The form's periode as a Periode."""
        return Periode.parse(self.periode) if self.periode else None


SUB_COLS = (
    "s.id, s.sha256, s.name, s.bidang, s.periode, s.data_periode, s.form_id, s.status, "
    "s.supersedes, s.superseded_by, s.received, s.received_ns, s.first_seen, "
    "s.producer, s.umpan_balik, s.perubahan, f.kind, s.raw_name, s.ditahan"
)
SUB_FROM = "FROM submissions s JOIN files f ON f.sha256 = s.sha256"


def encode(v: Nilai) -> tuple[str, int]:
    """(text, biner flag): a Decimal as its exact str, yes/no as '1'/'0'."""
    if isinstance(v, bool):
        return ("1" if v else "0"), 1
    return str(v), 0


def decode(text: str, biner: int) -> Nilai:
    """The value back, exactly as it was recorded."""
    if biner:
        return text == "1"
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - only if the file was edited by hand
        raise KinerjaError(f"nilai tersimpan tidak sah: {text!r}") from exc
