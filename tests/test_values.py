"""The values library and its commands, as a trainer or an organisation would use them."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
import yaml

from peercheck import data
from peercheck.errors import DataError, InputError
from peercheck.values import check_folder, clear_cache, load_catalog

FORGIVING = {
    "mutuality": ("mutuality", None),
    "Mutual & Reciprocal": ("mutuality", "Mutual & reciprocal"),
    "mutual and reciprocal": ("mutuality", "Mutual & reciprocal"),
    "stay in lane": ("stay-in-lane", None),
    "Stay-In-Lane": ("stay-in-lane", None),
    "self determination": ("self-determination", None),
    "Person Driven": ("self-determination", "Person driven"),
    "honest and direct": ("authenticity", "Honest & direct"),
    "respect dignity & equity": ("respect", "Respect, Dignity and Equity"),
    "  HOPE ": ("hope", None),
    "empowerment": ("self-determination", "Empowerment"),
    "strengths focused": ("strengths", "Strengths focussed"),
}


@pytest.fixture(autouse=True)
def fresh_catalog():
    clear_cache()
    yield
    clear_cache()
    data.set_override(None)


# --- the library ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FORGIVING))
def test_names_match_forgivingly(name):
    concept_id, value_name = FORGIVING[name]
    match = load_catalog().lookup(name)
    assert match.concept.id == concept_id
    assert (match.value.name if match.value else None) == value_name


def test_every_value_alias_and_concept_resolves():
    cat = load_catalog()
    for concept in cat.concepts.values():
        assert cat.resolve(concept.id) is concept
        assert cat.resolve(concept.name) is concept
    for fw in cat.frameworks.values():
        for value in fw.values:
            assert value.concepts, value.name
            for name in (value.name, *value.aliases):
                assert cat.resolve(name).id in cat.concepts
            # Every value is found under each of its concepts.
            for cid in value.concepts:
                assert (fw, value) in cat.values_for(cid)


def test_unknown_name_says_so_and_offers_the_closest():
    with pytest.raises(InputError) as caught:
        load_catalog().resolve("mutualty")
    assert "no value named “mutualty”" in caught.value.message
    assert "Mutuality" in caught.value.hint


def test_values_for_and_principles_for_follow_the_crosswalk():
    cat = load_catalog()
    names = [(fw.id, v.name) for fw, v in cat.values_for("mutuality")]
    assert names == [
        ("bccampus", "Mutuality"), ("peer-support-values", "Mutual & reciprocal"),
        ("peer-support-values", "Equal"), ("getting-oriented", "Empathy and Mutuality"),
        ("srn", "Mutuality"),
    ]
    assert [v.name for _, v in cat.values_for("mutuality", "srn")] == ["Mutuality"]
    assert [p.number for p in cat.principles_for("stay-in-lane")] == [11, 12, 14, 16]
    assert list(cat.principles) == list(range(1, 17))


# --- broken data: one clear message naming the file and the line ---------------------------

GOOD_FRAMEWORK = """\
frameworks:
  - id: our-values
    title: Our Values
    citation: Our organisation's values (2025)
    values:
      - id: walking-alongside
        name: Walking alongside
        definition: ["We walk alongside, never ahead."]
        concepts: [mutuality]
