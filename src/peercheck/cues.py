"""Language cues: words that drift from peer-support values, heard the way a trainer hears them.

The rules are data (``data/cues.yaml``, plus an organisation's own ``cues.yaml``). Every rule's
patterns are compiled once per process into ONE regular expression over the lower-cased text,
so a scan costs one pass of the regex engine, linear in the text. Each raw match then goes
through the context checks that keep the noise down, in this order:

- an inline opt-out on the line (``peercheck: ignore`` / ``peercheck: ignore-next-line``);
- quotation marks (straight or curly): the peer's own words are not the worker's;
- reported speech: after "she said / he asked / they told me …" in the same sentence;
- negation close before the words: "I didn't tell her what she should do";
- first person about oneself, for families that describe people: "I felt so stupid";
- open questions, for directive families: "What do you think you should do?".

Public seam (used by ``reflect``): ``scan(text) -> list[Hit]``; ``Hit.to_dict()``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain
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

_ID = _lazy(r"[a-z0-9][a-z0-9-]*\Z")

# What a space (or hyphen) between two words of a phrase matches, and an apostrophe.
SEP = r"[\s\-\u2010\u2011]+"
APOS = "['\u2019\u02bc]"
_HYPHEN_IN_WORD = r"[\s\-\u2010\u2011]?"


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


# --- phrase syntax -------------------------------------------------------------------------
#   words        matched whole, case-insensitively; a space matches any run of spaces or a hyphen
#   '            a straight or curly apostrophe;  a hyphen inside a word is optional
#   word~        the word and its regular inflections (tell~: tells, telling; stop~: stopped)
#   (a|b c)      one of the choices;   [a|b]  optional words;   {list}  any entry of a list


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message says why, in plain words."""


KINDS = ("open", "close", "bar", "not", "list", "word")
_TOKEN = _lazy(r"\s*(?:([(\[])|([)\]])|(\|)|(!)|\{([\w-]+)\}|([^\s()\[\]|{}!]+))")
_APOSTROPHES = "'\u2019\u02bc"
_HYPHENS = "-\u2010\u2011"


def inflections(word: str) -> list[str]:
    """The regular English forms of ``word`` (over-generating is harmless)."""
    forms = {word, word + "s"}
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(word + "es")
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
    if (
        len(word) >= 3
        and word[-1] not in "aeiouwxy"
        and word[-2] in "aeiou"
        and word[-3] not in "aeiou"
    ):
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return sorted(forms, key=lambda f: (-len(f), f))


# A phrase is parsed into a small tree: words (each a list of forms, each form a tuple of
# atoms: a literal character, APOS or _HYPHEN_IN_WORD), groups of alternatives (optional or
# not) and "not followed by" groups. From the tree come a regex, and the phrase's possible first
# words with the rest of the regex after each, which the engine arranges as a trie.


class _Word(NamedTuple):
    forms: tuple[tuple[str, ...], ...]
    attached: bool  # a contraction ("'s", "'d") joins the word before without a space


class _Group(NamedTuple):
    alts: tuple[tuple[Any, ...], ...]
    optional: bool = False
    negative: bool = False  # !(...): not followed by


def _atoms(form: str) -> tuple[str, ...]:
    out = []
    for ch in form:
        if ch in _APOSTROPHES:
            out.append(APOS)
        elif ch in _HYPHENS:
            out.append(_HYPHEN_IN_WORD)
        else:
            out.append(re.escape(ch))
    return tuple(out)


NUMBER = r"\d\d*(?:[.,]\d+)?"


@lru_cache(maxsize=4096)
def _word(raw: str) -> _Word:
    if raw == "#":
        return _Word(((NUMBER,),), False)
    inflect = raw.endswith("~")
    word = raw[:-1] if inflect else raw
    if not word or "~" in word:
        raise PatternError(f"“{raw}” puts ~ somewhere other than the end of a word")
    forms = inflections(word.lower()) if inflect else [word.lower()]
    return _Word(tuple(_atoms(f) for f in forms), word[0] in _APOSTROPHES)


