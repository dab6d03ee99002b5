"""The values data against its ground truth: the four sources in sources/ (shipped in the repo).

Every quoted word in data/values.yaml and the `principles:` of data/principles.yaml must be
found in the source text (whitespace, quote marks and the capture's known slips normalised).
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO, SOURCES

# The capture's obvious slips, fixed in our data (see the sources' README).
SLIPS = {
    "Responsility": "Responsibility",
    "Mutality": "Mutuality",
    " nderstanding": " understanding",
    "Person- Centred": "Person-Centred",
}

EXPECTED = {
    "bccampus": [
        "Acknowledgement", "Mutuality", "Strength-Based", "Self-Determination",
        "Respect, Dignity and Equity", "Belonging and Community", "Curiosity",
    ],
    "peer-support-values": [
        "Voluntary", "Hopeful", "Open minded", "Empathetic", "Respectful", "Facilitate change",
        "Honest & direct", "Mutual & reciprocal", "Equal", "Strengths focussed", "Transparent",
        "Person driven", "Stay in lane",
    ],
    "getting-oriented": [
        "Empathy and Mutuality", "Self-determination and Equity", "Recovery and Hope",
        "Non-judgmental", "Compassion", "Inclusivity", "Respect and dignity for all people",
        "Integrity", "Responsibility", "Honesty",
    ],
    "srn": ["Hope", "Experience", "Authenticity", "Responsibility", "Mutuality", "Empowerment"],
}

REQUIRED_CONCEPTS = {
    "mutuality", "self-determination", "hope", "strengths", "stay-in-lane", "respect",
    "empathy", "curiosity", "authenticity", "belonging", "responsibility",
}


def normalise(text: str) -> str:
    for slip, fixed in SLIPS.items():
        text = text.replace(slip, fixed)
    text = text.replace("&amp;", "&").replace("**", "").replace("\u00a0", " ")
    text = re.sub("[‘’`]", "'", text)
    text = re.sub("[“”]", '"', text)
    return re.sub(r"\s+", " ", text).strip()


def quoted(text: str) -> str:
    """A quotation from our data, normalised, without its surrounding quote marks."""
    return normalise(text).strip('"').strip()


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    assert SOURCES.is_dir(), f"the sources are missing: {SOURCES}"
    return {p.stem: normalise(p.read_text(encoding="utf-8")) for p in SOURCES.glob("*.txt")}


FILE_OF = {
    "bccampus": "core-values-of-peer-support",
    "peer-support-values": "peer-support-values",
    "getting-oriented": "getting-oriented",
    "srn": "peer-values-framework",
}


@pytest.fixture(scope="module")
def values_yaml() -> dict:
    return yaml.safe_load((REPO / "data" / "values.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def principles_yaml() -> dict:
    return yaml.safe_load((REPO / "data" / "principles.yaml").read_text(encoding="utf-8"))


def flat(items):
    for item in items:
        if isinstance(item, list):
            yield from flat(item)
        else:
            yield item


def test_every_value_of_every_framework_is_present_in_source_order(values_yaml):
    found = {fw["id"]: [v["name"] for v in fw["values"]] for fw in values_yaml["frameworks"]}
    assert found == EXPECTED


def test_every_definition_is_word_for_word_from_its_source(values_yaml, sources):
    checked = 0
    for fw in values_yaml["frameworks"]:
        text = sources[FILE_OF[fw["id"]]]
        for value in fw["values"]:
            for part in flat(value["definition"]):
                assert quoted(part) in text, f"{fw['id']}/{value['id']}: {part!r}"
                checked += 1
            # The value's name itself is in the source (case aside: one source uses capitals).
            assert normalise(value["name"]).lower() in text.lower(), value["name"]
    assert checked >= 55


def test_framework_level_text_is_word_for_word(values_yaml, sources):
    for fw in values_yaml["frameworks"]:
        text = sources[FILE_OF[fw["id"]]]
        sections = {s["id"]: s for s in fw.get("sections", [])}
        for section in sections.values():
            assert normalise(section["title"]).strip(":") in text, section["title"]
            for part in flat(section["text"]):
                assert quoted(part) in text, f"{fw['id']}/{section['id']}: {part!r}"
        for value in fw["values"]:
            for sid, statements in (value.get("related") or {}).items():
                for statement in statements:
                    assert statement in flat(sections[sid]["text"])


def test_the_framework_texts_the_issue_names_are_there(values_yaml):
    by_id = {fw["id"]: fw for fw in values_yaml["frameworks"]}
    bcc = {s["id"]: s for s in by_id["bccampus"]["sections"]}
    assert bcc["hope-and-wholeness-for-all"]["title"] == "Hope and Wholeness for All"
    assert len(bcc["hope-and-wholeness-for-all"]["text"]) == 9
    assert "generosity of assumption" in bcc["generosity-of-assumption"]["title"]
    go = {s["id"]: s for s in by_id["getting-oriented"]["sections"]}
    assert len(go["the-value-of-peer-support"]["text"][0]) == 9
    assert len(go["peer-support-is-about"]["text"][0]) == 10
    assert len(go["person-centred-approach"]["text"][0]) == 4
    assert len(go["power-in-the-relationship"]["text"][0]) == 3
    assert "philosophy" in go
    srn = {s["id"]: s for s in by_id["srn"]["sections"]}
    assert len(srn["aims"]["text"][1]) == 4
    for value in by_id["srn"]["values"]:
        assert len(value["definition"]) == 2 and len(value["definition"][1]) == 4


def test_getting_oriented_values_are_names_only_with_related_statements(values_yaml):
    go = next(fw for fw in values_yaml["frameworks"] if fw["id"] == "getting-oriented")
    for value in go["values"]:
        assert value["definition"] == [], f"{value['name']} must not be given a definition"
        assert value["related"] or value.get("silent_on") == [value["name"]], (
            f"{value['name']} needs related statements, or to say that none speaks to it")


# What makes a statement speak to each Getting Oriented value: it names the value, or the
# idea in the value's name. A statement with none of these words is not "related".
SPEAKS_TO = {
    "empathy-and-mutuality": ["empath", "mutual", "equal"],
    "self-determination-and-equity": [
        "self-agency", "empower", "expert in their own life", "own path, choices",
        "expert when it comes to their own life", "non-directive", "wishes to address",
        "knowledge of what will work for them",
    ],
    "recovery-and-hope": ["hope", "recovery"],
    "non-judgmental": ["judgment"],
    "compassion": ["compassion"],
    "inclusivity": ["inclusion"],
    "respect-and-dignity-for-all-people": ["respect", "dignity"],
    "integrity": ["integrity"],
    "responsibility": ["responsibility"],
    "honesty": ["honest"],
}


def test_related_statements_speak_to_their_value(values_yaml):
    go = next(fw for fw in values_yaml["frameworks"] if fw["id"] == "getting-oriented")
    for value in go["values"]:
        words = SPEAKS_TO[value["id"]]
        for statements in (value.get("related") or {}).values():
            for statement in statements:
                assert any(w in statement.lower() for w in words), (
                    f"{value['name']}: {statement!r} does not speak to it")


def test_what_no_statement_speaks_to_is_said_plainly(values_yaml):
    go = {v["id"]: v for fw in values_yaml["frameworks"] if fw["id"] == "getting-oriented"
          for v in fw["values"]}
    assert go["self-determination-and-equity"]["silent_on"] == ["Equity"]
    everything = [s for v in go.values() for sts in (v.get("related") or {}).values()
                  for s in sts]
    assert not any("equit" in s.lower() for s in everything)  # there is truly none
    assert go["honesty"]["silent_on"] == ["Honesty"] and not go["honesty"]["related"]
    related = {v: [s for sts in (go[v].get("related") or {}).values() for s in sts]
               for v in ("honesty", "integrity", "inclusivity")}
    assert "Value in genuinely connecting with another person" not in related["integrity"]
    assert "Honors the unique experience of each individual" not in related["inclusivity"]


# -- the crosswalk rests on the sources' own words -------------------------------------------


def _texts_of(fw: dict) -> dict[str, list[str]]:
    """Every value's and section's quoted words, by id."""
    found = {v["id"]: [v["name"], *flat(v["definition"]),
                       *(s for sts in (v.get("related") or {}).values() for s in sts)]
             for v in fw["values"]}
    for section in fw.get("sections", []):
        found.setdefault(section["id"], list(flat(section["text"])))
    return found


def test_every_link_in_the_crosswalk_has_its_reason_quoted_word_for_word(values_yaml, sources):
    frameworks = {fw["id"]: fw for fw in values_yaml["frameworks"]}
    checked = 0
    for concept in values_yaml["concepts"]:
        why = concept.get("why", {})
        for kind in ("values", "sections"):
            for fw_id, ids in (concept.get(kind) or {}).items():
                texts = _texts_of(frameworks[fw_id])
                for ref in ids:
                    phrase = why.get(fw_id, {}).get(ref)
                    assert phrase, f"{concept['id']}: no `why` for {fw_id}/{ref}"
                    assert quoted(phrase) in sources[FILE_OF[fw_id]], phrase
                    assert any(phrase in t for t in texts[ref]), (
                        f"{concept['id']}: the reason for {fw_id}/{ref} is not its own words")
                    checked += 1
        for fw_id, refs in why.items():  # and no reason for a link that is not there
            linked = {*concept.get("values", {}).get(fw_id, []),
                      *concept.get("sections", {}).get(fw_id, [])}
            assert set(refs) <= linked, (concept["id"], fw_id)
    assert checked >= 50


def test_the_groupings_the_review_corrected(values_yaml):
    c = {c["id"]: c for c in values_yaml["concepts"]}
    assert c["compassion"]["sections"]["bccampus"] == ["hope-and-wholeness-for-all"]
    assert "cultivating compassion for both self and others" in (
        c["compassion"]["why"]["bccampus"]["hope-and-wholeness-for-all"])
    assert "peer-support-values" not in c["curiosity"]["values"]  # open minded is not curiosity
    assert "belonging-and-community" in c["empathy"]["values"]["bccampus"]  # "practice empathy"
    assert "empathetic" in c["lived-experience"]["values"]["peer-support-values"]
    assert "self-determination-and-equity" not in c["respect"]["values"]["getting-oriented"]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", normalise(text).lower())


def test_no_in_our_words_line_reuses_five_words_of_a_source(values_yaml, sources):
    """A summary that reuses a source's words is a quotation: say it in our words instead."""
    grams = set()
    for text in sources.values():
        w = _words(text)
        grams |= {tuple(w[i:i + 5]) for i in range(len(w) - 4)}
    for concept in values_yaml["concepts"]:
        w = _words(concept["summary"])
        reused = [" ".join(w[i:i + 5]) for i in range(len(w) - 4) if tuple(w[i:i + 5]) in grams]
        assert not reused, f"{concept['id']}: “{reused[0]}” is a source's own words"


