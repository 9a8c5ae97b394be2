"""The README's reference tables, generated from the code: the commands (from the Typer app and
each command module's EXIT_CODES) and the finding codes (from the rule registry). A test keeps
the README equal to them; `uv run python scripts/readme_tables.py` rewrites them."""

from __future__ import annotations

import re

COMMON = {"workspace"}  # options every command has, explained once in the README text
MARKERS = {
    "perintah": (
        "<!-- tabel-perintah: dibuat dari kode, jangan disunting -->",
        "<!-- /tabel-perintah -->",
    ),
    "kode": (
        "<!-- tabel-kode: dibuat dari domain/rules.py, jangan disunting -->",
        "<!-- /tabel-kode -->",
    ),
}


def _usage(name: str, cmd: object) -> str:
    parts = [f"kinerja {name}"]
    for p in getattr(cmd, "params", []):
        if p.name in COMMON:
            continue
        if p.param_type_name == "argument":
            metavar = (p.metavar or p.name.upper()).strip("[]")
            parts.append(metavar if p.required else f"[{metavar}]")
        elif p.is_flag:
            parts.append(f"[{p.opts[0]}]")
        else:
            parts.append(f"[{p.opts[0]} {p.metavar or p.name.upper()}]")
    return " ".join(parts)


def commands_table() -> str:
    """| perintah | kegunaan | kode keluar | — one row per command, in `--help` order."""
    import typer.main

    from kinerja_cli.cli import app as app_module

    group = typer.main.get_command(app_module.app)
    exit_codes: dict[str, str] = {}
    for module in app_module.command_modules():
        exit_codes.update(module.EXIT_CODES)
    lines = ["| perintah | kegunaan | kode keluar |", "|---|---|---|"]
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        summary = (cmd.help or "").strip().split("\n")[0]
        lines.append(f"| `{_usage(name, cmd)}` | {summary} | {exit_codes[name]} |")
    return "\n".join(lines)


def codes_table() -> str:
    """The finding codes of the rule registry."""
    from kinerja_cli.domain.rules import markdown_table

    return markdown_table()


def tables() -> dict[str, str]:
    """Marker name -> the table that belongs between its markers."""
    return {"perintah": commands_table(), "kode": codes_table()}


def sync(readme: str) -> str:
    """The README text with every generated table replaced by the current one."""
    for key, table in tables().items():
        start, end = MARKERS[key]
        pattern = re.compile(re.escape(start) + r"\n.*?\n" + re.escape(end), re.S)
        if not pattern.search(readme):
            raise ValueError(f"README has no {start} ... {end} block")
        block = f"{start}\n{table}\n{end}"
        readme = pattern.sub(block.replace("\\", "\\\\"), readme)
    return readme
