"""Sheets Kinerja and Anggaran of a returned form: every locked value against the PK (sheet
protection can be removed), every input cell parsed, the SPEC §5 warnings per row."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Protocol

from kinerja_cli.domain import checks as P
from kinerja_cli.domain.findings import ERROR, Finding
from kinerja_cli.domain.models import PK, Arah, BarisAnggaran, DataBidang, Indikator, Narasi, Nilai
from kinerja_cli.domain.numbers import NumberError, parse_number
from kinerja_cli.domain.periode import Periode, romawi
from kinerja_cli.domain.targets import parse_target
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.form.grid import kosong, ref
from kinerja_cli.io.form.structure import Tabel, baris, bersihkan, gabung, kolom, kutip, teks
from kinerja_cli.io.xlsx import norm

_KUNCI = "sel terkunci tidak boleh diubah; kinerja memakai isi PK."


class Sumber(Protocol):
    """What the row readers need from the workbook reader."""

    def sel(self, t: Tabel, r: int, c: int, *, bersihkan: bool = True) -> P.Sel:
        """One cell with the preflight facts about it."""
        ...

    def format_persen(self, sheet: str, cell: str) -> bool | None:
        """Whether a cell's number format shows %, None when unknown."""
        ...

    def jauh(self, t: Tabel) -> str | None:
        """A cell with data beyond the rows that were read, if any."""
        ...


def _target_cocok(got: object, arah: Arah, expected: object) -> bool:
    if kosong(got):
        return expected is None
    if expected is None:
        return False
    try:
        return bool(parse_target(got, arah) == expected)
    except (NumberError, ValueError, ArithmeticError):
        return False


def _teks_mentah(v: object) -> str:
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


