"""Exports: each format parsed back, redaction proved on every output, labels, files, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from test_log_records import make_record, sample, seed

SECRETS = ["Peppercorn lighthouse", "ask about the violin", "tag-okapi", "you really should"]


def secret_records() -> list[dict]:
    return [
        make_record(1, "2026-10-01", words="Peppercorn lighthouse story", tags=["tag-okapi"],
                    intention="ask about the violin next time", cue_text="you really should",
                    flags=["supervision"]),
        make_record(2, "2026-10-08", words="Peppercorn lighthouse again", tags=["tag-okapi"],
                    scores={"hope": 0.9, "stay-in-lane": 0.3}),
        make_record(3, "2026-10-15", kind="group", minutes=None),
    ]


class Page(HTMLParser):
    """Collects what matters in an exported page: tags, attributes, table rows, text."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.rows = 0
        self.text: list[str] = []
        self._in_tbody = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "tbody":
            self._in_tbody = True
        if tag == "tr" and self._in_tbody:
            self.rows += 1

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_tbody = False

    def handle_data(self, data):
        self.text.append(data)


def test_csv_one_row_per_reflection_one_column_per_value(cli):
    seed(secret_records())
    result = cli("export", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3
    assert list(rows[0])[:10] == ["id", "date", "created_at", "edited_at", "kind", "minutes",
                                  "tags", "flags", "notes", "label"]
    assert {"hope", "mutuality", "stay-in-lane"} <= set(rows[0])
    first, second, third = rows
    assert (first["date"], first["kind"], first["minutes"]) == ("2026-10-01", "one-to-one", "50")
    assert first["tags"] == "tag-okapi" and first["flags"] == "supervision"
    assert second["hope"] == "0.9" and second["mutuality"] == ""
    assert third["minutes"] == "" and third["kind"] == "group"
    assert result.stdout.endswith("\r\n")


def test_csv_guards_against_spreadsheet_formulas(cli):
    seed([make_record(1, tags=["=HYPERLINK(1)"])])
    rows = list(csv.DictReader(io.StringIO(cli("export", "-f", "csv").stdout)))
    assert rows[0]["tags"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_json_formats_hold_the_full_records(cli, fmt):
    records = secret_records()
    seed(records)
    out = cli("export", "--format", fmt).stdout
    if fmt == "jsonl":
        parsed = [json.loads(line) for line in out.splitlines()]
    else:
        parsed = json.loads(out)
    assert parsed == records  # oldest first, exactly as saved


def test_json_of_an_empty_log_is_an_empty_list(cli):
    assert json.loads(cli("export", "-f", "json").stdout) == []
    assert cli("export", "-f", "jsonl").stdout == ""


def test_markdown_summary_per_reflection(cli):
    seed(secret_records())
    out = cli("export", "--format", "markdown").stdout
    assert out.startswith("# Reflections")
    assert out.count("\n## ") == 3
    assert out.index("## 2026-10-15") < out.index("## 2026-10-01")  # newest first
    assert "**Going well:** Hope (0.90)" in out
    assert "**To bring to supervision:** something to talk through" in out
    assert "Peppercorn lighthouse story" in out


def test_flags_read_in_the_summarys_words_in_markdown_and_html(run, tmp_path):
    """The installed command: a flag prints as the summary says it, never as its raw name."""
    seed([make_record(1, "2026-10-01", flags=["supervision"]),
          make_record(2, "2026-10-02", flags=["safety", "supervision"])])
    page = run("export", "--format", "markdown").stdout
    assert page.count("**To bring to supervision:** something to talk through\n") == 1
    assert page.count("**To bring to supervision:** a concern about someone's safety\n") == 1
    html = tmp_path / "log.html"
    assert run("export", "-o", str(html)).exit_code == 0
    text = html.read_text(encoding="utf-8")
    assert "<td>something to talk through</td>" in text
    assert "<td>a concern about someone&#x27;s safety</td>" in text
    assert "<td>safety, supervision</td>" not in text


def test_html_is_one_self_contained_page(cli, tmp_path):
    seed(sample(12))
    target = tmp_path / "log.html"
    result = cli("export", "-o", str(target))  # format from the file's ending
    assert result.exit_code == 0, result.output
    assert "Wrote 12 reflections" in result.stderr
    page = Page()
    page.feed(target.read_text(encoding="utf-8"))
    assert page.rows == 12
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    for name, value in page.attrs:
        if name in ("src", "href"):
            pytest.fail(f"the page refers to something outside itself: {value}")
    assert page.tags.count("svg") == 6  # one chart per value in the log
    assert page.tags.count("polyline") == 6
    assert "Each value over time" in "".join(page.text)


def _secrets_absent(text: str) -> None:
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), secret


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "markdown", "html"])
def test_redact_leaves_out_every_own_word_in_every_format(cli, fmt, tmp_path):
    records = secret_records()
    seed(records)
    plain = cli("export", "--format", fmt).stdout
    assert "Peppercorn lighthouse" in plain or fmt == "csv"  # the words are there unredacted
    target = tmp_path / f"out.{fmt}"
    result = cli("export", "--format", fmt, "--redact", "-o", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    _secrets_absent(text)
    for record in records:  # each answer's own text, word for word
        for answer in record["answers"].values():
            if isinstance(answer, str) and len(answer) > 6:
                assert answer not in text
    assert "2026-10-08" in text  # dates stay
    if fmt in ("jsonl", "json"):
        parsed = [json.loads(x) for x in text.splitlines()] if fmt == "jsonl" else json.loads(text)
        assert [c["score"] for c in parsed[1]["concepts"]] == [0.9, 0.3]
        assert parsed[0]["context"]["kind"] == "one-to-one"
        assert all(r["redacted"] for r in parsed)


def test_as_label_is_stamped_and_nothing_identifying_by_default(cli):
    seed(secret_records())
    plain = [json.loads(x) for x in cli("export").stdout.splitlines()]
    assert all("label" not in r for r in plain)
    stamped = [json.loads(x) for x in cli("export", "--as", "Worker A").stdout.splitlines()]
    assert {r["label"] for r in stamped} == {"Worker A"}
    rows = list(csv.DictReader(io.StringIO(cli("export", "-f", "csv", "--as", "Worker A").stdout)))
    assert {r["label"] for r in rows} == {"Worker A"}
    bad = cli("export", "--as", "x" * 80)
    assert bad.exit_code == 2 and "one short line" in bad.stderr


def test_export_filters_like_log(cli):
    seed(secret_records())
    out = cli("export", "--since", "2026-10-05", "--until", "2026-10-10").stdout
    assert [json.loads(x)["context"]["date"] for x in out.splitlines()] == ["2026-10-08"]
    out = cli("export", "--tag", "tag-okapi", "-f", "csv").stdout
    assert len(list(csv.DictReader(io.StringIO(out)))) == 2


def test_files_written_are_owner_only_even_over_an_open_file(run, tmp_path):
    seed(sample(2))
    existing = tmp_path / "shared.csv"
    existing.write_text("old")
    os.chmod(existing, 0o644)
    for target in (tmp_path / "new.jsonl", existing):
        result = run("export", "-o", str(target))
        assert result.exit_code == 0, result.stderr
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert existing.read_text().startswith("id,date")


def test_full_device_is_one_clear_sentence(run):
    seed(sample(3))
    result = run("export", "-o", "/dev/full")
    assert result.exit_code == 2
    assert "no space left" in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[0].endswith(".")


def test_reader_going_away_is_not_an_error(run):
    seed(sample(300))
    from conftest import peercheck_exe

    proc = subprocess.run(
        f"'{peercheck_exe()}' export -f csv | head -n 2", shell=True, capture_output=True,
        text=True, timeout=60,
    )
    assert proc.stdout.count("\n") == 2
    assert proc.stderr == ""


def test_progress_bar_on_a_terminal_for_long_exports(peercheck_home, tmp_path):
    import pexpect

    from conftest import peercheck_exe
    from peercheck.store import open_store

    store = open_store()
    store.import_records(sample(3000))
    store.close()
    target = tmp_path / "big.jsonl"
    env = dict(os.environ, PEERCHECK_HOME=str(peercheck_home))
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(peercheck_exe(), ["export", "-o", str(target)], env=env,
                          encoding="utf-8", timeout=60, dimensions=(24, 80))
    child.expect("Exporting")
    child.expect("Wrote 3,?000 reflections")
    child.wait()
    assert len(target.read_text().splitlines()) == 3000


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="chromium is not installed")
def test_html_chart_renders_in_headless_chromium(cli, tmp_path):
    import struct
    import zlib

    from peercheck.exports.html import LINE

    seed(sample(20))
    page = tmp_path / "log.html"
    assert cli("export", "-o", str(page)).exit_code == 0
    shot = tmp_path / "shot.png"
    subprocess.run(
        ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         f"--screenshot={shot}", "--window-size=1200,900", page.as_uri()],
        capture_output=True, timeout=120, check=False,
    )
    assert shot.exists() and shot.stat().st_size > 10_000
    width, height, pixels = _decode_png(shot.read_bytes(), struct, zlib)
    want = tuple(int(LINE[i:i + 2], 16) for i in (1, 3, 5))
    near = sum(
        1 for px in pixels if all(abs(a - b) <= 12 for a, b in zip(px, want, strict=True))
    )
    assert near > 500, f"only {near} pixels of the chart colour in a {width}x{height} shot"


def _decode_png(data: bytes, struct, zlib):
    """A tiny PNG reader (8-bit RGB/RGBA, non-interlaced), enough to count chart pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    pixels = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        pixels += [tuple(line[x:x + 3]) for x in range(0, stride, bpp)]
        prev = line
    return width, height, pixels
