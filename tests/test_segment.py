"""Segments: paragraphs and sentences, aligned across witnesses before their tokens."""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace

import pytest

from collate import Collation, collate, load_witness
from collate.engine import Settings, align_segments, paragraphs, sentences
from collate.witnesses import witness_from_text
from conftest import WITNESSES


def _paragraph_texts(text: str) -> list[str]:
    witness = witness_from_text(text, "A")
    return [" ".join(t.text for t in witness.tokens[s.start : s.end]) for s in paragraphs(witness)]


def _pairs(a: list[str], b: list[str]) -> list[tuple[list[str], list[str]]]:
    split_a = [s.split() for s in a]
    split_b = [s.split() for s in b]
    return [(a[p.a], b[p.b]) for p in align_segments(split_a, split_b)]


def test_blank_lines_separate_paragraphs() -> None:
    """Paragraphs are separated by blank lines; a single line break stays inside one."""
    assert _paragraph_texts("One line\nwrapped.\n\nTwo.\n \nThree.") == [
        "One line wrapped .",
        "Two .",
        "Three .",
    ]


def test_a_text_without_blank_lines_has_a_paragraph_per_line() -> None:
    """One paragraph per line, as in the Darwin files, when no blank line occurs."""
    assert _paragraph_texts("First para.\nSecond para.\n") == ["First para .", "Second para ."]


def test_sentences_end_at_full_stops_followed_by_space() -> None:
    """A sentence ends at . ! ? (closing quotes included), not inside "V.,"."""
    witness = witness_from_text("Dear V., yes. “Go!” he said. Done", "A")
    found = [
        " ".join(t.text for t in witness.tokens[s.start : s.end])
        for s in sentences(witness.tokens, 0, len(witness.tokens))
    ]
    assert found == ["Dear V . , yes .", "“ Go ! ”", "he said .", "Done"]


def test_identical_segments_align_and_a_dropped_one_is_unpaired() -> None:
    """A paragraph one witness lacks is paired with nothing; the rest align one to one."""
    a = ["a b c", "d e f", "g h i"]
    b = ["a b c", "g h i"]
    assert _pairs(a, b) == [(["a b c"], ["a b c"]), (["d e f"], []), (["g h i"], ["g h i"])]


def test_a_paragraph_split_in_two_aligns_with_both_halves() -> None:
    """One paragraph in A that B splits in two is one group with two B segments."""
    a = ["x y z", "one two three four five six", "end"]
    b = ["x y z", "one two three", "four five six seven", "end"]
    assert _pairs(a, b)[1] == (
        ["one two three four five six"],
        ["one two three", "four five six seven"],
    )


def test_a_revised_paragraph_pairs_with_its_revision() -> None:
    """Two changed paragraphs pair with their revisions, not with each other's."""
    a = ["start", "the cat sat on the mat", "dogs bark loudly at night", "end"]
    b = ["start", "the cat sat on a mat", "dogs barked loudly at night", "end"]
    assert _pairs(a, b)[1:3] == [
        (["the cat sat on the mat"], ["the cat sat on a mat"]),
        (["dogs bark loudly at night"], ["dogs barked loudly at night"]),
    ]


def test_unrelated_segments_are_an_omission_and_an_addition() -> None:
    """Segments sharing too little are not forced into a pair."""
    a = ["start", "alpha beta gamma", "end"]
    b = ["start", "one two three", "end"]
    assert _pairs(a, b)[1:3] == [(["alpha beta gamma"], []), ([], ["one two three"])]


def _real_units(collation: Collation) -> set[tuple[int, str, str]]:
    """The units that differ in more than whitespace, as (where the base's words begin, the
    base's words, the other's words), whitespace made single spaces."""
    found = set()
    for unit in collation.units:
        base, other = (unit.readings[s].text for s in collation.sigla)
        if base.split() != other.split():
            start = unit.readings[collation.sigla[0]]
            offset = start.start + len(start.text) - len(start.text.lstrip())
            found.add((offset, " ".join(base.split()), " ".join(other.split())))
    return found


def _baku_laid_out(layout: str) -> str:
    text = load_witness(WITNESSES / "baku-1924.txt").text
    if layout == "one paragraph":
        return re.sub(r"\s*\n\s*\n\s*", " ", text)
    return "\n".join(textwrap.wrap(" ".join(text.split()), 64)) + "\n"


@pytest.mark.parametrize("layout", ["one paragraph", "re-wrapped at 64 columns"])
def test_the_letters_give_the_same_units_whatever_the_layout(layout: str) -> None:
    """Issue 13's reproduction: the Baku copy as one paragraph (its paragraph breaks made
    spaces), or re-wrapped at 64 columns with no blank line, gives the units it gives as
    printed (94), not one 33,000-character substitution; what differs is whitespace."""
    medvedev = load_witness(WITNESSES / "medvedev-1926.txt")
    baku = load_witness(WITNESSES / "baku-1924.txt")
    printed = _real_units(collate([medvedev, baku]))
    laid_out = _real_units(collate([medvedev, witness_from_text(_baku_laid_out(layout), "B")]))
    assert len(printed) == 94
    assert abs(len(laid_out) - len(printed)) <= 3
    assert len(laid_out & printed) >= 0.9 * len(printed)
    longest = max(len(base) + len(other) for _, base, other in printed)
    assert max(len(base) + len(other) for _, base, other in laid_out) <= longest


