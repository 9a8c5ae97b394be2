"""Fixtures for the report tests (helpers live in laporankit.py: `conftest` is ambiguous)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kinerja_cli.domain.models import PK
from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.domain.results import Kompilasi
from support.laporankit import EXAMPLE_PK, TW2, FakeStore, kompilasi_untuk


@pytest.fixture(scope="session")
def pk() -> PK:
    from kinerja_cli.io.pk.reader import read_pk

    res = read_pk(EXAMPLE_PK)
    assert res.pk is not None
    return res.pk


@pytest.fixture(scope="session")
def k_tahunan(pk: PK) -> Kompilasi:
    return kompilasi_untuk(pk, TAHUNAN)


@pytest.fixture(scope="session")
def k_tw2(pk: PK) -> Kompilasi:
    return kompilasi_untuk(pk, TW2)


@pytest.fixture(scope="session")
def k_tw1(pk: PK) -> Kompilasi:
    return kompilasi_untuk(pk, Periode(1))


@pytest.fixture
def ws_fake(tmp_path: Path, pk: PK, monkeypatch: pytest.MonkeyPatch):
    """A workspace from the example PK whose store is a FakeStore (returned as ws, store)."""
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.services import report as svc
    from kinerja_cli.services.setup import init_workspace

    init_workspace(tmp_path / "ws", EXAMPLE_PK, None)
    ws = find_workspace(tmp_path / "ws")
    store = FakeStore(pk)

    @contextmanager
    def buka(_ws: object) -> Iterator[FakeStore]:
        yield store

    monkeypatch.setattr(svc, "open_store", buka)
    return ws, store
