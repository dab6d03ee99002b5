"""The summary a worker reads: strengths first, words not figures, one screen, kind.

Driven through the installed command (``reflect --answers FILE`` at COLUMNS=80), as a worker
would meet it.
"""

from __future__ import annotations

import json
import re

import pytest

from test_log_records import make_record, seed

# A hard session done well: a peer in despair, the worker sat with it honestly, steered back
# from a medication question, and asked for support afterwards.
FAITHFUL = """\
context: {date: 2026-11-20, kind: one-to-one, minutes: 50}
answers:
  what-happened: The peer felt hopeless since losing their job, and asked me about their medication.
  went-well: I stayed with them when it was hard, and didn't rush to fix it.
  direction: together
  advice: 1
  listening: 5
  strengths-named: yes
  holding-hope: sat-with
  where-they-are: set-aside
  curious-for-whom: no
  sharing: not-needed
  peer-lane: steered-back
  signposting: did
  supervision: other
  self-care: 2
  next-time: Check in with my own supervisor this week.
"""

DRIFTING = """\
context: {date: 2026-11-21, kind: group, minutes: 40, tags: [evening]}
answers:
  what-happened: We talked about their housing and I told them they should call the council.
  went-well: They laughed a couple of times.
  direction: mostly-me
  advice: 3
  listening: 2
  strengths-named: no
  holding-hope: bright-side
  where-they-are: got-in-way
  curious-for-whom: yes
  sharing: drifted
  peer-lane: yes
  signposting: not-yet
  supervision: safety
  self-care: 1
  next-time: Ask more and tell less.
"""

LONG = "I said you should try it, you need to, honestly you must, at least you have a job. " * 25
HEAVIEST = DRIFTING.replace(
    "tags: [evening]", "tags: [" + ", ".join(f"tag-number-{n}" for n in range(30)) + "]"
).replace("They laughed a couple of times.", LONG).replace(
    "We talked about their housing and I told them they should call the council.", LONG
).replace("Ask more and tell less.", LONG).replace("advice: 3", "advice: 5")

DECIMAL = re.compile(r"\d\.\d")


def summary(run, tmp_path, answers: str, *more: str):
    path = tmp_path / "answers.yaml"
    path.write_text(answers, encoding="utf-8")
    result = run("reflect", "--answers", str(path), *more)
    assert result.exit_code == 0, result.output
    return result


def reflect_json(run, tmp_path, answers: str) -> dict:
    return json.loads(summary(run, tmp_path, answers, "--no-save", "--json").stdout)


def test_a_hard_session_done_well_reads_like_a_good_supervisor(run, tmp_path):
    out = summary(run, tmp_path, FAITHFUL, "--no-save").stdout
    flat = " ".join(out.split())
    assert "worth a look" not in flat.lower()
    assert "Worth reflecting on" not in out  # nothing admitted, nothing averaged up
    assert "Principles closest to this" not in out
    assert not DECIMAL.search(out)  # words, never figures
    strong = flat[flat.index("Strong today:"):]
    for value in ("Hope", "Mutuality", "Self-determination", "Responsibility",
                  "Staying in the peer lane", "Non-judgment"):
        assert value in strong.split(".")[0]
    # tired and asking for support: a warm word and a pointer, never a mark
    assert "Lean on your own support and supervision." in flat
    assert "Seek supervision" not in flat
    assert out.index("What went well") < out.index("For you") < out.index("Next time")


def test_after_a_drifting_session_one_to_three_things_each_with_a_principle(run, tmp_path):
    out = summary(run, tmp_path, DRIFTING, "--no-save").stdout
    flat = " ".join(out.split())
    block = out[out.index("Worth reflecting on"):out.index("Principles closest to this")]
    items = [line for line in block.splitlines() if line.startswith("  • ")]
    assert 1 <= len(items) <= 3
    principles = out[out.index("Principles closest to this"):out.index("For you")]
    numbered = [line for line in principles.splitlines() if re.match(r"  \d+\. ", line)]
    assert 1 <= len(numbered) <= 3
    assert "worth a look" not in flat.lower() and not DECIMAL.search(out)
    assert out.index("What went well") < out.index("Worth reflecting on")


@pytest.mark.parametrize("answers", [FAITHFUL, DRIFTING, HEAVIEST])
def test_the_summary_fits_one_screen_at_80_columns_whatever_the_answers(run, tmp_path,
                                                                         answers):
    out = summary(run, tmp_path, answers, "--no-save").stdout
    lines = out.splitlines()
    assert len(lines) <= 40, out
    assert max(len(line) for line in lines) <= 80


def test_json_carries_what_the_text_shows_in_the_same_order(run, tmp_path):
    shown = reflect_json(run, tmp_path, DRIFTING)["summary"]
    assert list(shown) == ["title", "went_well", "strong", "growing", "reflect_on",
                           "principles", "supervision", "wellbeing", "privacy", "not_covered",
                           "next_time"]
    text = " ".join(summary(run, tmp_path, DRIFTING, "--no-save").stdout.split())
    places = [text.index(f"• {item['name']}: ") for item in shown["reflect_on"]]
    assert places == sorted(places) and 1 <= len(places) <= 3
    for item in shown["reflect_on"]:
        assert {"id", "name", "because", "meaning", "source", "question", "principle"} <= set(item)
        assert item["question"] in text
    numbers = [p["number"] for p in shown["principles"]]
    assert numbers == [i["principle"] for i in shown["reflect_on"] if i["principle"]][:3]
    places = [text.index(f"{n}. {p['text'][:30]}") for n, p in zip(numbers, shown["principles"],
                                                                      strict=True)]
    assert places == sorted(places)


