"""`peercheck show NAME`: every framework's own words for a value, with sources."""

from __future__ import annotations

from typing import Any

import typer

from .options import FRAMEWORK_OPTION, Format, complete_name, format_option, json_option, render


def show(
    name: list[str] | None = typer.Argument(
        None, metavar="NAME", autocompletion=complete_name, show_default=False,
        help="A concept (mutuality), a value's name (“Mutual & reciprocal”) or an alias; "
        "several words need no quotes.",
    ),
    framework: str | None = FRAMEWORK_OPTION,
    format: Format = format_option(),
    as_json: bool = json_option(),
) -> None:
    """Show what every framework says about a value, word for word, with its source.

    NAME is matched forgivingly: case, spaces, hyphens, punctuation and “&”/“and” are
    ignored, so stay in lane, "Stay-In-Lane" and "Mutual & Reciprocal" all work. The
    related Principles of Practice follow the definitions. Long text opens in a pager.

    \b
    Examples:
      peercheck show mutuality
      peercheck show stay in lane
      peercheck show "person driven" --framework peer-support-values
      peercheck show stay-in-lane --format markdown > stay-in-lane.md
    """
    from peercheck.errors import InputError
    from peercheck.values import load_catalog

    from .markdown import concept_markdown
    from .views import concept_view

    words = " ".join(name or [])
    cat = load_catalog()
    fw = cat.framework(framework) if framework else None
    try:
        match = cat.lookup(words)
    except InputError as exc:
        if words.strip().lower() in cat.frameworks:
            from peercheck import messages

            exc.hint = messages.SHOW_FRAMEWORK_HINT.format(id=words.strip().lower())
        raise
    view = concept_view(cat, match, fw.id if fw else None)
    render(format, as_json, view, text=show_text, markdown=concept_markdown)


def show_text(view: dict[str, Any]) -> None:
    """The text layout of a concept view."""
    from peercheck import messages

    from .layout import Lines, numbered, screen_width

    w = Lines(screen_width())
    concept = view["concept"]
    w.add(concept["name"], style="bold underline")
    w.add(messages.IN_OUR_WORDS.format(summary=concept["summary"]), style="italic")
    if view["matched"]:
        fw_title = next((b["framework"]["title"] for b in view["frameworks"]
                         if b["framework"]["id"] == view["matched"]["framework"]), None)
        if fw_title:
            w.add(messages.MATCHED_VALUE.format(
                value=view["matched"]["name"], framework=fw_title, concept=concept["name"],
            ), style="dim")
    if not view["frameworks"] and view["only_framework"]:
        w.blank()
        w.add(messages.NOT_IN_FRAMEWORK.format(
            framework=view["only_framework"], concept=concept["name"], name=concept["id"]))
    for block in view["frameworks"]:
        fw = block["framework"]
        for value in block["values"]:
            w.blank()
            w.add(f"{fw['title']}: {value['name']}", style="bold cyan")
            if value["defined"]:
                w.paragraphs(value["definition"])
                for note in value["notes"]:
                    w.blank()
                    w.add(note["title"], style="italic", indent=2)
                    w.paragraphs(note["text"])
            elif not value["related"]:
                w.add(messages.NO_DEFINITION_NOR_STATEMENT.format(name=value["name"]),
                      style="italic", indent=2)
            else:
                w.add(messages.NO_DEFINITION.format(name=value["name"]), style="italic",
                      indent=2)
                for rel in value["related"]:
                    w.add(rel["title"], indent=2)
                    w.paragraphs([rel["statements"]], indent=2)
                if value["silent_on"]:
                    w.add(silent_on(value["silent_on"]), style="italic", indent=2)
            w.citation(fw)
        for section in block["sections"]:
            w.blank()
            opening = messages.OPENING_TEXT.format(title=section["title"])
            w.add(f"{fw['title']}: {opening}", style="bold cyan")
            w.paragraphs(section["text"])
            if section.get("source"):
                w.add(f"({section['source']})", style="dim", indent=2)
            w.citation(fw)
    if view["principles"]:
        w.blank()
        w.add("Related Principles of Practice (Peer Support: Getting Oriented)", style="bold")
        numbered(w, view["principles"])
    w.print()




def silent_on(parts: list[str]) -> str:
    """The plain sentence for what none of a source's statements speaks to."""
    from peercheck import messages

    words = [p.lower() for p in parts]
    listed = ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]
    return messages.SILENT_ON.format(parts=listed)
