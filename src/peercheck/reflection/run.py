"""The reflect command's work: choosing the mode, running it, saving and showing the record."""

from __future__ import annotations

import sys
from typing import Any

from .. import messages
from ..errors import InputError, PeercheckError
from ..prompts import Answer, Prompt
from .answers import answers_yaml, read_answers, template_text
from .context import CONTEXT_FIELDS
from .drafts import Draft
from .record import build_record, identifying_answers, save_record
from .session import Session, Stop


def resolve_focus(name: str | None, prompts: list[Prompt]) -> tuple[str | None, list[Prompt]]:
    """The concept id behind ``--focus NAME`` and its prompts (forgiving about the name)."""
    from ..prompts import focus_on

    if not name:
        return None, prompts
    from ..values import load_catalog

    concept_id = load_catalog().resolve(name).id
    chosen = focus_on(prompts, concept_id)
    if not any(concept_id in p.concepts for p in chosen):
        ids = sorted({c for p in prompts for c in p.concepts})
        raise InputError(
            messages.FOCUS_NO_PROMPTS.format(name=concept_id),
            hint=messages.FOCUS_HINT.format(ids=", ".join(ids)),
        )
    return concept_id, chosen


def resolve_framework(name: str | None) -> str | None:
    """A framework id from ``--framework`` (case and spacing forgiven; InputError if unknown)."""
    if not name:
        return None
    from ..values import load_catalog

    return load_catalog().framework(name).id


def run_reflect(
    *,
    answers: str | None,
    template: bool,
    resume: bool,
    focus: str | None,
    framework: str | None,
    no_save: bool,
    as_json: bool,
    draft_id: str | None = None,
    drafts: bool = False,
    discard: str | None = None,
    share: bool = False,
) -> None:
    """reflect in one of its modes: typed, --answers, --template, --resume [ID], --drafts,
    --discard ID."""
    from ..output import err, print_json, say
    from ..prompts import by_id, load_prompts

    if sum([template, resume, answers is not None, drafts, discard is not None]) > 1:
        raise InputError(messages.ONE_MODE)
    if draft_id is not None and not resume:
        raise InputError(messages.DRAFT_ID_ALONE)
    if drafts:
        from .drafts import show_drafts

        return show_drafts(as_json)
    if discard is not None:
        from .drafts import discard_draft

        return discard_draft(discard)
    all_prompts = load_prompts()
    framework_id = resolve_framework(framework)

    if template:
        _, chosen = resolve_focus(focus, all_prompts)
        sys.stdout.write(template_text(chosen, focus))
        return

    if resume:
        draft = Draft.find(draft_id) if draft_id else Draft.latest()
        if draft is None:
            raise InputError(messages.NO_DRAFT, hint=messages.NO_DRAFT_HINT)
        lookup = by_id(all_prompts)
        chosen = [lookup[pid] for pid in draft.data.get("prompt_ids", []) if pid in lookup]
        focus_id = draft.data.get("focus")
        framework_id = framework_id or draft.data.get("framework")
        draft.data["framework"] = framework_id
        if not chosen:
            chosen = all_prompts
        finished = draft.data.get("finished") or int(draft.data.get("step", 0)) >= len(
            CONTEXT_FIELDS) + len(chosen)
        if not finished:
            _need_terminal()
            _interview(chosen, draft, resumed=True)
        context, given = draft.context, dict(draft.answers)
    elif answers is not None:
        focus_id, chosen = resolve_focus(focus, all_prompts)
        try:
            context, given, ignored = read_answers(answers, chosen, all_prompts)
        except InputError as exc:
            raise InputError(exc.message, hint=exc.hint or messages.NOTHING_SAVED_HINT) from None
        if ignored:
            say(messages.IGNORED_OUTSIDE_FOCUS.format(ids=", ".join(ignored), focus=focus_id))
        draft = None
    else:
        focus_id, chosen = resolve_focus(focus, all_prompts)
        _need_terminal()
        earlier = Draft.latest()
        draft = Draft.new([p.id for p in chosen], focus_id, framework_id)
        console = err()
        console.print(f"[bold]{messages.WELCOME}[/]")
        console.print(messages.NO_NAMES)
        console.print(f"[dim]{messages.KEYS}[/]")
        if earlier is not None:
            console.print(f"[dim]{messages.EARLIER_DRAFT}[/]")
        console.print()
        _interview(chosen, draft, resumed=False)
        context, given = draft.context, dict(draft.answers)

    if draft is not None:
        draft.data["finished"] = True
        _keep_quietly(draft)

    if not given:
        only_context = draft is not None and draft.context_given() or answers is not None and (
            any((context.get("kind"), context.get("minutes"), context.get("tags"))))
        if draft is not None:
            draft.discard()
        say(messages.ONLY_CONTEXT if only_context else messages.NOTHING_ANSWERED)
        return

    if answers is not None:
        note = messages.LOOKS_IDENTIFYING_NOT_KEPT if no_save else messages.LOOKS_IDENTIFYING_FILE
        for line in identifying_answers(chosen, given):
            say(note.format(line=line))

    record = build_record(chosen, context, given, focus=focus_id, framework=framework_id)

    if not no_save:
        if draft is not None:
            # The draft's id becomes the reflection's, so resuming a draft whose save had
            # already committed (Ctrl-C in between) finds it saved instead of saving twice.
            record["id"] = draft.path.stem
        try:
            record["id"] = save_record(record, say, share)
        except PeercheckError as exc:
            kept = draft or _draft_from(chosen, context, given, focus_id, framework_id)
            raise PeercheckError(
                exc.message,
                # Keep the store's own advice (e.g. how to recover a damaged log) first.
                hint="\n".join(filter(None, [
                    exc.hint,
                    messages.SAVE_KEPT_DRAFT if kept is not None else messages.SAVE_NO_DRAFT
                    + "\n" + answers_yaml(context, given),
                ])),
            ) from exc
    if draft is not None:
        draft.discard()
    if resume and record["id"] and Draft.latest() is not None:
        say(messages.EARLIER_DRAFT)

    if as_json:
        from ..summary import with_summary

        print_json(with_summary(record, framework_id))
    else:
        from ..output import paged
        from ..summary import render_summary

        with paged():  # taller than the screen: through the pager, as git does
            render_summary(record, framework_id)
    sys.stdout.flush()
    if record["id"]:
        say(messages.SAVED.format(id=record["id"]))
    elif not as_json:
        say(messages.NOT_SAVED)




