"""What the summary of a reflection shows: the one choice ``reflect``, ``log`` and exports share.

A good supervisor's read of the answers: strengths first; at most three things worth
reflecting on, chosen by what the worker's answers and own words show (a drift the worker
admitted always comes first, however well the rest went, then language cues in their own
words, then answers that weighed low); at most three principles, the ones closest to those
things; supervision, the worker's own wellbeing (acknowledged, never graded), the values the
reflection did not cover, and the next-time intention last. Level words only: the figures stay
in the record.

It works from the stored record; today's prompts (looked up by id, when they still exist) only
add answer words, drift for old records, curious questions and principles, and the values
catalog only adds meanings and sources. An old record never fails to read.
"""

from __future__ import annotations

import re
from typing import Any

from .. import messages

MAX_REFLECTIONS = 3
MAX_PRINCIPLES = 3
LOW = 0.4  # an answer weighing under this (with no drift) is worth a thought


def choose(record: dict[str, Any], framework: str | None = None, *,
           words: bool = True) -> dict[str, Any]:
    """The summary's content, in the order it is shown.

    ``words=False`` skips meanings, questions and principle texts (the values catalog is not
    read), for the one-line-per-reflection ``log`` list; it chooses the same things.
    """
    prompts = _prompts()  # always: the order and drift of answers come from them
    catalog = _catalog() if words else None
    framework = framework or record.get("framework")
    concepts = [c for c in record.get("concepts") or [] if isinstance(c, dict) and c.get("id")]
    reflect_on = _reflections(record, concepts, prompts, catalog, framework, words)
    chosen = {r["id"] for r in reflect_on}
    answers = record.get("answers") or {}

    def named(level: str) -> list[dict[str, str]]:
        return [{"id": str(c["id"]), "name": _name(c)} for c in concepts
                if c.get("level") == level and c["id"] not in chosen]

    principles = []
    for item in reflect_on:
        number = item.get("principle")
        if number is not None and all(p["number"] != number for p in principles):
            principles.append({"number": number, "text": _principle_text(number, catalog)})
    flags = [str(f) for f in record.get("flags") or []]
    supervision = None
    if flags:
        supervision = (messages.SUPERVISION_SAFETY if "safety" in flags
                       else messages.SUPERVISION_OTHER)
    went_well = answers.get("went-well")
    return {
        "title": _title(record),
        "went_well": str(went_well) if went_well else None,
        "strong": named("strong"),
        "growing": named("growing"),
        "reflect_on": reflect_on,
        "principles": principles[:MAX_PRINCIPLES],
        "supervision": supervision,
        "wellbeing": _wellbeing(answers, prompts),
        "privacy": _privacy(record),
        "not_covered": _not_covered(record, concepts, catalog) if words else [],
        "next_time": record.get("intention") or None,
    }