class BacaBaris:
    """Reads the rows of one form's two tables into a DataBidang, collecting findings."""

    def __init__(self, pk: PK, cat: P.Catatan, sumber: Sumber, ambigu: set[str]) -> None:
        self.pk, self.cat, self.sumber, self.ambigu = pk, cat, sumber, ambigu
        self.findings: list[Finding] = cat.findings

    def _hilang(self, sheet: str, why: str) -> None:
        if sheet not in self.ambigu:  # lembar-ganda already said why
            self.cat.add("lembar-hilang", f"Lembar '{sheet}' tidak ada{why}; pakai formulir dari "
                         "kinerja init-form tanpa menghapus lembar.", sheet=sheet)  # fmt: skip

    # ---- Kinerja -------------------------------------------------------------------------

    def kinerja(self, t: Tabel | None, periode: Periode, data: DataBidang) -> None:
        """Sheet Kinerja: rows, locked values, realisations, narratives, warnings."""
        inds = self.pk.indikator_of(data.bidang)
        if t is None:
            self._hilang(L.KINERJA, "")
            return
        cols = kolom(self.cat, t, L.kinerja_columns(periode))
        if "Kode" not in cols:
            return
        rows = baris(self.cat, t, cols, [i.kode for i in inds], "indikator", self.sumber.jauh(t))
        sasaran = {s.kode: s.nama for s in self.pk.sasaran}
        inputs: dict[tuple[int, int], str | None] = {}
        for ind in inds:
            r = rows.get(ind.kode)
            if r is None:
                continue
            self._kunci_kinerja(t, cols, ind, r, sasaran.get(ind.sasaran, ""))
            self._isian(t, cols, ind, r, periode, data)
            for header, c in cols.items():
                if header.startswith("Realisasi") or header in L.NARASI:
                    inputs[(r, c)] = ind.kode
        gabung(self.cat, t, inputs)

    def _kunci_kinerja(self, t: Tabel, cols: dict[str, int], ind: Indikator, r: int,
                       sasaran: str) -> None:
        for header, expected, code in (("Sasaran", sasaran, "sasaran-diubah"),
                                       ("Indikator Kinerja", ind.nama, "indikator-diubah"),
                                       ("Satuan", ind.satuan, "satuan-diubah"),
                                       ("Arah", ind.arah.value, "arah-diubah")):
            c = cols.get(header)
            if c is None:
                continue
            got = t.grid.get_merged(r, c)
            if got != expected and norm(teks(got)) != norm(expected):
                self.cat.add(code, f"{header} berisi {kutip(got)}, berbeda dari PK "
                             f"({kutip(expected)}); {_KUNCI}", sheet=t.sheet, cell=ref(r, c),
                             kode=ind.kode)  # fmt: skip
        targets: list[tuple[str, object, str]] = [("Target", ind.target, ind.target_teks)]
        targets += [(L.target_tw_header(k), ind.target_tw[k - 1], ind.target_tw_teks[k - 1])
                    for k in range(1, 5)]  # fmt: skip
        for header, target, target_teks in targets:
            c = cols.get(header)
            if c is None:
                continue
            got = t.grid.get(r, c)
            if not _target_cocok(got, ind.arah, target):
                self.cat.add("target-diubah", f"{header} berisi {kutip(got)}, berbeda dari PK "
                             f"({kutip(target_teks)}); {_KUNCI}", sheet=t.sheet, cell=ref(r, c),
                             kode=ind.kode)  # fmt: skip

    def _isian(self, t: Tabel, cols: dict[str, int], ind: Indikator, r: int, periode: Periode,
               data: DataBidang) -> None:
        start = len(self.findings)
        nilai: list[Nilai | None] = []
        refs: list[str | None] = []
        bermasalah: set[int] = set()
        for tw in periode.quarters:
            c = cols.get(L.realisasi_header(tw))
            if c is None:
                nilai.append(None)
                refs.append(None)
                bermasalah.add(tw)
                continue
            before = len(self.findings)
            sel = self.sumber.sel(t, r, c)
            v = P.realisasi(ind, sel, tw, periode, self.cat, t.sheet,
                            functools.partial(self.sumber.format_persen, t.sheet))
            if len(self.findings) > before:
                bermasalah.add(tw)
            elif v is None and tw == periode.triwulan:
                self.cat.add("realisasi-kosong", f"Realisasi TW {romawi(tw)} (triwulan periode "
                             f"ini) kosong; isi realisasi {ind.kode} dalam {ind.satuan}.",
                             sheet=t.sheet, cell=sel.ref, kode=ind.kode)  # fmt: skip
                bermasalah.add(tw)
            nilai.append(v)
            refs.append(sel.ref)
        fields: dict[str, str] = {}
        narasi_refs: dict[str, str] = {}
        for header, fld in L.NARASI.items():
            c = cols.get(header)
            fields[fld] = ""
            if c is None:
                continue
            sel = self.sumber.sel(t, r, c, bersihkan=False)
            narasi_refs[fld] = sel.ref
            isi = P.isi_sel(sel, self.cat, t.sheet, ind.kode, header)
            if isi is P.DITOLAK or isi is None:
                continue
            text, changed = bersihkan(_teks_mentah(isi))
            fields[fld] = P.teks_narasi(text.strip(), changed, self.cat, t.sheet, sel.ref, ind.kode,
                                        header)  # fmt: skip
        narasi = Narasi(**fields)
        data.realisasi[ind.kode] = nilai
        data.narasi[ind.kode] = narasi
        ada_galat = any(f.severity == ERROR for f in self.findings[start:])
        P.peringatan(P.BarisRealisasi(ind, nilai, refs, narasi, narasi_refs, frozenset(bermasalah),
                                      ada_galat), periode, self.cat, t.sheet)  # fmt: skip

    # ---- Anggaran ------------------------------------------------------------------------

    def anggaran(self, t: Tabel | None, periode: Periode, data: DataBidang) -> None:
        """Sheet Anggaran (required only when the bidang has budget rows)."""
        rows_pk = self.pk.anggaran_of(data.bidang)
        if not rows_pk:
            return
        if t is None:
            self._hilang(L.ANGGARAN, " padahal bidang ini punya anggaran")
            return
        cols = kolom(self.cat, t, L.anggaran_columns(periode))
        if "Kode" not in cols:
            return
        rows = baris(self.cat, t, cols, [a.kode for a in rows_pk], "anggaran", self.sumber.jauh(t))
        inputs: dict[tuple[int, int], str | None] = {}
        for b in rows_pk:
            r = rows.get(b.kode)
            if r is None:
                continue
            self._kunci_anggaran(t, cols, b, r)
            if self.pk.is_parent(b.kode):
                self._induk(t, cols, b, r, periode)
                continue
            nilai: list[Decimal | None] = []
            refs: list[str | None] = []
            bermasalah: set[int] = set()
            for tw in periode.quarters:
                c = cols.get(L.realisasi_header(tw))
                if c is None:
                    nilai.append(None)
                    refs.append(None)
                    continue
                inputs[(r, c)] = b.kode
                before = len(self.findings)
                v = P.anggaran(b, self.sumber.sel(t, r, c), tw, periode, self.cat, t.sheet)
                if v is None and len(self.findings) > before:
                    bermasalah.add(tw)
                nilai.append(v)
                refs.append(ref(r, c))
            data.anggaran[b.kode] = nilai
            P.periksa_anggaran(b, nilai, refs, frozenset(bermasalah), periode, self.cat, t.sheet)
        gabung(self.cat, t, inputs)

    def _kunci_anggaran(self, t: Tabel, cols: dict[str, int], b: BarisAnggaran, r: int) -> None:
        c = cols.get("Uraian")
        if c is not None:
            got = t.grid.get_merged(r, c)
            if got != b.uraian and norm(teks(got)) != norm(b.uraian):
                self.cat.add("uraian-diubah", f"Uraian berisi {kutip(got)}, berbeda dari PK "
                             f"({kutip(b.uraian)}); {_KUNCI}", sheet=t.sheet, cell=ref(r, c),
                             kode=b.kode)  # fmt: skip
        c = cols.get("Pagu")
        if c is not None:
            got = t.grid.get(r, c)
            try:
                same = not kosong(got) and parse_number(got).nilai == b.pagu
            except NumberError:
                same = False
            if not same:
                self.cat.add("pagu-diubah", f"Pagu berisi {kutip(got)}, berbeda dari PK "
                             f"(Rp{P.angka_teks(b.pagu)}); {_KUNCI}", sheet=t.sheet,
                             cell=ref(r, c), kode=b.kode)  # fmt: skip

    def _induk(self, t: Tabel, cols: dict[str, int], b: BarisAnggaran, r: int,
               periode: Periode) -> None:
        for tw in periode.quarters:
            c = cols.get(L.realisasi_header(tw))
            if c is not None and not kosong(t.grid.get(r, c)):
                self.cat.add("anggaran-induk-diisi", f"Baris induk {b.kode} (program/kegiatan) "
                             "diisi; isinya diabaikan karena kinerja menjumlahkan baris "
                             "sub-kegiatan di bawahnya.", sheet=t.sheet, cell=ref(r, c),
                             kode=b.kode)  # fmt: skip
