"""`kinerja demo`: the whole cycle on the bundled example, step by step."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinerja_cli.domain.models import PK, Arah
from kinerja_cli.domain.periode import Periode
from kinerja_cli.errors import KinerjaError

if TYPE_CHECKING:
    from kinerja_cli.io.workspace import Workspace
    from kinerja_cli.services.setup import InitFormResult

DEMO_MARKER = ".kinerja-demo"


@dataclass
class DemoStep:
    """One SOP step the demo ran: what it did and where its output is."""

    langkah: str
    perintah: str
    keterangan: str
    berkas: list[Path] = field(default_factory=list)


@dataclass
class DemoResult:
    """Everything the demo did."""

    root: Path
    steps: list[DemoStep]


def _writable_then_retry(func: Any, path: str, _exc: Any) -> None:
    """The demo's archive is read-only by design; make it writable to remove it."""
    import stat

    os.chmod(os.path.dirname(path) or ".", stat.S_IRWXU)
    if os.path.exists(path) and not os.path.islink(path):
        os.chmod(path, stat.S_IRWXU)
    func(path)


def prepare_demo_dir(folder: Path) -> Path:
    """An empty folder for the demo; an earlier demo there is replaced, anything else refused."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        if not (folder / DEMO_MARKER).exists():
            raise KinerjaError(
                f"{folder} sudah berisi berkas yang bukan hasil demo; pilih folder lain: kinerja demo FOLDER"
            )
        shutil.rmtree(folder, onerror=_writable_then_retry)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DEMO_MARKER).write_text("folder ini dibuat oleh `kinerja demo` dan boleh dihapus\n")
    return folder.resolve()  # absolute: later steps compare paths under it


def run_demo(folder: Path) -> DemoResult:
    """Run every step that exists on the example PK."""
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.resources import example_pk
    from kinerja_cli.services.pk_state import load_pk
    from kinerja_cli.services.setup import init_forms, init_workspace

    root = prepare_demo_dir(folder)
    steps: list[DemoStep] = _riwayat(root)
    lalu = root / RIWAYAT / f"pengukuran-{TAHUN_CONTOH - 1}"
    res = init_workspace(root, example_pk(), None, dari=lalu)
    _wajib_bukti(root)
    ws = find_workspace(root)
    steps.append(
        DemoStep(
            "3",
            f"kinerja init {root.name} --pk {example_pk().name} --dari {RIWAYAT}/{lalu.name}",
            "ruang kerja dengan PK contoh Dinas PUPRPERKIM Kabupaten Balangan (dengan kolom "
            "Renstra dan tiga indikator berkomponen Pembilang/Penyebut), ditautkan ke tahun lalu "
            f"({ws.settings.tahun_lalu}, relatif terhadap ruang kerja); [bukti] wajib = "
            '"peringatan"',
            [res.root / "kinerja.toml", res.pk],
        )
    )
    _pk, findings = load_pk(ws)
    steps.append(
        DemoStep(
            "3",
            "kinerja check-pk",
            f"PK diperiksa: {len([f for f in findings if f.severity == 'error'])} kesalahan",
            [],
        )
    )
    forms = init_forms(ws, Periode.parse(2), None, None)
    steps.append(
        DemoStep(
            "4",
            "kinerja init-form --triwulan 2",
            f"{len(forms.forms)} formulir Triwulan II, satu per bidang",
            [f.path for f in forms.forms],
        )
    )
    steps += _returns_and_collect(ws, forms)
    steps += _compile_report_archive(ws, forms.periode, laporan="reviu")
    steps += _annual(ws)
    return DemoResult(root, steps)


TAHUN_CONTOH = 2025  # the example PK's year
RIWAYAT = "riwayat"  # the demo's previous years, inside the demo folder


def _pk_tahun(src: Path, dest: Path, tahun: int) -> Path:
    """The example PK as another year's: Tahun changed, everything else as it is."""
    from openpyxl import load_workbook

    from kinerja_cli.io.atomic import atomic_save

    wb = load_workbook(src)
    ws = wb["Identitas"]
    for row in ws.iter_rows(min_row=2):
        if str(row[0].value or "").strip() == "Tahun":
            row[1].value = tahun
    dest.parent.mkdir(parents=True, exist_ok=True)
    atomic_save(dest, wb.save)
    return dest


