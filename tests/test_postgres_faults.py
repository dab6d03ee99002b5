"""Faults on the team log: each is one sentence and exit 2, and nothing typed is lost."""

from __future__ import annotations

import json

import pexpect
import pytest

from conftest import FILLED_ANSWERS, answer, spawn_reflect


def _fails_cleanly(result, words: str) -> None:
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert "s3cret" not in result.output


def test_a_server_that_is_not_there(run, pg_cluster):
    url = pg_cluster.url("alice", "nowhere").replace(f":{pg_cluster.port}/", ":1/")
    _fails_cleanly(run("log", env={"PEERCHECK_DATABASE_URL": url}), "is not answering")


def test_a_wrong_password(run, team_db):
    env = {"PEERCHECK_DATABASE_URL": team_db.url("alice", password="wrong")}
    _fails_cleanly(run("log", env=env), "did not accept the password")


def test_a_url_that_is_not_postgresql(run):
    _fails_cleanly(run("log", env={"PEERCHECK_DATABASE_URL": "mysql://x/y"}), "postgresql://")


def test_a_database_without_the_schema(run, pg_cluster):
    with pg_cluster.superuser() as conn:
        conn.execute("CREATE DATABASE no_schema OWNER admin")
    try:
        env = {"PEERCHECK_DATABASE_URL": pg_cluster.url("alice", "no_schema")}
        result = run("reflect", "--answers", "-", input=FILLED_ANSWERS, env=env)
        _fails_cleanly(result, "has no peercheck log yet")
        assert "peercheck team setup" in result.stderr
    finally:
        with pg_cluster.superuser() as conn:
            conn.execute("DROP DATABASE no_schema WITH (FORCE)")


def test_a_schema_from_a_newer_peercheck_is_left_alone(run, team_db):
    with team_db.connect("admin") as conn:
        conn.execute("INSERT INTO peercheck._migrations (name, peercheck) "
                     "VALUES ('999_future', '9.0')")
    result = run("log", env={"PEERCHECK_DATABASE_URL": team_db.url("alice")})
    _fails_cleanly(result, "set up by a newer peercheck")
    assert "Install peercheck 9.0 or later" in result.stderr
    setup = run("team", "setup", env={"PEERCHECK_DATABASE_URL": team_db.url("admin")})
    _fails_cleanly(setup, "newer peercheck schema")


def test_a_connection_dropped_mid_save_saves_nothing(team_db):
    from peercheck.errors import StoreError
    from peercheck.store.postgres import PostgresStore

    store = PostgresStore(team_db.url("alice"))
    try:
        pid = store.conn.info.backend_pid
        with team_db.cluster.superuser(team_db.name) as conn:
            conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(StoreError, match="connection to the PostgreSQL server .* was lost"):
            store.save({"id": "01JD0000000000000000000000", "created_at":
                        "2026-11-20T10:00:00+00:00", "context": {"date": "2026-11-20"}})
    finally:
        store.close()
    with team_db.connect("alice") as conn:
        assert conn.execute("SELECT count(*) FROM peercheck.reflections").fetchone()[0] == 0


def test_the_server_stops_during_a_reflection_and_resume_saves_it(
    peercheck_home, team_db, monkeypatch, run
):
    url = team_db.url("alice")
    monkeypatch.setenv("PEERCHECK_DATABASE_URL", url)
    child = spawn_reflect(peercheck_home, "--focus", "hope")
    answer(child, "When was it", "2026-11-20")
    team_db.cluster.stop()
    try:
        answer(child, "What kind", "group")
        # "4" where it fits (a scale), Enter where it does not; then the save finds no server.
        while child.expect(["> ", pexpect.EOF], timeout=30) == 0:
            child.sendline("" if "another go" in child.before or "?" not in child.before
                           else "4")
        child.close()
        text = " ".join((child.before or "").split())
        assert "not answering" in text and "--resume" in text
    finally:
        team_db.cluster.start()
    assert child.exitstatus == 2, text
    drafts = list((peercheck_home / "drafts").glob("*.json"))
    assert len(drafts) == 1
    assert not (peercheck_home / "peercheck.db").exists()  # nothing went to a local log
    resumed = run("reflect", "--resume", "--json", env={"PEERCHECK_DATABASE_URL": url})
    assert resumed.exit_code == 0, resumed.output
    rid = json.loads(resumed.stdout)["id"]
    listing = json.loads(run("log", "--json", env={"PEERCHECK_DATABASE_URL": url}).stdout)
    assert [r["id"] for r in listing] == [rid]
    assert list((peercheck_home / "drafts").glob("*.json")) == []


def test_a_password_in_the_url_suggests_pgpass_once(run, team_db):
    env = {"PEERCHECK_DATABASE_URL": team_db.url("alice")}
    first = run("log", env=env)
    assert "~/.pgpass" in first.stderr
    assert "~/.pgpass" not in run("log", env=env).stderr


def test_only_the_owner_sets_up_and_grants(run, team_db):
    env = {"PEERCHECK_DATABASE_URL": team_db.url("alice")}
    _fails_cleanly(run("team", "setup", env=env), "may not set up peercheck")
    _fails_cleanly(run("team", "add-supervisor", "alice", env=env), "may not set up peercheck")
    with team_db.connect("admin") as conn:  # and nothing was granted
        assert not conn.execute("SELECT pg_has_role('alice', 'peercheck_supervisor', 'USAGE')"
                                ).fetchone()[0]


def test_sharing_needs_the_team_log(run):
    result = run("reflect", "--answers", "-", "--share", input=FILLED_ANSWERS)
    _fails_cleanly(result, "needs the team log on a PostgreSQL server")
    _fails_cleanly(run("log", "share", "01M8"), "needs the team log on a PostgreSQL server")
