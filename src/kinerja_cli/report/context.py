"""The one report context: plain dicts, lists, strings and Decimals built from a `Kompilasi`.

Every format (HTML, DOCX, XLSX, PDF) renders this same context, so the figures agree everywhere
(docs/architecture.md §3.8). Numbers stay unrounded Decimals here; templates format them with the filters
of `report.filters`, which round half-up exactly once.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from kinerja_cli.domain import nama
from kinerja_cli.domain.capaian import Efisiensi, efisiensi_periode, rumus_teks
from kinerja_cli.domain.models import Arah, Identitas, Rumus
from kinerja_cli.domain.periode import akhir_renstra, romawi
from kinerja_cli.domain.results import BarisBidang, Kompilasi
from kinerja_cli.report import context_triwulan
from kinerja_cli.report.filters import persen
from kinerja_cli.report.rows import (
    baris_indikator,
    kelompok_sasaran,
    potong,
)

STATUS_BIDANG = {"diterima": "Diterima", "ditolak": "Ditolak", "belum": "Belum menyampaikan"}
_URL = re.compile(r"(https?://[^\s<>\"']+)", re.IGNORECASE)


def tautan_aman(url: str) -> bool:
    """Only http/https links with a host become clickable (docs/reliability.md B2)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def segmen_bukti(text: str | None) -> list[dict[str, str]]:
    """Split a bukti dukung note into plain text and safe links: [{"teks", "url"}]."""
    t = potong(text)
    out: list[dict[str, str]] = []
    for i, part in enumerate(_URL.split(t)):
        if not part:
            continue
        url = part.rstrip(".,;)") if i % 2 else ""
        if url and tautan_aman(url):
            out.append({"teks": url, "url": url})
            if len(url) < len(part):
                out.append({"teks": part[len(url) :], "url": ""})
        else:
            out.append({"teks": part, "url": ""})
    return out


def kop(identitas: Identitas, logo: str = "") -> dict[str, str]:
    """The letterhead: PEMERINTAH KABUPATEN …, the agency in capitals (without the region the
    first line already names), its address (docs/contract.md §16)."""
    return {
        "pemda": nama.pemerintah(identitas.pemda).upper(),
        "perangkat_daerah": nama.perangkat_daerah(
            identitas.perangkat_daerah, identitas.pemda
        ).upper(),
        "singkatan": identitas.singkatan,
        "alamat": identitas.alamat,
        "logo": logo,
    }


def nama_dinas(identitas: Identitas) -> str:
    """The agency as named in running text and titles, its region once."""
    lengkap = nama.perangkat_daerah_lengkap(identitas.perangkat_daerah, identitas.pemda)
    return lengkap or identitas.singkatan or "Perangkat Daerah"


def jabatan_lengkap(identitas: Identitas) -> str:
    """`Plt. Kepala Dinas Pekerjaan Umum, … Kabupaten Balangan`: Plt./Plh. kept as the PK writes it."""
    return nama.jabatan_kepala(
        identitas.jabatan_kepala,
        identitas.perangkat_daerah,
        identitas.pemda,
        identitas.singkatan,
    )


def ttd(identitas: Identitas, tanggal: dt.date) -> dict[str, Any]:
    """The signature block: place and date, jabatan, name, pangkat/golongan, NIP."""
    return {
        "tempat": identitas.tempat.strip(),
        "tanggal": tanggal,
        "jabatan": jabatan_lengkap(identitas),
        "nama": identitas.kepala.strip(),
        "pangkat": identitas.pangkat_kepala.strip(),
        "nip": identitas.nip_kepala.strip(),
    }


def _nama_bidang(k: Kompilasi) -> dict[str, str]:
    names = {b.kode: b.nama for b in k.bidang_pk}
    names.update({b.kode: b.nama for b in k.bidang})
    return names


def ringkasan(k: Kompilasi) -> dict[str, Any]:
    """Dinas capaian, counts per predikat and per status, measurable or not."""
    terukur = [i for i in k.indikator if i.capaian_periode is not None]
    status = {
        s: sum(1 for i in k.indikator if i.status == s)
        for s in ("Melampaui", "Tercapai", "Tidak Tercapai")
    }
    return {
        "capaian": k.dinas_capaian,
        "predikat": k.dinas_predikat or "",
        "jumlah_indikator": len(k.indikator),
        "jumlah_sasaran": len(k.sasaran),
        "terukur": len(terukur),
        "belum_terukur": len(k.indikator) - len(terukur),
        "jumlah_predikat": [
            {"label": label, "jumlah": k.jumlah_predikat.get(label, 0)} for label in k.skala.urutan
        ],
        "status": [{"label": s, "jumlah": n} for s, n in status.items()],
    }