def test_an_admitted_drift_is_never_averaged_away(run, tmp_path):
    """Everything done well except "some suggestions of what I might do"."""
    answers = FAITHFUL.replace("advice: 1", "advice: 3").replace("self-care: 2", "self-care: 4")
    record = reflect_json(run, tmp_path, answers)
    levels = {c["id"]: c["level"] for c in record["concepts"]}
    assert levels["self-determination"] != "strong" and levels["mutuality"] != "strong"
    (first, *_) = record["summary"]["reflect_on"]
    assert first["prompt"] == "advice" and first["drift"] is True
    assert first["principle"] == 9
    assert record["summary"]["principles"][0]["text"].startswith("Do not give advice.")


@pytest.mark.parametrize(
    ("prompt", "answer", "principle"),
    [("direction", "mostly-me", 8), ("sharing", "drifted", 7), ("peer-lane", "yes", 16),
     ("advice", 2, 9), ("curious-for-whom", "yes", 7)],
)
def test_each_kind_of_drift_shows_with_the_principle_it_touches(run, tmp_path, prompt, answer,
                                                                principle):
    good = FAITHFUL.replace("self-care: 2", "self-care: 4")
    answers = re.sub(rf"(?m)^  {prompt}: .*$", f"  {prompt}: {answer}", good)
    shown = reflect_json(run, tmp_path, answers)["summary"]
    chosen = [(i["prompt"], i["principle"]) for i in shown["reflect_on"]]
    assert (prompt, principle) in chosen
    assert principle in [p["number"] for p in shown["principles"]]


def test_the_summary_says_which_values_the_reflection_does_not_cover(run, tmp_path):
    flat = " ".join(summary(run, tmp_path, FAITHFUL, "--no-save").stdout.split())
    line = flat[flat.index("Not covered this time:"):]
    for value in ("Belonging and inclusion", "Diversity", "Advocacy and change"):
        assert value in line.split(".")[0]


def test_log_show_prints_the_same_summary_as_reflect(run, tmp_path):
    said = summary(run, tmp_path, DRIFTING)
    rid = re.search(r"Saved your reflection as (\w+)", said.stderr).group(1)
    shown = run("log", "show", rid)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == said.stdout


def test_an_old_record_with_questions_no_longer_asked_still_reads(cli):
    record = make_record(1, scores={"hope": 0.2, "mutuality": 0.9}, words="we had tea",
                         intention="slow down")
    record["answers"]["give-and-receive"] = 1  # a question since retired
    record["concepts"][0]["evidence"].append(
        {"prompt": "give-and-receive", "answer": 1, "weight": 0.0})
    seed([record])
    shown = cli("log", "show", record["id"])
    assert shown.exit_code == 0, shown.output
    flat = " ".join(shown.stdout.split())
    assert "Strong today: Mutuality." in flat
    assert "• Hope:" in flat and "“slow down”" in flat
    assert not DECIMAL.search(shown.stdout)


def test_identifying_details_get_one_quiet_line_never_a_value_or_the_words(run, tmp_path):
    """A name or an address is not a value to reflect on: one kind line under "For you",
    naming the kind of detail and where, never the words themselves."""
    named = DRIFTING.replace(
        "We talked about their housing", "Priya told me about her week at 14 Elm Road; we talked"
        " about their housing", 1)
    assert named != DRIFTING
    out = summary(run, tmp_path, named, "--no-save").stdout
    flat = " ".join(out.split())
    assert "what looks like a name and an address" in flat
    assert "“what happened”" in flat
    assert "Priya" not in out and "Elm Road" not in out and "[name]" not in out
    support = out[out.index("For you"):]
    assert "keeps the peer's confidence safe" in " ".join(support.split())
    block = out[out.index("Worth reflecting on"):out.index("For you")]
    assert "looks like" not in block  # it took none of the three places
    assert len(out.splitlines()) <= 40
    shown = reflect_json(run, tmp_path, named)["summary"]
    assert "a name and an address" in shown["privacy"]
    assert "Priya" not in json.dumps(shown)


def test_going_beyond_the_peer_lane_leads_and_own_words_share_the_three(run, tmp_path):
    """The drift the answers bring to supervision comes first; the worker's own words (a cue)
    take a place beside the answers, rather than queueing behind every admitted drift."""
    shown = reflect_json(run, tmp_path, DRIFTING)["summary"]["reflect_on"]
    assert shown[0]["id"] == "stay-in-lane" and shown[0]["prompt"] == "peer-lane"
    assert any(item["from"] == "your words" for item in shown)
    assert any(item["from"] == "your answer" and item["drift"] for item in shown[1:])


def test_a_long_principle_keeps_its_first_sentence(run, tmp_path):
    out = summary(run, tmp_path, DRIFTING.replace("advice: 3", "advice: 5"), "--no-save").stdout
    principles = " ".join(out[out.index("Principles closest to this"):].split())
    assert "9. Do not give advice. …" in principles or "9." not in principles
    assert "Discuss referral options" not in principles


def test_the_log_list_names_what_log_show_puts_first(run, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    summary(run, tmp_path, DRIFTING)
    record = json.loads(run("log", "--json").stdout)[0]
    first = json.loads(run("log", "show", record["id"], "--json").stdout)["summary"]
    row = run("log").stdout.splitlines()[-1]
    assert row.rstrip().endswith(first["reflect_on"][0]["name"])
