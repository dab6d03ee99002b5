"""Schema versions: an older log is backed up and migrated once; a newer one is left alone."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from peercheck.errors import StoreError
from peercheck.store import Filters
from peercheck.store import sqlite as store

FIXTURE = Path(__file__).parent / "fixtures" / "peercheck-schema1.db"
FIXTURE_IDS = {"01JCW8Q2T5ZK3M9V7XH4R6B1NA", "01JD2F7Y0B8Q5N3C1KZ6W9M4TE"}


@pytest.fixture
def old_log(peercheck_home) -> Path:
    """The first-version fixture, copied to where peercheck looks for its log."""
    peercheck_home.mkdir(mode=0o700, parents=True, exist_ok=True)
    db = peercheck_home / "peercheck.db"
    shutil.copyfile(FIXTURE, db)
    os.chmod(db, 0o600)
    return db


def _schema(db: Path) -> tuple[int, list[str], set[str]]:
    """(user_version, migration names, columns of _migrations)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        names = [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]
        columns = {r[1] for r in conn.execute("PRAGMA table_info(_migrations)")}
    finally:
        conn.close()
    return version, names, columns


def test_fixture_is_really_the_first_schema():
    version, names, columns = _schema(FIXTURE)
    assert version == 1
    assert names == ["001_initial"]
    assert columns == {"name", "applied_at"}


def test_migrations_are_named_and_append_only():
    names = [name for name, _ in store.MIGRATIONS]
    assert names[0] == "001_initial"
    assert len(set(names)) == len(names)
    numbers = [int(n.split("_")[0]) for n in names]
    # Increasing, each named once; a number may be missing while a branch holding it lands
    # (logs are migrated by name, so a later-numbered one never hides an earlier one).
    assert numbers == sorted(set(numbers))
    assert store.SCHEMA_VERSION == len(names) >= 2


def test_old_log_is_backed_up_migrated_and_announced_once(old_log):
    before = old_log.read_bytes()
    with store.SQLiteStore(old_log) as log:
        assert len(log.notices) == 1
        notice = log.notices[0]
        assert log.count() == 2
        assert {r["id"] for r in log.query()} == FIXTURE_IDS
    backups = sorted(old_log.parent.glob("peercheck.schema1.backup*.db"))
    assert len(backups) == 1
    assert str(backups[0]) in notice
    # The backup holds the old log whole, still at schema 1, owner-only.
    assert _schema(backups[0])[0] == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT count(*) FROM reflections").fetchone()[0] == 2
    assert before != old_log.read_bytes()

    version, names, columns = _schema(old_log)
    assert version == store.SCHEMA_VERSION
    assert names == [name for name, _ in store.MIGRATIONS]
    assert "peercheck" in columns
    from peercheck import __version__

    with sqlite3.connect(old_log) as conn:
        writers = dict(conn.execute("SELECT name, peercheck FROM _migrations"))
    conn.close()
    # What this peercheck applied carries its version; the first one's writer is unknown.
    assert writers == {"001_initial": None, **{n: __version__ for n in names[1:]}}

    # Said once: the next opening has nothing to announce and makes no new backup.
    with store.SQLiteStore(old_log) as log:
        assert log.notices == []
    assert len(list(old_log.parent.glob("peercheck.schema1.backup*.db"))) == 1


def test_migrated_log_reads_filters_and_saves_like_a_new_one(old_log):
    with store.SQLiteStore(old_log) as log:
        record = log.get("01JCW8Q2")
        assert record["answers"]["next-time"].startswith("Ask what they already tried")
        hope = list(log.query(Filters(concept="hope")))
        assert [r["id"] for r in hope] == ["01JD2F7Y0B8Q5N3C1KZ6W9M4TE"]
        new_id = log.save({"context": {"date": "2026-11-23", "tags": []}, "answers": {},
                           "concepts": [{"id": "hope", "score": 0.9, "level": "strong"}]})
        assert len(list(log.query(Filters(concept="hope")))) == 2
        assert log.get(new_id)["id"] == new_id
        assert log.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # 004 linked each old reflection to its searchable text: search finds old and new.
        assert [r["id"] for r in log.search("timetable")] == ["01JCW8Q2T5ZK3M9V7XH4R6B1NA"]
        assert [r["id"] for r in log.search("supervisor")] == ["01JD2F7Y0B8Q5N3C1KZ6W9M4TE"]
        # 004 gave the old scores their session dates, so trends see old and new alike.
        assert list(log.concept_series()) == [
            ("hope", "2026-11-20", 0.5, 1), ("hope", "2026-11-23", 0.9, 1),
            ("mutuality", "2026-11-16", 0.75, 1), ("self-determination", "2026-11-16", 0.8, 1),
        ]
        assert list(log.concept_series(Filters(since=date(2026, 11, 18)))) == [
            ("hope", "2026-11-20", 0.5, 1), ("hope", "2026-11-23", 0.9, 1),
        ]


