"""Which form is this? Its identity sheet, else its form id, else its indicator codes.

RELIABILITY C1/C2: identity is decided from content, never from the file name; the PK decides
whether it belongs to this workspace (agency, tahun, bidang). Every disagreement is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from kinerja_cli.domain.checks import Catatan
from kinerja_cli.domain.findings import WARNING
from kinerja_cli.domain.models import PK
from kinerja_cli.domain.periode import Periode
from kinerja_cli.io.form import layout as L
from kinerja_cli.io.form.grid import Grid
from kinerja_cli.io.xlsx import clean_text, norm

Status = Literal["ok", "lanjut", "tolak"]
_FORM_ID = re.compile(r"(\d{4})-(TW[1-4]|tahunan)-(.+)-([0-9a-f]{10})")
_KIRIM = "Pakai formulir dari kinerja init-form untuk {what}, isi ulang, lalu kirim kembali."


@dataclass
class Identitas:
    """What the form says it is, and how that was learned (`lembar`, `id` or `kode`)."""

    bidang: str
    tahun: int
    periode: Periode | None
    sumber: str
    form_id: str | None = None
    sidik_pk: str | None = None
    sel_periode: str | None = None  # `B9` in the identity sheet, for periode-salah


def _teks(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return clean_text(str(v))[0].strip()


def baca_lembar(grid: Grid) -> tuple[dict[str, str], dict[str, str]]:
    """(key -> value, key -> cell) of the identity sheet's key/value rows."""
    values: dict[str, str] = {}
    cells: dict[str, str] = {}
    for r in range(1, grid.n_rows + 1):
        key = _teks(grid.get(r, 1)).casefold()
        if key in L.IDENTITY_KEYS and key not in values:
            values[key] = _teks(grid.get(r, 2))
            cells[key] = f"B{r}"
    return values, cells


def dari_lembar(pk: PK, sheet: str, grid: Grid, ids: dict[str, str],
                cat: Catatan) -> tuple[Status, Identitas | None]:
    """Identity from the `_kinerja` sheet, checked against the PK and the other two copies."""
    values, cells = baca_lembar(grid)
    bidang, tahun_teks = values.get("bidang", ""), values.get("tahun", "")
    if not bidang or not tahun_teks.isdigit():
        return "lanjut", None
    idn = pk.identitas
    tahun = int(tahun_teks)
    ident = Identitas(bidang, tahun, None, "lembar", values.get("form_id") or None,
                      values.get("sidik_pk") or None, cells.get("periode"))

    def tolak(key: str, found: str, expected: str, what: str) -> tuple[Status, Identitas]:
        cat.add("bukan-formulir-ini", f"Formulir ini untuk {what} {found!r}, bukan {expected!r} "
                "seperti PK ruang kerja ini. " + _KIRIM.format(what=expected), sheet=sheet,
                cell=cells.get(key))  # fmt: skip
        return "tolak", ident

    for key, expected, what in (("pemda", idn.pemda, "pemerintah daerah"),
                                ("perangkat_daerah", idn.perangkat_daerah, "perangkat daerah")):
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
        cat.add("identitas-tidak-cocok", f"Periode di identitas berisi {values.get('periode')!r}, "
                "bukan TW1-TW4 atau tahunan; lembar identitas telah diubah.", sheet=sheet,
                cell=cells.get("periode"))  # fmt: skip
    fid = ident.form_id
    if fid and ident.periode is not None:
        expected_id = L.form_id(values.get("pemda", ""), values.get("perangkat_daerah", ""), tahun,
                                ident.periode, bidang, values.get("sidik_pk", ""))
        if expected_id != fid:
            cat.add("identitas-tidak-cocok", f"ID formulir {fid!r} tidak sesuai dengan isi lembar "
                    f"identitas (bidang {bidang}, {ident.periode.kode}); lembar identitas telah "
                    "diubah. " + _KIRIM.format(what=f"bidang {bidang}"), sheet=sheet,
                    cell=cells.get("form_id"))  # fmt: skip
    for where, other in sorted(ids.items()):
        if fid and other != fid:
            asal = "nama terdefinisi" if where == "nama" else "properti dokumen"
            cat.add("identitas-tidak-cocok", f"ID formulir di {asal} ({other!r}) berbeda dari "
                    f"lembar identitas ({fid!r}); isi formulir mungkin disalin dari berkas lain.",
                    sheet=sheet, cell=cells.get("form_id"))  # fmt: skip
    _cek_sidik(pk, ident, cat, sheet, cells.get("sidik_pk"))
    return "ok", ident


def _cek_sidik(pk: PK, ident: Identitas, cat: Catatan, sheet: str | None, cell: str | None) -> None:
    sidik = pk.fingerprint(ident.bidang)
    if ident.sidik_pk and ident.sidik_pk != sidik:
        cat.add("pk-berubah", "Formulir dibuat dari PK versi lain (sidik "
                f"{ident.sidik_pk}, PK sekarang {sidik}); setiap perbedaan dengan PK dilaporkan "
                "di bawah. Sebaiknya pakai formulir baru dari kinerja init-form.", sheet=sheet,
                cell=cell)  # fmt: skip


