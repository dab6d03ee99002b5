"""Changing a saved reflection later: ``log edit`` through a real $EDITOR (a small script run
by the installed command) and ``log note``; both survive every export and an import."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from conftest import FILLED_ANSWERS


@pytest.fixture
def saved(run, tmp_path) -> str:
    """One reflection saved from the filled answers file; its id."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(FILLED_ANSWERS, encoding="utf-8")
    result = run("reflect", "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["id"]


def editor(tmp_path: Path, body: str) -> dict[str, str]:
    """An EDITOR that runs ``body`` (Python) on the file: ``path``, ``text`` are given."""
    script = tmp_path / "edit.py"
    script.write_text(
        f"#!{sys.executable}\nimport sys, os, stat, pathlib\npath = pathlib.Path(sys.argv[1])\n"
        f"text = path.read_text()\n{body}\n",
        encoding="utf-8",
    )
    script.chmod(0o700)
    return {"EDITOR": str(script), "VISUAL": ""}


def show(run, rid: str) -> dict:
    result = run("log", "show", rid, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_edit_rescores_and_keeps_id_and_dates(run, tmp_path, saved, peercheck_home):
    before = show(run, saved)
    seen = tmp_path / "seen.yaml"
    env = editor(tmp_path, f"""
pathlib.Path({str(seen)!r}).write_text(text + "mode=%o" % stat.S_IMODE(path.stat().st_mode))
path.write_text(text.replace("  listening: 5", "  listening: 1"))""")
    result = run("log", "edit", saved[:8], env=env)
    assert result.exit_code == 0, result.output
    assert "Saved your changes to the reflection from 2026-11-20" in result.stderr
    after = show(run, saved)
    assert after["id"] == saved and after["created_at"] == before["created_at"]
    assert after["context"]["date"] == "2026-11-20" and after["edited_at"]
    assert after["answers"]["listening"] == 1
    score = {c["id"]: c["score"] for c in after["concepts"]}
    assert score["empathy"] < {c["id"]: c["score"] for c in before["concepts"]}["empathy"]
    trend = json.loads(run("trends", "--value", "empathy", "--json").stdout)  # counts follow
    assert trend[0]["mean"] == score["empathy"]
    # The editor saw the answers as the answers file reflect reads, owner-only.
    text, mode = seen.read_text().rsplit("mode=", 1)
    assert mode == "600"
    data = yaml.safe_load(text)
    assert data["context"] == {"kind": "one-to-one", "minutes": 50, "tags": ["first-meeting"]}
    assert not list((peercheck_home / "editing").iterdir())  # the private copy is gone
    # ... and as the file reflect --template gives: its questions, comments and order, filled in.
    blank = run("reflect", "--template").stdout
    assert comments(text) == comments(blank) and comments(text)
    assert keys(text) == keys(blank)
    assert "  strengths-named: yes\n" in text and "  peer-lane: yes\n" in text  # not 'yes'
    assert "  listening: 5\n" in text


def comments(text: str) -> list[str]:
    """The answers' question comments, in order."""
    return [line for line in text.splitlines() if line.startswith("  #")]


def keys(text: str) -> list[str]:
    """The answer ids, in the order the file lists them."""
    return list(yaml.safe_load(text)["answers"])


def test_the_edit_file_keeps_several_lines_and_words_like_yes(run, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(FILLED_ANSWERS.replace(
        "  went-well: I stayed with the silence and let them lead.",
        '  went-well: "yes"',
    ).replace(
        "  what-happened: We talked about going back to college.",
        "  what-happened: |\n    We talked about college.\n\n    Then about the bus: it's late.",
    ), encoding="utf-8")
    saved = json.loads(run("reflect", "--answers", str(answers), "--json").stdout)["id"]
    before = show(run, saved)["answers"]
    seen = tmp_path / "seen.yaml"
    env = editor(tmp_path, f"""
pathlib.Path({str(seen)!r}).write_text(text)
path.write_text(text.replace("  listening: 5", "  listening: 4"))""")
    result = run("log", "edit", saved, env=env)
    assert result.exit_code == 0, result.output
    text = seen.read_text()
    assert ("  what-happened: |\n    We talked about college.\n\n"
            "    Then about the bus: it's late.\n") in text
    assert '  went-well: "yes"\n' in text  # a text answer "yes" is quoted, or YAML says True
    assert "  strengths-named: yes\n" in text  # a yes/no answer reads back as yes unquoted
    after = show(run, saved)["answers"]
    assert after == {**before, "listening": 4}
    assert after["went-well"] == "yes" and after["strengths-named"] == "yes"


def test_an_unchanged_file_changes_nothing(run, tmp_path, saved):
    before = run("log", "show", saved, "--json").stdout
    result = run("log", "edit", saved, env=editor(tmp_path, "path.write_text(text + '\\n')"))
    assert result.exit_code == 0, result.output
    assert "Nothing changed" in result.stderr
    assert run("log", "show", saved, "--json").stdout == before


def test_a_bad_edit_saves_nothing_and_says_why(run, tmp_path, saved, peercheck_home):
    before = run("log", "show", saved, "--json").stdout
    env = editor(tmp_path, 'path.write_text(text.replace("  listening: 5", "  listening: 9"))')
    result = run("log", "edit", saved, env=env)
    assert result.exit_code == 2
    first, *rest = result.stderr.strip().splitlines()
    assert "listening" in first and "9" in first
    assert "Nothing was saved; the reflection stays as it was." in " ".join(rest)
    assert "Traceback" not in result.output
    assert run("log", "show", saved, "--json").stdout == before
    kept = list((peercheck_home / "editing").iterdir())  # the worker's typing is not lost
    assert len(kept) == 1 and "listening: 9" in kept[0].read_text()
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600


def test_an_editor_that_fails_changes_nothing(run, tmp_path, saved):
    before = run("log", "show", saved, "--json").stdout
    result = run("log", "edit", saved, env=editor(tmp_path, "sys.exit(3)"))
    assert result.exit_code == 2
    assert "did not finish" in result.stderr and "Traceback" not in result.output
    assert run("log", "show", saved, "--json").stdout == before


def test_note_is_dated_searchable_and_shown(run, saved):
    result = run("log", "note", saved[:8], "Brought the kettle question to supervision.")
    assert result.exit_code == 0, result.output
    assert "Added your note" in result.stderr
    record = show(run, saved)
    (note,) = record["notes"]
    assert note["text"] == "Brought the kettle question to supervision."
    assert datetime.fromisoformat(note["at"]).tzinfo is not None
    assert saved[:12] in run("log", "search", "kettle").stdout
    assert "kettle question" in run("log", "show", saved).stdout
    empty = run("log", "note", saved, "   ")
    assert empty.exit_code == 2
    assert empty.stderr.strip() == "The note is empty; please write a few words to add."


def test_edits_and_notes_in_exports_and_redaction(run, tmp_path, saved):
    env = editor(tmp_path, 'path.write_text(text.replace("  listening: 5", "  listening: 2"))')
    assert run("log", "edit", saved, env=env).exit_code == 0
    assert run("log", "note", saved, "The walrus idea came later.").exit_code == 0
    full = json.loads(run("export", "-f", "jsonl").stdout)
    assert full["notes"][0]["text"] == "The walrus idea came later." and full["edited_at"]
    redacted = run("export", "--redact").stdout
    assert "walrus" not in redacted and json.loads(redacted)["edited_at"] == full["edited_at"]
    for fmt in ("markdown", "html"):
        assert "walrus" in run("export", "-f", fmt).stdout
        assert "walrus" not in run("export", "-f", fmt, "--redact").stdout
    rows = list(csv.DictReader(io.StringIO(run("export", "-f", "csv").stdout)))
    assert rows[0]["notes"] == "1" and rows[0]["edited_at"] == full["edited_at"]
    red_rows = list(csv.DictReader(io.StringIO(run("export", "-f", "csv", "--redact").stdout)))
    assert red_rows[0]["notes"] == ""


def test_edits_and_notes_survive_export_import_export(run, tmp_path, saved, monkeypatch):
    env = editor(tmp_path, 'path.write_text(text.replace("  listening: 5", "  listening: 3"))')
    assert run("log", "edit", saved, env=env).exit_code == 0
    assert run("log", "note", saved, "First note.").exit_code == 0
    assert run("log", "note", saved, "Second note.").exit_code == 0
    first = tmp_path / "first.jsonl"
    assert run("export", "-o", str(first)).exit_code == 0
    monkeypatch.setenv("PEERCHECK_HOME", str(tmp_path / "elsewhere"))
    assert run("import", str(first)).exit_code == 0
    again = run("export", "-f", "jsonl").stdout
    assert again == first.read_text(encoding="utf-8")
    assert [n["text"] for n in json.loads(again)["notes"]] == ["First note.", "Second note."]
    assert saved[:12] in run("log", "search", "Second").stdout  # the index has the notes


def test_edit_and_note_name_an_unknown_id(run):
    for args in (["log", "edit", "01ZZZZ"], ["log", "note", "01ZZZZ", "hello"]):
        result = run(*args)
        assert result.exit_code == 2
        assert "No reflection in your log has an id starting with 01ZZZZ." in result.stderr


def test_a_damaged_log_is_never_rewritten(run, tmp_path, peercheck_home, saved):
    from test_log_records import make_record, seed, write_jsonl

    seed([make_record(i, "2026-10-01", words="word " * 400) for i in range(1, 41)])
    export = tmp_path / "other.jsonl"
    write_jsonl(export, [make_record(99, "2026-10-02")])
    db = next(peercheck_home.glob("*.db"))
    good = db.read_bytes()
    middle = len(good) // 2
    damaged = good[:middle] + b"\xff" * 8192 + good[middle + 8192:]
    db.write_bytes(damaged)
    env = editor(tmp_path, 'path.write_text(text.replace("  listening: 5", "  listening: 2"))')
    for args in (["log", "note", saved, "a note"], ["log", "edit", saved], ["import", str(export)]):
        result = run(*args, env=env)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output and str(db) in result.stderr
        assert db.read_bytes() == damaged, args


def test_in_a_terminal_a_bad_edit_can_be_reopened_and_fixed(run, tmp_path, saved,
                                                            peercheck_home):
    import pexpect

    from conftest import peercheck_exe

    count = tmp_path / "count"
    env = editor(tmp_path, f"""
count = pathlib.Path({str(count)!r})
n = int(count.read_text()) + 1 if count.exists() else 1
count.write_text(str(n))
wrong, right = "  listening: 5", "  listening: 9" if n == 1 else "  listening: 2"
path.write_text(text.replace(wrong, right) if n == 1 else text.replace("  listening: 9", right))""")
    child = pexpect.spawn(
        peercheck_exe(), ["log", "edit", saved],
        env=dict(os.environ, NO_COLOR="1", TERM="dumb", COLUMNS="80", **env),
        encoding="utf-8", timeout=20, dimensions=(40, 80),
    )
    child.expect("Open it again to fix that")
    child.sendline("y")
    child.expect("Saved your changes")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert count.read_text() == "2"
    assert show(run, saved)["answers"]["listening"] == 2


def test_identifying_words_in_a_note_or_an_edit_get_a_gentle_privacy_note(run, tmp_path, saved):
    result = run("log", "note", saved, "Call back on jo@example.org")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "might include an email address" in said and "Added your note" in said
    env = editor(tmp_path, 'path.write_text(text.replace("going back to college", '
                           '"my peer named Jordan"))')
    edit = run("log", "edit", saved, env=env)
    assert edit.exit_code == 0, edit.output
    assert "the answer to what-happened" in " ".join(edit.stderr.split())
    quiet = run("log", "edit", saved, env=editor(
        tmp_path, 'path.write_text(text.replace("  listening: 5", "  listening: 3"))'))
    assert "privacy" not in quiet.stderr  # answers left as they were are not raised again
