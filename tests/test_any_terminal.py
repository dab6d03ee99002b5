"""Output that survives any terminal: any encoding, a reader that goes away, plain usage errors.

Every command runs as the installed program, as a person (or a Windows pipe) would run it.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import FILLED_ANSWERS, peercheck_exe
from test_docs import COMMANDS

# Curly quotes, a dash, an arrow and a bullet in what the worker wrote, as people type them.
ANSWERS = FILLED_ANSWERS.replace(
    "We talked about going back to college.",
    "We talked about “going back” to college – step by step → one thing • then the next.",
)

# How each command is run; "{answers}", "{export}", "{id}" and "{tmp}" are filled in.
INVOCATIONS: dict[str, list[list[str]]] = {
    "check": [["check", "-"]],
    "compare": [["compare"], ["compare", "--format", "markdown"], ["compare", "--why"]],
    "export": [["export", "-f", f] for f in ("csv", "jsonl", "json", "markdown", "html")],
    "frameworks": [["frameworks"], ["frameworks", "--format", "markdown"]],
    "import": [["import", "{export}"]],
    "log": [["log"]],
    "log backup": [["log", "backup", "{tmp}/copy.db"]],
    "log delete": [["log", "delete", "{id}", "--yes"]],
    "log edit": [["log", "edit", "{id}"]],  # EDITOR=true: the file comes back unchanged
    "log note": [["log", "note", "{id}", "Talked it through – “more silence” → next time"]],
    "log path": [["log", "path"]],
    "log purge": [["log", "purge", "--before", "2026-11-01"]],
    "log search": [["log", "search", "college"]],
    "log show": [["log", "show", "{id}"]],
    "principles": [["principles"], ["principles", "--format", "markdown"]],
    "prompts": [["prompts"]],
    "reflect": [["reflect", "--answers", "{answers}", "--no-save"]],
    "report": [["report", "{export}"], ["report", "{export}", "--format", "markdown"]],
    "show": [["show", "mutuality"], ["show", "stay", "in", "lane", "--format", "markdown"]],
    "trends": [["trends"]],
    "validate": [["validate"]],
    "values": [["values"], ["values", "--format", "markdown"]],
    # The team log needs a PostgreSQL server: here only their help; test_postgres_commands
    # runs them against a server under these encodings.
    **{name: [[*name.split(), "--help"]] for name in (
        "team", "team setup", "team add-worker", "team add-supervisor", "team label",
        "team status", "team report", "team push", "log share", "log unshare")},
}
# Commands that need the team log on a PostgreSQL server: without one they must still say so
# in one sentence on any encoding (exit 2), and their help must print.
SERVER_COMMANDS: dict[str, list[str]] = {
    "log share": ["log", "share", "{id}"],
    "log unshare": ["log", "unshare", "{id}"],
    "team": ["team", "status"],
    "team add-supervisor": ["team", "add-supervisor", "ana"],
    "team add-worker": ["team", "add-worker", "ana"],
    "team label": ["team", "label", "Worker “A” – north"],
    "team push": ["team", "push"],
    "team report": ["team", "report"],
    "team setup": ["team", "setup"],
    "team status": ["team", "status"],
}
NOTE = "You should try to be “positive” – it’s a disorder → just breathe • okay?\n"


def _env(home, encoding: str | None = None) -> dict[str, str]:
    env = dict(os.environ, PEERCHECK_HOME=str(home), NO_COLOR="1", COLUMNS="80",
               EDITOR="true", VISUAL="true")
    env.pop("PYTHONIOENCODING", None)
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    return env


def _peercheck(args, env, cwd, input=None):
    return subprocess.run([peercheck_exe(), *args], capture_output=True, env=env, cwd=cwd,
                          input=(input or "").encode("utf-8"), timeout=60)


@pytest.fixture
def saved(peercheck_home, tmp_path):
    """Two saved reflections with curly quotes and arrows, and an export of them."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    env = _env(peercheck_home)
    for _ in range(2):
        assert _peercheck(["reflect", "--answers", str(answers)], env, tmp_path).returncode == 0
    export = tmp_path / "team.jsonl"
    assert _peercheck(["export", "-o", str(export)], env, tmp_path).returncode == 0
    listed = _peercheck(["log", "--json"], env, tmp_path)
    first = __import__("json").loads(listed.stdout)[0]["id"]
    return {"answers": str(answers), "export": str(export), "id": first, "tmp": str(tmp_path)}


def test_every_command_is_in_the_encoding_table():
    """A new command gets an entry here, so it is run under every encoding too."""
    missing = {name for name, _ in COMMANDS} - set(INVOCATIONS) - set(SERVER_COMMANDS)
    assert not missing, f"add {sorted(missing)} to INVOCATIONS"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "ascii"])
