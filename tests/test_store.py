"""The log store's own promises, below the commands."""

from __future__ import annotations


def test_saving_the_same_reflection_twice_keeps_one_copy(peercheck_home):
    """A resumed draft whose first save had committed must not be stored a second time."""
    from peercheck.store import open_store

    record = {
        "id": "01M84AM4T68XSDQEAT4KJFY7SJ",
        "context": {"date": "2026-11-20", "tags": ["group"]},
        "answers": {"went-well": "we laughed"},
        "concepts": [{"id": "hope", "score": 0.5, "level": "growing"}],
    }
    with open_store() as store:
        assert store.save(record) == record["id"]
        assert store.save(record) == record["id"]
        assert store.count() == 1
        assert [r["id"] for r in store.query()] == [record["id"]]
