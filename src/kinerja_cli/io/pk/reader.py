"""Read the PK workbook (docs/contract.md §4) and report every problem at once, each with its cell."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from kinerja_cli.domain.anggaran import check_pagu, check_renstra
from kinerja_cli.domain.findings import ERROR, Finding
from kinerja_cli.domain.models import (
    PK,
    Arah,
    BarisAnggaran,
    Bidang,
    Identitas,
    Indikator,
    Rumus,
    Sasaran,
    Sifat,
    TargetValue,
)
from kinerja_cli.domain.numbers import NumberError, parse_number
from kinerja_cli.domain.periode import tahun_renstra
from kinerja_cli.domain.rules import Code, Collector
from kinerja_cli.domain.targets import SignedTarget, check_nip, parse_target, target_text
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.xlsx import Table, best_header_row, find_sheet, locate, norm, rows

IDENTITAS_ISIAN = {
    "pemerintah daerah": "pemda",
    "perangkat daerah": "perangkat_daerah",
    "singkatan": "singkatan",
    "alamat": "alamat",
    "tahun": "tahun",
    "tempat": "tempat",
    "kepala perangkat daerah": "kepala",
    "nip kepala": "nip_kepala",
    "pangkat/golongan kepala": "pangkat_kepala",
    "jabatan kepala": "jabatan_kepala",
    "kepala daerah": "kepala_daerah",
    "jabatan kepala daerah": "jabatan_kepala_daerah",
    "periode renstra": "periode_renstra",
}
BIDANG_COLS = ("Kode", "Nama")
INDIKATOR_REQ = ("Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Arah", "Target", "Bidang")
TW_TARGET_COLS = ("Target TW I", "Target TW II", "Target TW III", "Target TW IV")
ANGGARAN_REQ = ("Kode", "Uraian", "Bidang", "Pagu")
RENCANA_COLS = ("Rencana TW I", "Rencana TW II", "Rencana TW III", "Rencana TW IV")
# docs/contract.md §14: optional Renstra and component columns.
TARGET_RENSTRA = "Target Renstra"
REALISASI_RENSTRA = "Realisasi Renstra s/d Tahun Lalu"
PAGU_RENSTRA = "Pagu Renstra"
PEMBILANG, PENYEBUT = "Pembilang", "Penyebut"
RENSTRA_INDIKATOR_COLS = (TARGET_RENSTRA, REALISASI_RENSTRA, PEMBILANG, PENYEBUT)
RENSTRA_ANGGARAN_COLS = (PAGU_RENSTRA, REALISASI_RENSTRA)


@dataclass
class PKResult:
    """The PK as read (None when a required sheet is missing) and every finding."""

    pk: PK | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return self.pk is not None and not any(f.severity == ERROR for f in self.findings)


@dataclass
class _Ctx(Collector):
    """The findings of one PK, and the `rumus_turun` setting its indicators default to."""

    rumus_turun: Rumus = Rumus.DUA_T_MINUS_R
    kolom: dict[str, dict[str, int]] = field(default_factory=dict)  # PK.kolom


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return " ".join(str(v).replace("\u00a0", " ").split())


def read_pk(path: Path, rumus_turun: Rumus = Rumus.DUA_T_MINUS_R) -> PKResult:
    """Read and validate the PK workbook; raise KinerjaError only when it cannot be opened."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise KinerjaError(
            f"berkas PK tidak dapat dibaca: {exc.strerror}", location=str(path)
        ) from exc
    return read_pk_bytes(data, Path(path).name, rumus_turun)


