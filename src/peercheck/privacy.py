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

import re
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


# --- patterns ------------------------------------------------------------------------------

_MONTHS = ("january february march april may june july august september october november "
           "december jan feb mar apr jun jul aug sep sept oct nov dec").split()
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ID_WORDS = (
    r"NHS|CHI|NI|national\s+insurance|social\s+security|social\s+insurance|SSN|SIN|Medicare"
    r"|Medicaid|PPS|PPSN|IHD|IHI|health\s+card|health\s+insurance|hospital|patient|MRN|NHI"
    r"|passport|driving\s+licen[cs]e|driver'?s\s+licen[cs]e|tax\s+file|TFN|case|client"
    r"|member(?:ship)?|ID"
)
_ID_NUMBER = re.compile(  # the number after the words that introduce it ("NHS number is")
    rf"\b(?:(?i:{_ID_WORDS})\s+(?i:number|no\.?|num|#|card\s+number)|(?i:SSN|SIN|NINO|MRN|TFN|PPSN))"
    rf"(?:\s+(?i:is|was|of))?\s*[:#,]?\s*(?=[A-Za-z ]*\d)([A-Z0-9][A-Z0-9 -]{{3,18}}[A-Z0-9])\b"
)
_ID_SHAPES = re.compile(  # shapes that are ID numbers on their own: US SSN, UK NI number
    r"\b(?:\d{3}-\d{2}-\d{4}|(?i:[A-CEGHJ-PR-TW-Z]{2})\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d])\b"
)
_PHONE = re.compile(r"(?<![\w-])\+?\(?\d[\d\s().-]{5,}\d(?![\w-])")
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
_BIRTH = re.compile(
    rf"(?i:\b(?:born(?:\s+on)?|date\s+of\s+birth|d\.?o\.?b\.?|birthday)(?:\s+(?:is|was))?\s*[:,-]?\s*)"
    rf"(?i:(?:the\s+)?)({_DATE})",
    re.IGNORECASE,
)
_STREET_TYPES = (
    "street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|way|court|ct|crescent|cres|place|pl"
    "|terrace|boulevard|blvd|grove|gardens|square|sq|row|mews|walk|parade|hill|park|view"
    "|rise|green|highway|hwy"
)
_STRONG_STREET = "street|road|avenue|lane|drive|close|crescent|terrace|boulevard|gardens|mews"
_ADDRESS = re.compile(
    rf"\b(?:(?i:flat|apartment|apt|unit)\s+\d+[A-Za-z]?,?\s+)?\d{{1,5}}[A-Za-z]?,?\s+"
    rf"(?:[A-Z][\w'’-]*\s+){{1,3}}(?i:{_STREET_TYPES})\b"
    rf"|\b(?i:flat|apartment|apt)\s+\d+[A-Za-z]?\b"
)
_STREET = re.compile(  # a street without a number: "lives on Harbour Road"
    rf"\b(?:on|at|in|off|near)\s+((?:[A-Z][\w'’-]*\s+){{1,2}}(?:{_STRONG_STREET.title()}))\b"
)
_POSTCODE = re.compile(  # UK postcodes, Canadian postal codes
    r"\b(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b"
)
_ZIP = re.compile(  # US ZIP codes need their word, or a state abbreviation, before them
    r"(?:\b(?i:zip(?:\s*code)?|postcode|post\s+code|postal\s+code)\s*(?i:is|was)?\s*:?\s*"
    r"|\b[A-Z]{2}\s)(\d{5}(?:-\d{4})?|\d{4})\b"
)
_HANDLE = re.compile(
    r"(?<![\w.@])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}\b"
    r"|\b(?i:instagram|insta|tiktok|snapchat|twitter|facebook|linkedin|youtube|x)\.com/[\w.-]+"
    r"|\b(?i:instagram|insta|tiktok|snapchat|snap|twitter|discord|telegram|reddit)"
    r"\s+(?i:handle|username|name|is|as|:)\s*(?i:is\s+)?:?\s*([A-Za-z0-9_.]*[\d_.][A-Za-z0-9_.]*)"
)
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
_PLACE_BEFORE = frozenset("in at from to into near outside inside via".split())
_LOWER_BEFORE = frozenset(
    "the a an my your his her their our this that some any every each no".split()
)


# --- the given-name list -----------------------------------------------------------------

# Latin-script locales of the people peer workers in English-speaking services meet.
_LOCALES = (
    "en", "en_GB", "en_IE", "en_US", "en_NZ", "en_IN", "en_KE", "en_NG", "en_PK", "ga_IE",
    "es", "es_ES", "es_MX", "fr_FR", "de_DE", "it_IT", "pt_BR", "pt_PT", "pl_PL", "nl_NL",
    "ro_RO", "tr_TR", "sw", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "zu_ZA", "id_ID", "vi_VN",
)
_names: dict[str, frozenset[str]] = {}


