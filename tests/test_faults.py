"""Faults, for real: kill -9, several writers at once, damaged files, full and read-only disks.

Every test here breaks something with real processes and signals (no mocks) and then checks
what a peer worker would care about: no reflection half-saved, none lost, the damaged file
left exactly as it was, and one clear sentence about what to do.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import peercheck_exe, spawn_reflect

BIG_WORDS = "We sat with the quiet for a while and then talked about the allotment. "

SAVER = r"""
import sys
from peercheck.store import open_store

size, tag = int(sys.argv[1]), sys.argv[2]
text = "We sat with the quiet for a while and then talked about the allotment. " * size
with open_store() as log:
    n = 0
    while True:
        n += 1
        print("saving", flush=True)
        rid = log.save({
            "context": {"date": "2026-11-%02d" % (1 + n % 28), "kind": "one-to-one",
                        "minutes": 50, "tags": [tag, "t%d" % (n % 5)]},
            "prompts": {"went-well": {"question": "What went well?", "kind": "text"}},
            "answers": {"went-well": "%s %d %s" % (tag, n, text), "advice": 2},
            "concepts": [{"id": c, "name": c, "score": 0.5, "level": "growing"}
                         for c in ("hope", "mutuality", "strengths", "respect", "empathy")],
        })
        print(rid, flush=True)
        if len(sys.argv) > 3 and n >= int(sys.argv[3]):
            break
