"""Commands: ``team`` (peercheck for a whole service, on PostgreSQL) and ``log share/unshare``.

The server decides who sees what (row-level security and privileges, see store.postgres.schema);
these commands only set it up, choose what to share and read what the current role may read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .logs.team import ReportFormat  # one set of report formats for report and team report

if TYPE_CHECKING:
    from ..store.postgres import PostgresStore

team_app = typer.Typer(
    name="team",
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="peercheck for a whole service: the log on PostgreSQL, sharing with supervision.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _url() -> str:
    from .. import messages
    from ..errors import InputError
    from ..store import database_url

    url = database_url()
    if url is None:
        raise InputError(messages.PG_NEEDS_SERVER, hint=messages.PG_NEEDS_SERVER_HINT)
    return url


def _store() -> PostgresStore:
    from ..store.postgres import PostgresStore

    return PostgresStore(_url())


def _admin(action: object) -> None:
    """Run ``action(conn, location)`` on a plain connection (no schema needed yet)."""
    import psycopg

    from ..store.postgres import connect as pg

    url = _url()
    location = pg.describe(url)
    conn = pg.connect(url, location)
    try:
        action(conn, location)  # type: ignore[operator]
    except psycopg.errors.InsufficientPrivilege:
        from .. import messages
        from ..errors import StoreError

        raise StoreError(messages.PG_ADMIN_ONLY.format(where=location),
                         hint=messages.PG_ADMIN_ONLY_HINT) from None
    except psycopg.Error as exc:
        raise pg.store_error(location, exc) from None
    finally:
        conn.close()


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


@team_app.command("setup")
def setup() -> None:
    """Create or upgrade peercheck's schema and its two group roles (run by the database owner).

    Creates peercheck_worker and peercheck_supervisor, the tables with row-level security,
    and the supervisors' view. Safe to run again: it says what it did, or that nothing changed.

    \b
    Example:
      PEERCHECK_DATABASE_URL=postgresql:///peercheck peercheck team setup
    """
    from .. import messages
    from ..output import say
    from ..store.postgres.schema import SCHEMA_VERSION
    from ..store.postgres.schema import setup as run_setup

    def action(conn: object, location: str) -> None:
        done = run_setup(conn)
        for line in done:
            say(line)
        text = messages.PG_SETUP_DONE if done else messages.PG_SETUP_NOTHING
        say(text.format(where=location, n=SCHEMA_VERSION))

    _admin(action)


def _grant(group: str, role: str) -> None:
    from .. import messages
    from ..output import say
    from ..store.postgres.schema import grant

    def action(conn: object, location: str) -> None:
        changed = grant(conn, group, role)
        say((messages.PG_GRANTED if changed else messages.PG_ALREADY).format(
            role=role, group=group))

    _admin(action)


@team_app.command("add-worker")
def add_worker(role: str = typer.Argument(..., help="An existing login role.")) -> None:
    """Let a login role keep its reflections in the team log (peercheck_worker).

    \b
    Example:
      peercheck team add-worker alice
    """
    from ..store.postgres.schema import WORKER

    _grant(WORKER, role)


@team_app.command("add-supervisor")
def add_supervisor(role: str = typer.Argument(..., help="An existing login role.")) -> None:
    """Let a login role read what workers share, and nothing else (peercheck_supervisor).

    \b
    Example:
      peercheck team add-supervisor sam
    """
    from ..store.postgres.schema import SUPERVISOR

    _grant(SUPERVISOR, role)


@team_app.command("label")
def label(
    name: str = typer.Argument(..., help='What supervisors call you, e.g. "Worker A".'),
) -> None:
    """Choose the label supervisors see on the reflections you share (never your role name).

    \b
    Example:
      peercheck team label "Worker A"
    """
    from .. import messages
    from ..output import say
    from ..store.postgres.sharing import set_label

    store = _store()
    try:
        set_label(store, name)
    finally:
        store.close()
    say(messages.PG_LABEL_SET.format(label=" ".join(name.split())))


@team_app.command("status")
def status(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Show what your role can see: your shared reflections, or what supervision can read.

    \b
    Example:
      peercheck team status
    """
    from .. import messages
    from ..output import print_json
    from ..store.postgres.sharing import status as read_status

    store = _store()
    try:
        found = read_status(store)
    finally:
        store.close()
    if as_json:
        print_json(found.to_dict())
        return
    lines = []
    if found.worker:
        as_label = f' as "{found.label}"' if found.label else ""
        lines.append(messages.PG_STATUS_WORKER.format(
            n=found.reflections, s=_plural(found.reflections), shared=found.shared,
            as_label=as_label))
        if not found.label:
            lines.append(messages.PG_STATUS_NO_LABEL)
    if found.supervisor:
        lines.append(messages.PG_STATUS_SUPERVISOR.format(
            n=found.shared_seen, s=_plural(found.shared_seen), labels=found.labels_seen,
            ls=_plural(found.labels_seen)))
    if not lines:
        lines.append(messages.PG_STATUS_NEITHER)
    import sys

    # Not typer.echo: on an ASCII terminal click switches to UTF-8 bytes; sys.stdout keeps
    # the plain stand-ins (output.plain_streams) for a label's curly quotes or arrows.
    sys.stdout.write("".join(f"{line}\n" for line in lines))


