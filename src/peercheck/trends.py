"""Each value's score over time: per-day averages from the store, bucketed for a small chart.

The store does the averaging in SQL (``concept_series``). Building a trend reads those rows
twice, never keeping them: once for each value's first and last day, then to add each day
into one of ``FINE`` slots over that span. Every chart width the commands use divides
``FINE``, so merging slots gives exactly the buckets of :func:`bucket`, and memory stays the
same whether the log spans a month or a century.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

SPARKS = "▁▂▃▄▅▆▇█"
FINE = 3120  # slots kept per value: 16, 24, 26 and 40 (the widths in use) all divide it
Point = tuple[str, float, int]  # (date, mean score, reflections)
Row = tuple[str, str, float, int]  # (concept id, date, mean score, reflections)


@dataclass
class Trend:
    concept_id: str
    name: str
    first: str = ""
    last: str = ""
    count: int = 0
    total: float = 0.0  # sum of the scores, so mean = total / count
    days: list[Point] = field(default_factory=list)  # every day, while there are <= FINE
    # Beyond FINE days, per slot: score sum, count, and its first day (days after `first`).
    fine: tuple[array, array, array] | None = None
    ndays: int = 0
    _span: tuple[date, int] = (date.min, 1)  # first day and days covered, for the slots

    @property
    def mean(self) -> float:
        return self.total / self.count if self.count else 0.0

    def buckets(self, width: int) -> list[Point | None]:
        """At most ``width`` evenly spaced slots from first to last day (None = no reflection)."""
        if self.fine is None:
            return bucket(self.days, width)
        # Exactly bucket()'s slots when width divides FINE; close to them otherwise.
        totals, counts, offsets = self.fine
        first = self._span[0]
        slots: list[list] = [["", 0.0, 0] for _ in range(width)]
        for i in range(FINE):
            if counts[i]:
                slot = slots[i * width // FINE]
                slot[0] = slot[0] or (first + timedelta(days=offsets[i])).isoformat()
                slot[1] += totals[i]
                slot[2] += counts[i]
        return [(s[0], s[1] / s[2], s[2]) if s[2] else None for s in slots]

    def _add(self, day: str, mean: float, count: int) -> None:
        """Second pass: one day's mean into the kept days or its fine slot."""
        if self.fine is None:
            self.days.append((day, mean, count))
            return
        first, span = self._span
        totals, counts, offsets = self.fine
        offset = (date.fromisoformat(day) - first).days
        i = offset * FINE // span
        if not counts[i]:  # days arrive in order, so the slot's first day is the first seen
            offsets[i] = offset
        totals[i] += mean * count
        counts[i] += count

    def to_dict(self, width: int = 24) -> dict:
        return {
            "id": self.concept_id,
            "name": self.name,
            "reflections": self.count,
            "mean": round(self.mean, 4),
            "first": self.first,
            "last": self.last,
            "points": [
                None if p is None else {"date": p[0], "score": round(p[1], 4), "count": p[2]}
                for p in self.buckets(width)
            ],
        }


def build(rows: Callable[[], Iterable[Row]] | Iterable[Row], names: dict[str, str]) -> list[Trend]:
    """Trends from (concept, day, mean, count) rows, strongest values first.

    ``rows`` is best a function that runs the query afresh (it is read twice and never
    held); a plain iterable is held in memory first.
    """
    if not callable(rows):
        held = list(rows)
        rows = lambda: held  # noqa: E731 - the same two passes over a held list
    trends: dict[str, Trend] = {}
    for cid, day, mean, count in rows():
        trend = trends.get(cid)
        if trend is None:
            trend = trends[cid] = Trend(cid, names.get(cid) or cid.replace("-", " ").capitalize())
            trend.first = day
        trend.first = min(trend.first, day)
        trend.last = max(trend.last, day)
        trend.count += count
        trend.total += mean * count
        trend.ndays += 1
    for trend in trends.values():
        if trend.ndays > FINE:
            trend.fine = (array("d", bytes(8 * FINE)), array("q", bytes(8 * FINE)),
                          array("q", bytes(8 * FINE)))
            first = date.fromisoformat(trend.first)
            trend._span = (first, (date.fromisoformat(trend.last) - first).days + 1)
    for cid, day, mean, count in rows():
        trends[cid]._add(day, mean, count)
    return sorted(trends.values(), key=lambda t: (-t.mean, t.name))


def bucket(days: list[Point], width: int) -> list[Point | None]:
    """Group days into ``width`` equal stretches of time; each slot is a weighted mean."""
    if len(days) <= width:
        return list(days)
    first = date.fromisoformat(days[0][0])
    span = (date.fromisoformat(days[-1][0]) - first).days + 1
    slots: list[list[float]] = [[0.0, 0, ""] for _ in range(width)]  # type: ignore[misc]
    for day, mean, count in days:
        i = min(width - 1, (date.fromisoformat(day) - first).days * width // span)
        slot = slots[i]
        slot[0] += mean * count
        slot[1] += count
        slot[2] = slot[2] or day
    return [(s[2], s[0] / s[1], int(s[1])) if s[1] else None for s in slots]  # type: ignore[misc]


def sparkline(points: list[Point | None]) -> str:
    """Scores 0..1 as block characters; a gap is a space."""
    chars = []
    for p in points:
        if p is None:
            chars.append(" ")
        else:
            level = max(0.0, min(1.0, p[1]))
            chars.append(SPARKS[min(len(SPARKS) - 1, int(level * len(SPARKS)))])
    return "".join(chars)


def chart_series(trends: list[Trend], width: int = 40) -> dict[str, list[Point]]:
    """Bucketed points per value, without gaps, for the HTML export's chart."""
    return {t.concept_id: [p for p in t.buckets(width) if p is not None] for t in trends}
