"""Commands: ``trends`` (one worker's values over time) and ``report`` (the team view)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import typer

from .common import SINCE, TAG, UNTIL, _clip, _concept_id, _filters, _names, _open, _period, _plural


class ReportFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"



def trends(
    since: str | None = SINCE,
    until: str | None = UNTIL,
    value: str | None = typer.Option(None, "--value", help="Show just this value, in more detail."),
    tag: str | None = TAG,
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """How each value's score has moved over time, strongest first.

    Each mark of a line is a stretch of time; taller means the value showed more strongly.

    \b
    Examples:
      peercheck trends --since "last month"
      peercheck trends --value hope
    """
    from ... import messages
    from ...output import out, print_json, say
    from ...trends import build, sparkline

    filters = _filters(since, until, None, tag)
    concept = _concept_id(value)
    names = dict(_names())
    store = _open()
    if store is None:
        found = []
        total = 0
    else:
        try:  # the rows are read twice and never held (see trends.build)
            found = build(
                lambda: (r for r in store.concept_series(filters) if concept in (None, r[0])),
                names,
            )
            total = store.count_matching(filters) if concept is None else 0
        finally:
            store.close()
    if as_json:
        print_json([t.to_dict() for t in found])
        return
    if not found:
        say(messages.TRENDS_NONE)
        return
    from rich.text import Text

    from ...output import visible

    for each in found:  # a concept id from the log is shown, never run by the terminal
        each.name = visible(each.name)

    console = out()
    first = min(t.first for t in found)
    last = max(t.last for t in found)
    span = f"on {first}" if first == last else f"{first} to {last}"  # not "X to X"
    if concept is not None:
        trend = found[0]
        console.print(
            Text.assemble(
                (trend.name, "bold"),
                f": mean {trend.mean:.2f} over {trend.count} reflection{_plural(trend.count)}, "
                + span,
            )
        )
        for point in trend.buckets(16):
            if point is None:
                continue
            day, score, n = point
            bar = "█" * max(1, round(score * 40))
            console.print(
                Text.assemble(f"{day}  ", (f"{bar:<40}", "green"), f" {score:.2f}  ({n})")
            )
        return
    console.print(
        Text.assemble(
            ("Your values over time, strongest first", "bold"),
            f"\n{total} reflection{_plural(total)}, {span}.\n"
            "Taller marks: the value showed more strongly.\n",
        )
    )
    for trend in found:
        style = "green" if trend.mean >= 0.67 else ("yellow" if trend.mean < 0.4 else "")
        console.print(
            Text.assemble(
                f"{_clip(trend.name, 24):<24} ",
                (f"{sparkline(trend.buckets(26)):<26}", style),
                f" {trend.mean:4.2f}  ",
                (f"{trend.count} reflection{_plural(trend.count)}", "dim"),
            ),
            no_wrap=True,
        )


def report(
    files: list[Path] = typer.Argument(
        ..., help="Exports from peercheck export (JSON Lines or JSON)."
    ),
    fmt: ReportFormat = typer.Option(
        ReportFormat.text,
        "--format",
        "-f",
        case_sensitive=False,
        help="text, markdown, html or json.",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (owner-only) instead of the screen."
    ),
    since: str | None = SINCE,
    until: str | None = UNTIL,
) -> None:
    """A team view over several workers' exports, for supervisors; no free text is quoted.

    Shows reflections per worker label (the dates they cover, how many flagged safety or
    something to bring to supervision, and each value's level), each value's mean score, the
    values most often worth a look, and how often flags came up. A reflection found in more
    than one export counts once; an export with no reflections counts as zero.

    \b
    Examples:
      peercheck report a.jsonl b.jsonl --format html -o team.html
      peercheck report *.jsonl --since 2026-10-01 --until 2026-10-31
    """
    from ...report import build

    start, end = _period(since, until)
    team = build([f.expanduser() for f in files], dict(_names()), since=start, until=end)
    write_report(team, fmt, output)


def write_report(team: Any, fmt: ReportFormat, output: Path | None) -> None:
    """Print or write a team report in ``fmt``: one way for `report` and `team report`."""
    from ... import messages
    from ...output import say, to_json
    from ...paths import open_output, private_note
    from ...report import html, markdown, print_text

    if fmt is ReportFormat.text and output is None:
        print_text(team)
        return
    with open_output(output) as stream:
        if fmt is ReportFormat.text:
            print_text(team, stream)
        elif fmt is ReportFormat.json:
            stream.write(to_json(team.to_dict()) + "\n")
        elif fmt is ReportFormat.html:
            stream.write(html(team))
        else:
            stream.write(markdown(team))
    if output is not None and str(output) != "-":
        say(messages.REPORT_WROTE.format(path=output, private=private_note(output)))

