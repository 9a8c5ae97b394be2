"""`kinerja status`: who has submitted for a periode, and the SOP schedule with deadlines.

Each step's status comes from what the store recorded and when (forms generated, files received,
drafts, corrections, reports, the archive): a step done by its deadline is `selesai`, a step done
after it, or not done once it has passed, is `terlambat`. A bidang is late exactly when collect
says so: the same received time (the earlier of the file's mtime and when collect first saw it)
against the same deadline (docs/contract.md §12).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kinerja_cli.domain.jadwal import Langkah, susun_jadwal
from kinerja_cli.domain.periode import Periode
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.workspace import Workspace
from kinerja_cli.services.received import Deadlines, received_of

SELESAI, TERLAMBAT, BERJALAN, BELUM = "selesai", "terlambat", "berjalan", "belum"


@dataclass(frozen=True)
class BidangStatus:
    """One bidang's submission for the periode."""

    kode: str
    nama: str
    status: str  # diterima | ditolak | belum
    file: str | None = None
    diterima: str | None = None  # when the file was received (ISO), see services/received.py
    terlambat: bool = False  # received after the return deadline

    def to_json(self) -> dict[str, Any]:
        return {
            "kode": self.kode,
            "nama": self.nama,
            "status": self.status,
            "file": self.file,
            "diterima": self.diterima,
            "terlambat": self.terlambat,
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
    selesai_pada: dt.date | None = None  # when it was done (None: not yet)

    @property
    def selesai(self) -> bool:
        """True when the step was done (on time or late)."""
        return self.selesai_pada is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "langkah": self.langkah,
            "nama": self.nama,
            "hari": self.hari,
            "mulai": self.mulai.isoformat(),
            "batas": self.batas.isoformat(),
            "status": self.status,
            "selesai": self.selesai,
            "selesai_pada": self.selesai_pada.isoformat() if self.selesai_pada else None,
        }


@dataclass
class StatusResult:
    """What `kinerja status` shows."""

    periode: Periode
    hari_ini: dt.date
    bidang: list[BidangStatus]
    jadwal: list[LangkahStatus]
    belum: list[str] = field(default_factory=list)  # bidang kode still missing or rejected
    sasaran_tanpa_data: list[str] = field(default_factory=list)  # no accepted bidang reports one

    @property
    def sementara(self) -> bool:
        """Partial data: the dinas capaian of this periode is still provisional."""
        return bool(self.belum)

    def to_json(self) -> dict[str, Any]:
        """docs/contract.md §3: {"periode", "bidang": [...], "jadwal": [...]}."""
        return {
            "periode": self.periode.kode,
            "bidang": [b.to_json() for b in self.bidang],
            "jadwal": [s.to_json() for s in self.jadwal],
            "belum": list(self.belum),
            "sementara": self.sementara,
            "sasaran_tanpa_data": list(self.sasaran_tanpa_data),
            "hari_ini": self.hari_ini.isoformat(),
        }


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(iso).date() if iso else None
    except ValueError:
        return None


def status(ws: Workspace, periode: Periode, today: dt.date | None = None) -> StatusResult:
    """Per-bidang submission state and the SOP schedule for the periode."""
    from kinerja_cli.services.pk_state import load_pk
    from kinerja_cli.services.setup import libur

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
    deadlines = Deadlines(ws)
    bidang: list[BidangStatus] = []
    done: dict[int, dt.date] = {}  # SOP step -> when it was done
    started: set[int] = set()
    if ws.db.exists():
        from kinerja_cli.store.db import Store

        with Store.open(ws) as store:
            seen: list[dt.date] = []
            for b in pk.bidang_with_rows():
                row, first_seen = bidang_row(store, deadlines, b.kode, b.nama, periode)
                bidang.append(row)
                if first_seen is not None:
                    seen.append(first_seen)
            _done_steps(store, periode, bidang, seen, done, started)
    else:
        bidang = [BidangStatus(b.kode, b.nama, "belum") for b in pk.bidang_with_rows()]
    steps = [_step(s, today, done, started) for s in jadwal]
    belum = [b.kode for b in bidang if b.status != "diterima"]
    accepted = {b.kode for b in bidang if b.status == "diterima"}
    tanpa = [
        s.kode
        for s in pk.sasaran
        if not any(i.bidang in accepted for i in pk.indikator if i.sasaran == s.kode)
    ]
    return StatusResult(periode, today, bidang, steps, belum, tanpa)


