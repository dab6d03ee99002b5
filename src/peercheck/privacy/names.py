"""Names in ordinary sentences: which capitalised words (and "maya told me") are people.

See the package docstring for the rules; ``names_in`` gives the spans.
"""

from __future__ import annotations

import re

from .given import family_names, given_names

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’-]*")

# --- words that are not names ----------------------------------------------------------------

_NOT_NAMES = frozenset("""
i i'm i've i'd i'll me my we us our you your he him his she her they them their it its this
that these those the a an and but or so if then when while what who how why where which
yes no ok okay hi hello thanks thank please sorry maybe perhaps also just still even well
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
january february march april may june july august september october november december
christmas easter eid diwali hanukkah ramadan passover thanksgiving halloween new year's
valentine's boxing bank holiday xmas lent advent
mr mrs ms miss mx dr doctor nurse sister brother mum mom dad nan gran grandma grandad auntie
uncle god lord jesus allah buddha christian muslim jewish hindu sikh catholic
english british irish scottish welsh american canadian australian
gp nhs aa na ae a&e cbt dbt ptsd ocd adhd covid zoom teams whatsapp google facebook
tesco asda aldi lidl sainsbury's morrisons boots greggs costa starbucks primark walmart target
mind samaritans shelter crisis recovery college hope grace faith joy will mark bill rose
""".split())
# Ordinary words that are also given names: a name only with a person-verb after them.
_AMBIGUOUS = frozenset("""
hope grace faith joy will mark bill rose dawn summer autumn amber sky art guy pat sue rob don
jack frank grant chase hunter miles page rich ray iris ivy lily holly olive ruby pearl crystal
destiny harmony honey jade liberty melody mercy patience precious serenity star sunny trinity
brook river stone reed drew gene jean kay sandy angel baby carol major king prince duke earl
royal marshall sterling justice bliss april may june august sunday easter christian long young
park hall man doctor said ever dean bay cliff dale glen rock storm wade lane nick penny
""".split())
_PERSON_VERBS = frozenset("""
told tells said says asked asks mentioned mentions shared shares talked talks spoke speaks
explained explains texted texts rang rings phoned called cried laughed smiled admitted
wondered wanted wants felt feels seemed seems thinks thought came comes went goes arrived
left got gets did didn't doesn't does was wasn't is isn't has hasn't had hadn't would
wouldn't could couldn't can can't will won't and opened disclosed described brought
""".split())
_STRONG_VERBS = frozenset("""
told tells said says asked asks mentioned mentions shared shares talked talks spoke speaks
explained explains texted texts rang rings phoned cried laughed smiled admitted disclosed
""".split())
_INTRODUCERS = re.compile(
    r"(?i:\b(?:named|called|name\s+is|name's|names\s+are|surname\s+is|goes\s+by|known\s+as))"
    r"\s+$"
)
_TITLES = frozenset("mr mrs ms miss mx dr".split())
# after a listed name opening a sentence: the person and who or where they came with
_WITH_OTHERS = frozenset("from and with who whose herself himself themself".split())
_PLACE_BEFORE = frozenset("in at from to into near outside inside via".split())
_LOWER_BEFORE = frozenset(
    "the a an my your his her their our this that some any every each no".split()
)


def _verbs(words: frozenset[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True)).replace("'", "['’]")


# the look-behind comes after the capital, so the engine can jump from capital to capital
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w'’-].)[\w'’-]*")


def _told_at(text: str) -> list[int]:
    """Where a strong verb ("told", "said") follows a word: str.find per verb is far quicker
    than one regex over the whole text."""
    found = []
    for verb in _STRONG_VERBS:
        needle = " " + verb
        at = text.find(needle)
        while at != -1:
            after = at + len(needle)
            if at and text[at - 1].isalpha() and not (after < len(text) and text[after].isalnum()):
                found.append(at)
            at = text.find(needle, after)
    return found


def _candidates(text: str) -> list[re.Match]:
    """Where a name could start: capitals not inside a word, and "maya" in "maya told me"."""
    found = list(_CAPITAL.finditer(text))
    given = given_names()
    for at in _told_at(text):
        words = text[max(0, at - 30): at].rsplit(None, 1)
        if words and words[-1] in given and words[-1].isalpha():
            found.append(_WORD.match(text, at - len(words[-1])))
    if len(found) > 1:
        found.sort(key=lambda m: m.start())
    return found


def names_in(text: str) -> list[tuple[int, int]]:
    """Name spans, looking only where a name could start (capitals, "maya told me")."""
    spans: list[tuple[int, int]] = []
    size = len(text)
    taken = 0
    for candidate in _candidates(text):
        start = candidate.start()
        if start < taken or _plainly_not_a_name(text, candidate):
            continue
        lo = max(0, start - 40)
        words = list(_WORD.finditer(text, lo, min(size, candidate.end() + 120)))
        i = next((k for k, w in enumerate(words) if w.start() == start), None)
        if i is None:
            continue
        end_index = _name_at(text, words, i)
        if end_index is None:
            continue
        intro = _INTRODUCERS.search(text, lo, start)
        if intro:  # the words that make it a name: "named Tom", "Mrs Okafor"
            start = intro.start()
        elif i and _bare(words[i - 1].group()) in _TITLES:
            start = words[i - 1].start()
        taken = words[end_index].end()
        spans.append((start, taken))
    return spans


