"""Details that hold a number or a mark: addresses, postcodes, dates of birth, ID numbers,
phone numbers, email addresses and social handles, each found by its own pattern."""

from __future__ import annotations

import re

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

_HANDLE_HINTS = ("@", ".com/", "insta", "tiktok", "snapchat", "snap ", "twitter", "discord",
                 "telegram", "reddit")
_DIGITS = re.compile(r"\d+")
_NUMBERED = (  # (kind, regex, group holding the detail), tried in this order
    ("birth-date", _BIRTH, 1), ("id-number", _ID_NUMBER, 1), ("id-number", _ID_SHAPES, 0),
    ("address", _ADDRESS, 0), ("postcode", _POSTCODE, 0), ("postcode", _ZIP, 1),
    ("phone", _PHONE, 0),
)


def _around_digits(text: str) -> list[tuple[int, int]]:
    """Windows of the text around its numbers, merged: the only places numbered details are.

    Prose holds few numbers, so the number patterns run over a small part of a long text.
    """
    windows: list[tuple[int, int]] = []
    size = len(text)
    for m in _DIGITS.finditer(text):
        lo, hi = max(0, m.start() - 60), min(size, m.end() + 60)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows



def details(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every numbered or contact detail, in the order they are tried.

    The number patterns run only in windows around the text's numbers (see _around_digits).
    """
    found: list[tuple[str, int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        found.append((kind, start, end))

    lowered = text.lower()
    if "@" in text:
        for m in _EMAIL.finditer(text):
            add("email", m.start(), m.end())
    if any(word in lowered for word in _HANDLE_HINTS):
        for m in _HANDLE.finditer(text):
            group = m.lastindex and m.group(1)
            add("handle", *(m.span(1) if group else m.span()))
    for lo, hi in _around_digits(text):  # every other kind holds a number
        for kind, regex, group in _NUMBERED:
            for m in regex.finditer(text, lo, hi):
                if kind == "phone":
                    chunk = m.group(0).strip()
                    if sum(ch.isdigit() for ch in chunk) < 7 or _ISO_DATE.fullmatch(chunk):
                        continue
                add(kind, *m.span(group if m.lastindex else 0))
    for m in _STREET.finditer(text):
        add("address", *m.span(1))
    return found
