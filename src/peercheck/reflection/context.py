"""The session's context (date, kind, minutes, tags) as people type or file it."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .. import messages
from ..errors import InputError
from ..prompts import or_list

SESSION_KINDS = ("one-to-one", "group", "phone", "online", "other")
CONTEXT_FIELDS = ("date", "kind", "minutes", "tags")
MAX_MINUTES = 24 * 60


def parse_date_value(value: Any) -> str:
    """A session date as ISO text, from a date, ISO text or plain words ("yesterday")."""
    from ..dates import parse_date

    if value is None or (isinstance(value, str) and not value.strip()):
        return date.today().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return parse_date(str(value)).isoformat()


_KIND_WORDS = {"1:1": "one-to-one", "1-1": "one-to-one", "1-to-1": "one-to-one",
               "individual": "one-to-one", "call": "phone", "video": "online"}


def parse_kind(value: Any) -> str | None:
    """one-to-one, group, phone, online or other; forgiving about spaces and case."""
    if value is None or not str(value).strip():
        return None
    word = "-".join(str(value).strip().lower().replace("_", " ").split())
    word = _KIND_WORDS.get(word, word)
    if word in SESSION_KINDS:
        return word
    starts = [k for k in SESSION_KINDS if k.startswith(word)]
    if len(starts) == 1:
        return starts[0]
    raise InputError(messages.BAD_KIND.format(value=value, kinds=or_list(list(SESSION_KINDS))))


def parse_minutes(value: Any) -> int | None:
    """The session's length in whole minutes (1 to 1440)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().lower()
    text = re.sub(r"\s*(minutes?|mins?|m)$", "", text)
    try:
        minutes = int(text)
    except ValueError:
        raise InputError(messages.BAD_MINUTES.format(value=value)) from None
    if isinstance(value, bool) or not 1 <= minutes <= MAX_MINUTES:
        raise InputError(messages.BAD_MINUTES.format(value=value))
    return minutes


def parse_tags(value: Any) -> list[str]:
    """Free tags: a list, or words separated by commas (or spaces when there is no comma).

    A leading # is dropped, and the words of one tag are joined with hyphens, so
    "first meeting, drop-in" (as the question invites) gives first-meeting and drop-in.
    """
    if value is None:
        return []
    if isinstance(value, list):
        items = value
    else:
        text = str(value)
        items = text.split(",") if "," in text else text.split()
    tags: list[str] = []
    for item in items:
        if isinstance(item, (list, dict)):
            raise InputError(messages.BAD_TAGS)
        tag = "-".join(str(item).strip().lstrip("#").split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def parse_context(raw: Any) -> dict[str, Any]:
    """The ``context:`` of an answers file, every item optional."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError(messages.BAD_CONTEXT)
    unknown = [str(k) for k in raw if str(k) not in CONTEXT_FIELDS]
    if unknown:
        raise InputError(
            messages.UNKNOWN_CONTEXT.format(key=unknown[0], fields=or_list(list(CONTEXT_FIELDS)))
        )
    return {
        "date": parse_date_value(raw.get("date")),
        "kind": parse_kind(raw.get("kind")),
        "minutes": parse_minutes(raw.get("minutes")),
        "tags": parse_tags(raw.get("tags")),
    }


def empty_context() -> dict[str, Any]:
    return {"date": date.today().isoformat(), "kind": None, "minutes": None, "tags": []}

