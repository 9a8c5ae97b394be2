"""`kinerja demo`: the whole SOP on the bundled example."""

from __future__ import annotations

from pathlib import Path

import typer

from kinerja_cli.cli.common import guarded, rel


@guarded
def demo(
    folder: Path = typer.Argument(Path("demo-kinerja"), help="Folder demo (bawaan: demo-kinerja)."),
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


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("demo")(demo)
