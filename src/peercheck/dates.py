"""Dates as people type them: ISO dates and plain words ("yesterday", "7 days ago", "last week")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .errors import InputError

_AGO = re.compile(r"^(\d{1,4}|a|an|one)\s+(day|week|month|year)s?\s+ago$")
_LAST = re.compile(r"^last\s+(week|month|year)$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"^(last\s+|on\s+|this\s+past\s+)?(monday|mon|tuesday|tues|tue|wednesday|wed|thursday"
    r"|thurs|thur|thu|friday|fri|saturday|sat|sunday|sun)$"
)
EXAMPLES = ('an ISO date like 2026-11-23, or "today", "yesterday", "monday", "last tuesday", '
            '"7 days ago", "last week"')


def parse_date(text: str, *, today: date | None = None) -> date:
    """Turn what someone typed into a date, or raise one clear InputError.

    "last week" / "last month" mean seven days / one month before today (a starting point
    for ``--since``), which is what people usually mean when looking back.
    """
    today = today or date.today()
    raw = " ".join(str(text).strip().lower().split())
    if raw in ("today", "now"):
        return today
    if raw == "yesterday":
        return today - timedelta(days=1)
    weekday = _WEEKDAY.match(raw)
    if weekday:
        last = (weekday.group(1) or "").startswith("last")
        return _weekday_before(today, weekday.group(2)[:3], last=last)
    match = _AGO.match(raw) or _LAST.match(raw)
    if match:
        groups = match.groups()
        count = 1 if len(groups) == 1 or groups[0] in ("a", "an", "one") else int(groups[0])
        unit = groups[-1]
        if unit == "day":
            return today - timedelta(days=count)
        if unit == "week":
            return today - timedelta(weeks=count)
        months = count * (12 if unit == "year" else 1)
        return _months_back(today, months)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        pass
    shown = raw if len(raw) <= 40 else raw[:39] + "…"
    raise InputError(f'"{shown}" is not a date peercheck can read; try {EXAMPLES}.')


def _weekday_before(today: date, word: str, *, last: bool) -> date:
    """The most recent such weekday: "monday" is today on a Monday, "last monday" never is.

    Looking back is what people mean after a session (and with --since)."""
    target = next(i for i, name in enumerate(_WEEKDAYS) if name.startswith(word))
    back = (today.weekday() - target) % 7
    if back == 0 and last:
        back = 7
    return today - timedelta(days=back)


def _months_back(day: date, months: int) -> date:
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    if year < 1:
        raise InputError("That date is further back than peercheck can count.")
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    return date(year, month, 28)
