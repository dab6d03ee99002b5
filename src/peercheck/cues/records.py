"""The records a scan deals in: a cue rule, its family, and a hit; kept light because a
one-line ``check`` loads them on every run."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

LEVELS = ("note", "worth-a-look")
DETECTED = ("privacy",)  # families heard by a detector (peercheck.privacy), not by patterns


class _lazy:  # noqa: N801 - reads like re.compile at the call sites
    """A regex compiled the first time it is used: most runs need only a few of them."""

    __slots__ = ("_args", "_regex")

    def __init__(self, *args: Any):
        self._args = args
        self._regex: re.Pattern | None = None

    def __getattr__(self, name: str) -> Any:
        if self._regex is None:
            self._regex = re.compile(*self._args)
        return getattr(self._regex, name)


# The records below are NamedTuples rather than dataclasses: seven dataclasses cost about
# 10 ms at import, a large share of a one-line check's start.


class Hit(NamedTuple):
    """One place in a text where a cue was heard."""

    line: int
    column: int
    offset: int
    length: int
    text: str
    rule: str
    family: str
    concepts: Sequence[str] = ()
    principles: Sequence[int] = ()
    message: str = ""
    suggestion: str | None = None
    level: str = "note"

    def to_dict(self) -> dict:
        data = self._asdict()
        data["concepts"] = list(self.concepts)
        data["principles"] = list(self.principles)
        return data


class Family(NamedTuple):
    """A family of cues and how context applies to it."""

    id: str
    name: str
    summary: str = ""
    self_reflection: bool = False  # words about oneself ("I felt stupid") are reflection
    directive: bool = False  # open questions are curiosity; "I don't think you should" is not


class Cue(NamedTuple):
    """One rule: what to listen for, what it touches, and what to say about it."""

    id: str
    family: str
    patterns: tuple[Any, ...]
    concepts: tuple[str, ...]
    principles: tuple[int, ...]
    message: str
    suggestion: str | None
    level: str
    # ((spelling, atoms) of each anchor word, regex, how far a match reaches before and after
    # the anchor)
    anchored: tuple[tuple[tuple[tuple[str, tuple[str, ...]], ...], str, int, int], ...]
    regexes: tuple[str, ...]  # raw regexes, already wrapped in (?i:...)
    origin: str = ""  # which file it came from

