"""The classifier: each unit's class from its readings' words."""

from __future__ import annotations

import pytest

import collate
from collate.engine import _align, _classify
from collate.model import Reading, UnitType, VariantClass
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


# The same text in two Unicode spellings: Western European accents, polytonic Greek (John 1:1,
# SBLGNT, ../shared/corpora/sblgnt/usfm/04JHNSBL.sfm, with the ano teleia and the Greek
# question mark U+037E that NFC turns into "·" and ";"), Vietnamese with stacked tone marks.
_SPELLINGS = {
    "accents": "Le café était très célèbre à Zürich, naïve et résumé.\n",
    "greek": "Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν\u0387 τί οὖν\u037e ᾯ ᾅ ῷ\n",
    "vietnamese": "Tiếng Việt có dấu thanh điệu phức tạp; người ở đâu?\n",
}


@pytest.mark.parametrize("sets", [[], ["unicode"]], ids=["plain", "ignore-unicode"])
@pytest.mark.parametrize("name", list(_SPELLINGS))
def test_unicode_spellings_are_orthographic_and_lossless(name: str, sets: list[str]) -> None:
    """NFC, NFD and the raw text of one passage align word for word; every place where their
    characters differ is an orthographic unit (never punctuation or substantive), with or
    without --ignore unicode, and each witness rebuilds exactly from the collation and from
    its JSON export."""
    import json
    import unicodedata

    from collate.render.json import render_json
    from collate.rules import normalizer

    text = _SPELLINGS[name]
    spellings = {
        "C": unicodedata.normalize("NFC", text),
        "D": unicodedata.normalize("NFD", text),
        "R": text,
    }
    witnesses = [collate.witness_from_text(t, siglum) for siglum, t in spellings.items()]
    collation = collate.collate(witnesses, rules=normalizer(sets))
    assert collation.units
    for unit in collation.units:
        assert unit.type is collate.UnitType.SUBSTITUTION, unit
        assert unit.variant_class is VariantClass.ORTHOGRAPHIC, unit
        nfc = {unicodedata.normalize("NFC", r.text) for r in unit.readings.values()}
        assert len(nfc) == 1, unit
    exported = json.loads(render_json(collation))
    for siglum, spelled in spellings.items():
        assert collation.rebuild(siglum) == spelled
        (witness,) = (w for w in exported["witnesses"] if w["siglum"] == siglum)
        assert witness["text"] == spelled
        readings = sorted(
            (u["readings"][siglum]["start"], u["readings"][siglum]["text"])
            for u in exported["units"]
        )
        assert all(spelled[start : start + len(t)] == t for start, t in readings)


def test_canonically_equivalent_punctuation_is_orthographic() -> None:
    """The Greek question mark U+037E against ";" (one character under NFC) is a difference
    of Unicode spelling, orthographic, not a punctuation variant; "," against ";" still is."""
    normalizer = Normalizer(_align.DEFAULT_RULES)

    def of(a: str, b: str) -> str:
        readings = {"A": collate.Reading(0, len(a), a), "B": collate.Reading(0, len(b), b)}
        return _classify.classify(collate.UnitType.SUBSTITUTION, readings, normalizer).value

    assert of("οὖν\u037e", "οὖν;") == "orthographic"
    assert of("θεόν\u0387", "θεόν·") == "orthographic"
    assert of("οὖν,", "οὖν;") == "punctuation"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("end.\n\nThe", "end. The", "layout"),
        ("the quick\nbrown", "the quick brown", "layout"),
        (" fox\n", "\nfox ", "layout"),
        ("word ,", "word,", "layout"),
        ("self-\nmade", "self-made", "layout"),
        ("\nbrown", " red", "substantive"),
        ("the\nbrown,", "the brown.", "punctuation"),
        ("to day", "today", "orthographic"),
        ("self- made", "self-made", "orthographic"),
    ],
    ids=[
        "paragraph break against a space",
        "line break against a space",
        "line broken elsewhere",
        "space before punctuation",
        "compound broken at its hyphen",
        "a line break and another word",
        "a line break and other punctuation",
        "words divided otherwise",
        "a space after a hyphen",
    ],
)
def test_whitespace_alone_is_layout(a: str, b: str, expected: str) -> None:
    """Readings with the same tokens that differ only in whitespace (or a compound broken
    across lines at its own hyphen) are of class layout; whitespace beside another difference
    takes that difference's class, and the same letters divided into other words are a
    spelling."""
    readings = {"A": Reading(0, len(a), a), "B": Reading(0, len(b), b)}
    normalizer = Normalizer(_align.DEFAULT_RULES)
    assert _classify.classify(UnitType.SUBSTITUTION, readings, normalizer).value == expected


def test_a_paragraph_break_against_a_space_is_a_layout_unit() -> None:
    """The engine's unit for a paragraph break one witness has as a space is of class layout,
    the word changed after it substantive."""
    collation = collate.collate(
        [
            collate.witness_from_text("One.\n\nTwo dogs ran.", "A"),
            collate.witness_from_text("One. Two cats ran.", "B"),
        ]
    )
    assert [(u.readings["A"].text, u.variant_class.value) for u in collation.units] == [
        ("\n\n", "layout"),
        ("dogs", "substantive"),
    ]