def highlights(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """(a value going well, the first thing worth reflecting on) by name, for one-line lists.

    Going well is only ever a value at the strong level; the first thing is the summary's own.
    """
    chosen = choose(record, words=False)
    strong = chosen["strong"][0]["name"] if chosen["strong"] else None
    look = chosen["reflect_on"][0]["name"] if chosen["reflect_on"] else None
    return strong, look


def own_words(record: dict[str, Any], is_free_text: Any) -> list[tuple[str, str]]:
    """(question, answer) for the worker's free-text answers, in question order.

    The next-time intention is left out: it is shown once, as "Next time". ``is_free_text``
    is the export's redaction rule, (record, prompt id, answer) -> bool.
    """
    prompts = _prompts()
    asked = record.get("prompts") or {}
    answers = record.get("answers") or {}
    order: dict[str, int] = {}
    for pid in list(prompts) + list(answers):
        order.setdefault(pid, len(order))
    intention = record.get("intention")
    found = []
    for pid in sorted(answers, key=lambda p: order[p]):
        answer = answers[pid]
        prompt = prompts.get(pid)
        if (prompt is not None and prompt.intention) or (prompt is None and answer == intention):
            continue
        if is_free_text(record, pid, answer) and str(answer).strip():
            question = (asked.get(pid) or {}).get("question") or pid
            found.append((str(question), str(answer)))
    return found


# -- choosing what is worth reflecting on ----------------------------------------------------


def _reflections(record: dict[str, Any], concepts: list[dict[str, Any]],
                 prompts: dict[str, Any], catalog: Any, framework: str | None,
                 words: bool) -> list[dict[str, Any]]:
    """At most three things worth reflecting on: drift, own words, low answers, low values.

    The last tier (a value at the "worth a look" level with no single answer to point at)
    keeps records from before answers were weighed one by one readable.
    """
    answered = list((record.get("answers") or {}).keys())
    by_prompt: dict[str, dict[str, Any]] = {}
    for concept in concepts:
        for item in concept.get("evidence") or []:
            if not isinstance(item, dict) or item.get("weight") is None:
                continue
            pid = str(item.get("prompt"))
            entry = by_prompt.setdefault(pid, {
                "prompt": pid, "answer": item.get("answer"), "weight": float(item["weight"]),
                "drift": bool(item.get("drift")), "concepts": [],
            })
            entry["concepts"].append(concept)
            prompt = prompts.get(pid)
            if prompt is not None:  # the prompt's own first concept leads
                entry["concepts"].sort(key=lambda c, p=prompt: _index(p.concepts, c["id"]))
            if prompt is not None and "drift" not in item and prompt.admits_drift(
                    item.get("answer")):
                entry["drift"] = True  # a record saved before drift was marked
    # Question order: today's prompts first (a stored record's answers may come back sorted).
    order: dict[str, int] = {}
    for pid in list(prompts) + answered:
        order.setdefault(pid, len(order))
    entries = sorted(by_prompt.values(), key=lambda e: (e["weight"], order.get(e["prompt"], 0)))
    # A drift the prompt also brings to supervision (going beyond the peer lane) leads.
    drift = sorted((e for e in entries if e["drift"]), key=lambda e: not _flagged(prompts, e))
    low = [e for e in entries if not e["drift"] and e["weight"] < LOW]
    # Identifying details are not a value to reflect on: they get their own quiet line.
    cues = [c for c in record.get("cues") or [] if isinstance(c, dict)
            and c.get("family") != "privacy"]
    by_id = {str(c["id"]): c for c in concepts}

    looks = sorted((c for c in concepts if c.get("level") == "worth a look"),
                   key=lambda c: float(c.get("score") or 0))
    found: list[dict[str, Any]] = []
    # The answers and the worker's own words both speak: the first drift, then the first cue,
    # then the rest of each, then low answers, then values that leaned away.
    said = [{"cue": c} for c in cues]
    ranked = drift[:1] + said[:1] + drift[1:] + said[1:] + low + [{"value": c} for c in looks]
    for entry in ranked:
        if len(found) == MAX_REFLECTIONS:
            break
        taken = {f["id"] for f in found}
        if "value" in entry:
            concept = entry["value"]
            cid = str(concept["id"])
            if cid in taken:
                continue
            item = {"id": cid, "name": _name(concept, catalog), "from": "your answers",
                    "prompt": None, "said": None, "drift": False,
                    "because": messages.SUMMARY_LEANED_AWAY}
            numbers = []
            question = ""
        elif "cue" in entry:
            cue = entry["cue"]
            ids = [str(c) for c in cue.get("concepts") or []]
            cid = next((c for c in ids if c not in taken), None)
            if cid is None:
                continue
            item = {"id": cid, "name": _name(by_id.get(cid) or {"id": cid}, catalog),
                    "from": "your words", "prompt": cue.get("prompt"),
                    "said": str(cue.get("text") or ""), "drift": False,
                    "because": messages.SUMMARY_YOU_WROTE.format(text=_clip(cue.get("text"), 60))
                    if cue.get("text") else messages.SUMMARY_YOUR_WORDS}
            numbers = [n for n in cue.get("principles") or [] if isinstance(n, int)]
            question = _curious(cue.get("message"))  # the cue's own curious words
        else:
            # A low answer under a value that is strong overall is not worth a reflection;
            # a drift always is.
            concept = next((c for c in entry["concepts"] if c["id"] not in taken and (
                entry["drift"] or c.get("level") != "strong")), None)
            if concept is None:
                continue
            cid = str(concept["id"])
            prompt = prompts.get(entry["prompt"])
            said = prompt.label(entry["answer"]) if prompt is not None else str(entry["answer"])
            asked = ((record.get("prompts") or {}).get(entry["prompt"]) or {}).get("question")
            if said in ("yes", "no", "unsure") and asked:
                because = messages.SUMMARY_YOU_ANSWERED_TO.format(
                    said=said, question=_clip(asked, 90))
            else:
                because = messages.SUMMARY_YOU_ANSWERED.format(
                    said=_clip(said, 70), prompt=entry["prompt"].replace("-", " "))
            item = {"id": cid, "name": _name(concept, catalog), "from": "your answer",
                    "prompt": entry["prompt"], "said": said, "drift": entry["drift"],
                    "because": because}
            numbers = list(prompt.principles) if prompt is not None else []
            question = prompt.ask if prompt is not None else ""
        if words:
            meaning, source = _meaning(item["id"], catalog, framework)
            item["meaning"] = meaning
            item["source"] = source
            item["question"] = question or messages.SUMMARY_ASK_DEFAULT
        item["principle"] = numbers[0] if numbers else None
        found.append(item)
    return found


def _curious(message: Any, limit: int = 150) -> str:
    """A cue's message, or when too long for one screen, its own closing question whole."""
    text = " ".join(str(message or "").split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.?!])\s+", text)
    asked = [s for s in sentences if s.endswith("?")]
    return _clip(asked[-1] if asked else text, limit)


