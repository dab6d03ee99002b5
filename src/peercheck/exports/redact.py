"""The one redaction rule every export shares (``--redact``).

Kept: ids, dates, context (date, kind, minutes), the questions asked, scored answers (scale,
yes/no, choice), concept scores and levels, flags. Left out: every free-text answer, the
intention, tags, and everything a language cue quoted. It works from an allowlist, so a field
added later stays out until someone decides it is safe to share.

What counts as a score is decided from peercheck's own prompts, never from the record: a
record that labels a free-text answer ``kind: scale`` cannot smuggle it through. An answer to
a prompt peercheck does not know is kept only when it is a scale point or yes / no / unsure;
concept names, questions and flags come from peercheck's data too.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .. import data

Record = dict[str, Any]

SCORED_KINDS = {"scale", "yesno", "choice"}
_PLAIN = ("yes", "no", "unsure")
_CUE_KEEP = ("rule", "family", "concepts", "principles", "level")


Known = tuple[dict[str, Any], dict[str, str], frozenset[str], frozenset[str], frozenset[str]]


def _known() -> Known:
    """(prompts by id, concept names, flags prompts raise, framework ids, cue rule ids)."""
    return _load(data.override_dir())


@cache
def _load(folder: Any) -> Known:
    """What ``_known`` gives, loaded once per data folder."""
    from ..prompts import load_prompts

    prompts = {p.id: p for p in load_prompts()}
    flags = {"supervision"}
    for prompt in prompts.values():
        for raised in prompt.flags.values():
            flags.update(raised)
    try:
        from ..values import load_catalog

        catalog = load_catalog()
        names = {cid: c.name for cid, c in catalog.concepts.items()}
        frameworks = frozenset(catalog.frameworks)
    except Exception:  # noqa: BLE001 - without the catalog, ids still read well
        names, frameworks = {}, frozenset()
    try:
        from ..cues import ruleset

        rules = ruleset()
        cues = frozenset(c.id for c in rules.cues) | frozenset(rules.families)
    except Exception:  # noqa: BLE001 - then no cue rule is named, which is safe
        cues = frozenset()
    return prompts, names, frozenset(flags), frameworks, cues


def is_free_text(record: Record, prompt_id: str, answer: Any) -> bool:
    """True unless ``answer`` is, by peercheck's own prompts, a score or a choice.

    ``record`` is accepted for the callers' convenience and deliberately not read.
    """
    prompts = _known()[0]
    prompt = prompts.get(prompt_id)
    if isinstance(answer, bool):
        return True
    if prompt is None:
        return not (
            (isinstance(answer, int) and 1 <= answer <= 5) or answer in _PLAIN
        )
    if prompt.kind not in SCORED_KINDS:
        return True
    return answer not in prompt.answers


def shared_flags(flags: list[str]) -> list[str]:
    """The flags peercheck's own prompts can raise; any other word could be a name."""
    known = _known()[2]
    return [f for f in flags if isinstance(f, str) and f in known]


def redact(record: Record) -> Record:
    """A copy of ``record`` with nothing the worker wrote in their own words."""
    prompts, names, _, frameworks, rules = _known()
    context = record.get("context") or {}
    answers = {
        pid: answer
        for pid, answer in (record.get("answers") or {}).items()
        if not is_free_text(record, pid, answer)
    }
    concepts = []
    for concept in record.get("concepts") or []:
        if not isinstance(concept, dict):
            continue
        cid = str(concept.get("id"))
        if names and cid not in names:  # a concept id peercheck does not know could be a name
            continue
        kept = {k: concept.get(k) for k in ("id", "score", "level") if k in concept}
        kept["name"] = names.get(cid) or cid.replace("-", " ").capitalize()
        kept["evidence"] = [
            {k: e.get(k) for k in ("prompt", "answer", "weight") if k in e}
            for e in concept.get("evidence") or []
            if isinstance(e, dict)
            and not is_free_text(record, str(e.get("prompt")), e.get("answer"))
        ]
        concepts.append(kept)
    flags = record.get("flags") or []
    if isinstance(flags, dict):
        flags = [name for name, on in flags.items() if on]
    out: Record = {
        "id": record.get("id"),
        "created_at": record.get("created_at"),
        "peercheck": record.get("peercheck"),
        "context": {
            "date": context.get("date"),
            "kind": context.get("kind"),
            "minutes": context.get("minutes"),
            "tags": [],
        },
        "focus": record.get("focus") if record.get("focus") in names else None,
        "framework": record.get("framework") if record.get("framework") in frameworks else None,
        "prompts": {
            pid: {"question": prompts[pid].question, "kind": prompts[pid].kind}
            if pid in prompts else {"question": None, "kind": None}
            for pid in answers
        },
        "answers": answers,
        "concepts": concepts,
        "flags": shared_flags(flags),
        "intention": None,
        "cues": [_cue(cue, prompts, names, rules) for cue in record.get("cues") or []
                 if isinstance(cue, dict)],
        "redacted": True,
    }
    if record.get("label"):
        out["label"] = record["label"]
    if record.get("edited_at"):  # a time, not words (notes, being words, stay out)
        out["edited_at"] = record["edited_at"]
    return out


def _cue(cue: Record, prompts: dict, names: dict[str, str], rules: frozenset[str]) -> Record:
    """What a cue shares: which rule (if it is one of peercheck's) and what it touches."""
    kept: Record = {k: cue.get(k) for k in _CUE_KEEP if k in cue}
    for key in ("rule", "family"):
        if key in kept and kept[key] not in rules:
            kept[key] = None
    if "concepts" in kept:
        kept["concepts"] = [c for c in kept["concepts"] or [] if c in names]
    if cue.get("level") not in (None, "note", "worth-a-look", "worth a look"):
        kept["level"] = None
    if cue.get("prompt") in prompts:
        kept["prompt"] = cue["prompt"]
    return kept


def stamp(record: Record, label: str) -> Record:
    """The record with the worker label they chose (``--as``)."""
    return {**record, "label": label}
