"""`kinerja demo`: the whole cycle on the bundled example, step by step."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_cli.domain.periode import Periode
from kinerja_cli.errors import KinerjaError

DEMO_MARKER = ".kinerja-demo"


@dataclass
class DemoStep:
    """One SOP step the demo ran: what it did and where its output is."""

    langkah: str
    perintah: str
    keterangan: str
    berkas: list[Path] = field(default_factory=list)


@dataclass
class DemoResult:
    """Everything the demo did."""

    root: Path
    steps: list[DemoStep]


def prepare_demo_dir(folder: Path) -> Path:
    """An empty folder for the demo; an earlier demo there is replaced, anything else refused."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        if not (folder / DEMO_MARKER).exists():
            raise KinerjaError(
                f"{folder} sudah berisi berkas yang bukan hasil demo; pilih folder lain: kinerja demo FOLDER"
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DEMO_MARKER).write_text("folder ini dibuat oleh `kinerja demo` dan boleh dihapus\n")
    return folder


def run_demo(folder: Path) -> DemoResult:
    """Run every step that exists on the example PK."""
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.resources import example_pk
    from kinerja_cli.services.setup import init_forms, init_workspace, load_pk

    root = prepare_demo_dir(folder)
    steps: list[DemoStep] = []
    res = init_workspace(root, example_pk(), None)
    ws = find_workspace(root)
    steps.append(DemoStep("3", f"kinerja init {root.name} --pk {example_pk().name}",
                          "ruang kerja dengan PK contoh Dinas PUPRPERKIM Kabupaten Balangan",
                          [res.root / "kinerja.toml", res.pk]))
    _pk, findings = load_pk(ws)
    steps.append(DemoStep("3", "kinerja check-pk",
                          f"PK diperiksa: {len([f for f in findings if f.severity == 'error'])} kesalahan",
                          []))
    forms = init_forms(ws, Periode.parse(2), None, None)
    steps.append(DemoStep("4", "kinerja init-form --triwulan 2",
                          f"{len(forms.forms)} formulir Triwulan II, satu per bidang",
                          [f.path for f in forms.forms]))
    return DemoResult(root, steps)
