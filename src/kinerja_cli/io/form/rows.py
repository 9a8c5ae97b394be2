"""Sheets Kinerja and Anggaran of a returned form: every locked value against the PK (sheet
protection can be removed), every input cell parsed, the docs/contract.md §5 warnings per row."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from kinerja_cli.domain import checks as C
from kinerja_cli.domain.findings import ERROR, Finding
from kinerja_cli.domain.models import PK, Arah, BarisAnggaran, DataBidang, Indikator, Narasi, Nilai
from kinerja_cli.domain.numbers import NumberError, parse_number
from kinerja_cli.domain.periode import Periode, romawi
from kinerja_cli.domain.rules import Code, Collector
from kinerja_cli.domain.targets import parse_target
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.form.grid import is_blank, ref
from kinerja_cli.io.form.structure import (
    FormTable,
    cell_text,
    check_merges,
    clean,
    find_columns,
    match_rows,
    quote_cell,
)
from kinerja_cli.io.xlsx import norm

_INPUT_HEADERS = ("Realisasi", "Pembilang", "Penyebut")


class CellSource(Protocol):
    """What the row readers need from the workbook reader."""

    def cell(self, t: FormTable, r: int, c: int, *, clean: bool = True) -> C.Cell:
        """One cell with the preflight facts about it."""
        ...

    def format_persen(self, sheet: str, cell: str) -> bool | None:
        """Whether a cell's number format shows %, None when unknown."""
        ...

    def far_cell(self, t: FormTable) -> str | None:
        """A cell with data beyond the rows that were read, if any."""
        ...


def _target_matches(got: object, arah: Arah, expected: object) -> bool:
    if is_blank(got):
        return expected is None
    if expected is None:
        return False
    try:
        return bool(parse_target(got, arah) == expected)
    except (NumberError, ValueError, ArithmeticError):
        return False


def _pagu_is(got: object, pagu: Decimal) -> bool:
    try:
        return not is_blank(got) and parse_number(got).nilai == pagu
    except NumberError:
        return False


def _raw_text(v: object) -> str:
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _unread(data: DataBidang, jenis: str, kode: str, tw: int, v: object, raw: object) -> None:
    """Remember what a cell held when it gave no value (for `kinerja diff`)."""
    if v is None and not is_blank(raw):
        data.tidak_terbaca[(jenis, kode, tw)] = cell_text(raw)


@dataclass(frozen=True)
class Superseded:
    """The earlier PK version a form was built from, when another is in force for its periode
    (docs/contract.md §13): a locked cell that still shows that version's value is the PK's
    change, not the bidang's."""

    pk: PK
    versi: int  # the version the form was built from
    berlaku: int  # the version in force

    @functools.cached_property
    def indikator(self) -> dict[str, Indikator]:
        return {i.kode: i for i in self.pk.indikator}

    @functools.cached_property
    def anggaran(self) -> dict[str, BarisAnggaran]:
        return {a.kode: a for a in self.pk.anggaran}