_NEXT_WORD = re.compile(r"['’]?\w*\s+([\w'’]+)")
_NAMING_WORDS = frozenset("named called by as mr mrs ms miss mx dr name's".split())


def _plainly_not_a_name(text: str, candidate: re.Match) -> bool:
    """A quick no for most capitals ("We", "Today"): unlisted, unnamed, doing nothing."""
    word = candidate.group()
    low = _bare(word)
    if low in _NOT_NAMES and low not in _AMBIGUOUS:
        return True
    if not word[0].isupper() or low in given_names():
        return False
    after = _NEXT_WORD.match(text, candidate.end())
    if after and after.group(1).lower() in _STRONG_VERBS:
        return False
    before = text[max(0, candidate.start() - 20): candidate.start()].lower().split()
    # "named X", "Mrs X", "her name is X" name anyone: let _name_at look closely
    return not (before and (before[-1].rstrip(".") in _NAMING_WORDS or "name" in before[-2:]))


def _bare(word: str) -> str:
    """The word in lower case without a possessive 's."""
    low = word.lower()
    return low[:-2] if low.endswith(("'s", "’s")) else low


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def _name_at(text: str, words: list[re.Match], i: int) -> int | None:
    """The index of the last word of a name starting at word ``i`` (None: not a name)."""
    word = words[i].group()
    low = _bare(word)
    start = words[i].start()
    prev = _bare(words[i - 1].group()) if i else ""
    after = words[i + 1].group().lower() if i + 1 < len(words) else ""
    possessive = bool(re.search(r"['’]s$", word))
    introduced = bool(_INTRODUCERS.search(text, max(0, start - 20), start))
    titled = prev in _TITLES and text[words[i - 1].end(): words[i].start()].strip(" .") == ""
    if word == "I" or low in _NOT_NAMES - _AMBIGUOUS and not (introduced or titled):
        return None
    if not _capitalised(word):
        # lower case: only a listed name that plainly does something ("maya told me")
        if (len(low) >= 3 and low in given_names() and low not in _AMBIGUOUS
                and low not in _NOT_NAMES and after in _STRONG_VERBS
                and prev not in _LOWER_BEFORE):
            return i
        return None
    run_end = _run_end(words, i, text)
    if introduced or titled:
        return i if run_end == i or _is_full_name(words, i, run_end) else None
    if low not in given_names():
        # an unlisted capitalised word is a name only when it plainly does something
        return i if run_end == i and after in _STRONG_VERBS and prev not in _LOWER_BEFORE \
            else None
    if run_end > i:
        return run_end if _is_full_name(words, i, run_end) else None
    start_of_sentence = _starts_sentence(text, start)
    if low in _AMBIGUOUS:
        return i if after in _STRONG_VERBS or (possessive and not start_of_sentence) else None
    if start_of_sentence:
        # "Maya from the hostel…", "Tom and I…", "Maya's mum…": a listed name opening a
        # sentence is a person when what follows is what people do or have
        return i if (after in _PERSON_VERBS or after in _WITH_OTHERS or possessive
                     or _verb_like(after)) else None
    if prev in _PLACE_BEFORE and after not in _PERSON_VERBS:
        return None  # "at Costa", "in Florence": a place or a shop
    return i


def _verb_like(word: str) -> bool:
    """A lower-case word shaped like a verb in the past or third person ("looked", "needs")."""
    return len(word) > 3 and word.isalpha() and word.islower() and word.endswith(("ed", "s"))


def _starts_sentence(text: str, start: int) -> bool:
    """Is the word at ``start`` the first of a sentence, a line or a quotation?"""
    before = text[max(0, start - 12): start]
    if start <= 12 and not before.strip():
        return True
    stripped = before.rstrip(" \t")
    if not stripped or stripped.endswith(("\n", "\r")):
        return True
    stripped = stripped.rstrip("'\"”’)")
    return stripped.endswith((".", "!", "?", "…", ":", ";", "•", "*", "\"", "“", "(", " -", "–"))


def _run_end(words: list[re.Match], i: int, text: str) -> int:
    """The last word of the run of capitalised words starting at ``i`` (same line, spaces)."""
    j = i
    while j + 1 < len(words) and _capitalised(words[j + 1].group()) \
            and text[words[j].end(): words[j + 1].start()] in (" ", "-") \
            and not re.search(r"['’]s$", words[j].group()):
        j += 1
    return j


def _is_full_name(words: list[re.Match], i: int, j: int) -> bool:
    """Given name(s) then a family name: "Maya Thompson", not "Recovery College"."""
    if j - i > 2:
        return False
    first = _bare(words[i].group())
    last = _bare(words[j].group())
    middle_ok = all(_bare(w.group()) in given_names() for w in words[i + 1: j])
    if last in _NOT_NAMES:
        return False
    return (first in given_names() or first in _TITLES) and middle_ok and (
        last in family_names() or last in given_names() or j == i + 1 and last not in _COMMON
    )


# capitalised words that end a title or an organisation's name rather than a person's
_COMMON = frozenset("""
college centre center group service services team house hospital ward clinic trust council
street road park station library church school university project network line foundation
café cafe club hall court office unit hub society association advice voices anonymous
""".split())

