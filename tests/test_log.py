"""The worker's log: listing, filters, show, delete, purge, path, backup and search."""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import date, timedelta

import pytest

from test_log_records import make_record, sample, seed


def _ids(result) -> list[str]:
    return [r["id"] for r in json.loads(result.stdout)]


def test_empty_log_says_so_kindly(cli):
    result = cli("log")
    assert result.exit_code == 0
    assert "empty so far" in result.stderr
    assert "peercheck reflect" in result.stderr
    assert cli("log", "--json").stdout.strip() == "[]"


def test_lists_newest_first_with_strongest_and_worth_a_look(cli):
    seed([
        make_record(1, "2026-11-01", scores={"hope": 0.9, "stay-in-lane": 0.2}),
        make_record(2, "2026-11-03", kind="group", minutes=90,
                    scores={"mutuality": 0.8, "respect": 0.3}),
    ])
    result = cli("log")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Date", "Kind", "Min", "Going", "well", "Worth", "a", "look"]
    first, second = lines[2], lines[3]
    assert "2026-11-03" in first and "group" in first and "90" in first
    assert "Mutuality" in first and "Respect" in first
    assert "2026-11-01" in second and "Hope" in second and "Stay" in second
    assert all(len(line) <= 80 for line in lines)


def test_n_defaults_to_twenty_and_limits(cli):
    seed(sample(25))
    assert len(_ids(cli("log", "--json"))) == 20
    assert len(_ids(cli("log", "-n", "3", "--json"))) == 3
    listed = cli("log", "-n", "3").stdout.splitlines()
    assert len(listed) == 5  # header, rule, three rows


def test_filters_by_dates_value_and_tag(cli):
    today = date.today()
    seed([
        make_record(1, today - timedelta(days=40), tags=["group-a"], scores={"respect": 0.5}),
        make_record(2, today - timedelta(days=10), scores={"hope": 0.5}),
        make_record(3, today - timedelta(days=1), tags=["group-a"], scores={"respect": 0.9}),
    ])
    all_ids = _ids(cli("log", "--json"))
    assert len(all_ids) == 3
    assert _ids(cli("log", "--since", "last month", "--json")) == all_ids[:2]
    assert _ids(cli("log", "--since", "7 days ago", "--json")) == all_ids[:1]
    assert _ids(cli("log", "--until", "yesterday", "--since", "yesterday", "--json")) == (
        all_ids[:1]
    )
    assert _ids(cli("log", "--until", (today - timedelta(days=20)).isoformat(), "--json")) == (
        all_ids[2:]
    )
    assert _ids(cli("log", "--value", "hope", "--json")) == [all_ids[1]]
    assert _ids(cli("log", "--tag", "group-a", "--json")) == [all_ids[0], all_ids[2]]


def test_no_match_and_bad_date_are_clear(cli):
    seed(sample(2))
    result = cli("log", "--tag", "nothing-like-this")
    assert result.exit_code == 0
    assert "No reflections match" in result.stderr
    result = cli("log", "--since", "the other day")
    assert result.exit_code == 2
    assert "is not a date" in result.stderr
    assert "Traceback" not in result.output


def test_show_by_prefix_and_json(cli):
    record = make_record(1, words="a walk by the canal", intention="ask what they want")
    seed([record])
    shown = cli("log", "show", record["id"][:12])
    assert shown.exit_code == 0, shown.output
    assert "2026-11-20" in shown.stdout
    shown = json.loads(cli("log", "show", record["id"][:12], "--json").stdout)
    assert shown.pop("summary")["next_time"] == "ask what they want"  # the summary's choice
    assert shown == record


def test_show_unknown_id(cli):
    seed(sample(1))
    result = cli("log", "show", "ZZZZ")
    assert result.exit_code == 2
    assert "No reflection" in result.stderr and "peercheck log" in result.stderr


def test_delete_needs_yes_without_a_terminal(run):
    seed([make_record(1)])
    result = run("log", "delete", make_record(1)["id"][:12])
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert len(json.loads(run("log", "--json").stdout)) == 1


def test_delete_asks_on_a_terminal(peercheck_home):
    import os

    import pexpect

    from conftest import peercheck_exe

    records = [make_record(1), make_record(2, "2026-11-21")]
    seed(records)
    env = dict(os.environ, PEERCHECK_HOME=str(peercheck_home))
    child = pexpect.spawn(peercheck_exe(), ["log", "delete", records[0]["id"][:12]], env=env,
                          encoding="utf-8", timeout=20)
    child.expect(r"for good\?")
    child.sendline("n")
    child.expect("Nothing was deleted")
    child.wait()
    child = pexpect.spawn(peercheck_exe(), ["log", "delete", records[0]["id"][:12]], env=env,
                          encoding="utf-8", timeout=20)
    child.expect(r"for good\?")
    child.sendline("y")
    child.expect("Deleted the reflection from 2026-11-20")
    child.wait()
    from peercheck.store import open_store

    store = open_store()
    assert store.get(records[0]["id"]) is None and store.get(records[1]["id"]) is not None
    store.close()


def _file_bytes(home) -> bytes:
    data = b""
    for path in sorted(home.glob("peercheck.db*")):
        data += path.read_bytes()
    return data.lower()


