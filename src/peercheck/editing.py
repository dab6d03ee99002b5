"""Changing a saved reflection later: editing its answers (``log edit``) and dated notes
(``log note``).

Both keep everything inside the record itself, so no schema change is needed and exports,
imports and backups carry them as they carry the rest:

- an edit re-scores the answers as ``reflect`` would, keeps the id, the creation time and the
  session date, and sets ``edited_at``;
- ``notes`` is a list of ``{"at": ISO time, "text": free text}``. Notes are the worker's own
  words: ``--redact`` leaves them out (its allowlist never had them) and search finds them.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

from . import messages
from .errors import InputError, PeercheckError

Record = dict[str, Any]
NOTE_LIMIT = 2000  # characters: a note is a few sentences, not a second reflection


def _prompts(record: Record) -> tuple[list[Any], list[Any]]:
    """(the prompts this reflection was asked, every prompt), as ``reflect`` chose them."""
    from .prompts import focus_on, load_prompts

    every = load_prompts()
    focus = record.get("focus")
    asked = focus_on(every, str(focus)) if focus else every
    return (asked or every), every


def edit_text(record: Record) -> str:
    """The reflection's answers in the answers file ``reflect --template`` gives, to edit."""
    from .reflection import template

    context = record.get("context") or {}
    editable = {k: context.get(k) for k in ("kind", "minutes")}
    editable["tags"] = list(context.get("tags") or [])
    head = messages.EDIT_FILE_HEAD.format(
        id=record.get("id"), date=context.get("date") or str(record.get("created_at"))[:10]
    )
    asked, _every = _prompts(record)
    # The file reflect --template gives (its questions, order and comments), filled in.
    return template(asked, record.get("focus"), head=head, context=editable,
                    answers=dict(record.get("answers") or {}))


def read_edit(path: Path, record: Record) -> tuple[dict[str, Any], dict[str, Any]]:
    """(context, answers) from the edited file, checked as ``--answers`` checks a file."""
    from .reflection import read_answers

    asked, every = _prompts(record)
    context, answers, _ignored = read_answers(str(path), asked, every)
    return context, answers


def edited(record: Record, context: dict[str, Any], answers: dict[str, Any]) -> Record | None:
    """The record re-scored with new answers, or None when nothing a reader sees changed."""
    from .ids import now_iso
    from .reflection import build_record

    old = record.get("context") or {}
    day = old.get("date") or str(record.get("created_at"))[:10]
    context = {**context, "date": day}
    same_context = all(
        (context.get(k) or None) == (old.get(k) or None) for k in ("kind", "minutes", "tags")
    )
    if same_context and answers == (record.get("answers") or {}):
        return None
    asked, _every = _prompts(record)
    fresh = build_record(asked, context, answers, focus=record.get("focus"),
                         framework=record.get("framework"))
    # What build_record does not make (a label, notes) stays; so do the id and the dates.
    new = {**record, **{k: v for k, v in fresh.items() if k not in ("id", "created_at")}}
    new["edited_at"] = now_iso()
    return new


def identifying_changes(record: Record, answers: dict[str, Any]) -> list[str]:
    """"prompt: what" for each changed free-text answer that looks like it could identify
    someone (answers left as they were are not raised again)."""
    from .reflection import identifying_answers

    asked, _every = _prompts(record)
    before = record.get("answers") or {}
    changed = {pid: a for pid, a in answers.items() if before.get(pid) != a}
    return identifying_answers(asked, changed)


def note_identifying(text: str) -> str | None:
    """What in a note looks like it could identify someone, in words; None when nothing."""
    from .prompts import or_list
    from .reflection import identifying

    reasons = identifying(text)
    return or_list(reasons) if reasons else None


def with_note(record: Record, text: str) -> Record:
    """The record with one more dated note (the text as one tidy paragraph per line)."""
    from .ids import now_iso

    clean = "\n".join(line.rstrip() for line in text.strip().splitlines())
    if not clean:
        raise InputError(messages.NOTE_EMPTY)
    if len(clean) > NOTE_LIMIT:
        raise InputError(messages.NOTE_TOO_LONG.format(limit=NOTE_LIMIT))
    notes = [n for n in record.get("notes") or [] if isinstance(n, dict)]
    return {**record, "notes": [*notes, {"at": now_iso(), "text": clean}]}


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR (with any arguments they carry), else nano or vi if installed."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError as exc:
                raise InputError(messages.EDITOR_UNREADABLE.format(name=name)) from exc
    for fallback in ("nano", "vi"):
        found = shutil.which(fallback)
        if found:
            return [found]
    raise InputError(messages.EDITOR_NONE, hint=messages.EDITOR_NONE_HINT)


def run_editor(path: Path) -> None:
    """Open ``path`` in the person's editor and wait for it to close."""
    command = editor_command()
    try:
        finished = subprocess.run([*command, str(path)], check=False)  # noqa: S603
    except OSError as exc:
        raise PeercheckError(
            messages.EDITOR_FAILED.format(editor=command[0], reason=exc.strerror or exc)
        ) from exc
    if finished.returncode != 0:
        raise PeercheckError(
            messages.EDITOR_FAILED.format(
                editor=command[0], reason=f"it stopped with exit code {finished.returncode}"
            )
        )