"""

BROKEN = {
    # case: (values.yaml text, expected words in the message, expected line)
    "yaml syntax": (
        "frameworks:\n  - id: our-values\n    title: [unclosed\n", "not valid", 4,
    ),
    "unknown concept": (
        GOOD_FRAMEWORK.replace("concepts: [mutuality]", "concepts: [mutualty]"),
        "the concept 'mutualty', which is not defined", 9,
    ),
    "duplicate id": (
        GOOD_FRAMEWORK + GOOD_FRAMEWORK.replace("frameworks:\n", ""),
        "the framework id 'our-values' is used twice", 10,
    ),
    "missing name": (
        GOOD_FRAMEWORK.replace("        name: Walking alongside\n", ""),
        "is missing its name", 6,
    ),
    "unknown value in a concept": (
        GOOD_FRAMEWORK + "concepts:\n  - id: hope\n    values:\n      our-values: [nope]\n",
        "names 'nope', which is not a value of framework 'our-values'", 13,
    ),
    "value without a concept": (
        GOOD_FRAMEWORK.replace("        concepts: [mutuality]\n", ""),
        "is not linked to any concept", 6,
    ),
}


def org_folder(tmp_path: Path, values: str | None = None, principles: str | None = None) -> Path:
    folder = tmp_path / "org"
    folder.mkdir(exist_ok=True)
    if values is not None:
        (folder / "values.yaml").write_text(values, encoding="utf-8")
    if principles is not None:
        (folder / "principles.yaml").write_text(principles, encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_data_names_file_line_and_problem(tmp_path, case):
    text, words, line = BROKEN[case]
    folder = org_folder(tmp_path, values=text)
    with pytest.raises(DataError) as caught:
        check_folder(folder)
    message = caught.value.message
    assert str(folder / "values.yaml") in message
    assert f"line {line}:" in message, message
    assert words in message


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_data_exits_2_without_a_traceback(cli, tmp_path, case):
    text, words, line = BROKEN[case]
    folder = org_folder(tmp_path, values=text)
    for args in (["--data-dir", str(folder), "show", "mutuality"], ["validate", str(folder)]):
        result = cli(*args)
        assert result.exit_code == 2
        assert "Traceback" not in result.output
        stderr = " ".join(result.stderr.split())
        assert f"values.yaml, line {line}:" in stderr
        assert words in stderr


def test_duplicate_principle_and_unknown_concept_in_principles(tmp_path):
    folder = org_folder(tmp_path, principles=(
        "principles:\n  - number: 3\n    text: A\n    concepts: [respect]\n"
        "  - number: 3\n    text: B\n    concepts: [kindness]\n"
    ))
    with pytest.raises(DataError) as caught:
        check_folder(folder)
    assert "principles.yaml, line 5: principle number 3 is used twice" in caught.value.message


def test_other_sections_of_the_files_are_ignored(tmp_path):
    folder = org_folder(tmp_path, values=GOOD_FRAMEWORK + "cues: {whatever: 1}\n",
                        principles="prompts:\n  - id: mine\n")
    assert "our-values" in check_folder(folder).frameworks


# --- an organisation's own folder ----------------------------------------------------------


def test_org_framework_is_added_and_same_id_replaces(tmp_path, monkeypatch):
    replacement = """\
frameworks:
  - id: srn
    title: Our local SRN reading
    values:
      - id: hope
        name: Hope
        definition: ["Our own short version."]
concepts:
  - id: hope
    values:
      srn: [hope]
