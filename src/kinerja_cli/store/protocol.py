"""What the services need from the workspace store; `store.db.Store` implements it.

Written down first so collect, compile, report and archive can be built side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kinerja_cli.domain.findings import Finding
from kinerja_cli.domain.models import DataBidang
from kinerja_cli.domain.periode import Periode
from kinerja_cli.store.corrections import Correction


@dataclass(frozen=True)
class Output:
    """A file the tool wrote (draft, report, archive), as recorded in the store."""

    kind: str  # "draf", "laporan-html", "laporan-docx", "arsip", ...
    periode: str  # periode kode
    path: str  # relative to the workspace root
    sha256: str
    written: str  # ISO time


@dataclass(frozen=True)
class SubmissionInfo:
    """One recorded submission (every version is kept)."""

    id: int
    sha256: str
    file: str  # name as received
    bidang: str | None
    periode: str | None  # periode kode as written in the form
    status: str  # diterima | ditolak | duplikat | diabaikan
    winner: bool  # the version compile uses for its bidang and periode
    first_seen: str  # ISO time
    kind: str = ""  # sniffed kind (xlsx, csv, too-large, ...)
    raw_name: str | None = None  # the lossless escaped name when `file` was made safe to show


class StoreAPI(Protocol):
    """The store's read/write surface used outside collect."""

    def accepted(self, periode: Periode) -> dict[str, DataBidang]:
        """Winning accepted submission of each bidang for the periode's data (tahunan = TW4)."""
        ...

    def bidang_status(self, periode: Periode) -> dict[str, str]:
        """bidang kode -> `diterima` | `ditolak` | `belum` (only bidang that sent something)."""
        ...

    def corrections_in_force(self, periode: Periode) -> list[Correction]:
        """The Sekretaris's corrections that `accepted` applies to the periode's data
        (docs/contract.md §11), oldest first."""
        ...

    def open_findings(self, periode: Periode) -> list[Finding]:
        """Findings still open: all findings of each bidang's latest submission for the periode."""
        ...

    def prefill(self, periode: Periode) -> dict[str, DataBidang]:
        """Accepted values of the previous quarter, to pre-fill earlier quarters of new forms."""
        ...

    def record_forms(self, periode: Periode, forms: list[tuple[str, str, str]]) -> None:
        """Remember generated forms: (bidang, form_id, file name)."""
        ...

    def record_output(self, kind: str, periode: Periode, path: Path, sha256: str) -> None:
        """Remember a written output (for status, archive, and edited-draft detection)."""
        ...

    def outputs(self, kind: str | None = None, periode: Periode | None = None) -> list[Output]:
        """Recorded outputs, oldest first."""
        ...

    def submissions(self, periode: Periode | None = None) -> list[SubmissionInfo]:
        """Every submission (of the periode's data, when given), oldest first."""
        ...

    def blob_path(self, sha256: str) -> Path:
        """Where the content-addressed copy of a file read is kept."""
        ...