def test_a_migration_missing_before_a_later_one_is_still_applied(old_log):
    """Migrations go by name: a log that has a later one still gets an earlier one it lacks."""
    with store.SQLiteStore(old_log):
        pass
    conn = sqlite3.connect(old_log)
    with conn:
        conn.execute("DELETE FROM _migrations WHERE name = '002_migrations_record_the_version'")
        conn.execute("ALTER TABLE _migrations DROP COLUMN peercheck")
        conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION - 1}")
    conn.close()
    with store.SQLiteStore(old_log) as log:
        names = [r[0] for r in log.conn.execute("SELECT name FROM _migrations ORDER BY name")]
    assert names == [name for name, _ in store.MIGRATIONS]


def test_migration_through_the_cli_says_so_once(old_log, run):
    first = run("log", "--json", env={"COLUMNS": "300"})
    assert first.exit_code == 0, first.output
    assert "updated to the new format" in first.stderr
    assert "01JCW8Q2T5ZK3M9V7XH4R6B1NA" in first.stdout
    second = run("log", "--json")
    assert second.exit_code == 0, second.output
    assert "updated to the new format" not in second.stderr


def test_newer_log_is_refused_and_left_untouched(peercheck_home, run):
    peercheck_home.mkdir(mode=0o700, parents=True, exist_ok=True)
    db = peercheck_home / "peercheck.db"
    shutil.copyfile(FIXTURE, db)
    with sqlite3.connect(db) as conn:
        conn.execute("ALTER TABLE _migrations ADD COLUMN peercheck TEXT")
        conn.execute("INSERT INTO _migrations VALUES ('999_future', 'now', '9.4.0')")
        conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 5}")
    conn.close()
    os.chmod(db, 0o600)
    before = db.read_bytes()
    listing = sorted(p.name for p in peercheck_home.iterdir())

    with pytest.raises(StoreError) as caught:
        store.SQLiteStore(db)
    assert "newer peercheck" in caught.value.message

    result = run("log", env={"COLUMNS": "300"})
    assert result.exit_code == 2
    assert "newer peercheck (9.4.0)" in result.stderr
    assert "Install peercheck 9.4.0 or later" in result.stderr
    assert str(db) in result.stderr
    assert "Traceback" not in result.output
    assert db.read_bytes() == before
    assert sorted(p.name for p in peercheck_home.iterdir()) == listing  # no -wal, no backup


def test_a_migration_that_fails_leaves_the_old_log_as_it_was(old_log, monkeypatch):
    before = old_log.read_bytes()
    broken = [*store.MIGRATIONS, ("999_broken", "CREATE TABLE reflections (x)")]
    monkeypatch.setattr(store, "MIGRATIONS", broken)
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(broken))
    with pytest.raises(StoreError):
        store.SQLiteStore(old_log)
    monkeypatch.undo()
    # The transaction rolled back: still schema 1 with both reflections, and a backup exists.
    assert _schema(old_log)[0] == 1
    with sqlite3.connect(old_log) as conn:
        assert conn.execute("SELECT count(*) FROM reflections").fetchone()[0] == 2
    conn.close()
    assert list(old_log.parent.glob("peercheck.schema1.backup*.db"))
    with store.SQLiteStore(old_log) as log:  # and the real migrations still run afterwards
        assert log.count() == 2
    assert _schema(old_log)[0] == store.SCHEMA_VERSION
    assert before


OPEN_AND_SAVE = r"""
import json, sys, time
from peercheck.store import open_store
start = float(sys.argv[1])
time.sleep(max(0.0, start - time.time()))
with open_store() as log:
    rid = log.save({"context": {"date": "2026-11-23", "tags": []}, "answers": {"a": "b"}})
    print(json.dumps({"id": rid, "notices": log.notices}))
"""


def test_several_processes_opening_an_old_log_at_once(old_log):
    import json
    import subprocess
    import sys
    import time

    start = str(time.time() + 1.0)  # all of them open at (nearly) the same moment
    children = [subprocess.Popen([sys.executable, "-c", OPEN_AND_SAVE, start],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(6)]
    results = []
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        results.append(json.loads(out))
    # Exactly one of them copied and migrated the log, and said so; every save landed.
    assert sum(len(r["notices"]) for r in results) == 1
    assert len(list(old_log.parent.glob("peercheck.schema1.backup*.db"))) == 1
    with store.SQLiteStore(old_log) as log:
        assert log.count() == 2 + 6
        assert log.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _schema(old_log)[1] == [name for name, _ in store.MIGRATIONS]
