"""`kinerja diff` (SOP step 8: corrections)."""

from __future__ import annotations

from pathlib import Path

import typer

from kinerja_cli.cli.common import JsonOpt, WorkspaceOpt, guarded, open_workspace, print_json


@guarded
def diff(
    a: str = typer.Argument(
        ...,
        metavar="A",
        help="Versi lama: berkas, nama berkas di masuk/, awalan SHA-256, atau pk:N.",
    ),
    b: str = typer.Argument(..., metavar="B", help="Versi baru, dalam bentuk yang sama."),
    as_json: bool = JsonOpt,
    workspace: Path = WorkspaceOpt,
) -> None:
    """Tampilkan apa yang berubah antara dua kiriman formulir, dua draf kompilasi, atau dua PK.

    Kiriman: realisasi per indikator dan triwulan (lama → baru), uraian, anggaran, dan nilai
    terkunci yang berbeda dari PK. Draf: setiap sel tabel Pengukuran, Anggaran, Permasalahan.
    PK: setiap sel yang berbeda (target, pagu, rencana, teks, baris ditambah/dihapus); A atau B
    boleh pk:N, versi PK yang tercatat (mis. kinerja diff pk:1 pk.xlsx).

    Contoh: kinerja diff masuk/BM-lama.xlsx masuk/BM-perbaikan.xlsx
    """
    from kinerja_cli.services.diff import diff as do_diff

    ws = open_workspace(workspace)
    res = do_diff(ws, a, b)
    if as_json:
        print_json(res.to_json())
        return
    from rich.console import Console
    from rich.table import Table

    print(f"Perbandingan {res.jenis}: {res.a} → {res.b}")
    for c in res.catatan:
        print(f"Catatan: {c}")
    if not res.perubahan:
        print("Tidak ada perubahan.")
        return
    t = Table(show_lines=False)
    sel = any(p.sel for p in res.perubahan)
    for h in (
        ("Sel", "Kode", "Kolom", "Lama", "Baru")
        if sel
        else ("Jenis", "Kode", "Kolom", "Lama", "Baru")
    ):
        t.add_column(h, overflow="fold")
    for p in res.perubahan:
        first = (p.sel or p.jenis) if sel else p.jenis
        t.add_row(first, p.kode, p.kolom, p.lama or "(kosong)", p.baru or "(kosong)")
    Console(width=120).print(t)
    print(f"{len(res.perubahan)} perubahan.")


# Exit codes of each command, for the README's command table (generated, docs/contract.md §3).
EXIT_CODES = {
    "diff": "0 / 2",
}


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("diff")(diff)
