"""The one redaction rule every export shares (``--redact``).

Kept: ids, dates, context (date, kind, minutes), the questions asked, scored answers (scale,
yes/no, choice), concept scores and levels, flags. Left out: every free-text answer (prompt
kind ``text``, or any text answer whose kind is unknown), the intention, tags, and everything a
language cue quoted. It works from an allowlist, so a field added later stays out until
someone decides it is safe to share.
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]

SCORED_KINDS = {"scale", "yesno", "choice"}
_CUE_KEEP = ("prompt", "rule", "family", "concepts", "principles", "level")


def is_free_text(record: Record, prompt_id: str, answer: Any) -> bool:
    """True when this answer is the worker's own words rather than a score or a choice."""
    kind = ((record.get("prompts") or {}).get(prompt_id) or {}).get("kind")
    if kind in SCORED_KINDS:
        return False
    if kind == "text":
        return True
    return isinstance(answer, str) and answer not in ("yes", "no", "unsure")


def redact(record: Record) -> Record:
    """A copy of ``record`` with nothing the worker wrote in their own words."""
    context = record.get("context") or {}
    answers = {
        pid: answer
        for pid, answer in (record.get("answers") or {}).items()
        if not is_free_text(record, pid, answer)
    }
    concepts = []
    for concept in record.get("concepts") or []:
        kept = {k: concept.get(k) for k in ("id", "name", "score", "level") if k in concept}
        kept["evidence"] = [
            {k: e.get(k) for k in ("prompt", "answer", "weight") if k in e}
            for e in concept.get("evidence") or []
            if isinstance(e, dict)
            and not is_free_text(record, str(e.get("prompt")), e.get("answer"))
        ]
        concepts.append(kept)
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
        "focus": record.get("focus"),
        "framework": record.get("framework"),
        "prompts": {
            pid: {"question": p.get("question"), "kind": p.get("kind")}
            for pid, p in (record.get("prompts") or {}).items()
            if isinstance(p, dict)
        },
        "answers": answers,
        "concepts": concepts,
        "flags": record.get("flags") or [],
        "intention": None,
        "cues": [
            {k: cue.get(k) for k in _CUE_KEEP if k in cue}
            for cue in record.get("cues") or []
            if isinstance(cue, dict)
        ],
        "redacted": True,
    }
    if record.get("label"):
        out["label"] = record["label"]
    if record.get("edited_at"):  # a time, not words (notes, being words, stay out)
        out["edited_at"] = record["edited_at"]
    return out


def stamp(record: Record, label: str) -> Record:
    """The record with the worker label they chose (``--as``)."""
    return {**record, "label": label}
