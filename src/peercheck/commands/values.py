"""Commands: frameworks, values, show, compare, principles, validate (the values library).

Only typer is imported here; the catalog, Rich and the renderers load inside each command.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from peercheck.values import Catalog, Framework, Match, Value

WRAP = 78  # markdown lines; Rich wraps text output to the terminal (80 columns in a pipe)


class ShowFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class CompareFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    csv = "csv"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("frameworks")(frameworks)
    app.command("values")(values)
    app.command("show")(show)
    app.command("compare")(compare)
    app.command("principles")(principles)
    app.command("validate")(validate)


def _complete_name(incomplete: str) -> list[str]:
    try:
        from peercheck.values import load_catalog, normalise

        cat = load_catalog()
        names = list(cat.concepts) + cat.names()
        key = normalise(incomplete)
        return [n for n in names if normalise(n).startswith(key)]
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []


def _complete_framework(incomplete: str) -> list[str]:
    try:
        from peercheck.values import load_catalog

        return [f for f in load_catalog().frameworks if f.startswith(incomplete)]
    except Exception:  # noqa: BLE001
        return []


FRAMEWORK_OPTION = typer.Option(
    None, "--framework", "-f", metavar="ID", autocompletion=_complete_framework,
    help="Only this framework (bccampus, peer-support-values, getting-oriented, srn).",
)


# --- frameworks --------------------------------------------------------------------------


def frameworks(
    as_json: bool = typer.Option(False, "--json", help="Print the frameworks as JSON."),
) -> None:
    """List the frameworks peercheck quotes: id, title, number of values, source.

    \b
    Examples:
      peercheck frameworks
      peercheck frameworks --json
    """
    from peercheck.output import print_json
    from peercheck.values import load_catalog

    cat = load_catalog()
    if as_json:
        print_json([
            {**fw.to_dict(values=False), "values": len(fw.values)}
            for fw in cat.frameworks.values()
        ])
        return
    w = _Lines()
    headers = ["ID", "Title", "Values", "Source"]
    rows = []
    for fw in cat.frameworks.values():
        source = fw.publisher or "publisher not stated"
        if not fw.builtin:
            source += " (your organisation's file)"
        rows.append([[fw.id], [fw.title], [str(len(fw.values))], [source]])
    grid = _Grid(rows, w.width, headers=headers)
    for line in grid.lines([[h] for h in headers]):
        w.raw(line, "bold")
    for row in rows:
        for line in grid.lines(row):
            w.raw(line)
    w.print()


# --- values ------------------------------------------------------------------------------


def values(
    framework: str | None = FRAMEWORK_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the values as JSON."),
) -> None:
    """List every value, grouped by framework, with the shared concepts it belongs to.

    \b
    Examples:
      peercheck values
      peercheck values --framework srn
    """
    from peercheck.output import print_json
    from peercheck.values import load_catalog

    cat = load_catalog()
    chosen = [cat.framework(framework)] if framework else list(cat.frameworks.values())
    if as_json:
        print_json([
            {"framework": fw.id, "title": fw.title, "values": [
                {"id": v.id, "name": v.name, "defined": v.defined, "concepts": v.concepts}
                for v in fw.values
            ]}
            for fw in chosen
        ])
        return
    w = _Lines()
    for fw in chosen:
        w.blank()
        w.add(f"{fw.title} ({fw.id})", style="bold")
        rows = [
            [[value.name if value.defined else f"{value.name} (named only)"],
             [", ".join(cat.concepts[c].name for c in value.concepts)]]
            for value in fw.values
        ]
        grid = _Grid(rows, w.width, indent=2)
        for row in rows:
            for line in grid.lines(row):
                w.raw(line)
    w.print()


# --- show --------------------------------------------------------------------------------


def show(
    name: str = typer.Argument(
        ..., metavar="NAME", autocompletion=_complete_name,
        help="A concept (mutuality), a value's name (“Mutual & reciprocal”) or an alias.",
    ),
    framework: str | None = FRAMEWORK_OPTION,
    format: ShowFormat = typer.Option(
        ShowFormat.text, "--format", case_sensitive=False,
        help="text (for reading), markdown (for a training handout) or json.",
    ),
    as_json: bool = typer.Option(False, "--json", help="The same as --format json."),
) -> None:
    """Show what every framework says about a value, word for word, with its source.

    NAME is matched forgivingly: case, spaces, hyphens, punctuation and “&”/“and” are
    ignored, so "stay in lane", "Stay-In-Lane" and "Mutual & Reciprocal" all work. The
    related Principles of Practice follow the definitions.

    \b
    Examples:
      peercheck show mutuality
      peercheck show "person driven" --framework peer-support-values
      peercheck show stay-in-lane --format markdown > stay-in-lane.md
    """
    from peercheck.errors import InputError
    from peercheck.values import load_catalog

    cat = load_catalog()
    fw = cat.framework(framework) if framework else None
    try:
        match = cat.lookup(name)
    except InputError as exc:
        if name.strip().lower() in cat.frameworks:
            from peercheck import messages

            exc.hint = messages.SHOW_FRAMEWORK_HINT.format(id=name.strip().lower())
        raise
    view = concept_view(cat, match, fw.id if fw else None)
    if as_json or format == ShowFormat.json:
        from peercheck.output import print_json

        print_json(view)
    elif format == ShowFormat.markdown:
        import sys

        sys.stdout.write(concept_markdown(view))
    else:
        _show_text(view, name)


def concept_view(cat: Catalog, match: Match, framework_id: str | None = None) -> dict[str, Any]:
    """Everything `show` prints, as plain data (the JSON output)."""
    concept = match.concept
    blocks: list[dict[str, Any]] = []
    for fw in cat.frameworks.values():
        if framework_id and fw.id != framework_id:
            continue
        vals = [v for f, v in cat.values_for(concept.id, fw.id)]
        secs = [s for f, s in cat.sections_for(concept.id, fw.id)]
        if not vals and not secs:
            continue
        blocks.append({
            "framework": _framework_ref(fw),
            "values": [_value_view(fw, v) for v in vals],
            "sections": [s.to_dict() for s in secs],
        })
    if match.value is not None:  # the value that was asked for comes first
        asked = (match.value.framework_id, match.value.id)
        blocks.sort(key=lambda b: b["framework"]["id"] != asked[0])
        for block in blocks:
            block["values"].sort(key=lambda v: (block["framework"]["id"], v["id"]) != asked)
    return {
        "concept": {"id": concept.id, "name": concept.name, "summary": concept.summary},
        "matched": (
            {"framework": match.value.framework_id, "value": match.value.id,
             "name": match.value.name}
            if match.value else None
        ),
        "only_framework": framework_id,
        "frameworks": blocks,
        "principles": [p.to_dict() for p in cat.principles_for(concept.id)],
    }


def _framework_ref(fw: Framework) -> dict[str, Any]:
    return {"id": fw.id, "title": fw.title, "publisher": fw.publisher, "url": fw.url,
            "citation": fw.citation}


def _value_view(fw: Framework, value: Value) -> dict[str, Any]:
    return {
        "id": value.id,
        "name": value.name,
        "defined": value.defined,
        "definition": value.definition,
        "aliases": value.aliases,
        "notes": [fw.sections[n].to_dict() for n in value.notes],
        "related": [
            {"section": sid, "title": fw.sections[sid].title, "statements": statements}
            for sid, statements in value.related.items()
        ],
    }


class _Lines:
    """Text output built line by line: wrapped with hanging indents, never padded.

    Every line fits the console width (80 columns in a pipe unless COLUMNS says otherwise)
    and has no trailing spaces to spoil a copy and paste. On a terminal Rich prints it with
    its styles (honouring NO_COLOR); into a pipe or a file it is plain text, written
    directly, so Rich need not even be imported.
    """

    def __init__(self, width: int | None = None):
        self.width = max(40, width or _width())
        self.lines: list[tuple[str, str]] = []

    def raw(self, line: str, style: str = "") -> None:
        self.lines.append((line.rstrip(), style))

    def add(self, text: str, style: str = "", indent: int = 0, hang: str = "") -> None:
        import textwrap

        first = " " * indent + hang
        rest = " " * (indent + len(hang))
        wrapped = textwrap.wrap(text, width=self.width - 1, initial_indent=first,
                                subsequent_indent=rest, break_long_words=False,
                                break_on_hyphens=False) or [first]
        for line in wrapped:
            self.raw(line, style)

    def blank(self) -> None:
        if self.lines and self.lines[-1][0]:
            self.lines.append(("", ""))

    def paragraphs(self, items: list[Any], indent: int = 2) -> None:
        for n, item in enumerate(items):
            if isinstance(item, list):
                for bullet in item:
                    self.add(bullet, indent=indent, hang="• ")
            else:
                if n:
                    self.blank()
                self.add(item, indent=indent)

    def citation(self, fw: dict[str, Any], indent: int = 2) -> None:
        self.add(fw["citation"], style="dim", indent=indent, hang="— ")
        if fw.get("url"):
            self.add(fw["url"], style="dim", indent=indent + 2)

    def print(self) -> None:
        while self.lines and not self.lines[-1][0]:
            self.lines.pop()
        if _plain():
            import sys

            sys.stdout.write("".join(line + "\n" for line, _ in self.lines))
            return
        from rich.text import Text

        from peercheck.output import out

        text = Text()
        for n, (line, style) in enumerate(self.lines):
            if n:
                text.append("\n")
            text.append(line, style=style or None)
        out().print(text, soft_wrap=True)


def _plain() -> bool:
    """True when stdout is not a terminal (and colour is not forced): no styles to draw."""
    import os
    import sys

    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return False
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):
        return True


def _width() -> int:
    """The console width, as Rich would work it out (80 in a pipe unless COLUMNS is set)."""
    if _plain():
        import os

        try:
            return int(os.environ.get("COLUMNS", ""))
        except ValueError:
            return 80
    from peercheck.output import out

    return out().width


def _show_text(view: dict[str, Any], asked: str) -> None:
    from peercheck import messages

    w = _Lines(_width())
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
            else:
                w.add(messages.NO_DEFINITION.format(name=value["name"]), style="italic",
                      indent=2)
                for rel in value["related"]:
                    w.add(rel["title"], indent=2)
                    w.paragraphs([rel["statements"]], indent=2)
            w.citation(fw)
        for section in block["sections"]:
            w.blank()
            w.add(f"{fw['title']}: {section['title']}", style="bold cyan")
            w.paragraphs(section["text"])
            if section.get("source"):
                w.add(f"({section['source']})", style="dim", indent=2)
            w.citation(fw)
    if view["principles"]:
        w.blank()
        w.add("Related Principles of Practice (Peer Support: Getting Oriented)", style="bold")
        _numbered(w, view["principles"])
    w.print()


def _numbered(w: _Lines, principles: list[dict[str, Any]], names: dict[str, str] | None = None
              ) -> None:
    for p in principles:
        w.add(p["text"], indent=2, hang=f"{p['number']:>2}. ")
        if names:
            w.add("(" + ", ".join(names[c] for c in p["concepts"]) + ")", style="dim",
                  indent=6)



# --- markdown ----------------------------------------------------------------------------


def concept_markdown(view: dict[str, Any]) -> str:
    """`show --format markdown`: a training handout, ready to paste."""
    from peercheck import messages

    concept = view["concept"]
    lines = [f"# {concept['name']}", ""]
    lines += _wrap(f"*In our words (peercheck's summary, not a quotation):* "
                   f"{_md(concept['summary'])}")
    for block in view["frameworks"]:
        fw = block["framework"]
        for value in block["values"]:
            lines += ["", f"## {_md(fw['title'])}: {_md(value['name'])}", ""]
            if value["defined"]:
                lines += _quote(value["definition"])
                for note in value["notes"]:
                    lines += [">"] + _quote([f"*{note['title']}*", *note["text"]])
            else:
                lines += _wrap(messages.NO_DEFINITION_MD.format(name=_md(value["name"])))
                for rel in value["related"]:
                    lines += ["", f"**{_md(rel['title'])}**", ""]
                    lines += _quote([rel["statements"]])
            lines += [""] + _wrap(_md_citation(fw))
        for section in block["sections"]:
            lines += ["", f"## {_md(fw['title'])}: {_md(section['title'])}", ""]
            lines += _quote(section["text"])
            if section.get("source"):
                lines += [">", f"> ({_md(section['source'])})"]
            lines += [""] + _wrap(_md_citation(fw))
    if view["principles"]:
        lines += ["", "## Related Principles of Practice", ""]
        lines += _wrap("From the Peer Support Volunteer Principles of Practice in "
                       "“Peer Support: Getting Oriented”:")
        lines.append("")
        for p in view["principles"]:
            # Bullets, not an ordered list: Markdown renumbers 2, 4, 6 as 2, 3, 4.
            lines += _wrap(f"- **{p['number']}.** {_md(p['text'])}", indent="  ")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Escape the characters that would change a quotation's meaning in Markdown."""
    for ch in ("\\", "*", "_", "[", "]", "`", "<", ">"):
        text = text.replace(ch, "\\" + ch)
    return text


