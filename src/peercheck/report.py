"""A team view over several workers' exports, for supervisors.

It reads only dates, context, labels, scores, levels and flags: no free text is ever quoted,
so the report is safe to share even when an export was not redacted.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from .exports import flag_names, session_day

Record = dict[str, Any]
WATCHED_FLAGS = ("safety", "supervision", "stay-in-lane")
LEVELS = ("strong", "growing", "worth a look")


@dataclass
class Label:
    """One worker label: how many reflections, the dates they cover, flags and value scores."""

    name: str
    reflections: int = 0
    first: str = ""
    last: str = ""
    flags: Counter = field(default_factory=Counter)
    score_sum: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    score_n: Counter = field(default_factory=Counter)

    def levels(self) -> list[tuple[str, float, str]]:
        """(concept, mean score, level word) for each value this worker's reflections scored."""
        from .prompts import level

        rows = [(c, self.score_sum[c] / n) for c, n in self.score_n.items() if n]
        return [(c, m, level(m) or "") for c, m in sorted(rows, key=lambda r: (-r[1], r[0]))]


@dataclass
class TeamReport:
    files: int = 0
    reflections: int = 0
    # The same reflection (by id) met again: in the same export given twice, or in a
    # redacted and a full export of one log. It is counted once; this says how often.
    duplicates: int = 0
    # A file named again on the command line: read once, and the intro says so.
    repeated_files: int = 0
    since: date | None = None
    until: date | None = None
    labels: dict[str, Label] = field(default_factory=dict)
    score_sum: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    score_n: Counter = field(default_factory=Counter)
    worth_a_look: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    def label(self, name: str) -> Label:
        """The worker label, listed even before (or without) any reflection of theirs."""
        return self.labels.setdefault(name, Label(name))

    def in_period(self, day: str) -> bool:
        return not (
            (self.since and day < self.since.isoformat())
            or (self.until and day > self.until.isoformat())
        )

    def add(self, record: Record, fallback_label: str) -> None:
        rid = str(record.get("id"))
        if rid in self.seen:
            self.duplicates += 1
            return
        self.seen.add(rid)
        # Listed even when none of theirs falls in the period: "0 since …" is worth seeing.
        label = self.label(str(record.get("label") or fallback_label))
        day = session_day(record)
        if not self.in_period(day):
            return
        label.reflections += 1
        label.first = min(label.first or day, day)
        label.last = max(label.last, day)
        self.reflections += 1
        seen = set(flag_names(record))
        for concept in record.get("concepts") or []:
            cid = str(concept.get("id"))
            self.names.setdefault(cid, str(concept.get("name") or cid))
            if concept.get("score") is not None:
                self.score_sum[cid] += float(concept["score"])
                self.score_n[cid] += 1
                label.score_sum[cid] += float(concept["score"])
                label.score_n[cid] += 1
            if concept.get("level") == "worth a look":
                self.worth_a_look[cid] += 1
                if cid == "stay-in-lane":
                    seen.add("stay-in-lane")
        for flag in seen:
            self.flags[flag] += 1
            label.flags[flag] += 1

    def name(self, cid: str) -> str:
        return self.names.get(cid, cid)

    def means(self) -> list[tuple[str, float, int]]:
        """(concept, mean score, reflections) strongest first."""
        rows = [(c, self.score_sum[c] / n, n) for c, n in self.score_n.items() if n]
        return sorted(rows, key=lambda r: (-r[1], self.name(r[0])))

    def looks(self) -> list[tuple[str, int]]:
        return sorted(self.worth_a_look.items(), key=lambda r: (-r[1], self.name(r[0])))

    def flag_rows(self) -> list[tuple[str, int]]:
        rows = [(f, self.flags.get(f, 0)) for f in WATCHED_FLAGS]
        rows += sorted((f, n) for f, n in self.flags.items() if f not in WATCHED_FLAGS)
        return rows

    def by_level(self, lb: Label) -> list[tuple[str, list[str]]]:
        """(level word, value names) for one worker, strongest level first, empty ones left out."""
        groups: dict[str, list[str]] = {word: [] for word in LEVELS}
        for cid, _mean, word in lb.levels():
            groups.setdefault(word, []).append(self.name(cid))
        return [(word, names) for word, names in groups.items() if names]

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "reflections": self.reflections,
            "duplicates": self.duplicates,
            "repeated_files": self.repeated_files,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "labels": [
                {
                    "label": lb.name,
                    "reflections": lb.reflections,
                    "first": lb.first,
                    "last": lb.last,
                    "safety": lb.flags.get("safety", 0),
                    "supervision": lb.flags.get("supervision", 0),
                    "flags": dict(lb.flags),
                    "values": [
                        {"id": c, "name": self.name(c), "mean": round(m, 4), "level": word}
                        for c, m, word in lb.levels()
                    ],
                }
                for lb in self.labels.values()
            ],
            "values": [
                {
                    "id": c,
                    "name": self.name(c),
                    "mean": round(m, 4),
                    "reflections": n,
                    "worth_a_look": self.worth_a_look.get(c, 0),
                }
                for c, m, n in self.means()
            ],
            "flags": dict(self.flag_rows()),
        }


