"""Evidence files (bukti dukung, docs/contract.md §14): the workspace's `bukti/` folder, the
checks of collect, the list of the reports, the copies of the archive.

The folder is listed the way the inbox is (docs/reliability.md C13): a link is followed only
to a file inside the workspace, an entry that is not a regular file is never opened, a file's
size is taken before it is read and a file above the limit is never read, and a file is opened
read-only, without blocking and without following a link (io/safe_file.py). Nothing in
`bukti/` is ever written, renamed or moved.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja_cli.domain.bukti import BuktiDukung, kunci, rujukan
from kinerja_cli.domain.findings import ERROR, WARNING, Finding
from kinerja_cli.domain.models import DataBidang
from kinerja_cli.domain.names import display_name, path_component
from kinerja_cli.domain.periode import Periode, romawi
from kinerja_cli.domain.results import Kompilasi
from kinerja_cli.domain.rules import Code, finding
from kinerja_cli.io.safe_file import read_bounded
from kinerja_cli.io.workspace import Workspace

MAKS_BUKTI = 100 << 20  # a scan or a video may be large; above this a file is not read
MAKS_ENTRI = 20_000  # entries listed under bukti/ (a mistaken copy of a whole drive stops here)
MAKS_DALAM = 12  # subfolder depth


@dataclass(frozen=True)
class BerkasBukti:
    """One entry under `bukti/`: its path there (for messages and the archive), what to open,
    its size, and why it is not opened ("" when it can be)."""

    rel: str
    path: Path
    ukuran: int
    masalah: str = ""


@dataclass
class IndeksBukti:
    """The files under `bukti/`, found by path or by name (case-insensitive)."""

    berkas: list[BerkasBukti] = field(default_factory=list)
    _rel: dict[str, list[BerkasBukti]] = field(default_factory=dict)
    _nama: dict[str, list[BerkasBukti]] = field(default_factory=dict)

    def add(self, b: BerkasBukti) -> None:
        """Index one entry."""
        self.berkas.append(b)
        key = kunci(b.rel)
        self._rel.setdefault(key, []).append(b)
        self._nama.setdefault(key.rsplit("/", 1)[-1], []).append(b)

    def cari(self, nama: str) -> list[BerkasBukti]:
        """The entries a reference names: by its path under `bukti/` when it gives folders,
        else every file of that name in any subfolder."""
        key = kunci(nama)
        if "/" in key:
            return list(self._rel.get(key, []))
        return list(self._nama.get(key, []))


def _ukuran(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB".replace(".", ",")


def scan(ws: Workspace) -> IndeksBukti:
    """List `bukti/` (subfolders included) without reading a byte of any file."""
    from kinerja_cli.io.xlsx import is_junk_name

    out = IndeksBukti()
    root = ws.bukti
    if not root.is_dir() or root.is_symlink():
        return out
    inside = Path(os.path.realpath(ws.root))
    stack: list[tuple[Path, str, int]] = [(root, "", 0)]
    seen = 0
    while stack:
        folder, prefix, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda d: d.name)
        except OSError:
            continue
        for d in entries:
            seen += 1
            if seen > MAKS_ENTRI:
                return out
            name = display_name(d.name)
            rel = prefix + name
            if is_junk_name(name):
                continue
            try:
                if d.is_symlink():
                    b = _link(d, rel, inside)
                    if b is not None:
                        out.add(b)
                elif d.is_dir(follow_symlinks=False):
                    if depth < MAKS_DALAM:
                        stack.append((Path(d.path), rel + "/", depth + 1))
                else:
                    st = d.stat(follow_symlinks=False)
                    out.add(_entry(rel, Path(d.path), st))
            except OSError as exc:
                out.add(BerkasBukti(rel, Path(d.path), 0, exc.strerror or type(exc).__name__))
    return out


def _entry(rel: str, path: Path, st: os.stat_result) -> BerkasBukti:
    if not stat.S_ISREG(st.st_mode):
        return BerkasBukti(rel, path, 0, "bukan berkas biasa")
    if st.st_size > MAKS_BUKTI:
        return BerkasBukti(
            rel, path, st.st_size, f"{_ukuran(st.st_size)}, di atas batas {_ukuran(MAKS_BUKTI)}"
        )
    return BerkasBukti(rel, path, st.st_size)


def _link(d: os.DirEntry[str], rel: str, inside: Path) -> BerkasBukti | None:
    """A link is followed only to a regular file inside the workspace; a link to a folder is
    not entered (no loops, nothing outside)."""
    real = Path(os.path.realpath(d.path))
    if not real.is_relative_to(inside):
        return BerkasBukti(rel, Path(d.path), 0, "tautan simbolik ke luar ruang kerja")
    try:
        st = os.stat(real)
    except OSError:
        return BerkasBukti(rel, Path(d.path), 0, "tautan simbolik putus")
    if stat.S_ISDIR(st.st_mode):
        return None
    return _entry(rel, real, st)


@dataclass
class PemeriksaBukti:
    """The evidence checks of `collect` for one run: the `bukti/` listing and `[bukti] wajib`."""

    indeks: IndeksBukti
    wajib: str = "mati"

    @classmethod
    def of(cls, ws: Workspace) -> PemeriksaBukti:
        """The checks for a workspace, its folder listed once."""
        return cls(scan(ws), ws.settings.bukti_wajib)

    def periksa(self, read: Any, periode: Periode) -> list[Finding]:
        """Findings for one read form, at each indicator's Bukti Dukung cell: a named file not
        in `bukti/` or not readable there (warnings), a blank cell where one is required."""
        data: DataBidang | None = getattr(read, "data", None)
        cells: Mapping[str, tuple[str, str]] = getattr(read, "sel_bukti", None) or {}
        if data is None:
            return []
        out: list[Finding] = []
        k = periode.triwulan
        for kode, narasi in data.narasi.items():
            sheet, cell = cells.get(kode, (None, None))
            refs = rujukan(narasi.bukti)
            for r in refs:
                if r.jenis != "berkas":
                    continue
                hits = self.indeks.cari(r.teks)
                if not hits:
                    out.append(
                        finding(
                            Code.BUKTI_TIDAK_DITEMUKAN,
                            sheet=sheet,
                            cell=cell,
                            kode=kode,
                            nama=r.teks,
                        )
                    )
                elif all(h.masalah for h in hits):
                    out.append(
                        finding(
                            Code.BUKTI_TIDAK_TERBACA,
                            sheet=sheet,
                            cell=cell,
                            kode=kode,
                            nama=hits[0].rel,
                            sebab=hits[0].masalah,
                        )
                    )
            if refs or self.wajib == "mati":
                continue
            values = data.realisasi.get(kode) or []
            diisi = len(values) >= k and values[k - 1] is not None
            diisi = diisi or (len(data.pembilang.get(kode) or []) >= k)  # 0/0 is reported too
            if diisi:
                out.append(
                    finding(
                        Code.BUKTI_KOSONG,
                        sheet=sheet,
                        cell=cell,
                        kode=kode,
                        severity=ERROR if self.wajib == "galat" else WARNING,
                        tw=romawi(k),
                    )
                )
        return out


def dengan_bukti(ws: Workspace, k: Kompilasi) -> Kompilasi:
    """The Kompilasi with each indicator's references checked against `bukti/` now (for the
    reports' evidence list)."""
    indeks = scan(ws)
    out: dict[str, tuple[BuktiDukung, ...]] = {}
    for i in k.indikator:
        refs = rujukan(i.narasi.bukti)
        if not refs:
            continue
        items = []
        for r in refs:
            if r.jenis != "berkas":
                items.append(BuktiDukung(r.teks, r.jenis))
                continue
            hits = [h for h in indeks.cari(r.teks) if not h.masalah]
            items.append(BuktiDukung(r.teks, r.jenis, bool(hits), hits[0].rel if hits else ""))
        out[i.kode] = tuple(items)
    return dataclasses.replace(k, bukti=out)


