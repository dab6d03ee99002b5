"""Commands: ``export`` (every format) and ``import`` (reading an export back)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from .common import SINCE, TAG, UNTIL, VALUE, Record, _filters, _names, _open, _plural, _progress


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    json = "json"
    markdown = "markdown"
    html = "html"



def export(
    fmt: ExportFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        case_sensitive=False,
        help="csv, jsonl, json, markdown or html (default: from -o's ending; else jsonl).",
    ),
    since: str | None = SINCE,
    until: str | None = UNTIL,
    value: str | None = VALUE,
    tag: str | None = TAG,
    redact: bool = typer.Option(
        False, "--redact", help="Leave out free-text answers, intentions, tags and cue quotes."
    ),
    label: str | None = typer.Option(
        None, "--as", metavar="LABEL", help="A worker label you choose, stamped on the export."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (owner-only) instead of the screen."
    ),
) -> None:
    """Export your reflections for supervision, a spreadsheet or another computer.

    JSON Lines and JSON keep everything and are what peercheck import reads. CSV has one
    row per reflection and one column per value. Markdown and HTML are for reading; the HTML
    page is self-contained (a table and a chart of each value over time).

    \b
    Examples:
      peercheck export -o reflections.jsonl
      peercheck export -f html --since "last month" -o log.html
      peercheck export --redact --as "Worker A" -o worker-a.jsonl
    """
    from datetime import datetime

    from ... import messages
    from ...errors import InputError
    from ...exports import ExportOptions, choose_format, exporter
    from ...exports.redact import redact as redact_record
    from ...exports.redact import stamp
    from ...output import err, say
    from ...paths import open_output, private_note, refuse_log_file

    if output is not None and str(output) != "-":
        output = output.expanduser()
        refuse_log_file(output)  # before anything else is said about the name
    name = choose_format(fmt.value if fmt else None, output)
    if label is not None:
        label = label.strip()
        from ...records import is_line

        if not label or not is_line(label, 60):
            raise InputError(messages.EXPORT_BAD_LABEL)
    store = _open()
    try:
        filters = _filters(since, until, value, tag, store)
    except BaseException:
        if store is not None:
            store.close()
        raise
    catalog = _names()
    known = {cid for cid, _ in catalog}
    concepts = list(catalog)
    options = ExportOptions(
        redact=redact,
        label=label,
        generated_at=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
    )
    total = 0
    raw = False
    records: Iterator[Record] = iter(())
    try:
        if store is not None:
            in_log = store.concept_ids()
            if not redact:  # an id peercheck does not know is not shared (see redact)
                concepts += [(cid, cid) for cid in in_log if cid not in known]
            if name == "csv":  # a column only for a value some prompt scores, or the log holds
                scoring = _scored_concepts()
                if scoring is not None:
                    keep = scoring | set(in_log)
                    concepts = [(cid, n) for cid, n in concepts if cid in keep]
            if name == "html":
                from ...trends import build, chart_series

                options.series = chart_series(
                    build(lambda: store.concept_series(filters), dict(catalog))
                )
                if redact:
                    options.series = {c: s for c, s in options.series.items() if c in known}
            total = store.count_matching(filters)
            raw = name in ("jsonl", "json") and not redact and not label
            if name == "csv":  # the fast path: flat rows straight from SQLite
                records = store.table_rows(filters)  # type: ignore[assignment]
            elif raw:  # stored JSON text is already a JSON Lines line
                records = store.query_json(filters)  # type: ignore[assignment]
            else:
                newest_first = name not in ("jsonl", "json")
                records = store.query(filters, newest_first=newest_first)
            if redact and name != "csv":
                records = map(redact_record, records)
            if label and name != "csv":
                records = (stamp(r, label) for r in records)
        options.concepts = concepts
        to_file = output is not None and str(output) != "-"
        show = total >= 1000 and err().is_terminal and (to_file or not sys.stdout.isatty())
        with open_output(output) as stream:
            module: Any = exporter(name)
            write = (
                module.write_table if name == "csv"
                else module.write_raw if raw
                else module.write
            )
            n = write(_progress(records, total, show), stream, options)
    finally:
        if store is not None:
            store.close()
    if output is not None and str(output) != "-":
        say(messages.EXPORT_WROTE.format(
            n=n, s=_plural(n), path=output, private=private_note(output)
        ))


def _scored_concepts() -> set[str] | None:
    """The concept ids some reflection prompt scores; None if the prompts cannot be read."""
    try:
        from ...prompts import load_prompts

        return {c for p in load_prompts() if p.scored for c in p.concepts}
    except Exception:  # noqa: BLE001 - then every value keeps its column, as before
        return None


def import_(
    file: Path = typer.Argument(..., help="A JSON Lines or JSON file from peercheck export."),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Add the reflections from a peercheck export to your log; importing twice adds nothing.

    Anything that is not a peercheck JSON Lines or JSON export is refused whole.

    \b
    Example:
      peercheck import reflections.jsonl
    """
    from ... import messages
    from ...importer import read_records
    from ...output import print_json, say

    path = file.expanduser()
    records = read_records(path)
    first = next(records, None)  # check the file before creating or locking the log
    store = _open(create=True)
    try:
        import itertools

        added, skipped = store.import_records(  # type: ignore[union-attr]
            itertools.chain([first] if first is not None else [], records)
        )
    finally:
        store.close()  # type: ignore[union-attr]
    if as_json:
        print_json({"added": added, "already_there": skipped})
        return
    say(
        messages.IMPORT_DONE.format(
            added=added, s=_plural(added), skipped=skipped, were="was" if skipped == 1 else "were"
        )
    )

