"""`kinerja --help` and every command's help: Bahasa Indonesia throughout, nothing cut off, no
paragraph broken at the source's line length."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from kinerja_cli.cli import app as app_module

runner = CliRunner()
GROUP = typer.main.get_command(app_module.app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]

# What Typer/click/rich print in English when left alone.
FORBIDDEN = (
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "default:",
    "[default",
    "required",
    "[[",
    "]]",
    "{",
    "}",
    "x>=",
    "env var",
    "(dynamic)",
    "deprecated",
    "…",  # a word cut off by the column width
    "TEXT",
    "INTEGER",
    "PATH",
    "BOOLEAN",
)
TYPE_TAG = re.compile(r"<[a-z_\[\]|]+>")  # <bool>, <path>, <str>, <int>, <file>, <dir>
# English words that have crept into Indonesian help before (whole words, any case).
ENGLISH = re.compile(
    r"\b(the|and|or|of|to|for|with|this|that|file|files|folder of|show|help|exit|message|"
    r"default|required|optional|output|input|directory|path|value|command|option)\b",
    re.IGNORECASE,
)
# Value placeholders: Indonesian (or a letter).
METAVARS = {"K", "N", "S", "A", "B", "KODE", "FOLDER", "BERKAS", "DRAF", "TAHUN", "FORMAT", "TEKS"}
METAVARS |= {"TTTT-BB-HH"}


def _help(*args: str, width: int = 80) -> str:
    import typer.rich_utils as ru

    app_module._localise_help()
    before, ru.MAX_WIDTH = ru.MAX_WIDTH, width  # the console width rich renders the help at
    try:
        r = runner.invoke(app_module.app, [*args, "--help"])
    finally:
        ru.MAX_WIDTH = before
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_no_english(command: str) -> None:
    args = [command] if command else []
    for width in (80, 120):
        out = _help(*args, width=width)
        assert "Pemakaian: kinerja" in out and "Opsi" in out
        for token in FORBIDDEN:
            assert token not in out, (command, width, token)
        assert not TYPE_TAG.search(out), (command, width, TYPE_TAG.search(out))


def _params(command: str) -> list:
    cmd = GROUP.commands[command] if command else GROUP  # type: ignore[attr-defined]
    ctx = cmd.make_context(f"kinerja {command}".strip(), [], resilient_parsing=True)
    return cmd.get_params(ctx)


def _prose(text: str) -> str:
    """Help text without option names, paths and code-like words (--json, hasil/, IK.05)."""
    text = re.sub(r"--?[a-z][\w-]*|\S*/\S*|\S*\.\S+|\S*\[\S*\]|[A-Z_]{2,}", " ", text)
    return text.replace("kinerja.toml", " ")


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_option_line_is_indonesian(command: str) -> None:
    for p in _params(command):
        name = p.name
        assert p.help, (command, name)
        assert "\n" not in p.help, (command, name)  # one paragraph, wrapped by the console
        found = ENGLISH.search(_prose(p.help))
        assert found is None, (command, name, found and found.group())
        if p.param_type_name == "argument" or not (p.is_flag or p.count):
            assert p.metavar in METAVARS, (command, name, p.metavar)
    if command:
        doc = GROUP.commands[command].help  # type: ignore[attr-defined]
        found = ENGLISH.search(_prose(doc))
        assert found is None, (command, found and found.group())


@pytest.mark.parametrize("command", COMMANDS)
def test_no_paragraph_broken_at_the_source_line_length(command: str) -> None:
    doc = GROUP.commands[command].help  # type: ignore[attr-defined]
    assert "Contoh: kinerja " + command in doc
    for para in doc.split("\n\n"):
        lines = para.split("\n")
        assert all(line.startswith("Contoh:") for line in lines[1:]), (command, para)
    # Rendered wide, a paragraph is one line: no break in the middle of a sentence.
    out = _help(command, width=2000)
    body = out.split("╭")[0]
    for line in body.splitlines():
        text = line.strip()
        if text and not text.startswith(("Pemakaian:", "Contoh:")):
            assert text in doc.replace("\n", " "), (command, text)
    for para in doc.split("\n\n"):
        prose = para.split("\nContoh:")[0]
        if not prose.startswith("Contoh:"):
            assert prose in body, (command, prose)


def test_usage_line_without_braces_and_with_indonesian_placeholders() -> None:
    assert "Pemakaian: kinerja diff [OPSI] A B" in _help("diff")
    assert "Pemakaian: kinerja init [OPSI] [FOLDER]" in _help("init")
    assert "Pemakaian: kinerja [OPSI] PERINTAH [ARGUMEN]..." in _help()


def test_reflow_keeps_examples_on_their_own_line() -> None:
    doc = """Ringkas.

    Satu kalimat yang
    dipecah di sumber.

    Contoh: kinerja a
    Contoh: kinerja b
    """
    assert app_module.reflow(doc) == (
        "Ringkas.\n\nSatu kalimat yang dipecah di sumber.\n\nContoh: kinerja a\nContoh: kinerja b"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["diff"], "Argumen 'A' belum diisi."),
        (["collect", "--jsn"], "Mungkin maksudnya: --jobs, --json."),
        (["collect", "--triwulan"], "Opsi --triwulan memerlukan nilai."),
        (["collect", "--jobs", "abc"], "'abc' bukan bilangan bulat."),
        (["diff", "a", "b", "c"], "Argumen berlebih: c."),
        (["statu"], "Mungkin maksudnya: 'status'."),
    ],
)
def test_usage_errors_in_indonesian(args: list[str], expected: str) -> None:
    r = runner.invoke(app_module.app, args)
    assert r.exit_code == 2, r.output
    text = " ".join(r.output.split())
    assert expected in text, text
    assert "Galat" in text
    for english in ("Error", "Try ", "Missing", "No such", "Invalid value", "Did you mean"):
        assert english not in text, (args, english)


def test_jobs_below_one_is_refused_in_indonesian(tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = runner.invoke(app_module.app, ["collect", "--jobs", "0", "--workspace", str(tmp_path)])
    assert r.exit_code == 2
    assert "--jobs 0 tidak boleh" in r.output
