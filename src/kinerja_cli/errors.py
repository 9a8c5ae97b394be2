"""The one exception type that stops a command; caught once at the CLI edge."""

from __future__ import annotations


class KinerjaError(Exception):
    """A condition that stops the command (exit 2), with a location when there is one."""

    def __init__(self, message: str, *, location: str | None = None, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message
