"""Property tests: random command lines, answers files and texts never produce a traceback.

Whatever is thrown at it, peercheck exits 0, 1 or 2 (never 70, "something unexpected"), and
when it refuses (non-zero), the reflection log's bytes are exactly what they were. Most cases
run in-process through main() for speed; a few go through the installed command.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(
    # PEERCHECK_FUZZ_EXAMPLES=1000 pytest tests/test_fuzz.py for a longer hunt.
    max_examples=int(os.environ.get("PEERCHECK_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PROMPT_IDS = [
    "what-happened", "went-well", "direction", "advice", "listening",
    "strengths-named", "holding-hope", "where-they-are", "curious-for-whom", "sharing", "peer-lane",
    "signposting", "supervision", "self-care", "next-time",
]

COMMANDS = [
    ["show"], ["compare"], ["values"], ["frameworks"], ["principles"], ["validate"],
    ["reflect"], ["prompts"], ["check"], ["export"], ["import"], ["trends"], ["report"],
    ["log"], ["log", "show"], ["log", "delete"], ["log", "purge"], ["log", "path"],
    ["log", "backup"], ["log", "search"], [],
]
OPTIONS = [
    "--json", "--help", "-h", "--since", "--until", "--value", "--tag", "--format", "-f", "-o",
    "--output", "--redact", "--as", "--focus", "--framework", "--template", "--answers",
    "--no-save", "--resume", "-n", "--count", "--before", "--family", "--rules", "--data-dir",
    "--version", "-", "--", "--yes",
]
WORDS = [
    "mutuality", "hope", "srn", "bccampus", "today", "yesterday", "last week", "2026-11-20",
    "2026-13-45", "2026-02-30", "0", "-1", "99999999999999999999", "", " ", "csv", "json",
    "html", "jsonl", "markdown", "text", "advice", "x" * 300, "é", "\u202e", "☃", "%s", "{0}",
    "[bold]", "../..", "/", ".", "NUL\x7f", "01J", "ZZZZ", "'", '"', "\\", "\t", "\n",
]


def _pristine(tmp_path_factory) -> Path:
    """A seeded log built once, copied into each example's home."""
    from peercheck.store.sqlite import SQLiteStore

    path = tmp_path_factory.mktemp("pristine") / "peercheck.db"
    with SQLiteStore(path) as log:
        for day in (2, 9, 16):
            log.save({
                "context": {"date": f"2026-11-{day:02d}", "kind": "group", "minutes": 40,
                            "tags": ["drop-in"]},
                "prompts": {"went-well": {"question": "What went well?", "kind": "text"}},
                "answers": {"went-well": f"They chose the topic on day {day}", "advice": 2},
                "concepts": [{"id": "hope", "name": "Hope", "score": 0.6, "level": "growing"}],
            })
    return path


@pytest.fixture
def world(tmp_path_factory, peercheck_home, monkeypatch, tmp_path):
    """Reset the log before each example and work in a scratch folder."""
    pristine = _pristine(tmp_path_factory)
    peercheck_home.mkdir(mode=0o700, parents=True, exist_ok=True)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()

    def reset() -> None:
        for old in peercheck_home.glob("peercheck.db*"):
            old.unlink()
        shutil.copyfile(pristine, peercheck_home / "peercheck.db")
        drafts = peercheck_home / "drafts"
        if drafts.exists():
            shutil.rmtree(drafts)

    def state() -> bytes:
        return (peercheck_home / "peercheck.db").read_bytes()

    return reset, state, peercheck_home


def assert_handled(result, args) -> None:
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-2000:])
    assert "Traceback" not in result.output, args
    assert "Something unexpected" not in result.output, (args, result.output[-2000:])


def count(home: Path) -> int:
    conn = sqlite3.connect(home / "peercheck.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM reflections").fetchone()[0]
    finally:
        conn.close()


# --- random command lines ----------------------------------------------------------------