def parse_phrase(phrase: str, lists: dict[str, list[str]] | None = None) -> tuple[Any, ...]:
    """Parse a phrase (see the syntax above) into its tree; PatternError says what is wrong."""
    if not isinstance(phrase, str) or not phrase.strip():
        raise PatternError("a pattern is empty")
    tokens: list[tuple[str, str]] = []
    pos, text = 0, phrase.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise PatternError(f"“{phrase}” has a character peercheck cannot read at {pos + 1}")
        pos = m.end()
        for kind, value in zip(KINDS, m.groups(), strict=True):
            if value is not None:
                tokens.append((kind, value))
                break
    state = {"i": 0}

    def alternatives(closer: str | None) -> list[tuple[Any, ...]]:
        alts = [sequence()]
        while state["i"] < len(tokens) and tokens[state["i"]][0] == "bar":
            state["i"] += 1
            alts.append(sequence())
        if closer is not None:
            if state["i"] >= len(tokens) or tokens[state["i"]] != ("close", closer):
                raise PatternError(f"“{phrase}” opens a bracket it never closes with {closer}")
            state["i"] += 1
        if any(not a for a in alts):
            raise PatternError(f"“{phrase}” has an empty choice; use [words] for optional words")
        return alts

    def sequence() -> tuple[Any, ...]:
        items: list[Any] = []
        negative = False
        while state["i"] < len(tokens):
            kind, value = tokens[state["i"]]
            if kind in ("bar", "close"):
                break
            state["i"] += 1
            if kind == "not":
                negative = True
                continue
            if kind == "word":
                node: Any = _word(value)
            elif kind == "list":
                entries = (lists or {}).get(value)
                if not entries:
                    raise PatternError(f"“{phrase}” uses a list {{{value}}} that is not defined")
                if any("{" in e for e in entries):
                    raise PatternError(f"the list {{{value}}} refers to another list")
                node = _Group(tuple(_parse_entry(e) for e in entries))
            else:
                closer = ")" if value == "(" else "]"
                node = _Group(tuple(alternatives(closer)), optional=value == "[")
            if negative:
                if isinstance(node, _Word):
                    node = _Group(((node,),))
                node = _Group(node.alts, negative=True)
                negative = False
            items.append(node)
        if negative:
            raise PatternError(f"“{phrase}” ends with ! where words should follow")
        return tuple(items)

    alts = alternatives(None)
    if state["i"] != len(tokens):
        raise PatternError(f"“{phrase}” closes a bracket it never opened")
    if len(alts) != 1:
        raise PatternError(f"“{phrase}” has a | outside brackets; put choices in (a|b)")
    seq = alts[0]
    if all(isinstance(n, _Group) and (n.optional or n.negative) for n in seq):
        raise PatternError(f"“{phrase}” has only optional words, so it would match nothing")
    if isinstance(seq[0], _Group) and seq[0].negative:
        raise PatternError(f"“{phrase}” starts with !; it can only follow other words")
    return seq


@lru_cache(maxsize=1024)
def _parse_entry(entry: str) -> tuple[Any, ...]:
    return parse_phrase(entry)


def _form_regex(forms: tuple[tuple[str, ...], ...]) -> str:
    if len(forms) == 1:
        return "".join(forms[0])
    return "(?:" + "|".join("".join(f) for f in forms) + ")"


def _node_regex(node: Any, leading: bool, sep: str = SEP) -> str:
    if isinstance(node, _Word):
        core = _form_regex(node.forms)
        return sep + core if leading and not node.attached else core
    return "(?:" + "|".join(to_regex(alt, leading, sep) for alt in node.alts) + ")"


def _is_number(node: Any) -> bool:
    return isinstance(node, _Word) and node.forms == ((NUMBER,),)


def to_regex(seq: tuple[Any, ...], leading: bool = False, sep: str = SEP) -> str:
    """The regex for a sequence; with ``leading`` it brings its own separator along.

    After a number (#) the separator is an optional space, so "# mg" hears "20mg" and "20 mg".
    """
    out, need_sep = "", leading
    for node in seq:
        if isinstance(node, _Group) and node.negative:
            out += f"(?!{_node_regex(node, need_sep, sep)}(?!\\w))"
        elif isinstance(node, _Group) and node.optional:
            if need_sep:
                out += f"(?:{_node_regex(node, True, sep)})?"
            else:
                out += f"(?:{_node_regex(node, False)}{SEP})?"
        else:
            out += _node_regex(node, need_sep, sep)
            need_sep = True
        sep = r"\s?" if _is_number(node) else SEP
    return out


def _width(seq: tuple[Any, ...]) -> int:
    """The most characters a sequence can span, allowing generous runs of spaces."""
    total = 0
    for node in seq:
        if isinstance(node, _Word):
            total += max(len(f) for f in node.forms) + (8 if _is_number(node) else 0)
        else:
            total += max(_width(alt) for alt in node.alts)
        total += 6  # the separator before it (a longer run of spaces uses the margin)
    return total


def compile_phrase(phrase: str, lists: dict[str, list[str]] | None = None) -> str:
    """The regex fragment for a phrase, on lower-cased text."""
    return to_regex(parse_phrase(phrase, lists))


