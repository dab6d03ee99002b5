"""`peercheck reflect --template / --answers`, end to end through the installed command."""

from __future__ import annotations

import json
import stat

import pytest
import yaml

from conftest import FILLED_ANSWERS as FILLED
from peercheck.store import open_store


def saved(home):
    """How many reflections the log holds (0 when there is no log yet)."""
    if not (home / "peercheck.db").exists():
        return 0
    store = open_store(home / "peercheck.db", create=False)
    try:
        return store.count()
    finally:
        store.close()


def test_template_is_yaml_with_every_prompt_and_its_allowed_answers_in_comments(run):
    result = run("reflect", "--template")
    assert result.exit_code == 0, result.output
    text = result.stdout
    parsed = yaml.safe_load(text)
    assert set(parsed) == {"context", "answers"}
    assert set(parsed["context"]) == {"date", "kind", "minutes", "tags"}
    assert all(value is None for value in parsed["answers"].values())
    assert "#   1 = none: we explored their options" in text
    assert "# yesno, answer yes, no or unsure" in text
    assert "#   steered-back: I noticed and steered back" in text
    assert "never needs the peer's name" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_an_untouched_template_is_read_as_all_skipped_and_nothing_is_kept(run, tmp_path,
                                                                          peercheck_home):
    path = tmp_path / "answers.yaml"
    path.write_text(run("reflect", "--template").stdout, encoding="utf-8")
    result = run("reflect", "--answers", str(path))
    assert result.exit_code == 0, result.output
    assert "Nothing was answered" in result.stderr
    assert saved(peercheck_home) == 0


def test_a_filled_answers_file_is_summarised_and_saved(run, tmp_path, peercheck_home):
    path = tmp_path / "answers.yaml"
    path.write_text(FILLED, encoding="utf-8")
    result = run("reflect", "--answers", str(path))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("What went well") < out.index("Worth reflecting on")
    assert "In your words: “I stayed with the silence and let them lead.”" in out
    assert "For you" in out and "safety" in out
    assert out.rstrip().endswith("“Leave more room before I speak.”")
    assert "Saved your reflection as " in result.stderr
    assert saved(peercheck_home) == 1
    # owner-only: the folder 0700, the database 0600
    assert stat.S_IMODE(peercheck_home.stat().st_mode) == 0o700
    for path in peercheck_home.glob("peercheck.db*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert max(len(line) for line in out.splitlines()) <= 80


def test_json_follows_the_documented_schema_and_matches_the_log(run, tmp_path, peercheck_home):
    result = run("reflect", "--answers", "-", "--json", input=FILLED)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert set(record) == {"id", "created_at", "peercheck", "context", "focus", "framework",
                           "prompts", "answers", "concepts", "flags", "intention", "cues",
                           "summary"}
    assert len(record["id"]) == 26
    assert record["context"] == {"date": "2026-11-20", "kind": "one-to-one", "minutes": 50,
                                 "tags": ["first-meeting"]}
    assert record["answers"]["strengths-named"] == "yes"  # YAML's bare yes, kept as the word
    assert record["answers"]["advice"] == 1
    assert record["prompts"]["advice"] == {
        "question": "When the peer weighed something up, how much advice did you offer?",
        "kind": "scale"}
    concepts = {c["id"]: c for c in record["concepts"]}
    assert concepts["empathy"] == {
        "id": "empathy", "name": concepts["empathy"]["name"], "score": 1.0, "level": "strong",
        "evidence": [{"prompt": "listening", "answer": 5, "weight": 1.0}]}
    assert concepts["authenticity"]["level"] == "worth a look"
    assert concepts["curiosity"]["score"] is None  # skipped: null, not zero
    assert record["flags"] == ["supervision", "safety"]
    assert record["intention"] == "Leave more room before I speak."
    assert isinstance(record["cues"], list)
    store = open_store(peercheck_home / "peercheck.db", create=False)
    try:
        assert store.get(record["id"])["answers"] == record["answers"]
    finally:
        store.close()


def test_no_save_prints_without_keeping_anything(run, peercheck_home):
    result = run("reflect", "--answers", "-", "--no-save", "--json", input=FILLED)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] is None
    assert saved(peercheck_home) == 0
    assert not list((peercheck_home / "drafts").glob("*.json"))


