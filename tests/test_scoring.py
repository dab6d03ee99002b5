"""Mapping answers onto values: means of weights, reverse weights, skips, nulls and levels."""

from __future__ import annotations

import pytest

from peercheck import cues
from peercheck.prompts import Prompt, flags, level, load_prompts, score
from peercheck.reflection import build_record, identifying

FORWARD = Prompt(
    id="together", question="How much did you both give?", kind="scale",
    concepts=("mutuality",), anchors={n: str(n) for n in range(1, 6)},
    weights={1: 0.0, 2: 0.25, 3: 0.5, 4: 0.75, 5: 1.0},
)
REVERSE = Prompt(
    id="advice", question="How much advice did you give?", kind="scale",
    concepts=("mutuality", "self-determination"), anchors={n: str(n) for n in range(1, 6)},
    weights={1: 1.0, 2: 0.75, 3: 0.5, 4: 0.25, 5: 0.0},
)
SHARING = Prompt(
    id="sharing", question="Did you share?", kind="choice", concepts=("authenticity",),
    choices={"kept-focus": "yes", "not-needed": "no"},
    weights={"kept-focus": 1.0, "not-needed": None},
)
SAFETY = Prompt(
    id="supervision", question="Anything for supervision?", kind="choice",
    choices={"nothing": "no", "safety": "a safety concern"},
    flags={"safety": ("safety", "supervision")},
)
NOTE = Prompt(id="note", question="What happened?", kind="text", concepts=("empathy",))
PROMPTS = [FORWARD, REVERSE, SHARING, SAFETY, NOTE]


def by_id(concepts):
    return {c["id"]: c for c in concepts}


def test_a_concept_scores_the_mean_of_its_answers_weights():
    result = by_id(score(PROMPTS, {"together": 5, "advice": 2}))
    # the mean, to two decimals (0.875 shows as 0.88)
    assert result["mutuality"]["score"] == 0.88
    assert result["mutuality"]["evidence"] == [
        {"prompt": "together", "answer": 5, "weight": 1.0},
        {"prompt": "advice", "answer": 2, "weight": 0.75},
    ]


def test_a_reverse_worded_prompt_weighs_the_other_way():
    low = by_id(score(PROMPTS, {"advice": 5}))
    high = by_id(score(PROMPTS, {"advice": 1}))
    assert low["self-determination"]["score"] == 0.0
    assert low["self-determination"]["level"] == "worth a look"
    assert high["self-determination"]["score"] == 1.0
    assert high["self-determination"]["level"] == "strong"


def test_skipped_prompts_leave_no_evidence_and_untouched_concepts_score_null():
    result = by_id(score(PROMPTS, {"together": 3}))
    assert result["mutuality"]["score"] == 0.5
    assert result["self-determination"] == {
        "id": "self-determination", "name": "Self determination", "score": None,
        "level": None, "evidence": [],
    }


def test_an_answer_weighed_null_says_nothing_either_way():
    result = by_id(score(PROMPTS, {"sharing": "not-needed"}))
    assert result["authenticity"]["score"] is None
    assert result["authenticity"]["evidence"] == []


def test_free_text_is_never_scored():
    result = by_id(score(PROMPTS, {"note": "We talked about work"}))
    assert result["empathy"]["score"] is None


def test_concepts_come_in_the_order_the_prompts_name_them_with_display_names():
    result = score(PROMPTS, {}, {"mutuality": "Mutuality"})
    assert [c["id"] for c in result] == [
        "mutuality", "self-determination", "authenticity", "empathy"
    ]
    assert result[0]["name"] == "Mutuality"


@pytest.mark.parametrize(
    ("value", "word"),
    [(1.0, "strong"), (0.75, "strong"), (0.74, "growing"), (0.4, "growing"),
     (0.39, "worth a look"), (0.0, "worth a look"), (None, None)],
)
def test_levels(value, word):
    assert level(value) == word


def test_a_safety_concern_asks_for_supervision():
    assert flags(PROMPTS, {"supervision": "safety"}) == ["safety", "supervision"]
    assert flags(PROMPTS, {"supervision": "nothing"}) == []


def test_the_record_keeps_questions_answers_and_the_intention(monkeypatch):
    prompts = load_prompts()
    answers = {"advice": 1, "went-well": "I stayed with the silence", "next-time": "Ask less"}
    record = build_record(prompts, {"date": "2026-11-20", "tags": ["drop-in"]}, answers)
    assert record["id"] is None
    assert record["context"] == {
        "date": "2026-11-20", "kind": None, "minutes": None, "tags": ["drop-in"]
    }
    assert record["answers"] == {"went-well": "I stayed with the silence", "advice": 1,
                                 "next-time": "Ask less"}
    assert set(record["prompts"]) == set(answers)  # only what was answered
    assert record["prompts"]["advice"]["kind"] == "scale"
    assert record["intention"] == "Ask less"
    assert record["flags"] == [] and record["cues"] == []
    assert {"id", "created_at", "peercheck", "focus", "framework", "concepts"} <= set(record)


