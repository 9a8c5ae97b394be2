"""The `kinerja` command: one module per command, registered here."""

from __future__ import annotations

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
    debug: bool = typer.Option(False, "--debug", help="Tampilkan traceback lengkap bila terjadi galat."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Tampilkan versi lalu keluar."),
) -> None:
    STATE["debug"] = debug


def _register() -> None:
    from kinerja_cli.cli import cmd_demo, cmd_setup

    for mod in (cmd_setup, cmd_demo):
        mod.register(app)
    try:
        from kinerja_cli.cli import cmd_collect

        cmd_collect.register(app)
    except ImportError:  # pragma: no cover - while the command is being built
        pass


_register()


def run() -> None:
    """Run the app."""
    app()
