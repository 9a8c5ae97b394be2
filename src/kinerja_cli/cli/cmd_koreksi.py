"""`kinerja koreksi` (SOP step 8: the Sekretaris corrects the draft)."""

from __future__ import annotations

from pathlib import Path

import typer

from kinerja_cli.cli.common import JsonOpt, WorkspaceOpt, guarded, open_workspace, print_json, rel


@guarded
def koreksi(
    draft: Path = typer.Argument(
        None,
        metavar="DRAF",
        dir_okay=False,
        help="Draf yang dikoreksi (bawaan: draf terbaru di hasil/). Boleh salinan di folder lain.",
    ),
    as_json: bool = JsonOpt,
    workspace: Path = WorkspaceOpt,
) -> None:
    """Baca koreksi Sekretaris pada draf dan pakai untuk compile, report dan arsip.

    Setiap sel draf dibandingkan dengan draf yang ditulis kinerja. Yang dibaca sebagai koreksi: Realisasi TW per indikator (lembar Pengukuran), Faktor Pendorong, Faktor Penghambat, Tindak Lanjut dan Bukti Dukung (lembar Permasalahan), dan Realisasi TW baris sub-kegiatan (lembar Anggaran). Setiap koreksi diperiksa seperti sel formulir (angka, negatif, jawaban Ada/Tidak, realisasi anggaran melebihi pagu). Perubahan target, pagu, kode atau teks indikator adalah kesalahan (nilai itu dari PK); perubahan nilai hitungan (s/d, capaian, predikat, serapan) hanya peringatan karena dihitung ulang. Bila ada satu kesalahan, tidak ada koreksi yang diterapkan. Setiap koreksi dicatat (nilai lama dan baru, pengguna, waktu, SHA-256 draf).

    Keluar 0 bila koreksi diterapkan atau tidak ada perubahan, 1 bila koreksi ditolak, 2 bila tidak dapat dijalankan.

    Contoh: kinerja koreksi hasil/Draf-Pengukuran-Kinerja-2025-TW2.xlsx
    """
    from kinerja_cli.services.koreksi import DITERAPKAN, DITOLAK, display
    from kinerja_cli.services.koreksi import koreksi as run

    ws = open_workspace(workspace)
    res = run(ws, draft)
    if as_json:
        print_json(res.to_json())
        raise typer.Exit(res.exit_code)
    print(f"Koreksi draf {rel(res.draft)} ({res.periode.label}):")
    for f in res.findings:
        print(f"  {f.line()}")
    if res.status == DITOLAK:
        print(
            "Koreksi DITOLAK: perbaiki sel yang disebut di atas pada draf, simpan, lalu "
            "jalankan kinerja koreksi lagi. Tidak ada nilai yang diubah."
        )
    elif res.status == DITERAPKAN:
        print(f"{len(res.koreksi)} koreksi diterapkan dan dicatat:")
        for c in res.koreksi:
            print(
                f"  {c.sheet}!{c.cell} {c.kode} {c.field}: {display(c, c.lama)} → "
                f"{display(c, c.baru)}"
            )
        opsi = "" if res.periode.tahunan else f" --triwulan {res.periode.triwulan}"
        print(
            f"Berikutnya: kinerja compile{opsi} (draf baru memuat koreksi), lalu kinerja "
            f"report{opsi}."
        )
    elif res.sudah:
        print(
            f"Semua koreksi pada draf ini ({res.sudah}) sudah diterapkan sebelumnya; tidak ada "
            "yang baru."
        )
    else:
        print("Tidak ada koreksi: realisasi, uraian dan anggaran sama dengan draf kinerja.")
    raise typer.Exit(res.exit_code)


# Exit codes of each command, for the README's command table (generated, docs/contract.md §3).
EXIT_CODES = {
    "koreksi": "0 diterapkan atau tanpa perubahan, 1 ditolak, 2 tidak dapat jalan",
}


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("koreksi")(koreksi)
