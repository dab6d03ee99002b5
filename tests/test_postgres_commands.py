"""Every command against the team log on PostgreSQL, as a worker and a supervisor would use it."""

from __future__ import annotations

import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor

from conftest import FILLED_ANSWERS

OTHER_DAY = FILLED_ANSWERS.replace("2026-11-20", "2026-10-02").replace(
    "first-meeting", "group").replace("going back to college", "finding a new flat")


def _env(team_db, role: str = "alice", **extra: str) -> dict[str, str]:
    return {"PEERCHECK_DATABASE_URL": team_db.url(role), **extra}


def _reflect(run, env, answers: str = FILLED_ANSWERS, *extra: str) -> str:
    result = run("reflect", "--answers", "-", "--json", *extra, input=answers, env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["id"]


def test_team_setup_is_idempotent_and_says_what_it_did(run, pg_cluster):
    with pg_cluster.superuser() as conn:
        conn.execute("CREATE DATABASE fresh_setup OWNER admin")
    try:
        env = {"PEERCHECK_DATABASE_URL": pg_cluster.url("admin", "fresh_setup")}
        first = run("team", "setup", env=env)
        assert first.exit_code == 0, first.output
        assert "Applied migration 001_initial." in first.stderr
        assert "Applied migration 002_children_without_foreign_keys." in first.stderr
        assert "is ready (schema 2)" in first.stderr
        again = run("team", "setup", env=env)
        assert again.exit_code == 0
        assert "Nothing to change" in again.stderr and "Applied" not in again.stderr
        assert "s3cret" not in first.output + again.output
    finally:
        with pg_cluster.superuser() as conn:
            conn.execute("DROP DATABASE fresh_setup WITH (FORCE)")


def test_add_worker_grants_membership_once(run, team_db, pg_cluster):
    with pg_cluster.superuser() as conn:
        conn.execute("DROP ROLE IF EXISTS carol")
        conn.execute("CREATE ROLE carol LOGIN PASSWORD 's3cret-for-tests'")
    env = _env(team_db, "admin")
    assert "carol is now a member of peercheck_worker" in run(
        "team", "add-worker", "carol", env=env).stderr
    assert "already a member" in run("team", "add-worker", "carol", env=env).stderr
    missing = run("team", "add-supervisor", "nosuchrole", env=env)
    assert missing.exit_code == 2
    assert "CREATE ROLE nosuchrole LOGIN" in missing.stderr
    # carol can now save, and sees only her own (none yet) before that.
    assert "empty" in run("log", env=_env(team_db, "carol")).stderr


def test_log_commands_work_against_the_server(run, team_db, tmp_path):
    env = _env(team_db)
    first = _reflect(run, env)
    second = _reflect(run, env, OTHER_DAY)
    path = run("log", "path", env=env)
    port = team_db.cluster.port
    assert path.stdout.strip() == f"postgresql://alice@127.0.0.1:{port}/{team_db.name}"
    listing = run("log", "-n", "10", env=env)
    assert listing.exit_code == 0
    assert first[:8] in listing.stdout and second[:8] in listing.stdout
    shown = run("log", "show", first[:10], "--json", env=env)
    assert json.loads(shown.stdout)["id"] == first
    assert [r["id"] for r in json.loads(run("log", "--json", "--tag", "group", env=env).stdout)
            ] == [second]
    found = run("log", "search", "college", "--json", env=env)
    assert [r["id"] for r in json.loads(found.stdout)] == [first]
    trends = run("trends", "--json", env=env)
    assert trends.exit_code == 0, trends.output
    csv_out = run("export", "--format", "csv", env=env)
    assert csv_out.exit_code == 0 and first in csv_out.stdout and "mutuality" in csv_out.stdout
    backup = tmp_path / "copy.db"
    assert run("log", "backup", str(backup), env=env).exit_code == 0
    assert sqlite3.connect(backup).execute("SELECT count(*) FROM reflections").fetchone()[0] == 2
    assert backup.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".copy")) == []
    assert run("log", "delete", second, "--yes", env=env).exit_code == 0
    assert run("log", "purge", "--before", "2026-12-01", "--yes", env=env).exit_code == 0
    assert "empty" in run("log", env=env).stderr


