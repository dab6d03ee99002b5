"""CSV: one row per reflection, one column per value's score; opens cleanly in a spreadsheet.

``write`` takes records like every exporter. ``write_table`` takes the store's flat rows
(``LogStore.table_rows``), the fast path the ``export`` command uses for a whole log: SQLite
picks out the few fields a spreadsheet needs, so Python never decodes whole records.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from . import ExportOptions, Record, flag_names
from .redact import shared_flags

BASE = ["id", "date", "created_at", "kind", "minutes", "tags", "flags"]


def _cell(value: Any) -> Any:
    """Text a spreadsheet could read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _writer(out: IO[str], options: ExportOptions) -> Any:
    header = BASE + (["label"] if options.label else []) + [cid for cid, _ in options.concepts]
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    return writer


def _row(
    rid: Any, day: Any, created: Any, kind: Any, minutes: Any, tags: list, flags: list[str],
    label: Any, scores: dict, options: ExportOptions,
) -> list[Any]:
    row = [
        rid,
        day,
        created,
        _cell(kind or ""),
        "" if minutes is None else minutes,
        "" if options.redact else _cell("; ".join(str(t) for t in tags)),
        "; ".join(shared_flags(flags) if options.redact else flags),
    ]
    if options.label:
        row.append(_cell(label or options.label))
    for cid, _ in options.concepts:
        score = scores.get(cid)
        row.append("" if score is None else round(float(score), 4))
    return row


def write(records: Iterable[Record], out: IO[str], options: ExportOptions) -> int:
    writer = _writer(out, options)
    n = 0
    for record in records:
        context = record.get("context") or {}
        scores = {c.get("id"): c.get("score") for c in record.get("concepts") or []}
        writer.writerow(_row(
            record.get("id"),
            context.get("date") or str(record.get("created_at", ""))[:10],
            record.get("created_at"),
            context.get("kind"),
            context.get("minutes"),
            context.get("tags") or [],
            flag_names(record),
            record.get("label"),
            scores,
            options,
        ))
        n += 1
    return n


def write_table(rows: Iterable[tuple[Any, ...]], out: IO[str], options: ExportOptions) -> int:
    """The same CSV from ``LogStore.table_rows``."""
    writer = _writer(out, options)
    loads = json.loads
    n = 0
    for rid, day, created, kind, minutes, tags, flags, label, scores in rows:
        writer.writerow(_row(
            rid, day, created, kind, minutes, loads(tags) if tags else [],
            flag_names({"flags": loads(flags) if flags else None}), label,
            loads(scores) if scores else {}, options,
        ))
        n += 1
    return n