def _flagged(prompts: dict[str, Any], entry: dict[str, Any]) -> bool:
    prompt = prompts.get(entry["prompt"])
    return bool(prompt is not None and prompt.flags_for(entry["answer"]))


def _index(items: Any, value: Any) -> int:
    return list(items).index(value) if value in items else len(items)


# -- the pieces ------------------------------------------------------------------------------


def _title(record: dict[str, Any]) -> str:
    context = record.get("context") or {}
    bits = [messages.SUMMARY_TITLE]
    if context.get("date"):
        bits.append(str(context["date"]))
    if context.get("kind"):
        bits.append(str(context["kind"]))
    if context.get("minutes"):
        bits.append(f"{context['minutes']} minutes")
    tags = context.get("tags") or []
    if tags:
        bits.append(" ".join(f"#{t}" for t in tags))
    if record.get("focus"):
        bits.append(messages.SUMMARY_FOCUS.format(focus=record["focus"]))
    return _clip(" · ".join(bits), 78)


def _wellbeing(answers: dict[str, Any], prompts: dict[str, Any]) -> str | None:
    """A warm word when the worker says they are running low; never a mark."""
    for pid, prompt in prompts.items():
        if prompt.wellbeing and pid in answers:
            try:
                low = int(answers[pid]) <= 2
            except (TypeError, ValueError):
                return None
            return messages.SUMMARY_WELLBEING_LOW if low else None
    return None


def _privacy(record: dict[str, Any]) -> str | None:
    """One kind sentence when the worker's words hold identifying details: what kind, where.

    The record never holds the words themselves, and neither does the summary.
    """
    kinds: list[str] = []
    where: list[str] = []
    for cue in record.get("cues") or []:
        if not isinstance(cue, dict) or cue.get("family") != "privacy":
            continue
        kind = str(cue.get("rule") or "").removeprefix("privacy-")
        said = messages.LOOKS.get(kind, messages.SUMMARY_PRIVACY_DETAIL)
        said = "a name" if kind == "name" else said
        if said not in kinds:
            kinds.append(said)
        place = str(cue.get("prompt") or "").replace("-", " ")
        if place and place not in where:
            where.append(place)
    if not kinds:
        return None
    return messages.SUMMARY_PRIVACY.format(
        where=_and_list([f"“{w}”" for w in where]) or messages.SUMMARY_PRIVACY_YOUR_WORDS,
        kinds=_and_list(kinds))


