"""Sentence context: what the words around a match say about it (quotes, reported speech,
negation, words about oneself, open questions, inline opt-outs)."""

from __future__ import annotations

import re
from bisect import bisect_right

from .records import Cue, Family, _lazy

_SENTENCE_END = _lazy(  # one character class first, so the engine skips quickly between ends
    r"[.!?\u2026\n](?:(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*(?=\s)"
    r"|(?<=\n)[ \t]*(?:\n|(?:[-*\u2022+]|\d+[.)])[ \t]))"
)
_CLAUSE_END = _lazy(
    r"[,;:\u2014\u2013(]|\s-\s|\b(?:but|and|because|although|though|then|however|yet|"
    r"while|whereas)\b",
    re.IGNORECASE,
)
_WORD = _lazy(r"[\w'\u2019]+")
_NEGATION = _lazy(
    r"\b(?:not|never|nor|neither|nobody|no\s+one|nothing|without|cannot|instead\s+of|"
    r"rather\s+than|avoid(?:ed|ing)?|refrain(?:ed|ing)?(?:\s+from)?|resist(?:ed|ing)?|"
    r"(?:did|do|does|was|were|is|are|wo|would|could|should|ca|have|had|has)nt)\b"
    r"|n['\u2019]t\b",
    re.IGNORECASE,
)
_COGNITION = _lazy(r"\s+(?:really\s+)?(?:think|believe|reckon|feel|suppose|guess)\b", re.I)
_PEOPLE = (
    r"he|she|they|the\s+peer|my\s+peer|the\s+person|the\s+client|peer|client|"
    r"(?:her|his|their)\s+(?:mum|mom|dad|partner|friend|sister|brother|doctor|worker|son|"
    r"daughter|wife|husband)"
)
_REPORTING = (
    r"said|says|say|asked|asks|ask|told|tells|explained|"
    r"explains|mentioned|mentions|shared|shares|wondered|wonders|described|describes|"
    r"call(?:s|ed)?\s+(?:herself|himself|themselves|themself|myself|me)|admitted|admits|"
    r"insisted|insists|repeated|wrote|writes|texted|replied|answered|worried|worries|feels?|"
    r"felt|thinks?|thought|believes?|believed|wants?|wanted|decided|decides|hoped|hopes|knew|"
    r"knows?|guess|reckons?|(?:keeps|kept|was|were)\s+saying"
)
_REPORTER = _lazy(
    r"(?:\b(?P<me>(?i:i|we))|\b(?i:" + _PEOPLE + r")|\b[A-Z][a-z]+)"
    r"(?:\s+(?i:also|just|then|later|even|had|has|have|would|did|was|were|is|once|again|"
    r"really|actually|always|often|never|kind\s+of|clearly))*"
    r"\s+(?i:" + _REPORTING + r")\b"
)
_IN_THEIR_WORDS = _lazy(
    r"\b(?:in\s+(?:her|his|their|the\s+peer['\u2019]s)\s+(?:own\s+)?words|"
    r"according\s+to\s+(?:her|him|them|the\s+peer))\b",
    re.IGNORECASE,
)
# Cheap substring tests before the regexes above: most sentences hold none of these words, and
# a few `in` tests cost far less than a regex tried at every position of the window.
_REPORT_STEMS = (
    "said", "say", "ask", "told", "tell", "explain", "mention", "shar", "wonder", "describ",
    "call", "admit", "insist", "repeat", "wrote", "writ", "text", "repl", "answer", "worr",
    "feel", "felt", "think", "thought", "believ", "want", "decid", "hope", "knew", "know",
    "guess", "reckon",
)
_TRAILING_STEMS = ("said", "says", "ask", "told", "tells", "explained", "added", "replied",
                   "wrote", "insisted", "mention", "shared", "admitted", "wondered", "reckons",
                   "thinks", "feels", "hopes")
_MENTION_STEMS = ("like", "such", "word", "phrase", "term", "label", "express", "say", "writ",
                  "us", "call", "with")
