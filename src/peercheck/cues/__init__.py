"""Language cues: words that drift from peer-support values, heard the way a trainer hears them.

The rules are data (``data/cues.yaml``, plus an organisation's own ``cues.yaml``). The package
has one module per idea:

- ``records``: the ``Cue``, ``Family`` and ``Hit`` records;
- ``phrases``: the phrase syntax, compiled to regular expressions, and each phrase's anchor;
- ``rules``: loading, merging and validating the rule files (and their private cache);
- ``context``: what the sentence around a match says about it;
- ``scanner``: the engine, one linear pass over the text; every hit comes out of
  ``Engine.finditer``.

Each raw match goes through the context checks that keep the noise down, in this order:

- an inline opt-out on the line (``peercheck: ignore`` / ``peercheck: ignore-next-line``);
- quotation marks (straight or curly): the peer's own words are not the worker's;
- reported speech: after "she said / he asked / they told me …" in the same sentence;
- negation close before the words: "I didn't tell her what she should do";
- first person about oneself, for families that describe people: "I felt so stupid";
- open questions, for directive families: "What do you think you should do?".

Public seam (used by ``reflect``): ``scan(text) -> list[Hit]``; ``Hit.to_dict()``.
"""

from __future__ import annotations

from collections.abc import Iterable

from .phrases import PatternError, compile_phrase, compile_regex, inflections, parse_phrase
from .records import LEVELS, Cue, Family, Hit
from .rules import Ruleset, _cache, ruleset
from .scanner import SHORT_TEXT, Engine

__all__ = [
    "LEVELS", "SHORT_TEXT", "Cue", "Engine", "Family", "Hit", "PatternError", "Ruleset",
    "compile_phrase", "compile_regex", "engine", "inflections", "parse_phrase", "ruleset", "scan",
]


def engine(families: Iterable[str] | None = None) -> Engine:
    """The compiled engine for all active rules (or only the named families)."""
    rules = ruleset()
    key = ("engine", id(rules), frozenset(families) if families else None)
    if key not in _cache:
        _cache[key] = Engine(rules.active(families), rules.families)
    return _cache[key]


def scan(text: str, families: Iterable[str] | None = None) -> list[Hit]:
    """All cues heard in ``text``, in order, after the context checks."""
    return engine(families).scan(text)
