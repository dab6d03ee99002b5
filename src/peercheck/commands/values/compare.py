"""`peercheck compare`: the crosswalk, shared concepts down and frameworks across."""

from __future__ import annotations

from typing import Any

import typer

from .options import CompareFormat, json_option


def compare(
    format: CompareFormat = typer.Option(
        CompareFormat.text, "--format", case_sensitive=False,
        help="text, markdown (a table for a handout), csv (for a spreadsheet) or json.",
    ),
    why: bool = typer.Option(
        False, "--why",
        help="Under each concept, the phrase (quoted from the framework) each value's place "
        "in it rests on.",
    ),
    as_json: bool = json_option(),
) -> None:
    """The crosswalk: shared concepts down, frameworks across, each cell naming the values.

    With --why, each value's place in a concept comes with the phrase, quoted from its
    framework, that it rests on. (The JSON always carries those reasons.)

    \b
    Examples:
      peercheck compare
      peercheck compare --why
      peercheck compare --format csv > crosswalk.csv
      peercheck compare --format markdown --why > crosswalk.md
    """
    from peercheck import messages
    from peercheck.values import load_catalog

    from .markdown import compare_markdown
    from .options import render
    from .views import framework_ref

    cat = load_catalog()
    fws = list(cat.frameworks.values())
    data = {
        "frameworks": [framework_ref(fw) for fw in fws],
        "concepts": [
            {"id": c.id, "name": c.name, "summary": c.summary,
             "values": {fw.id: [v.name for _, v in cat.values_for(c.id, fw.id)] for fw in fws},
             # what each table cell shows: the values, then any opening text, labelled
             "cells": {fw.id: [v.name for _, v in cat.values_for(c.id, fw.id)]
                       + [messages.OPENING_TEXT.format(title=s.title)
                          for _, s in cat.sections_for(c.id, fw.id)] for fw in fws},
             "why": _reasons(cat, c)}
            for c in cat.concepts.values()
        ],
    }
    if format == CompareFormat.csv and not as_json:
        _csv(data, why)
        return
    if why:
        render(format, as_json, data, text=why_text, markdown=why_markdown)
    else:
        render(format, as_json, data, text=compare_text, markdown=compare_markdown)


def _reasons(cat: Any, concept: Any) -> list[dict[str, Any]]:
    """Each linked value (and framework text) with the quoted phrase it rests on."""
    from peercheck import messages

    found = []
    for fw in cat.frameworks.values():
        phrases = concept.why.get(fw.id, {})
        for _, value in cat.values_for(concept.id, fw.id):
            found.append({"framework": fw.id, "title": fw.title, "kind": "value",
                          "id": value.id, "name": value.name, "phrase": phrases.get(value.id)})
        for _, section in cat.sections_for(concept.id, fw.id):
            found.append({"framework": fw.id, "title": fw.title, "kind": "section",
                          "id": section.id,
                          "name": messages.OPENING_TEXT.format(title=section.title),
                          "phrase": phrases.get(section.id)})
    return found


def _csv(data: dict[str, Any], why: bool) -> None:
    import csv
    import sys

    fws = data["frameworks"]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["concept_id", "concept", *(fw["title"] for fw in fws)])
    for c in data["concepts"]:
        if why:
            cells = ["; ".join(f"{r['name']}: “{r['phrase']}”" if r["phrase"] else r["name"]
                               for r in c["why"] if r["framework"] == fw["id"]) for fw in fws]
        else:
            cells = ["; ".join(c["cells"][fw["id"]]) for fw in fws]
        writer.writerow([c["id"], c["name"], *cells])


def why_text(data: dict[str, Any]) -> None:
    """Concept by concept: each framework's value and the phrase its place rests on."""
    from peercheck import messages

    from .layout import Lines

    w = Lines()
    w.add(messages.WHY_TITLE, style="bold")
    for concept in data["concepts"]:
        w.blank()
        w.add(concept["name"], style="bold cyan")
        for reason in concept["why"]:
            w.add(f"{reason['framework']}: {reason['name']}", indent=2)
            if reason["phrase"] == reason["name"]:
                w.add(messages.WHY_BY_NAME, style="italic", indent=4)
            elif reason["phrase"]:
                w.add(f"“{reason['phrase']}”", style="italic", indent=4)
    w.print()


def why_markdown(data: dict[str, Any]) -> str:
    """`compare --why --format markdown`: the reasons as a handout, sources below."""
    from peercheck import messages

    from .markdown import md, md_citation, wrap

    lines = [f"# {messages.WHY_TITLE}"]
    for concept in data["concepts"]:
        lines += ["", f"## {md(concept['name'])}", ""]
        for reason in concept["why"]:
            said = f": “{md(reason['phrase'])}”" if reason["phrase"] else ""
            if reason["phrase"] == reason["name"]:
                said = f": *{md(messages.WHY_BY_NAME)}*"
            lines += wrap(f"- **{md(reason['title'])}, {md(reason['name'])}**{said}",
                          indent="  ")
    lines += ["", "Sources:", ""]
    for fw in data["frameworks"]:
        lines += wrap(f"- `{fw['id']}`: {md_citation(fw)[len('Source: '):]}", indent="  ")
    return "\n".join(lines) + "\n"


def compare_text(data: dict[str, Any]) -> None:
    """Concepts down, frameworks across, laid out to the console width.

    Each concept's name gets its own line and its values sit in the framework columns
    below it, so four columns of full value names fit in 80 columns without breaking words.
    """
    from .layout import Grid, Lines

    headers = [fw["id"] for fw in data["frameworks"]]
    rows = [[c["cells"][h] for h in headers] for c in data["concepts"]]
    w = Lines()
    grid = Grid(rows, w.width, indent=2, headers=headers)
    for line in grid.lines([[h] for h in headers], hyphens=True):
        w.raw(line, "bold")
    for concept, cells in zip(data["concepts"], rows, strict=True):
        w.raw(concept["name"], "bold cyan")
        for line in grid.lines(cells):
            w.raw(line)
    w.raw("peercheck frameworks names each source;", "dim")
    w.raw("peercheck show NAME quotes the definitions.", "dim")
    w.print()