def compile_regex(source: str) -> str:
    """Check a user's regex is safe to combine (no named groups, back-references or nested
    unbounded repeats, which can take exponential time) and wrap it case-insensitively."""
    if not isinstance(source, str) or not source:
        raise PatternError("a regex is empty")
    try:
        compiled = re.compile(source)
        re.compile(f"(?i:{source})")
    except re.error as exc:
        raise PatternError(f"the regex “{source}” is not valid ({exc})") from exc
    if compiled.groupindex:
        raise PatternError(f"the regex “{source}” names a group; use (?:...) instead")
    if compiled.fullmatch("") is not None:
        raise PatternError(f"the regex “{source}” matches empty text")
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse  # type: ignore[no-redef]
    problem = _risky(sre_parse.parse(source), sre_parse, inside_unbounded=False)
    if problem:
        raise PatternError(f"the regex “{source}” {problem}")
    return f"(?i:{source})"


def _risky(parsed: Any, sre: Any, inside_unbounded: bool) -> str | None:
    for op, av in parsed:
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            return "refers back to a group, which peercheck cannot combine with other rules"
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _lo, hi, sub = av
            unbounded = hi == sre.MAXREPEAT or hi > 50
            if unbounded and inside_unbounded:
                return "repeats inside a repeat, which can take very long on some texts"
            found = _risky(sub, sre, inside_unbounded or unbounded)
            if found:
                return found
        elif name == "SUBPATTERN":
            found = _risky(av[-1], sre, inside_unbounded)
            if found:
                return found
        elif name == "BRANCH":
            for sub in av[1]:
                found = _risky(sub, sre, inside_unbounded)
                if found:
                    return found
        elif name in ("ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"):
            found = _risky(av[-1] if isinstance(av, tuple) else av, sre, inside_unbounded)
            if found:
                return found
    return None


# --- the context checks --------------------------------------------------------------------

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
_SPEAKER = _lazy(r"(?i:i|we)\b")
_TURN = _lazy(r"\b(?i:but|yet|though|although|however|whereas)\b")
_TRAILING_REPORTER = _lazy(
    r"[^.!?\n]{0,160}?[,\u2014\u2013]\s*[\"'\u201d\u2019]?\s*(?i:" + _PEOPLE + r"|[a-z]+)\s+"
    r"(?i:said|says|asked|asks|told\s+me|tells\s+me|explained|added|replied|wrote|insisted)\b"
)
_FIRST_PERSON = {"i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "myself", "we", "we're",
                 "us", "ourselves"}
_POSSESSIVE_SELF = {"my", "our"}
_OTHERS = {"you", "your", "you're", "he", "she", "they", "him", "her", "them", "his", "their",
           "he's", "she's", "they're", "it", "it's", "peer", "client", "person", "people",
           "who", "someone", "everyone", "that", "that's", "this"}
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
_WORD_AFTER_OTHER = _lazy(r"[^\w ](?=\w)")  # starts with a character class: fast to skip
_AFTER_SELF = _lazy(r"\s+(?:of\s+me|myself)\b", re.IGNORECASE)
_WINDOW = 200


class _Context:
    """What the text around a match says about it; everything is worked out lazily, once."""

    def __init__(self, text: str):
        self.text = text
        self._quotes: list[tuple[int, int]] | None = None
        self._quote_starts: list[int] = []
        self._quotes_from = -1
        self._optouts: list[tuple[int, int, frozenset[str] | None]] | None = None
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
                self._optouts = self._find_optouts()
        for lo, hi, ids in self._optouts:
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
        # Quotes never cross a blank line, so only this paragraph needs reading (once).
        text = self.text
        lo = text.rfind("\n\n", 0, start) + 1
        if self._quotes is None or lo != self._quotes_from:
            hi = text.find("\n\n", start)
            hi = len(text) if hi < 0 else hi
            self._quotes = [m.span() for m in _QUOTES.finditer(text, lo, hi)]
            self._quote_starts = [s for s, _ in self._quotes]
            self._quotes_from = lo
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
        speaking = _SPEAKER.match(self.text, start)  # "I told her …": the worker's own words
        if not speaking and (_reported(sentence) or _IN_THEIR_WORDS.search(sentence)):
            return True
        after = self.sentence_after(end)
        if _TRAILING_REPORTER.match(after):
            return True
        clause = sentence
        for m in _CLAUSE_END.finditer(sentence):
            clause = sentence[m.end() :]
        words = list(_WORD.finditer(clause))
        directive = family is not None and family.directive
        if _negated(clause, words, directive):
            return True
        if family is not None and family.self_reflection and _about_self(words, after):
            return True
        if directive and after.rstrip().endswith("?") and words:
            first = words[0].group().lower()
            if first in _QUESTION_WORDS:
                return True
        return False


