"""What went wrong with the log, in words a worker can act on.

Only a file SQLite itself calls damaged is described as damaged: a busy log, a full disk or
a read-only file are named as what they are. A message says nothing changed only where the
caller knows it (it refused before writing).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import StoreError


def unreadable(
    path: Path, exc: sqlite3.DatabaseError, *, saving: bool = False, untouched: bool = False,
    deleted: bool = False,
) -> StoreError:
    """The log could not be used. Only a file SQLite calls damaged is described as damaged.

    ``untouched`` only where the caller knows nothing was written (it refused before any
    write); otherwise the message does not claim that nothing changed.
    """
    text = str(exc).lower()
    if busy(exc):
        return busy_error(path, saving=saving, deleted=deleted)
    if "malformed" not in text and "not a database" not in text:
        if _refused(text) or _disk_full(path):
            # The disk said no (full, read-only, a size limit): the log itself is fine.
            return write_failed(path, exc, saving=saving)
    if deleted:
        what = ("after the reflections were deleted, so their words may still be in the file"
                " and peercheck has stopped there")
    elif saving:
        what = "so the reflection was not saved"
    else:
        what = "and peercheck has stopped without writing to it"
    hint = (
        ("Nothing in it has been changed. " if untouched else "")
        + "To recover: move it aside (peercheck then starts a new log there) and copy your "
        "latest backup (from peercheck log backup) in its place, or rescue what can still be "
        f"read with: sqlite3 {path} .recover"
    )
    return StoreError(f"{path} cannot be read as a reflection log ({exc}), {what}.", hint=hint)


def busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def busy_error(path: Path, *, saving: bool = True, deleted: bool = False) -> StoreError:
    """Another process is holding the log: say so, never call it damaged."""
    if deleted:
        return StoreError(
            f"The reflections were deleted, but {path} stayed busy before their words could be "
            "wiped from the file.",
            hint="Run peercheck log purge again in a moment to finish wiping them.",
        )
    what = "so the reflection was not saved" if saving else "so peercheck stopped"
    return StoreError(
        f"The reflection log {path} stayed busy (another peercheck is using it), {what}.",
        hint="Try again in a moment; the log itself is fine.",
    )


def write_failed(path: Path, exc: sqlite3.DatabaseError, *, saving: bool = True) -> StoreError:
    text = str(exc).lower()
    result = "the reflection was not saved" if saving else "the reflection log could not be opened"
    if "full" in text or _disk_full(path):
        return StoreError(
            f"The disk holding {path} is full, so {result}.",
            hint="Free some space, then try again; nothing already in the log has been changed.",
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"{path} is read-only, so {result}.",
            hint="Make it writable again (for example chmod u+w), then try again.",
        )
    if "i/o" in text or "unable to open" in text:
        # EFBIG (a file-size limit) and failing disks both arrive as a disk I/O error.
        return StoreError(
            f"The system would not let peercheck write to {path}, so {result}.",
            hint="Check the disk's space, quotas and file-size limits, then try again.",
        )
    if "malformed" in text or "not a database" in text:
        return unreadable(path, exc, saving=saving)
    return StoreError(f"The reflection could not be saved to {path} ({exc}).")


def _refused(text: str) -> bool:
    return any(word in text for word in ("full", "readonly", "read-only", "i/o", "unable to open"))


def _disk_full(path: Path) -> bool:
    """True when the folder holding the log has (almost) no room left."""
    try:
        st = os.statvfs(path.parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024
