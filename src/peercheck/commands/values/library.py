"""`frameworks`, `values` and `principles`: the lists a trainer hands out."""

from __future__ import annotations

from typing import Any

import typer

from .options import FRAMEWORK_OPTION, Format, complete_name, format_option, json_option, render


def frameworks(
    format: Format = format_option("a handout's list of sources"),
    as_json: bool = json_option(),
) -> None:
    """List the frameworks peercheck quotes: id, title, number of values, source.

    \b
    Examples:
      peercheck frameworks
      peercheck frameworks --format markdown > sources.md
      peercheck frameworks --json
    """
    from peercheck.values import load_catalog

    from .markdown import frameworks_markdown

    cat = load_catalog()
    data = [{**fw.to_dict(values=False), "values": len(fw.values)}
            for fw in cat.frameworks.values()]
    render(format, as_json, data, text=_frameworks_text, markdown=frameworks_markdown)


def _frameworks_text(data: list[dict[str, Any]]) -> None:
    from .layout import Grid, Lines

    w = Lines()
    headers = ["ID", "Title", "Values", "Source"]
    rows = []
    for fw in data:
        source = fw["publisher"] or "publisher not stated"
        if not fw["builtin"]:
            source += " (your organisation's file)"
        rows.append([[fw["id"]], [fw["title"]], [str(fw["values"])], [source]])
    grid = Grid(rows, w.width, headers=headers)
    for line in grid.lines([[h] for h in headers]):
        w.raw(line, "bold")
    for row in rows:
        for line in grid.lines(row):
            w.raw(line)
    w.print()


def values(
    framework: str | None = FRAMEWORK_OPTION,
    format: Format = format_option(),
    as_json: bool = json_option(),
) -> None:
    """List every value, grouped by framework, with the shared concepts it belongs to.

    \b
    Examples:
      peercheck values
      peercheck values --framework srn
      peercheck values --format markdown > values.md
    """
    from peercheck.values import load_catalog

    from .markdown import values_markdown

    cat = load_catalog()
    chosen = [cat.framework(framework)] if framework else list(cat.frameworks.values())
    data = [
        {"framework": fw.id, "title": fw.title, "values": [
            {"id": v.id, "name": v.name, "defined": v.defined, "concepts": v.concepts,
             "concept_names": [cat.concepts[c].name for c in v.concepts]}
            for v in fw.values
        ], "opening": _opening(cat, fw)}
        for fw in chosen
    ]
    render(format, as_json, data, text=_values_text, markdown=values_markdown)


def _opening(cat: Any, fw: Any) -> list[dict[str, Any]]:
    """The framework's opening texts linked to concepts (BCcampus's Hope and Wholeness for
    All): not values, but `compare` shows them in its cells, so this list names them too."""
    from peercheck import messages

    found = []
    for section_id, section in fw.sections.items():
        concepts = [c for c in cat.concepts.values() if section_id in c.sections.get(fw.id, [])]
        if concepts:
            found.append({"id": section_id,
                          "name": messages.OPENING_TEXT.format(title=section.title),
                          "concepts": [c.id for c in concepts],
                          "concept_names": [c.name for c in concepts]})
    return found


def _values_text(data: list[dict[str, Any]]) -> None:
    from .layout import Grid, Lines

    w = Lines()
    for fw in data:
        w.blank()
        w.add(f"{fw['title']} ({fw['framework']})", style="bold")
        rows = [
            [[value["name"] if value["defined"] else f"{value['name']} (named only)"],
             [", ".join(value["concept_names"])]]
            for value in fw["values"]
        ] + [[[opening["name"]], [", ".join(opening["concept_names"])]]
             for opening in fw["opening"]]
        grid = Grid(rows, w.width, indent=2)
        for row in rows:
            for line in grid.lines(row):
                w.raw(line)
    w.print()


def principles(
    value: str | None = typer.Option(
        None, "--value", metavar="NAME", autocompletion=complete_name,
        help="Only the principles that put this value into practice.",
    ),
    format: Format = format_option(),
    as_json: bool = json_option(),
) -> None:
    """The sixteen Principles of Practice from “Peer Support: Getting Oriented”, verbatim.

    \b
    Examples:
      peercheck principles
      peercheck principles --value stay-in-lane
      peercheck principles --format markdown > principles.md
    """
    from peercheck import messages
    from peercheck.values import load_catalog

    from .markdown import principles_markdown
    from .views import framework_ref

    cat = load_catalog()
    concept = cat.resolve(value) if value else None
    chosen = cat.principles_for(concept.id) if concept else list(cat.principles.values())
    data = [{**p.to_dict(), "concept_names": [cat.concepts[c].name for c in p.concepts]}
            for p in chosen]
    title = messages.PRINCIPLES_TITLE
    if concept:
        title = messages.PRINCIPLES_FOR.format(title=title, concept=concept.name)
    empty = messages.PRINCIPLES_NONE.format(concept=concept.name) if concept else ""
    gofw = cat.frameworks.get("getting-oriented")
    source = framework_ref(gofw) if gofw else None

    def text(items: list[dict[str, Any]]) -> None:
        from .layout import Lines, numbered, screen_width

        w = Lines(screen_width())
        w.add(title, style="bold")
        if not items:
            w.add(empty)
        numbered(w, items, with_concepts=True)
        if source:
            w.blank()
            w.citation(source, indent=0)
        w.print()

    render(format, as_json, data, text=text,
           markdown=lambda items: principles_markdown(items, title, source, empty))
