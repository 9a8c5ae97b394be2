"""Hardening (issue 7; docs/reliability.md C5, C6 and C7, E66-68).

Every output write is atomic: a save interrupted with Ctrl-C half-way, or failing on a full
disk, leaves the previous output byte-identical and no temp file behind; an output held open
by Excel names the file. The store survives an interrupted collect and a second collect at
the same time. Random input never crashes the rulebook or the form reader. collect's worker
processes give the serial answer when they are spawned (Windows).

Fuzzing that lives elsewhere and is not repeated here: the number parser
(tests/domain/test_numbers.py: any text, format/parse round trip), single capaian values
(tests/domain/test_capaian.py), the preflight guard on random bytes, byte flips and truncation
(tests/io/test_safe_open.py), and the form reader on byte flips, random byte-range XML edits
and random cell values written through openpyxl (tests/io/test_form_corpus.py).
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import multiprocessing
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io import atomic
from support import collectkit
from support.collectkit import TW2, Kit

pytestmark = pytest.mark.slow  # whole cycles / rendering / fuzzing: the full run only

kit = collectkit.kit  # the fixtures: a TW2 workspace with every bidang's form filled
tw2_template = collectkit.tw2_template
runner = CliRunner()
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)


def leftovers(folder: Path) -> list[Path]:
    """Temp files an interrupted write could leave behind."""
    return [
        p for p in folder.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".~kinerja-")
    ]


@pytest.fixture
def no_retry_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "_RETRY_SLEEP", 0)


def break_zip_writes(monkeypatch: pytest.MonkeyPatch, exc: BaseException, after: int = 3) -> None:
    """zipfile writes `after` members of the workbook, then raises `exc`: a save cut off
    half-way, with part of the file already on disk. Members come from memory (`writestr`,
    openpyxl) or from files (`write`, xlsxwriter)."""
    calls = [0]

    def broken(real: Any) -> Any:
        def member(self: zipfile.ZipFile, *args: Any, **kwargs: Any) -> None:
            calls[0] += 1
            if calls[0] > after:
                raise exc
            real(self, *args, **kwargs)

        return member

    monkeypatch.setattr(zipfile.ZipFile, "writestr", broken(zipfile.ZipFile.writestr))
    monkeypatch.setattr(zipfile.ZipFile, "write", broken(zipfile.ZipFile.write))


# ---- the atomic helper ------------------------------------------------------------------


def test_atomic_save_interrupted_mid_write_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "hasil" / "draf.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"draf lama yang baik")

    def save(tmp: Path) -> None:
        Path(tmp).write_bytes(b"PK\x03\x04 setengah")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic.atomic_save(target, save)
    assert target.read_bytes() == b"draf lama yang baik"
    assert leftovers(tmp_path) == []


def test_atomic_write_interrupted_before_the_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "laporan.html"
    target.write_text("lama")

    def fsync(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    with pytest.raises(KeyboardInterrupt):
        atomic.atomic_write_text(target, "baru")
    assert target.read_text() == "lama" and leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["write", "replace"])
def test_atomic_disk_full_names_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "hasil" / "draf.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"lama")
    full = OSError(errno.ENOSPC, "No space left on device")

    def save(tmp: Path) -> None:
        Path(tmp).write_bytes(b"sebagian")
        if where == "write":
            raise full

    if where == "replace":

        def replace(src: Any, dst: Any) -> None:
            raise full

        monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(KinerjaError) as exc:
        atomic.atomic_save(target, save)
    assert exc.value.exit_code == 2
    assert "Disk penuh" in str(exc.value) and str(target.parent) in str(exc.value)
    assert target.read_bytes() == b"lama" and leftovers(tmp_path) == []


def test_atomic_locked_output_names_the_file_after_retrying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_retry_sleep: None
) -> None:
    target = tmp_path / "Draf-Pengukuran-Kinerja-2025-TW2.xlsx"
    target.write_bytes(b"lama")
    (tmp_path / ("~$" + target.name)).write_bytes(b"\x05Staf")
    tries: list[str] = []

    def replace(src: Any, dst: Any) -> None:
        tries.append(str(dst))
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(KinerjaError) as exc:
        atomic.atomic_write_bytes(target, b"baru")
    assert len(tries) == atomic._RETRIES  # Windows sharing violations are often brief
    msg = str(exc.value)
    assert target.name in msg and "~$" in msg and "Tutup" in msg
    assert target.read_bytes() == b"lama" and leftovers(tmp_path) == []


def test_a_failing_temp_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No room even for the empty temp file (no free inodes, or a read-only folder)."""

    def mkstemp(**kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    with pytest.raises(KinerjaError, match="Disk penuh"):
        atomic.atomic_write_bytes(tmp_path / "x.txt", b"x")


# ---- outputs of the commands ------------------------------------------------------------


def seed(ws: Any) -> None:
    """Accepted TW2 submissions of every bidang in the store, as collect records them."""
    from kinerja_cli.services.setup import require_pk
    from kinerja_cli.store.db import DITERIMA, Store
    from support.fakedata import example_data

    with Store.open(ws) as store:
        for n, (kode, db) in enumerate(example_data(require_pk(ws), TW2).items()):
            store.record(
                sha=db.sha256,
                name=db.file,
                size=1000,
                mtime_ns=(1_751_800_000 + n) * 10**9,
                kind="xlsx",
                bidang=kode,
                periode=TW2,
                form_id=f"F-{kode}",
                status=DITERIMA,
                findings=[],
                data=db,
                producer="test",
            )
            store.resolve_versions(kode, TW2.data_kode)


@pytest.fixture
def compiled(workspace: Any) -> Iterator[tuple[Any, Path, bytes]]:
    """A workspace with a TW2 draft already written: (workspace, draft, its bytes)."""
    seed(workspace)
    r = runner.invoke(app, ["compile", "-w", str(workspace.root), "-t", "2"])
    assert r.exit_code == 0, r.output
    (draft,) = workspace.hasil.glob("Draf-*.xlsx")
    yield workspace, draft, draft.read_bytes()


def _inputs(ws: Any) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ws.pk, ws.config) if p.exists()
    }


