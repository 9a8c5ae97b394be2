"""The Typer app. Only light imports here: `kinerja --help` must stay fast."""

from __future__ import annotations


def main() -> None:
    """Console entry point."""
    from kinerja_cli.cli.app import run

    run()
