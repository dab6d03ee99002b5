"""CSV: one row per reflection, one column per value's score; opens cleanly in a spreadsheet.

``write`` takes records like every exporter. ``write_table`` takes the store's flat rows
(``LogStore.table_rows``), the fast path the ``export`` command uses for a whole log: SQLite
picks out the few fields a spreadsheet needs, so Python never decodes whole records.

The columns are the same, in the same order, whether or not the export is redacted or
labelled (redaction empties the tags and notes cells; an unlabelled export has an empty label
column), so sheets from several workers line up.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from . import ExportOptions, Record, flag_names
from .redact import shared_flags

BASE = ["id", "date", "created_at", "edited_at", "kind", "minutes", "tags", "flags", "notes",
        "label"]
# What a spreadsheet would run rather than show: a formula, or a cell it splits at a control.
_ACTIVE = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """The cell's text; text a spreadsheet could run as a formula gets a leading apostrophe.

    Judged by the text alone, whatever the field (ids, dates and numbers included): our data
    has no negative numbers, and a cell that could run is never worth the risk.
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_ACTIVE) else text


def _writer(out: IO[str], options: ExportOptions) -> Any:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(c) for c in BASE + [cid for cid, _ in options.concepts]])
    return writer


def _row(
    rid: Any, day: Any, created: Any, edited: Any, kind: Any, minutes: Any, tags: list,
    flags: list[str], notes: int, label: Any, scores: dict, options: ExportOptions,
) -> list[str]:
    row = [
        rid,
        day,
        created,
        edited,
        kind,
        minutes,
        "" if options.redact else "; ".join(str(t) for t in tags),
        "; ".join(shared_flags(flags) if options.redact else flags),
        "" if options.redact or not notes else notes,
        label or options.label,
    ]
    for cid, _ in options.concepts:
        score = scores.get(cid)
        row.append(None if score is None else round(float(score), 4))
    return [cell(v) for v in row]


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
            record.get("edited_at"),
            context.get("kind"),
            context.get("minutes"),
            context.get("tags") or [],
            flag_names(record),
            len(record.get("notes") or []),
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
    for rid, day, created, kind, minutes, tags, flags, label, scores, edited, notes in rows:
        writer.writerow(_row(
            rid, day, created, edited, kind, minutes, loads(tags) if tags else [],
            flag_names({"flags": loads(flags) if flags else None}), notes or 0, label,
            loads(scores) if scores else {}, options,
        ))
        n += 1
    return n
