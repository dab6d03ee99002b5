"""The team report, driven as a supervisor would: each reflection counted once, empty exports
counted as zero, the per-worker table, a period, and labels printed as plain text."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from test_log_records import make_record, seed


def _export(run, tmp_path, monkeypatch, worker: str, records: list[dict], *args: str):
    """Seed a worker's log and export it with ``args``; returns the export's path."""
    monkeypatch.setenv("PEERCHECK_HOME", str(tmp_path / worker))
    seed(records)
    target = tmp_path / f"{worker}{'-'.join(args).replace(' ', '')}.jsonl"
    result = run("export", *args, "-o", str(target))
    assert result.exit_code == 0, result.output
    return target


def _team(run, *args: str) -> dict:
    result = run("report", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_same_reflections_twice_count_once(run, tmp_path, monkeypatch):
    records = [make_record(1, "2026-10-01"), make_record(2, "2026-10-03")]
    full = _export(run, tmp_path, monkeypatch, "a", records, "--as", "Worker A")
    redacted = _export(run, tmp_path, monkeypatch, "a", [], "--redact", "--as", "Worker A")
    data = _team(run, str(full), str(full), str(redacted))
    assert data["reflections"] == 2 and data["duplicates"] == 2  # the redacted copy's
    assert data["files"] == 2 and data["repeated_files"] == 1  # full, named twice, read once
    assert [(lb["label"], lb["reflections"]) for lb in data["labels"]] == [("Worker A", 2)]
    text = run("report", str(full), str(redacted)).stdout
    assert "2 reflections met more than once" in " ".join(text.split())


def test_one_file_named_twice_is_one_export_file_said_truthfully(run, tmp_path, monkeypatch):
    scores = {c: 0.9 for c in ("hope", "mutuality", "empathy", "strengths", "acknowledgement",
                               "self-determination", "responsibility", "lived-experience")}
    full = _export(run, tmp_path, monkeypatch, "a", [make_record(1, "2026-10-01", scores=scores)],
                   "--as", "Worker A")
    text = run("report", str(full), str(full)).stdout
    said = " ".join(text.split())
    assert "1 reflection from 1 worker (1 export file)" in said
    assert "1 file name given more than once was read only once" in said
    assert "met more than once" not in said  # no reflection was set aside: the file was
    lines = text.splitlines()
    assert [line for line in lines if line != line.rstrip()] == []
    # "Each worker's values": a row too long for 80 columns wraps under itself, not at column 0.
    start = lines.index("Each worker's values") + 1
    rows = lines[start:lines.index("", start)]
    assert len(rows) > 1 and rows[0].startswith("  Worker A: strong: ")
    assert all(row.startswith("     ") and row.strip() for row in rows[1:])


def test_an_export_of_no_reflections_counts_as_zero(run, tmp_path, monkeypatch):
    full = _export(run, tmp_path, monkeypatch, "a", [make_record(1, "2026-10-01")])
    monkeypatch.setenv("PEERCHECK_HOME", str(tmp_path / "nobody"))
    empty_jsonl, empty_json = tmp_path / "sam.jsonl", tmp_path / "kit.json"
    assert run("export", "-o", str(empty_jsonl)).exit_code == 0
    assert run("export", "-o", str(empty_json)).exit_code == 0
    data = _team(run, str(full), str(empty_jsonl), str(empty_json))
    assert data["reflections"] == 1 and data["files"] == 3
    counts = {lb["label"]: lb["reflections"] for lb in data["labels"]}
    assert counts == {"a": 1, "sam": 0, "kit": 0}


def test_per_worker_levels_flags_and_dates(run, tmp_path, monkeypatch):
    a = _export(run, tmp_path, monkeypatch, "a", [
        make_record(1, "2026-10-01", flags=["safety", "supervision"],
                    scores={"hope": 0.9, "mutuality": 0.3}),
        make_record(2, "2026-10-09", flags=["supervision"], scores={"hope": 0.8, "mutuality": 0.4}),
        make_record(3, "2026-10-20", scores={"hope": 0.7, "mutuality": 0.5}),
    ], "--as", "Ash")
    b = _export(run, tmp_path, monkeypatch, "b", [
        make_record(4, "2026-10-02", scores={"hope": 0.2}),
    ], "--as", "Bo")
    data = _team(run, str(a), str(b))
    ash, bo = data["labels"]
    assert (ash["first"], ash["last"], ash["safety"], ash["supervision"]) == (
        "2026-10-01", "2026-10-20", 1, 2)
    assert {v["id"]: v["level"] for v in ash["values"]} == {
        "hope": "strong", "mutuality": "worth a look"}
    assert {v["id"]: v["level"] for v in bo["values"]} == {"hope": "worth a look"}
    md = run("report", str(a), str(b), "-f", "markdown").stdout
    assert "| Ash | 3 | 2026-10-01 | 2026-10-20 | 1 | 2 | 0 |" in md
    assert "- **Ash:** strong: Hope; worth a look: Mutuality" in md
    text = " ".join(run("report", str(a), str(b)).stdout.split())
    assert "Ash: strong: Hope; worth a look: Mutuality" in text


def test_since_and_until_limit_the_period(run, tmp_path, monkeypatch):
    a = _export(run, tmp_path, monkeypatch, "a", [
        make_record(1, "2026-09-28", flags=["safety"]),
        make_record(2, "2026-10-05"),
        make_record(3, "2026-10-25"),
        make_record(4, "2026-11-02"),
    ], "--as", "Ash")
    data = _team(run, str(a), "--since", "2026-10-01", "--until", "2026-10-31")
    assert data["reflections"] == 2 and data["since"] == "2026-10-01"
    (ash,) = data["labels"]
    assert (ash["first"], ash["last"], ash["safety"]) == ("2026-10-05", "2026-10-25", 0)
    none = _team(run, str(a), "--since", "2026-12-01")
    assert none["reflections"] == 0 and none["labels"][0]["reflections"] == 0


def test_a_reversed_period_is_one_sentence_everywhere(run, tmp_path, monkeypatch):
    a = _export(run, tmp_path, monkeypatch, "a", [make_record(1, "2026-10-01")])
    for command in (["log"], ["export"], ["trends"], ["report", str(a)]):
        result = run(*command, "--since", "2026-11-01", "--until", "2026-10-01")
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr.strip().splitlines() == [
            "--since 2026-11-01 comes after --until 2026-10-01; swap them to cover that period."
        ], command
        assert result.stdout == ""


def test_labels_and_names_print_as_text_not_formatting(run, tmp_path, monkeypatch):
    label = "Sam [/] [link=https://example.org]x[/link] <b>&amp;"
    record = make_record(1, "2026-10-01", scores={"hope": 0.9})
    record["concepts"][0]["name"] = "Hope [bold]<i>"
    monkeypatch.setenv("PEERCHECK_HOME", str(tmp_path / "a"))
    seed([record])
    a = tmp_path / "a.jsonl"
    assert run("export", "--as", label, "-o", str(a)).exit_code == 0
    plain = run("report", str(a))
    assert plain.exit_code == 0, plain.output
    assert "Sam [/] [link=https://example.org]x[/link]" in plain.stdout
    assert "Traceback" not in plain.output
    md = run("report", str(a), "-f", "markdown").stdout
    assert "<b>" not in md and "<i>" not in md and "&lt;b&gt;&amp;amp;" in md
    page = run("report", str(a), "-f", "html").stdout
    tags: list[str] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: tags.append(tag)
    parser.feed(page)
    assert "b" not in tags and "i" not in tags and "a" not in tags


def test_html_report_never_carries_markup_from_a_date(run, tmp_path, monkeypatch):
    """A date that is markup is refused by the record check, named, and never reaches HTML."""
    record = make_record(1, "2026-10-01")
    record["context"]["date"] = "<img src=x>"
    a = tmp_path / "odd.jsonl"
    a.write_text(json.dumps(record) + "\n", encoding="utf-8")
    page = run("report", str(a), "-f", "html")
    assert page.exit_code == 2, page.output
    assert "context.date" in page.stderr and "line 1" in page.stderr
    assert "<img" not in page.stdout


def test_html_report_escapes_dates():
    # Imports now refuse a date that is not a date, so this guards the page itself: whatever
    # a Label holds is escaped, dates included, as the HTML export escapes them.
    from peercheck.report import Label, TeamReport, html

    team = TeamReport(reflections=1)
    team.labels["Ash"] = Label("Ash", reflections=1, first="<img src=x>", last="2026<b>")
    page = html(team)
    assert "<img" not in page and "<b>" not in page
    assert "&lt;img src=x&gt;" in page and "2026&lt;b&gt;" in page