def _riwayat(root: Path) -> list[DemoStep]:
    """Two earlier years (docs/contract.md §14): 2023 measured and archived, 2024 linked to
    that archive and measured; the demo year links 2024, so the report shows three years."""
    from kinerja_cli.domain.periode import TAHUNAN
    from kinerja_cli.io.form import fill_form, simulated_values
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.resources import example_pk
    from kinerja_cli.services.archive import archive
    from kinerja_cli.services.collect import collect
    from kinerja_cli.services.setup import init_forms, init_workspace, require_pk

    dari: Path | None = None
    base = root / RIWAYAT
    steps: list[DemoStep] = []
    for tahun in (TAHUN_CONTOH - 2, TAHUN_CONTOH - 1):
        folder = base / f"pengukuran-{tahun}"
        pk_file = _pk_tahun(example_pk(), base / f"pk-{tahun}.xlsx", tahun)
        init_workspace(folder, pk_file, None, dari=dari)
        ws = find_workspace(folder)
        pk = require_pk(ws, TAHUNAN)
        forms = init_forms(ws, TAHUNAN, None, None)
        for i, f in enumerate(forms.forms):
            values, narasi, anggaran = simulated_values(pk, f.bidang, TAHUNAN, seed=tahun)
            dest = ws.masuk / f.path.name
            fill_form(f.path, dest, values, narasi, anggaran)
            os.utime(dest, (_at(forms.batas, 9 + i % 6, 2),) * 2)
        got = collect(ws)
        teks = f"Tahun {tahun}: {got.count('diterima')} formulir tahunan diterima"
        if dari is None:  # the oldest year is read from its archive
            arc = archive(ws, TAHUNAN, ["kinerja", "archive"])
            dari = arc.folder
            teks += f", diarsipkan ke {arc.folder.relative_to(root).as_posix()}"
        else:
            dari = folder
            teks += f"; ditautkan ke arsip tahun {tahun - 1} ({ws.settings.tahun_lalu})"
        steps.append(
            DemoStep(
                "3",
                f"kinerja init {RIWAYAT}/{folder.name} (tahun sebelumnya, disimulasikan)",
                teks,
                [folder / "kinerja.toml"],
            )
        )
    return steps


def _wajib_bukti(root: Path) -> None:
    """The demo asks for evidence with a warning (docs/contract.md §14: `[bukti] wajib`)."""
    from kinerja_cli.io.atomic import atomic_write_text
    from kinerja_cli.io.config import CONFIG_NAME

    cfg = root / CONFIG_NAME
    atomic_write_text(
        cfg, cfg.read_text(encoding="utf-8").replace('wajib = "mati"', 'wajib = "peringatan"')
    )


# A few references that are web addresses or plain text, one evidence file never sent, one
# Bukti Dukung left blank: what `collect` warns about (docs/contract.md §14).
_BUKTI_TAUTAN = {"IK.02": "https://balangankab.go.id/ikm/2025", "IK.26": "SK Kadis No. 5/2025"}
_BUKTI_TIDAK_DIKIRIM = "IK.12"
_BUKTI_KOSONG = "IK.21"


def _bukti(ws: Workspace, narasi: dict[str, Any], bidang: str) -> dict[str, Any]:
    """The bidang's evidence: its files put in `bukti/<bidang>/`, the narratives adjusted."""
    import dataclasses

    out = {}
    for kode, n in narasi.items():
        if kode in _BUKTI_TAUTAN:
            n = dataclasses.replace(n, bukti=_BUKTI_TAUTAN[kode])
        elif kode == _BUKTI_KOSONG:
            n = dataclasses.replace(n, bukti="")
        elif n.bukti and kode != _BUKTI_TIDAK_DIKIRIM:
            f = ws.bukti / bidang / n.bukti
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(_PDF.replace(b"KODE", kode.encode()))
        out[kode] = n
    return out


