"""The interactive reflection, driven through a real pseudo-terminal as a person would."""

from __future__ import annotations

import json
import stat

import pexpect
import pytest

from conftest import answer
from conftest import spawn_reflect as spawn
from peercheck.store import open_store


def drafts(home):
    return sorted((home / "drafts").glob("*.json"))


def saved_records(home):
    if not (home / "peercheck.db").exists():
        return []
    store = open_store(home / "peercheck.db", create=False)
    try:
        return list(store.query())
    finally:
        store.close()


def test_answer_go_back_ctrl_c_then_resume_and_finish(peercheck_home):
    child = spawn(peercheck_home)
    child.expect("never needs the peer's name")
    answer(child, "When was it", "yesterday")
    answer(child, "What kind", "group")
    answer(child, "minutes", "")  # Enter skips
    answer(child, "tags", "evening, drop-in")
    answer(child, "1/15", "We talked about sleep and routines.")
    answer(child, "2/15", "I let the quiet moments be.")
    answer(child, "3/15", "9")  # not an answer: a friendly retry
    child.expect("Have another go")
    child.expect("> ")
    child.sendline("mostly-me")
    answer(child, "4/15", "b")  # back to 3/15, which shows the earlier answer
    child.expect("3/15")
    child.expect("You answered: mostly me")
    child.expect("> ")
    child.sendline("together")
    answer(child, "4/15", "2")
    child.expect("5/15")
    child.expect("> ")
    child.sendintr()  # Ctrl-C
    child.expect("Your answers are kept")
    child.expect("--resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    kept = drafts(peercheck_home)
    assert len(kept) == 1
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((peercheck_home / "drafts").stat().st_mode) == 0o700
    assert stat.S_IMODE(peercheck_home.stat().st_mode) == 0o700
    draft = json.loads(kept[0].read_text())
    assert draft["answers"] == {"what-happened": "We talked about sleep and routines.",
                                "went-well": "I let the quiet moments be.",
                                "direction": "together", "advice": 2}
    assert draft["context"]["kind"] == "group" and draft["context"]["tags"] == [
        "evening", "drop-in"]
    assert saved_records(peercheck_home) == []

    child = spawn(peercheck_home, "--resume")
    child.expect("Welcome back")
    child.expect("7 answered so far")  # four answers and three session details
    replies = {5: "5", 6: "y", 14: "1", 15: "Trust the quiet."}
    for n in range(5, 16):
        answer(child, f"{n}/15", replies.get(n, ""))
    child.expect("What went well")
    child.expect("Next time")
    child.expect("Trust the quiet")
    child.expect("Saved your reflection as ([0-9A-Z]{26})")
    rid = child.match.group(1)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    records = saved_records(peercheck_home)
    assert [r["id"] for r in records] == [rid]
    record = records[0]
    assert record["answers"]["advice"] == 2 and record["answers"]["listening"] == 5
    assert "holding-hope" not in record["answers"]  # skipped with Enter
    assert record["context"]["kind"] == "group"
    assert record["intention"] == "Trust the quiet."
    assert drafts(peercheck_home) == []  # the draft goes once the reflection is safe
    for path in peercheck_home.glob("peercheck.db*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_q_stops_and_keeps_the_draft(peercheck_home):
    child = spawn(peercheck_home, "--focus", "hope")
    answer(child, "When was it", "")
    answer(child, "What kind", "phone")
    answer(child, "minutes", "30")
    answer(child, "tags", "")
    answer(child, "1/4", "honestly")
    answer(child, "2/4", "q")
    child.expect("Your answers are kept")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (kept,) = drafts(peercheck_home)
    data = json.loads(kept.read_text())
    assert data["answers"] == {"holding-hope": "honestly"} and data["focus"] == "hope"


def test_identifying_text_is_pointed_out_with_an_offer_to_edit(peercheck_home):
    child = spawn(peercheck_home, "--no-save")
    for question in ("When was it", "What kind", "minutes", "tags"):
        answer(child, question, "")
    answer(child, "1/15", "Met a woman named Alice, alice@example.org")
    child.expect("might include")
    child.expect("an email address")
    child.expect("Edit it before it's kept")
    child.sendline("y")
    child.expect("> ")
    child.send("\x15We talked about her week.\r")  # Ctrl-U clears the line shown for editing
    answer(child, "2/15", "q")
    child.expect(pexpect.EOF)
    child.close()
    (kept,) = drafts(peercheck_home)
    assert json.loads(kept.read_text())["answers"] == {
        "what-happened": "We talked about her week."}


@pytest.mark.parametrize("key", ["b"])
def test_back_at_the_first_question_stays_put(peercheck_home, key):
    child = spawn(peercheck_home)
    answer(child, "When was it", key)
    child.expect("This is the first question")
    answer(child, "When was it", "q")
    child.expect("nothing to keep")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert drafts(peercheck_home) == []


def test_ctrl_c_at_the_edit_question_asks_it_again_on_resume(peercheck_home):
    child = spawn(peercheck_home)
    for question in ("When was it", "What kind", "minutes", "tags"):
        answer(child, question, "")
    answer(child, "1/15", "Maya told me her NHS number is 943 476 5919")
    child.expect("a health or ID number")
    child.expect("Edit it before it's kept")
    child.sendintr()
    child.expect("Your answers are kept")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    (kept,) = drafts(peercheck_home)
    data = json.loads(kept.read_text())
    assert data["pending_edit"] == "what-happened"

    child = spawn(peercheck_home, "--resume")
    child.expect("Welcome back")
    child.expect("1/15")
    child.expect("Edit it before it's kept")  # the question comes back, not the next prompt
    child.sendline("y")
    child.expect("> ")
    child.send("\x15We talked about her week.\r")
    answer(child, "2/15", "q")
    child.expect(pexpect.EOF)
    child.close()
    (kept,) = drafts(peercheck_home)
    data = json.loads(kept.read_text())
    assert data["answers"] == {"what-happened": "We talked about her week."}
    assert "pending_edit" not in data


def test_no_save_says_nothing_was_kept_after_a_privacy_note(run):
    text = "answers:\n  what-happened: Afterwards Maya told me about the move.\n"
    result = run("reflect", "--answers", "-", "--no-save", input=text)
    assert result.exit_code == 0, result.output
    assert "might identify someone" in result.stderr
    assert "Nothing was kept" in result.stderr and "kept as written" not in result.stderr


def test_question_mark_says_why_and_is_never_an_answer(peercheck_home):
    child = spawn(peercheck_home, "--focus", "hope")
    answer(child, "When was it", "?")
    child.expect("look back over your reflections")
    answer(child, "When was it", "")
    for question in ("What kind", "minutes", "tags"):
        answer(child, question, "")
    answer(child, "1/4", "help")
    child.expect("Why this is asked")
    child.expect("Hope: ")  # what the value means, from the values catalog
    answer(child, "1/4", "?")
    child.expect("Why this is asked")
    answer(child, "1/4", "sat with")
    answer(child, "2/4", "q")
    child.expect(pexpect.EOF)
    child.close()
    (kept,) = drafts(peercheck_home)
    assert json.loads(kept.read_text())["answers"] == {"holding-hope": "sat-with"}


def stop_after(home, first_answer: str | None, kind: str = "group") -> None:
    """Start a reflection, give the kind (and maybe a first answer), then q."""
    child = spawn(home)
    answer(child, "When was it", "")
    answer(child, "What kind", kind)
    answer(child, "minutes", "")
    answer(child, "tags", "")
    if first_answer is not None:
        answer(child, "1/15", first_answer)
        answer(child, "2/15", "q")
    else:
        answer(child, "1/15", "q")
    child.expect(pexpect.EOF)
    child.close()


def test_drafts_are_listed_resumed_by_id_and_discarded(peercheck_home, run):
    stop_after(peercheck_home, "We talked about the allotment and the rain today")
    stop_after(peercheck_home, "Quiet session mostly about music", kind="phone")
    listed = run("reflect", "--drafts", "--json")
    assert listed.exit_code == 0, listed.output
    # ids are ULIDs, so they sort by when each draft began (started_at has whole seconds only)
    older, newer = sorted(json.loads(listed.stdout), key=lambda d: d["id"])
    assert older["answered"] == 2  # the kind counts as much as the answer
    assert older["first_words"] == "We talked about the allotment and the rain …"
    table = run("reflect", "--drafts")
    shown = " ".join(table.stdout.split())
    assert older["id"] in shown and newer["id"] in shown and "Quiet session mostly" in shown

    child = spawn(peercheck_home, "--resume", older["id"][:20].lower())  # a prefix, any case
    child.expect("2 answered so far")
    answer(child, "2/15", "I let the silences be.")
    answer(child, "3/15", "q")
    child.expect(pexpect.EOF)
    child.close()
    resumed = json.loads((peercheck_home / "drafts" / f"{older['id']}.json").read_text())
    assert resumed["answers"]["went-well"] == "I let the silences be."

    gone = run("reflect", "--discard", newer["id"])
    assert gone.exit_code == 0 and newer["id"] in gone.stderr
    remaining = json.loads(run("reflect", "--drafts", "--json").stdout)
    assert [d["id"] for d in remaining] == [older["id"]]
    again = run("reflect", "--discard", newer["id"])
    assert again.exit_code == 2 and "no unfinished reflection with the id" in again.stderr


def test_only_the_session_details_are_not_kept(peercheck_home):
    child = spawn(peercheck_home, "--focus", "hope")
    answer(child, "When was it", "")
    answer(child, "What kind", "group")
    answer(child, "minutes", "40")
    answer(child, "tags", "")
    for n in (1, 2, 3, 4):
        answer(child, f"{n}/4", "")
    child.expect("not kept on their own")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert drafts(peercheck_home) == [] and saved_records(peercheck_home) == []


def test_a_session_date_in_the_future_is_asked_again(peercheck_home):
    child = spawn(peercheck_home)
    answer(child, "When was it", "2999-01-01")
    child.expect("2999-01-01 is in the future")
    answer(child, "When was it", "last monday")
    answer(child, "What kind", "q")
    child.expect(pexpect.EOF)
    child.close()
    (kept,) = drafts(peercheck_home)
    from datetime import date

    day = date.fromisoformat(json.loads(kept.read_text())["context"]["date"])
    assert day.weekday() == 0 and day < date.today()


def _skip_to_tags(child) -> None:
    for question in ("When was it", "What kind", "minutes"):
        answer(child, question, "")


@pytest.mark.parametrize(("typed", "tags"), [
    ("first meeting", ["first-meeting"]),  # one tag: the question says "separated by commas"
    ("drop-in", ["drop-in"]),
    ("first meeting, drop-in", ["first-meeting", "drop-in"]),
])
def test_typed_tags_are_split_on_commas_only(peercheck_home, typed, tags):
    child = spawn(peercheck_home)
    _skip_to_tags(child)
    answer(child, "tags", typed)
    answer(child, "1/15", "q")
    child.expect(pexpect.EOF)
    child.close()
    (kept,) = drafts(peercheck_home)
    assert json.loads(kept.read_text())["context"]["tags"] == tags


def test_identifying_tags_are_pointed_out_with_an_offer_to_edit(peercheck_home):
    child = spawn(peercheck_home)
    _skip_to_tags(child)
    answer(child, "tags", "Maya Jones, 3 High Street LS6 2AB")
    child.expect("might include")
    child.expect('a name \\("Maya Jones"\\)')
    child.expect("Edit it before it's kept")
    child.sendline("y")
    child.expect("> ")
    child.send("\x15drop-in\r")  # Ctrl-U clears the tags shown for editing
    answer(child, "1/15", "q")
    child.expect(pexpect.EOF)
    child.close()
    (kept,) = drafts(peercheck_home)
    data = json.loads(kept.read_text())
    assert data["context"]["tags"] == ["drop-in"] and "pending_edit" not in data


def test_identifying_tags_kept_when_asked_stay_out_of_the_cues(peercheck_home):
    child = spawn(peercheck_home, "--json")
    _skip_to_tags(child)
    answer(child, "tags", "Maya Jones")
    child.expect("Edit it before it's kept")
    child.sendline("n")
    answer(child, "1/15", "We talked about her week.")
    for n in range(2, 16):
        answer(child, f"{n}/15", "")
    child.expect(pexpect.EOF)
    child.close()
    (record,) = saved_records(peercheck_home)
    assert record["context"]["tags"] == ["Maya-Jones"]  # kept, as the person chose
    assert "Maya" not in json.dumps(record["cues"])


@pytest.mark.parametrize(("typed", "pending", "key"), [
    ("Maya told me her NHS number is 943 476 5919", "what-happened", None),
    ("Maya Jones, 3 High Street", "context:tags", "tags"),
])
def test_q_at_the_edit_question_stops_and_resume_asks_it_again(peercheck_home, typed, pending,
                                                                key):
    child = spawn(peercheck_home)
    _skip_to_tags(child)
    answer(child, "tags", typed if key else "")
    if not key:
        answer(child, "1/15", typed)
    child.expect("Edit it before it's kept")
    child.sendline("q")
    child.expect("Your answers are kept")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (kept,) = drafts(peercheck_home)
    data = json.loads(kept.read_text())
    assert data["pending_edit"] == pending
    assert "edit" not in json.dumps(data["answers"])  # q was never taken as an answer

    child = spawn(peercheck_home, "--resume")
    child.expect("Welcome back")
    child.expect("Edit it before it's kept")  # the question comes back, not the next one
    child.sendline("y")
    child.expect("> ")
    child.send("\x15drop-in\r" if key else "\x15We talked about her week.\r")
    answer(child, "1/15" if key else "2/15", "q")
    child.expect(pexpect.EOF)
    child.close()
    (kept,) = drafts(peercheck_home)
    data = json.loads(kept.read_text())
    assert "pending_edit" not in data
    if key:
        assert data["context"]["tags"] == ["drop-in"]
    else:
        assert data["answers"] == {"what-happened": "We talked about her week."}


def test_the_first_question_fits_a_session_on_any_day(peercheck_home):
    child = spawn(peercheck_home)
    answer(child, "When was it", "yesterday")
    for question in ("What kind", "minutes", "tags"):
        answer(child, question, "")
    child.expect("1/15")
    child.expect("> ")
    assert "in this session" in child.before and "today" not in child.before
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
