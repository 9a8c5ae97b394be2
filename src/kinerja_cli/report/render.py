"""The one Jinja2 environment and the renderers: HTML, PDF (optional extra), DOCX, XLSX.

Templates are looked up in the workspace's `templates/` folder first, file by file, then in the
packaged templates (docs/contract.md §8). Autoescape is on for everything and StrictUndefined makes a
missing variable fail loudly (docs/architecture.md §3.8, docs/reliability.md B2). The HTML is one self-contained
file: CSS inline, charts as `data:` URIs, a Content-Security-Policy that forbids scripts and
remote loads.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kinerja_cli.domain.settings import FORMAT_LAPORAN as FORMAT
from kinerja_cli.errors import KinerjaError
from kinerja_cli.report.filters import FILTERS

TEMPLAT = {"tahunan": "laporan-tahunan", "triwulan": "reviu-triwulan"}
LOGO = "logo.png"
PESAN_PDF = (
    'Format pdf memerlukan paket tambahan. Pasang dengan: pip install "kinerja-cli[pdf]" '
    '(atau: uv pip install "kinerja-cli[pdf]"), lalu jalankan ulang. '
    "Format lain (html, docx, xlsx) tetap dapat dibuat."
)


class PdfUnavailable(KinerjaError):
    """The optional PDF dependency (xhtml2pdf) is not installed."""

    def __init__(self) -> None:
        super().__init__(PESAN_PDF, exit_code=2)


def template_folders(override: Path | None) -> list[Path]:
    """Where templates are searched: the workspace's folder (if any), then the packaged one."""
    from kinerja_cli.resources import templates_dir

    folders = [Path(override)] if override is not None and Path(override).is_dir() else []
    return [*folders, templates_dir()]


def find_template(nama: str, override: Path | None) -> Path | None:
    """The first `nama` in the template folders (a workspace override wins), or None."""
    for folder in template_folders(override):
        p = folder / nama
        if p.is_file():
            return p
    return None


def make_env(override: Path | None = None) -> Any:
    """The Jinja2 Environment: ChoiceLoader (workspace, packaged), autoescape, StrictUndefined."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    loader = ChoiceLoader([FileSystemLoader(str(f)) for f in template_folders(override)])
    env = Environment(
        loader=loader, autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    )
    env.filters.update(FILTERS)
    return env


def data_uri(png: bytes, mime: str = "image/png") -> str:
    """`data:image/png;base64,…` for embedding in the single-file HTML."""
    return f"data:{mime};base64," + base64.b64encode(png).decode("ascii")


def logo_uri(override: Path | None) -> str:
    """The letterhead logo (`logo.png` in the template folders) as a data URI, or ""."""
    p = find_template(LOGO, override)
    if p is None:
        return ""
    data = p.read_bytes()
    return data_uri(data) if data.startswith(b"\x89PNG\r\n\x1a\n") else ""


# Formats that show charts; the others never import matplotlib (docs/performance.md §7).
FORMAT_BERGRAFIK = ("html", "pdf", "docx")
GRAFIK_KOSONG = {"sasaran": b"", "bidang": b"", "serapan": b"", "tren": b""}


def file_name(ctx: dict[str, Any], fmt: str) -> str:
    """`Laporan-Pengukuran-Kinerja-2025.html`, `Reviu-Triwulan-II-2025.docx` or
    `Reviu-Semester-I-2025.pdf` (docs/contract.md §15)."""
    d = ctx["dokumen"]
    if d["tahunan"]:
        return f"Laporan-Pengukuran-Kinerja-{d['tahun']}.{fmt}"
    if d["semester"]:
        return f"Reviu-Semester-{d['semester_romawi']}-{d['tahun']}.{fmt}"
    return f"Reviu-Triwulan-{d['romawi']}-{d['tahun']}.{fmt}"


def charts_for(ctx: dict[str, Any], formats: list[str]) -> dict[str, bytes]:
    """The charts when a requested format shows them; otherwise none are drawn."""
    if any(f in FORMAT_BERGRAFIK for f in formats):
        return charts_png(ctx)
    return dict(GRAFIK_KOSONG)


def charts_png(ctx: dict[str, Any]) -> dict[str, bytes]:
    """Every chart the context calls for, as PNG bytes (empty bytes where there is no data)."""
    from kinerja_cli.report import charts

    out = dict(GRAFIK_KOSONG)
    sasaran = ctx["sasaran"]
    if any(s["capaian"] is not None for s in sasaran):
        out["sasaran"] = charts.grafik_capaian(
            [f"{s['no']}. {s['nama']}" for s in sasaran],
            [s["capaian"] for s in sasaran],
            "Capaian per sasaran strategis",
        )
    bidang = [b for b in ctx["bidang"] if b["jumlah_indikator"]]
    if any(b["capaian"] is not None for b in bidang):
        out["bidang"] = charts.grafik_capaian(
            [b["nama"] for b in bidang], [b["capaian"] for b in bidang], "Capaian per bidang"
        )
    agg = ctx["anggaran"]["bidang"]
    rencana = ctx["anggaran"]["dasar"] == "rencana"
    kunci = "serapan_rencana" if rencana else "serapan"
    if any(b[kunci] is not None for b in agg):
        out["serapan"] = charts.grafik_serapan(
            [b["nama"] for b in agg],
            [b["capaian"] for b in agg],
            [b[kunci] for b in agg],
            "Capaian kinerja dan serapan anggaran per bidang",
            "Serapan terhadap rencana DPA (%)" if rencana else "Serapan terhadap pagu (%)",
        )
    if ctx["jenis"] == "triwulan" and any(v is not None for v in ctx["tren"]["dinas"]):
        seri = [("Perangkat daerah", ctx["tren"]["dinas"])]
        seri += [
            (charts.nama_pendek(s["kode"], s["nama"]), s["nilai"]) for s in ctx["tren"]["sasaran"]
        ]
        out["tren"] = charts.grafik_tren(
            [f"TW {q}" for q in ctx["kuartal"]], seri, "Tren capaian per triwulan"
        )
    return out


def _html_ctx(
    ctx: dict[str, Any],
    grafik: dict[str, bytes],
    untuk_pdf: bool,
    huruf: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        **ctx,
        "grafik": {k: data_uri(v) if v else "" for k, v in grafik.items()},
        "untuk_pdf": untuk_pdf,
        "huruf": huruf or {},
    }


def render_template(env: Any, nama: str, ctx: dict[str, Any]) -> str:
    """Render one template; a broken (e.g. workspace-edited) template stops with its name."""
    from jinja2 import TemplateError

    try:
        return str(env.get_template(nama).render(ctx))
    except TemplateError as exc:
        raise KinerjaError(
            f"templat {nama} tidak dapat dipakai: {exc}. Periksa salinan templat "
            "di folder templates/ ruang kerja (hapus untuk memakai bawaan)."
        ) from exc


def render_html(ctx: dict[str, Any], env: Any, grafik: dict[str, bytes]) -> str:
    """The self-contained HTML document."""
    return render_template(env, TEMPLAT[ctx["jenis"]] + ".html", _html_ctx(ctx, grafik, False))


def pdf_available() -> bool:
    """True when the `pdf` extra (xhtml2pdf) is importable."""
    import importlib.util

    return importlib.util.find_spec("xhtml2pdf") is not None


def _huruf() -> dict[str, str]:
    """DejaVu Sans from matplotlib's own data (found without importing matplotlib): it has ≥,
    −, – and × that Helvetica lacks."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    roots = list(spec.submodule_search_locations or []) if spec else []
    base = Path(roots[0] if roots else ".") / "mpl-data" / "fonts" / "ttf"
    return {
        "biasa": str(base / "DejaVuSans.ttf"),
        "tebal": str(base / "DejaVuSans-Bold.ttf"),
        "miring": str(base / "DejaVuSans-Oblique.ttf"),
    }