# A one-page PDF placeholder for a scanned evidence document.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"%% bukti dukung KODE (contoh)\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _compile_report_archive(ws: Workspace, periode: Periode, laporan: str) -> list[DemoStep]:
    """SOP steps 5-11 after collection: status, compile, report, diff, archive."""
    from kinerja_cli.services.archive import archive
    from kinerja_cli.services.compile import compile_draft
    from kinerja_cli.services.report import render_report
    from kinerja_cli.services.status import status

    flag = "" if periode.tahunan else f" --triwulan {periode.triwulan}"
    steps: list[DemoStep] = []
    st = status(ws, periode)
    belum = [b for b in st.bidang if b.status != "diterima"]
    steps.append(
        DemoStep(
            "5",
            # Without --triwulan, status is the year at a glance; this step is one periode.
            f"kinerja status --triwulan {periode.kode if periode.tahunan else periode.triwulan}",
            f"{len(st.bidang) - len(belum)} bidang diterima, {len(belum)} belum/ditolak; "
            f"jadwal SOP {len(st.jadwal)} langkah dengan batas hari kerja",
            [],
        )
    )
    comp = compile_draft(ws, periode)
    k = comp.kompilasi
    from kinerja_cli.domain.numbers import format_angka

    cap = format_angka(k.dinas_capaian) + "%" if k.dinas_capaian is not None else "–"
    steps.append(
        DemoStep(
            "6-7",
            f"kinerja compile{flag}",
            f"draf dinas: capaian {cap} ({k.dinas_predikat}); sembilan lembar "
            "termasuk Pengukuran dan Evaluasi Renja",
            [comp.path] if comp.path else [],
        )
    )
    if periode.triwulan == 2 and not periode.tahunan:
        steps.append(_diff_step(ws))
        if comp.path is not None:
            steps += _koreksi_steps(ws, periode, comp.path)
    rep = render_report(ws, periode, ["html", "docx", "xlsx"], None, None)
    judul = (
        "Reviu Triwulan untuk rapat evaluasi"
        if laporan == "reviu"
        else "Pengukuran Kinerja tahunan untuk ditandatangani Kepala Dinas"
    )
    steps.append(
        DemoStep(
            "11" if laporan == "reviu" else "9",
            f"kinerja report{flag}",
            judul,
            [p for _f, p in rep.berkas],
        )
    )
    arc = archive(ws, periode, ["kinerja", "archive", *flag.split()])
    n_bukti = sum(1 for p, _h, _n in arc.files if p.startswith("bukti/"))
    steps.append(
        DemoStep(
            "10",
            f"kinerja archive{flag}",
            f"{len(arc.files)} berkas dibekukan (hanya-baca) dengan manifest SHA-256, termasuk "
            f"{n_bukti} berkas bukti dukung",
            [arc.folder / "MANIFEST.json"],
        )
    )
    return steps


def _koreksi_steps(ws: Workspace, periode: Periode, draft: Path) -> list[DemoStep]:
    """SOP step 8: the Sekretaris corrects a realisation and a Tindak Lanjut in a copy of the
    draft; kinerja koreksi reads them back, and the next compile uses them."""
    import openpyxl

    from kinerja_cli.services.compile import compile_draft
    from kinerja_cli.services.koreksi import display, koreksi

    copy = draft.with_name(draft.stem + "-koreksi-Sekretaris.xlsx")
    wb = openpyxl.load_workbook(draft)
    ws_p, ws_m = wb["Pengukuran"], wb["Permasalahan"]
    kode = _correct(ws_p, "Realisasi TW II", lambda v: round(float(v) * 1.05, 2))
    _correct(
        ws_m,
        "Tindak Lanjut",
        lambda v: "Verifikasi data lapangan bersama Sekretariat sebelum rapat evaluasi",
        kode,
    )
    wb.save(copy)
    res = koreksi(ws, copy)
    contoh = "; ".join(
        f"{c.kode} {c.field}: {display(c, c.lama)} → {display(c, c.baru)}" for c in res.koreksi
    )
    again = compile_draft(ws, periode)
    return [
        DemoStep(
            "8",
            f'kinerja koreksi "{copy.name}"',
            f"{len(res.koreksi)} koreksi Sekretaris diterapkan dan dicatat ({contoh})",
            [copy],
        ),
        DemoStep(
            "8",
            "kinerja compile --triwulan 2",
            "draf baru memuat koreksi; draf yang dikoreksi tidak ditimpa",
            [again.path] if again.path else [],
        ),
    ]


