"""The reflection record: scores, flags and cues built from the answers, and saving it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from .. import messages
from ..errors import PeercheckError
from ..prompts import Answer, Prompt, or_list


def identifying(text: str) -> list[str]:
    """What in ``text`` looks like it could identify someone, in words (empty when nothing).

    One reason per kind of detail, in the order they appear; a name is quoted so the worker
    sees which words were heard (this goes to their screen only, never into the record).
    """
    from ..privacy import detect

    found: list[str] = []
    seen: set[str] = set()
    for finding in detect(text):
        if finding.kind in seen:
            continue
        seen.add(finding.kind)
        reason = messages.LOOKS[finding.kind]
        found.append(reason.format(words=text[finding.start: finding.end]))
    return found


def concept_names() -> dict[str, str]:
    """Concept ids to display names from the values catalog."""
    from ..values import load_catalog

    return {cid: concept.name for cid, concept in load_catalog().concepts.items()}


def free_text_cues(prompts: list[Prompt], answers: dict[str, Answer]) -> list[dict[str, Any]]:
    """The language cues heard in the free-text answers: the one seam to peercheck.cues."""
    from .. import cues

    found: list[dict[str, Any]] = []
    for prompt in prompts:
        if prompt.kind != "text" or prompt.id not in answers:
            continue
        for hit in cues.scan(str(answers[prompt.id])):
            item = {"prompt": prompt.id, **hit.to_dict()}
            if hit.family == "privacy":  # where and what kind, never the identifying words
                from ..privacy import neutral

                item["text"] = neutral(hit.rule.removeprefix("privacy-"))
            found.append(item)
    return found


def build_record(
    prompts: list[Prompt],
    context: dict[str, Any],
    answers: dict[str, Answer],
    *,
    focus: str | None = None,
    framework: str | None = None,
) -> dict[str, Any]:
    """The reflection record (see the README for its documented JSON schema)."""
    from .. import __version__
    from ..ids import now_iso
    from ..prompts import flags, score

    ordered = {p.id: answers[p.id] for p in prompts if p.id in answers}
    intention = next(
        (str(ordered[p.id]) for p in prompts if p.intention and p.id in ordered), None
    )
    return {
        "id": None,
        "created_at": now_iso(),
        "peercheck": __version__,
        "context": {
            "date": context.get("date") or date.today().isoformat(),
            "kind": context.get("kind"),
            "minutes": context.get("minutes"),
            "tags": list(context.get("tags") or []),
        },
        "focus": focus,
        "framework": framework,
        "prompts": {
            p.id: {"question": p.question, "kind": p.kind} for p in prompts if p.id in ordered
        },
        "answers": ordered,
        "concepts": score(prompts, ordered, concept_names()),
        "flags": flags(prompts, ordered),
        "intention": intention,
        "cues": free_text_cues(prompts, ordered),
    }


def identifying_answers(prompts: list[Prompt], answers: dict[str, Answer]) -> list[str]:
    """One line per free-text answer that looks identifying."""
    lines = []
    for prompt in prompts:
        if prompt.kind == "text" and prompt.id in answers:
            reasons = identifying(str(answers[prompt.id]))
            if reasons:
                lines.append(f"{prompt.id}: {or_list(reasons)}")
    return lines


def identifying_tags(written: str) -> list[str]:
    """A line when the tags, as written, look identifying (they show as #tags in summaries)."""
    reasons = identifying(written) if written.strip() else []
    return [f"tags: {or_list(reasons)}"] if reasons else []


def save_record(
    record: dict[str, Any], say: Callable[[str], None], share: bool = False
) -> str:
    """Save the record to the log in one transaction; say the store's notices once.

    ``share`` (reflect --share, team log only) marks it shared in that same transaction.
    """
    import sqlite3

    from ..store import open_store

    try:
        store = open_store()
        try:
            rid = store.save(record, shared=True) if share else store.save(record)  # type: ignore[call-arg]
            for notice in getattr(store, "notices", []):
                say(notice)
        finally:
            store.close()
    except PeercheckError:
        raise
    except sqlite3.Error as exc:
        raise PeercheckError(messages.SAVE_FAILED.format(reason=str(exc).lower())) from exc
    except OSError as exc:
        from ..paths import write_error

        raise write_error(Path("the reflection log"), exc) from exc
    return rid
