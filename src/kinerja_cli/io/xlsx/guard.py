"""Preflight: are a received file's bytes safe to hand to openpyxl or python-calamine?

Everything here works on bytes the caller read once; nothing opens or writes a file.
The limits follow docs/reliability.md A1, A2 and A3 and docs/performance.md §5.3; calamine aborts the whole process
(uncatchable) on a far cell, a dense used range or a lying sharedStrings count, so those
are refused here before any parser sees the file.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from defusedxml.ElementTree import DefusedXMLParser

from kinerja_cli.domain.findings import Finding, Severity
from kinerja_cli.domain.rules import Code, rule
from kinerja_cli.domain.rules import finding as rules_finding
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.xlsx.filetype import (
    MAX_CENTRAL_DIRECTORY,
    ZIP_MAGIC,
    BadReference,
    Facts,
    FarReference,
    TooMany,
    central_directory,
    classify,
    scan_sheet,
    shared_strings_lie,
    xml_problem,
)

__all__ = ["PreflightResult", "ensure_defused_openpyxl", "finding", "preflight"]

MiB = 1 << 20
MAX_FILE_SIZE = 10 * MiB
MAX_ENTRIES = 300
MAX_ENTRY_SIZE = 20 * MiB
MAX_TOTAL_SIZE = 50 * MiB
MAX_RATIO = 200
RATIO_GRACE = 1 * MiB
MAX_META_PART = 2 * MiB  # workbook.xml and its rels are parsed in Python
MAX_XML_DEPTH = 256  # what libxml2 allows; Excel needs about 6
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels")
NON_BLOCKING = frozenset({Code.MACRO_IGNORED, Code.EXTERNAL_LINK})
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 64 * 1024

_KIND_CODES = {
    "empty": Code.FILE_EMPTY,
    "csv": Code.FILE_CSV,
    "xls": Code.FILE_FORMAT_XLS,
    "ods": Code.FILE_FORMAT_ODS,
    "xlsb": Code.FILE_FORMAT_XLSB,
    "encrypted": Code.FILE_ENCRYPTED,
}
_NOT_SPREADSHEET = ("html", "pdf", "unknown", "zip-other")


def finding(
    code: Code,
    file: str | None,
    detail: str = "",
    *,
    part: str = "",
    severity: Severity | None = None,
    sheet: str | None = None,
    cell: str | None = None,
    detail_part: str | None = None,
    **params: Any,
) -> Finding:
    """A finding about a file's bytes; `detail` is the rule's named part `detail_part` when given."""
    if detail_part is not None:
        detail = rule(code).part(detail_part, **params)
    return rules_finding(
        code, file=file, sheet=sheet, cell=cell, severity=severity, detail=detail, part=part
    )


@dataclass(frozen=True)
class PreflightResult:
    """What preflight learned from the bytes.

    `ok` means the bytes are safe to hand to openpyxl/python-calamine. `findings` may then
    still hold non-blocking findings (`macro-ignored`, `external-link`) for the report; the
    facts below are complete only when `ok`. `sheet_parts`/`sheet_states` map worksheet
    names to their part and state; `formula_cells`/`error_cells` (cells with `<f>` or
    `t="e"`) and `max_ref` ((max row, max column) of cells that can hold a value, cells
    carrying formatting only left out) are keyed by part path.
    """

    kind: str
    ok: bool
    findings: list[Finding] = field(default_factory=list)
    sheet_parts: dict[str, str] = field(default_factory=dict)
    sheet_states: dict[str, str] = field(default_factory=dict)
    formula_cells: dict[str, set[str]] = field(default_factory=dict)
    error_cells: dict[str, set[str]] = field(default_factory=dict)
    max_ref: dict[str, tuple[int, int]] = field(default_factory=dict)
    has_external_links: bool = False
    has_macros: bool = False
    application: str | None = None


class _Reject(Exception):
    def __init__(self, *findings: Finding) -> None:
        super().__init__(findings[0].code if findings else "")
        self.findings = list(findings)


def preflight(data: bytes, name: str) -> PreflightResult:
    """Check a received file's bytes before any parser sees them; never raises."""
    try:
        return _Preflight(bytes(data), name).run()
    except Exception as exc:  # defence in depth: a surprise is a broken file, not a crash
        return PreflightResult(
            "corrupt", False, [finding(Code.FILE_CORRUPT, name, type(exc).__name__)]
        )