def test_every_command_works_on_any_output_encoding(saved, peercheck_home, tmp_path, encoding):
    env = _env(peercheck_home, encoding)
    ran = 0
    for name in sorted(INVOCATIONS, key=lambda n: n.startswith("log delete")):
        for template in INVOCATIONS[name]:
            args = [a.format(**saved) for a in template]
            result = _peercheck(args, env, tmp_path, input=NOTE)
            said = result.stderr.decode(encoding)
            assert b"Traceback" not in result.stdout + result.stderr, (args, said)
            expected = (0, 1) if name == "check" else (0,)
            assert result.returncode in expected, (args, result.returncode, said)
            text = result.stdout.decode(encoding)  # it is what it says it is
            ran += 1
            if args[:2] == ["show", "mutuality"]:
                assert "Mutuality" in text
            if args == ["log", "show", saved["id"]]:
                assert "Leave more room before I speak." in text
    assert ran > len(INVOCATIONS)
    env.pop("PEERCHECK_DATABASE_URL", None)
    for name, template in SERVER_COMMANDS.items():
        args = [a.format(**saved) for a in template]
        result = _peercheck(args, env, tmp_path)
        said = result.stderr.decode(encoding)
        assert result.returncode == 2 and said.strip(), (args, result.returncode, said)
        assert "Traceback" not in said, (args, said)
        helped = _peercheck([*name.split(), "--help"], env, tmp_path)
        assert helped.returncode == 0 and helped.stdout.decode(encoding), name


def test_plain_stand_ins_keep_the_meaning(saved, peercheck_home, tmp_path):
    """Curly quotes become straight ones and a bullet an asterisk, not question marks."""
    env = _env(peercheck_home, "ascii")
    result = _peercheck(["show", "mutuality"], env, tmp_path)
    text = " ".join(result.stdout.decode("ascii").split())
    assert "? " not in text
    assert '- "Core Values of Peer Support", Appendix 2' in text
    shown = _peercheck(["log", "show", saved["id"]], env, tmp_path).stdout.decode("ascii")
    assert 'Your reflection * 2026-11-20 * one-to-one' in shown
    assert '"Leave more room before I speak."' in shown


def test_utf8_output_is_untouched(saved, peercheck_home, tmp_path):
    result = _peercheck(["log", "show", saved["id"]], _env(peercheck_home, "utf-8"), tmp_path)
    assert "· 2026-11-20 · one-to-one" in result.stdout.decode("utf-8")


# -- a reader that goes away -------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["prompts"], ["trends"], ["export", "-f", "markdown"], ["export", "-f", "csv"],
    ["show", "mutuality"], ["compare"], ["log"], ["values"], ["principles"],
])
def test_a_closed_pipe_ends_quietly_with_141(saved, peercheck_home, tmp_path, args):
    """As `git log | head -1` and `grep | head -1` do: 128 + SIGPIPE, never 1 ("cues found")."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line
    proc = subprocess.run([peercheck_exe(), *args], stdout=write, stderr=subprocess.PIPE,
                          env=_env(peercheck_home), cwd=tmp_path, timeout=60)
    os.close(write)
    assert proc.returncode == 141, proc.stderr
    assert proc.stderr == b""


def test_head_takes_the_first_line(saved, peercheck_home, tmp_path):
    env = _env(peercheck_home)
    proc = subprocess.run(f"'{peercheck_exe()}' export -f markdown | head -1; "
                          "echo ${PIPESTATUS[0]}", shell=True, executable="/bin/bash",
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    first, status = proc.stdout.splitlines()
    assert first.startswith("# ")
    assert status in ("0", "141")  # 0 when everything fit in the pipe before head left
    assert proc.stderr == ""


# -- usage errors in peercheck's words ---------------------------------------------------------


@pytest.mark.parametrize(("args", "said"), [
    (["log", "-n", "0"], "-n / --count takes a number of 1 or more, so 0 won't do."),
    (["show", "mutuality", "--format", "pdf"], "--format takes text, markdown or json;"),
    (["show", "mutuality", "--bogus"], "peercheck show has no option --bogus."),
    (["show"], "Please name a value, for example mutuality"),
    (["nosuch"], "peercheck has no command “nosuch”."),
    (["values", "extra"], "peercheck values got more than it takes: extra."),
    (["log", "show"], "peercheck log show needs ID."),
])
def test_usage_errors_are_one_plain_sentence(run, args, said):
    result = run(*args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert "Usage:" not in result.output and "Traceback" not in result.output
    assert "╭" not in result.stderr and "not in the range" not in result.stderr
    assert "--help" in result.stderr or "peercheck values" in result.stderr
