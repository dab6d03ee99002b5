"""Commands: ``log edit`` (change a saved reflection's answers) and ``log note`` (add a note)."""

from __future__ import annotations

import sys

import typer

from .common import _get, _open, log_app

ID = typer.Argument(..., metavar="ID", help="An id, or its first characters.")


@log_app.command("edit")
def log_edit(reflection_id: str = ID) -> None:
    """Change a saved reflection's answers in your editor ($VISUAL or $EDITOR); it is weighed again.

    The answers open as the same YAML the --template uses and are checked as --answers checks
    them. The id and session date stay, and the time of the edit is recorded. An unchanged
    file changes nothing; an edit peercheck cannot read saves nothing and says why.

    \b
    Example:
      peercheck log edit 01JD8Z
    """
    from ... import messages
    from ...editing import edit_text, edited, identifying_changes, read_edit, run_editor
    from ...errors import InputError
    from ...exports import session_day
    from ...output import say
    from ...paths import atomic_write, ensure_private_dir, home

    store = _open()
    try:
        record = _get(store, reflection_id)
        path = ensure_private_dir(home() / "editing") / f"{record['id']}.yaml"
        atomic_write(path, edit_text(record))
        keep = False
        try:
            while True:
                run_editor(path)
                try:
                    context, answers = read_edit(path, record)
                    break
                except InputError as exc:
                    if sys.stdin.isatty() and typer.confirm(
                        f"{exc.message} {messages.EDIT_AGAIN}", default=True, err=True
                    ):
                        continue
                    keep = True
                    raise InputError(
                        exc.message, hint=messages.EDIT_NOT_SAVED_HINT.format(path=path)
                    ) from None
            new = edited(record, context, answers)
            if new is not None:
                store.replace(new)  # type: ignore[union-attr]
                for line in identifying_changes(record, answers):
                    say(messages.EDIT_LOOKS_IDENTIFYING.format(line=line))
        finally:
            if not keep:
                path.unlink(missing_ok=True)
    finally:
        if store is not None:
            store.close()
    day = session_day(record)
    say(messages.EDIT_UNCHANGED if new is None else messages.EDIT_SAVED.format(date=day))


@log_app.command("note")
def log_note(
    reflection_id: str = ID,
    text: str = typer.Argument(..., metavar="TEXT", help="The note, in your own words."),
) -> None:
    """Add a dated note to a saved reflection: something you noticed later, or after supervision.

    Notes are your own words: search finds them, full exports keep them, --redact leaves
    them out.

    \b
    Example:
      peercheck log note 01JD8Z "Talked it through in supervision; try more silence."
    """
    from ... import messages
    from ...editing import note_identifying, with_note
    from ...exports import session_day
    from ...output import say

    store = _open()
    try:
        record = _get(store, reflection_id)
        noted = with_note(record, text)
        what = note_identifying(text)
        if what is not None:
            say(messages.NOTE_LOOKS_IDENTIFYING.format(what=what))
            if sys.stdin.isatty() and not typer.confirm(
                messages.NOTE_ADD_ASK, default=True, err=True
            ):
                say(messages.NOTE_NOT_ADDED)
                return
        store.replace(noted)  # type: ignore[union-attr]
    finally:
        if store is not None:
            store.close()
    say(messages.NOTE_ADDED.format(date=session_day(record)))