def test_capture_slips_are_fixed_and_nothing_else_invented(values_yaml):
    raw = (REPO / "data" / "values.yaml").read_text(encoding="utf-8")
    body = raw.split("\nframeworks:", 1)[1]  # past the header comment that names the slips
    for slip in ("Responsility", "Mutality", " nderstanding", "Person- Centred"):
        assert slip not in body


def test_bullet_lists_stay_lists(values_yaml):
    bcc = next(fw for fw in values_yaml["frameworks"] if fw["id"] == "bccampus")
    respect = next(v for v in bcc["values"] if v["id"] == "respect-dignity-and-equity")
    assert respect["definition"][1] == [
        "practicing cultural humility and sensitivity",
        "serving with a trauma-informed approach",
        "offering generosity of assumption[1] in communication and conflict",
        "mindfully addressing personal biases",
    ]


def test_concepts_cover_every_value_and_summaries_are_our_own(values_yaml, sources):
    concepts = {c["id"]: c for c in values_yaml["concepts"]}
    assert REQUIRED_CONCEPTS <= set(concepts)
    linked = {(fw, v) for c in concepts.values() for fw, vs in c["values"].items() for v in vs}
    for fw in values_yaml["frameworks"]:
        for value in fw["values"]:
            assert (fw["id"], value["id"]) in linked, f"{fw['id']}/{value['id']} has no concept"
    everything = " ".join(sources.values())
    for concept in concepts.values():
        assert concept["summary"] and normalise(concept["summary"]) not in everything


