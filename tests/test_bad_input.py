"""Bad input: one clear sentence, exit 2, nothing changed, never a traceback."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

SEEDED = [
    {"context": {"date": f"2026-11-{day:02d}", "kind": "group", "minutes": 30,
                 "tags": ["drop-in"]},
     "prompts": {"went-well": {"question": "What went well?", "kind": "text"}},
     "answers": {"went-well": f"We laughed about the weather on day {day}"},
     "concepts": [{"id": "hope", "name": "Hope", "score": 0.5, "level": "growing"}]}
    for day in (3, 9, 17)
]


@pytest.fixture
def log_bytes(peercheck_home):
    """A log with three reflections; returns a function giving the bytes of its files."""
    from peercheck.store import open_store

    with open_store() as log:
        for record in SEEDED:
            log.save(record)

    def read() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(peercheck_home.glob("peercheck.db*"))}

    return read


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_clear_refusal(result, *expected: str) -> None:
    """Exit 2, a short message on stderr (no traceback), nothing on stdout."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "Something unexpected" not in result.output
    message = flat(result.stderr)
    assert message, "no message at all"
    assert len(message) < 600, message
    assert result.stdout == ""
    for words in expected:
        assert words.lower() in message.lower(), message


# --- commands and options ----------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["reflekt"], ["log", "shw", "x"], ["show", "mutuality", "--colour"], ["log", "-n", "zero"],
    ["log", "-n", "0"], ["export", "--format", "docx"], ["reflect", "--answers"],
    ["check", "a.txt", "b.txt"], ["--no-such-option"],
])
def test_unknown_commands_and_options(cli, log_bytes, args):
    before = log_bytes()
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.strip()
    assert log_bytes() == before


# --- names, ids and dates ----------------------------------------------------------------


@pytest.mark.parametrize("args, expected", [
    (["show", ""], ""),
    (["show", "   "], ""),
    (["show", "zzzz-not-a-value"], "zzzz-not-a-value"),
    (["log", "show", "ZZZZZZZZ"], "ZZZZZZZZ"),
    (["log", "show", ""], ""),
    (["log", "delete", "ZZZZZZZZ", "--yes"], "ZZZZZZZZ"),
    (["log", "--since", "2026-13-45"], "2026-13-45"),
    (["log", "--until", "2026-02-30"], "2026-02-30"),
    (["log", "--since", "next tuesday-ish"], ""),
    (["export", "--since", "2026-13-45"], "2026-13-45"),
    (["trends", "--since", "yesterday-ish"], ""),
    (["log", "purge", "--before", "2026-13-45", "--yes"], "2026-13-45"),
    (["log", "--value", "no-such-value"], "no-such-value"),
    (["reflect", "--focus", "no-such-value", "--template"], "no-such-value"),
    (["reflect", "--framework", "nope", "--template"], "nope"),
])
def test_names_ids_and_impossible_dates(cli, log_bytes, args, expected):
    before = log_bytes()
    result = cli(*args)
    assert_clear_refusal(result, expected)
    assert log_bytes() == before


# --- answers files -----------------------------------------------------------------------


ANSWERS = {
    "not-yaml": "context: [date: today\nanswers: {went-well: 'x'\n",
    "a-list": "- went-well\n- advice\n",
    "just-text": "I had a good session today.\n",
    "bad-date": "context:\n  date: 2026-13-45\nanswers:\n  went-well: fine\n",
    "bad-scale": "answers:\n  advice: 9\n",
    "bad-choice": "answers:\n  direction: sideways\n",
    "bad-minutes": "context:\n  minutes: forever\nanswers:\n  went-well: fine\n",
    "bad-kind": "context:\n  kind: telepathy\nanswers:\n  went-well: fine\n",
    "unknown-prompt": "answers:\n  no-such-question: hello\n",
    "answers-not-mapping": "answers: [1, 2, 3]\n",
    "tabs": "answers:\n\twent-well: fine\n",
}


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_malformed_answers_file_changes_nothing(cli, log_bytes, tmp_path, peercheck_home, name):
    path = tmp_path / f"{name}.yaml"
    path.write_text(ANSWERS[name], encoding="utf-8")
    before = log_bytes()
    result = cli("reflect", "--answers", str(path))
    assert_clear_refusal(result)
    assert log_bytes() == before
    assert not list((peercheck_home / "drafts").glob("*.json"))


