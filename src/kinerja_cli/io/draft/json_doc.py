"""The `compile --json` document (docs/contract.md §7), from a Kompilasi.

The keys of docs/contract.md §7 are fixed; a few extra keys (names, efficiency, per-quarter values) are
added beside them, never instead of them. Numbers are JSON numbers rounded half-up to 2
decimals; `target`/`target_triwulan` are strings for rentang and biner, `realisasi` is a
string for biner; unknown values are null.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from kinerja_cli.domain.capaian import Efisiensi
from kinerja_cli.domain.kompilasi import teks_biner
from kinerja_cli.domain.models import Indikator, Nilai, Rentang, TargetValue
from kinerja_cli.domain.results import BarisIndikator, Kompilasi, TahunLalu
from kinerja_cli.domain.rounding import to_json_number


def _target(v: TargetValue | None, teks: str) -> str | int | float | None:
    if v is None:
        return None
    if isinstance(v, bool | Rentang):
        return teks or str(v)
    return to_json_number(v)


def _nilai(v: Nilai | None, target_teks: str) -> str | int | float | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return teks_biner(v, target_teks)
    return to_json_number(v)


def _num(v: Decimal | None) -> int | float | None:
    return to_json_number(v)


def _efisiensi(e: Efisiensi | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"ie": _num(e.ie), "keterangan": e.label, "selisih": _num(e.selisih)}


def _tahun_lalu(t: TahunLalu | None, target_teks: str) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "tahun": t.tahun,
        "target": t.target_teks,
        "realisasi": _nilai(t.realisasi, target_teks),
        "capaian": _num(t.capaian),
    }


def indikator_json(
    i: BarisIndikator, awal: Indikator | None | Literal[False] = False
) -> dict[str, Any]:
    """One indicator: the docs/contract.md §7 keys first, then `nama` and `realisasi_tw`.
    `awal`: under a revised PK, the indicator's PK awal row when its target changed (None when
    it did not); False when the PK was never revised (no `target_awal` key)."""
    d: dict[str, Any] = {
        "kode": i.kode,
        "bidang": i.bidang,
        "sasaran": i.sasaran,
        "satuan": i.satuan,
        "arah": i.arah.value,
        "sifat": i.sifat.value,
        "target": _target(i.target, i.target_teks),
        "target_triwulan": _target(i.target_triwulan, i.target_triwulan_teks),
        "realisasi": _nilai(i.realisasi, i.target_teks),
        "capaian": _num(i.capaian),
        "capaian_triwulan": _num(i.capaian_triwulan),
        "predikat": i.predikat,
        "status": i.status,
        "nama": i.nama,
        "realisasi_tw": [_nilai(v, i.target_teks) for v in i.realisasi_tw],
    }
    if i.tahun_lalu is not None:
        d["tahun_lalu"] = _tahun_lalu(i.tahun_lalu, i.target_teks)
    if awal is not False:  # docs/contract.md §13: the PK awal target where a revision changed it
        d["target_awal"] = None if awal is None else _target(awal.target, awal.target_teks)
    # docs/contract.md §14: Evaluasi Renja columns (5), (13), (14); null when absent
    d["target_renstra"] = _target(i.target_renstra, i.target_renstra_teks)
    d["realisasi_renstra"] = _nilai(i.realisasi_renstra, i.target_teks)
    d["capaian_renstra"] = _num(i.capaian_renstra)
    if i.komponen:
        d["pembilang"] = _num(i.pembilang)
        d["penyebut"] = _num(i.penyebut)
    if any(t is not None for t in i.riwayat):
        d["riwayat"] = [_tahun_lalu(t, i.target_teks) for t in i.riwayat if t is not None]
    return d


def to_json(k: Kompilasi) -> dict[str, Any]:
    """The whole `compile --json` document (docs/contract.md §7)."""
    return {
        "tahun": k.tahun,
        "periode": k.periode.kode,
        "indikator": [
            indikator_json(i, k.target_awal.get(i.kode) if k.pk_versi > 1 else False)
            for i in k.indikator
        ],
        "sasaran": [
            {
                "kode": s.kode,
                "nama": s.nama,
                "capaian": _num(s.capaian),
                "predikat": s.predikat,
                "jumlah_indikator": s.jumlah_indikator,
                "pagu": _num(s.pagu),
                "realisasi_anggaran": _num(s.realisasi_anggaran),
                "serapan": _num(s.serapan),
                "rencana_anggaran": _num(s.rencana_anggaran),
                "serapan_rencana": _num(s.serapan_rencana),
                "efisiensi": _efisiensi(s.efisiensi),
            }
            for s in k.sasaran
        ],
        "dinas": {"capaian": _num(k.dinas_capaian), "predikat": k.dinas_predikat},
        "anggaran": [
            {
                "kode": a.kode,
                "bidang": a.bidang,
                "pagu": _num(a.pagu),
                "realisasi": _num(a.realisasi),
                "serapan": _num(a.serapan),
                "uraian": a.uraian,
                "tingkat": a.tingkat,
                "induk": a.induk,
                "sisa": _num(a.sisa),
                "sasaran": a.sasaran,
                "rencana": _num(a.rencana),
                "serapan_rencana": _num(a.serapan_rencana),
                "pagu_renstra": _num(a.pagu_renstra),
                "realisasi_renstra": _num(a.realisasi_renstra),
                "capaian_renstra": _num(a.capaian_renstra),
            }
            for a in k.anggaran
        ],
        "bidang": [
            {
                "kode": b.kode,
                "status": b.status,
                "nama": b.nama,
                "capaian": _num(b.capaian),
                "predikat": b.predikat,
                "serapan": _num(b.serapan),
                "rencana_anggaran": _num(b.rencana_anggaran),
                "serapan_rencana": _num(b.serapan_rencana),
                "efisiensi": _efisiensi(b.efisiensi),
                "file": b.file or None,
            }
            for b in k.bidang
        ],
        # docs/contract.md §12: partial data is said.
        "sementara": k.sementara,
        "sasaran_tanpa_data": [s.kode for s in k.sasaran_tanpa_data],
        # pagu (annual) | rencana (a quarter with the DPA plan) | null: no IE (docs/contract.md §14)
        "dasar_efisiensi": k.dasar_efisiensi or None,
        # the PK version in force for the periode: 1 before any revision (docs/contract.md §13)
        "pk_versi": k.pk_versi,
        # the Sekretaris's corrections in the figures, as `koreksi --json` lists them (§11)
        "koreksi": [
            {
                "sheet": c.sheet,
                "cell": c.cell,
                "kode": c.kode,
                "bidang": c.bidang,
                "field": c.field,
                "lama": c.lama,
                "baru": c.baru,
                "oleh": c.oleh,
                "waktu": c.waktu,
            }
            for c in k.koreksi
        ],
        # the linked previous years (docs/contract.md §14), oldest first, and broken links
        "riwayat": {"tahun": list(k.riwayat_tahun), "catatan": list(k.riwayat_catatan)},
    }
