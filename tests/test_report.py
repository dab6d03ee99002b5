"""The team report over several workers' exports: counts, means, worth a look, flags."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from test_log_records import make_record, seed

SECRET = "Marzipan greenhouse"


def _two_exports(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PEERCHECK_HOME", str(tmp_path / "worker-a"))
    seed([
        make_record(1, "2026-10-01", words=SECRET, tags=["tag-secret"], flags=["supervision"],
                    scores={"hope": 0.9, "stay-in-lane": 0.2}),
        make_record(2, "2026-10-05", scores={"hope": 0.7, "stay-in-lane": 0.8}),
    ])
    a = tmp_path / "a.jsonl"
    assert cli("export", "--as", "Worker A", "-o", str(a)).exit_code == 0
    monkeypatch.setenv("PEERCHECK_HOME", str(tmp_path / "worker-b"))
    seed([
        make_record(3, "2026-10-02", words=SECRET, intention="the gazebo plan",
                    flags=["supervision", "safety"],
                    scores={"hope": 0.5, "respect": 0.3, "stay-in-lane": 0.6}),
    ])
    b = tmp_path / "b.json"
    assert cli("export", "-f", "json", "-o", str(b)).exit_code == 0  # no label: file name
    return a, b


def test_json_report_over_two_exports(cli, tmp_path, monkeypatch):
    a, b = _two_exports(cli, tmp_path, monkeypatch)
    result = cli("report", str(a), str(b), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["reflections"] == 3 and data["files"] == 2
    labels = {lb["label"]: lb["reflections"] for lb in data["labels"]}
    assert labels == {"Worker A": 2, "b": 1}
    values = {v["id"]: v for v in data["values"]}
    assert values["hope"]["mean"] == 0.7 and values["hope"]["reflections"] == 3
    assert [v["id"] for v in data["values"]][0] == "hope"  # strongest first
    assert values["stay-in-lane"]["worth_a_look"] == 1
    assert values["respect"]["worth_a_look"] == 1
    assert data["flags"]["supervision"] == 2
    assert data["flags"]["stay-in-lane"] == 1
    assert data["flags"]["safety"] == 1


def test_text_markdown_and_html_never_quote_free_text(cli, tmp_path, monkeypatch):
    a, b = _two_exports(cli, tmp_path, monkeypatch)
    text = cli("report", str(a), str(b))
    assert text.exit_code == 0, text.output
    assert "Worker A" in text.stdout and "Hope" in text.stdout
    assert "supervision: 2 of 3" in " ".join(text.stdout.split())
    assert all(len(line) <= 80 for line in text.stdout.splitlines())
    md = cli("report", str(a), str(b), "-f", "markdown").stdout
    assert "| Worker A | 2 | 2026-10-01 | 2026-10-05 | 0 | 1 | 1 |" in md
    assert "## Most often worth a look" in md
    target = tmp_path / "team.html"
    assert cli("report", str(a), str(b), "-f", "html", "-o", str(target)).exit_code == 0
    page = target.read_text()
    tags = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: tags.append(tag)
    parser.feed(page)
    assert "script" not in tags and "table" in tags
    for output in (text.stdout, md, page):
        for secret in (SECRET, "tag-secret", "gazebo"):
            assert secret not in output


def test_report_refuses_a_csv_export(cli, tmp_path, monkeypatch):
    seed([make_record(1)])
    csv_file = tmp_path / "log.csv"
    cli("export", "-o", str(csv_file))
    result = cli("report", str(csv_file))
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "so no report was made" in said and "CSV" in said


def test_report_file_is_owner_only(cli, tmp_path, monkeypatch):
    import stat

    a, b = _two_exports(cli, tmp_path, monkeypatch)
    target = tmp_path / "team.md"
    result = cli("report", str(a), str(b), "-f", "markdown", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("# Team reflections")


def test_text_report_to_a_file_is_plain_text(cli, tmp_path, monkeypatch):
    a, b = _two_exports(cli, tmp_path, monkeypatch)
    target = tmp_path / "team.txt"
    assert cli("report", str(a), str(b), "-o", str(target)).exit_code == 0
    text = target.read_text()
    assert text.startswith("Team reflections: 3 reflections from 2 workers")
    assert "\x1b[" not in text and "Worker A" in text
    assert all(len(line) <= 80 for line in text.splitlines())
