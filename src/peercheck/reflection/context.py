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


MAX_SHOWN = 60  # characters of a value quoted back in a message


def clip(value: Any) -> str:
    """A value as short text for a message, however large it is."""
    if isinstance(value, (list, dict)):
        return "[…]" if isinstance(value, list) else "{…}"
    text = " ".join(str(value)[: MAX_SHOWN * 2].split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def parse_date_value(value: Any) -> str:
    """A session date as ISO text, from a date, ISO text or plain words ("yesterday",
    "last tuesday"); a day still to come is refused, since a session has happened."""
    from ..dates import parse_date

    if value is None or (isinstance(value, str) and not value.strip()):
        return date.today().isoformat()
    if isinstance(value, date):
        day = value
    else:
        day = parse_date(clip(value))
    if day > date.today():
        raise InputError(messages.FUTURE_DATE.format(date=day.isoformat()))
    return day.isoformat()


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
    kinds = or_list(list(SESSION_KINDS))
    raise InputError(messages.BAD_KIND.format(value=clip(value), kinds=kinds))


def parse_minutes(value: Any) -> int | None:
    """The session's length in whole minutes (1 to 1440)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().lower()
    text = re.sub(r"\s*(minutes?|mins?|m)$", "", text)
    try:
        minutes = int(text)
    except ValueError:
        raise InputError(messages.BAD_MINUTES.format(value=clip(value))) from None
    if isinstance(value, bool) or not 1 <= minutes <= MAX_MINUTES:
        raise InputError(messages.BAD_MINUTES.format(value=clip(value)))
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


def split_tags(text: str) -> list[str]:
    """Tags typed on one line, as the question asks: separated by commas, each as written.

    "first meeting" is one tag; only "#evening #drop-in", written as hashtags, is several.
    """
    tags: list[str] = []
    for item in text.split(","):
        words = item.split()
        if len(words) > 1 and all(word.startswith("#") for word in words):
            tags.extend(words)
        elif words:
            tags.append(item.strip())
    return tags


def tags_as_written(value: Any) -> str:
    """The tags as the person wrote them (before they become #tags), for the privacy check."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value if not isinstance(item, (list, dict)))
    return "" if value is None else str(value)


def parse_context(raw: Any) -> dict[str, Any]:
    """The ``context:`` of an answers file, every item optional."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError(messages.BAD_CONTEXT)
    unknown = [str(k) for k in raw if str(k) not in CONTEXT_FIELDS]
    if unknown:
        raise InputError(
            messages.UNKNOWN_CONTEXT.format(
                key=clip(unknown[0]), fields=or_list(list(CONTEXT_FIELDS))
            )
        )
    return {
        "date": _context_date(raw.get("date")),
        "kind": parse_kind(raw.get("kind")),
        "minutes": parse_minutes(raw.get("minutes")),
        "tags": parse_tags(raw.get("tags")),
    }


def _context_date(value: Any) -> str:
    """The file's session date; a problem names the field and the date as written."""
    try:
        return parse_date_value(value)
    except InputError as exc:
        raise InputError(messages.BAD_CONTEXT_DATE.format(problem=exc.message)) from None


def empty_context() -> dict[str, Any]:
    return {"date": date.today().isoformat(), "kind": None, "minutes": None, "tags": []}

