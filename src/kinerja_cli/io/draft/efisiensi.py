"""Draft sheet `Efisiensi`: capaian against serapan per sasaran and per bidang (docs/contract.md §6.6, §7, §14).

What the period's efficiency is measured against decides the columns: the annual measurement
against the pagu; a quarter against the DPA plan s/d that quarter (`Rencana s/d TW k` and
`Serapan terhadap Rencana` are shown); a quarter without the plan shows serapan against the
pagu only, with no IE, no Efisien/Kurang Efisien verdict and no selisih (the two would compare
a quarter's capaian with a share of the whole year's pagu).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import NamedTuple

from kinerja_cli.domain.capaian import Efisiensi
from kinerja_cli.domain.periode import romawi
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.io.draft.common import (
    SheetWriter,
    header,
    note,
    persen,
    print_setup,
    rupiah,
    subtitle,
    title_block,
)

EFISIEN_FILL, KURANG_EFISIEN_FILL = "C6EFCE", "FCE4D6"
PORTRAIT_MAX = 130  # table width (characters) up to which the sheet prints portrait


class Baris(NamedTuple):
    """One row of either table: a sasaran or a bidang."""

    kode: str
    nama: str
    capaian: Decimal | None
    pagu: Decimal | None
    rencana: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    serapan_rencana: Decimal | None
    efisiensi: Efisiensi | None


class Kolom(NamedTuple):
    """One column: its header, width, and how a row fills it."""

    judul: str
    lebar: float
    isi: Callable[[SheetWriter, int, int, int, Baris], None]


def _no(sh: SheetWriter, r: int, c: int, n: int, b: Baris) -> None:
    sh.put(r, c, n, "kd_tengah")


def _text(get: Callable[[Baris], str], style: str) -> Callable[..., None]:
    def put(sh: SheetWriter, r: int, c: int, n: int, b: Baris) -> None:
        sh.put(r, c, get(b), style)

    return put


def _pct(get: Callable[[Baris], Decimal | None]) -> Callable[..., None]:
    def put(sh: SheetWriter, r: int, c: int, n: int, b: Baris) -> None:
        persen(sh, r, c, get(b))

    return put


def _rp(get: Callable[[Baris], Decimal | None]) -> Callable[..., None]:
    def put(sh: SheetWriter, r: int, c: int, n: int, b: Baris) -> None:
        rupiah(sh, r, c, get(b))

    return put


def _keterangan(tahunan: bool) -> Callable[..., None]:
    def put(sh: SheetWriter, r: int, c: int, n: int, b: Baris) -> None:
        e = b.efisiensi
        if e is not None and e.label:
            fill = EFISIEN_FILL if e.label == "Efisien" else KURANG_EFISIEN_FILL
            sh.put(r, c, e.label, "kd_teks", fill=fill)
        elif b.pagu is None:
            sh.put(r, c, "tidak ada anggaran terkait", "kd_teks")
        elif not tahunan and b.rencana is None:
            sh.put(r, c, "rencana DPA tidak lengkap", "kd_teks")
        elif b.capaian is None or b.realisasi is None:
            sh.put(r, c, "belum ada data", "kd_teks")
        else:
            sh.put(r, c, "-", "kd_teks")

    return put


def _dengan(k: Kompilasi, rows: Sequence[Baris]) -> tuple[bool, bool]:
    """(plan columns, IE columns): the plan only for a quarter, IE where some row has one."""
    rencana = not k.periode.tahunan and any(b.rencana is not None for b in rows)
    return rencana, any(b.efisiensi is not None for b in rows)


def columns(k: Kompilasi, rows: Sequence[Baris]) -> list[Kolom]:
    """The sheet's columns for this periode: the plan columns only for a quarter with the DPA
    plan, the IE columns only where some row has an efficiency (docs/contract.md §14)."""
    tahunan = k.periode.tahunan
    tw = "" if tahunan else f" s/d TW {romawi(k.periode.triwulan)}"
    rencana, dengan_ie = _dengan(k, rows)
    cols = [
        Kolom("No", 5, _no),
        Kolom("Kode", 8, _text(lambda b: b.kode, "kd_tengah")),
        Kolom("Sasaran", 40 if rencana else 46, _text(lambda b: b.nama, "kd_teks")),
        Kolom("Capaian Kinerja (%)", 12, _pct(lambda b: b.capaian)),
        Kolom("Pagu (Rp)", 16, _rp(lambda b: b.pagu)),
    ]
    if rencana:
        cols.append(Kolom(f"Rencana{tw} (Rp)", 16, _rp(lambda b: b.rencana)))
    cols += [
        Kolom(f"Realisasi{tw} (Rp)", 16, _rp(lambda b: b.realisasi)),
        Kolom("Serapan terhadap Pagu (%)", 12, _pct(lambda b: b.serapan)),
    ]
    if rencana:
        cols.append(Kolom("Serapan terhadap Rencana (%)", 12, _pct(lambda b: b.serapan_rencana)))
    if dengan_ie:
        lawan = "Serapan terhadap Rencana" if not tahunan else "Serapan"
        cols += [
            Kolom(
                "Indeks Efisiensi (IE)",
                11,
                _pct(lambda b: b.efisiensi.ie if b.efisiensi else None),
            ),
            Kolom("Keterangan", 15, _keterangan(tahunan)),
            Kolom(
                f"Selisih Capaian − {lawan} (poin)",
                14,
                _pct(lambda b: b.efisiensi.selisih if b.efisiensi else None),
            ),
        ]
    return cols


def _rows(k: Kompilasi) -> tuple[list[Baris], list[Baris]]:
    sasaran = [
        Baris(
            s.kode,
            s.nama,
            s.capaian,
            s.pagu,
            s.rencana_anggaran,
            s.realisasi_anggaran,
            s.serapan,
            s.serapan_rencana,
            s.efisiensi,
        )
        for s in k.sasaran
    ]
    bidang = [
        Baris(
            b.kode,
            b.nama,
            b.capaian,
            b.pagu,
            b.rencana_anggaran,
            b.realisasi_anggaran,
            b.serapan,
            b.serapan_rencana,
            b.efisiensi,
        )
        for b in k.bidang
    ]
    return sasaran, bidang


def _pengantar(k: Kompilasi, dengan_ie: bool) -> str:
    """What the IE is here, or why there is none (docs/contract.md §14)."""
    if not dengan_ie and not k.periode.tahunan:
        tw = romawi(k.periode.triwulan)
        return (
            f"Rencana penarikan dana (anggaran kas) DPA s/d TW {tw} tidak tercantum di lembar "
            "Anggaran PK, sehingga Indeks Efisiensi (IE) dan kategori Efisien/Kurang Efisien "
            f"tidak dihitung untuk triwulan ini: capaian terhadap target TW {tw} dan serapan "
            "terhadap pagu setahun mengukur dua hal yang berbeda. Serapan terhadap pagu "
            "ditampilkan sebagai informasi. Untuk mengukurnya, isi kolom Rencana TW I s/d "
            "Rencana TW IV pada lembar Anggaran PK."
        )
    if k.periode.tahunan:
        ie = "IE = capaian kinerja ÷ serapan anggaran terhadap pagu"
        selisih = "Selisih = capaian − serapan"
    else:
        tw = romawi(k.periode.triwulan)
        ie = (
            f"IE = capaian kinerja TW {tw} ÷ serapan terhadap rencana penarikan dana "
            f"(anggaran kas) DPA s/d TW {tw}"
        )
        selisih = "Selisih = capaian − serapan terhadap rencana"
    return (
        "Alat bantu analisis, bukan penilaian resmi (PermenPANRB 53/2014 tidak menetapkan "
        f"rumus). Indeks Efisiensi {ie}; Efisien bila IE ≥ 1, Kurang Efisien bila IE < 1. "
        f"{selisih}, dalam poin persen (positif berarti kinerja lebih tinggi daripada serapan)."
    )


def _table(sh: SheetWriter, r: int, cols: Sequence[Kolom], rows: Sequence[Baris]) -> int:
    for n, b in enumerate(rows, start=1):
        for c, col in enumerate(cols, start=1):
            col.isi(sh, r, c, n, b)
        r += 1
    return r


def write(sh: SheetWriter, k: Kompilasi) -> None:
    """Efficiency index per sasaran and per bidang, labelled as an analysis aid (docs/rulebook.md §4).

    Two tables with different third columns: the agency title rows repeat on every printed
    page, not one table's header over the other (docs/contract.md §16).
    """
    sasaran, bidang = _rows(k)
    cols = columns(k, [*sasaran, *bidang])
    rencana, dengan_ie = _dengan(k, [*sasaran, *bidang])
    ncols = len(cols)
    sh.widths([c.lebar for c in cols])
    r = title_block(sh, k, "ANALISIS EFISIENSI PENGGUNAAN SUMBER DAYA", ncols)
    r = note(sh, r, _pengantar(k, dengan_ie), ncols)
    r += 1
    subtitle(
        sh, r, "A. Per sasaran (anggaran sub-kegiatan yang dikaitkan dengan sasaran di PK)", ncols
    )
    r += 1
    header(sh, r, [(c.judul, c.lebar) for c in cols])
    head = r
    r = _table(sh, r + 1, cols, sasaran)
    r += 1
    subtitle(sh, r, "B. Per bidang (anggaran sub-kegiatan milik bidang)", ncols)
    r += 1
    for c, col in enumerate(cols, start=1):
        sh.put(r, c, "Bidang" if col.judul == "Sasaran" else col.judul, "kn_header")
    r = _table(sh, r + 1, cols, bidang)
    r += 1
    text = (
        "Capaian kinerja sasaran dan bidang = rata-rata capaian indikator periode ini "
        "(lembar Pengukuran); serapan dihitung dari realisasi sub-kegiatan (lembar Anggaran)."
    )
    if rencana:
        text += (
            " Rencana sebuah sasaran atau bidang adalah jumlah rencana sub-kegiatannya, dan "
            "dipakai hanya bila setiap sub-kegiatannya memuat rencana triwulan ini."
        )
    note(sh, r, text, ncols)
    sh.freeze(head + 1, 1)
    # Without the IE columns the table is narrow: fitted to a landscape page's width it would
    # be printed so large that it runs onto a second page (docs/contract.md §16).
    print_setup(sh, (1, 3), portrait=sum(c.lebar for c in cols) <= PORTRAIT_MAX)
