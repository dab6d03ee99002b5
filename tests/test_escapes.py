"""Text from a user, a file or the log never reaches a terminal as escape sequences or markup.

Checked on the bytes: through a pseudo-terminal (where Rich styles its own output) and
through a pipe. Rich's own styling is allowed; what a reflection or a command line carries
(retitling, the clipboard, clearing the screen and scrollback, a live hyperlink) is not.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import peercheck_exe
from test_log_records import make_record, write_jsonl

TITLE = "\x1b]0;owned\x07"
CLIPBOARD = "\x1b]52;c;b3duZWQ=\x07"
CLEAR = "\x1b[2J\x1b[3J"
LINK = "\x1b]8;;https://example.invalid\x1b\\click\x1b]8;;\x1b\\"
CSI_C1 = "\x9b2J"
HOSTILE = TITLE + CLIPBOARD + CLEAR + LINK + CSI_C1
# What must never appear in the bytes (Rich's own colours and bold are fine).
FORBIDDEN = [b"\x1b]0;", b"\x1b]52;", b"\x1b[2J", b"\x1b[3J", b"\x1b]8;", "\x9b".encode()]


def _env(home) -> dict[str, str]:
    env = dict(os.environ, PEERCHECK_HOME=str(home), COLUMNS="100", TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    return env


def pipe(home, *args: str) -> tuple[int, bytes]:
    """Run peercheck with stdout and stderr on pipes; (exit code, both streams' bytes)."""
    proc = subprocess.run([peercheck_exe(), *args], capture_output=True, env=_env(home),
                          timeout=60, stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout + proc.stderr


def pty(home, *args: str) -> tuple[int, bytes]:
    """Run peercheck in a pseudo-terminal, as a person would; (exit code, the bytes shown)."""
    import pexpect

    child = pexpect.spawn(peercheck_exe(), list(args), env=_env(home), timeout=60,
                          dimensions=(50, 100))
    shown = child.read()
    child.close()
    return child.exitstatus, shown


def assert_harmless(shown: bytes) -> None:
    for sequence in FORBIDDEN:
        assert sequence not in shown, (sequence, shown)


def _store_hostile(home) -> str:
    """A reflection whose every free field carries escape sequences, as an older peercheck or
    a pasted answer could have stored it; returns its id."""
    from peercheck.store import open_store

    record = make_record(1, words=f"we talked {HOSTILE} about the week",
                         intention=f"next {HOSTILE}", tags=[f"tag{TITLE}"])
    record["concepts"][0]["name"] = f"Mutuality {LINK}"
    record["concepts"][0]["score"] = 0.9
    record["concepts"][0]["level"] = "strong"
    record["context"]["kind"] = f"group{CLEAR}"
    record["answers"]["went-well"] = f"listening {HOSTILE}"
    record["cues"] = [{"prompt": "what-happened", "text": f"you {TITLE}should", "rule": "x",
                       "family": "advice", "concepts": ["mutuality"], "principles": [3],
                       "message": f"a message {CLIPBOARD}", "level": "note"}]
    record["flags"] = ["supervision"]
    store = open_store()
    try:
        return store.save(record)
    finally:
        store.close()


STORED_VIEWS = [
    ("log",), ("log", "search", "talked"), ("trends",), ("log", "--json"),
    ("export", "-f", "markdown"), ("export", "-f", "json"), ("export", "-f", "html"),
]


@pytest.mark.parametrize("view", STORED_VIEWS, ids=[" ".join(v) for v in STORED_VIEWS])
@pytest.mark.parametrize("how", [pty, pipe], ids=["pty", "pipe"])
def test_stored_text_is_shown_not_run(peercheck_home, view, how):
    _store_hostile(peercheck_home)
    code, shown = how(peercheck_home, *view)
    assert code == 0, shown
    assert_harmless(shown)


@pytest.mark.parametrize("how", [pty, pipe], ids=["pty", "pipe"])
def test_log_show_makes_escapes_visible(peercheck_home, how):
    rid = _store_hostile(peercheck_home)
    code, shown = how(peercheck_home, "log", "show", rid[:10])
    assert code == 0, shown
    assert_harmless(shown)
    text = shown.decode()
    assert "\\x1b]0;owned\\x07" in text  # the worker still sees what was stored, as text
    assert "listening" in text


@pytest.mark.parametrize(
    "args",
    [
        ("show", f"mutuality{TITLE}"),
        ("show", "mutuality", "--framework", f"srn{CLIPBOARD}"),
        ("log", "show", f"01{CLEAR}"),
        ("log", "--since", f"last{LINK}week"),
        ("log", "--value", f"hope{TITLE}"),
        ("reflect", "--focus", f"hope{TITLE}", "--template"),
        ("prompts", "--focus", f"hope{CLIPBOARD}"),
        ("export", "--since", f"soon{CSI_C1}"),
        ("check", f"missing{TITLE}.txt"),
        ("import", f"missing{CLEAR}.jsonl"),
        ("report", f"missing{LINK}.jsonl"),
    ],
    ids=lambda a: " ".join(x.split("\x1b")[0].split("\x9b")[0] for x in a),
)
@pytest.mark.parametrize("how", [pty, pipe], ids=["pty", "pipe"])
def test_error_messages_do_not_echo_escapes(peercheck_home, args, how):
    code, shown = how(peercheck_home, *args)
    assert code == 2, shown
    assert_harmless(shown)
    assert b"\\x1b" in shown or b"\\x9b" in shown  # the value is echoed, visibly
    assert b"Traceback" not in shown


def test_check_names_an_odd_file_visibly(peercheck_home, tmp_path):
    odd = tmp_path / f"notes{TITLE}.txt"
    odd.write_text("I told them they should call the housing office.\n")
    for how in (pty, pipe):
        code, shown = how(peercheck_home, "check", str(odd))
        assert code in (0, 1), shown
        assert_harmless(shown)


def _export_labelled(cli, tmp_path, label: str):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, [make_record(1), make_record(2)])
    assert cli("import", str(source)).exit_code == 0
    out = tmp_path / "worker.jsonl"
    return cli("export", "--redact", "--as", label, "-o", str(out)), out


@pytest.mark.parametrize("label", ["Sam [/]", "[link=https://example.invalid]Sam[/link]",
                                   "[bold red]Sam", "Sam [/bold]"])
@pytest.mark.parametrize("how", [pty, pipe], ids=["pty", "pipe"])
def test_report_treats_markup_in_a_label_as_words(cli, peercheck_home, tmp_path, label, how):
    result, export = _export_labelled(cli, tmp_path, label)
    assert result.exit_code == 0, result.output
    code, shown = how(peercheck_home, "report", str(export))
    assert code == 0, shown
    assert_harmless(shown)
    assert label[:10].encode() in shown  # the words as typed (a long label is clipped)


@pytest.mark.parametrize("label", [f"Sam{TITLE}", "Sam\x1b[2J", "Sam\rX", "Sam\u202eX",
                                   "Sam\nSmith"])
def test_export_as_refuses_control_characters(cli, tmp_path, label):
    result, export = _export_labelled(cli, tmp_path, label)
    assert result.exit_code == 2
    assert "control characters" in result.stderr
    assert not export.exists()


def test_json_output_escapes_what_a_terminal_would_run(cli, peercheck_home):
    _store_hostile(peercheck_home)
    result = cli("log", "--json")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
    record = json.loads(result.stdout)[0]
    assert HOSTILE in record["answers"]["what-happened"]  # the same text, safely written


def test_a_team_label_refuses_control_characters():
    """The PostgreSQL team label follows export --as; the check comes before any database."""
    from peercheck.errors import InputError
    from peercheck.store.postgres.sharing import set_label

    with pytest.raises(InputError, match="control characters"):
        set_label(None, f"Sam{TITLE}")  # type: ignore[arg-type]