# The worker noticing their own thought or habit: the words that follow are what they caught.
_CAUGHT_MYSELF = _lazy(
    r"\b(?:caught|catch|catching|noticed|notice|noticing|found|find|stopped|stop)\s+myself\s+"
    r"(?:thinking|judging|wanting|about\s+to|going\s+to|starting\s+to|labell?ing|saying|"
    r"writing|using)\b",
    re.IGNORECASE,
)
_SPEAKER = _lazy(r"(?i:i|we)\b")
_TURN = _lazy(r"\b(?i:but|yet|though|although|however|whereas)\b")
_TRAILING_REPORTER = _lazy(  # "…, she said" (not "…, I said": those are the worker's words)
    r"[^.!?\n]{0,160}?[,\u2014\u2013]\s*[\"'\u201d\u2019]?\s*(?!(?i:i|we)\s)(?i:" + _PEOPLE
    + r"|[a-z]+)\s+"
    r"(?i:said|says|asked|asks|told\s+me|tells\s+me|explained|added|replied|wrote|insisted|"
    r"mentioned|mentions|shared|admitted|wondered|reckons|thinks|feels|hopes)\b"
)
_FIRST_PERSON = {"i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "myself", "we", "we're",
                 "us", "ourselves"}
_POSSESSIVE_SELF = {"my"}  # "our clients" is about others
_SELF_DESCRIBING = {
    "am", "was", "were", "be", "being", "been", "felt", "feel", "feeling", "get", "got",
    "getting", "became", "become", "seem", "seemed", "so", "very", "really", "a", "an", "bit",
    "little", "kind", "of", "such", "too", "quite", "pretty", "totally", "just", "still",
    "always", "often", "sometimes", "can", "could", "would", "might", "have", "had", "has",
    "also", "myself", "ourselves", "recovering", "former", "proud", "once", "used", "to",
    "diagnosed", "with", "own", "the", "one",
}
_QUESTION_WORDS = {"what", "how", "where", "when", "who", "which", "whose", "do", "does", "did",
                   "would", "could", "can", "will", "is", "are", "was", "were"}
_SINGLE_QUOTED = (
    r"(?:[^'\u2018\u2019\n]|(?<=\w)['\u2019](?=\w)|\n(?![ \t]*\n))*?['\u2019](?!\w)"
)
_QUOTES = _lazy(  # each choice starts with its quote mark, so the engine skips between them
    r'"[^"\n]*(?:\n(?![ \t]*\n)[^"\n]*)*"'
    r"|\u201c[^\u201c\u201d\n]*(?:\n(?![ \t]*\n)[^\u201c\u201d\n]*)*\u201d"
    r"|'(?<!\w')(?=\S)" + _SINGLE_QUOTED
    + r"|\u2018(?<!\w\u2018)(?=\S)" + _SINGLE_QUOTED
)
_OPT_OUT = _lazy(r"peercheck:[ \t]*ignore(-next-line)?([^\n]*)", re.IGNORECASE)
_OPT_OUT_IDS = _lazy(r"[a-z0-9][a-z0-9-]*")
_AFTER_SELF = _lazy(r"\s+(?:of\s+me|myself)\b", re.IGNORECASE)
_WINDOW = 200
_WHETHER = _lazy(r"\bwhether\b", re.IGNORECASE)
# A question reported, whatever its family: "…, and asked me if she should stop her meds".
# Its subject may be far back or left out ("felt low, and asked me whether"): "asked me" says
# it, or else the nearest subject before it; "I asked …" and "we wondered …" are the worker's.
_ASKED = _lazy(
    r"\b(?P<verb>ask(?:ed|s|ing)?|wonder(?:ed|s|ing)?|(?:want(?:ed|s)?|wanting)\s+to\s+know)"
    r"(?:\s+(?P<who>me|us|him|her|them|the\s+group))?\s+(?:whether|if)\b",
    re.IGNORECASE,
)
_SUBJECT = _lazy(r"\b(?P<me>(?i:i|we))\b|\b(?i:he|she|they|the\s+peer|my\s+peer|the\s+person|"
                 r"the\s+client|peer|client)\b")
