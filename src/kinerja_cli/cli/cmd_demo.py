"""`kinerja demo`: the whole SOP on the bundled example."""

from __future__ import annotations

from pathlib import Path

import typer

from kinerja_cli.cli.common import guarded, rel

TUR = """
Tur singkat ({root}/):
  formulir/            formulir kosong per bidang (langkah 4); buka satu: hanya sel kuning yang bisa diisi.
  masuk/               berkas kembalian bidang (simulasi), termasuk satu yang salah dan perbaikannya;
                       kinerja tidak pernah mengubah folder ini.
  hasil/umpan-balik/   salinan formulir yang ditolak, sel bermasalah diberi warna dan komentar (langkah 5, 8).
  hasil/Draf-*.xlsx    draf pengukuran dinas untuk dikoreksi Sekretaris: lembar Pengukuran dan
                       Evaluasi Renja (langkah 6-8).
  hasil/Reviu-*        bahan rapat evaluasi triwulan (langkah 11): HTML untuk ditayangkan, DOCX untuk disunting.
  hasil/Laporan-*      Pengukuran Kinerja tahunan dengan blok tanda tangan Kepala Dinas (langkah 9).
  arsip/2025/          arsip hanya-baca dengan MANIFEST.json (langkah 10); periksa: kinerja archive --verify
  bukti/               berkas bukti dukung yang disebut bidang di kolom Bukti Dukung; ikut diarsipkan.
  riwayat/             dua tahun sebelumnya (2023 sebagai arsip, 2024 sebagai ruang kerja) yang
                       ditautkan: laporan tahunan menampilkan tren tiga tahun.
Ulangi pada PK sendiri: kinerja init FOLDER --pk PK.xlsx (lihat README)."""


@guarded
def demo(
    folder: Path = typer.Argument(
        Path("demo-kinerja"),
        metavar="FOLDER",
        show_default=False,
        help="Folder demo (bawaan: demo-kinerja).",
    ),
) -> None:
    """Jalankan seluruh siklus pada contoh PK Dinas PUPRPERKIM Kabupaten Balangan.

    Demo sebelumnya di folder yang sama diganti; folder lain yang berisi berkas tidak disentuh.

    Contoh: kinerja demo
    """
    from kinerja_cli.services.demo import run_demo

    res = run_demo(folder)
    print(f"Demo selesai di {rel(res.root)}\n")
    for s in res.steps:
        print(f"Langkah SOP {s.langkah}: {s.perintah}")
        print(f"  {s.keterangan}")
        for p in s.berkas[:12]:
            print(f"    {rel(p)}")
        if len(s.berkas) > 12:
            print(f"    ... dan {len(s.berkas) - 12} berkas lagi")
    print(TUR.format(root=rel(res.root)))


# Exit codes of each command, for the README's command table (generated, docs/contract.md §3).
EXIT_CODES = {
    "demo": "0",
}


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("demo")(demo)
