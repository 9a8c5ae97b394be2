"""Odd inbox entries (issue 14; docs/reliability.md C13).

Nothing in the inbox can block a run, make it read a huge file end to end, or make it read a
file outside the inbox; every entry is in the answer with a reason: a FIFO, a device, a
dangling link, a link loop, a link out of the inbox, a file too large to be a form.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from support import collectkit
from support.collectkit import Kit

kit = collectkit.kit
tw2_template = collectkit.tw2_template
posix = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and POSIX links")


def finishes(fn: Callable[[], Any], seconds: float) -> Any:
    """`fn()`'s result, or a failure when it does not return in time (the old code blocked
    forever in open() on a FIFO: the thread is abandoned, the test fails)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # surfaced below
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"did not finish in {seconds} s (blocked?)"
    if "error" in box:
        raise box["error"]
    return box["value"]


def _by_name(res: Any) -> dict[str, Any]:
    return {f.file: f for f in res.files}


def _codes(f: Any) -> list[str]:
    return [x.code for x in f.findings]


@posix
def test_every_odd_entry_is_listed_with_a_reason(kit: Kit, tmp_path: Path) -> None:
    """Today a FIFO, a dangling link and a link loop were silently absent from the answer."""
    kit.put(kit.filled("SEK"))
    masuk = kit.ws.masuk
    os.mkfifo(masuk / "pipa.xlsx")
    (masuk / "putus.xlsx").symlink_to(masuk / "tidak-ada.xlsx")
    (masuk / "berputar.xlsx").symlink_to(masuk / "berputar.xlsx")
    (masuk / "subfolder").mkdir()
    device = masuk / "perangkat"
    try:
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
    except (PermissionError, AttributeError, OSError):
        device = None
    res = finishes(kit.collect, 60)
    by = _by_name(res)
    assert by["pipa.xlsx"].status == "diabaikan" and _codes(by["pipa.xlsx"]) == [
        "entri-bukan-berkas"
    ]
    assert "FIFO" in by["pipa.xlsx"].findings[0].message
    assert by["putus.xlsx"].status == "ditolak"
    assert _codes(by["putus.xlsx"]) == ["tautan-tidak-diikuti"]
    assert "putus" in by["putus.xlsx"].findings[0].message
    assert "berputar" in by["berputar.xlsx"].findings[0].message
    if device is not None:
        assert "perangkat" in by["perangkat"].findings[0].message
    assert res.subfolder == ["subfolder"]
    assert by[kit.filled("SEK").name].status == "diterima"  # the others carry on
    assert len(res.files) == 4 + (device is not None)
    assert res.exit_code == 1  # two links to fix


@posix
def test_a_file_swapped_for_a_fifo_during_collect_never_blocks(
    kit: Kit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the listing and the open, BM.xlsx is replaced by a FIFO that nobody writes:
    today open() waited forever, holding the workspace lock."""
    import kinerja_cli.io.xlsx as xlsx

    kit.put_all(skip=("CK",))
    target = kit.put(kit.filled("CK"))
    real = xlsx.is_junk_name

    def swap(name: str) -> bool:  # called per entry, right before the entry is opened
        if name == target.name and target.is_file():
            target.unlink()
            os.mkfifo(target)
        return real(name)

    monkeypatch.setattr(xlsx, "is_junk_name", swap)
    res = finishes(kit.collect, 60)
    f = _by_name(res)[target.name]
    assert f.status == "diabaikan" and _codes(f) == ["entri-bukan-berkas"]
    assert sum(x.status == "diterima" for x in res.files) == len(kit.forms) - 1


@posix
def test_a_link_out_of_the_inbox_is_never_read_or_copied(kit: Kit, tmp_path: Path) -> None:
    """Today a symlink to a file outside the workspace was followed and its bytes copied
    into the store. A link to a file inside the inbox is fine."""
    import hashlib

    secret = tmp_path / "rahasia" / "gaji.xlsx"
    secret.parent.mkdir()
    secret.write_bytes(kit.filled("PR").read_bytes())  # a valid form, even
    sha = hashlib.sha256(secret.read_bytes()).hexdigest()
    (kit.ws.masuk / "PR.xlsx").symlink_to(secret)
    inside = kit.put(kit.filled("SEK"))
    (kit.ws.masuk / "SEK (tautan).xlsx").symlink_to(inside.name)
    res = kit.collect()
    by = _by_name(res)
    assert by["PR.xlsx"].status == "ditolak" and _codes(by["PR.xlsx"]) == ["tautan-tidak-diikuti"]
    assert "di luar folder masuk" in by["PR.xlsx"].findings[0].message
    assert by["PR.xlsx"].sha256 == ""
    assert not list(kit.ws.berkas.rglob(f"{sha}*"))
    assert {b.kode: b.status for b in res.bidang}["PR"] == "belum"
    assert by["SEK (tautan).xlsx"].status in ("diterima", "duplikat")
    assert {by["SEK (tautan).xlsx"].status, by[inside.name].status} == {"diterima", "duplikat"}


def test_a_huge_sparse_file_is_refused_by_its_size_without_reading(
    kit: Kit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today a sparse 1 TiB file was hashed end to end on every run (a 4 GiB one cost 8 s on
    every re-collect). Now it costs one fstat: refused as file-too-large, never read."""
    import kinerja_cli.services.collect as mod

    kit.put(kit.filled("SEK"))
    huge = kit.ws.masuk / "besar.xlsx"
    try:
        with open(huge, "wb") as fh:
            fh.truncate(1 << 40)
    except (OSError, OverflowError):
        pytest.skip("no 1 TiB sparse files on this file system")
    reads: list[int] = []
    real_read = os.read

    def counting(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        reads.append(len(data))
        return data

    monkeypatch.setattr(mod.os, "read", counting)
    t0 = time.perf_counter()
    res = finishes(kit.collect, 60)
    first = time.perf_counter() - t0
    f = _by_name(res)["besar.xlsx"]
    assert f.status == "ditolak" and _codes(f) == ["file-too-large"]
    assert "1048576,0 MB" in f.findings[0].message
    assert sum(reads) < 1 << 20  # the form only, never the huge file
    t0 = time.perf_counter()
    again = finishes(kit.collect, 60)
    assert time.perf_counter() - t0 < 5 and first < 30
    assert [x.status for x in again.files] == [x.status for x in res.files]


def test_read_never_blocks_and_refuses_by_descriptor(tmp_path: Path) -> None:
    """The one open of an inbox file: no blocking, no link followed, type and size from the
    opened descriptor before a byte is read."""
    from kinerja_cli.services.collect import MAX_READ, _read

    small = tmp_path / "a.xlsx"
    small.write_bytes(b"PK\x03\x04 kecil")
    st, data = _read(small)
    assert stat.S_ISREG(st.st_mode) and data == b"PK\x03\x04 kecil"
    big = tmp_path / "b.xlsx"
    with open(big, "wb") as fh:
        fh.truncate(MAX_READ + 1)
    assert _read(big)[1] is None
    if sys.platform != "win32":
        fifo = tmp_path / "p.xlsx"
        os.mkfifo(fifo)
        st, data = finishes(lambda: _read(fifo), 10)
        assert stat.S_ISFIFO(st.st_mode) and data is None
        link = tmp_path / "l.xlsx"
        link.symlink_to(small)
        with pytest.raises(OSError):
            _read(link)  # a link swapped in after the listing is refused, not followed
