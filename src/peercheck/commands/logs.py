"""Commands: the reflection log (``log``), ``export``, ``import``, ``trends`` and ``report``.

Only typer is imported here; the store, Rich and the exporters load inside each command, so
``peercheck log -n 10`` costs little more than starting Python.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from ..store import Filters, LogStore

Record = dict[str, Any]



log_app = typer.Typer(
    name="log",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

SINCE = typer.Option(None, "--since", help='Only from this date: 2026-11-01, "last week"…')
UNTIL = typer.Option(None, "--until", help="Only up to this date (inclusive).")
VALUE = typer.Option(None, "--value", help="Only reflections that scored this value.")
TAG = typer.Option(None, "--tag", help="Only reflections with this tag.")
JSON = typer.Option(False, "--json", help="Print full records as JSON, for scripts.")


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    json = "json"
    markdown = "markdown"
    html = "html"


class ReportFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


# --- helpers -------------------------------------------------------------------------------


def _open(create: bool = False) -> LogStore | None:
    """The log, or None when there is none yet (reading commands then show an empty log)."""
    from ..paths import db_path
    from ..store import open_store

    path = db_path()
    if not create and not path.exists():
        return None
    store = open_store(path, create=create)
    from ..output import say

    for notice in getattr(store, "notices", []):
        say(notice)
    return store


def _concept_id(name: str | None, store: LogStore | None = None) -> str | None:
    """A value name as typed, resolved forgivingly to its concept id.

    A plain concept id the log already holds is taken as it is (one index lookup), so the
    common case never pays for loading the values catalog.
    """
    if not name:
        return None
    plain = "-".join(name.strip().lower().split())
    if store is not None and store.has_concept(plain):
        return plain
    from ..values import load_catalog

    return load_catalog().resolve(name).id


def _names() -> list[tuple[str, str]]:
    """(concept id, name) in the catalog's order; empty if the catalog cannot be read."""
    try:
        from ..values import load_catalog

        return [(cid, c.name) for cid, c in load_catalog().concepts.items()]
    except Exception:  # noqa: BLE001 - names are a nicety; ids still work
        return []


def _filters(
    since: str | None,
    until: str | None,
    value: str | None,
    tag: str | None,
    store: LogStore | None = None,
) -> Filters:
    from ..dates import parse_date
    from ..store import Filters

    return Filters(
        since=parse_date(since) if since else None,
        until=parse_date(until) if until else None,
        concept=_concept_id(value, store),
        # The same shape reflect gives a tag: "#first meeting" finds first-meeting.
        tag=("-".join(tag.strip().lstrip("#").split()) or None) if tag else None,
    )


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


def _confirm(question: str, what: str, yes: bool) -> bool:
    from .. import messages
    from ..errors import InputError

    if yes:
        return True
    if not sys.stdin.isatty():
        raise InputError(
            messages.LOG_NEEDS_YES.format(what=what), hint=messages.LOG_NEEDS_YES_HINT
        )
    return typer.confirm(question, default=False, err=True)


def _print_list(records: Iterable[Record]) -> int:
    """The log as a table: id, date, kind, minutes, strongest value, one worth a look.

    Plain aligned text rather than a Rich table: this is the command people run most, and
    it should start as fast as ``peercheck --version``.
    """
    import shutil

    from ..exports import session_day
    from ..summary.choice import highlights

    rows = []
    for record in records:
        context = record.get("context") or {}
        strongest, look = highlights(record)  # the summary's own choice, by name
        minutes = context.get("minutes")
        rows.append((
            str(record.get("id"))[:12],
            session_day(record),
            str(context.get("kind") or "")[:10],
            "" if minutes is None else str(minutes),
            strongest or "",
            look or "",
        ))
    if not rows:
        return 0
    width = min(shutil.get_terminal_size((80, 24)).columns, 100)
    head = ("ID", "Date", "Kind", "Min", "Going well", "Worth a look")
    fixed = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    room = max(24, width - sum(fixed) - 2 * 5)
    going = min(room - 12, max(len(r[4]) for r in [head, *rows]))
    wide = [going, room - going]

    def line(r: tuple[str, ...]) -> str:
        cells = [r[0].ljust(fixed[0]), r[1].ljust(fixed[1]), r[2].ljust(fixed[2]),
                 r[3].rjust(fixed[3]), _clip(r[4], wide[0]).ljust(wide[0]), _clip(r[5], wide[1])]
        return "  ".join(cells).rstrip()

    text = [line(head), *(line(r) for r in rows)]
    text.insert(1, "─" * max(len(t) for t in text))
    sys.stdout.write("\n".join(text) + "\n")
    return len(rows)


