"""The rough edges a new peer worker meets on a first walk through peercheck.

Each test stands for something seen in a real terminal: what was printed, and what a
person would notice about it.
"""

from __future__ import annotations

import pytest

from conftest import answer as _answer
from conftest import spawn_reflect as _spawn


@pytest.mark.parametrize("name", ["", "   ", " - "])
def test_show_with_an_empty_name_asks_for_a_name_with_an_example(cli, name):
    result = cli("show", name)
    assert result.exit_code == 2
    assert "Please name a value, for example mutuality" in result.stderr
    assert "no value named" not in result.stderr
    assert "Traceback" not in result.output


# -- the interactive reflection, through a real pseudo-terminal ------------------------------


def _stop(child):
    import pexpect

    child.expect("> ")
    child.sendline("q")
    child.expect("Your answers are kept")
    child.expect(pexpect.EOF)
    child.close()


def _draft(home):
    import json

    (path,) = sorted((home / "drafts").glob("*.json"))
    return json.loads(path.read_text())


def test_a_wrong_answer_is_met_with_what_is_on_the_screen(peercheck_home):
    """The screen shows numbered answers; the retry names those, not the file's answer keys."""
    child = _spawn(peercheck_home)
    for question in ("When was it", "What kind", "minutes", "tags", "1/15", "2/15"):
        _answer(child, question, "")
    _answer(child, "3/15", "peer")  # a choice: 1 to 4 on the screen
    child.expect("Have another go")
    before = child.before
    child.expect("or press Enter to skip")
    said = " ".join((before + child.before).split())
    assert "with a number from 1 to 4" in said
    assert "the-peer" not in said and "mostly-me" not in said
    _answer(child, "3/15", "1")
    _answer(child, "4/15", "7")  # a scale: 1 to 5
    child.expect("with a number from 1 to 5")
    _answer(child, "4/15", "")
    _answer(child, "5/15", "")
    _answer(child, "6/15", "blue")  # yes / no / unsure
    child.expect("with y, n or u")
    _stop(child)
    assert _draft(peercheck_home)["answers"] == {"direction": "the-peer"}


def test_tags_typed_with_commas_keep_their_words_together(peercheck_home):
    """'Any tags? (words separated by commas)': "first meeting" is one tag, not two."""
    child = _spawn(peercheck_home)
    _answer(child, "When was it", "")
    _answer(child, "What kind", "")
    _answer(child, "minutes", "")
    _answer(child, "tags", "first meeting, drop-in")
    _stop(child)
    assert _draft(peercheck_home)["context"]["tags"] == ["first-meeting", "drop-in"]


@pytest.mark.parametrize(("typed", "tags"), [
    ("first meeting, drop-in", ["first-meeting", "drop-in"]),
    ("#evening #drop-in", ["evening", "drop-in"]),
    (["first meeting", "#drop-in"], ["first-meeting", "drop-in"]),
    ("a,, b ,a", ["a", "b"]),
])
def test_tags_from_a_file_or_typed_agree(typed, tags):
    from peercheck.reflection import parse_tags

    assert parse_tags(typed) == tags


# -- empty names and missing folders: one sentence that says what to do ---------------------


def _one_clear_message(result):
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_check_with_an_empty_file_name_says_what_check_needs(cli):
    result = cli("check", "")
    _one_clear_message(result)
    assert "give it a file, or pipe text in" in result.stderr
    assert "is a folder" not in result.stderr


@pytest.mark.parametrize("command", [("log", "show"), ("log", "delete", "--yes")])
@pytest.mark.parametrize("rid", ["", "  "])
def test_an_empty_reflection_id_asks_which_reflection(cli, command, rid):
    result = cli(*command, rid)
    _one_clear_message(result)
    assert "Which reflection? Please give its id" in result.stderr
    assert "starting with ." not in result.stderr and "starting with  " not in result.stderr


def test_export_into_a_folder_that_does_not_exist_names_the_folder(run, tmp_path):
    run("reflect", "--answers", "-", input="answers:\n  went-well: I listened.\n")
    target = tmp_path / "no" / "such" / "x.csv"
    result = run("export", "-o", str(target))
    _one_clear_message(result)
    message = " ".join(result.stderr.split())
    assert f"There is no folder {target.parent}, so peercheck could not write x.csv" in message
    assert "Create the folder first" in message
    assert not target.parent.exists()


