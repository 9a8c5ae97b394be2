"""The `kinerja` command: one module per command, registered here."""

from __future__ import annotations

from typing import Any

import typer

from kinerja_cli import __version__
from kinerja_cli.cli.common import STATE

app = typer.Typer(
    name="kinerja",
    help=(
        "Pengukuran Kinerja (SAKIP) perangkat daerah dari lembar kerja: formulir per bidang, "
        "validasi isian, kompilasi capaian, laporan tahunan dan triwulan, arsip.\n\n"
        "Mulai cepat: kinerja demo"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    options_metavar="[OPSI]",
    subcommand_metavar="PERINTAH [ARGUMEN]...",
)


def _version(value: bool) -> None:
    if value:
        print(f"kinerja {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(
        False, "--debug", help="Tampilkan traceback lengkap bila terjadi galat."
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Tampilkan versi lalu keluar."
    ),
) -> None:
    STATE["debug"] = debug


def command_modules() -> tuple[Any, ...]:
    """The command modules in the order of `kinerja --help`: the SOP order."""
    from kinerja_cli.cli import (
        cmd_archive,
        cmd_collect,
        cmd_compile,
        cmd_demo,
        cmd_diff,
        cmd_koreksi,
        cmd_report,
        cmd_setup,
    )

    return (
        cmd_setup,
        cmd_collect,
        cmd_compile,
        cmd_koreksi,
        cmd_report,
        cmd_diff,
        cmd_archive,
        cmd_demo,
    )


def reflow(doc: str) -> str:
    """A docstring as `--help` text: each paragraph one line (the terminal wraps it at its own
    width, never mid-sentence at the source's line length); a `Contoh:` line stays its own."""
    import inspect

    paragraphs = []
    for para in inspect.cleandoc(doc).split("\n\n"):
        lines: list[str] = []
        for line in para.splitlines():
            if lines and not line.startswith("Contoh:"):
                lines[-1] += " " + line.strip()
            else:
                lines.append(line.strip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _register() -> None:
    for mod in command_modules():
        mod.register(app)
    for info in app.registered_commands:
        info.options_metavar = "[OPSI]"
        if info.help is None and info.callback is not None and info.callback.__doc__:
            info.help = reflow(info.callback.__doc__)


_register()


def _localise_help() -> None:
    """What Typer/click print in English around the help, in Bahasa Indonesia (only when help is
    shown: typer.rich_utils loads rich). Options show their metavar (BERKAS, FOLDER, K), flags
    and arguments nothing in the type column (no `<bool>`, `<path>`), a required argument has
    no braces, a default is written in the option's own help text, never `[default: ...]`."""
    import typer.core as tc
    import typer.rich_utils as ru
    from typer._click import core

    ru.ARGUMENTS_PANEL_TITLE = "Argumen"
    ru.OPTIONS_PANEL_TITLE = "Opsi"
    ru.COMMANDS_PANEL_TITLE = "Perintah"
    ru.ERRORS_PANEL_TITLE = "Galat"
    ru.DEFAULT_STRING = "(bawaan: {})"
    ru.REQUIRED_LONG_STRING = "(wajib)"
    ru.DEPRECATED_STRING = "(usang) "

    def option_type(self, ctx):  # type: ignore[no-untyped-def]
        return "" if self.is_flag or self.count else (self.metavar or self.name.upper())

    tc.TyperOption.display_type_rich = option_type  # type: ignore[method-assign]
    tc.TyperArgument.display_type_rich = lambda self, ctx: ""  # type: ignore[method-assign]
    # Bounds (`--jobs`: at least 1) are said in the option's help, not as `[x>=1]`.
    tc.TyperOption._get_number_range_help_str = lambda self: None  # type: ignore[method-assign]
    original = core.Command.get_help_option

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        opt = original(self, ctx)
        if opt is not None:
            opt.help = "Tampilkan bantuan ini lalu keluar."
        return opt

    core.Command.get_help_option = get_help_option  # type: ignore[method-assign]


def _localise_usage() -> None:
    """`Pemakaian: kinerja diff [OPSI] A B` on every usage line, also the one under a usage
    error (cheap: these modules are loaded with the app); click writes `{A}` for a required
    argument."""
    import typer.core as tc
    from typer._click import formatting

    def argument_usage(self):  # type: ignore[no-untyped-def]
        name = self.display_name_raw
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    tc.TyperArgument._usage_display_name = argument_usage  # type: ignore[method-assign]

    write_usage = formatting.HelpFormatter.write_usage

    def usage_id(self, prog, args="", prefix=None):  # type: ignore[no-untyped-def]
        write_usage(self, prog, args, prefix or "Pemakaian: ")

    formatting.HelpFormatter.write_usage = usage_id  # type: ignore[method-assign]


_localise_usage()


def run() -> None:
    """Run the app."""
    import sys

    if len(sys.argv) <= 1 or "--help" in sys.argv or "-h" in sys.argv:
        _localise_help()
    app()
