"""What `collect` found: per file and per bidang, as plain values the CLI prints or dumps."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja_cli.domain.findings import ERROR, Finding

DITERIMA, DITOLAK, DUPLIKAT, DIABAIKAN, BELUM = (
    "diterima",
    "ditolak",
    "duplikat",
    "diabaikan",
    "belum",
)
# docs/contract.md §12: a file of its periode while that periode is archived and closed, and a
# form of another periode when collecting with --triwulan (listed, left alone).
DITAHAN, PERIODE_LAIN = "ditahan", "periode-lain"


@dataclass
class FileResult:
    """One file of the inbox: its status and findings (docs/contract.md §5)."""

    file: str
    sha256: str
    status: str  # diterima | ditolak | duplikat | diabaikan
    bidang: str | None = None
    periode: str | None = None
    findings: list[Finding] = field(default_factory=list)
    kind: str | None = None
    form_id: str | None = None
    received: str | None = None  # file mtime, ISO
    dibaca: bool = False  # parsed in this run (False: known bytes, result reused)
    perubahan: int | None = None  # values changed against the version it supersedes
    menggantikan: str | None = None  # the older accepted version it supersedes
    digantikan_oleh: str | None = None  # the newer accepted version that supersedes it
    duplikat_dari: str | None = None
    terselesaikan: bool = False  # rejected, but a newer accepted version is in use
    catatan: list[str] = field(default_factory=list)
    umpan_balik: Path | None = None
    file_asli: str | None = None  # the lossless escaped name when `file` was made safe to show

    @property
    def errors(self) -> int:
        """Number of error findings."""
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def terbuka(self) -> bool:
        """A rejection the bidang still has to fix, or a file held by a closed periode (both
        count for the exit code)."""
        return (self.status == DITOLAK and not self.terselesaikan) or self.status == DITAHAN

    def to_json(self, root: Path | None = None) -> dict[str, Any]:
        """docs/contract.md §5 file record plus the extra keys (perubahan, umpan_balik, ...)."""
        return {
            "file": self.file,
            "sha256": self.sha256,
            "bidang": self.bidang,
            "periode": self.periode,
            "status": self.status,
            "findings": [f.to_json() for f in self.findings],
            "diterima": self.received,
            "perubahan": self.perubahan,
            "menggantikan": self.menggantikan,
            "digantikan_oleh": self.digantikan_oleh,
            "duplikat_dari": self.duplikat_dari,
            "terselesaikan": self.terselesaikan,
            "catatan": list(self.catatan),
            "umpan_balik": _rel(self.umpan_balik, root),
            "file_asli": self.file_asli,
        }


@dataclass
class BidangResult:
    """One bidang's state for one periode after the run."""

    kode: str
    nama: str
    periode: str
    status: str  # diterima | ditolak | belum
    file: str | None = None
    received: str | None = None

    def to_json(self) -> dict[str, Any]:
        """docs/contract.md §5 bidang record (with periode, file and time added)."""
        return {
            "kode": self.kode,
            "status": self.status,
            "nama": self.nama,
            "periode": self.periode,
            "file": self.file,
            "diterima": self.received,
        }


@dataclass(frozen=True)
class Recheck:
    """A stored submission checked again after a PK revision (docs/contract.md §13)."""

    file: str
    bidang: str | None
    periode: str
    lama: str  # the verdict before: diterima | ditolak
    baru: str  # the verdict now
    versi_lama: int  # the PK version it was checked against before
    versi_baru: int  # the version in force for its periode now

    @property
    def berubah(self) -> bool:
        """Whether the verdict changed."""
        return self.lama != self.baru

    def to_json(self) -> dict[str, Any]:
        """One entry of `diperiksa_ulang`."""
        return {
            "file": self.file,
            "bidang": self.bidang,
            "periode": self.periode,
            "status_lama": self.lama,
            "status": self.baru,
            "pk_versi_lama": self.versi_lama,
            "pk_versi": self.versi_baru,
        }


@dataclass
class CollectResult:
    """Everything one `collect` run decided."""

    root: Path
    inbox: Path
    files: list[FileResult]
    bidang: list[BidangResult]
    periode: list[str]
    dibaca: int  # files parsed in this run
    subfolder: list[str] = field(default_factory=list)  # not read: top level only
    detik: float = 0.0
    diperiksa_ulang: list[Recheck] = field(default_factory=list)  # after a PK revision

    @property
    def exit_code(self) -> int:
        """0 all accepted (warnings, ignored and resolved files allowed), 1 any rejected."""
        return 1 if any(f.terbuka for f in self.files) else 0

    @property
    def umpan_balik(self) -> list[Path]:
        """Feedback files written or kept for the rejected files."""
        return [f.umpan_balik for f in self.files if f.umpan_balik is not None]

    def count(self, status: str) -> int:
        """Files with this status."""
        return sum(1 for f in self.files if f.status == status)

    def to_json(self) -> dict[str, Any]:
        """The docs/contract.md §5 document plus a few keys; the same for a re-run on an unchanged inbox."""
        return {
            "files": [f.to_json(self.root) for f in self.files],
            "bidang": [b.to_json() for b in self.bidang],
            "periode": list(self.periode),
            "masuk": str(self.inbox),
            "subfolder_diabaikan": list(self.subfolder),
            "diperiksa_ulang": [r.to_json() for r in self.diperiksa_ulang],
        }


def _rel(path: Path | None, root: Path | None) -> str | None:
    if path is None:
        return None
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
