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
from kinerja_cli.errors import KinerjaError


@guarded
def archive(
    triwulan: str = TriwulanOpt,
    verify: bool = typer.Option(
        False,
        "--verify",
        help="Periksa ulang SHA-256 semua berkas arsip dan sebutkan yang berubah atau hilang.",
    ),
    buka: bool = typer.Option(
        False,
        "--buka",
        help="Buka kembali periode yang sudah diarsipkan (wajib dengan --alasan); arsip "
        "berikutnya menjadi versi baru yang mencatat alasannya.",
    ),
    alasan: str = typer.Option(
        None, "--alasan", metavar="TEKS", help="Alasan membuka kembali periode (dicatat)."
    ),
    workspace: Path = WorkspaceOpt,
) -> None:
    """Bekukan satu periode ke arsip/TAHUN/PERIODE/vN (hanya-baca, manifest SHA-256) dan tutup periodenya.

    PK, semua kiriman (diterima dan ditolak), catatan basis data, draf dan laporan disalin.
    Kiriman yang salinan isinya hilang disebut satu per satu (keluar 1): arsip tidak pernah
    diam-diam tidak lengkap. Setelah diarsipkan, berkas baru atau berubah untuk periode itu
    ditahan (tidak dipakai) dan koreksi draf ditolak sampai periode dibuka kembali dengan
    --buka --alasan.

    Mengarsipkan lagi tidak pernah menimpa: arsip berikutnya (hanya setelah periode dibuka
    kembali) menjadi versi baru (vN+1) yang mencatat alasan pembukaan dan SHA-256 manifest versi
    sebelumnya. Dengan --verify setiap versi diperiksa terhadap catatan basis data dan
    manifestnya; keluar 1 bila ada versi atau berkas yang berubah, hilang, atau tidak tercatat.

    Contoh: kinerja archive --triwulan 2
    Contoh: kinerja archive --triwulan 2 --buka --alasan "koreksi IK.05"
    Contoh: kinerja archive --verify
    """
    from kinerja_cli.services.archive import archive as do_archive
    from kinerja_cli.services.archive import reopen
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
    if buka or alasan:
        if not buka:
            raise KinerjaError("--alasan hanya dipakai bersama --buka")
        opened = reopen(ws, periode, alasan or "")
        print(
            f"{periode.label} dibuka kembali (arsip v{opened.versi} tetap tersimpan); alasan "
            f"dicatat: {opened.alasan}."
        )
        if opened.ditahan:
            print(
                f"{opened.ditahan} berkas yang ditahan akan diperiksa pada kinerja collect berikutnya."
            )
        return
    out = do_archive(ws, periode)
    ditutup = "periode belum ditutup" if out.hilang else "periode ditutup"
    print(
        f"Arsip {periode.label} versi {out.version} dibuat di {rel(out.folder)} "
        f"({len(out.files)} berkas, hanya-baca, manifest MANIFEST.json); {ditutup}."
    )
    if out.hilang:
        print(f"Arsip TIDAK LENGKAP: {len(out.hilang)} kiriman tidak ikut diarsipkan:")
        for line in out.hilang:
            print(f"  {line}")
        print("Periode tetap terbuka sampai arsip lengkap dibuat.")
    raise typer.Exit(out.exit_code)


# Exit codes of each command, for the README's command table (generated, docs/contract.md §3).
EXIT_CODES = {
    "archive": "0 / 1 (arsip tidak lengkap, atau `--verify` menemukan perubahan) / 2",
}


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("archive")(archive)
