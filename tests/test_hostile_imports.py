"""Hand-edited or hostile records: refused whole at import, never leaked through --redact,
and never able to break a command once stored (even by an older peercheck that did not check).
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from test_log_records import make_record, sample, write_jsonl

SECRET = "Quixote"  # stands for a peer's name or number; must never reach a redacted export
FORMATS = ["csv", "jsonl", "json", "markdown", "html"]


def _set(path: str, value):
    """A change to a good record: set the field at a dotted path (numbers index lists)."""

    def change(record: dict) -> None:
        *parents, last = path.split(".")
        node = record
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value

    return change


DEEP = "[" * 100_000 + "]" * 100_000


def _deep(record: dict) -> None:
    record["answers"]["felt-equal"] = "DEEP"  # replaced by DEEP in the file's text


# (what it is, change, the field the message names)
REFUSED = [
    ("a name as the session kind", _set("context.kind", "Sam Smith"), "context.kind"),
    ("a phone number as minutes (text)", _set("context.minutes", "07700 900123"),
     "context.minutes"),
    ("a phone number as minutes (number)", _set("context.minutes", 7700900123),
     "context.minutes"),
    ("minutes of 10^30", _set("context.minutes", 10**30), "context.minutes"),
    ("a date that is not a date", _set("context.date", "not a date"), "context.date"),
    ("a date that cannot exist", _set("context.date", "2026-02-31"), "context.date"),
    ("a date far in the past", _set("context.date", "0001-01-01"), "context.date"),
    ("a date given as a list", _set("context.date", ["2026", "11", "20"]), "context.date"),
    ("a creation time that is not a time", _set("created_at", "yesterday"), "created_at"),
    ("the id 0", _set("id", "0"), "id"),
    ("an id that is not a ULID", _set("id", "../../etc/passwd"), "id"),
    ("a score of high", _set("concepts.0.score", "high"), "concepts[0].score"),
    ("a score above 1", _set("concepts.0.score", 7), "concepts[0].score"),
    ("a score of NaN", _set("concepts.0.score", float("nan")), "concepts[0].score"),
    ("a score of Infinity", _set("concepts.0.score", float("inf")), "concepts[0].score"),
    ("a score given as a list", _set("concepts.0.score", [0.5]), "concepts[0].score"),
    ("a score of true", _set("concepts.0.score", True), "concepts[0].score"),
    ("a level given as a list", _set("concepts.0.level", ["strong"]), "concepts[0].level"),
    ("an evidence answer given as a list", _set("concepts.0.evidence.0.answer", [4]),
     "concepts[0].evidence[0].answer"),
    ("a weight of true", _set("concepts.0.evidence.0.weight", True),
     "concepts[0].evidence[0].weight"),
    ("a level that is not a level", _set("concepts.0.level", "Sam"), "concepts[0].level"),
    ("a concept id with spaces", _set("concepts.0.id", "Sam Smith"), "concepts[0].id"),
    ("flags given as a number", _set("flags", 5), "flags"),
    ("a name as a flag", _set("flags", ["Sam Smith"]), "flags[0]"),
    ("tags given as a string", _set("context.tags", "housing"), "context.tags"),
    ("tags given as a number", _set("context.tags", 5), "context.tags"),
    ("answers given as a list", _set("answers", ["a", "b"]), "answers"),
    ("an answer given as a mapping", _set("answers.felt-equal", {"a": 1}),
     "answers.felt-equal"),
    ("a lone surrogate", _set("answers.felt-equal", "\ud800"), "answers.felt-equal"),
    ("an escape sequence in a tag", _set("context.tags", ["\x1b]0;owned\x07"]),
     "context.tags[0]"),
    ("an escape sequence in a free-text answer",
     _set("answers.felt-equal", "fine\x1b[2J\x1b[3J"), "answers.felt-equal"),
    ("a bidirectional override in a concept name", _set("concepts.0.name", "ab\u202ecd"),
     "concepts[0].name"),
    ("a label with a newline", _set("label", "Sam\nSmith"), "label"),
    ("a prompt kind peercheck has not got", _set("prompts.felt-equal.kind", "essay"),
     "prompts.felt-equal.kind"),
    ("a question given as a list", _set("prompts.felt-equal.question", ["Sam"]),
     "prompts.felt-equal.question"),
    ("a prompt given as text", _set("prompts.felt-equal", "Sam"), "prompts.felt-equal"),
    ("evidence given as a mapping", _set("concepts.0.evidence", {"a": 1}),
     "concepts[0].evidence"),
    ("a weight of NaN", _set("concepts.0.evidence.0.weight", float("nan")),
     "concepts[0].evidence[0].weight"),
    ("a cue quote with an escape", _set("cues", [{"text": "\x1b]52;c;x\x07"}]),
     "cues[0].text"),
    ("an unknown context field", _set("context.peer_name", SECRET), "context.peer_name"),
    ("deep nesting", _deep, "nested"),
]


def _raw_json(record: dict) -> str:
    # NaN and Infinity as Python's json writes them (a hand-edited file can hold them too).
    return json.dumps(record).replace('"DEEP"', DEEP)


@pytest.mark.parametrize(("what", "change", "field"), REFUSED, ids=[r[0] for r in REFUSED])
@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_hostile_record_is_named_and_nothing_is_imported(cli, tmp_path, what, change, field,
                                                          fmt):
    records = sample(3)
    bad = make_record(99)
    change(bad)
    records.insert(1, bad)
    path = tmp_path / f"edited.{fmt}"
    if fmt == "jsonl":
        path.write_text("".join(_raw_json(r) + "\n" for r in records), encoding="utf-8")
        where = "line 2"
    else:
        path.write_text("[" + ", ".join(_raw_json(r) for r in records) + "]", encoding="utf-8")
        where = "record 2"
    result = cli("import", str(path))
    said = " ".join(result.stderr.split())
    assert result.exit_code == 2, (what, result.output)
    assert "Traceback" not in result.output
    assert str(path) in said and "nothing was imported" in said
    if field != "nested":
        assert f"{where}: {field}" in said, said
    else:
        assert "nested" in said
    log = cli("log", "--json")
    assert log.exit_code == 0 and json.loads(log.stdout) == []


def test_a_huge_number_is_one_sentence(cli, tmp_path):
    """10^400 is read as Infinity by JSON; a 5,000-digit number cannot be read at all."""
    good = json.dumps(make_record(1))
    path = tmp_path / "huge.jsonl"
    path.write_text(good.replace('"minutes": 50', '"minutes": 1' + "0" * 400) + "\n"
                    + good.replace('"minutes": 50', '"minutes": 1e400') + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 2 and "line 1: context.minutes" in " ".join(result.stderr.split())
    path.write_text(good.replace('"minutes": 50', '"minutes": 1' + "0" * 5000) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 2 and "line 1" in result.stderr
    path.write_text(good.replace('"minutes": 50', '"minutes": 30').replace(
        '"score": ', '"score": 1e400, "x": ', 1) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 2 and "concepts[0].score" in " ".join(result.stderr.split())


def test_same_id_twice_with_different_content_is_a_conflict(cli, tmp_path):
    first = make_record(1, words="the first telling")
    second = {**first, "answers": {**first["answers"], "what-happened": "a different telling"}}
    path = tmp_path / "two.jsonl"
    write_jsonl(path, [first, make_record(2), second])
    result = cli("import", str(path))
    said = " ".join(result.stderr.split())
    assert result.exit_code == 2
    assert f"line 3 gives the reflection {first['id']} again with different content" in said
    assert json.loads(cli("log", "--json").stdout) == []
    # The same record twice is only a copy, even with its fields in another order.
    path.write_text(json.dumps(first) + "\n" + json.dumps(first, sort_keys=True, indent=None,
                                                          separators=(",", ":")) + "\n")
    assert cli("import", str(path)).exit_code == 0
    assert len(json.loads(cli("log", "--json").stdout)) == 1


def test_a_lowercase_id_is_upper_cased_so_every_command_finds_it(cli, tmp_path):
    record = make_record(1)
    record["id"] = record["id"].lower()
    path = tmp_path / "lower.jsonl"
    write_jsonl(path, [record])
    assert cli("import", str(path)).exit_code == 0
    stored = json.loads(cli("log", "--json").stdout)
    assert [r["id"] for r in stored] == [record["id"].upper()]
    assert cli("log", "show", record["id"][:8]).exit_code == 0
    assert cli("log", "delete", record["id"][:8], "--yes").exit_code == 0
    assert json.loads(cli("log", "--json").stdout) == []


# --- records that are valid but try to leak through --redact ---------------------------------


def _leak_free_text_labelled_scale(record: dict) -> None:
    record["prompts"]["what-happened"] = {"question": "What stayed with you?", "kind": "scale"}
    record["answers"]["what-happened"] = f"I met {SECRET} at the station"


def _leak_unknown_prompt_labelled_scale(record: dict) -> None:
    record["prompts"]["mystery"] = {"question": "How was it?", "kind": "scale"}
    record["answers"]["mystery"] = SECRET


def _leak_choice_outside_peercheck_choices(record: dict) -> None:
    record["prompts"]["direction"] = {"question": "Who led?", "kind": "choice"}
    record["answers"]["direction"] = SECRET.lower()


def _leak_concept_name(record: dict) -> None:
    record["concepts"][0]["name"] = f"{SECRET} Smith"


def _leak_evidence(record: dict) -> None:
    record["concepts"][0]["evidence"].append(
        {"prompt": "hope", "answer": SECRET, "weight": 0.5}
    )


def _leak_flag(record: dict) -> None:
    record["flags"] = ["supervision", SECRET.lower()]


def _leak_question(record: dict) -> None:
    record["prompts"]["felt-equal"]["question"] = f"Did {SECRET} call back?"


def _leak_concept_id(record: dict) -> None:
    record["concepts"].append({"id": SECRET.lower(), "name": SECRET, "score": 0.5,
                               "level": "growing", "evidence": []})


def _leak_cue(record: dict) -> None:
    record["cues"] = [{"prompt": "what-happened", "rule": SECRET.lower(),
                       "family": SECRET.lower(), "concepts": [SECRET.lower()],
                       "principles": [3], "level": "note", "text": SECRET}]


def _leak_focus(record: dict) -> None:
    record["focus"] = SECRET.lower()


LEAKS = [
    _leak_free_text_labelled_scale, _leak_unknown_prompt_labelled_scale,
    _leak_choice_outside_peercheck_choices, _leak_concept_name, _leak_evidence, _leak_flag,
    _leak_question, _leak_concept_id, _leak_cue, _leak_focus,
]


@pytest.mark.parametrize("leak", LEAKS, ids=[f.__name__[6:] for f in LEAKS])
def test_redaction_never_believes_the_record(cli, tmp_path, leak):
    record = make_record(1)
    leak(record)
    path = tmp_path / "leaky.jsonl"
    write_jsonl(path, [record, make_record(2)])
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output
    # Unredacted, the secret is there: the test would see a leak.
    plain = cli("export", "-f", "json")
    assert SECRET.lower() in plain.stdout.lower()
    for fmt in FORMATS:
        red = cli("export", "--redact", "-f", fmt)
        assert red.exit_code == 0, (fmt, red.output)
        assert SECRET.lower() not in red.stdout.lower(), (fmt, red.stdout)
    # Scores still travel: the redacted export is still useful.
    shared = json.loads(cli("export", "--redact", "-f", "json").stdout)
    assert all(r["concepts"] for r in shared)


# --- records an older peercheck stored without checking --------------------------------------


BAD_STORED = [
    ("a date that is not a date", _set("context.date", "not a date")),
    ("a date given as a list", _set("context.date", ["2026", "11", "20"])),
    ("the id 0", _set("id", "0")),
    ("a score of high", _set("concepts.0.score", "high")),
    ("a score of NaN", _set("concepts.0.score", float("nan"))),
    ("flags given as a number", _set("flags", 5)),
    ("tags given as a string", _set("context.tags", "housing")),
    ("answers given as a list", _set("answers", ["a"])),
    ("concepts given as a mapping", _set("concepts", {"a": 1})),
    ("a concept given as text", _set("concepts", ["hope"])),
    ("minutes as text", _set("context.minutes", "an hour")),
    ("context given as a list", _set("context", ["x"])),
    ("a concept name as a number", _set("concepts.0.name", 5)),
]

READERS = [
    ("log",), ("log", "--json"), ("log", "search", "stored"), ("trends",), ("trends", "--json"),
    *(("export", "-f", fmt) for fmt in FORMATS),
    *(("export", "--redact", "-f", fmt) for fmt in FORMATS),
]


def _store_unchecked(home, record: dict) -> None:
    """Put a record in the log the way an older peercheck's import would have."""
    from peercheck.store import open_store

    good = make_record(2, words="stored well")
    store = open_store()
    store.save(good)
    store.close()
    conn = sqlite3.connect(home / "peercheck.db")
    context = record.get("context") if isinstance(record.get("context"), dict) else {}
    conn.execute(
        "INSERT INTO reflections (id, created_at, session_date, kind, minutes, record) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (str(record["id"]), record["created_at"], str(context.get("date")),
         str(context.get("kind")), None, json.dumps(record)),
    )
    conn.execute("INSERT INTO reflection_text (reflection_id, body) VALUES (?, ?)",
                 (str(record["id"]), "stored badly"))
    conn.execute(
        "INSERT INTO reflection_concepts (reflection_id, concept_id, score, level, session_date) "
        "VALUES (?, 'hope', 0.5, 'growing', ?)", (str(record["id"]), str(context.get("date"))))
    conn.commit()
    conn.close()


@pytest.mark.parametrize(("what", "change"), BAD_STORED, ids=[b[0] for b in BAD_STORED])
def test_a_record_stored_badly_before_cannot_break_a_reader(cli, peercheck_home, what, change):
    record = make_record(1, words="stored badly")
    change(record)
    _store_unchecked(peercheck_home, record)
    for args in READERS:
        result = cli(*args)
        assert result.exit_code == 0, (what, args, result.output)
    shown = cli("log", "show", str(record["id"]))
    assert shown.exit_code == 0, shown.output
    healthy = cli("log", "--json")
    assert "damaged" not in healthy.output
    assert cli("log", "delete", str(record["id"]), "--yes").exit_code == 0
    assert len(json.loads(cli("log", "--json").stdout)) == 1
