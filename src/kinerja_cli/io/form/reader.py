"""Read ONE returned form: its bytes in, parsed values and every finding out (SPEC §5).

Order of trust (RELIABILITY ground rule 4): the sniffed bytes (preflight), the embedded
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

from kinerja_cli.domain import checks as P
from kinerja_cli.domain.findings import ERROR, WARNING, Finding, has_errors
from kinerja_cli.domain.models import PK, DataBidang
from kinerja_cli.domain.periode import TAHUNAN, Periode
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.form.grid import (
    HEADER_SCAN,
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
    Identitas,
    Status,
    cek_nama_file,
    dari_id,
    dari_kode,
    dari_lembar,
    periode_dari_kolom,
)
from kinerja_cli.io.form.rows import BacaBaris
from kinerja_cli.io.form.structure import Tabel, teks
from kinerja_cli.io.form.structure import bersihkan as bersihkan_teks
from kinerja_cli.io.xlsx import PreflightResult, ensure_defused_openpyxl, finding, norm, preflight

__all__ = ["FormRead", "read_form"]

MARGIN_ROWS = 200  # rows read below the form's own rows (RELIABILITY A2: +200 rows)
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
    identitas: str | None = None  # how it was recognised: lembar | id | kode
    slow_path: bool = False  # openpyxl was needed (number formats)
    teknis: str | None = None  # traceback of an unexpected failure, for the technical log

    @property
    def ok(self) -> bool:
        """True when the form was read and no finding is an error."""
        return self.data is not None and not has_errors(self.findings)


def read_form(data: bytes, name: str, pk: PK, *, periode_wajib: Periode | None = None) -> FormRead:
    """Parse one returned form against the PK; never raises (only KeyboardInterrupt passes)."""
    res = FormRead(name=name)
    try:
        pre = preflight(data, name)
        res.kind = pre.kind
        res.producer = producer_name(pre.application)
        if not pre.ok:
            res.findings.extend(pre.findings)
            return res
        _Pembaca(bytes(data), name, pk, pre, periode_wajib, res).baca()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # pyo3 panics derive from BaseException, not Exception
        res.teknis = "".join(traceback.format_exception(exc)[-6:])
        res.findings.append(finding("file-corrupt", name, f"{type(exc).__name__} saat membaca isi"))
    return res


class _Pembaca:
    def __init__(self, data: bytes, name: str, pk: PK, pre: PreflightResult,
                 periode_wajib: Periode | None, res: FormRead) -> None:
        self.data, self.name, self.pk, self.pre = data, name, pk, pre
        self.periode_wajib = periode_wajib
        self.res = res
        self.cat = P.Catatan(name, res.findings)
        self.parts = Parts(data)
        self.grids: dict[str, tuple[int, Grid]] = {}
        self.max_rows = HEADER_SCAN + len(pk.indikator) + len(pk.anggaran) + MARGIN_ROWS
        self.external: dict[str, set[str]] = {}
        self.reported_external: set[tuple[str, str]] = set()
        self.ambigu: set[str] = set()
        self._opx: Any = None
        self.wb: Any = None
        self.names: list[str] = []

    # ---- workbook and sheets -------------------------------------------------------------

    def baca(self) -> None:
        from python_calamine import CalamineWorkbook, SheetTypeEnum

        try:
            self.wb = CalamineWorkbook.from_filelike(io.BytesIO(self.data))
            self.names = [m.name for m in self.wb.sheets_metadata
                          if m.typ == SheetTypeEnum.WorkSheet]  # fmt: skip
            self._baca()
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

    def _nama(self, sheet: str) -> str | None:
        key = norm(sheet)
        return next((n for n in self.names if norm(n) == key), None)

    def _lembar(self, kind: str) -> Tabel | None:
        """The Kinerja/Anggaran table: by name, else by its header row (renamed sheet)."""
        wanted = [c.header for c in (L.kinerja_columns(TAHUNAN) if kind == L.KINERJA
                                     else L.anggaran_columns(TAHUNAN))]  # fmt: skip
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
        name = self._nama(kind)
        if name is None:
            if len(same) > 1:
                self.ambigu.add(kind)
                daftar = ", ".join(f"'{n}'" for n in same)
                self.cat.add("lembar-ganda", f"Lembar {daftar} sama-sama berisi tabel {kind} dan "
                             f"tidak ada lembar bernama '{kind}'; kinerja tidak tahu mana yang "
                             f"dipakai. Sisakan satu lembar dan beri nama '{kind}'.", sheet=same[0])  # fmt: skip
                return None
            if not same:
                return None
            name = same[0]
            self.cat.add("lembar-diganti-nama", f"Lembar '{kind}' diganti nama menjadi '{name}'; "
                         "dikenali dari judul kolomnya. Sebaiknya kembalikan namanya.", sheet=name)  # fmt: skip
        else:
            for n in same:
                self.cat.add("lembar-salinan", f"Lembar '{n}' juga berisi tabel {kind}; hanya "
                             f"lembar '{name}' yang dibaca. Hapus salinan itu bila isiannya "
                             "sudah dipindahkan.", sheet=n)  # fmt: skip
        grid = self._grid(name, self.max_rows)
        return Tabel(name, grid, find_header(grid, wanted, signature))

    # ---- the whole read ------------------------------------------------------------------

    def _baca(self) -> None:
        self._preflight_findings()
        before = len(self.res.findings)
        kin = self._lembar(L.KINERJA)
        ang = self._lembar(L.ANGGARAN)
        status, ident = self._kenali(kin, ang)
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
        periode = ident.periode or periode_dari_kolom(headers, self.periode_wajib) or TAHUNAN
        self.res.periode = periode
        wajib = self.periode_wajib
        if wajib is not None and wajib.data_kode != periode.data_kode:
            sheet = self._nama(L.IDENTITAS) if ident.sumber == "lembar" else None
            self.cat.add("periode-salah", f"Formulir ini untuk {periode.label}, sedangkan yang "
                         f"dikumpulkan {wajib.label}; kirim formulir {wajib.label}.", sheet=sheet,
                         cell=ident.sel_periode if sheet else None)  # fmt: skip
        cek_nama_file(self.pk, self.name, ident, self.cat)
        data = DataBidang(ident.bidang, sha256=hashlib.sha256(self.data).hexdigest(), file=self.name)
        self.res.data = data
        rows = BacaBaris(self.pk, self.cat, self, self.ambigu)
        rows.kinerja(kin, periode, data)
        rows.anggaran(ang, periode, data)
        self._sisa_tautan()

    def _kenali(self, kin: Tabel | None, ang: Tabel | None) -> tuple[Status, Identitas | None]:
        ids = self.parts.form_ids()
        sheet = self._nama(L.IDENTITAS)
        if sheet is not None:
            status, ident = dari_lembar(self.pk, sheet, self._grid(sheet, 60), ids, self.cat)
            if status != "lanjut":
                return status, ident
        status, ident = dari_id(self.pk, ids, self.cat)
        if status != "lanjut":
            return status, ident
        codes = [*self._codes(kin), *self._codes(ang)]
        headers = kin.header.columns.keys() if kin and kin.header else ()
        return dari_kode(self.pk, codes, periode_dari_kolom(headers, self.periode_wajib), self.cat)

    def _codes(self, t: Tabel | None) -> list[str]:
        if t is None or t.header is None:
            return []
        col = t.header.col("Kode")
        if col is None:
            return []
        return [teks(t.grid.get(r, col)) for r in range(t.header.row + 1, t.grid.n_rows + 1)]

    def _preflight_findings(self) -> None:
        for f in self.pre.findings:
            if f.code != "external-link":
                self.res.findings.append(f)
            elif f.sheet and f.cell:
                self.external.setdefault(f.sheet, set()).add(f.cell)
            else:
                self.cat.add("tautan-eksternal", "Workbook berisi tautan ke file lain; nilai dari "
                             "file itu tidak pernah dipakai. Sebaiknya hapus tautannya (Data → "
                             "Edit Links → Break Link).", severity=WARNING)  # fmt: skip

    def _sisa_tautan(self) -> None:
        for sheet, cells in sorted(self.external.items()):
            for cell in sorted(cells):
                if (sheet, cell) not in self.reported_external:
                    self.cat.add("tautan-eksternal", f"Sel {cell} berisi rumus yang mengambil "
                                 "nilai dari file lain; nilainya tidak dipakai. Ketik nilainya "
                                 "langsung.", sheet=sheet, cell=cell, severity=ERROR)  # fmt: skip

    # ---- cells (the Sumber protocol of form_baris) ----------------------------------------

    def sel(self, t: Tabel, r: int, c: int, *, bersihkan: bool = True) -> P.Sel:
        value = t.grid.get(r, c)
        if bersihkan and isinstance(value, str):
            value = bersihkan_teks(value)[0]
        cell = ref(r, c)
        part = self.pre.sheet_parts.get(t.sheet, "")
        if not self._flagged(part, t.sheet):
            return P.Sel(cell, value)
        rumus = cell in self.pre.formula_cells.get(part, ())
        galat = cell in self.pre.error_cells.get(part, ())
        luar = cell in self.external.get(t.sheet, ())
        if not (rumus or galat or luar):
            return P.Sel(cell, value)
        if luar:
            self.reported_external.add((t.sheet, cell))
        formula, stored = self.parts.cell_xml(part, cell)
        return P.Sel(cell, value, rumus=(formula or "") if rumus else None,
                     galat=(stored or "") if galat else None, eksternal=luar)

    def _flagged(self, part: str, sheet: str) -> bool:
        """Whether preflight saw any formula, error or external cell in the sheet."""
        return bool(self.pre.formula_cells.get(part) or self.pre.error_cells.get(part)
                    or self.external.get(sheet))  # fmt: skip

    def jauh(self, t: Tabel) -> str | None:
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
            return load_workbook(io.BytesIO(self.data), data_only=True, keep_links=False,
                                 rich_text=False)  # fmt: skip
        except Exception:  # KinerjaError (defusedxml off) included: format unknown, warn instead
            return None