class RowReader:
    """Reads the rows of one form's two tables into a DataBidang, collecting findings."""

    def __init__(
        self,
        pk: PK,
        out: Collector,
        source: CellSource,
        ambiguous: set[str],
        superseded: Superseded | None = None,
    ) -> None:
        self.pk, self.out, self.source, self.ambiguous = pk, out, source, ambiguous
        self.superseded = superseded
        self.findings: list[Finding] = out.findings
        # indicator kode -> (sheet, cell) of its Bukti Dukung (docs/contract.md §14)
        self.bukti_cells: dict[str, tuple[str, str]] = {}

    def _locked(
        self,
        code: Code,
        t: FormTable,
        cell: str,
        kode: str,
        header: str,
        got: object,
        pk: str,
        *,
        as_before: bool,
    ) -> None:
        """A locked cell that differs from the PK; `as_before`: it shows the value of the
        superseded version the form was built from."""
        old = self.superseded if as_before else None
        self.out.add(
            code,
            sheet=t.sheet,
            cell=cell,
            kode=kode,
            variant=None if old is None else "revisi",
            header=header,
            isi=quote_cell(got),
            pk=pk,
            lama=None if old is None else old.versi,
            baru=None if old is None else old.berlaku,
        )

    def _missing(self, sheet: str, variant: str | None = None) -> None:
        if sheet not in self.ambiguous:  # lembar-ganda already said why
            self.out.add(Code.LEMBAR_HILANG, sheet=sheet, variant=variant, lembar=sheet)

    # ---- Kinerja -------------------------------------------------------------------------

    def kinerja(self, t: FormTable | None, periode: Periode, data: DataBidang) -> None:
        """Sheet Kinerja: rows, locked values, realisations, narratives, warnings."""
        inds = self.pk.indikator_of(data.bidang)
        if t is None:
            self._missing(L.KINERJA)
            return
        komponen = any(i.komponen for i in inds)
        cols = find_columns(self.out, t, L.kinerja_columns(periode, komponen))
        if "Kode" not in cols:
            return
        rows = match_rows(
            self.out,
            t,
            cols,
            [i.kode for i in inds],
            "indikator",
            self.source.far_cell(t),
            ttd=True,
        )
        sasaran = {s.kode: s.nama for s in self.pk.sasaran}
        inputs: dict[tuple[int, int], str | None] = {}
        for ind in inds:
            r = rows.get(ind.kode)
            if r is None:
                continue
            self._locked_kinerja(t, cols, ind, r, sasaran.get(ind.sasaran, ""))
            self._inputs(t, cols, ind, r, periode, data)
            for header, c in cols.items():
                if header.startswith(_INPUT_HEADERS) or header in L.NARASI:
                    inputs[(r, c)] = ind.kode
        check_merges(self.out, t, inputs)

    def _locked_kinerja(
        self, t: FormTable, cols: dict[str, int], ind: Indikator, r: int, sasaran: str
    ) -> None:
        old = self.superseded.indikator.get(ind.kode) if self.superseded else None
        old_sasaran = ""
        if old is not None and self.superseded is not None:
            found = self.superseded.pk.sasaran_by_kode(old.sasaran)
            old_sasaran = found.nama if found else ""
        for header, expected, before, code in (
            ("Sasaran", sasaran, old_sasaran, Code.SASARAN_DIUBAH),
            ("Indikator Kinerja", ind.nama, old and old.nama, Code.INDIKATOR_DIUBAH),
            ("Satuan", ind.satuan, old and old.satuan, Code.SATUAN_DIUBAH),
            ("Arah", ind.arah.value, old and old.arah.value, Code.ARAH_DIUBAH),
        ):
            c = cols.get(header)
            if c is None:
                continue
            got = t.grid.get_merged(r, c)
            if got != expected and norm(cell_text(got)) != norm(expected):
                as_before = bool(before) and norm(cell_text(got)) == norm(before or "")
                self._locked(
                    code,
                    t,
                    ref(r, c),
                    ind.kode,
                    header,
                    got,
                    quote_cell(expected),
                    as_before=as_before,
                )
        for k in range(5):  # Target, then Target TW I..IV
            header = "Target" if k == 0 else L.target_tw_header(k)
            c = cols.get(header)
            if c is None:
                continue
            target = ind.target if k == 0 else ind.target_tw[k - 1]
            got = t.grid.get(r, c)
            if _target_matches(got, ind.arah, target):
                continue
            as_before = old is not None and _target_matches(
                got, old.arah, old.target if k == 0 else old.target_tw[k - 1]
            )
            teks = ind.target_teks if k == 0 else ind.target_tw_teks[k - 1]
            self._locked(
                Code.TARGET_DIUBAH,
                t,
                ref(r, c),
                ind.kode,
                header,
                got,
                quote_cell(teks),
                as_before=as_before,
            )

    def _inputs(
        self,
        t: FormTable,
        cols: dict[str, int],
        ind: Indikator,
        r: int,
        periode: Periode,
        data: DataBidang,
    ) -> None:
        start = len(self.findings)
        komponen: C.Komponen | None = None
        if ind.komponen:
            nilai, refs, flagged, komponen = self._komponen(t, cols, ind, r, periode, data)
        else:
            nilai, refs, flagged = self._realisasi(t, cols, ind, r, periode, data)
        fields: dict[str, str] = {}
        narasi_refs: dict[str, str] = {}
        for header, fld in L.NARASI.items():
            c = cols.get(header)
            fields[fld] = ""
            if c is None:
                continue
            cell = self.source.cell(t, r, c, clean=False)
            narasi_refs[fld] = cell.ref
            content = C.cell_content(cell, self.out, t.sheet, ind.kode, header)
            if content is C.REJECTED or content is None:
                continue
            text, changed = clean(_raw_text(content))
            fields[fld] = C.check_narasi(
                text.strip(), changed, self.out, t.sheet, cell.ref, ind.kode, header
            )
        narasi = Narasi(**fields)
        data.realisasi[ind.kode] = nilai
        data.narasi[ind.kode] = narasi
        if "bukti" in narasi_refs:
            self.bukti_cells[ind.kode] = (t.sheet, narasi_refs["bukti"])
        has_error = any(f.severity == ERROR for f in self.findings[start:])
        C.row_warnings(
            C.RealisasiRow(
                ind, nilai, refs, narasi, narasi_refs, frozenset(flagged), has_error, komponen
            ),
            periode,
            self.out,
            t.sheet,
        )

    def _realisasi(
        self,
        t: FormTable,
        cols: dict[str, int],
        ind: Indikator,
        r: int,
        periode: Periode,
        data: DataBidang,
    ) -> tuple[list[Nilai | None], list[str | None], set[int]]:
        """The Realisasi TW cells of one row: values, cells, quarters with a finding."""
        nilai: list[Nilai | None] = []
        refs: list[str | None] = []
        flagged: set[int] = set()
        for tw in periode.quarters:
            c = cols.get(L.realisasi_header(tw))
            if c is None:
                nilai.append(None)
                refs.append(None)
                flagged.add(tw)
                continue
            before = len(self.findings)
            cell = self.source.cell(t, r, c)
            v = C.parse_realisasi(
                ind,
                cell,
                tw,
                periode,
                self.out,
                t.sheet,
                functools.partial(self.source.format_persen, t.sheet),
            )
            if len(self.findings) > before:
                flagged.add(tw)
                _unread(data, "realisasi", ind.kode, tw, v, cell.nilai)
            elif v is None and tw == periode.triwulan:
                self.out.add(
                    Code.REALISASI_KOSONG,
                    sheet=t.sheet,
                    cell=cell.ref,
                    kode=ind.kode,
                    tw=romawi(tw),
                    satuan=ind.satuan,
                )
                flagged.add(tw)
            nilai.append(v)
            refs.append(cell.ref)
        return nilai, refs, flagged

    def _komponen(
        self,
        t: FormTable,
        cols: dict[str, int],
        ind: Indikator,
        r: int,
        periode: Periode,
        data: DataBidang,
    ) -> tuple[list[Nilai | None], list[str | None], set[int], C.Komponen]:
        """A component indicator's Pembilang and Penyebut cells (docs/contract.md §14): each
        parsed at its cell, each pair checked, the realisation of each quarter computed as
        n ÷ N × 100; its (locked) Realisasi cells are not read."""
        values: dict[str, list[Decimal | None]] = {"pembilang": [], "penyebut": []}
        refs: dict[str, list[str | None]] = {"pembilang": [], "penyebut": []}
        flagged: set[int] = set()
        for tw in periode.quarters:
            for kind, header in (
                ("pembilang", L.pembilang_header(tw)),
                ("penyebut", L.penyebut_header(tw)),
            ):
                c = cols.get(header)
                if c is None:  # kolom-hilang already said so
                    values[kind].append(None)
                    refs[kind].append(None)
                    flagged.add(tw)
                    continue
                before = len(self.findings)
                cell = self.source.cell(t, r, c)
                v = C.parse_komponen(ind, cell, header, tw == periode.triwulan, self.out, t.sheet)
                if len(self.findings) > before:
                    flagged.add(tw)
                values[kind].append(v)
                refs[kind].append(cell.ref)
        row = C.KomponenRow(
            ind,
            values["pembilang"],
            values["penyebut"],
            refs["pembilang"],
            refs["penyebut"],
            frozenset(flagged),
        )
        nilai, flagged = C.check_komponen(row, periode, self.out, t.sheet)
        data.pembilang[ind.kode] = values["pembilang"]
        data.penyebut[ind.kode] = values["penyebut"]
        komponen = (tuple(values["pembilang"]), tuple(values["penyebut"]))
        return list(nilai), list(refs["pembilang"]), flagged, komponen

    # ---- Anggaran ------------------------------------------------------------------------

    def anggaran(self, t: FormTable | None, periode: Periode, data: DataBidang) -> None:
        """Sheet Anggaran (required only when the bidang has budget rows)."""
        rows_pk = self.pk.anggaran_of(data.bidang)
        if not rows_pk:
            return
        if t is None:
            self._missing(L.ANGGARAN, "anggaran")
            return
        cols = find_columns(self.out, t, L.anggaran_columns(periode))
        if "Kode" not in cols:
            return
        rows = match_rows(
            self.out, t, cols, [a.kode for a in rows_pk], "anggaran", self.source.far_cell(t)
        )
        inputs: dict[tuple[int, int], str | None] = {}
        for b in rows_pk:
            r = rows.get(b.kode)
            if r is None:
                continue
            self._locked_anggaran(t, cols, b, r)
            if self.pk.is_parent(b.kode):
                self._parent(t, cols, b, r, periode)
                continue
            nilai: list[Decimal | None] = []
            refs: list[str | None] = []
            flagged: set[int] = set()
            for tw in periode.quarters:
                c = cols.get(L.realisasi_header(tw))
                if c is None:
                    nilai.append(None)
                    refs.append(None)
                    continue
                inputs[(r, c)] = b.kode
                before = len(self.findings)
                cell = self.source.cell(t, r, c)
                v = C.parse_anggaran(b, cell, tw, periode, self.out, t.sheet)
                if v is None and len(self.findings) > before:
                    flagged.add(tw)
                    _unread(data, "anggaran", b.kode, tw, v, cell.nilai)
                nilai.append(v)
                refs.append(ref(r, c))
            data.anggaran[b.kode] = nilai
            C.check_anggaran_row(b, nilai, refs, frozenset(flagged), periode, self.out, t.sheet)
        check_merges(self.out, t, inputs)

    def _locked_anggaran(
        self, t: FormTable, cols: dict[str, int], b: BarisAnggaran, r: int
    ) -> None:
        old = self.superseded.anggaran.get(b.kode) if self.superseded else None
        c = cols.get("Uraian")
        if c is not None:
            got = t.grid.get_merged(r, c)
            if got != b.uraian and norm(cell_text(got)) != norm(b.uraian):
                as_before = old is not None and norm(cell_text(got)) == norm(old.uraian)
                self._locked(
                    Code.URAIAN_DIUBAH,
                    t,
                    ref(r, c),
                    b.kode,
                    "Uraian",
                    got,
                    quote_cell(b.uraian),
                    as_before=as_before,
                )
        c = cols.get("Pagu")
        if c is not None:
            got = t.grid.get(r, c)
            if not _pagu_is(got, b.pagu):
                self._locked(
                    Code.PAGU_DIUBAH,
                    t,
                    ref(r, c),
                    b.kode,
                    "Pagu",
                    got,
                    f"Rp{C.number_text(b.pagu)}",
                    as_before=old is not None and _pagu_is(got, old.pagu),
                )

    def _parent(
        self, t: FormTable, cols: dict[str, int], b: BarisAnggaran, r: int, periode: Periode
    ) -> None:
        for tw in periode.quarters:
            c = cols.get(L.realisasi_header(tw))
            if c is not None and not is_blank(t.grid.get(r, c)):
                self.out.add(Code.ANGGARAN_INDUK_DIISI, sheet=t.sheet, cell=ref(r, c), kode=b.kode)
