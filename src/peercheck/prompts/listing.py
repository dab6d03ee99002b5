"""``peercheck prompts``: every question, its answers, weights and why, for a trainer's audit."""

from __future__ import annotations

from typing import Any

from .model import Prompt, or_list


def run_prompts(*, focus: str | None, as_json: bool) -> None:
    from rich.text import Text

    from .. import messages
    from ..output import out, print_json
    from ..reflection import resolve_focus
    from .loading import load_prompts
    from .scoring import uncovered

    _, prompts = resolve_focus(focus, load_prompts())
    if as_json:
        print_json([p.to_dict() for p in prompts])
        return
    console = out()
    total = len(prompts)
    for n, p in enumerate(prompts, 1):
        line = Text(f"{n}/{total} ", style="bold cyan")
        line.append(p.id, style="bold")
        line.append(f"  ({p.kind}, {p.stage})", style="dim")
        console.print(line)
        console.print(Text(p.question), style="", overflow="fold")
        if p.kind == "scale":
            for k, v in p.anchors.items():
                console.print(Text(f"  {k}  {v}  → {_weight(p, k)}"))
        elif p.kind in ("choice", "yesno"):
            for k in p.answers:
                label = f"{k}: {p.choices[k]}" if p.kind == "choice" else str(k)
                console.print(Text(f"  {label}  → {_weight(p, k)}"))
        if p.why:
            console.print(_wrapped(messages.PROMPTS_WHY.format(why=p.why), console.width))
        about = []
        if p.concepts:
            about.append("informs " + ", ".join(p.concepts))
        if p.principles:
            about.append("principles " + ", ".join(str(n) for n in p.principles))
        if p.flags:
            about.append("may bring to supervision")
        if about:
            console.print(_wrapped("; ".join(about), console.width, style="dim"))
        console.print()
    names = _concept_names()
    missing = uncovered(prompts, list(names))
    if missing and not focus:
        console.print(_wrapped(messages.PROMPTS_UNCOVERED.format(
            names=or_list([names[c] for c in missing])), console.width, left=0, style="dim"))


def _concept_names() -> dict[str, str]:
    from ..values import load_catalog

    return {cid: c.name for cid, c in load_catalog().concepts.items()}


def _wrapped(text: str, width: int, *, left: int = 2, style: str = "") -> Any:
    """Text wrapped with a hanging indent and no trailing spaces."""
    import textwrap

    from rich.text import Text

    lines = textwrap.fill(" ".join(text.split()), max(40, min(width, 100)),
                          initial_indent=" " * left,
                          subsequent_indent=" " * (left + 2 if left else 0),
                          break_on_hyphens=False)
    return Text(lines, style=style, no_wrap=True, overflow="ignore")


def _weight(prompt: Prompt, answer: Any) -> str:
    if prompt.wellbeing:
        return "acknowledged, never scored"
    weight = prompt.weight(answer)
    words = "not scored" if weight is None else f"{weight:g}"
    return words + (", drift" if prompt.admits_drift(answer) else "")