@pytest.mark.parametrize("content", [
    bytes(range(256)) * 4,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64,
    "answers:\n  went-well: caf\u00e9\n".encode("latin-1"),
    b"\xff\xfe" + "answers:\n".encode("utf-16-le"),
    b"",
])
def test_binary_or_wrongly_encoded_answers_file(cli, log_bytes, tmp_path, content):
    path = tmp_path / "answers.yaml"
    path.write_bytes(content)
    before = log_bytes()
    result = cli("reflect", "--answers", str(path))
    if content == b"":
        # An empty file answers nothing: peercheck says so and saves nothing.
        assert result.exit_code in (0, 2), result.output
    else:
        assert_clear_refusal(result)
    assert "Traceback" not in result.output
    assert log_bytes() == before


def test_answers_on_stdin_that_are_binary(cli, log_bytes):
    before = log_bytes()
    result = cli("reflect", "--answers", "-", input="\x00\x01\x02 not yaml: [")
    assert_clear_refusal(result)
    assert log_bytes() == before


# --- files and folders -------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["reflect", "--answers", "{folder}"],
    ["reflect", "--answers", "{missing}"],
    ["check", "{folder}"],
    ["check", "{missing}"],
    ["import", "{folder}"],
    ["import", "{missing}"],
    ["report", "{folder}"],
    ["export", "-o", "{folder}"],
    ["log", "backup", "{folder}"],
    ["export", "-o", "{missing_dir}/out.jsonl"],
])
def test_a_folder_or_missing_file_where_a_file_is_expected(cli, log_bytes, tmp_path, args):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    names = {"folder": str(folder), "missing": str(tmp_path / "nope.yaml"),
             "missing_dir": str(tmp_path / "no-such-dir")}
    before = log_bytes()
    result = cli(*[a.format(**names) for a in args])
    assert_clear_refusal(result)
    assert log_bytes() == before
    assert list(folder.iterdir()) == []