def _reported(sentence: str) -> bool:
    last = None
    for last in _REPORTER.finditer(sentence):  # noqa: B007 - we want the nearest one
        pass
    if last is None or last.group("me") is not None:
        return False
    # "She said she was fine, but she's in denial": after a turn like "but", the words are
    # the worker's own again.
    return _TURN.search(sentence, last.end()) is None


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
        if token in _FIRST_PERSON or (token in _POSSESSIVE_SELF and i == len(tokens) - 1):
            # "I felt so", "I'm a recovering": only words that describe me lie in between
            return all(t in _SELF_DESCRIBING for t in tokens[i + 1 :])
    return False


# --- the engine ----------------------------------------------------------------------------


# How common a word is in reflections, roughly: an anchor should be as rare as possible, since
# every place it appears costs a closer look.
_VERY_COMMON = frozenset(
    "i you he she they we it the a an to of and in on at for with is was are were be been "
    "have has had do did does my your her his their him them me that this so not no if or "
    "but what just really can will would could about from as by up out get got".split()
)
_COMMON = frozenset(
    "talked talk said say told tell asked ask want wanted need needs needed feel felt think "
    "thought know knew try tried back together like made make take took come came go went "
    "going time day week help helped good right well one some more also very much thing "
    "things way people work home family today next last into over off down then there here "
    "how when where why who which all any been being should must might may other only own "
    "again still even never always sometimes".split()
)
def _anchor_sets(seq: tuple[Any, ...]) -> list[frozenset[tuple[str, ...]]]:
    """Sets of words (as atoms) of which any match of ``seq`` must contain one."""
    return [words for words, _ in _anchor_places(seq)]


def _anchor_places(seq: tuple[Any, ...]) -> list[tuple[frozenset[tuple[str, ...]], int]]:
    """Each possible anchor set with the index of the item it comes from."""
    sets: list[tuple[frozenset[tuple[str, ...]], int]] = []
    after_number = False
    for index, node in enumerate(seq):
        was_number, after_number = after_number, _is_number(node)
        if was_number:  # "20mg": the unit does not start a word, so cannot be an anchor
            continue
        if isinstance(node, _Word):
            if not node.attached:
                sets.append((frozenset(node.forms), index))
        elif not node.optional and not node.negative:
            union: set[tuple[str, ...]] = set()
            for alt in node.alts:
                best = _best_anchor(alt)
                if best is None:
                    break
                union |= best
            else:
                sets.append((frozenset(union), index))
    return sets


def anchor_window(seq: tuple[Any, ...]) -> tuple[frozenset[tuple[str, ...]], int, int] | None:
    """A phrase's anchor, and how far its match can reach before and after the anchor."""
    places = _anchor_places(seq)
    if not places:
        return None
    words, index = min(places, key=lambda p: _anchor_cost(p[0]))
    inside = 0 if isinstance(seq[index], _Word) else _width(seq[index : index + 1])
    margin = 24
    return words, _width(seq[:index]) + inside + margin, _width(seq[index + 1 :]) + inside + margin


_NUMBER_KEY = "#"
_LONGEST_ANCHOR = 200  # characters read for the text's first word (anchors are single words)
_NUMBER_GROUP = "anumber"


def _anchor_cost(words: frozenset[tuple[str, ...]]) -> tuple[int, int, int]:
    plain = [_atoms_key(w) for w in words]
    tier = max(2 if p in _VERY_COMMON else 1 if p in _COMMON or p == _NUMBER_KEY else 0
               for p in plain)
    return (tier, len(words), -min(len(p) for p in plain))


def _best_anchor(seq: tuple[Any, ...]) -> frozenset[tuple[str, ...]] | None:
    sets = _anchor_sets(seq)
    return min(sets, key=_anchor_cost) if sets else None


def _atoms_key(atoms: tuple[str, ...]) -> str:
    """A plain spelling of an anchor word, to file its phrases under."""
    if atoms == (NUMBER,):
        return _NUMBER_KEY
    return "".join(
        "'" if a == APOS else "-" if a == _HYPHEN_IN_WORD else a.replace("\\", "") for a in atoms
    )


class _Pattern(NamedTuple):
    cue: int  # index into the engine's cues
    source: str  # the regex for this pattern alone (without the word boundaries)
    before: int  # the most characters a match can reach before its anchor
    after: int  # … and after it


