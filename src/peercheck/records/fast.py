"""The fast path of import: records in exactly the shape peercheck writes pass in a few lookups.

Each predicate answers "plainly fine?"; False only means "look closer", and the field rules in
``fields`` then name the problem, if there is one. Ids, names and prompts already found good
are remembered (a log repeats the same few), in bounded sets.
"""

from __future__ import annotations

from typing import Any

from .rules import (
    KEY,
    LEVELS_OR_NONE,
    MAX_ITEMS,
    MAX_NAME,
    MAX_NUMBER,
    MAX_TEXT,
    SLUG,
    controls,
    controls_in_text,
    refusing,
)

CONCEPT_KEYS = frozenset(("id", "name", "score", "level", "evidence"))
EVIDENCE_KEYS = frozenset(("prompt", "answer", "weight"))
slug_match = SLUG.fullmatch
key_match = KEY.fullmatch


def plain_concept(c: Any) -> bool:
    """True for a concept in exactly the shape peercheck writes: the fast path of import.

    False means "look closer", and ``concept_field`` then names the problem, if there is one.
    Ids and names already found good are remembered (a log repeats the same few).
    """
    if type(c) is not dict or not c.keys() <= CONCEPT_KEYS:
        return False
    get = c.get
    cid, name, score = get("id"), get("name"), get("score")
    if type(cid) is not str:
        return False
    if cid not in good_ids:
        if len(cid) > 64 or not slug_match(cid):
            return False
        remember(good_ids, cid)
    if name is not None and (type(name) is not str or name not in good_names):
        if type(name) is not str or len(name) > MAX_NAME or controls(name):
            return False
        remember(good_names, name)
    if score is not None and not (type(score) in (float, int) and 0 <= score <= 1):
        return False
    if get("level") not in LEVELS_OR_NONE:
        return False
    evidence = get("evidence")
    if evidence is None:
        return True
    if type(evidence) is not list or len(evidence) > MAX_ITEMS:
        return False
    for e in evidence:
        if type(e) is not dict or not e.keys() <= EVIDENCE_KEYS:
            return False
        pid, weight = e.get("prompt"), e.get("weight")
        if pid is not None and (type(pid) is not str or pid not in good_keys):
            if type(pid) is not str or len(pid) > 64 or not key_match(pid):
                return False
            remember(good_keys, pid)
        if not plain_answer(e.get("answer")):
            return False
        if weight is not None and not (type(weight) in (float, int) and 0 <= weight <= 1):
            return False
    return True


# Strings already found good, one memory per rule (concept ids, prompt ids, names), bounded.
good_ids: set[str] = set()
good_keys: set[str] = set()
good_names: set[str] = set()
good_prompts: set[tuple[Any, Any, Any]] = set()


def remember(good: set[str], text: str) -> None:
    if len(good) < 4096 and refusing[0]:
        good.add(text)


def plain_answer(answer: Any) -> bool:
    if type(answer) is int:
        return -MAX_NUMBER <= answer <= MAX_NUMBER
    if type(answer) is str:
        return len(answer) <= MAX_TEXT and not controls_in_text(answer)
    return answer is None

