"""`kinerja status` without `--triwulan`: the year at a glance (docs/contract.md §3).

One row per periode (TW I-IV, tahunan): the forms issued and the return deadline, how many
bidang returned a form and how many of those were accepted (on time or late) or rejected, the
drafts, corrections and reports written, whether the periode is archived (closed) or was
reopened, and which PK version it is measured against. Every figure comes from the same
records as `status --triwulan K` (a bidang is late exactly when collect says so), so the
overview and the detail of one periode never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.workspace import Workspace
from kinerja_cli.services.received import Deadlines

PERIODES = (Periode(1), Periode(2), Periode(3), Periode(4), TAHUNAN)
# The stage a periode has reached, from the latest thing done (latest first).
BELUM, PENGISIAN, PENGUMPULAN, KOMPILASI, PELAPORAN, DIARSIPKAN = (
    "belum",
    "pengisian",
    "pengumpulan",
    "kompilasi",
    "pelaporan",
    "diarsipkan",
)
TERBUKA, DITUTUP, DIBUKA = "belum", "ditutup", "dibuka-kembali"


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(iso).date() if iso else None
    except ValueError:
        return None


@dataclass(frozen=True)
class VersiPK:
    """The PK version a periode is measured against (docs/contract.md §13)."""

    versi: int
    dari_tw: int
    tanggal: str  # ISO date it was recorded ("" before the first forms fixed version 1)
    alasan: str

    def to_json(self) -> dict[str, Any]:
        return {
            "versi": self.versi,
            "dari_tw": self.dari_tw,
            "tanggal": self.tanggal or None,
            "alasan": self.alasan or None,
        }


@dataclass(frozen=True)
class Arsip:
    """Whether a periode is archived: its last closing or reopening (store/lifecycle.py)."""

    status: str  # belum | ditutup | dibuka-kembali
    versi: int | None = None  # the archive version that closed it (vN)
    pada: dt.date | None = None
    alasan: str | None = None  # why it was reopened
    data_ditutup_oleh: str | None = None  # TW4/tahunan: the partner whose closing froze the data

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "versi": self.versi,
            "pada": self.pada.isoformat() if self.pada else None,
            "alasan": self.alasan,
            "data_ditutup_oleh": self.data_ditutup_oleh,
        }


@dataclass(frozen=True)
class PeriodeRingkas:
    """One periode of the year at a glance."""

    periode: Periode
    bidang: int  # bidang that get a form
    formulir: int = 0  # bidang a form was issued to
    formulir_pada: dt.date | None = None  # when the first form was issued
    batas: dt.date | None = None  # return deadline (end of SOP step 4)
    kembali: int = 0  # bidang that returned a file that is not held
    diterima: int = 0
    terlambat: int = 0  # accepted, but received after the deadline
    ditolak: int = 0  # returned, none accepted
    ditahan: int = 0  # files held because the periode's data is closed
    draf: dt.date | None = None  # latest draft written
    koreksi: int = 0  # the Sekretaris's corrections recorded
    laporan: dt.date | None = None  # latest report written
    arsip: Arsip = field(default_factory=lambda: Arsip(TERBUKA))
    pk: VersiPK | None = None  # None when the PK has errors (see check-pk)

    @property
    def belum(self) -> int:
        """Bidang that have not returned anything (yet)."""
        return max(self.bidang - self.kembali, 0)

    @property
    def tahap(self) -> str:
        """How far the periode got: the latest thing done."""
        if self.arsip.status == DITUTUP:
            return DIARSIPKAN
        if self.laporan is not None:
            return PELAPORAN
        if self.draf is not None:
            return KOMPILASI
        if self.kembali:
            return PENGUMPULAN
        if self.formulir:
            return PENGISIAN
        return BELUM

    def to_json(self) -> dict[str, Any]:
        return {
            "periode": self.periode.kode,
            "label": self.periode.label,
            "tahap": self.tahap,
            "formulir": {
                "bidang": self.formulir,
                "pertama": self.formulir_pada.isoformat() if self.formulir_pada else None,
                "batas_pengembalian": self.batas.isoformat() if self.batas else None,
            },
            "bidang": {
                "jumlah": self.bidang,
                "kembali": self.kembali,
                "diterima": self.diterima,
                "terlambat": self.terlambat,
                "ditolak": self.ditolak,
                "belum": self.belum,
                "ditahan": self.ditahan,
            },
            "kompilasi": self.draf.isoformat() if self.draf else None,
            "koreksi": self.koreksi,
            "laporan": self.laporan.isoformat() if self.laporan else None,
            "arsip": self.arsip.to_json(),
            "pk": self.pk.to_json() if self.pk else None,
        }


@dataclass
class TahunResult:
    """What `kinerja status` shows without `--triwulan`."""

    tahun: int
    hari_ini: dt.date
    periode: list[PeriodeRingkas]
    versi_pk: list[VersiPK] = field(default_factory=list)  # every recorded version, oldest first
    pk_dikunci: bool = False  # version 1 is recorded (forms were issued)
    pk_belum_dicatat: int = 0  # substantive pk.xlsx edits not recorded with revisi-pk
    pk_galat: str | None = None  # why no PK version could be given

    def to_json(self) -> dict[str, Any]:
        """`{"tahun", "hari_ini", "periode": [...], "pk": {...}}`."""
        return {
            "tahun": self.tahun,
            "hari_ini": self.hari_ini.isoformat(),
            "periode": [p.to_json() for p in self.periode],
            "pk": {
                "versi": [v.to_json() for v in self.versi_pk],
                "dikunci": self.pk_dikunci,
                "perubahan_belum_dicatat": self.pk_belum_dicatat,
                "galat": self.pk_galat,
            },
        }


def status_tahun(ws: Workspace, today: dt.date | None = None) -> TahunResult:
    """Every periode of the year in one view, from the store's records."""
    from kinerja_cli.services.pk_state import load_pk

    today = today or dt.date.today()
    pk, _findings = load_pk(ws)
    if pk is None:
        raise KinerjaError("PK tidak dapat dibaca; periksa dengan: kinerja check-pk")
    tahun = ws.settings.tahun or pk.identitas.tahun
    bidang = pk.bidang_with_rows()
    deadlines = Deadlines(ws)
    if not ws.db.exists():
        rows = [
            PeriodeRingkas(p, len(bidang), batas=deadlines.batas(p), pk=VersiPK(1, 1, "", ""))
            for p in PERIODES
        ]
        return TahunResult(tahun, today, rows, [VersiPK(1, 1, "", "")])
    from kinerja_cli.store.db import Store

    with Store.open(ws) as store:
        res = TahunResult(tahun, today, [])
        versions = _versions(ws, store, res)
        for p in PERIODES:
            row = _periode(store, deadlines, bidang, p)
            pk_row = None
            if versions is not None:
                v = versions.in_force(p)
                pk_row = VersiPK(v.versi, v.dari_tw, v.tanggal, v.alasan)
            res.periode.append(_with(row, pk=pk_row))
    return res


