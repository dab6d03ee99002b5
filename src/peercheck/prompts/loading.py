"""Loading the prompts: validate the ``prompts:`` section of principles.yaml into Prompts.

An organisation's own principles.yaml with a ``prompts:`` section replaces the built-in
prompts as a whole (a question set is designed together, so the two are never mixed). Every
problem names the file and line.
"""

from __future__ import annotations

import difflib
from typing import Any

from .model import KINDS, SCALE, STAGES, YESNO, Prompt, or_list

# -- loading -------------------------------------------------------------------------------


def load_prompts() -> list[Prompt]:
    """The reflection's prompts in the order they are asked (cached; raises DataError)."""
    from .. import data

    docs = data.documents("principles.yaml")
    chosen = docs[0]
    for doc in docs[1:]:
        if isinstance(doc.data, dict) and doc.data.get("prompts"):
            chosen = doc
    global _cached
    if _cached is None or _cached[0] is not chosen:
        _cached = (chosen, tuple(parse_document(chosen)))
    return list(_cached[1])


# The parsed Document is itself cached by path and modification time, so keying on it keeps
# one validation per process while picking up an edited file.
_cached: tuple[Any, tuple[Prompt, ...]] | None = None


def parse_document(doc: Any) -> list[Prompt]:
    """Validate and build the prompts of one principles.yaml document."""
    root = doc.data
    if not isinstance(root, dict) or "prompts" not in root:
        raise doc.fail("there is no prompts: section.")
    items = root["prompts"]
    if not isinstance(items, list) or not items:
        raise doc.fail("prompts: should be a list of questions.", "prompts")
    from ..values import load_catalog

    catalog = load_catalog()
    known_concepts = set(catalog.concepts)
    known_principles = set(catalog.principles)
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        prompt = _parse_one(doc, i, item, known_concepts)
        for number in prompt.principles:
            if known_principles and number not in known_principles:
                raise doc.fail(
                    f"the prompt {prompt.id} names principle {number}, which does not exist "
                    f"(they run from {min(known_principles)} to {max(known_principles)}).",
                    "prompts", i, "principles",
                )
        if prompt.id in seen:
            raise doc.fail(f"the prompt id {prompt.id} is used twice.", "prompts", i, "id")
        seen.add(prompt.id)
        prompts.append(prompt)
    if sum(p.intention for p in prompts) > 1:
        raise doc.fail("only one prompt can be the next-time intention.", "prompts")
    if sum(p.wellbeing for p in prompts) > 1:
        raise doc.fail("only one prompt can ask about the worker's wellbeing.", "prompts")
    return prompts


_FIELDS = {
    "id", "question", "kind", "stage", "concepts", "principles", "weights", "anchors",
    "choices", "flags", "hint", "always", "intention", "why", "drift", "ask", "wellbeing",
}


