"""Markdown handouts: ``show``, ``compare``, ``principles``, ``values`` and ``frameworks``.

Each renderer takes the same plain data the command prints as JSON, so the three formats
never drift apart. Quotations are escaped so Markdown cannot change their meaning.
"""

from __future__ import annotations

from typing import Any

WRAP = 78  # markdown lines


def concept_markdown(view: dict[str, Any]) -> str:
    """`show --format markdown`: a training handout, ready to paste."""
    from peercheck import messages

    concept = view["concept"]
    lines = [f"# {concept['name']}", ""]
    lines += wrap(f"*In our words (peercheck's summary, not a quotation):* "
                  f"{md(concept['summary'])}")
    for block in view["frameworks"]:
        fw = block["framework"]
        for value in block["values"]:
            lines += ["", f"## {md(fw['title'])}: {md(value['name'])}", ""]
            if value["defined"]:
                lines += quote(value["definition"])
                for note in value["notes"]:
                    lines += [">"] + quote([f"*{note['title']}*", *note["text"]])
            elif not value["related"]:
                lines += wrap("*" + messages.NO_DEFINITION_NOR_STATEMENT.format(
                    name=md(value["name"])) + "*")
            else:
                from .show import silent_on

                lines += wrap(messages.NO_DEFINITION_MD.format(name=md(value["name"])))
                for rel in value["related"]:
                    lines += ["", f"**{md(rel['title'])}**", ""]
                    lines += quote([rel["statements"]])
                if value["silent_on"]:
                    lines += [""] + wrap(f"*{silent_on(value['silent_on'])}*")
            lines += [""] + wrap(md_citation(fw))
        for section in block["sections"]:
            opening = messages.OPENING_TEXT.format(title=section["title"])
            lines += ["", f"## {md(fw['title'])}: {md(opening)}", ""]
            lines += quote(section["text"])
            if section.get("source"):
                lines += [">", f"> ({md(section['source'])})"]
            lines += [""] + wrap(md_citation(fw))
    if view["principles"]:
        lines += ["", "## Related Principles of Practice", ""]
        lines += wrap("From the Peer Support Volunteer Principles of Practice in "
                      "“Peer Support: Getting Oriented”:")
        lines.append("")
        for p in view["principles"]:
            # Bullets, not an ordered list: Markdown renumbers 2, 4, 6 as 2, 3, 4.
            lines += wrap(f"- **{p['number']}.** {md(p['text'])}", indent="  ")
    return "\n".join(lines) + "\n"


def md(text: str) -> str:
    """Escape the characters that would change a quotation's meaning in Markdown."""
    for ch in ("\\", "*", "_", "[", "]", "`", "<", ">"):
        text = text.replace(ch, "\\" + ch)
    return text


def md_citation(fw: dict[str, Any]) -> str:
    cite = f"Source: {md(fw['citation'])}"
    if fw.get("url"):
        cite += f", <{fw['url']}>"
    return cite


def wrap(text: str, *, prefix: str = "", indent: str = "") -> list[str]:
    import textwrap

    width = WRAP - len(prefix)
    wrapped = textwrap.wrap(text, width=width, subsequent_indent=indent,
                            break_long_words=False, break_on_hyphens=False) or [""]
    return [(prefix + line).rstrip() for line in wrapped]


def quote(items: list[Any]) -> list[str]:
    lines: list[str] = []
    for n, item in enumerate(items):
        if n:
            lines.append(">")
        if isinstance(item, list):
            for bullet in item:
                lines += wrap(f"- {md(bullet)}", prefix="> ", indent="  ")
        elif item.startswith("*") and item.endswith("*") and len(item) > 2:
            lines += wrap(item, prefix="> ")  # our own emphasis (a note's title)
        else:
            lines += wrap(md(item), prefix="> ")
    return lines




def compare_markdown(data: dict[str, Any]) -> str:
    """`compare --format markdown`: the crosswalk as a table, sources below."""
    fws = data["frameworks"]
    lines = ["# Peer-support values across frameworks", ""]
    lines.append("| Concept | " + " | ".join(md(fw["title"]) for fw in fws) + " |")
    lines.append("| --- " * (len(fws) + 1) + "|")
    for concept in data["concepts"]:
        cells = ["; ".join(md(n) for n in concept["cells"][fw["id"]]) or "–" for fw in fws]
        lines.append(f"| **{md(concept['name'])}** | " + " | ".join(cells) + " |")
    lines += ["", "Sources:", ""]
    for fw in fws:
        cite = md_citation(fw)[len("Source: "):]
        lines += wrap(f"- `{fw['id']}`: {cite}", indent="  ")
    return "\n".join(lines) + "\n"


def frameworks_markdown(frameworks: list[dict[str, Any]]) -> str:
    """`frameworks --format markdown`: one entry per framework, with its full citation."""
    lines = ["# The frameworks peercheck quotes", ""]
    for fw in frameworks:
        count = f"{fw['values']} value{'' if fw['values'] == 1 else 's'}"
        lines += wrap(f"- **{md(fw['title'])}** (`{fw['id']}`, {count}): "
                      f"{md_citation(fw)[len('Source: '):]}", indent="  ")
    return "\n".join(lines) + "\n"


def values_markdown(frameworks: list[dict[str, Any]]) -> str:
    """`values --format markdown`: each framework's values and the concepts they belong to."""
    lines = ["# Peer-support values by framework"]
    for fw in frameworks:
        lines += ["", f"## {md(fw['title'])}", ""]
        for value in fw["values"]:
            name = md(value["name"]) + ("" if value["defined"] else " (named only)")
            concepts = ", ".join(md(c) for c in value["concept_names"])
            lines += wrap(f"- **{name}**: {concepts}", indent="  ")
        for opening in fw["opening"]:
            concepts = ", ".join(md(c) for c in opening["concept_names"])
            lines += wrap(f"- **{md(opening['name'])}**: {concepts}", indent="  ")
    return "\n".join(lines) + "\n"


def principles_markdown(principles: list[dict[str, Any]], title: str,
                        source: dict[str, Any] | None, empty: str) -> str:
    """`principles --format markdown`: the principles, quoted, with their source."""
    lines = [f"# {md(title)}", ""]
    if not principles:
        lines += wrap(md(empty))
    for p in principles:
        # Bullets, not an ordered list: Markdown renumbers 2, 4, 6 as 2, 3, 4.
        lines += wrap(f"- **{p['number']}.** {md(p['text'])}", indent="  ")
        if p.get("concept_names"):
            lines += wrap(f"*({md(', '.join(p['concept_names']))})*", prefix="  ")
    if source:
        lines += [""] + wrap(md_citation(source))
    return "\n".join(lines) + "\n"