# Signposting, which the values ask for ("know when to sign post to professional services"):
# advice whose object is reaching crisis, emergency or professional support.
_SIGNPOST = _lazy(
    r"\s*(?:(?:really|definitely|probably|just|maybe|always|please|still|also|at\s+least)\s+)*"
    r"(?:(?:try|be\s+able)\s+to\s+|not\s+hesitate\s+to\s+)?"
    r"(?:call|ring|phone|text|contact|dial|see|visit|go\s+(?:straight\s+)?to|get\s+to|"
    r"head\s+to|speak\s+(?:to|with)|talk\s+(?:to|with)|tell|let|reach\s+out\s+to|"
    r"get\s+in\s+touch\s+with|book\s+in\s+with|ask)\s+"
    r"(?:(?:the|a|an|your|their|her|his|our|local|out-of-hours|duty|straight|on)\s+)*"
    r"(?:crisis|samaritans|shout\b|999|911|112|111|a\s*&\s*e|a\s+and\s+e|emergency|"
    r"ambulance|gp|doctor|prescriber|psychiatrist|care\s+(?:team|coordinator)|"
    r"mental\s+health\s+team|helpline|hotline|nhs|pharmacist|nurse|lifeline)",
    re.IGNORECASE,
)
# A phrase named rather than used, just before the words: "words like lazy", "the phrase at
# least you", "I was about to say you should", "calling someone an addict".
_MENTION = _lazy(
    r"(?:\b(?:words?|phrases?|terms?|labels?|language|expressions?|sayings?)\s+"
    r"(?:like|such\s+as)"
    r"|\bthe\s+(?:word|phrase|term|label|expression)s?"
    r"|\b(?:about|tempted|going|wanted|want|urge|instinct|habit|impulse)\s+(?:to\s+)?"
    r"(?:say|saying|write|writing|use|using|call|calling)"
    r"|\b(?:starting|opening|starts|opens|begin|beginning)\s+with"
    r"|\b(?:hear|heard|hearing|catch|caught|catching|notice|noticed|noticing)\s+"
    r"(?:myself|ourselves)\s+(?:say|saying|write|writing|use|using)"
    r"|\bcalling\s+(?:someone|somebody|people|a\s+person|anyone|him|her|them))"
    r"\s*[\"'\u201c\u2018:]?\s*\Z",
    re.IGNORECASE,
)


class _Context:
    """What the text around a match says about it; everything is worked out lazily, once."""

    def __init__(self, text: str):
        self.text = text
        self._quotes: list[tuple[int, int]] = []
        self._quote_starts: list[int] = []
        self._paragraph = (0, -1)  # the paragraph whose quotes are in _quotes, [lo, hi)
        self._optouts: list[tuple[int, int, frozenset[str] | None]] | None = None
        self._optout_starts: list[int] = []
        self._line, self._line_start, self._counted = 1, 0, 0

    # positions (hits arrive in order, so counting newlines is incremental and linear)
    def position(self, offset: int) -> tuple[int, int]:
        text = self.text
        newlines = text.count("\n", self._counted, offset)
        if newlines:
            self._line += newlines
            self._line_start = text.rfind("\n", self._counted, offset) + 1
        self._counted = offset
        return self._line, offset - self._line_start + 1

    def opted_out(self, cue: Cue, start: int) -> bool:
        if self._optouts is None:
            self._optouts = []
            if "peercheck:" in self.text.lower() or "PEERCHECK:" in self.text:
                self._optouts = sorted(self._find_optouts())
                self._optout_starts = [lo for lo, _, _ in self._optouts]
        # At most two ranges cover a place: its own line's and the line above's -next-line.
        i = bisect_right(self._optout_starts, start)
        for lo, hi, ids in self._optouts[max(0, i - 2) : i]:
            if lo <= start <= hi and (ids is None or cue.id in ids or cue.family in ids):
                return True
        return False

    def _find_optouts(self) -> list[tuple[int, int, frozenset[str] | None]]:
        text, found = self.text, []
        for m in _OPT_OUT.finditer(text):
            lo = text.rfind("\n", 0, m.start()) + 1
            hi = text.find("\n", m.end())
            hi = len(text) if hi < 0 else hi
            if m.group(1):  # -next-line
                if hi >= len(text):
                    continue
                lo = hi + 1
                hi = text.find("\n", lo)
                hi = len(text) if hi < 0 else hi
            rest = m.group(2).split("-->")[0].split("*/")[0].lower()
            ids = frozenset(_OPT_OUT_IDS.findall(rest))
            found.append((lo, hi, ids or None))
        return found

    def quoted(self, start: int, end: int) -> bool:
        # Quotes never cross a blank line, so only this paragraph needs reading, once. Matches
        # arrive in order, so a new paragraph is looked for only after the last one: every
        # character is read a bounded number of times, however many matches there are.
        text = self.text
        lo, hi = self._paragraph
        if not lo <= start < hi:
            floor = max(hi, 0) if start >= hi else 0  # forward: nothing before hi can matter
            blank = text.rfind("\n\n", floor, start)
            lo = blank + 1 if blank >= 0 else (floor + 1 if floor else 0)
            hi = text.find("\n\n", start)
            hi = len(text) if hi < 0 else hi
            self._quotes = [m.span() for m in _QUOTES.finditer(text, lo, hi)]
            self._quote_starts = [s for s, _ in self._quotes]
            self._paragraph = (lo, hi)
        i = bisect_right(self._quote_starts, start) - 1
        return i >= 0 and self._quotes[i][0] < start and end <= self._quotes[i][1]

    def sentence_before(self, start: int) -> str:
        lo = max(0, start - _WINDOW)
        window = self.text[lo:start]
        cut = 0
        for m in _SENTENCE_END.finditer(window):
            cut = m.end()
        return window[cut:]

    def sentence_after(self, end: int) -> str:
        window = self.text[end : end + _WINDOW]
        m = re.search(r"[.!?\n]", window)
        return window[: m.end()] if m else window

    def skip(self, cue: Cue, family: Family | None, start: int, end: int) -> bool:
        if self.opted_out(cue, start) or self.quoted(start, end):
            return True
        sentence = self.sentence_before(start)
        low = sentence.lower()
        speaking = _SPEAKER.match(self.text, start)  # "I told her …": the worker's own words
        if not speaking and (
            (_has(low, _REPORT_STEMS) and _reported(sentence))
            or (("words" in low or "according" in low) and _IN_THEIR_WORDS.search(sentence))
        ):
            return True
        after = self.sentence_after(end)
        # "…, she said" makes the words hers; "I told him to …, he said" stays mine
        if (not speaking and _has(after.lower(), _TRAILING_STEMS)
                and _TRAILING_REPORTER.match(after)):
            return True
        clause = sentence
        for m in _CLAUSE_END.finditer(sentence):
            clause = sentence[m.end() :]
        if "myself" in low and _CAUGHT_MYSELF.search(sentence):
            return True  # "I caught myself thinking she was lazy": a reflection on the thought
        tail = clause[-40:]
        if _has(tail.lower(), _MENTION_STEMS) and _MENTION.search(tail):
            return True
        words = list(_WORD.finditer(clause))
        directive = family is not None and family.directive
        if _negated(clause, words, directive):
            return True
        if family is not None and family.self_reflection and _about_self(words, after):
            return True
        if directive and _WHETHER.search(clause[-60:]):
            return True  # "she asked whether she should": a question, not a directive
        if not speaking and _asked(sentence, len(sentence) - len(clause[-80:])):
            return True
        if directive and _SIGNPOST.match(after):
            return True  # "you should call the crisis line": signposting, not advice
        if directive and after.rstrip().endswith("?") and words:
            first = words[0].group().lower()
            if first in _QUESTION_WORDS:
                return True
        return False