def test_export_and_import_round_trip_between_the_backends(run, team_db, tmp_path):
    local = {"PEERCHECK_HOME": str(tmp_path / "local")}
    _reflect(run, local)
    _reflect(run, local, OTHER_DAY)
    exported = tmp_path / "local.jsonl"
    assert run("export", "--format", "jsonl", "-o", str(exported), env=local).exit_code == 0
    env = _env(team_db)
    assert run("import", str(exported), env=env).exit_code == 0
    back = tmp_path / "server.jsonl"
    assert run("export", "--format", "jsonl", "-o", str(back), env=env).exit_code == 0
    assert back.read_text() == exported.read_text()
    # and back into an empty local log, unchanged again
    other = {"PEERCHECK_HOME": str(tmp_path / "other")}
    assert run("import", str(back), env=other).exit_code == 0
    again = tmp_path / "again.jsonl"
    assert run("export", "--format", "jsonl", "-o", str(again), env=other).exit_code == 0
    assert again.read_text() == exported.read_text()
    # the spreadsheet export reads the same from either backend
    for fmt in ("csv", "markdown"):
        assert run("export", "--format", fmt, env=env).stdout == run(
            "export", "--format", fmt, env=local).stdout


def test_team_push_copies_the_local_log_once(run, team_db, tmp_path):
    home = str(tmp_path / "laptop")
    first = _reflect(run, {"PEERCHECK_HOME": home})
    env = _env(team_db, PEERCHECK_HOME=home)
    pushed = run("team", "push", env=env)
    assert pushed.exit_code == 0 and "Copied 1 reflection" in pushed.stderr
    again = run("team", "push", env=env)
    assert "Copied 0 reflections" in again.stderr and "1 was there already" in again.stderr
    assert [r["id"] for r in json.loads(run("log", "--json", env=env).stdout)] == [first]


def test_sharing_is_the_workers_choice_and_the_report_reads_only_shared(run, team_db):
    alice, bob, sam = _env(team_db), _env(team_db, "bob"), _env(team_db, "sam")
    needs_label = run("log", "share", _reflect(run, alice), env=alice)
    assert needs_label.exit_code == 2 and "team label" in needs_label.stderr
    assert run("reflect", "--answers", "-", "--share", input=FILLED_ANSWERS,
               env=bob).exit_code == 2
    assert run("team", "label", "Worker A", env=alice).exit_code == 0
    assert run("team", "label", "Worker B", env=bob).exit_code == 0
    kept = _reflect(run, alice, OTHER_DAY)
    shared = _reflect(run, alice, FILLED_ANSWERS, "--share")
    _reflect(run, bob, FILLED_ANSWERS, "--share")
    status = run("team", "status", env=alice)
    assert "3 reflections in the team log; 1 shared with supervision as \"Worker A\"" in (
        status.stdout.replace("\n", " "))
    assert run("log", "share", kept[:12], env=alice).exit_code == 0
    assert run("log", "unshare", kept, env=alice).exit_code == 0
    assert "You can read 2 shared reflections from 2 worker labels" in run(
        "team", "status", env=sam).stdout.replace("\n", " ")
    report = json.loads(run("team", "report", "--format", "json", env=sam).stdout)
    assert report["reflections"] == 2
    assert sorted(lb["label"] for lb in report["labels"]) == ["Worker A", "Worker B"]
    # the same raised safety concern, by label (the answers say supervision: safety)
    assert all(lb["flags"] for lb in report["labels"])
    narrow = json.loads(run("team", "report", "--format", "json", "--since", "2026-11-01",
                            "--until", "2026-11-30", env=sam).stdout)
    assert narrow["reflections"] == 2
    text = run("team", "report", env=sam).stdout + run(
        "team", "report", "--format", "html", env=sam).stdout
    assert "college" not in text and "alice" not in text and "Worker A" in text
    assert shared  # the reflection saved with --share is one of the two
    # A supervisor is not a worker: the log itself is closed to them.
    assert run("log", env=sam).exit_code == 2


