"""The reflection log on a PostgreSQL server: the same LogStore methods as SQLite.

Every statement names only the caller's rows implicitly: row-level security on the server
narrows each one to the login role's own reflections, so this code holds no ``owner = ...``
filter that a bug could drop.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from ... import messages
from ...errors import PeercheckError, StoreError
from ...records import readable  # any record stored unchecked still reads (see records)
from .. import Filters, Record
from . import connect as pg
from .schema import SCHEMA_VERSION, applied

IMPORT_BATCH = 500

# One statement per reflection: its tags and scores are written only when the reflection row
# itself was new, so an id already in the log is left exactly as it is.
ADD = """
WITH r AS (
    INSERT INTO peercheck.reflections (id, created_at, session_date, kind, minutes, record,
                                       body, redacted, shared)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)
    ON CONFLICT (owner, id) DO NOTHING RETURNING id
), t AS (
    INSERT INTO peercheck.reflection_tags (reflection_id, tag)
    SELECT r.id, x FROM r, unnest(%s::text[]) x ON CONFLICT DO NOTHING
), c AS (
    INSERT INTO peercheck.reflection_concepts (reflection_id, concept_id, score, level)
    SELECT r.id, x.cid, x.score, x.level
    FROM r, unnest(%s::text[], %s::float8[], %s::text[]) AS x (cid, score, level)
    ON CONFLICT DO NOTHING
)
SELECT count(*) FROM r
"""


class PostgresStore:
    """The team log. One connection per command; each save is one transaction."""

    def __init__(self, url: str):
        self.url = url
        self.location = pg.describe(url)
        self.notices: list[str] = []
        self.conn = pg.connect(url, self.location)
        try:
            self._check_schema()
        except BaseException:
            self.conn.close()
            raise

    def _check_schema(self) -> None:
        with self._errors():
            done = applied(self.conn)
        if not done:
            raise StoreError(messages.PG_NO_SCHEMA.format(where=self.location),
                             hint=messages.PG_NO_SCHEMA_HINT)
        if len(done) > SCHEMA_VERSION:
            newer = next((v for _, v in reversed(done) if v), None)
            raise StoreError(
                messages.PG_SCHEMA_NEWER.format(
                    where=self.location, n=len(done), known=SCHEMA_VERSION
                ),
                hint=messages.PG_SCHEMA_NEWER_HINT.format(version=newer or "the newer version"),
            )
        if len(done) < SCHEMA_VERSION:
            raise StoreError(messages.PG_SCHEMA_OLDER.format(where=self.location),
                             hint=messages.PG_NO_SCHEMA_HINT)

    @contextmanager
    def _errors(self, *, saving: bool = False) -> Iterator[None]:
        """Turn any server error into one sentence (PeercheckErrors pass unchanged)."""
        import psycopg

        try:
            yield
        except PeercheckError:
            raise
        except psycopg.Error as exc:
            raise pg.store_error(self.location, exc, saving=saving) from None

    def _rows(self, sql: str, params: Any = None) -> Iterator[Any]:
        """Stream a query's rows through a server-side cursor, inside a transaction."""
        with self._errors(), self.conn.transaction(), self.conn.cursor(name="peercheck") as cur:
            cur.itersize = 2000
            cur.execute(sql, params)
            yield from cur

    # -- writing -----------------------------------------------------------------------------

    def save(self, record: Record, *, shared: bool = False) -> str:
        """Store one reflection in one transaction; an id already saved is left as it is.

        ``shared`` (``reflect --share``) marks it shared with supervision in the same
        transaction.
        """
        from ...ids import new_id, now_iso

        record = dict(record)
        record["id"] = record.get("id") or new_id()
        record.setdefault("created_at", now_iso())
        with self._errors(saving=True), self.conn.transaction():
            self._add_rows(record, shared=shared)
        return record["id"]

    def _add_rows(self, record: Record, *, shared: bool = False) -> bool:
        """Write one reflection's rows in the caller's transaction; False if already there."""
        return bool(self.conn.execute(ADD, _row(record, shared)).fetchone()[0])

    def import_records(self, records: Iterable[Record]) -> tuple[int, int]:
        """Add reflections not in the log yet, all in one transaction; (added, already there).

        Pipelined in batches, so a big import is not one network round trip per reflection.
        """
        added = total = 0
        with self._errors(saving=True), self.conn.transaction():
            with self.conn.cursor() as cur:
                batch: list[tuple[Any, ...]] = []
                for record in records:
                    batch.append(_row(record, False))
                    if len(batch) >= IMPORT_BATCH:
                        added += _add_batch(cur, batch)
                        total += len(batch)
                        batch = []
                if batch:
                    added += _add_batch(cur, batch)
                    total += len(batch)
        return added, total - added

    def replace(self, record: Record) -> None:
        """Put ``record`` in place of your stored reflection with its id, in one transaction.

        Its tags, scores, searchable text and what supervision sees are rewritten with it; a
        shared reflection stays shared. KeyError when you have no reflection with that id.
        """
        with self._errors(saving=True), self.conn.transaction():
            row = self._remove("id = %s", record["id"], "shared")
            if row is None:
                raise KeyError(record["id"])
            self._add_rows(record, shared=bool(row[0]))

    def delete(self, reflection_id: str) -> bool:
        """Remove one of your reflections (exact id) with its tags and scores."""
        with self._errors(), self.conn.transaction():
            return self._remove("id = %s", reflection_id) is not None

    def purge_before(self, day: date) -> int:
        """Remove every one of your reflections from before ``day``; return how many."""
        with self._errors(), self.conn.transaction():
            return len(self._remove("session_date < %s", day.isoformat(), many=True))

    def _remove(self, where: str, value: Any, returning: str = "id", *, many: bool = False
                ) -> Any:
        """Delete matching reflections and their tags and scores, in the caller's transaction.

        Returns the deleted row's ``returning`` column (a list of rows with ``many``).
        """
        chosen = f"SELECT id FROM peercheck.reflections WHERE {where}"
        for table in ("reflection_tags", "reflection_concepts"):
            self.conn.execute(
                f"DELETE FROM peercheck.{table} WHERE reflection_id IN ({chosen})", (value,)
            )
        cur = self.conn.execute(
            f"DELETE FROM peercheck.reflections WHERE {where} RETURNING {returning}", (value,)
        )
        return cur.fetchall() if many else cur.fetchone()

    def backup_to(self, dest: Path) -> None:
        """Your reflections as an owner-only SQLite log at ``dest`` (one consistent snapshot).

        Written beside ``dest`` under a random, exclusive name, then renamed over it whole.
        """
        import errno
        import os
        import tempfile

        from ..sqlite import SQLiteStore

        dest = Path(dest)
        if dest.exists() and not dest.is_file():  # never rename over a device or pipe
            raise OSError(errno.EINVAL, "it is a device or special file, not an ordinary file")
        fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        os.close(fd)
        tmp = Path(name)
        try:
            copy = SQLiteStore(tmp)  # an empty 0600 file: SQLite makes it a new log
            try:
                # One SELECT reads one consistent snapshot, however many save meanwhile.
                copy.import_records(self.query(newest_first=False))
            finally:
                copy.close()
            os.replace(tmp, dest)
        finally:
            for leftover in (tmp, *(Path(f"{tmp}{end}") for end in ("-wal", "-shm", "-seal"))):
                leftover.unlink(missing_ok=True)

    # -- reading -----------------------------------------------------------------------------

    def get(self, reflection_id: str) -> Record | None:
        """One of your reflections by id, or by a prefix that names exactly one."""
        key = reflection_id.strip().upper()
        if not key:
            return None
        with self._errors():
            rows = self.conn.execute(
                "SELECT record FROM peercheck.reflections WHERE starts_with(id, %s) "
                "ORDER BY id LIMIT 2",
                (key,),
            ).fetchall()
        if len(rows) > 1:
            raise StoreError(messages.PG_AMBIGUOUS_ID.format(id=reflection_id))
        return readable(json.loads(rows[0][0])) if rows else None

    def query(
        self, filters: Filters | None = None, limit: int | None = None, newest_first: bool = True
    ) -> Iterator[Record]:
        sql, params = _select("r.record", filters, newest_first)
        if limit is not None:
            sql += " LIMIT %s"
            params.append(int(limit))
        for (text,) in self._rows(sql, params):
            yield readable(json.loads(text))

    def query_json(
        self, filters: Filters | None = None, newest_first: bool = False
    ) -> Iterator[str]:
        sql, params = _select("r.record", filters, newest_first)
        for (text,) in self._rows(sql, params):
            yield text

    def table_rows(
        self, filters: Filters | None = None, newest_first: bool = False
    ) -> Iterator[tuple[Any, ...]]:
        """The CSV's flat rows, picked out of the stored JSON on the server.

        Each row: (id, session date, created_at, kind, minutes, tags JSON, flags JSON, label,
        {concept id: score} JSON, edited_at, number of notes), as SQLiteStore.table_rows.
        """
        sql, params = _select(
            "r.id, r.session_date, r.created_at, r.kind, r.minutes, "
            "CASE WHEN jsonb_typeof(j -> 'context' -> 'tags') = 'array' "
            "THEN (j -> 'context' -> 'tags')::text END, "
            "CASE WHEN jsonb_typeof(j -> 'flags') IN ('array', 'object') "
            "THEN (j -> 'flags')::text END, "
            "j ->> 'label', "
            "(SELECT json_object_agg(c.concept_id, c.score)::text "
            " FROM peercheck.reflection_concepts c "
            " WHERE c.reflection_id = r.id AND c.owner = r.owner AND c.score IS NOT NULL), "
            "j ->> 'edited_at', "
            "CASE WHEN jsonb_typeof(j -> 'notes') = 'array' "
            "THEN jsonb_array_length(j -> 'notes') END",
            filters, newest_first, join="CROSS JOIN LATERAL (SELECT r.record::jsonb AS j) x",
        )
        yield from self._rows(sql, params)

    def search(self, words: str, limit: int | None = None) -> Iterator[Record]:
        """Your reflections whose free text holds every word, newest first."""
        if not words.strip().strip('"'):
            return
        sql = (
            "SELECT record FROM peercheck.reflections "
            "WHERE to_tsvector('simple', body) @@ plainto_tsquery('simple', %s) "
            "ORDER BY session_date DESC, id DESC"
        )
        params: list[Any] = [words.replace('"', " ")]
        if limit is not None:
            sql += " LIMIT %s"
            params.append(int(limit))
        for (text,) in self._rows(sql, params):
            yield readable(json.loads(text))

    def count(self) -> int:
        return self._one("SELECT count(*) FROM peercheck.reflections")

    def count_matching(self, filters: Filters | None = None) -> int:
        where, params = _where(filters or Filters())
        return self._one(f"SELECT count(*) FROM peercheck.reflections r {where}", params)

    def count_before(self, day: date) -> int:
        return self._one(
            "SELECT count(*) FROM peercheck.reflections WHERE session_date < %s",
            (day.isoformat(),),
        )

    def concept_ids(self) -> list[str]:
        with self._errors():
            rows = self.conn.execute(
                "SELECT DISTINCT concept_id FROM peercheck.reflection_concepts ORDER BY 1"
            ).fetchall()
        return [row[0] for row in rows]

    def concept_series(
        self, filters: Filters | None = None
    ) -> Iterator[tuple[str, str, float, int]]:
        where, params = _where(filters or Filters())
        joined = f"{where} AND" if where else "WHERE"
        sql = (
            "SELECT c.concept_id, r.session_date, avg(c.score), count(c.score) "
            "FROM peercheck.reflections r JOIN peercheck.reflection_concepts c "
            "ON c.reflection_id = r.id AND c.owner = r.owner "
            f"{joined} c.score IS NOT NULL "
            "GROUP BY c.concept_id, r.session_date ORDER BY c.concept_id, r.session_date"
        )
        for cid, day, mean, n in self._rows(sql, params):
            yield cid, day, float(mean), int(n)

    def has_concept(self, concept_id: str) -> bool:
        return bool(self._one(
            "SELECT count(*) FROM (SELECT 1 FROM peercheck.reflection_concepts "
            "WHERE concept_id = %s LIMIT 1) x", (concept_id,),
        ))

    def _one(self, sql: str, params: Any = None) -> Any:
        with self._errors():
            return self.conn.execute(sql, params).fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _row(record: Record, shared: bool) -> tuple[Any, ...]:
    """The parameters of ADD for one reflection."""
    from ...exports.redact import redact
    from ..sqlite import free_text

    context = record.get("context") or {}
    concepts = record.get("concepts") or []
    return (
        record["id"], record["created_at"],
        str(context.get("date") or record["created_at"][:10]),
        context.get("kind"), context.get("minutes"),
        json.dumps(record, ensure_ascii=False, sort_keys=True),
        free_text(record),
        json.dumps(redact(record), ensure_ascii=False, sort_keys=True),
        shared,
        [str(t) for t in context.get("tags") or []],
        [str(c["id"]) for c in concepts],
        [c.get("score") for c in concepts],
        [c.get("level") for c in concepts],
    )