def arsipkan(ws: Workspace, data: Mapping[str, DataBidang], dest: Path) -> list[dict[str, Any]]:
    """Copy every evidence file the accepted submissions name into `dest/bukti/` (its path
    under `bukti/` kept) and list every reference: path, SHA-256 and size of each copy, or why
    there is none (docs/contract.md §14). Returns the manifest's `bukti` entries."""
    indeks = scan(ws)
    entries: list[dict[str, Any]] = []
    copied: dict[str, tuple[str, str, int] | str] = {}  # rel -> (path, sha, size) or why not
    for bidang, db in sorted(data.items()):
        for kode, narasi in db.narasi.items():
            for r in rujukan(narasi.bukti):
                base = {"bidang": bidang, "kode": kode, "rujukan": r.teks, "jenis": r.jenis}
                if r.jenis == "teks":
                    continue
                if r.jenis == "url":
                    entries.append(base)
                    continue
                hits = indeks.cari(r.teks)
                if not hits:
                    entries.append({**base, "path": None, "sebab": "tidak ada di folder bukti/"})
                for h in hits:
                    if h.rel not in copied:
                        copied[h.rel] = _copy(h, dest)
                    got = copied[h.rel]
                    if isinstance(got, str):
                        entries.append({**base, "path": None, "sebab": got})
                    else:
                        entries.append({**base, "path": got[0], "sha256": got[1], "ukuran": got[2]})
    return entries


def _copy(h: BerkasBukti, dest: Path) -> tuple[str, str, int] | str:
    """Copy one evidence file (read once, bounded); its archive path, SHA-256 and size, or why
    it was not copied."""
    if h.masalah:
        return h.masalah
    try:
        st, data = read_bounded(h.path, MAKS_BUKTI)
    except OSError as exc:
        return f"tidak dapat dibaca ({exc.strerror or type(exc).__name__})"
    if data is None:
        return (
            "bukan berkas biasa"
            if not stat.S_ISREG(st.st_mode)
            else f"{_ukuran(st.st_size)}, di atas batas {_ukuran(MAKS_BUKTI)}"
        )
    parts = [path_component(p) for p in h.rel.split("/")]
    target = dest.joinpath("bukti", *parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return "/".join(["bukti", *parts]), hashlib.sha256(data).hexdigest(), len(data)
