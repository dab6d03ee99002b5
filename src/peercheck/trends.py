"""Each value's score over time: per-day averages from the store, bucketed for a small chart.

The store does the averaging in SQL (``concept_series``), so a trend over 100,000 reflections
holds one number per value and day, never the reflections themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

SPARKS = "▁▂▃▄▅▆▇█"
Point = tuple[str, float, int]  # (date, mean score, reflections)


@dataclass
class Trend:
    concept_id: str
    name: str
    days: list[Point] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(n for _, _, n in self.days)

    @property
    def mean(self) -> float:
        total = self.count
        return sum(s * n for _, s, n in self.days) / total if total else 0.0

    @property
    def first(self) -> str:
        return self.days[0][0] if self.days else ""

    @property
    def last(self) -> str:
        return self.days[-1][0] if self.days else ""

    def buckets(self, width: int) -> list[Point | None]:
        """At most ``width`` evenly spaced slots from first to last day (None = no reflection)."""
        return bucket(self.days, width)

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


def build(rows: Iterable[tuple[str, str, float, int]], names: dict[str, str]) -> list[Trend]:
    """Trends from (concept, day, mean, count) rows, strongest values first."""
    trends: dict[str, Trend] = {}
    for cid, day, mean, count in rows:
        trend = trends.get(cid)
        if trend is None:
            trend = trends[cid] = Trend(cid, names.get(cid) or cid.replace("-", " ").capitalize())
        trend.days.append((day, mean, count))
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
