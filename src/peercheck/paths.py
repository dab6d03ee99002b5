"""Where peercheck keeps things, and how it writes them safely and privately.

Everything lives under one folder: ``PEERCHECK_HOME`` when set, otherwise the platform's user
data folder. The folder is 0700 and every file in it 0600, whatever the umask, because
reflections are personal.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from . import messages
from .errors import PeercheckError

ENV_HOME = "PEERCHECK_HOME"
DIR_MODE = 0o700
FILE_MODE = 0o600


def home(create: bool = True) -> Path:
    """peercheck's private folder, created owner-only on first use."""
    value = os.environ.get(ENV_HOME)
    if value:
        try:
            path = Path(value).expanduser()
        except RuntimeError:  # "~someone" for a user that does not exist
            raise PeercheckError(
                messages.HOME_NOT_WRITABLE.format(path=value, reason="no such user"),
                hint=messages.HOME_HINT,
            ) from None
    else:
        from platformdirs import user_data_path

        path = user_data_path("peercheck", appauthor=False)
    if create:
        ensure_private_dir(path)
    return path


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it 0700; explain any failure."""
    if path.exists() and not path.is_dir():
        raise PeercheckError(
            messages.HOME_IS_FILE.format(path=path), hint=messages.HOME_HINT
        )
    try:
        created = not path.exists()
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        mode = stat.S_IMODE(path.stat().st_mode)
        # A folder we made is 0700 whatever the umask. An existing one of ours only loses
        # group and other access: if its owner made it read-only, we say so rather than undo
        # that. A folder that is plainly not ours (PEERCHECK_HOME=$HOME, or /proc when run as
        # root) keeps its mode; the files we put in it are 0600 all the same.
        wanted = DIR_MODE if created else mode & DIR_MODE
        if mode != wanted and (created or _ours(path)):
            os.chmod(path, wanted)
        if not os.access(path, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, "permission denied")
    except OSError as exc:
        raise PeercheckError(
            messages.HOME_NOT_WRITABLE.format(path=path, reason=_reason(exc)),
            hint=messages.HOME_HINT,
        ) from exc
    return path


def _ours(path: Path) -> bool:
    """Is this folder peercheck's: empty, one of its subfolders, or holding its log?"""
    if path.name in ("drafts", "cache") or (path / "peercheck.db").exists():
        return True
    try:
        return next(path.iterdir(), None) is None
    except OSError:
        return False


def make_private(path: Path) -> None:
    """Set a file we wrote to 0600 (owner read/write only)."""
    try:
        os.chmod(path, FILE_MODE)
    except FileNotFoundError:
        pass


def db_path() -> Path:
    """The reflection log's SQLite file."""
    return home() / "peercheck.db"


def drafts_dir() -> Path:
    """Unfinished reflections, kept after every answer so nothing typed is lost."""
    return ensure_private_dir(home() / "drafts")


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` all-or-nothing and owner-only (see ``open_output``).

    A crash or full disk leaves the old file (or none), never half of the new one.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with open_output(Path(path), binary=True) as handle:
        handle.write(raw)


@contextmanager
def open_output(path: Path | None, *, binary: bool = False) -> Iterator[IO]:
    """Open a user-named output file (or stdout for None/'-'), owner-only, streaming.

    A regular file is written beside its final name and renamed into place only when the
    writing finished, so Ctrl-C or a full disk never leaves half an export (and never eats
    an older one). Devices such as /dev/full are written in place. Errors become one clear
    sentence; a closed pipe (``| head``) is left to main(), which ends quietly.
    """
    import sys

    if path is None or str(path) == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        try:
            yield stream
            stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise write_error(Path("standard output"), exc) from exc
        return
    path = Path(path)
    if path.is_dir():
        raise PeercheckError(messages.OUTPUT_IS_FOLDER.format(path=path))
    regular = not path.exists() or path.is_file()
    target = path.with_name(f".{path.name}.{os.getpid()}.tmp") if regular else path
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        fd = os.open(target, flags, FILE_MODE)
        if regular:
            os.fchmod(fd, FILE_MODE)
        if binary:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise write_error(path, exc) from exc
    try:
        with handle:
            yield handle
            handle.flush()
            if regular:
                os.fsync(handle.fileno())
        if regular:
            os.replace(target, path)
            _fsync_dir(path.parent)
    except BaseException as exc:
        if regular:
            try:
                target.unlink()
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise write_error(path, exc) from exc
        raise


def write_error(path: Path, exc: OSError) -> PeercheckError:
    """Turn an OSError from writing into the message a person can act on."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return PeercheckError(
            messages.DISK_FULL.format(what=str(path)), hint=messages.DISK_FULL_HINT
        )
    folder = Path(path).parent
    if exc.errno == errno.ENOENT and not folder.exists():
        return PeercheckError(
            messages.NO_SUCH_FOLDER.format(folder=folder, name=Path(path).name),
            hint=messages.NO_SUCH_FOLDER_HINT,
        )
    return PeercheckError(messages.CANNOT_WRITE.format(path=path, reason=_reason(exc)))


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
