"""Regency-scale benchmark for kinerja. Anyone can run it:

    uv run python benchmarks/bench.py                 # 200 bidang x 50 indikator, 5 versions each
    uv run python benchmarks/bench.py --bidang 20     # a quick smaller run

It builds a synthetic PK (N bidang x 50 indicators, 5 budget rows each), writes the TW2 forms,
fills every form 5 times with different values (N x 5 distinct files, later versions newer,
all dated before the return deadline), then times whole processes, each beside its floor
measured in the same run:

- collect of the N x 5 new files (as run by default, and with --jobs 1) against the read
  floor: python-calamine reading the same files' Kinerja and Anggaran sheets in one process;
- compile (N x 50 indicators) against the write floor: a bare streaming writer, written
  below, that writes the very cells of the draft compile wrote (inline strings, a handful of
  style indexes, deflate level 6) and nothing else;
- collect + compile against read floor + write floor;
- re-collect of the unchanged inbox (target <= 0.5 s) against reading and hashing the files;
- peak memory (max RSS, main process and largest worker) of collect at N x 1 and N x 5
  files, and of compile at N x 50 and at a fifth of the indicators (flat: target <= 150 MiB);
- every command at agency scale (the example PK: 9 bidang, 35 indicators), each a whole
  process including interpreter start (target <= 1 s), and `kinerja --help` against
  `python -c pass`, with bytecode caches and without any (PYTHONDONTWRITEBYTECODE set and
  nothing compiled: what a venv without bytecode costs at every start);
- how much a second process gains on this machine (two CPU-bound processes vs one).

Filling: version 1 of each bidang is filled with openpyxl (`io.form_filler`, ~50 ms a file);
versions 2..5 are derived from it by rewriting the bytes of the Anggaran sheet XML (each lowers
the quarter's budget realisations by one more percent), a few ms a file. So every file has
distinct bytes and really different values, as resubmissions do, and 1,000 files take seconds
rather than minutes. A process pool was not needed for that.

Processes run as an installed kinerja would: with Python bytecode caches (kept in
benchmarks/out/pycache, so PYTHONDONTWRITEBYTECODE in the environment does not turn every
start into a full compile of the sources), warmed up once before timing.

Results are printed as a Markdown table and written to benchmarks/out/results.md.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import functools
import hashlib
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PY = sys.executable
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")

# Run a kinerja command in-process and report its own peak RSS (KiB on Linux) on stderr.
# On Linux the peak comes from VmHWM: ru_maxrss of a child also counts the pages of this
# (large) benchmark process it carried between fork and exec.
RUNNER = r"""
import resource, sys
from kinerja_cli.cli.app import app
sys.argv = ["kinerja"] + sys.argv[1:]
code = 0
try:
    app()
except SystemExit as e:
    code = e.code if isinstance(e.code, int) else 0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:  # the peak of this process image only: ru_maxrss also counts the parent's pages
    with open("/proc/self/status") as fh:  # held between fork and exec
        rss = next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"\nMAXRSS_KB={rss} {kids}\n")
