"""Evidence files (bukti dukung, docs/contract.md §14): found, warned about, required when
configured, opened the inbox's safe way, archived with their SHA-256, listed in the reports."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from kinerja_cli.domain.models import DataBidang
from kinerja_cli.domain.periode import Periode
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.workspace import Workspace, find_workspace
from kinerja_cli.services import bukti as B
from support.collectkit import T0, Kit, real_or_stub

pytestmark = pytest.mark.slow  # collect, archive and report on the example workspace
TW2 = Periode(2)


def _sek(kit: Kit, refs: dict[str, str]) -> DataBidang:
    db = kit.data["SEK"]
    narasi = {k: dataclasses.replace(n, bukti=refs.get(k, n.bukti)) for k, n in db.narasi.items()}
    return dataclasses.replace(db, narasi=narasi)


def _cell(kit: Kit, kode: str) -> str:
    """The Bukti Dukung cell of an indicator in SEK's form."""
    from openpyxl.utils import get_column_letter

    ws = openpyxl.load_workbook(kit.forms["SEK"])[L.KINERJA]
    col = next(
        c for c in range(1, ws.max_column + 1) if ws.cell(L.HEADER_ROW, c).value == "Bukti Dukung"
    )
    row = next(r for r in range(L.FIRST_ROW, ws.max_row + 1) if ws.cell(r, 2).value == kode)
    return f"{get_column_letter(col)}{row}"


def _put(ws: Workspace, rel: str, data: bytes = b"%PDF-1.4 bukti\n") -> Path:
    p = ws.bukti.joinpath(*rel.split("/"))
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


def _collect(ws: Workspace) -> Any:
    from kinerja_cli.services.collect import collect

    return collect(find_workspace(ws.root), reader=real_or_stub())


def _wajib(ws: Workspace, nilai: str) -> None:
    cfg = ws.config
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace('wajib = "mati"', f'wajib = "{nilai}"'),
        encoding="utf-8",
    )


def test_named_files_found_or_warned_at_their_cell(kit: Kit) -> None:
    _put(kit.ws, "SEK/Laporan SAKIP.pdf")
    _put(kit.ws, "foto/2025/Survei IKM.JPG")  # any subfolder; names match case-insensitively
    refs = {
        "IK.01": "Laporan SAKIP.pdf; https://balangankab.go.id/sakip\nSK Kadis No. 5/2025",
        "IK.02": "survei ikm.jpg; Notulen rapat.docx",
    }
    kit.refill("SEK", "SEK.xlsx", T0, data=_sek(kit, refs))
    res = _collect(kit.ws)
    sek = next(f for f in res.files if f.file == "SEK.xlsx")
    assert sek.status == "diterima"
    found = [
        (f.code, f.severity, f.cell, f.kode) for f in sek.findings if f.code.startswith("bukti")
    ]
    assert found == [("bukti-tidak-ditemukan", "warning", _cell(kit, "IK.02"), "IK.02")]
    assert (
        "Notulen rapat.docx" in next(f for f in sek.findings if f.code.startswith("bukti")).message
    )


@pytest.mark.parametrize(
    ("wajib", "status", "severity"),
    [("galat", "ditolak", "error"), ("peringatan", "diterima", "warning")],
)
def test_a_required_bukti_dukung(kit: Kit, wajib: str, status: str, severity: str) -> None:
    _wajib(kit.ws, wajib)
    kit.refill("SEK", "SEK.xlsx", T0, data=_sek(kit, {"IK.01": ""}))
    res = _collect(kit.ws)
    sek = next(f for f in res.files if f.file == "SEK.xlsx")
    assert sek.status == status
    got = [(f.code, f.severity, f.cell) for f in sek.findings if f.code == "bukti-kosong"]
    assert got == [("bukti-kosong", severity, _cell(kit, "IK.01"))]
    if wajib == "galat":  # the feedback copy marks the cell
        fb = openpyxl.load_workbook(next(iter(res.umpan_balik)))[L.KINERJA]
        assert "bukti-kosong" in fb[_cell(kit, "IK.01")].comment.text