def _md_citation(fw: dict[str, Any]) -> str:
    cite = f"Source: {_md(fw['citation'])}"
    if fw.get("url"):
        cite += f", <{fw['url']}>"
    return cite


def _wrap(text: str, *, prefix: str = "", indent: str = "") -> list[str]:
    import textwrap

    width = WRAP - len(prefix)
    wrapped = textwrap.wrap(text, width=width, subsequent_indent=indent,
                            break_long_words=False, break_on_hyphens=False) or [""]
    return [(prefix + line).rstrip() for line in wrapped]


def _quote(items: list[Any]) -> list[str]:
    lines: list[str] = []
    for n, item in enumerate(items):
        if n:
            lines.append(">")
        if isinstance(item, list):
            for bullet in item:
                lines += _wrap(f"- {_md(bullet)}", prefix="> ", indent="  ")
        elif item.startswith("*") and item.endswith("*") and len(item) > 2:
            lines += _wrap(item, prefix="> ")  # our own emphasis (a note's title)
        else:
            lines += _wrap(_md(item), prefix="> ")
    return lines


# --- compare -----------------------------------------------------------------------------


def compare(
    format: CompareFormat = typer.Option(
        CompareFormat.text, "--format", case_sensitive=False,
        help="text, markdown (a table for a handout), csv (for a spreadsheet) or json.",
    ),
    as_json: bool = typer.Option(False, "--json", help="The same as --format json."),
) -> None:
    """The crosswalk: shared concepts down, frameworks across, each cell naming the values.

    \b
    Examples:
      peercheck compare
      peercheck compare --format csv > crosswalk.csv
      peercheck compare --format markdown
    """
    from peercheck.values import load_catalog

    cat = load_catalog()
    fws = list(cat.frameworks.values())
    rows = [
        (concept, [[v.name for _, v in cat.values_for(concept.id, fw.id)] for fw in fws])
        for concept in cat.concepts.values()
    ]
    if as_json or format == CompareFormat.json:
        from peercheck.output import print_json

        print_json({
            "frameworks": [_framework_ref(fw) for fw in fws],
            "concepts": [
                {"id": c.id, "name": c.name, "summary": c.summary,
                 "values": {fw.id: names for fw, names in zip(fws, cells, strict=True)}}
                for c, cells in rows
            ],
        })
    elif format == CompareFormat.csv:
        import csv
        import sys

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["concept_id", "concept", *(fw.title for fw in fws)])
        for c, cells in rows:
            writer.writerow([c.id, c.name, *("; ".join(names) for names in cells)])
    elif format == CompareFormat.markdown:
        import sys

        lines = ["# Peer-support values across frameworks", ""]
        lines.append("| Concept | " + " | ".join(_md(fw.title) for fw in fws) + " |")
        lines.append("| --- " * (len(fws) + 1) + "|")
        for c, cells in rows:
            lines.append(f"| **{_md(c.name)}** | "
                         + " | ".join("; ".join(_md(n) for n in names) or "–" for names in cells)
                         + " |")
        lines += ["", "Sources:", ""]
        for fw in fws:
            cite = _md_citation(_framework_ref(fw))[len("Source: "):]
            lines += _wrap(f"- `{fw.id}`: {cite}", indent="  ")
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        _compare_text([fw.id for fw in fws], rows)


