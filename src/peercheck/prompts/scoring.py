"""Scoring: answers onto values, what the worker did weighed as the values weigh it.

A concept's score is the mean of the weights of the answers that inform it (``None`` when
none did). An answer that admits drift is marked in the evidence, and a concept with drift in
its evidence is never called strong: a drift admitted is never averaged away.
"""

from __future__ import annotations

import difflib
from typing import Any

from ..errors import InputError
from .model import STRONG, WORTH_A_LOOK, Answer, Prompt


def by_id(prompts: list[Prompt]) -> dict[str, Prompt]:
    return {p.id: p for p in prompts}


def focus_on(prompts: list[Prompt], concept_id: str) -> list[Prompt]:
    """The short reflection on one concept: its prompts plus those kept in every reflection."""
    return [p for p in prompts if concept_id in p.concepts or p.always]


def unknown_prompt(pid: str, prompts: list[Prompt]) -> InputError:
    ids = [p.id for p in prompts]
    close = difflib.get_close_matches(pid, ids, n=1)
    hint = f"Did you mean {close[0]}? " if close else ""
    return InputError(
        f"There is no prompt called {pid!r} in this reflection.",
        hint=f"{hint}The prompts are: {', '.join(ids)}.",
    )


def level(score: float | None) -> str | None:
    """The level word for a score: strong (0.75 and up), growing, worth a look (under 0.4)."""
    if score is None:
        return None
    if score >= STRONG:
        return "strong"
    if score < WORTH_A_LOOK:
        return "worth a look"
    return "growing"


def score(
    prompts: list[Prompt], answers: dict[str, Answer], names: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Per concept touched by ``prompts``: score (mean weight or None), level and evidence.

    Concepts come in the order the prompts first mention them; skipped prompts and answers
    whose weight is null leave no evidence. Evidence of an answer that admits drift carries
    ``"drift": true``, and keeps its concept below strong.
    """
    names = names or {}
    order: list[str] = []
    evidence: dict[str, list[dict[str, Any]]] = {}
    for prompt in prompts:
        for concept in prompt.concepts:
            if concept not in evidence:
                order.append(concept)
                evidence[concept] = []
        if not prompt.scored or prompt.id not in answers:
            continue
        answer = answers[prompt.id]
        weight = prompt.weight(answer)
        if weight is None:
            continue
        for concept in prompt.concepts:
            item: dict[str, Any] = {"prompt": prompt.id, "answer": answer, "weight": weight}
            if prompt.admits_drift(answer):
                item["drift"] = True
            evidence[concept].append(item)
    result = []
    for concept in order:
        items = evidence[concept]
        value = round(sum(e["weight"] for e in items) / len(items), 2) if items else None
        word = level(value)
        if word == "strong" and any(e.get("drift") for e in items):
            word = "growing"
        result.append(
            {
                "id": concept,
                "name": names.get(concept) or concept.replace("-", " ").capitalize(),
                "score": value,
                "level": word,
                "evidence": items,
            }
        )
    return result


def flags(prompts: list[Prompt], answers: dict[str, Answer]) -> list[str]:
    """What the answers ask to bring to supervision, in order, each once."""
    found: list[str] = []
    for prompt in prompts:
        if prompt.id in answers:
            for flag in prompt.flags_for(answers[prompt.id]):
                if flag not in found:
                    found.append(flag)
    if "safety" in found and "supervision" not in found:
        found.append("supervision")
    return found


def uncovered(prompts: list[Prompt], concept_ids: list[str]) -> list[str]:
    """The concepts (of ``concept_ids``, in order) that no scored prompt informs."""
    informed = {c for p in prompts if p.scored for c in p.concepts}
    return [c for c in concept_ids if c not in informed]