def test_the_issues_crosswalk_examples(values_yaml):
    concepts = {c["id"]: c["values"] for c in values_yaml["concepts"]}
    assert concepts["mutuality"] == {
        "bccampus": ["mutuality"],
        "peer-support-values": ["mutual-and-reciprocal", "equal"],
        "getting-oriented": ["empathy-and-mutuality"],
        "srn": ["mutuality"],
    }
    assert concepts["self-determination"] == {
        "bccampus": ["self-determination"],
        "peer-support-values": ["person-driven", "voluntary"],
        "getting-oriented": ["self-determination-and-equity"],
        "srn": ["empowerment"],
    }


def test_sixteen_principles_verbatim_and_linked(principles_yaml, values_yaml, sources):
    principles = principles_yaml["principles"]
    assert [p["number"] for p in principles] == list(range(1, 17))
    concept_ids = {c["id"] for c in values_yaml["concepts"]}
    for p in principles:
        assert normalise(p["text"]) in sources["getting-oriented"], p["number"]
        assert p["concepts"] and set(p["concepts"]) <= concept_ids
    by_number = {p["number"]: set(p["concepts"]) for p in principles}
    assert {"mutuality", "self-determination"} <= by_number[9]
    assert "stay-in-lane" in by_number[11] and "stay-in-lane" in by_number[16]