sys.exit(code)
"""


def build_pk(path: Path, n_bidang: int, n_ind: int, n_budget: int, tahun: int = 2025) -> None:
    """A synthetic PK: n_bidang x n_ind indicators, n_budget leaf budget rows per bidang."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Identitas"
    ws.append(["Isian", "Nilai"])
    for row in (
        ("Pemerintah Daerah", "Kabupaten Tolok Ukur"),
        ("Perangkat Daerah", "Badan Perencanaan Pembangunan Daerah"),
        ("Singkatan", "Bappeda"),
        ("Tahun", tahun),
        ("Tempat", "Paringin"),
        ("Kepala Perangkat Daerah", "(nama Kepala)"),
        ("NIP Kepala", "19760309 200604 2 007"),
        ("Pangkat/Golongan Kepala", "Pembina Utama Muda (IV/c)"),
        ("Jabatan Kepala", "Kepala Badan"),
    ):
        ws.append(list(row))
    wb_b = wb.create_sheet("Bidang")
    wb_b.append(["Kode", "Nama", "Kepala", "NIP", "Jabatan"])
    ind = wb.create_sheet("Indikator")
    ind.append(
        [
            "Kode",
            "Sasaran",
            "Indikator Kinerja",
            "Satuan",
            "Arah",
            "Sifat",
            "Target",
            "Target TW I",
            "Target TW II",
            "Target TW III",
            "Target TW IV",
            "Bidang",
        ]
    )
    ang = wb.create_sheet("Anggaran")
    ang.append(["Kode", "Uraian", "Bidang", "Pagu", "Sasaran"])
    for b in range(1, n_bidang + 1):
        kode = f"B{b:03d}"
        wb_b.append([kode, f"Bidang Uji {b}", f"(nama Kabid {b})", "", f"Kepala Bidang Uji {b}"])
        sasaran = f"Sasaran strategis nomor {(b - 1) % 12 + 1} untuk pengukuran"
        for i in range(1, n_ind + 1):
            if i % 2:
                ind.append(
                    [
                        f"IK.{b:03d}.{i:02d}",
                        sasaran,
                        f"Persentase layanan {i} bidang {b}",
                        "%",
                        "naik",
                        "status",
                        80,
                        70,
                        74,
                        77,
                        80,
                        kode,
                    ]
                )
            else:
                ind.append(
                    [
                        f"IK.{b:03d}.{i:02d}",
                        sasaran,
                        f"Jumlah keluaran {i} bidang {b}",
                        "unit",
                        "naik",
                        "kumulatif",
                        100,
                        20,
                        45,
                        75,
                        100,
                        kode,
                    ]
                )
        prog = f"9.{b:02d}.{b:03d}"
        total = 0
        for j in range(1, n_budget + 1):
            total += 100_000_000 * j
        ang.append([prog, f"Program uji {b}", kode, total, None])
        for j in range(1, n_budget + 1):
            ang.append([f"{prog}.2.01.{j:04d}", f"Sub kegiatan {j}", kode, 100_000_000 * j, "S1"])
    wb.save(path)


@dataclasses.dataclass
class Run:
    """One whole kinerja process."""

    seconds: float
    rss_kib: int  # peak RSS of the kinerja process
    workers_kib: int  # peak RSS of its largest worker process (0: none)
    stdout: str


def kinerja(args: list[str], cwd: Path) -> Run:
    """Run a kinerja command as a whole process."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [PY, "-c", RUNNER, *args], cwd=cwd, capture_output=True, text=True, check=False, env=ENV
    )
    dt = time.perf_counter() - t0
    rss = kids = 0
    for line in proc.stderr.splitlines():
        if line.startswith("MAXRSS_KB="):
            rss, kids = (int(x) for x in line.split("=", 1)[1].split())
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"kinerja {' '.join(args)} gagal ({proc.returncode}):\n{proc.stderr[-2000:]}"
        )
    return Run(dt, rss, kids, proc.stdout)


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str:
    """The zip member of a named sheet (workbook.xml -> workbook.xml.rels)."""
    from xml.etree import ElementTree as ET

    wb = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rid = next(s.get(_REL_NS) for s in wb.iter(f"{ns}sheet") if s.get("name") == sheet)
    target = next(r.get("Target") for r in rels if r.get("Id") == rid) or ""
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def derive_version(src: bytes, version: int, header: str) -> bytes:
    """A later version of a filled form: every realisation in the Anggaran column `header`
    (current quarter) lowered by `version - 1` percent, rounded to Rp1.000, by rewriting the
    sheet XML bytes; every other zip member is copied as is."""
    with zipfile.ZipFile(io.BytesIO(src)) as zf:
        part = _sheet_part(zf, "Anggaran")
        xml = zf.read(part).decode("utf-8")
        m = re.search(r'<c r="([A-Z]+)6"[^>]*><is><t>' + re.escape(header) + "</t>", xml)
        if m is None:
            raise SystemExit(f"kolom {header!r} tidak ada di lembar Anggaran")
        col = m.group(1)
        factor = 1000 - 10 * (version - 1)

        def lower(c: re.Match[str]) -> str:
            value = int(float(c.group(2)) * factor / 1000 / 1000) * 1000
            return f"{c.group(1)}{value}</v>"

        xml = re.sub(r'(<c r="' + col + r'\d+"[^>]*><v>)([0-9.]+)</v>', lower, xml)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in zf.infolist():
                data = xml.encode("utf-8") if info.filename == part else zf.read(info)
                dst.writestr(info, data)
    return out.getvalue()


def fill_all(ws: Path, versions: int) -> list[Path]:
    """Fill every TW2 form `versions` times into masuk/ (see the module docstring): distinct
    bytes, later versions newer, every file dated the day before the return deadline."""
    import datetime as dt

    from kinerja_cli.domain.periode import Periode
    from kinerja_cli.io.form import layout as L
    from kinerja_cli.io.form.filler import fill_form, simulated_values
    from kinerja_cli.io.pk.reader import read_pk
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.services.setup import batas_pengisian

    pk = read_pk(ws / "pk.xlsx").pk
    assert pk is not None
    periode = Periode.parse("2")
    header = L.realisasi_header(periode.triwulan)
    batas = batas_pengisian(find_workspace(ws), periode)
    base = dt.datetime.combine(batas - dt.timedelta(days=1), dt.time(8)).timestamp()
    forms = sorted((ws / "formulir").glob("*.xlsx"))
    out: list[Path] = []
    for n, form in enumerate(forms):
        bidang = form.name.split("-")[2]
        values, narasi, anggaran = simulated_values(pk, bidang, periode, seed=1)
        first = ws / "masuk" / f"{form.stem}-v1.xlsx"
        fill_form(form, first, values, narasi, anggaran)
        data = first.read_bytes()
        for v in range(1, versions + 1):
            dest = ws / "masuk" / f"{form.stem}-v{v}.xlsx"
            if v > 1:
                dest.write_bytes(derive_version(data, v, header))
            os.utime(dest, (base + n * 10 + v, base + n * 10 + v))
            out.append(dest)
    if len({hashlib.sha256(p.read_bytes()).digest() for p in out}) != len(out):
        raise SystemExit("berkas turunan tidak semuanya berbeda")
    return out


def calamine_floor(files: list[Path]) -> float:
    """Seconds to read every file's Kinerja and Anggaran sheets with python-calamine."""
    from python_calamine import CalamineWorkbook

    t0 = time.perf_counter()
    for f in files:
        wb = CalamineWorkbook.from_path(str(f))
        for name in ("Kinerja", "Anggaran"):
            if name in wb.sheet_names:
                wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return time.perf_counter() - t0


