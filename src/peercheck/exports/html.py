"""HTML: one self-contained page for a supervisor's browser.

Inline CSS and SVG only: no scripts, no fonts or images fetched from anywhere. The chart of
each value's score over time comes first (from the store's per-day averages), then the table
of reflections, streamed row by row.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import IO

from . import ExportOptions, Record, flagged_words
from .redact import is_free_text

LINE = "#1f7a5c"  # the chart's line colour (a calm green); tests look for it in a screenshot
CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem;color:#1d2326;background:#fbfaf7}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem}
.note{color:#55605f}
.charts{display:flex;flex-wrap:wrap;gap:1rem}
figure{margin:0;padding:.6rem .8rem;background:#fff;border:1px solid #e2e0d8;border-radius:8px}
figcaption{font-weight:600;margin-bottom:.2rem}figcaption span{font-weight:400;color:#55605f}
svg{display:block}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e2e0d8;vertical-align:top}
th{background:#f1efe8}td.num{text-align:right}
details summary{cursor:pointer;color:#1f5a7a}
.strong{color:#1f7a5c}.look{color:#8a5a00}
"""
W, H, PAD = 300, 96, 8


def chart(name: str, points: list[tuple[str, float, int]]) -> str:
    """A small SVG line chart of one value's average score (0 to 1) over time."""
    total = sum(n for _, _, n in points)
    mean = sum(s * n for _, s, n in points) / total if total else 0.0
    inner_w, inner_h = W - 2 * PAD, H - 2 * PAD
    from datetime import date

    days = [date.fromisoformat(day).toordinal() for day, _, _ in points]
    span = (days[-1] - days[0]) if days else 0
    coords = []
    for ordinal, (_, score, _) in zip(days, points, strict=True):
        x = PAD + (inner_w * (ordinal - days[0]) / span if span else inner_w / 2)
        y = PAD + inner_h * (1 - max(0.0, min(1.0, score)))
        coords.append((x, y))
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    first, last = (points[0][0], points[-1][0]) if points else ("", "")
    parts = [
        f'<figure><figcaption>{escape(name)} <span>· mean {mean:.2f} · '
        f"{total} reflection{'s' if total != 1 else ''}</span></figcaption>",
        f'<svg width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
        f'aria-label="{escape(name)} score over time, {escape(first)} to {escape(last)}">',
        f"<title>{escape(name)}: {escape(first)} to {escape(last)}</title>",
        f'<rect x="{PAD}" y="{PAD}" width="{inner_w}" height="{inner_h}" fill="#f6f5f0"/>',
        f'<line x1="{PAD}" x2="{W - PAD}" y1="{PAD + inner_h / 2}" y2="{PAD + inner_h / 2}" '
        'stroke="#d8d5ca" stroke-dasharray="3 3"/>',
    ]
    if len(coords) > 1:
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="3" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    for (x, y), (day, score, n) in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{LINE}">'
            f"<title>{escape(day)}: {score:.2f} ({n})</title></circle>"
        )
    parts.append(
        f'<text x="{PAD + 2}" y="{H - 2}" font-size="10" fill="#55605f">{escape(first)}</text>'
        f'<text x="{W - PAD - 2}" y="{H - 2}" font-size="10" fill="#55605f" '
        f'text-anchor="end">{escape(last)}</text></svg></figure>'
    )
    return "".join(parts)


