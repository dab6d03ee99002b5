"""Trends whose cost and memory stay flat as the log grows, and still say exactly the same.

The per-day sums (concept_days) are kept by triggers, so every way of writing scores (save,
import, edit, delete, purge) must leave them equal to the scores themselves; and the
streamed bucketing must give exactly the buckets the plain one gives.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from test_log_records import make_record, sample


def _direct(db) -> list[tuple[str, str, float, int]]:
    """The per-day means straight from the score rows (what concept_days must agree with)."""
    conn = sqlite3.connect(db)
    try:
        return [
            (c, d, round(m, 9), n) for c, d, m, n in conn.execute(
                "SELECT c.concept_id, r.session_date, avg(c.score), count(c.score) "
                "FROM reflection_concepts c JOIN reflections r ON r.id = c.reflection_id "
                "WHERE c.score IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
            )
        ]
    finally:
        conn.close()


def _series(log, **filters) -> list[tuple[str, str, float, int]]:
    from peercheck.store import Filters

    return [(c, d, round(m, 9), n) for c, d, m, n in log.concept_series(Filters(**filters))]


def test_per_day_sums_follow_every_kind_of_write(peercheck_home, tmp_path):
    from peercheck.store import open_store

    db = peercheck_home / "peercheck.db"
    records = sample(12, start=date(2026, 9, 1))
    records += [make_record(50 + i, "2026-09-01", scores={"hope": 0.1 * i}) for i in range(4)]
    with open_store() as log:
        for record in records[:6]:
            log.save(record)
        log.import_records(records[6:])
        assert _series(log) == _direct(db) != []
        edited = dict(records[0])
        edited["context"] = {**edited["context"], "date": "2026-12-24"}
        edited["concepts"] = [{"id": "hope", "name": "Hope", "score": 0.33, "level": "growing"}]
        log.replace(edited)
        assert _series(log) == _direct(db)
        log.delete(records[7]["id"])
        assert _series(log) == _direct(db)
        log.purge_before(date(2026, 9, 10))
        assert _series(log) == _direct(db)
        # The filtered path (per-row, through the covering index) agrees with the sums.
        since = date(2026, 9, 20)
        assert _series(log, since=since) == [r for r in _direct(db) if r[1] >= "2026-09-20"]
        tagged = _series(log, tag="nope")
        assert tagged == []


@pytest.mark.parametrize("width", [16, 24, 26, 40])
def test_streamed_buckets_are_exactly_the_plain_ones(width):
    from peercheck.trends import FINE, bucket, build

    start = date(1990, 1, 1)
    rows = [("hope", (start + timedelta(days=3 * d)).isoformat(), (d % 97) / 97, 1 + d % 3)
            for d in range(FINE + 500)]  # more days than the slots kept
    reads = []

    def again():
        reads.append(1)
        return iter(rows)

    (trend,) = build(again, {"hope": "Hope"})
    assert len(reads) == 2  # read twice, never held
    assert trend.days == [] and trend.fine is not None
    assert trend.count == sum(r[3] for r in rows)
    assert trend.first == rows[0][1] and trend.last == rows[-1][1]
    plain = bucket([(d, m, n) for _, d, m, n in rows], width)
    streamed = trend.buckets(width)
    assert [p and (p[0], p[2]) for p in streamed] == [p and (p[0], p[2]) for p in plain]
    assert [p and round(p[1], 9) for p in streamed] == [p and round(p[1], 9) for p in plain]
