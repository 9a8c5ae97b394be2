"""Which form is this? Its identity sheet, else its form id, else its indicator codes.

docs/reliability.md C1 and C2: identity is decided from content, never from the file name; the PK decides
whether it belongs to this workspace (agency, tahun, bidang). Every disagreement is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from kinerja_cli.domain.findings import ERROR, WARNING
from kinerja_cli.domain.models import PK
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.pk_versions import PKVersion, PKVersions
from kinerja_cli.domain.rules import Code, Collector, rule
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.form.grid import Grid
from kinerja_cli.io.xlsx import clean_text, norm

Status = Literal["ok", "lanjut", "tolak"]
_FORM_ID = re.compile(r"(\d{4})-(TW[1-4]|tahunan)-(.+)-([0-9a-f]{10})")


@dataclass
class FormIdentity:
    """What the form says it is, and how that was learned (`lembar`, `id` or `kode`)."""

    bidang: str
    tahun: int
    periode: Periode | None
    sumber: str
    form_id: str | None = None
    sidik_pk: str | None = None
    sel_periode: str | None = None  # `B9` in the identity sheet, for periode-salah
    sel_sidik: str | None = None  # the identity sheet's `sidik_pk` cell, for pk-berubah


def _teks(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return clean_text(str(v))[0].strip()


def read_identity_sheet(grid: Grid) -> tuple[dict[str, str], dict[str, str]]:
    """(key -> value, key -> cell) of the identity sheet's key/value rows."""
    values: dict[str, str] = {}
    cells: dict[str, str] = {}
    for r in range(1, grid.n_rows + 1):
        key = _teks(grid.get(r, 1)).casefold()
        if key in L.IDENTITY_KEYS and key not in values:
            values[key] = _teks(grid.get(r, 2))
            cells[key] = f"B{r}"
    return values, cells


def from_sheet(
    pk: PK, sheet: str, grid: Grid, ids: dict[str, str], out: Collector
) -> tuple[Status, FormIdentity | None]:
    """Identity from the `_kinerja` sheet, checked against the PK and the other two copies."""
    values, cells = read_identity_sheet(grid)
    bidang, tahun_teks = values.get("bidang", ""), values.get("tahun", "")
    if not bidang or not tahun_teks.isdigit():
        return "lanjut", None
    idn = pk.identitas
    tahun = int(tahun_teks)
    ident = FormIdentity(
        bidang,
        tahun,
        None,
        "lembar",
        values.get("form_id") or None,
        values.get("sidik_pk") or None,
        cells.get("periode"),
    )

    def tolak(key: str, found: str, expected: str, what: str) -> tuple[Status, FormIdentity]:
        out.add(
            Code.BUKAN_FORMULIR_INI,
            sheet=sheet,
            cell=cells.get(key),
            apa=what,
            isi=found,
            harus=expected,
            untuk=expected,
        )
        return "tolak", ident

    for key, expected, what in (
        ("pemda", idn.pemda, "pemerintah daerah"),
        ("perangkat_daerah", idn.perangkat_daerah, "perangkat daerah"),
    ):
        found = values.get(key, "")
        if found and expected and norm(found) != norm(expected):
            return tolak(key, found, expected, what)
    if idn.tahun and tahun != idn.tahun:
        return tolak("tahun", str(tahun), str(idn.tahun), "tahun")
    if pk.bidang_by_kode(bidang) is None:
        known = ", ".join(b.kode for b in pk.bidang)
        return tolak("bidang", bidang, known, "bidang")
    try:
        ident.periode = Periode.parse(values.get("periode", ""))
    except ValueError:
        out.add(
            Code.IDENTITAS_TIDAK_COCOK,
            sheet=sheet,
            cell=cells.get("periode"),
            variant="periode",
            isi=values.get("periode"),
        )
    fid = ident.form_id
    if fid and ident.periode is not None:
        expected_id = L.form_id(
            values.get("pemda", ""),
            values.get("perangkat_daerah", ""),
            tahun,
            ident.periode,
            bidang,
            values.get("sidik_pk", ""),
        )
        if expected_id != fid:
            out.add(
                Code.IDENTITAS_TIDAK_COCOK,
                sheet=sheet,
                cell=cells.get("form_id"),
                form_id=fid,
                bidang=bidang,
                periode=ident.periode.kode,
                untuk=f"bidang {bidang}",
            )
    for where, other in sorted(ids.items()):
        if fid and other != fid:
            asal = rule(Code.IDENTITAS_TIDAK_COCOK).part("nama" if where == "nama" else "properti")
            out.add(
                Code.IDENTITAS_TIDAK_COCOK,
                sheet=sheet,
                cell=cells.get("form_id"),
                variant="salinan",
                asal=asal,
                lain=other,
                form_id=fid,
            )
    ident.sel_sidik = cells.get("sidik_pk")
    return "ok", ident


