"""The one check: format, lint, types, tests — what CI runs (.ci/run) and what to run before a
commit (docs/architecture.md §3.12).

    uv run python scripts/check.py          # everything
    uv run python scripts/check.py --fast   # tests marked slow left out (the edit loop)

Extra arguments after `--` go to pytest, e.g. `scripts/check.py --fast -- -k collect`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATHS = ["src", "tests", "benchmarks", "examples", "scripts", "templates"]


def main(argv: list[str]) -> int:
    fast = "--fast" in argv
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    steps = [
        ("format", [sys.executable, "-m", "ruff", "format", "--check", *PATHS]),
        ("lint", [sys.executable, "-m", "ruff", "check", *PATHS]),
        ("types", [sys.executable, "-m", "mypy"]),
        ("tests", [sys.executable, "-m", "pytest", *(["-m", "not slow"] if fast else []), *extra]),
    ]
    for name, cmd in steps:
        t0 = time.perf_counter()
        print(f"== {name}: {' '.join(cmd[2:])}", flush=True)
        code = subprocess.call(cmd, cwd=ROOT)
        print(
            f"== {name}: {'ok' if code == 0 else f'GAGAL ({code})'} "
            f"({time.perf_counter() - t0:.1f} s)",
            flush=True,
        )
        if code != 0:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
