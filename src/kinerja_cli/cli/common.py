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


def tolerant_streams() -> None:
    """A console that cannot show a character (`PYTHONIOENCODING=cp1252`, `ascii`, a C locale
    on an old system) prints a replacement instead of failing the command after its work is
    done (docs/reliability.md C10). JSON is kept exact another way: `print_json`."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # a detached or closed stream: nothing to adjust
                pass


def guarded(func: F) -> F:
    """The error boundary: KinerjaError -> one line and its exit code; a failure of the file
    system or the database -> its own one-line message, exit 2; a bug -> exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        tolerant_streams()
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
        except OSError as exc:  # read-only, disk full, no permission, ... (never "internal")
            if STATE["debug"]:
                raise
            from kinerja_cli.io.atomic import os_error

            err(f"Galat: {os_error(exc)}")
            raise typer.Exit(2) from None
        except Exception as exc:
            if STATE["debug"]:
                raise
            known = _database_failure(exc)
            if known is not None:
                err(f"Galat: {known}")
                raise typer.Exit(2) from None
            err(
                f"Galat internal ({type(exc).__name__}: {exc}). "
                "Jalankan ulang dengan --debug untuk rinciannya dan laporkan ke pengembang."
            )
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _database_failure(exc: Exception) -> KinerjaError | None:
    """The store's message for an SQLite failure that escaped it (sqlite3 is not imported for
    this: `--help` stays light)."""
    if type(exc).__module__ != "sqlite3" or not hasattr(exc, "sqlite_errorcode"):
        return None
    from kinerja_cli.store.db import failure

    return failure(exc, Path(".kinerja") / "kinerja.db")  # type: ignore[arg-type]


def _default(o: Any) -> Any:
    if isinstance(o, Decimal):
        from kinerja_cli.domain.rounding import to_json_number

        return to_json_number(o)
    if isinstance(o, Path):
        return str(o)
    if hasattr(o, "isoformat"):
        return o.isoformat()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


JSON_INDENT_MAX = 1_000_000  # characters of compact JSON still printed indented


def print_json(obj: Any) -> None:
    """One JSON document on stdout: UTF-8 text as it is when the console can show it, else the
    same document with `\\uXXXX` escapes (still exact JSON, never a failure after the work)."""
    # Indented for a reader; a document over 1 MB (a regency-wide collect with 50,000
    # findings) stays compact on one line: the indenting encoder is pure Python, 10x slower.
    compact = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_default)
    indent = 2 if len(compact) <= JSON_INDENT_MAX else None

    def dump(ascii_only: bool) -> str:
        if indent is None:
            seps = (",", ":")
            return json.dumps(obj, ensure_ascii=ascii_only, separators=seps, default=_default)
        return json.dumps(obj, ensure_ascii=ascii_only, indent=indent, default=_default)

    text = compact if indent is None else dump(False)
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = dump(True)
    sys.stdout.write(text + "\n")


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
