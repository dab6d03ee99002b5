"""Dates as people type them (dates.py): used by reflect's session date and log --since."""

from __future__ import annotations

from datetime import date

import pytest

from peercheck.dates import parse_date
from peercheck.errors import InputError

SATURDAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("monday", date(2026, 11, 23)),
        ("Last Tuesday", date(2026, 11, 24)),
        ("saturday", SATURDAY),  # today, when today is Saturday
        ("last saturday", date(2026, 11, 21)),  # "last" never means today
        ("on fri", date(2026, 11, 27)),
        ("sun", date(2026, 11, 22)),
        ("yesterday", date(2026, 11, 27)),
        ("2 weeks ago", date(2026, 11, 14)),
    ],
)
def test_words_people_use(words, expected):
    assert parse_date(words, today=SATURDAY) == expected


def test_an_unreadable_date_is_one_clipped_sentence():
    with pytest.raises(InputError) as caught:
        parse_date("next blue moon " * 50, today=SATURDAY)
    assert "is not a date peercheck can read" in caught.value.message
    assert len(caught.value.message) < 250


def test_log_since_understands_weekdays(run):
    result = run("log", "--since", "last monday")
    assert result.exit_code == 0, result.output
