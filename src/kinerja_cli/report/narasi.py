"""A first draft of the analysis paragraphs, in formal Indonesian, for the officer to edit.

Only facts from the compiled results: counts per predikat, the indicators furthest below and
above target, serapan against capaian, and (for the review) trend, projection and missing
bidang. The wording avoids judgement the figures cannot carry.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja_cli.domain.results import BarisIndikator, Kompilasi
from kinerja_cli.report.filters import angka, persen, realisasi, rupiah, target

JUMLAH_CONTOH = 3
SANGAT_MELAMPAUI = Decimal(120)


def daftar(items: list[str]) -> str:
    """`a`, `a dan b`, `a, b, dan c` (Indonesian enumeration)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + f", dan {items[-1]}"


def _nama(b: BarisIndikator) -> str:
    return f"“{b.nama}”"


def _satuan(teks: str, satuan: str) -> str:
    s = satuan.strip()
    if not s or not teks[:1].isdigit():
        return teks  # "Ada", "Tidak", "–": no unit
    return f"{teks}{s}" if s == "%" else f"{teks} {s}"


def _rinci(b: BarisIndikator) -> str:
    if (
        b.capaian_triwulan is not None
        and b.capaian_periode == b.capaian_triwulan
        and b.target_triwulan is not None
        and b.target_triwulan != b.target
    ):
        t = "target triwulan " + _satuan(
            target(b.target_triwulan, b.target_triwulan_teks), b.satuan
        )
    else:
        t = "target " + _satuan(target(b.target, b.target_teks), b.satuan)
    r = _satuan(realisasi(b.realisasi, b.target, b.target_teks), b.satuan)
    return f"{_nama(b)} sebesar {persen(b.capaian_periode)} ({t}, realisasi {r})"


def _kalimat_predikat(k: Kompilasi) -> str:
    parts = [
        f"{n} indikator berpredikat {label}"
        for label, n in ((lb, k.jumlah_predikat.get(lb, 0)) for lb in k.skala.urutan)
        if n
    ]
    terukur = sum(k.jumlah_predikat.values())
    if not terukur:
        return "Belum ada indikator yang dapat diukur capaiannya."
    s = f"Dari {terukur} indikator yang dapat diukur, {daftar(parts)}."
    status = {
        st: sum(1 for i in k.indikator if i.status == st)
        for st in ("Melampaui", "Tercapai", "Tidak Tercapai")
    }
    bagian = []
    if status["Melampaui"]:
        bagian.append(f"{status['Melampaui']} indikator melampaui target")
    if status["Tercapai"]:
        bagian.append(f"{status['Tercapai']} indikator tepat mencapai target")
    if status["Tidak Tercapai"]:
        bagian.append(f"{status['Tidak Tercapai']} indikator belum mencapai target")
    if bagian:
        s += f" Dilihat dari targetnya, {daftar(bagian)}."
    sisa = len(k.indikator) - terukur
    if sisa:
        s += (
            f" Sebanyak {sisa} indikator belum dapat diukur karena realisasinya belum "
            "tersedia atau targetnya tidak memungkinkan perhitungan capaian."
        )
    return s


def _kalimat_ekstrem(k: Kompilasi) -> list[str]:
    terukur = [i for i in k.indikator if i.capaian_periode is not None]
    bawah = sorted(
        (i for i in terukur if i.capaian_periode is not None and i.capaian_periode < 100),
        key=lambda i: (i.capaian_periode, i.no),
    )
    atas = sorted(
        (i for i in terukur if i.capaian_periode is not None and i.capaian_periode > 100),
        key=lambda i: (-(i.capaian_periode or 0), i.no),
    )
    out = []
    if bawah:
        contoh = [_rinci(i) for i in bawah[:JUMLAH_CONTOH]]
        s = f"Capaian terendah terdapat pada indikator {contoh[0]}"
        if len(contoh) > 1:
            s += f", diikuti oleh indikator {daftar(contoh[1:])}"
        out.append(
            s + ". Indikator tersebut perlu mendapat perhatian dalam perumusan tindak "
            "lanjut, terutama pada faktor penghambat yang disampaikan bidang pengampu."
        )
    elif terukur:
        out.append("Seluruh indikator yang dapat diukur telah mencapai atau melampaui target.")
    if atas:
        contoh = [_rinci(i) for i in atas[:JUMLAH_CONTOH]]
        s = f"Adapun capaian tertinggi terdapat pada indikator {daftar(contoh)}."
        if (atas[0].capaian_periode or 0) > SANGAT_MELAMPAUI:
            s += (
                f" Capaian di atas {persen(SANGAT_MELAMPAUI, 0)} perlu ditelaah kembali untuk "
                "memastikan target yang ditetapkan dalam Perjanjian Kinerja sudah cukup "
                "menantang."
            )
        out.append(s)
    return out