def _with(row: PeriodeRingkas, **changes: Any) -> PeriodeRingkas:
    import dataclasses

    return dataclasses.replace(row, **changes)


def _versions(ws: Workspace, store: Any, res: TahunResult) -> Any:
    """The recorded PK versions (services/pk_state.py), noted on `res`; None when the PK has
    errors (status still shows the rest of the year)."""
    from kinerja_cli.services.pk_state import pk_state

    try:
        state = pk_state(ws, store)
    except KinerjaError as exc:
        res.pk_galat = str(exc).splitlines()[0].rstrip(":")
        return None
    res.versi_pk = [
        VersiPK(v.versi, v.dari_tw, v.tanggal, v.alasan) for v in state.versions.versions
    ]
    res.pk_dikunci = state.guarded
    res.pk_belum_dicatat = len(state.undeclared)
    return state.versions


def _periode(store: Any, deadlines: Deadlines, bidang: Any, p: Periode) -> PeriodeRingkas:
    from kinerja_cli.services.status import bidang_row
    from kinerja_cli.store import lifecycle

    forms = store.forms(p)
    issued = [d for f in forms if (d := _date(f[4]))]
    rows = [bidang_row(store, deadlines, b.kode, b.nama, p)[0] for b in bidang]
    outputs = store.outputs(periode=p)

    def latest(prefix: str) -> dt.date | None:
        dates = [d for o in outputs if o.kind.startswith(prefix) and (d := _date(o.written))]
        return max(dates) if dates else None

    (koreksi,) = store.conn.execute(
        "SELECT COUNT(*) FROM koreksi WHERE periode = ?", (p.data_kode,)
    ).fetchone()
    return PeriodeRingkas(
        periode=p,
        bidang=len(bidang),
        formulir=len({f[1] for f in forms}),
        formulir_pada=min(issued) if issued else None,
        batas=deadlines.batas(p),
        kembali=sum(1 for b in rows if b.status != "belum"),
        diterima=sum(1 for b in rows if b.status == "diterima"),
        terlambat=sum(1 for b in rows if b.status == "diterima" and b.terlambat),
        ditolak=sum(1 for b in rows if b.status == "ditolak"),
        ditahan=lifecycle.held(store, [p.data_kode]),
        draf=latest("draf"),
        koreksi=int(koreksi),
        laporan=latest("laporan"),
        arsip=_arsip(store, p),
    )


def _arsip(store: Any, p: Periode) -> Arsip:
    from kinerja_cli.store import lifecycle

    last = lifecycle.last_event(store, p)
    partner = lifecycle.data_closing(store, p)
    oleh = partner.periode if partner is not None and partner.periode != p.kode else None
    if last is None:
        return Arsip(TERBUKA, data_ditutup_oleh=oleh)
    if last.kind == lifecycle.TUTUP:
        return Arsip(DITUTUP, last.versi, _date(last.at))
    closed = [e for e in lifecycle.events(store, p) if e.kind == lifecycle.TUTUP]
    versi = closed[-1].versi if closed else None
    return Arsip(DIBUKA, versi, _date(last.at), last.alasan, data_ditutup_oleh=oleh)
