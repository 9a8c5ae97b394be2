"""Year-over-year: last year's realisation and capaian per indicator code (LKjIP Bab III A.2).

`kinerja init --dari PATH` links a workspace to last year's workspace or archive folder
(`[riwayat] tahun_lalu` in kinerja.toml). Compile and report then show last year's figures;
an unlinked year says so and never invents numbers.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from kinerja_cli.domain.periode import TAHUNAN
from kinerja_cli.domain.results import TahunLalu
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.config import CONFIG_NAME, load_settings
from kinerja_cli.io.workspace import Workspace


def linked_folder(ws: Workspace) -> Path | None:
    """Last year's folder from kinerja.toml, or None when the year is not linked."""
    raw = ws.settings.tahun_lalu.strip()
    if not raw:
        return None
    p = Path(raw)
    return p if p.is_absolute() else (ws.root / p)


def load_tahun_lalu(ws: Workspace) -> dict[str, TahunLalu] | None:
    """Last year's tahunan figures per indicator code; None when no previous year is linked."""
    folder = linked_folder(ws)
    if folder is None:
        return None
    if not (folder / CONFIG_NAME).is_file():
        raise KinerjaError(
            f"folder tahun lalu {folder} (riwayat.tahun_lalu di {CONFIG_NAME}) tidak ditemukan; "
            "perbaiki jalurnya atau kosongkan isian itu"
        )
    settings = load_settings(folder / CONFIG_NAME)
    if (folder / ".kinerja" / "kinerja.db").is_file():
        return _from(Workspace(folder.resolve(), settings))
    if (folder / "kinerja.db").is_file():
        # An archive is read-only: lay its files out as a temporary workspace and read that.
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / ".kinerja").mkdir()
            shutil.copyfile(folder / "kinerja.db", root / ".kinerja" / "kinerja.db")
            shutil.copyfile(folder / settings.pk, root / settings.pk)
            return _from(Workspace(root, settings))
    return {}


def _from(prev: Workspace) -> dict[str, TahunLalu]:
    from kinerja_cli.domain.kompilasi import kompilasi
    from kinerja_cli.io.pk import read_pk
    from kinerja_cli.store.db import Store

    res = read_pk(prev.pk, prev.settings.rumus_turun)
    if res.pk is None:
        return {}
    with Store.open(prev) as store:
        data = store.accepted(TAHUNAN)
        status = store.bidang_status(TAHUNAN)
    if not data:
        return {}
    k = kompilasi(res.pk, prev.settings, TAHUNAN, data, status, [], {})
    return {
        i.kode: TahunLalu(k.tahun, i.target_teks, i.realisasi, i.capaian)
        for i in k.indikator
        if i.realisasi is not None
    }
