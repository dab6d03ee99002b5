"""`peercheck validate` refuses everything the other commands would refuse, first.

Each case is a folder an organisation might write; validate must fail on it with the same
sentence (file and line) as the command that reads that file would.
"""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO

RULE_WITHOUT_MESSAGE = (
    "cues:\n  - id: my-rule\n    family: advice\n    level: note\n    patterns: [\"you must\"]\n"
)


def _scale_without_anchors() -> str:
    prompts = yaml.safe_load((REPO / "data" / "principles.yaml").read_text())["prompts"]
    scale = next(p for p in prompts if p.get("kind") == "scale")
    del scale["anchors"]
    return yaml.safe_dump({"prompts": prompts}, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize(("name", "text", "said", "command"), [
    ("cues.yaml", RULE_WITHOUT_MESSAGE, "the cue “my-rule” needs `message`", ["check", "-"]),
    ("principles.yaml", "prompts: nope\n", "prompts: should be a list of questions.",
     ["prompts"]),
    ("principles.yaml", None, "needs a worded anchor for each of 1 to 5.", ["prompts"]),
])
def test_validate_finds_what_the_other_commands_would_refuse(run, tmp_path, name, text, said,
                                                             command):
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / name).write_text(text if text is not None else _scale_without_anchors(),
                               encoding="utf-8")
    checked = run("validate", str(folder))
    assert checked.exit_code == 2
    assert str(folder / name) in checked.stderr and said in checked.stderr
    assert "Traceback" not in checked.output
    used = run(*command, input="you must\n", env={"PEERCHECK_DATA": str(folder)})
    assert used.exit_code == 2
    assert said in used.stderr  # the same sentence: the same loader said it


def test_a_folder_with_nothing_to_check_says_so(run, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not ours")
    result = run("validate", str(empty))
    assert result.exit_code == 2
    assert "holds no values.yaml, principles.yaml or cues.yaml, so there is nothing to check" in (
        " ".join(result.stderr.split()))


def test_a_cues_file_can_be_named_directly(run, tmp_path):
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "cues.yaml").write_text(RULE_WITHOUT_MESSAGE, encoding="utf-8")
    result = run("validate", str(folder / "cues.yaml"))
    assert result.exit_code == 2 and "needs `message`" in result.stderr


def test_a_good_folder_counts_prompts_and_cues(run, tmp_path):
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "cues.yaml").write_text(
        RULE_WITHOUT_MESSAGE + "    message: Whose choice is it?\n", encoding="utf-8")
    builtin = run("validate", "--json")
    ours = run("validate", str(folder), "--json")
    assert ours.exit_code == 0, ours.stderr
    import json

    before, after = json.loads(builtin.stdout), json.loads(ours.stdout)
    assert after["cues"] == before["cues"] + 1
    assert after["prompts"] == before["prompts"] > 0
    said = run("validate", str(folder)).stdout
    assert f"{after['prompts']} prompts, {after['cues']} cue rules." in " ".join(said.split())
