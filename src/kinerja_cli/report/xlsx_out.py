"""The report's tables as a workbook (openpyxl), from the same context as HTML and DOCX.

Numbers are real numbers, rounded half-up as the report prints them; every text, including
everything that came from a form, goes through `io.xlsx_style.safe_text` so `=HYPERLINK(…)`
stays text (docs/reliability.md B1).

Printed as a document (docs/contract.md §16): every sheet A4 landscape, fit to one page wide,
its title and header rows repeated, rows as high as their wrapped text, fonts named (Arial).
Number formats keep Indonesian separators whatever the computer's language where the file
format allows it: rupiah amounts from Rp1.000.000 up carry their thousands dots as literal
characters (`#"."###"."##0`, read the same by Excel and LibreOffice everywhere); decimals carry
the Indonesian locale tag `[$-421]`, which LibreOffice honours under any language, while Excel
always takes the decimal separator from the computer's regional settings.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kinerja_cli.domain.rounding import bulat
from kinerja_cli.io.xlsx import apply_print_setup, row_height, safe_text
from kinerja_cli.report.filters import KOSONG, nip, realisasi, tanggal, target

# A cell: (value, kind, bold). kind: teks | angka | rp | tengah
Sel = tuple[Any, str, bool]
HURUF = "Arial"
_NUM = "[$-421]#,##0.00"
_RP = '[>=1000000000]#"."###"."###"."##0;[>=1000000]#"."###"."##0;[$-421]#,##0'
LEBAR_TEKS = 1.3  # characters of 9 pt Arial per column width unit (for row heights)


def _styles(wb: Any) -> None:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    top = Alignment(wrap_text=True, vertical="top")

    def ns(name: str, **kw: Any) -> None:
        st = NamedStyle(name=name)
        for k, v in kw.items():
            setattr(st, k, v)
        wb.add_named_style(st)

    biasa = Font(name=HURUF, size=9)
    ns("lp_judul", font=Font(name=HURUF, bold=True, size=12))
    ns("lp_sub", font=Font(name=HURUF, bold=True, size=10))
    ns(
        "lp_par",
        font=Font(name=HURUF, size=10),
        alignment=Alignment(wrap_text=True, vertical="top"),
    )
    ns(
        "lp_ttd",
        font=Font(name=HURUF, size=10),
        alignment=Alignment(horizontal="center", vertical="top", wrap_text=True),
    )
    ns(
        "lp_kepala",
        font=Font(name=HURUF, size=9, bold=True),
        fill=PatternFill("solid", fgColor="D9D9D9"),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        border=border,
    )
    ns("lp_teks", font=biasa, border=border, alignment=top)
    ns(
        "lp_tengah",
        font=biasa,
        border=border,
        alignment=Alignment(horizontal="center", vertical="top", wrap_text=True),
    )
    ns(
        "lp_angka",
        font=biasa,
        border=border,
        number_format=_NUM,
        alignment=Alignment(horizontal="right", vertical="top"),
    )
    ns(
        "lp_rp",
        font=biasa,
        border=border,
        number_format=_RP,
        alignment=Alignment(horizontal="right", vertical="top"),
    )


def _isi(ws: Any, row: int, col: int, sel: Sel) -> None:
    from openpyxl.styles import Font

    value, kind, bold = sel
    cell = ws.cell(row=row, column=col)
    # The named style first: assigning it afterwards would reset safe_text's quotePrefix.
    if kind in ("angka", "rp") and isinstance(value, Decimal | int):
        cell.style = "lp_angka" if kind == "angka" else "lp_rp"
        cell.value = bulat(Decimal(value), 2 if kind == "angka" else 0)
    else:
        cell.style = "lp_tengah" if kind in ("tengah", "angka", "rp") else "lp_teks"
        text = KOSONG if value is None and kind in ("angka", "rp") else value
        safe_text(cell, "" if text is None else str(text))
    if bold:
        cell.font = Font(name=HURUF, size=9, bold=True)


def _kop(ws: Any, ctx: dict[str, Any], judul: str) -> int:
    kop, dok = ctx["kop"], ctx["dokumen"]
    for r, (text, style) in enumerate(
        (
            (kop["pemda"], "lp_sub"),
            (kop["perangkat_daerah"], "lp_sub"),
            (f"{dok['judul']} — {judul}", "lp_judul"),
        ),
        start=1,
    ):
        cell = ws.cell(row=r, column=1)
        cell.style = style
        safe_text(cell, text)
        ws.row_dimensions[r].height = 18 if style == "lp_judul" else 15
    return 5


def _tabel(
    ws: Any, start: int, kepala: list[str], lebar: Sequence[float], baris: list[list[Sel]]
) -> int:
    from openpyxl.utils import get_column_letter

    for j, (h, w) in enumerate(zip(kepala, lebar, strict=True), start=1):
        cell = ws.cell(row=start, column=j)
        cell.style = "lp_kepala"
        safe_text(cell, h)
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.row_dimensions[start].height = row_height(
        [(h, w) for h, w in zip(kepala, lebar, strict=True)]
    )
    for i, row in enumerate(baris, start=start + 1):
        for j, sel in enumerate(row, start=1):
            _isi(ws, i, j, sel)
        ws.row_dimensions[i].height = row_height(
            [(_teks_sel(sel), w * LEBAR_TEKS) for sel, w in zip(row, lebar, strict=False)],
            line=12,
        )
    ws.freeze_panes = ws.cell(row=start + 1, column=1)
    apply_print_setup(ws, start)
    ws.print_title_rows = f"1:{start}"  # the kop, the title and the header on every page
    ws.oddFooter.left.text = _judul_kaki(ws)
    return start + len(baris) + 2


def _teks_sel(sel: Sel) -> str:
    value, kind, _ = sel
    return "" if kind in ("angka", "rp") or value is None else str(value)


def _judul_kaki(ws: Any) -> str:
    """The footer's left part: the sheet's title row, short."""
    t = ws.cell(row=3, column=1).value
    return str(t or "")[:80].replace("&", "&&")


def _t(v: Any, bold: bool = False) -> Sel:
    return (v, "teks", bold)


def _c(v: Any, bold: bool = False) -> Sel:
    return (v, "tengah", bold)


def _n(v: Any, bold: bool = False) -> Sel:
    return (v, "angka", bold)


def _rp(v: Any, bold: bool = False) -> Sel:
    return (v, "rp", bold)


def _nilai(v: Any, tv: Any = None, teks: str = "", is_target: bool = False) -> Sel:
    """A target/realisation: a number stays a number; ranges and yes/no become text."""
    if isinstance(v, Decimal):
        return (v, "angka", False)
    return _c(target(v, teks) if is_target else realisasi(v, tv, teks))


def _pengukuran(wb: Any, ctx: dict[str, Any]) -> None:
    ws = wb.create_sheet("Pengukuran")
    tw = ctx["jenis"] == "triwulan"
    start = _kop(ws, ctx, "Capaian Indikator" if tw else "Pengukuran Kinerja")
    rows: list[list[Sel]] = []
    if not tw:
        kepala = [
            "No",
            "Kode",
            "Sasaran",
            "Indikator Kinerja",
            "Satuan",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Predikat",
        ]
        lebar = [5, 8, 30, 48, 10, 11, 11, 11, 14]
        dua = ctx["revisi"]["target_diubah"]  # docs/contract.md §13
        if dua:
            kepala[5:6] = ["Target (PK awal)", "Target (PK perubahan)"]
            lebar[5:6] = [11, 12]
        for s in ctx["sasaran"]:
            for i, r in enumerate(s["indikator"]):
                rows.append(
                    [
                        _c(s["no"] if i == 0 else ""),
                        _c(r["kode"]),
                        _t(s["nama"] if i == 0 else ""),
                        _t(_nama(r)),
                        _c(r["satuan"]),
                        *(
                            [_nilai(r["target_awal"], teks=r["target_awal_teks"], is_target=True)]
                            if dua
                            else []
                        ),
                        _nilai(r["target"], teks=r["target_teks"], is_target=True),
                        _nilai(r["realisasi"], r["target"], r["target_teks"]),
                        _n(r["capaian_periode"]),
                        _c(r["predikat"] or KOSONG),
                    ]
                )
            rows.append(_rata(kepala, f"Capaian sasaran {s['no']}", s["capaian"], s["predikat"]))
    else:
        q = ctx["kuartal"]
        kepala = [
            "No",
            "Sasaran",
            "Indikator Kinerja",
            "Bidang",
            "Satuan",
            f"Target TW {ctx['dokumen']['romawi']}",
            "Target Tahun",
            *[f"Realisasi TW {x}" for x in q],
            f"Realisasi s/d TW {ctx['dokumen']['romawi']}",
            "Capaian Triwulan (%)",
            "Capaian Tahunan (%)",
            "Predikat",
            "Tren",
            "Proyeksi TW IV",
            "Capaian Proyeksi (%)",
        ]
        lebar = [6, 24, 36, 18, 9, 9, 9, *[9] * len(q), 10, 10, 10, 12, 20, 10, 10]
        for s in ctx["sasaran"]:
            for i, r in enumerate(s["indikator"], start=1):
                p = r["proyeksi"]
                rows.append(
                    [
                        _c(f"{s['no']}.{i}"),
                        _t(s["nama"] if i == 1 else ""),
                        _t(_nama(r)),
                        _t(r["bidang_nama"]),
                        _c(r["satuan"]),
                        _nilai(
                            r["target_triwulan"], teks=r["target_triwulan_teks"], is_target=True
                        ),
                        _nilai(r["target"], teks=r["target_teks"], is_target=True),
                        *[_nilai(v, r["target"], r["target_teks"]) for v in r["realisasi_tw"]],
                        _nilai(r["realisasi"], r["target"], r["target_teks"]),
                        _n(r["capaian_triwulan"]),
                        _n(r["capaian"]),
                        _c(r["predikat"] or KOSONG),
                        _t(r["tren"]["teks"]),
                        _nilai(p["nilai"], r["target"], r["target_teks"]),
                        _n(p["capaian"]),
                    ]
                )
            rows.append(_rata(kepala, f"Capaian sasaran {s['no']}", s["capaian"], s["predikat"]))
    rows.append(
        _rata(
            kepala,
            "Capaian kinerja perangkat daerah",
            ctx["ringkasan"]["capaian"],
            ctx["ringkasan"]["predikat"],
        )
    )
    nxt = _tabel(ws, start, kepala, lebar, rows)
    if not tw:  # the lembar pengukuran: signed directly under its table (docs/contract.md §16)
        n = len(kepala)
        _ttd(ws, ctx, nxt, n - 4, n, sum(lebar[n - 5 : n]))


def _ttd(ws: Any, ctx: dict[str, Any], row: int, kolom: int, sampai: int, lebar: float) -> int:
    """The signature block, centred over columns `kolom`..`sampai`; returns the next row."""
    t = ctx["ttd"]
    lines = [
        f"{t['tempat']}, {tanggal(t['tanggal'])}" if t["tempat"] else tanggal(t["tanggal"]),
        t["jabatan"] + ",",
        "",
        "",
        "",
        t["nama"],
        t["pangkat"],
        f"NIP. {nip(t['nip'])}" if t["nip"] else "",
    ]
    from openpyxl.styles import Font

    for i, line in enumerate(lines):
        ws.merge_cells(start_row=row, start_column=kolom, end_row=row, end_column=sampai)
        cell = ws.cell(row=row, column=kolom)
        cell.style = "lp_ttd"
        safe_text(cell, line)
        if i == 5:
            cell.font = Font(name=HURUF, size=10, bold=True, underline="single")
        ws.row_dimensions[row].height = row_height([(line, lebar * 1.1)], line=14)
        row += 1
    return row


def _rata(kepala: list[str], label: str, capaian: Decimal | None, predikat: str) -> list[Sel]:
    """A bold average row: label in the second column, capaian and predikat in theirs."""
    row: list[Sel] = [_c("")] + [_t("")] * (len(kepala) - 1)
    row[kepala.index("Sasaran")] = _t(label, True)
    kolom = "Capaian (%)" if "Capaian (%)" in kepala else "Capaian Triwulan (%)"
    row[kepala.index(kolom)] = _n(capaian, True)
    row[kepala.index("Predikat")] = _c(predikat or KOSONG, True)
    return row


def _anggaran(wb: Any, ctx: dict[str, Any]) -> None:
    a = ctx["anggaran"]
    if not a["ada"]:
        return
    rencana, ie = a["dasar"] == "rencana", a["dengan_ie"]
    # (header, width, key, kind); the plan columns only for a quarter with the DPA plan, the
    # efficiency columns only where the period's efficiency is measured (docs/contract.md §14)
    kolom: list[tuple[str, float, str, str]] = [
        ("Pagu (Rp)", 18, "pagu", "rp"),
        *([(f"Rencana s/d TW {a['romawi']} (Rp)", 18, "rencana", "rp")] if rencana else []),
        ("Realisasi (Rp)", 18, "realisasi", "rp"),
        ("Serapan terhadap Pagu (%)", 12, "serapan", "angka"),
        *([("Serapan terhadap Rencana (%)", 12, "serapan_rencana", "angka")] if rencana else []),
        ("Capaian Kinerja (%)", 13, "capaian", "angka"),
        *([("Selisih (poin)", 11, "selisih", "angka"), ("IE", 8, "ie", "angka")] if ie else []),
    ]
    kepala = ["No", "Uraian", *[k[0] for k in kolom], *(["Kategori"] if ie else [])]
    lebar = [5, 50, *[k[1] for k in kolom], *([15] if ie else [])]

    def sel(x: dict[str, Any], bold: bool = False) -> list[Sel]:
        out: list[Sel] = [(x[key], kind, bold) for _, _, key, kind in kolom]
        return out + ([_c(x["label"] or KOSONG, bold)] if ie else [])

    def baris(items: list[dict[str, Any]]) -> list[list[Sel]]:
        return [[_c(i), _t(x["nama"]), *sel(x)] for i, x in enumerate(items, start=1)]

    jumlah = [_c(""), _t("Perangkat daerah", True), *sel(a["total"], True)]
    if ctx["jenis"] == "tahunan":
        ws = wb.create_sheet("Efisiensi Sasaran")
        _tabel(
            ws,
            _kop(ws, ctx, "Anggaran dan Efisiensi per Sasaran"),
            kepala,
            lebar,
            [*baris(a["sasaran"]), jumlah],
        )
    ws = wb.create_sheet("Efisiensi Bidang")
    _tabel(
        ws,
        _kop(ws, ctx, "Anggaran dan Efisiensi per Bidang"),
        kepala,
        lebar,
        [*baris(a["bidang"]), jumlah],
    )
    if ctx["jenis"] == "tahunan":
        ws = wb.create_sheet("Rincian Anggaran")
        _tabel(
            ws,
            _kop(ws, ctx, "Realisasi Anggaran per Program dan Kegiatan"),
            [
                "Kode",
                "Program / Kegiatan",
                "Bidang",
                "Pagu (Rp)",
                "Realisasi (Rp)",
                "Serapan (%)",
                "Sisa (Rp)",
            ],
            [18, 55, 30, 18, 18, 11, 18],
            [
                [
                    _t(x["kode"]),
                    _t(x["uraian"], x["tingkat"] == "program"),
                    _t(x["bidang"]),
                    _rp(x["pagu"]),
                    _rp(x["realisasi"]),
                    _n(x["serapan"]),
                    _rp(x["sisa"]),
                ]
                for x in a["rincian"]
            ],
        )


def _permasalahan(wb: Any, ctx: dict[str, Any]) -> None:
    ws = wb.create_sheet("Permasalahan")
    tw = ctx["jenis"] == "triwulan"
    kepala = [
        "No",
        "Kode",
        "Indikator Kinerja",
        "Capaian (%)",
        "Faktor Pendorong",
        "Faktor Penghambat",
    ]
    lebar = [5, 9, 40, 11, 40, 40]
    if tw:
        kepala.append(f"Tindak Lanjut {ctx['triwulan_lalu']['label'] or 'Triwulan Sebelumnya'}")
        lebar.append(40)
    kepala += ["Tindak Lanjut", "Bukti Dukung"]
    lebar += [40, 30]
    rows = []
    for r in ctx["permasalahan"]:
        row = [
            _c(r["no"]),
            _c(r["kode"]),
            _t(r["nama"]),
            _n(r["capaian"]),
            _t(r["pendorong"]),
            _t(r["penghambat"]),
        ]
        if tw:
            row.append(_t(r["tindak_lanjut_lalu"]))
        row += [_t(r["tindak_lanjut"]), _t("".join(s["teks"] for s in r["bukti"]))]
        rows.append(row)
    _tabel(ws, _kop(ws, ctx, "Permasalahan dan Tindak Lanjut"), kepala, lebar, rows)


def _koreksi(wb: Any, ctx: dict[str, Any]) -> None:
    """The Sekretaris's corrections the figures include (docs/contract.md §11); no sheet when
    there are none."""
    if not ctx["koreksi"]["ada"]:
        return
    ws = wb.create_sheet("Koreksi")
    kepala = [
        "No",
        "Kode",
        "Indikator Kinerja / Sub-kegiatan",
        "Bidang",
        "Isian",
        "Semula",
        "Menjadi",
    ]
    rows = [
        [
            _c(r["no"]),
            _c(r["kode"]),
            _t(r["nama"]),
            _t(r["bidang"]),
            _t(r["isian"]),
            _t(r["lama"] or KOSONG),
            _t(r["baru"] or KOSONG),
        ]
        for r in ctx["koreksi"]["baris"]
    ]
    lebar = [5, 12, 45, 24, 22, 35, 35]
    _tabel(ws, _kop(ws, ctx, "Koreksi Sekretaris atas Draf"), kepala, lebar, rows)


def _tahun_lalu(wb: Any, ctx: dict[str, Any]) -> None:
    t = ctx["tahun_lalu"]
    if not t["ada"]:
        return
    ws = wb.create_sheet("Tahun Lalu")
    th, tn = t["tahun"], ctx["dokumen"]["tahun"]
    _tabel(
        ws,
        _kop(ws, ctx, "Perbandingan dengan Tahun Sebelumnya"),
        [
            "No",
            "Indikator Kinerja",
            "Satuan",
            f"Target {th}",
            f"Realisasi {th}",
            f"Capaian {th} (%)",
            f"Target {tn}",
            f"Realisasi {tn}",
            f"Capaian {tn} (%)",
            "Perubahan Capaian (poin)",
        ],
        [5, 45, 10, 11, 11, 11, 11, 11, 11, 13],
        [
            [
                _c(i),
                _t(r["nama"]),
                _c(r["satuan"]),
                _c(r["target_lalu"] or KOSONG),
                _nilai(r["realisasi_lalu"], r["target"], r["target_lalu"]),
                _n(r["capaian_lalu"]),
                _nilai(r["target"], teks=r["target_teks"], is_target=True),
                _nilai(r["realisasi"], r["target"], r["target_teks"]),
                _n(r["capaian"]),
                _n(r["selisih"]),
            ]
            for i, r in enumerate(t["baris"], start=1)
        ],
    )


def _nama(r: dict[str, Any]) -> str:
    """An indicator's name, with a component indicator's n and N (docs/contract.md §14)."""
    return f"{r['nama']}\n{r['komponen']}" if r.get("komponen") else str(r["nama"])


def _tren(wb: Any, ctx: dict[str, Any]) -> None:
    """The multi-year trend (docs/contract.md §14)."""
    t = ctx["tren"]
    if not t["ada"]:
        return
    ws = wb.create_sheet("Tren")
    kepala = ["No", "Kode", "Indikator Kinerja", "Satuan"]
    for y in t["tahun"]:
        kepala += [f"Realisasi {y}", f"Capaian {y} (%)"]
    lebar = [5, 8, 42, 9, *[11] * (2 * len(t["tahun"]))]
    rows = []
    for i, r in enumerate(t["baris"], start=1):
        row = [_c(i), _c(r["kode"]), _t(r["nama"]), _c(r["satuan"])]
        for v in r["nilai"]:
            row += [_nilai(v["realisasi"], r["target"], v["target_teks"]), _n(v["capaian"])]
        rows.append(row)
    start = _kop(ws, ctx, f"Tren Tahun {t['tahun'][0]}–{ctx['dokumen']['tahun']}")
    _tabel(ws, start, kepala, lebar, rows)


def _renstra(wb: Any, ctx: dict[str, Any]) -> None:
    """Realisation s/d this year against the Renstra's end target (docs/contract.md §14)."""
    t = ctx["renstra"]
    if not t["ada"]:
        return
    ws = wb.create_sheet("Renstra")
    tn = ctx["dokumen"]["tahun"]
    akhir = f" ({t['tahun_akhir']})" if t["tahun_akhir"] else ""
    _tabel(
        ws,
        _kop(ws, ctx, "Capaian terhadap Target Akhir Rencana Strategis"),
        [
            "No",
            "Kode",
            "Indikator Kinerja",
            "Satuan",
            f"Target Akhir Renstra{akhir}",
            f"Realisasi s/d Tahun {tn - 1}",
            f"Realisasi Tahun {tn}",
            f"Realisasi s/d Tahun {tn}",
            "Capaian terhadap Target Akhir Renstra (%)",
        ],
        [5, 8, 42, 9, 13, 13, 12, 13, 14],
        [
            [
                _c(r["no"]),
                _c(r["kode"]),
                _t(r["nama"]),
                _c(r["satuan"]),
                _nilai(r["target_renstra"], teks=r["target_renstra_teks"], is_target=True),
                _nilai(r["realisasi_lalu"], r["target"], r["target_teks"]),
                _nilai(r["realisasi"], r["target"], r["target_teks"]),
                _nilai(r["realisasi_sd"], r["target"], r["target_teks"]),
                _n(r["capaian"]),
            ]
            for r in t["baris"]
        ],
    )