class Engine:
    """All cues in one scanning regular expression, plus the context checks.

    Scanning: every phrase has an anchor, its rarest required word ("should" in "you should").
    All anchors form one trie-shaped regex (with any raw regexes as extra alternatives), and
    that is the only regex that runs over the whole text: one pass, linear in the text. Where
    it finds an anchor, only that anchor's phrases are tried, and only in a window around it
    as wide as the phrase can be, so the cost per find is bounded too. Each phrase's own regex
    is compiled the first time its anchor turns up. Overlapping finds are settled leftmost,
    then longest, then in the order the rules are written.
    """

    def __init__(self, cues: list[Cue], families: dict[str, Family]):
        self.cues = cues
        self.families = families
        self._anchors: dict[str, list[_Pattern]] = {}
        self._raw: dict[str, int] = {}
        root: dict = {}
        names: dict[str, str] = {}
        key_atoms: dict[str, tuple] = {}  # in the order the full trie was built
        alts = []
        for i, cue in enumerate(cues):
            for words, source, before, after in cue.anchored:
                pattern = _Pattern(i, source, before, after)
                for key, atoms in words:  # sorted when built: the same regex in every process
                    bucket = self._anchors.setdefault(key, [])
                    if pattern not in bucket:
                        bucket.append(pattern)
                    if key not in names:
                        names[key] = _NUMBER_GROUP if key == _NUMBER_KEY else f"a{len(names)}"
                        key_atoms[key] = atoms
                        node = root
                        for atom in atoms:
                            node = node.setdefault(atom, {})
                        node[""] = names[key]
            for j, regex in enumerate(cue.regexes):
                name = f"r{i}_{j}"
                self._raw[name] = i
                alts.append(f"(?P<{name}>{regex})(?!\\w)")
        self._anchor_names = {name: key for key, name in names.items()}
        self._key_atoms = key_atoms
        self._key_names = names
        if root:
            alts.insert(0, _trie(root))
        self.source = "(?:" + "|".join(alts) + ")" if alts else r"(?!)"
        self._scanners: dict[Any, re.Pattern] = {}
        self._compiled: dict[tuple[str, bool], re.Pattern] = {}

    def _pattern(self, source: str, fold: bool) -> re.Pattern:
        regex = self._compiled.get((source, fold))
        if regex is None:
            # No look-behind at the front, so the engine can jump to the first literal; the
            # start of a word is checked in matches() instead.
            regex = re.compile(rf"(?:{source})(?!\w)", re.IGNORECASE if fold else 0)
            self._compiled[(source, fold)] = regex
        return regex

    def scanner(self, fold: bool = False) -> re.Pattern:
        """The one regex that runs over the whole text: an anchor word after a space.

        Python's regex engine jumps straight to a literal character (the space) but tries a
        pattern without one at every position, so this is several times faster than a
        look-behind for the start of a word. Words after anything else (a line break,
        punctuation, the start of the text) are found with the small ``_WORD_AFTER_OTHER``
        and tried with the same regex, on a copy of the next few characters with a space
        in front.
        """
        found = self._scanners.get(fold)
        if found is None:
            found = re.compile(" " + self.source, re.IGNORECASE if fold else 0)
            self._scanners[fold] = found
        return found

    def scanner_for(self, haystack: str, fold: bool) -> re.Pattern:
        """The scanner for this text: for a short one, only the anchors that could occur in it.

        Compiling the full scanner is most of a one-line ``check``'s own cost. In a short
        text few anchor words can possibly occur, so a scanner of just those compiles in a
        fraction of the time and finds exactly the same anchors: an anchor is left out only
        when the leading letters of its first word begin none of the text's words (and the
        number anchor only when the text has no digit).
        """
        if self._raw or len(haystack) > SHORT_TEXT or not self._key_atoms:
            return self.scanner(fold)
        words = set(_WORD_RUN.findall(haystack.lower()))
        digits = any(ch.isdigit() for ch in haystack)
        keep = tuple(
            key for key in self._key_atoms
            if (digits if key == _NUMBER_KEY else _may_occur(key, words))
        )
        memo = (keep, fold)
        found = self._scanners.get(memo)
        if found is None:
            root: dict = {}
            names = self._key_names
            for key in keep:
                node = root
                for atom in self._key_atoms[key]:
                    node = node.setdefault(atom, {})
                node[""] = names[key]
            source = "(?:" + _trie(root) + ")" if root else r"(?!)"
            found = re.compile(" " + source, re.IGNORECASE if fold else 0)
            self._scanners[memo] = found
        return found

    def _after_other(self, haystack: str, scanner: re.Pattern) -> Iterator[tuple[re.Match, int]]:
        starts = _WORD_AFTER_OTHER.finditer(haystack)
        if haystack[:1].isalnum():
            starts = chain([None], starts)  # type: ignore[list-item]
        for m in starts:
            at = m.end() if m is not None else 0
            if at > 1 and haystack[at - 1] in _APOSTROPHES and _is_word(haystack[at - 2]):
                continue  # the rest of a contraction ("don't"), not a new word
            found = scanner.match(" " + haystack[at : at + _LONGEST_ANCHOR])
            if found:
                yield found, at - 1  # the copy's offsets, moved back onto the text

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """Every (start, end, cue index) a pattern matches, before context is considered."""
        lowered = text.lower()
        fold = len(lowered) != len(text)  # a few characters lower-case to two: keep offsets
        haystack = text if fold else lowered
        scanner = self.scanner_for(haystack, fold)
        found: set[tuple[int, int, int]] = set()
        size = len(text)
        candidates = chain(
            ((m, 0) for m in scanner.finditer(haystack)), self._after_other(haystack, scanner)
        )
        for m, shift in candidates:
            name = m.lastgroup
            start, end = m.start() + 1 + shift, m.end() + shift
            if name in self._raw:
                found.add((start, end, self._raw[name]))
                continue
            for pattern in self._anchors[self._anchor_names[name]]:
                lo = max(0, start - pattern.before)
                hi = min(size, end + pattern.after)
                while hi < size and _is_word(haystack[hi]):
                    hi += 1  # never cut a word in two at the window's edge
                regex, pos = self._pattern(pattern.source, fold), lo
                while pos <= start:
                    pm = regex.search(haystack, pos, hi)
                    if pm is None or pm.start() > start:
                        break
                    at = pm.start()
                    if pm.end() >= end and not (at and _is_word(haystack[at - 1])):
                        found.add((at, pm.end(), pattern.cue))
                    pos = at + 1
        return sorted(found, key=lambda f: (f[0], -f[1], f[2]))

    def finditer(self, text: str) -> Iterator[Hit]:
        """Hits in ``text``, in order, after the context checks; overlaps settled."""
        context: _Context | None = None
        cues, families = self.cues, self.families
        taken = 0
        for start, end, index in self.matches(text):
            if start < taken:
                continue
            cue = cues[index]
            if context is None:
                context = _Context(text)
            if context.skip(cue, families.get(cue.family), start, end):
                continue
            taken = end
            line, column = context.position(start)
            yield Hit(
                line=line,
                column=column,
                offset=start,
                length=end - start,
                text=text[start:end],
                rule=cue.id,
                family=cue.family,
                concepts=list(cue.concepts),
                principles=list(cue.principles),
                message=cue.message,
                suggestion=cue.suggestion,
                level=cue.level,
            )

    def scan(self, text: str) -> list[Hit]:
        hits = list(self.finditer(text))
        detected = [c for c in self.cues if c.family in DETECTED]
        if detected:  # privacy: heard by one detector, imported only when its family is on
            from .privacy import cue_hits

            hits = sorted(hits + cue_hits(text, detected, _Context(text)), key=lambda h: h.offset)
        return hits


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