def _efisiensi(
    pagu: Decimal | None,
    real: Decimal | None,
    ser: Decimal | None,
    cap: Decimal | None,
    e: Efisiensi | None,
    rencana: Decimal | None = None,
    ser_rencana: Decimal | None = None,
) -> dict[str, Any]:
    return {
        "pagu": pagu,
        "realisasi": real,
        "serapan": ser,
        "rencana": rencana,
        "serapan_rencana": ser_rencana,
        "capaian": cap,
        "sisa": (pagu - real) if pagu is not None and real is not None else None,
        "ie": e.ie if e else None,
        "label": (e.label or "") if e else "",
        "selisih": e.selisih if e else None,
    }


def anggaran(k: Kompilasi) -> dict[str, Any]:
    """Budget per sasaran and per bidang with efficiency, the dinas total, and the detail rows.

    `dasar` says what the period's efficiency is measured against (docs/contract.md §14):
    `pagu` (annual), `rencana` (a quarter with the DPA plan) or `` (a quarter without it: the
    tables show serapan but no IE and no verdict)."""
    nama_bidang = _nama_bidang(k)
    per_sasaran = [
        {
            "kode": s.kode,
            "nama": s.nama,
            **_efisiensi(
                s.pagu,
                s.realisasi_anggaran,
                s.serapan,
                s.capaian,
                s.efisiensi,
                s.rencana_anggaran,
                s.serapan_rencana,
            ),
        }
        for s in k.sasaran
        if s.pagu is not None
    ]
    per_bidang = [
        {
            "kode": b.kode,
            "nama": b.nama,
            **_efisiensi(
                b.pagu,
                b.realisasi_anggaran,
                b.serapan,
                b.capaian,
                b.efisiensi,
                b.rencana_anggaran,
                b.serapan_rencana,
            ),
        }
        for b in k.bidang
        if b.pagu is not None
    ]
    t = k.anggaran_total
    e_total = (
        efisiensi_periode(k.dinas_capaian, t.serapan, t.serapan_rencana, k.periode.tahunan)
        if t is not None
        else None
    )
    total = _efisiensi(
        t.pagu if t else None,
        t.realisasi if t else None,
        t.serapan if t else None,
        k.dinas_capaian,
        e_total,
        t.rencana if t else None,
        t.serapan_rencana if t else None,
    )
    rincian = [
        {
            "kode": a.kode,
            "uraian": a.uraian,
            "tingkat": a.tingkat,
            "induk": a.induk,
            "bidang": nama_bidang.get(a.bidang, a.bidang),
            "pagu": a.pagu,
            "realisasi_tw": list(a.realisasi_tw),
            "realisasi": a.realisasi,
            "serapan": a.serapan,
            "sisa": a.sisa,
        }
        for a in k.anggaran
        if a.tingkat in ("program", "kegiatan")
    ]
    return {
        "ada": bool(k.anggaran),
        "dasar": k.dasar_efisiensi,
        "romawi": romawi(k.periode.triwulan),
        "dengan_ie": k.dasar_efisiensi in ("pagu", "rencana"),
        "sasaran": per_sasaran,
        "bidang": per_bidang,
        "total": total,
        "rincian": rincian,
    }


def bidang(k: Kompilasi) -> list[dict[str, Any]]:
    """Each bidang's submission status and mean capaian."""
    return [_bidang(b) for b in k.bidang]


def _bidang(b: BarisBidang) -> dict[str, Any]:
    return {
        "kode": b.kode,
        "nama": b.nama,
        "kepala": b.kepala,
        "status": b.status,
        "status_teks": STATUS_BIDANG.get(b.status, b.status),
        "capaian": b.capaian,
        "predikat": b.predikat or "",
        "jumlah_indikator": b.jumlah_indikator,
        "serapan": b.serapan,
    }