def _kalimat_anggaran(k: Kompilasi, ctx: dict[str, Any], sd: str) -> str:
    total = ctx["anggaran"]["total"]
    if total["pagu"] is None or total["serapan"] is None:
        return ""
    s = (
        f"Realisasi anggaran {sd} sebesar {rupiah(total['realisasi'])} dari pagu "
        f"{rupiah(total['pagu'])} atau serapan {persen(total['serapan'])}"
    )
    dasar = ctx["anggaran"]["dasar"]
    if dasar == "rencana" and total["serapan_rencana"] is not None:
        s += (
            f", dan {persen(total['serapan_rencana'])} dari rencana penarikan dana "
            f"(anggaran kas DPA) {sd} sebesar {rupiah(total['rencana'])}"
        )
    s += "."
    if not ctx["anggaran"]["dengan_ie"]:
        return s + (
            " Efisiensi triwulan diukur terhadap rencana penarikan dana (anggaran kas) DPA "
            "per triwulan; rencana tersebut tidak tercantum dalam Perjanjian Kinerja, sehingga "
            "indeks efisiensi tidak disajikan."
        )
    if k.dinas_capaian is not None and total["selisih"] is not None:
        beda = total["selisih"]
        if beda == 0:
            letak = "sama dengan serapan anggaran"
        else:
            letak = (
                f"berada {angka(abs(beda))} poin persen "
                f"{'di atas' if beda > 0 else 'di bawah'} serapan anggaran"
            )
        if dasar == "rencana":
            letak = letak.replace("serapan anggaran", "serapan terhadap rencana penarikan dana")
        s += f" Capaian kinerja sebesar {persen(k.dinas_capaian)} {letak}"
        if total["ie"] is not None:
            s += f", dengan indeks efisiensi {angka(total['ie'])} ({total['label']})"
        s += "."
    kurang = [b for b in ctx["anggaran"]["bidang"] if b["label"] == "Kurang Efisien"]
    dinilai = [b for b in ctx["anggaran"]["bidang"] if b["label"]]
    if kurang:
        s += (
            " Bidang dengan indeks efisiensi di bawah 1 adalah "
            + daftar([f"{b['nama']} ({angka(b['ie'])})" for b in kurang])
            + "."
        )
    elif dinilai and len(dinilai) == len(ctx["anggaran"]["bidang"]):
        s += " Seluruh bidang yang memiliki anggaran berada pada kategori Efisien."
    return s


def narasi_tahunan(k: Kompilasi, ctx: dict[str, Any]) -> list[str]:
    """Paragraphs for the annual report's analysis."""
    nama = ctx["dokumen"]["nama_dinas"]
    if k.dinas_capaian is None:
        p1 = (
            f"Capaian kinerja {nama} Tahun {k.tahun} belum dapat dihitung karena belum ada "
            "realisasi indikator yang diterima."
        )
    else:
        p1 = (
            f"Berdasarkan hasil pengukuran kinerja Tahun {k.tahun}, capaian kinerja {nama} "
            f"secara keseluruhan sebesar {persen(k.dinas_capaian)} dengan predikat "
            f"{k.dinas_predikat}. Nilai tersebut merupakan rata-rata capaian "
            f"{len(k.sasaran)} sasaran strategis yang diukur melalui {len(k.indikator)} "
            "indikator kinerja sebagaimana ditetapkan dalam Perjanjian Kinerja."
        )
    out = [p1, _kalimat_predikat(k), *_kalimat_ekstrem(k)]
    anggaran = _kalimat_anggaran(k, ctx, "sampai dengan akhir tahun")
    if anggaran:
        out.append(anggaran)
    return out


def narasi_triwulan(k: Kompilasi, ctx: dict[str, Any]) -> list[str]:
    """Paragraphs for the quarterly (or semester) review's summary."""
    tw = ctx["dokumen"]["romawi"]
    kurun = ctx["dokumen"]["kurun"]
    sd_kurun = f"akhir {kurun}" if ctx["dokumen"]["semester"] else kurun
    nama = ctx["dokumen"]["nama_dinas"]
    if k.dinas_capaian is None:
        p1 = (
            f"Capaian kinerja {nama} sampai dengan {sd_kurun} Tahun {k.tahun} belum dapat "
            "dihitung karena belum ada realisasi indikator yang diterima."
        )
    else:
        p1 = (
            f"Sampai dengan {sd_kurun} Tahun {k.tahun}, capaian kinerja {nama} sebesar "
            f"{persen(k.dinas_capaian)} dengan predikat {k.dinas_predikat}"
        )
        arah = ctx["tren"]["dinas_arah"]
        if arah["arah"]:
            p1 += f", {arah['teks'][:1].lower()}{arah['teks'][1:]}"
        p1 += "."
    out = [p1, _kalimat_predikat(k)]
    belum = ctx["bidang_belum"]
    if belum:
        out.append(
            f"Sebanyak {len(belum)} bidang belum menyampaikan formulir yang diterima, "
            f"yaitu {daftar(belum)}; indikator bidang tersebut belum dapat diukur pada "
            "reviu ini."
        )
    berisiko = ctx["berisiko"]
    if berisiko:
        contoh = [
            f"“{r['nama']}” (proyeksi capaian {persen(r['proyeksi']['capaian'])})"
            for r in berisiko[:JUMLAH_CONTOH]
        ]
        out.append(
            f"Berdasarkan proyeksi atas laju realisasi sampai dengan Triwulan {tw}, "
            f"sebanyak {len(berisiko)} indikator berisiko tidak mencapai target tahunan, "
            f"antara lain {daftar(contoh)}. Proyeksi ini merupakan perkiraan, bukan "
            "realisasi, dan dimaksudkan sebagai bahan pembahasan langkah percepatan."
        )
    elif ctx["terproyeksi"]:
        out.append(
            f"Berdasarkan proyeksi atas laju realisasi sampai dengan Triwulan {tw}, "
            "seluruh indikator yang dapat diproyeksikan diperkirakan mencapai target "
            "tahunan."
        )
    out.extend(_kalimat_ekstrem(k)[:1])
    anggaran = _kalimat_anggaran(k, ctx, f"sampai dengan Triwulan {tw}")  # the data's quarter
    if anggaran:
        out.append(anggaran)
    return out
