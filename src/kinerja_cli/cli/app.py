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
    import typer.rich_utils as ru
    from typer._click import core

    ru.ARGUMENTS_PANEL_TITLE = "Argumen"
    ru.OPTIONS_PANEL_TITLE = "Opsi"
    ru.COMMANDS_PANEL_TITLE = "Perintah"
    ru.ERRORS_PANEL_TITLE = "Galat"
    ru.DEFAULT_STRING = "(bawaan: {})"
    ru.REQUIRED_LONG_STRING = "(wajib)"
    ru.DEPRECATED_STRING = "(usang) "

    # Typer 0.28 prints an argument's type as `<directory>`, `<path>` from its click type:
    # every value placeholder is the parameter's own metavar (checked by tests/cli/test_help.py).
    from typer._click import types as ct

    def no_type_tag(self, param=None, ctx=None):  # type: ignore[no-untyped-def]
        return ""

    stack = [ct.ParamType]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if "get_metavar" in vars(cls) or cls is ct.ParamType:
            cls.get_metavar = no_type_tag  # type: ignore[method-assign]
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

    def argument_metavar(self, ctx=None, *, usage=False):  # type: ignore[no-untyped-def]
        name = self.metavar or (self.name or "").upper()
        if usage and not self.required and not name.startswith("["):
            name = f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    tc.TyperArgument.make_metavar = argument_metavar  # type: ignore[method-assign]

    write_usage = formatting.HelpFormatter.write_usage

    def usage_id(self, prog, args="", prefix=None):  # type: ignore[no-untyped-def]
        write_usage(self, prog, args, prefix or "Pemakaian: ")

    formatting.HelpFormatter.write_usage = usage_id  # type: ignore[method-assign]
    _localise_usage_errors()


def usage_message(exc: Any) -> str:
    """A click usage error in Bahasa Indonesia: the option or argument it names, what is wrong."""
    import re

    from typer._click import exceptions as ce

    def hint() -> str:
        if getattr(exc, "param_hint", None) is not None:
            h = exc.param_hint
        elif getattr(exc, "param", None) is not None:
            h = exc.param.get_error_hint(exc.ctx)
        else:
            return ""
        return " / ".join(f"'{x}'" for x in h) if isinstance(h, (list, tuple)) else str(h)

    if isinstance(exc, ce.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        label = {"argument": "Argumen", "option": "Opsi"}.get(kind, "Parameter")
        return f"{label} {hint()} belum diisi.".replace("  ", " ")
    if isinstance(exc, ce.NoSuchOption):
        text = f"Opsi tidak dikenal: {exc.option_name}."
        if exc.possibilities:
            text += " Mungkin maksudnya: " + ", ".join(sorted(exc.possibilities)) + "."
        return text
    if isinstance(exc, ce.BadOptionUsage) and "requires an argument" in exc.message:
        return f"Opsi {exc.option_name} memerlukan nilai."
    if isinstance(exc, ce.BadParameter):
        value = re.fullmatch(r"(.*) is not a valid (\w+)\.?", exc.message)
        what = f"{value.group(1)} bukan bilangan bulat." if value else exc.message
        return f"Nilai tidak sah untuk {hint()}: {what}"
    message = str(exc.format_message())
    extra = re.fullmatch(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", message)
    if extra:
        return f"Argumen berlebih: {extra.group(1)}."
    command = re.match(r"No such command '(.*?)'\.(?: Did you mean '(.*?)'\?)?", message)
    if command:
        text = f"Perintah tidak dikenal: '{command.group(1)}'."
        return text + (f" Mungkin maksudnya: '{command.group(2)}'." if command.group(2) else "")
    return message


def _localise_usage_errors() -> None:
    """A usage error (a missing argument, an unknown option) is told in Bahasa Indonesia: Typer
    renders it with rich, whose module loads only then, so the texts are set at that moment."""
    import sys

    import typer.core as tc
    from typer._click import exceptions as ce

    original = tc._main

    def main(self, *args, standalone_mode=True, **kwargs):  # type: ignore[no-untyped-def]
        if not standalone_mode:
            return original(self, *args, standalone_mode=False, **kwargs)
        try:
            rv = original(self, *args, standalone_mode=False, **kwargs)
        except ce.ClickException as exc:
            import typer.rich_utils as ru

            ru.ERRORS_PANEL_TITLE = "Galat"
            ru.RICH_HELP = "Lihat [blue]'{command_path} {help_option}'[/] untuk bantuan."
            text = usage_message(exc)
            exc.format_message = lambda: text  # type: ignore[method-assign]
            ru.rich_format_error(exc)
            sys.exit(exc.exit_code)
        except tc.Abort:
            print("Dibatalkan.", file=sys.stderr)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

    tc._main = main  # type: ignore[assignment]


_localise_usage()


def run() -> None:
    """Run the app."""
    import sys

    if len(sys.argv) <= 1 or "--help" in sys.argv or "-h" in sys.argv:
        _localise_help()
    app()
