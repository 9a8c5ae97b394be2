"""`kinerja init`, `kinerja check-pk`, `kinerja init-form` (SOP steps 3-4)."""

from __future__ import annotations

from pathlib import Path

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


@guarded
def init(
    folder: Path = typer.Argument(
        Path("."),
        metavar="FOLDER",
        show_default=False,
        help="Folder ruang kerja baru (bawaan: folder saat ini).",
    ),
    pk: Path = typer.Option(
        None,
        "--pk",
        help="Berkas PK (.xlsx) yang disalin ke ruang kerja.",
        dir_okay=False,
        metavar="BERKAS",
    ),
    tahun: int = typer.Option(
        None, "--tahun", help="Tahun anggaran (bawaan: dari PK, atau tahun ini).", metavar="TAHUN"
    ),
    dari: Path = typer.Option(
        None,
        "--dari",
        help="Ruang kerja atau folder arsip tahun lalu: bidang, "
        "pejabat dan kode indikator dibawa (target dan pagu dikosongkan), dan "
        "capaian tahun lalu tampil di compile dan report.",
        metavar="FOLDER",
        file_okay=False,
    ),
    templat: bool = typer.Option(
        False,
        "--templat",
        help="Salin templat laporan ke FOLDER/templates agar kop, logo dan kata-kata bisa diubah.",
    ),
) -> None:
    """Buat ruang kerja: kinerja.toml, pk.xlsx, formulir/, masuk/, hasil/.

    Tanpa --pk, pk.xlsx berisi templat PK kosong dengan lembar Petunjuk. Dengan --dari, pk.xlsx
    dimulai dari PK tahun lalu (isi target dan pagu tahun ini, lalu kinerja check-pk).

    Contoh: kinerja init pengukuran-2025 --pk PK-2025.xlsx
    Contoh: kinerja init pengukuran-2026 --dari pengukuran-2025
    """
    from kinerja_cli.services.setup import init_workspace

    res = init_workspace(folder, pk, tahun, dari)
    if templat:
        from kinerja_cli.services.setup import copy_templates

        copy_templates(res.root)
    print(f"Ruang kerja {res.tahun} dibuat di {rel(res.root)}")
    print("  kinerja.toml  pengaturan (ubah sesuai kebutuhan)")
    if res.dari is not None:
        pk_note = f"PK tahun lalu dari {rel(res.dari)}: isi Target dan Pagu {res.tahun}, lalu kinerja check-pk"
    elif res.pk_dari_template:
        pk_note = "templat PK kosong: isi lalu jalankan kinerja check-pk"
    else:
        pk_note = "salinan PK"
    print(f"  pk.xlsx       {pk_note}")
    print("  formulir/     formulir kosong per bidang (kinerja init-form)")
    print("  masuk/        taruh berkas kembalian bidang di sini (kinerja collect)")
    print("  hasil/        draf dan laporan")
    errors = [f for f in res.findings if f.severity == "error"]
    if res.findings:
        err(
            f"PK memuat {len(errors)} kesalahan dan {len(res.findings) - len(errors)} peringatan; "
            "lihat: kinerja check-pk"
        )


@guarded
def check_pk(workspace: Path = WorkspaceOpt, as_json: bool = JsonOpt) -> None:
    """Periksa berkas PK: setiap masalah dengan lembar dan selnya, sekaligus.

    Keluar 0 bila PK sah (peringatan boleh), 1 bila ada kesalahan, 2 bila tidak dapat dijalankan.

    Contoh: kinerja check-pk --json
    """
    from kinerja_cli.services.pk_state import load_pk, pk_state, undeclared_findings
    from kinerja_cli.services.setup import summarise_pk

    ws = open_workspace(workspace)
    pk, findings = load_pk(ws)
    errors = [f for f in findings if f.severity == "error"]
    summary = summarise_pk(pk, findings) if pk is not None else None
    versi = None
    if pk is not None and not errors:
        # Once forms were issued, a change not recorded with revisi-pk is an error too (§13).
        state = pk_state(ws)
        versi = state.versions.latest
        changed = undeclared_findings(state, ws.pk.name)
        findings, errors = [*findings, *changed], [*errors, *changed]
    if as_json:
        print_json(
            {
                "file": ws.pk.name,
                "valid": pk is not None and not errors,
                "ringkasan": None if summary is None else summary.to_json(),
                "findings": [f.to_json() for f in findings],
                "pk_versi": None if versi is None else versi.versi,
            }
        )
    else:
        if versi is not None and versi.versi > 1:
            print(f"PK versi {versi.versi} ({versi.keterangan})")
        if summary is not None:
            print(
                f"{ws.pk.name}: {summary.bidang} bidang, {summary.sasaran} sasaran, "
                f"{summary.indikator} indikator, {summary.anggaran} baris anggaran terbaca"
            )
            for sheet, rows in summary.unread.items():
                named = ", ".join(f"baris {r}" + (f" ({k})" if k else "") for r, k in rows)
                print(
                    f"  lembar {sheet}: {len(rows)} baris tidak terbaca karena kesalahan: {named}"
                )
            for sheet, rows in summary.error_rows.items():
                print(
                    f"  lembar {sheet}: kesalahan pada baris {', '.join(str(r) for r, _ in rows)}"
                )
        for f in findings:
            print(f.line())
        if errors:
            print(
                f"PK bermasalah: {len(errors)} kesalahan, {len(findings) - len(errors)} peringatan."
            )
        else:
            print(f"PK sah{f' ({len(findings)} peringatan)' if findings else ''}.")
    raise typer.Exit(1 if errors or pk is None else 0)


@guarded
def init_form(
    triwulan: str = TriwulanOpt,
    bidang: list[str] = typer.Option(
        None,
        "--bidang",
        "-b",
        metavar="KODE",
        help="Kode bidang (boleh diulang). "
        "Bawaan: semua bidang yang memiliki indikator atau anggaran.",
    ),
    out: Path = typer.Option(
        None, "--out", help="Folder tujuan (bawaan: formulir/).", file_okay=False, metavar="FOLDER"
    ),
    workspace: Path = WorkspaceOpt,
) -> None:
    """Tulis satu formulir .xlsx terkunci dan tervalidasi untuk setiap bidang.

    Contoh: kinerja init-form --triwulan 2
    """
    from kinerja_cli.domain.numbers import format_angka
    from kinerja_cli.domain.tanggal import tanggal_id
    from kinerja_cli.services.setup import init_forms

    ws = open_workspace(workspace)
    periode = parse_triwulan(triwulan)
    res = init_forms(ws, periode, bidang or None, out)
    print(
        f"{len(res.forms)} formulir {res.periode.label} ditulis dalam {format_angka(res.detik, 1)} detik; "
        f"batas pengembalian {tanggal_id(res.batas)}:"
    )
    for f in res.forms:
        print(
            f"  {f.bidang:<6} {rel(f.path)}  ({f.indikator} indikator, {f.anggaran} baris anggaran)"
        )


# Exit codes of each command, for the README's command table (generated, docs/contract.md §3).
EXIT_CODES = {
    "init": "0 / 2",
    "check-pk": "0 sah (peringatan boleh), 1 ada kesalahan, 2 tidak dapat jalan",
    "init-form": "0 / 1 (PK bermasalah) / 2",
}


def register(app: typer.Typer) -> None:
    """Add the commands to the app."""
    app.command("init")(init)
    app.command("check-pk")(check_pk)
    app.command("init-form")(init_form)
