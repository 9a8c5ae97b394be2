"""Build the Word templates `laporan-tahunan.docx` and `reviu-triwulan.docx` (docxtpl tags).

Run from the repository root after changing the layout, and commit the two .docx files:

    uv run python templates/buat_templat_docx.py

The agency may instead edit the .docx files in Word or LibreOffice (copied to the workspace's
`templates/` folder by `kinerja init`): keep every `{{ … }}` / `{% … %}` tag in one piece.
Rows holding only a `{%tr … %}` tag disappear when the report is rendered.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HURUF = "Arial"
LEBAR = 297 - 20 - 15  # usable width in mm (A4 landscape, margins 20/15)
TENGAH, KANAN = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
Sel = str | dict[str, Any]
# Header text of a column the rendered document does not need (a quarter not yet run, the
# efficiency columns of a quarter without the DPA plan): report/docx_out.py removes it.
LEPAS = "{{ kolom_lepas }}"
LEMBAR = "Lembar Pengukuran Kinerja"  # caption of the lembar table (kept with the signature)
TTD = "Tanda Tangan"  # caption of the signature table


# the Target (PK awal) column (6th) is removed unless a PK Perubahan changed a target
LEBAR_LEMBAR = [4.0, 7, 16, 26, 7, 9.5, 9.5, 8, 8, 11]


class Tetap(list):  # type: ignore[type-arg]
    """A table row kept on the page of the row below it (a group heading, a group's rows)."""


def kolom(syarat: str, isi: str) -> str:
    """A header or cell shown only when `syarat` holds; otherwise the column is removed."""
    return "{% if " + syarat + " %}" + isi + "{% else %}" + LEPAS + "{% endif %}"


def isi_kolom(syarat: str, isi: str) -> str:
    """A body cell of such a column (empty when the column is removed)."""
    return "{% if " + syarat + " %}" + isi + "{% endif %}"


def dokumen(judul_kaki: str) -> Any:
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.left_margin, sec.right_margin = Mm(20), Mm(15)
    sec.top_margin, sec.bottom_margin = Mm(16), Mm(16)
    normal = doc.styles["Normal"]
    normal.font.name = HURUF
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), HURUF)
    normal.paragraph_format.space_after = Pt(4)
    tanda = doc.styles.add_style("Tanda Tangan", 1)
    tanda.base_style = normal
    tanda.paragraph_format.space_after = Pt(0)
    tabel = doc.styles.add_style("Isi Tabel", 1)
    tabel.base_style = normal
    tabel.font.size = Pt(8.5)
    tabel.paragraph_format.space_after = Pt(0)
    for name in ("Heading 1", "Heading 2"):
        st = doc.styles[name]
        st.font.name, st.font.bold = HURUF, True
        st.font.color.rgb = None
        st.font.size = Pt(12 if name == "Heading 1" else 11)
        fonts = st.element.rPr.rFonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        fonts.set(qn("w:ascii"), HURUF)
        fonts.set(qn("w:hAnsi"), HURUF)
    doc.styles["Heading 1"].paragraph_format.alignment = TENGAH
    kaki = sec.footer.paragraphs[0]
    kaki.alignment = KANAN
    run = kaki.add_run(judul_kaki + " – Halaman ")
    run.font.size = Pt(8)
    _field(kaki, "PAGE")
    run = kaki.add_run(" dari ")
    run.font.size = Pt(8)
    _field(kaki, "NUMPAGES")
    return doc


def _field(par: Any, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "16")
    rpr.append(sz)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    par._p.append(fld)


def para(
    doc: Any,
    teks: str,
    *,
    bold: bool = False,
    size: float | None = None,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    style: str | None = None,
    after: float | None = None,
    italic: bool = False,
) -> Any:
    p = doc.add_paragraph(style=style)
    p.alignment = align
    run = p.add_run(teks)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def _border(p: Any, side: str, val: str, sz: int) -> None:
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    el = OxmlElement(f"w:{side}")
    for k, v in (("val", val), ("sz", str(sz)), ("space", "1"), ("color", "000000")):
        el.set(qn(f"w:{k}"), v)
    bdr.append(el)
    ppr.append(bdr)


def kop(doc: Any) -> None:
    para(doc, "{{ kop.pemda }}", bold=True, size=14, align=TENGAH, after=0)
    para(doc, "{{ kop.perangkat_daerah }}", bold=True, size=15, align=TENGAH, after=0)
    p = para(doc, "{{ kop.alamat }}", size=9.5, align=TENGAH, after=10)
    _border(p, "bottom", "double", 12)


def judul(doc: Any, baris: list[str]) -> None:
    for i, b in enumerate(baris):
        para(
            doc,
            b,
            bold=not b.startswith("Bahan"),
            size=13 if i < 3 else 11,
            align=TENGAH,
            after=0 if i < len(baris) - 1 else 12,
        )


def bab(doc: Any, nomor: str, teks: str, halaman_baru: bool = False) -> None:
    h = doc.add_heading(level=1)
    h.paragraph_format.page_break_before = halaman_baru
    h.add_run(nomor + ("\n" if nomor.startswith("BAB") else " ") + teks)


def sub(doc: Any, teks: str, halaman_baru: bool = False) -> None:
    h = doc.add_heading(teks, level=2)
    h.paragraph_format.page_break_before = halaman_baru


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _cant_split(row: Any) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _caption(t: Any, teks: str) -> None:
    tblpr = t._tbl.tblPr
    el = OxmlElement("w:tblCaption")
    el.set(qn("w:val"), teks)
    tblpr.append(el)


def _keep_row(row: Any) -> None:
    for cell in row.cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True


