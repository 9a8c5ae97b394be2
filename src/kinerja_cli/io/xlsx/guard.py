"""Preflight: are a received file's bytes safe to hand to openpyxl or python-calamine?

Everything here works on bytes the caller read once; nothing opens or writes a file.
The limits follow RELIABILITY A1-A3 and PERF 5.3; calamine aborts the whole process
(uncatchable) on a far cell, a dense used range or a lying sharedStrings count, so those
are refused here before any parser sees the file.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from defusedxml.ElementTree import DefusedXMLParser

from kinerja_cli.domain.findings import ERROR, WARNING, Finding, Severity
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
NON_BLOCKING = frozenset({"macro-ignored", "external-link"})
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 64 * 1024

_KIRIM_ULANG = "Minta bidang mengirim ulang formulir .xlsx asli."
_SIMPAN_XLSX = "Buka file, pilih Simpan Sebagai → Excel Workbook (*.xlsx), lalu kirim ulang."
_MESSAGES = {
    "file-empty": "File kosong — salinan atau unduhan gagal. " + _KIRIM_ULANG,
    "file-too-large": "File berukuran {detail}, jauh di atas formulir biasa (batas 10 MB). "
    "Kirim formulir .xlsx asli tanpa gambar atau lembar tambahan.",
    "file-csv": "File berisi teks CSV, bukan workbook Excel, walaupun namanya .xlsx; CSV "
    "kehilangan lembar metadata dan format angka. Buka formulir asli di Excel, Simpan "
    "Sebagai → Excel Workbook (*.xlsx), lalu kirim ulang.",
    "file-not-spreadsheet": "File ini {detail}, bukan workbook Excel. " + _KIRIM_ULANG,
    "file-format-xls": "File berformat Excel 97-2003 (.xls), bukan .xlsx. " + _SIMPAN_XLSX,
    "file-format-ods": "File berformat OpenDocument (.ods, LibreOffice/WPS), bukan .xlsx. "
    "Di LibreOffice pilih File → Simpan Sebagai → Excel 2007-365 (.xlsx), lalu kirim ulang.",
    "file-format-xlsb": "File berformat Excel Binary (.xlsb), bukan .xlsx. " + _SIMPAN_XLSX,
    "file-encrypted": "File dikunci kata sandi sehingga tidak bisa dibaca. Buka di Excel, hapus "
    "kata sandinya (File → Info → Protect Workbook), simpan, lalu kirim ulang. Jangan "
    "kirimkan kata sandinya.",
    "file-corrupt": "File rusak atau terpotong ({detail}). " + _KIRIM_ULANG,
    "ooxml-part-missing": "Bagian wajib '{part}' tidak ada di dalam file — file rusak atau "
    "dibuat program yang tidak lengkap. Buka di Excel, simpan ulang sebagai .xlsx, lalu "
    "kirim ulang.",
    "zip-duplicate-entry": "File berisi dua bagian bernama '{part}'; program berbeda akan "
    "membaca isi yang berbeda — kemungkinan file rekayasa. " + _KIRIM_ULANG,
    "zip-bomb": "File ditolak demi keamanan: {detail}, jauh di luar ukuran formulir biasa "
    "(kemungkinan 'zip bomb'). " + _KIRIM_ULANG,
    "xml-dtd-forbidden": "File berisi deklarasi DTD/entitas XML di '{part}' yang tidak pernah "
    "dibuat oleh Excel/LibreOffice — kemungkinan file rekayasa. " + _KIRIM_ULANG,
    "xml-malformed": "XML di bagian '{part}' tidak sah ({detail}). File rusak atau diubah di "
    "luar Excel; buka di Excel, simpan ulang sebagai .xlsx, lalu kirim ulang.",
    "outside-form-area": "Lembar memakai {detail}, jauh di luar area formulir (batas kolom ZZ, "
    "baris 99.999, dua juta sel); file tidak dibaca demi keamanan. Hapus isi sel itu atau "
    "salin isian ke formulir baru, simpan, lalu kirim ulang.",
    "macro-ignored": "File berisi makro (VBA); makro diabaikan dan tidak pernah dijalankan, "
    "hanya nilai sel yang dibaca. Sebaiknya simpan sebagai Excel Workbook (*.xlsx).",
    "external-link": "Workbook berisi rumus/tautan ke file lain{detail}; nilainya berasal dari "
    "file yang tidak ikut dikirim sehingga tidak dipakai. Ketik angkanya langsung, simpan, "
    "lalu kirim ulang.",
}
_NOT_SPREADSHEET = {
    "html": "sepertinya halaman web/HTML (mis. halaman galat webmail atau 'Simpan sebagai "
    "Halaman Web')",
    "pdf": "berformat PDF (hasil cetak)",
    "unknown": "tidak dikenali sebagai lembar kerja",
    "zip-other": "arsip ZIP atau dokumen lain (mis. Word)",
}
_CORRUPT = {
    "error": "data terkompresi rusak",  # zlib.error
    "BadZipFile": "CRC atau ukuran tidak cocok",
    "EOFError": "data terpotong",
}
_KIND_CODES = {
    "empty": "file-empty",
    "csv": "file-csv",
    "xls": "file-format-xls",
    "ods": "file-format-ods",
    "xlsb": "file-format-xlsb",
    "encrypted": "file-encrypted",
}


def finding(
    code: str,
    file: str | None,
    detail: str = "",
    *,
    part: str = "",
    severity: Severity = ERROR,
    sheet: str | None = None,
    cell: str | None = None,
) -> Finding:
    """A preflight finding with its Bahasa Indonesia message."""
    message = _MESSAGES[code].format(detail=detail, part=part)
    return Finding(code, severity, message, file=file, sheet=sheet, cell=cell)


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
            "corrupt", False, [finding("file-corrupt", name, type(exc).__name__)]
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
        code: str,
        detail: str = "",
        *,
        part: str = "",
        sheet: str | None = None,
        cell: str | None = None,
    ) -> _Reject:
        return _Reject(finding(code, self.name, detail, part=part, sheet=sheet, cell=cell))

    def run(self) -> PreflightResult:
        try:
            self._check()
        except _Reject as rejected:
            self.findings.extend(rejected.findings)
        except MemoryError:
            self.findings.append(finding("zip-bomb", self.name, "isinya terlalu besar"))
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
            raise self.reject("file-too-large", f"{len(data) / MiB:.1f} MB".replace(".", ","))
        if data.startswith(ZIP_MAGIC):
            directory = central_directory(data)
            if directory and (directory[0] > MAX_ENTRIES or directory[1] > MAX_CENTRAL_DIRECTORY):
                raise self.reject("zip-bomb", f"berisi {directory[0]} bagian (batas {MAX_ENTRIES})")
        self.kind, zf = classify(data)
        if zf is None:
            raise self._kind_rejection()
        with zf:
            if self.kind not in ("xlsx", "xlsm"):
                names = [n.replace("\\", "/").lower() for n in zf.namelist()]
                if self.kind == "zip-other" and (
                    "[content_types].xml" in names or any(n.startswith("xl/") for n in names)
                ):
                    raise self.reject("ooxml-part-missing", part="xl/workbook.xml")
                raise self._kind_rejection()
            self._check_zip(zf)

    def _kind_rejection(self) -> _Reject:
        if self.kind in _KIND_CODES:
            return self.reject(_KIND_CODES[self.kind])
        if self.kind in _NOT_SPREADSHEET:
            return self.reject("file-not-spreadsheet", _NOT_SPREADSHEET[self.kind])
        detail = "isi ZIP terpotong" if self.kind == "truncated" else "struktur ZIP tidak sah"
        return self.reject("file-corrupt", detail)

    def _check_zip(self, zf: zipfile.ZipFile) -> None:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise self.reject("zip-bomb", f"berisi {len(infos)} bagian (batas {MAX_ENTRIES})")
        seen: set[str] = set()
        for info in infos:
            key = info.filename.replace("\\", "/").lower()
            if key in seen:
                raise self.reject("zip-duplicate-entry", part=info.filename)
            seen.add(key)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise self.reject("file-encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self.reject(
                    "file-corrupt",
                    f"metode kompresi {info.compress_type} di "
                    f"'{info.filename}' tidak dipakai Excel",
                )
            size = info.file_size
            total += size
            if size > MAX_ENTRY_SIZE:
                raise self.reject(
                    "zip-bomb", f"'{info.filename}' mengembang menjadi {size // MiB} MB"
                )
            if size > RATIO_GRACE and size > MAX_RATIO * max(info.compress_size, 1):
                ratio = size // max(info.compress_size, 1)
                raise self.reject("zip-bomb", f"'{info.filename}' dimampatkan {ratio}:1")
        if total > MAX_TOTAL_SIZE:
            raise self.reject("zip-bomb", f"seluruh isinya mengembang menjadi {total // MiB} MB")
        self._check_overlap(zf, infos)
        missing = [p for p in REQUIRED_PARTS if p not in zf.NameToInfo]
        if missing:
            raise _Reject(*(finding("ooxml-part-missing", self.name, part=p) for p in missing))
        self._inflate(zf, infos)
        self._inspect()

    def _check_overlap(self, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
        # Overlapping members are how "quoted-overlap" zip bombs work (CVE-2024-0450).
        ordered = sorted(infos, key=lambda i: i.header_offset)
        ends = [i.header_offset for i in ordered[1:]] + [getattr(zf, "start_dir", len(self.data))]
        for info, end in zip(ordered, ends, strict=True):
            if info.header_offset + 30 + info.compress_size > end:
                raise self.reject("zip-bomb", f"bagian '{info.filename}' saling tumpang tindih")

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
                                "zip-bomb",
                                f"'{info.filename}' lebih besar dari ukuran yang dinyatakan",
                            )
                        chunks.append(chunk)
            except _Reject:
                raise
            except Exception as exc:  # BadZipFile (CRC, header), zlib.error, EOFError, ...
                why = _CORRUPT.get(type(exc).__name__, type(exc).__name__)
                raise self.reject("file-corrupt", f"bagian '{info.filename}': {why}") from exc
            if got != info.file_size:  # zipfile checks the CRC, not a short inflation
                why = f"ukuran {got} byte, dinyatakan {info.file_size}"
                raise self.reject("file-corrupt", f"bagian '{info.filename}': {why}")
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
                raise self.reject("zip-bomb", f"'{part}' {problem}")
        for part in sorted(worksheets):
            sheet = self.part_sheet.get(part)
            try:
                scan_sheet(parts[part], part, self.facts)
            except FarReference as far:
                raise self.reject("outside-form-area", far.ref, sheet=sheet, cell=far.cell) from far
            except BadReference as bad:
                raise self.reject("xml-malformed", str(bad), part=part, sheet=sheet) from bad
            except TooMany as many:
                raise self.reject("zip-bomb", f"'{part}' berisi {many} sel rumus/galat") from many
        if self.macros:
            self.findings.append(finding("macro-ignored", self.name, severity=WARNING))
        for part, cells in sorted(self.facts.external_cells.items()):
            for cell in sorted(cells):
                self.findings.append(
                    finding(
                        "external-link",
                        self.name,
                        f" (sel {cell})",
                        sheet=self.part_sheet.get(part),
                        cell=cell,
                    )
                )
        self.external = self.external or bool(self.facts.external_cells)
        if self.external and not self.facts.external_cells:
            self.findings.append(finding("external-link", self.name))

    def _check_xml(self, part: str) -> None:
        parsed = not part.lower().startswith("customxml/")
        problem = xml_problem(self.parts[part], parsed=parsed)
        if problem is None:
            return
        code, detail = problem
        sheet = self.part_sheet.get(part)
        raise self.reject(code, detail, part=part, sheet=sheet)

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
                raise self.reject("ooxml-part-missing", part=part, sheet=sheet)
            self.sheet_parts[sheet] = part
            self.sheet_states[sheet] = attrs.get("state", "visible")
            self.part_sheet.setdefault(part, sheet)

    def _parse(self, part: str, wanted: set[str]) -> list[tuple[str, dict[str, str]]]:
        data = self.parts[part]
        if len(data) > MAX_META_PART:
            raise self.reject("zip-bomb", f"'{part}' berukuran {len(data) // 1024} KB")
        collector = _Collector(wanted)
        parser = DefusedXMLParser(target=collector, forbid_dtd=True)
        try:
            parser.feed(data)
            parser.close()
        except Exception as exc:  # ParseError, defusedxml's ValueErrors, our depth limit
            raise self.reject("xml-malformed", str(exc)[:160], part=part) from exc
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
    """Refuse to go on when openpyxl would parse XML without defusedxml (RELIABILITY A1)."""
    import openpyxl

    if getattr(openpyxl, "DEFUSEDXML", False) is not True:
        raise KinerjaError(
            "Perlindungan XML openpyxl tidak aktif: pasang paket 'defusedxml' dan jangan setel "
            "OPENPYXL_DEFUSEDXML=False. kinerja tidak membaca file kiriman tanpa perlindungan ini."
        )