def _and_list(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _not_covered(record: dict[str, Any], concepts: list[dict[str, Any]],
                 catalog: Any) -> list[str]:
    """Values this reflection says nothing about (no question informs them, or skipped)."""
    if record.get("focus") or catalog is None:
        return []
    scored = {str(c["id"]) for c in concepts if c.get("score") is not None}
    return [c.name for cid, c in catalog.concepts.items() if cid not in scored]


def _name(concept: dict[str, Any], catalog: Any = None) -> str:
    cid = str(concept.get("id"))
    if concept.get("name"):
        return str(concept["name"])
    known = catalog.concepts.get(cid) if catalog is not None else None
    return known.name if known is not None else cid.replace("-", " ").capitalize()


def _principle_text(number: int, catalog: Any) -> str:
    """The principle word for word; a long one keeps its first sentence, then an ellipsis."""
    principle = catalog.principles.get(number) if catalog is not None else None
    if principle is None:
        return messages.SUMMARY_PRINCIPLE_N.format(number=number)
    text = " ".join(str(principle.text).split())
    if len(text) > 100 and ". " in text:  # one screen: the first sentence carries it
        text = text.split(". ", 1)[0] + ". …"
    return text


def _meaning(cid: str, catalog: Any, framework: str | None) -> tuple[str | None, str | None]:
    """The concept's one-line meaning, and where its definitions come from."""
    if catalog is None:
        return None, None
    concept = catalog.concepts.get(cid)
    if concept is None:
        return None, None
    try:
        pairs = catalog.values_for(cid, framework)
    except Exception:  # noqa: BLE001 - the summary must never fail over a source line
        pairs = []
    if framework and pairs:
        fw, value = pairs[0]
        first = _first_paragraph(value.definition)
        meaning = f"“{first}”" if first else value.name
        return meaning, messages.SUMMARY_FROM.format(sources=f"{fw.title}, {value.name}")
    publishers: list[str] = []
    for fw, _ in pairs:
        who = fw.publisher or fw.title
        if who not in publishers:
            publishers.append(who)
    if len(publishers) > 2:
        publishers[1:] = [f"{publishers[1]} {messages.SUMMARY_MORE.format(n=len(publishers) - 2)}"]
    source = messages.SUMMARY_FROM.format(sources=", ".join(publishers)) if publishers else None
    return getattr(concept, "summary", None), source


def _first_paragraph(definition: Any, limit: int = 110) -> str:
    """The definition's opening words; a lead-in ending in ":" takes its first bullet."""
    parts = list(definition or [])
    for i, part in enumerate(parts):
        if isinstance(part, str) and part.strip():
            text = " ".join(part.split())
            following = parts[i + 1] if i + 1 < len(parts) else None
            if text.endswith(":") and isinstance(following, list) and following:
                text = f"{text} {' '.join(str(following[0]).split())} …"
            return _clip(text, limit)
    return ""


def _clip(text: Any, limit: int) -> str:
    """At most ``limit`` characters, cut at a word with an ellipsis."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return (cut or text[: limit - 1]) + " …"


def _prompts() -> dict[str, Any]:
    try:
        from ..prompts import by_id, load_prompts

        return by_id(load_prompts())
    except Exception:  # noqa: BLE001 - an old record still reads without today's prompts
        return {}


def _catalog() -> Any:
    from ..values import load_catalog

    try:
        return load_catalog()
    except Exception:  # noqa: BLE001 - meanings are a bonus; the summary stands without them
        return None
