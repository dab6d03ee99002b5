"""One validator for a reflection record, wherever a record comes from.

``import`` reads records someone else's file says are peercheck's, and every reader of the log
meets records an older peercheck may have stored without checking. Both go through here:

- ``check(record)`` is strict: the record as it may be stored (its id upper-cased), or a
  ``Problem`` naming the field and why. Import uses it, so a hand-edited or hostile file
  imports nothing.
- ``readable(record)`` is forgiving: the same rules, but a field that breaks them is dropped
  (or emptied) instead, so one bad old record cannot stop ``log``, exports, trends or a report.

What a field *means* (is an answer free text? what is this concept called?) is never believed
from the record: redaction and display look prompts and concepts up in peercheck's own data.

Inside: ``rules`` (what one field must be), ``fields`` (which rule each field of a record
keeps), ``fast`` (import's fast path for records in exactly peercheck's own shape).
"""

from __future__ import annotations

from typing import Any

from .fields import EMPTY, FIELDS, concept_field, record_id
from .rules import (
    MAX_ITEMS,
    MAX_MINUTES,
    SESSION_KINDS,
    Problem,
    any_field,
    day_field,
    int_field,
    is_line,
    line_field,
    refusing,
)

__all__ = ["Problem", "Record", "check", "is_line", "readable"]

Record = dict[str, Any]


# -- the validator -------------------------------------------------------------------------


def check(record: Any) -> Record:
    """The record as peercheck may store it (id upper-cased), or a Problem saying why not."""
    if not isinstance(record, dict):
        raise Problem("the record", "should be a set of fields")
    if "answers" not in record and "concepts" not in record:
        raise Problem("the record", "has neither answers nor value scores")
    rid = record_id(record.get("id"))
    if "created_at" not in record:
        raise Problem("created_at", "is missing")
    for key, value in record.items():
        if key == "id":
            continue
        field = FIELDS.get(key)
        if field is not None:
            field(value)
        else:
            line_field(key, "a field name", limit=64)
            any_field(value, key, 1)
    context = record.get("context") or {}
    if context.get("date") is None:
        day_field(str(record["created_at"])[:10], "created_at")
    if rid != record["id"]:
        record = {**record, "id": rid}
    return record


def readable(record: Any) -> Record:
    """The record with every field that breaks the rules left out, for readers of the log.

    A record an older peercheck stored without checking still lists, exports and counts;
    what was wrong in it is simply not shown.
    """
    if not isinstance(record, dict):
        return {"id": str(record)[:40], "created_at": ""}
    refusing[0] = False
    try:
        return _readable(record)
    finally:
        refusing[0] = True


def _readable(record: Record) -> Record:
    try:
        checked = check(record)
    except Problem:
        pass
    else:  # the id exactly as stored, so it can still be shown and deleted
        return record if checked["id"] != record["id"] else checked
    fixed: Record = {}
    rid = record.get("id")
    fixed["id"] = rid if isinstance(rid, str) else str(rid)[:40]
    for key, value in record.items():
        if key == "id":
            continue
        if key == "concepts" and isinstance(value, list):
            fixed[key] = [
                c for i, c in enumerate(value[:MAX_ITEMS]) if _passes(concept_field, c, i)
            ]
            continue
        if key == "context" and isinstance(value, dict):
            fixed[key] = _readable_context(value)
            continue
        field = FIELDS.get(key)
        try:
            if field is not None:
                field(value)
            else:
                line_field(key, "a field name", limit=64)
                any_field(value, key, 1)
        except Problem:
            if key in EMPTY:
                fixed[key] = type(EMPTY[key])()
            continue
        fixed[key] = value
    if not isinstance(fixed.get("created_at"), str):
        fixed["created_at"] = ""
    return fixed


def _readable_context(context: dict) -> dict:
    fixed: dict[str, Any] = {"date": None, "kind": None, "minutes": None, "tags": []}
    for key, rule in (
        ("date", lambda v: v is None or day_field(v, "date")),
        ("kind", lambda v: v is None or v in SESSION_KINDS or _fail()),
        ("minutes", lambda v: int_field(v, "minutes", 1, MAX_MINUTES)),
    ):
        try:
            rule(context.get(key))
            fixed[key] = context.get(key)
        except Problem:
            pass
    tags = context.get("tags")
    if isinstance(tags, list):
        fixed["tags"] = [t for t in tags[:MAX_ITEMS] if _passes(_tag, t, 0)]
    return fixed


def _tag(tag: Any, where: str) -> None:
    line_field(tag, where, limit=60, optional=False)


def _fail() -> None:
    raise Problem("a field", "breaks the rules")


def _passes(rule: Any, value: Any, i: int) -> bool:
    try:
        rule(value, f"[{i}]")
    except Problem:
        return False
    return True

