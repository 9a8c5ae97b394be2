"""`kinerja revisi-pk` (PK Perubahan: a revised PK in force from a triwulan)."""

from __future__ import annotations

from pathlib import Path

import typer

from kinerja_cli.cli.common import JsonOpt, WorkspaceOpt, guarded, open_workspace, print_json, rel


@guarded
def revisi_pk(
    file: Path = typer.Argument(
        ...,
        metavar="BERKAS",
        dir_okay=False,
        help="PK hasil perubahan (.xlsx), boleh pk.xlsx yang sudah disunting.",
    ),
    triwulan: str = typer.Option(
        ...,
        "--triwulan",
        "-t",
        metavar="K",
        help="Triwulan pertama (1-4) yang diukur dengan target dan pagu baru.",
    ),
    alasan: str = typer.Option(
        ..., "--alasan", metavar="TEKS", help="Alasan revisi, dicatat (mis. APBD-Perubahan)."
    ),
    as_json: bool = JsonOpt,
    workspace: Path = WorkspaceOpt,
) -> None:
    """Catat PK Perubahan sebagai versi PK berikutnya, berlaku mulai triwulan K.

    BERKAS diperiksa seperti check-pk, lalu setiap perbedaan dari PK yang berlaku ditampilkan (target, target TW, pagu, rencana, indikator atau baris anggaran yang ditambah/dihapus, bidang). Triwulan sebelum K tetap diukur dengan PK lama (compile, report, arsip); triwulan K dan sesudahnya serta tahunan dengan PK baru. Setiap versi disimpan (salinan dan SHA-256) dan pk.xlsx menjadi versi baru. Kiriman tersimpan untuk periode yang terdampak diperiksa ulang oleh kinerja collect berikutnya. Ditolak bila triwulan K atau sesudahnya sudah diarsipkan dan ditutup (buka dulu).

    Contoh: kinerja revisi-pk PK-Perubahan-2025.xlsx --triwulan 3 --alasan "APBD-Perubahan 2025"
    """
    from kinerja_cli.cli.common import parse_triwulan
    from kinerja_cli.services.revisi import revisi_pk as run

    ws = open_workspace(workspace)
    periode = parse_triwulan(triwulan)
    if periode.tahunan:
        from kinerja_cli.errors import KinerjaError

        raise KinerjaError(
            "revisi-pk berlaku mulai suatu triwulan: isi --triwulan 1, 2, 3, atau 4 (bukan tahunan)."
        )
    res = run(ws, file, periode.triwulan, alasan)
    if as_json:
        print_json(res.to_json())
        return
    for f in res.findings:
        print(f.line())
    if res.versi is None:
        if res.changes:
            print(
                f"Tidak ada perubahan target, pagu, kode, teks, satuan atau arah dari PK versi "
                f"{res.sebelumnya}; tidak ada versi baru yang dicatat. Perubahan lain (nama "
                "pejabat, nama bidang, definisi) dipakai dari pk.xlsx:"
            )
            for c in res.changes:
                print(f"  {c.line()}")
        else:
            print(f"{res.file.name} sama dengan PK versi {res.sebelumnya}; tidak ada yang dicatat.")
        return
    print(
        f"PK versi {res.versi} dicatat, berlaku mulai {periode.label} "
        f"(alasan: {res.alasan}); {rel(ws.pk)} kini berisi versi ini."
    )
    print(f"Perbedaan dari PK versi {res.sebelumnya} ({len(res.changes)}):")
    for c in res.changes:
        print(f"  {c.line()}")
    if res.bidang_formulir_baru:
        print(
            f"Bidang yang perlu formulir baru untuk {periode.label} dan sesudahnya: "
            f"{', '.join(res.bidang_formulir_baru)} (kinerja init-form --triwulan "
            f"{periode.triwulan}); bidang lain tetap memakai formulirnya."
        )
    print(
        "Kiriman tersimpan untuk " + ", ".join(res.diperiksa_ulang) + " diperiksa ulang oleh "
        "kinerja collect berikutnya."
    )


# Exit codes of each command, for the README's command table (generated, docs/contract.md §3).
EXIT_CODES = {
    "revisi-pk": "0 / 1 (PK baru bermasalah) / 2 (ditolak, mis. periode sudah ditutup)",
}


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("revisi-pk")(revisi_pk)
