"""Report charts as PNG bytes: capaian against the 100 % line, serapan against capaian, trends.

matplotlib is imported inside the drawing functions only (the Agg canvas on a bare `Figure`,
never pyplot: no global state, no GUI backend probing), and `report.render` draws charts only
for the formats that show them (docs/performance.md §7). Charts survive black-and-white
printing: bars carry hatches, lines carry markers and dash styles, and every bar is labelled
with its value on a white ground, so neither the dashed 100 % line nor another label can run
through a figure (docs/contract.md §16). Output is deterministic (fixed dpi, no timestamp,
fixed hash salt) so golden tests and archives do not churn.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kinerja_cli.report.filters import angka

DPI = 150
_ABU = ("#4d4d4d", "#b3b3b3", "#808080", "#1a1a1a", "#d9d9d9")
_MARKER = ("o", "s", "^", "D", "v", "P", "X", "*")
_GARIS = ("-", "--", "-.", ":")
_RC: dict[str, Any] = {
    "svg.hashsalt": "kinerja",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.6,
}
# A label's white ground: hides the dashed target line behind the figure it crosses.
_ALAS = {"boxstyle": "square,pad=0.12", "facecolor": "white", "edgecolor": "none"}


def _figure(lebar: float, tinggi: float) -> tuple[Any, Any, Any]:
    """(rc_context, figure, axes) on the Agg canvas, without pyplot."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    ctx = matplotlib.rc_context(_RC)  # type: ignore[arg-type]
    ctx.__enter__()
    fig = Figure(figsize=(lebar, tinggi))
    FigureCanvasAgg(fig)
    return ctx, fig, fig.add_subplot()


def _float(v: Decimal | None) -> float:
    return float(v) if v is not None else 0.0


def _label(text: str, width: int = 38, lines: int = 3) -> str:
    """A long name wrapped for an axis or a legend: at most `lines` lines, the rest cut with …."""
    parts = textwrap.wrap(" ".join(text.split()), width)
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1].rstrip(" ,.;:") + "…"
    return "\n".join(parts) or text


def nama_pendek(kode: str, nama: str, width: int = 34) -> str:
    """A sasaran's short name for a legend: its code and the start of its wording."""
    return f"{kode} – {_label(nama, width, 2)}" if kode else _label(nama, width, 2)


def tutup(ctx: Any) -> None:
    """Leave the rc context of a figure that is not turned into a PNG (tests)."""
    ctx.__exit__(None, None, None)


def _png(ctx: Any, fig: Any) -> bytes:
    buf = io.BytesIO()
    try:
        fig.savefig(
            buf,
            format="png",
            dpi=DPI,
            metadata={"Software": None},
            bbox_inches="tight",
            pil_kwargs={"compress_level": 1},  # a fast deflate: ~0.1 s less for 3 charts
        )
    finally:
        ctx.__exit__(None, None, None)
    return buf.getvalue()


def _nilai_label(ax: Any, x: float, y: float, v: Decimal | None, size: float) -> None:
    txt = angka(v) + "%" if v is not None else "–"
    ax.text(x, y, txt, va="center", ha="left", fontsize=size, bbox=_ALAS, zorder=5)


def _legenda_atas(ax: Any, **kw: Any) -> None:
    """The legend above the plot, right-aligned: it never covers a bar or a label."""
    ax.legend(
        loc="lower right",
        bbox_to_anchor=(1.0, 1.01),
        fontsize=7,
        frameon=False,
        borderaxespad=0.0,
        **kw,
    )


def grafik_capaian(label: Sequence[str], nilai: Sequence[Decimal | None], judul: str) -> bytes:
    """Horizontal bars of capaian (%) with a dashed 100 % line; unknown values marked `–`."""
    return _png(*gambar_capaian(label, nilai, judul))


def gambar_capaian(
    label: Sequence[str], nilai: Sequence[Decimal | None], judul: str
) -> tuple[Any, Any]:
    """(rc context, figure) of `grafik_capaian`, before it becomes a PNG."""
    n = len(label)
    ctx, fig, ax = _figure(9.5, 1.1 + 0.45 * max(n, 1))
    y = list(range(n))[::-1]
    vals = [_float(v) for v in nilai]
    bars = ax.barh(y, vals, color=_ABU[1], edgecolor="black", hatch="///", height=0.6, zorder=2)
    ax.axvline(100, color="black", linestyle="--", linewidth=1.2, label="Target (100%)", zorder=3)
    top = max([100.0, *vals]) * 1.18
    for bar, v in zip(bars, nilai, strict=True):
        _nilai_label(ax, bar.get_width() + top * 0.012, bar.get_y() + bar.get_height() / 2, v, 7.5)
    ax.set_yticks(y, [_label(t) for t in label])
    ax.set_xlim(0, top)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel("Capaian (%)")
    ax.set_title(judul, loc="left", fontweight="bold", pad=14)
    _legenda_atas(ax)
    return ctx, fig