def _need_terminal() -> None:
    if not sys.stdin.isatty():
        raise InputError(messages.NOT_A_TERMINAL, hint=messages.NOT_A_TERMINAL_HINT)


def _interview(prompts: list[Prompt], draft: Draft, *, resumed: bool) -> None:
    """Run the questions; q or Ctrl-C keep the draft and end the command."""
    import typer

    from ..output import err

    console = err()
    if resumed:
        done = draft.answered()
        console.print(f"[bold]{messages.RESUMING.format(count=done)}[/]")
        console.print(f"[dim]{messages.KEYS}[/]")
    session = Session(prompts, draft, console)
    try:
        session.run()
    except (Stop, KeyboardInterrupt) as exc:
        code = 130 if isinstance(exc, KeyboardInterrupt) else 0
        if code:
            console.print()
        if not resumed and _is_empty(draft):
            draft.discard()
            console.print(f"[bold]{messages.STOPPED_EMPTY}[/]")
        else:
            _keep_quietly(draft)
            console.print(f"[bold]{messages.KEPT_DRAFT}[/]")
        raise typer.Exit(code) from None


def _is_empty(draft: Draft) -> bool:
    """Nothing typed yet (the date defaults to the day it was started)."""
    return not draft.answers and not draft.context_given()


def _keep_quietly(draft: Draft) -> bool:
    try:
        draft.save()
        return True
    except PeercheckError:
        return False


def _draft_from(prompts: list[Prompt], context: dict[str, Any], answers: dict[str, Answer],
                focus: str | None, framework: str | None) -> Draft | None:
    """Keep answers that came from a file as a finished draft, so a failed save loses nothing."""
    try:
        draft = Draft.new([p.id for p in prompts], focus, framework)
    except PeercheckError:
        return None
    draft.data.update(context=context, answers=answers, finished=True,
                      step=len(CONTEXT_FIELDS) + len(prompts))
    return draft if _keep_quietly(draft) else None