class _Preflight:
    def __init__(self, data: bytes, name: str) -> None:
        self.data, self.name = data, name
        self.kind = "unknown"
        self.findings: list[Finding] = []
        self.parts: dict[str, bytes] = {}
        self.sheet_parts: dict[str, str] = {}
        self.sheet_states: dict[str, str] = {}
        self.part_sheet: dict[str, str] = {}
        self.facts = Facts()
        self.external = False
        self.macros = False

    def reject(
        self,
        code: Code,
        detail: str = "",
        *,
        part: str = "",
        sheet: str | None = None,
        cell: str | None = None,
        detail_part: str | None = None,
        **params: Any,
    ) -> _Reject:
        return _Reject(
            finding(
                code,
                self.name,
                detail,
                part=part,
                sheet=sheet,
                cell=cell,
                detail_part=detail_part,
                **params,
            )
        )

    def run(self) -> PreflightResult:
        try:
            self._check()
        except _Reject as rejected:
            self.findings.extend(rejected.findings)
        except MemoryError:
            self.findings.append(finding(Code.ZIP_BOMB, self.name, detail_part="memori"))
        blocking = [f for f in self.findings if f.code not in NON_BLOCKING]
        facts = self.facts
        return PreflightResult(
            kind=self.kind,
            ok=self.kind in ("xlsx", "xlsm") and not blocking,
            findings=self.findings,
            sheet_parts=self.sheet_parts,
            sheet_states=self.sheet_states,
            formula_cells=facts.formula_cells,
            error_cells=facts.error_cells,
            max_ref=facts.max_ref,
            has_external_links=self.external,
            has_macros=self.macros,
            application=_application(self.parts.get("docProps/app.xml", b"")),
        )

    def _check(self) -> None:
        data = self.data
        if len(data) > MAX_FILE_SIZE:
            raise self.reject(Code.FILE_TOO_LARGE, f"{len(data) / MiB:.1f} MB".replace(".", ","))
        if data.startswith(ZIP_MAGIC):
            directory = central_directory(data)
            if directory and (directory[0] > MAX_ENTRIES or directory[1] > MAX_CENTRAL_DIRECTORY):
                raise self.reject(
                    Code.ZIP_BOMB, detail_part="bagian", jumlah=directory[0], batas=MAX_ENTRIES
                )
        self.kind, zf = classify(data)
        if zf is None:
            raise self._kind_rejection()
        with zf:
            if self.kind not in ("xlsx", "xlsm"):
                names = [n.replace("\\", "/").lower() for n in zf.namelist()]
                if self.kind == "zip-other" and (
                    "[content_types].xml" in names or any(n.startswith("xl/") for n in names)
                ):
                    raise self.reject(Code.OOXML_PART_MISSING, part="xl/workbook.xml")
                raise self._kind_rejection()
            self._check_zip(zf)

    def _kind_rejection(self) -> _Reject:
        if self.kind in _KIND_CODES:
            return self.reject(_KIND_CODES[self.kind])
        if self.kind in _NOT_SPREADSHEET:
            return self.reject(Code.FILE_NOT_SPREADSHEET, detail_part=self.kind)
        return self.reject(
            Code.FILE_CORRUPT, detail_part="terpotong" if self.kind == "truncated" else "zip"
        )

    def _check_zip(self, zf: zipfile.ZipFile) -> None:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise self.reject(
                Code.ZIP_BOMB, detail_part="bagian", jumlah=len(infos), batas=MAX_ENTRIES
            )
        seen: set[str] = set()
        for info in infos:
            key = info.filename.replace("\\", "/").lower()
            if key in seen:
                raise self.reject(Code.ZIP_DUPLICATE_ENTRY, part=info.filename)
            seen.add(key)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise self.reject(Code.FILE_ENCRYPTED)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self.reject(
                    Code.FILE_CORRUPT,
                    detail_part="metode",
                    metode=info.compress_type,
                    nama=info.filename,
                )
            size = info.file_size
            total += size
            if size > MAX_ENTRY_SIZE:
                raise self.reject(
                    Code.ZIP_BOMB, detail_part="mengembang", nama=info.filename, mb=size // MiB
                )
            if size > RATIO_GRACE and size > MAX_RATIO * max(info.compress_size, 1):
                ratio = size // max(info.compress_size, 1)
                raise self.reject(
                    Code.ZIP_BOMB, detail_part="rasio", nama=info.filename, rasio=ratio
                )
        if total > MAX_TOTAL_SIZE:
            raise self.reject(Code.ZIP_BOMB, detail_part="total", mb=total // MiB)
        self._check_overlap(zf, infos)
        missing = [p for p in REQUIRED_PARTS if p not in zf.NameToInfo]
        if missing:
            raise _Reject(*(finding(Code.OOXML_PART_MISSING, self.name, part=p) for p in missing))
        self._inflate(zf, infos)
        self._inspect()

    def _check_overlap(self, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
        # Overlapping members are how "quoted-overlap" zip bombs work (CVE-2024-0450).
        ordered = sorted(infos, key=lambda i: i.header_offset)
        ends = [i.header_offset for i in ordered[1:]] + [getattr(zf, "start_dir", len(self.data))]
        for info, end in zip(ordered, ends, strict=True):
            if info.header_offset + 30 + info.compress_size > end:
                raise self.reject(Code.ZIP_BOMB, detail_part="tumpang-tindih", nama=info.filename)

    def _inflate(self, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            chunks: list[bytes] = []
            got = 0
            try:
                with zf.open(info) as fh:
                    while chunk := fh.read(_CHUNK):
                        got += len(chunk)
                        total += len(chunk)
                        if got > info.file_size or got > MAX_ENTRY_SIZE or total > MAX_TOTAL_SIZE:
                            raise self.reject(
                                Code.ZIP_BOMB, detail_part="lebih-besar", nama=info.filename
                            )
                        chunks.append(chunk)
            except _Reject:
                raise
            except Exception as exc:  # BadZipFile (CRC, header), zlib.error, EOFError, ...
                corrupt = rule(Code.FILE_CORRUPT)
                kind = type(exc).__name__
                why = corrupt.part(kind) if kind in corrupt.parts else kind
                raise self.reject(
                    Code.FILE_CORRUPT, detail_part="bagian", nama=info.filename, sebab=why
                ) from exc
            if got != info.file_size:  # zipfile checks the CRC, not a short inflation
                why = rule(Code.FILE_CORRUPT).part("ukuran", ada=got, dinyatakan=info.file_size)
                raise self.reject(
                    Code.FILE_CORRUPT, detail_part="bagian", nama=info.filename, sebab=why
                )
            self.parts[info.filename] = b"".join(chunks)

    def _inspect(self) -> None:
        parts = self.parts
        for part in REQUIRED_PARTS:  # checked before they are parsed, to name sheets later
            self._check_xml(part)
        self._read_workbook()
        xml_parts = {p for p in parts if p.lower().endswith(_XML_SUFFIXES)}
        # Whatever a parser might take for a worksheet, however the rels are resolved.
        worksheets = set(self.sheet_parts.values()) | {
            p
            for p, data in parts.items()
            if b"sheetData" in data and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
        }
        for part in sorted((xml_parts | worksheets).difference(REQUIRED_PARTS)):
            self._check_xml(part)
            problem = shared_strings_lie(parts[part])
            if problem:
                raise self.reject(Code.ZIP_BOMB, detail_part="isi-bagian", nama=part, sebab=problem)
        for part in sorted(worksheets):
            sheet = self.part_sheet.get(part)
            try:
                scan_sheet(parts[part], part, self.facts)
            except FarReference as far:
                raise self.reject(
                    Code.OUTSIDE_FORM_AREA, far.ref, sheet=sheet, cell=far.cell
                ) from far
            except BadReference as bad:
                raise self.reject(Code.XML_MALFORMED, str(bad), part=part, sheet=sheet) from bad
            except TooMany as many:
                raise self.reject(
                    Code.ZIP_BOMB, detail_part="sel-rumus", nama=part, jumlah=many
                ) from many
        if self.macros:
            self.findings.append(finding(Code.MACRO_IGNORED, self.name))
        for part, cells in sorted(self.facts.external_cells.items()):
            for cell in sorted(cells):
                self.findings.append(
                    finding(
                        Code.EXTERNAL_LINK,
                        self.name,
                        sheet=self.part_sheet.get(part),
                        cell=cell,
                        detail_part="sel",
                        sel=cell,
                    )
                )
        self.external = self.external or bool(self.facts.external_cells)
        if self.external and not self.facts.external_cells:
            self.findings.append(finding(Code.EXTERNAL_LINK, self.name))

    def _check_xml(self, part: str) -> None:
        parsed = not part.lower().startswith("customxml/")
        problem = xml_problem(self.parts[part], parsed=parsed)
        if problem is None:
            return
        code, detail = problem
        sheet = self.part_sheet.get(part)
        raise self.reject(Code(code), detail, part=part, sheet=sheet)

    def _read_workbook(self) -> None:
        names = {n.replace("\\", "/").lower() for n in self.parts}
        self.macros = self.kind == "xlsm" or "xl/vbaproject.bin" in names
        self.external = any(n.startswith("xl/externallinks/") for n in names)
        workbook = self._parse("xl/workbook.xml", {"sheet", "externalReference"})
        relations = self._parse("xl/_rels/workbook.xml.rels", {"Relationship"})
        targets: dict[str, tuple[str, str]] = {}
        for _, attrs in relations:
            kind = attrs.get("Type", "").rsplit("/", 1)[-1]
            self.external = self.external or kind.lower().startswith("externallink")
            rid, target = attrs.get("Id"), attrs.get("Target")
            if rid and target and attrs.get("TargetMode", "").lower() != "external":
                targets[rid] = (kind, _resolve("xl", target))
        for tag, attrs in workbook:
            if tag == "externalReference":
                self.external = True
                continue
            rid = next((v for k, v in attrs.items() if k.endswith("}id")), None)
            sheet = attrs.get("name")
            if sheet is None or rid not in targets or targets[rid][0] != "worksheet":
                continue
            part = targets[rid][1]
            if part not in self.parts:
                raise self.reject(Code.OOXML_PART_MISSING, part=part, sheet=sheet)
            self.sheet_parts[sheet] = part
            self.sheet_states[sheet] = attrs.get("state", "visible")
            self.part_sheet.setdefault(part, sheet)

    def _parse(self, part: str, wanted: set[str]) -> list[tuple[str, dict[str, str]]]:
        data = self.parts[part]
        if len(data) > MAX_META_PART:
            raise self.reject(
                Code.ZIP_BOMB, detail_part="ukuran-bagian", nama=part, kb=len(data) // 1024
            )
        collector = _Collector(wanted)
        parser = DefusedXMLParser(target=collector, forbid_dtd=True)
        try:
            parser.feed(data)
            parser.close()
        except Exception as exc:  # ParseError, defusedxml's ValueErrors, our depth limit
            raise self.reject(Code.XML_MALFORMED, str(exc)[:160], part=part) from exc
        return collector.items


class _Collector:
    """ElementTree target that keeps only the wanted elements and refuses deep nesting."""

    def __init__(self, wanted: set[str]) -> None:
        self.wanted = wanted
        self.depth = 0
        self.items: list[tuple[str, dict[str, str]]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise ValueError(f"bersarang lebih dari {MAX_XML_DEPTH} tingkat")
        local = tag.rsplit("}", 1)[-1]
        if local in self.wanted:
            self.items.append((local, dict(attrib)))

    def end(self, tag: str) -> None:
        self.depth -= 1


def _resolve(base: str, target: str) -> str:
    target = target.replace("\\", "/")
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
    return posixpath.normpath(path)


_APPLICATION = re.compile(rb"<(?:[\w.-]+:)?Application>([^<]{0,200})</")


def _application(app_xml: bytes) -> str | None:
    match = _APPLICATION.search(app_xml)
    return match.group(1).decode("utf-8", "replace").strip() if match else None


def ensure_defused_openpyxl() -> None:
    """Refuse to go on when openpyxl would parse XML without defusedxml (docs/reliability.md A1).

    Checked without importing openpyxl (a quarter of a second, and a collect of clean forms
    never needs it, docs/performance.md §6): openpyxl fixes its `DEFUSEDXML` flag when it is
    first imported, from defusedxml being importable and `OPENPYXL_DEFUSEDXML` not being
    switched off, so those two facts are checked here; once openpyxl is loaded, its own
    flag is. Callers check again right before they import openpyxl.
    """
    import os
    import sys

    loaded = sys.modules.get("openpyxl")
    if loaded is not None:
        defused = getattr(loaded, "DEFUSEDXML", False) is True
    else:
        from importlib.util import find_spec

        defused = (
            find_spec("defusedxml") is not None
            and os.environ.get("OPENPYXL_DEFUSEDXML", "True") == "True"
        )
    if not defused:
        raise KinerjaError(
            "Perlindungan XML openpyxl tidak aktif: pasang paket 'defusedxml' dan jangan setel "
            "OPENPYXL_DEFUSEDXML=False. kinerja tidak membaca file kiriman tanpa perlindungan ini."
        )
