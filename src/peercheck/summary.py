"""The summary of one reflection, as a person reads it (also used by ``peercheck log show``).

Strengths come first, then what is worth reflecting on (each concept with its one-line
meaning and where the definitions come from), the principles to revisit, a plain word about
supervision when the worker flagged something, and the next-time intention last. It works
from the stored record alone, so an old reflection reads as it was saved; the values catalog
only adds meanings and sources.
"""

from __future__ import annotations

from typing import Any

from . import messages

REVISIT_BELOW = 0.5  # an answer weighing less than this brings its principles to revisit


def render_summary(record: dict[str, Any], framework: str | None = None,
                   console: Any = None) -> None:
    """Print the Rich summary of ``record`` to stdout (or ``console``)."""
    from rich.text import Text

    from .output import out, visible

    console = console or out()
    record = visible(record)  # what the worker wrote is shown, never run by the terminal
    catalog = _catalog()
    framework = framework or record.get("framework")
    parts: list[Any] = []
    parts.append(Text(_heading(record), style="bold"))

    concepts = [c for c in record.get("concepts") or [] if isinstance(c, dict)]
    cues = [c for c in record.get("cues") or [] if isinstance(c, dict)]
    strong = [c for c in concepts if c.get("level") == "strong"]
    growing = [c for c in concepts if c.get("level") == "growing"]
    look = [c for c in concepts if c.get("level") == "worth a look"]
    untouched = [c for c in concepts if c.get("score") is None]
    placed: set[int] = set()

    went_well = _went_well(record)
    parts.append(Text(""))
    parts.append(Text(messages.SUMMARY_STRENGTHS, style="bold green"))
    if went_well:
        parts.append(_indent(messages.SUMMARY_IN_YOUR_WORDS.format(text=went_well), 2))
    if strong:
        for concept in strong:
            parts.extend(_concept_block(concept, catalog, framework, cues, placed,
                                        meaning=framework is not None))
    elif not went_well:
        parts.append(_indent(messages.SUMMARY_NO_STRENGTHS, 2, style="dim"))

    if growing or look:
        parts.append(Text(""))
        parts.append(Text(messages.SUMMARY_REFLECT_ON, style="bold yellow"))
        for concept in growing + look:
            parts.extend(_concept_block(concept, catalog, framework, cues, placed))

    rest = [cue for i, cue in enumerate(cues) if i not in placed]
    if rest:
        parts.append(Text(""))
        parts.append(Text(messages.SUMMARY_NOTES, style="bold"))
        for cue in rest:
            parts.append(_indent(_cue_line(cue), 2))

    principles = _principles_to_revisit(record, cues)
    if principles:
        parts.append(Text(""))
        parts.append(Text(messages.SUMMARY_PRINCIPLES, style="bold"))
        texts = catalog.principles if catalog is not None else {}
        for number in principles:
            principle = texts.get(number)
            line = f"{number}. {principle.text}" if principle is not None else f"Principle {number}"
            parts.append(_indent(line, 2, hang=len(str(number)) + 2))

    flags = [str(f) for f in record.get("flags") or []]
    if flags:
        parts.append(Text(""))
        parts.append(Text(messages.SUMMARY_SUPERVISION, style="bold magenta"))
        said = messages.SUPERVISION_SAFETY if "safety" in flags else messages.SUPERVISION_OTHER
        parts.append(_indent(said, 2))

    if untouched:
        names = ", ".join(c.get("name") or c.get("id", "") for c in untouched)
        parts.append(Text(""))
        parts.append(_indent(messages.SUMMARY_UNTOUCHED.format(names=names), 0, style="dim"))

    intention = record.get("intention")
    if intention:
        parts.append(Text(""))
        parts.append(Text(messages.SUMMARY_NEXT_TIME, style="bold cyan"))
        parts.append(_indent(f"“{intention}”", 2))

    for part in parts:
        console.print(part)


# -- pieces ----------------------------------------------------------------------------------


def _heading(record: dict[str, Any]) -> str:
    context = record.get("context") or {}
    bits = [messages.SUMMARY_TITLE]
    if context.get("date"):
        bits.append(str(context["date"]))
    if context.get("kind"):
        bits.append(str(context["kind"]))
    if context.get("minutes"):
        bits.append(f"{context['minutes']} minutes")
    tags = context.get("tags") or []
    if tags:
        bits.append(" ".join(f"#{t}" for t in tags))
    if record.get("focus"):
        bits.append(messages.SUMMARY_FOCUS.format(focus=record["focus"]))
    return " · ".join(bits)


def _went_well(record: dict[str, Any]) -> str | None:
    answers = record.get("answers") or {}
    value = answers.get("went-well")
    return str(value) if value else None


