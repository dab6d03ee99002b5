"""The SQLite reflection log. Every SQL statement peercheck runs lives in this file.

Safety, in order of importance:
- one transaction per reflection, WAL journal and a busy timeout, so a crash or ``kill -9``
  leaves the whole reflection or none, and several processes can save at once;
- the database and its -wal/-shm files are created 0600 inside a 0700 folder;
- a file that is not a peercheck database is refused, never overwritten or "repaired";
- -wal/-shm companions that another user owns or others can read are refused, never written;
- before writing, the file's integrity is checked when it may be damaged (not closed cleanly,
  just migrated, not checked for a day) and always before bulk writes (import, delete, purge),
  so a save costs the same on a log of a million reflections as on an empty one;
- migrations are named and append-only; opening an older database backs it up first, and a
  database from a newer peercheck is refused untouched.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import StoreError
from . import Filters, Record
from .diagnosis import busy as _busy
from .diagnosis import busy_error as _busy_error
from .diagnosis import unreadable as _unreadable  # cli.py names a damaged log with it
from .diagnosis import write_failed as _write_failed
from .files import chmod_private as _chmod_private
from .files import create_private as _create_private
from .files import has_content as _has_content
from .files import refuse_loose_companions as _refuse_loose_companions
from .files import seal_matches as _seal_matches
from .files import write_seal as _write_seal

APP_ID = 0x50434B31  # "PCK1": marks the file as peercheck's (PRAGMA application_id)
BUSY_TIMEOUT_MS = 15_000
LOCK_RETRIES = 5

# Named, append-only migrations: never edit one that has shipped; add a new one instead.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_initial",
        """
        CREATE TABLE reflections (
            id TEXT PRIMARY KEY,          -- ULID: short, stable, sorts by time
            created_at TEXT NOT NULL,     -- ISO 8601 with UTC offset
            session_date TEXT NOT NULL,   -- the date of the session (YYYY-MM-DD)
            kind TEXT,
            minutes INTEGER,
            record TEXT NOT NULL          -- the full record as JSON, exactly as saved
        );
        CREATE INDEX reflections_by_date ON reflections (session_date, id);
        CREATE TABLE reflection_tags (
            reflection_id TEXT NOT NULL REFERENCES reflections (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (reflection_id, tag)
        );
        CREATE INDEX reflection_tags_by_tag ON reflection_tags (tag, reflection_id);
        CREATE TABLE reflection_concepts (
            reflection_id TEXT NOT NULL REFERENCES reflections (id) ON DELETE CASCADE,
            concept_id TEXT NOT NULL,
            score REAL,
            level TEXT,
            PRIMARY KEY (reflection_id, concept_id)
        );
        CREATE INDEX reflection_concepts_by_id ON reflection_concepts (concept_id, reflection_id);
        CREATE VIRTUAL TABLE reflection_text USING fts5 (
            reflection_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2'
        );
        """,
    ),
    (
        "002_migrations_record_the_version",
        # Each migration now records which peercheck applied it, so when an older peercheck
        # meets a log a newer one has updated, it can say which version to install instead of
        # only "schema 3". (An index for trends was measured first and gained nothing on disk:
        # the time goes to reading session dates from the reflections rows.)
        """
        ALTER TABLE _migrations ADD COLUMN peercheck TEXT;
        """,
    ),
    (
        "004_concept_rows_know_their_date",
        # Trends read (concept, date, score) for every scored concept, which grew with
        # concepts x reflections. Now each score row knows its date (a covering index answers
        # filtered trends without visiting the reflection rows), and concept_days keeps the
        # sum and count per concept and day, kept up to date by triggers whatever writes the
        # scores, so an unfiltered trend reads one row per concept and day.
        # _checks remembers when the whole file was last checked, so a save need not re-read
        # the whole file every time. text_rowid names a reflection's row in the full-text
        # index, and the date index carries it, so a search walks the dates and asks the
        # index only for row numbers (no row of either table is read until it is shown).
        """
        ALTER TABLE reflection_concepts ADD COLUMN session_date TEXT;
        UPDATE reflection_concepts SET session_date =
            (SELECT r.session_date FROM reflections r WHERE r.id = reflection_id);
        CREATE INDEX reflection_concepts_by_date
            ON reflection_concepts (concept_id, session_date, score);
        CREATE TABLE concept_days (
            concept_id TEXT NOT NULL,
            session_date TEXT NOT NULL,
            total REAL NOT NULL,          -- sum of the scores that day
            n INTEGER NOT NULL,           -- how many scores
            PRIMARY KEY (concept_id, session_date)
        ) WITHOUT ROWID;
        INSERT INTO concept_days (concept_id, session_date, total, n)
            SELECT concept_id, session_date, sum(score), count(score) FROM reflection_concepts
            WHERE score IS NOT NULL GROUP BY concept_id, session_date;
        CREATE TRIGGER concept_dates_fill AFTER INSERT ON reflection_concepts
        WHEN new.session_date IS NULL BEGIN
            UPDATE reflection_concepts SET session_date =
                (SELECT r.session_date FROM reflections r WHERE r.id = new.reflection_id)
                WHERE rowid = new.rowid;
        END;
        CREATE TRIGGER concept_days_add AFTER INSERT ON reflection_concepts
        WHEN new.score IS NOT NULL AND new.session_date IS NOT NULL BEGIN
            INSERT INTO concept_days (concept_id, session_date, total, n)
                VALUES (new.concept_id, new.session_date, new.score, 1)
                ON CONFLICT (concept_id, session_date)
                DO UPDATE SET total = total + excluded.total, n = n + 1;
        END;
        CREATE TRIGGER concept_days_remove AFTER DELETE ON reflection_concepts
        WHEN old.score IS NOT NULL BEGIN
            UPDATE concept_days SET total = total - old.score, n = n - 1
                WHERE concept_id = old.concept_id AND session_date = old.session_date;
            DELETE FROM concept_days
                WHERE concept_id = old.concept_id AND session_date = old.session_date
                AND n <= 0;
        END;
        CREATE TRIGGER concept_days_change
        AFTER UPDATE OF concept_id, session_date, score ON reflection_concepts BEGIN
            UPDATE concept_days SET total = total - old.score, n = n - 1
                WHERE old.score IS NOT NULL
                AND concept_id = old.concept_id AND session_date = old.session_date;
            DELETE FROM concept_days
                WHERE concept_id = old.concept_id AND session_date = old.session_date
                AND n <= 0;
            INSERT INTO concept_days (concept_id, session_date, total, n)
                SELECT new.concept_id, new.session_date, new.score, 1
                WHERE new.score IS NOT NULL AND new.session_date IS NOT NULL
                ON CONFLICT (concept_id, session_date)
                DO UPDATE SET total = total + excluded.total, n = n + 1;
        END;
        CREATE TRIGGER concept_dates_follow AFTER UPDATE OF session_date ON reflections BEGIN
            UPDATE reflection_concepts SET session_date = new.session_date
                WHERE reflection_id = new.id;
        END;
        CREATE TABLE _checks (what TEXT PRIMARY KEY, at TEXT NOT NULL);
        ALTER TABLE reflections ADD COLUMN text_rowid INTEGER;
        UPDATE reflections SET text_rowid = t.rowid
            FROM (SELECT rowid, reflection_id FROM reflection_text) AS t
            WHERE reflections.id = t.reflection_id;
        DROP INDEX reflections_by_date;
        CREATE INDEX reflections_by_date ON reflections (session_date, id, text_rowid);
        """,
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)
CHECK_EVERY_S = 24 * 3600  # a whole-file check at least this often when saving


class SQLiteStore:
    """The local log. Open one per command; it is cheap."""

    def __init__(self, path: Path, *, create: bool = True):
        self.path = Path(path)
        self.location = str(self.path)
        self.notices: list[str] = []  # things to tell the user once (e.g. "migrated")
        existed = self.path.exists()
        if not existed and not create:
            raise StoreError(f"There is no reflection log at {self.path} yet.")
        if existed and self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a peercheck database.")
        self._checked = False  # integrity checked once before this process first writes
        self._record_check = False  # a check passed that the next write should remember
        _refuse_loose_companions(self.path)
        # A -wal left with content means the last writer did not close cleanly (or another
        # process has the log open now); a file that is not as the last writer left it (the
        # seal) was changed from outside. Either way: check the whole file before writing.
        self._unclean = _has_content(Path(f"{self.path}-wal")) or not _seal_matches(self.path)
        self._wrote = False
        if not existed:
            try:
                _create_private(self.path)
            except OSError as exc:
                raise StoreError(
                    f"peercheck could not create its reflection log at {self.path}: "
                    f"{(exc.strerror or str(exc)).lower()}."
                ) from exc
        self.conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
        try:
            self.conn.row_factory = sqlite3.Row
            self._prepare_patiently(existed)
            # Companions SQLite just made copy the log's mode (a log copied in 0644): those
            # are ours and are tightened below; one someone else slipped in is refused.
            _refuse_loose_companions(self.path, tighten=True)
        except BaseException as exc:
            # Close at once so a refused file gets no -wal/-shm companions left beside it.
            self.conn.close()
            if isinstance(exc, sqlite3.DatabaseError):
                raise _unreadable(self.path, exc, untouched=True) from exc
            raise
        # A log copied in with loose permissions loses group/other access (never the owner's).
        try:
            mode = self.path.stat().st_mode & 0o777
            if mode & 0o077:
                os.chmod(self.path, mode & 0o600)
        except OSError:
            pass
        for suffix in ("-wal", "-shm"):
            _chmod_private(Path(f"{self.path}{suffix}"))

    # -- opening and migrating ---------------------------------------------------------------

    def _prepare_patiently(self, existed: bool) -> None:
        """Prepare the log, waiting while another process creates or migrates it.

        Switching a brand-new file to WAL answers "locked" at once (no busy timeout) when a
        second process is doing the same; that is a busy log, never a damaged one.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        delay = 0.01
        while True:
            try:
                self._prepare(existed)
                return
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.2)

    def _prepare(self, existed: bool) -> None:
        conn = self.conn
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Reading the header proves this is SQLite before anything is written.
        # One statement, so one snapshot: read separately, another process creating the log
        # at this moment could show us its tables but not yet its application id.
        app_id, version, tables = conn.execute(
            "SELECT (SELECT application_id FROM pragma_application_id), "
            "(SELECT user_version FROM pragma_user_version), "
            "(SELECT count(*) FROM sqlite_master)"
        ).fetchone()
        if app_id not in (0, APP_ID) or (app_id == 0 and tables):
            raise StoreError(
                f"{self.path} is an SQLite database, but not one peercheck wrote.",
                hint="Point PEERCHECK_HOME at another folder; this file has not been touched.",
            )
        if version > SCHEMA_VERSION:
            newer = _newest_writer(conn)
            raise StoreError(
                f"{self.path} was written by a newer peercheck"
                f"{f' ({newer})' if newer else ''}, schema {version}; this one knows up to "
                f"{SCHEMA_VERSION}.",
                hint=f"Install peercheck {newer or 'the newer version'} or later to open it; "
                "the file has not been touched.",
            )
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            if existed and tables:
                self._check_integrity()
            backup = self._migrate(keep_copy=bool(existed and tables))
            if backup is not None:
                self._checked = False  # and once more after the migration, before writing
                self.notices.append(
                    f"Your reflection log was updated to the new format; a copy of the old "
                    f"one is at {backup}."
                )

    def _backup_before_migrate(self, version: int) -> Path:
        n = 0
        while True:  # O_EXCL: never reuse (or overwrite) an earlier backup
            dest = self.path.with_name(
                f"{self.path.stem}.schema{version}.backup{n or ''}{self.path.suffix}"
            )
            try:
                os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                break
            except FileExistsError:
                n += 1
        # The backup API copies a consistent snapshot, WAL content included.
        copy = sqlite3.connect(dest)
        try:
            self.conn.backup(copy)
        finally:
            copy.close()
        _chmod_private(dest)
        return dest

    def _check_integrity(self) -> None:
        """Refuse to write into a damaged file: a write could bury what is still readable.

        A whole-file scan (seconds on a large log), so at most once per store.
        """
        if self._checked:
            return
        problem = self.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            raise sqlite3.DatabaseError("database disk image is malformed")
        self._checked = True
        self._record_check = True

    def _check_if_due(self) -> None:
        """Check the whole file before a save only when it may be damaged.

        That is: the log was not closed cleanly (or another process has it open), it was
        just migrated, or it has not been checked for a day. SQLite still reports damage
        it meets on any statement, and that is never written over either.
        """
        if self._checked:
            return
        if not self._unclean:
            row = self.conn.execute(
                "SELECT at FROM _checks WHERE what = 'quick_check'"
            ).fetchone()
            if row is not None and time.time() - _epoch(row[0]) < CHECK_EVERY_S:
                self._checked = True
                return
        self._check_integrity()

    def check_before_bulk_write(self) -> None:
        """A full integrity check now, whatever was checked before (bulk writes call it).

        Raises StoreError naming the file when it is damaged; nothing has been written then.
        """
        self._checked = False
        try:
            self._check_integrity()
        except sqlite3.DatabaseError as exc:
            raise _unreadable(self.path, exc, untouched=True) from exc

    def _note_check(self, conn: sqlite3.Connection) -> None:
        """Inside a write transaction: remember a passed whole-file check (for _check_if_due)."""
        if self._record_check:
            conn.execute(
                "INSERT OR REPLACE INTO _checks (what, at) VALUES ('quick_check', ?)",
                (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),),
            )
            self._record_check = False

    def _migrate(self, *, keep_copy: bool) -> Path | None:
        """Apply the missing migrations in one transaction; return the backup made, if any.

        A second connection takes the write lock first, so of several processes opening an
        old log at once exactly one copies and migrates it (the others find it done). In WAL
        mode this connection can still read a consistent snapshot for the copy meanwhile.
        """
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("BEGIN IMMEDIATE")
            try:
                return self._apply_migrations(conn, keep_copy)
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()

    def _apply_migrations(self, conn: sqlite3.Connection, keep_copy: bool) -> Path | None:
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if current >= SCHEMA_VERSION:  # another process migrated while we waited
            conn.execute("ROLLBACK")
            return None
        backup = self._backup_before_migrate(current) if keep_copy and current else None
        conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        # By name, not by position: a log that has 001, 002 and 004 gets only 003.
        done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
        missing = [(name, sql) for name, sql in MIGRATIONS if name not in done]
        for name, sql in missing:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))",
                (name,),
            )
        from .. import __version__

        if missing:
            conn.execute(
                "UPDATE _migrations SET peercheck = ? WHERE peercheck IS NULL AND name IN "
                f"({', '.join('?' for _ in missing)})",
                [__version__, *(name for name, _ in missing)],
            )
        conn.execute(f"PRAGMA application_id = {APP_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
        return backup

    # -- writing -----------------------------------------------------------------------------

    def save(self, record: Record) -> str:
        """Store one reflection atomically, retrying briefly if another process holds the lock."""
        from ..ids import new_id, now_iso

        record = dict(record)
        record["id"] = record.get("id") or new_id()
        record.setdefault("created_at", now_iso())
        try:
            self._check_if_due()
        except sqlite3.DatabaseError as exc:
            if _busy(exc):
                raise _busy_error(self.path) from exc
            raise _unreadable(self.path, exc, saving=True, untouched=True) from exc
        for attempt in range(LOCK_RETRIES):
            try:
                self._insert(record)
                return record["id"]
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise _write_failed(self.path, exc) from exc
                time.sleep(0.05 * (attempt + 1))
            except sqlite3.DatabaseError as exc:
                raise _write_failed(self.path, exc) from exc
        raise _busy_error(self.path)

    def _insert(self, record: Record) -> None:
        with self._writing() as conn:
            # An id already in the log means this reflection was saved (a resumed draft whose
            # earlier save committed just before the draft could be removed): no second copy.
            self._add_rows(record)
            self._note_check(conn)

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
            self._wrote = True
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _add_rows(self, record: Record) -> bool:
        """Write one reflection's rows inside the caller's transaction; False if already there."""
        conn = self.conn
        if conn.execute("SELECT 1 FROM reflections WHERE id = ?", (record["id"],)).fetchone():
            return False
        context = record.get("context") or {}
        session_date = str(context.get("date") or record["created_at"][:10])
        body = free_text(record)
        text_rowid = None
        if body:
            text_rowid = conn.execute(
                "INSERT INTO reflection_text (reflection_id, body) VALUES (?, ?)",
                (record["id"], body),
            ).lastrowid
        conn.execute(
            "INSERT INTO reflections "
            "(id, created_at, session_date, kind, minutes, record, text_rowid) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                record["id"],
                record["created_at"],
                session_date,
                context.get("kind"),
                context.get("minutes"),
                json.dumps(record, ensure_ascii=False, sort_keys=True),
                text_rowid,
            ),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO reflection_tags (reflection_id, tag) VALUES (?, ?)",
            [(record["id"], str(tag)) for tag in context.get("tags") or []],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO reflection_concepts "
            "(reflection_id, concept_id, score, level, session_date) VALUES (?, ?, ?, ?, ?)",
            [
                (record["id"], c["id"], c.get("score"), c.get("level"), session_date)
                for c in record.get("concepts") or []
            ],
        )
        return True

    # -- reading -----------------------------------------------------------------------------

    def get(self, reflection_id: str) -> Record | None:
        """One reflection by its id, or by a prefix that names exactly one."""
        key = reflection_id.strip().upper()
        if not key:
            return None
        rows = self.conn.execute(
            "SELECT id, record FROM reflections WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (key, key + "\U0010ffff"),
        ).fetchall()
        if rows and rows[0]["id"] == key:  # an exact id wins over ids it is the start of
            rows = rows[:1]
        if not rows:  # an id an older peercheck imported unchecked, in lower case
            rows = self.conn.execute(
                "SELECT id, record FROM reflections WHERE upper(id) >= ? AND upper(id) < ? "
                "ORDER BY id LIMIT 2",
                (key, key + "\U0010ffff"),
            ).fetchall()
        if len(rows) != 1:
            if len(rows) > 1:
                raise StoreError(
                    f"More than one reflection starts with {reflection_id}; "
                    "please type a few more characters."
                )
            return None
        return _decode(rows[0]["record"])

    def query(
        self, filters: Filters | None = None, limit: int | None = None, newest_first: bool = True
    ) -> Iterator[Record]:
        """Stream matching reflections, by session date then id; uses the indexes."""
        sql, params = _select("record", filters, newest_first)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        for row in self.conn.execute(sql, params):
            yield _decode(row["record"])

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM reflections").fetchone()[0]

    def close(self) -> None:
        """Close; after writing, seal the file as this process left it (see _check_if_due)."""
        self.conn.close()
        if self._wrote:
            _write_seal(self.path)

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- the log's own commands (log, export, import, trends; owner: logs) ---------------------

    def count_matching(self, filters: Filters | None = None) -> int:
        """How many reflections ``filters`` selects (for progress bars and confirmations)."""
        where, params = _where(filters or Filters())
        return self.conn.execute(
            f"SELECT count(*) FROM reflections r {where}", params
        ).fetchone()[0]

    def count_before(self, day: date) -> int:
        """How many reflections have a session date before ``day``."""
        return self.conn.execute(
            "SELECT count(*) FROM reflections WHERE session_date < ?", (day.isoformat(),)
        ).fetchone()[0]

    def concept_ids(self) -> list[str]:
        """Every concept id that has a score somewhere in the log, alphabetically."""
        rows = self.conn.execute(
            "SELECT DISTINCT concept_id FROM reflection_concepts ORDER BY concept_id"
        )
        return [row[0] for row in rows]

    def concept_series(
        self, filters: Filters | None = None
    ) -> Iterator[tuple[str, str, float, int]]:
        """(concept id, session date, mean score, count) per concept and day, oldest first.

        The aggregation happens in SQLite, so trends and charts never hold every row.
        """
        filters = filters or Filters()
        if not (filters.tag or filters.concept or filters.ids):
            yield from self._concept_days(filters)
            return
        clauses, params = _period(filters, "c.session_date")
        clauses.append("c.score IS NOT NULL")
        # Rarer filters on the reflection itself: one lookup per concept row they keep.
        where, more = _where(Filters(tag=filters.tag, concept=filters.concept, ids=filters.ids))
        clauses.append(f"c.reflection_id IN (SELECT r.id FROM reflections r {where})")
        params += more
        # The covering index (concept_id, session_date, score) gives the rows in GROUP BY
        # order: no sort, no visit to the reflection rows, memory flat however long the log.
        sql = (
            "SELECT c.concept_id, c.session_date, avg(c.score), count(c.score) "
            "FROM reflection_concepts c INDEXED BY reflection_concepts_by_date "
            f"WHERE {' AND '.join(clauses)} "
            "GROUP BY c.concept_id, c.session_date ORDER BY c.concept_id, c.session_date"
        )
        for row in self.conn.execute(sql, params):  # noqa: UP028 - see above
            if _is_day(row[1]):  # a date an older peercheck stored unchecked stays off charts
                yield row[0], row[1], float(row[2]), int(row[3])

    def _concept_days(self, filters: Filters) -> Iterator[tuple[str, str, float, int]]:
        """concept_series from the per-day sums: one row per concept and day, in key order."""
        clauses, params = _period(filters, "session_date")
        clauses.append("n > 0")
        sql = (
            "SELECT concept_id, session_date, total / n, n FROM concept_days "
            f"WHERE {' AND '.join(clauses)} ORDER BY concept_id, session_date"
        )
        for row in self.conn.execute(sql, params):  # noqa: UP028 - a plain loop, as above
            if _is_day(row[1]):  # as above: a date stored unchecked long ago stays off charts
                yield row[0], row[1], float(row[2]), int(row[3])

    def search(self, words: str, limit: int | None = None) -> Iterator[Record]:
        """Reflections whose free text holds every word (FTS5), newest first."""
        terms = [w for w in words.split() if w.strip('"')]
        if not terms:
            return
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        # Walk the reflections in date order (the index, which carries text_rowid) and keep
        # the matching ones, so the limit stops the walk: the full-text index gives only row
        # numbers, never every matching record joined and sorted.
        sql = (
            "SELECT r.record FROM reflections r INDEXED BY reflections_by_date "
            "WHERE r.text_rowid IN (SELECT rowid FROM reflection_text "
            "WHERE reflection_text MATCH ?) ORDER BY r.session_date DESC, r.id DESC"
        )
        params: list[Any] = [match]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        for row in self.conn.execute(sql, params):
            yield _decode(row["record"])

    def replace(self, record: Record) -> None:
        """Put ``record`` in place of the stored reflection with its id, in one transaction.

        Its tags, scores and searchable text are rewritten with it, so an edited reflection
        or one with a new note is found, counted and exported as it now is. The log's
        integrity is checked first: rewriting rows in a damaged file could bury what is left.
        """
        self.check_before_bulk_write()
        rid = record["id"]
        try:
            with self._writing() as conn:
                if not conn.execute("SELECT 1 FROM reflections WHERE id = ?", (rid,)).fetchone():
                    raise KeyError(rid)
                for table, column in (("reflection_tags", "reflection_id"),
                                      ("reflection_concepts", "reflection_id"),
                                      ("reflection_text", "reflection_id"),
                                      ("reflections", "id")):
                    conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (rid,))  # noqa: S608
                self._add_rows(record)
        except sqlite3.DatabaseError as exc:
            raise _write_failed(self.path, exc) from exc
        self._scrub_after_commit()  # the old words go from the search index's file too

    def delete(self, reflection_id: str) -> bool:
        """Remove one reflection (exact id) with its tags, scores and searchable text."""
        self.check_before_bulk_write()
        with self._writing() as conn:
            gone = conn.execute("DELETE FROM reflections WHERE id = ?", (reflection_id,)).rowcount
            conn.execute("DELETE FROM reflection_tags WHERE reflection_id = ?", (reflection_id,))
            conn.execute(
                "DELETE FROM reflection_concepts WHERE reflection_id = ?", (reflection_id,)
            )
            conn.execute("DELETE FROM reflection_text WHERE reflection_id = ?", (reflection_id,))
        if gone:
            self._scrub_after_commit()
        return bool(gone)

    def purge_before(self, day: date) -> int:
        """Remove every reflection from before ``day`` for real; return how many went.

        SQLite 3.40's FTS5 has no secure-delete, so after deleting we merge the full-text
        index ('optimize', which drops deleted entries), VACUUM the file and empty the WAL:
        the words are then gone from the file's bytes, not just hidden.
        """
        cutoff = day.isoformat()
        self.check_before_bulk_write()
        with self._writing() as conn:
            conn.execute(
                "DELETE FROM reflection_text WHERE reflection_id IN "
                "(SELECT id FROM reflections WHERE session_date < ?)",
                (cutoff,),
            )
            conn.execute(
                "DELETE FROM reflection_tags WHERE reflection_id IN "
                "(SELECT id FROM reflections WHERE session_date < ?)",
                (cutoff,),
            )
            conn.execute(
                "DELETE FROM reflection_concepts WHERE reflection_id IN "
                "(SELECT id FROM reflections WHERE session_date < ?)",
                (cutoff,),
            )
            gone = conn.execute(
                "DELETE FROM reflections WHERE session_date < ?", (cutoff,)
            ).rowcount
        self._scrub_after_commit()
        return gone

    def _scrub_after_commit(self) -> None:
        """scrub() once the delete committed: a failure now must not say nothing changed."""
        try:
            self.scrub()
        except sqlite3.DatabaseError as exc:
            if _busy(exc):
                raise _busy_error(self.path, deleted=True) from exc
            raise _unreadable(self.path, exc, deleted=True) from exc

    def scrub(self) -> None:
        """Make deleted text unrecoverable: merge the FTS index, VACUUM, truncate the WAL."""
        conn = self.conn
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("INSERT INTO reflection_text (reflection_text) VALUES ('optimize')")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def backup_to(self, dest: Path) -> None:
        """A consistent, owner-only copy of the log (VACUUM INTO), replacing ``dest`` whole."""
        dest = Path(dest)
        if dest.exists() and not dest.is_file():
            # Renaming over a device or pipe (e.g. /dev/full) would replace it; run as root,
            # that breaks the system for everyone.
            raise OSError(errno.EINVAL, "it is a device or special file, not an ordinary file")
        import tempfile

        from ..paths import refuse_log_file, signals_end_cleanly, sweep_temp_files

        refuse_log_file(dest)
        sweep_temp_files(dest.parent)
        # A fresh, exclusive, random name (VACUUM INTO accepts an empty file).
        fd, name = tempfile.mkstemp(
            prefix=f".{dest.name}.peercheck-{os.getpid()}-", suffix=".tmp", dir=dest.parent
        )
        os.close(fd)
        tmp = Path(name)
        old_umask = os.umask(0o077)
        try:
            with signals_end_cleanly():  # SIGTERM/SIGHUP remove the half-made copy too
                self.conn.execute("VACUUM INTO ?", (str(tmp),))
                os.chmod(tmp, 0o600)
                os.replace(tmp, dest)
        except BaseException:
            try:
                tmp.unlink()
            except OSError:
                pass
            raise
        finally:
            os.umask(old_umask)

    def import_records(self, records: Iterable[Record]) -> tuple[int, int]:
        """Add reflections that are not in the log yet, all in one transaction.

        Returns (added, already there). A record that raises while being read (the caller's
        validation) rolls everything back, so a bad file imports nothing.
        """
        try:  # a bulk write into a damaged file could bury what is still readable
            self._check_integrity()
        except sqlite3.DatabaseError as exc:
            raise _unreadable(self.path, exc, saving=True) from exc
        added = skipped = 0
        self.check_before_bulk_write()
        # A bigger page cache keeps the indexes' hot pages in memory for large imports.
        self.conn.execute("PRAGMA cache_size = -65536")
        with self._writing() as conn:
            for record in records:
                if self._add_rows(record):
                    added += 1
                else:
                    skipped += 1
            self._note_check(conn)
        return added, skipped

    def table_rows(
        self, filters: Filters | None = None, newest_first: bool = False
    ) -> Iterator[tuple[Any, ...]]:
        """Flat rows for a spreadsheet, without decoding whole records in Python.

        Each row: (id, session date, created_at, kind, minutes, tags JSON, flags JSON,
        label, {concept id: score} JSON, edited_at, number of notes). SQLite's JSON functions
        pick the few fields out, which keeps a CSV export of every reflection close to the cost
        of reading the file.
        """
        sql, params = _select(
            "r.id, r.session_date, r.created_at, r.kind, r.minutes, "
            # Only the shapes peercheck writes: a record an older peercheck stored unchecked
            # (tags as text, flags as a number, NaN that is not JSON) gives empty cells.
            "CASE WHEN json_valid(r.record) AND json_type(r.record, '$.context.tags') = 'array' "
            "THEN json_extract(r.record, '$.context.tags') END, "
            "CASE WHEN json_valid(r.record) AND json_type(r.record, '$.flags') IN "
            "('array', 'object') THEN json_extract(r.record, '$.flags') END, "
            "CASE WHEN json_valid(r.record) THEN json_extract(r.record, '$.label') END, "
            "(SELECT json_group_object(c.concept_id, c.score) FROM reflection_concepts c "
            " WHERE c.reflection_id = r.id AND c.score IS NOT NULL), "
            "CASE WHEN json_valid(r.record) AND json_type(r.record, '$.edited_at') = 'text' "
            "THEN json_extract(r.record, '$.edited_at') END, "
            "CASE WHEN json_valid(r.record) AND json_type(r.record, '$.notes') = 'array' "
            "THEN json_array_length(r.record, '$.notes') END",
            filters, newest_first,
        )
        # A plain loop, not ``yield from``: a generator dropped after the store closed (a
        # reader that went away) must not try to close a cursor of a closed connection.
        for row in self.conn.execute(sql, params):  # noqa: UP028 - see above
            yield row

    def query_json(
        self, filters: Filters | None = None, newest_first: bool = False
    ) -> Iterator[str]:
        """Matching reflections as the JSON text they were stored as (one line each).

        That text is exactly a JSON Lines export line, so a full export need not decode and
        re-encode every record.
        """
        sql, params = _select("record", filters, newest_first)
        for row in self.conn.execute(sql, params):  # noqa: UP028 - see above
            yield row[0]

    def has_concept(self, concept_id: str) -> bool:
        """True when some reflection scored this concept id (one index lookup)."""
        return (
            self.conn.execute(
                "SELECT 1 FROM reflection_concepts WHERE concept_id = ? LIMIT 1", (concept_id,)
            ).fetchone()
            is not None
        )


