"""The workspace folder (docs/contract.md §3): where each file lives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kinerja_cli.domain.settings import Settings
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.config import CONFIG_NAME, load_settings


@dataclass(frozen=True)
class Workspace:
    """Paths of one workspace (one agency, one year)."""

    root: Path
    settings: Settings

    @property
    def config(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def pk(self) -> Path:
        return self.root / self.settings.pk

    @property
    def formulir(self) -> Path:
        return self.root / "formulir"

    @property
    def masuk(self) -> Path:
        return self.root / "masuk"

    @property
    def hasil(self) -> Path:
        return self.root / "hasil"

    @property
    def umpan_balik(self) -> Path:
        return self.hasil / "umpan-balik"

    @property
    def bukti(self) -> Path:
        """Evidence files (bukti dukung) the bidang send with their forms (docs/contract.md §14)."""
        return self.root / "bukti"

    @property
    def arsip(self) -> Path:
        return self.root / "arsip"

    @property
    def internal(self) -> Path:
        """Internal store: database, content-addressed copies, lock."""
        return self.root / ".kinerja"

    @property
    def db(self) -> Path:
        return self.internal / "kinerja.db"

    @property
    def berkas(self) -> Path:
        """Content-addressed copies of every file read."""
        return self.internal / "berkas"

    @property
    def templates(self) -> Path:
        """The workspace's own report templates, overriding the packaged ones file by file."""
        return self.root / "templates"


def find_workspace(start: Path | None) -> Workspace:
    """The workspace at `start` (or the current folder or a parent holding kinerja.toml)."""
    base = Path(start) if start else Path.cwd()
    if start is not None:
        if not (base / CONFIG_NAME).is_file():
            raise KinerjaError(
                f"{base} bukan ruang kerja kinerja (tidak ada {CONFIG_NAME}). "
                "Buat dengan: kinerja init FOLDER --pk PK.xlsx"
            )
        return Workspace(base.resolve(), load_settings(base / CONFIG_NAME))
    for d in (base, *base.parents):
        if (d / CONFIG_NAME).is_file():
            return Workspace(d.resolve(), load_settings(d / CONFIG_NAME))
    raise KinerjaError(
        f"folder ini ({base}) bukan ruang kerja kinerja (tidak ada {CONFIG_NAME}). "
        "Masuk ke folder ruang kerja, pakai --workspace FOLDER, atau buat dengan: kinerja init FOLDER"
    )