def hash_floor(files: list[Path]) -> float:
    """Seconds to read and SHA-256 every file."""
    t0 = time.perf_counter()
    for f in files:
        hashlib.sha256(f.read_bytes()).hexdigest()
    return time.perf_counter() - t0


_CELL = re.compile(
    r'<c r="([A-Z]+)([0-9]+)"(?: s="([0-9]+)")?(?: t="(\w+)")?'
    r"(?:/>|>(?:<v>([^<]*)</v>|<is><t[^>]*>([^<]*)</t></is>)</c>)"
)


def draft_cells(path: Path) -> list[list[list[tuple[int, int, str, str]]]]:
    """The cells of every sheet of a draft: per sheet, per row, (col, style, kind, value)."""
    import html

    sheets = []
    with zipfile.ZipFile(path) as zf:
        names = sorted(
            (n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")),
            key=lambda n: int(re.sub(r"\D", "", n) or 0),
        )
        for name in names:
            rows: dict[int, list[tuple[int, int, str, str]]] = {}
            for col, row, style, kind, num, text in _CELL.findall(zf.read(name).decode()):
                c = 0
                for ch in col:
                    c = c * 26 + ord(ch) - 64
                value = html.unescape(text) if kind == "inlineStr" else num
                rows.setdefault(int(row), []).append(
                    (c, int(style or 0), "s" if kind == "inlineStr" else "n", value)
                )
            sheets.append([rows[r] for r in sorted(rows)])
    return sheets


def write_floor(sheets: list[list[list[tuple[int, int, str, str]]]], out: Path) -> float:
    """Seconds a bare streaming writer takes for the same cells: sheet XML with inline strings
    and 6 style indexes, deflated at level 6, with a minimal workbook around it."""
    from xml.sax.saxutils import escape

    letters = [""]
    for n in range(1, 703):
        s, m = "", n
        while m:
            m, r = divmod(m - 1, 26)
            s = chr(65 + r) + s
        letters.append(s)
    t0 = time.perf_counter()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for i, rows in enumerate(sheets, start=1):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w") as fh:
                fh.write(
                    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                )
                for r, cells in enumerate(rows, start=1):
                    parts = [f'<row r="{r}">']
                    for c, style, kind, value in cells:
                        ref = f'<c r="{letters[c]}{r}" s="{style % 6}"'
                        if kind == "s":
                            parts.append(f'{ref} t="inlineStr"><is><t>{escape(value)}</t></is></c>')
                        elif value:
                            parts.append(f"{ref}><v>{value}</v></c>")
                        else:
                            parts.append(ref + "/>")
                    parts.append("</row>")
                    fh.write("".join(parts).encode())
                fh.write(b"</sheetData></worksheet>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/styles.xml", "<styleSheet/>")
    return time.perf_counter() - t0


def agency(out: Path, say: Callable[..., None]) -> list[tuple[str, float]]:
    """Every command on the example PK (9 bidang, 35 indicators), each a whole process."""
    root = out / "ws-dinas"
    if root.exists():
        shutil.rmtree(root)
    pk = HERE.parent / "examples" / "pk-balangan-2025.xlsx"
    times: list[tuple[str, float]] = []

    def run(label: str, args: list[str], cwd: Path = root) -> None:
        times.append((label, kinerja(args, cwd).seconds))

    run("init", ["init", str(root), "--pk", str(pk)], cwd=out)
    run("check-pk", ["check-pk"])
    run("init-form -t 2", ["init-form", "-t", "2"])
    fill_all(root, 1)
    run("collect (9 berkas baru)", ["collect"])
    run("collect ulang", ["collect"])
    run("status", ["status"])
    run("compile -t 2", ["compile", "-t", "2"])
    draft = next((root / "hasil").glob("Draf-*.xlsx"))
    shutil.copy(draft, out / "draf-salinan.xlsx")
    run("diff (dua draf)", ["diff", str(draft), str(out / "draf-salinan.xlsx")])
    run("report -t 2 (format bawaan)", ["report", "-t", "2"])
    for fmt in ("html", "docx", "xlsx"):
        run(f"report -t 2 --format {fmt}", ["report", "-t", "2", "--format", fmt])
    run("archive -t 2", ["archive", "-t", "2"])
    demo = out / "ws-demo"
    if demo.exists():
        shutil.rmtree(demo)
    demo.mkdir()
    run("demo", ["demo"], cwd=demo)
    say("skala dinas: " + ", ".join(f"{a} {b:.2f} s" for a, b in times))
    return times


def startup_cold(reps: int = 7) -> float:
    """Median wall seconds of `kinerja --help` with PYTHONDONTWRITEBYTECODE set and no
    bytecode anywhere (an empty cache prefix): every start compiles every module."""
    env = {**ENV, "PYTHONDONTWRITEBYTECODE": "1"}
    cmd = [PY, "-m", "kinerja_cli", "--help"]
    times = []
    for n in range(reps):
        empty = OUT / f"pycache-kosong-{n}"
        shutil.rmtree(empty, ignore_errors=True)
        env["PYTHONPYCACHEPREFIX"] = str(empty)
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - t0)
        shutil.rmtree(empty, ignore_errors=True)
    return statistics.median(times)