def test_eight_workers_saving_at_once_all_succeed(run, team_db, pg_cluster):
    with pg_cluster.superuser() as conn:
        for n in range(8):
            conn.execute(f"DROP ROLE IF EXISTS w{n}")
            conn.execute(f"CREATE ROLE w{n} LOGIN PASSWORD 's3cret-for-tests'")
    with team_db.connect("admin") as conn:
        from peercheck.store.postgres.schema import WORKER, grant

        for n in range(8):
            grant(conn, WORKER, f"w{n}")

    def save(n: int) -> int:
        return run("reflect", "--answers", "-", input=FILLED_ANSWERS,
                   env=_env(team_db, f"w{n}")).exit_code

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(save, range(8))) == [0] * 8
    for n in range(8):
        with team_db.connect(f"w{n}") as conn:
            assert conn.execute("SELECT count(*) FROM peercheck.reflections").fetchone()[0] == 1


def test_a_note_on_a_shared_reflection_is_searchable_and_never_reaches_supervision(
    run, team_db
):
    env = _env(team_db)
    assert run("team", "label", "Worker A", env=env).exit_code == 0
    rid = _reflect(run, env, FILLED_ANSWERS, "--share")
    noted = run("log", "note", rid[:10], "Talked it through with Priya in supervision.", env=env)
    assert noted.exit_code == 0, noted.output
    found = json.loads(run("log", "search", "Priya", "--json", env=env).stdout)
    assert [r["id"] for r in found] == [rid]
    assert found[0]["notes"][0]["text"].startswith("Talked it through")
    with team_db.connect("sam") as conn:
        rows = conn.execute("SELECT record::text FROM peercheck.shared_reflections").fetchall()
    assert len(rows) == 1 and "Priya" not in rows[0][0]  # still shared, still without words
    csv_row = run("export", "--format", "csv", env=env).stdout.splitlines()[1]
    assert rid in csv_row


def test_team_commands_survive_any_output_encoding(run, team_db, tmp_path):
    import os
    import subprocess

    from conftest import peercheck_exe

    label = "Worker “A” – days → nights"
    assert run("team", "label", label, env=_env(team_db)).exit_code == 0
    _reflect(run, _env(team_db), FILLED_ANSWERS, "--share")
    for encoding in ("cp1252", "ascii"):
        for role, args in (("alice", ["team", "status"]), ("sam", ["team", "status"]),
                           ("sam", ["team", "report"]), ("alice", ["log", "path"]),
                           ("sam", ["team", "report", "--format", "markdown"])):
            env = dict(os.environ, **_env(team_db, role), PYTHONIOENCODING=encoding)
            proc = subprocess.run([peercheck_exe(), *args], capture_output=True, env=env,
                                  cwd=tmp_path, timeout=60)
            said = (proc.stdout + proc.stderr).decode(encoding)  # what it says it is
            assert proc.returncode == 0 and "Traceback" not in said, (args, said)
            if args == ["team", "report"]:
                assert "Worker" in said


def test_an_older_schema_waits_for_team_setup_to_upgrade_it(run, pg_cluster, monkeypatch):
    from peercheck.store.postgres import schema

    with pg_cluster.superuser() as conn:
        conn.execute("CREATE DATABASE older_schema OWNER admin")
    try:
        import psycopg

        with psycopg.connect(pg_cluster.url("admin", "older_schema"), autocommit=True) as conn:
            monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
            schema.setup(conn)
            monkeypatch.undo()
            schema.grant(conn, schema.WORKER, "alice")
        env = {"PEERCHECK_DATABASE_URL": pg_cluster.url("alice", "older_schema")}
        waiting = run("log", env=env)
        assert waiting.exit_code == 2 and "needs an upgrade" in waiting.stderr
        assert "peercheck team setup" in waiting.stderr
        admin = {"PEERCHECK_DATABASE_URL": pg_cluster.url("admin", "older_schema")}
        upgraded = run("team", "setup", env=admin)
        assert "Applied migration 002_children_without_foreign_keys." in upgraded.stderr
        assert "001_initial" not in upgraded.stderr
        assert run("reflect", "--answers", "-", input=FILLED_ANSWERS, env=env).exit_code == 0
        assert len(json.loads(run("log", "--json", env=env).stdout)) == 1
    finally:
        with pg_cluster.superuser() as conn:
            conn.execute("DROP DATABASE older_schema WITH (FORCE)")
