"""The log and its folder: companions others can read, a busy log, a damaged log, bulk writes.

Each test reproduces a break from the issue with real files and processes, then checks what a
worker would notice: nothing written where others can read it, a busy log never called
damaged, a damaged log never written to, and no message claiming more than was verified.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_faults import _damaged, _seed, answers_file
from test_log_records import sample, seed, write_jsonl


def _db(home: Path) -> Path:
    return home / "peercheck.db"


@pytest.mark.parametrize("log_exists", [True, False])
@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
def test_companion_files_others_can_read_are_refused(run, peercheck_home, tmp_path,
                                                     log_exists, suffix):
    if log_exists:
        seed(sample(2))
    else:  # a shared, non-empty folder where the log is about to be made
        peercheck_home.mkdir(parents=True)
        (peercheck_home / "notes.txt").write_text("someone else's notes")
        os.chmod(peercheck_home, 0o777)
    planted = peercheck_home / f"peercheck.db{suffix}"
    planted.touch()
    os.chmod(planted, 0o644)
    answers = answers_file(tmp_path / "answers.yaml", "a good talk about the allotment")
    for args in (["reflect", "--answers", str(answers)], ["log"]):
        result = run(*args, env={"COLUMNS": "400"})
        if not log_exists and args == ["log"]:
            continue  # no log yet: nothing is opened, nothing written
        assert result.exit_code == 2, (args, result.output)
        assert str(planted) in result.stderr and "read by other people" in result.stderr
        assert f"chmod 600 {planted}" in result.stderr
        assert "Traceback" not in result.output
        assert planted.stat().st_size == 0, "reflections written where others can read them"
    os.chmod(planted, 0o600)
    assert run("reflect", "--answers", str(answers)).exit_code == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="making a file another user owns needs root")
def test_companion_files_another_user_owns_are_refused(run, peercheck_home, tmp_path):
    seed(sample(2))
    planted = peercheck_home / "peercheck.db-wal"
    planted.touch()
    os.chmod(planted, 0o600)
    os.chown(planted, 65534, 65534)
    answers = answers_file(tmp_path / "answers.yaml", "a good talk about the allotment")
    result = run("reflect", "--answers", str(answers), env={"COLUMNS": "400"})
    assert result.exit_code == 2, result.output
    assert "belongs to another user" in result.stderr and str(planted) in result.stderr
    assert planted.stat().st_size == 0


SAVE_AT = r"""
import sys, time
from peercheck.store import open_store
start = float(sys.argv[1])
while time.time() < start:
    pass
with open_store() as log:
    log.save({"context": {"date": "2026-11-20", "tags": ["first"]},
              "answers": {"went-well": "we laughed about the bus"},
              "concepts": [{"id": "hope", "score": 0.5, "level": "growing"}]})
"""


def test_first_saves_into_a_brand_new_log_from_several_processes(tmp_path):
    """Two processes creating the log at the same moment: both save, none is told "damaged"."""
    failures = []
    for trial in range(25):
        home = tmp_path / f"home{trial}"
        env = dict(os.environ, PEERCHECK_HOME=str(home))
        start = time.time() + 0.4
        children = [
            subprocess.Popen([sys.executable, "-c", SAVE_AT, str(start)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)
        ]
        for child in children:
            _, err = child.communicate(timeout=60)
            if child.returncode:
                failures.append(err.strip().splitlines()[-1] if err.strip() else "?")
        if not failures:
            conn = sqlite3.connect(home / "peercheck.db")
            assert conn.execute("SELECT count(*) FROM reflections").fetchone()[0] == 3
            conn.close()
    assert failures == []


def test_a_busy_log_is_never_called_damaged(peercheck_home, monkeypatch):
    from peercheck.errors import StoreError
    from peercheck.store import open_store
    from peercheck.store import sqlite as backend

    seed(sample(1))
    holder = sqlite3.connect(_db(peercheck_home), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(backend, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(backend, "LOCK_RETRIES", 1)
    try:
        with pytest.raises(StoreError) as caught:
            with open_store() as log:
                log.save(sample(2)[1])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    text = caught.value.message + " " + (caught.value.hint or "")
    assert "busy" in text
    assert "cannot be read" not in text and ".recover" not in text


def _statements(store) -> list[str]:
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    return seen


def test_a_save_reads_the_whole_file_only_when_it_may_be_damaged(peercheck_home):
    from peercheck.store import open_store

    seed(sample(3))
    with open_store() as log:  # closed cleanly, checked today: no whole-file scan
        seen = _statements(log)
        log.save(sample(4)[3])
    assert not [s for s in seen if "PRAGMA quick_check" in s]

    # Not closed cleanly: a -wal full of writes stays behind, as after a crash.
    crashed = peercheck_home / "crash"
    shutil.copytree(peercheck_home, crashed, ignore=shutil.ignore_patterns("crash"))
    holder = sqlite3.connect(crashed / "peercheck.db", isolation_level=None)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("UPDATE reflections SET kind = kind")
    shutil.copyfile(crashed / "peercheck.db-wal", crashed / "wal-copy")
    holder.close()
    shutil.copyfile(crashed / "wal-copy", crashed / "peercheck.db-wal")
    os.chmod(crashed / "peercheck.db-wal", 0o600)
    with open_store(crashed / "peercheck.db") as log:
        seen = _statements(log)
        log.save(sample(5)[4])
    assert [s for s in seen if "PRAGMA quick_check" in s]


@pytest.mark.parametrize("command", ["import", "delete", "purge"])
def test_bulk_writes_refuse_a_damaged_log_and_change_nothing(run, peercheck_home, tmp_path,
                                                             command):
    db = _seed(peercheck_home)
    conn = sqlite3.connect(db)
    first = conn.execute("SELECT id FROM reflections ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    damaged = _damaged("scribbled", db.read_bytes())
    db.write_bytes(damaged)
    source = tmp_path / "more.jsonl"
    write_jsonl(source, sample(3))
    args = {
        "import": ["import", str(source)],
        "delete": ["log", "delete", first, "--yes"],
        "purge": ["log", "purge", "--before", "2030-01-01", "--yes"],
    }[command]
    result = run(*args, env={"COLUMNS": "400"})
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert str(db) in result.stderr and ".recover" in result.stderr
    assert db.read_bytes() == damaged, "a bulk write went into a damaged log"