def build(
    paths: Iterable[Path],
    names: dict[str, str] | None = None,
    *,
    since: date | None = None,
    until: date | None = None,
) -> TeamReport:
    """Read every export (streaming JSON Lines) into one team report.

    An export with no reflections counts as zero for its label (the file's name) rather than
    refusing the whole report; a reflection met twice is counted once.
    """
    from .importer import read_records

    report = TeamReport(since=since, until=until)
    read: set[Path] = set()
    for path in paths:
        path = Path(path)
        # The same file named twice (a.jsonl a.jsonl) is one export: read once, said so.
        key = path.resolve()
        if key in read:
            report.repeated_files += 1
            continue
        read.add(key)
        report.files += 1
        if _is_blank(path):
            report.label(path.stem)
            continue
        found = False
        for record in read_records(path, consequence="so no report was made"):
            report.add(record, path.stem)
            found = True
        if not found:
            report.label(path.stem)
    report.names.update(names or {})
    return report


def _is_blank(path: Path) -> bool:
    """True for an export file with nothing but white space (an export of no reflections)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False  # read_records says why in one sentence
    return not head.strip() and len(head) < 4096


def _pct(n: int, total: int) -> str:
    return f"{round(100 * n / total)}%" if total else "–"


def _period(report: TeamReport) -> str:
    """" between A and B" / " since A" / " up to B" when --since/--until limit the report."""
    since = report.since.isoformat() if report.since else ""
    until = report.until.isoformat() if report.until else ""
    if since and until:
        return f" between {since} and {until}"
    return f" since {since}" if since else (f" up to {until}" if until else "")


def _intro(report: TeamReport) -> str:
    """The opening sentence(s), the same in every format (plain text, escaped by the caller)."""
    n, workers = report.reflections, len(report.labels)
    # A report read from the team log's shared view (team report) has no export files.
    files = (
        f" ({report.files} export file{'s' if report.files != 1 else ''})" if report.files else ""
    )
    text = (
        f"{n} reflection{'s' if n != 1 else ''}{_period(report)} from {workers} "
        f"worker{'s' if workers != 1 else ''}{files}. No free text is quoted."
    )
    if report.repeated_files:
        r = report.repeated_files
        text += (
            f" {r} file name{'s' if r != 1 else ''} given more than once "
            f"{'were' if r != 1 else 'was'} read only once."
        )
    if report.duplicates:
        d = report.duplicates
        text += (
            f" {d} reflection{'s' if d != 1 else ''} met more than once across the exports "
            f"{'were' if d != 1 else 'was'} set aside, so each counts once."
        )
    return text


def _worker_cells(lb: Label) -> list[str]:
    """Reflections, from, to, safety, supervision, peer lane: the per-worker table's cells."""
    return [str(lb.reflections), lb.first or "–", lb.last or "–",
            *(str(lb.flags.get(f, 0)) for f in WATCHED_FLAGS)]


WORKER_HEAD = ("Worker", "Reflections", "From", "To", "Safety", "Supervision", "Peer lane")


def markdown(report: TeamReport) -> str:
    total = report.reflections
    lines = [
        "# Team reflections",
        "",
        _md(_intro(report)),
        "",
        "## Reflections per worker",
        "",
        "| " + " | ".join(WORKER_HEAD) + " |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: |",
    ]
    for lb in report.labels.values():
        lines.append("| " + " | ".join([_md(lb.name), *_worker_cells(lb)]) + " |")
    lines += ["", "## Each worker's values", ""]
    for lb in report.labels.values():
        levels = report.by_level(lb)
        said = "; ".join(f"{word}: {', '.join(_md(n) for n in names)}" for word, names in levels)
        lines.append(f"- **{_md(lb.name)}:** {said or 'no scored reflections'}")
    lines += ["", "## Values, strongest first", "", "| Value | Mean score | Reflections |",
              "| --- | ---: | ---: |"]
    for cid, mean, n in report.means():
        lines.append(f"| {_md(report.name(cid))} | {mean:.2f} | {n} |")
    lines += ["", "## Most often worth a look", ""]
    looks = report.looks()
    lines += [f"- {_md(report.name(c))}: {n} ({_pct(n, total)})" for c, n in looks[:5]] or [
        "- none so far"
    ]
    lines += ["", "## Flags that came up", ""]
    lines += [f"- {_md(f)}: {n} of {total} ({_pct(n, total)})" for f, n in report.flag_rows()]
    return "\n".join(lines) + "\n"