"""


def flat(text: str) -> str:
    return " ".join(text.split())


def db_file(home: Path) -> Path:
    return home / "peercheck.db"


def check_whole(db: Path, *, may_be_new: bool = False) -> set[str]:
    """integrity_check is ok and every reflection is complete; returns the ids stored.

    ``may_be_new``: a kill can land after the first save created the file but before its
    tables exist; such a file holds nothing to lose (the next save builds the schema).
    """
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if may_be_new and conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'reflections'").fetchone() is None:
            return set()
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tags = dict(conn.execute(
            "SELECT reflection_id, count(*) FROM reflection_tags GROUP BY reflection_id"))
        concepts = dict(conn.execute(
            "SELECT reflection_id, count(*) FROM reflection_concepts GROUP BY reflection_id"))
        texts = dict(conn.execute(
            "SELECT reflection_id, count(*) FROM reflection_text GROUP BY reflection_id"))
        ids = set()
        for rid, raw in conn.execute("SELECT id, record FROM reflections"):
            record = json.loads(raw)  # the JSON is whole, never cut short
            assert record["id"] == rid
            assert tags.get(rid, 0) == len(set(record["context"]["tags"]))
            assert concepts.get(rid, 0) == len(record.get("concepts") or [])
            assert texts.get(rid, 0) == 1
            ids.add(rid)
        for table in (tags, concepts, texts):
            assert set(table) <= ids, "half a reflection left behind"
        return ids
    finally:
        conn.close()


def spawn_saver(size: int, tag: str, limit: int | None = None, **kwargs) -> subprocess.Popen:
    args = [sys.executable, "-c", SAVER, str(size), tag]
    if limit is not None:
        args.append(str(limit))
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **kwargs)


def answers_file(path: Path, words: str, *, size: int = 1) -> Path:
    body = (words + " ") * size
    path.write_text(
        "context:\n  date: 2026-11-20\n  kind: group\n  minutes: 45\n  tags: [drop-in]\n"
        "answers:\n"
        f"  went-well: {json.dumps(body)}\n"
        "  advice: 2\n"
        "  listening: 4\n"
        "  next-time: Ask what they have already tried.\n",
        encoding="utf-8",
    )
    return path


# --- kill -9 at random moments -----------------------------------------------------------


def test_kill_9_during_saves_leaves_each_reflection_whole_or_absent(peercheck_home):
    rng = random.Random(6)
    confirmed: set[str] = set()
    mid_save = 0
    for round_ in range(12):
        child = spawn_saver(size=rng.choice([20, 200, 800]), tag=f"round{round_}")
        time.sleep(rng.uniform(0.15, 0.8))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        lines = out.split()
        mid_save += bool(lines) and lines[-1] == "saving"  # killed inside save()
        confirmed |= set(lines) - {"saving"}  # ids whose save() had returned before the kill
        stored = check_whole(db_file(peercheck_home), may_be_new=True)
        assert confirmed <= stored, "a reflection reported as saved was lost"
    assert len(confirmed) > 12  # the children really were saving when they died
    assert mid_save >= 6  # and most kills landed inside a save


def test_kill_9_of_reflect_answers_at_random_moments(peercheck_home, tmp_path):
    rng = random.Random(9)
    answers = answers_file(tmp_path / "answers.yaml", BIG_WORDS, size=300)
    finished = 0
    for _ in range(8):
        child = subprocess.Popen([peercheck_exe(), "reflect", "--answers", str(answers),
                                  "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.1, 1.2))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        finished += child.returncode == 0
        if db_file(peercheck_home).exists():
            check_whole(db_file(peercheck_home), may_be_new=True)
    # Whatever happened, the log still works and takes the next reflection.
    done = subprocess.run([peercheck_exe(), "reflect", "--answers", str(answers), "--json"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    saved = json.loads(done.stdout)["id"]
    assert saved in check_whole(db_file(peercheck_home))


# --- several writers at once -------------------------------------------------------------


def test_several_processes_saving_at_once_all_succeed(peercheck_home):
    children = [spawn_saver(size=20, tag=f"writer{i}", limit=15) for i in range(8)]
    results = [child.communicate(timeout=120) for child in children]
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert len(out.split()) == 30
    stored = check_whole(db_file(peercheck_home))
    assert len(stored) == 8 * 15
    assert stored == {rid for out, _ in results for rid in out.split() if rid != "saving"}


def test_several_reflect_commands_at_once_all_save(peercheck_home, tmp_path):
    files = [answers_file(tmp_path / f"a{i}.yaml", f"writer {i} felt heard") for i in range(6)]
    children = [
        subprocess.Popen([peercheck_exe(), "reflect", "--answers", str(f), "--json"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for f in files
    ]
    ids = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        ids.append(json.loads(out)["id"])
    assert set(ids) == check_whole(db_file(peercheck_home))


# --- damaged and foreign files -----------------------------------------------------------


def _seed(home: Path, n: int = 60) -> Path:
    child = spawn_saver(size=40, tag="seed", limit=n)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    return db_file(home)


def _damaged(kind: str, good: bytes) -> bytes:
    rng = random.Random(kind)
    if kind == "garbage":
        return rng.randbytes(len(good))
    if kind == "notes":
        return b"my private notes, not a database\n" * 100
    if kind == "truncated":
        return good[: len(good) // 3]
    if kind == "scribbled":  # header fine, pages in the middle overwritten
        middle = len(good) // 2
        return good[:middle] + rng.randbytes(8192) + good[middle + 8192:]
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["garbage", "notes", "truncated", "scribbled"])
def test_damaged_log_is_named_never_written_and_recovery_explained(
    peercheck_home, tmp_path, run, kind
):
    db = _seed(peercheck_home)
    damaged = _damaged(kind, db.read_bytes())
    db.write_bytes(damaged)
    listing = sorted(p.name for p in peercheck_home.iterdir())
    answers = answers_file(tmp_path / "answers.yaml", "a good talk about the allotment")

    wide = {"COLUMNS": "400"}
    for args in (["reflect", "--answers", str(answers)], ["log"], ["log", "--json"],
                 ["trends"], ["export", "-o", str(tmp_path / "out.jsonl")]):
        result = run(*args, env=wide)
        if kind == "scribbled" and result.exit_code == 0:
            continue  # the pages these reads need may be intact; what matters is no writing
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        assert str(db) in result.stderr
        assert "backup" in result.stderr and ".recover" in result.stderr
        assert db.read_bytes() == damaged, f"{args} changed the damaged file"
    assert db.read_bytes() == damaged
    # No -wal/-shm left beside it (the reflection's draft and the values cache may appear).
    assert {p.name for p in peercheck_home.iterdir()} - {"drafts", "cache"} == set(listing)
    drafts = list((peercheck_home / "drafts").glob("*.json"))
    assert len(drafts) == 1
    assert "allotment" in drafts[0].read_text(encoding="utf-8")


def test_another_programs_sqlite_file_is_refused_untouched(peercheck_home, run):
    peercheck_home.mkdir(mode=0o700, parents=True)
    db = db_file(peercheck_home)
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.close()
    before = db.read_bytes()
    result = run("log", env={"COLUMNS": "400"})
    assert result.exit_code == 2
    assert "not one peercheck wrote" in result.stderr and str(db) in result.stderr
    assert db.read_bytes() == before


def test_a_folder_where_the_log_should_be(peercheck_home, run):
    db_file(peercheck_home).mkdir(parents=True)
    result = run("log", env={"COLUMNS": "400"})
    assert result.exit_code == 2
    assert "is a folder" in result.stderr
    assert "Traceback" not in result.output


# --- full disk: a file-size limit in the child makes writes fail with EFBIG --------------


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_write_failure_while_saving_keeps_the_draft_and_says_so(peercheck_home, tmp_path):
    db = _seed(peercheck_home, n=5)
    before = check_whole(db)
    # About 40 KB of free text: the draft (one copy) fits under 96 KB, but the reflection's
    # pages in the WAL (record, search index, its content) do not.
    answers = answers_file(tmp_path / "answers.yaml", BIG_WORDS, size=550)
    proc = subprocess.run(
        [peercheck_exe(), "reflect", "--answers", str(answers)], capture_output=True,
        text=True, preexec_fn=_limit_file_size(96 * 1024), env={**os.environ, "COLUMNS": "300"},
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "not saved" in proc.stderr and "draft" in proc.stderr
    assert check_whole(db) == before  # nothing half-written
    drafts = list((peercheck_home / "drafts").glob("*.json"))
    assert len(drafts) == 1 and "allotment" in drafts[0].read_text(encoding="utf-8")

    # With room again, --resume saves the kept answers and tidies the draft away.
    resumed = subprocess.run([peercheck_exe(), "reflect", "--resume", "--json"],
                             capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert resumed.returncode == 0, resumed.stderr
    record = json.loads(resumed.stdout)
    assert "allotment" in record["answers"]["went-well"]
    assert check_whole(db) == before | {record["id"]}
    assert not list((peercheck_home / "drafts").glob("*.json"))


def test_when_not_even_a_draft_fits_the_answers_are_printed(peercheck_home, tmp_path):
    db = _seed(peercheck_home, n=2)
    before = check_whole(db)
    answers = answers_file(tmp_path / "answers.yaml", BIG_WORDS, size=550)
    # 16 KB: too small for the reflection's WAL frames and for its draft alike.
    proc = subprocess.run(
        [peercheck_exe(), "reflect", "--answers", str(answers)], capture_output=True,
        text=True, preexec_fn=_limit_file_size(16 * 1024), env={**os.environ, "COLUMNS": "300"},
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "here are your answers" in proc.stderr
    assert BIG_WORDS.strip() in proc.stderr  # the words themselves, ready to copy
    assert "Ask what they have already tried." in proc.stderr
    assert check_whole(db) == before
    assert not list((peercheck_home / "drafts").glob("*.json"))


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_other_signals_during_saves_leave_whole_reflections(peercheck_home, signum):
    rng = random.Random(signum)
    confirmed: set[str] = set()
    for round_ in range(5):
        child = spawn_saver(size=rng.choice([20, 400]), tag=f"signal{round_}")
        # Once the log is open (Python's start-up alone can take longer on a busy machine).
        assert child.stdout.readline().strip() == "saving"
        time.sleep(rng.uniform(0.0, 0.5))
        child.send_signal(signum)
        out, err = child.communicate(timeout=30)
        assert child.returncode != 0
        assert "Error" not in err or "KeyboardInterrupt" in err  # stopped, not broken
        confirmed |= set(out.split()) - {"saving"}
        assert confirmed <= check_whole(db_file(peercheck_home), may_be_new=True)
    assert confirmed


def test_store_api_reports_a_size_limit_as_a_clear_sentence(peercheck_home):
    db = _seed(peercheck_home, n=3)
    child = subprocess.run(
        [sys.executable, "-c", SAVER.replace("print(rid", "print(rid, file=sys.stderr); print(rid"),
         "600", "big", "1"],
        capture_output=True, text=True, preexec_fn=_limit_file_size(64 * 1024),
    )
    assert child.returncode == 1
    assert "StoreError" in child.stderr and "was not saved" in child.stderr
    assert len(check_whole(db)) == 3


# --- read-only files: as root, drop the powers that let root ignore permissions ----------


def as_ordinary_user() -> list[str]:
    """A command prefix under which file permissions apply (root ignores them otherwise)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root without setpriv: permissions cannot be enforced")
    caps = "-dac_override,-dac_read_search,-fowner,-linux_immutable"
    return [setpriv, "--bounding-set", caps, "--inh-caps", caps]