class _Grid:
    """Columns of wrapped cells fitted to a width: words are never broken unless one is
    longer than its whole column, and no line carries trailing spaces."""

    def __init__(self, rows: list[list[list[str]]], width: int, gap: int = 2,
                 indent: int = 0, headers: list[str] | None = None):
        self.gap, self.indent = gap, indent
        n = len(rows[0]) if rows else len(headers or [])
        room = width - 1 - indent - gap * (n - 1)
        cols = [[row[i] for row in rows] for i in range(n)]
        heads = headers or [""] * n
        need = [max([len(w) for names in col for x in names for w in x.split()] + [4])
                for col in cols]
        want = [max([len(x) for names in col for x in names] + [len(h)])
                for col, h in zip(cols, heads, strict=True)]
        widths = [min(a, b) for a, b in zip(need, want, strict=True)]
        while sum(widths) < room and any(w < x for w, x in zip(widths, want, strict=True)):
            for i in range(n):
                if widths[i] < want[i] and sum(widths) < room:
                    widths[i] += 1
        self.widths = widths

    def lines(self, cells: list[list[str]], hyphens: bool = False,
              empty: str = "–") -> list[str]:
        import textwrap

        wrapped = [
            [line for x in names for line in textwrap.wrap(
                x, self.widths[i], break_long_words=True, break_on_hyphens=hyphens)]
            or [empty]
            for i, names in enumerate(cells)
        ]
        out = []
        for r in range(max(len(c) for c in wrapped)):
            parts = [(c[r] if r < len(c) else "").ljust(self.widths[i])
                     for i, c in enumerate(wrapped)]
            out.append((" " * self.indent + (" " * self.gap).join(parts)).rstrip())
        return out