def test_not_required_by_default(kit: Kit) -> None:
    kit.refill("SEK", "SEK.xlsx", T0, data=_sek(kit, {"IK.01": ""}))
    sek = next(f for f in _collect(kit.ws).files if f.file == "SEK.xlsx")
    assert sek.status == "diterima" and not [f for f in sek.findings if f.code == "bukti-kosong"]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_evidence_is_opened_the_inbox_way(
    kit: Kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "rahasia.pdf"
    outside.write_bytes(b"jangan dibaca")
    kit.ws.bukti.mkdir(exist_ok=True)
    (kit.ws.bukti / "luar.pdf").symlink_to(outside)
    inside = kit.ws.root / "dokumen" / "dalam.pdf"  # in the workspace, outside bukti/
    inside.parent.mkdir()
    inside.write_bytes(b"%PDF-1.4 dalam\n")
    (kit.ws.bukti / "dalam.pdf").symlink_to(inside)
    monkeypatch.setattr(B, "MAKS_BUKTI", 1 << 20)
    with open(kit.ws.bukti / "besar.pdf", "wb") as fh:
        fh.truncate((1 << 20) + 1)  # sparse: one byte over the limit
    os.mkfifo(kit.ws.bukti / "pipa.pdf")
    reads: list[Path] = []
    real = B.read_bounded
    monkeypatch.setattr(B, "read_bounded", lambda p, n: (reads.append(Path(p)), real(p, n))[1])
    refs = {"IK.01": "luar.pdf; besar.pdf", "IK.02": "dalam.pdf; pipa.pdf"}
    kit.refill("SEK", "SEK.xlsx", T0, data=_sek(kit, refs))
    sek = next(f for f in _collect(kit.ws).files if f.file == "SEK.xlsx")
    got = sorted(
        (f.kode, f.message.split("'")[1]) for f in sek.findings if f.code == "bukti-tidak-terbaca"
    )
    assert got == [("IK.01", "besar.pdf"), ("IK.01", "luar.pdf"), ("IK.02", "pipa.pdf")]
    assert reads == []  # checking names opens nothing
    entries = B.arsipkan(kit.ws, {"SEK": _sek(kit, refs)}, tmp_path / "arsip")
    by = {e["rujukan"]: e for e in entries}
    assert by["dalam.pdf"]["sha256"] == hashlib.sha256(inside.read_bytes()).hexdigest()
    assert by["luar.pdf"]["path"] is None and "ke luar ruang kerja" in by["luar.pdf"]["sebab"]
    assert by["besar.pdf"]["path"] is None and "di atas batas" in by["besar.pdf"]["sebab"]
    assert by["pipa.pdf"]["path"] is None
    assert reads == [inside.resolve()]  # only the one safe file was read
    assert not (tmp_path / "arsip" / "bukti" / "luar.pdf").exists()


def test_archive_keeps_every_evidence_file_with_its_hash(kit: Kit) -> None:
    from kinerja_cli.services.archive import archive, verify

    laporan = _put(kit.ws, "SEK/Laporan SAKIP.pdf", b"%PDF-1.4 laporan sakip\n")
    kit.put_all(skip=("SEK",))
    refs = {"IK.01": "Laporan SAKIP.pdf; https://balangankab.go.id/sakip", "IK.02": "Hilang.pdf"}
    kit.refill("SEK", "SEK.xlsx", T0, data=_sek(kit, refs))
    _collect(kit.ws)
    ws = find_workspace(kit.ws.root)
    res = archive(ws, TW2, ["kinerja", "archive", "--triwulan", "2"])
    manifest = json.loads((res.folder / "MANIFEST.json").read_text(encoding="utf-8"))
    by = {e["rujukan"]: e for e in manifest["bukti"]}
    sha = hashlib.sha256(laporan.read_bytes()).hexdigest()
    assert by["Laporan SAKIP.pdf"] == {
        "bidang": "SEK",
        "kode": "IK.01",
        "rujukan": "Laporan SAKIP.pdf",
        "jenis": "berkas",
        "path": "bukti/SEK/Laporan SAKIP.pdf",
        "sha256": sha,
        "ukuran": laporan.stat().st_size,
    }
    assert by["https://balangankab.go.id/sakip"]["jenis"] == "url"
    assert by["Hilang.pdf"]["path"] is None
    listed = {e["path"]: e["sha256"] for e in manifest["berkas"]}
    assert listed["bukti/SEK/Laporan SAKIP.pdf"] == sha  # checked by archive --verify
    assert (res.folder / "bukti" / "SEK" / "Laporan SAKIP.pdf").read_bytes() == laporan.read_bytes()
    assert verify(ws, TW2).ok


def test_reports_list_the_evidence_per_indicator(kit: Kit) -> None:
    from kinerja_cli.services.report import render_report

    _put(kit.ws, "SEK/Laporan SAKIP.pdf")
    kit.put_all(skip=("SEK",))
    refs = {"IK.01": "Laporan SAKIP.pdf; https://balangankab.go.id/sakip", "IK.02": "Hilang.pdf"}
    kit.refill("SEK", "SEK.xlsx", T0, data=_sek(kit, refs))
    _collect(kit.ws)
    ws = find_workspace(kit.ws.root)
    rep = render_report(ws, TW2, ["html", "docx"], None, None)
    files = dict(rep.berkas)
    html = files["html"].read_text(encoding="utf-8")
    assert "DATA PENDUKUNG (BUKTI DUKUNG)" in html
    assert '<a href="https://balangankab.go.id/sakip" rel="noopener noreferrer">' in html
    assert "Laporan SAKIP.pdf</div>" in html  # found: no remark
    assert 'Hilang.pdf <span class="catatan">(dokumen belum tersedia)</span>' in html
    from support.teks import docx_teks

    docx = docx_teks(files["docx"].read_bytes())
    assert "Hilang.pdf (dokumen belum tersedia)" in docx and "Laporan SAKIP.pdf;" in docx
