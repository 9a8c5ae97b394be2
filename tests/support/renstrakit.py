"""A small PK with every optional column of docs/contract.md §14 (Renstra, components), and
a TW II submission for it whose Evaluasi Renja columns are worked out by hand in the tests."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

from kinerja_cli.domain.models import PK, DataBidang, Narasi
from support.pkbuilder import ANG, ANG_HEAD, IDENTITAS, IND, IND_HEAD, make_pk

RENSTRA_IND = ["Target Renstra", "Realisasi Renstra s/d Tahun Lalu", "Pembilang", "Penyebut"]
RENSTRA_ANG = ["Pagu Renstra", "Realisasi Renstra s/d Tahun Lalu"]
# Kode -> Target Renstra, Realisasi Renstra s/d Tahun Lalu, Pembilang, Penyebut
IND_RENSTRA: dict[str, list[Any]] = {
    "IK.01": [70, 60, "Panjang jalan mantap (km)", "Panjang jalan kabupaten (km)"],
    "IK.02": [60, "41,5", None, None],
    "IK.03": [25, 34, None, None],
    "IK.04": ["6,5-8,5", 7, None, None],
    "IK.05": ["Ada", "Tidak Ada", None, None],
}
# Renstra plans the road programme at programme level only; CK's sub-kegiatan has its own.
ANG_RENSTRA: dict[str, list[Any]] = {
    "1.03.10": [8_000_000_000, 5_000_000_000],
    "1.03.03.2.01.0001": [4_000_000_000, 2_500_000_000],
}
JUTA = D(1_000_000)


def make_renstra_pk(path: Path, **kw: Any) -> Path:
    """The pkbuilder PK plus Periode Renstra 2021-2026 and the Renstra/component columns."""
    ind = [[*r, *IND_RENSTRA.get(str(r[0]), [None] * 4)] for r in IND]
    ang = [[*r, *ANG_RENSTRA.get(str(r[0]), [None, None])] for r in ANG]
    return make_pk(
        path,
        identitas=[*IDENTITAS, ("Periode Renstra", "2021-2026")],
        ind=kw.pop("ind", ind),
        ind_head=[*IND_HEAD, *RENSTRA_IND],
        ang=kw.pop("ang", ang),
        ang_head=[*ANG_HEAD, *RENSTRA_ANG],
        **kw,
    )


def data_tw2(pk: PK) -> dict[str, DataBidang]:
    """What BM and CK returned for TW II (IK.01 as Pembilang/Penyebut: 240/400, 250/400)."""
    bm = DataBidang(bidang="BM", file="BM.xlsx", sha256="b" * 64, diterima="2025-07-05T09:00:00")
    bm.pembilang["IK.01"], bm.penyebut["IK.01"] = [D(240), D(250)], [D(400), D(400)]
    bm.realisasi["IK.01"] = [D(60), D("62.5")]
    bm.realisasi["IK.02"] = [D(3), D(5)]
    bm.realisasi["IK.03"] = [D(33), D(31)]
    bm.anggaran["1.03.10.2.01.0001"] = [100 * JUTA, 200 * JUTA]
    bm.anggaran["1.03.10.2.01.0002"] = [50 * JUTA, 50 * JUTA]
    ck = DataBidang(bidang="CK", file="CK.xlsx", sha256="c" * 64, diterima="2025-07-05T10:00:00")
    ck.realisasi["IK.04"] = [D("7.1"), D("7.3")]
    ck.realisasi["IK.05"] = [False, True]
    ck.realisasi["IK.06"] = [D(24), D(20)]
    ck.anggaran["1.03.03.2.01.0001"] = [100 * JUTA, 150 * JUTA]
    for db in (bm, ck):
        for kode in db.realisasi:
            db.narasi[kode] = Narasi(bukti=f"Laporan {kode}.pdf")
    return {"BM": bm, "CK": ck}
