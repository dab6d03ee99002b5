"""Per-reflection content of the log list and the Markdown and HTML exports: the summary's own
choice, so "Going well" is only ever a value at the strong level."""

from __future__ import annotations

from pathlib import Path

from test_log_records import make_record, seed
from test_summary import DRIFTING


def test_going_well_never_names_a_value_below_strong(cli):
    seed([make_record(1, "2026-11-01", scores={"hope": 0.3, "mutuality": 0.2})])
    listed = cli("log").stdout.splitlines()
    assert "Hope" not in listed[2]  # 0.30 is not going well, whatever else scored lower
    markdown = cli("export", "-f", "markdown").stdout
    assert "Going well" not in markdown
    html = cli("export", "-f", "html").stdout
    assert '<td class="strong"></td>' in html


def _saved_drifting(run, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    text = DRIFTING.replace(
        "They laughed a couple of times.", "They said <b>thanks</b> & <script>x()</script>")
    path.write_text(text, encoding="utf-8")
    assert run("reflect", "--answers", str(path)).exit_code == 0


def test_markdown_shows_the_summarys_choice_own_words_in_order_and_next_time_once(run,
                                                                                  tmp_path):
    _saved_drifting(run, tmp_path)
    out = run("export", "-f", "markdown").stdout
    assert "- **Worth reflecting on:**" in out
    # going beyond the peer lane (brought to supervision) leads; then the worker's own words
    assert "  - Staying in the peer lane: you answered “I went there with them”" in out
    assert "  - Self-determination: you wrote “I told them they should”." in out
    assert "  - Mutuality: you answered “mostly me: I steered” (direction)." in out
    assert "- **Principles closest to this:** 16. Seek supervision" in out
    assert out.count("Ask more and tell less.") == 1  # next time, once
    words = out[out.index("**In your own words**"):]
    assert words.index("talk about today?") < words.index("What went well?")  # question order
    # raw HTML in the worker's words shows as text and never renders
    assert "<b>" not in out and "<script>" not in out
    assert "&lt;b&gt;thanks&lt;/b&gt; &amp; &lt;script&gt;x()&lt;/script&gt;" in out
    assert "Worth a look" not in out


def test_html_shows_the_same_choice_and_the_language_cues(run, tmp_path):
    _saved_drifting(run, tmp_path)
    out = run("export", "-f", "html").stdout
    assert "<th>Worth reflecting on</th>" in out and "<th>Language cues</th>" in out
    assert ('<td class="look">Staying in the peer lane, Self-determination, Mutuality</td>'
            in out)
    assert "<p>“I told them they should” — Telling someone what to do" in out  # as in Markdown
    assert out.count("Ask more and tell less.") == 1
    notes = out[out.index("<details><summary>read</summary><p><em>In a sentence"):]
    assert notes.index("talk about today?") < notes.index("What went well?")
    assert "<script>x()" not in out