def read_pk_bytes(data: bytes, name: str, rumus_turun: Rumus = Rumus.DUA_T_MINUS_R) -> PKResult:
    """Read and validate a PK workbook given its bytes."""
    import openpyxl  # heavy: only when a command reads the PK

    from kinerja_cli.io.xlsx import ensure_defused_openpyxl

    ensure_defused_openpyxl()
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parser failure means "not a readable xlsx"
        raise KinerjaError(
            f"PK bukan berkas .xlsx yang dapat dibaca ({type(exc).__name__}). "
            "Simpan ulang sebagai Excel Workbook (.xlsx).",
            location=name,
        ) from exc
    ctx = _Ctx(name)
    ctx.rumus_turun = rumus_turun
    sheets = {}
    for sname in ("Identitas", "Bidang", "Indikator", "Anggaran"):
        ws = find_sheet(wb, sname)
        if ws is None:
            ctx.add(Code.PK_SHEET_HILANG, sheet=sname, lembar=sname)
        sheets[sname] = ws
    identitas = _read_identitas(ctx, sheets["Identitas"]) if sheets["Identitas"] else Identitas()
    bidang = _read_bidang(ctx, sheets["Bidang"]) if sheets["Bidang"] else []
    sasaran: list[Sasaran] = []
    indikator = (
        _read_indikator(ctx, sheets["Indikator"], {b.kode for b in bidang}, sasaran)
        if sheets["Indikator"]
        else []
    )
    anggaran = (
        _read_anggaran(ctx, sheets["Anggaran"], {b.kode for b in bidang}, sasaran)
        if sheets["Anggaran"]
        else []
    )
    if anggaran:
        ctx.findings.extend(
            f.at(file=name, cell=f.cell or _anggaran_cell(anggaran, f.kode))
            for f in check_pagu(anggaran)
        )
        ctx.findings.extend(
            f.at(file=name, cell=_renstra_cell(ctx, anggaran, kolom, f.kode))
            for kolom, f in check_renstra(anggaran)
        )
    ws_ind = sheets["Indikator"]
    if (
        ws_ind is not None
        and not indikator
        and not any(f.sheet == ws_ind.title and f.severity == ERROR for f in ctx.findings)
    ):
        ctx.add(Code.PK_TANPA_INDIKATOR, sheet=ws_ind.title)
    if any(s is None for s in sheets.values()):
        return PKResult(None, ctx.findings)
    pk = PK(
        identitas=identitas,
        bidang=tuple(bidang),
        sasaran=tuple(sasaran),
        indikator=tuple(indikator),
        anggaran=tuple(anggaran),
        sha256=hashlib.sha256(data).hexdigest(),
        kolom=ctx.kolom,
    )
    return PKResult(pk, ctx.findings)


def _anggaran_cell(rows_: list[BarisAnggaran], kode: str | None) -> str | None:
    row = next((a for a in rows_ if a.kode == kode), None)
    return f"A{row.baris}" if row else None


def _renstra_cell(
    ctx: _Ctx, rows_: list[BarisAnggaran], kolom: str, kode: str | None
) -> str | None:
    """The cell of a parent row's Renstra column."""
    from openpyxl.utils import get_column_letter

    row = next((a for a in rows_ if a.kode == kode), None)
    col = ctx.kolom.get("Anggaran", {}).get(kolom)
    if row is None or not col:
        return _anggaran_cell(rows_, kode)
    return f"{get_column_letter(col)}{row.baris}"


def _table(ctx: _Ctx, ws: Any, required: tuple[str, ...]) -> Table | None:
    table = locate(ws, required)
    if table is None:
        r, missing = best_header_row(ws, required)
        for h in sorted(missing):
            ctx.add(Code.PK_KOLOM_HILANG, sheet=ws.title, cell=f"A{r}", kolom=h)
    return table


def _read_identitas(ctx: _Ctx, ws: Any) -> Identitas:
    table = _table(ctx, ws, ("Isian", "Nilai"))
    if table is None:
        return Identitas()
    ci, cn = table.col("Isian"), table.col("Nilai")
    assert ci and cn
    values: dict[str, tuple[Any, str]] = {}
    for _r, cells in rows(ws, table):
        key = IDENTITAS_ISIAN.get(norm(cells[ci - 1].value))
        if key:
            values[key] = (cells[cn - 1].value, cells[cn - 1].coordinate)
    kwargs: dict[str, Any] = {k: _text(v[0]) for k, v in values.items() if k != "tahun"}
    tahun_v, tahun_cell = values.get("tahun", (None, None))
    tahun = 0
    try:
        t = parse_number(tahun_v).nilai
        if t != t.to_integral_value() or not 2000 <= t <= 2100:
            raise NumberError("tahun", "bukan tahun")
        tahun = int(t)
    except NumberError:
        ctx.add(Code.TAHUN_TIDAK_SAH, sheet=ws.title, cell=tahun_cell, isi=tahun_v)
    for key, label in (("pemda", "Pemerintah Daerah"), ("perangkat_daerah", "Perangkat Daerah")):
        if not kwargs.get(key):
            ctx.add(
                Code.IDENTITAS_KOSONG,
                sheet=ws.title,
                cell=values.get(key, (None, None))[1],
                isian=label,
            )
    renstra = kwargs.get("periode_renstra", "")
    if renstra:
        _check_periode_renstra(ctx, ws.title, values["periode_renstra"][1], renstra, tahun)
    nip = kwargs.get("nip_kepala", "")
    if nip and (why := check_nip(nip)):
        ctx.add(
            Code.NIP_TIDAK_SAH,
            sheet=ws.title,
            cell=values["nip_kepala"][1],
            variant="kepala",
            nip=nip,
            sebab=why,
        )
    return Identitas(tahun=tahun, **kwargs)