def test_focus_runs_a_short_reflection_on_one_value(run):
    text = "answers:\n  advice: 2\n  direction: together\n  next-time: Ask, then wait\n"
    result = run("reflect", "--answers", "-", "--focus", "Mutuality", "--no-save", "--json",
                 input=text)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["focus"] == "mutuality"
    assert [c["id"] for c in record["concepts"]][0] in ("self-determination", "mutuality")
    assert "listening" not in record["prompts"]


def test_a_free_text_answer_that_looks_identifying_is_pointed_out(run):
    text = "answers:\n  what-happened: A young man called Tom, tom@example.org\n"
    result = run("reflect", "--answers", "-", "--no-save", input=text)
    assert result.exit_code == 0, result.output
    assert "might identify someone" in result.stderr
    assert "email address" in result.stderr and 'called Tom' in result.stderr


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("answers:\n  advise: 2\n", ["no prompt called 'advise'", "Did you mean advice?"]),
        ("answers:\n  advice: 7\n", ['"7" is not an answer to advice', "1, 2, 3, 4 or 5"]),
        ("answers:\n  advice: lots\n", ['"lots"', "1, 2, 3, 4 or 5"]),
        ("answers:\n  strengths-named: perhaps\n",
         ["strengths-named", "yes, no or unsure"]),
        ("answers:\n  direction: me\n",
         ["direction", "the-peer, together, mostly-me or not-sure"]),
        ("answers:\n  what-happened: [a, b]\n", ["what-happened", "any text"]),
        ("answers: [advice: 2\n", ["not valid YAML", "line"]),
        ("just some words\n", ["should hold context: and answers:"]),
        ("", ["has no answers in it"]),
        ("answers:\n  advice: 2\nextra: 1\n", ["extra:"]),
        ("context:\n  mood: good\n", ["mood", "date, kind, minutes or tags"]),
        ("context:\n  kind: coffee\n", ['"coffee"', "one-to-one, group, phone, online or other"]),
        ("context:\n  minutes: -5\n", ['"-5"', "whole minutes"]),
        ("context:\n  date: someday\n", ['"someday" is not a date']),
    ],
)
def test_every_problem_in_an_answers_file_exits_2_says_why_and_saves_nothing(
    run, peercheck_home, text, words
):
    result = run("reflect", "--answers", "-", input=text)
    assert result.exit_code == 2, result.output
    message = " ".join(result.stderr.split())
    for word in words:
        assert word in message, message
    assert "Traceback" not in result.output
    assert saved(peercheck_home) == 0
    assert not (peercheck_home / "drafts").exists() or not list(
        (peercheck_home / "drafts").glob("*.json")
    )


