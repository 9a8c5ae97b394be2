"""The README and docs/ agree with the code: generated tables are current, every design
citation in the code points to a section that exists in docs/."""

from __future__ import annotations

import re
from pathlib import Path

from kinerja_cli.cli.reference import MARKERS, sync, tables

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_tables_equal_the_code() -> None:
    assert sync(README) == README, "jalankan: uv run python scripts/readme_tables.py"


def test_each_table_is_in_the_readme_once() -> None:
    for key, table in tables().items():
        start, end = MARKERS[key]
        assert README.count(start) == 1 and README.count(end) == 1
        assert f"{start}\n{table}\n{end}" in README


DOCS = ROOT / "docs"
CITE = re.compile(
    r"docs/(contract|rulebook|reliability|performance|architecture)\.md"
    r"((?:(?:,| and| to| or)? (?:§[0-9]+[a-z]?(?:\.[0-9]+)?|[A-E][0-9]*\b|Ground rule [1-4]))*)"
)
ID = re.compile(r"§[0-9]+[a-z]?(?:\.[0-9]+)?|Ground rule [1-4]|\b[A-E][0-9]*\b")


def _sections(doc: str) -> set[str]:
    out = set()
    for line in (DOCS / f"{doc}.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"#+ (Ground rule [1-4]|\S+)", line)
        if m:
            out.add(m.group(1).rstrip(".:"))
    return out


def _citations() -> list[tuple[str, str, str]]:
    found = []
    for folder in ("src", "tests", "templates", "benchmarks", "examples", "scripts"):
        for p in (ROOT / folder).rglob("*"):
            if p.suffix not in (".py", ".html", ".css", ".md") or "golden" in p.parts:
                continue
            for m in CITE.finditer(p.read_text(encoding="utf-8")):
                ids = ID.findall(m.group(2)) or [""]
                found += [(str(p.relative_to(ROOT)), m.group(1), i) for i in ids]
    for m in CITE.finditer(README):
        found += [("README.md", m.group(1), i) for i in ID.findall(m.group(2)) or [""]]
    return found


def test_every_design_citation_resolves_to_a_section_of_docs() -> None:
    citations = _citations()
    assert len(citations) > 150  # the code cites its design documents throughout
    sections = {d: _sections(d) for d in {c[1] for c in citations}}
    bad = [
        f"{where}: docs/{doc}.md {ident}"
        for where, doc, ident in citations
        if ident and ident not in sections[doc]
    ]
    assert not bad, "\n".join(sorted(set(bad)))


def test_no_citation_of_documents_outside_the_repository() -> None:
    old = re.compile(
        r"\b(SPEC|DOMAIN|RELIABILITY|PERF|STYLE)(\.md)?\s*(§|pattern|[A-E][0-9])|"
        r"\.\./shared"
    )
    bad = []
    for folder in ("src", "tests", "templates", "benchmarks", "examples", "scripts", "docs"):
        for p in (ROOT / folder).rglob("*"):
            if (
                p.is_file()
                and p.suffix in (".py", ".html", ".css", ".md")
                and "golden" not in p.parts
            ):
                bad += [
                    f"{p.relative_to(ROOT)}: {m.group(0)}"
                    for m in old.finditer(p.read_text(encoding="utf-8"))
                ]
    bad += [f"README.md: {m.group(0)}" for m in old.finditer(README)]
    assert not bad, "\n".join(bad)
