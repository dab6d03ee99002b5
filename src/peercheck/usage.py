"""Usage errors (a bad option value, a missing argument) in peercheck's own words.

Click words them for programmers ("0 is not in the range x>=1"); a peer worker gets one
sentence that says what the option takes, and where to look.
"""

from __future__ import annotations

import re
from typing import Any


def explain(exc: Any) -> tuple[str, str]:
    """The sentence and the hint for a usage error (click's UsageError, as Typer raises it).

    Typer keeps click's classes private, so they are told apart by name and attributes.
    """
    from . import messages

    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "peercheck"
    hint = messages.USAGE_HINT.format(command=command)
    text = exc.message if isinstance(exc.message, str) else str(exc)
    kind = type(exc).__name__
    if kind == "NoSuchOption":
        close = list(exc.possibilities or [])
        if close:
            hint = messages.USAGE_DID_YOU_MEAN.format(names=" or ".join(sorted(close)))
        return messages.USAGE_NO_OPTION.format(command=command, option=exc.option_name), hint
    if kind == "MissingParameter":
        param = exc.param
        name = _param_name(param) if param is not None else "something"
        return messages.USAGE_MISSING.format(command=command, name=name), hint
    if getattr(exc, "param", None) is not None:
        return _bad_value(exc, command, text), hint
    found = re.match(r"No such command (['\"])(.*?)\1\.(?: Did you mean (['\"])(.*?)\3\?)?", text)
    if found:
        hint = messages.USAGE_COMMANDS
        if found.group(4):
            hint = messages.USAGE_DID_YOU_MEAN_COMMAND.format(name=found.group(4))
        return messages.USAGE_NO_COMMAND.format(name=found.group(2)), hint
    found = re.match(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", text)
    if found:
        return messages.USAGE_EXTRA.format(command=command, args=found.group(1)), hint
    return text.rstrip(".") + ".", hint


def _param_name(param: Any) -> str:
    if param.param_type_name == "argument":
        return param.human_readable_name
    return " / ".join(param.opts)


def _bad_value(exc: Any, command: str, text: str) -> str:
    from . import messages

    param = exc.param
    name = _param_name(param)
    kind = param.type
    value = _given(text)
    if " is not in the range" in text and hasattr(kind, "min"):
        return messages.USAGE_RANGE.format(option=name, value=value, range=_range(kind))
    if hasattr(kind, "choices") and " is not one of" in text:
        choices = [str(getattr(c, "value", c)) for c in kind.choices]
        listed = ", ".join(choices[:-1]) + " or " + choices[-1] if len(choices) > 1 else choices[0]
        return messages.USAGE_CHOICE.format(option=name, value=value, choices=listed)
    if getattr(kind, "name", "") == "integer" or "is not a valid int" in text:
        return messages.USAGE_NUMBER.format(option=name, value=value)
    return messages.USAGE_BAD_VALUE.format(option=name, detail=text.rstrip("."))


def _given(text: str) -> str:
    found = re.match(r"'?(.*?)'? is not", text)
    return found.group(1) if found else text


def _range(kind: Any) -> str:
    low, high = kind.min, kind.max
    if low is not None and high is not None:
        return f"from {low} to {high}"
    if low is not None:
        return f"of {low} or more" if not kind.min_open else f"above {low}"
    return f"of {high} or less" if not kind.max_open else f"below {high}"