def _add_batch(cur: Any, rows: list[tuple[Any, ...]]) -> int:
    """Run ADD for every row in one pipeline; return how many were new."""
    cur.executemany(ADD, rows, returning=True)
    added = 0
    while True:
        added += cur.fetchone()[0]
        if not cur.nextset():
            return added


def _select(
    columns: str, filters: Filters | None, newest_first: bool, join: str = ""
) -> tuple[str, list[Any]]:
    where, params = _where(filters or Filters())
    order = "DESC" if newest_first else "ASC"
    return (
        f"SELECT {columns} FROM peercheck.reflections r {join} {where} "
        f"ORDER BY r.session_date {order}, r.id {order}",
        params,
    )


def _where(filters: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.since:
        clauses.append("r.session_date >= %s")
        params.append(filters.since.isoformat())
    if filters.until:
        clauses.append("r.session_date <= %s")
        params.append(filters.until.isoformat())
    if filters.tag:
        clauses.append(
            "EXISTS (SELECT 1 FROM peercheck.reflection_tags t WHERE t.reflection_id = r.id "
            "AND t.owner = r.owner AND t.tag = %s)"
        )
        params.append(filters.tag)
    if filters.concept:
        clauses.append(
            "EXISTS (SELECT 1 FROM peercheck.reflection_concepts c WHERE c.reflection_id = r.id "
            "AND c.owner = r.owner AND c.concept_id = %s AND c.score IS NOT NULL)"
        )
        params.append(filters.concept)
    if filters.ids:
        clauses.append("r.id = ANY(%s)")
        params.append(list(filters.ids))
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params
