"""Answers files: the template to fill in, reading a filled one, and writing one back."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Any

from .. import messages
from ..errors import InputError
from ..prompts import Answer, Prompt, or_list
from .context import SESSION_KINDS, parse_context


def read_answers(
    source: str, prompts: list[Prompt], all_prompts: list[Prompt]
) -> tuple[dict[str, Any], dict[str, Answer], list[str]]:
    """Read a filled answers file (``-`` for stdin): (context, answers, ignored prompt ids).

    Every problem raises InputError naming the prompt and its allowed answers.
    """
    import yaml

    name = "standard input" if source == "-" else source
    if not source.strip():  # --answers "": not the current folder, just nothing named
        raise InputError(messages.ANSWERS_NO_NAME)
    if source == "-":
        text = sys.stdin.read()
    else:
        path = Path(source).expanduser()
        if path.is_dir():
            raise InputError(messages.ANSWERS_IS_FOLDER.format(path=path))
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(messages.ANSWERS_MISSING.format(path=path)) from None
        except UnicodeDecodeError:
            raise InputError(messages.ANSWERS_NOT_TEXT.format(name=name)) from None
        except OSError as exc:
            raise InputError(
                messages.ANSWERS_UNREADABLE.format(name=name, reason=exc.strerror or exc)
            ) from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" (line {mark.line + 1}: {exc.problem or exc.context})" if mark else ""
        raise InputError(messages.ANSWERS_NOT_YAML.format(name=name, where=where)) from None
    except yaml.YAMLError:
        raise InputError(messages.ANSWERS_NOT_YAML.format(name=name, where="")) from None
    except ValueError as exc:
        # YAML reads 2026-13-45 as a timestamp and fails building it: a date that cannot be.
        where = f" (a date that does not exist: {str(exc).lower()})"
        raise InputError(messages.ANSWERS_NOT_YAML.format(name=name, where=where)) from None
    if data is None:
        raise InputError(messages.ANSWERS_EMPTY.format(name=name))
    if not isinstance(data, dict):
        raise InputError(messages.ANSWERS_NOT_MAPPING.format(name=name))
    unknown = [str(k) for k in data if str(k) not in ("context", "answers")]
    if unknown:
        raise InputError(messages.ANSWERS_UNKNOWN_KEY.format(name=name, key=unknown[0]))
    context = parse_context(data.get("context"))
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

            raise unknown_prompt(pid, all_prompts)
        if pid not in asked:
            if value not in (None, ""):
                ignored.append(pid)
            continue
        answer = asked[pid].parse(value)
        if answer is not None:
            answers[pid] = answer
    return context, answers, ignored


def template(prompts: list[Prompt], focus: str | None = None) -> str:
    """A YAML answers file to fill in: context, then every prompt with its question in comments."""
    width = 78
    lines = [
        "# peercheck reflection: fill in what you like; anything left empty is skipped.",
        "# peercheck never needs the peer's name or anything that could identify them.",
        "# Then run: peercheck reflect --answers THIS-FILE"
        + (f" --focus {focus}" if focus else ""),
        "",
        "context:",
        "  date: today       # a date like 2026-11-23, or today, yesterday, 2 days ago",
        "  kind:             # " + or_list(list(SESSION_KINDS)),
        "  minutes:          # how long the session was, in minutes",
        "  tags: []          # your own words, e.g. [first-meeting, drop-in]",
        "",
        "answers:",
    ]
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
        lines.append(f"  {prompt.id}:")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def answers_yaml(context: dict[str, Any], answers: dict[str, Answer]) -> str:
    """Answers as a filled answers file (the last resort when nothing can be written)."""
    import yaml

    return yaml.safe_dump(
        {"context": context, "answers": answers}, sort_keys=False, allow_unicode=True
    )


def template_text(prompts: list[Prompt], focus: str | None) -> str:
    return template(prompts, focus)
