"""Names are user data (issue 14; docs/reliability.md C9).

A file name that is not valid UTF-8, holds control characters or is 250 bytes long is stored
losslessly (display form + escaped form), shown safely (console, JSON, feedback, the draft),
and never stops the other files; every path kinerja derives from a name (feedback files,
archive copies) is valid, bounded and distinct.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kinerja_cli.cli.app import app
from kinerja_cli.domain.names import (
    REPLACEMENT,
    display_name,
    distinct_stem,
    escaped_name,
    path_component,
)
from kinerja_cli.io.form.feedback import feedback_name
from support import collectkit
from support.collectkit import TW2, Kit

kit = collectkit.kit
tw2_template = collectkit.tw2_template
runner = CliRunner()
POSIX_BYTES = sys.platform != "win32" and os.supports_bytes_environ  # names need not be UTF-8

# A name as Linux lists it when its bytes are not UTF-8 (surrogate-escaped), with a bell.
BAD_UTF8 = os.fsdecode(b"CK \xff\xfe laporan\x07.xlsx") if POSIX_BYTES else "CK \x07.xlsx"
CONTROL = "SDA\x01\x1b[31m\u202etab\t.xlsx"
LONG = "PR " + "sangat-panjang-" * 15 + "x" + "é" * 8 + ".xlsx"  # 250 bytes in UTF-8
_XML_ILLEGAL = {chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))}
_WINDOWS_REFUSES = set('<>:"/\\|?*') | {chr(c) for c in range(0x20)}
_DEVICES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}


# ---- the pure helpers (fast) ---------------------------------------------------------------


def test_display_and_escaped_forms() -> None:
    raw = os.fsdecode(b"BM\xff\x07\n\xe2\x80\xae.xlsx") if POSIX_BYTES else "BM\x07\n\u202e.xlsx"
    shown = display_name(raw)
    assert shown.isprintable() and REPLACEMENT in shown and shown.endswith(".xlsx")
    assert shown.encode("utf-8")  # never a lone surrogate
    esc = escaped_name(raw)
    assert esc.isprintable() and "\\x07" in esc and "\\x0a" in esc and "\\u202e" in esc
    if POSIX_BYTES:
        assert "\\xff" in esc
    assert display_name("Laporan Bina Marga (1).xlsx") == "Laporan Bina Marga (1).xlsx"
    assert escaped_name("a\\b") == "a\\\\b"


names = st.lists(
    st.one_of(
        st.characters(exclude_characters="/\x00"),
        st.sampled_from(["\udcff", "\udc80", "\x07", "\u202e", "~", ".", " ", "\\", "é"]),
    ),
    min_size=1,
    max_size=120,
).map("".join)
MAX_DERIVED = 120  # bytes: an 80-byte stem, the hash and the suffix


@settings(max_examples=150, deadline=None)
@given(st.lists(names, min_size=2, max_size=2, unique=True))
def test_derived_names_are_distinct_valid_and_bounded(pair: list[str]) -> None:
    """Different inbox names never share a feedback file, and every derived name is one that
    Windows, macOS and Linux all accept, at most 120 bytes."""
    a, b = (escaped_name(n) for n in pair)
    assert a != b  # the escaped form is lossless
    fa, fb = feedback_name(a, ".xlsx"), feedback_name(b, ".xlsx")
    assert fa != fb
    for derived in (fa, fb, path_component(pair[0]), distinct_stem(a)):
        assert not (set(derived) & _WINDOWS_REFUSES), derived
        assert derived == derived.strip(" ") and not derived.endswith(".")
        assert derived.split(".", 1)[0].upper() not in _DEVICES
        assert 0 < len(derived.encode("utf-8")) <= MAX_DERIVED
        assert not (set(derived) & (_XML_ILLEGAL | {"\u2028", "\u2029", "\u202e"}))
        assert derived.encode("utf-8")  # no lone surrogate


def test_feedback_names_stay_readable() -> None:
    assert feedback_name("2025-TW2-BM-Bina-Marga.xlsx", ".xlsx") == (
        "2025-TW2-BM-Bina-Marga-PERBAIKI.xlsx"
    )
    assert feedback_name("SEK.xlsx", ".xlsx") != feedback_name("SEK.xlsm", ".xlsx")
    assert feedback_name("SEK.xlsm", ".xlsx") == "SEK~xlsm-PERBAIKI.xlsx"
    assert feedback_name("SEK~xlsm.xlsx", ".xlsx") != "SEK~xlsm-PERBAIKI.xlsx"
    assert feedback_name("CON.xlsx", ".txt").upper().split(".")[0] not in _DEVICES
    assert len(feedback_name(LONG, ".xlsx").encode()) <= MAX_DERIVED


def test_archive_copy_names_are_bounded_and_distinct() -> None:
    from kinerja_cli.services.archive import _copy_name

    taken: set[str] = set()
    a = "ab12cd34" + "0" * 56
    b = "ab12cd34" + "1" * 56  # the same first 8 digits
    names = [
        _copy_name(LONG, "-digantikan", a, taken),
        _copy_name(LONG, "-digantikan", b, taken),
        _copy_name(BAD_UTF8, "", a, taken),
        _copy_name("CON.xlsx", "", b, taken),
    ]
    assert len({n.casefold() for n in names}) == 4
    for n in names:
        assert 0 < len(n.encode()) <= MAX_DERIVED and not (set(n) & _WINDOWS_REFUSES)
        assert n.split(".", 1)[0].split("-", 1)[0].upper() not in _DEVICES


def test_pre_v4_names_with_control_characters_are_fixed_on_migration(workspace: Any) -> None:
    """A database written before schema v4 may hold a name with a control character: the
    migration shows it safely and keeps the lossless form."""
    from kinerja_cli.store import schema
    from kinerja_cli.store.db import Store

    workspace.internal.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(workspace.db, isolation_level=None)
    schema.migrate(conn, upto=3)
    conn.execute("INSERT INTO files VALUES ('ab', 'BM\x07.xlsx', 3, 0, '2025-07-01T09:00', 'xlsx')")
    conn.execute("INSERT INTO sightings VALUES ('ab', 'BM\x07.xlsx', 0, '2025-07-01T09:00')")
    conn.execute(
        "INSERT INTO submissions (sha256, name, bidang, periode, data_periode, status, "
        "received, received_ns, first_seen) VALUES ('ab', 'BM\x07.xlsx', 'BM', 'TW2', 'TW2', "
        "'ditolak', '2025-07-01T09:00:00', 0, '2025-07-01T09:00:00')"
    )
    conn.close()
    with Store.open(workspace) as store:
        sub = store.known("ab")
        assert sub is not None and sub.name == f"BM{REPLACEMENT}.xlsx"
        assert sub.raw_name == "BM\\x07.xlsx"
        assert store.names("ab") == [f"BM{REPLACEMENT}.xlsx"]


# ---- whole runs ------------------------------------------------------------------------------


def _put(kit: Kit, bidang: str, name: str) -> Path:
    dest = kit.ws.masuk / name
    dest.write_bytes(kit.filled(bidang).read_bytes())
    os.utime(dest, (collectkit.T0, collectkit.T0))
    return dest


@pytest.mark.slow
def test_bad_names_never_stop_the_others_and_are_stored_losslessly(kit: Kit) -> None:
    """Today: a name that is not UTF-8 made collect exit 2 ('surrogates not allowed') and
    stored nothing, on every run. Now every file is stored; the JSON and the console are safe."""
    kit.put_all(skip=("CK", "SDA", "PR"))
    _put(kit, "CK", BAD_UTF8)
    _put(kit, "SDA", CONTROL)
    _put(kit, "PR", LONG)
    r = runner.invoke(app, ["collect", "-w", str(kit.ws.root), "--json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert {b["kode"]: b["status"] for b in doc["bidang"]} == dict.fromkeys(kit.forms, "diterima")
    by_bidang = {f["bidang"]: f for f in doc["files"]}
    for bidang, raw in (("CK", BAD_UTF8), ("SDA", CONTROL), ("PR", LONG)):
        f = by_bidang[bidang]
        assert f["file"] == display_name(raw) and f["file"].isprintable()
        assert f["file_asli"] == (escaped_name(raw) if display_name(raw) != raw else None)
    with sqlite3.connect(kit.ws.db) as conn:
        rows = dict(conn.execute("SELECT bidang, raw_name FROM submissions").fetchall())
    assert rows["CK"] == escaped_name(BAD_UTF8) and rows["SDA"] == escaped_name(CONTROL)
    # The console table as well, and a re-run says the same.
    table = runner.invoke(app, ["collect", "-w", str(kit.ws.root)])
    assert table.exit_code == 0 and "Galat" not in table.output
    again = runner.invoke(app, ["collect", "-w", str(kit.ws.root), "--json"])
    assert json.loads(again.stdout) == doc


@pytest.mark.slow
def test_control_characters_in_a_name_never_break_compile_or_report(kit: Kit) -> None:
    """Today: a control character in an accepted file's name made every later compile fail
    (openpyxl IllegalCharacterError on the Catatan and Per Bidang sheets)."""
    from openpyxl import load_workbook

    kit.put_all(skip=("SDA", "BM"))
    _put(kit, "SDA", CONTROL)
    bad = kit.bm_salah()
    dest = kit.ws.masuk / "BM\x0b\x1f salah.xlsx"
    dest.write_bytes(bad.read_bytes())
    assert runner.invoke(app, ["collect", "-w", str(kit.ws.root)]).exit_code == 1
    r = runner.invoke(app, ["compile", "-w", str(kit.ws.root), "-t", "2"])
    assert r.exit_code == 0, r.output
    (draft,) = kit.ws.hasil.glob("Draf-*.xlsx")
    wb = load_workbook(draft)
    texts = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert any(display_name(CONTROL) in t for t in texts)  # Per Bidang / Catatan name the file
    assert any(display_name(dest.name) in t for t in texts)  # the open finding's location
    r = runner.invoke(app, ["report", "-w", str(kit.ws.root), "-t", "2", "-f", "html,xlsx"])
    assert r.exit_code == 0, r.output
    fb = kit.ws.umpan_balik
    assert [p.name for p in fb.iterdir()] == [feedback_name(escaped_name(dest.name), ".xlsx")]


@pytest.mark.slow
def test_a_250_byte_name_can_be_archived_and_gets_feedback(kit: Kit) -> None:
    """Today: a 250-byte name made `archive` impossible (Errno 36 on the copy's path) and its
    feedback file could not be written."""
    kit.put_all(skip=("PR",))
    _put(kit, "PR", LONG)
    bad = kit.ws.masuk / ("BM " + "salah-ketik-" * 20 + ".xlsx")
    bad.write_bytes(kit.bm_salah().read_bytes())
    assert len(bad.name.encode()) > 240
    res = kit.collect()
    by = {f.file: f for f in res.files}
    assert by[LONG].status == "diterima"
    fb = by[bad.name].umpan_balik
    assert fb is not None and fb.is_file() and len(fb.name.encode()) <= MAX_DERIVED
    r = runner.invoke(app, ["archive", "-w", str(kit.ws.root), "-t", "2"])
    assert r.exit_code == 0, r.output
    (folder,) = (kit.ws.arsip / "2025" / "TW2").glob("v*")
    copies = list((folder / "kiriman").rglob("*.xlsx"))
    assert len(copies) == len(kit.forms) + 1
    assert all(len(p.name.encode()) <= MAX_DERIVED for p in copies)
    assert any(p.name.startswith("PR sangat-panjang") for p in copies)
    assert runner.invoke(app, ["archive", "--verify", "-w", str(kit.ws.root)]).exit_code == 0


@pytest.mark.slow
def test_same_stem_two_suffixes_get_two_feedback_files(kit: Kit) -> None:
    """Today `SEK.xlsx` and `SEK.xlsm` shared one feedback workbook that listed only one
    file's problems."""
    from openpyxl import load_workbook

    from kinerja_cli.io.form.feedback import DAFTAR

    bm = kit.forms["SEK"]
    collectkit.fill_form(
        bm, kit.ws.masuk / "SEK.xlsx", kit.data["SEK"], edits={"Kinerja!J7": "salah"}
    )
    collectkit.fill_form(
        bm, kit.ws.masuk / "SEK.xlsm", kit.data["SEK"], edits={"Kinerja!J8": "keliru"}
    )
    res = kit.collect()
    by = {f.file: f for f in res.files}
    a, b = by["SEK.xlsx"].umpan_balik, by["SEK.xlsm"].umpan_balik
    assert a is not None and b is not None and a != b
    assert a.name == "SEK-PERBAIKI.xlsx" and b.name == "SEK~xlsm-PERBAIKI.xlsx"

    def cells(path: Path) -> set[str]:
        ws = load_workbook(path)[DAFTAR]
        return {str(c.value) for row in ws.iter_rows() for c in row if c.value}

    assert any("J7" in t for t in cells(a)) and not any("J8" in t for t in cells(a))
    assert any("J8" in t for t in cells(b)) and not any("J7" in t for t in cells(b))
    assert kit.collect().files[0].umpan_balik == by[res.files[0].file].umpan_balik  # stable
    assert TW2.kode == "TW2"
