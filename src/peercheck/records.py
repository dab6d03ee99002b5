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
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

Record = dict[str, Any]

ULID = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")  # prompt ids: an organisation's may differ
VERSION = re.compile(r"[0-9A-Za-z.+_-]{1,40}")
# Control characters (C0, DEL, C1), lone surrogates, and the bidirectional overrides that make
# text read differently from how it is stored.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_CONTROL_IN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)

EARLIEST = date(1970, 1, 1)
LATEST = date(2199, 12, 31)
SESSION_KINDS = ("one-to-one", "group", "phone", "online", "other")
PROMPT_KINDS = ("scale", "yesno", "choice", "text")
LEVELS = ("strong", "growing", "worth a look")
MAX_MINUTES = 24 * 60
MAX_DEPTH = 6  # record > concepts > concept > evidence > item > answer
MAX_NAME = 200  # labels, names, tags, rule names: one line
MAX_TEXT = 20_000  # one free-text answer
MAX_ITEMS = 500  # entries in any one list or mapping
MAX_NUMBER = 10**9  # any number a record has no reason to exceed
TOP_LEVEL = (
    "id", "created_at", "peercheck", "context", "focus", "framework", "prompts", "answers",
    "concepts", "flags", "intention", "cues", "label", "redacted",
)


class Problem(ValueError):
    """A field of a record that peercheck cannot use: ``field`` is its path, ``why`` in words."""

    def __init__(self, field: str, why: str):
        super().__init__(f"{field} {why}")
        self.field = field
        self.why = why


# -- the pieces ----------------------------------------------------------------------------


def _name(value: Any, field: str, *, limit: int = MAX_NAME, optional: bool = True) -> Any:
    """A one-line string without control characters (None allowed when optional)."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise Problem(field, "should be text")
    if len(value) > limit:
        raise Problem(field, f"is longer than {limit} characters")
    if _CONTROL.search(value):
        raise Problem(field, "holds control characters")
    return value


def _text(value: Any, field: str) -> Any:
    """Free text: several lines allowed, other control characters not."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise Problem(field, "should be text")
    if len(value) > MAX_TEXT:
        raise Problem(field, f"is longer than {MAX_TEXT} characters")
    if _CONTROL_IN_TEXT.search(value):
        raise Problem(field, "holds control characters")
    return value


def _slug(value: Any, field: str, *, pattern: re.Pattern = SLUG, optional: bool = True) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > 64 or not pattern.fullmatch(value):
        raise Problem(field, "should be a short id like stay-in-lane")
    return value


def _int(value: Any, field: str, low: int, high: int, *, optional: bool = True) -> Any:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Problem(field, "should be a whole number")
    if not low <= value <= high:
        raise Problem(field, f"should be between {low} and {high}")
    return value


