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
    child.expect("4 answered so far")
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
    child.expect("might include an email address")
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
