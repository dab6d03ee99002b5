"""The rules one field of a record must keep: each raises ``Problem`` naming the field and why.

``refusing`` is import's strictness about control characters; a reader of the log turns it off
(``peercheck.records.readable``), because what it shows is made visible by peercheck.output.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

ULID = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")  # prompt ids: an organisation's may differ
VERSION = re.compile(r"[0-9A-Za-z.+_-]{1,40}")
# Control characters (C0, DEL, C1), lone surrogates, and the bidirectional overrides that make
# text read differently from how it is stored.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
CONTROL_IN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)

PROMPT_KEYS = frozenset(("question", "kind"))

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
LEVELS_OR_NONE = (*LEVELS, None)
KINDS_OR_NONE = (*PROMPT_KINDS, None)


class Problem(ValueError):
    """A field of a record that peercheck cannot use: ``field`` is its path, ``why`` in words."""

    def __init__(self, field: str, why: str):
        super().__init__(f"{field} {why}")
        self.field = field
        self.why = why


# Import refuses control characters; a reader of the log only shows them (made visible by
# peercheck.output), so a reflection typed with a stray one still reads.
refusing = [True]


def controls(text: str) -> bool:
    return refusing[0] and CONTROL.search(text) is not None


def controls_in_text(text: str) -> bool:
    return refusing[0] and CONTROL_IN_TEXT.search(text) is not None


def plain_name(value: Any, limit: int = MAX_NAME) -> bool:
    return value is None or (type(value) is str and len(value) <= limit and not controls(value))


# -- the pieces ----------------------------------------------------------------------------


def line_field(value: Any, field: str, *, limit: int = MAX_NAME, optional: bool = True) -> Any:
    """A one-line string without control characters (None allowed when optional)."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise Problem(field, "should be text")
    if len(value) > limit:
        raise Problem(field, f"is longer than {limit} characters")
    if controls(value):
        raise Problem(field, "holds control characters")
    return value


def text_field(value: Any, field: str) -> Any:
    """Free text: several lines allowed, other control characters not."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise Problem(field, "should be text")
    if len(value) > MAX_TEXT:
        raise Problem(field, f"is longer than {MAX_TEXT} characters")
    if controls_in_text(value):
        raise Problem(field, "holds control characters")
    return value


def id_field(value: Any, field: str, *, pattern: re.Pattern = SLUG, optional: bool = True) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > 64 or not pattern.fullmatch(value):
        raise Problem(field, "should be a short id like stay-in-lane")
    return value


def int_field(value: Any, field: str, low: int, high: int, *, optional: bool = True) -> Any:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Problem(field, "should be a whole number")
    if not low <= value <= high:
        raise Problem(field, f"should be between {low} and {high}")
    return value


def fraction_field(value: Any, field: str) -> Any:
    """A score or weight: a finite number from 0 to 1, or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Problem(field, "should be a number from 0 to 1")
    if not (math.isfinite(value) and 0 <= value <= 1):
        raise Problem(field, "should be a number from 0 to 1")
    return value


def list_field(value: Any, field: str, *, optional: bool = True) -> list:
    if value is None and optional:
        return []
    if not isinstance(value, list):
        raise Problem(field, "should be a list")
    if len(value) > MAX_ITEMS:
        raise Problem(field, f"has more than {MAX_ITEMS} entries")
    return value


def mapping_field(value: Any, field: str, *, optional: bool = True) -> dict:
    if value is None and optional:
        return {}
    if not isinstance(value, dict):
        raise Problem(field, "should be a set of fields")
    if len(value) > MAX_ITEMS:
        raise Problem(field, f"has more than {MAX_ITEMS} entries")
    return value


def day_field(value: Any, field: str) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise Problem(field, "should be a date like 2026-11-20")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Problem(field, "should be a date like 2026-11-20") from None
    if not EARLIEST <= day <= LATEST:
        raise Problem(field, f"should be a date between {EARLIEST.year} and {LATEST.year}")
    return day


def time_field(value: Any, field: str) -> str:
    if not isinstance(value, str) or not 10 <= len(value) <= 40 or CONTROL.search(value):
        raise Problem(field, "should be a time like 2026-11-20T14:05:00+00:00")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise Problem(field, "should be a time like 2026-11-20T14:05:00+00:00") from None
    if not EARLIEST <= when.date() <= LATEST:
        raise Problem(field, f"should be a time between {EARLIEST.year} and {LATEST.year}")
    return value


def answer_field(value: Any, field: str) -> Any:
    if isinstance(value, str):
        return text_field(value, field)
    if value is None:
        return None
    return int_field(value, field, -MAX_NUMBER, MAX_NUMBER)


def any_field(value: Any, field: str, depth: int) -> None:
    """A field peercheck does not use itself: any JSON, within the size and depth limits."""
    if depth > MAX_DEPTH:
        raise Problem(field, f"is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        text_field(value, field)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        int_field(value, field, -MAX_NUMBER, MAX_NUMBER)
    elif isinstance(value, float):
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise Problem(field, "should be a finite number")
    elif isinstance(value, list):
        for i, item in enumerate(list_field(value, field)):
            any_field(item, f"{field}[{i}]", depth + 1)
    elif isinstance(value, dict):
        for key, item in mapping_field(value, field).items():
            line_field(key, f"{field} key", limit=64)
            any_field(item, f"{field}.{key}", depth + 1)
    else:
        raise Problem(field, "is not plain JSON")



def shown_key(key: Any) -> str:
    """A field name as a message may show it: short, and only if it is plain."""
    text = str(key)
    return text if KEY.fullmatch(text) and len(text) <= 40 else "(a field with an odd name)"


def or_words(items: tuple[str, ...]) -> str:
    return ", ".join(items[:-1]) + " or " + items[-1]


def is_line(text: str, limit: int = MAX_NAME) -> bool:
    """True for one line of at most ``limit`` characters without control characters."""
    return len(text) <= limit and not CONTROL.search(text)

