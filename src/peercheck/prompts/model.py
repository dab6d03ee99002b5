"""The Prompt: one question of the reflection, its allowed answers and what they weigh.

Each scored prompt gives every allowed answer a weight from 0 to 1: how far what the worker
did lines up with the concepts the prompt informs (``null`` when an answer says nothing either
way). ``drift`` names the answers that admit a drift from the values (steering, advice, the
focus moving to the worker, going beyond peer support): those are never averaged away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError

KINDS = ("scale", "yesno", "choice", "text")
STAGES = ("what", "so-what", "now-what")
SCALE = (1, 2, 3, 4, 5)
YESNO = ("yes", "no", "unsure")
STRONG = 0.75
WORTH_A_LOOK = 0.4
LEVELS = ("strong", "growing", "worth a look")

Answer = int | str


@dataclass(frozen=True)
class Prompt:
    """One question of the reflection."""

    id: str
    question: str
    kind: str
    stage: str = "what"
    concepts: tuple[str, ...] = ()
    # Closest first: the summary names the first principle of an answer worth reflecting on.
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
    # The answers that admit a drift from the values.
    drift: tuple[Any, ...] = ()
    # The one curious question the summary asks when an answer here is worth reflecting on.
    ask: str = ""
    # The worker's own wellbeing: acknowledged in the summary, never scored.
    wellbeing: bool = False

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
        from .answers import parse_answer

        return parse_answer(self, value)

    def wrong(self, value: Any) -> InputError:
        return InputError(
            f'"{value}" is not an answer to {self.id} ("{self.question}"); '
            f"it takes {self.allowed_text()}."
        )

    def weight(self, answer: Answer) -> float | None:
        """How far ``answer`` lines up with this prompt's concepts (None: not scored)."""
        if not self.scored:
            return None
        return self.weights.get(answer)

    def admits_drift(self, answer: Answer) -> bool:
        return answer in self.drift

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
            "why": self.why,
        }
        if self.anchors:
            data["anchors"] = {str(k): v for k, v in self.anchors.items()}
        if self.choices:
            data["choices"] = dict(self.choices)
        if self.drift:
            data["drift"] = [str(a) if self.kind != "scale" else a for a in self.drift]
        if self.ask:
            data["ask"] = self.ask
        if self.flags:
            data["flags"] = {str(k): list(v) for k, v in self.flags.items()}
        if self.hint:
            data["hint"] = self.hint
        if self.always:
            data["always"] = True
        if self.intention:
            data["intention"] = True
        if self.wellbeing:
            data["wellbeing"] = True
        return data


def or_list(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]
