"""Language cues: words that drift from peer-support values (to be written; see issue 4).

Public seam used by the reflection: ``scan(text) -> list[Hit]``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Hit:
    """One place in a text where a cue was heard."""

    line: int
    column: int
    offset: int
    length: int
    text: str
    rule: str
    family: str
    concepts: list[str] = field(default_factory=list)
    principles: list[int] = field(default_factory=list)
    message: str = ""
    suggestion: str | None = None
    level: str = "note"

    def to_dict(self) -> dict:
        return asdict(self)


def scan(text: str) -> list[Hit]:
    """All cues heard in ``text``, in order (the engine arrives with issue 4)."""
    return []
