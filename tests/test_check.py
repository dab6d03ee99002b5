"""`peercheck check`, driven the way a user drives it: files, pipes, formats and exit codes."""

from __future__ import annotations

import json
import re

import pytest

NOTE = (
    "We met at the library and she talked about her painting.\n"
    "I told her she should move out, and honestly you need to rest.\n"
    'She said "you should just leave him" and laughed.\n'
    "I didn't tell her what she should do.\n"
    "He’s an addict.\n"
)


@pytest.fixture
def note(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(NOTE, encoding="utf-8")
    return path


def test_linter_lines_and_a_count_per_concept(run, note):
    result = run("check", str(note))
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{note}:2:1  told-them-to  “I told her she should”  Telling someone what to do can come "
        "from care. What might it have been like to explore their own options with them "
        "instead? (→ I asked what options they could see)"
    )
    assert re.match(rf"{re.escape(str(note))}:2:46  you-need-to  “you need to”  ", lines[1])
    assert re.match(rf"{re.escape(str(note))}:5:6  addict  “an addict”  ", lines[2])
    assert len([ln for ln in lines if ln.startswith(str(note))]) == 3  # quotes, negation: none
    assert "3 cues touching" in result.stdout
    assert "self-determination 2" in result.stdout and "respect 1" in result.stdout
    assert "not marks against you" in result.stderr


def test_json_lists_every_field(run, note):
    result = run("check", str(note), "--format", "json")
    assert result.exit_code == 1
    hits = json.loads(result.stdout)
    assert [h["rule"] for h in hits] == ["told-them-to", "you-need-to", "addict"]
    first = hits[0]
    assert {
        "line", "column", "offset", "length", "text", "rule", "family", "concepts",
        "principles", "message", "suggestion",
    } <= set(first)
    assert (first["line"], first["column"], first["length"]) == (2, 1, 21)
    assert NOTE[first["offset"] : first["offset"] + first["length"]] == first["text"]
    assert first["family"] == "advice" and first["principles"] == [1, 9, 10]
    assert run("check", str(note), "--json").stdout == result.stdout


