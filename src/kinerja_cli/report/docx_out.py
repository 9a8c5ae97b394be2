"""The editable Word report: the agency's `.docx` template rendered with docxtpl.

The template holds Jinja2 tags (`{{ … }}`, `{%tr for … %}` rows); it is rendered with the same
Environment and filters as the HTML, autoescaped so text from the forms cannot break the XML.
Charts go in as docxtpl InlineImage objects.

After rendering, the document is made ready to print (docs/contract.md §16), whatever the
template holds: every table row gets "do not split across pages"; a column whose header reads
`KOLOM_LEPAS` (a quarter that has not run yet, the efficiency columns of a quarter without the
DPA plan) is removed and its width given to the widest column; the last sasaran group of the
lembar pengukuran, its dinas row and the signature block are kept on one page, and so are the
last row of the table before any signature block and the block itself.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

LEBAR_GRAFIK_MM = 230
KOLOM_LEPAS = "\u2060kolom-lepas\u2060"  # see templates/buat_templat_docx.py (LEPAS)
LEMBAR = "Lembar Pengukuran Kinerja"  # tblCaption of the lembar table
TTD = "TandaTangan"  # style id of the signature block's paragraphs
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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
            {**ctx, "grafik": gambar, "untuk_pdf": False, "huruf": {}, "kolom_lepas": KOLOM_LEPAS},
            jinja_env=env,
            autoescape=True,
        )
    except TemplateError as exc:
        raise KinerjaError(
            f"templat Word {templat.name} tidak dapat dipakai: {exc}. Periksa "
            "tag {{ … }} dan {% … %} di dalamnya (setiap tag harus utuh)."
        ) from exc
    siap_cetak(tpl.docx.element.body, _kelompok_akhir(ctx))
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def _kelompok_akhir(ctx: dict[str, Any]) -> int:
    """Rows at the end of the lembar table that stay with the signature: the last sasaran's
    indicators, its subtotal, the dinas row and the note on missing bidang if any."""
    sasaran = ctx.get("sasaran") or []
    if not sasaran:
        return 1
    return len(sasaran[-1]["indikator"]) + 2  # + its subtotal and the closing row


def _tag(el: Any) -> str:
    return str(el.tag).rsplit("}", 1)[-1]


def _child(el: Any, name: str) -> Any:
    return el.find(_W + name)


def _ensure(el: Any, name: str, at: int = 0) -> Any:
    """The child `name` of `el`, created at position `at` when missing."""
    from lxml import etree

    found = _child(el, name)
    if found is None:
        found = etree.Element(_W + name)
        el.insert(at, found)
    return found


def _text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(_W + "t"))


def _span(tc: Any) -> int:
    pr = _child(tc, "tcPr")
    gs = _child(pr, "gridSpan") if pr is not None else None
    return int(gs.get(_W + "val")) if gs is not None else 1


def _caption(tbl: Any) -> str:
    pr = _child(tbl, "tblPr")
    cap = _child(pr, "tblCaption") if pr is not None else None
    return str(cap.get(_W + "val")) if cap is not None else ""


def _style(p: Any) -> str:
    ppr = _child(p, "pPr")
    st = _child(ppr, "pStyle") if ppr is not None else None
    return str(st.get(_W + "val")) if st is not None else ""


def _rows(tbl: Any) -> list[Any]:
    return [tr for tr in tbl if _tag(tr) == "tr"]


def _cant_split(tr: Any) -> None:
    pr = _ensure(tr, "trPr", 1 if _child(tr, "tblPrEx") is not None else 0)
    if _child(pr, "cantSplit") is None:
        from lxml import etree

        pr.insert(0, etree.Element(_W + "cantSplit"))


def _keep_next(el: Any) -> None:
    """Keep with next on every paragraph inside `el` (a row, a paragraph)."""
    from lxml import etree

    ps = [el] if _tag(el) == "p" else list(el.iter(_W + "p"))
    for p in ps:
        ppr = _child(p, "pPr")
        if ppr is None:
            ppr = etree.Element(_W + "pPr")
            p.insert(0, ppr)
        if _child(ppr, "keepNext") is None:
            kn = etree.Element(_W + "keepNext")
            style = _child(ppr, "pStyle")
            ppr.insert(1 if style is not None else 0, kn)


# A group of rows kept together (a sasaran heading, its indicators, its subtotal) longer than
# this may break inside: its first KEEP_HEAD and last KEEP_TAIL rows stay glued, so no heading
# ends a page and no subtotal starts one, but a long group no longer leaves a page empty.
MAX_KEPT, KEEP_HEAD, KEEP_TAIL = 8, 3, 2


def _kept(tr: Any) -> bool:
    return any(
        _child(_child(p, "pPr"), "keepNext") is not None
        for p in tr.iter(_W + "p")
        if _child(p, "pPr") is not None
    )


def _release(tr: Any) -> None:
    for p in tr.iter(_W + "p"):
        ppr = _child(p, "pPr")
        kn = _child(ppr, "keepNext") if ppr is not None else None
        if kn is not None:
            ppr.remove(kn)


def _split_long_groups(tbl: Any) -> None:
    """Release keep-with-next inside every run of kept body rows longer than MAX_KEPT; the
    first and the last rows of a table stay together (no row alone under its heading at the
    foot of a page, none alone on a page of its own)."""

    def header(tr: Any) -> bool:
        pr = _child(tr, "trPr")
        return pr is not None and _child(pr, "tblHeader") is not None

    body = [tr for tr in _rows(tbl) if not header(tr)]
    run: list[Any] = []
    for tr in [*body, None]:
        if tr is not None and _kept(tr):
            run.append(tr)
            continue
        if len(run) + 1 > MAX_KEPT:  # the run and the row it keeps with
            for middle in run[KEEP_HEAD : len(run) - KEEP_TAIL]:
                _release(middle)
        run = []
    if len(body) >= 2 * KEEP_TAIL + 2:  # no table starts or ends with a row or two alone
        for tr in [*body[:KEEP_TAIL], *body[-KEEP_TAIL - 1 : -1]]:
            _keep_next(tr)


def _remove_columns(tbl: Any) -> None:
    """Drop the columns whose header cell reads KOLOM_LEPAS; the others share their width."""
    rows = _rows(tbl)
    if not rows:
        return
    pos, lepas = 0, []
    for tc in (c for c in rows[0] if _tag(c) == "tc"):
        if _text(tc).strip() == KOLOM_LEPAS:
            lepas.append(pos)
        pos += _span(tc)
    if not lepas:
        return
    grid = _child(tbl, "tblGrid")
    cols = [g for g in grid if _tag(g) == "gridCol"]
    widths = [int(g.get(_W + "w") or 0) for g in cols]
    total = sum(widths)
    for g in sorted(lepas, reverse=True):
        for tr in rows:
            p = 0
            for tc in [c for c in tr if _tag(c) == "tc"]:
                n = _span(tc)
                if p <= g < p + n:
                    if n > 1:
                        _child(_child(tc, "tcPr"), "gridSpan").set(_W + "val", str(n - 1))
                    else:
                        tr.remove(tc)
                    break
                p += n
        grid.remove(cols[g])
        cols.pop(g)
        widths.pop(g)
    # the freed width is shared out in proportion: the table keeps its width and every
    # remaining header gets more room (no hyphenated "Realisa-si")
    sisa = sum(widths) or 1
    widths = [w * total // sisa for w in widths]
    for col, w in zip(cols, widths, strict=True):
        col.set(_W + "w", str(w))
    for tr in rows:  # every cell's width from the grid it spans
        p = 0
        for tc in [c for c in tr if _tag(c) == "tc"]:
            n = _span(tc)
            pr = _ensure(tc, "tcPr")
            tcw = _ensure(pr, "tcW", 1 if _child(pr, "cnfStyle") is not None else 0)
            tcw.set(_W + "w", str(sum(widths[p : p + n])))
            tcw.set(_W + "type", "dxa")
            p += n


def _align_closing(tbl: Any) -> None:
    """The dinas row of the lembar is a table nested in its last row, its last two columns
    under Capaian and Predikat: after a column was removed above, they are set again to the
    widths of those two columns (an optional column such as Target (PK awal), §13)."""
    rows = _rows(tbl)
    grid = _child(tbl, "tblGrid")
    if not rows or grid is None:
        return
    outer = [int(g.get(_W + "w") or 0) for g in grid if _tag(g) == "gridCol"]
    nested = next(rows[-1].iter(_W + "tbl"), None)
    inner_grid = _child(nested, "tblGrid") if nested is not None else None
    if inner_grid is None or len(outer) < 3:
        return
    cols = [g for g in inner_grid if _tag(g) == "gridCol"]
    if len(cols) != 3:
        return
    widths = [sum(outer[:-2]), outer[-2], outer[-1]]
    for g, w in zip(cols, widths, strict=True):
        g.set(_W + "w", str(w))
    for tr in _rows(nested):
        for tc, w in zip([c for c in tr if _tag(c) == "tc"], widths, strict=False):
            tcw = _ensure(_ensure(tc, "tcPr"), "tcW")
            tcw.set(_W + "w", str(w))
            tcw.set(_W + "type", "dxa")


def siap_cetak(body: Any, akhir_lembar: int) -> None:
    """Apply the print rules of the module docstring to a rendered document body."""
    for tbl in body.iter(_W + "tbl"):
        _remove_columns(tbl)
        _split_long_groups(tbl)
        for tr in _rows(tbl):
            _cant_split(tr)
    blocks = [el for el in body if _tag(el) in ("p", "tbl")]
    for tbl in blocks:
        if _tag(tbl) == "tbl" and _caption(tbl) == LEMBAR:
            _align_closing(tbl)
            for tr in _rows(tbl)[-akhir_lembar:]:  # the last group with the closing row
                _keep_next(tr)
    ttd = next((i for i, el in enumerate(blocks) if _tag(el) == "p" and _style(el) == TTD), None)
    if ttd is None:
        return
    # whatever stands right above the signature stays on its page (empty paragraphs, the
    # closing sentence, the last row of a table)
    j = ttd - 1
    while j >= 0 and _tag(blocks[j]) == "p":
        _keep_next(blocks[j])
        if _text(blocks[j]).strip():
            break
        j -= 1
    if j >= 0 and _tag(blocks[j]) == "tbl":
        rows = _rows(blocks[j])
        if rows:
            _keep_next(rows[-1])