SHORT_TEXT = 2000  # characters: below this, scan with only the anchors the text could hold
_WORD_RUN = _lazy(r"[^\W_]+")
_LEADING_LETTERS = _lazy(r"[^\W_]*")


def _may_occur(key: str, words: set[str]) -> bool:
    """Could the anchor spelled ``key`` match somewhere in a text made of ``words``?"""
    lead = _LEADING_LETTERS.match(key).group()
    return not lead or any(word.startswith(lead) for word in words)


def _trie(node: dict) -> str:
    alts = [atom + _trie(child) for atom, child in node.items() if atom]
    if "" in node:  # a whole anchor word; a number may run straight into its unit ("20mg")
        alts.append(f"(?P<{node['']}>)" + ("" if node[""] == _NUMBER_GROUP else r"(?!\w)"))
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


# --- loading the rules ---------------------------------------------------------------------


class Ruleset:
    """Every family and rule after merging the built-in and the organisation's documents."""

    def __init__(self, families: dict[str, Family], cues: list[Cue], off: set[str],
                 lists: dict[str, list[str]]):
        self.families = families
        self.cues = cues
        self.off = off
        self.lists = lists

    def active(self, families: Iterable[str] | None = None) -> list[Cue]:
        wanted = set(families) if families else None
        return [
            c for c in self.cues
            if c.id not in self.off and c.family not in self.off
            and (wanted is None or c.family in wanted)
        ]


_cache: dict[Any, Any] = {}


def ruleset() -> Ruleset:
    """The merged rules, loaded and validated once per process (per set of files).

    The built rules are also kept in peercheck's private folder (``cache/cues.marshal``),
    keyed by the files' sizes and modification times, so a one-line ``check`` neither parses
    YAML nor compiles phrases when nothing has changed. The cache is a convenience: if it
    cannot be read or written, the rules are simply built from the files.
    """
    key = _source_key()
    memo = ("rules", key)
    if memo not in _cache:
        _cache.clear()
        rules = _read_cache(key)
        if rules is None:
            from .data import documents

            rules = _build(documents("cues.yaml"))
            _write_cache(key, rules)
        _cache[memo] = rules
    return _cache[memo]


