"""The classifier: each unit's class from its readings' words."""

from __future__ import annotations

import pytest

import collate
from collate.engine import _align, _classify
from collate.rules import Normalizer
from conftest import ROOT


def _letters() -> list[collate.Witness]:
    return [
        collate.load_witness(ROOT / "witnesses" / name)
        for name in ("medvedev-1926.txt", "baku-1924.txt")
    ]


def test_classes_come_from_the_witnesses_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    """The classifier reads each reading's words from its witness's tokens, not by cutting
    the reading again, and gives every unit of the letters the class it had that way."""
    witnesses = _letters()
    calls: list[str] = []
    cut = collate.tokenize

    def counted(text: str) -> tuple[collate.Token, ...]:
        calls.append(text)
        return cut(text)

    monkeypatch.setattr("collate.engine._classify.tokenize", counted)
    collation = collate.collate(witnesses)
    assert calls == []
    monkeypatch.undo()
    normalizer = Normalizer(_align.DEFAULT_RULES)
    for unit in collation.units:
        assert unit.variant_class == _classify.classify(unit.type, unit.readings, normalizer)
