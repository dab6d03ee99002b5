"""Outputs can never overwrite the log, temp files can't be hijacked, and none are left behind.

Each test breaks the way the issue describes (an export aimed at the log, a planted symlink,
SIGTERM mid-export, a killed draft write, /dev/null called private) and checks what a worker
would notice: the log untouched, their own files untouched, no reflections left lying around.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import peercheck_exe, spawn_reflect
from test_log_records import sample, seed, write_jsonl


def _log(home: Path) -> Path:
    return home / "peercheck.db"


@pytest.mark.parametrize(
    "name", ["peercheck.db", "peercheck.db-wal", "peercheck.db-shm",
             "peercheck.schema1.backup.db", "drafts/01JABC.json", "link-to-log"]
)
def test_outputs_aimed_at_the_log_are_refused(run, peercheck_home, tmp_path, name):
    seed(sample(3))
    log = _log(peercheck_home)
    target = tmp_path / "link-to-log" if name == "link-to-log" else peercheck_home / name
    if name == "link-to-log":
        target.symlink_to(log)
    for extra in (name,) if name.startswith("peercheck.db-") else ():
        (peercheck_home / extra).touch(mode=0o600)
    before = log.read_bytes()
    sources = tmp_path / "a.jsonl"
    write_jsonl(sources, sample(2))
    for args in (["export", "-o", str(target)], ["export", "-f", "json", "-o", str(target)],
                 ["report", str(sources), "-o", str(target)], ["log", "backup", str(target)]):
        result = run(*args, env={"COLUMNS": "400"})
        assert result.exit_code == 2, (args, result.output)
        assert "part of your reflection log" in result.stderr
        assert len(result.stderr.strip().splitlines()) <= 2 and "Traceback" not in result.output
        assert log.read_bytes() == before, args
    assert run("log", "--json").exit_code == 0


def test_a_symlink_planted_at_the_old_temp_name_is_never_followed(cli, tmp_path):
    seed(sample(3))
    shared = tmp_path / "shared"
    shared.mkdir()
    mine = tmp_path / "my-notes.txt"
    mine.write_text("my own notes\n")
    # The predictable name an export used to write through (this process is the exporter).
    (shared / f".out.jsonl.{os.getpid()}.tmp").symlink_to(mine)
    result = cli("export", "-o", str(shared / "out.jsonl"))
    assert result.exit_code == 0, result.output
    assert mine.read_text() == "my own notes\n"
    assert len((shared / "out.jsonl").read_text().splitlines()) == 3
    assert stat.S_IMODE((shared / "out.jsonl").stat().st_mode) == 0o600


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_mid_export_leaves_no_temp_file(peercheck_home, tmp_path, signum):
    from peercheck.store import open_store

    words = "we talked about the allotment and the quiet that followed " * 40
    with open_store() as store:
        store.import_records(sample(4000, words=words))
    out = tmp_path / "out"
    out.mkdir()
    env = dict(os.environ, PEERCHECK_HOME=str(peercheck_home))
    child = subprocess.Popen(
        [peercheck_exe(), "export", "-f", "json", "--as", "Worker A", "-o", str(out / "a.json")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size for p in _temp_files(out)):
        assert child.poll() is None, "the export ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    child.send_signal(signum)
    child.communicate(timeout=30)
    assert child.returncode != 0
    assert list(out.iterdir()) == [], "reflections left behind in a hidden file"


def test_stale_temp_files_of_killed_writes_are_swept(run, peercheck_home, tmp_path):
    drafts = peercheck_home / "drafts"
    drafts.mkdir(parents=True, mode=0o700)
    dead = 2**22 + 12345  # above the usual pid_max, so no process has it
    stale_old = drafts / f".01JABC.json.{dead}.tmp"
    stale_new = drafts / f".01JABD.json.peercheck-{dead}-x1y2.tmp"
    running = drafts / f".01JABE.json.{os.getpid()}.tmp"  # a writer that is still alive
    for path in (stale_old, stale_new, running):
        path.write_text('{"answers": {"went-well": "private words"}}')
    beside = tmp_path / "exports"
    beside.mkdir()
    stale_export = beside / f".a.jsonl.peercheck-{dead}-abc.tmp"
    stale_export.write_text("private words")
    not_ours = beside / f".notes.{dead}.tmp"  # another program's naming: left alone
    not_ours.write_text("theirs")
    seed(sample(2))

    child = spawn_reflect(peercheck_home)  # a new reflection opens the drafts folder
    child.expect("> ")
    child.sendline("")
    child.expect("> ")
    child.kill(signal.SIGTERM)
    child.close()
    assert not stale_old.exists() and not stale_new.exists()
    assert running.exists()
    assert run("export", "-o", str(beside / "a.jsonl")).exit_code == 0
    assert not stale_export.exists()
    assert not_ours.read_text() == "theirs"


def test_only_you_can_read_it_is_said_only_of_a_private_file(run, tmp_path):
    seed(sample(2))
    result = run("export", "-o", os.devnull)
    assert result.exit_code == 0, result.output
    assert "only you can read it" not in result.stderr
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("export", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert len(got[0].splitlines()) == 2
    assert "only you can read it" not in result.stderr
    result = run("export", "-o", str(tmp_path / "a.jsonl"))
    assert "only you can read it" in result.stderr
    assert stat.S_IMODE((tmp_path / "a.jsonl").stat().st_mode) == 0o600


def test_cache_folder_and_files_are_tightened_like_drafts(run, peercheck_home):
    cache = peercheck_home / "cache"
    cache.mkdir(parents=True)
    (cache / "catalog.json").write_text("{}")
    os.chmod(cache, 0o755)
    os.chmod(cache / "catalog.json", 0o644)
    assert run("show", "mutuality").exit_code == 0
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    for path in cache.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
