"""Compile the accepted submissions into the dinas measurement (docs/contract.md §6 and §7, SOP steps 6–7).

Pure: takes the PK, the settings and the accepted values, returns a `Kompilasi` of plain values.
Every number comes from the rulebook in `capaian` and the budget hierarchy in `anggaran`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from kinerja_cli.domain import anggaran as ang
from kinerja_cli.domain.capaian import (
    Komponen,
    anggaran_renstra,
    anggaran_sd,
    capaian_dinas,
    capaian_indikator,
    capaian_renstra,
    capaian_sasaran,
    efisiensi_periode,
    komponen_sd,
    predikat,
    rata_rata,
    realisasi_komponen_tw,
    realisasi_renstra,
    rumus_teks,
    serapan,
    serapan_rencana,
    sisa,
)
from kinerja_cli.domain.findings import Finding
from kinerja_cli.domain.models import (
    PK,
    BarisAnggaran,
    DataBidang,
    Indikator,
    Narasi,
    Nilai,
    TargetValue,
)
from kinerja_cli.domain.periode import Periode, romawi
from kinerja_cli.domain.results import (
    BarisAnggaranHasil,
    BarisBidang,
    BarisIndikator,
    BarisSasaran,
    Kompilasi,
    Riwayat,
    TahunLalu,
)
from kinerja_cli.domain.rules import Code, finding
from kinerja_cli.domain.settings import Settings

SHEET_PENGUKURAN = "Pengukuran"
DITERIMA, DITOLAK, BELUM = "diterima", "ditolak", "belum"

# Kepmendagri 050-5889/2021 codes: 1.03.10 program, 1.03.10.2.01 kegiatan, +.0001 sub-kegiatan.
_TINGKAT_BY_DEPTH = {3: "program", 5: "kegiatan", 6: "sub-kegiatan"}


def teks_biner(nilai: bool, target_teks: str = "") -> str:
    """The yes/no word matching the PK target's wording: Ya/Tidak, Ada/Tidak Ada, Tersedia/Tidak Tersedia."""
    t = target_teks.strip().casefold()
    if t in ("ya", "tidak"):
        return "Ya" if nilai else "Tidak"
    if t in ("tersedia", "tidak tersedia"):
        return "Tersedia" if nilai else "Tidak Tersedia"
    return "Ada" if nilai else "Tidak Ada"


def tingkat_anggaran(rows: Sequence[BarisAnggaran], row: BarisAnggaran) -> str:
    """program | kegiatan | sub-kegiatan by code depth, else by position in the hierarchy (docs/contract.md §4)."""
    depth = len(row.kode.split("."))
    if depth in _TINGKAT_BY_DEPTH:
        return _TINGKAT_BY_DEPTH[depth]
    if ang.is_leaf(rows, row.kode):
        return "sub-kegiatan"
    has_parent = any(row.kode.startswith(r.kode + ".") for r in rows if r.kode != row.kode)
    return "kegiatan" if has_parent else "program"


def _quarters(values: Sequence[Nilai | None] | None, k: int) -> tuple[Nilai | None, ...]:
    head = list(values or [])[:k]
    return tuple(head + [None] * (k - len(head)))


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _plan(values: Sequence[Decimal | None]) -> Decimal | None:
    """The plan of a group of leaves: their sum when every leaf has one, else None (a partial
    plan would overstate the serapan against it)."""
    if not values or any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), Decimal(0))


def _status_bidang(kode: str, data: Mapping[str, DataBidang], status: Mapping[str, str]) -> str:
    if kode in status:
        return status[kode]
    return DITERIMA if kode in data else BELUM