def test_standard_input_with_dash(run):
    result = run("check", "-", input="You should call him.\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("-:1:1  you-should  “You should”")


def test_piped_input_without_dash(run):
    result = run("check", input="You should call him.\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("-:1:1  you-should")


def test_nothing_heard_exits_zero_with_a_kind_word(run):
    result = run("check", "-", input="We walked by the river and she laughed.\n")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No cues heard in standard input" in result.stderr
    empty = run("check", "-", "--json", input="Fine words.\n")
    assert empty.exit_code == 0 and json.loads(empty.stdout) == []


def test_family_filter(run, note):
    result = run("check", str(note), "--family", "labelling", "--json")
    assert [h["rule"] for h in json.loads(result.stdout)] == ["addict"]
    both = run("check", str(note), "--family", "advice,labelling", "--json")
    assert len(json.loads(both.stdout)) == 3


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("check", "missing.txt"), "There is no file called missing.txt."),
        (("check", "."), ". is a folder; peercheck check reads one text file at a time."),
        (("check", "-", "--family", "shouting"), "There is no family of cues called “shouting”."),
        (("check", "-", "--format", "xml"), "There is no format called “xml”"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_two(run, args, says):
    result = run(*args, input="")
    assert result.exit_code == 2
    assert says in result.stderr
    assert "Traceback" not in result.output


def test_non_utf8_bytes_are_named(run, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Fine first line.\nCaf\xe9 and you should go.\n".encode("latin-1"))
    result = run("check", str(path))
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"{path} is not UTF-8 text (line 2 has bytes that are not)." in said
    assert "Save it as UTF-8" in result.stderr


def test_non_utf8_on_standard_input(tmp_path):
    import subprocess

    from conftest import peercheck_exe

    proc = subprocess.run(
        [peercheck_exe(), "check", "-"], input=b"ok\n\xff\xfe odd\n", capture_output=True,
        cwd=tmp_path, timeout=60,
    )
    assert proc.returncode == 2
    assert b"standard input is not UTF-8 text (line 2 has bytes that are not)." in proc.stderr


def test_a_terminal_without_a_file_gets_an_explanation_not_a_hang(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    from conftest import peercheck_exe

    child = pexpect.spawn(peercheck_exe(), ["check"], cwd=str(tmp_path), encoding="utf-8",
                          timeout=30, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin",
                                           "PEERCHECK_HOME": str(tmp_path / "home")})
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    text = " ".join(child.before.split())
    assert "give it a file, or pipe text in" in text
    assert "peercheck check notes.txt" in text


def test_no_color_and_plain_pipes_carry_no_escape_codes(run, note):
    result = run("check", str(note), env={"NO_COLOR": "1"})
    assert "\x1b[" not in result.output


def test_colour_terminal_highlights_the_words(tmp_path, note):
    pexpect = pytest.importorskip("pexpect")
    from conftest import peercheck_exe

    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "COLUMNS": "80",
           "PEERCHECK_HOME": str(tmp_path / "home")}
    child = pexpect.spawn(peercheck_exe(), ["check", str(note)], encoding="utf-8",
                          timeout=30, env=env, dimensions=(40, 80))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "\x1b[1;4mI told her she should" in child.before  # bold underline
    assert all(len(line) <= 80 for line in _visible(child.before).splitlines())


def _visible(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text).replace("\r", "")


def test_help_has_an_example(run):
    result = run("check", "--help")
    assert result.exit_code == 0
    assert "peercheck check session-notes.md" in result.stdout


# --- an organisation's own rules ---------------------------------------------------------

ORG_CUES = """\
cues:
  - id: service-user
    family: labelling
    level: note
    concepts: [respect]
    principles: [3]
    patterns:
      - "service user~"
      - regex: 'SU\\d+'
    message: Our service says "people we walk beside". How would they put it?
    suggestion: the person / the people we support
switch-off: [crazy, minimising]
"""


def test_organisation_adds_and_switches_off_rules(run, tmp_path):
    org = tmp_path / "org"
    org.mkdir()
    (org / "cues.yaml").write_text(ORG_CUES, encoding="utf-8")
    text = "The service users met. SU12 said it was crazy. Don't worry about it.\n"
    plain = run("check", "-", "--json", input=text)
    assert {h["rule"] for h in json.loads(plain.stdout)} == {"crazy", "calm-down"}
    for how in (("--data-dir", str(org)), ()):
        env = {} if how else {"PEERCHECK_DATA": str(org)}
        result = run(*how, "check", "-", "--json", input=text, env=env)
        assert result.exit_code == 1, result.output
        hits = json.loads(result.stdout)
        assert [(h["rule"], h["text"]) for h in hits] == [
            ("service-user", "service users"),
            ("service-user", "SU12"),
        ]
    listing = run("--data-dir", str(org), "check", "--rules")
    assert "crazy (off)" in listing.stdout and "service-user" in listing.stdout


@pytest.mark.parametrize(
    ("yaml_text", "says"),
    [
        ("cues:\n  - id: x\n    family: nope\n    patterns: [a]\n    message: m?\n",
         "cues.yaml, line 3: the cue “x” names an unknown family “nope”"),
        ("cues:\n  - id: x\n    family: advice\n    patterns: ['you (must']\n    message: m?\n",
         "cues.yaml, line 4: in the cue “x”, “you (must” opens a bracket"),
        ("cues:\n  - id: x\n    family: advice\n    patterns:\n      - regex: '(a+)+'\n"
         "    message: m?\n", "repeats inside a repeat"),
        ("cues:\n  - id: x\n    family: advice\n    concepts: [kindness]\n    patterns: [a b]\n"
         "    message: m?\n", "names an unknown concept “kindness”"),
        ("switch-off: [you-shuld]\n",
         "`switch-off` names “you-shuld”, which is neither a rule id nor a family "
         "(did you mean “you-should”?)"),
        ("cues: [\n", "the YAML is not valid"),
    ],
)
def test_bad_organisation_rules_name_file_and_line(run, tmp_path, yaml_text, says):
    org = tmp_path / "org"
    org.mkdir()
    (org / "cues.yaml").write_text(yaml_text, encoding="utf-8")
    result = run("--data-dir", str(org), "check", "-", input="hello\n")
    assert result.exit_code == 2, result.output
    assert says in " ".join(result.stderr.split()), result.stderr
    assert "Traceback" not in result.output


def test_changed_organisation_rules_are_picked_up(run, tmp_path):
    """The rules cache notices when a file changes."""
    org = tmp_path / "org"
    org.mkdir()
    (org / "cues.yaml").write_text("switch-off: [you-should]\n", encoding="utf-8")
    assert run("--data-dir", str(org), "check", "-", input="You should go.\n").exit_code == 0
    (org / "cues.yaml").write_text("switch-off: [lazy]\n", encoding="utf-8")
    assert run("--data-dir", str(org), "check", "-", input="You should go.\n").exit_code == 1


# --- the same engine inside reflect ----------------------------------------------------------

def test_reflect_runs_free_text_through_the_same_engine(run, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "answers:\n"
        "  what-happened: I told her she should move out. She said “you should rest”.\n"
        "  advice: 2\n",
        encoding="utf-8",
    )
    result = run("reflect", "--answers", str(answers), "--no-save", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["id"] is None
    (cue,) = record["cues"]  # the quoted words are the peer's, so only one cue
    assert cue["prompt"] == "what-happened"
    assert (cue["rule"], cue["text"], cue["line"], cue["column"]) == (
        "told-them-to", "I told her she should", 1, 1,
    )
    checked = run("check", "-", "--json", input=record["answers"]["what-happened"])
    assert [{**c, "prompt": "what-happened"} for c in json.loads(checked.stdout)] == [cue]


def test_the_readme_example_of_organisation_rules_works(run, tmp_path):
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**Your organisation's own rules.**"):]
    example = section[section.index("```yaml\n") + 8 : section.index("```\n", 8)]
    org = tmp_path / "org"
    org.mkdir()
    (org / "cues.yaml").write_text(example, encoding="utf-8")
    result = run("--data-dir", str(org), "check", "-", "--json",
                 input="Two service users came. It was crazy. Don't worry.\n")
    assert result.exit_code == 1, result.output
    assert [h["rule"] for h in json.loads(result.stdout)] == ["service-user"]


def test_check_needs_no_writable_home(run, tmp_path):
    """The caches are a convenience: with PEERCHECK_HOME unusable, check still works."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = run("check", "-", input="You should rest.\n", env={"PEERCHECK_HOME": str(blocker)})
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("-:1:1  you-should")


def test_caches_are_private(run, peercheck_home):
    import stat

    run("check", "-", input="You should rest.\n")
    cache = peercheck_home / "cache"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    files = list(cache.iterdir())
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


def test_an_endless_input_is_refused_in_one_sentence(run):
    """/dev/zero never ends: check reads up to its limit, then says so instead of filling memory."""
    result = run("check", "/dev/zero")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().startswith("/dev/zero is larger than 64 MB"), result.stderr
    assert "Traceback" not in result.output


def test_an_organisation_regex_that_backtracks_is_stopped_with_its_name(run, tmp_path):
    """Regexes that slip past the guard run within a time budget and are named when it ends."""
    org = tmp_path / "org"
    org.mkdir()
    (org / "cues.yaml").write_text(
        "cues:\n  - id: slow-one\n    family: advice\n    patterns:\n"
        "      - regex: '(?:a{1,50}){1,50}b'\n"  # bounded repeats: the guard lets it through
        "    message: m?\n",
        encoding="utf-8",
    )
    text = ("a" * 5000 + " ") * 4 + "\n"
    result = run("--data-dir", str(org), "check", "-", input=text, timeout=120)
    assert result.exit_code == 2, result.output
    assert "slow-one" in result.stderr and "simplify it" in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_json_streams_the_same_list_a_whole_dump_would(run, tmp_path):
    text = "You should rest. I told her to go. He is an addict.\n" * 50
    result = run("check", "-", "--json", input=text)
    hits = json.loads(result.stdout)
    assert len(hits) == 150
    assert result.stdout == json.dumps(hits, indent=2, ensure_ascii=False) + "\n"


def test_a_question_the_peer_asked_is_theirs_however_long_the_sentence(run, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(
        "The peer felt hopeless after losing their job, said nothing would get better, and "
        "asked me whether they should stop their medication.\n"
        "She was tearful about her sister, had not slept, and then asked me if she should come "
        "off her tablets.\n"
        "He went over the side effects at length and wanted to know if he ought to double his "
        "dose.\n"
        "I suggested she should stop her medication.\n",
        encoding="utf-8",
    )
    result = run("check", str(path), "--format", "json")
    assert result.exit_code == 1, result.output
    assert [(hit["line"], hit["rule"]) for hit in json.loads(result.stdout)] == [
        (4, "medication-advice")
    ]


def test_signposting_to_crisis_or_professional_support_is_left_alone(run, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(
        "I said you should call the crisis line if it gets that bad tonight.\n"
        "You should really ring the Samaritans whenever it feels too much.\n"
        "If he feels unsafe again he should go straight to A&E.\n"
        "You must call 999 if you are ever in danger.\n"
        "You should talk to your prescriber before changing anything.\n"
        "You should leave him.\n",
        encoding="utf-8",
    )
    result = run("check", str(path), "--format", "json")
    assert result.exit_code == 1, result.output
    assert [(hit["line"], hit["rule"]) for hit in json.loads(result.stdout)] == [(6, "you-should")]