@team_app.command("report")
def report(
    fmt: ReportFormat = typer.Option(
        ReportFormat.text, "--format", "-f", case_sensitive=False,
        help="text, markdown, html or json.",
    ),
    since: str | None = typer.Option(None, "--since", help='Only from this date: "last month"…'),
    until: str | None = typer.Option(None, "--until", help="Only up to this date (inclusive)."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (owner-only) instead of the screen."
    ),
) -> None:
    """The team report (as peercheck report builds it) from what workers shared, for supervisors.

    Reads only the shared view: scores, levels, flags and labels, never a worker's words.

    \b
    Example:
      peercheck team report --since "last month" --format html -o team.html
    """
    from ..report import TeamReport
    from ..store.postgres.sharing import shared_labels, shared_records
    from .logs.common import _names, _period
    from .logs.team import write_report

    start, end = _period(since, until)
    store = _store()
    team = TeamReport(since=start, until=end)
    try:
        # Every label that has shared something is listed, as report lists every export's,
        # even with none in the period.
        for name in shared_labels(store):
            team.label(name)
        for record in shared_records(store, start, end):
            team.add(record, str(record.get("label")))
    finally:
        store.close()
    team.names.update(dict(_names()))
    write_report(team, fmt, output)


@team_app.command("push")
def push() -> None:
    """Copy the reflections in this computer's log into the team log (again is harmless).

    Reflections already there (same id) are left as they are; your local log is not changed.

    \b
    Example:
      peercheck team push
    """
    from .. import messages
    from ..errors import InputError
    from ..output import say
    from ..paths import db_path
    from ..store.sqlite import SQLiteStore

    path = db_path()
    if not path.exists():
        raise InputError(messages.PG_PUSH_NO_LOCAL)
    store = _store()
    try:
        local = SQLiteStore(path, create=False)
        try:
            added, skipped = store.import_records(local.query(newest_first=False))
        finally:
            local.close()
    finally:
        store.close()
    say(messages.PG_PUSHED.format(
        added=added, s=_plural(added), skipped=skipped, were="was" if skipped == 1 else "were"))


def check_can_share() -> None:
    """Before ``reflect --share`` asks anything: a team log, and a label to share under."""
    from .. import messages
    from ..errors import InputError
    from ..store.postgres.sharing import label

    store = _store()
    try:
        if label(store) is None:
            raise InputError(messages.PG_NEEDS_LABEL, hint=messages.PG_NEEDS_LABEL_HINT)
    finally:
        store.close()


def share_ids(ids: list[str], shared: bool) -> None:
    """Mark reflections shared with supervision or not (``log share`` / ``log unshare``)."""
    from .. import messages
    from ..output import say
    from ..store.postgres.sharing import share

    store = _store()
    try:
        changed = share(store, ids, shared)
    finally:
        store.close()
    text = messages.PG_SHARED if shared else messages.PG_UNSHARED
    say(text.format(n=len(changed), s=_plural(len(changed))))


def register(app: typer.Typer) -> None:
    """Add ``team`` to the app (``log share`` / ``log unshare`` live in commands.logs.sharing)."""
    app.add_typer(team_app, name="team")