def test_compile_interrupted_mid_save_exits_130_and_keeps_the_draft(
    compiled: tuple[Any, Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/reliability.md E66 for the draft: Ctrl-C while the workbook's zip is half written."""
    ws, draft, before = compiled
    break_zip_writes(monkeypatch, KeyboardInterrupt())
    r = runner.invoke(app, ["compile", "-w", str(ws.root), "-t", "2"])
    assert r.exit_code == 130, r.output
    assert "Dihentikan" in r.stderr
    assert draft.read_bytes() == before
    assert leftovers(ws.root) == []


def test_compile_on_a_full_disk_names_the_folder(
    compiled: tuple[Any, Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/reliability.md E67: disk-full -> one clear line (exit 2), previous draft intact."""
    ws, draft, before = compiled
    break_zip_writes(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    r = runner.invoke(app, ["compile", "-w", str(ws.root), "-t", "2"])
    assert r.exit_code == 2, r.output
    assert "Disk penuh" in r.stderr and str(ws.hasil) in r.stderr
    assert "Traceback" not in r.output + r.stderr
    assert draft.read_bytes() == before and leftovers(ws.root) == []


def test_draft_open_in_excel_names_the_file(
    compiled: tuple[Any, Path, bytes], monkeypatch: pytest.MonkeyPatch, no_retry_sleep: None
) -> None:
    """docs/reliability.md E68: `~$` owner file beside the draft and a PermissionError on replace."""
    ws, draft, before = compiled
    (draft.parent / ("~$" + draft.name)).write_bytes(b"\x05Staf Perencanaan")
    inputs, store_before = _inputs(ws), _submissions(ws)
    real = atomic.os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == draft:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    r = runner.invoke(app, ["compile", "-w", str(ws.root), "-t", "2"])
    assert r.exit_code == 2, r.output
    assert draft.name in r.stderr and "~$" in r.stderr and "Excel" in r.stderr
    assert draft.read_bytes() == before and leftovers(ws.root) == []
    assert _inputs(ws) == inputs and _submissions(ws) == store_before


def _submissions(ws: Any) -> list[Any]:
    with sqlite3.connect(ws.db) as conn:
        return conn.execute("SELECT * FROM submissions ORDER BY id").fetchall()


def test_report_interrupted_mid_write_keeps_the_previous_report(
    compiled: tuple[Any, Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, _draft, _ = compiled
    args = ["report", "-w", str(ws.root), "-t", "2", "--format", "html", "--tanggal", "2025-07-20"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    (report,) = ws.hasil.glob("*.html")
    before = report.read_bytes()
    real = Path.write_bytes

    def half(self: Path, data: Any) -> int:
        if self.parent == ws.hasil and self.name.endswith(".tmp"):
            real(self, bytes(data)[: len(data) // 2])
            raise KeyboardInterrupt
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", half)
    r = runner.invoke(app, args)
    assert r.exit_code == 130, r.output
    assert report.read_bytes() == before and leftovers(ws.root) == []


@pytest.mark.parametrize(
    "exc", [KeyboardInterrupt(), OSError(errno.ENOSPC, "disk full")], ids=["ctrl-c", "disk-full"]
)
def test_feedback_workbook_write_keeps_the_previous_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    from kinerja_cli.domain.findings import ERROR, Finding
    from kinerja_cli.io.form.feedback import write_feedback_workbook
    from support.form_corpus import filled

    target = tmp_path / "umpan-balik" / "BM-PERBAIKI.xlsx"
    found = [Finding("realisasi-bukan-angka", ERROR, "bukan angka", sheet="Kinerja", cell="J7")]
    write_feedback_workbook(filled(), found, target, original="BM.xlsx")
    before = target.read_bytes()
    break_zip_writes(monkeypatch, exc)
    with pytest.raises(KeyboardInterrupt if isinstance(exc, KeyboardInterrupt) else KinerjaError):
        write_feedback_workbook(filled(), found * 2, target, original="BM.xlsx")
    assert target.read_bytes() == before and leftovers(tmp_path) == []


# ---- the store under interruption and concurrency ----------------------------------------


def _answer(res: Any) -> dict[str, Any]:
    doc = res.to_json()
    doc.pop("masuk")
    for f in doc["files"]:
        f.pop("umpan_balik")
    return doc


def _versions(kit: Kit) -> None:
    """Every bidang's form, two of them sent again later with other budget realisations (so
    the versions must be chained)."""
    from kinerja_cli.domain.models import DataBidang
    from support.collectkit import T0

    kit.put_all()
    for n, bidang in enumerate(("BM", "SEK")):
        d = kit.data[bidang]
        new = DataBidang(
            d.bidang,
            {k: list(v) for k, v in d.realisasi.items()},
            dict(d.narasi),
            {k: list(v) for k, v in d.anggaran.items()},
        )
        leaf = next(iter(new.anggaran))
        new.anggaran[leaf][1] = Decimal(1000 * (n + 1))
        kit.refill(bidang, f"{bidang} perbaikan.xlsx", T0 + 3600 * (n + 1), data=new)


def _consistent(kit: Kit) -> None:
    with sqlite3.connect(kit.ws.db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # No half-recorded file: an accepted submission always has its values.
        bare = conn.execute(
            "SELECT COUNT(*) FROM submissions s WHERE s.status = 'diterima' AND NOT EXISTS "
            "(SELECT 1 FROM nilai n WHERE n.submission_id = s.id)"
        ).fetchone()[0]
        assert bare == 0


@pytest.mark.parametrize("where", ["record", "resolve_versions"])
def test_ctrl_c_while_recording_then_collect_gives_the_uninterrupted_answer(
    kit: Kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Interrupted after some batches were committed (record), or while the versions were
    being chained (resolve_versions): the next collect completes the work."""
    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.store.db import Store

    _versions(kit)
    twin = tmp_path / "kembar"
    shutil.copytree(kit.ws.root, twin)
    expected = _answer(
        Kit(find_workspace(twin), kit.pk, kit.data, kit.forms, kit.isi, kit.salah).collect()
    )
    assert sum(f["menggantikan"] is not None for f in expected["files"]) == 2
    real_batch, calls = Store.batch, [0]

    def small_batches(self: Store, size: int = 50) -> Any:
        return real_batch(self, 2)  # commit every 2 files: a real interruption finds some done

    def interrupted(self: Store, *args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == (5 if where == "record" else 2):
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    real = getattr(Store, where)
    monkeypatch.setattr(Store, "batch", small_batches)
    monkeypatch.setattr(Store, where, interrupted)
    with pytest.raises(KeyboardInterrupt):
        kit.collect()
    monkeypatch.undo()
    _consistent(kit)
    with Store.open(kit.ws) as store:
        done = len(store.submissions())
    assert 0 < done <= len(kit.forms) + 2  # some work survived, nothing half-written
    res = kit.collect()
    _consistent(kit)
    assert _answer(res) == expected


def test_second_collect_while_one_runs_is_refused_and_the_store_survives(kit: Kit) -> None:
    """Two `collect` at once (docs/reliability.md C6): a real collect in another process, paused
    while reading a file with its write transaction open; the second names the holder."""
    kit.put_all()
    code = textwrap.dedent(f"""
        import sys
        from kinerja_cli.io.workspace import find_workspace
        from kinerja_cli.services.collect import collect
        from kinerja_cli.io.form.reader import read_form

        def slow(data, name, pk, *, periode_wajib=None):
            if slow.first:
                slow.first = False
                print("membaca", flush=True)
                sys.stdin.readline()
            return read_form(data, name, pk, periode_wajib=periode_wajib)

        slow.first = True
        res = collect(find_workspace({str(kit.ws.root)!r}), jobs=1, reader=slow)
        print("selesai", res.exit_code, flush=True)
    """)
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "membaca", child.stderr
        r = runner.invoke(app, ["collect", "-w", str(kit.ws.root), "--json"])
        assert r.exit_code == 2, r.output
        assert f"pid {child.pid}" in r.stderr and "sedang dipakai" in r.stderr
        assert r.stdout == ""  # no half answer on stdout
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().split() == ["selesai", "0"]
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
    _consistent(kit)
    res = kit.collect()
    assert res.exit_code == 0 and res.dibaca == 0
    assert {f.status for f in res.files} == {"diterima"}


# ---- spawned worker processes (Windows) --------------------------------------------------


def test_spawned_workers_give_the_serial_answer(
    kit: Kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """collect's pool uses the spawn start method everywhere, and its worker path (the PK
    and the reader sent to a fresh interpreter, bytes in, FormRead out) reads every file as
    the serial path does."""
    import concurrent.futures

    from kinerja_cli.io.workspace import find_workspace
    from kinerja_cli.services import collect as mod

    kit.put_all(skip=("SDA", "CK", "PRKP", "PTR"))
    kit.put(kit.bm_salah(), "BM salah.xlsx")
    twin = tmp_path / "kembar"
    shutil.copytree(kit.ws.root, twin)
    methods: list[str] = []
    real_pool = concurrent.futures.ProcessPoolExecutor

    def pool(*args: Any, **kwargs: Any) -> Any:
        methods.append(kwargs["mp_context"].get_start_method())
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(mod, "ProcessPoolExecutor", pool)
    pooled = mod.collect(find_workspace(twin), jobs=2)
    serial = kit.collect(jobs=1)
    assert methods == ["spawn"]
    n_files = len(list(kit.ws.masuk.glob("*.xlsx")))
    assert _answer(pooled) == _answer(serial) and pooled.dibaca == serial.dibaca == n_files

    # The worker functions themselves, under an explicit spawn context.
    files = sorted(kit.ws.masuk.glob("*.xlsx"))
    ctx = multiprocessing.get_context("spawn")
    with real_pool(2, mp_context=ctx, initializer=mod._init_worker, initargs=(kit.pk, None)) as ex:
        remote = list(
            ex.map(mod._read_in_worker, [p.read_bytes() for p in files], [p.name for p in files])
        )
    for p, got in zip(files, remote, strict=True):
        want = mod.read_one(p.read_bytes(), p.name, kit.pk)
        assert (got.bidang, got.periode, got.ok, got.data, got.findings) == (
            want.bidang,
            want.periode,
            want.ok,
            want.data,
            want.findings,
        ), p.name


# ---- fuzzing ---------------------------------------------------------------------------

_DEC = st.one_of(
    st.decimals(min_value=0, max_value=10**6, places=2),
    st.decimals(min_value=0, max_value=Decimal("1e15"), allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal(0), Decimal("1e-20"), Decimal("1e+20"), Decimal("0.000001")]),
)


@st.composite
def _indikator_dan_nilai(draw: Any) -> tuple[Any, list[Any], int, bool]:
    from kinerja_cli.domain.models import Arah, Indikator, Rentang, Rumus, Sifat

    arah = draw(st.sampled_from(list(Arah)))
    if arah == Arah.BINER:
        target_of: Any = st.booleans()
        value: Any = st.booleans()
    elif arah == Arah.RENTANG:
        target_of = st.tuples(_DEC, _DEC).map(lambda ab: Rentang(min(ab), max(ab)))
        value = _DEC
    else:
        target_of = _DEC
        value = _DEC
    tw = tuple(draw(st.lists(st.none() | target_of, min_size=4, max_size=4)))
    ind = Indikator(
        kode="IK.01",
        sasaran="S1",
        nama="uji",
        satuan=draw(st.sampled_from(["%", "unit"])),
        arah=arah,
        sifat=draw(st.sampled_from(list(Sifat))),
        rumus=draw(st.sampled_from(list(Rumus))),
        target=draw(target_of),
        target_teks="",
        target_tw=tw,
        target_tw_teks=("", "", "", ""),
        bidang="BM",
    )  # type: ignore[arg-type]
    k = draw(st.integers(1, 4))
    nilai = draw(st.lists(st.none() | value, min_size=0, max_size=4))
    return ind, nilai, k, draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(_indikator_dan_nilai())
def test_rulebook_never_raises_and_never_goes_negative(
    case: tuple[Any, list[Any], int, bool],
) -> None:
    """Any Arah x Sifat x Rumus, any target the PK reader can produce (0, tiny, huge, ranges
    including a-a, yes/no), blanks anywhere, any quarter: a capaian or None, never < 0."""
    from kinerja_cli.domain.capaian import SKALA_DEFAULT, capaian_indikator

    ind, nilai, k, tahunan = case
    hasil = capaian_indikator(ind, nilai, k, tahunan)
    for c in (hasil.capaian, hasil.capaian_triwulan, hasil.periode_capaian):
        assert c is None or (c.is_finite() and c >= 0)
    assert hasil.predikat is None or hasil.predikat in SKALA_DEFAULT.urutan


@settings(
    max_examples=15, deadline=None, phases=NO_SHRINK, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.data())
def test_compilation_of_random_returns_never_raises(data: Any) -> None:
    """The whole rulebook over the example PK with random accepted values per bidang:
    blanks, zeros, huge numbers; sasaran and dinas capaian are never negative."""
    from kinerja_cli.domain.kompilasi import kompilasi
    from kinerja_cli.domain.models import Arah, DataBidang
    from kinerja_cli.domain.periode import Periode
    from kinerja_cli.domain.settings import Settings
    from support.form_corpus import example_pk

    pk = example_pk()
    per = data.draw(st.sampled_from([Periode(1), TW2, Periode(4), Periode.parse(None)]))
    accepted: dict[str, DataBidang] = {}
    for b in pk.bidang_with_rows():
        if data.draw(st.booleans()):
            continue
        db = DataBidang(b.kode)
        for ind in pk.indikator_of(b.kode):
            value = st.booleans() if ind.arah == Arah.BINER else _DEC
            db.realisasi[ind.kode] = data.draw(
                st.lists(st.none() | value, min_size=per.triwulan, max_size=per.triwulan)
            )
        for a in pk.anggaran_of(b.kode):
            if not pk.is_parent(a.kode):
                db.anggaran[a.kode] = data.draw(
                    st.lists(st.none() | _DEC, min_size=per.triwulan, max_size=per.triwulan)
                )
        accepted[b.kode] = db
    k = kompilasi(
        pk,
        Settings(),
        per,
        accepted,
        dict.fromkeys(accepted, "diterima"),
        [],
        {"pk.xlsx": pk.sha256},
    )
    for c in [k.dinas_capaian, *(s.capaian for s in k.sasaran), *(i.capaian for i in k.indikator)]:
        assert c is None or c >= 0


_CELL = re.compile(rb'<c r="[A-Z]+[0-9]+"[^>]*?(?:/>|>.*?</c>)', re.S)
_ROW = re.compile(rb"<row [^>]*?(?:/>|>.*?</row>)", re.S)
_RAW_VALUES = [
    b"<v>1e309</v>",
    b"<v>-1e309</v>",
    b"<v>NaN</v>",
    b"<v>inf</v>",
    b"<v>1E+300</v>",
    b"<v>123456789012345678901234567890</v>",
    b"<v></v>",
    b"<v>0x1F</v>",
    b"<v>1,5</v>",
    b't="s"><v>99999</v>',
    b't="s"><v>-1</v>',
    b't="e"><v>#REF!</v>',
    b't="b"><v>2</v>',
    b't="d"><v>2025-13-45</v>',
    b't="str"><v>=1+2</v>',
    b't="inlineStr"><is><t>\xe2\x80\xae\xef\xbf\xbe</t></is>',
    b"><f>SUM(A1:A1048576)</f><v>3</v>",
    b"><f>[1]Sheet1!A1</f>",
    b't="inlineStr"><is><t>' + "数字٣٫٥𝟗".encode() + b"</t></is>",
]


@settings(
    max_examples=100, deadline=None, phases=NO_SHRINK, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    seed=st.integers(0, 2**32),
    op=st.sampled_from(
        [
            "cut-cell",
            "dup-cell",
            "drop-cell",
            "garble-cell",
            "raw-value",
            "dup-row",
            "cut-row",
            "swap-rows",
        ]
    ),
    raw=st.sampled_from(_RAW_VALUES),
)
def test_form_reader_on_broken_sheet_elements_returns_findings(
    seed: int, op: str, raw: bytes
) -> None:
    """Whole-element damage to the Kinerja sheet XML, and raw cell values no spreadsheet
    program writes (numbers beyond float, bad shared-string indexes, odd types, formulas):
    read_form returns a FormRead with catalogued findings and never raises."""
    from kinerja_cli.domain.rules import RULES
    from kinerja_cli.io.form.reader import FormRead
    from support.corpus import read_member, rewrite_zip
    from support.form_corpus import KINERJA_XML, filled, read

    xml = read_member(filled(), KINERJA_XML)
    rng = random.Random(seed)
    pattern = _ROW if op.endswith("row") or op == "swap-rows" else _CELL
    found = list(pattern.finditer(xml))
    m = found[rng.randrange(len(found))]
    a, b = m.span()
    el = m.group()
    if op in ("cut-cell", "cut-row"):
        xml = xml[:a] + el[: rng.randrange(1, len(el))] + xml[b:]
    elif op in ("dup-cell", "dup-row"):
        xml = xml[:b] + el + xml[b:]
    elif op == "drop-cell":
        xml = xml[:a] + xml[b:]
    elif op == "garble-cell":
        junk = bytes(rng.choice(b'<>/="&;#x0az ') for _ in range(rng.randrange(1, 12)))
        cut = rng.randrange(len(el))
        xml = xml[:a] + el[:cut] + junk + el[cut:] + xml[b:]
    elif op == "raw-value":
        head = re.match(rb'<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?', el)
        assert head is not None
        glue = b" " if raw.startswith(b"t=") else (b"" if raw.startswith(b">") else b">")
        xml = xml[:a] + head.group() + glue + raw + b"</c>" + xml[b:]
    else:  # swap-rows: rows out of order
        other = found[rng.randrange(len(found))]
        if other.start() > b:
            xml = xml[:a] + other.group() + xml[b : other.start()] + el + xml[other.end() :]
    res = read(rewrite_zip(filled(), KINERJA_XML, xml))
    assert isinstance(res, FormRead)
    assert {f.code for f in res.findings} <= set(RULES)


def test_pk_cache_round_trip_and_invalidation(workspace: Any) -> None:
    """The parsed-PK cache (`.kinerja/pk-cache.json`) gives back the PK read from the file,
    and a changed PK, setting or damaged cache means the PK is read again."""
    from kinerja_cli.domain.models import Rumus
    from kinerja_cli.io.pk.cache import CACHE_NAME, read_pk_cached
    from kinerja_cli.io.pk.reader import read_pk

    cache = workspace.internal / CACHE_NAME
    direct = read_pk(workspace.pk)
    first = read_pk_cached(workspace.pk, cache)
    assert cache.exists() and first == (direct.pk, direct.findings)
    assert read_pk_cached(workspace.pk, cache) == first  # from the cache
    assert json.loads(cache.read_text())["key"]["sha256"] == direct.pk.sha256  # type: ignore[union-attr]
    other = read_pk_cached(workspace.pk, cache, Rumus.T_PER_R)
    assert other == (read_pk(workspace.pk, Rumus.T_PER_R).pk, direct.findings)
    cache.write_text('{"key": 1')
    assert read_pk_cached(workspace.pk, cache) == first
    doc = json.loads(cache.read_text())
    doc["pk"]["indikator"] = doc["pk"]["indikator"][:1]  # an edited cache for another file
    doc["key"]["sha256"] = "0" * 64
    cache.write_text(json.dumps(doc))
    assert read_pk_cached(workspace.pk, cache) == first


def test_pk_outline_from_the_cache(workspace: Any) -> None:
    """collect on an unchanged inbox needs only the PK's bidang: they come from the cache
    without building the indicators, with require_pk's checks; no cache, the PK is read."""
    from kinerja_cli.domain.models import Rumus
    from kinerja_cli.io.pk.cache import CACHE_NAME, PKOutline, read_pk_cached, read_pk_outline
    from kinerja_cli.io.workspace import Workspace
    from kinerja_cli.services.setup import require_pk, require_pk_outline

    cache = workspace.internal / CACHE_NAME
    assert read_pk_outline(workspace.pk, cache) is None  # no cache yet
    pk = require_pk(workspace)  # writes the cache
    got = read_pk_outline(workspace.pk, cache)
    assert got is not None
    outline, findings = got
    assert (
        outline.bidang_with_rows() == pk.bidang_with_rows() and outline.tahun == pk.identitas.tahun
    )
    assert findings == read_pk_cached(workspace.pk, cache)[1]
    assert isinstance(require_pk_outline(workspace), PKOutline)
    assert read_pk_outline(workspace.pk, cache, Rumus.T_PER_R) is None  # another key
    # Another year in the settings: the same refusal as require_pk.
    other_year = Workspace(
        workspace.root, dataclasses.replace(workspace.settings, tahun=pk.identitas.tahun + 1)
    )
    with pytest.raises(KinerjaError, match="Tahun PK") as a:
        require_pk(other_year)
    with pytest.raises(KinerjaError, match="Tahun PK") as b:
        require_pk_outline(other_year)
    assert str(a.value) == str(b.value)


def test_pk_with_more_rows_than_the_old_limit_is_read_whole(tmp_path: Path) -> None:
    """A regency PK (200 bidang x 50 indicators) was cut at 5,000 rows without a word."""
    from openpyxl import load_workbook

    from kinerja_cli.io.pk.reader import read_pk
    from support.paths import EXAMPLE_PK

    wb = load_workbook(EXAMPLE_PK)
    ws = next(w for w in wb.worksheets if w.title.casefold() == "indikator")
    header = next(
        r
        for r in range(1, 30)
        if any(str(c.value).strip().casefold() == "kode" for c in ws[r] if c.value is not None)
    )
    first = [c.value for c in ws[header + 1]]
    kcol = next(i for i, c in enumerate(ws[header]) if str(c.value).strip().casefold() == "kode")
    for n in range(5200):
        row = list(first)
        row[kcol] = f"IK.X{n:05d}"
        ws.append(row)
    big = tmp_path / "pk-besar.xlsx"
    wb.save(big)
    res = read_pk(big)
    assert res.pk is not None
    assert sum(1 for i in res.pk.indikator if i.kode.startswith("IK.X")) == 5200


def test_rows_beyond_the_limit_stop_the_pk_read_instead_of_vanishing() -> None:
    from openpyxl import Workbook

    from kinerja_cli.io.xlsx.table import locate, rows

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Kode", "Nama"])
    for n in range(6):
        ws.append([f"K{n}", "x"])
    for r in range(8, 2000):  # styled empty rows far below (Excel's "used range")
        ws.cell(r, 1).number_format = "0.00"
    table = locate(ws, ["Kode", "Nama"])
    assert table is not None
    assert [r for r, _ in rows(ws, table, limit=6)] == [2, 3, 4, 5, 6, 7]
    with pytest.raises(KinerjaError, match="lebih dari 5 baris"):
        list(rows(ws, table, limit=5))
