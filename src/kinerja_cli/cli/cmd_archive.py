"""`kinerja archive` (SOP step 10)."""

from __future__ import annotations

from pathlib import Path

import typer

from kinerja_cli.cli.common import (
    TriwulanOpt,
    WorkspaceOpt,
    guarded,
    open_workspace,
    parse_triwulan,
    rel,
)


@guarded
def archive(
    triwulan: str = TriwulanOpt,
    verify: bool = typer.Option(
        False,
        "--verify",
        help="Periksa ulang SHA-256 semua berkas arsip dan sebutkan yang berubah atau hilang.",
    ),
    workspace: Path = WorkspaceOpt,
) -> None:
    """Bekukan satu periode ke arsip/TAHUN/PERIODE/vN, hanya-baca, dengan manifest SHA-256.

    PK, semua kiriman (diterima dan ditolak), catatan basis data, draf dan laporan disalin.
    Kiriman yang salinan isinya hilang disebut satu per satu (keluar 1): arsip tidak pernah
    diam-diam tidak lengkap.

    Mengarsipkan lagi tidak pernah menimpa: versi berikutnya ditambahkan. Dengan --verify setiap
    versi diperiksa terhadap catatan basis data dan manifestnya; keluar 1 bila ada versi atau
    berkas yang berubah, hilang, atau tidak tercatat.

    Contoh: kinerja archive --triwulan 2 ; kinerja archive --verify
    """
    from kinerja_cli.services.archive import archive as do_archive
    from kinerja_cli.services.archive import verify as do_verify

    ws = open_workspace(workspace)
    if verify:
        periode = parse_triwulan(triwulan) if triwulan else None
        res = do_verify(ws, periode)
        for line in res.problems:
            print(line)
        for line in res.notes:
            print(f"Catatan: {line}")
        print(
            f"{len(res.checked)} versi arsip diperiksa: "
            f"{'utuh' if res.ok else f'{len(res.problems)} masalah'}."
        )
        raise typer.Exit(0 if res.ok else 1)
    periode = parse_triwulan(triwulan)
    out = do_archive(ws, periode)
    print(
        f"Arsip {periode.label} versi {out.version} dibuat di {rel(out.folder)} "
        f"({len(out.files)} berkas, hanya-baca, manifest MANIFEST.json)."
    )
    if out.hilang:
        print(f"Arsip TIDAK LENGKAP: {len(out.hilang)} kiriman tidak ikut diarsipkan:")
        for line in out.hilang:
            print(f"  {line}")
    raise typer.Exit(out.exit_code)


# Exit codes of each command, for the README's command table (generated, docs/contract.md §3).
EXIT_CODES = {
    "archive": "0 / 1 (arsip tidak lengkap, atau `--verify` menemukan perubahan) / 2",
}


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("archive")(archive)
