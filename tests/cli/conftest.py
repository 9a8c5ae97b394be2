"""Fixtures for the CLI tests: a TW2 workspace with every bidang's form filled (collect)."""

from support.collectkit import kit, tw2_template  # noqa: F401