def _check_periode_renstra(ctx: _Ctx, sheet: str, cell: str, teks: str, tahun: int) -> None:
    got = tahun_renstra(teks)
    if got is None:
        ctx.add(Code.PERIODE_RENSTRA_TIDAK_SAH, sheet=sheet, cell=cell, isi=teks)
    elif tahun and not got[0] <= tahun <= got[1]:
        ctx.add(
            Code.PERIODE_RENSTRA_TIDAK_SAH,
            sheet=sheet,
            cell=cell,
            variant="luar",
            isi=teks,
            tahun=tahun,
        )


def _read_bidang(ctx: _Ctx, ws: Any) -> list[Bidang]:
    table = _table(ctx, ws, BIDANG_COLS)
    if table is None:
        return []
    cols = {h: table.col(h) for h in ("Kode", "Nama", "Kepala", "NIP", "Jabatan")}
    out: list[Bidang] = []
    seen: set[str] = set()
    for r, cells in rows(ws, table):
        get = {h: (cells[c - 1] if c else None) for h, c in cols.items()}
        kode = _text(get["Kode"].value) if get["Kode"] else ""
        cell = get["Kode"].coordinate if get["Kode"] else f"A{r}"
        if not kode:
            ctx.add(Code.KODE_KOSONG, sheet=ws.title, cell=cell, apa="bidang")
            continue
        if kode in seen:
            ctx.add(Code.KODE_GANDA, sheet=ws.title, cell=cell, kode=kode, apa="bidang")
            continue
        seen.add(kode)
        nip = _text(get["NIP"].value) if get["NIP"] else ""
        if nip and (why := check_nip(nip)):
            ctx.add(
                Code.NIP_TIDAK_SAH,
                sheet=ws.title,
                cell=get["NIP"].coordinate if get["NIP"] else None,
                kode=kode,
                nip=nip,
                sebab=why,
            )
        out.append(
            Bidang(
                kode=kode,
                nama=_text(get["Nama"].value) if get["Nama"] else kode,
                kepala=_text(get["Kepala"].value) if get["Kepala"] else "",
                nip=nip,
                jabatan=_text(get["Jabatan"].value) if get["Jabatan"] else "",
            )
        )
    return out


def _is_percent_cell(cell: Any) -> bool:
    return "%" in (cell.number_format or "")


