"""Text layout for the values commands: wrapped lines with hanging indents, and columns.

Lines fit the console width (80 columns in a pipe unless COLUMNS says otherwise) and carry
no trailing spaces to spoil a copy and paste. On a terminal Rich draws their styles; in a
pipe or a file they are written as plain text, so Rich need not even be imported.
"""

from __future__ import annotations

from typing import Any


class Lines:
    """Text output built line by line: wrapped with hanging indents, never padded.

    Every line fits the console width (80 columns in a pipe unless COLUMNS says otherwise)
    and has no trailing spaces to spoil a copy and paste. On a terminal Rich prints it with
    its styles (honouring NO_COLOR); into a pipe or a file it is plain text, written
    directly, so Rich need not even be imported.
    """

    def __init__(self, width: int | None = None):
        self.width = max(40, width or screen_width())
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
        if plain():
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


def plain() -> bool:
    """True when stdout is not a terminal (and colour is not forced): no styles to draw."""
    import os

    from peercheck.output import is_terminal

    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return False
    return not is_terminal()


def screen_width() -> int:
    """The console width, as Rich would work it out (80 in a pipe unless COLUMNS is set)."""
    if plain():
        import os

        try:
            return int(os.environ.get("COLUMNS", ""))
        except ValueError:
            return 80
    from peercheck.output import out

    return out().width


class Grid:
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



def numbered(w: Lines, principles: list[dict[str, Any]], with_concepts: bool = False) -> None:
    """Principles as a numbered list, optionally with the concepts each puts into practice."""
    for p in principles:
        w.add(p["text"], indent=2, hang=f"{p['number']:>2}. ")
        if with_concepts and p.get("concept_names"):
            w.add("(" + ", ".join(p["concept_names"]) + ")", style="dim", indent=6)