def html(report: TeamReport) -> str:
    total = report.reflections
    rows_w = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in [lb.name, *_worker_cells(lb)])
        + "</tr>"
        for lb in report.labels.values()
    )
    rows_l = "".join(
        f"<li><strong>{escape(lb.name)}</strong>: "
        + (
            "; ".join(
                f"{escape(word)}: {escape(', '.join(names))}"
                for word, names in report.by_level(lb)
            )
            or "no scored reflections"
        )
        + "</li>"
        for lb in report.labels.values()
    )
    rows_v = "".join(
        f"<tr><td>{escape(report.name(c))}</td><td>{m:.2f}</td>"
        f'<td><svg width="120" height="10" role="img" aria-label="{m:.2f}">'
        f'<rect width="{120 * max(0.0, min(1.0, m)):.0f}" height="10" fill="#1f7a5c"/></svg>'
        f"</td><td>{n}</td><td>{report.worth_a_look.get(c, 0)}</td></tr>"
        for c, m, n in report.means()
    )
    rows_f = "".join(
        f"<li>{escape(f)}: {n} of {total} ({_pct(n, total)})</li>" for f, n in report.flag_rows()
    )
    head = "".join(f"<th>{h}</th>" for h in WORKER_HEAD)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\"><title>Team reflections</title><style>"
        "body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;"
        "text-align:left}</style></head><body><h1>Team reflections</h1>"
        f"<p>{escape(_intro(report))}</p>"
        f"<h2>Reflections per worker</h2><table><tr>{head}</tr>"
        f"{rows_w}</table><h2>Each worker's values</h2><ul>{rows_l}</ul>"
        "<h2>Values, strongest first</h2><table><tr><th>Value</th>"
        "<th>Mean</th><th></th><th>Reflections</th><th>Worth a look</th></tr>"
        f"{rows_v}</table><h2>Flags that came up</h2><ul>{rows_f}</ul></body></html>\n"
    )


def _md(text: str) -> str:
    """One line of text for a Markdown table or list: pipes and raw HTML made harmless."""
    one = " ".join(str(text).split())
    return escape(one, quote=False).replace("|", "\\|")


def print_text(report: TeamReport, stream: Any = None) -> None:
    """The team view as text (Rich tables, 80 columns): the terminal, or ``stream`` plainly.

    Every name that came from an export (labels, value names, flags) goes in as a Rich
    ``Text``, so a label like ``Sam [/]`` prints as itself rather than as markup.
    """
    from rich.console import Console

    from .output import out

    target = out() if stream is None else Console(
        file=stream, width=80, no_color=True, highlight=False, emoji=False, color_system=None
    )
    with target.capture() as captured:
        _print_text(report, target)
    # Rich pads table rows and wrapped lines out to the width; a file or a pipe keeps none of it.
    target.file.write(_TRAILING.sub("", captured.get()))
    target.file.flush()


# Spaces at a line's end, before any closing colour codes.
_TRAILING = re.compile(r"[ \t]+(?=(?:\x1b\[[0-9;]*m)*$)", re.MULTILINE)


def _print_text(report: TeamReport, console: Any) -> None:
    """The team view's tables and lines, printed on ``console``."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .output import visible

    def shown(value: str) -> Text:
        """A label, name or flag from an export: words, never markup or terminal codes."""
        return Text(visible(value))

    total = report.reflections
    console.print(Text.assemble(("Team reflections", "bold"), ": ", _intro(report), "\n"))
    workers = Table(box=box.SIMPLE_HEAD, title="Reflections per worker", title_justify="left",
                    pad_edge=False, collapse_padding=True)
    for col in ("Worker", "Count", *WORKER_HEAD[2:]):  # "Count": room for the label in 80
        justify = "left" if col in ("Worker", "From", "To") else "right"
        workers.add_column(col, justify=justify, no_wrap=col != "Worker",  # type: ignore[arg-type]
                           min_width=12 if col == "Worker" else None)
    for lb in report.labels.values():
        workers.add_row(shown(lb.name), *_worker_cells(lb))
    console.print(workers)
    console.print(Text("Each worker's values", style="italic"))
    for lb in report.labels.values():
        levels = report.by_level(lb)
        said = "; ".join(f"{word}: {', '.join(names)}" for word, names in levels)
        # A grid, so a long line wraps under its own row rather than at column 0.
        row = Table.grid(padding=(0, 1, 0, 0))
        row.add_column(width=1)
        row.add_column(no_wrap=True)
        row.add_column(ratio=1)
        row.add_row("", Text(visible(lb.name) + ":", style="bold"),
                    visible(said) or "no scored reflections")
        console.print(row)
    console.print()
    values = Table(box=box.SIMPLE_HEAD, title="Values, strongest first", title_justify="left")
    values.add_column("Value", no_wrap=True, overflow="ellipsis", min_width=24)
    values.add_column("Mean", justify="right", no_wrap=True)
    values.add_column("", no_wrap=True)
    values.add_column("Reflections", justify="right", no_wrap=True)
    values.add_column("Worth a look", justify="right", no_wrap=True)
    for cid, mean, n in report.means():
        bar = "█" * round(12 * max(0.0, min(1.0, mean)))
        values.add_row(shown(report.name(cid)), f"{mean:.2f}", Text(bar, style="green"), str(n),
                       str(report.worth_a_look.get(cid, 0)))
    console.print(values)
    console.print(Text("Flags that came up", style="bold"))
    for flag, n in report.flag_rows():
        console.print(shown(f"  {flag}: {n} of {total} ({_pct(n, total)})"))
