"""Open a received file the inbox way (docs/reliability.md C13): read-only, without blocking,
without following a link, its type and size taken from the opened descriptor before a byte is
read, and never more than a limit read. Used for the inbox (services/collect.py) and for the
evidence files of `bukti/` (services/bukti.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOFOLLOW", 0)  # a link swapped in after the listing is refused (ELOOP)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
    | getattr(os, "O_NOINHERIT", 0)
)
_CHUNK = 1 << 20


def read_bounded(p: Path, limit: int) -> tuple[os.stat_result, bytes | None]:
    """The stat of the opened file and its bytes, or None for the bytes when it is not a
    regular file or is larger than `limit`: both decided from the descriptor before a byte is
    read, so a FIFO never blocks and a huge (or sparse) file is never read or hashed.
    Read-only; closed at once (a Windows handle would lock the file)."""
    fd = os.open(p, OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return st, None
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:  # grew since the stat
            return st, None
        return st, b"".join(chunks)
    finally:
        os.close(fd)