token = st.one_of(
    st.sampled_from(OPTIONS),
    st.sampled_from(WORDS),
    st.sampled_from(["folder", "missing.yaml", "out.jsonl", "out.html", "/dev/null"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
            max_size=12),
)
command_line = st.builds(lambda head, rest: [*head, *rest], st.sampled_from(COMMANDS),
                         st.lists(token, max_size=6))


@FUZZ
@given(args=command_line)
def test_random_command_lines(cli, world, args):
    reset, state, home = world
    reset()
    before = state()
    result = cli(*args)
    assert_handled(result, args)
    if result.exit_code == 2:
        assert state() == before, f"{args} failed but changed the log"


# --- random answers files ----------------------------------------------------------------

scalar = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 1000), st.floats(allow_nan=True),
    st.sampled_from(["yes", "no", "unsure", "together", "the-peer", "today", "2026-13-45",
                     "2026-11-20", "", "one-to-one", "telepathy"]),
    st.text(max_size=40),
)
value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)
answers_doc = st.fixed_dictionaries(
    {},
    optional={
        "context": st.one_of(value, st.fixed_dictionaries({}, optional={
            "date": value, "kind": value, "minutes": value, "tags": value})),
        "answers": st.one_of(value, st.dictionaries(
            st.one_of(st.sampled_from(PROMPT_IDS), st.text(max_size=10)), value, max_size=6)),
        "extra": value,
    },
)
answers_text = st.one_of(
    answers_doc.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.sampled_from(["answers:\n  advice: 2026-13-45\n", "context: {date: 2026-02-30}\n",
                     "answers: &a [*a]\n", "!!python/object:os.system {}\n", "---\n---\n",
                     "answers:\n  went-well: !!binary aGVsbG8=\n"]),
)


@FUZZ
@given(text=answers_text, use_stdin=st.booleans())
def test_random_answers_files(cli, world, text, use_stdin):
    reset, state, home = world
    reset()
    before = state()
    if use_stdin:
        result = cli("reflect", "--answers", "-", "--json", input=text)
    else:
        Path("answers.yaml").write_text(text, encoding="utf-8", errors="surrogateescape")
        result = cli("reflect", "--answers", "answers.yaml", "--json")
    assert_handled(result, text)
    if result.exit_code == 0:
        assert count(home) in (3, 4)  # saved one whole reflection, or had nothing to save
    else:
        assert state() == before
        assert count(home) == 3


# --- random texts ------------------------------------------------------------------------

any_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400)


@FUZZ
@given(text=any_text)
def test_random_notes_for_check(cli, world, text):
    result = cli("check", "-", input=text)
    assert result.exit_code in (0, 1), (text, result.output[-2000:])
    assert "Traceback" not in result.output
    as_json = cli("check", "-", "--json", input=text)
    assert as_json.exit_code in (0, 1)


@FUZZ
@given(name=any_text.filter(lambda t: not t.startswith("-")))
def test_random_names_and_searches(cli, world, name):
    reset, state, home = world
    reset()
    before = state()
    for args in (["show", name], ["log", "show", name], ["log", "search", name],
                 ["log", "--value", name], ["log", "--since", name], ["reflect", "--focus",
                                                                    name, "--template"]):
        result = cli(*args)
        assert_handled(result, args)
    assert state() == before


# --- a few through the installed command -------------------------------------------------

printable = st.text(alphabet=string.ascii_letters + string.digits + "-_ ./é", max_size=15)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=st.builds(lambda head, rest: [*head, *rest], st.sampled_from(COMMANDS),
                      st.lists(st.one_of(st.sampled_from(OPTIONS + WORDS[:20]), printable),
                               max_size=4)))
def test_random_command_lines_in_a_real_process(run, world, args):
    reset, state, home = world
    reset()
    before = state()
    result = run(*[a for a in args if "\x00" not in a], input="")
    assert result.exit_code in (0, 1, 2), (args, result.output[-2000:])
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert state() == before
