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


def _nilai_labels(fig) -> list:  # noqa: ANN001
    """The value labels (text ending in % or a lone dash) of a figure's axes."""
    ax = fig.axes[0]
    return [t for t in ax.texts if t.get_text().endswith("%") or t.get_text() == "–"]


def _tabrakan(fig) -> list[str]:  # noqa: ANN001
    """Value labels that overlap another label or a line without a white ground above it."""
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    labels = _nilai_labels(fig)
    boxes = [t.get_window_extent(r) for t in labels]
    out = []
    for i, (a, ta) in enumerate(zip(boxes, labels, strict=True)):
        for b, tb in zip(boxes[i + 1 :], labels[i + 1 :], strict=True):
            if a.overlaps(b):
                out.append(f"{ta.get_text()} / {tb.get_text()}")
    for line in fig.axes[0].lines:
        for box, t in zip(boxes, labels, strict=True):
            path = line.get_window_extent(r)
            if path.overlaps(box):
                patch = t.get_bbox_patch()
                opaque = patch is not None and patch.get_facecolor()[:3] == (1.0, 1.0, 1.0)
                if not (opaque and t.get_zorder() > line.get_zorder()):
                    out.append(f"{t.get_text()} / garis")
    return out


@pytest.mark.slow
def test_value_labels_never_collide_with_the_target_line_or_each_other() -> None:
    """docs/contract.md §16: "98,33%" next to the 100 % line stays readable."""
    ctx, fig = charts.gambar_capaian(
        ["A", "B", "C", "D"], [D("98.33"), D("99.9"), D("101.2"), None], "Capaian"
    )
    try:
        assert _tabrakan(fig) == []
        texts = [t.get_text() for t in _nilai_labels(fig)]
        assert "98,33%" in texts and "–" in texts
    finally:
        charts.tutup(ctx)
    ctx, fig = charts.gambar_serapan(
        ["SEK", "BM", "CK"], [D("98.54"), D("100"), D("99.2")], [D("91.83"), D("99.5"), None], "S"
    )
    try:
        assert _tabrakan(fig) == []
    finally:
        charts.tutup(ctx)


@pytest.mark.slow
def test_trend_legend_names_each_sasaran_and_the_axis_starts_at_zero() -> None:
    seri = [
        ("Perangkat daerah", [D(64), D("94.75")]),
        (
            charts.nama_pendek("S1", "Meningkatnya akuntabilitas kinerja dan kualitas tata kelola"),
            [D(90), D("98.9")],
        ),
        (
            charts.nama_pendek("S2", "Meningkatnya kemantapan jalan dan jembatan kabupaten"),
            [D(40), D("102.6")],
        ),
    ]
    ctx, fig = charts.gambar_tren(["TW I", "TW II"], seri, "Tren")
    try:
        ax = fig.axes[0]
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend[0] == "Perangkat daerah"
        assert legend[1].startswith("S1 – Meningkatnya akuntabilitas")
        assert not any(t.startswith("Sasaran ") for t in legend)
        assert ax.get_ylim()[0] == 0
        assert _tabrakan(fig) == []
    finally:
        charts.tutup(ctx)