def test_delete_removes_the_text_from_the_file(cli, peercheck_home):
    gone = make_record(1, words="Quixotically Zanzibar walruses", tags=["marmalade"])
    kept = make_record(2, words="an ordinary afternoon")
    seed([gone, kept])
    assert b"zanzibar" in _file_bytes(peercheck_home)
    result = cli("log", "delete", gone["id"][:12], "--yes")
    assert result.exit_code == 0, result.output
    data = _file_bytes(peercheck_home)
    for word in (b"zanzibar", b"quixotically", b"walruses", b"marmalade"):
        assert word not in data
    assert b"ordinary afternoon" in data


def test_purge_before_date_removes_text_for_real(cli, peercheck_home):
    old = [make_record(i, f"2025-0{i}-10", words=f"Xylophone{i} harbour", tags=[f"oldtag{i}"])
           for i in range(1, 4)]
    new = [make_record(9, "2026-03-01", words="Recent words stay")]
    seed(old + new)
    assert b"xylophone1" in _file_bytes(peercheck_home)
    result = cli("log", "purge", "--before", "2026-01-01")
    assert result.exit_code == 2 and "--yes" in result.stderr
    result = cli("log", "purge", "--before", "2026-01-01", "--yes")
    assert result.exit_code == 0, result.output
    assert "Removed 3 reflections from before 2026-01-01" in result.stderr
    data = _file_bytes(peercheck_home)
    for n in range(1, 4):
        assert f"xylophone{n}".encode() not in data
        assert f"oldtag{n}".encode() not in data
    assert b"harbour" not in data
    assert b"recent words stay" in data
    assert _ids(cli("log", "--json")) == [new[0]["id"]]
    # The search index no longer knows the old words either.
    assert cli("log", "search", "harbour").stdout == ""
    again = cli("log", "purge", "--before", "2026-01-01", "--yes")
    assert "nothing to remove" in again.stderr


def test_path_prints_the_database_file(cli, peercheck_home):
    assert cli("log", "path").stdout.strip() == str(peercheck_home / "peercheck.db")


def test_backup_is_a_consistent_owner_only_copy(cli, tmp_path):
    seed(sample(4))
    target = tmp_path / "copy.db"
    result = cli("log", "backup", str(target))
    assert result.exit_code == 0, result.output
    assert "Backed up 4 reflections" in result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM reflections").fetchone()[0] == 4
    conn.close()
    # Backing up again replaces the copy whole.
    seed([make_record(50, "2026-12-01")])
    assert cli("log", "backup", str(target)).exit_code == 0
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM reflections").fetchone()[0] == 5
    conn.close()


def test_backup_to_a_folder_is_refused(cli, tmp_path):
    result = cli("log", "backup", str(tmp_path))
    assert result.exit_code == 2
    assert "is a folder" in result.stderr


def test_search_finds_own_words_newest_first(cli):
    seed([
        make_record(1, "2026-10-01", words="We talked about housing and boundaries"),
        make_record(2, "2026-10-05", words="Boundaries again, and hope"),
        make_record(3, "2026-10-09", words="Nothing in common"),
    ])
    result = cli("log", "search", "boundaries", "--json")
    found = json.loads(result.stdout)
    assert [r["context"]["date"] for r in found] == ["2026-10-05", "2026-10-01"]
    both = json.loads(cli("log", "search", "housing", "BOUNDARIES", "--json").stdout)
    assert [r["context"]["date"] for r in both] == ["2026-10-01"]
    listed = cli("log", "search", "hope")
    assert "2026-10-05" in listed.stdout
    none = cli("log", "search", 'odd"quote')
    assert none.exit_code == 0 and "No reflection" in none.stderr


@pytest.mark.parametrize("command", [
    ["log"], ["log", "show"], ["log", "delete"], ["log", "purge"], ["log", "path"],
    ["log", "backup"], ["log", "search"], ["export"], ["import"], ["trends"], ["report"],
])
def test_every_command_has_help_with_an_example(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "peercheck " + " ".join(command) in result.stdout.replace("Usage: ", "")
    assert "Example" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


@pytest.mark.parametrize(("args", "said"), [
    (["log", "-n", "0"], "-n / --count takes a number of 1 or more, so 0 won't do."),
    (["log", "-n", "many"], "-n / --count takes a whole number, and “many” isn't one."),
    (["export", "--format", "pdf"], "takes csv, jsonl, json, markdown or html; “pdf” isn't"),
    (["report", "x.jsonl", "--format", "yaml"], "takes text, markdown, html or json; “yaml”"),
])
def test_bad_option_values_are_usage_errors(cli, args, said):
    result = cli(*args)
    assert result.exit_code == 2
    assert said in " ".join(result.stderr.replace("│", " ").split())
    assert "Traceback" not in result.output


def test_formats_are_case_insensitive(cli):
    seed(sample(1))
    assert cli("export", "--format", "CSV").stdout.startswith("id,date")


def test_backup_of_no_log_writes_nothing(cli, tmp_path, peercheck_home):
    result = cli("log", "backup", str(tmp_path / "copy.db"))
    assert result.exit_code == 0
    assert "empty so far" in result.stderr
    assert not (tmp_path / "copy.db").exists()
    assert not (peercheck_home / "peercheck.db").exists()
