"""Phrase compiling: the small pattern language of cues.yaml turned into regular expressions,
and each phrase's anchor (its rarest required word), which is what the scanner looks for."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from .records import _lazy

# What a space (or hyphen) between two words of a phrase matches, and an apostrophe.
SEP = r"[\s\-\u2010\u2011]+"
APOS = "['\u2019\u02bc]"
_HYPHEN_IN_WORD = r"[\s\-\u2010\u2011]?"

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
    # a contraction ("'s") or a comma joins the word before without a space
    return _Word(tuple(_atoms(f) for f in forms), word[0] in _APOSTROPHES or word == ",")


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
    "again still even never always sometimes seemed seems looked looks sounds sounded sound "
    "new hard different better worse took take taking sure say".split()
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

