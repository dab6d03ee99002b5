"""Row-level security, checked with plain SQL as each role (not only through peercheck)."""

from __future__ import annotations

import json

import pytest

from conftest import FILLED_ANSWERS


def _reflect(run, team_db, role: str, *extra: str, answers: str = FILLED_ANSWERS) -> str:
    result = run("reflect", "--answers", "-", "--json", *extra, input=answers,
                 env={"PEERCHECK_DATABASE_URL": team_db.url(role)})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["id"]


def test_a_worker_reads_only_their_own_rows(run, team_db):
    alice = _reflect(run, team_db, "alice")
    bob = _reflect(run, team_db, "bob")
    with team_db.connect("alice") as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM peercheck.reflections")]
        assert ids == [alice]
        # Bob's row does not exist as far as Alice can tell: not readable, not changeable.
        assert conn.execute(
            "SELECT count(*) FROM peercheck.reflections WHERE id = %s", (bob,)
        ).fetchone()[0] == 0
        assert conn.execute(
            "UPDATE peercheck.reflections SET shared = true WHERE id = %s", (bob,)
        ).rowcount == 0
        assert conn.execute(
            "DELETE FROM peercheck.reflections WHERE id = %s", (bob,)
        ).rowcount == 0
        assert conn.execute("SELECT count(*) FROM peercheck.reflection_concepts "
                            "WHERE reflection_id = %s", (bob,)).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM peercheck.reflection_tags "
                            "WHERE reflection_id = %s", (bob,)).fetchone()[0] == 0
    with team_db.connect("bob") as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM peercheck.reflections")] == [bob]


def test_a_worker_cannot_save_a_row_as_someone_else(team_db):
    import psycopg

    with team_db.connect("alice") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO peercheck.reflections (owner, id, created_at, session_date, record, "
            "redacted) VALUES ('bob', 'X', '2026-11-20T10:00:00+00:00', '2026-11-20', '{}', "
            "'{}')"
        )


def test_rls_is_enabled_and_forced_on_every_table_with_reflection_data(team_db):
    with team_db.connect("admin") as conn:
        rows = conn.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
            "WHERE relnamespace = 'peercheck'::regnamespace AND relkind = 'r' "
            "AND relname <> '_migrations' ORDER BY relname"
        ).fetchall()
    assert [r[0] for r in rows] == [
        "reflection_concepts", "reflection_tags", "reflections", "worker_labels"
    ]
    assert all(r[1] and r[2] for r in rows)


def test_a_supervisor_reads_shared_reflections_without_free_text(run, team_db):
    import psycopg

    env = {"PEERCHECK_DATABASE_URL": team_db.url("alice")}
    assert run("team", "label", "Worker A", env=env).exit_code == 0
    shared = _reflect(run, team_db, "alice", "--share")
    private = _reflect(run, team_db, "alice")
    with team_db.connect("sam") as conn:
        rows = conn.execute("SELECT * FROM peercheck.shared_reflections").fetchall()
        columns = [c.name for c in conn.execute(
            "SELECT * FROM peercheck.shared_reflections LIMIT 0").description]
        assert columns == ["label", "session_date", "created_at", "kind", "minutes", "record"]
        assert len(rows) == 1
        label, day, _, kind, minutes, record = rows[0]
        assert (label, day, kind, minutes) == ("Worker A", "2026-11-20", "one-to-one", 50)
        assert record["id"] == shared and private not in json.dumps(rows, default=str)
        text = json.dumps(record)
        for words in ("going back to college", "stayed with the silence", "first-meeting",
                      "alice", "Leave more room"):
            assert words not in text
        assert record["answers"]["listening"] == 5
        assert record["flags"]
        for sql in ("SELECT body FROM peercheck.reflections",
                    "SELECT record FROM peercheck.reflections",
                    "SELECT id FROM peercheck.reflections",
                    "SELECT tag FROM peercheck.reflection_tags",
                    "SELECT owner FROM peercheck.worker_labels"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)


def test_a_role_peercheck_was_never_told_about_sees_nothing(run, team_db):
    import psycopg

    _reflect(run, team_db, "alice")
    with team_db.connect("nobody") as conn:
        for sql in ("SELECT count(*) FROM peercheck.reflections",
                    "SELECT count(*) FROM peercheck.shared_reflections"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
    result = run("log", env={"PEERCHECK_DATABASE_URL": team_db.url("nobody")})
    assert result.exit_code == 2
    assert "not a peercheck worker or supervisor" in result.stderr
    assert "Traceback" not in result.output
