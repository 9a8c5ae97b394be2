"""Report test kit: the example PK compiled from tests/fakedata.py, and a fake store.

`FakeStore` stands in for the workspace store (StoreAPI): it serves the fake accepted values
and remembers the outputs recorded, so the report service runs without a collect.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kinerja_cli.domain.findings import Finding
from kinerja_cli.domain.models import PK, DataBidang
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.domain.settings import Settings
from kinerja_cli.store.corrections import Correction
from kinerja_cli.store.protocol import Output
from support.fakedata import example_data

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PK = ROOT / "examples" / "pk-balangan-2025.xlsx"
TW2 = Periode(2)
TANGGAL_TAHUNAN = dt.date(2026, 1, 20)
TANGGAL_TW2 = dt.date(2025, 7, 20)
BELUM = ("PR",)  # one bidang that has not returned its form, as in real life


class FakeStore:
    """An in-memory StoreAPI over fakedata.example_data."""

    def __init__(
        self,
        pk: PK,
        kecuali: tuple[str, ...] = BELUM,
        ubah: dict[str, DataBidang] | None = None,
        koreksi: list[Correction] | None = None,
    ) -> None:
        self.pk = pk
        self.kecuali = kecuali
        self.ubah = ubah or {}
        self.koreksi = koreksi or []
        self.recorded: list[Output] = []

    def accepted(self, periode: Periode) -> dict[str, DataBidang]:
        data = example_data(self.pk, periode, self.kecuali)
        data.update(self.ubah)
        return data

    def bidang_status(self, periode: Periode) -> dict[str, str]:
        return {}

    def corrections_in_force(self, periode: Periode) -> list[Correction]:
        """The corrections given (their values are already in `ubah`, as the store applies them)."""
        return list(self.koreksi)

    def open_findings(self, periode: Periode) -> list[Finding]:
        return []

    def prefill(self, periode: Periode) -> dict[str, DataBidang]:
        return {}

    def record_forms(self, periode: Periode, forms: list[tuple[str, str, str]]) -> None:
        pass

    def record_output(self, kind: str, periode: Periode, path: Path, sha256: str) -> None:
        self.recorded.append(Output(kind, periode.kode, str(path), sha256, "2025-07-20T10:00:00"))

    def outputs(self, kind: str | None = None, periode: Periode | None = None) -> list[Output]:
        return [
            o
            for o in self.recorded
            if (kind is None or o.kind == kind) and (periode is None or o.periode == periode.kode)
        ]


def kompilasi_untuk(
    pk: PK,
    periode: Periode,
    kecuali: tuple[str, ...] = BELUM,
    ubah: dict[str, DataBidang] | None = None,
    koreksi: list[Correction] | None = None,
) -> Kompilasi:
    from kinerja_cli.services.compile import kompilasi_dari

    store = FakeStore(pk, kecuali, ubah, koreksi)
    k, _ = kompilasi_dari(pk, Settings(tahun=2025), periode, store)
    return k
