"""Reading the labelled corpus and measuring the cues on it (shared by the test and the bench).

A sentence labelled ``ok`` is right when it draws no cue; a drifting one is right when the
family it is labelled with is among the cues it draws.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

CORPUS = Path(__file__).with_name("sentences.tsv")


class Row(NamedTuple):
    split: str  # tune or held
    label: str  # ok or a family id
    text: str


class Figures(NamedTuple):
    total: int
    acceptable: int
    false_cue_rate: float  # acceptable sentences drawing any cue
    accuracy: float  # every sentence, acceptable and drifting
    per_family: dict[str, tuple[float, float, int]]  # precision, recall, sentences labelled
    wrong: list[tuple[Row, list[str]]]  # each miss with the families it drew


def load(path: Path = CORPUS, split: str | None = None) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        part, label, text = line.split("\t")
        if split is None or part == split:
            rows.append(Row(part, label, text))
    return rows


def measure(rows: Iterable[Row], families_of: Callable[[str], set[str]]) -> Figures:
    """Figures for ``rows``, where ``families_of(text)`` is the set of families a text draws."""
    rows = list(rows)
    drawn = [families_of(row.text) for row in rows]
    pairs = list(zip(rows, drawn, strict=True))
    labels = sorted({r.label for r in rows} - {"ok"})
    per_family = {}
    for family in labels:
        fired = sum(1 for got in drawn if family in got)
        right = sum(1 for r, got in pairs if r.label == family and family in got)
        labelled = sum(1 for r in rows if r.label == family)
        precision = right / fired if fired else 1.0
        per_family[family] = (precision, right / labelled if labelled else 1.0, labelled)
    wrong = [
        (r, sorted(got)) for r, got in pairs
        if (got if r.label == "ok" else r.label not in got)
    ]
    acceptable = [got for r, got in pairs if r.label == "ok"]
    return Figures(
        total=len(rows),
        acceptable=len(acceptable),
        false_cue_rate=sum(1 for got in acceptable if got) / len(acceptable),
        accuracy=1 - len(wrong) / len(rows),
        per_family=per_family,
        wrong=wrong,
    )