# -- an organisation's YAML: a key given twice is refused, not silently replaced -------------


@pytest.mark.parametrize(("name", "text", "line", "key"), [
    ("values.yaml",
     "frameworks:\n  - id: our-charter\n    title: Our Peer Charter\n    id: srn\n"
     "    values:\n      - id: walking\n        name: Walking alongside\n"
     "        definition: [\"We walk beside people.\"]\n        concepts: [mutuality]\n",
     4, "id"),
    ("principles.yaml",
     "principles:\n  - number: 3\n    text: Our own words.\n    text: Other words.\n", 4, "text"),
    ("values.yaml",
     "concepts:\n  - id: mutuality\n    summary: One.\n  - id: hope\n    summary: Two.\n"
     "    summary: Three.\n", 6, "summary"),
])
def test_a_key_given_twice_is_refused_with_file_and_line(run, tmp_path, name, text, line, key):
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    result = run("validate", str(folder))
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"{folder / name}, line {line}: the key '{key}' appears twice" in said
    assert "Traceback" not in result.output
    # and every other command that reads the folder says the same
    shown = run("show", "mutuality", env={"PEERCHECK_DATA": str(folder)})
    assert shown.exit_code == 2 and f"line {line}" in shown.stderr


def test_the_strict_loader_is_still_the_c_loader():
    from peercheck import data

    assert issubclass(data._strict_loader(), yaml.CSafeLoader)


def test_the_built_in_data_has_no_key_twice(run):
    assert run("validate").exit_code == 0


# Where each framework's words live, by the names a prompt's `why:` cites them with.
CITED = {
    "BCcampus": "core-values-of-peer-support",
    "Peer Support Values": "peer-support-values",
    "Getting Oriented": "getting-oriented",
    "principle": "getting-oriented",  # the sixteen Principles of Practice
    "Principle": "getting-oriented",
    "Peer Values Framework": "peer-values-framework",
}


def test_every_quotation_in_a_prompts_why_is_in_the_source_it_names(sources):
    """A trainer audits the scoring by a prompt's `why:`: its quotes must be true to their source.

    Each clause that names a framework (or a principle) and quotes words must find those words
    in that framework's text, so a quotation is never credited to the wrong framework.
    """
    doc = yaml.safe_load((REPO / "data" / "principles.yaml").read_text(encoding="utf-8"))
    checked = 0
    for prompt in doc["prompts"]:
        why = normalise(prompt.get("why") or "")
        for clause in re.split(r";|\.(?= [A-Z])", why):
            for match in re.finditer(r'"([^"]+)"', clause):
                words = match.group(1).replace("...", "…").split("…")
                assert any(all(w.strip() in text for w in words) for text in sources.values()), (
                    prompt["id"], match.group(1))
                # the framework named last before the quote is the one it is credited to
                before = clause[: match.start()]
                named = max(CITED, key=lambda key: before.rfind(key))
                if before.rfind(named) >= 0:
                    text = sources[CITED[named]]
                    assert all(w.strip() in text for w in words), (
                        prompt["id"], named, match.group(1))
                    checked += 1
    assert checked >= 10
