"""Import: round trip, idempotence, and refusing anything that is not a peercheck export."""

from __future__ import annotations

import json
import stat

import pytest

from test_log_records import make_record, sample, write_jsonl


def _count(cli) -> int:
    return len(json.loads(cli("log", "-n", "1000", "--json").stdout))


def test_import_jsonl_then_again_adds_nothing(cli, tmp_path):
    source = tmp_path / "from-laptop.jsonl"
    write_jsonl(source, sample(7, words="words from the old laptop"))
    first = cli("import", str(source))
    assert first.exit_code == 0, first.output
    assert "Imported 7 reflections; 0 were already in your log" in first.stderr
    second = cli("import", str(source), "--json")
    assert json.loads(second.stdout) == {"added": 0, "already_there": 7}
    assert _count(cli) == 7
    # Imported text is searchable like anything reflected here.
    assert len(json.loads(cli("log", "search", "laptop", "--json").stdout)) == 7


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_export_import_export_is_identical(cli, tmp_path, peercheck_home, monkeypatch, fmt):
    records = sample(6, words="a round trip", tags=["t1", "t2"], intention="next time",
                     cue_text="you should", flags=["supervision"])
    records.append(make_record(40, "2026-12-01", kind=None, minutes=None,
                               words="naïve café — ünïcode ✓"))
    source = tmp_path / f"in.{fmt}"
    write_jsonl(source, records)
    assert cli("import", str(source)).exit_code == 0
    first = tmp_path / f"first.{fmt}"
    assert cli("export", "-o", str(first)).exit_code == 0
    monkeypatch.setenv("PEERCHECK_HOME", str(tmp_path / "elsewhere"))
    assert cli("import", str(first)).exit_code == 0
    second = tmp_path / f"second.{fmt}"
    assert cli("export", "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    parsed = (json.loads(first.read_text()) if fmt == "json"
              else [json.loads(x) for x in first.read_text().splitlines()])
    assert sorted(parsed, key=lambda r: r["id"]) == sorted(records, key=lambda r: r["id"])


def test_import_merges_two_machines(cli, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_jsonl(a, sample(4))
    write_jsonl(b, sample(6))  # the first four are the same reflections
    cli("import", str(a))
    result = cli("import", str(b))
    assert "Imported 2 reflections; 4 were already in your log" in result.stderr
    assert _count(cli) == 6


@pytest.mark.parametrize(
    ("name", "content", "expect"),
    [
        ("answers.yaml", "context:\n  kind: group\nanswers:\n  felt-equal: 4\n",
         "reflect --answers"),
        ("log.csv", "id,date,created_at,kind\n01J,2026-01-01,x,group\n", "CSV exports"),
        ("notes.txt", "just some notes\n", "not a peercheck JSON Lines or JSON export"),
        ("list.json", '[{"name": "not a reflection"}]', "not a peercheck"),
        ("empty.jsonl", "\n\n", "is empty"),
        ("binary.jsonl", None, "not a peercheck"),
    ],
)
def test_anything_else_exits_2_and_imports_nothing(cli, tmp_path, name, content, expect):
    path = tmp_path / name
    if content is None:
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe" * 50)
    else:
        path.write_text(content)
    result = cli("import", str(path))
    assert result.exit_code == 2, result.output
    said = " ".join(result.stderr.split())
    assert expect in said
    assert "nothing was imported" in said
    assert "Traceback" not in result.output
    assert _count(cli) == 0


def test_a_bad_line_half_way_imports_nothing(cli, tmp_path):
    path = tmp_path / "cut.jsonl"
    good = sample(5)
    path.write_text("".join(json.dumps(r) + "\n" for r in good) + '{"id": "01J', encoding="utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "line 6" in said and "nothing was imported" in said
    assert _count(cli) == 0


def test_bad_bytes_far_into_a_file_import_nothing(cli, tmp_path):
    """Bytes that are not UTF-8 after the first few kilobytes: one sentence, not a crash."""
    path = tmp_path / "spoiled.jsonl"
    good = "".join(json.dumps(r) + "\n" for r in sample(100)).encode("utf-8")
    path.write_bytes(good + b"\xff\xfe not text\n")
    result = cli("import", str(path))
    assert result.exit_code == 2, result.output
    said = " ".join(result.stderr.split())
    assert "not a text file" in said and "nothing was imported" in said
    assert _count(cli) == 0


def test_a_reflection_without_an_id_is_refused(cli, tmp_path):
    record = make_record(1)
    record["id"] = None
    path = tmp_path / "unsaved.json"
    path.write_text(json.dumps(record, indent=2))
    result = cli("import", str(path))
    assert result.exit_code == 2
    assert "without an id" in " ".join(result.stderr.split())


def test_missing_file_is_one_sentence(cli, tmp_path):
    result = cli("import", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 2
    assert "There is no file at" in " ".join(result.stderr.split())


def test_log_files_stay_owner_only_after_import(run, tmp_path, peercheck_home):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, sample(3))
    result = run("import", str(source))
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(peercheck_home.stat().st_mode) == 0o700
    for path in peercheck_home.glob("peercheck.db*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