def tabel(
    doc: Any,
    lebar: list[float],
    kepala: list[list[Sel]],
    baris: list[list[Sel] | str],
    total: float = LEBAR,
    caption: str = "",
) -> Any:
    """A table: header rows (repeated on each page), then template rows; no row ever splits
    across pages (docs/contract.md §16).

    A cell is text or {"t": text, "al": "r"|"c", "span": n, "b": bold, "isi": fill}; a row
    given as a plain string is a `{%tr … %}` control row; a `Tetap` row stays with the next.
    """
    n = len(lebar)
    t = doc.add_table(rows=0, cols=n)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER if total == LEBAR else WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    skala = total / sum(lebar)
    for i, col in enumerate(t.columns):
        col.width = Mm(lebar[i] * skala)

    def isi(row: Any, sel: list[Sel], header: bool) -> None:
        j = 0
        for c in sel:
            spec = {"t": c} if isinstance(c, str) else dict(c)
            span = spec.get("span", 1)
            cell = row.cells[j]
            if span > 1:
                cell = cell.merge(row.cells[j + span - 1])
            p = cell.paragraphs[0]
            p.style = doc.styles["Isi Tabel"]
            al = spec.get("al", "c" if header else "l")
            p.alignment = {"c": TENGAH, "r": KANAN}.get(al, WD_ALIGN_PARAGRAPH.LEFT)
            run = p.add_run(spec.get("t", ""))
            run.bold = header or spec.get("b", False)
            if header:
                _shade(cell, "D9D9D9")
            elif spec.get("isi"):
                _shade(cell, spec["isi"])
            j += span

    for k in kepala:
        row = t.add_row()
        _repeat_header(row)
        isi(row, k, True)
    for b in baris:
        row = t.add_row()
        _cant_split(row)
        if isinstance(b, str):
            isi(row, [{"t": b, "span": n}], False)
        else:
            isi(row, b, False)
            if isinstance(b, Tetap):
                _keep_row(row)
    for row in list(t.rows)[: len(kepala)]:
        _keep_row(row)
    if caption:
        _caption(t, caption)
    for row in t.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Mm(lebar[min(i, n - 1)] * skala)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return t


def r(t: str, **kw: Any) -> dict[str, Any]:
    return {"t": t, "al": "r", **kw}


def c(t: str, **kw: Any) -> dict[str, Any]:
    return {"t": t, "al": "c", **kw}


def grafik(doc: Any, nama: str, keterangan: str) -> None:
    para(doc, "{%p if grafik." + nama + " %}", align=TENGAH)
    para(doc, "{{ grafik." + nama + " }}", align=TENGAH, after=0)
    para(doc, keterangan, italic=True, size=9, align=TENGAH)
    para(doc, "{%p endif %}", align=TENGAH)


def narasi(doc: Any) -> None:
    para(doc, "{%p for p in narasi %}")
    para(doc, "{{ p }}")
    para(doc, "{%p endfor %}")


TTD_BARIS = [
    "{{ ttd.tempat }}{% if ttd.tempat %}, {% endif %}{{ ttd.tanggal|tanggal }}",
    "{{ ttd.jabatan }},",
    "",
    "",
    "",
    "",
    "{% if ttd.nama %}{{ ttd.nama }}{% else %}______________________________{% endif %}",
    "{{ ttd.pangkat }}",
    "NIP. {% if ttd.nip %}{{ ttd.nip|nip }}{% else %}______________________{% endif %}",
]


def ttd(wadah: Any, lebar: float = LEBAR) -> None:
    """The signature block as paragraphs of style `Tanda Tangan` in the right part of the
    page, each kept with the next (Word and LibreOffice both honour that between paragraphs)."""
    for i, b in enumerate(TTD_BARIS):
        p = wadah.add_paragraph(style="Tanda Tangan")
        p.alignment = TENGAH
        p.paragraph_format.left_indent = Mm(lebar * 0.55)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = i < len(TTD_BARIS) - 1
        if i == 0:
            p.paragraph_format.space_before = Pt(12)
        run = p.add_run(b)
        if i == 6:
            run.bold = run.underline = True