def _row(record: Record, names: dict[str, str], redacted: bool) -> str:
    """One reflection: the summary's own choice (going well is only ever the strong level)."""
    from ..output import visible
    from ..summary.choice import choose, own_words

    record = visible(record)  # control characters have no place in a page (or a terminal)
    context = record.get("context") or {}
    shown = choose(record)
    scores = {str(c.get("id")): float(c.get("score") or 0) for c in record.get("concepts") or []
              if isinstance(c, dict)}
    strong = sorted(shown["strong"], key=lambda c: -scores.get(c["id"], 0))[:3]
    going = ", ".join(names.get(c["id"], c["name"]) for c in strong)
    look = ", ".join(names.get(c["id"], c["name"]) for c in shown["reflect_on"])
    day = context.get("date") or str(record.get("created_at", ""))[:10]
    minutes = "" if context.get("minutes") is None else str(context["minutes"])
    cues = [c for c in record.get("cues") or [] if isinstance(c, dict)]
    said = []
    for cue in cues:  # as the Markdown export shows them
        quote = f"“{escape(' '.join(str(cue['text']).split()))}” — " if cue.get("text") else ""
        message = escape(" ".join(str(cue.get("message") or cue.get("rule") or "").split()))
        said.append(f"<p>{quote}{message or 'a cue'}</p>")
    cells = [
        f"<td>{escape(str(day))}</td>",
        f"<td>{escape(str(context.get('kind') or ''))}</td>",
        f'<td class="num">{escape(minutes)}</td>',
        f'<td class="strong">{escape(going)}</td>',
        f'<td class="look">{escape(look)}</td>',
        f"<td>{escape(flagged_words(record))}</td>",
        f"<td>{len(cues)}<details><summary>read</summary>{''.join(said)}</details></td>"
        if cues else "<td></td>",
    ]
    if not redacted:
        notes = []
        for question, answer in own_words(record, is_free_text):  # in question order
            notes.append(f"<p><em>{escape(question)}</em><br>{escape(answer)}</p>")
        if record.get("intention"):
            notes.append(f"<p><em>Next time</em><br>{escape(str(record['intention']))}</p>")
        tags = ", ".join(str(t) for t in context.get("tags") or [])
        if tags:
            notes.append(f"<p><em>Tags</em><br>{escape(tags)}</p>")
        for note in record.get("notes") or []:  # added later with peercheck log note
            if isinstance(note, dict):
                when = escape(str(note.get("at"))[:10])
                notes.append(f"<p><em>Note, {when}</em><br>{escape(str(note.get('text')))}</p>")
        if record.get("edited_at"):
            notes.append(f"<p><em>Edited {escape(str(record['edited_at'])[:10])}</em></p>")
        detail = (
            f"<details><summary>read</summary>{''.join(notes)}</details>" if notes else ""
        )
        cells.append(f"<td>{detail}</td>")
    return "<tr>" + "".join(cells) + "</tr>\n"


def write(records: Iterable[Record], out: IO[str], options: ExportOptions) -> int:
    names = {cid: name for cid, name in options.concepts if name != cid}
    title = "Reflections" + (f" — {options.label}" if options.label else "")
    out.write(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">"
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n"
        f"<h1>{escape(title)}</h1>\n"
    )
    note = f"Exported by peercheck {options.generated_at}".rstrip() + "."
    if options.redact:
        note += " Free-text answers, intentions, tags and cue quotes are left out."
    out.write(f'<p class="note">{escape(note)}</p>\n')
    order = [cid for cid, _ in options.concepts if options.series.get(cid)]
    order += [cid for cid in options.series if cid not in order]
    if order:
        out.write('<h2>Each value over time</h2>\n<div class="charts">\n')
        for cid in order:
            name = names.get(cid) or cid.replace("-", " ").capitalize()
            out.write(chart(name, options.series[cid]) + "\n")
        out.write("</div>\n")
    out.write(
        "<h2>Reflections</h2>\n<table><thead><tr><th>Date</th><th>Kind</th><th>Minutes</th>"
        "<th>Going well</th><th>Worth reflecting on</th><th>For supervision</th>"
        "<th>Language cues</th>"
        + ("" if options.redact else "<th>Notes</th>")
        + "</tr></thead><tbody>\n"
    )
    n = 0
    for record in records:
        out.write(_row(record, names, options.redact))
        n += 1
    out.write("</tbody></table>\n")
    if not n:
        out.write('<p class="note">No reflections matched.</p>\n')
    out.write("</body></html>\n")
    return n