def _baris_indikator(
    no: int,
    ind: Indikator,
    periode: Periode,
    settings: Settings,
    db: DataBidang | None,
    status_bidang: str,
    tahun_lalu: TahunLalu | None,
    riwayat: tuple[TahunLalu | None, ...] = (),
) -> tuple[BarisIndikator, list[Finding]]:
    k = periode.triwulan
    nilai_tw = _quarters(db.realisasi.get(ind.kode) if db else None, k)
    komponen = _komponen(ind, db, k)
    if komponen is not None:  # the realisation of each quarter is n ÷ N × 100 (§14)
        nilai_tw = tuple(realisasi_komponen_tw(komponen[0], komponen[1], k))
    findings: list[Finding] = []
    try:
        ci = capaian_indikator(ind, nilai_tw, k, periode.tahunan, settings.skala, komponen)
    except TypeError as exc:
        # The store only holds validated values; a value of the wrong kind is reported, not fatal.
        findings.append(
            finding(Code.REALISASI_TIDAK_TERBACA, sheet=SHEET_PENGUKURAN, kode=ind.kode, sebab=exc)
        )
        nilai_tw, komponen = (None,) * k, None
        ci = capaian_indikator(ind, nilai_tw, k, periode.tahunan, settings.skala)
    for code in ci.peringatan:
        # Only the quarter's target is 0: say so, and what the predikat uses instead.
        quarter_only = (
            code == Code.TARGET_NOL and ci.hasil.peringatan != code and not periode.tahunan
        )
        findings.append(
            finding(
                Code(code),
                sheet=SHEET_PENGUKURAN,
                kode=ind.kode,
                variant="triwulan" if quarter_only else None,
                tw=romawi(k),
            )
        )
    t_tw: TargetValue | None = ind.target if periode.tahunan else ind.target_tw[k - 1]
    t_tw_teks = ind.target_teks if periode.tahunan else ind.target_tw_teks[k - 1]
    used = (
        ci.hasil_triwulan if (not periode.tahunan and ci.capaian_triwulan is not None) else ci.hasil
    )
    teks = used.rumus_teks if used is not None else rumus_teks(ind.arah, ind.rumus)
    renstra = _renstra(ind, ci.realisasi)
    sd = komponen_sd(ind.sifat, komponen[0], komponen[1], k) if komponen else None
    baris = BarisIndikator(
        no=no,
        kode=ind.kode,
        bidang=ind.bidang,
        sasaran=ind.sasaran,
        nama=ind.nama,
        satuan=ind.satuan,
        arah=ind.arah,
        sifat=ind.sifat,
        rumus=ind.rumus,
        target=ind.target,
        target_teks=ind.target_teks,
        target_tw=tuple(ind.target_tw),
        target_tw_teks=tuple(ind.target_tw_teks),
        target_triwulan=t_tw,
        target_triwulan_teks=t_tw_teks if t_tw is not None else "",
        realisasi_tw=nilai_tw,
        realisasi=ci.realisasi,
        capaian=ci.capaian,
        capaian_triwulan=ci.capaian_triwulan,
        capaian_periode=ci.periode_capaian,
        predikat=ci.predikat,
        status=ci.status,
        rumus_teks=teks,
        peringatan=ci.peringatan,
        narasi=(db.narasi.get(ind.kode) if db else None) or Narasi(),
        status_bidang=status_bidang,
        tahun_lalu=tahun_lalu,
        target_renstra=ind.target_renstra,
        target_renstra_teks=ind.target_renstra_teks,
        realisasi_renstra_lalu=ind.realisasi_renstra_lalu,
        realisasi_renstra=renstra[0],
        capaian_renstra=renstra[1],
        pembilang_nama=ind.pembilang if ind.komponen else "",
        penyebut_nama=ind.penyebut if ind.komponen else "",
        pembilang=sd[0] if sd else None,
        penyebut=sd[1] if sd else None,
        pembilang_tw=tuple(komponen[0]) if komponen else (),
        penyebut_tw=tuple(komponen[1]) if komponen else (),
        riwayat=riwayat,
    )
    return baris, findings


def _komponen(ind: Indikator, db: DataBidang | None, k: int) -> Komponen | None:
    """A component indicator's Pembilang and Penyebut per quarter 1..k, when the submission
    holds them (one accepted before the PK named them holds realisations only)."""
    if not ind.komponen or db is None:
        return None
    n, d = db.pembilang.get(ind.kode), db.penyebut.get(ind.kode)
    if not n and not d:
        return None
    return (
        tuple(v if isinstance(v, Decimal) else None for v in _quarters(n, k)),
        tuple(v if isinstance(v, Decimal) else None for v in _quarters(d, k)),
    )


