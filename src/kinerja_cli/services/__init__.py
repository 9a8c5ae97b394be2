"""Use cases: each returns a result value and never prints."""