def _progress(records: Iterator[Record], total: int, show: bool) -> Iterator[Record]:
    """Pass records through, with a Rich progress bar on stderr for long runs."""
    if not show:
        yield from records
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..output import err

    with Progress(
        TextColumn("Exporting"), BarColumn(), MofNCompleteColumn(), console=err(),
        transient=True,
    ) as progress:
        task = progress.add_task("export", total=total)
        for i, record in enumerate(records, start=1):
            yield record
            if i % 500 == 0:
                progress.update(task, completed=i)
        progress.update(task, completed=total)


# --- log -----------------------------------------------------------------------------------


@log_app.callback(invoke_without_command=True)
def log_list(
    ctx: typer.Context,
    n: int = typer.Option(20, "-n", "--count", min=1, help="How many to show, newest first."),
    since: str | None = SINCE,
    until: str | None = UNTIL,
    value: str | None = VALUE,
    tag: str | None = TAG,
    as_json: bool = JSON,
) -> None:
    """Your reflections, newest first: date, kind, minutes, what went well, one worth a look.

    Ids are accepted by their first few characters everywhere.

    \b
    Examples:
      peercheck log -n 5
      peercheck log --since "last month" --value mutuality
      peercheck log show 01JD8Z
    """
    if ctx.invoked_subcommand:
        return
    from .. import messages
    from ..output import say

    store = _open()
    try:
        filters = _filters(since, until, value, tag, store)
        if store is None:
            if as_json:
                from ..output import print_json

                print_json([])
                return
            say(messages.LOG_EMPTY)
            say(messages.LOG_EMPTY_HINT)
            return
        records = store.query(filters, limit=n, newest_first=True)
        if as_json:
            from ..output import print_json

            print_json(list(records))
            return
        if not _print_list(records):
            empty = not any(store.query(None, limit=1))
            say(messages.LOG_EMPTY if empty else messages.LOG_NONE_MATCHED)
            if empty:
                say(messages.LOG_EMPTY_HINT)
    finally:
        if store is not None:
            store.close()


def _get(store: LogStore | None, reflection_id: str) -> Record:
    from .. import messages
    from ..errors import InputError

    if not reflection_id.strip():
        raise InputError(messages.LOG_WHICH_ID, hint=messages.LOG_NO_SUCH_ID_HINT)
    record = store.get(reflection_id) if store is not None else None
    if record is None:
        raise InputError(
            messages.LOG_NO_SUCH_ID.format(id=reflection_id), hint=messages.LOG_NO_SUCH_ID_HINT
        )
    return record


@log_app.command("show")
def log_show(
    reflection_id: str = typer.Argument(..., metavar="ID", help="An id, or its first characters."),
    as_json: bool = typer.Option(False, "--json", help="Print the full record as JSON."),
) -> None:
    """Show one reflection's summary again, exactly as it was saved.

    \b
    Example:
      peercheck log show 01JD8Z
    """
    store = _open()
    try:
        record = _get(store, reflection_id)
    finally:
        if store is not None:
            store.close()
    if as_json:
        from ..output import print_json
        from ..summary import with_summary

        print_json(with_summary(record))
        return
    from ..summary import render_summary

    render_summary(record, framework=record.get("framework"))