_CACHE_FORMAT = 3


def _source_key() -> tuple:
    """What the built rules depend on: these files, this code and this Python."""
    import os
    import sys

    from . import __version__
    from .data import override_dir

    paths = [_builtin_file(), __file__]
    extra = override_dir()
    if extra is not None:
        paths += [extra / "cues.yaml", extra / "values.yaml", extra / "principles.yaml"]
    stamps = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            stamps.append((str(path), None))
            continue
        stamps.append((str(path), st.st_size, st.st_mtime_ns))
    return (_CACHE_FORMAT, __version__, sys.version, tuple(stamps))


def _builtin_file() -> str:
    from .data import builtin_dir

    return str(builtin_dir() / "cues.yaml")


def _cache_file():
    """Where the built rules are kept (peercheck's private folder, made on first use)."""
    import os

    from .paths import home

    home_dir = os.environ.get("PEERCHECK_HOME", "")
    if home_dir not in _cache_dirs:
        _cache_dirs[home_dir] = home() / "cache" / "cues.marshal"
    return _cache_dirs[home_dir]


_cache_dirs: dict[str, Any] = {}


def _read_cache(key: tuple) -> Ruleset | None:
    import marshal

    try:
        with open(_cache_file(), "rb") as handle:
            stored_key, plain = marshal.load(handle)
        if stored_key != key:
            return None
        families, cues, off, lists = plain
        return Ruleset(
            {f[0]: Family(*f) for f in families},
            [Cue(*c) for c in cues],
            set(off),
            dict(lists),
        )
    except Exception:  # noqa: BLE001 - a stale or damaged cache is rebuilt, never fatal
        return None


def _write_cache(key: tuple, rules: Ruleset) -> None:
    import marshal

    try:
        from .paths import atomic_write, ensure_private_dir

        path = _cache_file()
        ensure_private_dir(path.parent)
        plain = (
            [tuple(f) for f in rules.families.values()],
            [
                (c.id, c.family, c.patterns, c.concepts, c.principles, c.message, c.suggestion,
                 c.level, c.anchored, c.regexes, c.origin)
                for c in rules.cues
            ],
            sorted(rules.off),
            rules.lists,
        )
        atomic_write(path, marshal.dumps((key, plain)))
    except Exception:  # noqa: BLE001 - e.g. a read-only home: just build next time too
        return


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


def _build(docs: list[Any]) -> Ruleset:
    families: dict[str, Family] = {}
    lists: dict[str, list[str]] = {}
    raw: dict[str, tuple[Any, int, dict]] = {}
    off: set[str] = set()
    for doc in docs:
        data = doc.data if doc.data is not None else {}
        if not isinstance(data, dict):
            raise doc.fail("expected a mapping with a `cues:` list at the top")
        unknown = {str(k) for k in data} - {"families", "lists", "cues", "switch-off"}
        if unknown:
            raise doc.fail(
                f"unknown section `{sorted(unknown)[0]}` (expected families, lists, cues, "
                "switch-off)",
                sorted(unknown)[0],
            )
        for fid, spec in (data.get("families") or {}).items():
            families[fid] = _family(doc, fid, spec)
        for name, entries in (data.get("lists") or {}).items():
            if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
                raise doc.fail(f"the list `{name}` should be a list of phrases", "lists", name)
            lists[name] = lists.get(name, []) + entries  # an organisation's entries add on
        items = data.get("cues") or []
        if not isinstance(items, list):
            raise doc.fail("`cues` should be a list of rules", "cues")
        seen: set[str] = set()
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise doc.fail("each cue needs an `id`", "cues", i)
            cid = item["id"]
            if not _ID.match(cid):
                raise doc.fail(
                    f"the id “{cid}” should be lower-case letters, digits and hyphens",
                    "cues", i, "id",
                )
            if cid in seen:
                raise doc.fail(f"the id “{cid}” is used twice in this file", "cues", i, "id")
            seen.add(cid)
            raw[cid] = (doc, i, item)  # an organisation's rule replaces a built-in one
        switched = data.get("switch-off") or []
        if not isinstance(switched, list) or not all(isinstance(s, str) for s in switched):
            raise doc.fail(
                "`switch-off` should be a list of rule ids or family names", "switch-off"
            )
        off.update(switched)
    cues = [_cue(doc, i, item, families, lists) for doc, i, item in raw.values()]
    for name in off:
        if name not in raw and name not in families:
            doc = next(
                d for d in reversed(docs) if name in ((d.data or {}).get("switch-off") or [])
            )
            raise doc.fail(
                f"`switch-off` names “{name}”, which is neither a rule id nor a family"
                + _closest(name, list(raw) + list(families)),
                "switch-off",
            )
    org = [(doc, i, item) for doc, i, item in raw.values() if not doc.builtin]
    if org:
        _check_against_catalog(org)
    return Ruleset(families, cues, off, lists)


