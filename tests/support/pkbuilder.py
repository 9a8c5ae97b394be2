"""Build small PK workbooks for tests, in any layout (title rows, column order, merges)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

IDENTITAS = [
    ("Pemerintah Daerah", "Kabupaten Contoh"),
    ("Perangkat Daerah", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("Singkatan", "Dinas PUPR"),
    ("Alamat", "Jl. Contoh No. 1"),
    ("Tahun", 2025),
    ("Tempat", "Paringin"),
    ("Kepala Perangkat Daerah", "(nama Kepala Dinas)"),
    ("NIP Kepala", "19760309 200604 2 007"),
    ("Pangkat/Golongan Kepala", "Pembina Tingkat I (IV/b)"),
    ("Jabatan Kepala", "Kepala Dinas"),
    ("Kepala Daerah", "(nama Bupati)"),
    ("Jabatan Kepala Daerah", "Bupati Contoh"),
]
BIDANG_HEAD = ["Kode", "Nama", "Kepala", "NIP", "Jabatan"]
BIDANG = [
    [
        "BM",
        "Bidang Bina Marga",
        "(nama Kabid BM)",
        "198001012005011001",
        "Kepala Bidang Bina Marga",
    ],
    ["CK", "Bidang Cipta Karya", "(nama Kabid CK)", "", "Kepala Bidang Cipta Karya"],
]
IND_HEAD = [
    "Kode",
    "Sasaran",
    "Indikator Kinerja",
    "Satuan",
    "Arah",
    "Sifat",
    "Rumus",
    "Target",
    "Target TW I",
    "Target TW II",
    "Target TW III",
    "Target TW IV",
    "Bidang",
]
IND = [
    [
        "IK.01",
        "Meningkatnya kemantapan jalan",
        "Persentase jalan mantap",
        "%",
        "naik",
        "status",
        None,
        65,
        61.2,
        62,
        63.5,
        65,
        "BM",
    ],
    [
        "IK.02",
        None,
        "Panjang jalan ditingkatkan",
        "km",
        "naik",
        "kumulatif",
        None,
        12,
        0,
        3,
        8,
        12,
        "BM",
    ],
    [
        "IK.03",
        None,
        "Persentase jalan rusak",
        "%",
        "turun",
        "status",
        "2T-R",
        30,
        33,
        32,
        31,
        30,
        "BM",
    ],
    [
        "IK.04",
        "Meningkatnya layanan air minum",
        "Kualitas air (pH)",
        "pH",
        "rentang",
        "status",
        None,
        "6,5-8,5",
        None,
        None,
        None,
        "6,5-8,5",
        "CK",
    ],
    [
        "IK.05",
        None,
        "Tersedianya dokumen RISPAM",
        "dokumen",
        "biner",
        None,
        None,
        "Ada",
        None,
        None,
        None,
        "Ada",
        "CK",
    ],
    [
        "IK.06",
        None,
        "Waktu layanan PBG",
        "hari",
        "turun",
        "status",
        "T/R",
        18,
        24,
        22,
        20,
        18,
        "CK",
    ],
]
ANG_HEAD = ["Kode", "Uraian", "Bidang", "Pagu", "Sasaran"]
ANG = [
    ["1.03.10", "Program Penyelenggaraan Jalan", "BM", 1500000000, None],
    ["1.03.10.2.01", "Kegiatan Penyelenggaraan Jalan Kabupaten", "BM", 1500000000, None],
    ["1.03.10.2.01.0001", "Pembangunan Jalan", "BM", 1000000000, "S1"],
    ["1.03.10.2.01.0002", "Pemeliharaan Jalan", "BM", 500000000, "S1"],
    ["1.03.03.2.01.0001", "Penyediaan Air Minum", "CK", 750000000, "S2"],
]


def _sheet(
    wb: Any,
    name: str,
    head: list[str],
    rows: list[list[Any]],
    title_rows: int = 0,
    order: list[int] | None = None,
    extra: bool = False,
) -> Any:
    ws = wb.create_sheet(name)
    for r in range(title_rows):
        ws.cell(r + 1, 1, f"JUDUL {name.upper()} {r + 1}")
    idx = order or list(range(len(head)))
    h = [head[i] for i in idx] + (["Catatan Lain"] if extra else [])
    for c, v in enumerate(h, start=1):
        ws.cell(title_rows + 1, c, v)
    for r, row in enumerate(rows, start=title_rows + 2):
        vals = [row[i] for i in idx] + (["x"] if extra else [])
        for c, v in enumerate(vals, start=1):
            ws.cell(r, c, v)
    return ws


def make_pk(
    path: Path,
    *,
    identitas: list[tuple[str, Any]] | None = None,
    bidang: list[list[Any]] | None = None,
    ind: list[list[Any]] | None = None,
    ang: list[list[Any]] | None = None,
    ind_head: list[str] | None = None,
    ang_head: list[str] | None = None,
    title_rows: int = 0,
    shuffle: bool = False,
    merge_sasaran: bool = False,
    drop_sheet: str | None = None,
    extra: bool = False,
    lower_headers: bool = False,
) -> Path:
    """Write a PK workbook; every argument changes one aspect of the layout or content."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ih = list(ind_head or IND_HEAD)
    if lower_headers:
        ih = [f"  {h.lower()} " for h in ih]
    sheets = {
        "Identitas": (["Isian", "Nilai"], [list(r) for r in (identitas or IDENTITAS)]),
        "Bidang": (BIDANG_HEAD, bidang if bidang is not None else BIDANG),
        "Indikator": (ih, ind if ind is not None else IND),
        "Anggaran": (ang_head or ANG_HEAD, ang if ang is not None else ANG),
    }
    for name, (head, rows) in sheets.items():
        if name == drop_sheet:
            continue
        order = list(reversed(range(len(head)))) if shuffle else None
        ws = _sheet(
            wb,
            name if not lower_headers else name.upper(),
            head,
            rows,
            title_rows=title_rows,
            order=order,
            extra=extra,
        )
        if name == "Indikator" and merge_sasaran:
            col = (order or list(range(len(head)))).index(1) + 1
            first = title_rows + 2
            # merge each sasaran's cells like users do
            starts = [i for i, row in enumerate(rows) if row[1]] + [len(rows)]
            for a, b in zip(starts, starts[1:], strict=False):
                if b - a > 1:
                    ws.merge_cells(
                        start_row=first + a, start_column=col, end_row=first + b - 1, end_column=col
                    )
    wb.save(path)
    return path