def uv_run_help(reps: int = 5) -> float | None:
    """Median wall seconds of `uv run kinerja --help` with PYTHONDONTWRITEBYTECODE set, as a
    developer types it in the checkout (None when uv is not on PATH)."""
    uv = shutil.which("uv")
    if uv is None:
        return None
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    cmd = [uv, "run", "--project", str(HERE.parent), "kinerja", "--help"]
    subprocess.run(cmd, capture_output=True, check=True, env=env)  # a sync, if one is due
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def startup(reps: int = 15) -> tuple[float, float]:
    """Median wall seconds of `kinerja --help` and of `python -c pass`, interleaved."""
    help_cmd, bare_cmd = [PY, "-m", "kinerja_cli", "--help"], [PY, "-c", "pass"]
    subprocess.run(help_cmd, capture_output=True, check=True, env=ENV)  # warm the caches
    helps: list[float] = []
    bares: list[float] = []
    for _ in range(reps):
        for cmd, times in ((help_cmd, helps), (bare_cmd, bares)):
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True, env=ENV)
            times.append(time.perf_counter() - t0)
    return statistics.median(helps), statistics.median(bares)


_BURN = "s = 0\nfor i in range(8_000_000):\n    s += i * i\n"


def parallel_gain() -> float:
    """Throughput of two CPU-bound processes at once over one (2.0: a free second core)."""

    def wall(n: int) -> float:
        t0 = time.perf_counter()
        procs = [subprocess.Popen([PY, "-c", _BURN]) for _ in range(n)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - t0

    one = statistics.median(wall(1) for _ in range(3))
    two = statistics.median(wall(2) for _ in range(3))
    return 2 * one / two


def _mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


def _x(a: float, b: float) -> str:
    return f"{a / b:.1f}x".replace(".", ",")


def _n(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def _s(seconds: float, places: int = 2) -> str:
    return f"{seconds:.{places}f} s".replace(".", ",")


def _small_compile(n_bidang: int, n_ind: int) -> Run:
    """compile at a fifth of the indicators (one version per bidang): memory flatness."""
    root = OUT / "ws-seperlima"
    if root.exists():
        shutil.rmtree(root)
    pk = OUT / "pk-seperlima.xlsx"
    build_pk(pk, n_bidang, n_ind, 5)
    kinerja(["init", str(root), "--pk", str(pk)], cwd=OUT)
    kinerja(["init-form", "-t", "2"], cwd=root)
    fill_all(root, 1)
    kinerja(["collect", "--jobs", "1"], cwd=root)
    return kinerja(["compile", "-t", "2"], cwd=root)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bidang", type=int, default=200)
    ap.add_argument("--indikator", type=int, default=50)
    ap.add_argument("--versi", type=int, default=5)
    ap.add_argument("--dir", type=Path, default=OUT / "ws")
    args = ap.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    root = args.dir
    for d in (root, root.parent / "ws-kecil", root.parent / "ws-serial"):
        if d.exists():
            shutil.rmtree(d)
    root.parent.mkdir(parents=True, exist_ok=True)
    pk_path = OUT / "pk-bench.xlsx"
    rows: list[tuple[str, str, str]] = []
    say = functools.partial(print, file=sys.stderr, flush=True)
    n_ind = args.bidang * args.indikator

    t0 = time.perf_counter()
    build_pk(pk_path, args.bidang, args.indikator, 5)
    say(
        f"PK sintetis: {args.bidang} bidang x {args.indikator} indikator ({_s(time.perf_counter() - t0, 1)})"
    )
    kinerja(["--help"], cwd=OUT)  # warm the bytecode caches
    kinerja(["init", str(root), "--pk", str(pk_path)], cwd=OUT)

    init = kinerja(["init-form", "-t", "2"], cwd=root)
    n_forms = len(list((root / "formulir").glob("*.xlsx")))

    t0 = time.perf_counter()
    files = fill_all(root, args.versi)
    say(f"{len(files)} berkas diisi ({time.perf_counter() - t0:.0f} s)")
    n = len(files)

    # Memory flatness: the same collect over N x 1 files (a copy with version 1 only), and a
    # serial run over all N x 5 files (a copy) to compare with the default run below.
    small = root.parent / "ws-kecil"
    shutil.copytree(root, small, ignore=shutil.ignore_patterns("*-v[2-9].xlsx"))
    c_small = kinerja(["collect", "--jobs", "1", "--json"], cwd=small)
    serial = root.parent / "ws-serial"
    shutil.copytree(root, serial)
    c_serial = kinerja(["collect", "--jobs", "1", "--json"], cwd=serial)
    say(f"collect --jobs 1: {_s(c_serial.seconds, 1)}")

    read_floors = [calamine_floor(files)]
    c = kinerja(["collect", "--json"], cwd=root)
    statuses = collections.Counter(f["status"] for f in json.loads(c.stdout)["files"])
    say(f"collect: {_s(c.seconds, 1)}, {dict(statuses)}")
    if statuses.get("diterima", 0) != n:
        raise SystemExit(f"tidak semua berkas diterima: {dict(statuses)}")
    if json.loads(c.stdout)["files"] != json.loads(c_serial.stdout)["files"]:
        raise SystemExit("collect paralel dan serial memberi jawaban berbeda")
    read_floors.append(calamine_floor(files))
    comp = kinerja(["compile", "-t", "2"], cwd=root)
    say(f"compile: {_s(comp.seconds, 1)}")
    draft = next((root / "hasil").glob("Draf-*.xlsx"))
    cells = draft_cells(draft)
    n_cells = sum(len(r) for sheet in cells for r in sheet)
    write_floors = [write_floor(cells, OUT / "floor.xlsx") for _ in range(3)]
    read_floors.append(calamine_floor(files))
    del cells
    fifth = max(args.bidang // 5, 1)
    comp_small = _small_compile(fifth, args.indikator)
    again = [kinerja(["collect", "--json"], cwd=root).seconds for _ in range(3)]
    hashing = statistics.median(hash_floor(files) for _ in range(3))
    dinas = agency(OUT, say)
    help_s, bare_s = startup()
    cold = startup_cold()
    uv_help = uv_run_help()
    gain = parallel_gain()

    read_floor = statistics.median(read_floors)
    write_fl = statistics.median(write_floors)
    both = c.seconds + comp.seconds
    ind = f"{n_ind:,}".replace(",", ".")
    rows += [
        (
            "init-form TW2",
            f"{n_forms} formulir, {_s(init.seconds, 1)}",
            f"{n_forms / init.seconds:.1f} formulir/s (target >= 10)".replace(".", ","),
        ),
        (
            "floor baca: python-calamine, Kinerja+Anggaran, 1 proses",
            _s(read_floor),
            f"{read_floor / n * 1000:.2f} ms/berkas".replace(".", ","),
        ),
        (
            f"collect {n} berkas baru (bawaan: 2 proses pembaca di atas 200 berkas baru)",
            _s(c.seconds),
            f"{_x(c.seconds, read_floor)} floor baca (target <= 6x)",
        ),
        (
            "collect --jobs 1",
            _s(c_serial.seconds),
            f"{_x(c_serial.seconds, read_floor)} floor baca",
        ),
        (
            "floor tulis: penulis streaming polos, sel yang sama (" + _n(n_cells) + " sel)",
            _s(write_fl),
            "string inline, 6 indeks gaya, deflate level 6 (median 3)",
        ),
        (
            f"compile -t 2 ({ind} indikator)",
            _s(comp.seconds),
            f"{_x(comp.seconds, write_fl)} floor tulis (target <= 8x)",
        ),
        (
            "collect + compile",
            _s(both),
            f"{_x(both, read_floor + write_fl)} (floor baca + floor tulis) (target <= 8x)",
        ),
        (
            "collect ulang, inbox tak berubah (median 3)",
            _s(statistics.median(again)),
            f"target <= 0,5 s; baca + SHA-256 semua berkas {_s(hashing, 3)}",
        ),
        (
            "memori puncak compile",
            f"{ind} indikator: {_mib(comp.rss_kib)}",
            f"{_n(fifth * args.indikator)} indikator: {_mib(comp_small.rss_kib)} "
            "(target <= 150 MiB, datar)",
        ),
        (
            "memori puncak collect --jobs 1",
            f"{args.bidang} berkas: {_mib(c_small.rss_kib)}",
            f"{n} berkas: {_mib(c_serial.rss_kib)} (target < 300)",
        ),
        (
            "memori puncak collect bawaan",
            f"{n} berkas: {_mib(c.rss_kib)}",
            f"tiap proses pembaca <= {_mib(c.workers_kib)}",
        ),
        (
            "kinerja --help (median 15)",
            f"{help_s * 1000:.0f} ms",
            f"python -c pass {bare_s * 1000:.0f} ms; tanpa bytecode sama sekali "
            f"(PYTHONDONTWRITEBYTECODE, median 7) {cold * 1000:.0f} ms",
        ),
    ]
    if uv_help is not None:
        rows.append(
            (
                "uv run kinerja --help, PYTHONDONTWRITEBYTECODE=1 (median 5)",
                f"{uv_help * 1000:.0f} ms",
                "di checkout pengembangan",
            )
        )
    rows += [
        (f"skala dinas: kinerja {label}", _s(sec), "target <= 1 s, termasuk start interpreter")
        for label, sec in dinas
    ]
    rows.append(("proses kedua di mesin ini", _x(gain, 1), "throughput 2 proses CPU / 1 proses"))
    machine = (
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPU ({platform.processor() or platform.machine()})"
    )
    table = ["| ukuran | hasil | catatan |", "|---|---:|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = (
        f"Benchmark kinerja: {args.bidang} bidang x {args.indikator} indikator, {n} berkas "
        f"({args.versi} versi per bidang). Mesin: {machine}.\n\n" + "\n".join(table) + "\n"
    )
    (OUT / "results.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