def metode(k: Kompilasi) -> dict[str, Any]:
    """The formulas used (docs/rulebook.md §10.1: print them) and the predikat scale."""
    groups: dict[str, list[str]] = {}
    for i in k.indikator:
        groups.setdefault(rumus_teks(i.arah, i.rumus), []).append(i.kode)
    nama_arah = {
        Arah.NAIK.value: "Semakin tinggi semakin baik",
        Arah.TURUN.value: "Semakin rendah semakin baik",
        Arah.RENTANG.value: "Rentang nilai",
        Arah.BINER.value: "Ya/tidak",
    }
    rumus: list[dict[str, str]] = []
    for i in k.indikator:
        teks = rumus_teks(i.arah, i.rumus)
        if any(r["rumus"] == teks for r in rumus):
            continue
        jenis = nama_arah[i.arah.value]
        if i.arah == Arah.TURUN:
            jenis += " (T/R)" if i.rumus == Rumus.T_PER_R else " (2T − R)"
        rumus.append({"jenis": jenis, "rumus": teks, "indikator": ", ".join(groups[teks])})
    ambang = list(k.skala.ambang)
    skala = []
    for idx, (batas, label) in enumerate(ambang):
        atas = f" dan < {persen(ambang[idx - 1][0], 0)}" if idx else ""
        skala.append({"label": label, "rentang": f"≥ {persen(batas, 0)}{atas}"})
    if ambang:
        skala.append({"label": k.skala.terendah, "rentang": f"< {persen(ambang[-1][0], 0)}"})
    return {"rumus": rumus, "skala": skala, "batas_rata_rata": k.batas_rata_rata}


KOREKSI_MAKS = 300  # characters of a corrected narrative shown in the method note


def _tanggal_koreksi(k: Kompilasi) -> str:
    """The days the corrections were recorded: `21 Juli 2025`, `21 Juli 2025 dan 23 Juli 2025`."""
    from kinerja_cli.domain.tanggal import tanggal_id

    hari: set[dt.date] = set()
    for c in k.koreksi:
        try:
            hari.add(dt.date.fromisoformat(c.waktu[:10]))
        except ValueError:  # a record without a readable time: the note names no day for it
            continue
    teks = [tanggal_id(d) for d in sorted(hari)]
    if len(teks) <= 1:
        return "".join(teks)
    return ", ".join(teks[:-1]) + " dan " + teks[-1]


def koreksi(k: Kompilasi) -> dict[str, Any]:
    """The Sekretaris's corrections the figures include (docs/contract.md §11), for the method
    note: a sentence and one row per correction. Without corrections `ada` is false and the
    note says nothing about them."""
    nb = _nama_bidang(k)
    names = {i.kode: i.nama for i in k.indikator} | {a.kode: a.uraian for a in k.anggaran}
    baris = [
        {
            "no": n,
            "kode": c.kode,
            "nama": names.get(c.kode, ""),
            "bidang": nb.get(c.bidang, c.bidang),
            "isian": c.isian,
            "lama": potong(c.lama_teks, KOREKSI_MAKS),
            "baru": potong(c.baru_teks, KOREKSI_MAKS),
        }
        for n, c in enumerate(k.koreksi, start=1)
    ]
    if not baris:
        return {"ada": False, "jumlah": 0, "kalimat": "", "ringkas": "", "baris": []}
    dokumen = "laporan ini" if k.periode.tahunan else "reviu ini"
    tanggal = _tanggal_koreksi(k)
    pada = f" yang dicatat pada {tanggal}" if tanggal else ""
    inti = (
        f"Angka dalam {dokumen} telah memuat {len(baris)} koreksi Sekretaris atas draf "
        f"pengukuran kinerja{pada}"
    )
    return {
        "ada": True,
        "jumlah": len(baris),
        "kalimat": inti + ", sebagai berikut:",
        "ringkas": inti + "; rinciannya disajikan pada akhir bagian ini.",
        "baris": baris,
    }


def revisi_pk(k: Kompilasi) -> dict[str, Any]:
    """The PK Perubahan the periode was measured against (docs/contract.md §13), for the method
    note: which version, from when, why; `target_diubah` when a revision changed a target, so
    the lembar shows Target (PK awal) beside Target (PK perubahan). Nothing before a revision."""
    if not k.revisi:
        return {"ada": False, "target_diubah": False, "kalimat": "", "diubah": []}
    r = k.revisi[-1]
    dokumen = "laporan ini" if k.periode.tahunan else "reviu ini"
    kalimat = (
        f"Pengukuran dalam {dokumen} memakai Perjanjian Kinerja versi {k.pk_versi}: "
        f"{r.keterangan.rstrip('.')}."
    )
    diubah = sorted(k.target_awal)
    if diubah:
        kalimat += (
            f" Target {len(diubah)} indikator ({', '.join(diubah)}) diubah; lembar pengukuran "
            "menampilkan Target (PK awal) di samping Target (PK perubahan), dan capaian dihitung "
            "terhadap Target (PK perubahan)."
        )
    return {"ada": True, "target_diubah": bool(diubah), "kalimat": kalimat, "diubah": diubah}


