"""The scanning engine: one pass of one regex over the text finds every anchor word, each
anchor's phrases are tried in a bounded window around it, and the context checks settle
what is kept. Every hit of a scan comes out of ``Engine.finditer``."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from itertools import chain
from time import perf_counter
from typing import Any, NamedTuple

from .context import _Context
from .phrases import _APOSTROPHES, _LONGEST_ANCHOR, _NUMBER_GROUP, _NUMBER_KEY
from .records import DETECTED, Cue, Family, Hit, _lazy


class _Pattern(NamedTuple):
    cue: int  # index into the engine's cues
    source: str  # the regex for this pattern alone (without the word boundaries)
    before: int  # the most characters a match can reach before its anchor
    after: int  # … and after it


class Engine:
    """All cues in one scanning regular expression, plus the context checks.

    Scanning: every phrase has an anchor, its rarest required word ("should" in "you should").
    All anchors form one trie-shaped regex, and that is the only regex that runs over the
    whole text: one pass, linear in the text. Where it finds an anchor, only that anchor's
    phrases are tried, and only in a window around it as wide as the phrase can be, so the
    cost per find is bounded too. Each phrase's own regex is compiled the first time its
    anchor turns up. Overlapping finds are settled leftmost, then longest, then in the order
    the rules are written.

    An organisation's raw regexes (``regex:`` patterns) run on their own, through the
    third-party ``regex`` module with a time budget (``RAW_BUDGET``), so a pattern that
    backtracks badly stops with a clear message instead of running for minutes.

    Matches stream out in order as they are found: only those within one phrase's reach of
    the current anchor are held, so memory does not grow with the text.
    """

    def __init__(self, cues: list[Cue], families: dict[str, Family]):
        self.cues = cues
        self.families = families
        self._anchors: dict[str, list[_Pattern]] = {}
        self._raw: list[tuple[int, str]] = []  # (cue index, regex) of organisations' regexes
        self._reach = 0  # the most characters any phrase reaches before its anchor
        root: dict = {}
        names: dict[str, str] = {}
        key_atoms: dict[str, tuple] = {}  # in the order the full trie was built
        alts = []
        for i, cue in enumerate(cues):
            for words, source, before, after in cue.anchored:
                pattern = _Pattern(i, source, before, after)
                self._reach = max(self._reach, before)
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
            for regex in cue.regexes:
                self._raw.append((i, regex))
        self._anchor_names = {name: key for key, name in names.items()}
        self._key_atoms = key_atoms
        self._key_names = names
        if root:
            alts.insert(0, _trie(root))
        self.source = "(?:" + "|".join(alts) + ")" if alts else r"(?!)"  # anchors only
        self._scanners: dict[Any, re.Pattern] = {}
        self._compiled: dict[tuple[str, Any], Any] = {}  # re, or regex for raw patterns

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
        if len(haystack) > SHORT_TEXT or not self._key_atoms:
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

    def matches(self, text: str) -> Iterator[tuple[int, int, int]]:
        """Every (start, end, cue index) a pattern matches, before context is considered, in
        order (leftmost, then longest, then rule order), as they are found."""
        lowered = text.lower()
        fold = len(lowered) != len(text)  # a few characters lower-case to two: keep offsets
        haystack = text if fold else lowered
        streams = [self._anchored(haystack, fold)]
        if self._raw:
            budget = RAW_BUDGET + RAW_BUDGET_PER_MB * len(haystack) / 1_000_000
            streams += [
                self._raw_matches(haystack, index, source, budget)
                for index, source in self._raw
            ]
        if len(streams) == 1:
            return streams[0]
        return heapq.merge(*streams, key=_order)

    def _anchored(self, haystack: str, fold: bool) -> Iterator[tuple[int, int, int]]:
        scanner = self.scanner_for(haystack, fold)
        size = len(haystack)
        candidates = heapq.merge(
            ((m, 0) for m in scanner.finditer(haystack)),
            self._after_other(haystack, scanner),
            key=lambda c: c[0].start() + c[1],
        )
        pending: list[tuple[int, int, int]] = []  # a heap of (start, -end, cue)
        held: set[tuple[int, int, int]] = set()
        reach = self._reach
        for m, shift in candidates:
            start, end = m.start() + 1 + shift, m.end() + shift
            # Nothing found from here on can start before start - reach: let those out.
            while pending and pending[0][0] < start - reach:
                item = heapq.heappop(pending)
                held.discard(item)
                yield item[0], -item[1], item[2]
            for pattern in self._anchors[self._anchor_names[m.lastgroup]]:
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
                        item = (at, -pm.end(), pattern.cue)
                        if item not in held:
                            held.add(item)
                            heapq.heappush(pending, item)
                    pos = at + 1
        while pending:
            item = heapq.heappop(pending)
            yield item[0], -item[1], item[2]

    def _raw_matches(
        self, haystack: str, index: int, source: str, budget: float
    ) -> Iterator[tuple[int, int, int]]:
        """An organisation's regex over the text, whole words only, within a time budget."""
        import regex as budgeted  # third-party: the only regex engine here with a timeout

        key = ("raw", source)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = budgeted.compile(rf"(?:{source})(?!\w)")
            self._compiled[key] = compiled
        pos, spent, size = 0, 0.0, len(haystack)
        while pos <= size:
            started = perf_counter()
            try:
                m = compiled.search(haystack, pos, timeout=max(budget - spent, 0.01))
            except TimeoutError:
                raise self._too_slow(index, source, budget) from None
            spent += perf_counter() - started
            if m is None:
                return
            at = m.start()
            if at and _is_word(haystack[at - 1]):
                pos = at + 1  # inside a word: not a whole-word match
                continue
            yield at, m.end(), index
            pos = max(m.end(), at + 1)

    def _too_slow(self, index: int, source: str, budget: float) -> Exception:
        from ..errors import DataError
        from ..messages import CHECK_REGEX_TOO_SLOW

        cue = self.cues[index]
        return DataError(CHECK_REGEX_TOO_SLOW.format(
            regex=source.removeprefix("(?i:").removesuffix(")"), cue=cue.id, origin=cue.origin,
            seconds=f"{budget:.0f}",
        ))

    def finditer(self, text: str) -> Iterator[Hit]:
        """Every hit in ``text``, in order: the one place all hits of a scan come out.

        Pattern hits stream as they are found; the ``privacy`` family is heard by one
        detector (``peercheck.privacy``, imported only when the family is on), whose hits are
        merged in by offset.
        """
        hits = self._heard(text)
        detected = [c for c in self.cues if c.family in DETECTED]
        if not detected:
            return hits
        from ..privacy import cue_hits

        found = cue_hits(text, detected, _Context(text))
        return heapq.merge(hits, found, key=lambda hit: hit.offset)

    def _heard(self, text: str) -> Iterator[Hit]:
        """Pattern hits in ``text``, in order, after the context checks; overlaps settled."""
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


def _order(item: tuple[int, int, int]) -> tuple[int, int, int]:
    return item[0], -item[1], item[2]


# An organisation's regex gets this many seconds a scan, plus this many per MB of text.
RAW_BUDGET = 1.0
RAW_BUDGET_PER_MB = 1.0
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

