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
TEMP_PREFIX, TEMP_SUFFIX = ".~kinerja-", ".tmp"


def is_temp_name(name: str) -> bool:
    """True for the name of a temp file `atomic_path` makes (and a killed run may leave)."""
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete the temp files a killed run left in `folder` (not its subfolders); return them.

    Only call this while holding the workspace lock: then no other kinerja run is writing
    there, so every such file is stale (docs/reliability.md C12)."""
    gone: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return gone
    for entry in entries:
        if is_temp_name(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            gone.append(Path(entry.path))
    return gone


def os_error(exc: OSError, target: Path | str | None = None) -> KinerjaError:
    """One clear line (exit 2) for a failure of the file system, by its errno
    (docs/reliability.md C10): read-only, full, no permission, name too long, gone, I/O."""
    where = Path(target) if target is not None else Path(exc.filename or ".")
    folder = where.parent if where.name else where
    code = exc.errno
    if code == errno.EROFS:
        msg = (
            f"{where} berada di sistem berkas hanya-baca; kinerja tidak dapat menulis di sana dan "
            "tidak ada yang diubah. Salin ruang kerja ke disk yang dapat ditulis (atau pasang "
            "ulang disk itu dengan izin tulis) lalu jalankan ulang."
        )
    elif code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        msg = (
            f"Disk penuh saat menulis {where.name}; berkas lama tidak berubah. "
            f"Kosongkan ruang di {folder} lalu jalankan ulang."
        )
    elif isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        msg = (
            f"Tidak ada izin menulis di folder {folder}; berkas lama tidak berubah. "
            "Periksa izin folder itu (atau pilih folder lain) lalu jalankan ulang."
        )
    elif code == errno.ENAMETOOLONG:
        msg = (
            f"nama atau jalur terlalu panjang untuk sistem berkas: {where}. Pindahkan ruang kerja "
            "ke folder yang jalurnya lebih pendek lalu jalankan ulang."
        )
    elif isinstance(exc, FileNotFoundError):
        msg = f"berkas atau folder tidak ditemukan: {exc.filename or where}"
    elif code == errno.EIO:
        msg = (
            f"galat baca/tulis perangkat saat memakai {where} (disk lepas atau rusak?); "
            "periksa disk itu lalu jalankan ulang."
        )
    else:
        msg = f"galat sistem berkas pada {where}: {exc.strerror or exc}"
    return KinerjaError(msg, location=None)


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
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
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
    except OSError as exc:  # read-only, full, no permission, name too long, ...
        err = os_error(exc, target)
        err.location = str(target)
        raise err from exc
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
