"""CSV exports that line up and never run in a spreadsheet, and the format chosen by -o's
ending; all driven through the installed command."""

from __future__ import annotations

import csv
import io

import pytest

from test_log_records import make_record, seed


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_redacted_and_full_csv_have_the_same_columns(run):
    seed([make_record(1, "2026-10-01", tags=["tag-x"], flags=["supervision"])])
    full = _rows(run("export", "-f", "csv").stdout)
    labelled = _rows(run("export", "-f", "csv", "--as", "Worker A").stdout)
    redacted = _rows(run("export", "-f", "csv", "--redact", "--as", "Worker A").stdout)
    assert full[0] == labelled[0] == redacted[0]
    where = full[0].index("label")
    assert where == 9 and full[1][where] == "" and redacted[1][where] == "Worker A"
    assert labelled[1][full[0].index("tags")] == "tag-x"
    assert redacted[1][full[0].index("tags")] == ""
    assert redacted[1][full[0].index("flags")] == "supervision"


def test_values_no_prompt_scores_have_no_column(run):
    seed([make_record(1, "2026-10-01", scores={"hope": 0.9})])
    head = _rows(run("export", "-f", "csv").stdout)[0]
    assert "hope" in head and "mutuality" in head  # scored by prompts
    assert not {"advocacy", "belonging", "diversity"} & set(head)


def test_every_cell_a_spreadsheet_could_run_is_neutralised(run, tmp_path):
    record = make_record(1, "2026-10-01", kind="-kind", tags=["@tag"], flags=["+flag"],
                         scores={"hope": 0.5, "=evil": 0.5})
    record["id"] = "=HYPERLINK(1)"
    record["created_at"] = "+2026-10-01T14:00:00+00:00"
    record["context"]["date"] = "-2026-10-01"
    seed([record])
    rows = _rows(run("export", "-f", "csv", "--as", "@Worker").stdout)
    head, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert "'=evil" in head
    assert row["'=evil"] == "0.5"
    for name in ("id", "date", "created_at", "kind", "tags", "flags", "label"):
        assert row[name][:1] == "'", (name, row[name])
    assert row["id"] == "'=HYPERLINK(1)"
    assert row["label"] == "'@Worker"


@pytest.mark.parametrize("ending, first", [
    (".csv", "id,date"), (".jsonl", "{"), (".json", "["), (".md", "# Reflections"),
    (".html", "<!DOCTYPE html>"),
])
def test_the_file_ending_picks_the_format(run, tmp_path, ending, first):
    seed([make_record(1, "2026-10-01")])
    target = tmp_path / f"log{ending}"
    result = run("export", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(first)


def test_an_unknown_ending_is_refused_unless_a_format_is_named(run, tmp_path):
    seed([make_record(1, "2026-10-01")])
    target = tmp_path / "log.txt"
    result = run("export", "-o", str(target))
    assert result.exit_code == 2 and not target.exists()
    assert result.stderr.strip().splitlines() == [
        "peercheck cannot tell which format log.txt should be; end the name in .csv, .jsonl, "
        ".json, .md or .html, or add --format."
    ]
    assert run("export", "-f", "csv", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("id,")
