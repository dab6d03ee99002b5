"""The interactive session: one question at a time in a terminal, a draft after each answer."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from .. import messages
from ..errors import InputError, PeercheckError
from ..prompts import Prompt, or_list
from .context import (
    CONTEXT_FIELDS,
    parse_date_value,
    parse_kind,
    parse_minutes,
    parse_tags,
    split_tags,
)
from .drafts import Draft
from .record import identifying


class Stop(Exception):
    """The person typed q (their answers are kept as a draft)."""


class Session:
    """Asks the context items and prompts in a terminal, keeping a draft after every answer.

    ``ask(prompt_text) -> str`` reads one line (raises EOFError / KeyboardInterrupt);
    ``show`` prints Rich renderables to the message console.
    """

    def __init__(self, prompts: list[Prompt], draft: Draft, console: Any,
                 ask: Callable[[str], str] | None = None):
        self.prompts = prompts
        self.draft = draft
        self.console = console
        self.ask = ask or _terminal_ask(console)
        self.steps: list[tuple[str, Any]] = [("context", f) for f in CONTEXT_FIELDS]
        self.steps += [("prompt", p) for p in prompts]
        self.draft_warned = False

    # the loop ------------------------------------------------------------------------------

    def run(self) -> None:
        """Ask everything from the draft's step on; raises Stop on q, KeyboardInterrupt on ^C."""
        i = min(int(self.draft.data.get("step", 0)), len(self.steps))
        while i < len(self.steps):
            kind, item = self.steps[i]
            if kind == "context" and i == 0:
                self.console.print(f"[bold]{messages.CONTEXT_HEADING}[/]")
            existing = self._existing(kind, item)
            self._show(kind, item, existing)
            if self.draft.data.get("pending_edit") == _pending_key(kind, item) \
                    and existing is not None:
                # stopped at "edit it before it's kept?": ask that again before moving on
                written = ", ".join(existing) if isinstance(existing, list) else str(existing)
                self._store(kind, item, self._kept(kind, item, written))
                i += 1
                self._keep(i)
                continue
            try:
                raw = self.ask("> ")
            except EOFError:
                self.console.print()
                raise Stop() from None
            word = raw.strip()
            command = word.lower()
            if command in ("q", "quit", "stop"):
                raise Stop()
            if command in ("?", "help"):
                self._help(kind, item)
                continue
            if command in ("b", "back"):
                if i == 0:
                    self.console.print(f"[dim]{messages.AT_START}[/]")
                i = max(0, i - 1)
                continue
            if not word:
                if existing is None and kind == "prompt":
                    self.draft.answers.pop(item.id, None)
                i += 1
                self._keep(i)
                continue
            try:
                value = self._parse(kind, item, word)
            except InputError as exc:
                self.console.print(f"[yellow]{_escape(self._retry(kind, item, word, exc))}[/]")
                continue
            if _free_words(kind, item):
                value = self._kept(kind, item, word if kind == "context" else value)
            self._store(kind, item, value)
            i += 1
            self._keep(i)

    # pieces --------------------------------------------------------------------------------

    def _existing(self, kind: str, item: Any) -> Any:
        if kind == "context":
            value = self.draft.context.get(item)
            if item == "date" and value == date.today().isoformat():
                return None
            return value or None
        return self.draft.answers.get(item.id)

    def _show(self, kind: str, item: Any, existing: Any) -> None:
        from rich.table import Table
        from rich.text import Text

        c = self.console
        lines: list[Text] = []
        if kind == "context":
            label = Text("")
            lines.append(Text(messages.CONTEXT_QUESTIONS[item]))
        else:
            prompt: Prompt = item
            n = self.prompts.index(prompt) + 1
            label = Text(f"{n}/{len(self.prompts)}", style="bold cyan")
            c.print()
            lines.append(Text(prompt.question, style="bold"))
            if prompt.hint:
                lines.append(Text(prompt.hint, style="dim"))
            if prompt.kind == "scale":
                lines.extend(_numbered(k, v) for k, v in prompt.anchors.items())
            elif prompt.kind == "choice":
                lines.extend(_numbered(k, v) for k, v in enumerate(prompt.choices.values(), 1))
            elif prompt.kind == "yesno":
                lines.append(Text.assemble(("y", "cyan"), "es / ", ("n", "cyan"), "o / ",
                                           ("u", "cyan"), "nsure"))
        if existing not in (None, "", []):
            shown = ", ".join(existing) if isinstance(existing, list) else existing
            if kind == "prompt" and item.kind != "text":
                shown = item.label(existing)
                if item.kind == "scale":
                    shown = f"{existing} ({shown})"
            lines.append(Text(messages.KEEP_EXISTING.format(value=shown), style="dim"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(width=5, no_wrap=True)
        grid.add_column()
        for k, line in enumerate(lines):
            grid.add_row(label if k == 0 else "", line)
        c.print(grid)

    @staticmethod
    def _retry(kind: str, item: Any, word: str, exc: InputError) -> str:
        """What to say after an answer that doesn't fit, in terms of what is on the screen.

        The screen shows numbered answers (or y / n / u), so the answer keys an answers file
        uses ("the-peer, together, ...") would only puzzle here.
        """
        if kind == "prompt" and item.kind in ("scale", "choice"):
            last = len(item.anchors) if item.kind == "scale" else len(item.choices)
            return messages.NOT_ON_THE_LIST.format(value=word, last=last)
        if kind == "prompt" and item.kind == "yesno":
            return messages.NOT_YES_NO.format(value=word)
        return f"{exc.message} {messages.RETRY}"

    def _parse(self, kind: str, item: Any, word: str) -> Any:
        if kind == "prompt":
            return item.parse(word)
        if item == "date":
            return parse_date_value(word)
        if item == "kind":
            return parse_kind(word)
        if item == "minutes":
            return parse_minutes(word)
        return parse_tags(split_tags(word))

    def _kept(self, kind: str, item: Any, written: str) -> Any:
        """The value kept for free words, once the privacy check has had its say."""
        written = self._offer_edit(kind, item, written)
        return parse_tags(split_tags(written)) if kind == "context" else written

    def _offer_edit(self, kind: str, item: Any, value: str) -> str:
        """Point out identifying details and offer to edit; q or Ctrl-C here ask again later.

        The typed words and the pending question are in the draft before anything is asked,
        so ``--resume`` comes back to this question rather than keeping the words unasked.
        Tags are checked as written, before they are shaped into #tags.
        """
        while True:
            reasons = identifying(value)
            if not reasons:
                self.draft.data.pop("pending_edit", None)
                return value
            # typed words are kept, even now (tags one by one, as written)
            self._store(kind, item, split_tags(value) if kind == "context" else value)
            self.draft.data["pending_edit"] = _pending_key(kind, item)
            self._keep(self.steps.index((kind, item)))
            self.console.print(
                f"[yellow]{_escape(messages.LOOKS_IDENTIFYING.format(what=or_list(reasons)))}[/]"
            )
            try:
                reply = self.ask(messages.EDIT_OFFER).strip().lower()
            except EOFError:
                reply = "n"
            if reply in ("q", "quit", "stop"):
                raise Stop()  # the pending question is in the draft: --resume asks it again
            if reply in ("n", "no"):
                self.draft.data.pop("pending_edit", None)
                return value
            edited = _ask_prefilled(self.ask, "> ", value).strip()
            if not edited:
                self.draft.data.pop("pending_edit", None)
                return value
            value = edited

    def _help(self, kind: str, item: Any) -> None:
        """Why this is asked and what its values mean (never stored as an answer)."""
        from rich.text import Text

        if kind == "context":
            lines = [Text(messages.HELP_CONTEXT[item])]
        else:
            lines = [Text(messages.HELP_WHY, style="bold")]
            why = item.why
            concepts = _concepts(item.concepts)
            if why:
                lines.append(Text(why))
            elif concepts:
                names = or_list([c.name for c in concepts]).replace(" or ", " and ")
                lines.append(Text(messages.HELP_WHY_CONCEPTS.format(names=names)))
            else:
                lines.append(Text(messages.HELP_WHY_OPEN))
            for concept in concepts:
                lines.append(Text.assemble((concept.name, "cyan"), f": {concept.summary}"))
        lines.append(Text(messages.HELP_BACK, style="dim"))
        for line in lines:
            self.console.print(line)

    def _store(self, kind: str, item: Any, value: Any) -> None:
        if kind == "context":
            self.draft.context[item] = value
        elif value is None:
            self.draft.answers.pop(item.id, None)
        else:
            self.draft.answers[item.id] = value

    def _keep(self, step: int) -> None:
        self.draft.data["step"] = step
        try:
            self.draft.save()
        except PeercheckError as exc:
            if not self.draft_warned:
                self.console.print(f"[yellow]{_escape(exc.message)}[/] {messages.DRAFT_UNSAVED}")
                self.draft_warned = True


def _free_words(kind: str, item: Any) -> bool:
    """Answers in the person's own words, where an identifying detail could slip in."""
    return (kind == "prompt" and item.kind == "text") or (kind == "context" and item == "tags")


def _pending_key(kind: str, item: Any) -> str:
    """What the draft notes for a pending "edit it?" question (a prompt's id, or context:tags)."""
    return item.id if kind == "prompt" else f"context:{item}"


def _concepts(ids: tuple[str, ...]) -> list[Any]:
    """The catalog's concepts for these ids (those it knows), in order."""
    from ..values import load_catalog

    catalog = load_catalog()
    return [catalog.concepts[cid] for cid in ids if cid in catalog.concepts]


def _numbered(key: Any, words: str) -> Any:
    from rich.text import Text

    return Text.assemble((f"{key}", "cyan"), f"  {words}")


def _terminal_ask(console: Any) -> Callable[[str], str]:
    """Read one answer with line editing: arrows, Home/End and Ctrl-U edit the line.

    Without readline the terminal stores what the arrow keys send (``^[[D``) in the
    answer. readline is given the prompt itself so a redraw (Ctrl-U, a wrapped line)
    keeps the "> " on screen; that needs stdout at the terminal too, otherwise the prompt
    goes through Rich to stderr so a redirected ``--json`` stays clean.
    """
    if sys.stdin.isatty() and sys.stdout.isatty():
        try:
            import readline  # noqa: F401  (importing it is what gives input() line editing)
        except ImportError:
            pass
        else:
            return input
    return lambda text: console.input(text)


def _ask_prefilled(ask: Callable[[str], str], text: str, value: str) -> str:
    """Ask again with the earlier answer already typed in, ready to edit (with readline)."""
    try:
        import readline
    except ImportError:
        return ask(text)
    readline.set_startup_hook(lambda: readline.insert_text(value))
    try:
        return ask(text)
    finally:
        readline.set_startup_hook(None)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