def _closest(name: str, options: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, options, n=1)
    return f" (did you mean “{close[0]}”?)" if close else ""


def _family(doc: Any, fid: str, spec: Any) -> Family:
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
        raise doc.fail(f"the family `{fid}` needs a `name`", "families", fid)
    return Family(
        id=fid,
        name=spec["name"],
        summary=str(spec.get("summary") or ""),
        self_reflection=bool(spec.get("self-reflection", False)),
        directive=bool(spec.get("directive", False)),
    )


def _cue(doc: Any, i: int, item: dict, families: dict, lists: dict) -> Cue:
    cid = item["id"]
    for key in ("family", "patterns", "message"):
        if not item.get(key) and not (key == "patterns" and item.get("family") in DETECTED):
            raise doc.fail(f"the cue “{cid}” needs `{key}`", "cues", i)
    extra = set(item) - {"id", "family", "patterns", "concepts", "principles", "message",
                         "suggestion", "level"}
    if extra:
        key = sorted(extra)[0]
        raise doc.fail(f"the cue “{cid}” has an unknown field `{key}`", "cues", i, key)
    if item["family"] not in families:
        raise doc.fail(
            f"the cue “{cid}” names an unknown family “{item['family']}”"
            + _closest(item["family"], list(families)),
            "cues", i, "family",
        )
    level = item.get("level", "note")
    if level not in LEVELS:
        raise doc.fail(
            f"the cue “{cid}” has level “{level}”; use note or worth-a-look", "cues", i, "level"
        )
    concepts = item.get("concepts") or []
    principles = item.get("principles") or []
    if not isinstance(concepts, list) or not all(isinstance(c, str) for c in concepts):
        raise doc.fail(f"the cue “{cid}” should list concept ids", "cues", i, "concepts")
    if not isinstance(principles, list) or not all(
        isinstance(p, int) and not isinstance(p, bool) for p in principles
    ):
        raise doc.fail(f"the cue “{cid}” should list principle numbers", "cues", i, "principles")
    patterns = item.get("patterns") or []
    if not isinstance(patterns, list):
        raise doc.fail(f"the cue “{cid}” should list its patterns", "cues", i, "patterns")
    anchored: list[tuple[tuple[tuple[str, tuple[str, ...]], ...], str, int, int]] = []
    regexes: list[str] = []
    for j, pattern in enumerate(patterns):
        try:
            if isinstance(pattern, dict) and set(pattern) == {"regex"}:
                regexes.append(compile_regex(pattern["regex"]))
            elif isinstance(pattern, str):
                seq = parse_phrase(pattern, lists)
                window = anchor_window(seq)
                if window is None:
                    raise PatternError(f"“{pattern}” needs at least one word that must appear")
                anchor, before, after = window
                keyed = tuple(sorted((_atoms_key(atoms), atoms) for atoms in anchor))
                anchored.append((keyed, to_regex(seq), before, after))
            else:
                raise PatternError("a pattern should be a phrase or `regex: ...`")
        except PatternError as exc:
            raise doc.fail(f"in the cue “{cid}”, {exc}", "cues", i, "patterns", j) from None
    suggestion = item.get("suggestion")
    return Cue(
        id=cid,
        family=item["family"],
        patterns=tuple(patterns),
        concepts=tuple(concepts),
        principles=tuple(principles),
        message=str(item["message"]).strip(),
        suggestion=str(suggestion).strip() if suggestion else None,
        level=level,
        anchored=tuple(anchored),
        regexes=tuple(regexes),
        origin=str(doc.path),
    )


def _check_against_catalog(items: list[tuple[Any, int, dict]]) -> None:
    """An organisation's rules must name concepts and principles that exist."""
    from .values import load_catalog

    catalog = load_catalog()
    for doc, i, item in items:
        for concept in item.get("concepts") or []:
            if concept not in catalog.concepts:
                raise doc.fail(
                    f"the cue “{item['id']}” names an unknown concept “{concept}”"
                    + _closest(concept, list(catalog.concepts)),
                    "cues", i, "concepts",
                )
        for number in item.get("principles") or []:
            if number not in catalog.principles:
                raise doc.fail(
                    f"the cue “{item['id']}” names principle {number}, which does not exist "
                    f"(there are {len(catalog.principles)})",
                    "cues", i, "principles",
                )