def _fraction(value: Any, field: str) -> Any:
    """A score or weight: a finite number from 0 to 1, or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Problem(field, "should be a number from 0 to 1")
    if not (math.isfinite(value) and 0 <= value <= 1):
        raise Problem(field, "should be a number from 0 to 1")
    return value


def _list(value: Any, field: str, *, optional: bool = True) -> list:
    if value is None and optional:
        return []
    if not isinstance(value, list):
        raise Problem(field, "should be a list")
    if len(value) > MAX_ITEMS:
        raise Problem(field, f"has more than {MAX_ITEMS} entries")
    return value


def _mapping(value: Any, field: str, *, optional: bool = True) -> dict:
    if value is None and optional:
        return {}
    if not isinstance(value, dict):
        raise Problem(field, "should be a set of fields")
    if len(value) > MAX_ITEMS:
        raise Problem(field, f"has more than {MAX_ITEMS} entries")
    return value


def _day(value: Any, field: str) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise Problem(field, "should be a date like 2026-11-20")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Problem(field, "should be a date like 2026-11-20") from None
    if not EARLIEST <= day <= LATEST:
        raise Problem(field, f"should be a date between {EARLIEST.year} and {LATEST.year}")
    return day


def _moment(value: Any, field: str) -> str:
    if not isinstance(value, str) or not 10 <= len(value) <= 40 or _CONTROL.search(value):
        raise Problem(field, "should be a time like 2026-11-20T14:05:00+00:00")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise Problem(field, "should be a time like 2026-11-20T14:05:00+00:00") from None
    if not EARLIEST <= when.date() <= LATEST:
        raise Problem(field, f"should be a time between {EARLIEST.year} and {LATEST.year}")
    return value


def _answer(value: Any, field: str) -> Any:
    if isinstance(value, str):
        return _text(value, field)
    if value is None:
        return None
    return _int(value, field, -MAX_NUMBER, MAX_NUMBER)


def _loose(value: Any, field: str, depth: int) -> None:
    """A field peercheck does not use itself: any JSON, within the size and depth limits."""
    if depth > MAX_DEPTH:
        raise Problem(field, f"is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        _text(value, field)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        _int(value, field, -MAX_NUMBER, MAX_NUMBER)
    elif isinstance(value, float):
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise Problem(field, "should be a finite number")
    elif isinstance(value, list):
        for i, item in enumerate(_list(value, field)):
            _loose(item, f"{field}[{i}]", depth + 1)
    elif isinstance(value, dict):
        for key, item in _mapping(value, field).items():
            _name(key, f"{field} key", limit=64)
            _loose(item, f"{field}.{key}", depth + 1)
    else:
        raise Problem(field, "is not plain JSON")


# -- the fields of a record ------------------------------------------------------------------


def _id(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Problem("id", "is missing: a reflection without an id (perhaps saved with --no-save)")
    rid = value.strip().upper()
    if not ULID.fullmatch(rid):
        raise Problem("id", "is not a peercheck id (26 letters and digits, like 01JD8Z…)")
    return rid


def _context(value: Any) -> dict:
    context = _mapping(value, "context")
    for key in context:
        if key not in ("date", "kind", "minutes", "tags"):
            raise Problem(f"context.{_shown_key(key)}", "is not a field peercheck knows")
    if context.get("date") is not None:
        _day(context["date"], "context.date")
    kind = context.get("kind")
    if kind is not None and kind not in SESSION_KINDS:
        raise Problem("context.kind", "should be " + _or(SESSION_KINDS))
    _int(context.get("minutes"), "context.minutes", 1, MAX_MINUTES)
    for i, tag in enumerate(_list(context.get("tags"), "context.tags")):
        _name(tag, f"context.tags[{i}]", limit=60, optional=False)
    return context


def _prompts(value: Any) -> dict:
    prompts = _mapping(value, "prompts")
    for pid, prompt in prompts.items():
        where = f"prompts.{_slug(pid, 'a prompt id', pattern=KEY, optional=False)}"
        _mapping(prompt, where, optional=False)
        _name(prompt.get("question"), f"{where}.question", limit=1000)
        kind = prompt.get("kind")
        if kind is not None and kind not in PROMPT_KINDS:
            raise Problem(f"{where}.kind", "should be " + _or(PROMPT_KINDS))
        for key, item in prompt.items():
            if key not in ("question", "kind"):
                _loose(item, f"{where}.{_shown_key(key)}", 3)
    return prompts


def _answers(value: Any) -> dict:
    answers = _mapping(value, "answers")
    for pid, answer in answers.items():
        _slug(pid, "a prompt id in answers", pattern=KEY, optional=False)
        _answer(answer, f"answers.{pid}")
    return answers


def _concept(concept: Any, where: str) -> None:
    _mapping(concept, where, optional=False)
    _slug(concept.get("id"), f"{where}.id", optional=False)
    _name(concept.get("name"), f"{where}.name")
    _fraction(concept.get("score"), f"{where}.score")
    level = concept.get("level")
    if level is not None and level not in LEVELS:
        raise Problem(f"{where}.level", "should be " + _or(LEVELS))
    for j, item in enumerate(_list(concept.get("evidence"), f"{where}.evidence")):
        at = f"{where}.evidence[{j}]"
        _mapping(item, at, optional=False)
        _slug(item.get("prompt"), f"{at}.prompt", pattern=KEY)
        _answer(item.get("answer"), f"{at}.answer")
        _fraction(item.get("weight"), f"{at}.weight")
        for key, extra in item.items():
            if key not in ("prompt", "answer", "weight"):
                _loose(extra, f"{at}.{_shown_key(key)}", 5)
    for key, extra in concept.items():
        if key not in ("id", "name", "score", "level", "evidence"):
            _loose(extra, f"{where}.{_shown_key(key)}", 3)


def _concepts(value: Any) -> list:
    concepts = _list(value, "concepts")
    for i, concept in enumerate(concepts):
        _concept(concept, f"concepts[{i}]")
    return concepts


def _flags(value: Any) -> Any:
    if isinstance(value, dict):  # an older shape: {name: true}
        for key, on in _mapping(value, "flags").items():
            _slug(key, "flags", optional=False)
            if not isinstance(on, bool):
                raise Problem(f"flags.{key}", "should be true or false")
        return value
    for i, flag in enumerate(_list(value, "flags")):
        _slug(flag, f"flags[{i}]", optional=False)
    return value


def _cues(value: Any) -> list:
    cues = _list(value, "cues")
    for i, cue in enumerate(cues):
        where = f"cues[{i}]"
        _mapping(cue, where, optional=False)
        _slug(cue.get("prompt"), f"{where}.prompt", pattern=KEY)
        for key in ("rule", "family"):
            _slug(cue.get(key), f"{where}.{key}", pattern=KEY)
        _name(cue.get("level"), f"{where}.level", limit=40)
        for j, concept in enumerate(_list(cue.get("concepts"), f"{where}.concepts")):
            _slug(concept, f"{where}.concepts[{j}]", optional=False)
        for j, number in enumerate(_list(cue.get("principles"), f"{where}.principles")):
            _int(number, f"{where}.principles[{j}]", 0, 1000, optional=False)
        for key, item in cue.items():
            if key not in ("prompt", "rule", "family", "level", "concepts", "principles"):
                _loose(item, f"{where}.{_shown_key(key)}", 2)
    return cues


def _redacted(value: Any) -> Any:
    if value is not None and not isinstance(value, bool):
        raise Problem("redacted", "should be true or false")
    return value


_FIELDS = {
    "created_at": lambda v: _moment(v, "created_at"),
    "peercheck": lambda v: _slug(v, "peercheck", pattern=VERSION),
    "context": _context,
    "focus": lambda v: _slug(v, "focus"),
    "framework": lambda v: _slug(v, "framework"),
    "prompts": _prompts,
    "answers": _answers,
    "concepts": _concepts,
    "flags": _flags,
    "intention": lambda v: _text(v, "intention"),
    "cues": _cues,
    "label": lambda v: _name(v, "label", limit=60),
    "redacted": _redacted,
}
# What a forgiving reader puts in place of a field that breaks the rules.
_EMPTY: dict[str, Any] = {"context": {}, "prompts": {}, "answers": {}, "concepts": [],
                          "flags": [], "cues": []}


# -- the validator -------------------------------------------------------------------------


def check(record: Any) -> Record:
    """The record as peercheck may store it (id upper-cased), or a Problem saying why not."""
    if not isinstance(record, dict):
        raise Problem("the record", "should be a set of fields")
    if "answers" not in record and "concepts" not in record:
        raise Problem("the record", "has neither answers nor value scores")
    rid = _id(record.get("id"))
    if "created_at" not in record:
        raise Problem("created_at", "is missing")
    for key, value in record.items():
        if key == "id":
            continue
        field = _FIELDS.get(key)
        if field is not None:
            field(value)
        else:
            _name(key, "a field name", limit=64)
            _loose(value, key, 1)
    context = record.get("context") or {}
    if context.get("date") is None:
        _day(str(record["created_at"])[:10], "created_at")
    if rid != record["id"]:
        record = {**record, "id": rid}
    return record


def readable(record: Any) -> Record:
    """The record with every field that breaks the rules left out, for readers of the log.

    A record an older peercheck stored without checking still lists, exports and counts;
    what was wrong in it is simply not shown.
    """
    if not isinstance(record, dict):
        return {"id": str(record)[:40]}
    try:
        checked = check(record)
    except Problem:
        pass
    else:  # the id exactly as stored, so it can still be shown and deleted
        return record if checked["id"] != record["id"] else checked
    fixed: Record = {}
    rid = record.get("id")
    fixed["id"] = rid if isinstance(rid, str) and not _CONTROL.search(rid) else str(rid)[:40]
    for key, value in record.items():
        if key == "id":
            continue
        if key == "concepts" and isinstance(value, list):
            fixed[key] = [c for i, c in enumerate(value[:MAX_ITEMS]) if _passes(_concept, c, i)]
            continue
        if key == "context" and isinstance(value, dict):
            fixed[key] = _readable_context(value)
            continue
        field = _FIELDS.get(key)
        try:
            if field is not None:
                field(value)
            else:
                _name(key, "a field name", limit=64)
                _loose(value, key, 1)
        except Problem:
            if key in _EMPTY:
                fixed[key] = type(_EMPTY[key])()
            continue
        fixed[key] = value
    if not isinstance(fixed.get("created_at"), str):
        fixed["created_at"] = ""
    return fixed


def _readable_context(context: dict) -> dict:
    fixed: dict[str, Any] = {"date": None, "kind": None, "minutes": None, "tags": []}
    for key, rule in (
        ("date", lambda v: v is None or _day(v, "date")),
        ("kind", lambda v: v is None or v in SESSION_KINDS or _fail()),
        ("minutes", lambda v: _int(v, "minutes", 1, MAX_MINUTES)),
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
    _name(tag, where, limit=60, optional=False)


def _fail() -> None:
    raise Problem("a field", "breaks the rules")


def _passes(rule: Any, value: Any, i: int) -> bool:
    try:
        rule(value, f"[{i}]")
    except Problem:
        return False
    return True


def _shown_key(key: Any) -> str:
    """A field name as a message may show it: short, and only if it is plain."""
    text = str(key)
    return text if KEY.fullmatch(text) and len(text) <= 40 else "(a field with an odd name)"


def _or(items: tuple[str, ...]) -> str:
    return ", ".join(items[:-1]) + " or " + items[-1]
