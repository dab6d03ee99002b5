"""The scanning engine: one pass of one regex over the text finds every anchor word, each
anchor's phrases are tried in a bounded window around it, and the context checks settle
what is kept. Every hit of a scan comes out of ``Engine.finditer``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain
from typing import Any, NamedTuple

from .context import _Context
from .phrases import _APOSTROPHES, _LONGEST_ANCHOR, _NUMBER_GROUP, _NUMBER_KEY
from .records import Cue, Family, Hit, _lazy


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
        silenced: dict[int, int] = {}  # cue -> end of its last match the context left alone
        for start, end, index in self.matches(text):
            if start < taken or end <= silenced.get(index, -1):
                continue  # overlaps a hit, or is a shorter part of words left alone
            cue = cues[index]
            if context is None:
                context = _Context(text)
            if context.skip(cue, families.get(cue.family), start, end):
                silenced[index] = end
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
        return list(self.finditer(text))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


SHORT_TEXT = 2000  # characters: below this, scan with only the anchors the text could hold
_WORD_AFTER_OTHER = _lazy(r"[^\w ](?=\w)")  # starts with a character class: fast to skip
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

