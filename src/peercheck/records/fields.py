"""The fields of a reflection record, each with its rule (``FIELDS``), for ``check``."""

from __future__ import annotations

from typing import Any

from .fast import good_prompts, key_match, plain_answer, plain_concept
from .rules import (
    KEY,
    KINDS_OR_NONE,
    LEVELS,
    MAX_MINUTES,
    PROMPT_KEYS,
    PROMPT_KINDS,
    SESSION_KINDS,
    ULID,
    VERSION,
    Problem,
    answer_field,
    any_field,
    day_field,
    fraction_field,
    id_field,
    int_field,
    line_field,
    list_field,
    mapping_field,
    or_words,
    plain_name,
    refusing,
    shown_key,
    text_field,
    time_field,
)

# -- the fields of a record ------------------------------------------------------------------


def record_id(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Problem("id", "is missing: a reflection without an id (perhaps saved with --no-save)")
    rid = value.strip().upper()
    if not ULID.fullmatch(rid):
        raise Problem("id", "is not a peercheck id (26 letters and digits, like 01JD8Z…)")
    return rid


def _context(value: Any) -> dict:
    context = mapping_field(value, "context")
    for key in context:
        if key not in ("date", "kind", "minutes", "tags"):
            raise Problem(f"context.{shown_key(key)}", "is not a field peercheck knows")
    if context.get("date") is not None:
        day_field(context["date"], "context.date")
    kind = context.get("kind")
    if kind is not None and kind not in SESSION_KINDS:
        raise Problem("context.kind", "should be " + or_words(SESSION_KINDS))
    int_field(context.get("minutes"), "context.minutes", 1, MAX_MINUTES)
    for i, tag in enumerate(list_field(context.get("tags"), "context.tags")):
        line_field(tag, f"context.tags[{i}]", limit=60, optional=False)
    return context


def _prompts(value: Any) -> dict:
    prompts = mapping_field(value, "prompts")
    for pid, prompt in prompts.items():
        if (
            type(prompt) is not dict or not prompt.keys() <= PROMPT_KEYS
            or type(pid) is not str or type(prompt.get("question")) not in (str, type(None))
        ):
            pass
        elif (pid, prompt.get("question"), prompt.get("kind")) in good_prompts:
            continue  # every record of a log repeats the same few prompts
        elif (
            type(pid) is str and len(pid) <= 64 and key_match(pid)
            and prompt.get("kind") in KINDS_OR_NONE and plain_name(prompt.get("question"), 1000)
        ):
            if len(good_prompts) < 4096 and refusing[0]:
                good_prompts.add((pid, prompt.get("question"), prompt.get("kind")))
            continue
        where = f"prompts.{id_field(pid, 'a prompt id', pattern=KEY, optional=False)}"
        mapping_field(prompt, where, optional=False)
        line_field(prompt.get("question"), f"{where}.question", limit=1000)
        kind = prompt.get("kind")
        if kind is not None and kind not in PROMPT_KINDS:
            raise Problem(f"{where}.kind", "should be " + or_words(PROMPT_KINDS))
        for key, item in prompt.items():
            if key not in ("question", "kind"):
                any_field(item, f"{where}.{shown_key(key)}", 3)
    return prompts


def _answers(value: Any) -> dict:
    answers = mapping_field(value, "answers")
    for pid, answer in answers.items():
        if type(pid) is str and len(pid) <= 64 and key_match(pid) and plain_answer(answer):
            continue
        id_field(pid, "a prompt id in answers", pattern=KEY, optional=False)
        answer_field(answer, f"answers.{pid}")
    return answers


def concept_field(concept: Any, where: str) -> None:
    mapping_field(concept, where, optional=False)
    id_field(concept.get("id"), f"{where}.id", optional=False)
    line_field(concept.get("name"), f"{where}.name")
    fraction_field(concept.get("score"), f"{where}.score")
    level = concept.get("level")
    if level is not None and level not in LEVELS:
        raise Problem(f"{where}.level", "should be " + or_words(LEVELS))
    for j, item in enumerate(list_field(concept.get("evidence"), f"{where}.evidence")):
        at = f"{where}.evidence[{j}]"
        mapping_field(item, at, optional=False)
        id_field(item.get("prompt"), f"{at}.prompt", pattern=KEY)
        answer_field(item.get("answer"), f"{at}.answer")
        fraction_field(item.get("weight"), f"{at}.weight")
        for key, extra in item.items():
            if key not in ("prompt", "answer", "weight"):
                any_field(extra, f"{at}.{shown_key(key)}", 5)
    for key, extra in concept.items():
        if key not in ("id", "name", "score", "level", "evidence"):
            any_field(extra, f"{where}.{shown_key(key)}", 3)


def _concepts(value: Any) -> list:
    concepts = list_field(value, "concepts")
    for i, concept in enumerate(concepts):
        if not plain_concept(concept):
            concept_field(concept, f"concepts[{i}]")  # says what is wrong (or finds it fine)
    return concepts




def _flags(value: Any) -> Any:
    if isinstance(value, dict):  # an older shape: {name: true}
        for key, on in mapping_field(value, "flags").items():
            id_field(key, "flags", optional=False)
            if not isinstance(on, bool):
                raise Problem(f"flags.{key}", "should be true or false")
        return value
    for i, flag in enumerate(list_field(value, "flags")):
        id_field(flag, f"flags[{i}]", optional=False)
    return value


def _cues(value: Any) -> list:
    cues = list_field(value, "cues")
    for i, cue in enumerate(cues):
        where = f"cues[{i}]"
        mapping_field(cue, where, optional=False)
        id_field(cue.get("prompt"), f"{where}.prompt", pattern=KEY)
        for key in ("rule", "family"):
            id_field(cue.get(key), f"{where}.{key}", pattern=KEY)
        line_field(cue.get("level"), f"{where}.level", limit=40)
        for j, concept in enumerate(list_field(cue.get("concepts"), f"{where}.concepts")):
            id_field(concept, f"{where}.concepts[{j}]", optional=False)
        for j, number in enumerate(list_field(cue.get("principles"), f"{where}.principles")):
            int_field(number, f"{where}.principles[{j}]", 0, 1000, optional=False)
        for key, item in cue.items():
            if key not in ("prompt", "rule", "family", "level", "concepts", "principles"):
                any_field(item, f"{where}.{shown_key(key)}", 2)
    return cues


def _redacted(value: Any) -> Any:
    if value is not None and not isinstance(value, bool):
        raise Problem("redacted", "should be true or false")
    return value


FIELDS = {
    "created_at": lambda v: time_field(v, "created_at"),
    "peercheck": lambda v: id_field(v, "peercheck", pattern=VERSION),
    "context": _context,
    "focus": lambda v: id_field(v, "focus"),
    "framework": lambda v: id_field(v, "framework"),
    "prompts": _prompts,
    "answers": _answers,
    "concepts": _concepts,
    "flags": _flags,
    "intention": lambda v: text_field(v, "intention"),
    "cues": _cues,
    "label": lambda v: line_field(v, "label", limit=60),
    "redacted": _redacted,
}
# What a forgiving reader puts in place of a field that breaks the rules.
EMPTY: dict[str, Any] = {"context": {}, "prompts": {}, "answers": {}, "concepts": [],
                          "flags": [], "cues": []}

