"""Paths shared by tests (import this, not conftest: several conftest modules exist)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PK = ROOT / "examples" / "pk-balangan-2025.xlsx"