def _read_indikator(
    ctx: _Ctx, ws: Any, bidang: set[str], sasaran: list[Sasaran]
) -> list[Indikator]:
    table = _table(ctx, ws, INDIKATOR_REQ)
    if table is None:
        return []
    col = {
        h: table.col(h)
        for h in (
            *INDIKATOR_REQ,
            *TW_TARGET_COLS,
            "Sifat",
            "Rumus",
            "Kode Sasaran",
            "Definisi Operasional",
            *RENSTRA_INDIKATOR_COLS,
        )
    }
    ctx.kolom["Indikator"] = {h: c for h, c in col.items() if c}
    out: list[Indikator] = []
    seen: set[str] = set()
    cur_sasaran, cur_kode_sasaran = "", ""
    by_name: dict[str, str] = {}
    for r, cells in rows(ws, table):

        def cell(h: str, cells: tuple[Any, ...] = cells) -> Any:
            c = col.get(h)
            return cells[c - 1] if c else None

        def val(h: str) -> str:
            c = cell(h)
            return _text(c.value) if c is not None else ""

        kode = val("Kode")
        sas = val("Sasaran")
        ks = val("Kode Sasaran")
        if sas:
            cur_sasaran = sas
            cur_kode_sasaran = ks
        elif ks:
            cur_kode_sasaran = ks
        if not kode:
            ctx.add(Code.KODE_KOSONG, sheet=ws.title, cell=cell("Kode").coordinate, apa="indikator")
            continue
        if kode in seen:
            ctx.add(
                Code.KODE_GANDA,
                sheet=ws.title,
                cell=cell("Kode").coordinate,
                kode=kode,
                apa="indikator",
            )
            continue
        seen.add(kode)
        if not cur_sasaran:
            ctx.add(Code.SASARAN_KOSONG, sheet=ws.title, cell=cell("Sasaran").coordinate, kode=kode)
        key = norm(cur_sasaran)
        if key and key not in by_name:
            sk = cur_kode_sasaran or f"S{len(sasaran) + 1}"
            by_name[key] = sk
            sasaran.append(Sasaran(sk, cur_sasaran))
        sasaran_kode = by_name.get(key, "")
        for h, code in (
            ("Indikator Kinerja", Code.INDIKATOR_KINERJA_KOSONG),
            ("Satuan", Code.SATUAN_KOSONG),
        ):
            if not val(h):
                ctx.add(code, sheet=ws.title, cell=cell(h).coordinate, kode=kode)
        b = val("Bidang")
        if b not in bidang:
            ctx.add(
                Code.BIDANG_TIDAK_DIKENAL,
                sheet=ws.title,
                cell=cell("Bidang").coordinate,
                kode=kode,
                variant=None if b else "kosong",
                bidang=b,
            )
        arah_s = val("Arah").casefold()
        try:
            arah = Arah(arah_s)
        except ValueError:
            ctx.add(
                Code.ARAH_TIDAK_SAH,
                sheet=ws.title,
                cell=cell("Arah").coordinate,
                kode=kode,
                isi=val("Arah"),
            )
            arah = None
        satuan = val("Satuan")
        sifat_s = val("Sifat").casefold()
        if sifat_s:
            try:
                sifat = Sifat(sifat_s)
            except ValueError:
                ctx.add(
                    Code.SIFAT_TIDAK_SAH,
                    sheet=ws.title,
                    cell=cell("Sifat").coordinate,
                    kode=kode,
                    isi=val("Sifat"),
                )
                sifat = Sifat.STATUS
        else:
            sifat = (
                Sifat.STATUS
                if satuan.strip().casefold() in ("%", "indeks", "persen")
                else Sifat.KUMULATIF
            )
        rumus_s = val("Rumus").upper().replace(" ", "")
        rumus = ctx.rumus_turun
        if rumus_s:
            try:
                rumus = Rumus(rumus_s)
            except ValueError:
                ctx.add(
                    Code.RUMUS_TIDAK_SAH,
                    sheet=ws.title,
                    cell=cell("Rumus").coordinate,
                    kode=kode,
                    isi=val("Rumus"),
                )
            if arah is not None and arah != Arah.TURUN:
                ctx.add(
                    Code.RUMUS_DIABAIKAN, sheet=ws.title, cell=cell("Rumus").coordinate, kode=kode
                )
        if arah is None:
            continue
        pct = satuan.strip() == "%"
        target, t_teks = _target(ctx, ws, cell("Target"), arah, pct, kode, required=True)
        tw: list[TargetValue | None] = []
        tw_teks: list[str] = []
        for h in TW_TARGET_COLS:
            v, t = _target(ctx, ws, cell(h), arah, pct, kode, required=False)
            tw.append(v)
            tw_teks.append(t)
        if target is not None and tw[3] is not None and tw[3] != target:
            ctx.add(
                Code.TARGET_TW4_BEDA,
                sheet=ws.title,
                cell=cell("Target TW IV").coordinate,
                kode=kode,
                tw4=tw_teks[3],
                target=t_teks,
            )
        if sifat == Sifat.KUMULATIF and arah in (Arah.NAIK, Arah.TURUN):
            prev: Decimal | None = None
            for i, v in enumerate(tw):
                if isinstance(v, Decimal) and not isinstance(v, bool):
                    if prev is not None and v < prev:
                        ctx.add(
                            Code.TARGET_TW_MENURUN,
                            sheet=ws.title,
                            cell=cell(TW_TARGET_COLS[i]).coordinate,
                            kode=kode,
                            target=tw_teks[i],
                            sebelumnya=format(prev, "f"),
                        )
                    prev = v
        if target is None:
            continue
        t_renstra, t_renstra_teks = _renstra_target(ctx, ws, cell(TARGET_RENSTRA), arah, pct, kode)
        r_renstra = _renstra_realisasi(ctx, ws, cell(REALISASI_RENSTRA), arah, pct, kode)
        pembilang, penyebut = _komponen(ctx, ws, cell, val, arah, satuan, kode)
        out.append(
            Indikator(
                kode=kode,
                sasaran=sasaran_kode,
                nama=val("Indikator Kinerja"),
                satuan=satuan,
                arah=arah,
                sifat=sifat,
                rumus=rumus,
                target=target,
                target_teks=t_teks,
                target_tw=(tw[0], tw[1], tw[2], tw[3]),
                target_tw_teks=(tw_teks[0], tw_teks[1], tw_teks[2], tw_teks[3]),
                bidang=b,
                definisi=val("Definisi Operasional"),
                baris=r,
                target_renstra=t_renstra,
                target_renstra_teks=t_renstra_teks,
                realisasi_renstra_lalu=r_renstra,
                pembilang=pembilang,
                penyebut=penyebut,
            )
        )
    return out


