"""The architecture, enforced: layer order, io/xlsx knows no artefact, sub-packages are used
through their declared public surface, and no import cycles (docs/architecture.md §1, §2)."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PKG = "kinerja_cli"
# Lower layers never import higher ones; store and report sit side by side and never import
# each other (docs/architecture.md §1).
LAYER = {
    "domain": 0,
    "errors": 0,
    "resources": 0,
    "kalender": 0,
    "io": 1,
    "store": 2,
    "report": 2,
    "services": 3,
    "cli": 4,
    "__main__": 5,
}
SUBPACKAGES = ("io.xlsx", "io.pk", "io.form", "io.draft")


def _modules() -> dict[str, Path]:
    out = {}
    for p in (SRC / PKG).rglob("*.py"):
        parts = p.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


MODULES = _modules()


@functools.cache
def _imports(name: str) -> tuple[tuple[int, str, str | None], ...]:
    """(line, imported module, imported name) for every kinerja import, at any depth."""
    return tuple(_scan(name))


def _scan(name: str) -> Iterator[tuple[int, str, str | None]]:
    path = MODULES[name]
    is_pkg = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == PKG:
                    yield node.lineno, a.name, None
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                mod = ".".join([*base, mod] if mod else base)
            if mod.split(".")[0] != PKG:
                continue
            for a in node.names:
                sub = f"{mod}.{a.name}"
                yield (node.lineno, sub, None) if sub in MODULES else (node.lineno, mod, a.name)


def _layer(mod: str) -> tuple[str, int]:
    parts = mod.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    return top, LAYER.get(top, 0)


def test_layers_import_downwards_only() -> None:
    bad = []
    for name in MODULES:
        top, level = _layer(name)
        for line, mod, _ in _imports(name):
            other, other_level = _layer(mod)
            if other == top or other == "__init__":
                continue
            if other_level > level or (other_level == level and other != top):
                bad.append(f"{name}:{line} imports {mod}")
            if top == "domain" and other != "domain":
                bad.append(f"{name}:{line} (domain is pure) imports {mod}")
    assert not bad, "\n".join(bad)


def test_io_xlsx_knows_no_artefact() -> None:
    bad = [
        f"{name}:{line} imports {mod}"
        for name in MODULES
        if name.startswith(f"{PKG}.io.xlsx")
        for line, mod, _ in _imports(name)
        if mod.startswith(f"{PKG}.io.")
        and not mod.startswith(f"{PKG}.io.xlsx")
        and mod != f"{PKG}.io.atomic"
    ]
    assert not bad, "\n".join(bad)


def _public(sub: str) -> set[str]:
    tree = ast.parse(MODULES[f"{PKG}.{sub}"].read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__":
            return {e.value for e in node.value.elts}  # type: ignore[attr-defined]
    raise AssertionError(f"{sub}/__init__.py declares no __all__")


def test_subpackages_are_used_through_their_public_surface() -> None:
    bad = []
    for sub in SUBPACKAGES:
        pkg = f"{PKG}.{sub}"
        public = _public(sub)
        public_modules = {f"{pkg}.{n}" for n in public if f"{pkg}.{n}" in MODULES}
        for name in MODULES:
            if name == pkg or name.startswith(pkg + "."):
                continue
            for line, mod, imported in _imports(name):
                if mod == pkg and imported is not None and imported not in public:
                    bad.append(f"{name}:{line} imports {imported}, not in {sub}.__all__")
                elif mod.startswith(pkg + ".") and mod not in public_modules:
                    bad.append(f"{name}:{line} reaches into {mod}; import from {pkg}")
    assert not bad, "\n".join(bad)


def test_no_import_cycles() -> None:
    graph = {
        name: {mod for _, mod, _ in _imports(name) if mod in MODULES and mod != name}
        for name in MODULES
    }
    done: set[str] = set()
    stack: list[str] = []
    cycles: list[str] = []

    def visit(n: str) -> None:
        if n in stack:
            cycles.append(" -> ".join([*stack[stack.index(n) :], n]))
            return
        if n in done:
            return
        stack.append(n)
        for m in sorted(graph[n]):
            visit(m)
        stack.pop()
        done.add(n)

    for n in sorted(graph):
        visit(n)
    assert not cycles, "\n".join(cycles)