def test_binary_note_for_check(cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_bytes(b"\x00\xff\xfe binary \x00")
    result = cli("check", str(note))
    assert_clear_refusal(result)


def test_import_of_a_binary_file_imports_nothing(cli, log_bytes, tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_bytes(os.urandom(4096))
    before = log_bytes()
    result = cli("import", str(path))
    assert_clear_refusal(result)
    assert log_bytes() == before


# --- the data folder ---------------------------------------------------------------------


def test_missing_data_folder(cli, tmp_path):
    result = cli("--data-dir", str(tmp_path / "nowhere"), "show", "mutuality")
    assert_clear_refusal(result, "nowhere")


def test_data_folder_that_is_a_file(cli, tmp_path):
    path = tmp_path / "values.yaml"
    path.write_text("x: 1\n")
    result = cli("--data-dir", str(path), "show", "mutuality")
    assert_clear_refusal(result)


@pytest.mark.parametrize("name, text", [
    ("values.yaml", "frameworks:\n  - id: ours\n    title: [unclosed\n"),
    ("values.yaml", "frameworks:\n  bad: : :\n"),
    ("cues.yaml", "cues:\n  - id: x\n    pattern: \"unterminated\n"),
    ("principles.yaml", "principles:\n\t- tab\n"),
    ("values.yaml", "# our values\nupdated: 2026-13-45\n"),
    ("cues.yaml", "cues: []\nreviewed: 2026-02-30\n"),
])
def test_broken_yaml_names_the_file_and_line(run, tmp_path, name, text):
    data = tmp_path / "org-data"
    data.mkdir()
    (data / name).write_text(text, encoding="utf-8")
    command = {"cues.yaml": ["check", "-"], "values.yaml": ["show", "mutuality"],
               "principles.yaml": ["principles"]}[name]
    result = run(*command, env={"PEERCHECK_DATA": str(data), "COLUMNS": "300"},
                 input="You should see a doctor.\n")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    message = flat(result.stderr)
    assert name in message and "line" in message, message


# --- where peercheck keeps things --------------------------------------------------------


@pytest.mark.parametrize("command", [["log"], ["reflect", "--template"], ["trends"]])
def test_home_pointing_at_a_file(run, tmp_path, command):
    target = tmp_path / "not-a-folder"
    target.write_text("mine\n")
    result = run(*command, env={"PEERCHECK_HOME": str(target), "COLUMNS": "300"})
    if command == ["reflect", "--template"]:
        assert result.exit_code in (0, 2)  # needs no folder at all
    else:
        assert result.exit_code == 2 and "is a file" in result.stderr, result.output
    assert "Traceback" not in result.output
    assert target.read_text() == "mine\n"


def test_home_inside_a_file(run, tmp_path):
    target = tmp_path / "plain-file"
    target.write_text("mine\n")
    result = run("log", env={"PEERCHECK_HOME": str(target / "peercheck"), "COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert target.read_text() == "mine\n"


# --- full devices ------------------------------------------------------------------------


FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")


@needs_dev_full
@pytest.mark.parametrize("args", [
    ["export", "-o", "/dev/full"], ["export", "-f", "html", "-o", "/dev/full"],
    ["export", "-f", "csv", "-o", "/dev/full"], ["log", "backup", "/dev/full"],
])
def test_output_to_a_full_device(run, log_bytes, args):
    before = log_bytes()
    result = run(*args, env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "Exception ignored" not in result.output
    assert "/dev/full" in result.stderr
    assert log_bytes() == before
    assert stat.S_ISCHR(FULL.stat().st_mode), "/dev/full was replaced"


@needs_dev_full
@pytest.mark.parametrize("command", [
    "show mutuality", "compare", "log", "log --json", "export", "reflect --template",
    "--help", "trends",
])
def test_stdout_to_a_full_device(log_bytes, command, peercheck_home):
    import subprocess

    from conftest import peercheck_exe

    before = log_bytes()
    with open(FULL, "w") as full:
        proc = subprocess.run([peercheck_exe(), *command.split()], stdout=full,
                              stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "COLUMNS": "300"})
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    assert "no space left" in proc.stderr.lower()
    assert log_bytes() == before


def test_stdout_closed_by_the_reader_is_quiet(log_bytes):
    import subprocess

    from conftest import peercheck_exe

    proc = subprocess.Popen([peercheck_exe(), "compare"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait()
    assert proc.returncode in (0, 2)
    assert "Traceback" not in err and "Exception ignored" not in err


def test_home_with_an_unknown_user(run):
    result = run("log", env={"PEERCHECK_HOME": "~no-such-user-here/peercheck"})
    assert_clear_refusal(result, "no such user")


def test_a_folder_that_is_not_peerchecks_keeps_its_mode(run, tmp_path):
    """PEERCHECK_HOME=$HOME (or worse, a system folder run as root) is never chmod-ed."""
    theirs = tmp_path / "someone-elses"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("theirs\n")
    os.chmod(theirs, 0o755)
    result = run("reflect", "--answers", "-", "--json", env={"PEERCHECK_HOME": str(theirs)},
                 input="answers:\n  went-well: We laughed.\n")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(theirs.stat().st_mode) == 0o755
    assert stat.S_IMODE((theirs / "peercheck.db").stat().st_mode) == 0o600  # ours still are
    assert stat.S_IMODE((theirs / "notes.txt").stat().st_mode) != 0 and (
        theirs / "notes.txt").read_text() == "theirs\n"
