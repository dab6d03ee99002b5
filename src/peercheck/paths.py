"""Where peercheck keeps things, and how it writes them safely and privately.

Everything lives under one folder: ``PEERCHECK_HOME`` when set, otherwise the platform's user
data folder. The folder is 0700 and every file in it 0600, whatever the umask, because
reflections are personal.
"""

from __future__ import annotations

import errno
import os
import re
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
            if not created and path.name in ("drafts", "cache"):
                _tighten_files(path)
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


def _tighten_files(folder: Path) -> None:
    """Drop group/other access from the files of one of peercheck's own subfolders."""
    uid = os.getuid()
    with os.scandir(folder) as entries:
        for entry in entries:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and st.st_uid == uid and st.st_mode & 0o077:
                os.chmod(entry.path, stat.S_IMODE(st.st_mode) & 0o700)


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
    """Unfinished reflections, kept after every answer so nothing typed is lost.

    Temporary files of a draft write that was killed are swept here, where drafts are
    opened anyway.
    """
    folder = ensure_private_dir(home() / "drafts")
    sweep_temp_files(folder, ours=True)
    return folder


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write one of peercheck's own files (a draft, a cache) all-or-nothing and owner-only.

    A crash or full disk leaves the old file (or none), never half of the new one.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with _replacing(Path(path), binary=True) as handle:
        handle.write(raw)


@contextmanager
def open_output(path: Path | None, *, binary: bool = False) -> Iterator[IO]:
    """Open a user-named output file (or stdout for None/'-'), owner-only, streaming.

    A regular file is written beside its final name and renamed into place only when the
    writing finished, so Ctrl-C, SIGTERM or a full disk never leaves half an export (and never
    eats an older one). Devices such as /dev/full are written in place. A name that is the log
    itself, its companions, a backup or a draft is refused: an export must never replace the
    reflections it was made from. Errors become one clear sentence; a closed pipe (``| head``)
    is left to main(), which ends quietly.
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
    refuse_log_file(path)
    with _replacing(path, binary=binary) as handle:
        yield handle


def refuse_log_file(path: Path) -> None:
    """Refuse an output that is (or links to) the log, its -wal/-shm, a backup or a draft."""
    if is_log_file(path):
        raise PeercheckError(
            messages.OUTPUT_IS_LOG.format(path=path), hint=messages.OUTPUT_IS_LOG_HINT
        )


def is_log_file(path: Path) -> bool:
    """True when writing ``path`` would replace part of the reflection log or a draft."""
    try:
        real = Path(os.path.realpath(path))
        base = Path(os.path.realpath(home(create=False)))
    except (OSError, RuntimeError, PeercheckError):
        return False
    if real.parent == base / "drafts":
        return True
    if real.parent == base and _LOG_NAME.match(real.name):
        return True
    # A hard link to the log has another name but the same file underneath.
    try:
        st = real.stat()
    except OSError:
        return False
    for name in ("peercheck.db", "peercheck.db-wal", "peercheck.db-shm"):
        try:
            other = (base / name).stat()
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            return True
    return False


# The log, its companions (-wal, -shm, -journal, -seal) and the copies made before a migration.
_LOG_NAME = re.compile(r"^peercheck(\.schema\d+\.backup\d*)?\.db(-wal|-shm|-journal|-seal)?$")
# Temporary files beside an output: ".NAME.peercheck-PID-RANDOM.tmp"; older versions used
# ".NAME.PID.tmp", swept only in peercheck's own folders.
_TEMP_NAME = re.compile(r"^\..+\.peercheck-(\d+)-[A-Za-z0-9_]+\.tmp$")
_OLD_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.tmp$")


@contextmanager
def _replacing(path: Path, *, binary: bool) -> Iterator[IO]:
    """Write ``path`` through a fresh temporary file renamed into place at the end.

    The temporary file gets a random name, is created exclusively and never through a
    symlink (mkstemp), so a name planted in a shared folder cannot redirect the write.
    SIGTERM and SIGHUP while writing remove it before the process ends.
    """
    regular = not path.exists() or path.is_file()
    try:
        if regular:
            import tempfile

            sweep_temp_files(path.parent)
            fd, name = tempfile.mkstemp(
                prefix=f".{path.name}.peercheck-{os.getpid()}-", suffix=".tmp", dir=path.parent
            )
            target = Path(name)
            os.fchmod(fd, FILE_MODE)
        else:
            target = path
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        if binary:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise write_error(path, exc) from exc
    try:
        with signals_end_cleanly():
            with handle:
                yield handle
                handle.flush()
                if regular:
                    os.fsync(handle.fileno())
            if regular:
                os.replace(target, path)
        if regular:
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


@contextmanager
def signals_end_cleanly() -> Iterator[None]:
    """Turn SIGTERM/SIGHUP into SystemExit for the block, so cleanup code runs."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        handler = signal.getsignal(sig)
        if handler in (signal.SIG_DFL, None):  # leave a caller's own handling alone
            previous[sig] = signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def sweep_temp_files(folder: Path, *, ours: bool = False) -> None:
    """Remove temporary files peercheck left behind when its process was killed.

    Only files of peercheck's naming, owned by this user, whose process is gone. In
    peercheck's own folders (``ours``) the older ".NAME.PID.tmp" naming is swept too.
    """
    uid = os.getuid()
    try:
        entries = os.scandir(folder)
    except OSError:
        return
    with entries:
        for entry in entries:
            if not entry.name.endswith(".tmp"):
                continue
            match = _TEMP_NAME.match(entry.name) or (ours and _OLD_TEMP_NAME.match(entry.name))
            if not match or int(match.group(1)) == os.getpid() or _alive(int(match.group(1))):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(st.st_mode) and st.st_uid == uid:
                    os.unlink(entry.path)
            except OSError:
                continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. EPERM: someone else's process is running under that id
        return True
    return True


def private_note(path: Path | None) -> str:
    """" (only you can read it)" when ``path`` is an owner-only regular file of this user.

    Said only of what peercheck created or tightened, never of /dev/null or a pipe.
    """
    if path is None or str(path) == "-":
        return ""
    try:
        st = os.lstat(path)
    except OSError:
        return ""
    if stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077:
        return messages.OUTPUT_PRIVATE
    return ""


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