"""
    folder = org_folder(tmp_path, values=GOOD_FRAMEWORK.replace("frameworks:\n", "")
                        .join(["frameworks:\n", ""]) + replacement.split("frameworks:\n")[1])
    monkeypatch.setenv("PEERCHECK_DATA", str(folder))
    cat = load_catalog()
    assert list(cat.frameworks) == [
        "bccampus", "peer-support-values", "getting-oriented", "srn", "our-values",
    ]
    assert cat.frameworks["srn"].title == "Our local SRN reading"
    assert [v.id for v in cat.frameworks["srn"].values] == ["hope"]
    # Built-in links to the replaced framework's old values are gone, the new ones are there.
    assert cat.concepts["mutuality"].values.get("srn") is None
    assert cat.concepts["hope"].values["srn"] == ["hope"]
    assert [v.name for _, v in cat.values_for("mutuality", "our-values")] == ["Walking alongside"]


def test_org_principles_replace_by_number(tmp_path, monkeypatch):
    folder = org_folder(tmp_path, principles=(
        "principles:\n  - number: 12\n    text: Liaise with local services.\n"
        "    concepts: [stay-in-lane]\n  - number: 17\n    text: Look after yourself.\n"
        "    concepts: [compassion]\n"
    ))
    monkeypatch.setenv("PEERCHECK_DATA", str(folder))
    cat = load_catalog()
    assert cat.principles[12].text == "Liaise with local services."
    assert cat.principles[17].concepts == ["compassion"]
    assert len(cat.principles) == 17


def test_disk_cache_is_private_and_follows_file_changes(tmp_path, monkeypatch, peercheck_home):
    folder = org_folder(tmp_path, values=GOOD_FRAMEWORK)
    monkeypatch.setenv("PEERCHECK_DATA", str(folder))
    assert load_catalog().frameworks["our-values"].title == "Our Values"
    cache = peercheck_home / "cache" / "catalog.json"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    # A new process (cleared memory) with a changed file sees the change, not the cache.
    clear_cache()
    (folder / "values.yaml").write_text(GOOD_FRAMEWORK.replace("Our Values", "Our Values v2"))
    assert load_catalog().frameworks["our-values"].title == "Our Values v2"
    # And a new process with unchanged files is served from the cache, identically.
    before = load_catalog().to_dict()
    clear_cache()
    assert load_catalog().to_dict() == before


# --- the commands --------------------------------------------------------------------------


def fits(text: str, width: int = 80) -> bool:
    return all(len(line) <= width for line in text.splitlines())


def test_show_text_quotes_every_framework_with_citation(cli):
    result = cli("show", "mutuality")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert out.startswith("Mutuality In our words:")
    assert ("The peer relationship is mutual and reciprocal. Peer support breaks down "
            "hierarchies.") in out
    assert "each person both gives and receives support." in out
    assert "We are interdependent and all have something to contribute." in out
    assert "https://opentextbc.ca/peersupport/chapter/core-values-of-peer-support/" in out
    assert "— Scottish Recovery Network, “The Peer Values Framework”" in out
    assert "9. Do not give advice." in out
    assert fits(result.stdout)
    assert "\x1b[" not in result.stdout  # NO_COLOR
    assert not any(line != line.rstrip() for line in result.stdout.splitlines())


def test_show_a_named_only_value_says_so_and_quotes_related_statements(cli):
    result = cli("show", "Integrity", "--framework", "getting-oriented")
    out = " ".join(result.stdout.split())
    assert result.exit_code == 0
    assert "lists “Integrity” as a core value without a definition" in out
    assert "Experiencing genuine compassion, integrity, and empathy" in out
    # a line about genuine connection does not speak to integrity, so it is not quoted for it
    assert "Value in genuinely connecting with another person" not in out


def test_show_says_plainly_what_no_statement_speaks_to(run):
    result = run("show", "Self-determination", "and", "Equity", "-f", "getting-oriented")
    out = " ".join(result.stdout.split())
    assert result.exit_code == 0
    assert "None of the source's statements of value speaks to equity" in out
    honesty = run("show", "honesty", "--framework", "getting-oriented", "--format", "markdown")
    said = " ".join(honesty.stdout.split())
    assert "lists “Honesty” as a core value without a definition, and none of its statements" \
        " of value speaks to it" in said
    assert "Genuinely and attentively listening" not in said


@pytest.mark.parametrize("name", [n for n in FORGIVING if " " in n.strip()])
def test_show_takes_a_name_of_several_words_without_quotes(run, name):
    quoted = run("show", name, "--json")
    unquoted = run("show", *name.split(), "--json")
    assert unquoted.exit_code == 0, unquoted.stderr
    assert json.loads(unquoted.stdout) == json.loads(quoted.stdout)
    assert json.loads(unquoted.stdout)["concept"]["id"] == FORGIVING[name][0]


def test_compare_why_quotes_the_phrase_each_link_rests_on(run):
    result = run("compare", "--why")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "bccampus: Hope and Wholeness for All (opening text) “Hope and wholeness for all " \
        "includes the practice of cultivating compassion for both self and others.”" in out
    assert "peer-support-values: Empathetic “Empathy comes from ‘lived experience’”" in out
    data = json.loads(run("compare", "--json").stdout)
    reasons = {(c["id"], r["framework"], r["id"]): r["phrase"] for c in data["concepts"]
               for r in c["why"]}
    assert reasons[("empathy", "bccampus", "belonging-and-community")] == (
        "intentionally practice empathy, compassion & self-compassion")
    handout = run("compare", "--why", "--format", "markdown").stdout
    assert handout.startswith("# Why each value is part of a concept")
    assert "- **Peer Support Values, Stay in lane**: “Peer supporters know when" in handout


def test_a_reason_not_quoted_from_its_value_is_refused(run, tmp_path):
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "values.yaml").write_text(
        "concepts:\n  - id: hope\n    why:\n      srn:\n"
        "        hope: \"We never give up on anyone.\"\n", encoding="utf-8")
    result = run("validate", str(folder))
    assert result.exit_code == 2
    assert "line 5: the reason concept 'hope' gives for 'hope' of 'srn' is not quoted" in (
        " ".join(result.stderr.split()))


@pytest.mark.parametrize("name", list(FORGIVING))
def test_show_accepts_every_spelling(cli, name):
    assert cli("show", name).exit_code == 0


def test_show_unknown_name_or_framework_exits_2_with_closest(cli):
    result = cli("show", "stay in lain")
    assert result.exit_code == 2
    assert "no value named “stay in lain”" in result.stderr
    assert "Stay in lane" in result.stderr or "Staying in the peer lane" in result.stderr
    result = cli("show", "hope", "--framework", "scottish")
    assert result.exit_code == 2 and "no framework named “scottish”" in result.stderr
    assert "srn" in result.stderr


def test_show_framework_filter_and_absence(cli):
    result = cli("show", "hope", "--framework", "srn")
    assert "The Peer Values Framework: Hope" in result.stdout
    assert "Peer Support Values" not in result.stdout
    result = cli("show", "stay-in-lane", "--framework", "srn")
    assert result.exit_code == 0 and "has no value linked to" in " ".join(result.stdout.split())


def test_show_markdown_is_a_handout(cli):
    result = cli("show", "self-determination", "--format", "markdown")
    md = result.stdout
    assert md.startswith("# Self-determination\n")
    assert "*In our words (peercheck's summary, not a quotation):*" in md
    assert "## Core Values of Peer Support: Self-Determination" in md
    # Every quoted block is followed by its citation, with the URL where known.
    blocks = re.split(r"\n## ", md)[1:]
    for block in blocks:
        if block.startswith("Related Principles"):
            assert "- **8.** Empower your peer" in block
            continue
        assert "\n> " in block or "without a definition" in block
        assert "\nSource: " in block
    assert "<https://opentextbc.ca/peersupport/chapter/core-values-of-peer-support/>" in md
    assert fits(md.split("| ")[0])


def test_show_json_is_the_same_content_as_data(cli):
    result = cli("show", "Mutual & Reciprocal", "--format", "json")
    view = json.loads(result.stdout)
    assert view["concept"]["id"] == "mutuality"
    assert view["matched"] == {"framework": "peer-support-values",
                               "value": "mutual-and-reciprocal", "name": "Mutual & reciprocal"}
    # The value asked for comes first; the other frameworks follow in their usual order.
    assert [b["framework"]["id"] for b in view["frameworks"]] == [
        "peer-support-values", "bccampus", "getting-oriented", "srn"]
    assert view["frameworks"][0]["values"][0]["name"] == "Mutual & reciprocal"
    assert [p["number"] for p in view["principles"]] == [1, 9, 10]
    assert json.loads(cli("show", "mutuality", "--json").stdout)["concept"]["id"] == "mutuality"


def test_frameworks_and_values_commands(cli):
    result = cli("frameworks")
    assert result.exit_code == 0 and fits(result.stdout)
    for fw_id in ("bccampus", "peer-support-values", "getting-oriented", "srn"):
        assert fw_id in result.stdout
    listed = json.loads(cli("frameworks", "--json").stdout)
    assert [f["values"] for f in listed] == [7, 13, 10, 6]
    result = cli("values", "--framework", "srn")
    assert "The Peer Values Framework" in result.stdout and "Empowerment" in result.stdout
    assert "Voluntary" not in result.stdout
    values = json.loads(cli("values", "--json").stdout)
    assert sum(len(f["values"]) for f in values) == 36


def test_compare_text_csv_markdown(cli):
    text = cli("compare").stdout
    assert fits(text) and "Self-Determination" in text and "Empathy and Mutuality" in text
    import csv
    import io

    rows = list(csv.reader(io.StringIO(cli("compare", "--format", "csv").stdout)))
    assert rows[0][:3] == ["concept_id", "concept", "Core Values of Peer Support"]
    mutuality = next(r for r in rows if r[0] == "mutuality")
    assert mutuality[3] == "Mutual & reciprocal; Equal"
    md = cli("compare", "--format", "markdown").stdout
    assert md.startswith("# ") and "| **Mutuality** |" in md


def test_principles_command(cli):
    result = cli("principles")
    assert result.exit_code == 0 and fits(result.stdout)
    assert "16. Seek supervision or other associated health care professional" in result.stdout
    result = cli("principles", "--value", "Stay-In-Lane", "--json")
    assert [p["number"] for p in json.loads(result.stdout)] == [11, 12, 14, 16]


def test_validate_builtin_and_org_folder(cli, tmp_path):
    result = cli("validate")
    assert result.exit_code == 0
    assert "4 frameworks, 36 values, 17 concepts, 16 principles" in result.stdout
    folder = org_folder(tmp_path, values=GOOD_FRAMEWORK)
    result = cli("validate", str(folder))
    assert result.exit_code == 0 and "our-values" in result.stdout
    assert "5 frameworks, 37 values" in result.stdout


def test_every_command_has_help_with_an_example(cli):
    for command in ("frameworks", "values", "show", "compare", "principles", "validate"):
        result = cli(command, "--help")
        assert result.exit_code == 0
        assert f"peercheck {command}" in result.stdout


def test_installed_peercheck_from_outside_the_repo(run, tmp_path):
    result = run("show", "mutuality", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert "Mutual & reciprocal" in result.stdout
    assert fits(result.stdout)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "values.yaml").write_text("frameworks: [\n")
    result = run("show", "hope", env={"PEERCHECK_DATA": str(bad)})
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "values.yaml, line 2: the YAML is not valid" in " ".join(result.stderr.split())


def test_yaml_data_loads_with_the_c_loader():
    assert hasattr(yaml, "CSafeLoader")


@pytest.mark.parametrize("no_color", [True, False])
def test_show_in_a_terminal_fits_80_columns_and_honours_no_color(tmp_path, no_color):
    pexpect = pytest.importorskip("pexpect")
    from conftest import peercheck_exe

    env = {"PATH": "/usr/bin:/bin", "PEERCHECK_HOME": str(tmp_path / "home"), "TERM": "xterm"}
    if no_color:
        env["NO_COLOR"] = "1"
    child = pexpect.spawn(peercheck_exe(), ["--no-pager", "show", "mutuality"], cwd=str(tmp_path),
                          encoding="utf-8", timeout=60, env=env, dimensions=(24, 80))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    colour = re.compile(r"\x1b\[[0-9;]*3[0-9][;m]")
    assert bool(colour.search(child.before)) is not no_color
    plain = re.sub(r"\x1b\[[0-9;]*m", "", child.before).replace("\r", "")
    assert "Mutual & reciprocal" in plain
    assert all(len(line) <= 80 for line in plain.splitlines())


def test_a_warm_show_into_a_pipe_needs_neither_yaml_nor_rich(tmp_path):
    """Start-up stays cheap: once the catalog is cached, piped output parses no YAML and
    draws nothing with Rich (bench/startup.py has the timings)."""
    import os
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from peercheck.cli import main\n"
        "try:\n    main(['show', 'mutuality'])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(m for m in ('yaml', 'rich') if m in sys.modules))\n"
    )
    env = dict(os.environ, PEERCHECK_HOME=str(tmp_path / "home"))
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           env=env, cwd=tmp_path, timeout=60) for _ in range(2)]
    assert "Mutual & reciprocal" in runs[1].stdout
    assert runs[0].stderr.strip() == "yaml"  # the first run parses and caches
    assert runs[1].stderr.strip() == ""


def test_opening_text_is_named_alike_in_compare_why_values_and_show(run):
    """A trainer gets one answer: BCcampus's “Hope and Wholeness for All” is its opening
    text, not a value, and every view that links it to a concept says so the same way."""
    label = "Hope and Wholeness for All (opening text)"
    table = json.loads(run("compare", "--json").stdout)
    for concept in table["concepts"]:
        why = [r["name"] for r in concept["why"] if r["framework"] == "bccampus"]
        assert why == concept["cells"]["bccampus"], concept["id"]
        if concept["id"] in ("hope", "compassion"):
            assert label in why
    hope = next(c for c in table["concepts"] if c["id"] == "hope")
    assert hope["values"]["bccampus"] == []  # still not a value
    wide = run("compare", env={"COLUMNS": "200"}).stdout.splitlines()
    row = wide[wide.index("Hope") + 1].split()
    assert " ".join(row[:7]) == label
    assert f"hope,Hope,{label}," in run("compare", "--format", "csv").stdout
    assert f"| **Hope** | {label} |" in run("compare", "--format", "markdown").stdout
    listed = " ".join(run("values", "--framework", "bccampus",
                          env={"COLUMNS": "200"}).stdout.split())
    assert f"{label} Hope, Compassion" in listed
    assert f"**{label}**: Hope, Compassion" in run("values", "--format", "markdown").stdout
    shown = " ".join(run("show", "hope", "--framework", "bccampus").stdout.split())
    assert f"Core Values of Peer Support: {label}" in shown


def test_no_statement_sentence_does_not_deny_the_principles_listed_below(run):
    """“None of its statements speaks to it” followed by a principle that does reads as a
    contradiction: the sentence is about the statements of value, and says so, for every
    value that is silent on something."""
    cat = load_catalog()
    for fw in cat.frameworks.values():
        for value in fw.values:
            if value.defined or (value.related and not value.silent_on):
                continue
            result = run("show", value.name, "--framework", fw.id)
            out = " ".join(result.stdout.split())
            assert result.exit_code == 0, result.stderr
            said = [s for s in re.split(r"(?<=\.) ", out) if "speaks to" in s]
            assert said, value.id
            for sentence in said:
                assert "statements of value" in sentence, sentence
                assert "Principles of Practice are quoted as such" in sentence, sentence