def _renstra(ind: Indikator, realisasi: Nilai | None) -> tuple[Nilai | None, Decimal | None]:
    """Evaluasi Renja columns (13) and (14) of an indicator with Renstra figures (§14)."""
    if ind.target_renstra is None and ind.realisasi_renstra_lalu is None:
        return None, None
    r13 = realisasi_renstra(ind, ind.realisasi_renstra_lalu, realisasi)
    hasil = capaian_renstra(ind, r13)
    return r13, hasil.nilai if hasil else None


def _baris_anggaran(
    pk: PK, periode: Periode, data: Mapping[str, DataBidang]
) -> tuple[BarisAnggaranHasil, ...]:
    """Every budget row; parents recomputed from their leaves only, never double counted (docs/contract.md §4)."""
    rows = pk.anggaran
    k = periode.triwulan
    leaf_codes = {r.kode for r in ang.leaves(rows)}
    leaf_tw: dict[str, tuple[Decimal | None, ...]] = {}
    for r in rows:
        if r.kode in leaf_codes:
            db = data.get(r.bidang)
            raw = db.anggaran.get(r.kode) if db else None
            head = list(raw or [])[:k]
            leaf_tw[r.kode] = tuple(head + [None] * (k - len(head)))
    per_tw = [ang.recompute(rows, {c: v[q] for c, v in leaf_tw.items()}) for q in range(k)]
    sd = ang.recompute(rows, {c: anggaran_sd(v, k) for c, v in leaf_tw.items()})
    pagu = ang.recompute_pagu(rows)
    leaf_plan = {r.kode: (tuple(r.rencana_tw) + (None,) * 4)[k - 1] for r in ang.leaves(rows)}
    pagu_renstra = ang.recompute_renstra(rows, "pagu_renstra")
    lalu_renstra = ang.recompute_renstra(rows, "realisasi_renstra_lalu")
    out: list[BarisAnggaranHasil] = []
    for r in rows:
        p = pagu[r.kode]
        p = r.pagu if p is None else p
        real = sd[r.kode]
        if r.kode in leaf_codes:
            plan = leaf_plan[r.kode]
        else:
            plan = _plan([leaf_plan[c.kode] for c in ang.leaves(rows, r.kode)])
        out.append(
            BarisAnggaranHasil(
                kode=r.kode,
                uraian=r.uraian,
                bidang=r.bidang,
                sasaran=r.sasaran,
                tingkat=tingkat_anggaran(rows, r),
                induk=r.kode not in leaf_codes,
                pagu=p,
                pagu_pk=r.pagu,
                realisasi_tw=tuple(t[r.kode] for t in per_tw),
                realisasi=real,
                serapan=serapan(real, p),
                sisa=sisa(real, p),
                rencana=plan,
                serapan_rencana=serapan_rencana(real, plan),
                **_renstra_anggaran(pagu_renstra[r.kode], lalu_renstra[r.kode], real),
            )
        )
    return tuple(out)


def _renstra_anggaran(
    pagu: Decimal | None, lalu: Decimal | None, real: Decimal | None
) -> dict[str, Decimal | None]:
    """Budget columns (5), (6), (13) = (6) + (12) and (14) = (13) ÷ (5) × 100 (§14)."""
    if pagu is None and lalu is None:
        return {}
    r13 = anggaran_renstra(lalu, real)
    return {
        "pagu_renstra": pagu,
        "realisasi_renstra_lalu": lalu,
        "realisasi_renstra": r13,
        "capaian_renstra": serapan(r13, pagu),
    }


def _total_anggaran(rows: Sequence[BarisAnggaranHasil], k: int) -> BarisAnggaranHasil | None:
    """The dinas total: the sum of the top-level rows, each already recomputed from its leaves."""
    if not rows:
        return None
    codes = {r.kode for r in rows}
    roots = [r for r in rows if not any(p in codes for p in ang._prefixes(r.kode))]
    pagu = sum((r.pagu for r in roots), Decimal(0))
    real = _sum([r.realisasi for r in roots])
    tw = tuple(_sum([r.realisasi_tw[q] for r in roots]) for q in range(k))
    plan = _plan([r.rencana for r in roots])
    renstra = _renstra_anggaran(
        _plan([r.pagu_renstra for r in roots]),
        _plan([r.realisasi_renstra_lalu for r in roots]),
        real,
    )
    return BarisAnggaranHasil(
        kode="",
        uraian="Jumlah",
        bidang="",
        sasaran=None,
        tingkat="total",
        induk=True,
        pagu=pagu,
        pagu_pk=sum((r.pagu_pk for r in roots), Decimal(0)),
        realisasi_tw=tw,
        realisasi=real,
        serapan=serapan(real, pagu),
        sisa=sisa(real, pagu),
        rencana=plan,
        serapan_rencana=serapan_rencana(real, plan),
        **renstra,
    )


