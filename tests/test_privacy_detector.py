"""Identifying details, heard by one detector: on a labelled corpus, through `check` and in
the reflection record (which keeps where and what kind, never the words)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import yaml

from peercheck.privacy import detect

CORPUS = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "privacy-corpus.yaml").read_text(encoding="utf-8")
)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start:f.end]) for f in detect(text)]


def test_ordinary_peer_support_prose_draws_almost_nothing():
    """False finds on clean prose full of weekdays, services, shops and titles stay rare."""
    clean = CORPUS["clean"]
    flagged = {text: kinds(text) for text in clean if detect(text)}
    assert len(clean) >= 50
    assert len(flagged) / len(clean) <= 0.03, flagged


def test_identifying_details_are_heard_with_their_kind():
    found = CORPUS["identifying"]
    missed = [(kind, text) for kind, text in found
              if kind not in [f.kind for f in detect(text)]]
    assert len(found) >= 35
    assert len(missed) / len(found) <= 0.05, missed
    for kind in ("name", "address", "postcode", "birth-date", "id-number", "email", "phone",
                 "handle"):
        assert any(k == kind for k, _ in found), kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her NHS number is 485 777 3456, she said.", [("id-number", "485 777 3456")]),
        ("Call 07700 900982 after six.", [("phone", "07700 900982")]),
        ("a young man named Tom", [("name", "named Tom")]),
        ("Ms Adeyemi came too.", [("name", "Ms Adeyemi")]),
        ("We went for a walk and Rosa laughed for once.", [("name", "Rosa")]),
        ("I saw Leon Fischer at the hub.", [("name", "Leon Fischer")]),
    ],
)
def test_each_detail_is_named_by_its_kind(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I said I would check in on Wednesday.",
        "We talked about May and how spring feels.",
        "Grace came up as a word, and so did Hope.",
        "They got a text from the GP and the NHS app.",
        "We finished The Midnight Library together.",
        "Their Recovery Star review is next month.",
        "Tom",  # one capitalised word, nothing around it: the start of a sentence
        "We met on 2026-11-20 for 50 minutes.",
    ],
)
def test_capitalised_words_that_are_not_people_are_left_alone(text):
    assert detect(text) == []


def test_check_family_privacy_lists_them_and_exits_1(run, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("A good session.\nAfterwards Maya told me her postcode, M14 5RB.\n",
                     encoding="utf-8")
    result = run("check", "--family", "privacy", str(notes), "--json")
    assert result.exit_code == 1, result.output
    hits = json.loads(result.stdout)
    assert [(h["rule"], h["line"], h["text"]) for h in hits] == [
        ("privacy-name", 2, "Maya"), ("privacy-postcode", 2, "M14 5RB")]
    assert all(h["family"] == "privacy" and "?" in h["message"] for h in hits)


def test_plain_check_includes_privacy_and_a_clean_text_passes(run):
    result = run("check", "-", input="You should ring Maya tomorrow.\n")
    assert result.exit_code == 1
    assert "privacy-name" in result.stdout and "you-should" in result.stdout
    result = run("check", "--family", "privacy", "-", input="We sat with the quiet.\n")
    assert result.exit_code == 0, result.output


def test_an_organisation_can_switch_the_family_off(run, tmp_path):
    org = tmp_path / "org"
    org.mkdir()
    (org / "cues.yaml").write_text("switch-off: [privacy]\n", encoding="utf-8")
    result = run("--data-dir", str(org), "check", "-", input="Maya told me.\n")
    assert result.exit_code == 0, result.output


def test_the_record_keeps_where_and_what_kind_never_the_words(run, peercheck_home):
    text = ("answers:\n  what-happened: We talked. Afterwards Siobhan told me her NHS number "
            "is 943 476 5919.\n")
    result = run("reflect", "--answers", "-", "--json", input=text)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    privacy = [c for c in record["cues"] if c["family"] == "privacy"]
    assert [(c["rule"], c["prompt"], c["text"]) for c in privacy] == [
        ("privacy-name", "what-happened", "[name]"),
        ("privacy-id-number", "what-happened", "[ID number]"),
    ]
    assert all(isinstance(c["offset"], int) and c["line"] == 1 for c in privacy)
    cues_json = json.dumps(record["cues"])
    assert "Siobhan" not in cues_json and "5919" not in cues_json
    assert "might identify someone" in result.stderr


def test_the_name_list_is_cached_owner_only_and_not_loaded_for_show(run, peercheck_home):
    result = run("show", "mutuality")
    assert result.exit_code == 0
    cache = peercheck_home / "cache"
    assert not (cache / "names.txt").exists()
    result = run("check", "-", input="We met and Maya told me.\n")
    assert result.exit_code == 1
    names = cache / "names.txt"
    assert stat.S_IMODE(names.stat().st_mode) == 0o600
    assert os.path.getsize(names) > 10_000
    result = run("check", "-", input="We met and Maya told me.\n")  # from the cache
    assert "privacy-name" in result.stdout
