"""Charts: PNG, deterministic, no timestamp, and never imported by --help."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal as D

import pytest

from kinerja_cli.report import charts

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_charts_are_deterministic_pngs() -> None:
    args = (
        ["Sasaran 1", "Sasaran 2 dengan nama yang panjang sekali sampai harus dibungkus"],
        [D("97.27"), None],
        "Capaian",
    )
    a, b = charts.grafik_capaian(*args), charts.grafik_capaian(*args)
    assert a.startswith(PNG) and a == b
    assert b"Software" not in a and b"matplotlib" not in a.lower()
    s = charts.grafik_serapan(["SEK", "BM"], [D(100), D("87.5")], [D("91.2"), None], "Serapan")
    assert s.startswith(PNG) and s == charts.grafik_serapan(
        ["SEK", "BM"], [D(100), D("87.5")], [D("91.2"), None], "Serapan"
    )
    t = charts.grafik_tren(
        ["TW I", "TW II"], [("Dinas", [D(80), D(90)]), ("S1", [None, D(95)])], "Tren"
    )
    assert t.startswith(PNG)


def test_report_modules_do_not_load_matplotlib_at_import() -> None:
    code = (
        "import sys\n"
        "import kinerja_cli.report.charts, kinerja_cli.report.render\n"
        "print('matplotlib' in sys.modules, 'jinja2' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
