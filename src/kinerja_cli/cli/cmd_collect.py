"""`kinerja collect` and `kinerja status` (SOP steps 4-5 and the correction loop)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from kinerja_cli.cli.common import (
    JsonOpt,
    TriwulanOpt,
    WorkspaceOpt,
    guarded,
    open_workspace,
    parse_triwulan,
    print_json,
    rel,
)

PROGRESS_FROM = 20  # files; fewer finish before a bar is worth drawing
STATUS_LABEL = {
    "ditahan": "DITAHAN",
    "periode-lain": "periode lain",
    "diterima": "DITERIMA",
    "ditolak": "DITOLAK",
    "duplikat": "duplikat",
    "diabaikan": "diabaikan",
    "belum": "BELUM",
}
STATUS_STYLE = {
    "ditahan": "bold yellow",
    "periode-lain": "dim",
    "diterima": "green",
    "ditolak": "bold red",
    "belum": "yellow",
    "duplikat": "dim",
    "diabaikan": "dim",
    "selesai": "green",
    "terlambat": "bold red",
    "berjalan": "cyan",
}


@guarded
def collect(
    inbox: Path = typer.Argument(
        None,
        metavar="FOLDER",
        file_okay=False,
        help="Folder kiriman (bawaan: masuk/ di ruang kerja). Hanya berkas di folder itu yang "
        "dibaca, subfolder tidak.",
    ),
    triwulan: str = TriwulanOpt,
    as_json: bool = JsonOpt,
    jobs: int = typer.Option(
        None,
        "--jobs",
        "-j",
        metavar="N",
        help="Jumlah proses pembaca berkas, paling sedikit 1 (bawaan: 1, atau 2 bila ada "
        "ratusan berkas baru).",
    ),
    semua: bool = typer.Option(
        False,
        "--semua",
        help="Tampilkan juga temuan berkas lama yang sudah selesai (bawaan: hanya berkas yang "
        "baru dibaca dan yang masih perlu diperbaiki).",
    ),
    workspace: Path = WorkspaceOpt,
) -> None:
    """Periksa setiap berkas kiriman bidang, terima yang sah, tulis umpan balik untuk yang ditolak.

    Berkas di folder masuk tidak pernah diubah, dipindah, atau dihapus. Berkas yang isinya sudah pernah dibaca tidak dibaca ulang. Kiriman ulang dari bidang yang sama menggantikan versi sebelumnya (yang terbaru menurut waktu berkas, lalu nama); semua versi disimpan. Setiap berkas yang ditolak mendapat salinan bertanda di hasil/umpan-balik/.

    Satu folder masuk untuk setahun: setiap formulir dicatat pada periodenya sendiri. Dengan --triwulan, formulir periode lain hanya didaftar (periode-lain) tanpa umpan balik. Berkas untuk periode yang sudah diarsipkan ditahan (ditahan) sampai periode itu dibuka kembali.

    Keluar 0 bila semua berkas diterima (peringatan boleh; berkas kunci/sistem dan formulir periode lain diabaikan; versi lama yang ditolak tetapi sudah diganti versi yang diterima tidak dihitung), 1 bila ada berkas yang ditolak atau ditahan, 2 bila perintah tidak dapat dijalankan.

    Contoh: kinerja collect --triwulan 2
    """
    from kinerja_cli.services.collect import collect as run_collect

    if jobs is not None and jobs < 1:
        from kinerja_cli.errors import KinerjaError

        raise KinerjaError(f"--jobs {jobs} tidak boleh: paling sedikit 1 proses pembaca.")
    ws = open_workspace(workspace)
    periode = parse_triwulan(triwulan) if triwulan is not None else None
    with _progress(enabled=not as_json) as progress:
        res = run_collect(ws, inbox, periode, progress, jobs=jobs)
    if as_json:
        print_json(res.to_json())
    else:
        _print_collect(res, semua)
    raise typer.Exit(res.exit_code)


class _progress:
    """A rich progress bar on stderr, only for a terminal and many files."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Any:
        return self.update if self.enabled else None

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < PROGRESS_FROM:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.bar = Progress(
                "Memeriksa berkas",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("", total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


MAX_ROWS = 60  # inbox files listed one by one without --semua


def _print_collect(res: Any, semua: bool = False) -> None:
    from rich.markup import escape
    from rich.table import Table

    from kinerja_cli.domain.numbers import format_angka

    con = _console()
    if not res.files:
        con.print(f"Folder {escape(rel(res.inbox))} kosong: belum ada berkas kiriman.")
    else:
        con.print(f"Berkas di {escape(rel(res.inbox))}")
        t = Table()
        for h in ("No", "Berkas", "Bidang", "Periode", "Status", "Keterangan"):
            t.add_column(h, no_wrap=h in ("No", "Bidang", "Periode", "Status"), overflow="fold")
        # A large inbox lists what is new this run or still open; the settled rest on request
        # (a 1,000-row table took 1.5 s to print and hid what needs attention).
        rows = list(enumerate(res.files, start=1))
        if not semua and len(rows) > MAX_ROWS:
            rows = [(i, f) for i, f in rows if f.dibaca or f.terbuka]
        settled = len(res.files) - len(rows)
        for i, f in rows:
            ket = []
            if f.errors:
                ket.append(f"{f.errors} kesalahan")
            if len(f.findings) > f.errors:
                ket.append(f"{len(f.findings) - f.errors} peringatan")
            ket += f.catatan
            style = STATUS_STYLE.get(f.status, "")
            t.add_row(
                str(i),
                escape(f.file),
                f.bidang or "-",
                f.periode or "-",
                f"[{style}]{STATUS_LABEL.get(f.status, f.status)}[/]",
                escape("; ".join(ket)),
            )
        if rows:  # nothing new or open: only the line below, no empty table
            con.print(t)
        if settled:
            con.print(
                f"{'... dan ' if rows else ''}{settled} berkas {'lain ' if rows else ''}yang tidak berubah sejak collect sebelumnya dan "
                "tidak perlu ditindaklanjuti; tampilkan semua dengan: kinerja collect --semua"
            )
        with_findings = [f for f in res.files if f.findings and f.status != "duplikat"]
        # What is new this run or still to be fixed; old, settled files only on request.
        shown = [f for f in with_findings if semua or f.dibaca or f.terbuka]
        hidden = len(with_findings) - len(shown)
        with_findings = shown
        if with_findings:
            con.print("\nTemuan per berkas:")
        for f in with_findings:
            con.print(f"  {escape(f.file)}")
            for x in f.findings:
                where = f"{x.sheet}!{x.cell}" if x.sheet and x.cell else (x.sheet or x.cell or "")
                kode = f" ({x.kode})" if x.kode else ""
                label = "" if x.severity == "error" else " [peringatan]"
                line = f"{where}{kode} {x.code}{label}: {x.message}".strip()
                con.print(f"    {escape(line)}", soft_wrap=True)
        if hidden:
            con.print(
                f"\n{hidden} berkas lama yang sudah selesai juga punya temuan; tampilkan "
                "dengan: kinerja collect --semua"
            )
    if res.bidang:
        con.print("\nStatus per bidang")
        t = Table()
        for h in ("Kode", "Bidang", "Periode", "Status", "Berkas"):
            t.add_column(h, no_wrap=h in ("Kode", "Periode", "Status"), overflow="fold")
        # Many bidang (a regency-wide run): the ones still to act on; the accepted on request.
        bidang = res.bidang
        if not semua and len(bidang) > MAX_ROWS:
            bidang = [b for b in bidang if b.status != "diterima"]
        for b in bidang:
            style = STATUS_STYLE.get(b.status, "")
            t.add_row(
                b.kode,
                escape(b.nama),
                b.periode,
                f"[{style}]{STATUS_LABEL.get(b.status, b.status)}[/]",
                escape(b.file or "-"),
            )
        if bidang:
            con.print(t)
        if len(bidang) < len(res.bidang):
            con.print(
                f"{'... dan ' if bidang else ''}{len(res.bidang) - len(bidang)} bidang "
                f"{'lain ' if bidang else ''}sudah diterima; tampilkan semua dengan: "
                "kinerja collect --semua"
            )
    if res.diperiksa_ulang:
        changed = [r for r in res.diperiksa_ulang if r.berubah]
        con.print(
            f"\nDiperiksa ulang karena PK Perubahan: {len(res.diperiksa_ulang)} kiriman "
            f"tersimpan, {len(changed)} berubah status:"
        )
        for r in res.diperiksa_ulang:
            verdict = f"{r.lama} → {r.baru}" if r.berubah else f"tetap {r.baru}"
            con.print(
                f"  {escape(r.file)} ({r.bidang or '-'}, {r.periode}): {verdict} "
                f"(PK versi {r.versi_lama} → {r.versi_baru})"
            )
    if res.umpan_balik:
        con.print("\nUmpan balik untuk berkas yang ditolak (kirimkan ke bidangnya):")
        for p in res.umpan_balik:
            con.print(f"  {escape(rel(p))}")
    if res.subfolder:
        con.print(
            f"\nSubfolder tidak dibaca (hanya berkas langsung di folder masuk): "
            f"{escape(', '.join(res.subfolder))}"
        )
    n = {
        s: res.count(s)
        for s in ("diterima", "ditolak", "duplikat", "diabaikan", "ditahan", "periode-lain")
    }
    extra = "".join(f", {n[s]} {s}" for s in ("ditahan", "periode-lain") if n[s])
    con.print(
        f"\n{len(res.files)} berkas: {n['diterima']} diterima, {n['ditolak']} ditolak, "
        f"{n['duplikat']} duplikat, {n['diabaikan']} diabaikan{extra}; {res.dibaca} dibaca baru "
        f"({format_angka(res.detik, 1)} detik)."
    )


@guarded
def status(
    triwulan: str = typer.Option(
        None,
        "--triwulan",
        "-t",
        metavar="K",
        help="Rincian satu periode: triwulan 1-4 (atau I-IV), atau tahunan. Tanpa ini: "
        "ringkasan setahun.",
    ),
    as_json: bool = JsonOpt,
    workspace: Path = WorkspaceOpt,
) -> None:
    """Tampilkan keadaan setahun per periode, atau bidang yang sudah/belum mengirim dan jadwal SOP satu periode.

    Tanpa --triwulan: ringkasan setahun, satu kolom per periode (TW I-IV dan Tahunan): formulir yang diterbitkan dan batas pengembaliannya, berapa bidang yang mengirim, diterima, terlambat, ditolak, apakah sudah dikompilasi, dikoreksi, dilaporkan dan diarsipkan (ditutup atau dibuka kembali), serta versi PK yang berlaku.

    Dengan --triwulan K: setiap bidang dan jadwal SOP periode itu. Batas tiap langkah dihitung dalam hari kerja dari tanggal mulai di kinerja.toml (Sabtu, Minggu, dan libur nasional dilewati). Langkah yang belum selesai setelah batasnya ditandai terlambat.

    Contoh: kinerja status
    Contoh: kinerja status --triwulan 2
    """
    ws = open_workspace(workspace)
    if triwulan is None:
        from kinerja_cli.services.status_tahun import status_tahun

        tahun = status_tahun(ws)
        if as_json:
            print_json(tahun.to_json())
        else:
            _print_tahun(tahun)
        return
    from kinerja_cli.services.status import status as run_status

    res = run_status(ws, parse_triwulan(triwulan))
    if as_json:
        print_json(res.to_json())
        return
    _print_status(res)


TAHAP_LABEL = {
    "belum": "belum dimulai",
    "pengisian": "bidang mengisi",
    "pengumpulan": "kiriman masuk",
    "kompilasi": "draf disusun",
    "pelaporan": "dilaporkan",
    "diarsipkan": "diarsipkan",
}


def _print_tahun(res: Any) -> None:
    """The year at a glance: one column per periode (fits an 80-column console)."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    from kinerja_cli.domain.periode import romawi
    from kinerja_cli.domain.tanggal import tanggal_id, tanggal_singkat

    def tgl(d: Any) -> str:
        return tanggal_singkat(d, res.tahun) or "-"

    def jumlah(n: int, style: str = "") -> str:
        return f"[{style}]{n}[/]" if n and style else (str(n) if n else "-")

    def formulir(p: Any) -> str:
        if not p.formulir:
            return "-"
        semua = "" if p.formulir >= p.bidang else f" ({p.formulir} dari {p.bidang})"
        return tgl(p.formulir_pada) + semua

    def arsip(a: Any) -> str:
        if a.status == "ditutup":
            return f"[green]v{a.versi}[/], {tgl(a.pada)}"
        if a.status == "dibuka-kembali":
            return f"[yellow]dibuka kembali[/] {tgl(a.pada)}"
        if a.data_ditutup_oleh:
            return f"ditutup ({escape(label(a.data_ditutup_oleh))})"
        return "-"

    def label(kode: str) -> str:
        return "Tahunan" if kode == "tahunan" else f"TW {romawi(int(kode[2:]))}"

    def versi(v: Any) -> str:
        if v is None:
            return "[bold red]PK bermasalah[/]"
        return f"versi {v.versi}" + (f" sejak TW {romawi(v.dari_tw)}" if v.versi > 1 else "")

    con = _console()
    con.print(
        f"Pengukuran Kinerja {res.tahun}: ringkasan per periode "
        f"(hari ini {tanggal_id(res.hari_ini)})"
    )
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, expand=True)
    t.add_column("", no_wrap=True)
    rows = res.periode
    for p in rows:
        t.add_column(label(p.periode.kode), overflow="fold", ratio=1)
    lines: list[tuple[str, list[str]]] = [
        ("Tahap", [TAHAP_LABEL.get(p.tahap, p.tahap) for p in rows]),
        ("Formulir terbit", [formulir(p) for p in rows]),
        ("Batas kembali", [tgl(p.batas) for p in rows]),
        ("Bidang mengirim", [f"{p.kembali} dari {p.bidang}" for p in rows]),
        ("  diterima", [jumlah(p.diterima, "green") for p in rows]),
        ("  terlambat", [jumlah(p.terlambat, "bold red") for p in rows]),
        ("  ditolak", [jumlah(p.ditolak, "bold red") for p in rows]),
        ("Belum mengirim", [jumlah(p.belum, "yellow") for p in rows]),
    ]
    if any(p.ditahan for p in rows):
        lines.append(("Berkas ditahan", [jumlah(p.ditahan, "bold yellow") for p in rows]))
    lines += [
        ("Draf (compile)", [tgl(p.draf) for p in rows]),
        ("Koreksi", [jumlah(p.koreksi) for p in rows]),
        ("Laporan (report)", [tgl(p.laporan) for p in rows]),
        ("Arsip (archive)", [arsip(p.arsip) for p in rows]),
        ("PK berlaku", [versi(p.pk) for p in rows]),
    ]
    for baris, cells in lines:
        t.add_row(baris, *cells)
    con.print(t)
    if res.pk_galat:
        con.print(f"\nPK: {escape(res.pk_galat)}")
    for v in res.versi_pk:
        dicatat = f"dicatat {tanggal_id(_as_date(v.tanggal))}" if v.tanggal else "belum dicatat"
        if v.versi == 1:
            kunci = dicatat if res.pk_dikunci else "belum dikunci: formulir belum diterbitkan"
            con.print(f"\nPK versi 1 (PK awal): {kunci}.")
        else:
            alasan = f"; alasan: {escape(v.alasan)}" if v.alasan else ""
            con.print(
                f"PK versi {v.versi} (PK Perubahan): berlaku sejak TW {romawi(v.dari_tw)}, "
                f"{dicatat}{alasan}."
            )
    if res.pk_belum_dicatat:
        con.print(
            f"[bold red]pk.xlsx berubah tanpa kinerja revisi-pk ({res.pk_belum_dicatat} "
            "perubahan)[/]: lihat kinerja check-pk."
        )
    con.print(
        "\nRincian setiap bidang dan jadwal SOP satu periode: kinerja status --triwulan K "
        "(K = 1-4 atau tahunan)."
    )


def _as_date(iso: str) -> Any:
    """`2025-07-01` as a date (None when it is not one)."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None


def _print_status(res: Any) -> None:
    from rich.markup import escape
    from rich.table import Table

    from kinerja_cli.domain.tanggal import tanggal_id

    con = _console()
    con.print(f"Kiriman {res.periode.label}")
    t = Table()
    for h in ("Kode", "Bidang", "Status", "Berkas", "Diterima"):
        t.add_column(h, no_wrap=h in ("Kode", "Status"), overflow="fold")
    for b in res.bidang:
        style = STATUS_STYLE.get(b.status, "")
        late = " [bold red](terlambat)[/]" if b.terlambat else ""
        t.add_row(
            b.kode,
            escape(b.nama),
            f"[{style}]{STATUS_LABEL.get(b.status, b.status)}[/]",
            escape(b.file or "-"),
            _waktu(b.diterima) + late,
        )
    con.print(t)
    con.print(f"\nJadwal SOP {res.periode.label} (hari ini {tanggal_id(res.hari_ini)})")
    t = Table()
    t.add_column("No", no_wrap=True)
    t.add_column("Kegiatan (hari kerja)", min_width=16, ratio=1, overflow="fold")
    for h in ("Batas", "Selesai", "Status"):
        t.add_column(h, no_wrap=True)
    for s in res.jadwal:
        style = STATUS_STYLE.get(s.status, "")
        t.add_row(
            str(s.langkah),
            f"{escape(s.nama)} ({s.hari})",
            tanggal_id(s.batas),
            tanggal_id(s.selesai_pada) if s.selesai_pada else "-",
            f"[{style}]{s.status}[/]",
        )
    con.print(t)
    if res.belum:
        con.print(
            f"\nBelum diterima: {', '.join(res.belum)}; capaian dinas {res.periode.label} "
            "masih sementara."
        )
        if res.sasaran_tanpa_data:
            con.print(f"Sasaran tanpa data: {', '.join(res.sasaran_tanpa_data)}")
    else:
        con.print("\nSemua bidang sudah diterima.")


def _waktu(iso: str | None) -> str:
    """`2025-07-07T14:53:20` -> `7 Juli 2025 14.53`."""
    import datetime as dt

    from kinerja_cli.domain.tanggal import tanggal_id

    if not iso:
        return "-"
    try:
        t = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{tanggal_id(t.date())} {t:%H.%M}"


# Exit codes of each command, for the README's command table (generated, docs/contract.md §3).
EXIT_CODES = {
    "collect": "0 semua diterima, 1 ada yang ditolak, 2 tidak dapat jalan",
    "status": "0",
}


def register(app: typer.Typer) -> None:
    """Add the commands to the app."""
    app.command("collect")(collect)
    app.command("status")(status)
