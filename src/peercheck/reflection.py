"""The reflection: session context, answers (typed or from a file), drafts and the record.

Nothing typed is lost: the interactive session writes a draft (owner-only, atomically) after
every answer, ``q`` and Ctrl-C leave it in place, and ``reflect --resume`` carries on from it.
A draft is only removed once its reflection is safely in the log (or printed with
``--no-save``). The record is the plain dict described in peercheck.store and the README.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from . import messages
from .errors import InputError, PeercheckError
from .prompts import Answer, Prompt, or_list

SESSION_KINDS = ("one-to-one", "group", "phone", "online", "other")
CONTEXT_FIELDS = ("date", "kind", "minutes", "tags")
MAX_MINUTES = 24 * 60
DRAFT_FORMAT = 1


# -- session context -----------------------------------------------------------------------


def parse_date_value(value: Any) -> str:
    """A session date as ISO text, from a date, ISO text or plain words ("yesterday")."""
    from .dates import parse_date

    if value is None or (isinstance(value, str) and not value.strip()):
        return date.today().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return parse_date(str(value)).isoformat()


_KIND_WORDS = {"1:1": "one-to-one", "1-1": "one-to-one", "1-to-1": "one-to-one",
               "individual": "one-to-one", "call": "phone", "video": "online"}


def parse_kind(value: Any) -> str | None:
    """one-to-one, group, phone, online or other; forgiving about spaces and case."""
    if value is None or not str(value).strip():
        return None
    word = "-".join(str(value).strip().lower().replace("_", " ").split())
    word = _KIND_WORDS.get(word, word)
    if word in SESSION_KINDS:
        return word
    starts = [k for k in SESSION_KINDS if k.startswith(word)]
    if len(starts) == 1:
        return starts[0]
    raise InputError(messages.BAD_KIND.format(value=value, kinds=or_list(list(SESSION_KINDS))))


def parse_minutes(value: Any) -> int | None:
    """The session's length in whole minutes (1 to 1440)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().lower()
    text = re.sub(r"\s*(minutes?|mins?|m)$", "", text)
    try:
        minutes = int(text)
    except ValueError:
        raise InputError(messages.BAD_MINUTES.format(value=value)) from None
    if isinstance(value, bool) or not 1 <= minutes <= MAX_MINUTES:
        raise InputError(messages.BAD_MINUTES.format(value=value))
    return minutes


