"""The life of a periode (docs/contract.md §12): archiving closes it, a file arriving then is
held, reopening needs a reason and is recorded, the next archive is vN+1 and names the reason
and the previous manifest's SHA-256; one inbox serves the year."""

from __future__ import annotations

import hashlib
import json

import pytest
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.domain.periode import Periode
from kinerja_cli.errors import KinerjaError
from kinerja_cli.services.archive import archive, reopen, verify
from kinerja_cli.services.compile import compile_draft
from kinerja_cli.store import lifecycle
from kinerja_cli.store.db import Store
from support.collectkit import T0, Kit

TW2 = Periode(2)
runner = CliRunner()


def _values(kit: Kit, kode: str) -> list:
    with Store.open(kit.ws) as store:
        return store.accepted(TW2)[kit.pk.indikator_of("BM")[0].bidang].realisasi[kode]


def test_archive_closes_a_periode_and_reopening_needs_a_reason(kit: Kit) -> None:
    kit.put_all()
    assert kit.collect().exit_code == 0
    kode = kit.pk.indikator_of("BM")[0].kode
    before = _values(kit, kode)
    v1 = archive(kit.ws, TW2, ["kinerja", "archive", "-t", "2"])
    assert v1.version == 1
    with Store.open(kit.ws) as store:
        assert lifecycle.closing(store, TW2) is not None

    # A corrected BM return after the archive: recorded, held, not used; exit 1.
    data = kit.data["BM"]
    changed = {k: list(v) for k, v in data.realisasi.items()}
    changed[kode][1] = changed[kode][1] + 1
    new = kit.refill(
        "BM",
        "BM-perbaikan.xlsx",
        T0 + 3600,
        data=type(data)(data.bidang, changed, data.narasi, data.anggaran),
    )
    res = kit.collect()
    held = next(f for f in res.files if f.file == new.name)
    assert held.status == "ditahan" and held.findings[0].code == "periode-ditutup"
    assert "--buka --alasan" in held.findings[0].message
    assert res.exit_code == 1 and held.umpan_balik is None
    assert _values(kit, kode) == before  # compile and report keep the recorded data
    assert compile_draft(kit.ws, TW2).kompilasi is not None  # compile still runs

    # Archiving again without reopening is refused; so is reopening without a reason.
    with pytest.raises(KinerjaError, match="buka"):
        archive(kit.ws, TW2, [])
    with pytest.raises(KinerjaError, match="alasan"):
        reopen(kit.ws, TW2, "  ")
    opened = reopen(kit.ws, TW2, "Koreksi realisasi Bina Marga")
    assert (opened.versi, opened.ditahan) == (1, 1) and "@" in opened.oleh
    with pytest.raises(KinerjaError, match="tidak sedang ditutup"):
        reopen(kit.ws, TW2, "lagi")

    # The next collect evaluates the held file: it now supersedes the archived version.
    res = kit.collect()
    now = next(f for f in res.files if f.file == new.name)
    assert now.status == "diterima" and now.menggantikan and res.exit_code == 0
    assert _values(kit, kode) == changed[kode]

    v2 = archive(kit.ws, TW2, ["kinerja", "archive", "-t", "2"])
    assert v2.version == 2
    m1 = v1.folder / "MANIFEST.json"
    manifest = json.loads((v2.folder / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["dibuka_kembali"]["alasan"] == "Koreksi realisasi Bina Marga"
    assert manifest["manifest_sebelumnya"]["versi"] == 1
    assert manifest["manifest_sebelumnya"]["sha256"] == hashlib.sha256(m1.read_bytes()).hexdigest()
    assert verify(kit.ws, TW2).ok
    with Store.open(kit.ws) as store:
        kinds = [e.kind for e in lifecycle.events(store, TW2)]
    assert kinds == ["tutup", "buka", "tutup"]


def test_tw4_and_tahunan_share_their_data(kit: Kit) -> None:
    with Store.open(kit.ws) as store:
        lifecycle.record_close(
            store, Periode(4, tahunan=True), 1, "arsip/x/MANIFEST.json", "0" * 64
        )
        assert lifecycle.data_closing(store, Periode(4)) is not None
        assert lifecycle.data_closing(store, TW2) is None
        assert set(lifecycle.closed_data(store)) == {"TW4"}


def test_cli_reopen_and_closed_archive(kit: Kit) -> None:
    kit.put_all()
    kit.collect()
    w = ["-w", str(kit.ws.root)]
    assert runner.invoke(app, ["archive", "-t", "2", *w]).exit_code == 0
    r = runner.invoke(app, ["archive", "-t", "2", *w])
    assert r.exit_code == 2 and "--buka --alasan" in r.stderr
    r = runner.invoke(app, ["archive", "-t", "2", "--buka", *w])
    assert r.exit_code == 2 and "alasan" in r.stderr
    r = runner.invoke(app, ["archive", "-t", "2", "--alasan", "x", *w])
    assert r.exit_code == 2
    r = runner.invoke(app, ["archive", "-t", "2", "--buka", "--alasan", "Perbaikan IK.05", *w])
    assert r.exit_code == 0 and "dibuka kembali" in r.stdout
    r = runner.invoke(app, ["archive", "-t", "2", *w])
    assert r.exit_code == 0 and "versi 2" in r.stdout


def test_one_inbox_for_the_year(kit: Kit, tmp_path) -> None:
    """A TW II inbox that also holds forms of another periode: each is filed under its own
    periode; with --triwulan the others are listed as periode-lain, with no feedback."""
    from kinerja_cli.services.setup import init_forms

    kit.put_all()
    tw3 = init_forms(kit.ws, Periode(3), ["SEK"], tmp_path / "tw3")
    from support.collectkit import fill_form
    from support.fakedata import example_data

    data = example_data(kit.pk, Periode(3))["SEK"]
    fill_form(tw3.forms[0].path, kit.ws.masuk / tw3.forms[0].path.name, data, mtime=T0)
    res = kit.collect(periode_wajib=TW2)
    lain = [f for f in res.files if f.status == "periode-lain"]
    assert [f.periode for f in lain] == ["TW3"]
    assert lain[0].findings == [] and lain[0].umpan_balik is None
    assert res.exit_code == 0 and res.periode == ["TW2"]
    # Without --triwulan every form counts for its own periode.
    res = kit.collect()
    assert {f.periode for f in res.files if f.status == "diterima"} == {"TW2", "TW3"}
    assert sorted(res.periode) == ["TW2", "TW3"]
    # ... and with --triwulan 3 the TW II forms are the other ones.
    res = kit.collect(periode_wajib=Periode(3))
    assert sum(f.status == "periode-lain" for f in res.files) == len(kit.forms)
    assert [b.status for b in res.bidang if b.kode == "SEK"] == ["diterima"]
