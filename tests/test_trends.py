"""Trends: each value's score over time in the terminal, strongest first."""

from __future__ import annotations

import json
from datetime import date, timedelta

from test_log_records import make_record, seed


def _series() -> list[dict]:
    start = date(2026, 9, 1)
    records = []
    for i in range(12):
        records.append(make_record(i + 1, start + timedelta(days=7 * i), scores={
            "respect": 0.9,
            "hope": round(0.2 + 0.05 * i, 2),  # growing week by week
            "stay-in-lane": 0.3,
        }))
    return records


def test_values_strongest_first_with_counts(cli):
    seed(_series())
    result = cli("trends")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "reflections" in line]
    names = [line.split()[0] for line in lines[1:]]
    assert [n[:4] for n in names] == ["Resp", "Hope", "Stay"]
    assert "12 reflections, 2026-09-01 to 2026-11-17" in result.stdout
    hope = next(line for line in lines if line.startswith("Hope"))
    assert "12 reflections" in hope and "0.48" in hope
    spark = hope.split()[1]
    assert spark[0] < spark[-1]  # block characters rise with the score
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_one_value_in_detail(cli):
    seed(_series())
    result = cli("trends", "--value", "hope")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("Hope: mean 0.48 over 12 reflections")
    bars = [line for line in result.stdout.splitlines() if "█" in line]
    assert len(bars) == 12
    assert bars[0].count("█") < bars[-1].count("█")


def test_since_and_json(cli):
    seed(_series())
    data = json.loads(cli("trends", "--since", "2026-11-01", "--json").stdout)
    hope = next(t for t in data if t["id"] == "hope")
    assert hope["reflections"] == 3 and hope["first"] == "2026-11-03"
    assert [t["id"] for t in data] == ["respect", "hope", "stay-in-lane"]


def test_nothing_to_chart_yet(cli):
    result = cli("trends")
    assert result.exit_code == 0
    assert "no scored reflections" in result.stderr


def test_many_days_are_bucketed_to_fit():
    from peercheck.trends import build, sparkline

    rows = [("hope", (date(2020, 1, 1) + timedelta(days=d)).isoformat(), d / 1000, 1)
            for d in range(1000)]
    (trend,) = build(rows, {"hope": "Hope"})
    slots = trend.buckets(28)
    assert len(slots) == 28 and trend.count == 1000
    assert sparkline(slots)[0] == "▁" and sparkline(slots)[-1] == "█"
