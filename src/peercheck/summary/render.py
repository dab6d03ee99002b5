"""Printing the summary ``choose`` picked: Rich text wrapped to the screen, words not figures."""

from __future__ import annotations

from typing import Any

from .. import messages
from .choice import choose


def render_summary(record: dict[str, Any], framework: str | None = None,
                   console: Any = None) -> None:
    """Print the summary of ``record`` to stdout (or ``console``)."""
    from rich.text import Text

    from ..output import out, visible

    console = console or out()
    record = visible(record)  # what the worker wrote is shown, never run by the terminal
    shown = choose(record, framework)
    parts: list[Any] = [Text(shown["title"], style="bold"), Text("")]

    parts.append(Text(messages.SUMMARY_STRENGTHS, style="bold green"))
    if shown["went_well"]:
        parts.append(_indent(messages.SUMMARY_IN_YOUR_WORDS.format(
            text=_clip(shown["went_well"], 130)), 2))
    if shown["strong"]:
        parts.append(_indent(messages.SUMMARY_STRONG.format(
            names=", ".join(c["name"] for c in shown["strong"])), 2, hang=2))
    if not shown["went_well"] and not shown["strong"]:
        parts.append(_indent(messages.SUMMARY_NO_STRENGTHS, 2, style="dim"))
    if shown["growing"]:
        parts.append(_indent(messages.SUMMARY_GROWING.format(
            names=", ".join(c["name"] for c in shown["growing"])), 2, hang=2))

    if shown["reflect_on"]:
        parts += [Text(""), Text(messages.SUMMARY_REFLECT_ON, style="bold yellow")]
        for item in shown["reflect_on"]:
            head = f"• {item['name']}: {item['because']}"
            parts.append(_indent(head, 2, hang=2, bold=len(item["name"])))
            about = " ".join(filter(None, [item.get("meaning"), item.get("source")]))
            if about:
                parts.append(_indent(about, 4, style="dim"))
            if item.get("question"):
                parts.append(_indent(_clip(item["question"], 150), 4))

    if shown["principles"]:
        parts += [Text(""), Text(messages.SUMMARY_PRINCIPLES, style="bold")]
        for p in shown["principles"]:
            parts.append(_indent(f"{p['number']}. {p['text']}", 2,
                                 hang=len(str(p["number"])) + 2))

    support = [m for m in (shown["supervision"], shown["wellbeing"], shown["privacy"]) if m]
    if support:
        parts += [Text(""), Text(messages.SUMMARY_SUPPORT, style="bold magenta")]
        parts += [_indent(m, 2) for m in support]

    if shown["not_covered"]:
        parts += [Text(""), _indent(_clip(messages.SUMMARY_NOT_COVERED.format(
            names=", ".join(shown["not_covered"])), 150), 0, style="dim")]

    if shown["next_time"]:
        parts += [Text(""), Text(messages.SUMMARY_NEXT_TIME, style="bold cyan")]
        parts.append(_indent(f"“{_clip(shown['next_time'], 130)}”", 2))

    for part in parts:
        console.print(part)


def _clip(text: str, limit: int) -> str:
    from .choice import _clip as clip

    return clip(text, limit)


def _indent(text: str, left: int, *, style: str = "", hang: int = 0, bold: int = 0) -> Any:
    """Text wrapped to the console's width with a hanging indent and no trailing spaces."""
    import textwrap

    from rich.text import Text

    from ..output import out

    width = max(40, min(out().width, 100))
    wrapped = textwrap.fill(
        " ".join(text.split()), width, initial_indent=" " * left,
        subsequent_indent=" " * (left + hang), break_on_hyphens=False,
    )
    result = Text(wrapped, style=style, no_wrap=True, overflow="ignore")
    if bold:
        result.stylize("bold", left + 2, left + 2 + bold)
    return result
