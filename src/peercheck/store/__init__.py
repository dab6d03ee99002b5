"""The reflection log: a small interface, so a shared server can stand beside SQLite.

Commands talk only to ``LogStore``; the SQL lives in ``store.sqlite`` and, for a whole
service, ``store.postgres`` (chosen in ``open_store`` from PEERCHECK_DATABASE_URL or the
global ``--database URL``) — no command changes.

A *record* is the reflection as ``reflect --json`` prints it (a plain dict)::

    {"id": str, "created_at": ISO 8601 with offset, "context": {"date", "kind", "minutes",
     "tags"}, "answers": {prompt_id: answer}, "concepts": [{"id", "name", "score", "level",
     "evidence"}], "cues": [...], "flags": {...}, ...}

Records are stored as given, so a later change of prompts never rewrites an old meaning.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

Record = dict[str, Any]


@dataclass
class Filters:
    """Which reflections a listing, export or trend looks at (all optional)."""

    since: date | None = None
    until: date | None = None
    concept: str | None = None
    tag: str | None = None
    ids: list[str] = field(default_factory=list)


class LogStore(Protocol):
    """What every backend offers the commands."""

    location: str

    def save(self, record: Record) -> str:
        """Store one reflection in a single transaction; return its id."""

    def get(self, reflection_id: str) -> Record | None:
        """One reflection by id (or unique id prefix), or None."""

    def query(
        self, filters: Filters | None = None, limit: int | None = None, newest_first: bool = True
    ) -> Iterator[Record]:
        """Reflections matching ``filters``, streamed."""

    # The log's own commands (log, export, import, trends; owner: logs).

    def count_matching(self, filters: Filters | None = None) -> int:
        """How many reflections ``filters`` selects."""

    def count_before(self, day: date) -> int:
        """How many reflections have a session date before ``day``."""

    def concept_ids(self) -> list[str]:
        """Every concept id scored somewhere in the log."""

    def concept_series(
        self, filters: Filters | None = None
    ) -> Iterator[tuple[str, str, float, int]]:
        """(concept id, session date, mean score, count) per concept and day, oldest first."""

    def search(self, words: str, limit: int | None = None) -> Iterator[Record]:
        """Reflections whose free text holds every word, newest first."""

    def replace(self, record: Record) -> None:
        """Put ``record`` in place of the stored reflection with the same id, in one
        transaction (its tags, scores and searchable text with it), after checking the log's
        integrity; ``log edit`` and ``log note`` use it. KeyError if the id is not stored."""

    def delete(self, reflection_id: str) -> bool:
        """Remove one reflection (exact id) and its text for real."""

    def purge_before(self, day: date) -> int:
        """Remove every reflection from before ``day`` for real; return how many."""

    def backup_to(self, dest: Path) -> None:
        """Write a consistent, owner-only copy of the log to ``dest``."""

    def import_records(self, records: Iterable[Record]) -> tuple[int, int]:
        """Add reflections not in the log yet, all or nothing; return (added, already there)."""

    def table_rows(
        self, filters: Filters | None = None, newest_first: bool = False
    ) -> Iterator[tuple[Any, ...]]:
        """Flat rows for CSV: id, date, created_at, kind, minutes, tags JSON, flags JSON, label,
        scores JSON ({concept id: score}), edited_at, number of notes (None when none)."""

    def query_json(
        self, filters: Filters | None = None, newest_first: bool = False
    ) -> Iterator[str]:
        """Matching reflections as their stored JSON text, one line each."""

    def has_concept(self, concept_id: str) -> bool:
        """True when some reflection scored this concept id."""

    def close(self) -> None: ...


_database: str | None = None


def set_database(url: str | None) -> None:
    """The global ``--database URL`` (it wins over PEERCHECK_DATABASE_URL)."""
    global _database
    _database = url


def database_url() -> str | None:
    """The PostgreSQL URL in use, or None for the local SQLite log."""
    import os

    url = _database or os.environ.get("PEERCHECK_DATABASE_URL") or None
    if url is None:
        return None
    from ..errors import InputError

    scheme = url.split("://", 1)[0].lower()
    if scheme not in ("postgresql", "postgres"):
        from .. import messages

        raise InputError(messages.PG_NOT_A_URL, hint=messages.PG_NOT_A_URL_HINT)
    return url


def open_store(path: Path | None = None, *, create: bool = True) -> LogStore:
    """Open the log: the PostgreSQL server when a URL is set, otherwise the local SQLite file.

    psycopg is imported only on the PostgreSQL path, so SQLite users never pay for it.
    """
    url = database_url() if path is None else None
    if url is not None:
        from .postgres import PostgresStore

        return PostgresStore(url)
    from .sqlite import SQLiteStore

    if path is None:
        from ..paths import db_path

        path = db_path()
    return SQLiteStore(path, create=create)
