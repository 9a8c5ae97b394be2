"""Regency-scale benchmark for kinerja (issue 7). Anyone can run it:

    uv run python benchmarks/bench.py                 # 200 bidang x 50 indikator, 5 versions each
    uv run python benchmarks/bench.py --bidang 20     # a quick smaller run

It builds a synthetic PK (N bidang x 50 indicators, 5 budget rows each), writes the TW2 forms,
fills every form 5 times with different values (N x 5 distinct files, later versions newer),
then times whole processes side by side with the floor (python-calamine reading the same
files' Kinerja and Anggaran sheets in one process):

- init-form (forms/s), collect, compile, re-collect of the unchanged inbox (vs hashing),
- `kinerja --help` against `python -c pass`,
- peak memory (max RSS) of collect at N x 1 files and N x 5 files (flat in the file count).

Results are printed as a Markdown table and written to benchmarks/out/results.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PY = sys.executable

# Run a kinerja command in-process and report its own peak RSS (KiB on Linux) on stderr.
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
sys.stderr.write(f"\nMAXRSS_KB={rss}\n")
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
    ind.append(["Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Arah", "Sifat", "Target",
                "Target TW I", "Target TW II", "Target TW III", "Target TW IV", "Bidang"])
    ang = wb.create_sheet("Anggaran")
    ang.append(["Kode", "Uraian", "Bidang", "Pagu", "Sasaran"])
    for b in range(1, n_bidang + 1):
        kode = f"B{b:03d}"
        wb_b.append([kode, f"Bidang Uji {b}", f"(nama Kabid {b})", "", f"Kepala Bidang Uji {b}"])
        sasaran = f"Sasaran strategis nomor {(b - 1) % 12 + 1} untuk pengukuran"
        for i in range(1, n_ind + 1):
            if i % 2:
                ind.append([f"IK.{b:03d}.{i:02d}", sasaran, f"Persentase layanan {i} bidang {b}",
                            "%", "naik", "status", 80, 70, 74, 77, 80, kode])
            else:
                ind.append([f"IK.{b:03d}.{i:02d}", sasaran, f"Jumlah keluaran {i} bidang {b}",
                            "unit", "naik", "kumulatif", 100, 20, 45, 75, 100, kode])
        prog = f"9.{b:02d}.{b:03d}"
        total = 0
        for j in range(1, n_budget + 1):
            total += 100_000_000 * j
        ang.append([prog, f"Program uji {b}", kode, total, None])
        for j in range(1, n_budget + 1):
            ang.append([f"{prog}.2.01.{j:04d}", f"Sub kegiatan {j}", kode, 100_000_000 * j, "S1"])
    wb.save(path)


def kinerja(args: list[str], cwd: Path, capture: bool = True) -> tuple[float, int, str]:
    """Run a kinerja command as a whole process: (seconds, peak RSS KiB, stdout)."""
    t0 = time.perf_counter()
    proc = subprocess.run([PY, "-c", RUNNER, *args], cwd=cwd, capture_output=True, text=True,
                          check=False)
    dt = time.perf_counter() - t0
    rss = 0
    for line in proc.stderr.splitlines():
        if line.startswith("MAXRSS_KB="):
            rss = int(line.split("=", 1)[1])
    if proc.returncode not in (0, 1):
        raise SystemExit(f"kinerja {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return dt, rss, proc.stdout if capture else ""


def fill_all(ws: Path, versions: int) -> list[Path]:
    """Fill every TW2 form `versions` times into masuk/ (distinct bytes, later = newer mtime)."""
    from kinerja_cli.domain.periode import Periode
    from kinerja_cli.io.form_filler import fill_form, simulated_values
    from kinerja_cli.io.pk_reader import read_pk

    pk = read_pk(ws / "pk.xlsx").pk
    assert pk is not None
    periode = Periode.parse(2)
    forms = sorted((ws / "formulir").glob("*.xlsx"))
    out: list[Path] = []
    base = time.time() - 86400
    for n, form in enumerate(forms):
        bidang = form.name.split("-")[2]
        for v in range(1, versions + 1):
            values, narasi, anggaran = simulated_values(pk, bidang, periode, seed=v)
            dest = ws / "masuk" / f"{form.stem}-v{v}.xlsx"
            fill_form(form, dest, values, narasi, anggaran)
            os.utime(dest, (base + n * 10 + v, base + n * 10 + v))
            out.append(dest)
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


def startup(reps: int = 11) -> tuple[float, float]:
    """Median wall seconds of `kinerja --help` and of `python -c pass`."""
    def med(cmd: list[str]) -> float:
        times = []
        for _ in range(reps):
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    return med([PY, "-m", "kinerja_cli", "--help"]), med([PY, "-c", "pass"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bidang", type=int, default=200)
    ap.add_argument("--indikator", type=int, default=50)
    ap.add_argument("--versi", type=int, default=5)
    ap.add_argument("--dir", type=Path, default=OUT / "ws")
    args = ap.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    root = args.dir
    if root.exists():
        shutil.rmtree(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    pk_path = OUT / "pk-bench.xlsx"
    rows: list[tuple[str, str, str]] = []

    t0 = time.perf_counter()
    build_pk(pk_path, args.bidang, args.indikator, 5)
    print(f"PK sintetis: {args.bidang} bidang x {args.indikator} indikator "
          f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    kinerja(["init", str(root), "--pk", str(pk_path)], cwd=OUT)

    dt, rss, _ = kinerja(["init-form", "-t", "2"], cwd=root)
    n_forms = len(list((root / "formulir").glob("*.xlsx")))
    rows.append(("init-form TW2", f"{n_forms} formulir dalam {dt:.1f} s",
                 f"{n_forms / dt:.1f} formulir/s (target >= 10)"))

    t0 = time.perf_counter()
    files = fill_all(root, args.versi)
    print(f"{len(files)} berkas diisi ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)

    # Peak memory flatness: collect N x 1 files first (a copy of the workspace with v1 only).
    small = root.parent / "ws-kecil"
    if small.exists():
        shutil.rmtree(small)
    shutil.copytree(root, small, ignore=shutil.ignore_patterns("*-v[2-9].xlsx"))
    _, rss_small, _ = kinerja(["collect", "--json"], cwd=small)

    floor = calamine_floor(files)
    t_collect, rss_collect, _ = kinerja(["collect", "--json"], cwd=root)
    t_compile, rss_compile, _ = kinerja(["compile", "-t", "2", "--json"], cwd=root)
    t_again, _, _ = kinerja(["collect", "--json"], cwd=root)
    hashing = hash_floor(files)
    help_s, bare_s = startup()

    n = len(files)
    both = t_collect + t_compile
    rows += [
        ("floor: python-calamine, Kinerja+Anggaran", f"{floor:.2f} s", f"{floor / n * 1000:.1f} ms/berkas"),
        ("collect (proses utuh)", f"{t_collect:.2f} s", f"{t_collect / n * 1000:.1f} ms/berkas"),
        ("compile (proses utuh)", f"{t_compile:.2f} s", ""),
        ("collect + compile", f"{both:.2f} s", f"{both / floor:.1f}x floor (target <= 3x)"),
        ("collect ulang, inbox tak berubah", f"{t_again:.2f} s",
         f"hash semua berkas {hashing:.2f} s"),
        ("kinerja --help", f"{help_s * 1000:.0f} ms",
         f"python -c pass {bare_s * 1000:.0f} ms; selisih {(help_s - bare_s) * 1000:.0f} ms (target <= 150)"),
        ("memori puncak collect", f"{args.bidang} berkas: {rss_small / 1024:.0f} MiB",
         f"{n} berkas: {rss_collect / 1024:.0f} MiB (target < 300)"),
        ("memori puncak compile", f"{rss_compile / 1024:.0f} MiB", ""),
    ]
    machine = (f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
               f"{os.cpu_count()} CPU, {platform.processor() or platform.machine()}")
    table = ["| ukuran | hasil | catatan |", "|---|---:|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = (f"Benchmark kinerja: {args.bidang} bidang x {args.indikator} indikator, {n} berkas "
            f"({args.versi} versi per bidang). Mesin: {machine}.\n\n" + "\n".join(table) + "\n")
    (OUT / "results.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
