"""What the log commands share: opening the log, filters, the list table, confirmations.

Only typer is imported here; the store, Rich and the exporters load inside each function, so
``peercheck log -n 10`` costs little more than starting Python.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from datetime import date

    from ...store import Filters, LogStore

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


def _open(create: bool = False) -> LogStore | None:
    """The log, or None when there is none yet (reading commands then show an empty log)."""
    from ...paths import db_path
    from ...store import database_url, open_store

    if database_url() is not None:  # the team log on PostgreSQL
        store = open_store()
    else:
        path = db_path()
        if not create and not path.exists():
            return None
        store = open_store(path, create=create)
    from ...output import say

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
    from ...values import load_catalog

    return load_catalog().resolve(name).id


def _names() -> list[tuple[str, str]]:
    """(concept id, name) in the catalog's order; empty if the catalog cannot be read."""
    try:
        from ...values import load_catalog

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
    from ...store import Filters

    start, end = _period(since, until)
    return Filters(
        since=start,
        until=end,
        concept=_concept_id(value, store),
        # The same shape reflect gives a tag: "#first meeting" finds first-meeting.
        tag=("-".join(tag.strip().lstrip("#").split()) or None) if tag else None,
    )


def _period(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """--since and --until as dates; a period that ends before it starts is refused."""
    from ... import messages
    from ...dates import parse_date
    from ...errors import InputError

    start = parse_date(since) if since else None
    end = parse_date(until) if until else None
    if start and end and start > end:
        raise InputError(
            messages.DATES_REVERSED.format(since=start.isoformat(), until=end.isoformat())
        )
    return start, end


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


def _confirm(question: str, what: str, yes: bool) -> bool:
    from ... import messages
    from ...errors import InputError

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

    from ...exports import session_day
    from ...output import visible
    from ...summary.choice import highlights

    rows = []
    for record in records:
        context = record.get("context") or {}
        strongest, look = highlights(record)  # the summary's own choice, by name
        minutes = context.get("minutes")
        rows.append(tuple(visible(cell) for cell in (
            str(record.get("id"))[:12],
            session_day(record),
            str(context.get("kind") or "")[:10],
            "" if minutes is None else str(minutes),
            strongest or "",
            look or "",
        )))
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

    from ...output import err

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



def _get(store: LogStore | None, reflection_id: str) -> Record:
    from ... import messages
    from ...errors import InputError

    if not reflection_id.strip():
        raise InputError(messages.LOG_WHICH_ID, hint=messages.LOG_NO_SUCH_ID_HINT)
    record = store.get(reflection_id) if store is not None else None
    if record is None:
        raise InputError(
            messages.LOG_NO_SUCH_ID.format(id=reflection_id), hint=messages.LOG_NO_SUCH_ID_HINT
        )
    return record

