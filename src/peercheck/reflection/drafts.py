"""Drafts: unfinished reflections kept owner-only so nothing typed is ever lost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import messages
from ..errors import InputError
from ..prompts import Answer
from .context import clip, empty_context

DRAFT_FORMAT = 1


class Draft:
    """An unfinished reflection, kept owner-only in paths.drafts_dir()."""

    def __init__(self, path: Path, data: dict[str, Any]):
        self.path = path
        self.data = data

    @classmethod
    def new(cls, prompt_ids: list[str], focus: str | None, framework: str | None) -> Draft:
        from ..ids import new_id, now_iso
        from ..paths import drafts_dir

        data = {
            "format": DRAFT_FORMAT,
            "started_at": now_iso(),
            "focus": focus,
            "framework": framework,
            "prompt_ids": prompt_ids,
            "context": empty_context(),
            "answers": {},
            "step": 0,
            "finished": False,
        }
        return cls(drafts_dir() / f"{new_id()}.json", data)

    @classmethod
    def latest(cls) -> Draft | None:
        """The most recently started draft that can be read (None when there is none)."""
        return next(cls._readable(), None)

    @classmethod
    def all(cls) -> list[Draft]:
        """Every draft that can be read, the most recently started first."""
        return list(cls._readable())

    @classmethod
    def _readable(cls) -> Iterator[Draft]:
        """Drafts newest first, passing over files that are not (or no longer) drafts."""
        for path in cls.paths():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and data.get("format") == DRAFT_FORMAT:
                yield cls(path, data)

    @classmethod
    def find(cls, wanted: str) -> Draft:
        """The draft with this id, or the one id that starts with it (any case)."""
        key = wanted.strip().upper()
        drafts = cls.all()
        matches = [d for d in drafts if d.id == key] or [
            d for d in drafts if key and d.id.startswith(key)]
        if len(matches) == 1:
            return matches[0]
        hint = messages.DRAFTS_HINT if drafts else messages.NO_DRAFT_HINT
        if matches:
            raise InputError(messages.DRAFT_AMBIGUOUS.format(id=clip(wanted)), hint=hint)
        raise InputError(messages.DRAFT_UNKNOWN.format(id=clip(wanted)), hint=hint)

    @staticmethod
    def paths() -> list[Path]:
        from ..paths import drafts_dir

        return sorted(drafts_dir().glob("*.json"), reverse=True)

    @property
    def id(self) -> str:
        return self.path.stem

    @property
    def started_on(self) -> str:
        return str(self.data.get("started_at") or "")[:10]

    def context_given(self) -> int:
        """How many session details were given (the date counts once it was changed)."""
        context = self.context
        changed_date = context.get("date") not in (None, "", self.started_on)
        return sum(bool(x) for x in (changed_date, context.get("kind"),
                                     context.get("minutes"), context.get("tags")))

    def answered(self) -> int:
        """Answers so far, the session details included."""
        return len(self.answers) + self.context_given()

    def first_words(self, count: int = 8) -> str:
        """The start of the first written answer, to recognise the draft by."""
        for value in self.answers.values():
            if isinstance(value, str) and not value.isdigit() and " " in value.strip():
                words = value.split()
                return " ".join(words[:count]) + (" …" if len(words) > count else "")
        return ""

    def summary(self) -> dict[str, Any]:
        """What ``reflect --drafts`` shows of a draft."""
        return {
            "id": self.id,
            "started_at": self.data.get("started_at"),
            "date": self.context.get("date") or self.started_on,
            "answered": self.answered(),
            "first_words": self.first_words(),
            "focus": self.data.get("focus"),
            "finished": bool(self.data.get("finished")),
        }

    @property
    def context(self) -> dict[str, Any]:
        return self.data["context"]

    @property
    def answers(self) -> dict[str, Answer]:
        return self.data["answers"]

    def save(self) -> None:
        """Write the draft atomically, owner-only (raises PeercheckError if it cannot)."""
        from ..paths import atomic_write, drafts_dir

        drafts_dir()
        atomic_write(self.path, json.dumps(self.data, ensure_ascii=False, indent=1))

    def discard(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def show_drafts(as_json: bool) -> None:
    """``reflect --drafts``: the unfinished reflections, newest first (data on stdout)."""
    from ..output import out, print_json, say

    drafts = [d.summary() for d in Draft.all()]
    if as_json:
        print_json(drafts)
        return
    if not drafts:
        say(messages.NO_DRAFTS)
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    *fixed, words = messages.DRAFTS_COLUMNS
    for heading in fixed:
        table.add_column(heading, no_wrap=True, min_width=len(heading))
    table.add_column(words, ratio=1)
    for d in drafts:
        table.add_row(d["id"], d["date"], str(d["answered"]), d["first_words"])
    out().print(table)
    say(messages.DRAFTS_HINT)


def discard_draft(wanted: str) -> None:
    """``reflect --discard ID``: remove one unfinished reflection for good."""
    from ..output import say

    draft = Draft.find(wanted)
    draft.discard()
    say(messages.DRAFT_DISCARDED.format(id=draft.id, date=draft.summary()["date"]))
