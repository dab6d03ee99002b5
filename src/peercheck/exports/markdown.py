"""Markdown: a supervision-ready summary per reflection, strengths first.

What each reflection shows is the summary's own choice (peercheck.summary.choice), with the
figures a supervisor may want beside the level words. The worker's own words are escaped, so
raw HTML in an answer shows as text and never renders.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from . import ExportOptions, Record, flagged_words
from .redact import is_free_text


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _text(text: object) -> str:
    """Free text on one line, with raw HTML shown as text rather than rendered."""
    return _one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _values(items: list[dict[str, Any]], scores: dict[str, Any]) -> str:
    def figure(cid: str) -> str:
        score = scores.get(cid)
        return f" ({float(score):.2f})" if isinstance(score, (int, float)) else ""

    ordered = sorted(items, key=lambda c: -float(scores.get(c["id"]) or 0))
    return ", ".join(f"{_text(c['name'])}{figure(c['id'])}" for c in ordered)


def render(record: Record, names: dict[str, str] | None = None) -> str:
    """One reflection as a Markdown section."""
    from ..output import visible
    from ..summary.choice import choose, own_words

    record = visible(record)  # read on a screen as often as in a file: no terminal codes
    names = names or {}
    context = record.get("context") or {}
    day = context.get("date") or str(record.get("created_at", ""))[:10]
    head = [_text(day)]
    if context.get("kind"):
        head.append(_text(context["kind"]))
    if context.get("minutes") is not None:
        head.append(f"{_text(context['minutes'])} minutes")
    lines = [f"## {' · '.join(head)}", ""]
    meta = [f"`{_one_line(record.get('id'))}`"]
    if context.get("tags"):
        meta.append("tags: " + ", ".join(_text(t) for t in context["tags"]))
    if record.get("label"):
        meta.append(f"worker: {_text(record['label'])}")
    lines += [" · ".join(meta), ""]

    shown = choose(record)
    for item in shown["strong"] + shown["growing"]:
        item["name"] = names.get(item["id"], item["name"])
    scores = {str(c.get("id")): c.get("score") for c in record.get("concepts") or []
              if isinstance(c, dict)}
    if shown["strong"]:
        lines.append(f"- **Going well:** {_values(shown['strong'], scores)}")
    if shown["growing"]:
        lines.append(f"- **Growing:** {_values(shown['growing'], scores)}")
    if shown["reflect_on"]:
        lines.append("- **Worth reflecting on:**")
        for item in shown["reflect_on"]:
            name = names.get(item["id"], item["name"])
            lines.append(f"  - {_text(name)}: {_text(item['because'])}")
    if shown["principles"]:
        lines.append("- **Principles closest to this:** " + " ".join(
            f"{p['number']}. {_text(p['text'])}" for p in shown["principles"]))
    flagged = flagged_words(record)
    if flagged:
        lines.append(f"- **To bring to supervision:** {_text(flagged)}")
    if record.get("intention"):
        lines.append(f"- **Next time:** {_text(record['intention'])}")
    words = own_words(record, is_free_text)
    if words:
        lines += ["", "**In your own words**", ""]
        for question, answer in words:
            lines.append(f"- *{_text(question)}* {_text(answer)}")
    cues = record.get("cues") or []
    if cues:
        lines += ["", f"**Language cues:** {len(cues)}", ""]
        for cue in cues:
            quote = f"“{_text(cue['text'])}” — " if cue.get("text") else ""
            message = _text(cue.get("message") or cue.get("rule") or "")
            lines.append(f"- {quote}{message}" if (quote or message) else "- a cue")
    notes = [n for n in record.get("notes") or [] if isinstance(n, dict)]
    if notes:  # added later with peercheck log note (never in a redacted record)
        lines += ["", "**Notes added later**", ""]
        lines += [f"- {str(n.get('at'))[:10]}: {_text(n.get('text'))}" for n in notes]
    if record.get("edited_at"):
        lines += ["", f"_Edited {str(record['edited_at'])[:10]}._"]
    if record.get("redacted"):
        lines += ["", "_Free text left out for sharing._"]
    return "\n".join(lines) + "\n"


def write(records: Iterable[Record], out: IO[str], options: ExportOptions) -> int:
    names = {cid: name for cid, name in options.concepts if name != cid}
    title = "# Reflections"
    if options.label:
        title += f" — {_text(options.label)}"
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
