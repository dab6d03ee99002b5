"""End to end through the installed command: reflect --answers → log → show → export."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import FILLED_ANSWERS as FILLED

OWN_WORDS = [
    "We talked about going back to college.",
    "I stayed with the silence and let them lead.",
    "Leave more room before I speak.",
    "first-meeting",
]


@pytest.fixture
def reflected(run, tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(FILLED)
    result = run("reflect", "--answers", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record.pop("summary")["next_time"] == "Leave more room before I speak."
    return record


def test_a_reflection_shows_up_in_the_log_and_every_export(run, reflected, tmp_path):
    listed = run("log")
    assert listed.exit_code == 0, listed.stderr
    row = listed.stdout.splitlines()[2]
    assert row.startswith(reflected["id"][:12]) and "2026-11-20" in row
    shown = run("log", "show", reflected["id"][:8])
    assert shown.exit_code == 0, shown.stderr
    assert "2026-11-20" in shown.stdout
    shown = json.loads(run("log", "show", reflected["id"], "--json").stdout)
    assert shown.pop("summary")["title"].startswith("Your reflection · 2026-11-20")
    assert shown == reflected

    exported = [json.loads(x) for x in run("export").stdout.splitlines()]
    assert exported == [reflected]
    rows = list(csv.DictReader(io.StringIO(run("export", "-f", "csv").stdout)))
    scores = {c["id"]: c["score"] for c in reflected["concepts"] if c["score"] is not None}
    for cid, score in scores.items():
        assert float(rows[0][cid]) == pytest.approx(score, abs=1e-4)

    for fmt in ("csv", "jsonl", "json", "markdown", "html"):
        text = run("export", "-f", fmt, "--redact").stdout
        for words in OWN_WORDS:
            assert words not in text, (fmt, words)
    found = json.loads(run("log", "search", "college", "--json").stdout)
    assert [r["id"] for r in found] == [reflected["id"]]
