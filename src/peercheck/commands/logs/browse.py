"""Commands: the reflection log itself (``log``, ``log show/delete/purge/path/backup/search``)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import (
    JSON,
    SINCE,
    TAG,
    UNTIL,
    VALUE,
    Record,
    _confirm,
    _filters,
    _get,
    _open,
    _plural,
    _print_list,
    log_app,
)


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
    from ... import messages
    from ...output import say

    store = _open()
    try:
        filters = _filters(since, until, value, tag, store)
        if store is None:
            if as_json:
                from ...output import print_json

                print_json([])
                return
            say(messages.LOG_EMPTY)
            say(messages.LOG_EMPTY_HINT)
            return
        records = store.query(filters, limit=n, newest_first=True)
        if as_json:
            from ...output import print_json

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
        from ...output import print_json
        from ...summary import with_summary

        print_json(with_summary(record))
        return
    from ...output import paged
    from ...summary import render_summary

    with paged():  # taller than the screen: through the pager, as git does
        render_summary(record, framework=record.get("framework"))
        _print_notes(record)


def _print_notes(record: Record) -> None:
    """The notes added later (``log note``) and when it was last edited, under the summary."""
    from rich.text import Text

    from ... import messages
    from ...output import out

    notes = [n for n in record.get("notes") or [] if isinstance(n, dict)]
    console = out()
    if notes or record.get("edited_at"):
        console.print()
    if notes:
        console.print(Text(messages.NOTES_HEAD, style="bold"))
        for note in notes:
            console.print(Text.assemble("  ", (str(note.get("at"))[:10], "dim"), "  ",
                                        str(note.get("text"))))
    if record.get("edited_at"):
        console.print(Text(messages.EDITED_ON.format(date=str(record["edited_at"])[:10]),
                           style="dim"))


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
    from ... import messages
    from ...exports import session_day
    from ...output import say

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
    from ... import messages
    from ...dates import parse_date
    from ...output import say

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

    With a team log on PostgreSQL, prints its URL without the password.

    \b
    Example:
      peercheck log path
    """
    from ...paths import db_path
    from ...store import database_url

    url = database_url()
    if url is not None:
        from ...store.postgres.connect import describe

        typer.echo(describe(url))
        return
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
    from ... import messages
    from ...errors import PeercheckError
    from ...output import say
    from ...paths import private_note, refuse_log_file, write_error

    file = file.expanduser()
    if file.is_dir():
        raise PeercheckError(messages.OUTPUT_IS_FOLDER.format(path=file))
    refuse_log_file(file)
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
    say(messages.LOG_BACKED_UP.format(n=n, s=_plural(n), path=file, private=private_note(file)))


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
    from ... import messages
    from ...output import print_json, say

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

