"""Reflection prompts: what peercheck asks after a session, and how answers map onto values.

The prompts are data (the ``prompts:`` section of data/principles.yaml). One module per idea:
``model`` (the Prompt), ``answers`` (reading answers in the words people type), ``loading``
(validating the data), ``scoring`` (answers onto values, drift, levels) and ``listing``
(``peercheck prompts``). Import from here; the modules are an inner layout.
"""

from __future__ import annotations

from .answers import YESNO_WORDS
from .loading import load_prompts, parse_document
from .model import (
    KINDS,
    LEVELS,
    SCALE,
    STAGES,
    STRONG,
    WORTH_A_LOOK,
    YESNO,
    Answer,
    Prompt,
    or_list,
)
from .scoring import by_id, flags, focus_on, level, score, uncovered, unknown_prompt


def run_prompts(*, focus: str | None, as_json: bool) -> None:
    """``peercheck prompts``: every question, its answers, weights and why."""
    from .listing import run_prompts as run

    run(focus=focus, as_json=as_json)


__all__ = [
    "KINDS", "LEVELS", "SCALE", "STAGES", "STRONG", "WORTH_A_LOOK", "YESNO", "YESNO_WORDS",
    "Answer", "Prompt", "by_id", "flags", "focus_on", "level", "load_prompts", "or_list",
    "parse_document", "run_prompts", "score", "uncovered", "unknown_prompt",
]
