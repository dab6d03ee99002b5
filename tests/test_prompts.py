"""The reflection's prompts as data: coverage, worded anchors, weights, validation, listing."""

from __future__ import annotations

import json
import textwrap

import pytest

from peercheck import data
from peercheck.errors import DataError, InputError
from peercheck.prompts import load_prompts, parse_document

ISSUE_CONCEPTS = {
    "mutuality", "self-determination", "strengths", "hope", "empathy", "respect", "curiosity",
    "authenticity", "stay-in-lane", "responsibility",
}


def test_a_full_reflection_has_12_to_16_prompts_on_a_reflective_arc():
    prompts = load_prompts()
    assert 12 <= len(prompts) <= 16
    stages = [p.stage for p in prompts]
    assert {"what", "so-what", "now-what"} <= set(stages)
    # what went well comes early, the next-time intention closes the reflection
    assert prompts[-1].intention and prompts[-1].kind == "text"
    assert any(p.id == "went-well" for p in prompts[:3])


def test_every_concept_the_issue_names_is_scored_by_some_prompt():
    scored = {c for p in load_prompts() if p.scored for c in p.concepts}
    assert ISSUE_CONCEPTS <= scored


def test_scales_have_a_worded_anchor_for_every_point_and_a_weight_for_every_answer():
    for prompt in load_prompts():
        if prompt.kind == "scale":
            assert sorted(prompt.anchors) == [1, 2, 3, 4, 5]
            assert all(len(words.split()) >= 1 for words in prompt.anchors.values())
        if prompt.scored:
            assert set(prompt.weights) == set(prompt.answers)
            assert all(w is None or 0 <= w <= 1 for w in prompt.weights.values())


def test_reverse_worded_prompts_weigh_the_other_way():
    prompts = {p.id: p for p in load_prompts()}
    advice = prompts["advice"]  # "how much did you offer your own advice?"
    assert advice.weight(1) == 1.0 and advice.weight(5) == 0.0
    listening = prompts["listening"]
    assert listening.weight(1) == 0.0 and listening.weight(5) == 1.0
    assert prompts["curious-for-whom"].weight("yes") < prompts["curious-for-whom"].weight("no")


def test_a_safety_concern_is_something_to_bring_to_supervision():
    prompts = {p.id: p for p in load_prompts()}
    assert set(prompts["supervision"].flags_for("safety")) == {"safety", "supervision"}


def test_answers_are_read_forgivingly_and_refused_kindly():
    prompts = {p.id: p for p in load_prompts()}
    assert prompts["advice"].parse("4") == 4
    assert prompts["strengths-named"].parse(True) == "yes"  # YAML's bare yes
    assert prompts["strengths-named"].parse("U") == "unsure"
    assert prompts["direction"].parse("1") == "the-peer"
    assert prompts["advice"].parse(4.0) == 4
    assert prompts["direction"].parse("toge") == "together"
    assert prompts["what-happened"].parse("   ") is None
    with pytest.raises(InputError) as caught:
        prompts["advice"].parse(7)
    assert "advice" in caught.value.message and "1, 2, 3, 4 or 5" in caught.value.message


def test_prompts_command_lists_questions_weights_and_concepts(cli):
    result = cli("prompts")
    assert result.exit_code == 0, result.output
    assert "1/15 what-happened" in result.stdout
    assert "none: we explored their options  → 1" in result.stdout
    assert "some suggestions  → 0.25, drift" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_prompts_json_is_a_list_with_what_trainers_need(cli):
    result = cli("prompts", "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == len(load_prompts())
    for item in items:
        assert {"id", "question", "kind", "answers", "weights", "concepts", "principles"} <= set(
            item
        )
    advice = next(i for i in items if i["id"] == "advice")
    assert advice["answers"] == [1, 2, 3, 4, 5]
    assert advice["weights"]["5"] == 0.0
    assert advice["anchors"]["1"].startswith("none")


def test_prompts_focus_keeps_the_concept_and_the_closing_prompts(cli):
    items = json.loads(cli("prompts", "--focus", "stay-in-lane", "--json").stdout)
    ids = [i["id"] for i in items]
    assert "peer-lane" in ids and "signposting" in ids
    assert "supervision" in ids and ids[-1] == "next-time"
    assert "advice" not in ids


def _doc(tmp_path, text):
    path = tmp_path / "principles.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    data.clear_cache()
    return data.load(path)


@pytest.mark.parametrize(
    ("body", "words", "line"),
    [
        ("- id: a\n    question: Q?\n    kind: slider\n", "kind 'slider'", 5),
        (
            "- id: a\n    question: Q?\n    kind: yesno\n    concepts: [hope]\n"
            "    weights: {'yes': 1, 'no': 0}\n",
            "no weight for unsure",
            7,
        ),
        (
            "- id: a\n    question: Q?\n    kind: yesno\n    concepts: [hope]\n"
            "    weights: {'yes': 2, 'no': 0, unsure: 0.5}\n",
            "from 0 to 1",
            7,
        ),
        (
            "- id: a\n    question: Q?\n    kind: scale\n    anchors: {1: a, 2: b}\n",
            "anchor for each of 1 to 5",
            6,
        ),
        ("- id: a\n    question: Q?\n    kind: text\n  - id: a\n    question: R?\n"
         "    kind: text\n", "used twice", 6),
        ("- id: a\n    question: Q?\n    kind: text\n    colour: red\n", "unknown field", 6),
    ],
)
def test_broken_prompts_name_the_file_and_line(tmp_path, body, words, line):
    doc = _doc(tmp_path, "principles: []\nprompts:\n  " + body)
    with pytest.raises(DataError) as caught:
        parse_document(doc)
    message = caught.value.message
    assert str(doc.path) in message and words in message
    assert f"line {line}" in message


def test_a_prompt_naming_a_principle_that_does_not_exist_is_refused(tmp_path):
    doc = _doc(tmp_path, "prompts:\n  - id: a\n    question: Q?\n    kind: text\n"
                         "    principles: [99]\n")
    with pytest.raises(DataError) as caught:
        parse_document(doc)
    assert "principle 99" in caught.value.message and "line 5" in caught.value.message


def test_a_prompt_naming_an_unknown_concept_gets_the_closest_name(tmp_path):
    doc = _doc(tmp_path, "prompts:\n  - id: a\n    question: Q?\n    kind: text\n"
                         "    concepts: [mutualty]\n")
    with pytest.raises(DataError) as caught:
        parse_document(doc)
    assert "did you mean mutuality?" in caught.value.message


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Yeah", "yes"), ("y", "yes"), ("nope", "no"), ("maybe", "unsure"), ("don’t know", "unsure"),
     ("Not  sure", "unsure"), ("unsure", "unsure")],
)
def test_yes_no_questions_take_the_words_people_type(typed, stored):
    from peercheck.prompts import load_prompts

    prompt = next(p for p in load_prompts() if p.kind == "yesno")
    assert prompt.parse(typed) == stored


