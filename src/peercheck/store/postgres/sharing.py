"""Sharing with supervision: the worker's label, the shared flag, and the supervisors' view.

A worker shares a reflection by marking it; a supervisor reads shared reflections only
through ``peercheck.shared_reflections`` (the ``--redact`` allowlist and the label). Which rows
each role reaches is the server's row-level security, not these queries.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ... import messages
from ...errors import InputError
from ...records import is_line, readable
from .. import Record
from .schema import SUPERVISOR, WORKER
from .store import PostgresStore


def set_label(store: PostgresStore, label: str) -> None:
    """The name supervisors see on everything this worker shares."""
    label = " ".join(label.split())
    if not label:
        raise InputError(messages.PG_LABEL_EMPTY)
    if not is_line(label, 60):  # the same rule as export --as: no control characters
        raise InputError(messages.EXPORT_BAD_LABEL)
    with store._errors(), store.conn.transaction():
        store.conn.execute(
            "INSERT INTO peercheck.worker_labels (label) VALUES (%s) "
            "ON CONFLICT (owner) DO UPDATE SET label = excluded.label",
            (label,),
        )


def label(store: PostgresStore) -> str | None:
    with store._errors():
        row = store.conn.execute("SELECT label FROM peercheck.worker_labels").fetchone()
    return row[0] if row else None


def share(store: PostgresStore, ids: list[str], shared: bool = True) -> list[str]:
    """Mark reflections (ids or unique prefixes) shared or not; return the full ids changed.

    All or nothing: an id that names none of the worker's reflections changes nothing.
    """
    if shared and label(store) is None:
        raise InputError(messages.PG_NEEDS_LABEL, hint=messages.PG_NEEDS_LABEL_HINT)
    full = []
    for rid in ids:
        record = store.get(rid)
        if record is None:
            raise InputError(messages.LOG_NO_SUCH_ID.format(id=rid),
                             hint=messages.LOG_NO_SUCH_ID_HINT)
        full.append(str(record["id"]))
    with store._errors(), store.conn.transaction():
        store.conn.execute(
            "UPDATE peercheck.reflections SET shared = %s WHERE id = ANY(%s)", (shared, full)
        )
    return full


@dataclass
class Status:
    worker: bool
    supervisor: bool
    label: str | None = None
    reflections: int = 0
    shared: int = 0
    shared_seen: int = 0
    labels_seen: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def status(store: PostgresStore) -> Status:
    """What the current role can see."""
    with store._errors():
        worker, supervisor = store.conn.execute(
            "SELECT pg_has_role(current_user, %s, 'USAGE'), pg_has_role(current_user, %s, 'USAGE')",
            (WORKER, SUPERVISOR),
        ).fetchone()
        result = Status(worker=bool(worker), supervisor=bool(supervisor))
        if worker:
            result.label = label(store)
            result.reflections, result.shared = store.conn.execute(
                "SELECT count(*), count(*) FILTER (WHERE shared) FROM peercheck.reflections"
            ).fetchone()
        if supervisor:
            result.shared_seen, result.labels_seen = store.conn.execute(
                "SELECT count(*), count(DISTINCT label) FROM peercheck.shared_reflections"
            ).fetchone()
    return result


def shared_labels(store: PostgresStore) -> list[str]:
    """Every label with a shared reflection, alphabetically."""
    return [row[0] for row in store._rows(
        "SELECT DISTINCT label FROM peercheck.shared_reflections ORDER BY 1")]


def shared_records(
    store: PostgresStore, since: date | None = None, until: date | None = None
) -> Iterator[Record]:
    """Shared reflections as supervisors see them: redacted records stamped with the label."""
    clauses, params = [], []
    if since:
        clauses.append("session_date >= %s")
        params.append(since.isoformat())
    if until:
        clauses.append("session_date <= %s")
        params.append(until.isoformat())
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    for lab, record in store._rows(
        f"SELECT label, record::text FROM peercheck.shared_reflections {where} "
        "ORDER BY session_date, created_at",
        params,
    ):
        yield {**readable(json.loads(record)), "label": lab}