def _correct(ws: Any, header: str, new: Any, kode: str | None = None) -> str:
    """Change `header` of the row of `kode` (default: the first row with a number there)."""
    head = next(r for r in range(1, 20) if any(c.value == "Kode" for c in ws[r]))
    cols = {c.value: c.column for c in ws[head] if c.value}
    for r in range(head + 1, ws.max_row + 1):
        k = ws.cell(r, cols["Kode"]).value
        cell = ws.cell(r, cols[header])
        if (kode is None and isinstance(cell.value, int | float)) or (kode and k == kode):
            cell.value = new(cell.value)
            return str(k)
    raise KinerjaError(f"demo: kolom {header} tidak ditemukan di draf")


def _diff_step(ws: Workspace) -> DemoStep:
    """SOP step 8: what the corrected resubmission changed."""
    from kinerja_cli.services.diff import diff

    salah = sorted(ws.masuk.glob("*(perbaikan).xlsx"))
    if not salah:
        return DemoStep("8", "kinerja diff", "tidak ada kiriman perbaikan", [])
    baru = salah[0]
    lama = ws.masuk / baru.name.replace(" (perbaikan)", "")
    res = diff(ws, str(lama), str(baru))
    contoh = "; ".join(
        f"{p.kode} {p.kolom}: {p.lama or '(kosong)'} → {p.baru or '(kosong)'}"
        for p in res.perubahan[:3]
    )
    return DemoStep(
        "8",
        f'kinerja diff "{lama.name}" "{baru.name}"',
        f"{len(res.perubahan)} perubahan, mis. {contoh}",
        [],
    )


def _annual(ws: Workspace) -> list[DemoStep]:
    """The year-end cycle: tahunan forms, returns, collect, compile, signed report, archive."""
    from kinerja_cli.domain.periode import TAHUNAN
    from kinerja_cli.io.form import fill_form, simulated_values
    from kinerja_cli.services.collect import collect
    from kinerja_cli.services.setup import init_forms, require_pk

    pk = require_pk(ws, TAHUNAN)
    forms = init_forms(ws, TAHUNAN, None, ws.formulir / "tahunan")
    folder = ws.masuk / "tahunan"
    folder.mkdir(parents=True, exist_ok=True)
    for i, f in enumerate(forms.forms):
        values, narasi, anggaran = simulated_values(pk, f.bidang, TAHUNAN, seed=2026)
        narasi = _bukti(ws, narasi, f.bidang)
        dest = folder / f.path.name
        fill_form(f.path, dest, values, narasi, anggaran)
        os.utime(dest, (_at(forms.batas, 9 + i % 6, 1),) * 2)
    got = collect(ws, folder)
    steps = [
        DemoStep(
            "4",
            "kinerja init-form (tahunan)",
            f"{len(forms.forms)} formulir tahunan (TW I–IV)",
            [f.path for f in forms.forms],
        ),
        DemoStep(
            "5",
            "kinerja collect masuk/tahunan",
            f"{got.count('diterima')} berkas tahunan diterima",
            [],
        ),
    ]
    return steps + _compile_report_archive(ws, TAHUNAN, laporan="tahunan")


def _salah_satu(pk: PK, kodes: list[str]) -> str:
    """The bidang whose first return has mistakes: BM in the example, else one with 3 numbers."""

    def numerik(k: str) -> int:
        return sum(1 for i in pk.indikator_of(k) if i.arah != Arah.BINER)

    return "BM" if "BM" in kodes and numerik("BM") >= 3 else max(kodes, key=numerik)


def _at(d: dt.date, jam: int, hari_sebelum: int) -> float:
    """A file time `hari_sebelum` days before the deadline, at `jam` o'clock."""
    return dt.datetime.combine(d - dt.timedelta(days=hari_sebelum), dt.time(jam)).timestamp()