def test_read_only_log_keeps_the_draft_and_says_so(peercheck_home, tmp_path):
    db = _seed(peercheck_home, n=4)
    before = check_whole(db)
    os.chmod(db, 0o400)
    answers = answers_file(tmp_path / "answers.yaml", "we planned the allotment visit")
    proc = subprocess.run(
        [*as_ordinary_user(), peercheck_exe(), "reflect", "--answers", str(answers)],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "300"},
    )
    assert proc.returncode == 2, proc.stderr
    assert "read-only" in proc.stderr and "draft" in proc.stderr
    assert "Traceback" not in proc.stderr
    os.chmod(db, 0o600)
    assert check_whole(db) == before
    drafts = list((peercheck_home / "drafts").glob("*.json"))
    assert len(drafts) == 1 and "allotment" in drafts[0].read_text(encoding="utf-8")

    # Reading a read-only log still works.
    os.chmod(db, 0o400)
    listing = subprocess.run([*as_ordinary_user(), peercheck_exe(), "log", "--json"],
                             capture_output=True, text=True)
    assert listing.returncode == 0, listing.stderr
    assert len(json.loads(listing.stdout)) == 4


def test_read_only_home_folder_is_one_clear_sentence(peercheck_home):
    _seed(peercheck_home, n=2)
    os.chmod(peercheck_home, 0o500)
    try:
        proc = subprocess.run([*as_ordinary_user(), peercheck_exe(), "log"],
                              capture_output=True, text=True, env={**os.environ,
                                                                   "COLUMNS": "300"})
    finally:
        mode = peercheck_home.stat().st_mode & 0o777
        os.chmod(peercheck_home, 0o700)
    assert proc.returncode == 2
    assert "cannot write to its folder" in proc.stderr and "Traceback" not in proc.stderr
    assert mode == 0o500  # peercheck did not quietly make it writable again


