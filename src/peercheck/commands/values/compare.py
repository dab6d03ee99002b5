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
    as_json: bool = json_option(),
) -> None:
    """The crosswalk: shared concepts down, frameworks across, each cell naming the values.

    \b
    Examples:
      peercheck compare
      peercheck compare --format csv > crosswalk.csv
      peercheck compare --format markdown
    """
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
             "values": {fw.id: [v.name for _, v in cat.values_for(c.id, fw.id)] for fw in fws}}
            for c in cat.concepts.values()
        ],
    }
    if format == CompareFormat.csv and not as_json:
        _csv(data)
        return
    render(format, as_json, data, text=compare_text, markdown=compare_markdown)


def _csv(data: dict[str, Any]) -> None:
    import csv
    import sys

    fws = data["frameworks"]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["concept_id", "concept", *(fw["title"] for fw in fws)])
    for c in data["concepts"]:
        writer.writerow([c["id"], c["name"], *("; ".join(c["values"][fw["id"]]) for fw in fws)])


def compare_text(data: dict[str, Any]) -> None:
    """Concepts down, frameworks across, laid out to the console width.

    Each concept's name gets its own line and its values sit in the framework columns
    below it, so four columns of full value names fit in 80 columns without breaking words.
    """
    from .layout import Grid, Lines

    headers = [fw["id"] for fw in data["frameworks"]]
    rows = [[c["values"][h] for h in headers] for c in data["concepts"]]
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