def grafik_serapan(
    label: Sequence[str],
    capaian: Sequence[Decimal | None],
    serapan: Sequence[Decimal | None],
    judul: str,
    label_serapan: str = "Serapan anggaran (%)",
) -> bytes:
    """Paired bars per bidang: capaian kinerja (hatched) against serapan anggaran (solid)."""
    return _png(*gambar_serapan(label, capaian, serapan, judul, label_serapan))


def gambar_serapan(
    label: Sequence[str],
    capaian: Sequence[Decimal | None],
    serapan: Sequence[Decimal | None],
    judul: str,
    label_serapan: str = "Serapan anggaran (%)",
) -> tuple[Any, Any]:
    """(rc context, figure) of `grafik_serapan`."""
    n = len(label)
    ctx, fig, ax = _figure(9.5, 1.2 + 0.62 * max(n, 1))
    h = 0.38
    y = [float(i) for i in range(n)][::-1]
    c = [_float(v) for v in capaian]
    s = [_float(v) for v in serapan]
    b1 = ax.barh(
        [v + h / 2 for v in y],
        c,
        height=h,
        color="white",
        edgecolor="black",
        hatch="///",
        label="Capaian kinerja (%)",
        zorder=2,
    )
    b2 = ax.barh(
        [v - h / 2 for v in y],
        s,
        height=h,
        color=_ABU[0],
        edgecolor="black",
        label=label_serapan,
        zorder=2,
    )
    ax.axvline(100, color="black", linestyle="--", linewidth=1.0, zorder=3)
    top = max([100.0, *c, *s]) * 1.2
    for bars, raw in ((b1, capaian), (b2, serapan)):
        for bar, v in zip(bars, raw, strict=True):
            _nilai_label(
                ax, bar.get_width() + top * 0.012, bar.get_y() + bar.get_height() / 2, v, 7
            )
    ax.set_yticks(y, [_label(t, 34) for t in label])
    ax.set_xlim(0, top)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel("Persen (%)")
    ax.set_title(judul, loc="left", fontweight="bold", pad=14)
    _legenda_atas(ax, ncol=2)
    return ctx, fig


def grafik_tren(
    triwulan: Sequence[str],
    seri: Sequence[tuple[str, Sequence[Decimal | None]]],
    judul: str,
) -> bytes:
    """Capaian per quarter, one line per series (the first is the dinas, drawn heavy and
    labelled), each with its own marker and dash style; the legend names every series. The
    y-axis starts at 0, as for any chart of percentages against a 100 % target."""
    return _png(*gambar_tren(triwulan, seri, judul))


def gambar_tren(
    triwulan: Sequence[str],
    seri: Sequence[tuple[str, Sequence[Decimal | None]]],
    judul: str,
) -> tuple[Any, Any]:
    """(rc context, figure) of `grafik_tren`."""
    ctx, fig, ax = _figure(9.5, 4.4)
    x = list(range(len(triwulan)))
    semua: list[float] = [100.0]
    for i, (nama, nilai) in enumerate(seri):
        pts = [(xi, float(v)) for xi, v in zip(x, nilai, strict=True) if v is not None]
        if not pts:
            continue
        semua.extend(v for _, v in pts)
        ax.plot(
            [p[0] for p in pts],
            [p[1] for p in pts],
            color=_ABU[3] if i == 0 else _ABU[(i - 1) % 3],
            marker=_MARKER[i % len(_MARKER)],
            linestyle=_GARIS[i % len(_GARIS)] if i else "-",
            linewidth=2.4 if i == 0 else 1.1,
            markersize=6 if i == 0 else 4.5,
            label=nama,
            zorder=4 if i == 0 else 3,
        )
        if i == 0:
            for px, py in pts:
                ax.annotate(
                    angka(Decimal(str(py))) + "%",
                    (px, py),
                    textcoords="offset points",
                    xytext=(0, -14 if py >= 100 else 9),
                    ha="center",
                    fontsize=7.5,
                    fontweight="bold",
                    bbox=_ALAS,
                    zorder=6,
                )
    ax.axhline(100, color="black", linestyle="--", linewidth=0.8, zorder=2)
    ax.set_xticks(x, list(triwulan))
    ax.set_xlim(-0.3, max(len(x) - 1, 1) + 0.3)
    ax.set_ylim(0, max(semua) * 1.12)
    ax.set_ylabel("Capaian (%)")
    ax.set_title(judul, loc="left", fontweight="bold")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    return ctx, fig