def test_a_yes_no_answer_outside_the_choices_is_still_refused():
    from peercheck.errors import InputError
    from peercheck.prompts import load_prompts

    prompt = next(p for p in load_prompts() if p.kind == "yesno")
    with pytest.raises(InputError):
        prompt.parse("purple")


def test_a_question_mark_is_not_an_answer_but_a_request_for_why():
    """At a question, "?" asks why it is asked (the session shows ``why``); never "unsure"."""
    prompt = next(p for p in load_prompts() if p.kind == "yesno")
    with pytest.raises(InputError):
        prompt.parse("?")
    assert all(p.why for p in load_prompts())


@pytest.mark.parametrize(
    ("pid", "typed", "stored"),
    [
        ("direction", "the peer", "the-peer"),
        ("direction", "The peer led.", "the-peer"),
        ("direction", "together", "together"),
        ("direction", "we shaped it together", "together"),
        ("direction", "not sure", "not-sure"),
        ("direction", "mostly me", "mostly-me"),
        ("advice", "none", 1),
        ("advice", "a little", 2),
        ("advice", "Quite a lot", 4),
        ("self-care", "drained", 1),
        ("self-care", "tired", 2),
        ("peer-lane", "steered back", "steered-back"),
        ("holding-hope", "sat with", "sat-with"),
    ],
)
def test_answers_take_the_words_of_their_labels(pid, typed, stored):
    prompt = next(p for p in load_prompts() if p.id == pid)
    assert prompt.parse(typed) == stored


def test_a_word_that_fits_two_answers_gets_one_sentence_of_what_it_could_mean():
    prompt = next(p for p in load_prompts() if p.id == "sharing")
    with pytest.raises(InputError) as caught:
        prompt.parse("yes")  # "yes, and the focus stayed…" or "yes, and the focus drifted…"
    message = caught.value.message
    assert "could mean kept-focus (yes, and the focus stayed on them)" in message
    assert "drifted (yes, and the focus drifted to me)" in message
    assert message.count(".") <= 1 and message.endswith(".")


def test_words_that_fit_no_answer_are_refused_with_the_answers():
    prompt = next(p for p in load_prompts() if p.id == "advice")
    with pytest.raises(InputError) as caught:
        prompt.parse("loads")
    assert "1, 2, 3, 4 or 5" in caught.value.message


def test_a_typed_word_answer_is_stored_by_the_installed_command(run, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  direction: the peer\n  advice: none\n", encoding="utf-8")
    result = run("reflect", "--answers", str(path), "--no-save", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"] == {"direction": "the-peer", "advice": 1}


def test_every_prompt_says_why_citing_a_value_or_principle(cli):
    items = json.loads(cli("prompts", "--json").stdout)
    for item in items:
        assert item["why"], item["id"]
        if item["weights"]:  # a scored prompt names where its weights come from
            assert "principle" in item["why"].lower() or any(
                source in item["why"] for source in ("BCcampus", "Peer Values Framework",
                                                     "Peer Support Values")), item["id"]
    text = cli("prompts").stdout
    assert 'Why: Principle 9, "Do not give advice"' in " ".join(text.split())
    assert max(len(line) for line in text.splitlines()) <= 80


def test_prompts_say_which_values_no_question_covers(cli):
    text = " ".join(cli("prompts").stdout.split())
    assert ("No question in this reflection informs Belonging and inclusion, Diversity or "
            "Advocacy and change.") in text


def test_the_wellbeing_prompt_is_never_scored():
    (wellbeing,) = [p for p in load_prompts() if p.wellbeing]
    assert not wellbeing.scored and not wellbeing.concepts
    assert all(wellbeing.weight(n) is None for n in wellbeing.answers)


def test_the_full_reflection_fits_five_minutes_at_a_human_pace():
    """bench/reflect.py's pace model, from the prompts themselves."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "reflect.py"
    spec = importlib.util.spec_from_file_location("bench_reflect", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    total, rows = bench.estimate()
    assert 180 <= total <= 300, rows