def test_free_text_answers_go_through_the_cue_scanner(monkeypatch):
    seen = []

    def fake_scan(text):
        seen.append(text)
        return [cues.Hit(line=1, column=1, offset=0, length=6, text="should", rule="advice",
                         family="advice", concepts=["mutuality"])]

    monkeypatch.setattr(cues, "scan", fake_scan)
    record = build_record(load_prompts(), {}, {"what-happened": "I said you should", "advice": 3})
    assert seen == ["I said you should"]  # scored answers are not scanned
    assert record["cues"][0]["prompt"] == "what-happened"
    assert record["cues"][0]["concepts"] == ["mutuality"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Reach me at sam.b@example.org", "an email address"),
        ("they gave me 07700 900123 to call", "a phone number"),
        ("a young man named Tom", 'a name ("named Tom")'),
        ("She is called Priya", 'a name ("called Priya")'),
    ],
)
def test_identifying_looking_text_is_pointed_out(text, found):
    assert found in identifying(text)


@pytest.mark.parametrize(
    "text",
    ["We met on 2026-11-20 for 50 minutes", "they called me back", "a thing called hope",
     "I felt named and seen"],
)
def test_ordinary_text_is_left_alone(text):
    assert identifying(text) == []


# -- the scoring follows the values (the real prompts) -----------------------------------------


def real(answers):
    prompts = load_prompts()
    return by_id(score(prompts, {k: prompts[[p.id for p in prompts].index(k)].parse(v)
                                 for k, v in answers.items()}))


def test_sitting_with_hopelessness_is_hope_held_not_hope_missing():
    """BCcampus: hope "is messy"; what the worker did is weighed, not how the session felt."""
    sat_with = real({"holding-hope": "sat-with"})["hope"]
    honest = real({"holding-hope": "honestly"})["hope"]
    assert sat_with["score"] == honest["score"] == 1.0 and sat_with["level"] == "strong"
    assert real({"holding-hope": "bright-side"})["hope"]["level"] != "strong"


def test_shaping_it_together_weighs_the_same_as_the_peer_leading():
    together, led = real({"direction": "together"}), real({"direction": "the-peer"})
    for concept in ("mutuality", "self-determination"):
        assert together[concept]["score"] == led[concept]["score"] == 1.0


def test_steering_back_from_clinical_ground_weighs_the_same_as_never_drifting():
    assert real({"peer-lane": "steered-back"})["stay-in-lane"]["score"] == real(
        {"peer-lane": "no"})["stay-in-lane"]["score"] == 1.0


def test_noticing_your_own_view_and_setting_it_aside_is_meeting_them_where_they_are():
    aside, open_ = real({"where-they-are": "set-aside"}), real({"where-they-are": "stayed-open"})
    assert aside["non-judgment"]["score"] == open_["non-judgment"]["score"] == 1.0


def test_bringing_something_to_supervision_counts_for_responsibility():
    for answer in ("safety", "beyond", "other"):
        assert real({"supervision": answer})["responsibility"]["level"] == "strong"
    assert real({"supervision": "nothing"})["responsibility"]["score"] is None  # not a mark


@pytest.mark.parametrize("tired", [1, 2, 3, 4, 5])
def test_the_workers_own_wellbeing_counts_against_no_value(tired):
    result = real({"self-care": tired})
    assert all(c["score"] is None for c in result.values())


@pytest.mark.parametrize("amount", [2, 3, 4, 5])
def test_any_advice_is_a_drift_and_never_strong(amount):
    """Principle 9 "Do not give advice"; BCcampus "always avoid advice-giving"."""
    result = real({"advice": amount, "direction": "the-peer"})
    for concept in ("self-determination", "mutuality"):
        assert result[concept]["level"] != "strong"
        assert any(e.get("drift") for e in result[concept]["evidence"])
    assert real({"advice": 1})["mutuality"]["level"] == "strong"


def test_not_sure_says_nothing_either_way():
    assert real({"direction": "not-sure"})["mutuality"]["score"] is None
    assert real({"strengths-named": "unsure"})["strengths"]["score"] is None


def test_one_drift_among_good_answers_keeps_the_value_below_strong():
    result = real({"direction": "the-peer", "advice": 2})
    assert result["self-determination"]["score"] == 0.75  # the mean alone would say strong
    assert result["self-determination"]["level"] == "growing"