def _parse_one(doc: Any, i: int, item: Any, known_concepts: set[str]) -> Prompt:
    at = ("prompts", i)
    if not isinstance(item, dict):
        raise doc.fail("each prompt should be a mapping with id, question and kind.", *at)
    unknown = sorted(set(map(str, item)) - _FIELDS)
    if unknown:
        raise doc.fail(
            f"unknown field {unknown[0]!r} (the fields are {', '.join(sorted(_FIELDS))}).",
            *at, unknown[0],
        )
    pid = item.get("id")
    if not isinstance(pid, str) or not pid.strip() or pid != pid.strip().lower() or " " in pid:
        raise doc.fail("each prompt needs an id in lower case without spaces.", *at)
    question = item.get("question")
    if not isinstance(question, str) or not question.strip():
        raise doc.fail(f"the prompt {pid} has no question.", *at)
    kind = item.get("kind")
    if kind not in KINDS:
        raise doc.fail(f"the prompt {pid} has kind {kind!r}; use {or_list(list(KINDS))}.",
                       *at, "kind")
    stage = item.get("stage", "what")
    if stage not in STAGES:
        raise doc.fail(f"the prompt {pid} has stage {stage!r}; use {or_list(list(STAGES))}.",
                       *at, "stage")
    concepts = item.get("concepts") or []
    if not isinstance(concepts, list) or not all(isinstance(c, str) for c in concepts):
        raise doc.fail(f"the concepts of {pid} should be a list of concept ids.",
                       *at, "concepts")
    for c in concepts:
        if c not in known_concepts:
            close = difflib.get_close_matches(c, sorted(known_concepts), n=1)
            tip = f" (did you mean {close[0]}?)" if close else ""
            raise doc.fail(f"the prompt {pid} names an unknown concept {c!r}{tip}.",
                           *at, "concepts")
    principles = item.get("principles") or []
    if not isinstance(principles, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in principles
    ):
        raise doc.fail(f"the principles of {pid} should be a list of numbers.",
                       *at, "principles")

    anchors: dict[int, str] = {}
    choices: dict[str, str] = {}
    if kind == "scale":
        raw = item.get("anchors")
        if not isinstance(raw, dict) or sorted(_int_keys(raw)) != list(SCALE):
            raise doc.fail(f"the scale {pid} needs a worded anchor for each of 1 to 5.",
                           *at, "anchors")
        anchors = {int(k): str(v) for k, v in sorted(raw.items(), key=lambda kv: int(kv[0]))}
    if kind == "choice":
        raw = item.get("choices")
        if not isinstance(raw, dict) or len(raw) < 2:
            raise doc.fail(f"the choice {pid} needs at least two choices (key: words).",
                           *at, "choices")
        choices = {_key(k): str(v) for k, v in raw.items()}
    allowed: list[Any] = (
        list(SCALE) if kind == "scale" else list(YESNO) if kind == "yesno" else list(choices)
    )

    weights: dict[Any, float | None] = {}
    raw_weights = item.get("weights")
    if kind == "text":
        if raw_weights:
            raise doc.fail(f"the text prompt {pid} cannot have weights (free text is not "
                           "scored).", *at, "weights")
    elif concepts or raw_weights:
        if not isinstance(raw_weights, dict):
            raise doc.fail(f"the prompt {pid} needs weights for {or_list(map_str(allowed))}.",
                           *at, "weights")
        for key, value in raw_weights.items():
            answer = _normal(kind, key)
            if answer not in allowed:
                raise doc.fail(f"the weights of {pid} name {key!r}, which is not one of its "
                               f"answers ({or_list(map_str(allowed))}).", *at, "weights")
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, (int, float))
                or not 0 <= value <= 1
            ):
                raise doc.fail(f"the weight of {key!r} in {pid} should be a number from 0 to "
                               "1 (or null).", *at, "weights")
            weights[answer] = None if value is None else float(value)
        missing = [a for a in allowed if a not in weights]
        if missing:
            raise doc.fail(f"the prompt {pid} has no weight for {or_list(map_str(missing))}.",
                           *at, "weights")
        if not concepts:
            raise doc.fail(f"the prompt {pid} has weights but no concepts to score.",
                           *at, "concepts")

    flags: dict[Any, tuple[str, ...]] = {}
    raw_flags = item.get("flags") or {}
    if not isinstance(raw_flags, dict):
        raise doc.fail(f"the flags of {pid} should map answers to a list of flags.",
                       *at, "flags")
    for key, value in raw_flags.items():
        answer = _normal(kind, key)
        if kind == "text" or answer not in allowed:
            raise doc.fail(f"the flags of {pid} name {key!r}, which is not one of its answers.",
                           *at, "flags")
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise doc.fail(f"the flags of {pid} should map answers to a list of flags.",
                           *at, "flags")
        flags[answer] = tuple(names)

    hint = item.get("hint")
    if hint is not None and not isinstance(hint, str):
        raise doc.fail(f"the hint of {pid} should be text.", *at, "hint")
    why = item.get("why") or ""
    if not isinstance(why, str):
        raise doc.fail(f"the why of {pid} should be text.", *at, "why")
    intention = bool(item.get("intention", False))
    if intention and kind != "text":
        raise doc.fail(f"the next-time intention {pid} should be a text prompt.",
                       *at, "intention")
    raw_drift = item.get("drift") or []
    if not isinstance(raw_drift, list):
        raise doc.fail(f"the drift of {pid} should be a list of its answers.", *at, "drift")
    drift = tuple(_normal(kind, a) for a in raw_drift)
    for answer in drift:
        if kind == "text" or answer not in allowed:
            raise doc.fail(f"the drift of {pid} names {answer!r}, which is not one of its "
                           "answers.", *at, "drift")
    ask = item.get("ask") or ""
    if not isinstance(ask, str):
        raise doc.fail(f"the ask of {pid} should be text.", *at, "ask")
    wellbeing = bool(item.get("wellbeing", False))
    if wellbeing and (kind == "text" or weights):
        raise doc.fail(f"the wellbeing prompt {pid} is acknowledged, never scored: give it "
                       "answers but no weights.", *at, "wellbeing")
    return Prompt(
        id=pid,
        question=" ".join(question.split()),
        kind=kind,
        stage=stage,
        concepts=tuple(concepts),
        principles=tuple(principles),
        weights=weights,
        anchors=anchors,
        choices=choices,
        flags=flags,
        hint=hint,
        always=bool(item.get("always", False)),
        intention=intention,
        why=" ".join(why.split()),
        drift=drift,
        ask=" ".join(ask.split()),
        wellbeing=wellbeing,
    )


def map_str(items: Any) -> list[str]:
    return [str(x) for x in items]


def _key(key: Any) -> str:
    # YAML reads a bare yes/no as a boolean; the prompts mean the words.
    if key is True:
        return "yes"
    if key is False:
        return "no"
    return str(key)


def _int_keys(raw: dict) -> list[int]:
    out = []
    for k in raw:
        try:
            out.append(int(k))
        except (TypeError, ValueError):
            out.append(-1)
    return out


def _normal(kind: str, key: Any) -> Any:
    if kind == "scale":
        try:
            return int(key)
        except (TypeError, ValueError):
            return key
    return _key(key)