@log_app.command("delete")
def log_delete(
    reflection_id: str = typer.Argument(..., metavar="ID", help="An id, or its first characters."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask first."),
) -> None:
    """Delete one reflection for good, after asking (--yes skips the question).

    \b
    Example:
      peercheck log delete 01JD8Z
    """
    from .. import messages
    from ..exports import session_day
    from ..output import say

    store = _open()
    try:
        record = _get(store, reflection_id)
        rid, day = str(record["id"]), session_day(record)
        question = messages.LOG_DELETE_ASK.format(date=day, id=rid[:12])
        if not _confirm(question, "deleting a reflection", yes):
            say(messages.LOG_KEPT)
            return
        store.delete(rid)  # type: ignore[union-attr]
    finally:
        if store is not None:
            store.close()
    say(messages.LOG_DELETED.format(date=day))


@log_app.command("purge")
def log_purge(
    before: str = typer.Option(..., "--before", help='Remove reflections from before this date.'),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask first."),
) -> None:
    """Remove every reflection from before a date, for retention policies.

    The text is removed from the file itself (the search index is rebuilt and the file
    vacuumed), not just hidden.

    \b
    Example:
      peercheck log purge --before 2025-01-01
    """
    from .. import messages
    from ..dates import parse_date
    from ..output import say

    day = parse_date(before)
    store = _open()
    if store is None:
        say(messages.LOG_PURGE_NONE.format(date=day.isoformat()))
        return
    try:
        n = store.count_before(day)
        if not n:
            say(messages.LOG_PURGE_NONE.format(date=day.isoformat()))
            return
        question = messages.LOG_PURGE_ASK.format(n=n, s=_plural(n), date=day.isoformat())
        if not _confirm(question, "removing reflections", yes):
            say(messages.LOG_KEPT)
            return
        gone = store.purge_before(day)
    finally:
        store.close()
    say(messages.LOG_PURGED.format(n=gone, s=_plural(gone), date=day.isoformat()))


@log_app.command("path")
def log_path() -> None:
    """Print where your reflection log is kept (an SQLite file, readable by you alone).

    \b
    Example:
      peercheck log path
    """
    from ..paths import db_path

    typer.echo(str(db_path()))


@log_app.command("backup")
def log_backup(
    file: Path = typer.Argument(..., help="Where to write the copy."),
) -> None:
    """Write a consistent copy of your log to FILE (owner-only), safe while others write.

    \b
    Example:
      peercheck log backup ~/peercheck-backup.db
    """
    from .. import messages
    from ..errors import PeercheckError
    from ..output import say
    from ..paths import write_error

    file = file.expanduser()
    if file.is_dir():
        raise PeercheckError(messages.OUTPUT_IS_FOLDER.format(path=file))
    if not file.parent.exists():  # say so before SQLite names its temporary file
        raise write_error(file, FileNotFoundError(2, "No such file or directory"))
    store = _open()
    if store is None:
        say(messages.LOG_EMPTY)
        say(messages.LOG_EMPTY_HINT)
        return
    try:
        n = store.count()  # type: ignore[union-attr]
        try:
            store.backup_to(file)  # type: ignore[union-attr]
        except OSError as exc:
            raise write_error(file, exc) from exc
        except Exception as exc:  # sqlite3 errors: full disk, unwritable folder
            if "full" in str(exc).lower():
                raise write_error(file, OSError(28, "No space left on device")) from exc
            raise PeercheckError(
                messages.CANNOT_WRITE.format(path=file, reason=str(exc).lower())
            ) from exc
    finally:
        store.close()  # type: ignore[union-attr]
    say(messages.LOG_BACKED_UP.format(n=n, s=_plural(n), path=file))


@log_app.command("search")
def log_search(
    words: list[str] = typer.Argument(..., help="Words from your own answers or tags."),
    n: int = typer.Option(20, "-n", "--count", min=1, help="How many to show at most."),
    as_json: bool = JSON,
) -> None:
    """Find reflections by the words you wrote in them, newest first.

    \b
    Example:
      peercheck log search boundaries housing
    """
    from .. import messages
    from ..output import print_json, say

    text = " ".join(words)
    store = _open()
    try:
        records = store.search(text, limit=n) if store is not None else iter(())
        if as_json:
            print_json(list(records))
            return
        if not _print_list(records):
            say(messages.LOG_SEARCH_NONE.format(words=f'"{text}"'))
    finally:
        if store is not None:
            store.close()


# --- export / import -------------------------------------------------------------------------


def export(
    fmt: ExportFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        case_sensitive=False,
        help="csv, jsonl, json, markdown or html (default: from -o's ending, else jsonl).",
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

    from .. import messages
    from ..errors import InputError
    from ..exports import ExportOptions, exporter, guess_format
    from ..exports.redact import redact as redact_record
    from ..exports.redact import stamp
    from ..output import err, say
    from ..paths import open_output

    if output is not None and str(output) != "-":
        output = output.expanduser()
    name = fmt.value if fmt else (guess_format(output) or "jsonl")
    if label is not None:
        label = label.strip()
        if not label or len(label) > 60 or "\n" in label:
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
            concepts += [(cid, cid) for cid in store.concept_ids() if cid not in known]
            if name == "html":
                from ..trends import build, chart_series

                options.series = chart_series(build(store.concept_series(filters), dict(catalog)))
            total = store.count_matching(filters)
            raw = name == "jsonl" and not redact and not label
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
        say(messages.EXPORT_WROTE.format(n=n, s=_plural(n), path=output))


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
    from .. import messages
    from ..importer import read_records
    from ..output import print_json, say

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


# --- trends and report ---------------------------------------------------------------------


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
    from .. import messages
    from ..output import out, print_json, say
    from ..trends import build, sparkline

    filters = _filters(since, until, None, tag)
    concept = _concept_id(value)
    names = dict(_names())
    store = _open()
    if store is None:
        rows: list = []
        total = 0
    else:
        try:
            rows = [r for r in store.concept_series(filters) if concept in (None, r[0])]
            total = store.count_matching(filters) if concept is None else 0
        finally:
            store.close()
    found = build(rows, names)
    if as_json:
        print_json([t.to_dict() for t in found])
        return
    if not found:
        say(messages.TRENDS_NONE)
        return
    from rich.text import Text

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
) -> None:
    """A team view over several workers' exports, for supervisors; no free text is quoted.

    Shows reflections per worker label, each value's mean score, the values most often worth
    a look, and how often supervision or stay-in-lane flags came up.

    \b
    Example:
      peercheck report a.jsonl b.jsonl --format html -o team.html
    """
    from .. import messages
    from ..output import say, to_json
    from ..paths import open_output
    from ..report import build, html, markdown, print_text

    team = build([f.expanduser() for f in files], dict(_names()))
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
        say(messages.REPORT_WROTE.format(path=output))


def _paragraphs(doc: str | None) -> str | None:
    """A docstring as help text: each paragraph on one line, so it wraps to the terminal.

    Rich keeps the docstring's own line breaks, which leaves ragged half-lines in an
    80-column terminal; ``\b`` blocks (examples) keep theirs.
    """
    if not doc:
        return doc
    import inspect

    out = []
    for block in inspect.cleandoc(doc).split("\n\n"):
        out.append(block if block.startswith("\b") else " ".join(block.split()))
    return "\n\n".join(out)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    info = log_app.registered_callback
    if info is not None:
        info.help = _paragraphs(log_list.__doc__)
    for command in log_app.registered_commands:
        command.help = _paragraphs(command.callback.__doc__ if command.callback else None)
    app.add_typer(log_app, name="log")
    for name, function in (
        ("export", export), ("import", import_), ("trends", trends), ("report", report)
    ):
        app.command(name, help=_paragraphs(function.__doc__))(function)
