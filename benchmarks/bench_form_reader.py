"""Time `read_form` on one returned file (the per-file cost of `kinerja collect`).

    uv run python benchmarks/bench_form_reader.py [--reps 5] [--n 200]

Forms: the example PK's BM form (6 indicators, 6 budget rows) and a 50-indicator form from a
synthetic PK, both TW II, filled with `simulated_values`. Reported per file (median of reps):
the whole `read_form`, its preflight alone, and python-calamine reading the same sheets (the
floor docs/performance.md judges against). Also counts how often the openpyxl slow path ran on valid forms.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def _pk_50(folder: Path):  # type: ignore[no-untyped-def]
    from kinerja_cli.io.pk.reader import read_pk
    from support.pkbuilder import ANG, make_pk

    ind = []
    for i in range(50):
        kumulatif = i % 3 == 0
        sasaran = f"Sasaran {i // 10 + 1}" if i % 10 == 0 else None
        if kumulatif:
            ind.append(
                [
                    f"IK.{i + 1:02d}",
                    sasaran,
                    f"Panjang jalan ruas {i + 1} yang dibangun",
                    "km",
                    "naik",
                    "kumulatif",
                    None,
                    40,
                    5,
                    15,
                    28,
                    40,
                    "BM",
                ]
            )
        else:
            ind.append(
                [
                    f"IK.{i + 1:02d}",
                    sasaran,
                    f"Persentase kondisi mantap ruas {i + 1}",
                    "%",
                    "naik" if i % 4 else "turun",
                    "status",
                    None,
                    70,
                    66,
                    67,
                    68,
                    70,
                    "BM",
                ]
            )
    pk = read_pk(make_pk(folder / "pk50.xlsx", ind=ind, ang=ANG)).pk
    assert pk is not None
    return pk


def _form(pk, bidang: str, folder: Path, seed: int = 1) -> bytes:  # type: ignore[no-untyped-def]
    from kinerja_cli.domain.periode import Periode
    from kinerja_cli.io.form.filler import fill_form, simulated_values
    from kinerja_cli.io.form.writer import FormSpec, write_form

    blank = folder / f"{bidang}-{len(pk.indikator)}-blank.xlsx"
    write_form(FormSpec(pk, bidang, Periode(2), None, "Subbag PP"), blank)
    dest = folder / f"{bidang}-{len(pk.indikator)}-{seed}.xlsx"
    fill_form(blank, dest, *simulated_values(pk, bidang, Periode(2), seed))
    return dest.read_bytes()


def _per_file(fn: Callable[[], object], n: int, reps: int) -> float:
    fn()  # warm up imports and caches
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        times.append((time.perf_counter() - t) / n)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()

    from python_calamine import CalamineWorkbook

    from kinerja_cli.domain.periode import Periode
    from kinerja_cli.io.form.reader import read_form
    from kinerja_cli.io.pk.reader import read_pk
    from kinerja_cli.io.xlsx.guard import preflight

    folder = Path(tempfile.mkdtemp(prefix="bench-form-reader-"))
    example = read_pk(ROOT / "examples" / "pk-balangan-2025.xlsx").pk
    assert example is not None
    pk50 = _pk_50(folder)
    cases = [
        ("contoh BM, 6 indikator", example, _form(example, "BM", folder)),
        ("sintetis BM, 50 indikator", pk50, _form(pk50, "BM", folder)),
    ]

    def calamine(data: bytes) -> None:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in ("_kinerja", "Kinerja", "Anggaran"):
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)

    print("| form | KB | read_form ms | preflight ms | calamine (floor) ms | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, pk, data in cases:
        res = read_form(data, "x.xlsx", pk, periode_wajib=Periode(2))
        assert res.ok and not res.findings, [f.line() for f in res.findings]
        whole = _per_file(lambda d=data, p=pk: read_form(d, "x.xlsx", p), args.n, args.reps)
        pre = _per_file(lambda d=data: preflight(d, "x.xlsx"), args.n, args.reps)
        floor = _per_file(lambda d=data: calamine(d), args.n, args.reps)
        print(
            f"| {label} | {len(data) / 1024:.0f} | {whole:.2f} | {pre:.2f} | {floor:.2f} | "
            f"{whole / floor:.1f}x |"
        )

    # The slow path, for comparison: a `%` realisation typed as a fraction in a %-formatted cell.
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(cases[0][2]))
    wb["Kinerja"]["K7"].value = 0.623
    wb["Kinerja"]["K7"].number_format = "0.0%"
    out = io.BytesIO()
    wb.save(out)
    frac = out.getvalue()
    res = read_form(frac, "x.xlsx", example, periode_wajib=Periode(2))
    assert res.slow_path and res.data is not None
    ms = _per_file(lambda: read_form(frac, "x.xlsx", example), max(args.n // 10, 5), args.reps)
    print(f"\nslow path (openpyxl reads one number format): {ms:.1f} ms per file")

    slow = total = 0
    for pk in (example, pk50):
        for b in pk.bidang_with_rows():
            for seed in range(3):
                res = read_form(_form(pk, b.kode, folder, seed), "x.xlsx", pk)
                total += 1
                slow += res.slow_path
                assert res.ok, [f.line() for f in res.findings]
    print(f"\nopenpyxl slow path on valid simulated forms: {slow} of {total}")


if __name__ == "__main__":
    main()
