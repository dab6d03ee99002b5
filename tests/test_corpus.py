"""The cues measured on a labelled corpus of peer-support sentences (tests/corpus/).

The targets: at most 5% of acceptable sentences draw a cue, and at least 0.92 of all
sentences (acceptable and drifting) come out right, on the half held back while tuning, on
the half used for it, and on sentences written after tuning. bench/cue_accuracy.py prints
the full figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from peercheck import cues

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from measure import load, measure  # noqa: E402


def families_of(text: str) -> set[str]:
    return {hit.family for hit in cues.scan(text)}


def test_the_corpus_is_big_enough_and_labelled_with_real_families():
    rows = load()
    acceptable = [r for r in rows if r.label == "ok"]
    drifting = [r for r in rows if r.label != "ok"]
    assert len(acceptable) >= 150 and len(drifting) >= 150
    assert {r.label for r in drifting} <= set(cues.ruleset().families)
    assert {r.split for r in rows} == {"tune", "held", "fresh"}
    assert len({r.text for r in rows}) == len(rows), "a sentence appears twice"


@pytest.mark.parametrize("split", ["held", "tune", "fresh"])
def test_few_false_cues_and_high_mixed_accuracy(split):
    figures = measure(load(split=split), families_of)
    wrong = "\n".join(f"{row.label}: {row.text} -> {got}" for row, got in figures.wrong)
    assert figures.false_cue_rate <= 0.05, wrong
    assert figures.accuracy >= 0.92, wrong


def test_every_family_is_heard_on_most_of_its_sentences():
    figures = measure(load(), families_of)
    for family, (precision, recall, _n) in figures.per_family.items():
        assert recall >= 0.8 and precision >= 0.8, (family, precision, recall)
