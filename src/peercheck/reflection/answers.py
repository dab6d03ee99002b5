"""Answers files: the template to fill in, reading a filled one, and writing one back."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Any

from .. import messages
from ..errors import InputError
from ..prompts import Answer, Prompt, or_list
from .context import MAX_SHOWN, SESSION_KINDS, clip, parse_context, tags_as_written


def read_answers(
    source: str, prompts: list[Prompt], all_prompts: list[Prompt]
) -> tuple[dict[str, Any], dict[str, Answer], list[str]]:
    """Read a filled answers file (``-`` for stdin): (context, answers, ignored prompt ids).

    Every problem raises InputError naming the prompt and its allowed answers.
    """
    context, answers, ignored, _tags = read_answers_file(source, prompts, all_prompts)
    return context, answers, ignored


def read_answers_file(
    source: str, prompts: list[Prompt], all_prompts: list[Prompt]
) -> tuple[dict[str, Any], dict[str, Answer], list[str], str]:
    """As read_answers, plus the tags as written (the privacy check reads them unshaped)."""

    name = "standard input" if source == "-" else source
    if not source.strip():  # --answers "": not the current folder, just nothing named
        raise InputError(messages.ANSWERS_NO_NAME)
    text = _read_text(source, name)
    data = _load_yaml(text, name)
    if data is None:
        raise InputError(messages.ANSWERS_EMPTY.format(name=name))
    if not isinstance(data, dict):
        raise InputError(messages.ANSWERS_NOT_MAPPING.format(name=name))
    unknown = [str(k) for k in data if str(k) not in ("context", "answers")]
    if unknown:
        raise InputError(messages.ANSWERS_UNKNOWN_KEY.format(name=name, key=clip(unknown[0])))
    context = parse_context(data.get("context"))
    raw_context = data.get("context") or {}
    written_tags = tags_as_written(raw_context.get("tags"))
    raw = data.get("answers") or {}
    if not isinstance(raw, dict):
        raise InputError(messages.ANSWERS_NOT_MAPPING.format(name=name))
    asked = {p.id: p for p in prompts}
    known = {p.id for p in all_prompts}
    answers: dict[str, Answer] = {}
    ignored: list[str] = []
    for key, value in raw.items():
        pid = str(key)
        if pid not in known:
            from ..prompts import unknown_prompt

            raise unknown_prompt(clip(pid), all_prompts)
        if pid not in asked:
            if value not in (None, ""):
                ignored.append(pid)
            continue
        prompt = asked[pid]
        if isinstance(value, (list, dict)) or (
            prompt.kind != "text" and len(str(value)) > MAX_SHOWN
        ):  # never build a message from an unbounded value
            raise InputError(messages.ANSWER_WRONG.format(
                value=clip(value), pid=pid, allowed=prompt.allowed_text()))
        answer = prompt.parse(value)
        if answer is not None:
            answers[pid] = answer
    return context, answers, ignored, written_tags


MAX_ANSWERS_BYTES = 1024 * 1024  # a filled answers file is a few kilobytes
MAX_ALIASES = 50  # the template uses none; a "billion laughs" file uses thousands


def _read_text(source: str, name: str) -> str:
    """The file's text, read with a size limit (``--answers /dev/zero`` stops at once)."""
    if source == "-":
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        raw = stream.read(MAX_ANSWERS_BYTES + 1) if stream else sys.stdin.read(
            MAX_ANSWERS_BYTES + 1).encode("utf-8")
    else:
        path = Path(source).expanduser()
        if path.is_dir():
            raise InputError(messages.ANSWERS_IS_FOLDER.format(path=path))
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_ANSWERS_BYTES + 1)
        except FileNotFoundError:
            raise InputError(messages.ANSWERS_MISSING.format(path=path)) from None
        except OSError as exc:
            raise InputError(
                messages.ANSWERS_UNREADABLE.format(name=name, reason=exc.strerror or exc)
            ) from None
    if len(raw) > MAX_ANSWERS_BYTES:
        raise InputError(messages.ANSWERS_TOO_BIG.format(
            name=name, size=MAX_ANSWERS_BYTES // (1024 * 1024)))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(messages.ANSWERS_NOT_TEXT.format(name=name)) from None


def _loader() -> Any:
    """YAML's safe loader, reading dates as the text they are (checked, with their field,
    by parse_context) rather than failing the whole file on 2026-13-45."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return Loader


def _load_yaml(text: str, name: str) -> Any:
    """The file's data; aliases are counted before anything is built from them."""
    import yaml

    loader = _loader()
    try:
        aliases = sum(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=loader))
        if aliases > MAX_ALIASES:
            raise InputError(messages.ANSWERS_ALIASES.format(name=name, count=aliases))
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = clip(exc.problem or exc.context or "")
        where = f" (line {mark.line + 1}: {problem})" if mark else ""
        raise InputError(messages.ANSWERS_NOT_YAML.format(name=name, where=where)) from None
    except yaml.YAMLError:
        raise InputError(messages.ANSWERS_NOT_YAML.format(name=name, where="")) from None


# (key, what the empty template says, comment): the context block's lines.
CONTEXT_LINES = (
    ("date", "today", "a date like 2026-11-23, or today, yesterday, 2 days ago"),
    ("kind", "", or_list(list(SESSION_KINDS))),
    ("minutes", "", "how long the session was, in minutes"),
    ("tags", "[]", "your own words, e.g. [first-meeting, drop-in]"),
)


def template(
    prompts: list[Prompt],
    focus: str | None = None,
    *,
    head: str | None = None,
    context: dict[str, Any] | None = None,
    answers: dict[str, Any] | None = None,
) -> str:
    """A YAML answers file to fill in: context, then every prompt with its question in comments.

    Given ``context`` and ``answers`` (``log edit``), the same file comes back filled in, with
    ``head`` in place of the opening lines; only the context keys given are offered.
    """
    width = 78
    if head is None:
        head = (
            "peercheck reflection: fill in what you like; anything left empty is skipped.\n"
            "peercheck never needs the peer's name or anything that could identify them.\n"
            "Then run: peercheck reflect --answers THIS-FILE"
            + (f" --focus {focus}" if focus else "")
        )
    lines = [*(f"# {line}" for line in head.splitlines()), "", "context:"]
    for key, empty, comment in CONTEXT_LINES:
        if context is not None and key not in context:
            continue
        shown = empty if context is None else _scalar(context[key])
        lines.append(f"  {key}: {shown}".ljust(19) + f" # {comment}")
    lines += ["", "answers:"]
    answers = dict(answers or {})
    total = len(prompts)
    for n, prompt in enumerate(prompts, 1):
        wrapped = textwrap.wrap(
            f"{n}/{total} {prompt.question}", width - 4,
            subsequent_indent=" " * len(f"{n}/{total} "),
        )
        lines.extend("  # " + line for line in wrapped)
        if prompt.hint:
            lines.extend("  # " + line for line in textwrap.wrap(prompt.hint, width - 4))
        if prompt.kind == "scale":
            lines.append("  # scale, answer 1 to 5:")
            lines.extend(f"  #   {k} = {v}" for k, v in prompt.anchors.items())
        elif prompt.kind == "yesno":
            lines.append("  # yesno, answer yes, no or unsure")
        elif prompt.kind == "choice":
            lines.append("  # choice, answer one of:")
            lines.extend(f"  #   {k}: {v}" for k, v in prompt.choices.items())
        else:
            lines.append("  # text, in your own words (use | and a new line for several lines)")
        lines.append(f"  {prompt.id}:" + _answer(prompt, answers.pop(prompt.id, None)))
        lines.append("")
    # Answers to questions no longer asked stay in the file, as they were.
    lines.extend(f"  {pid}: {_scalar(value)}" for pid, value in answers.items())
    return "\n".join(lines).rstrip() + "\n"


def _scalar(value: Any) -> str:
    """One value as YAML on one line: plain words where they read back the same (``[a, b]``
    for tags), else JSON's quoting, which is YAML's too, so it always reads back."""
    import json

    if value is None:
        return ""
    if isinstance(value, list) and all(
        isinstance(v, str) and not set(v) & set(",[]{}") for v in value
    ):
        flow = "[" + ", ".join(value) + "]"
        if _reads_as(flow, lambda read: read == value):
            return flow
    return json.dumps(value, ensure_ascii=False)


def _reads_as(text: str, same: Any) -> bool:
    """True when ``key: text`` reads back (as ``--answers`` reads it) to what ``same`` accepts."""
    try:
        data = _load_yaml(f"key: {text}\n", "")
    except InputError:
        return False
    return isinstance(data, dict) and list(data) == ["key"] and bool(same(data["key"]))


def _answer(prompt: Prompt, value: Any) -> str:
    """What follows ``id:`` for a saved answer: plain where YAML reads it back the same
    (``yes``, ``5``, words), a ``|`` block for several lines, quoted only when it must be."""
    from ..prompts.answers import parse_answer

    if value is None or value == "":
        return ""

    def same(read: Any) -> bool:
        try:
            return parse_answer(prompt, read) == value
        except InputError:
            return False

    text = str(value)
    if "\n" in text:
        block = " |\n" + "\n".join(f"    {line}" if line else "" for line in text.split("\n"))
        if _reads_as(block, same):
            return block
    elif _reads_as(text, same):
        return f" {text}"
    return f" {_scalar(value)}"


def answers_yaml(context: dict[str, Any], answers: dict[str, Answer]) -> str:
    """Answers as a filled answers file (the last resort when nothing can be written)."""
    import yaml

    return yaml.safe_dump(
        {"context": context, "answers": answers}, sort_keys=False, allow_unicode=True
    )


def template_text(prompts: list[Prompt], focus: str | None) -> str:
    return template(prompts, focus)