def _has(text: str, stems: tuple[str, ...]) -> bool:
    return any(stem in text for stem in stems)


def _reported(sentence: str) -> bool:
    last = None
    for last in _REPORTER.finditer(sentence):  # noqa: B007 - we want the nearest one
        pass
    if last is None or last.group("me") is not None:
        return False
    # "She said she was fine, but she's in denial": after a turn like "but", the words are
    # the worker's own again.
    return _TURN.search(sentence, last.end()) is None


def _asked(sentence: str, lo: int) -> bool:
    """A question someone else asked: "…, and asked me if she should stop her meds"."""
    tail = sentence[lo:].lower()
    if "ask" not in tail and "wonder" not in tail and "know" not in tail:
        return False
    for m in _ASKED.finditer(sentence, lo):
        if (m.group("who") or "").lower() == "me":
            return True
        nearest = None
        for nearest in _SUBJECT.finditer(sentence, 0, m.start()):  # noqa: B007 - the last one
            pass
        if nearest is None or nearest.group("me") is None:
            return True
    return False


def _negated(clause: str, words: list[re.Match], directive: bool) -> bool:
    if not words:
        return False
    tail_start = words[-7].start() if len(words) >= 7 else words[0].start()
    for m in _NEGATION.finditer(clause, tail_start):
        if directive and _COGNITION.match(clause, m.end()):
            continue  # "I don't think you should" still carries the advice
        return True
    return False


def _about_self(words: list[re.Match], after: str) -> bool:
    if _AFTER_SELF.match(after):
        return True
    tokens = [w.group().lower().replace("\u2019", "'") for w in words[-5:]]
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        if token in ("i", "we") and i == len(tokens) - 1:
            return False  # "I suggested …": the words say what I did, not what I am
        if token in _FIRST_PERSON or (token in _POSSESSIVE_SELF and i == len(tokens) - 1):
            # "I felt so", "I'm a recovering": only words that describe me lie in between
            return all(t in _SELF_DESCRIBING for t in tokens[i + 1 :])
    return False