def _done_steps(
    store: Any,
    periode: Periode,
    bidang: list[BidangStatus],
    seen: list[dt.date],
    done: dict[int, dt.date],
    started: set[int],
) -> None:
    """When each SOP step was done, from the store's records (earliest record of each kind)."""
    from kinerja_cli.store import lifecycle

    def mark(steps: tuple[int, ...], when: dt.date | None) -> None:
        for s in steps:
            if when is not None and (s not in done or when < done[s]):
                done[s] = when

    forms = [_date(f[4]) for f in store.forms(periode)]
    if forms:
        mark((3,), min(d for d in forms if d) if any(forms) else None)
        started.add(4)
    if any(b.status != "belum" for b in bidang):
        started |= {4, 5}
    if bidang and all(b.status == "diterima" for b in bidang):
        # Step 4 ends when the last bidang's form came in; step 5 when collect had them all.
        mark((4,), max(d for b in bidang if (d := _date(b.diterima))))
        mark((5,), max(seen) if seen else None)
    outputs = store.outputs(periode=periode)

    def first(prefix: str) -> dt.date | None:
        dates = [d for o in outputs if o.kind.startswith(prefix) and (d := _date(o.written))]
        return min(dates) if dates else None

    draft = first("draf")
    mark((6, 7), draft)
    koreksi = [
        _date(r[0])
        for r in store.conn.execute(
            "SELECT MIN(at) FROM koreksi WHERE periode = ?", (periode.data_kode,)
        )
        if r[0]
    ]
    mark((8,), koreksi[0] if koreksi else None)
    report = first("laporan")
    mark((8, 9), report)
    closing = lifecycle.closing(store, periode)
    mark((10,), _date(closing.at) if closing is not None else first("arsip"))
    # A later step done means the earlier ones were done (at the latest) then — except filling
    # and collecting (4, 5): those are done only when every bidang's form is in, whatever was
    # compiled or reported from partial data.
    for step in sorted(done, reverse=True):
        for earlier in (3, *range(6, step)):
            if earlier < step:
                done[earlier] = min(done.get(earlier, done[step]), done[step])


def bidang_row(
    store: Any, deadlines: Deadlines, kode: str, nama: str, periode: Periode
) -> tuple[BidangStatus, dt.date | None]:
    """A bidang's submission for the periode, and when collect first saw its accepted file."""
    win = store.winner(kode, periode.data_kode)
    if win is not None:
        got = received_of(win)
        late = deadlines.late(periode, got) is not None
        when = got.isoformat(timespec="seconds") if got else win.received
        return BidangStatus(kode, nama, "diterima", win.name, when, late), _date(win.first_seen)
    versions = [v for v in store.versions(kode, periode.data_kode) if not v.ditahan]
    if versions:
        got = received_of(versions[-1])
        when = got.isoformat(timespec="seconds") if got else versions[-1].received
        return BidangStatus(kode, nama, "ditolak", versions[-1].name, when), None
    return BidangStatus(kode, nama, "belum"), None


def _step(s: Langkah, today: dt.date, done: dict[int, dt.date], started: set[int]) -> LangkahStatus:
    when = done.get(s.nomor)
    if when is not None:
        st = SELESAI if when <= s.batas else TERLAMBAT
    elif today > s.batas:
        st = TERLAMBAT
    elif s.nomor in started or today >= s.mulai:
        st = BERJALAN
    else:
        st = BELUM
    return LangkahStatus(s.nomor, s.kunci, s.nama, s.hari, s.mulai, s.batas, st, when)
