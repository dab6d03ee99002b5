"""Reflection prompts: what peercheck asks after a session, and how answers map onto values.

The prompts are data (the ``prompts:`` section of data/principles.yaml). Each scored prompt
gives every allowed answer a weight from 0 to 1: how far that answer lines up with the
concepts the prompt informs (``null`` when an answer says nothing either way). A concept's
score is the mean of the weights of the answers that inform it, ``None`` when none did.

An organisation's own principles.yaml with a ``prompts:`` section replaces the built-in
prompts as a whole (a question set is designed together, so the two are never mixed).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError

KINDS = ("scale", "yesno", "choice", "text")
STAGES = ("what", "so-what", "now-what")
SCALE = (1, 2, 3, 4, 5)
YESNO = ("yes", "no", "unsure")
STRONG = 0.75
WORTH_A_LOOK = 0.4
LEVELS = ("strong", "growing", "worth a look")

Answer = int | str


# What people actually type for yes / no / unsure, so a natural answer is never refused.
YESNO_WORDS = {
    "y": "yes", "yeah": "yes", "yep": "yes", "yes!": "yes",
    "n": "no", "nope": "no", "nah": "no", "not really": "no",
    "u": "unsure", "?": "unsure", "not sure": "unsure", "maybe": "unsure",
    "don't know": "unsure", "dont know": "unsure", "dunno": "unsure", "idk": "unsure",
}


@dataclass(frozen=True)
class Prompt:
    """One question of the reflection."""

    id: str
    question: str
    kind: str
    stage: str = "what"
    concepts: tuple[str, ...] = ()
    principles: tuple[int, ...] = ()
    weights: dict[Any, float | None] = field(default_factory=dict)
    anchors: dict[int, str] = field(default_factory=dict)
    choices: dict[str, str] = field(default_factory=dict)
    flags: dict[Any, tuple[str, ...]] = field(default_factory=dict)
    hint: str | None = None
    always: bool = False
    intention: bool = False
    # Why the question is asked and where its weights come from (a value or principle, cited),
    # so a trainer can audit the scoring and a worker can ask "why this question?".
    why: str = ""

    @property
    def answers(self) -> list[Answer]:
        """The allowed answers (numbers for a scale); empty for free text."""
        if self.kind == "scale":
            return list(SCALE)
        if self.kind == "yesno":
            return list(YESNO)
        if self.kind == "choice":
            return list(self.choices)
        return []

    @property
    def scored(self) -> bool:
        return self.kind != "text" and bool(self.concepts) and bool(self.weights)

    def allowed_text(self) -> str:
        """The allowed answers in words, e.g. "1, 2, 3, 4 or 5"."""
        if self.kind == "text":
            return "any text"
        return or_list([str(a) for a in self.answers])

    def parse(self, value: Any) -> Answer | None:
        """Turn a typed or filed answer into the stored one; None means skipped.

        Raises InputError naming this prompt and its allowed answers.
        """
        if value is None:
            return None
        if isinstance(value, str) and not value.strip():
            return None
        if self.kind == "text":
            if isinstance(value, (list, dict)):
                raise self._wrong(value)
            return str(value).strip()
        if self.kind == "scale":
            if isinstance(value, bool):
                raise self._wrong(value)
            try:
                number = int(str(value).strip())
            except ValueError:
                raise self._wrong(value) from None
            if number not in SCALE or (isinstance(value, float) and value != number):
                raise self._wrong(value)
            return number
        if self.kind == "yesno":
            if value is True:
                return "yes"
            if value is False:
                return "no"
            word = str(value).strip().lower()
            found = YESNO_WORDS.get(" ".join(word.replace("’", "'").split()), word)
            if found in YESNO:
                return found
            raise self._wrong(value)
        # choice: the key, its number in the list, or the start of a key.
        if value is True or value is False:
            value = "yes" if value else "no"
        word = str(value).strip().lower()
        keys = list(self.choices)
        if word in keys:
            return word
        if word.isdigit() and 1 <= int(word) <= len(keys):
            return keys[int(word) - 1]
        starts = [k for k in keys if k.startswith(word)]
        if len(starts) == 1:
            return starts[0]
        raise self._wrong(value)

    def _wrong(self, value: Any) -> InputError:
        return InputError(
            f'"{value}" is not an answer to {self.id} ("{self.question}"); '
            f"it takes {self.allowed_text()}."
        )

    def weight(self, answer: Answer) -> float | None:
        """How far ``answer`` lines up with this prompt's concepts (None: not scored)."""
        if not self.scored:
            return None
        return self.weights.get(answer)

    def flags_for(self, answer: Answer) -> tuple[str, ...]:
        return self.flags.get(answer, ())

    def label(self, answer: Answer) -> str:
        """The words behind an answer (a scale point's anchor, a choice's label)."""
        if self.kind == "scale":
            return self.anchors.get(int(answer), str(answer))
        if self.kind == "choice":
            return self.choices.get(str(answer), str(answer))
        return str(answer)

    def to_dict(self) -> dict[str, Any]:
        """The prompt as ``peercheck prompts --json`` shows it."""
        data: dict[str, Any] = {
            "id": self.id,
            "question": self.question,
            "kind": self.kind,
            "stage": self.stage,
            "answers": self.answers,
            "weights": {str(k): v for k, v in self.weights.items()},
            "concepts": list(self.concepts),
            "principles": list(self.principles),
        }
        if self.anchors:
            data["anchors"] = {str(k): v for k, v in self.anchors.items()}
        if self.choices:
            data["choices"] = dict(self.choices)
        if self.flags:
            data["flags"] = {str(k): list(v) for k, v in self.flags.items()}
        if self.hint:
            data["hint"] = self.hint
        if self.always:
            data["always"] = True
        if self.intention:
            data["intention"] = True
        if self.why:
            data["why"] = self.why
        return data