def _blank_cell(cell: Any) -> bool:
    return (
        cell is None
        or cell.value is None
        or (isinstance(cell.value, str) and not cell.value.strip())
    )


def _renstra_parse(
    ctx: _Ctx, ws: Any, cell: Any, kode: str, kolom: str, arah: Arah, as_arah: Arah, pct: bool
) -> TargetValue | None:
    """A Renstra target or realisation parsed like Target (`as_arah`); a value that cannot be
    read or is negative is `renstra-tidak-sah` at its cell."""
    where: dict[str, Any] = {
        "sheet": ws.title,
        "cell": cell.coordinate,
        "kode": kode,
        "kolom": kolom,
        "isi": cell.value,
    }
    try:
        parsed = parse_target(
            cell.value, as_arah, fraction_is_percent=pct and _is_percent_cell(cell)
        )
    except NumberError as exc:
        sebab = (
            f"tanda {exc.sign} tidak perlu ditulis; isi {exc.suggestion} saja"
            if isinstance(exc, SignedTarget)
            else exc.message
        )
        harus = {Arah.RENTANG: "rentang seperti 80-90", Arah.BINER: "Ada/Ya/Tidak"}
        ctx.add(
            Code.RENSTRA_TIDAK_SAH,
            **where,
            arah=arah.value,
            harus=harus.get(as_arah, "angka"),
            sebab=sebab,
        )
        return None
    if isinstance(parsed, Decimal) and parsed < 0:
        ctx.add(Code.RENSTRA_TIDAK_SAH, **where, variant="negatif")
        return None
    return parsed


def _renstra_target(
    ctx: _Ctx, ws: Any, cell: Any, arah: Arah, pct: bool, kode: str
) -> tuple[TargetValue | None, str]:
    """`Target Renstra` (docs/contract.md §14): parsed like Target; blank means none."""
    if _blank_cell(cell):
        return None, ""
    parsed = _renstra_parse(ctx, ws, cell, kode, TARGET_RENSTRA, arah, arah, pct)
    return (None, "") if parsed is None else (parsed, target_text(cell.value, parsed))


def _renstra_realisasi(
    ctx: _Ctx, ws: Any, cell: Any, arah: Arah, pct: bool, kode: str
) -> Decimal | bool | None:
    """`Realisasi Renstra s/d Tahun Lalu`: a number (a yes/no answer for biner)."""
    if _blank_cell(cell):
        return None
    as_arah = Arah.BINER if arah == Arah.BINER else Arah.NAIK  # a realisation, not a range
    parsed = _renstra_parse(ctx, ws, cell, kode, REALISASI_RENSTRA, arah, as_arah, pct)
    return parsed if isinstance(parsed, bool | Decimal) else None


def _komponen(
    ctx: _Ctx, ws: Any, cell: Any, val: Any, arah: Arah, satuan: str, kode: str
) -> tuple[str, str]:
    """The names of a component indicator's Pembilang and Penyebut (docs/contract.md §14);
    ("", "") with a warning when they cannot be used."""
    n, d = val(PEMBILANG), val(PENYEBUT)
    if not n and not d:
        return "", ""
    where = {"sheet": ws.title, "kode": kode}
    if not (n and d):
        kosong = PENYEBUT if n else PEMBILANG
        c = cell(kosong)
        ctx.add(Code.KOMPONEN_DIABAIKAN, cell=c.coordinate if c else None, kosong=kosong, **where)
        return "", ""
    c = cell(PEMBILANG)
    if arah == Arah.BINER:
        ctx.add(Code.KOMPONEN_DIABAIKAN, cell=c.coordinate, variant="biner", **where)
        return "", ""
    if satuan.strip() != "%":
        ctx.add(
            Code.KOMPONEN_DIABAIKAN, cell=c.coordinate, variant="satuan", satuan=satuan, **where
        )
        return "", ""
    return n, d


