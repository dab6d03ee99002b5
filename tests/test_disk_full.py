"""A really full disk, not a simulated one: a tiny tmpfs mounted for the test (root only)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import FILLED_ANSWERS

pytestmark = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a tmpfs needs root"
)

UNIQUE = "Rainbow-kettle-4471 is a phrase that appears nowhere else."


@pytest.fixture
def tiny_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _fill(folder: Path) -> Path:
    """Write zeros until the device says it is full."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM reflections").fetchone()[0]


def test_a_full_disk_loses_nothing_and_says_so(run, tiny_disk, tmp_path):
    home = tiny_disk / "home"
    env = {"PEERCHECK_HOME": str(home)}
    answers = tmp_path / "answers.yaml"
    answers.write_text(FILLED_ANSWERS, encoding="utf-8")
    first = run("reflect", "--answers", str(answers), env=env)
    assert first.exit_code == 0, first.output
    db = home / "peercheck.db"
    assert _count(db) == 1

    second_answers = tmp_path / "second.yaml"
    second_answers.write_text(
        FILLED_ANSWERS.replace("Leave more room before I speak.", UNIQUE * 40),
        encoding="utf-8",
    )
    filler = _fill(tiny_disk)
    result = run("reflect", "--answers", str(second_answers), env=env)

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    said = " ".join(result.stderr.split())
    assert "is full" in said
    assert "cannot be read" not in said and ".recover" not in said  # the log is not damaged
    # Nowhere to keep a draft either, so the answers are handed back on screen.
    assert UNIQUE in result.output

    filler.unlink()
    assert _count(db) == 1  # the earlier reflection is whole, nothing half-written
    again = run("reflect", "--answers", str(second_answers), env=env)
    assert again.exit_code == 0, again.output
    assert _count(db) == 2