def _compare_text(headers: list[str], rows: list[tuple[Any, list[list[str]]]]) -> None:
    """Concepts down, frameworks across, laid out to the console width.

    Each concept's name gets its own line and its values sit in the framework columns
    below it, so four columns of full value names fit in 80 columns without breaking words.
    """
    w = _Lines()
    grid = _Grid([cells for _, cells in rows], w.width, indent=2, headers=headers)
    for line in grid.lines([[h] for h in headers], hyphens=True):
        w.raw(line, "bold")
    for concept, cells in rows:
        w.raw(concept.name, "bold cyan")
        for line in grid.lines(cells):
            w.raw(line)
    w.raw("peercheck frameworks names each source;", "dim")
    w.raw("peercheck show NAME quotes the definitions.", "dim")
    w.print()


# --- principles --------------------------------------------------------------------------


def principles(
    value: str | None = typer.Option(
        None, "--value", metavar="NAME", autocompletion=_complete_name,
        help="Only the principles that put this value into practice.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the principles as JSON."),
) -> None:
    """The sixteen Principles of Practice from “Peer Support: Getting Oriented”, verbatim.

    \b
    Examples:
      peercheck principles
      peercheck principles --value stay-in-lane
    """
    from peercheck.values import load_catalog

    cat = load_catalog()
    concept = cat.resolve(value) if value else None
    chosen = cat.principles_for(concept.id) if concept else list(cat.principles.values())
    if as_json:
        from peercheck.output import print_json

        print_json([
            {**p.to_dict(), "concept_names": [cat.concepts[c].name for c in p.concepts]}
            for p in chosen
        ])
        return
    w = _Lines(_width())
    title = "Peer Support Volunteer Principles of Practice"
    if concept:
        title += f" that put {concept.name} into practice"
    w.add(title, style="bold")
    if not chosen:
        w.add(f"None of the principles is linked to {concept.name} yet.")
    names = {c.id: c.name for c in cat.concepts.values()}
    _numbered(w, [p.to_dict() for p in chosen], names)
    gofw = cat.frameworks.get("getting-oriented")
    if gofw:
        w.blank()
        w.citation(_framework_ref(gofw), indent=0)
    w.print()