def _leaf_budget(
    leaves: Sequence[BarisAnggaranHasil],
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(pagu, realisasi, plan) of a group of leaf rows; all None when there are none."""
    if not leaves:
        return None, None, None
    return (
        sum((r.pagu for r in leaves), Decimal(0)),
        _sum([r.realisasi for r in leaves]),
        _plan([r.rencana for r in leaves]),
    )


def kompilasi(
    pk: PK,
    settings: Settings,
    periode: Periode,
    data: dict[str, DataBidang],
    status: dict[str, str],
    temuan: list[Finding],
    input_sha256: dict[str, str],
    tahun_lalu: dict[str, TahunLalu] | None = None,
    dibuat: dt.datetime | None = None,
    riwayat: Riwayat | None = None,
) -> Kompilasi:
    """The dinas measurement of one periode from the PK and the accepted values (docs/contract.md §6 and §7).

    `riwayat`: the linked previous years (docs/contract.md §14); last year's figures default
    to its latest year."""
    skala, batas = settings.skala, settings.batas_rata_rata
    if tahun_lalu is None and riwayat is not None:
        tahun_lalu = riwayat.terakhir()
    sejarah = riwayat.indikator if riwayat is not None else {}
    extra: list[Finding] = []
    indikator: list[BarisIndikator] = []
    for no, ind in enumerate(pk.indikator, start=1):
        baris, found = _baris_indikator(
            no,
            ind,
            periode,
            settings,
            data.get(ind.bidang),
            _status_bidang(ind.bidang, data, status),
            (tahun_lalu or {}).get(ind.kode),
            tuple(sejarah.get(ind.kode, ())),
        )
        indikator.append(baris)
        extra.extend(found)

    anggaran = _baris_anggaran(pk, periode, data)
    leaves = [a for a in anggaran if not a.induk]

    sasaran: list[BarisSasaran] = []
    for s in pk.sasaran:
        inds = [i for i in indikator if i.sasaran == s.kode]
        cap = capaian_sasaran((i.capaian_periode for i in inds), batas)
        pagu, real, plan = _leaf_budget([a for a in leaves if a.sasaran == s.kode])
        ser, ser_plan = serapan(real, pagu), serapan_rencana(real, plan)
        sasaran.append(
            BarisSasaran(
                kode=s.kode,
                nama=s.nama,
                capaian=cap,
                predikat=predikat(cap, skala),
                jumlah_indikator=len(inds),
                pagu=pagu,
                realisasi_anggaran=real,
                serapan=ser,
                efisiensi=(
                    efisiensi_periode(cap, ser, ser_plan, periode.tahunan)
                    if pagu is not None
                    else None
                ),
                rencana_anggaran=plan,
                serapan_rencana=ser_plan,
            )
        )
    dinas = capaian_dinas(s.capaian for s in sasaran)

    owners = {i.bidang for i in pk.indikator} | {a.bidang for a in pk.anggaran}
    bidang_rows = [b for b in pk.bidang if b.kode in owners or b.kode in data or b.kode in status]
    bidang: list[BarisBidang] = []
    for b in bidang_rows:
        db = data.get(b.kode)
        inds = [i for i in indikator if i.bidang == b.kode]
        cap = rata_rata((i.capaian_periode for i in inds), batas)
        pagu, real, plan = _leaf_budget([a for a in leaves if a.bidang == b.kode])
        ser, ser_plan = serapan(real, pagu), serapan_rencana(real, plan)
        bidang.append(
            BarisBidang(
                kode=b.kode,
                nama=b.nama,
                kepala=b.kepala,
                status=_status_bidang(b.kode, data, status),
                diterima=db.diterima if db else "",
                file=db.file if db else "",
                sha256=db.sha256 if db else "",
                jumlah_indikator=len(inds),
                capaian=cap,
                predikat=predikat(cap, skala),
                pagu=pagu,
                realisasi_anggaran=real,
                serapan=ser,
                efisiensi=(
                    efisiensi_periode(cap, ser, ser_plan, periode.tahunan)
                    if pagu is not None
                    else None
                ),
                rencana_anggaran=plan,
                serapan_rencana=ser_plan,
            )
        )

    jumlah = {label: 0 for label in skala.urutan}
    for i in indikator:
        if i.predikat is not None:
            jumlah[i.predikat] = jumlah.get(i.predikat, 0) + 1

    return Kompilasi(
        tahun=pk.identitas.tahun,
        periode=periode,
        identitas=pk.identitas,
        bidang_pk=pk.bidang,
        indikator=tuple(indikator),
        sasaran=tuple(sasaran),
        dinas_capaian=dinas,
        dinas_predikat=predikat(dinas, skala),
        anggaran=anggaran,
        bidang=tuple(bidang),
        jumlah_predikat=jumlah,
        temuan=(*temuan, *extra),
        input_sha256=dict(input_sha256),
        skala=skala,
        batas_rata_rata=batas,
        dibuat=dibuat,
        tahun_lalu_ada=bool(tahun_lalu),
        anggaran_total=_total_anggaran(anggaran, periode.triwulan),
        sidik_pk=pk.sha256,
        dasar_efisiensi=_dasar_efisiensi(periode, leaves),
        riwayat_tahun=riwayat.tahun if riwayat is not None else (),
        riwayat_catatan=riwayat.catatan if riwayat is not None else (),
    )


def _renstra_bagian(
    r: BarisAnggaranHasil,
    rows: Sequence[BarisAnggaranHasil],
    below: Sequence[BarisAnggaranHasil],
    real: Decimal | None,
) -> dict[str, Decimal | None]:
    """The Renstra figures of a parent row's part serving one sasaran: the row's own when all
    of its leaves serve it (a Renstra may plan at program level only), else its leaves' sum."""
    every = [x for x in rows if not x.induk and x.kode.startswith(r.kode + ".")]
    if len(every) == len(below):
        return _renstra_anggaran(r.pagu_renstra, r.realisasi_renstra_lalu, real)
    return _renstra_anggaran(
        _plan([leaf.pagu_renstra for leaf in below]),
        _plan([leaf.realisasi_renstra_lalu for leaf in below]),
        real,
    )


def _dasar_efisiensi(periode: Periode, leaves: Sequence[BarisAnggaranHasil]) -> str:
    """`pagu` (annual), `rencana` (a quarter whose every leaf row has the DPA plan) or ``."""
    if periode.tahunan:
        return "pagu"
    return "rencana" if leaves and all(a.rencana is not None for a in leaves) else ""


def anggaran_sasaran(
    rows: Sequence[BarisAnggaranHasil], sasaran: str | None
) -> list[BarisAnggaranHasil]:
    """The budget rows serving one sasaran (None: rows linked to none), with their program and
    kegiatan above them; each parent sums only the leaves of this sasaran (Evaluasi Renja blocks)."""
    mine = [r for r in rows if not r.induk and r.sasaran == sasaran]
    if not mine:
        return []
    out: list[BarisAnggaranHasil] = []
    for r in rows:
        if not r.induk:
            if r in mine:
                out.append(r)
            continue
        below = [leaf for leaf in mine if leaf.kode.startswith(r.kode + ".")]
        if not below:
            continue
        pagu = sum((leaf.pagu for leaf in below), Decimal(0))
        k = len(r.realisasi_tw)
        real = _sum([leaf.realisasi for leaf in below])
        out.append(
            BarisAnggaranHasil(
                kode=r.kode,
                uraian=r.uraian,
                bidang=r.bidang,
                sasaran=sasaran,
                tingkat=r.tingkat,
                induk=True,
                pagu=pagu,
                pagu_pk=r.pagu_pk,
                realisasi_tw=tuple(
                    _sum([leaf.realisasi_tw[q] for leaf in below]) for q in range(k)
                ),
                realisasi=real,
                serapan=serapan(real, pagu),
                sisa=sisa(real, pagu),
                rencana=_plan([leaf.rencana for leaf in below]),
                serapan_rencana=serapan_rencana(real, _plan([leaf.rencana for leaf in below])),
                **_renstra_bagian(r, rows, below, real),
            )
        )
    return out
