"""Shared CLI pieces: the error boundary, workspace option, JSON and console output."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import typer

from kinerja_cli.errors import KinerjaError

STATE = {"debug": False}
F = TypeVar("F", bound=Callable[..., Any])

WorkspaceOpt = typer.Option(
    None,
    "--workspace",
    "-w",
    help="Folder ruang kerja (bawaan: folder saat ini atau induknya).",
    file_okay=False,
    metavar="FOLDER",
)
JsonOpt = typer.Option(False, "--json", help="Cetak satu dokumen JSON di stdout.")
TriwulanOpt = typer.Option(
    None,
    "--triwulan",
    "-t",
    help="Triwulan 1-4 (atau I-IV). Tanpa ini: periode tahunan.",
    metavar="K",
)


def err(msg: str) -> None:
    """A line on stderr."""
    print(msg, file=sys.stderr)


def guarded(func: F) -> F:
    """The error boundary: KinerjaError -> one line and its exit code; a bug -> exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KinerjaError as exc:
            err(f"Galat: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # Output piped into `head` and the like: the reader left, nothing to report.
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            err("Dihentikan (Ctrl-C). Berkas hasil sebelumnya tidak berubah.")
            raise typer.Exit(130) from None
        except Exception as exc:
            if STATE["debug"]:
                raise
            err(
                f"Galat internal ({type(exc).__name__}: {exc}). "
                "Jalankan ulang dengan --debug untuk rinciannya dan laporkan ke pengembang."
            )
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _default(o: Any) -> Any:
    if isinstance(o, Decimal):
        from kinerja_cli.domain.rounding import to_json_number

        return to_json_number(o)
    if isinstance(o, Path):
        return str(o)
    if hasattr(o, "isoformat"):
        return o.isoformat()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def print_json(obj: Any) -> None:
    """One JSON document on stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=_default) + "\n")


def parse_triwulan(value: str | None) -> Any:
    """`--triwulan` as a Periode; bad values are a usage error (exit 2)."""
    from kinerja_cli.domain.periode import Periode

    try:
        return Periode.parse(value)
    except ValueError as exc:
        raise KinerjaError(str(exc)) from None


def open_workspace(path: Path | None) -> Any:
    """The workspace (exit 2 when there is none)."""
    from kinerja_cli.io.workspace import find_workspace

    return find_workspace(path)


def rel(path: Path, base: Path | None = None) -> str:
    """A path relative to the current folder when possible."""
    try:
        return str(Path(path).resolve().relative_to((base or Path.cwd()).resolve()))
    except ValueError:
        return str(path)