def permasalahan(k: Kompilasi, lalu: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Faktor pendorong/penghambat and tindak lanjut of every indicator that has any, or that
    fell short; narratives cut at 2.000 characters."""
    out: list[dict[str, Any]] = []
    for i in k.indikator:
        n = i.narasi
        ada = any(x.strip() for x in (n.pendorong, n.penghambat, n.tindak_lanjut, n.bukti))
        tl_lalu = potong((lalu or {}).get(i.kode, ""))
        if not ada and i.status != "Tidak Tercapai" and not tl_lalu:
            continue
        out.append(
            {
                "no": len(out) + 1,
                "kode": i.kode,
                "nama": i.nama,
                "capaian": i.capaian_periode,
                "predikat": i.predikat or "",
                "pendorong": potong(n.pendorong),
                "penghambat": potong(n.penghambat),
                "tindak_lanjut": potong(n.tindak_lanjut),
                "tindak_lanjut_lalu": tl_lalu,
                "bukti": segmen_bukti(n.bukti),
            }
        )
    return out


def _target_lalu(teks: str, arah: Arah) -> str:
    """Last year's target as this year's are printed (`82,5`, `6,5–8,5`), not as stored."""
    from kinerja_cli.domain.numbers import NumberError
    from kinerja_cli.domain.targets import parse_target
    from kinerja_cli.report.filters import target

    try:
        return target(parse_target(teks, arah), teks) if teks else ""
    except (NumberError, ValueError, ArithmeticError):
        return teks


def tahun_lalu(k: Kompilasi) -> dict[str, Any]:
    """The comparison with last year where linked, else a sentence saying it is not."""
    rows = []
    for i in k.indikator:
        t = i.tahun_lalu
        if t is None:
            continue
        beda = (i.capaian - t.capaian) if i.capaian is not None and t.capaian is not None else None
        rows.append(
            {
                "kode": i.kode,
                "nama": i.nama,
                "satuan": i.satuan,
                "target_lalu": _target_lalu(t.target_teks, i.arah),
                "realisasi_lalu": t.realisasi,
                "capaian_lalu": t.capaian,
                "target": i.target,
                "target_teks": i.target_teks,
                "realisasi": i.realisasi,
                "capaian": i.capaian,
                "selisih": beda,
            }
        )
    tahun = next((i.tahun_lalu.tahun for i in k.indikator if i.tahun_lalu), k.tahun - 1)
    # Without last year's figures the section is left out, not apologised for (§16).
    kalimat = (
        f"Tabel berikut membandingkan realisasi dan capaian Tahun {k.tahun} dengan "
        f"Tahun {tahun} untuk {len(rows)} indikator yang juga diukur pada tahun sebelumnya."
        if rows
        else ""
    )
    return {"ada": bool(rows), "tahun": tahun, "kalimat": kalimat, "baris": rows}


def tren(k: Kompilasi) -> dict[str, Any]:
    """The multi-year trend (LKjIP Bab III A.2; docs/contract.md §14): realisation and capaian
    of each indicator over the linked previous years (up to five) and this year. Shown when at
    least two earlier years are linked (one year is the comparison table above it)."""
    tahun = [*k.riwayat_tahun, k.tahun]
    rows = []
    for i in k.indikator:
        if not any(t is not None for t in i.riwayat):
            continue
        nilai = [
            {
                "realisasi": t.realisasi if t else None,
                "capaian": t.capaian if t else None,
                "target_teks": t.target_teks if t else "",
            }
            for t in i.riwayat
        ]
        nilai.append({"realisasi": i.realisasi, "capaian": i.capaian, "target_teks": i.target_teks})
        rows.append(
            {
                "kode": i.kode,
                "nama": i.nama,
                "satuan": i.satuan,
                "target": i.target,
                "target_teks": i.target_teks,
                "nilai": nilai,
            }
        )
    ada = len(k.riwayat_tahun) >= 2 and bool(rows)
    kalimat = (
        f"Tabel berikut menyajikan realisasi dan capaian setiap indikator dari Tahun {tahun[0]} "
        f"sampai dengan Tahun {k.tahun} ({len(tahun)} tahun), untuk {len(rows)} indikator yang "
        "juga diukur pada tahun-tahun sebelumnya; sel bertanda – berarti indikator itu tidak "
        "diukur pada tahun tersebut."
        if ada
        else ""
    )
    return {"ada": ada, "tahun": tahun, "kalimat": kalimat, "baris": rows}


def renstra(k: Kompilasi) -> dict[str, Any]:
    """Realisation s/d this year against the Renstra's end-of-period target (LKjIP Bab III
    A.3; docs/contract.md §14), for the indicators with a Target Renstra."""
    rows: list[dict[str, Any]] = []
    for i in k.indikator:
        if i.target_renstra is None:
            continue
        rows.append(
            {
                "no": len(rows) + 1,
                "kode": i.kode,
                "nama": i.nama,
                "satuan": i.satuan,
                "sifat": i.sifat.value,
                "target": i.target,
                "target_teks": i.target_teks,
                "target_renstra": i.target_renstra,
                "target_renstra_teks": i.target_renstra_teks,
                "realisasi_lalu": i.realisasi_renstra_lalu,
                "realisasi": i.realisasi,
                "realisasi_sd": i.realisasi_renstra,
                "capaian": i.capaian_renstra,
            }
        )
    akhir = akhir_renstra(k.identitas.periode_renstra)
    t = k.anggaran_total
    anggaran_renstra = (
        {
            "pagu": t.pagu_renstra,
            "realisasi_lalu": t.realisasi_renstra_lalu,
            "realisasi": t.realisasi,
            "realisasi_sd": t.realisasi_renstra,
            "capaian": t.capaian_renstra,
        }
        if t is not None and t.pagu_renstra is not None
        else None
    )
    tercapai = sum(1 for r in rows if r["capaian"] is not None and r["capaian"] >= 100)
    periode = k.identitas.periode_renstra
    kalimat = (
        f"Tabel berikut membandingkan realisasi s/d Tahun {k.tahun} dengan target akhir periode "
        f"Rencana Strategis{f' {periode}' if periode else ''} untuk {len(rows)} indikator; "
        f"{tercapai} indikator telah mencapai atau melampaui target akhir Renstra. Realisasi "
        "s/d tahun ini adalah realisasi s/d tahun lalu ditambah realisasi tahun ini untuk "
        "indikator kumulatif, dan nilai tahun ini untuk indikator status."
        if rows
        else ""
    )
    return {
        "ada": bool(rows),
        "tahun_akhir": akhir if akhir != "…" else "",
        "periode": periode,
        "kalimat": kalimat,
        "baris": rows,
        "anggaran": anggaran_renstra,
    }


def bukti_dukung(k: Kompilasi) -> list[dict[str, Any]]:
    """The evidence per indicator (docs/contract.md §14): each reference as a file (found in
    the evidence folder or not), a safe link, or text as written."""
    from kinerja_cli.domain.bukti import BuktiDukung, rujukan

    out: list[dict[str, Any]] = []
    for i in k.indikator:
        refs = k.bukti.get(i.kode) or tuple(
            BuktiDukung(r.teks, r.jenis) for r in rujukan(i.narasi.bukti)
        )
        if not refs:
            continue
        out.append(
            {
                "no": len(out) + 1,
                "kode": i.kode,
                "nama": i.nama,
                "bidang": i.bidang,
                "bukti": [
                    {
                        "teks": potong(b.teks, 300),
                        "jenis": b.jenis,
                        "url": b.teks if b.jenis == "url" and tautan_aman(b.teks) else "",
                        "ada": b.ada,
                    }
                    for b in refs
                ],
            }
        )
    return out


def dokumen(k: Kompilasi, semester: int | None = None) -> dict[str, Any]:
    """Titles: `Pengukuran Kinerja Tahun N`, the quarterly review's or the semester review's
    (docs/contract.md §15)."""
    r = romawi(k.periode.triwulan)
    if k.periode.tahunan:
        judul = f"Pengukuran Kinerja Tahun {k.tahun}"
        atas, bawah = "PENGUKURAN KINERJA", f"TAHUN {k.tahun}"
        kurun = f"Tahun {k.tahun}"
    elif semester:
        sr = romawi(semester)
        judul = f"Reviu Capaian Kinerja Semester {sr} Tahun {k.tahun}"
        atas, bawah = f"REVIU CAPAIAN KINERJA SEMESTER {sr}", f"TAHUN {k.tahun}"
        kurun = f"Semester {sr}"
    else:
        judul = f"Reviu Capaian Kinerja Triwulan {r} Tahun {k.tahun}"
        atas, bawah = f"REVIU CAPAIAN KINERJA TRIWULAN {r}", f"TAHUN {k.tahun}"
        kurun = f"Triwulan {r}"
    return {
        "judul": judul,
        "judul_atas": atas,
        "judul_bawah": bawah,
        "semester": semester or 0,
        "semester_romawi": romawi(semester) if semester else "",
        # the review's period in running text: "Triwulan II" or "Semester I"
        "kurun": kurun,
        "nama_dinas": nama_dinas(k.identitas),
        "singkatan": k.identitas.singkatan or "",
        "tahun": k.tahun,
        "periode": k.periode.kode,
        "periode_label": k.periode.label,
        "triwulan": k.periode.triwulan,
        "romawi": romawi(k.periode.triwulan),
        "tahunan": k.periode.tahunan,
    }


def lampiran(ctx: dict[str, Any]) -> dict[str, str]:
    """The annual report's appendix sections that have content, lettered A, B, … in order
    (docs/contract.md §16: a section without data is left out, so the letters never skip)."""
    ada = {
        "metode": True,
        "analisis": True,
        "anggaran": ctx["anggaran"]["ada"],
        "permasalahan": bool(ctx["permasalahan"]),
        "tahun_lalu": ctx["tahun_lalu"]["ada"] or ctx["tren"]["ada"],
        "renstra": ctx["renstra"]["ada"],
        "bukti": bool(ctx["data_pendukung"]),
    }
    kunci = [k for k, v in ada.items() if v]
    return {k: "ABCDEFGH"[i] for i, k in enumerate(kunci)}


def build_context(
    k: Kompilasi,
    tanggal: dt.date,
    sebelumnya: Kompilasi | None = None,
    logo: str = "",
    semester: int | None = None,
) -> dict[str, Any]:
    """The whole context of the annual report (tahunan), the quarterly review (TW k) or the
    semester review (`semester` 1 or 2, compiled s/d TW II or TW IV; docs/contract.md §15)."""
    from kinerja_cli.report import narasi

    nb = _nama_bidang(k)
    rows = [{**baris_indikator(b, nb), "sasaran_kode": b.sasaran} for b in k.indikator]
    for row in rows:  # docs/contract.md §13: the PK awal target beside the one in force
        awal = k.target_awal.get(row["kode"])
        row["target_diubah"] = awal is not None
        row["target_awal"] = awal.target if awal is not None else row["target"]
        row["target_awal_teks"] = awal.target_teks if awal is not None else row["target_teks"]
    lalu = (
        {i.kode: i.narasi.tindak_lanjut for i in sebelumnya.indikator}
        if sebelumnya is not None
        else None
    )
    ctx: dict[str, Any] = {
        "jenis": "tahunan" if k.periode.tahunan else "triwulan",
        "dokumen": dokumen(k, semester),
        "kop": kop(k.identitas, logo),
        "ringkasan": ringkasan(k),
        "bidang": bidang(k),
        "bidang_belum": [b.nama for b in k.bidang if b.status != "diterima"],
        "anggaran": anggaran(k),
        "permasalahan": permasalahan(k, lalu),
        "tahun_lalu": tahun_lalu(k),
        "tren": tren(k),
        "renstra": renstra(k),
        "data_pendukung": bukti_dukung(k),
        "metode": metode(k),
        "koreksi": koreksi(k),
        "revisi": revisi_pk(k),
        "ttd": ttd(k.identitas, tanggal),
        "kosong": "–",
    }
    if k.periode.tahunan:
        ctx["sasaran"] = kelompok_sasaran(k, rows)
        ctx["narasi"] = narasi.narasi_tahunan(k, ctx)
        ctx["lampiran"] = lampiran(ctx)
    else:
        context_triwulan.lengkapi(ctx, k, rows, sebelumnya, semester)
        ctx["narasi"] = narasi.narasi_triwulan(k, ctx)
    return ctx
