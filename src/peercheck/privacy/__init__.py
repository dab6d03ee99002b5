"""Identifying details in free text: names, addresses, postcodes, dates of birth, ID numbers,
contact details and social handles, heard by one detector.

"Absolute confidentiality and privacy are foundations of any support relationship"
(Peer Support Values, Honest & direct): a reflection about a peer never needs their name or
anything that could find them. The detector is used in two places: the cue family
``privacy`` (``peercheck check``, the record's cues) and reflect's warning before an answer
is kept.

Names are the hard part. A capitalised word is a name when it is a real given name (from the
per-locale first-name lists the Faker package maintains, loaded only when free text needs
them and cached owner-only under PEERCHECK_HOME/cache), sits inside a sentence rather than at
its start, and is not a weekday, month, holiday, title, shop, service or part of a longer
capitalised title ("Reasons to Stay Alive", "Recovery College"). At the start of a sentence,
or for words that are also ordinary words (Hope, Will, Grace), it takes what follows
("Maya told me", "Will said") to make it a name. "named X", "called X", "my name is X" and
titles (Mrs X) name anyone, listed or not.
"""

from __future__ import annotations

from typing import Any, NamedTuple

KINDS = ("name", "address", "postcode", "birth-date", "id-number", "email", "phone", "handle")
NEUTRAL = {
    "name": "[name]", "address": "[address]", "postcode": "[postcode]",
    "birth-date": "[date of birth]", "id-number": "[ID number]", "email": "[email]",
    "phone": "[phone number]", "handle": "[social handle]",
}


class Finding(NamedTuple):
    """One identifying detail: its kind and where it is (the words are text[start:end])."""

    kind: str
    start: int
    end: int

    @property
    def rule(self) -> str:
        return f"privacy-{self.kind}"


def detect(text: str) -> list[Finding]:
    """Every identifying detail in ``text``, in order, none overlapping."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if start < end and not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            found.append(Finding(kind, start, end))

    from .details import details
    from .names import names_in

    for kind, start, end in details(text):
        add(kind, start, end)
    if any(ch.isalpha() for ch in text):
        for start, end in names_in(text):
            add("name", start, end)
    return sorted(found, key=lambda f: f.start)


def neutral(kind: str) -> str:
    """The words that stand in for a detail in anything kept: never the detail itself."""
    return NEUTRAL.get(kind, "[identifying detail]")


def cue_hits(text: str, cues: list[Any], context: Any) -> list[Any]:
    """The findings as hits of the ``privacy`` cue family (the rules say what to tell).

    ``cues`` are the active privacy rules; a finding whose rule is switched off, or that sits
    on a line marked ``peercheck: ignore``, is left out.
    """
    from ..cues import Hit

    rules = {cue.id: cue for cue in cues}
    hits = []
    for finding in detect(text):
        cue = rules.get(finding.rule)
        if cue is None or context.opted_out(cue, finding.start):
            continue
        line, column = context.position(finding.start)
        hits.append(Hit(
            line=line, column=column, offset=finding.start,
            length=finding.end - finding.start, text=text[finding.start: finding.end],
            rule=cue.id, family=cue.family, concepts=list(cue.concepts),
            principles=list(cue.principles), message=cue.message, suggestion=cue.suggestion,
            level=cue.level,
        ))
    return hits
