"""`kinerja status`: who has submitted for a periode, and the SOP schedule with deadlines.

Each step's status is inferred from the store (forms generated, submissions accepted, draft,
reports and archive recorded); a step not done after its deadline is `terlambat`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kinerja_cli.domain.jadwal import Langkah, susun_jadwal
from kinerja_cli.domain.periode import Periode
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.workspace import Workspace

SELESAI, TERLAMBAT, BERJALAN, BELUM = "selesai", "terlambat", "berjalan", "belum"


@dataclass(frozen=True)
class BidangStatus:
    """One bidang's submission for the periode."""

    kode: str
    nama: str
    status: str  # diterima | ditolak | belum
    file: str | None = None
    diterima: str | None = None  # the file's time (mtime, ISO)

    def to_json(self) -> dict[str, Any]:
        return {
            "kode": self.kode,
            "nama": self.nama,
            "status": self.status,
            "file": self.file,
            "diterima": self.diterima,
        }


@dataclass(frozen=True)
class LangkahStatus:
    """One SOP step with its window and inferred status."""

    langkah: int  # SOP step number
    kunci: str
    nama: str
    hari: int  # mutu baku, working days
    mulai: dt.date
    batas: dt.date
    status: str  # selesai | terlambat | berjalan | belum

    def to_json(self) -> dict[str, Any]:
        return {
            "langkah": self.langkah,
            "nama": self.nama,
            "hari": self.hari,
            "mulai": self.mulai.isoformat(),
            "batas": self.batas.isoformat(),
            "status": self.status,
        }


@dataclass
class StatusResult:
    """What `kinerja status` shows."""

    periode: Periode
    hari_ini: dt.date
    bidang: list[BidangStatus]
    jadwal: list[LangkahStatus]
    belum: list[str] = field(default_factory=list)  # bidang kode still missing or rejected

    def to_json(self) -> dict[str, Any]:
        """docs/contract.md §3: {"periode", "bidang": [...], "jadwal": [...]}."""
        return {
            "periode": self.periode.kode,
            "bidang": [b.to_json() for b in self.bidang],
            "jadwal": [s.to_json() for s in self.jadwal],
            "belum": list(self.belum),
            "hari_ini": self.hari_ini.isoformat(),
        }


def status(ws: Workspace, periode: Periode, today: dt.date | None = None) -> StatusResult:
    """Per-bidang submission state and the SOP schedule for the periode."""
    from kinerja_cli.services.setup import libur, load_pk

    today = today or dt.date.today()
    pk, _findings = load_pk(ws)
    if pk is None:
        raise KinerjaError("PK tidak dapat dibaca; periksa dengan: kinerja check-pk")
    tahun = ws.settings.tahun or pk.identitas.tahun
    try:
        mulai = ws.settings.mulai_periode(periode.kode)
    except KeyError:
        raise KinerjaError(
            f"tanggal mulai SOP untuk {periode.kode} tidak diketahui; setel di kinerja.toml"
        ) from None
    jadwal = susun_jadwal(mulai, ws.settings.durasi, libur(tahun))
    bidang: list[BidangStatus] = []
    forms_made, any_sent = False, False
    outputs: list[str] = []
    done: set[int] = set()
    started: set[int] = set()
    if ws.db.exists():
        from kinerja_cli.store.db import Store

        with Store.open(ws) as store:
            for b in pk.bidang_with_rows():
                bidang.append(_bidang(store, b.kode, b.nama, periode))
            forms_made = bool(store.forms(periode))
            outputs = [o.kind for o in store.outputs(periode=periode)]
            any_sent = any(b.status != "belum" for b in bidang)
    else:
        bidang = [BidangStatus(b.kode, b.nama, "belum") for b in pk.bidang_with_rows()]
    all_in = bool(bidang) and all(b.status == "diterima" for b in bidang)
    if forms_made:
        done.add(3)
        started.add(4)
    if any_sent:
        started |= {4, 5}
    if all_in:
        done |= {3, 4, 5}
    if any(k.startswith("draf") for k in outputs):
        done |= {3, 4, 5, 6, 7}
    if any(k.startswith("laporan") for k in outputs):
        done |= {3, 4, 5, 6, 7, 8, 9}
    if any(k.startswith("arsip") for k in outputs):
        done |= {3, 4, 5, 6, 7, 8, 9, 10}
    steps = [_step(s, today, done, started) for s in jadwal]
    belum = [b.kode for b in bidang if b.status != "diterima"]
    return StatusResult(periode, today, bidang, steps, belum)


def _bidang(store: Any, kode: str, nama: str, periode: Periode) -> BidangStatus:
    win = store.winner(kode, periode.data_kode)
    if win is not None:
        return BidangStatus(kode, nama, "diterima", win.name, win.received)
    versions = store.versions(kode, periode.data_kode)
    if versions:
        return BidangStatus(kode, nama, "ditolak", versions[-1].name, versions[-1].received)
    return BidangStatus(kode, nama, "belum")


def _step(s: Langkah, today: dt.date, done: set[int], started: set[int]) -> LangkahStatus:
    if s.nomor in done:
        st = SELESAI
    elif today > s.batas:
        st = TERLAMBAT
    elif s.nomor in started or today >= s.mulai:
        st = BERJALAN
    else:
        st = BELUM
    return LangkahStatus(s.nomor, s.kunci, s.nama, s.hari, s.mulai, s.batas, st)
