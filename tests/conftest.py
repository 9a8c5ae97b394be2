"""Shared fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from support.paths import EXAMPLE_PK, ROOT  # noqa: E402,F401


@pytest.fixture
def example_pk() -> Path:
    return EXAMPLE_PK


@pytest.fixture
def workspace(tmp_path: Path, example_pk: Path):
    """A workspace initialised from the example PK."""
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.services.setup import init_workspace

    init_workspace(tmp_path / "ws", example_pk, None)
    return find_workspace(tmp_path / "ws")
