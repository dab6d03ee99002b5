"""Markdown: a supervision-ready summary per reflection, strengths first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from . import ExportOptions, Record, concept_name, flag_names, scored
from .redact import is_free_text


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _scores(items: list[Record], names: dict[str, str]) -> str:
    return ", ".join(f"{concept_name(c, names)} ({float(c['score']):.2f})" for c in items)


def render(record: Record, names: dict[str, str] | None = None) -> str:
    """One reflection as a Markdown section."""
    from ..output import visible

    record = visible(record)  # read on a screen as often as in a file: no terminal codes
    names = names or {}
    context = record.get("context") or {}
    day = context.get("date") or str(record.get("created_at", ""))[:10]
    head = [day]
    if context.get("kind"):
        head.append(str(context["kind"]))
    if context.get("minutes") is not None:
        head.append(f"{context['minutes']} minutes")
    lines = [f"## {' · '.join(head)}", ""]
    meta = [f"`{record.get('id')}`"]
    if context.get("tags"):
        meta.append("tags: " + ", ".join(_one_line(t) for t in context["tags"]))
    if record.get("label"):
        meta.append(f"worker: {_one_line(record['label'])}")
    lines += [" · ".join(meta), ""]
    items = scored(record)
    for title, level in (
        ("Going well", "strong"),
        ("Growing", "growing"),
        ("Worth a look", "worth a look"),
    ):
        group = [c for c in items if c.get("level") == level]
        if group:
            lines.append(f"- **{title}:** {_scores(group, names)}")
    unlevelled = [c for c in items if c.get("level") not in ("strong", "growing", "worth a look")]
    if unlevelled:
        lines.append(f"- **Scores:** {_scores(unlevelled, names)}")
    flags = flag_names(record)
    if flags:
        lines.append(f"- **To bring to supervision:** {', '.join(flags)}")
    if record.get("intention"):
        lines.append(f"- **Next time:** {_one_line(record['intention'])}")
    prompts = record.get("prompts") or {}
    words = [
        (pid, answer)
        for pid, answer in (record.get("answers") or {}).items()
        if is_free_text(record, pid, answer) and str(answer).strip()
    ]
    if words:
        lines += ["", "**In your own words**", ""]
        for pid, answer in words:
            question = (prompts.get(pid) or {}).get("question") or pid
            lines.append(f"- *{_one_line(question)}* {_one_line(answer)}")
    cues = record.get("cues") or []
    if cues:
        lines += ["", f"**Language cues:** {len(cues)}", ""]
        for cue in cues:
            quote = f"“{_one_line(cue['text'])}” — " if cue.get("text") else ""
            message = _one_line(cue.get("message") or cue.get("rule") or "")
            lines.append(f"- {quote}{message}" if (quote or message) else "- a cue")
    notes = [n for n in record.get("notes") or [] if isinstance(n, dict)]
    if notes:  # added later with peercheck log note (never in a redacted record)
        lines += ["", "**Notes added later**", ""]
        lines += [f"- {str(n.get('at'))[:10]}: {_one_line(n.get('text'))}" for n in notes]
    if record.get("edited_at"):
        lines += ["", f"_Edited {str(record['edited_at'])[:10]}._"]
    if record.get("redacted"):
        lines += ["", "_Free text left out for sharing._"]
    return "\n".join(lines) + "\n"


def write(records: Iterable[Record], out: IO[str], options: ExportOptions) -> int:
    names = {cid: name for cid, name in options.concepts if name != cid}
    title = "# Reflections"
    if options.label:
        title += f" — {_one_line(options.label)}"
    out.write(title + "\n\n")
    note = f"Exported by peercheck {options.generated_at}".rstrip()
    if options.redact:
        note += " · free-text answers, intentions, tags and cue quotes left out"
    out.write(note + ".\n")
    n = 0
    for record in records:
        out.write("\n" + render(record, names))
        n += 1
    if not n:
        out.write("\nNo reflections matched.\n")
    return n