def _tanpa_garis(cell: Any) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tcpr.append(borders)
    mar = OxmlElement("w:tcMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tcpr.append(mar)


def penutup_lembar(doc: Any, t: Any, lebar: list[float], baris_dinas: list[Sel]) -> None:
    """The lembar's last row: one cell holding the dinas row (a nested table aligned with the
    columns above), the note on missing bidang and the signature. A row never splits, so the
    dinas row and the signature always share a page (docs/contract.md §16)."""
    row = t.add_row()
    _cant_split(row)
    cell = row.cells[0].merge(row.cells[len(lebar) - 1])
    _tanpa_garis(cell)
    skala = LEBAR / sum(lebar)
    inner = cell.add_table(rows=1, cols=3)
    inner.style = doc.styles["Table Grid"]
    inner.autofit = False
    w = [sum(lebar[:-2]) * skala, lebar[-2] * skala, lebar[-1] * skala]
    for i, col in enumerate(inner.columns):
        col.width = Mm(w[i])
    for i, (c_, spec) in enumerate(zip(inner.rows[0].cells, baris_dinas, strict=True)):
        c_.width = Mm(w[i])
        spec = {"t": spec} if isinstance(spec, str) else dict(spec)
        p = c_.paragraphs[0]
        p.style = doc.styles["Isi Tabel"]
        p.alignment = {"c": TENGAH, "r": KANAN}.get(spec.get("al", "l"), WD_ALIGN_PARAGRAPH.LEFT)
        p.paragraph_format.keep_with_next = True
        run = p.add_run(spec.get("t", ""))
        run.bold = spec.get("b", False)
        if spec.get("isi"):
            _shade(c_, spec["isi"])
    _cant_split(inner.rows[0])
    first = cell.paragraphs[0]  # the empty paragraph python-docx put before the nested table
    first._p.getparent().remove(first._p)
    p = cell.add_paragraph("{%p if bidang_belum %}", style="Isi Tabel")
    p = cell.add_paragraph(
        "Capaian sementara: formulir {{ bidang_belum|join(', ') }} belum diterima; indikatornya "
        "ditampilkan tanpa realisasi dan belum dihitung dalam rata-rata.",
        style="Isi Tabel",
    )
    p.runs[0].italic = True
    p.paragraph_format.keep_with_next = True
    cell.add_paragraph("{%p endif %}", style="Isi Tabel")
    ttd(cell)


def metode(doc: Any) -> None:
    para(
        doc,
        "Capaian setiap indikator dihitung dengan membandingkan realisasi (R) terhadap "
        "target (T) yang ditetapkan dalam Perjanjian Kinerja, sesuai arah (polaritas) "
        "indikator, sebagai berikut:",
    )
    tabel(
        doc,
        [24, 40, 36],
        [["Jenis Indikator", "Rumus Capaian (%)", "Indikator"]],
        [
            "{%tr for r in metode.rumus %}",
            ["{{ r.jenis }}", "{{ r.rumus }}", "{{ r.indikator }}"],
            "{%tr endfor %}",
        ],
    )
    para(
        doc,
        "Capaian sasaran adalah rata-rata capaian indikatornya{% if "
        "metode.batas_rata_rata is not none %} (sumbangan setiap indikator dibatasi paling "
        "tinggi {{ metode.batas_rata_rata|persen }}){% endif %}, dan capaian perangkat daerah "
        "adalah rata-rata capaian sasaran. Predikat ditetapkan atas nilai capaian sebelum "
        "pembulatan, dengan skala berikut:",
    )
    tabel(
        doc,
        [50, 50],
        [["Capaian", "Predikat"]],
        ["{%tr for s in metode.skala %}", ["{{ s.rentang }}", "{{ s.label }}"], "{%tr endfor %}"],
        total=110,
    )


def revisi_pk(doc: Any) -> None:
    """The PK Perubahan the periode was measured against (docs/contract.md §13); nothing
    before a revision."""
    para(doc, "{%p if revisi.ada %}")
    para(doc, "{{ revisi.kalimat }}")
    para(doc, "{%p endif %}")


def koreksi_sekretaris(doc: Any) -> None:
    """The Sekretaris's corrections the figures include (docs/contract.md §11); nothing when
    there are none."""
    para(doc, "{%p if koreksi.ada %}")
    para(doc, "{{ koreksi.kalimat }}").paragraph_format.keep_with_next = True
    tabel(
        doc,
        [4, 7, 27, 14, 13, 17, 17],
        [
            [
                "No",
                "Kode",
                "Indikator Kinerja / Sub-kegiatan",
                "Bidang",
                "Isian",
                "Semula",
                "Menjadi",
            ]
        ],
        [
            "{%tr for r in koreksi.baris %}",
            # a short list stays on one page with its sentence (a long one still breaks)
            Tetap(
                [
                    c("{{ r.no }}"),
                    c("{{ r.kode }}"),
                    "{{ r.nama }}",
                    "{{ r.bidang }}",
                    "{{ r.isian }}",
                    "{{ r.lama|atau }}",
                    "{{ r.baru|atau }}",
                ]
            ),
            "{%tr endfor %}",
        ],
    )
    para(doc, "{%p endif %}")


def anggaran_tabel(
    doc: Any, kunci: str, judul_kolom: str, baris_jumlah: bool, status: bool
) -> None:
    """Budget and efficiency per sasaran or bidang: the DPA plan columns only for a quarter
    with the plan, the IE columns only where the period's efficiency can be measured."""
    rencana, ie = 'anggaran.dasar == "rencana"', "anggaran.dengan_ie"
    kepala: list[Sel] = ["No", judul_kolom]
    sel: list[Sel] = [c("{{ loop.index }}"), "{{ s.nama }}"]
    lebar = [4.0, 24.0]
    if status:
        kepala.append("Status Formulir")
        sel.append(c("{% for x in bidang if x.kode == s.kode %}{{ x.status_teks }}{% endfor %}"))
        lebar.append(9)
    kepala += [
        "Pagu (Rp)",
        kolom(rencana, "Rencana s/d TW {{ anggaran.romawi }} (Rp)"),
        "Realisasi (Rp)",
        "Serapan terhadap Pagu (%)",
        kolom(rencana, "Serapan terhadap Rencana (%)"),
        "Capaian Kinerja (%)",
        kolom(ie, "Selisih (poin)"),
        kolom(ie, "IE"),
        kolom(ie, "Kategori"),
    ]
    sel += [
        r("{{ s.pagu|rupiah }}"),
        r(isi_kolom(rencana, "{{ s.rencana|rupiah }}")),
        r("{{ s.realisasi|rupiah }}"),
        r("{{ s.serapan|angka }}"),
        r(isi_kolom(rencana, "{{ s.serapan_rencana|angka }}")),
        r("{{ s.capaian|angka }}"),
        r(isi_kolom(ie, "{{ s.selisih|angka }}")),
        r(isi_kolom(ie, "{{ s.ie|angka }}")),
        c(isi_kolom(ie, "{{ s.label|atau }}")),
    ]
    # a rupiah column holds "Rp24.195.000.000" on one line even with every column present
    lebar += [14, 14, 14, 9, 9, 9, 7, 5, 9]
    rows: list[list[Sel] | str] = ["{%tr for s in anggaran." + kunci + " %}", sel, "{%tr endfor %}"]
    if baris_jumlah:
        t = "anggaran.total"
        jumlah: list[Sel] = [
            c(""),
            {"t": "Jumlah / perangkat daerah", "b": True, "span": 2 if status else 1},
            r(f"{{{{ {t}.pagu|rupiah }}}}", b=True),
            r(isi_kolom(rencana, f"{{{{ {t}.rencana|rupiah }}}}"), b=True),
            r(f"{{{{ {t}.realisasi|rupiah }}}}", b=True),
            r(f"{{{{ {t}.serapan|angka }}}}", b=True),
            r(isi_kolom(rencana, f"{{{{ {t}.serapan_rencana|angka }}}}"), b=True),
            r(f"{{{{ {t}.capaian|angka }}}}", b=True),
            r(isi_kolom(ie, f"{{{{ {t}.selisih|angka }}}}"), b=True),
            r(isi_kolom(ie, f"{{{{ {t}.ie|angka }}}}"), b=True),
            c(isi_kolom(ie, f"{{{{ {t}.label|atau }}}}"), b=True),
        ]
        rows.append(jumlah)
    tabel(doc, lebar, [kepala], rows)


def permasalahan(doc: Any, triwulan: bool) -> None:
    kepala: list[Sel] = [
        "No",
        "Kode",
        "Indikator Kinerja",
        "Capaian (%)",
        "Faktor Pendorong",
        "Faktor Penghambat",
    ]
    sel: list[Sel] = [
        c("{{ r.no }}"),
        c("{{ r.kode }}"),
        "{{ r.nama }}",
        r("{{ r.capaian|angka }}"),
        "{{ r.pendorong|atau }}",
        "{{ r.penghambat|atau }}",
    ]
    lebar = [4.0, 6, 16, 7, 18, 18]
    if triwulan:
        kepala.append(kolom("triwulan_lalu.label", "Tindak Lanjut {{ triwulan_lalu.label }}"))
        sel.append(isi_kolom("triwulan_lalu.label", "{{ r.tindak_lanjut_lalu|atau }}"))
        lebar.append(16)
        kepala.append("Tindak Lanjut {{ dokumen.kurun }}")
    else:
        kepala.append("Tindak Lanjut")
    sel += [
        "{{ r.tindak_lanjut|atau }}",
        "{% for s in r.bukti %}{{ s.teks }}{% else %}–{% endfor %}",
    ]
    lebar += [18, 13]
    kepala.append("Bukti Dukung")
    tabel(doc, lebar, [kepala], ["{%tr for r in permasalahan %}", sel, "{%tr endfor %}"])


DASAR = [
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun "
    "2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu "
    "atas Laporan Kinerja Instansi Pemerintah;",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, "
    "Pengendalian dan Evaluasi Pembangunan Daerah;",
    "Perjanjian Kinerja {{ dokumen.nama_dinas }} Tahun {{ dokumen.tahun }}.",
]


def tahunan(path: Path) -> None:
    doc = dokumen("{{ dokumen.judul }}")
    kop(doc)
    judul(
        doc,
        ["{{ dokumen.judul_atas }}", "{{ dokumen.nama_dinas|upper }}", "{{ dokumen.judul_bawah }}"],
    )
    # Lembar pengukuran: the table, then the signature directly under it (docs/contract.md §16).
    abu, abu_tua = "F0F0F0", "D9D9D9"
    lembar = tabel(
        doc,
        LEBAR_LEMBAR,
        [
            [
                "No",
                "Kode",
                "Sasaran",
                "Indikator Kinerja",
                "Satuan",
                kolom("revisi.target_diubah", "Target (PK awal)"),
                "Target{% if revisi.target_diubah %} (PK perubahan){% endif %}",
                "Realisasi",
                "Capaian (%)",
                "Predikat",
            ]
        ],
        [
            "{%tr for s in sasaran %}",
            "{%tr for r in s.indikator %}",
            Tetap(
                [
                    c("{% vm %}{{ s.no }}"),
                    c("{{ r.kode }}"),
                    "{% vm %}{{ s.nama }}",
                    "{{ r.nama }}{% if r.keterangan %} ({{ r.keterangan }}){% endif %}"
                    "{% if r.komponen %} [{{ r.komponen }}]{% endif %}",
                    c("{{ r.satuan }}"),
                    r(
                        isi_kolom(
                            "revisi.target_diubah", "{{ r.target_awal|target(r.target_awal_teks) }}"
                        )
                    ),
                    r("{{ r.target|target(r.target_teks) }}"),
                    r("{{ r.realisasi|realisasi(r.target, r.target_teks) }}"),
                    r("{{ r.capaian_periode|angka }}"),
                    c("{{ r.predikat|atau }}"),
                ]
            ),
            "{%tr endfor %}",
            [
                {"t": "Capaian sasaran {{ s.no }}", "span": 8, "b": True, "isi": abu},
                r("{{ s.capaian|angka }}", b=True, isi=abu),
                c("{{ s.predikat|atau }}", b=True, isi=abu),
            ],
            "{%tr endfor %}",
        ],
        caption=LEMBAR,
    )
    penutup_lembar(
        doc,
        lembar,
        LEBAR_LEMBAR,
        [
            {
                "t": "Capaian kinerja {{ dokumen.singkatan or dokumen.nama_dinas }} "
                "(rata-rata capaian sasaran{% if bidang_belum %}; sementara{% endif %})",
                "b": True,
                "isi": abu_tua,
            },
            r("{{ ringkasan.capaian|angka }}", b=True, isi=abu_tua),
            c("{{ ringkasan.predikat|atau }}", b=True, isi=abu_tua),
        ],
    )

    # LAMPIRAN: everything else; a section without data is left out.
    h = para(doc, "LAMPIRAN", bold=True, size=12, align=TENGAH, after=0)
    h.paragraph_format.page_break_before = True
    para(
        doc,
        "{{ dokumen.judul_atas }} {{ dokumen.nama_dinas|upper }} {{ dokumen.judul_bawah }}",
        bold=True,
        size=12,
        align=TENGAH,
        after=10,
    )
    sub(doc, "{{ lampiran.metode }}. Dasar dan Metode Pengukuran")
    for i, d in enumerate(DASAR, start=1):
        p = para(doc, f"{i}.\t{d}", after=2)
        p.paragraph_format.left_indent = Mm(7)
        p.paragraph_format.first_line_indent = Mm(-7)
    para(
        doc,
        "Pengukuran kinerja ini membandingkan realisasi kinerja Tahun {{ dokumen.tahun }} "
        "dengan target yang telah diperjanjikan dalam Perjanjian Kinerja, sebagai bahan "
        "penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP) serta dasar perbaikan "
        "perencanaan dan pelaksanaan program pada tahun berikutnya. Pengukuran mencakup "
        "{{ ringkasan.jumlah_sasaran }} sasaran strategis dengan "
        "{{ ringkasan.jumlah_indikator }} indikator kinerja.",
    )
    metode(doc)
    revisi_pk(doc)
    koreksi_sekretaris(doc)

    sub(doc, "{{ lampiran.analisis }}. Analisis Capaian Kinerja", halaman_baru=True)
    narasi(doc)
    tabel(
        doc,
        [4, 60, 10, 11, 12],
        [["No", "Sasaran Strategis", "Jumlah Indikator", "Capaian (%)", "Predikat"]],
        [
            "{%tr for s in sasaran %}",
            [
                c("{{ s.no }}"),
                "{{ s.nama }}",
                c("{{ s.jumlah_indikator }}"),
                r("{{ s.capaian|angka }}"),
                c("{{ s.predikat|atau }}"),
            ],
            "{%tr endfor %}",
            [
                c(""),
                {"t": "Capaian kinerja perangkat daerah", "b": True},
                c("{{ ringkasan.jumlah_indikator }}", b=True),
                r("{{ ringkasan.capaian|angka }}", b=True),
                c("{{ ringkasan.predikat|atau }}", b=True),
            ],
        ],
    )
    tabel(
        doc,
        [60, 40],
        [["Predikat", "Jumlah Indikator"]],
        [
            "{%tr for p in ringkasan.jumlah_predikat %}",
            ["{{ p.label }}", c("{{ p.jumlah }}")],
            "{%tr endfor %}",
            ["Belum terukur", c("{{ ringkasan.belum_terukur }}")],
        ],
        total=110,
    )
    grafik(doc, "sasaran", "Grafik 1. Capaian kinerja per sasaran strategis terhadap target 100%")
    grafik(doc, "bidang", "Grafik 2. Capaian kinerja per bidang terhadap target 100%")

    para(doc, "{%p if anggaran.ada %}")
    sub(doc, "{{ lampiran.anggaran }}. Realisasi Anggaran dan Efisiensi", halaman_baru=True)
    para(
        doc,
        "Realisasi anggaran Tahun {{ dokumen.tahun }} sebesar "
        "{{ anggaran.total.realisasi|rupiah }} dari pagu {{ anggaran.total.pagu|rupiah }} "
        "(serapan {{ anggaran.total.serapan|persen }}). Efisiensi dinilai dengan Indeks "
        "Efisiensi (IE) = capaian kinerja ÷ serapan anggaran; IE ≥ 1 berarti Efisien. Indeks "
        "ini merupakan alat bantu analisis; peraturan tidak menetapkan rumus efisiensi.",
    )
    para(
        doc, "1. Anggaran dan efisiensi per sasaran strategis", bold=True
    ).paragraph_format.keep_with_next = True
    anggaran_tabel(doc, "sasaran", "Sasaran Strategis", True, False)
    para(
        doc, "2. Anggaran dan efisiensi per bidang", bold=True
    ).paragraph_format.keep_with_next = True
    anggaran_tabel(doc, "bidang", "Bidang", False, False)
    grafik(doc, "serapan", "Grafik 3. Capaian kinerja dan serapan anggaran per bidang")
    para(
        doc, "3. Realisasi anggaran per program dan kegiatan", bold=True
    ).paragraph_format.keep_with_next = True
    tabel(
        doc,
        [13, 34, 16, 13, 13, 7, 13],
        [
            [
                "Kode",
                "Program / Kegiatan",
                "Bidang",
                "Pagu (Rp)",
                "Realisasi (Rp)",
                "Serapan (%)",
                "Sisa (Rp)",
            ]
        ],
        [
            "{%tr for a in anggaran.rincian %}",
            [
                "{{ a.kode }}",
                "{{ a.uraian }}",
                "{{ a.bidang }}",
                r("{{ a.pagu|rupiah }}"),
                r("{{ a.realisasi|rupiah }}"),
                r("{{ a.serapan|angka }}"),
                r("{{ a.sisa|rupiah }}"),
            ],
            "{%tr endfor %}",
            [
                "",
                {"t": "Jumlah", "b": True},
                "",
                r("{{ anggaran.total.pagu|rupiah }}", b=True),
                r("{{ anggaran.total.realisasi|rupiah }}", b=True),
                r("{{ anggaran.total.serapan|angka }}", b=True),
                r("{{ anggaran.total.sisa|rupiah }}", b=True),
            ],
        ],
    )
    para(doc, "{%p endif %}")

    para(doc, "{%p if permasalahan %}")
    sub(doc, "{{ lampiran.permasalahan }}. Permasalahan dan Tindak Lanjut", halaman_baru=True)
    para(
        doc,
        "Faktor pendorong, faktor penghambat dan tindak lanjut berikut disampaikan oleh "
        "bidang pengampu untuk setiap indikator yang memuat uraian atau yang belum mencapai "
        "target.",
    ).paragraph_format.keep_with_next = True
    permasalahan(doc, triwulan=False)
    para(doc, "{%p endif %}")

    para(doc, "{%p if tahun_lalu.ada or tren.ada %}")
    sub(doc, "{{ lampiran.tahun_lalu }}. Perbandingan dengan Tahun Sebelumnya", halaman_baru=True)
    para(doc, "{%p endif %}")
    para(doc, "{%p if tahun_lalu.ada %}")
    para(doc, "{%p if tren.ada %}")
    para(
        doc, "1. Tahun {{ tahun_lalu.tahun }} dan Tahun {{ dokumen.tahun }}", bold=True
    ).paragraph_format.keep_with_next = True
    para(doc, "{%p endif %}")
    para(doc, "{{ tahun_lalu.kalimat }}").paragraph_format.keep_with_next = True
    tabel(
        doc,
        [4, 6, 28, 7, 8, 8, 8, 8, 8, 8, 9],
        [
            [
                "No",
                "Kode",
                "Indikator Kinerja",
                "Satuan",
                "Target {{ tahun_lalu.tahun }}",
                "Realisasi {{ tahun_lalu.tahun }}",
                "Capaian {{ tahun_lalu.tahun }} (%)",
                "Target {{ dokumen.tahun }}",
                "Realisasi {{ dokumen.tahun }}",
                "Capaian {{ dokumen.tahun }} (%)",
                "Perubahan Capaian (poin)",
            ]
        ],
        [
            "{%tr for r in tahun_lalu.baris %}",
            [
                c("{{ loop.index }}"),
                c("{{ r.kode }}"),
                "{{ r.nama }}",
                c("{{ r.satuan }}"),
                r("{{ r.target_lalu|atau }}"),
                r("{{ r.realisasi_lalu|realisasi(r.target, r.target_lalu) }}"),
                r("{{ r.capaian_lalu|angka }}"),
                r("{{ r.target|target(r.target_teks) }}"),
                r("{{ r.realisasi|realisasi(r.target, r.target_teks) }}"),
                r("{{ r.capaian|angka }}"),
                r("{{ r.selisih|angka }}"),
            ],
            "{%tr endfor %}",
        ],
    )
    para(doc, "{%p endif %}")
    tren(doc)
    renstra(doc)
    para(doc, "{%p if data_pendukung %}")
    sub(doc, "{{ lampiran.bukti }}. Data Pendukung (Bukti Dukung)", halaman_baru=True)
    para(
        doc,
        "Data pendukung yang disampaikan bidang pengampu untuk setiap indikator; dokumen yang "
        "disebut disimpan bersama arsip pengukuran kinerja ini.",
    ).paragraph_format.keep_with_next = True
    tabel_bukti(doc)
    para(doc, "{%p endif %}")
    doc.save(str(path))


TREN_SLOT = 6  # five linked years and this one (docs/contract.md §14)


def tren(doc: Any) -> None:
    """The multi-year trend: a Realisasi and a Capaian column per year; the slots of years
    that are not linked are removed after rendering (LEPAS)."""
    para(doc, "{%p if tren.ada %}")
    para(doc, "{%p if tahun_lalu.ada %}")
    para(
        doc, "2. Tren Tahun {{ tren.tahun[0] }}–{{ dokumen.tahun }}", bold=True
    ).paragraph_format.keep_with_next = True
    para(doc, "{%p endif %}")
    para(doc, "{{ tren.kalimat }}").paragraph_format.keep_with_next = True
    kepala: list[Sel] = ["No", "Kode", "Indikator Kinerja", "Satuan"]
    sel: list[Sel] = [c("{{ loop.index }}"), c("{{ r.kode }}"), "{{ r.nama }}", c("{{ r.satuan }}")]
    for i in range(TREN_SLOT):
        ada = f"tren.tahun|length > {i}"
        kepala += [
            kolom(ada, "Realisasi {{ tren.tahun[" + str(i) + "] }}"),
            kolom(ada, "Capaian {{ tren.tahun[" + str(i) + "] }} (%)"),
        ]
        v = f"r.nilai[{i}]"
        sel += [
            r(
                isi_kolom(
                    ada, "{{ " + v + ".realisasi|realisasi(r.target, " + v + ".target_teks) }}"
                )
            ),
            r(isi_kolom(ada, "{{ " + v + ".capaian|angka }}")),
        ]
    tabel(
        doc,
        [4, 6, 24, 6, *([7.0] * (2 * TREN_SLOT))],
        [kepala],
        ["{%tr for r in tren.baris %}", sel, "{%tr endfor %}"],
    )
    para(doc, "{%p endif %}")


def renstra(doc: Any) -> None:
    """Realisation s/d this year against the Renstra's end-of-period target (Bab III A.3)."""
    para(doc, "{%p if renstra.ada %}")
    sub(
        doc,
        "{{ lampiran.renstra }}. Capaian terhadap Target Akhir Rencana Strategis",
        halaman_baru=True,
    )
    para(doc, "{{ renstra.kalimat }}").paragraph_format.keep_with_next = True
    tabel(
        doc,
        [4, 6, 30, 7, 10, 10, 9, 10, 10],
        [
            [
                "No",
                "Kode",
                "Indikator Kinerja",
                "Satuan",
                "Target Akhir Renstra{% if renstra.tahun_akhir %} ({{ renstra.tahun_akhir }})"
                "{% endif %}",
                "Realisasi s/d Tahun {{ dokumen.tahun - 1 }}",
                "Realisasi Tahun {{ dokumen.tahun }}",
                "Realisasi s/d Tahun {{ dokumen.tahun }}",
                "Capaian terhadap Target Akhir Renstra (%)",
            ]
        ],
        [
            "{%tr for r in renstra.baris %}",
            [
                c("{{ r.no }}"),
                c("{{ r.kode }}"),
                "{{ r.nama }}",
                c("{{ r.satuan }}"),
                r("{{ r.target_renstra|target(r.target_renstra_teks) }}"),
                r("{{ r.realisasi_lalu|realisasi(r.target, r.target_teks) }}"),
                r("{{ r.realisasi|realisasi(r.target, r.target_teks) }}"),
                r("{{ r.realisasi_sd|realisasi(r.target, r.target_teks) }}"),
                r("{{ r.capaian|angka }}"),
            ],
            "{%tr endfor %}",
        ],
    )
    para(doc, "{%p if renstra.anggaran %}")
    para(
        doc,
        "Anggaran: pagu Renstra {{ renstra.anggaran.pagu|rupiah }}; realisasi s/d Tahun "
        "{{ dokumen.tahun }} {{ renstra.anggaran.realisasi_sd|rupiah }} "
        "({{ renstra.anggaran.capaian|persen }} dari pagu Renstra), termasuk realisasi Tahun "
        "{{ dokumen.tahun }} sebesar {{ renstra.anggaran.realisasi|rupiah }}.",
    )
    para(doc, "{%p endif %}")
    para(doc, "{%p endif %}")


def tabel_bukti(doc: Any) -> None:
    """Evidence per indicator: one line per reference (docs/contract.md §14)."""
    tabel(
        doc,
        [4, 7, 38, 51],
        [["No", "Kode", "Indikator Kinerja", "Data Pendukung"]],
        [
            "{%tr for r in data_pendukung %}",
            [
                c("{{ r.no }}"),
                c("{{ r.kode }}"),
                "{{ r.nama }}",
                "{% for b in r.bukti %}{{ b.teks }}{% if b.jenis == 'berkas' and b.ada == false %}"
                " (dokumen belum tersedia){% endif %}{% if not loop.last %}; {% endif %}"
                "{% endfor %}",
            ],
            "{%tr endfor %}",
        ],
    )


def triwulan(path: Path) -> None:
    doc = dokumen("{{ dokumen.judul }}")
    kop(doc)
    judul(
        doc,
        [
            "{{ dokumen.judul_atas }}",
            "{{ dokumen.nama_dinas|upper }}",
            "{{ dokumen.judul_bawah }}",
            "Bahan Rapat Evaluasi Kinerja {{ dokumen.kurun }}",
        ],
    )
    sampai = "sampai dengan {% if dokumen.semester %}akhir {% endif %}{{ dokumen.kurun }}"
    bab(doc, "I.", "RINGKASAN", halaman_baru=False)
    tabel(
        doc,
        [45, 55],
        [["Uraian", "Keterangan"]],
        [
            [
                "Capaian kinerja " + sampai,
                {
                    "t": "{{ ringkasan.capaian|persen }} ({{ ringkasan.predikat|atau }}){% if "
                    "tren.dinas_arah.arah %}; {{ tren.dinas_arah.teks }}{% endif %}",
                    "b": True,
                },
            ],
            ["Indikator terukur", "{{ ringkasan.terukur }} dari {{ ringkasan.jumlah_indikator }}"],
            [
                "Indikator berisiko tidak mencapai target tahunan (proyeksi)",
                "{{ berisiko|length }} dari {{ terproyeksi }} indikator yang dapat diproyeksikan",
            ],
            [
                "Bidang belum menyampaikan formulir",
                "{% if bidang_belum %}{{ bidang_belum|join(', ') }}{% else %}Nihil{% endif %}",
            ],
            "{%tr for p in ringkasan.jumlah_predikat %}",
            ["Indikator berpredikat {{ p.label }}", "{{ p.jumlah }}"],
            "{%tr endfor %}",
            ["Indikator belum terukur", "{{ ringkasan.belum_terukur }}"],
        ],
    )
    narasi(doc)
    para(doc, "{%p if masalah_utama %}")
    sub(doc, "Indikator dengan capaian terendah")
    tabel(
        doc,
        [4, 28, 16, 8, 9, 35],
        [["No", "Indikator Kinerja", "Bidang", "Capaian (%)", "Predikat", "Faktor Penghambat"]],
        [
            "{%tr for m in masalah_utama %}",
            [
                c("{{ loop.index }}"),
                "{{ m.nama }}{% if m.berisiko %} (berisiko tidak mencapai "
                "target tahunan, proyeksi){% endif %}",
                "{{ m.bidang_nama }}",
                r("{{ m.capaian|angka }}"),
                c("{{ m.predikat|atau }}"),
                "{{ m.penghambat|atau }}",
            ],
            "{%tr endfor %}",
        ],
    )
    para(doc, "{%p endif %}")

    bab(
        doc,
        "II.",
        "CAPAIAN INDIKATOR KINERJA SAMPAI DENGAN {% if dokumen.semester %}AKHIR {% endif %}"
        "{{ dokumen.kurun|upper }}",
    )
    para(
        doc,
        "Capaian triwulan membandingkan realisasi sampai dengan Triwulan {{ dokumen.romawi }} "
        "dengan target Triwulan {{ dokumen.romawi }}; capaian tahunan membandingkannya dengan "
        "target akhir tahun. {% if dokumen.semester %}Tren membandingkan capaian semester ini "
        "dengan semester sebelumnya.{% else %}Tren membandingkan capaian triwulan ini dengan "
        "triwulan sebelumnya.{% endif %}{% if koreksi.ada %} {{ koreksi.ringkas }}{% endif %}",
    ).paragraph_format.keep_with_next = True
    tw_kolom = [
        kolom(f"dokumen.triwulan >= {q}", f"Realisasi TW {rom}")
        for q, rom in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
    ]
    abu, abu_tua = "F0F0F0", "D9D9D9"
    tabel(
        doc,
        [5, 22, 8, 7, 7, 9, 9, 9, 9, 9, 8, 8, 8, 11],
        [
            [
                "No",
                "Indikator Kinerja",
                "Satuan",
                "Target TW {{ dokumen.romawi }}",
                "Target Tahun",
                *tw_kolom,
                "Realisasi s/d TW {{ dokumen.romawi }}",
                "Capaian Triwulan (%)",
                "Capaian Tahunan (%)",
                "Predikat",
                "Tren",
            ]
        ],
        [
            "{%tr for s in sasaran %}",
            Tetap(
                [
                    c("{{ s.no }}", b=True, isi=abu),
                    {"t": "Sasaran {{ s.no }}: {{ s.nama }}", "span": 13, "b": True, "isi": abu},
                ]
            ),
            "{%tr for r in s.indikator %}",
            Tetap(
                [
                    c("{{ s.no }}.{{ loop.index }}"),
                    "{{ r.nama }} ({{ r.bidang_nama }})"
                    "{% if r.komponen %} [{{ r.komponen }}]{% endif %}",
                    c("{{ r.satuan }}"),
                    r("{{ r.target_triwulan|target(r.target_triwulan_teks) }}"),
                    r("{{ r.target|target(r.target_teks) }}"),
                    *[
                        r(
                            isi_kolom(
                                f"dokumen.triwulan >= {q}",
                                f"{{{{ r.realisasi_tw[{q - 1}]|realisasi(r.target, r.target_teks) }}}}",
                            )
                        )
                        for q in (1, 2, 3, 4)
                    ],
                    r("{{ r.realisasi|realisasi(r.target, r.target_teks) }}"),
                    r("{{ r.capaian_triwulan|angka }}"),
                    r("{{ r.capaian|angka }}"),
                    c("{{ r.predikat|atau }}"),
                    "{{ r.tren.teks }}",
                ]
            ),
            "{%tr endfor %}",
            [
                c("", isi=abu),
                {"t": "Capaian sasaran {{ s.no }}", "span": 9, "b": True, "isi": abu},
                r("{{ s.capaian|angka }}", b=True, isi=abu),
                c("", isi=abu),
                c("{{ s.predikat|atau }}", b=True, isi=abu),
                c("", isi=abu),
            ],
            "{%tr endfor %}",
            [
                c("", isi=abu_tua),
                {
                    "t": "Capaian kinerja perangkat daerah sampai dengan Triwulan "
                    "{{ dokumen.romawi }}{% if bidang_belum %} (sementara){% endif %}",
                    "span": 9,
                    "b": True,
                    "isi": abu_tua,
                },
                r("{{ ringkasan.capaian|angka }}", b=True, isi=abu_tua),
                c("", isi=abu_tua),
                c("{{ ringkasan.predikat|atau }}", b=True, isi=abu_tua),
                {"t": "{{ tren.dinas_arah.teks }}", "isi": abu_tua},
            ],
        ],
    )
    grafik(
        doc, "tren", "Grafik 1. Tren capaian kinerja per triwulan (perangkat daerah dan sasaran)"
    )
    grafik(
        doc,
        "sasaran",
        "Grafik 2. Capaian kinerja per sasaran strategis sampai dengan Triwulan "
        "{{ dokumen.romawi }}",
    )
    revisi_pk(doc)
    koreksi_sekretaris(doc)

    bab(doc, "III.", "INDIKATOR BERISIKO TIDAK MENCAPAI TARGET TAHUNAN (PROYEKSI)")
    para(
        doc,
        (
            "Proyeksi adalah perkiraan nilai akhir tahun berdasarkan laju realisasi sejauh "
            "ini, bukan realisasi. Untuk indikator kumulatif, realisasi sampai dengan Triwulan "
            "{{ dokumen.romawi }} dibandingkan dengan target Triwulan {{ dokumen.romawi }} "
            "dalam Perjanjian Kinerja lalu diteruskan dengan laju terhadap rencana itu sampai "
            "target tahunan (bila target triwulan kosong: dengan laju yang sama per "
            "triwulan); untuk indikator status, tren nilai per triwulan diteruskan sampai "
            "Triwulan IV. Indikator dinyatakan berisiko bila capaian proyeksinya terhadap "
            "target tahunan di bawah 100%. Kolom Dasar Proyeksi menyebut cara yang dipakai."
        ),
        italic=True,
    ).paragraph_format.keep_with_next = True
    para(doc, "{%p if berisiko %}")
    tabel(
        doc,
        [4, 24, 14, 7, 7, 8, 8, 8, 8, 16],
        [
            [
                "No",
                "Indikator Kinerja",
                "Bidang",
                "Sifat",
                "Target Tahun",
                "Realisasi s/d TW {{ dokumen.romawi }}",
                "Capaian Triwulan (%)",
                "Proyeksi TW IV",
                "Capaian Proyeksi (%)",
                "Dasar Proyeksi",
            ]
        ],
        [
            "{%tr for r in berisiko %}",
            [
                c("{{ r.no }}"),
                "{{ r.nama }}",
                "{{ r.bidang_nama }}",
                c("{{ r.sifat }}"),
                r("{{ r.target|target(r.target_teks) }}"),
                r("{{ r.realisasi|realisasi(r.target, r.target_teks) }}"),
                r("{{ r.capaian_triwulan|angka }}"),
                r("{{ r.proyeksi.nilai|realisasi(r.target, r.target_teks) }}"),
                r("{{ r.proyeksi.capaian|angka }}"),
                "{{ r.proyeksi.metode }}",
            ],
            "{%tr endfor %}",
        ],
    )
    para(doc, "{%p elif terproyeksi %}")
    para(
        doc,
        "Berdasarkan proyeksi, seluruh {{ terproyeksi }} indikator yang dapat "
        "diproyeksikan diperkirakan mencapai target tahunan.",
    )
    para(doc, "{%p else %}")
    para(doc, "Belum ada realisasi yang dapat diproyeksikan.")
    para(doc, "{%p endif %}")

    para(doc, "{%p if anggaran.ada %}")
    bab(doc, "IV.", "SERAPAN ANGGARAN DAN CAPAIAN KINERJA PER BIDANG")
    para(
        doc,
        "Realisasi anggaran sampai dengan Triwulan {{ dokumen.romawi }} sebesar "
        "{{ anggaran.total.realisasi|rupiah }} dari pagu {{ anggaran.total.pagu|rupiah }} "
        "(serapan {{ anggaran.total.serapan|persen }}{% if anggaran.dasar == 'rencana' %}; "
        "{{ anggaran.total.serapan_rencana|persen }} dari rencana penarikan dana sampai dengan "
        "Triwulan {{ dokumen.romawi }} sebesar {{ anggaran.total.rencana|rupiah }}{% endif %}). "
        "{% if anggaran.dasar == 'rencana' %}Indeks Efisiensi (IE) = capaian kinerja ÷ serapan "
        "terhadap rencana penarikan dana (anggaran kas) DPA sampai dengan triwulan ini; IE ≥ 1 "
        "berarti Efisien. Indeks ini merupakan alat bantu analisis.{% else %}Efisiensi "
        "triwulan diukur terhadap rencana penarikan dana (anggaran kas) DPA per triwulan; "
        "rencana tersebut tidak tercantum dalam Perjanjian Kinerja, sehingga indeks efisiensi "
        "tidak disajikan. Serapan terhadap pagu setahun ditampilkan sebagai informasi."
        "{% endif %}",
    ).paragraph_format.keep_with_next = True
    anggaran_tabel(doc, "bidang", "Bidang", True, True)
    grafik(
        doc,
        "serapan",
        "Grafik 3. Capaian kinerja dan serapan anggaran per bidang sampai dengan "
        "Triwulan {{ dokumen.romawi }}",
    )
    para(doc, "{%p endif %}")

    bab(doc, "{% if anggaran.ada %}V.{% else %}IV.{% endif %}", "PERMASALAHAN DAN TINDAK LANJUT")
    para(doc, "{%p if triwulan_lalu.kalimat %}")
    para(doc, "{{ triwulan_lalu.kalimat }}").paragraph_format.keep_with_next = True
    para(doc, "{%p endif %}")
    para(doc, "{%p if permasalahan %}")
    permasalahan(doc, triwulan=True)
    para(doc, "{%p else %}")
    para(
        doc,
        "Seluruh indikator telah mencapai target triwulan, dan bidang tidak menyampaikan "
        "uraian permasalahan.",
    )
    para(doc, "{%p endif %}")
    para(
        doc,
        "Demikian reviu ini disusun sebagai bahan rapat evaluasi kinerja {{ dokumen.kurun }} "
        "Tahun {{ dokumen.tahun }}.",
    ).paragraph_format.keep_with_next = True
    ttd(doc)
    para(doc, "{%p if data_pendukung %}")
    h = para(
        doc,
        "LAMPIRAN: DATA PENDUKUNG (BUKTI DUKUNG) {{ dokumen.kurun|upper }} TAHUN "
        "{{ dokumen.tahun }}",
        bold=True,
        size=12,
        align=TENGAH,
        after=10,
    )
    h.paragraph_format.page_break_before = True
    h.paragraph_format.keep_with_next = True
    para(
        doc,
        "Data pendukung yang disampaikan bidang pengampu untuk setiap indikator sampai dengan "
        "{{ dokumen.kurun }}.",
    ).paragraph_format.keep_with_next = True
    tabel_bukti(doc)
    para(doc, "{%p endif %}")
    doc.save(str(path))


def main(folder: Path) -> None:
    tahunan(folder / "laporan-tahunan.docx")
    triwulan(folder / "reviu-triwulan.docx")
    print(f"templat Word ditulis di {folder}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
