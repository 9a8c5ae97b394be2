"""Read ONE returned form: its bytes in, parsed values and every finding out (docs/contract.md §5).

Order of trust (docs/reliability.md Ground rule 4): the sniffed bytes (preflight), the embedded
identity, the indicator code, and the PK. Sheet names, cell positions, protection and the
file name are only hints. Values come from python-calamine (fast path); openpyxl is loaded
only to read a cell's number format when a `%` value is a bare fraction.
"""

from __future__ import annotations

import hashlib
import io
import traceback
from dataclasses import dataclass, field
from typing import Any

from kinerja_cli.domain import checks as C
from kinerja_cli.domain.findings import ERROR, WARNING, Finding, has_errors
from kinerja_cli.domain.models import PK, DataBidang
from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.domain.pk_versions import PKVersions
from kinerja_cli.domain.rules import Code, Collector
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.form.grid import (
    KINERJA_SIGNATURE,
    Grid,
    Parts,
    find_header,
    kind_of_header,
    producer_name,
    read_grid,
    ref,
)
from kinerja_cli.io.form.identity import (
    FormIdentity,
    Status,
    check_file_name,
    check_version,
    from_codes,
    from_form_id,
    from_sheet,
    periode_from_columns,
)
from kinerja_cli.io.form.rows import RowReader, Superseded
from kinerja_cli.io.form.structure import FormTable, cell_text
from kinerja_cli.io.form.structure import clean as _clean
from kinerja_cli.io.xlsx import (
    HEADER_SCAN,
    PreflightResult,
    ensure_defused_openpyxl,
    finding,
    norm,
    preflight,
)

__all__ = ["FormRead", "read_form"]

MARGIN_ROWS = 200  # rows read below the form's own rows (docs/reliability.md A2: +200 rows)
MAX_SLOW_BYTES = 4 << 20  # openpyxl is never handed sheets bigger than this
_KNOWN = {norm(n) for n in (L.PETUNJUK, L.KINERJA, L.ANGGARAN, L.IDENTITAS)}