def parse_tags(value: Any) -> list[str]:
    """Free tags: a list, or words separated by commas (or spaces when there is no comma).

    A leading # is dropped, and the words of one tag are joined with hyphens, so
    "first meeting, drop-in" (as the question invites) gives first-meeting and drop-in.
    """
    if value is None:
        return []
    if isinstance(value, list):
        items = value
    else:
        text = str(value)
        items = text.split(",") if "," in text else text.split()
    tags: list[str] = []
    for item in items:
        if isinstance(item, (list, dict)):
            raise InputError(messages.BAD_TAGS)
        tag = "-".join(str(item).strip().lstrip("#").split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def parse_context(raw: Any) -> dict[str, Any]:
    """The ``context:`` of an answers file, every item optional."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError(messages.BAD_CONTEXT)
    unknown = [str(k) for k in raw if str(k) not in CONTEXT_FIELDS]
    if unknown:
        raise InputError(
            messages.UNKNOWN_CONTEXT.format(key=unknown[0], fields=or_list(list(CONTEXT_FIELDS)))
        )
    return {
        "date": parse_date_value(raw.get("date")),
        "kind": parse_kind(raw.get("kind")),
        "minutes": parse_minutes(raw.get("minutes")),
        "tags": parse_tags(raw.get("tags")),
    }


def empty_context() -> dict[str, Any]:
    return {"date": date.today().isoformat(), "kind": None, "minutes": None, "tags": []}


# -- identifying details -------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w-])\+?\(?\d[\d\s().-]{5,}\d(?![\w-])")
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_NAMED = re.compile(r"\b(?i:named|called|name is|name's)\s+([A-Z][\w'’-]+)")
_NOT_NAMES = {"I", "It", "The", "A", "An", "Me", "Him", "Her", "Them", "Us", "My"}


def identifying(text: str) -> list[str]:
    """What in ``text`` looks like it could identify someone, in words (empty when nothing)."""
    found: list[str] = []
    if _EMAIL.search(text):
        found.append(messages.LOOKS_EMAIL)
    for match in _PHONE.finditer(text):
        chunk = match.group(0).strip()
        digits = sum(ch.isdigit() for ch in chunk)
        if digits >= 7 and not _ISO_DATE.fullmatch(chunk):
            found.append(messages.LOOKS_PHONE)
            break
    for match in _NAMED.finditer(text):
        if match.group(1) not in _NOT_NAMES:
            found.append(messages.LOOKS_NAME.format(words=match.group(0)))
            break
    return found


# -- the record ----------------------------------------------------------------------------


def concept_names() -> dict[str, str]:
    """Concept ids to display names from the values catalog."""
    from .values import load_catalog

    return {cid: concept.name for cid, concept in load_catalog().concepts.items()}


def free_text_cues(prompts: list[Prompt], answers: dict[str, Answer]) -> list[dict[str, Any]]:
    """The language cues heard in the free-text answers: the one seam to peercheck.cues."""
    from . import cues

    found: list[dict[str, Any]] = []
    for prompt in prompts:
        if prompt.kind != "text" or prompt.id not in answers:
            continue
        for hit in cues.scan(str(answers[prompt.id])):
            found.append({"prompt": prompt.id, **hit.to_dict()})
    return found


def build_record(
    prompts: list[Prompt],
    context: dict[str, Any],
    answers: dict[str, Answer],
    *,
    focus: str | None = None,
    framework: str | None = None,
) -> dict[str, Any]:
    """The reflection record (see the README for its documented JSON schema)."""
    from . import __version__
    from .ids import now_iso
    from .prompts import flags, score

    ordered = {p.id: answers[p.id] for p in prompts if p.id in answers}
    intention = next(
        (str(ordered[p.id]) for p in prompts if p.intention and p.id in ordered), None
    )
    return {
        "id": None,
        "created_at": now_iso(),
        "peercheck": __version__,
        "context": {
            "date": context.get("date") or date.today().isoformat(),
            "kind": context.get("kind"),
            "minutes": context.get("minutes"),
            "tags": list(context.get("tags") or []),
        },
        "focus": focus,
        "framework": framework,
        "prompts": {
            p.id: {"question": p.question, "kind": p.kind} for p in prompts if p.id in ordered
        },
        "answers": ordered,
        "concepts": score(prompts, ordered, concept_names()),
        "flags": flags(prompts, ordered),
        "intention": intention,
        "cues": free_text_cues(prompts, ordered),
    }


def identifying_answers(prompts: list[Prompt], answers: dict[str, Answer]) -> list[str]:
    """One line per free-text answer that looks identifying."""
    lines = []
    for prompt in prompts:
        if prompt.kind == "text" and prompt.id in answers:
            reasons = identifying(str(answers[prompt.id]))
            if reasons:
                lines.append(f"{prompt.id}: {or_list(reasons)}")
    return lines


# -- answers files -------------------------------------------------------------------------


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
            from .prompts import unknown_prompt

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


# -- drafts --------------------------------------------------------------------------------


class Draft:
    """An unfinished reflection, kept owner-only in paths.drafts_dir()."""

    def __init__(self, path: Path, data: dict[str, Any]):
        self.path = path
        self.data = data

    @classmethod
    def new(cls, prompt_ids: list[str], focus: str | None, framework: str | None) -> Draft:
        from .ids import new_id, now_iso
        from .paths import drafts_dir

        data = {
            "format": DRAFT_FORMAT,
            "started_at": now_iso(),
            "focus": focus,
            "framework": framework,
            "prompt_ids": prompt_ids,
            "context": empty_context(),
            "answers": {},
            "step": 0,
            "finished": False,
        }
        return cls(drafts_dir() / f"{new_id()}.json", data)

    @classmethod
    def latest(cls) -> Draft | None:
        """The most recently started draft that can be read (None when there is none)."""
        for path in cls.paths():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and data.get("format") == DRAFT_FORMAT:
                return cls(path, data)
        return None

    @staticmethod
    def paths() -> list[Path]:
        from .paths import drafts_dir

        return sorted(drafts_dir().glob("*.json"), reverse=True)

    @property
    def context(self) -> dict[str, Any]:
        return self.data["context"]

    @property
    def answers(self) -> dict[str, Answer]:
        return self.data["answers"]

    def save(self) -> None:
        """Write the draft atomically, owner-only (raises PeercheckError if it cannot)."""
        from .paths import atomic_write, drafts_dir

        drafts_dir()
        atomic_write(self.path, json.dumps(self.data, ensure_ascii=False, indent=1))

    def discard(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


# -- saving --------------------------------------------------------------------------------


def save_record(record: dict[str, Any], say: Callable[[str], None]) -> str:
    """Save the record to the log in one transaction; say the store's notices once."""
    import sqlite3

    from .store import open_store

    try:
        store = open_store()
        try:
            rid = store.save(record)
            for notice in getattr(store, "notices", []):
                say(notice)
        finally:
            store.close()
    except PeercheckError:
        raise
    except sqlite3.Error as exc:
        raise PeercheckError(messages.SAVE_FAILED.format(reason=str(exc).lower())) from exc
    except OSError as exc:
        from .paths import write_error

        raise write_error(Path("the reflection log"), exc) from exc
    return rid


# -- the interactive session ---------------------------------------------------------------


class Stop(Exception):
    """The person typed q (their answers are kept as a draft)."""


class Session:
    """Asks the context items and prompts in a terminal, keeping a draft after every answer.

    ``ask(prompt_text) -> str`` reads one line (raises EOFError / KeyboardInterrupt);
    ``show`` prints Rich renderables to the message console.
    """

    def __init__(self, prompts: list[Prompt], draft: Draft, console: Any,
                 ask: Callable[[str], str] | None = None):
        self.prompts = prompts
        self.draft = draft
        self.console = console
        self.ask = ask or _terminal_ask(console)
        self.steps: list[tuple[str, Any]] = [("context", f) for f in CONTEXT_FIELDS]
        self.steps += [("prompt", p) for p in prompts]
        self.draft_warned = False

    # the loop ------------------------------------------------------------------------------

    def run(self) -> None:
        """Ask everything from the draft's step on; raises Stop on q, KeyboardInterrupt on ^C."""
        i = min(int(self.draft.data.get("step", 0)), len(self.steps))
        while i < len(self.steps):
            kind, item = self.steps[i]
            if kind == "context" and i == 0:
                self.console.print(f"[bold]{messages.CONTEXT_HEADING}[/]")
            existing = self._existing(kind, item)
            self._show(kind, item, existing)
            try:
                raw = self.ask("> ")
            except EOFError:
                self.console.print()
                raise Stop() from None
            word = raw.strip()
            command = word.lower()
            if command in ("q", "quit", "stop"):
                raise Stop()
            if command in ("b", "back"):
                if i == 0:
                    self.console.print(f"[dim]{messages.AT_START}[/]")
                i = max(0, i - 1)
                continue
            if not word:
                if existing is None and kind == "prompt":
                    self.draft.answers.pop(item.id, None)
                i += 1
                self._keep(i)
                continue
            try:
                value = self._parse(kind, item, word)
            except InputError as exc:
                self.console.print(f"[yellow]{_escape(self._retry(kind, item, word, exc))}[/]")
                continue
            if kind == "prompt" and item.kind == "text":
                value = self._offer_edit(item, value)
            self._store(kind, item, value)
            i += 1
            self._keep(i)

    # pieces --------------------------------------------------------------------------------

    def _existing(self, kind: str, item: Any) -> Any:
        if kind == "context":
            value = self.draft.context.get(item)
            if item == "date" and value == date.today().isoformat():
                return None
            return value or None
        return self.draft.answers.get(item.id)

    def _show(self, kind: str, item: Any, existing: Any) -> None:
        from rich.table import Table
        from rich.text import Text

        c = self.console
        lines: list[Text] = []
        if kind == "context":
            label = Text("")
            lines.append(Text(messages.CONTEXT_QUESTIONS[item]))
        else:
            prompt: Prompt = item
            n = self.prompts.index(prompt) + 1
            label = Text(f"{n}/{len(self.prompts)}", style="bold cyan")
            c.print()
            lines.append(Text(prompt.question, style="bold"))
            if prompt.hint:
                lines.append(Text(prompt.hint, style="dim"))
            if prompt.kind == "scale":
                lines.extend(_numbered(k, v) for k, v in prompt.anchors.items())
            elif prompt.kind == "choice":
                lines.extend(_numbered(k, v) for k, v in enumerate(prompt.choices.values(), 1))
            elif prompt.kind == "yesno":
                lines.append(Text.assemble(("y", "cyan"), "es / ", ("n", "cyan"), "o / ",
                                           ("u", "cyan"), "nsure"))
        if existing not in (None, "", []):
            shown = ", ".join(existing) if isinstance(existing, list) else existing
            if kind == "prompt" and item.kind != "text":
                shown = item.label(existing)
                if item.kind == "scale":
                    shown = f"{existing} ({shown})"
            lines.append(Text(messages.KEEP_EXISTING.format(value=shown), style="dim"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(width=5, no_wrap=True)
        grid.add_column()
        for k, line in enumerate(lines):
            grid.add_row(label if k == 0 else "", line)
        c.print(grid)

    @staticmethod
    def _retry(kind: str, item: Any, word: str, exc: InputError) -> str:
        """What to say after an answer that doesn't fit, in terms of what is on the screen.

        The screen shows numbered answers (or y / n / u), so the answer keys an answers file
        uses ("the-peer, together, ...") would only puzzle here.
        """
        if kind == "prompt" and item.kind in ("scale", "choice"):
            last = len(item.anchors) if item.kind == "scale" else len(item.choices)
            return messages.NOT_ON_THE_LIST.format(value=word, last=last)
        if kind == "prompt" and item.kind == "yesno":
            return messages.NOT_YES_NO.format(value=word)
        return f"{exc.message} {messages.RETRY}"

    def _parse(self, kind: str, item: Any, word: str) -> Any:
        if kind == "prompt":
            return item.parse(word)
        if item == "date":
            return parse_date_value(word)
        if item == "kind":
            return parse_kind(word)
        if item == "minutes":
            return parse_minutes(word)
        return parse_tags(word)

    def _offer_edit(self, prompt: Prompt, value: str) -> str:
        while True:
            reasons = identifying(value)
            if not reasons:
                return value
            self._store("prompt", prompt, value)  # typed words are kept, even now
            self._keep(self.steps.index(("prompt", prompt)))
            self.console.print(
                f"[yellow]{messages.LOOKS_IDENTIFYING.format(what=or_list(reasons))}[/]"
            )
            try:
                reply = self.ask(messages.EDIT_OFFER).strip().lower()
            except EOFError:
                return value
            if reply in ("n", "no"):
                return value
            edited = _ask_prefilled(self.ask, "> ", value).strip()
            if not edited:
                return value
            value = edited

    def _store(self, kind: str, item: Any, value: Any) -> None:
        if kind == "context":
            self.draft.context[item] = value
        elif value is None:
            self.draft.answers.pop(item.id, None)
        else:
            self.draft.answers[item.id] = value

    def _keep(self, step: int) -> None:
        self.draft.data["step"] = step
        try:
            self.draft.save()
        except PeercheckError as exc:
            if not self.draft_warned:
                self.console.print(f"[yellow]{_escape(exc.message)}[/] {messages.DRAFT_UNSAVED}")
                self.draft_warned = True


def _numbered(key: Any, words: str) -> Any:
    from rich.text import Text

    return Text.assemble((f"{key}", "cyan"), f"  {words}")


def _terminal_ask(console: Any) -> Callable[[str], str]:
    """Read one answer with line editing: arrows, Home/End and Ctrl-U edit the line.

    Without readline the terminal stores what the arrow keys send (``^[[D``) in the
    answer. readline is given the prompt itself so a redraw (Ctrl-U, a wrapped line)
    keeps the "> " on screen; that needs stdout at the terminal too, otherwise the prompt
    goes through Rich to stderr so a redirected ``--json`` stays clean.
    """
    if sys.stdin.isatty() and sys.stdout.isatty():
        try:
            import readline  # noqa: F401  (importing it is what gives input() line editing)
        except ImportError:
            pass
        else:
            return input
    return lambda text: console.input(text)


def _ask_prefilled(ask: Callable[[str], str], text: str, value: str) -> str:
    """Ask again with the earlier answer already typed in, ready to edit (with readline)."""
    try:
        import readline
    except ImportError:
        return ask(text)
    readline.set_startup_hook(lambda: readline.insert_text(value))
    try:
        return ask(text)
    finally:
        readline.set_startup_hook(None)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


# -- the commands' work (commands/reflecting.py stays thin) ---------------------------------


def resolve_focus(name: str | None, prompts: list[Prompt]) -> tuple[str | None, list[Prompt]]:
    """The concept id behind ``--focus NAME`` and its prompts (forgiving about the name)."""
    from .prompts import focus_on

    if not name:
        return None, prompts
    from .values import load_catalog

    concept_id = load_catalog().resolve(name).id
    chosen = focus_on(prompts, concept_id)
    if not any(concept_id in p.concepts for p in chosen):
        ids = sorted({c for p in prompts for c in p.concepts})
        raise InputError(
            messages.FOCUS_NO_PROMPTS.format(name=concept_id),
            hint=messages.FOCUS_HINT.format(ids=", ".join(ids)),
        )
    return concept_id, chosen


def resolve_framework(name: str | None) -> str | None:
    """A framework id from ``--framework`` (case and spacing forgiven; InputError if unknown)."""
    if not name:
        return None
    from .values import load_catalog

    return load_catalog().framework(name).id


def run_reflect(
    *,
    answers: str | None,
    template: bool,
    resume: bool,
    focus: str | None,
    framework: str | None,
    no_save: bool,
    as_json: bool,
) -> None:
    from .output import err, print_json, say
    from .prompts import by_id, load_prompts

    if sum([template, resume, answers is not None]) > 1:
        raise InputError(messages.ONE_MODE)
    all_prompts = load_prompts()
    framework_id = resolve_framework(framework)

    if template:
        _, chosen = resolve_focus(focus, all_prompts)
        sys.stdout.write(template_text(chosen, focus))
        return

    if resume:
        draft = Draft.latest()
        if draft is None:
            raise InputError(messages.NO_DRAFT, hint=messages.NO_DRAFT_HINT)
        lookup = by_id(all_prompts)
        chosen = [lookup[pid] for pid in draft.data.get("prompt_ids", []) if pid in lookup]
        focus_id = draft.data.get("focus")
        framework_id = framework_id or draft.data.get("framework")
        draft.data["framework"] = framework_id
        if not chosen:
            chosen = all_prompts
        finished = draft.data.get("finished") or int(draft.data.get("step", 0)) >= len(
            CONTEXT_FIELDS) + len(chosen)
        if not finished:
            _need_terminal()
            _interview(chosen, draft, resumed=True)
        context, given = draft.context, dict(draft.answers)
    elif answers is not None:
        focus_id, chosen = resolve_focus(focus, all_prompts)
        try:
            context, given, ignored = read_answers(answers, chosen, all_prompts)
        except InputError as exc:
            raise InputError(exc.message, hint=exc.hint or messages.NOTHING_SAVED_HINT) from None
        if ignored:
            say(messages.IGNORED_OUTSIDE_FOCUS.format(ids=", ".join(ignored), focus=focus_id))
        draft = None
    else:
        focus_id, chosen = resolve_focus(focus, all_prompts)
        _need_terminal()
        earlier = Draft.latest()
        draft = Draft.new([p.id for p in chosen], focus_id, framework_id)
        console = err()
        console.print(f"[bold]{messages.WELCOME}[/]")
        console.print(messages.NO_NAMES)
        console.print(f"[dim]{messages.KEYS}[/]")
        if earlier is not None:
            console.print(f"[dim]{messages.EARLIER_DRAFT}[/]")
        console.print()
        _interview(chosen, draft, resumed=False)
        context, given = draft.context, dict(draft.answers)

    if draft is not None:
        draft.data["finished"] = True
        _keep_quietly(draft)

    if not given:
        if draft is not None:
            draft.discard()
        say(messages.NOTHING_ANSWERED)
        return

    if answers is not None:
        for line in identifying_answers(chosen, given):
            say(messages.LOOKS_IDENTIFYING_FILE.format(line=line))

    record = build_record(chosen, context, given, focus=focus_id, framework=framework_id)

    if not no_save:
        if draft is not None:
            # The draft's id becomes the reflection's, so resuming a draft whose save had
            # already committed (Ctrl-C in between) finds it saved instead of saving twice.
            record["id"] = draft.path.stem
        try:
            record["id"] = save_record(record, say)
        except PeercheckError as exc:
            kept = draft or _draft_from(chosen, context, given, focus_id, framework_id)
            raise PeercheckError(
                exc.message,
                # Keep the store's own advice (e.g. how to recover a damaged log) first.
                hint="\n".join(filter(None, [
                    exc.hint,
                    messages.SAVE_KEPT_DRAFT if kept is not None else messages.SAVE_NO_DRAFT
                    + "\n" + answers_yaml(context, given),
                ])),
            ) from exc
    if draft is not None:
        draft.discard()
    if resume and record["id"] and Draft.latest() is not None:
        say(messages.EARLIER_DRAFT)

    if as_json:
        from .summary import with_summary

        print_json(with_summary(record, framework_id))
    else:
        from .summary import render_summary

        render_summary(record, framework_id)
    sys.stdout.flush()
    if record["id"]:
        say(messages.SAVED.format(id=record["id"]))
    elif not as_json:
        say(messages.NOT_SAVED)


def template_text(prompts: list[Prompt], focus: str | None) -> str:
    return template(prompts, focus)


def _need_terminal() -> None:
    if not sys.stdin.isatty():
        raise InputError(messages.NOT_A_TERMINAL, hint=messages.NOT_A_TERMINAL_HINT)


def _interview(prompts: list[Prompt], draft: Draft, *, resumed: bool) -> None:
    """Run the questions; q or Ctrl-C keep the draft and end the command."""
    import typer

    from .output import err

    console = err()
    if resumed:
        done = len(draft.answers)
        console.print(f"[bold]{messages.RESUMING.format(count=done)}[/]")
        console.print(f"[dim]{messages.KEYS}[/]")
    session = Session(prompts, draft, console)
    try:
        session.run()
    except (Stop, KeyboardInterrupt) as exc:
        code = 130 if isinstance(exc, KeyboardInterrupt) else 0
        if code:
            console.print()
        if not resumed and _is_empty(draft):
            draft.discard()
            console.print(f"[bold]{messages.STOPPED_EMPTY}[/]")
        else:
            _keep_quietly(draft)
            console.print(f"[bold]{messages.KEPT_DRAFT}[/]")
        raise typer.Exit(code) from None


def _is_empty(draft: Draft) -> bool:
    """Nothing typed yet (the date defaults to today)."""
    context = draft.context
    today = date.today().isoformat()
    return not draft.answers and not any(
        (context.get("kind"), context.get("minutes"), context.get("tags"),
         context.get("date") not in (None, today))
    )


def _keep_quietly(draft: Draft) -> bool:
    try:
        draft.save()
        return True
    except PeercheckError:
        return False


def _draft_from(prompts: list[Prompt], context: dict[str, Any], answers: dict[str, Answer],
                focus: str | None, framework: str | None) -> Draft | None:
    """Keep answers that came from a file as a finished draft, so a failed save loses nothing."""
    try:
        draft = Draft.new([p.id for p in prompts], focus, framework)
    except PeercheckError:
        return None
    draft.data.update(context=context, answers=answers, finished=True,
                      step=len(CONTEXT_FIELDS) + len(prompts))
    return draft if _keep_quietly(draft) else None
