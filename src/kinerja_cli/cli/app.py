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
        cmd_revisi,
        cmd_setup,
    )

    return (
        cmd_setup,
        cmd_revisi,
        cmd_collect,
        cmd_compile,
        cmd_koreksi,
        cmd_report,
        cmd_diff,
        cmd_archive,
        cmd_demo,
    )


def _register() -> None:
    for mod in command_modules():
        mod.register(app)


_register()


def _localise_help() -> None:
    """Help texts that Typer/click keep in English, in Bahasa Indonesia (only when help is shown)."""
    import typer.rich_utils as ru
    from typer._click import core

    ru.ARGUMENTS_PANEL_TITLE = "Argumen"
    ru.OPTIONS_PANEL_TITLE = "Opsi"
    ru.COMMANDS_PANEL_TITLE = "Perintah"
    ru.ERRORS_PANEL_TITLE = "Galat"
    original = core.Command.get_help_option

    from typer._click import formatting

    write_usage = formatting.HelpFormatter.write_usage

    def usage_id(self, prog, args="", prefix=None):  # type: ignore[no-untyped-def]
        write_usage(
            self,
            prog,
            args.replace("[OPTIONS]", "[OPSI]").replace(
                "COMMAND [ARGS]...", "PERINTAH [ARGUMEN]..."
            ),
            prefix or "Pemakaian: ",
        )

    formatting.HelpFormatter.write_usage = usage_id  # type: ignore[method-assign]

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        opt = original(self, ctx)
        if opt is not None:
            opt.help = "Tampilkan bantuan ini lalu keluar."
        return opt

    core.Command.get_help_option = get_help_option  # type: ignore[method-assign]


def run() -> None:
    """Run the app."""
    import sys

    if len(sys.argv) <= 1 or "--help" in sys.argv or "-h" in sys.argv:
        _localise_help()
    app()
