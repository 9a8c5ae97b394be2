"""Every output is written atomically: temp file in the same folder, fsync, os.replace.

docs/reliability.md C5: an interrupted save must never destroy the previous good output; a file held
open by Excel on Windows (PermissionError on replace) gets a clear message naming it.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kinerja_cli.errors import KinerjaError

_RETRIES = 5
_RETRY_SLEEP = 0.1


def _replace(tmp: Path, target: Path) -> None:
    """os.replace with a few retries for Windows sharing violations."""
    for attempt in range(_RETRIES):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if attempt == _RETRIES - 1:
                raise
            time.sleep(_RETRY_SLEEP)


def _locked_message(target: Path) -> str:
    owner = target.with_name("~$" + target.name)
    hint = " (berkas kunci Excel ~$ ada di sebelahnya)" if owner.exists() else ""
    return (
        f"Berkas {target.name} sedang dibuka program lain{hint}. "
        "Tutup berkas itu di Excel/LibreOffice lalu jalankan ulang perintah ini."
    )


@contextmanager
def atomic_path(target: Path, *, fsync: bool = True) -> Iterator[Path]:
    """Yield a temp path beside `target`; on success it replaces `target` atomically.

    `fsync=False` skips forcing the bytes to disk before the replace (a few ms a file, far
    more on Windows): only for copies that are checked against their hash when read."""
    target = Path(target)
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=".~kinerja-", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
        # mkstemp makes 0600 files; outputs should get the usual permissions (umask applies).
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        yield tmp
        if fsync:
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        try:
            _replace(tmp, target)
        except PermissionError as exc:  # the target is held open (Windows: Excel, antivirus)
            raise KinerjaError(_locked_message(target), location=str(target)) from exc
    except PermissionError as exc:
        raise KinerjaError(
            f"Tidak ada izin menulis di folder {target.parent}; berkas lama tidak berubah. "
            "Periksa izin folder itu (atau pilih folder lain) lalu jalankan ulang.",
            location=str(target),
        ) from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise KinerjaError(
                f"Disk penuh saat menulis {target.name}; berkas lama tidak berubah. "
                f"Kosongkan ruang di {target.parent} lalu jalankan ulang.",
                location=str(target),
            ) from exc
        raise
    finally:
        if tmp is not None and tmp.exists():
            try:
                tmp.unlink()
            except OSError:
                pass


def atomic_write_bytes(target: Path, data: bytes, *, fsync: bool = True) -> None:
    """Write bytes to `target` atomically."""
    with atomic_path(target, fsync=fsync) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(target: Path, text: str) -> None:
    """Write UTF-8 text to `target` atomically."""
    atomic_write_bytes(target, text.encode("utf-8"))


def atomic_save(target: Path, save: Callable[[Path], None]) -> None:
    """Call `save(tmp_path)` (e.g. `wb.save`) and move the result onto `target` atomically."""
    with atomic_path(target) as tmp:
        save(tmp)


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB chunks."""
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
