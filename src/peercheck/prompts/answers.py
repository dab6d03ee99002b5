"""Reading answers in the words people type: numbers, keys, and the words of the labels.

The README promises "type the number (or the word)": a choice takes its key, its number or
the words of its label ("the peer", "together", "not sure"); a scale takes its number or the
opening words of an anchor ("none", "a little"). A word that fits more than one answer gets
one sentence listing what it could mean, never a guess.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .model import SCALE, YESNO, Answer, or_list

if TYPE_CHECKING:
    from .model import Prompt

# What people actually type for yes / no / unsure, so a natural answer is never refused.
# ("?" is not among them: at a question it asks why the question is asked.)
YESNO_WORDS = {
    "y": "yes", "yeah": "yes", "yep": "yes", "yes!": "yes",
    "n": "no", "nope": "no", "nah": "no", "not really": "no",
    "u": "unsure", "not sure": "unsure", "maybe": "unsure",
    "don't know": "unsure", "dont know": "unsure", "dunno": "unsure", "idk": "unsure",
}


def _plain(text: Any) -> str:
    """Lower case, single spaces, straight apostrophes."""
    return " ".join(str(text).replace("’", "'").lower().split())


def parse_answer(prompt: Prompt, value: Any) -> Answer | None:
    """The stored answer for a typed or filed one; None means skipped (raises InputError)."""
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    if prompt.kind == "text":
        if isinstance(value, (list, dict)):
            raise prompt.wrong(value)
        return str(value).strip()
    if isinstance(value, (list, dict)):
        raise prompt.wrong(value)
    if prompt.kind == "scale":
        if isinstance(value, bool):
            raise prompt.wrong(value)
        if isinstance(value, float) and not value.is_integer():
            raise prompt.wrong(value)
        word = _plain(value)
        if re.fullmatch(r"-?\d+(\.0+)?", word):
            number = int(float(word))
            if number not in SCALE:
                raise prompt.wrong(value)
            return number
        return _by_words(prompt, value, {n: [prompt.anchors.get(n, "")] for n in SCALE})
    if prompt.kind == "yesno":
        if value is True:
            return "yes"
        if value is False:
            return "no"
        word = _plain(value)
        found = YESNO_WORDS.get(word, word)
        if found in YESNO:
            return found
        raise prompt.wrong(value)
    # choice
    if value is True or value is False:
        value = "yes" if value else "no"
    word = _plain(value)
    keys = list(prompt.choices)
    if word in keys:
        return word
    if word.isdigit() and 1 <= int(word) <= len(keys):
        return keys[int(word) - 1]
    starts = [k for k in keys if k.startswith(word.replace(" ", "-"))]
    if len(starts) == 1:
        return starts[0]
    names = {k: [k.replace("-", " "), label] for k, label in prompt.choices.items()}
    return _by_words(prompt, value, names)


def _by_words(prompt: Prompt, value: Any, names: dict[Any, list[str]]) -> Answer:
    """The one answer whose words are, or begin with, what was typed."""
    typed = _plain(value).rstrip(".!")
    exact = [a for a, words in names.items() if any(_plain(w) == typed for w in words)]
    if len(exact) == 1:
        return exact[0]
    fits = exact or [
        a for a, words in names.items()
        if any(re.match(re.escape(typed) + r"(?![\w'])", _plain(w)) for w in words)
    ]
    if len(fits) == 1:
        return fits[0]
    if len(fits) > 1:
        from .. import messages

        options = or_list([f"{a} ({prompt.label(a)})" for a in fits])
        raise InputError(messages.ANSWER_AMBIGUOUS.format(
            value=str(value).strip(), id=prompt.id, options=options))
    raise prompt.wrong(value)