def _target(
    ctx: _Ctx, ws: Any, cell: Any, arah: Arah, pct: bool, kode: str, required: bool
) -> tuple[TargetValue | None, str]:
    if (
        cell is None
        or cell.value is None
        or (isinstance(cell.value, str) and not cell.value.strip())
    ):
        if required:
            ctx.add(
                Code.TARGET_KOSONG,
                sheet=ws.title,
                cell=cell.coordinate if cell is not None else None,
                kode=kode,
            )
        return None, ""
    try:
        parsed = parse_target(cell.value, arah, fraction_is_percent=pct and _is_percent_cell(cell))
    except SignedTarget as exc:
        makna = (
            "semakin tinggi semakin baik" if arah == Arah.NAIK else "semakin rendah semakin baik"
        )
        ctx.add(
            Code.TARGET_TIDAK_SAH,
            sheet=ws.title,
            cell=cell.coordinate,
            kode=kode,
            variant="tanda",
            isi=cell.value,
            tanda=exc.sign,
            saran=exc.suggestion,
            arah=arah.value,
            makna=makna,
        )
        return None, ""
    except NumberError as exc:
        hint = {Arah.RENTANG: "rentang seperti 80-90", Arah.BINER: "Ada/Ya/Tidak"}.get(
            arah, "angka"
        )
        ctx.add(
            Code.TARGET_TIDAK_SAH,
            sheet=ws.title,
            cell=cell.coordinate,
            kode=kode,
            isi=cell.value,
            arah=arah.value,
            harus=hint,
            sebab=exc.message,
        )
        return None, ""
    if isinstance(parsed, Decimal) and parsed < 0:
        ctx.add(
            Code.TARGET_TIDAK_SAH,
            sheet=ws.title,
            cell=cell.coordinate,
            kode=kode,
            variant="negatif",
            isi=cell.value,
        )
    return parsed, target_text(cell.value, parsed)


def _read_anggaran(
    ctx: _Ctx, ws: Any, bidang: set[str], sasaran: list[Sasaran]
) -> list[BarisAnggaran]:
    table = _table(ctx, ws, ANGGARAN_REQ)
    if table is None:
        return []
    col = {
        h: table.col(h) for h in (*ANGGARAN_REQ, *RENCANA_COLS, "Sasaran", *RENSTRA_ANGGARAN_COLS)
    }
    ctx.kolom["Anggaran"] = {h: c for h, c in col.items() if c}
    by_code = {norm(s.kode): s.kode for s in sasaran}
    by_name = {norm(s.nama): s.kode for s in sasaran}
    out: list[BarisAnggaran] = []
    seen: set[str] = set()
    kosong: list[tuple[int, str, str]] = []  # (index in out, kode, cell) of a blank Pagu
    for r, cells in rows(ws, table):

        def cell(h: str, cells: tuple[Any, ...] = cells) -> Any:
            c = col.get(h)
            return cells[c - 1] if c else None

        kode = _text(cell("Kode").value).rstrip(".")
        if not kode:
            ctx.add(Code.KODE_KOSONG, sheet=ws.title, cell=cell("Kode").coordinate, apa="anggaran")
            continue
        if kode in seen:
            ctx.add(
                Code.KODE_GANDA,
                sheet=ws.title,
                cell=cell("Kode").coordinate,
                kode=kode,
                apa="anggaran",
            )
            continue
        seen.add(kode)
        b = _text(cell("Bidang").value)
        if b not in bidang:
            ctx.add(
                Code.BIDANG_TIDAK_DIKENAL,
                sheet=ws.title,
                cell=cell("Bidang").coordinate,
                kode=kode,
                variant=None if b else "kosong",
                bidang=b,
            )
        pv = cell("Pagu").value
        if pv is None or (isinstance(pv, str) and not pv.strip()):
            kosong.append((len(out), kode, cell("Pagu").coordinate))  # judged once all are read
            pv = 0
        try:
            pagu = parse_number(pv).nilai
            if pagu < 0:
                raise NumberError("negatif", "pagu negatif")
        except NumberError as exc:
            ctx.add(
                Code.PAGU_TIDAK_SAH,
                sheet=ws.title,
                cell=cell("Pagu").coordinate,
                kode=kode,
                isi=cell("Pagu").value,
                sebab=exc.message,
            )
            pagu = Decimal(0)
        rencana = tuple(_rencana(ctx, ws, cell(h), h, kode) for h in RENCANA_COLS)
        sas_kode = None
        s_cell = cell("Sasaran")
        if s_cell is not None and _text(s_cell.value):
            s = norm(_text(s_cell.value))
            sas_kode = by_code.get(s) or by_name.get(s)
            if sas_kode is None:
                ctx.add(
                    Code.SASARAN_TIDAK_DIKENAL,
                    sheet=ws.title,
                    cell=s_cell.coordinate,
                    kode=kode,
                    isi=s_cell.value,
                )
        out.append(
            BarisAnggaran(
                kode=kode,
                uraian=_text(cell("Uraian").value),
                bidang=b,
                pagu=pagu,
                sasaran=sas_kode,
                baris=r,
                rencana_tw=rencana,
                pagu_renstra=_renstra_rupiah(ctx, ws, cell(PAGU_RENSTRA), PAGU_RENSTRA, kode),
                realisasi_renstra_lalu=_renstra_rupiah(
                    ctx, ws, cell(REALISASI_RENSTRA), REALISASI_RENSTRA, kode
                ),
            )
        )
    _blank_pagu(ctx, ws.title, out, kosong)
    return out


