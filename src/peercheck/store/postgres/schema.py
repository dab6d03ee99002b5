"""peercheck's schema on PostgreSQL: numbered, append-only migrations, roles and privileges.

Who may see what is decided by the server, not by peercheck:
- every table holding reflection data has row-level security enabled *and forced* (so even
  the tables' owner obeys it); a ``peercheck_worker`` reads, changes and deletes only the rows
  its own login role saved, and cannot tell that anyone else's exist;
- ``peercheck_supervisor`` has no privilege on any table: only on the view
  ``peercheck.shared_reflections``, which holds the reflections their workers chose to share,
  as the ``--redact`` allowlist plus the worker's team label (no free text, tags or role name).
  The view runs as its owner (the role that ran ``team setup``), whose only policy on the
  tables is "shared rows, for reading".
"""

from __future__ import annotations

from typing import Any

SCHEMA = "peercheck"
WORKER = "peercheck_worker"
SUPERVISOR = "peercheck_supervisor"
DATA_TABLES = ("reflections", "reflection_tags", "reflection_concepts", "worker_labels")

# Named, append-only migrations: never edit one that has shipped; add a new one instead.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_initial",
        """
        CREATE TABLE peercheck.reflections (
            owner name NOT NULL DEFAULT current_user,   -- the login role that saved it
            id text NOT NULL,                           -- ULID
            created_at text NOT NULL,                   -- ISO 8601 with UTC offset
            session_date text NOT NULL,                 -- YYYY-MM-DD
            kind text,
            minutes integer,
            record text NOT NULL,                       -- the full record as JSON, as saved
            body text NOT NULL DEFAULT '',              -- free text, for search
            redacted jsonb NOT NULL,                    -- the --redact allowlist of the record
            shared boolean NOT NULL DEFAULT false,      -- the worker chose to share it
            PRIMARY KEY (owner, id)
        );
        CREATE INDEX reflections_by_date ON peercheck.reflections (owner, session_date, id);
        CREATE INDEX reflections_shared ON peercheck.reflections (session_date) WHERE shared;
        CREATE INDEX reflections_words ON peercheck.reflections
            USING gin (to_tsvector('simple', body));
        CREATE TABLE peercheck.reflection_tags (
            owner name NOT NULL DEFAULT current_user,
            reflection_id text NOT NULL,
            tag text NOT NULL,
            PRIMARY KEY (owner, reflection_id, tag),
            FOREIGN KEY (owner, reflection_id)
                REFERENCES peercheck.reflections (owner, id) ON DELETE CASCADE
        );
        CREATE INDEX reflection_tags_by_tag ON peercheck.reflection_tags (owner, tag);
        CREATE TABLE peercheck.reflection_concepts (
            owner name NOT NULL DEFAULT current_user,
            reflection_id text NOT NULL,
            concept_id text NOT NULL,
            score double precision,
            level text,
            PRIMARY KEY (owner, reflection_id, concept_id),
            FOREIGN KEY (owner, reflection_id)
                REFERENCES peercheck.reflections (owner, id) ON DELETE CASCADE
        );
        CREATE INDEX reflection_concepts_by_id
            ON peercheck.reflection_concepts (owner, concept_id);
        CREATE TABLE peercheck.worker_labels (
            owner name PRIMARY KEY DEFAULT current_user,
            label text NOT NULL CHECK (length(btrim(label)) > 0)
        );
        ALTER TABLE peercheck.reflections ENABLE ROW LEVEL SECURITY;
        ALTER TABLE peercheck.reflections FORCE ROW LEVEL SECURITY;
        ALTER TABLE peercheck.reflection_tags ENABLE ROW LEVEL SECURITY;
        ALTER TABLE peercheck.reflection_tags FORCE ROW LEVEL SECURITY;
        ALTER TABLE peercheck.reflection_concepts ENABLE ROW LEVEL SECURITY;
        ALTER TABLE peercheck.reflection_concepts FORCE ROW LEVEL SECURITY;
        ALTER TABLE peercheck.worker_labels ENABLE ROW LEVEL SECURITY;
        ALTER TABLE peercheck.worker_labels FORCE ROW LEVEL SECURITY;
        CREATE POLICY own_rows ON peercheck.reflections TO peercheck_worker
            USING (owner = current_user) WITH CHECK (owner = current_user);
        CREATE POLICY own_rows ON peercheck.reflection_tags TO peercheck_worker
            USING (owner = current_user) WITH CHECK (owner = current_user);
        CREATE POLICY own_rows ON peercheck.reflection_concepts TO peercheck_worker
            USING (owner = current_user) WITH CHECK (owner = current_user);
        CREATE POLICY own_rows ON peercheck.worker_labels TO peercheck_worker
            USING (owner = current_user) WITH CHECK (owner = current_user);
        CREATE POLICY shared_for_supervision ON peercheck.reflections FOR SELECT
            TO CURRENT_USER USING (shared);
        CREATE POLICY labels_for_supervision ON peercheck.worker_labels FOR SELECT
            TO CURRENT_USER USING (true);
        CREATE VIEW peercheck.shared_reflections WITH (security_barrier) AS
            SELECT l.label, r.session_date, r.created_at, r.kind, r.minutes,
                   r.redacted AS record
            FROM peercheck.reflections r
            JOIN peercheck.worker_labels l ON l.owner = r.owner
            WHERE r.shared;
        REVOKE ALL ON ALL TABLES IN SCHEMA peercheck FROM PUBLIC;
        GRANT USAGE ON SCHEMA peercheck TO peercheck_worker, peercheck_supervisor;
        GRANT SELECT ON peercheck._migrations TO peercheck_worker, peercheck_supervisor;
        GRANT SELECT, INSERT, UPDATE, DELETE ON peercheck.reflections,
            peercheck.reflection_tags, peercheck.reflection_concepts, peercheck.worker_labels
            TO peercheck_worker;
        GRANT SELECT ON peercheck.shared_reflections TO peercheck_supervisor;
        """,
    ),
    (
        "002_children_without_foreign_keys",
        # A worker cannot ANALYZE, so on a new table the foreign-key checks kept a plan made
        # when it was empty, and a large import into one transaction slowed quadratically
        # (100,000 reflections: hours). Tags and scores are removed with their reflection by
        # the store instead, in the same transaction.
        """
        ALTER TABLE peercheck.reflection_tags
            DROP CONSTRAINT reflection_tags_owner_reflection_id_fkey;
        ALTER TABLE peercheck.reflection_concepts
            DROP CONSTRAINT reflection_concepts_owner_reflection_id_fkey;
        """,
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


def applied(conn: Any) -> list[tuple[str, str | None]]:
    """(migration name, peercheck version) already applied, oldest first; [] with no schema."""
    row = conn.execute("SELECT to_regclass('peercheck._migrations')").fetchone()
    if row[0] is None:
        return []
    return [
        (name, version)
        for name, version in conn.execute(
            "SELECT name, peercheck FROM peercheck._migrations ORDER BY name"
        )
    ]


def setup(conn: Any) -> list[str]:
    """Create or upgrade the schema and the two group roles; return what was done, in words.

    One transaction, and a lock so two owners running it at once cannot both migrate.
    Running it again on an up-to-date database changes nothing.
    """
    from psycopg import sql

    from ... import __version__, messages

    done: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('peercheck team setup'))")
        for role in (WORKER, SUPERVISOR):
            exists = conn.execute(
                "SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)
            ).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
                done.append(messages.PG_SETUP_ROLE.format(role=role))
        created = conn.execute("SELECT to_regnamespace('peercheck')").fetchone()[0] is None
        conn.execute("CREATE SCHEMA IF NOT EXISTS peercheck")
        conn.execute("REVOKE ALL ON SCHEMA peercheck FROM PUBLIC")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS peercheck._migrations "
            "(name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), "
            "peercheck text)"
        )
        if created:
            done.append(messages.PG_SETUP_SCHEMA)
        have = {name for name, _ in applied(conn)}
        if len(have) > SCHEMA_VERSION:
            from ...errors import StoreError

            raise StoreError(messages.PG_SETUP_NEWER.format(n=len(have), known=SCHEMA_VERSION))
        for name, body in MIGRATIONS:
            if name in have:
                continue
            for statement in (s.strip() for s in body.split(";")):
                if statement:
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO peercheck._migrations (name, peercheck) VALUES (%s, %s)",
                (name, __version__),
            )
            done.append(messages.PG_SETUP_MIGRATED.format(name=name))
    return done


def grant(conn: Any, group: str, role: str) -> bool:
    """Make ``role`` a member of ``group``; False when it already was."""
    from psycopg import sql

    from ... import messages
    from ...errors import InputError

    if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
        raise InputError(
            messages.PG_NO_SUCH_ROLE.format(role=role),
            hint=messages.PG_NO_SUCH_ROLE_HINT.format(role=role),
        )
    if conn.execute(
        "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles r ON r.oid = m.member WHERE g.rolname = %s AND r.rolname = %s",
        (group, role),
    ).fetchone():
        return False
    conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(role)))
    return True