def _concept_block(concept: dict[str, Any], catalog: Any, framework: str | None,
                   cues: list[dict[str, Any]], placed: set[int],
                   meaning: bool = True) -> list[Any]:
    from rich.text import Text

    cid = str(concept.get("id"))
    name = concept.get("name") or cid
    score = concept.get("score")
    head = Text("  • ")
    head.append(str(name), style="bold")
    head.append(f": {concept.get('level')}")
    if score is not None:
        head.append(f" ({score:.2f})", style="dim")
    lines: list[Any] = [head]
    if meaning:
        words, sources = _meaning(cid, catalog, framework)
        if words:
            lines.append(_indent(words, 4))
        if sources:
            lines.append(_indent(sources, 4, style="dim"))
    for i, cue in enumerate(cues):
        if i not in placed and cid in (cue.get("concepts") or []):
            placed.add(i)
            lines.append(_indent(_cue_line(cue), 4))
    return lines


def _meaning(cid: str, catalog: Any, framework: str | None) -> tuple[str | None, str | None]:
    """The concept's one-line meaning, and where its definitions come from."""
    if catalog is None:
        return None, None
    concept = catalog.concepts.get(cid)
    if concept is None:
        return None, None
    try:
        pairs = catalog.values_for(cid, framework)
    except Exception:  # noqa: BLE001 - the summary must never fail over a source line
        pairs = []
    if framework and pairs:
        fw, value = pairs[0]
        first = _first_paragraph(value.definition)
        meaning = f"{value.name}: “{first}”" if first else value.name
        names = ", ".join(v.name for _, v in pairs)
        return meaning, messages.SUMMARY_FROM.format(sources=f"{fw.title} ({names})")
    grouped: dict[str, list[str]] = {}
    for fw, value in pairs:
        grouped.setdefault(fw.publisher or fw.title, []).append(value.name)
    sources = "; ".join(f"{who} ({', '.join(names)})" for who, names in grouped.items())
    return getattr(concept, "summary", None), (
        messages.SUMMARY_FROM.format(sources=sources) if sources else None
    )


def _first_paragraph(definition: Any, limit: int = 220) -> str:
    """The definition's opening words; a lead-in ending in ":" takes its first bullet."""
    parts = list(definition or [])
    for i, part in enumerate(parts):
        if isinstance(part, str) and part.strip():
            text = " ".join(part.split())
            following = parts[i + 1] if i + 1 < len(parts) else None
            if text.endswith(":") and isinstance(following, list) and following:
                text = f"{text} {' '.join(str(following[0]).split())} …"
            return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"
    return ""


def _cue_line(cue: dict[str, Any]) -> str:
    where = str(cue.get("prompt") or "").replace("-", " ")
    line = "✎ " + messages.SUMMARY_CUE.format(text=cue.get("text", ""), prompt=where)
    if cue.get("message"):
        line += f" {cue['message']}"
    if cue.get("suggestion"):
        line += f" {messages.SUMMARY_CUE_TRY.format(suggestion=cue['suggestion'])}"
    return line


def _principles_to_revisit(record: dict[str, Any], cues: list[dict[str, Any]]) -> list[int]:
    """Principles of the prompts whose answers weighed under 0.5, and of any cues heard."""
    try:
        from .prompts import by_id, load_prompts

        prompts = by_id(load_prompts())
    except Exception:  # noqa: BLE001 - an old record still reads without today's prompts
        prompts = {}
    numbers: list[int] = []
    for concept in record.get("concepts") or []:
        for item in concept.get("evidence") or []:
            weight = item.get("weight")
            prompt = prompts.get(item.get("prompt"))
            if prompt is not None and weight is not None and weight < REVISIT_BELOW:
                numbers.extend(prompt.principles)
    for cue in cues:
        numbers.extend(n for n in cue.get("principles") or [] if isinstance(n, int))
    return sorted(set(numbers))


def _indent(text: str, left: int, *, style: str = "", hang: int = 0) -> Any:
    """Text wrapped to the console's width with a hanging indent and no trailing spaces."""
    import textwrap

    from rich.text import Text

    from .output import out

    width = max(40, min(out().width, 100))
    wrapped = textwrap.fill(
        " ".join(text.split()), width, initial_indent=" " * left,
        subsequent_indent=" " * (left + hang), break_on_hyphens=False,
    )
    return Text(wrapped, style=style, no_wrap=True, overflow="ignore")


def _catalog() -> Any:
    from .values import load_catalog

    try:
        return load_catalog()
    except Exception:  # noqa: BLE001 - meanings are a bonus; the summary stands without them
        return None