def _blank_pagu(
    ctx: _Ctx, sheet: str, out: list[BarisAnggaran], kosong: list[tuple[int, str, str]]
) -> None:
    """A blank Pagu of a program/kegiatan row is the sum of its sub-kegiatan (kinerja recomputes
    every parent anyway, docs/contract.md §4); a blank Pagu of a sub-kegiatan is an error."""
    if not kosong:
        return
    import dataclasses

    from kinerja_cli.domain.anggaran import leaves, recompute_pagu

    leaf = {a.kode for a in leaves(out)}
    total = recompute_pagu(out)
    for i, kode, coordinate in kosong:
        if kode in leaf:
            ctx.add(Code.PAGU_KOSONG, sheet=sheet, cell=coordinate, kode=kode)
        else:
            out[i] = dataclasses.replace(out[i], pagu=total[kode] or Decimal(0))


def _rupiah_opsional(
    ctx: _Ctx,
    ws: Any,
    cell: Any,
    kolom: str,
    kode: str,
    code: Code,
    variant: str,
    negatif: tuple[str, str | None],
) -> Decimal | None:
    """An optional rupiah cell of a budget row, read like Pagu: blank means not given; a value
    that is not a number (`variant`) or is negative (`negatif`: variant and cause) is `code` at
    its cell."""
    if _blank_cell(cell):
        return None
    where: dict[str, Any] = {
        "sheet": ws.title,
        "cell": cell.coordinate,
        "kode": kode,
        "kolom": kolom,
    }
    try:
        nilai = parse_number(cell.value).nilai
    except NumberError as exc:
        ctx.add(code, **where, variant=variant, isi=cell.value, sebab=exc.message)
        return None
    if nilai < 0:
        sebab: dict[str, Any] = {"sebab": negatif[1]} if negatif[1] is not None else {}
        ctx.add(code, **where, variant=negatif[0], isi=cell.value, **sebab)
        return None
    return nilai


def _renstra_rupiah(ctx: _Ctx, ws: Any, cell: Any, kolom: str, kode: str) -> Decimal | None:
    """`Pagu Renstra` or `Realisasi Renstra s/d Tahun Lalu` of a budget row, read like Pagu;
    blank means not given (a parent's is then the sum of its leaves)."""
    return _rupiah_opsional(
        ctx, ws, cell, kolom, kode, Code.RENSTRA_TIDAK_SAH, "rupiah", ("negatif", None)
    )


def _rencana(ctx: _Ctx, ws: Any, cell: Any, kolom: str, kode: str) -> Decimal | None:
    """One `Rencana TW k` cell (docs/contract.md §14): parsed like Pagu; blank means no plan."""
    return _rupiah_opsional(
        ctx, ws, cell, kolom, kode, Code.PAGU_TIDAK_SAH, "rencana", ("rencana", "rencana negatif")
    )
