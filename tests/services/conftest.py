"""Fixtures for the service tests: a TW2 workspace with every bidang's form filled."""

from support.collectkit import kit, tw2_template  # noqa: F401
