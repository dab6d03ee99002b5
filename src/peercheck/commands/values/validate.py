"""`peercheck validate`: check an organisation's data folder before anyone relies on it."""

from __future__ import annotations

from pathlib import Path

import typer


def validate(
    path: Path | None = typer.Argument(
        None, metavar="[PATH]",
        help="A folder with values.yaml, principles.yaml and/or cues.yaml (default: "
        "--data-dir, or the built-in data).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print what was found as JSON."),
) -> None:
    """Check an organisation's data folder (or the built-in data) and say what it holds.

    Everything the other commands would refuse is found here first: values and principles,
    the reflection prompts and the language cues, each read by the same loader that uses
    it. Problems are one sentence naming the file and line; the exit code is 2.

    \b
    Examples:
      peercheck validate
      peercheck validate ./our-values
      PEERCHECK_DATA=./our-values peercheck validate
    """
    from peercheck import data, messages
    from peercheck.cues import ruleset
    from peercheck.prompts import load_prompts
    from peercheck.values import check_folder, data_folder

    folder = data_folder(path) if path is not None else data.override_dir()
    cat = check_folder(folder)
    data.set_override(folder)  # the prompts and cues are read from the same folder
    prompts = load_prompts()
    cues = ruleset().active()
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
        "prompts": len(prompts),
        "cues": len(cues),
    }
    if as_json:
        from peercheck.output import print_json

        print_json(summary)
        return
    from .layout import Lines

    w = Lines()
    w.add(messages.VALIDATE_ORG.format(path=folder) if folder else messages.VALIDATE_BUILTIN)
    for fw in cat.frameworks.values():
        origin = "" if fw.builtin else " (from your folder)"
        n = len(fw.values)
        w.add(f"{fw.id}: {fw.title}, {n} value{'' if n == 1 else 's'}{origin}", indent=2)
    w.add(messages.VALIDATE_OK.format(
        frameworks=len(cat.frameworks), values=n_values, concepts=len(cat.concepts),
        principles=len(cat.principles), prompts=len(prompts), cues=len(cues)), style="bold")
    w.print()