def _baku_breaks_moved(later: bool) -> str:
    """The Baku copy with every third paragraph break moved to the next (or the previous)
    sentence end, its other whitespace as printed."""
    baku = load_witness(WITNESSES / "baku-1924.txt")
    tokens = baku.tokens
    spaces = [t.space for t in tokens]
    breaks = [k for k, space in enumerate(spaces) if "\n\n" in space]
    for k in breaks[::3]:
        steps = range(k + 1, len(tokens) - 1) if later else range(k - 1, 0, -1)
        ends = [j for j in steps if tokens[j].text in {".", "!", "?"} and spaces[j]]
        if ends and "\n" not in spaces[ends[0]]:
            spaces[ends[0]], spaces[k] = spaces[k], " "
    return baku.leading_space + "".join(
        t.text + space for t, space in zip(tokens, spaces, strict=True)
    )


@pytest.mark.parametrize("later", [True, False], ids=["one sentence later", "one earlier"])
def test_a_paragraph_break_moved_by_a_sentence_moves_no_unit(later: bool) -> None:
    """Every third paragraph break of the Baku copy moved by a sentence: the copy still gives
    the units it gives as printed (`Settings.moved_breaks`); with each paragraph pair aligned
    alone, the sentence that crossed the break is torn from its place."""
    medvedev = load_witness(WITNESSES / "medvedev-1926.txt")
    baku = load_witness(WITNESSES / "baku-1924.txt")
    printed = sorted((base, other) for _, base, other in _real_units(collate([medvedev, baku])))
    moved = witness_from_text(_baku_breaks_moved(later), "B")
    assert [t.text for t in moved.tokens] == [t.text for t in baku.tokens]

    def readings(settings: Settings) -> list[tuple[str, str]]:
        units = _real_units(collate([medvedev, moved], settings=settings))
        return sorted((base, other) for _, base, other in units)

    assert len(printed) == 94
    assert readings(Settings()) == printed
    assert readings(Settings().without("moved_breaks")) != printed


# CollateX's collatex-core MatchTableLinkerTest.testOverDeAtlantischeOceaan (Hermans, "Over de
# Atlantische Oceaan"): one witness on one line, the other broken into lines.
ATLANTIC_D9 = (
    "Over de Atlantische Oceaan voer een grote stomer. De lucht was helder blauw, het water "
    "rimpelend satijn.<p/> Op de Atlantische Oceaan voer een ontzaggelijk zeekasteel. Onder de "
    "vele passagiers aan boord, bevond zich een bruine, korte dikke man. Hij werd nooit zonder "
    "sigaar gezien. Zijn pantalon had lijnrechte vouwen in de pijpen, maar zat toch altijd vol "
    "rimpels. De pantalon werd naar boven toe breed, ongelofelijk breed: hij omsloot de buik "
    "van de kleine man als een soort balkon."
)
ATLANTIC_ADDED = (
    "Op sommige dekken van de stomer lagen mensen in de zon, op andere dekken werd getennist, "
    "op nog andere liepen de passagiers heen en weer en praatten. Wie over de reling hing en "
    "recht naar beneden keek, kon vaststellen dat het schip vorderde; of draaide alleen de "
    "aarde er onderdoor?<p/>"
)
ATLANTIC_DMD1 = (
    "Over de Atlantische Oceaan voer een grote stomer. De lucht was helder blauw, het water "
    "rimpelend satijn.<p/>\n"
    + ATLANTIC_ADDED
    + "\nOp de Atlantische Oceaan voer een ontzaggelijk zeekasteel. Onder de vele passagiers aan "
    "boord, bevond zich een bruine, korte dikke man. Hij werd nooit zonder sigaar gezien. Zijn "
    "pantalon had lijnrechte vouwen in de pijpen, maar zat toch altijd vol rimpels. De pantalon "
    "werd naar boven toe breed, ongelofelijk breed: hij omsloot de buik van de kleine man als "
    "een soort balkon.<p/>"
)


def test_a_witness_broken_into_lines_aligns_with_one_on_one_line() -> None:
    """testOverDeAtlantischeOceaan: the opening sentences agree, the second witness's added
    paragraph is one addition, and the rest agrees but for its closing mark."""
    collation = collate(
        [witness_from_text(ATLANTIC_D9, "D9"), witness_from_text(ATLANTIC_DMD1, "DMD1")]
    )
    real = sorted(_real_units(collation))
    # the added paragraph's closing mark may stand at either end of it: the same text
    assert [base for _, base, _ in real] == ["", ""]
    assert real[0][2].replace("<p/>", "").strip() == ATLANTIC_ADDED.replace("<p/>", "")
    assert real[1][2] == "<p/>"
    agreed = "".join(agreement.text for agreement in collation.agreements)
    assert agreed.startswith("Over de Atlantische Oceaan voer een grote stomer. De lucht")
    assert "Onder de vele passagiers aan boord" in agreed


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("One line\nwrapped.\n\nTwo.\n \nThree.", 3),
        ("\n\n  Leading blank lines.\n\n\n\nMany blank.\r\n\r\nCRLF.\n\n", 3),
        ("One per line\nno blank line\n  indented\nlast\n", 4),
        ("Line breaks\n\n\n  and\n\t\nspaces", 3),
        ("Только одна строка без разрыва.", 1),
    ],
    ids=["blank", "leading-and-crlf", "lines", "mixed", "one-line"],
)
def test_a_long_witness_has_the_paragraphs_of_a_short_one(text: str, count: int) -> None:
    """A witness held as compact tokens (a text of a million characters or more) is cut into
    the very paragraphs a short one is, its breaks found in the text without making tokens."""
    from collate.tokenize import tokenize_witness

    short = witness_from_text(text, "A")
    long = replace(short, tokens=tokenize_witness(text, compact_from=1))
    assert type(long.tokens).__name__ == "CompactTokens"
    assert paragraphs(long) == paragraphs(short)
    assert len(paragraphs(short)) == count