def given_names() -> frozenset[str]:
    """Real given names (lower case), built once from Faker's lists and cached owner-only."""
    if "given" not in _names:
        _names["given"], _names["family"] = _load_names()
    return _names["given"]


def family_names() -> frozenset[str]:
    given_names()
    return _names["family"]


def _cache_path() -> Any:
    from importlib.metadata import version

    from .paths import home

    return home() / "cache" / f"names-{version('faker')}.txt"


def _load_names() -> tuple[frozenset[str], frozenset[str]]:
    try:
        path = _cache_path()
        given, family = path.read_text(encoding="utf-8").split("\n\n", 1)
        return frozenset(given.split()), frozenset(family.split())
    except Exception:  # noqa: BLE001 - no cache yet, or no usable home: build the set
        pass
    given_set, family_set = _from_faker()
    try:
        from .paths import atomic_write, ensure_private_dir

        path = _cache_path()
        ensure_private_dir(path.parent)
        atomic_write(path, " ".join(sorted(given_set)) + "\n\n" + " ".join(sorted(family_set)))
    except Exception:  # noqa: BLE001 - a read-only home: just build the set next time too
        pass
    return given_set, family_set


def _from_faker() -> tuple[frozenset[str], frozenset[str]]:
    import importlib

    simple = re.compile(r"[A-Z][a-z'’-]+")
    given: set[str] = set()
    family: set[str] = set()
    for locale in _LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError:
            continue
        for attr, bucket in (("first_names", given), ("first_names_male", given),
                             ("first_names_female", given), ("last_names", family)):
            names = getattr(provider, attr, ())
            if isinstance(names, (list, tuple, set, frozenset, dict)):
                bucket.update(n.lower() for n in names
                              if isinstance(n, str) and simple.fullmatch(n))
    given -= _NOT_NAMES - _AMBIGUOUS
    return frozenset(given), frozenset(family)


# --- the detector ------------------------------------------------------------------------


def detect(text: str) -> list[Finding]:
    """Every identifying detail in ``text``, in order, none overlapping."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if start < end and not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            found.append(Finding(kind, start, end))

    for m in _EMAIL.finditer(text):
        add("email", m.start(), m.end())
    for m in _HANDLE.finditer(text):
        group = m.lastindex and m.group(1)
        add("handle", *(m.span(1) if group else m.span()))
    for m in _BIRTH.finditer(text):
        add("birth-date", *m.span(1))
    for m in _ID_NUMBER.finditer(text):
        add("id-number", *m.span(1))
    for m in _ID_SHAPES.finditer(text):
        add("id-number", *m.span())
    for m in _ADDRESS.finditer(text):
        add("address", m.start(), m.end())
    for m in _STREET.finditer(text):
        add("address", *m.span(1))
    for m in _POSTCODE.finditer(text):
        add("postcode", *m.span())
    for m in _ZIP.finditer(text):
        add("postcode", *m.span(1))
    for m in _PHONE.finditer(text):
        chunk = m.group(0).strip()
        if sum(ch.isdigit() for ch in chunk) >= 7 and not _ISO_DATE.fullmatch(chunk):
            add("phone", m.start(), m.start() + len(m.group(0).rstrip()))
    if any(ch.isalpha() for ch in text):
        for start, end in _names_in(text):
            add("name", start, end)
    return sorted(found, key=lambda f: f.start)


def _names_in(text: str) -> list[tuple[int, int]]:
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        end_index = _name_at(text, words, i)
        if end_index is None:
            i += 1
            continue
        start = words[i].start()
        intro = _INTRODUCERS.search(text, 0, start)
        if intro:  # the words that make it a name: "named Tom", "Mrs Okafor"
            start = intro.start()
        elif i and _bare(words[i - 1].group()) in _TITLES:
            start = words[i - 1].start()
        spans.append((start, words[end_index].end()))
        i = end_index + 1
    return spans


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word).lower()


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
    if low in _AMBIGUOUS or start_of_sentence:
        verbs = _STRONG_VERBS if low in _AMBIGUOUS else _PERSON_VERBS
        return i if after in verbs or (possessive and not start_of_sentence) else None
    if prev in _PLACE_BEFORE and after not in _PERSON_VERBS:
        return None  # "at Costa", "in Florence": a place or a shop
    return i


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


def neutral(kind: str) -> str:
    """The words that stand in for a detail in anything kept: never the detail itself."""
    return NEUTRAL.get(kind, "[identifying detail]")


def cue_hits(text: str, cues: list[Any], context: Any) -> list[Any]:
    """The findings as hits of the ``privacy`` cue family (the rules say what to tell).

    ``cues`` are the active privacy rules; a finding whose rule is switched off, or that sits
    on a line marked ``peercheck: ignore``, is left out.
    """
    from .cues import Hit

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
