"""The editable Word report: the agency's `.docx` template rendered with docxtpl.

The template holds Jinja2 tags (`{{ … }}`, `{%tr for … %}` rows); it is rendered with the same
Environment and filters as the HTML, autoescaped so text from the forms cannot break the XML.
Charts go in as docxtpl InlineImage objects.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

LEBAR_GRAFIK_MM = 230


def render_docx(ctx: dict[str, Any], env: Any, grafik: dict[str, bytes], templat: Path) -> bytes:
    """The Word document as bytes."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateError

    from kinerja_cli.errors import KinerjaError

    tpl = DocxTemplate(str(templat))
    gambar: dict[str, Any] = {
        k: InlineImage(tpl, io.BytesIO(v), width=Mm(LEBAR_GRAFIK_MM)) if v else ""
        for k, v in grafik.items()
    }
    try:
        tpl.render(
            {**ctx, "grafik": gambar, "untuk_pdf": False, "huruf": {}},
            jinja_env=env,
            autoescape=True,
        )
    except TemplateError as exc:
        raise KinerjaError(
            f"templat Word {templat.name} tidak dapat dipakai: {exc}. Periksa "
            "tag {{ … }} dan {% … %} di dalamnya (setiap tag harus utuh)."
        ) from exc
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()
