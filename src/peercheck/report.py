"""A team view over several workers' exports, for supervisors.

It reads only dates, context, labels, scores, levels and flags: no free text is ever quoted,
so the report is safe to share even when an export was not redacted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from .exports import flag_names, session_day

Record = dict[str, Any]
WATCHED_FLAGS = ("supervision", "stay-in-lane")


@dataclass
class Label:
    name: str
    reflections: int = 0
    first: str = ""
    last: str = ""
    flags: Counter = field(default_factory=Counter)


@dataclass
class TeamReport:
    files: int = 0
    reflections: int = 0
    labels: dict[str, Label] = field(default_factory=dict)
    score_sum: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    score_n: Counter = field(default_factory=Counter)
    worth_a_look: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)

    def add(self, record: Record, fallback_label: str) -> None:
        label_name = str(record.get("label") or fallback_label)
        label = self.labels.setdefault(label_name, Label(label_name))
        day = session_day(record)
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

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "reflections": self.reflections,
            "labels": [
                {
                    "label": lb.name,
                    "reflections": lb.reflections,
                    "first": lb.first,
                    "last": lb.last,
                    "flags": dict(lb.flags),
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


def build(paths: Iterable[Path], names: dict[str, str] | None = None) -> TeamReport:
    """Read every export (streaming JSON Lines) into one team report."""
    from .importer import read_records

    report = TeamReport()
    for path in paths:
        report.files += 1
        for record in read_records(path, consequence="so no report was made"):
            report.add(record, Path(path).stem)
    report.names.update(names or {})
    return report


def _pct(n: int, total: int) -> str:
    return f"{round(100 * n / total)}%" if total else "–"


def markdown(report: TeamReport) -> str:
    total = report.reflections
    lines = [
        "# Team reflections",
        "",
        f"{total} reflections from {len(report.labels)} "
        f"worker{'s' if len(report.labels) != 1 else ''} "
        f"({report.files} export{'s' if report.files != 1 else ''}). No free text is quoted.",
        "",
        "## Reflections per worker",
        "",
        "| Worker | Reflections | From | To | Supervision | Peer lane |",
        "| --- | ---: | --- | --- | ---: | ---: |",
    ]
    for lb in report.labels.values():
        lines.append(
            f"| {_md(lb.name)} | {lb.reflections} | {lb.first} | {lb.last} | "
            f"{lb.flags.get('supervision', 0)} | {lb.flags.get('stay-in-lane', 0)} |"
        )
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
    lines += [f"- {f}: {n} of {total} ({_pct(n, total)})" for f, n in report.flag_rows()]
    return "\n".join(lines) + "\n"


def html(report: TeamReport) -> str:
    total = report.reflections
    rows_w = "".join(
        f"<tr><td>{escape(lb.name)}</td><td>{lb.reflections}</td><td>{lb.first}</td>"
        f"<td>{lb.last}</td><td>{lb.flags.get('supervision', 0)}</td>"
        f"<td>{lb.flags.get('stay-in-lane', 0)}</td></tr>"
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
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\"><title>Team reflections</title><style>"
        "body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;"
        "text-align:left}</style></head><body><h1>Team reflections</h1>"
        f"<p>{total} reflections from {len(report.labels)} workers. No free text is quoted.</p>"
        "<h2>Reflections per worker</h2><table><tr><th>Worker</th><th>Reflections</th>"
        "<th>From</th><th>To</th><th>Supervision</th><th>Peer lane</th></tr>"
        f"{rows_w}</table><h2>Values, strongest first</h2><table><tr><th>Value</th>"
        "<th>Mean</th><th></th><th>Reflections</th><th>Worth a look</th></tr>"
        f"{rows_v}</table><h2>Flags that came up</h2><ul>{rows_f}</ul></body></html>\n"
    )


def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def print_text(report: TeamReport, stream: Any = None) -> None:
    """The team view as text (Rich tables, 80 columns): the terminal, or ``stream`` plainly."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .output import out, visible

    def shown(value: str) -> Text:
        """A label, name or flag from an export: words, never markup or terminal codes."""
        return Text(visible(value))

    console = out() if stream is None else Console(
        file=stream, width=80, no_color=True, highlight=False, emoji=False, color_system=None
    )
    total = report.reflections
    console.print(
        f"[bold]Team reflections[/]: {total} from {len(report.labels)} "
        f"worker{'s' if len(report.labels) != 1 else ''}. No free text is quoted.\n"
    )
    workers = Table(box=box.SIMPLE_HEAD, title="Reflections per worker", title_justify="left")
    for col, justify in (("Worker", "left"), ("Reflections", "right"), ("From", "left"),
                         ("To", "left"), ("Supervision", "right"), ("Peer lane", "right")):
        workers.add_column(col, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for lb in report.labels.values():
        workers.add_row(
            shown(lb.name), str(lb.reflections), shown(lb.first), shown(lb.last),
            str(lb.flags.get("supervision", 0)), str(lb.flags.get("stay-in-lane", 0)),
        )
    console.print(workers)
    values = Table(box=box.SIMPLE_HEAD, title="Values, strongest first", title_justify="left")
    values.add_column("Value", no_wrap=True, overflow="ellipsis", min_width=24)
    values.add_column("Mean", justify="right", no_wrap=True)
    values.add_column("", no_wrap=True)
    values.add_column("Reflections", justify="right", no_wrap=True)
    values.add_column("Worth a look", justify="right", no_wrap=True)
    for cid, mean, n in report.means():
        bar = "█" * round(12 * max(0.0, min(1.0, mean)))
        values.add_row(shown(report.name(cid)), f"{mean:.2f}", f"[green]{bar}[/]", str(n),
                       str(report.worth_a_look.get(cid, 0)))
    console.print(values)
    console.print("[bold]Flags that came up[/]")
    for flag, n in report.flag_rows():
        console.print(shown(f"  {flag}: {n} of {total} ({_pct(n, total)})"))
