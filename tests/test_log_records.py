"""A small factory of reflection records (per the shared record contract), for the log tests.

Other test_log*/test_export*/test_import*/test_report* files import ``make_record`` and
``seed`` from here, so they do not wait for ``reflect``. The tests below check the shared
redaction rule on its own.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

CONCEPTS = ["mutuality", "self-determination", "hope", "strengths", "stay-in-lane", "respect"]
LEVELS = ((0.67, "strong"), (0.4, "growing"), (0.0, "worth a look"))


def _level(score: float) -> str:
    return next(level for floor, level in LEVELS if score >= floor)


def make_id(n: int, day: date) -> str:
    from peercheck.ids import new_id

    ms = int(datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc).timestamp() * 1000)
    base = new_id(ms + n)
    return base[:10] + f"{n:016d}"[-16:].replace("0", "A")


def make_record(
    n: int = 1,
    day: date | str = "2026-11-20",
    *,
    kind: str | None = "one-to-one",
    minutes: int | None = 50,
    tags: list[str] | None = None,
    scores: dict[str, float] | None = None,
    words: str | None = None,
    intention: str | None = None,
    flags: list[str] | None = None,
    cue_text: str | None = None,
    label: str | None = None,
) -> dict:
    """One saved reflection; ``words`` is the worker's free-text answer (kind text)."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    scores = scores if scores is not None else {
        c: round(0.2 + ((n * 7 + i * 13) % 9) / 10, 2) for i, c in enumerate(CONCEPTS)
    }
    prompts = {
        "felt-equal": {"question": "How equal did the conversation feel?", "kind": "scale"},
        "their-choice": {"question": "Did they choose what came next?", "kind": "yesno"},
        "focus-kind": {"question": "What was the session mostly about?", "kind": "choice"},
        "what-happened": {"question": "What stayed with you?", "kind": "text"},
    }
    answers: dict = {"felt-equal": 4, "their-choice": "yes", "focus-kind": "goals"}
    if words is not None:
        answers["what-happened"] = words
    else:
        del prompts["what-happened"]
    record = {
        "id": make_id(n, day),
        "created_at": f"{day.isoformat()}T14:05:{n % 60:02d}+00:00",
        "peercheck": "0.1.0",
        "context": {"date": day.isoformat(), "kind": kind, "minutes": minutes,
                    "tags": list(tags or [])},
        "focus": None,
        "framework": None,
        "prompts": prompts,
        "answers": answers,
        "concepts": [
            {"id": cid, "name": cid.replace("-", " ").capitalize(), "score": score,
             "level": _level(score),
             "evidence": [{"prompt": "felt-equal", "answer": 4, "weight": 0.75}]
             + ([{"prompt": "what-happened", "answer": words, "weight": 0.25}] if words else [])}
            for cid, score in scores.items()
        ],
        "flags": list(flags or []),
        "intention": intention,
        "cues": [],
    }
    if cue_text:
        record["cues"] = [{
            "prompt": "what-happened", "line": 1, "column": 1, "offset": 0,
            "length": len(cue_text), "text": cue_text, "rule": "directive",
            "family": "directive", "concepts": ["self-determination"], "principles": [3],
            "message": "This may sound like advice; what did they want?",
            "suggestion": None, "level": "worth a look",
        }]
    if label:
        record["label"] = label
    return record


def seed(records: list[dict]) -> None:
    """Save records into the test's log through the store."""
    from peercheck.store import open_store

    store = open_store()
    try:
        for record in records:
            store.save(record)
    finally:
        store.close()


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def sample(count: int = 5, start: date = date(2026, 10, 1), **kw) -> list[dict]:
    return [make_record(i + 1, start + timedelta(days=3 * i), **kw) for i in range(count)]


# --- the shared redaction rule --------------------------------------------------------------


def test_redact_keeps_scores_and_context_and_drops_own_words():
    from peercheck.exports.redact import redact

    record = make_record(
        1, words="I talked about the zebra crossing", intention="ask more about walrus",
        tags=["walrus-group"], cue_text="you should", flags=["supervision"],
    )
    red = redact(record)
    text = json.dumps(red)
    for secret in ("zebra crossing", "walrus", "you should"):
        assert secret not in text
    assert red["context"] == {"date": "2026-11-20", "kind": "one-to-one", "minutes": 50,
                              "tags": []}
    assert [c["score"] for c in red["concepts"]] == [c["score"] for c in record["concepts"]]
    # These prompt ids are not peercheck's: a scale point and yes/no are kept, a word ("goals")
    # could be anything the worker typed, so it stays out.
    assert red["answers"] == {"felt-equal": 4, "their-choice": "yes"}
    assert red["flags"] == ["supervision"]
    # The cue is counted; its rule name is not one of peercheck's, so it is not repeated.
    assert red["cues"][0]["rule"] is None
    assert red["cues"][0]["concepts"] == ["self-determination"]


def test_redact_drops_text_answers_whose_kind_is_unknown():
    from peercheck.exports.redact import redact

    record = make_record(2)
    record["answers"]["mystery"] = "a private sentence"
    record["notes"] = "a field added later"
    red = redact(record)
    assert "mystery" not in red["answers"]
    assert "notes" not in red