def render_pdf(ctx: dict[str, Any], env: Any, grafik: dict[str, bytes]) -> bytes:
    """PDF through xhtml2pdf; only embedded data: images and the bundled fonts are read."""
    if not pdf_available():
        raise PdfUnavailable()
    import inspect
    import logging

    from xhtml2pdf import pisa

    huruf = _huruf()
    boleh = set(huruf.values())
    html = render_template(
        env, TEMPLAT[ctx["jenis"]] + ".html", _html_ctx(ctx, grafik, True, huruf)
    )

    def link_callback(uri: str, rel: str) -> str:
        if uri.startswith("data:") or uri in boleh:
            return uri
        return ""  # no file:, no network (docs/reliability.md B2)

    kwargs: dict[str, Any] = {"link_callback": link_callback, "encoding": "utf-8"}
    if "resource_policy" in inspect.signature(pisa.pisaDocument).parameters:
        from xhtml2pdf.config.resources import ResourceAccessPolicy

        kwargs["resource_policy"] = ResourceAccessPolicy(
            allow_remote=False, base_dir=Path(huruf["biasa"]).parent
        )
    out = io.BytesIO()
    logging.getLogger("xhtml2pdf").setLevel(logging.CRITICAL)
    status = pisa.CreatePDF(html, dest=out, **kwargs)
    if status.err:
        raise KinerjaError(f"PDF gagal dibuat ({status.err} galat dari xhtml2pdf).")
    return out.getvalue()


def render_docx(
    ctx: dict[str, Any], env: Any, grafik: dict[str, bytes], override: Path | None
) -> bytes:
    """The editable Word document from `<templat>.docx` (docxtpl)."""
    from kinerja_cli.report.docx_out import render_docx as _docx

    nama = TEMPLAT[ctx["jenis"]] + ".docx"
    templat = find_template(nama, override)
    if templat is None:
        raise KinerjaError(f"templat Word {nama} tidak ditemukan (instalasi rusak?)")
    return _docx(ctx, env, grafik, templat)


def render_xlsx(ctx: dict[str, Any]) -> bytes:
    """The report's tables as a workbook; every text is written formula-safe."""
    from kinerja_cli.report.xlsx_out import render_xlsx as _xlsx

    return _xlsx(ctx)


def renderer(
    fmt: str, override: Path | None
) -> Callable[[dict[str, Any], Any, dict[str, bytes]], bytes]:
    """The function producing `fmt` as bytes from (context, env, charts)."""
    if fmt == "html":
        return lambda c, e, g: render_html(c, e, g).encode("utf-8")
    if fmt == "pdf":
        return render_pdf
    if fmt == "docx":
        return lambda c, e, g: render_docx(c, e, g, override)
    if fmt == "xlsx":
        return lambda c, e, g: render_xlsx(c)
    raise KinerjaError(f"format laporan tidak dikenal: {fmt} (pilih: {', '.join(FORMAT)})")
