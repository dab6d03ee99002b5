"""Commands: reflect (the guided reflection after a session) and prompts (what it asks)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("reflect")(reflect)
    app.command("prompts")(prompts)


def reflect(
    draft_id: str | None = typer.Argument(
        None, metavar="[ID]", help="With --resume: which unfinished reflection (see --drafts).",
        show_default=False,
    ),
    answers: str | None = typer.Option(
        None, "--answers", metavar="FILE",
        help="Answer from a filled template instead of typing (- reads standard input).",
    ),
    template: bool = typer.Option(
        False, "--template", help="Print an answers template (YAML) to fill in, then stop."
    ),
    resume: bool = typer.Option(
        False, "--resume",
        help="Carry on with the reflection you stopped (q or Ctrl-C): the newest, or the ID "
        "given.",
    ),
    drafts: bool = typer.Option(
        False, "--drafts", help="List the unfinished reflections (date, answered, first words)."
    ),
    discard: str | None = typer.Option(
        None, "--discard", metavar="ID", help="Remove one unfinished reflection for good."
    ),
    focus: str | None = typer.Option(
        None, "--focus", metavar="NAME", help="A short reflection on one value, e.g. mutuality."
    ),
    framework: str | None = typer.Option(
        None, "--framework", metavar="ID",
        help="Word the summary in one framework's terms (bccampus, peer-support-values, "
        "getting-oriented, srn).",
    ),
    no_save: bool = typer.Option(False, "--no-save", help="Show the summary without saving."),
    as_json: bool = typer.Option(False, "--json", help="Print the reflection as JSON."),
    share: bool = typer.Option(
        False, "--share", help="Share it with supervision (team log: scores and flags only)."
    ),
) -> None:
    """Reflect on a session: a few questions, mapped onto peer-support values.

    Three to five minutes. Every question is optional: Enter skips,
    b goes back, ? says why it is asked and what its values mean,
    q stops and keeps your answers for --resume.
    peercheck never needs the peer's name or anything that could
    identify them; your reflection stays on this computer.

    \b
    Examples:
      peercheck reflect
      peercheck reflect --focus mutuality --framework srn
      peercheck reflect --template > answers.yaml
      peercheck reflect --answers answers.yaml --json
      peercheck reflect --drafts
      peercheck reflect --resume 01JD3
      peercheck reflect --share
    """
    from peercheck.reflection import run_reflect

    if share:
        from peercheck.commands.team import check_can_share

        check_can_share()

    run_reflect(
        answers=answers, template=template, resume=resume, focus=focus, framework=framework,
        no_save=no_save, as_json=as_json, share=share, draft_id=draft_id, drafts=drafts,
        discard=discard,
    )


def prompts(
    focus: str | None = typer.Option(
        None, "--focus", metavar="NAME", help="Only the prompts about one value."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the prompts as JSON."),
) -> None:
    """List the reflection's questions, their answers and how each answer is weighed.

    For trainers and the curious: what peercheck asks, which values
    each question informs, and the weight (0 to 1) each answer carries.

    \b
    Examples:
      peercheck prompts
      peercheck prompts --focus stay-in-lane --json
    """
    from peercheck.prompts import run_prompts

    run_prompts(focus=focus, as_json=as_json)