def _returns_and_collect(ws: Workspace, forms: InitFormResult) -> list[DemoStep]:
    """SOP steps 4-5 and the correction loop: every bidang returns its form, one with mistakes."""
    from kinerja_cli.io.form import fill_form, simulated_values
    from kinerja_cli.services.collect import collect
    from kinerja_cli.services.setup import require_pk

    periode = forms.periode
    pk = require_pk(ws, periode)
    k = periode.triwulan
    salah = _salah_satu(pk, [f.bidang for f in forms.forms])
    ws.masuk.mkdir(parents=True, exist_ok=True)
    sent: list[Path] = []
    fixed: tuple[Path, dict[str, list[object]], Any, Any] | None = None
    for i, f in enumerate(forms.forms):
        values, narasi, anggaran = simulated_values(pk, f.bidang, periode, seed=2025)
        narasi = _bukti(ws, narasi, f.bidang)
        dest = ws.masuk / f.path.name
        if f.bidang == salah:
            numbers = [ind.kode for ind in pk.indikator_of(salah) if ind.arah != Arah.BINER]
            bad = {kode: list(v) for kode, v in values.items()}
            bad[numbers[0]][0] = "98.5x"  # a decimal point and a stray letter
            bad[numbers[2]][k - 1] = None  # the periode's own quarter left blank
            fill_form(f.path, dest, bad, narasi, anggaran)
            _ubah_target(dest, numbers[1])  # a locked target overwritten
            os.utime(dest, (_at(forms.batas, 9, 3),) * 2)
            fixed = (f.path, values, narasi, anggaran)
        else:
            fill_form(f.path, dest, values, narasi, anggaran)
            os.utime(dest, (_at(forms.batas, 10 + i % 6, 2),) * 2)
        sent.append(dest)
    steps = [
        DemoStep(
            "4",
            "bidang mengisi dan mengembalikan formulir (simulasi)",
            f"{len(sent)} berkas di {ws.masuk.name}/; formulir {salah} berisi tiga "
            'kesalahan: realisasi "98.5x", target diubah, realisasi triwulan kosong',
            sent,
        )
    ]
    first = collect(ws)
    ditolak = [r for r in first.files if r.status == "ditolak"]
    bukti = [
        f for r in first.files for f in r.findings if f.code.startswith("bukti-")
    ]  # docs/contract.md §14
    n_bukti = sum(1 for p in ws.bukti.rglob("*") if p.is_file())
    steps.append(
        DemoStep(
            "5",
            "kinerja collect",
            f"{first.count('diterima')} berkas diterima, {len(ditolak)} ditolak ("
            + "; ".join(f"{r.file}: {r.errors} kesalahan" for r in ditolak)
            + "); umpan balik bertanda ditulis untuk bidang itu. Bukti dukung: "
            f"{n_bukti} berkas di {ws.bukti.name}/, "
            + "; ".join(f"{f.code} {f.kode} ({f.cell})" for f in bukti),
            list(first.umpan_balik),
        )
    )
    assert fixed is not None
    src, values, narasi, anggaran = fixed
    revisi = ws.masuk / f"{src.stem} (perbaikan).xlsx"
    fill_form(src, revisi, values, narasi, anggaran)
    os.utime(revisi, (_at(forms.batas, 14, 1),) * 2)
    second = collect(ws)
    baru = next(r for r in second.files if r.file == revisi.name)
    diterima = sum(1 for b in second.bidang if b.status == "diterima")
    steps.append(
        DemoStep(
            "5",
            "kinerja collect (kiriman perbaikan)",
            f"{revisi.name}: {baru.status}, menggantikan versi yang ditolak; {diterima} dari "
            f"{len(second.bidang)} bidang diterima, semua versi tersimpan di .kinerja/berkas/",
            [revisi],
        )
    )
    return steps


def _ubah_target(path: Path, kode: str) -> None:
    """Overwrite a locked Target cell, as someone who removed the sheet protection might."""
    from openpyxl import load_workbook

    from kinerja_cli.io.atomic import atomic_save
    from kinerja_cli.io.form import layout as L

    wb = load_workbook(path)
    ws = wb[L.KINERJA]
    cols = {ws.cell(L.HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(L.FIRST_ROW, ws.max_row + 1):
        if ws.cell(r, cols["Kode"]).value == kode:
            cell = ws.cell(r, cols["Target"])
            cell.value = (cell.value or 0) * 2 + 1 if isinstance(cell.value, int | float) else 999
    atomic_save(path, wb.save)