def _decode(text: str) -> Record:
    """A stored record, with any field an older peercheck stored unchecked left out."""
    from ..records import readable

    try:
        return readable(json.loads(text))
    except (ValueError, RecursionError):
        return readable(None)


def _is_day(text: Any) -> bool:
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return True


def free_text(record: Record) -> str:
    """All the free text of a reflection, for search (strings among the answers, tags, notes)."""
    parts = [str(v) for v in (record.get("answers") or {}).values() if isinstance(v, str)]
    parts += [str(t) for t in (record.get("context") or {}).get("tags") or []]
    parts += [str(n.get("text") or "") for n in record.get("notes") or [] if isinstance(n, dict)]
    return "\n".join(p for p in parts if p.strip())


def _select(
    columns: str, filters: Filters | None, newest_first: bool
) -> tuple[str, list[Any]]:
    """SELECT ``columns`` of the matching reflections, by session date then id."""
    where, params = _where(filters or Filters())
    order = "DESC" if newest_first else "ASC"
    return (
        f"SELECT {columns} FROM reflections r {where} "
        f"ORDER BY r.session_date {order}, r.id {order}",
        params,
    )


def _period(filters: Filters, column: str) -> tuple[list[str], list[Any]]:
    """The --since/--until clauses on ``column`` (a session date), with their parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.since:
        clauses.append(f"{column} >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        clauses.append(f"{column} <= ?")
        params.append(filters.until.isoformat())
    return clauses, params


def _where(filters: Filters) -> tuple[str, list[Any]]:
    clauses, params = _period(filters, "r.session_date")
    if filters.tag:
        clauses.append(
            "EXISTS (SELECT 1 FROM reflection_tags t WHERE t.reflection_id = r.id AND t.tag = ?)"
        )
        params.append(filters.tag)
    if filters.concept:
        clauses.append(
            "EXISTS (SELECT 1 FROM reflection_concepts c WHERE c.reflection_id = r.id "
            "AND c.concept_id = ? AND c.score IS NOT NULL)"
        )
        params.append(filters.concept)
    if filters.ids:
        clauses.append(f"r.id IN ({', '.join('?' for _ in filters.ids)})")
        params.extend(filters.ids)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _newest_writer(conn: sqlite3.Connection) -> str | None:
    """The peercheck version that applied the log's latest migration, if it says (read only)."""
    try:
        row = conn.execute(
            "SELECT peercheck FROM _migrations WHERE peercheck IS NOT NULL "
            "ORDER BY name DESC LIMIT 1"
        ).fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row and row[0] else None


def _statements(sql: str) -> list[str]:
    """Split a migration into statements; a trigger's body (BEGIN ... END) stays whole."""
    statements, current = [], ""
    for piece in sql.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                statements.append(current.strip())
            current = ""
    return statements


def _epoch(stamp: str) -> float:
    import calendar

    try:
        return float(calendar.timegm(time.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")))
    except (TypeError, ValueError):
        return 0.0