def _bukti(wb: Any, ctx: dict[str, Any]) -> None:
    """The evidence per indicator (docs/contract.md §14), one reference per line."""
    if not ctx["data_pendukung"]:
        return
    ws = wb.create_sheet("Bukti Dukung")

    def teks(b: dict[str, Any]) -> str:
        belum = " (dokumen belum tersedia)" if b["jenis"] == "berkas" and b["ada"] is False else ""
        return f"{b['teks']}{belum}"

    _tabel(
        ws,
        _kop(ws, ctx, "Data Pendukung (Bukti Dukung)"),
        ["No", "Kode", "Indikator Kinerja", "Data Pendukung"],
        [5, 8, 45, 70],
        [
            [
                _c(r["no"]),
                _c(r["kode"]),
                _t(r["nama"]),
                _t("\n".join(teks(b) for b in r["bukti"])),
            ]
            for r in ctx["data_pendukung"]
        ],
    )


def _triwulan(wb: Any, ctx: dict[str, Any]) -> None:
    ws = wb.create_sheet("Berisiko (Proyeksi)")
    start = _kop(ws, ctx, "Indikator Berisiko Tidak Mencapai Target Tahunan (proyeksi)")
    _tabel(
        ws,
        start,
        [
            "No",
            "Indikator Kinerja",
            "Bidang",
            "Sifat",
            "Target Tahun",
            f"Realisasi s/d TW {ctx['dokumen']['romawi']}",
            "Capaian Triwulan (%)",
            "Proyeksi TW IV",
            "Capaian Proyeksi (%)",
            "Dasar Proyeksi",
        ],
        [5, 45, 28, 11, 11, 12, 12, 12, 12, 40],
        [
            [
                _c(r["no"]),
                _t(r["nama"]),
                _t(r["bidang_nama"]),
                _c(r["sifat"]),
                _nilai(r["target"], teks=r["target_teks"], is_target=True),
                _nilai(r["realisasi"], r["target"], r["target_teks"]),
                _n(r["capaian_triwulan"]),
                _nilai(r["proyeksi"]["nilai"], r["target"], r["target_teks"]),
                _n(r["proyeksi"]["capaian"]),
                _t(r["proyeksi"]["metode"]),
            ]
            for r in ctx["berisiko"]
        ],
    )