def dari_id(pk: PK, ids: dict[str, str], cat: Catatan) -> tuple[Status, Identitas | None]:
    """Identity from the form id kept in the defined name or the custom property."""
    fid = ids.get("nama") or ids.get("properti")
    m = _FORM_ID.fullmatch(fid or "")
    if fid is None or m is None:
        return "lanjut", None
    if len(set(ids.values())) > 1:
        cat.add("identitas-tidak-cocok", f"ID formulir di nama terdefinisi ({ids.get('nama')!r}) "
                f"berbeda dari properti dokumen ({ids.get('properti')!r}).")  # fmt: skip
    tahun, periode, bidang = int(m.group(1)), Periode.parse(m.group(2)), m.group(3)
    if pk.identitas.tahun and tahun != pk.identitas.tahun:
        cat.add("bukan-formulir-ini", f"ID formulir {fid!r} menunjukkan tahun {tahun}, bukan "
                f"{pk.identitas.tahun}. " + _KIRIM.format(what=str(pk.identitas.tahun)))  # fmt: skip
        return "tolak", Identitas(bidang, tahun, periode, "id", fid)
    if pk.bidang_by_kode(bidang) is None:
        return "lanjut", None
    idn = pk.identitas
    expected = L.form_id(idn.pemda, idn.perangkat_daerah, tahun, periode, bidang,
                         pk.fingerprint(bidang))
    ident = Identitas(bidang, tahun, periode, "id", fid)
    cat.add("identitas-hilang", f"Lembar identitas {L.IDENTITAS} tidak ada atau tidak lengkap; "
            f"formulir dikenali dari ID formulir {fid!r} (bidang {bidang}, {periode.kode}).",
            severity=WARNING)  # fmt: skip
    if expected != fid:
        cat.add("pk-berubah", f"ID formulir {fid!r} tidak cocok dengan PK sekarang (PK berubah "
                "atau formulir perangkat daerah lain); setiap perbedaan dengan PK dilaporkan.")  # fmt: skip
    return "ok", ident


def dari_kode(pk: PK, codes: Iterable[str], periode: Periode | None,
              cat: Catatan) -> tuple[Status, Identitas | None]:
    """Identity from the set of codes in the sheets: exactly one bidang must own them."""
    found = {norm(c) for c in codes if c}
    owners = []
    for b in pk.bidang_with_rows():
        own = {norm(i.kode) for i in pk.indikator_of(b.kode)}
        own |= {norm(a.kode) for a in pk.anggaran_of(b.kode)}
        if found & own:
            owners.append(b.kode)
    if len(owners) != 1:
        why = ("kodenya cocok dengan beberapa bidang (" + ", ".join(owners) + ")" if owners
               else "tidak ada kode indikator atau anggaran dari PK ini")
        cat.add("bukan-formulir", f"Bukan formulir kinerja ruang kerja ini: lembar identitas "
                f"{L.IDENTITAS} tidak ada atau tidak lengkap dan {why}. Isi formulir dari kinerja init-form lalu "
                "kirim ulang.")  # fmt: skip
        return "tolak", None
    bidang = owners[0]
    cat.add("identitas-hilang", f"Lembar identitas {L.IDENTITAS} tidak ada atau tidak lengkap; "
            f"formulir dikenali dari kode indikatornya sebagai formulir bidang {bidang}.",
            severity=WARNING)  # fmt: skip
    return "ok", Identitas(bidang, pk.identitas.tahun, periode, "kode")


def periode_dari_kolom(headers: Iterable[str], periode_wajib: Periode | None) -> Periode | None:
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


def cek_nama_file(pk: PK, name: str, ident: Identitas, cat: Catatan) -> None:
    """Warn when the file name names another bidang, periode or tahun than the content."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    tokens = {t.casefold() for t in _TOKEN.findall(stem)}
    mine = ident.bidang.casefold()
    others = sorted(t for t in tokens & {b.kode.casefold() for b in pk.bidang} if t != mine)
    beda: list[str] = []
    if others and mine not in tokens:
        beda.append(f"bidang {others[0].upper()} (isinya bidang {ident.bidang})")
    if ident.periode is not None:
        per = {t for t in tokens if re.fullmatch(r"tw[1-4]", t)}
        if "tahunan" in tokens:
            per.add("tw4")
        if per and f"tw{ident.periode.triwulan}" not in per:
            beda.append(f"{sorted(per)[0].upper()} (isinya {ident.periode.kode})")
    years = {t for t in tokens if re.fullmatch(r"20\d\d", t)}
    if years and str(ident.tahun) not in years:
        beda.append(f"tahun {sorted(years)[0]} (isinya {ident.tahun})")
    if beda:
        cat.add("nama-file-tidak-cocok", f"Nama file menyebut {'; '.join(beda)}; kinerja memakai "
                "isi formulir, bukan nama file. Periksa apakah berkas yang dikirim sudah benar.")  # fmt: skip