@dataclass
class FormRead:
    """One returned file as read: what it is, its values as far as they parsed, every finding."""

    name: str
    kind: str = "unknown"  # from the sniff: xlsx, xlsm, xls, csv, empty, ...
    form_id: str | None = None
    bidang: str | None = None
    periode: Periode | None = None  # the form's own periode
    tahun: int | None = None
    data: DataBidang | None = None
    findings: list[Finding] = field(default_factory=list)
    producer: str | None = None  # Excel / LibreOffice / WPS / openpyxl / ...
    sidik_pk: str | None = None
    pk_versi: int | None = None  # the PK version it was checked against (docs/contract.md §13)
    identitas: str | None = None  # how it was recognised: lembar | id | kode
    slow_path: bool = False  # openpyxl was needed (number formats)
    teknis: str | None = None  # traceback of an unexpected failure, for the technical log
    # indicator kode -> (sheet, cell) of its Bukti Dukung, for the evidence checks of collect
    # (docs/contract.md §14)
    sel_bukti: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the form was read and no finding is an error."""
        return self.data is not None and not has_errors(self.findings)


def read_form(
    data: bytes, name: str, pk: PK | PKVersions, *, periode_wajib: Periode | None = None
) -> FormRead:
    """Parse one returned form against the PK (with its versions: the version in force for the
    form's periode, docs/contract.md §13); never raises (only KeyboardInterrupt passes)."""
    res = FormRead(name=name)
    try:
        pre = preflight(data, name)
        res.kind = pre.kind
        res.producer = producer_name(pre.application)
        if not pre.ok:
            res.findings.extend(pre.findings)
            return res
        _Reader(bytes(data), name, pk, pre, periode_wajib, res).read()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # pyo3 panics derive from BaseException, not Exception
        res.teknis = "".join(traceback.format_exception(exc)[-6:])
        res.findings.append(
            finding(Code.FILE_CORRUPT, name, detail_part="saat-membaca", jenis=type(exc).__name__)
        )
    return res


class _Reader:
    def __init__(
        self,
        data: bytes,
        name: str,
        pk: PK | PKVersions,
        pre: PreflightResult,
        periode_wajib: Periode | None,
        res: FormRead,
    ) -> None:
        self.versions = pk if isinstance(pk, PKVersions) else PKVersions.single(pk)
        # The last version identifies the form; the one in force for its periode checks it.
        pk = self.versions.latest.pk
        self.data, self.name, self.pk, self.pre = data, name, pk, pre
        self.periode_wajib = periode_wajib
        self.res = res
        self.out = Collector(name, res.findings)
        self.parts = Parts(data)
        self.grids: dict[str, tuple[int, Grid]] = {}
        self.max_rows = HEADER_SCAN + len(pk.indikator) + len(pk.anggaran) + MARGIN_ROWS
        self.external: dict[str, set[str]] = {}
        self.reported_external: set[tuple[str, str]] = set()
        self.ambiguous: set[str] = set()
        self._opx: Any = None
        self.wb: Any = None
        self.names: list[str] = []

    # ---- workbook and sheets -------------------------------------------------------------

    def read(self) -> None:
        from python_calamine import CalamineWorkbook, SheetTypeEnum

        try:
            self.wb = CalamineWorkbook.from_filelike(io.BytesIO(self.data))
            self.names = [
                m.name for m in self.wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet
            ]
            self._read()
        finally:
            self.parts.close()
            if self.wb is not None:
                self.wb.close()

    def _grid(self, name: str, rows: int) -> Grid:
        cached = self.grids.get(name)
        if cached is not None and cached[0] >= rows:
            return cached[1]
        grid = read_grid(self.wb, name, rows)
        self.grids[name] = (rows, grid)
        return grid

    def _sheet_name(self, sheet: str) -> str | None:
        key = norm(sheet)
        return next((n for n in self.names if norm(n) == key), None)

    def _table(self, kind: str) -> FormTable | None:
        """The Kinerja/Anggaran table: by name, else by its header row (renamed sheet)."""
        wanted = [
            c.header
            for c in (
                L.kinerja_columns(TAHUNAN) if kind == L.KINERJA else L.anggaran_columns(TAHUNAN)
            )
        ]
        signature = KINERJA_SIGNATURE if kind == L.KINERJA else ("Kode", "Uraian", "Pagu")
        same: list[str] = []
        for n in self.names:
            if norm(n) in _KNOWN:
                continue
            try:
                if kind_of_header(self._grid(n, HEADER_SCAN)) == kind:
                    same.append(n)
            except Exception:  # a sheet calamine cannot read is simply not a form table
                continue
        name = self._sheet_name(kind)
        if name is None:
            if len(same) > 1:
                self.ambiguous.add(kind)
                daftar = ", ".join(f"'{n}'" for n in same)
                self.out.add(Code.LEMBAR_GANDA, sheet=same[0], daftar=daftar, lembar=kind)
                return None
            if not same:
                return None
            name = same[0]
            self.out.add(Code.LEMBAR_DIGANTI_NAMA, sheet=name, lembar=kind, nama=name)
        else:
            for n in same:
                self.out.add(Code.LEMBAR_SALINAN, sheet=n, salinan=n, lembar=kind, nama=name)
        grid = self._grid(name, self.max_rows)
        return FormTable(name, grid, find_header(grid, wanted, signature))

    # ---- the whole read ------------------------------------------------------------------

    def _read(self) -> None:
        self._preflight_findings()
        before = len(self.res.findings)
        kin = self._table(L.KINERJA)
        ang = self._table(L.ANGGARAN)
        status, ident = self._identify(kin, ang)
        if ident is not None:
            self.res.bidang, self.res.tahun = ident.bidang, ident.tahun
            self.res.form_id, self.res.sidik_pk = ident.form_id, ident.sidik_pk
            self.res.identitas = ident.sumber
        if status != "ok" or ident is None:
            # Not this workspace's form: say that, not how its sheets differ from ours.
            structure = self.res.findings[before:]
            self.res.findings[before:] = [f for f in structure if not f.code.startswith("lembar-")]
            self.res.periode = ident.periode if ident else None
            return
        headers = kin.header.columns.keys() if kin and kin.header else ()
        periode = ident.periode or periode_from_columns(headers, self.periode_wajib) or TAHUNAN
        self.res.periode = periode
        wajib = self.periode_wajib
        if wajib is not None and wajib.data_kode != periode.data_kode:
            sheet = self._sheet_name(L.IDENTITAS) if ident.sumber == "lembar" else None
            self.out.add(
                Code.PERIODE_SALAH,
                sheet=sheet,
                cell=ident.sel_periode if sheet else None,
                periode=periode.label,
                wajib=wajib.label,
            )
        versi = self.versions.in_force(periode)
        self.pk, self.res.pk_versi = versi.pk, versi.versi
        sheet = self._sheet_name(L.IDENTITAS) if ident.sumber == "lembar" else None
        built = check_version(self.versions, versi, ident, periode, self.out, sheet)
        check_file_name(self.pk, self.name, ident, self.out)
        data = DataBidang(
            ident.bidang, sha256=hashlib.sha256(self.data).hexdigest(), file=self.name
        )
        self.res.data = data
        rows = RowReader(
            self.pk,
            self.out,
            self,
            self.ambiguous,
            None if built is None else Superseded(built.pk, built.versi, versi.versi),
        )
        rows.kinerja(kin, periode, data)
        self.res.sel_bukti = rows.bukti_cells
        rows.anggaran(ang, periode, data)
        self._remaining_links()

    def _identify(
        self, kin: FormTable | None, ang: FormTable | None
    ) -> tuple[Status, FormIdentity | None]:
        ids = self.parts.form_ids()
        sheet = self._sheet_name(L.IDENTITAS)
        if sheet is not None:
            status, ident = from_sheet(self.pk, sheet, self._grid(sheet, 60), ids, self.out)
            if status != "lanjut":
                return status, ident
        status, ident = from_form_id(self.pk, ids, self.out)
        if status != "lanjut":
            return status, ident
        codes = [*self._codes(kin), *self._codes(ang)]
        headers = kin.header.columns.keys() if kin and kin.header else ()
        return from_codes(
            self.pk, codes, periode_from_columns(headers, self.periode_wajib), self.out
        )

    def _codes(self, t: FormTable | None) -> list[str]:
        if t is None or t.header is None:
            return []
        col = t.header.col("Kode")
        if col is None:
            return []
        return [cell_text(t.grid.get(r, col)) for r in range(t.header.row + 1, t.grid.n_rows + 1)]

    def _preflight_findings(self) -> None:
        for f in self.pre.findings:
            if f.code != Code.EXTERNAL_LINK:
                self.res.findings.append(f)
            elif f.sheet and f.cell:
                self.external.setdefault(f.sheet, set()).add(f.cell)
            else:
                self.out.add(Code.TAUTAN_EKSTERNAL, severity=WARNING, variant="workbook")

    def _remaining_links(self) -> None:
        for sheet, cells in sorted(self.external.items()):
            for cell in sorted(cells):
                if (sheet, cell) not in self.reported_external:
                    self.out.add(
                        Code.TAUTAN_EKSTERNAL,
                        sheet=sheet,
                        cell=cell,
                        severity=ERROR,
                        variant="sel",
                        sel=cell,
                    )

    # ---- cells (the CellSource protocol of io/form/rows.py) -------------------------------

    def cell(self, t: FormTable, r: int, c: int, *, clean: bool = True) -> C.Cell:
        value = t.grid.get(r, c)
        if clean and isinstance(value, str):
            value = _clean(value)[0]
        cell = ref(r, c)
        part = self.pre.sheet_parts.get(t.sheet, "")
        if not self._flagged(part, t.sheet):
            return C.Cell(cell, value)
        rumus = cell in self.pre.formula_cells.get(part, ())
        galat = cell in self.pre.error_cells.get(part, ())
        luar = cell in self.external.get(t.sheet, ())
        if not (rumus or galat or luar):
            return C.Cell(cell, value)
        if luar:
            self.reported_external.add((t.sheet, cell))
        formula, stored = self.parts.cell_xml(part, cell)
        return C.Cell(
            cell,
            value,
            rumus=(formula or "") if rumus else None,
            galat=(stored or "") if galat else None,
            eksternal=luar,
        )

    def _flagged(self, part: str, sheet: str) -> bool:
        """Whether preflight saw any formula, error or external cell in the sheet."""
        return bool(
            self.pre.formula_cells.get(part)
            or self.pre.error_cells.get(part)
            or self.external.get(sheet)
        )

    def far_cell(self, t: FormTable) -> str | None:
        """The far corner of data beyond the rows read (preflight saw the whole sheet)."""
        part = self.pre.sheet_parts.get(t.sheet, "")
        max_row, max_col = self.pre.max_ref.get(part, (0, 0))
        if max_row > t.grid.n_rows and t.grid.n_rows >= self.max_rows:
            return ref(max_row, max(max_col, 1))
        return None

    def format_persen(self, sheet: str, cell: str) -> bool | None:
        """Whether a cell's number format shows %, via openpyxl (the slow path), None if unknown."""
        if self._opx is None:
            self._opx = self._openpyxl() or False
        if not self._opx:
            return None
        try:
            return "%" in str(self._opx[sheet][cell].number_format or "")
        except Exception:
            return None

    def _openpyxl(self) -> Any:
        if self.parts.size("xl/worksheets/") + self.parts.size("xl/sharedStrings") > MAX_SLOW_BYTES:
            return None
        try:
            ensure_defused_openpyxl()
            from openpyxl import load_workbook

            self.res.slow_path = True
            return load_workbook(
                io.BytesIO(self.data), data_only=True, keep_links=False, rich_text=False
            )
        except Exception:  # KinerjaError (defusedxml off) included: format unknown, warn instead
            return None