def test_a_missing_answers_file_is_named(run, tmp_path):
    result = run("reflect", "--answers", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "There is no answers file at" in result.stderr


def test_without_a_terminal_or_answers_it_points_to_answers(run, peercheck_home):
    result = run("reflect", input="")
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "isn't one" in message and "--answers" in message
    assert saved(peercheck_home) == 0


def test_resume_without_a_draft_says_so(run):
    result = run("reflect", "--resume")
    assert result.exit_code == 2
    assert "no unfinished reflection" in result.stderr


def test_when_saving_fails_the_answers_are_kept_as_a_draft_and_resume_saves_them(
    run, peercheck_home
):
    peercheck_home.mkdir(parents=True, exist_ok=True)
    (peercheck_home / "peercheck.db").mkdir()  # a folder where the log should be
    result = run("reflect", "--answers", "-", input=FILLED)
    assert result.exit_code == 2, result.output
    assert "kept as a draft" in " ".join(result.stderr.split())
    drafts = list((peercheck_home / "drafts").glob("*.json"))
    assert len(drafts) == 1
    assert stat.S_IMODE(drafts[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((peercheck_home / "drafts").stat().st_mode) == 0o700
    assert json.loads(drafts[0].read_text())["answers"]["advice"] == 1

    (peercheck_home / "peercheck.db").rmdir()
    result = run("reflect", "--resume", "--json")  # finished draft: no terminal needed
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"]["advice"] == 1
    assert saved(peercheck_home) == 1
    assert not list((peercheck_home / "drafts").glob("*.json"))


def test_choose_one_mode_at_a_time(run):
    result = run("reflect", "--template", "--resume")
    assert result.exit_code == 2
    assert "one of --template, --answers, --resume, --drafts and --discard" in result.stderr
    result = run("reflect", "--drafts", "--discard", "01J")
    assert result.exit_code == 2 and "one of" in result.stderr


def test_framework_frames_the_summary_in_that_frameworks_words(run):
    text = "answers:\n  direction: mostly-me\n"
    result = run("reflect", "--answers", "-", "--no-save", "--framework", "SRN", input=text)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Self-determination: you answered “mostly me: I steered”" in out
    assert "(from The Peer Values Framework, " in out
    assert "(0." not in out  # words, never figures


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--framework", "nope"], ["no framework named", "bccampus"]),
        (["--focus", "mutualty"], ["no value named", "Mutuality"]),
        (["--focus", "belonging"], ["No prompts look at belonging", "mutuality"]),
    ],
)
def test_unknown_focus_or_framework_exits_2_and_saves_nothing(run, peercheck_home, args, words):
    result = run("reflect", "--answers", "-", *args, input=FILLED)
    assert result.exit_code == 2, result.output
    for word in words:
        assert word in result.stderr
    assert saved(peercheck_home) == 0


def test_cues_in_free_text_sit_beside_the_value_they_touch_as_notes(run):
    text = "answers:\n  what-happened: I said you should take it slowly.\n  advice: 2\n"
    result = run("reflect", "--answers", "-", "--no-save", input=text)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    # the admitted advice first, then the worker's own words, each with its value
    block = out[out.index("Worth reflecting on"):]
    assert block.index("Self-determination: you answered “a little") < block.index(
        "Mutuality: you wrote “you should”.")
    assert "9. Do not give advice." in block


# --- hardening: sizes, aliases, dates --------------------------------------------------------


def test_an_endless_file_is_read_only_up_to_a_limit(run):
    result = run("reflect", "--answers", "/dev/zero", timeout=30)
    assert result.exit_code == 2
    assert "larger than 1 MB" in result.stderr and "Traceback" not in result.stderr


def test_a_file_too_big_on_standard_input_is_refused(run):
    result = run("reflect", "--answers", "-", input="# " + "x" * (1024 * 1024 + 10) + "\n")
    assert result.exit_code == 2
    assert "larger than 1 MB" in result.stderr


def test_a_yaml_alias_bomb_is_refused_before_anything_is_built(run):
    lines = ['context:\n  kind: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
             "answers:"]
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"  {name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    lines.append("  advice: [" + ",".join(["*j"] * 9) + "]")
    result = run("reflect", "--answers", "-", input="\n".join(lines) + "\n", timeout=30)
    assert result.exit_code == 2
    assert "aliases" in result.stderr and len(result.stderr) < 400


def test_a_wrong_answer_is_quoted_back_clipped(run):
    long_word = "very" * 500
    result = run("reflect", "--answers", "-", input=f"answers:\n  advice: {long_word}\n")
    assert result.exit_code == 2
    assert "advice" in result.stderr and "1, 2, 3, 4 or 5" in result.stderr
    assert len(result.stderr) < 400
    result = run("reflect", "--answers", "-", input="answers:\n  advice: {a: 1}\n")
    assert result.exit_code == 2 and "advice" in result.stderr


@pytest.mark.parametrize("day", ["2026-13-45", "2026-02-30"])
def test_a_bad_date_names_the_date_and_the_field(run, day):
    result = run("reflect", "--answers", "-", "--no-save",
                 input=f"context:\n  date: {day}\nanswers:\n  advice: 2\n")
    assert result.exit_code == 2
    assert f'"{day}"' in result.stderr and "context: date" in result.stderr
    assert "YAML" not in result.stderr


def test_a_session_date_in_the_future_is_refused(run):
    result = run("reflect", "--answers", "-", "--no-save",
                 input="context:\n  date: 2999-01-01\nanswers:\n  advice: 2\n")
    assert result.exit_code == 2
    assert "2999-01-01 is in the future" in result.stderr


def test_weekday_words_are_understood_as_the_last_such_day(run):
    from datetime import date, timedelta

    result = run("reflect", "--answers", "-", "--no-save", "--json",
                 input="context:\n  date: last tuesday\nanswers:\n  advice: 2\n")
    assert result.exit_code == 0, result.output
    day = date.fromisoformat(json.loads(result.stdout)["context"]["date"])
    assert day.weekday() == 1 and timedelta(days=1) <= date.today() - day <= timedelta(days=7)