def test_backup_into_a_folder_that_does_not_exist_names_the_folder(run, tmp_path):
    run("reflect", "--answers", "-", input="answers:\n  went-well: I listened.\n")
    target = tmp_path / "nowhere" / "log.db"
    result = run("log", "backup", str(target))
    _one_clear_message(result)
    message = " ".join(result.stderr.split())
    assert f"There is no folder {target.parent}" in message
    assert ".tmp" not in message and "unable to open database" not in message


# -- trends ----------------------------------------------------------------------------------


def test_trends_of_a_single_day_says_on_that_day_not_from_it_to_itself(cli):
    answers = "context:\n  date: 2026-11-20\nanswers:\n  holding-hope: honestly\n"
    assert cli("reflect", "--answers", "-", input=answers).exit_code == 0
    chart = cli("trends")
    assert chart.exit_code == 0
    assert "1 reflection, on 2026-11-20." in chart.stdout
    assert "2026-11-20 to 2026-11-20" not in chart.stdout
    one = cli("trends", "--value", "hope")
    assert "over 1 reflection, on 2026-11-20" in one.stdout

    later = "context:\n  date: 2026-11-22\nanswers:\n  holding-hope: sat-with\n"
    assert cli("reflect", "--answers", "-", input=later).exit_code == 0
    assert "2 reflections, 2026-11-20 to 2026-11-22." in cli("trends").stdout


def test_the_privacy_note_explains_without_judging_the_worker(peercheck_home):
    """An email in an answer: say why it matters (privacy), not that leaving it in is unkind."""
    child = _spawn(peercheck_home)
    for question in ("When was it", "What kind", "minutes", "tags"):
        _answer(child, question, "")
    _answer(child, "1/15", "She said email me at jo@example.org about the group")
    child.expect(r"Edit it before it's kept\? \[Y/n\] ")
    said = " ".join(child.before.split())
    assert "might include an email address" in said
    assert "leaving details like that out protects the peer's privacy" in said
    assert "kinder" not in said
    child.sendline("n")  # kept as written: the worker decides
    _stop(child)
    assert "jo@example.org" in _draft(peercheck_home)["answers"]["what-happened"]


# -- the values library ----------------------------------------------------------------------


def test_closest_names_are_quoted_so_a_name_with_and_in_it_stays_one_name(cli):
    """'Closest names: Mutuality, Empathy and Mutuality, Equal' reads as four names."""
    result = cli("show", "mutualty")
    assert result.exit_code == 2
    hint = " ".join(result.stderr.split())
    assert "“Mutuality”" in hint and "“Empathy and Mutuality”" in hint
    assert "Mutuality, Empathy and Mutuality," not in hint


@pytest.mark.parametrize("asked", ["first meeting", "#first-meeting", "first-meeting"])
def test_log_tag_finds_a_tag_the_way_it_was_typed(cli, asked):
    answers = "context:\n  tags: first meeting, drop-in\nanswers:\n  holding-hope: honestly\n"
    assert cli("reflect", "--answers", "-", input=answers).exit_code == 0
    found = cli("log", "--tag", asked, "--json")
    assert found.exit_code == 0
    assert '"first-meeting"' in found.stdout


def test_arrow_keys_edit_a_typed_answer_instead_of_landing_in_it(peercheck_home):
    """Fixing a typo with ← must not store '^[[D' in the reflection."""
    child = _spawn(peercheck_home)
    for question in ("When was it", "What kind", "minutes", "tags"):
        _answer(child, question, "")
    child.expect("1/15")
    child.expect("> ")
    child.send("We talked about work")
    child.send("\x1b[D" * 4)  # ← four times, as a terminal sends it
    child.send("X\r")
    child.expect("2/15")
    child.expect("> ")
    child.send("typo\x15")  # Ctrl-U clears the line, and the prompt stays
    child.send("I listened\r")
    child.expect("3/15")
    _stop(child)
    answers = _draft(peercheck_home)["answers"]
    assert answers == {"what-happened": "We talked about Xwork", "went-well": "I listened"}


def test_answers_with_an_empty_file_name_asks_for_one(cli):
    result = cli("reflect", "--answers", "")
    _one_clear_message(result)
    said = " ".join(result.stderr.split())
    assert "Please name the answers file after --answers" in said
    assert "is a folder" not in said


@pytest.mark.parametrize("typed, said, hint", [
    ("shw", "peercheck has no command “shw”.", "Did you mean “show”?"),
    ("xyzzy", "peercheck has no command “xyzzy”.", "peercheck --help lists the commands"),
])
def test_an_unknown_command_is_quoted_in_matching_marks(run, typed, said, hint):
    result = run(typed)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0] == said
    assert lines[1].startswith(hint)
    assert "'" not in result.stderr
    assert result.stdout == ""
