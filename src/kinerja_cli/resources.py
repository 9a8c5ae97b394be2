"""Where the packaged templates and examples are (wheel: inside the package; checkout: repo root)."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for base in (_PKG / name, _PKG.parents[1] / name):
        if base.is_dir():
            return base
    raise FileNotFoundError(f"folder '{name}' bawaan kinerja tidak ditemukan (instalasi rusak?)")


def templates_dir() -> Path:
    """The packaged report templates."""
    return _find("templates")


def examples_dir() -> Path:
    """The packaged examples (PK of Dinas PUPRPERKIM Kabupaten Balangan)."""
    return _find("examples")


def example_pk() -> Path:
    """The example PK workbook."""
    return examples_dir() / "pk-balangan-2025.xlsx"
