"""`kinerja compile` (SOP steps 6–7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from kinerja_cli.cli.common import (
    JsonOpt,
    TriwulanOpt,
    WorkspaceOpt,
    err,
    guarded,
    open_workspace,
    parse_triwulan,
    print_json,
    rel,
)


def _persen(d: Any) -> str:
    from kinerja_cli.domain.numbers import format_angka

    return "-" if d is None else f"{format_angka(d)}%"


@guarded
def compile_(
    triwulan: str = TriwulanOpt,
    out: Path = typer.Option(
        None,
        "--out",
        help="Berkas draf tujuan (bawaan: di hasil/, bernama "
        "Draf-Pengukuran-Kinerja-TAHUN-PERIODE.xlsx).",
        dir_okay=False,
        metavar="BERKAS",
    ),
    as_json: bool = JsonOpt,
    workspace: Path = WorkspaceOpt,
) -> None:
    """Kompilasi formulir yang diterima menjadi draf Pengukuran Kinerja dinas (.xlsx).

    Draf berisi lembar Ringkasan, Pengukuran, Per Bidang, Anggaran, Efisiensi, Permasalahan,
    Evaluasi Renja (Permendagri 86/2017) dan Catatan. Bidang yang belum mengirim tetap
    dicantumkan dengan realisasi kosong. Draf yang sudah diubah orang lain tidak ditimpa:
    kinerja menulis versi berikutnya (-v2, -v3, ...).

    Keluar 0 bila draf ditulis, 1 bila belum ada formulir yang diterima, 2 bila tidak dapat
    dijalankan.

    Contoh: kinerja compile --triwulan 2
    """
    from kinerja_cli.services.compile import compile_draft

    ws = open_workspace(workspace)
    periode = parse_triwulan(triwulan)
    res = compile_draft(ws, periode, out)
    k = res.kompilasi
    if as_json:
        from kinerja_cli.io.draft import to_json

        print_json(to_json(k))
        if res.path is not None:
            err(f"Draf ditulis: {rel(res.path)}")
        else:
            err(f"Belum ada formulir {periode.label} yang diterima; draf tidak ditulis.")
        raise typer.Exit(res.exit_code)
    if res.path is None:
        print(
            f"Belum ada formulir {periode.label} yang diterima; tidak ada yang dikompilasi "
            "dan draf tidak ditulis. Taruh berkas kembalian di masuk/ lalu jalankan: "
            "kinerja collect"
        )
        raise typer.Exit(1)
    print(
        f"Pengukuran Kinerja {periode.label} {k.tahun} — {k.identitas.singkatan or k.identitas.perangkat_daerah}"
    )
    label = "Capaian dinas SEMENTARA" if k.sementara else "Capaian dinas"
    print(f"  {label}: {_persen(k.dinas_capaian)} ({k.dinas_predikat or 'belum dapat dihitung'})")
    if k.sementara:
        print(
            f"  Data belum lengkap: {res.diterima} dari {len(k.bidang)} bidang diterima"
            + (
                f"; sasaran tanpa data: {', '.join(s.kode for s in k.sasaran_tanpa_data)}"
                if k.sasaran_tanpa_data
                else ""
            )
            + "."
        )
    for s in k.sasaran:
        cap = _persen(s.capaian) if s.capaian is not None else "belum ada data"
        print(f"  {s.kode:<4} {cap:>9}  {s.predikat or '-':<14} {s.nama}")
    belum = [b for b in k.bidang if b.status != "diterima"]
    print(f"  Bidang diterima: {res.diterima} dari {len(k.bidang)}")
    for b in belum:
        status = "belum mengirim" if b.status == "belum" else b.status
        print(f"    {b.kode:<6} {status}: {b.nama}")
    if k.temuan:
        print(f"  Temuan terbuka: {len(k.temuan)} (lihat lembar Catatan)")
    for p in res.dipertahankan:
        print(f"  {rel(p)} sudah diubah sejak ditulis kinerja; tidak ditimpa.")
    print(f"Draf: {rel(res.path)}")


# Exit codes of each command, for the README's command table (generated, docs/contract.md §3).
EXIT_CODES = {
    "compile": "0 / 1 (belum ada yang diterima) / 2",
}


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("compile")(compile_)
