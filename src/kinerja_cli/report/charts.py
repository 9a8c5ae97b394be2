"""Report charts as PNG bytes: capaian against the 100 % line, serapan against capaian, trends.

matplotlib is imported inside each function (Agg backend, no display) so `--help` stays light.
Charts survive black-and-white printing: bars carry hatches, lines carry markers and dash
styles, and every bar is labelled with its value. Output is deterministic (fixed dpi, no
timestamp, fixed hash salt) so golden tests and archives do not churn.
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
_HATCH = ("", "///", "...", "xx", "\\\\")
_MARKER = ("o", "s", "^", "D", "v", "P", "X", "*")
_GARIS = ("-", "--", "-.", ":")
_RC = {
    "svg.hashsalt": "kinerja",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.6,
}


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _float(v: Decimal | None) -> float:
    return float(v) if v is not None else 0.0


def _label(text: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(text, width)[:3]) or text


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight")
    _plt().close(fig)
    return buf.getvalue()


def grafik_capaian(label: Sequence[str], nilai: Sequence[Decimal | None], judul: str) -> bytes:
    """Horizontal bars of capaian (%) with a dashed 100 % line; unknown values marked `–`."""
    plt = _plt()
    with plt.rc_context(_RC):
        n = len(label)
        fig, ax = plt.subplots(figsize=(9.5, 0.9 + 0.45 * max(n, 1)))
        y = list(range(n))[::-1]
        vals = [_float(v) for v in nilai]
        bars = ax.barh(y, vals, color=_ABU[1], edgecolor="black", hatch="///", height=0.6)
        ax.axvline(100, color="black", linestyle="--", linewidth=1.2, label="Target (100%)")
        top = max([100.0, *vals]) * 1.15
        for bar, v in zip(bars, nilai, strict=True):
            txt = angka(v) + "%" if v is not None else "–"
            ax.text(
                bar.get_width() + top * 0.01,
                bar.get_y() + bar.get_height() / 2,
                txt,
                va="center",
                fontsize=7.5,
            )
        ax.set_yticks(y, [_label(t) for t in label])
        ax.set_xlim(0, top)
        ax.set_xlabel("Capaian (%)")
        ax.set_title(judul, loc="left", fontweight="bold")
        ax.legend(loc="lower right", fontsize=7, frameon=False)
        return _png(fig)


def grafik_serapan(
    label: Sequence[str],
    capaian: Sequence[Decimal | None],
    serapan: Sequence[Decimal | None],
    judul: str,
) -> bytes:
    """Paired bars per bidang: capaian kinerja (hatched) against serapan anggaran (solid)."""
    plt = _plt()
    with plt.rc_context(_RC):
        n = len(label)
        fig, ax = plt.subplots(figsize=(9.5, 1.0 + 0.6 * max(n, 1)))
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
        )
        b2 = ax.barh(
            [v - h / 2 for v in y],
            s,
            height=h,
            color=_ABU[0],
            edgecolor="black",
            label="Serapan anggaran (%)",
        )
        top = max([100.0, *c, *s]) * 1.18
        for bars, raw in ((b1, capaian), (b2, serapan)):
            for bar, v in zip(bars, raw, strict=True):
                txt = angka(v) + "%" if v is not None else "–"
                ax.text(
                    bar.get_width() + top * 0.01,
                    bar.get_y() + bar.get_height() / 2,
                    txt,
                    va="center",
                    fontsize=7,
                )
        ax.axvline(100, color="black", linestyle="--", linewidth=1.0)
        ax.set_yticks(y, [_label(t, 34) for t in label])
        ax.set_xlim(0, top)
        ax.set_xlabel("Persen (%)")
        ax.set_title(judul, loc="left", fontweight="bold")
        ax.legend(loc="lower right", fontsize=7, frameon=True)
        return _png(fig)


def grafik_tren(
    triwulan: Sequence[str],
    seri: Sequence[tuple[str, Sequence[Decimal | None]]],
    judul: str,
) -> bytes:
    """Capaian per quarter, one line per series, each with its own marker and dash style."""
    plt = _plt()
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(9.5, 4.2))
        x = list(range(len(triwulan)))
        semua: list[float] = [100.0]
        for i, (nama, nilai) in enumerate(seri):
            pts = [(xi, float(v)) for xi, v in zip(x, nilai, strict=True) if v is not None]
            if not pts:
                continue
            semua.extend(v for _, v in pts)
            tebal = 2.2 if i == 0 else 1.1
            ax.plot(
                [p[0] for p in pts],
                [p[1] for p in pts],
                color=_ABU[3 if i == 0 else 0],
                marker=_MARKER[i % len(_MARKER)],
                linestyle=_GARIS[i % len(_GARIS)],
                linewidth=tebal,
                markersize=5,
                label=_label(nama, 45),
            )
            if i == 0:
                for px, py in pts:
                    ax.annotate(
                        angka(Decimal(str(py))) + "%",
                        (px, py),
                        textcoords="offset points",
                        xytext=(0, 7),
                        ha="center",
                        fontsize=7,
                        fontweight="bold",
                    )
        ax.axhline(100, color="black", linestyle="--", linewidth=0.8)
        ax.set_xticks(x, list(triwulan))
        ax.set_xlim(-0.3, max(len(x) - 1, 1) + 0.3)
        lo, hi = min(semua), max(semua)
        ax.set_ylim(max(0.0, lo - 10), hi + 10)
        ax.set_ylabel("Capaian (%)")
        ax.set_title(judul, loc="left", fontweight="bold")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
        return _png(fig)