# --- validate ----------------------------------------------------------------------------


def validate(
    path: Path | None = typer.Argument(
        None, metavar="[PATH]",
        help="A folder with values.yaml and/or principles.yaml (default: --data-dir, or the "
        "built-in data).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print what was found as JSON."),
) -> None:
    """Check an organisation's data folder (or the built-in data) and say what it holds.

    Problems are reported as one sentence naming the file and line; the exit code is 2.

    \b
    Examples:
      peercheck validate
      peercheck validate ./our-values
      PEERCHECK_DATA=./our-values peercheck validate
    """
    from peercheck import data, messages
    from peercheck.values import check_folder

    folder = path if path is not None else data.override_dir()
    cat = check_folder(folder)
    n_values = sum(len(fw.values) for fw in cat.frameworks.values())
    summary = {
        "folder": str(folder) if folder else None,
        "files": cat.files,
        "frameworks": [
            {"id": fw.id, "title": fw.title, "values": len(fw.values),
             "from": "built-in" if fw.builtin else "organisation"}
            for fw in cat.frameworks.values()
        ],
        "values": n_values,
        "concepts": len(cat.concepts),
        "principles": len(cat.principles),
    }
    if as_json:
        from peercheck.output import print_json

        print_json(summary)
        return
    w = _Lines()
    w.add(messages.VALIDATE_ORG.format(path=folder) if folder else messages.VALIDATE_BUILTIN)
    for fw in cat.frameworks.values():
        origin = "" if fw.builtin else " (from your folder)"
        n = len(fw.values)
        w.add(f"{fw.id}: {fw.title}, {n} value{'' if n == 1 else 's'}{origin}", indent=2)
    w.add(messages.VALIDATE_OK.format(
        frameworks=len(cat.frameworks), values=n_values, concepts=len(cat.concepts),
        principles=len(cat.principles)), style="bold")
    w.print()