# --- drafts survive Ctrl-C and crashes ---------------------------------------------------


def _interactive(home: Path):
    child = spawn_reflect(home)
    for _ in range(4):  # date, kind, minutes, tags: all skipped
        child.expect("> ")
        child.sendline("")
    child.expect("talk about in this session")
    child.expect("> ")
    child.sendline("We talked about the allotment and her sister's visit")
    child.expect("What went well")
    child.expect("> ")
    child.sendline("I let the silence be")
    child.expect("> ")
    return child


@pytest.mark.parametrize("how", ["ctrl-c", "kill -9", "hang-up"])
def test_draft_survives_interruptions_and_resumes(peercheck_home, how):
    child = _interactive(peercheck_home)
    if how == "ctrl-c":
        child.sendintr()
        child.expect("kept")
        child.expect(pexpect_eof())
    elif how == "kill -9":
        child.kill(signal.SIGKILL)
    else:
        child.kill(signal.SIGHUP)
    child.close()
    drafts = list((peercheck_home / "drafts").glob("*.json"))
    assert len(drafts) == 1
    draft = json.loads(drafts[0].read_text(encoding="utf-8"))  # whole, valid JSON
    assert draft["answers"]["what-happened"].startswith("We talked about the allotment")
    assert draft["answers"]["went-well"] == "I let the silence be"
    assert drafts[0].stat().st_mode & 0o777 == 0o600
    assert (peercheck_home / "drafts").stat().st_mode & 0o777 == 0o700

    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "PEERCHECK_HOME": str(peercheck_home), "NO_COLOR": "1",
           "COLUMNS": "80", "TERM": "dumb"}
    again = pexpect.spawn(peercheck_exe(), ["reflect", "--resume", "--json"], env=env,
                          encoding="utf-8", timeout=20)
    again.expect("> ")
    for _ in range(40):  # q would stop; Enter skips the remaining questions
        again.sendline("")
        if again.expect(["> ", pexpect.EOF]) == 1:
            break
    again.close()
    assert again.exitstatus == 0
    ids = check_whole(db_file(peercheck_home))
    assert len(ids) == 1
    record = json.loads(
        sqlite3.connect(db_file(peercheck_home)).execute("SELECT record FROM reflections")
        .fetchone()[0]
    )
    assert record["answers"]["went-well"] == "I let the silence be"
    assert not list((peercheck_home / "drafts").glob("*.json"))


def pexpect_eof():
    import pexpect

    return pexpect.EOF
