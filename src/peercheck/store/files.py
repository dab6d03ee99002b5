"""The log's files on disk: created private, companions checked, and the seal.

The seal (``peercheck.db-seal``) records the log file's identity, size and modification time
as the last peercheck that wrote it left it. A log that no longer matches was changed from
outside (a copy, an editor, a damaged disk), so the next save checks the whole file first;
one that matches need not be re-read on every save.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .. import messages
from ..errors import StoreError


def create_private(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.fchmod(fd, 0o600)
    os.close(fd)


def chmod_private(path: Path) -> None:
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass


def _seal_path(path: Path) -> Path:
    return Path(f"{path}-seal")


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns}\n"


def seal_matches(path: Path) -> bool:
    """Is the log file exactly as the last peercheck that wrote it left it?"""
    try:
        seal = _seal_path(path)
        if seal.lstat().st_uid != os.getuid():
            return False
        return seal.read_text(encoding="ascii") == _stamp(path)
    except (OSError, ValueError):
        return False


def write_seal(path: Path) -> None:
    """Record the log file's identity, size and modification time after our writes.

    Only a hint that spares the next save a whole-file check; if it cannot be written (or
    is removed), the next save simply checks.
    """
    seal = _seal_path(path)
    try:
        stamp = _stamp(path)
        fd = os.open(seal, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, stamp.encode("ascii"))
        finally:
            os.close(fd)
    except OSError:
        pass


def has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def refuse_loose_companions(path: Path, *, tighten: bool = False) -> None:
    """Refuse -wal/-shm/-journal files another user owns or others can read.

    In a shared folder someone else can create them first; SQLite would then write
    reflections into files they can read. Checked before opening (nothing written yet), and
    again after, when loose files of our own (just made by SQLite) are tightened instead.
    """
    uid = os.getuid()
    for suffix in ("-wal", "-shm", "-journal"):
        companion = Path(f"{path}{suffix}")
        try:
            st = companion.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or st.st_uid != uid:
            raise StoreError(
                messages.COMPANION_NOT_YOURS.format(path=companion),
                hint=messages.COMPANION_NOT_YOURS_HINT,
            )
        if st.st_mode & 0o077 and tighten:
            chmod_private(companion)
        elif st.st_mode & 0o077:
            raise StoreError(
                messages.COMPANION_READABLE.format(path=companion),
                hint=messages.COMPANION_READABLE_HINT.format(path=companion),
            )