def or_list(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]


# -- loading -------------------------------------------------------------------------------


def load_prompts() -> list[Prompt]:
    """The reflection's prompts in the order they are asked (cached; raises DataError)."""
    from . import data

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
    from .values import load_catalog

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
    return prompts


_FIELDS = {
    "id", "question", "kind", "stage", "concepts", "principles", "weights", "anchors",
    "choices", "flags", "hint", "always", "intention", "why",
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


# -- choosing and scoring ------------------------------------------------------------------


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
    whose weight is null leave no evidence.
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
            evidence[concept].append({"prompt": prompt.id, "answer": answer, "weight": weight})
    result = []
    for concept in order:
        items = evidence[concept]
        value = round(sum(e["weight"] for e in items) / len(items), 2) if items else None
        result.append(
            {
                "id": concept,
                "name": names.get(concept) or concept.replace("-", " ").capitalize(),
                "score": value,
                "level": level(value),
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


def run_prompts(*, focus: str | None, as_json: bool) -> None:
    from rich.text import Text

    from .output import out, print_json

    prompts = load_prompts()
    from .reflection import resolve_focus

    _, prompts = resolve_focus(focus, prompts)
    if as_json:
        print_json([p.to_dict() for p in prompts])
        return
    console = out()
    total = len(prompts)
    for n, p in enumerate(prompts, 1):
        line = Text(f"{n}/{total} ", style="bold cyan")
        line.append(p.id, style="bold")
        line.append(f"  ({p.kind}, {p.stage})", style="dim")
        console.print(line)
        console.print(Text(p.question), style="", overflow="fold")
        if p.kind == "scale":
            for k, v in p.anchors.items():
                console.print(Text(f"  {k}  {v}  → {_weight(p, k)}"))
        elif p.kind in ("choice", "yesno"):
            for k in p.answers:
                label = f"{k}: {p.choices[k]}" if p.kind == "choice" else str(k)
                console.print(Text(f"  {label}  → {_weight(p, k)}"))
        about = []
        if p.concepts:
            about.append("informs " + ", ".join(p.concepts))
        if p.principles:
            about.append("principles " + ", ".join(str(n) for n in p.principles))
        if p.flags:
            about.append("may bring to supervision")
        if about:
            console.print(Text("  " + "; ".join(about), style="dim"))
        console.print()


def _weight(prompt: Prompt, answer: Any) -> str:
    weight = prompt.weight(answer)
    return "not scored" if weight is None else f"{weight:g}"
