"""The rule registry: one declaration per code, templates that format, codes grep-able."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from kinerja_cli.domain.findings import ERROR, WARNING
from kinerja_cli.domain.rules import EITHER, RULES, Code, Collector, Rule, Stage, finding, rule

SRC = Path(__file__).resolve().parents[2] / "src" / "kinerja_cli"


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_code_has_exactly_one_rule() -> None:
    assert set(RULES) == set(Code)
    for code, r in RULES.items():
        assert r.code is code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code.value), code


def test_severities_stages_and_summaries() -> None:
    for r in RULES.values():
        assert r.severity in (ERROR, WARNING, EITHER)
        assert isinstance(r.stage, Stage)
        assert r.summary and r.summary == r.summary.strip()


@pytest.mark.parametrize("r", list(RULES.values()), ids=lambda r: r.code.value)
def test_every_template_and_part_formats(r: Rule) -> None:
    for template in (r.template, *r.variants.values(), *r.parts.values()):
        params = {f.split("!")[0]: "x" for f in _fields(template)}
        text = template.format(**params)
        assert text and "{" not in text and "}" not in text


def test_no_code_is_spelled_outside_the_registry() -> None:
    """A code is written once, in domain/rules.py; everyone else uses its Code member."""
    codes = {c.value for c in Code}
    found: list[str] = []
    for p in SRC.rglob("*.py"):
        if p.name == "rules.py" and p.parent.name == "domain":
            continue
        text = p.read_text(encoding="utf-8")
        for lit in re.findall(r"""["']([a-z0-9]+(?:-[a-z0-9]+)+)["']""", text):
            if lit in codes:
                found.append(f"{p.relative_to(SRC)}: {lit}")
    assert not found, "\n".join(found)


def test_collector_uses_the_rule_severity_and_template() -> None:
    out = Collector("a.xlsx")
    f = out.add(
        Code.REALISASI_NEGATIF,
        sheet="Kinerja",
        cell="J7",
        kode="IK.03",
        label="Realisasi TW II",
        nilai="-5",
        satuan="km",
    )
    assert out.findings == [f]
    assert (f.code, f.severity, f.file, f.sheet, f.cell, f.kode) == (
        "realisasi-negatif",
        "error",
        "a.xlsx",
        "Kinerja",
        "J7",
        "IK.03",
    )
    assert f.message == (
        "Realisasi TW II berisi -5, angka negatif; realisasi harus 0 atau lebih (dalam km)."
    )


def test_a_rule_whose_severity_depends_on_the_case_takes_the_callers() -> None:
    assert rule(Code.REALISASI_TANPA_DATA).severity == EITHER
    assert (
        finding(
            Code.REALISASI_TANPA_DATA, severity=WARNING, variant="sebelumnya", label="x", isi='"-"'
        ).severity
        == WARNING
    )
    assert finding(Code.REALISASI_TANPA_DATA, label="x", isi='"-"').severity == ERROR


def test_templates_may_use_the_location() -> None:
    f = finding(Code.BARIS_HILANG, sheet="Kinerja", cell="B9", kode="IK.05")
    assert "IK.05" in f.message