def _ringkasan(wb: Any, ctx: dict[str, Any]) -> None:
    ws = wb.active
    ws.title = "Ringkasan"
    start = _kop(ws, ctx, "Ringkasan")
    r = ctx["ringkasan"]
    rows: list[list[Sel]] = [
        [_t("Capaian kinerja perangkat daerah"), _n(r["capaian"], True)],
        [_t("Predikat"), _c(r["predikat"] or KOSONG, True)],
        [_t("Jumlah indikator"), _c(r["jumlah_indikator"])],
        [_t("Indikator terukur"), _c(r["terukur"])],
        *[
            [_t(f"Indikator berpredikat {p['label']}"), _c(p["jumlah"])]
            for p in r["jumlah_predikat"]
        ],
        [_t("Bidang belum menyampaikan formulir"), _t(", ".join(ctx["bidang_belum"]) or "Nihil")],
    ]
    if ctx["koreksi"]["ada"]:
        rows.append(
            [
                _t("Koreksi Sekretaris yang termuat"),
                _t(f"{ctx['koreksi']['jumlah']} (lembar Koreksi)"),
            ]
        )
    if ctx["revisi"]["ada"]:
        rows.append([_t("Perjanjian Kinerja yang dipakai"), _t(ctx["revisi"]["kalimat"])])
    if ctx["jenis"] == "triwulan":
        rows.append([_t("Indikator berisiko (proyeksi)"), _c(len(ctx["berisiko"]))])
    nxt = _tabel(ws, start, ["Uraian", "Nilai"], [55, 40], rows)
    ws.freeze_panes = None
    ws.print_title_rows = None
    for p in ctx["narasi"]:
        ws.merge_cells(start_row=nxt, start_column=1, end_row=nxt, end_column=2)
        cell = ws.cell(row=nxt, column=1)
        cell.style = "lp_par"
        safe_text(cell, p)
        ws.row_dimensions[nxt].height = row_height([(p, 95 * 0.9)], line=14)
        nxt += 1
    if ctx["jenis"] == "triwulan":
        _ttd(ws, ctx, nxt + 1, 2, 2, 40)
    apply_print_setup(ws, None, portrait=True)


def render_xlsx(ctx: dict[str, Any]) -> bytes:
    """The workbook as bytes."""
    from openpyxl import Workbook

    wb = Workbook()
    _styles(wb)
    _ringkasan(wb, ctx)
    _pengukuran(wb, ctx)
    if ctx["jenis"] == "tahunan":  # the signed lembar pengukuran first (docs/contract.md §16)
        wb.move_sheet("Pengukuran", offset=-1)
        wb["Ringkasan"].title = "Analisis"
        wb.active = 0
    if ctx["jenis"] == "triwulan":
        _triwulan(wb, ctx)
    else:
        _tahun_lalu(wb, ctx)
        _tren(wb, ctx)
        _renstra(wb, ctx)
    _anggaran(wb, ctx)
    _permasalahan(wb, ctx)
    _koreksi(wb, ctx)
    _bukti(wb, ctx)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