def check_version(
    versions: PKVersions,
    versi: PKVersion,
    ident: FormIdentity,
    periode: Periode,
    out: Collector,
    sheet: str | None,
) -> PKVersion | None:
    """Was the form built from the PK version in force for its periode (docs/contract.md §13)?
    Returns the other recorded version it was built from, when it was (an error: the bidang
    needs the new form); a form from a PK that is no recorded version only gets a warning,
    and every locked cell that differs is reported beside it."""
    idn = versi.pk.identitas
    bidang = ident.bidang

    def form_id_of(v: PKVersion) -> str:
        return L.form_id(
            idn.pemda, idn.perangkat_daerah, ident.tahun, periode, bidang, v.pk.fingerprint(bidang)
        )

    if ident.sidik_pk:
        if ident.sidik_pk == versi.pk.fingerprint(bidang):
            return None
        built = versions.by_fingerprint(bidang, ident.sidik_pk)
        where = {"sheet": sheet, "cell": ident.sel_sidik}
    elif ident.sumber == "id" and ident.form_id:
        if ident.form_id == form_id_of(versi):
            return None
        built = next((v for v in versions.versions if form_id_of(v) == ident.form_id), None)
        where = {}
    else:
        return None
    if built is None:
        if ident.sidik_pk:
            baru = versi.pk.fingerprint(bidang)
            out.add(Code.PK_BERUBAH, severity=WARNING, lama=ident.sidik_pk, baru=baru, **where)
        else:
            out.add(Code.PK_BERUBAH, severity=WARNING, variant="id", form_id=ident.form_id)
        return None
    out.add(
        Code.PK_BERUBAH,
        severity=ERROR,
        variant="versi",
        lama=built.versi,
        baru=versi.versi,
        periode=periode.label,
        revisi=versi.keterangan,
        opsi="" if periode.tahunan else f"--triwulan {periode.triwulan} ",
        bidang=bidang,
        **where,
    )
    return built


def from_form_id(pk: PK, ids: dict[str, str], out: Collector) -> tuple[Status, FormIdentity | None]:
    """Identity from the form id kept in the defined name or the custom property."""
    fid = ids.get("nama") or ids.get("properti")
    m = _FORM_ID.fullmatch(fid or "")
    if fid is None or m is None:
        return "lanjut", None
    if len(set(ids.values())) > 1:
        out.add(
            Code.IDENTITAS_TIDAK_COCOK,
            variant="nama-properti",
            nama=ids.get("nama"),
            properti=ids.get("properti"),
        )
    tahun, periode, bidang = int(m.group(1)), Periode.parse(m.group(2)), m.group(3)
    if pk.identitas.tahun and tahun != pk.identitas.tahun:
        out.add(
            Code.BUKAN_FORMULIR_INI,
            variant="tahun-id",
            form_id=fid,
            tahun=tahun,
            untuk=pk.identitas.tahun,
        )
        return "tolak", FormIdentity(bidang, tahun, periode, "id", fid)
    if pk.bidang_by_kode(bidang) is None:
        return "lanjut", None
    ident = FormIdentity(bidang, tahun, periode, "id", fid)
    out.add(
        Code.IDENTITAS_HILANG, lembar=L.IDENTITAS, form_id=fid, bidang=bidang, periode=periode.kode
    )
    return "ok", ident  # its PK version: check_version, once the periode is known


def from_codes(
    pk: PK, codes: Iterable[str], periode: Periode | None, out: Collector
) -> tuple[Status, FormIdentity | None]:
    """Identity from the set of codes in the sheets: exactly one bidang must own them."""
    found = {norm(c) for c in codes if c}
    owners = []
    for b in pk.bidang_with_rows():
        own = {norm(i.kode) for i in pk.indikator_of(b.kode)}
        own |= {norm(a.kode) for a in pk.anggaran_of(b.kode)}
        if found & own:
            owners.append(b.kode)
    if len(owners) != 1:
        out.add(
            Code.BUKAN_FORMULIR,
            variant="beberapa" if owners else None,
            lembar=L.IDENTITAS,
            bidang=", ".join(owners),
        )
        return "tolak", None
    bidang = owners[0]
    out.add(Code.IDENTITAS_HILANG, variant="kode", lembar=L.IDENTITAS, bidang=bidang)
    return "ok", FormIdentity(bidang, pk.identitas.tahun, periode, "kode")


def periode_from_columns(headers: Iterable[str], periode_wajib: Periode | None) -> Periode | None:
    """The periode implied by the `Realisasi TW k` columns present (1..k)."""
    present = set(headers)
    k = 0
    while k < 4 and L.realisasi_header(k + 1).casefold() in present:
        k += 1
    if k == 0:
        return periode_wajib
    if periode_wajib is not None and periode_wajib.triwulan == k:
        return periode_wajib
    return Periode(k)


_TOKEN = re.compile(r"[0-9A-Za-z]+")


def check_file_name(pk: PK, name: str, ident: FormIdentity, out: Collector) -> None:
    """Warn when the file name names another bidang, periode or tahun than the content."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    tokens = {t.casefold() for t in _TOKEN.findall(stem)}
    mine = ident.bidang.casefold()
    others = sorted(t for t in tokens & {b.kode.casefold() for b in pk.bidang} if t != mine)
    parts = rule(Code.NAMA_FILE_TIDAK_COCOK).part
    beda: list[str] = []
    if others and mine not in tokens:
        beda.append(parts("bidang", nama=others[0].upper(), isi=ident.bidang))
    if ident.periode is not None:
        per = {t for t in tokens if re.fullmatch(r"tw[1-4]", t)}
        if "tahunan" in tokens:
            per.add("tw4")
        if per and f"tw{ident.periode.triwulan}" not in per:
            beda.append(parts("periode", nama=sorted(per)[0].upper(), isi=ident.periode.kode))
    years = {t for t in tokens if re.fullmatch(r"20\d\d", t)}
    if years and str(ident.tahun) not in years:
        beda.append(parts("tahun", nama=sorted(years)[0], isi=ident.tahun))
    if beda:
        out.add(Code.NAMA_FILE_TIDAK_COCOK, beda="; ".join(beda))
