"""Collating more than two witnesses: grouped readings, order independence, every witness
rebuilt, and every output working for n witnesses."""

from __future__ import annotations

import itertools
import json
import random
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from lxml import etree
from typer.testing import CliRunner

from collate import (
    Collation,
    CollationError,
    Grouping,
    Settings,
    Witness,
    collate,
    load_witness,
    witness_from_text,
)
from collate.apparatus import entries
from collate.cli import app
from collate.engine import alignment_rows, token_columns
from collate.model import VariantClass
from collate.render import ApparatusFormat, TeiMethod, render_document
from collate.render.apparatus_text import render_apparatus_text
from collate.render.json import render_json
from collate.render.table import word_rows
from collate.tei_import import read_tei
from conftest import SHARED, WITNESSES, baku_laid_out, benchmark
from strategies import moved_families, related_triples

DARWIN = SHARED / "corpora" / "darwin"
YEARS = ("1859", "1860", "1861", "1866", "1869", "1872")
runner = CliRunner()


def toy() -> Collation:
    return collate(
        [
            witness_from_text("The black cat sat on the mat.\n\nIt slept by the fire.\n", "A"),
            witness_from_text("The cat sat on the old mat.\n\nIt slept by the warm fire.\n", "B"),
            witness_from_text("The black dog sat on the mat!\n\nIt slept near the fire.\n", "C"),
        ]
    )


def darwin(folder: str = "chapter1-first-paragraph") -> list[Witness]:
    return [load_witness(DARWIN / folder / f"darwin{year}.txt", year) for year in YEARS]


def _units(collation: Collation) -> list[tuple[str, dict[str, str]]]:
    return [(u.type.value, {s: r.text for s, r in u.readings.items()}) for u in collation.units]


def test_variants_that_touch_in_one_witness_are_separate_units() -> None:
    """Mark 14:3 in the SBLGNT's apparatus, shortened: Treg and RP add καὶ, RP alone reads τὸ
    for τὴν. RP's own alignment joins the two across συντρίψασα; the others show they are two
    variants."""
    collation = collate(
        [
            witness_from_text(text, siglum)
            for text, siglum in (
                ("ἡ γυνὴ συντρίψασα τὴν ἀλάβαστρον", "SBL"),
                ("ἡ γυνὴ συντρίψασα τὴν ἀλάβαστρον", "WH"),
                ("ἡ γυνὴ καὶ συντρίψασα τὴν ἀλάβαστρον", "Treg"),
                ("ἡ γυνὴ καὶ συντρίψασα τὸ ἀλάβαστρον", "RP"),
            )
        ]
    )
    assert _units(collation) == [
        ("addition", {"SBL": "", "WH": "", "Treg": "καὶ ", "RP": "καὶ "}),
        ("substitution", {"SBL": "τὴν", "WH": "τὴν", "Treg": "τὴν", "RP": "τὸ"}),
    ]
    for witness in collation.witnesses:
        assert collation.rebuild(witness.siglum) == witness.text


def _greek(*texts: tuple[str, str]) -> Collation:
    """A collation of short texts, each with its siglum, checked to rebuild every witness."""
    collation = collate([witness_from_text(text, siglum) for text, siglum in texts])
    for witness in collation.witnesses:
        assert collation.rebuild(witness.siglum) == witness.text
    return collation


def _words(collation: Collation) -> list[tuple[str, dict[str, str]]]:
    """`_units`, the whitespace at the readings' edges left out."""
    return [
        (kind, {s: t.strip() for s, t in readings.items()}) for kind, readings in _units(collation)
    ]


def test_adjacent_words_changed_by_different_witnesses_are_two_units() -> None:
    """Luke 9:27 in the SBLGNT's apparatus: RP reads ὧδε for αὐτοῦ, Treg and RP ἑστώτων for
    ἑστηκότων. No word between the two is shared, but the witnesses group otherwise on either
    side: two variants, as the apparatus has them."""
    collation = _greek(
        ("τινες τῶν αὐτοῦ ἑστηκότων οἳ οὐ", "SBL"),
        ("τινες τῶν αὐτοῦ ἑστηκότων οἳ οὐ", "WH"),
        ("τινες τῶν αὐτοῦ ἑστώτων οἳ οὐ", "Treg"),
        ("τινες τῶν ὧδε ἑστώτων οἳ οὐ", "RP"),
    )
    assert _words(collation) == [
        ("substitution", {"SBL": "αὐτοῦ", "WH": "αὐτοῦ", "Treg": "αὐτοῦ", "RP": "ὧδε"}),
        (
            "substitution",
            {"SBL": "ἑστηκότων", "WH": "ἑστηκότων", "Treg": "ἑστώτων", "RP": "ἑστώτων"},
        ),
    ]


def test_added_words_go_with_the_variant_before_them() -> None:
    """Matthew 3:16 and Mark 6:33: words one witness adds after a word that others change are
    one variant with that change, whether the witness's own alignment joined them or not."""
    opened = _greek(
        ("καὶ ἰδοὺ ἠνεῴχθησαν οἱ οὐρανοί", "SBL"),
        ("καὶ ἰδοὺ ἠνεῴχθησαν αὐτῷ οἱ οὐρανοί", "Treg"),
        ("καὶ ἰδοὺ ἀνεῴχθησαν αὐτῷ οἱ οὐρανοί", "RP"),
    )
    assert _words(opened) == [
        (
            "substitution",
            {"SBL": "ἠνεῴχθησαν", "Treg": "ἠνεῴχθησαν αὐτῷ", "RP": "ἀνεῴχθησαν αὐτῷ"},
        )
    ]
    knew = _greek(
        ("ὑπάγοντας καὶ ἐπέγνωσαν πολλοί", "SBL"),
        ("ὑπάγοντας καὶ ἔγνωσαν πολλοί", "WH"),
        ("ὑπάγοντας καὶ ἐπέγνωσαν αὐτὸν πολλοί", "RP"),
    )
    assert _words(knew) == [
        ("substitution", {"SBL": "ἐπέγνωσαν", "WH": "ἔγνωσαν", "RP": "ἐπέγνωσαν αὐτὸν"})
    ]


def test_words_added_at_a_sentence_s_opening_or_around_a_word_are_units_of_their_own() -> None:
    """Mark 9:24 and 14:43, which the SBLGNT's editors print as one footnote each: collate
    gives each addition its own unit (the two rules that joined them helped that apparatus
    alone, by three footnotes of 6,832, and were dropped: benchmarks/RESULTS.md)."""
    opening = _greek(
        ("τῷ πιστεύοντι. εὐθὺς κράξας ὁ πατὴρ", "SBL"),
        ("τῷ πιστεύοντι. καὶ εὐθὺς κράξας ὁ πατὴρ", "Treg"),
        ("τῷ πιστεύοντι. καὶ εὐθέως κράξας ὁ πατὴρ", "RP"),
    )
    assert _words(opening) == [
        ("addition", {"SBL": "", "Treg": "καὶ", "RP": "καὶ"}),
        ("substitution", {"SBL": "εὐθὺς", "Treg": "εὐθὺς", "RP": "εὐθέως"}),
    ]
    around = _greek(
        ("λαλοῦντος παραγίνεται Ἰούδας εἷς τῶν δώδεκα", "SBL"),
        ("λαλοῦντος παραγίνεται ὁ Ἰούδας εἷς τῶν δώδεκα", "WH"),
        ("λαλοῦντος παραγίνεται ὁ Ἰούδας ὁ Ἰσκαριώτης εἷς τῶν δώδεκα", "Treg"),
    )
    assert _words(around) == [
        ("addition", {"SBL": "", "WH": "ὁ", "Treg": "ὁ"}),
        ("addition", {"SBL": "", "WH": "", "Treg": "ὁ Ἰσκαριώτης"}),
    ]


def test_a_word_moved_inside_a_place_keeps_the_place_whole() -> None:
    """Matthew 26:59: RP puts αὐτόν after the verb, Treg spells the verb otherwise. The word
    that moved holds the three readings together."""
    collation = _greek(
        ("ὅπως αὐτὸν θανατώσωσιν, καὶ", "SBL"),
        ("ὅπως αὐτὸν θανατώσουσιν, καὶ", "Treg"),
        ("ὅπως θανατώσωσιν αὐτόν, καὶ", "RP"),
    )
    assert _words(collation) == [
        (
            "substitution",
            {
                "SBL": "αὐτὸν θανατώσωσιν",
                "Treg": "αὐτὸν θανατώσουσιν",
                "RP": "θανατώσωσιν αὐτόν",
            },
        )
    ]


def test_punctuation_does_not_move_across_words() -> None:
    """Frankenstein, the Variorum's unit C27 (``../shared/corpora/frankenstein``): 1823 and
    1831 read a colon for 1818's semicolon after "severity", the notebook (MS) a comma there
    and none after "then". The comma is not a word that moved across "and then": the colon
    and the notebook's commas are two variants, as the Variorum's own collation has them."""
    collation = _greek(
        ("with some degree of severity; and then, turning towards", "f1818"),
        ("with some degree of severity: and then, turning towards", "f1823"),
        ("with some degree of severity, and then turning towards", "fMS"),
    )
    assert _words(collation) == [
        ("substitution", {"f1818": ";", "f1823": ":", "fMS": ","}),
        ("omission", {"f1818": ",", "f1823": ",", "fMS": ""}),
    ]


def test_one_witness_s_rewrite_keeps_no_others_variants_together() -> None:
    """Frankenstein, the Variorum's unit C27 (``../shared/corpora/frankenstein``), shortened:
    1831 rewrote the passage, which no other edition shares; the notebook (MS) reads 1818's
    sentences with its own punctuation, too unlike them to print as 1818's reading with
    sub-variants. The notebook's variants are units of their own, as the Variorum's collation
    has them, not one unit printing both passages in full; 1831's reading is cut with them.
    (`Settings.rewrite_words` still keeps a rewrite several witnesses share whole, and one
    beside readings that are one group: see the long lack below and nesting.)"""
    opening, close = "To restrain me. ", " My father easily acceded."
    printed = (
        "I remember, as I quitted the prison, I heard one of the men say, “He may be innocent"
        " of the murder, but he has certainly a bad conscience.” These words struck me."
    )
    collation = _greek(
        (opening + printed + close, "f1818"),
        (opening + printed + close, "f1823"),
        (
            opening + "Yet one duty remained to me, the recollection of which finally triumphed"
            " over my selfish despair." + close,
            "f1831",
        ),
        (
            opening + "I remember as I quitted the prison I heard one of the men say – He may be"
            " innocent of the murder but he has certainly a bad conscience. – These words"
            " struck me;" + close,
            "fMS",
        ),
    )
    assert [(r["f1818"], r["fMS"]) for _, r in _words(collation) if r["f1818"] != r["fMS"]] == [
        (",", ""),
        (",", ""),
        (",", "–"),
        ("“", ""),
        (",", ""),
        ("”", "–"),
        (".", ";"),
    ]


def test_a_rewrite_sets_no_column_the_others_are_cut_by() -> None:
    """Frankenstein, the Variorum's unit C27, shortened: 1831 (C) rewrote the clause, which
    shares "my father", a comma and "not" with the others; the notebook (D) lacks 1818's
    comma and adds "let us". Lined up after the others (`Settings.rewrite_columns_last`),
    the rewrite's comma does not pull 1818's "do" into another column than the notebook's
    (the notebook's "do" an addition before the comma and 1818's an omission after it)."""
    texts = {
        "A": "Ah! my father, do not remain in this country; take me away.",
        "B": "Ah! my father, do not remain in this country; take me away.",
        "C": "Ah! my father still desired to delay our departure, fearful that I could not"
        " sustain it; take me away.",
        "D": "Ah! my father do not let us remain in this country; take me away.",
    }
    witnesses = [witness_from_text(text, siglum) for siglum, text in texts.items()]

    def notebook(collation: Collation) -> list[tuple[str, str]]:
        return [(r["A"], r["D"]) for _, r in _words(collation) if r["A"] != r["D"]]

    assert notebook(collate(witnesses)) == [(",", ""), ("", "let us")]
    off = Settings(rewrite_columns_last=False)
    assert notebook(collate(witnesses, settings=off)) == [
        ("", "do"),
        (",", ""),
        ("do", ""),
        ("", "let us"),
    ]


def test_an_addition_that_opens_a_witness_s_variant_goes_with_it() -> None:
    """Frankenstein, the Variorum's unit C27: 1823 reads "with" for "at"; the notebook (MS)
    reads "at" and writes "long" as "l ong". Its "l" is no addition to 1823's variant before
    it (`Settings.addition_joins_before`) but the start of its own: two units, as the
    Variorum's collation has them."""
    collation = _greek(
        ("but his visits were short, and at long intervals. One day, when I was", "f1818"),
        ("but his visits were short, and with long intervals. One day, while I was", "f1823"),
        ("but his visits wh were short & at l ong intervals. One day when I was", "fMS"),
    )
    assert [r for _, r in _words(collation) if r["f1818"] in ("at", "long")] == [
        {"f1818": "at", "f1823": "with", "fMS": "at"},
        {"f1818": "long", "f1823": "long", "fMS": "l ong"},
    ]


def test_a_word_moved_across_a_run_of_shared_words_keeps_no_unit_around_it() -> None:
    """Frankenstein, the Variorum's unit C27 (issue 13, item 3): 1823 reads "desire to remain"
    for 1818's "remain miserably pent up only to be let loose", whose "remain" stands after
    "to" there, a word moved across the place; the notebook (MS) reads "wait" for "remain"
    and the eight words after it as 1818 does. Those eight words are aligned, not kept in one
    unit with the move (`Settings.shared_run`)."""
    collation = _greek(
        (
            "better seek death than remain miserably pent up only to be let loose in a world"
            " replete with wretchedness.",
            "f1818",
        ),
        (
            "better seek death than desire to remain in a world which to me was replete with"
            " wretchedness.",
            "f1823",
        ),
        (
            "better not seek death that wait miserably pent up only to be let loose in a world"
            " replete with whrect wretchedness.",
            "fMS",
        ),
    )
    assert {"f1818": "remain", "f1823": "desire", "fMS": "wait"} in [
        r for _, r in _words(collation)
    ]
    shared = "miserably pent up only to be let loose"
    assert {"f1818": shared, "f1823": "to remain", "fMS": shared} in [
        r for _, r in _words(collation)
    ]


def test_a_witness_that_spells_otherwise_keeps_no_others_variants_together() -> None:
    """John 18:38, diplomatic (Stemmaweb's transcriptions, accents left out): B spells four
    words otherwise on both sides of C's τουτο / ταυτα. That is no rewrite of B's own, so C's
    variant is a unit of its own, not one unit of seven words with B's spellings."""
    collation = _greek(
        ("ο πιλατος τι εστιν αληθεια και τουτο ειπων παλιν εξηλθεν", "A"),
        ("ο πειλατος τι εστι αληθια και τουτο ειπω παλην εξηλθε", "B"),
        ("ο πιλατος τι εστιν αληθεια και ταυτα ειπων παλιν εξηλθεν", "C"),
        ("ο πιλατος τις εστιν αληθεια και τουτο ειπων παλιν εξηλθεν", "D"),
    )
    assert {"A": "τουτο", "B": "τουτο", "C": "ταυτα", "D": "τουτο"} in [
        readings for _, readings in _words(collation)
    ]
    assert all(len(readings["A"].split()) <= 3 for _, readings in _words(collation))


def test_a_witness_that_only_lacks_words_keeps_no_others_variants_together() -> None:
    """B lacks eight words (a papyrus with a gap, or a scribe's leap); C changes two of them,
    three words apart. B rewrites nothing there, so C's two changes are two units (B lacks
    the words of each), as they are without B."""
    collation = _greek(
        ("a b c d e f g h i j", "A"),
        ("a j", "B"),
        ("a b X d e f Y h i j", "C"),
        ("a b c d e f g h i j", "D"),
    )
    assert [r for _, r in _words(collation) if r["C"] != r["A"]] == [
        {"A": "c", "B": "", "C": "X", "D": "c"},
        {"A": "g", "B": "", "C": "Y", "D": "g"},
    ]


def test_a_word_far_off_in_some_witnesses_keeps_no_place_whole() -> None:
    """John 18:38-40 in 28 manuscripts (Stemmaweb, ``../shared/corpora/stemmaweb/john.xml``):
    ὑμῖν, ἵνα, ἐν stand a dozen words apart in some manuscripts and not in others, and the
    place used to stay one unit of 38 words across them. Now a word moved across a few words
    keeps its place whole (αἰτίαν after ἐν αὐτῷ in w211: one unit of four words), and the
    spellings of w2 beyond it are units of one word, as in a collation of w2 alone."""
    graphml = benchmark("graphml")
    collation = collate(graphml.gold_alignment("john").witnesses)
    readings = [{s: r.text.strip() for s, r in u.readings.items()} for u in collation.units]
    moved = next(r for r in readings if r["w211"] == "ευριϲκω αιτιαν εν αυτω")
    assert moved["w1"] == "αιτιαν ευριϲκω εν αυτω"
    assert {"w1": "βουλεϲθε", "w2": "βουλεϲθαι"}.items() <= next(
        r for r in readings if r["w2"] == "βουλεϲθαι"
    ).items()
    assert {"w1": "ϲυνηθια", "w2": "ϲυνηθεια"}.items() <= next(
        r for r in readings if r["w2"] == "ϲυνηθεια"
    ).items()


def test_a_word_one_witness_moved_far_keeps_no_others_variants_together() -> None:
    """C has b eight words later than the others, B lacks the passage (so the variants are
    one merged place), D changes e and i. D's two changes are two units, as they are without
    C; the words a lone word moved across hold nothing together when it moved that far."""
    collation = _greek(
        ("a b c d e f g h i j k l", "A"),
        ("a l", "B"),
        ("a c d e f g h i j b k l", "C"),
        ("a b c d E f g h I j k l", "D"),
        ("a b c d e f g h i j k l", "E"),
    )
    changed = [r for _, r in _words(collation) if r["D"] != r["A"]]
    assert changed == [
        {"A": "e", "B": "", "C": "e", "D": "E", "E": "e"},
        {"A": "i", "B": "", "C": "i", "D": "I", "E": "i"},
    ]
    assert {"A": "j", "B": "", "C": "j b", "D": "j", "E": "j"} in [r for _, r in _words(collation)]


def test_a_word_one_witness_adds_again_elsewhere_did_not_move() -> None:
    """Matthew 25:4: RP adds αὐτῶν after ἀγγείοις and, with Treg, reads αὐτῶν for ἑαυτῶν
    three words on. The same form in two places, read by Treg in one only, is no word moved
    across the words between: two variants, each no longer than what differs."""
    collation = _greek(
        ("ἐν τοῖς ἀγγείοις μετὰ τῶν λαμπάδων ἑαυτῶν. χρονίζοντος", "SBL"),
        ("ἐν τοῖς ἀγγείοις μετὰ τῶν λαμπάδων αὐτῶν. χρονίζοντος", "Treg"),
        ("ἐν τοῖς ἀγγείοις αὐτῶν μετὰ τῶν λαμπάδων αὐτῶν. χρονίζοντος", "RP"),
    )
    assert [(kind, readings["RP"].split()) for kind, readings in _words(collation)] == [
        ("addition", ["αὐτῶν"]),
        ("substitution", ["αὐτῶν"]),
    ]


def test_the_same_words_added_on_either_side_of_a_word_are_one_variant() -> None:
    """Hebrews 11:37 and Revelation 20:9: WH adds ἐπειράσθησαν before the word, RP after it;
    Treg adds ἀπὸ τοῦ θεοῦ before three words, RP after them. Each is one variant, the words
    in two places. Acts 10:48: Treg reads αὐτὸν before three words, RP after them; aligned
    with each other (as every witness is, whatever the base) that is one word moved, so one
    variant, where the SBLGNT's editors, reading from their own text, print two additions."""
    sawn = _greek(
        ("ἐλιθάσθησαν, ἐπρίσθησαν, ἐν φόνῳ", "SBL"),
        ("ἐλιθάσθησαν, ἐπειράσθησαν ἐπρίσθησαν, ἐν φόνῳ", "WH"),
        ("ἐλιθάσθησαν, ἐπρίσθησαν ἐπειράσθησαν, ἐν φόνῳ", "RP"),
    )
    assert _words(sawn) == [
        (
            "substitution",
            {
                "SBL": "ἐπρίσθησαν",
                "WH": "ἐπειράσθησαν ἐπρίσθησαν",
                "RP": "ἐπρίσθησαν ἐπειράσθησαν",
            },
        )
    ]
    fire = _greek(
        ("κατέβη πῦρ ἐκ τοῦ οὐρανοῦ καὶ κατέφαγεν", "SBL"),
        ("κατέβη πῦρ ἀπὸ τοῦ θεοῦ ἐκ τοῦ οὐρανοῦ καὶ κατέφαγεν", "Treg"),
        ("κατέβη πῦρ ἐκ τοῦ οὐρανοῦ ἀπὸ τοῦ θεοῦ καὶ κατέφαγεν", "RP"),
    )
    assert [u.type.value for u in fire.units] == ["substitution"]
    stayed = _greek(
        ("ἐγένετο δὲ ἡμέρας ἱκανὰς μεῖναι ἐν Ἰόππῃ", "SBL"),
        ("ἐγένετο δὲ αὐτὸν ἡμέρας ἱκανὰς μεῖναι ἐν Ἰόππῃ", "Treg"),
        ("ἐγένετο δὲ ἡμέρας ἱκανὰς μεῖναι αὐτὸν ἐν Ἰόππῃ", "RP"),
    )
    assert _words(stayed) == [
        (
            "substitution",
            {
                "SBL": "ἡμέρας ἱκανὰς μεῖναι",
                "Treg": "αὐτὸν ἡμέρας ἱκανὰς μεῖναι",
                "RP": "ἡμέρας ἱκανὰς μεῖναι αὐτὸν",
            },
        )
    ]


def test_the_same_words_added_on_either_side_are_a_swap_across_witnesses() -> None:
    """Twin additions are `Settings.swap_across` seen from a hub that has the words in neither
    place (D and E, copies of A, make A the hub): B reads X before b, C after it, so B and C
    read the phrase in the other order, one against the other: one unit, as the pair B/C
    would give it. Not with that rule off, nor by words (a table gives two additions), nor
    across a stretch longer than the added words and than `Settings.absorb_agreement`."""

    def units(*texts: str, **options: object) -> list[dict[str, str]]:
        witnesses = [witness_from_text(t, s) for t, s in zip(texts, "ABC", strict=True)]
        witnesses += [witness_from_text(texts[0], s) for s in "DE"]
        collation = collate(witnesses, **options)  # type: ignore[arg-type]
        return [
            {s: r.text.strip() for s, r in u.readings.items() if s in "ABC"}
            for u in collation.units
        ]

    twins = ("a b c d e", "a X b c d e", "a b X c d e")
    assert units(*twins) == [{"A": "b", "B": "X b", "C": "b X"}]
    apart = [{"A": "", "B": "X", "C": ""}, {"A": "", "B": "", "C": "X"}]
    assert units(*twins, settings=Settings(swap_across=0)) == apart
    assert units(*twins, grouping=Grouping.WORDS) == apart
    assert units("a b c d e f", "a X b c d e f", "a b c d X e f") == apart
    assert units("a b c d e f", "a X Y b c d e f", "a b c X Y d e f") == [
        {"A": "b c", "B": "X Y b c", "C": "b c X Y"}
    ]


def test_a_word_moved_across_more_than_a_swap_keeps_no_place_whole() -> None:
    """A place is kept whole across the stretch a lone word moved over only where a pair
    would read the move as one swapped phrase (`Settings.swap_across`, four words): C has b
    four words later, D changes w1 there, one unit; five words later, b's omission and its
    addition, and D's change a unit of its own."""

    def units(between: int) -> list[dict[str, str]]:
        middle = " ".join(f"w{k}" for k in range(between))
        base = f"a b {middle} z q"
        texts = [base, f"a {middle} b z q", base.replace("w1", "W1"), base, base]
        collation = collate([witness_from_text(t, s) for t, s in zip(texts, "ACDEF", strict=True)])
        return [
            {s: r.text.strip() for s, r in u.readings.items() if s in "ACD"}
            for u in collation.units
        ]

    assert units(4) == [{"A": "b w0 w1 w2 w3", "C": "w0 w1 w2 w3 b", "D": "b w0 W1 w2 w3"}]
    assert units(5) == [
        {"A": "b", "C": "", "D": "b"},
        {"A": "w1", "C": "w1", "D": "W1"},
        {"A": "", "C": "b", "D": ""},
    ]


def test_a_shared_word_at_the_end_of_one_reading_still_parts_two_variants() -> None:
    """Acts 15:20: NIV and RP read ἐπεστείλαμεν; RP alone adds a clause after κρίναντες, which
    ends the others' readings."""
    collation = _greek(
        ("ἡμεῖς ἀπεστείλαμεν κρίναντες φυλάσσεσθαι αὐτοὺς", "SBL"),
        ("ἡμεῖς ἀπεστείλαμεν κρίναντες φυλάσσεσθαι αὐτοὺς", "WH"),
        ("ἡμεῖς ἐπεστείλαμεν κρίναντες φυλάσσεσθαι αὐτοὺς", "NIV"),
        ("ἡμεῖς ἐπεστείλαμεν κρίναντες μηδὲν τοιοῦτον τηρεῖν φυλάσσεσθαι αὐτοὺς", "RP"),
    )
    assert [{s: r.text.strip() for s, r in u.readings.items()} for u in collation.units] == [
        {"SBL": "ἀπεστείλαμεν", "WH": "ἀπεστείλαμεν", "NIV": "ἐπεστείλαμεν", "RP": "ἐπεστείλαμεν"},
        {"SBL": "", "WH": "", "NIV": "", "RP": "μηδὲν τοιοῦτον τηρεῖν"},
    ]


def test_a_phrase_one_witness_rewrote_stays_one_unit() -> None:
    collation = collate(
        [
            witness_from_text("τότε Ἔφη αὐτῷ ὁ Ἰωάννης καὶ", "SBL"),
            witness_from_text("τότε Ἔφη αὐτῷ ὁ Ἰωάννης καὶ", "WH"),
            witness_from_text("τότε Ἀπεκρίθη δὲ αὐτῷ Ἰωάννης καὶ", "RP"),
        ]
    )
    assert _units(collation) == [
        ("substitution", {"SBL": "Ἔφη αὐτῷ ὁ", "WH": "Ἔφη αὐτῷ ὁ", "RP": "Ἀπεκρίθη δὲ αὐτῷ"})
    ]


def test_every_unit_lists_every_witness() -> None:
    """B leaves out "black", C changes "cat": two variants side by side, each grouping the
    witnesses its own way, are two units."""
    assert _units(toy()) == [
        ("omission", {"A": "black ", "B": "", "C": "black "}),
        ("substitution", {"A": "cat", "B": "cat", "C": "dog"}),
        ("addition", {"A": "", "B": "old ", "C": ""}),
        ("substitution", {"A": ".", "B": ".", "C": "!"}),
        ("substitution", {"A": "by", "B": "by", "C": "near"}),
        ("addition", {"A": "", "B": "warm ", "C": ""}),
    ]


def test_apparatus_groups_the_witnesses_that_agree() -> None:
    text = render_apparatus_text(darwin_collation())
    assert "1.2 When] And if 1869 1872 | I think] om. 1869 1872" in text
    assert "greater] great 1860 1861 1866 1869 1872" in text


def darwin_collation() -> Collation:
    return collate(darwin())


def test_the_order_of_the_other_witnesses_does_not_matter() -> None:
    witnesses = darwin()
    reference = sorted(_units_by_place(collate(witnesses)))
    for others in itertools.islice(itertools.permutations(witnesses[1:]), 0, 120, 37):
        collation = collate([witnesses[0], *others])
        assert sorted(_units_by_place(collation)) == reference


def _units_by_place(collation: Collation) -> list[tuple[str, tuple[tuple[str, int, int], ...]]]:
    return [
        (u.type.value, tuple(sorted((s, r.start, r.end) for s, r in u.readings.items())))
        for u in collation.units
    ]


def test_base_option_picks_the_base_among_many() -> None:
    collation = collate(darwin(), base="1872")
    assert collation.sigla[0] == "1872"
    assert all(collation.rebuild(s) == collation.witness(s).text for s in collation.sigla)


def test_darwin_chapter_one_six_editions_rebuild_exactly() -> None:
    collation = collate(darwin("chapter1"))
    for witness in collation.witnesses:
        assert collation.rebuild(witness.siglum) == witness.text
    assert len(collation.units) > 400


@settings(max_examples=40, deadline=None)
@given(related_triples())
def test_any_five_texts_rebuild_from_every_export(texts: tuple[str, str, str]) -> None:
    """Five witnesses, two of them mixing the others' halves (so that their variants overlap
    in different ways): every witness comes back from the collation, the word table and TEI."""
    a, b, c = texts
    bw, cw = b.split(" "), c.split(" ")
    mixed = [" ".join(bw[: len(bw) // 2] + cw[len(cw) // 2 :])]
    mixed.append(" ".join(cw[: len(cw) // 2] + bw[len(bw) // 2 :]))
    witnesses = [
        witness_from_text(t + ".", s) for t, s in zip([a, b, c, *mixed], "ABCDE", strict=True)
    ]
    collation = collate(witnesses)
    rows = word_rows(collation, token_columns(collation))
    back = read_tei("x.xml", render_document(collation, ApparatusFormat.TEI).encode())
    assert [w.text for w in back] == [w.text for w in witnesses]
    for witness in witnesses:
        assert collation.rebuild(witness.siglum) == witness.text
        assert "".join(row.get(witness.siglum, "") for row in rows) == witness.text


def test_an_omission_where_moved_words_start_keeps_the_witness_in_order() -> None:
    """Found by the property test below: B omits "the the" where its moved words begin, and
    the merge took B's reading of the moved words' place from the rows out of order."""
    texts = (
        " the cat the sat the the the the the .\n",
        " the the the the cat the sat .\n",
        " the cat the sat the the the the the .\n",
    )
    collation = collate([witness_from_text(t, s) for t, s in zip(texts, "ABC", strict=True)])
    for witness in collation.witnesses:
        assert collation.rebuild(witness.siglum) == witness.text


@given(related_triples())
def test_any_three_texts_rebuild_exactly(texts: tuple[str, str, str]) -> None:
    witnesses = [witness_from_text(t + ".", s) for t, s in zip(texts, "ABC", strict=True)]
    collation = collate(witnesses)
    for witness in witnesses:
        assert collation.rebuild(witness.siglum) == witness.text


@pytest.mark.parametrize("method", list(TeiMethod))
def test_tei_for_six_witnesses_is_valid_and_round_trips(
    method: TeiMethod, tei_schema: etree.RelaxNG
) -> None:
    collation = darwin_collation()
    document = render_document(collation, ApparatusFormat.TEI, tei_method=method)
    assert tei_schema.validate(etree.fromstring(document.encode())), tei_schema.error_log
    assert '<rdg wit="#wit-1869 #wit-1872">And if</rdg>' in document
    back = read_tei("darwin.xml", document.encode())
    assert [(w.siglum, w.text) for w in back] == [(w.siglum, w.text) for w in collation.witnesses]


def test_tables_and_json_for_many_witnesses() -> None:
    collation = toy()
    rows = render_document(collation, ApparatusFormat.CSV).splitlines()
    assert rows[0] == "A,B,C"
    data = json.loads(render_document(collation, ApparatusFormat.JSON))
    assert [w["siglum"] for w in data["witnesses"]] == ["A", "B", "C"]
    assert all(set(u["readings"]) == {"A", "B", "C"} for u in data["units"])
    table = json.loads(render_document(collation, ApparatusFormat.JSON_COLLATEX))
    for index, witness in enumerate(collation.witnesses):
        text = "".join(t["t"] for column in table["table"] for t in column[index])
        assert text == witness.text


def test_more_than_a_hundred_witnesses_is_refused() -> None:
    witnesses = [witness_from_text("a b c", f"W{n}") for n in range(101)]
    with pytest.raises(CollationError, match="101 witnesses given; a collation takes at most 100"):
        collate(witnesses)


def test_a_witness_that_shares_nothing() -> None:
    collation = collate(
        [
            witness_from_text("the cat sat", "A"),
            witness_from_text("the cat sat", "B"),
            witness_from_text("zzz yyy", "C"),
        ]
    )
    assert all(collation.rebuild(s) == collation.witness(s).text for s in collation.sigla)
    assert collation.units[0].readings["C"].text == "zzz yyy"


def test_side_by_side_shows_six_columns_and_says_so(tmp_path: Path) -> None:
    paths = []
    for number in range(8):
        path = tmp_path / f"w{number}.txt"
        path.write_text(f"The cat sat {'on ' * (number % 3)}the mat.\n", encoding="utf-8")
        paths.append(str(path))
    result = runner.invoke(
        app, ["compare", *paths, "--side-by-side", "--no-color", "--width", "200"]
    )
    assert result.exit_code == 0, result.output
    assert "Columns for w6, w7 are not shown" in result.stdout


def test_a_witness_that_starts_late_has_a_lacuna_not_an_omission(
    tei_schema: etree.RelaxNG,
) -> None:
    full = "One two three four five six seven. The cat sat on the mat. It slept by the fire.\n"
    witnesses = [
        witness_from_text(full, "A"),
        witness_from_text(full.replace("mat", "rug"), "B"),
        witness_from_text("The cat sat on the mat. It slept by the warm fire.\n", "F"),
    ]
    collation = collate(witnesses)
    first = collation.units[0]
    assert first.lacunae == ("F",)
    assert first.readings["F"].text == ""
    text = render_apparatus_text(collation)
    assert "1.1 One … seven.] lac. F" in text
    document = render_document(collation, ApparatusFormat.TEI)
    assert '<rdg wit="#F" type="lacuna"><lacunaStart/><lacunaEnd/></rdg>' in document
    assert tei_schema.validate(etree.fromstring(document.encode()))
    back = read_tei("fragment.xml", document.encode())
    assert [w.text for w in back] == [w.text for w in witnesses]
    assert json.loads(render_json(collation))["units"][0]["lacunae"] == ["F"]


def test_a_fragment_does_not_keep_the_others_variants_together() -> None:
    """A witness that ends early lacks the rest; the variants of the others there are still
    cut apart as they group (B changes two words, C the first of them: two units, as with
    no fragment), and every witness is rebuilt exactly. The Legend of Bishop Henry and the
    Florilegium have such fragments (`benchmarks/graphml.py`)."""
    witnesses = [
        witness_from_text("a b c d e f g h i", "A"),
        witness_from_text("a b X Y e f g h i", "B"),
        witness_from_text("a b X d e f g h i", "C"),
        witness_from_text("a b", "D"),
    ]
    collation = collate(witnesses)
    worded = [u for u in collation.units if u.readings["A"].text.strip()]
    assert [(u.lacunae, {s: r.text for s, r in u.readings.items()}) for u in worded] == [
        (("D",), {"A": "c", "B": "X", "C": "X", "D": ""}),
        (("D",), {"A": "d", "B": "Y", "C": "d", "D": ""}),
        (("D",), {"A": " e f g h i", "B": " e f g h i", "C": " e f g h i", "D": ""}),
    ]
    assert [collation.rebuild(w.siglum) for w in witnesses] == [w.text for w in witnesses]


# A stretch of 63 tokens that A, B and C read; D reads four words of its own in its place
_PROLOGUE = "In the morning the village was quiet. "
_STRETCH = (
    "The farmer rose at dawn and walked to the far field where the old oak stood alone; "
    "he sat beneath it for an hour and watched the river run past the mill towards the sea, "
    "thinking of the harvest to come. At noon he went home to eat bread and cheese with his "
    "wife and children by the fire. "
)
_EPILOGUE = "Then the rain began to fall.\n"


def _long_lack(own: str = "Nothing happened that day. ", stretch: str = _STRETCH) -> list[Witness]:
    return [
        witness_from_text(_PROLOGUE + stretch + _EPILOGUE, "A"),
        witness_from_text(
            _PROLOGUE
            + stretch.replace(" far ", " distant ").replace("river", "stream")
            + _EPILOGUE,
            "B",
        ),
        witness_from_text(_PROLOGUE + stretch.replace("old oak", "oak") + _EPILOGUE, "C"),
        witness_from_text(_PROLOGUE + own + _EPILOGUE, "D"),
    ]


def test_a_witness_that_lacks_a_long_stretch_keeps_no_others_variants_together() -> None:
    """D reads four words of its own where A, B and C read 63 tokens (as the Frankenstein
    notebook reads one line for a page of the printed editions, Variorum C20); B changes two
    words there, C drops one. Each variant is a unit of its own, as without D; D's words
    stand in the first piece (they share no word with the stretch), and in every other piece
    D reads nothing: an omission (``om. D``), not a lacuna. From D as the base the pieces
    stay apart. Switched off (`Settings.lack_words`), the stretch is one unit."""
    witnesses = _long_lack()
    collation = collate(witnesses)
    rest = (
        " run past the mill towards the sea, thinking of the harvest to come. At noon he went"
        " home to eat bread and cheese with his wife and children by the fire"
    )
    common = "oak stood alone; he sat beneath it for an hour and watched the "
    assert _units(collation) == [
        (
            "substitution",
            {
                "A": "The farmer rose at ",
                "B": "The farmer rose at ",
                "C": "The farmer rose at ",
                "D": "Nothing happened that day",
            },
        ),
        ("omission", dict.fromkeys("ABC", "dawn and walked to the ") | {"D": ""}),
        ("substitution", {"A": "far", "B": "distant", "C": "far", "D": ""}),
        ("omission", dict.fromkeys("ABC", " field where the ") | {"D": ""}),
        ("omission", {"A": "old ", "B": "old ", "C": "", "D": ""}),
        ("omission", dict.fromkeys("ABC", common) | {"D": ""}),
        ("substitution", {"A": "river", "B": "stream", "C": "river", "D": ""}),
        ("omission", dict.fromkeys("ABC", rest) | {"D": ""}),
    ]
    assert not any(unit.lacunae for unit in collation.units)
    assert "far] distant B; om. D" in render_apparatus_text(collation)
    assert [collation.rebuild(w.siglum) for w in witnesses] == [w.text for w in witnesses]
    from_d = collate(witnesses, base="D")
    assert [u.readings["B"].text for u in from_d.units] == [
        u.readings["B"].text for u in collation.units
    ]
    (whole,) = collate(witnesses, settings=Settings(lack_words=None)).units
    assert whole.readings["D"].text == "Nothing happened that day"
    assert whole.readings["A"].text == _STRETCH[:-2]


def test_a_short_lack_is_no_long_lack() -> None:
    """D reads one word for 31 tokens of the others (29 beside it: fewer than
    `Settings.lack_words`, 30), and in a second case nine words for the 63 tokens (more than a
    tenth of them, `Settings.lack_share`: a rewrite): the rule changes nothing in either, where
    a lower bound would."""
    short = _STRETCH[: _STRETCH.index(" past the mill")] + ". "
    cases = (
        (_long_lack(own="Nothing. ", stretch=short), Settings(lack_words=20)),
        (
            _long_lack(own="Nothing at all happened on that day, as you know. "),
            Settings(lack_share=0.2),
        ),
    )
    for witnesses, lower in cases:
        on = collate(witnesses)
        off = render_json(collate(witnesses, settings=Settings(lack_words=None)))
        assert render_json(on) == off
        assert render_json(collate(witnesses, settings=lower)) != off
        assert [on.rebuild(w.siglum) for w in witnesses] == [w.text for w in witnesses]


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _substantial(collation: Collation, sigla: Sequence[str]) -> list[tuple[str, ...]]:
    """Each unit that is not of layout alone: the readings of ``sigla``, whitespace as one
    space."""
    return [
        tuple(_spaced(unit.readings[s].text) for s in sigla)
        for unit in collation.units
        if unit.variant_class is not VariantClass.LAYOUT
    ]


def _rewrapped(witness: Witness, siglum: str = "L", width: int = 30) -> Witness:
    return witness_from_text(textwrap.fill(_spaced(witness.text), width) + "\n", siglum)


@pytest.mark.parametrize("layout", ["wrapped", "one paragraph", "both"])
def test_a_copy_laid_out_otherwise_changes_no_unit_of_the_letter(layout: str) -> None:
    """Issue 13's item 3 with three witnesses or more: the Baku letter beside Medvedev's and a
    copy of the Baku letter re-wrapped at 64 columns (or made one paragraph, or both copies)
    give the 94 units of the letter that are not of layout alone, each with the readings it
    has beside Medvedev's alone, and the copies read as Baku does in every one. Baku's
    passage that Medvedev lacks ("We know, however, that these resources are insufficient…")
    is one unit, not six cut at the copy's line breaks."""
    medvedev = load_witness(WITNESSES / "medvedev-1926.txt", "M")
    baku = load_witness(WITNESSES / "baku-1924.txt", "B")
    layouts = ["wrapped", "one paragraph"] if layout == "both" else [layout]
    copies = [witness_from_text(baku_laid_out(name), str(n)) for n, name in enumerate(layouts)]
    alone = _substantial(collate([medvedev, baku]), ("M", "B"))
    collation = collate([medvedev, baku, *copies])
    assert len(alone) == 94
    assert _substantial(collation, ("M", "B")) == alone
    for copy in copies:
        assert _substantial(collation, copy.siglum) == _substantial(collation, "B")
    passage = [u for u in collation.units if "these resources are" in u.readings["B"].text]
    assert len(passage) == 1
    assert passage[0].readings["B"].text.rstrip().endswith("granted such credits.")
    witnesses = [medvedev, baku, *copies]
    assert [collation.rebuild(w.siglum) for w in witnesses] == [w.text for w in witnesses]


@pytest.mark.parametrize("copied", ["A", "B", "C", "D"])
def test_a_re_wrapped_copy_does_not_cut_a_long_lack(copied: str) -> None:
    """D lacks a long stretch the others read (`Settings.lack_words`); a copy of one witness
    re-wrapped at 30 columns, its line breaks where the others have spaces, is no variant that
    cuts the stretch D lacks: the units are those of the four witnesses alone, and the copy
    reads as its original in each."""
    witnesses = _long_lack()
    copy = _rewrapped(next(w for w in witnesses if w.siglum == copied))
    collation = collate([*witnesses, copy])
    assert _substantial(collation, "ABCD") == _substantial(collate(witnesses), "ABCD")
    assert _substantial(collation, "L") == _substantial(collation, copied)
    everyone = [*witnesses, copy]
    assert [collation.rebuild(w.siglum) for w in everyone] == [w.text for w in everyone]


def test_a_re_wrapped_copy_does_not_cut_a_lacuna() -> None:
    """E starts late (a lacuna, `Settings.lacuna_words`); a copy of B re-wrapped at 30 columns
    leaves the stretch E lacks one unit, as it is without the copy."""
    witnesses = _long_lack()[:3]
    fragment = witness_from_text(_STRETCH[_STRETCH.index("walked") :] + _EPILOGUE, "E")
    copy = _rewrapped(witnesses[1])
    alone = collate([*witnesses, fragment])
    collation = collate([*witnesses, fragment, copy])
    assert _substantial(collation, "ABCE") == _substantial(alone, "ABCE")
    assert _substantial(collation, "L") == _substantial(collation, "B")
    assert [u.lacunae for u in collation.units if u.variant_class is not VariantClass.LAYOUT] == [
        u.lacunae for u in alone.units
    ]


@pytest.mark.parametrize("layout", ["one paragraph", "rewrapped", "reparagraphed"])
def test_a_copy_laid_out_otherwise_changes_no_generated_unit(layout: str) -> None:
    """The robustness benchmark's layouts (`benchmarks/robustness.py`: one paragraph,
    re-wrapped at 60 to 80 columns, paragraphed elsewhere) applied to a copy of the first
    edited witness, beside the base and the edited witnesses (one copy with edits, or 3 to 5
    along a random stemma): the units not of layout alone are those without the laid-out
    copy, and it reads as its original in each."""
    robustness = benchmark("robustness")
    passages = robustness._passages("darwin")
    vocabulary = sorted({w for p in passages for w in re.findall(r"[A-Za-z]+", p)})
    rng = random.Random(f"laid out: {layout}")
    for _ in range(4):
        base = witness_from_text(rng.choice(passages), "A")
        editor = robustness._Editor(base, rng, vocabulary)
        robustness._edits(40, 1, 6, margin=3)(editor)
        edited = [witness_from_text(robustness._assemble(base, editor.ops)[0], "B")]
        stemma = robustness._stemma_case(base, rng, vocabulary)
        for copies in (edited, [c for c, _ in stemma.copies] if stemma else []):
            if not copies:
                continue
            cells = [[t.text, t.space] for t in copies[0].tokens]
            robustness._layout(layout, rng)(cells)
            copy = witness_from_text("".join(t + s for t, s in cells), "L")
            sigla = ("A", *(c.siglum for c in copies))
            collation = collate([base, *copies, copy])
            assert _substantial(collation, sigla) == _substantial(collate([base, *copies]), sigla)
            assert _substantial(collation, "L") == _substantial(collation, (copies[0].siglum,))
            everyone = [base, *copies, copy]
            assert [collation.rebuild(w.siglum) for w in everyone] == [w.text for w in everyone]


def test_a_word_spaced_otherwise_inside_a_place_still_parts_its_variants() -> None:
    """D rewrites the phrase (one place, `Settings.absorb_agreement`); L, a copy of B, breaks
    the line after "saw". The place is cut at "saw" as at "the", words every witness reads
    alike whatever follows them (a line break against a space): the units are those without
    L, and L's line break is a unit of layout of its own between them."""
    words = "Some words come first here and then more words follow them, the {} and the end. "
    texts = {
        "A": "old man saw the grey dog",
        "B": "young man saw the grey dog",
        "C": "old man saw the black dog",
        "D": "tall woman saw the brown cat",
    }
    witnesses = [witness_from_text(words.format(t), s) for s, t in texts.items()]
    copy = witness_from_text(words.format("young man saw\nthe grey dog"), "L")
    collation = collate([*witnesses, copy])
    assert _substantial(collation, "ABCD") == _substantial(collate(witnesses), "ABCD")
    assert [
        (u.variant_class.value, u.readings["B"].text, u.readings["L"].text) for u in collation.units
    ] == [
        ("substantive", "young ", "young "),
        ("substantive", "man ", "man "),
        ("layout", " ", "\n"),
        ("substantive", "grey ", "grey "),
        ("substantive", "dog", "dog"),
    ]
    everyone = [*witnesses, copy]
    assert [collation.rebuild(w.siglum) for w in everyone] == [w.text for w in everyone]


def test_no_unit_is_empty_in_every_witness() -> None:
    """B is the hub; G lacks its first nine words (a lacuna), and A adds "old" right where that
    stretch is cut. A's added word is a unit of its own, not the end of the lacuna's first
    unit (a stretch only a lacuna varies ends before words added at its end,
    `Settings.lacuna_words`); no unit is left behind in which every witness reads nothing."""
    witnesses = [
        witness_from_text("the old man walked slowly along the river bank towards the town", "A"),
        witness_from_text("the man walked slowly along the river bank towards the old town", "B"),
        witness_from_text("the old town", "G"),
    ]
    collation = collate(witnesses)
    assert all(any(r.text for r in u.readings.values()) for u in collation.units)
    assert [({s: r.text for s, r in u.readings.items()}, u.lacunae) for u in collation.units][
        :2
    ] == [
        ({"A": "the ", "B": "the ", "G": ""}, ("G",)),
        ({"A": "old ", "B": "", "G": ""}, ("G",)),
    ]
    assert [collation.rebuild(w.siglum) for w in witnesses] == [w.text for w in witnesses]


def test_a_lacuna_mark_in_the_middle_of_a_witness_is_a_lacuna(
    tei_schema: etree.RelaxNG,
) -> None:
    """A gap in a damaged witness, marked [...] by its transcriber (the Leiden convention),
    lacks the text there rather than reading "[...]" for it."""
    full = "The cat sat on the old mat by the door. It slept by the fire.\n"
    witnesses = [
        witness_from_text(full, "A"),
        witness_from_text("The cat sat on [...] door. It slept by the warm fire.\n", "G"),
        witness_from_text(full.replace("old", "new"), "B"),
    ]
    collation = collate(witnesses)
    lacking = [u for u in collation.units if u.lacunae]
    assert [(u.lacunae, u.readings["A"].text, u.readings["G"].text) for u in lacking] == [
        (("G",), "the old mat by the", "[...]")
    ]
    # (units do not overlap: B's variant inside G's lacuna is read in the lacuna's unit)
    assert "1.1 the … the] lac. G; the new mat by the B" in render_apparatus_text(collation)
    document = render_document(collation, ApparatusFormat.TEI)
    assert '<rdg wit="#G" type="lacuna"><lacunaStart/>[...]<lacunaEnd/></rdg>' in document
    page = render_document(collation, ApparatusFormat.HTML)
    assert 'class="v substitution c-substantive lacuna" data-unit="u1">[...]</span>' in page
    assert tei_schema.validate(etree.fromstring(document.encode()))
    back = read_tei("damaged.xml", document.encode())
    assert [w.text for w in back] == [w.text for w in witnesses]
    # two witnesses: the same
    pair = collate(witnesses[:2])
    assert [u.lacunae for u in pair.units] == [("G",), ()]


def test_a_gap_in_a_tei_edition_from_elsewhere_is_read_as_a_lacuna() -> None:
    document = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
      <p>The cat sat on <app><lem wit="#A #B">the old mat</lem><rdg wit="#C"><gap
      reason="lost"/></rdg></app> by the door, <app><lem wit="#A #C">and</lem><rdg
      wit="#B"><lacunaStart/></rdg></app> slept<app><lem wit="#A #C"/><rdg
      wit="#B"><lacunaEnd/></rdg></app> by the fire.</p></body></text></TEI>"""
    witnesses = read_tei("edition.xml", document)
    texts = {w.siglum: w.text for w in witnesses}
    assert texts["C"] == "The cat sat on […] by the door, and slept by the fire.\n"
    assert texts["B"] == "The cat sat on the old mat by the door, […] slept by the fire.\n"
    collation = collate(witnesses)
    assert [(u.readings["A"].text, u.lacunae) for u in collation.units] == [
        ("the old mat", ("C",)),
        ("and", ("B",)),
    ]


def test_collatex_engine_aligns_inside_segment_groups() -> None:
    witnesses = darwin()
    collation = collate(witnesses, engine="collatex")
    for witness in witnesses:
        assert collation.rebuild(witness.siglum) == witness.text
    first = collation.units[0]
    assert first.type.value == "addition"
    assert first.readings["1866"].text == "Causes of Variability. "
    assert {s for s, r in first.readings.items() if not r.text} == {"1859", "1860", "1861"}


def test_collatex_engine_refuses_a_segment_over_its_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from collate.engine import _collatex as collatex_engine

    monkeypatch.setattr(collatex_engine, "MAX_SEGMENT_TOKENS", 10)
    a = witness_from_text("one two three four five six seven eight nine ten eleven", "A")
    b = witness_from_text("one two three four five six seven eight nine ten twelve", "B")
    with pytest.raises(CollationError, match="segment 1 has 11 tokens in A; CollateX is given"):
        collate([a, b], engine="collatex")


def test_unknown_engine() -> None:
    a, b = witness_from_text("a b", "A"), witness_from_text("a c", "B")
    with pytest.raises(CollationError, match="--engine x: no such engine"):
        collate([a, b], engine="x")


@pytest.mark.parametrize("method", list(TeiMethod))
def test_majority_lemmata(method: TeiMethod, tei_schema: etree.RelaxNG) -> None:
    """--base majority: each lemma is the reading most witnesses share (ties: the earlier)."""
    witnesses = darwin()
    collation = collate(witnesses, base="majority")
    text = render_apparatus_text(collation)
    assert "Base text: 1859; lemmata: the majority reading" in text
    assert "great] greater 1859" in text
    greater = next(u for u in collation.units if u.readings["1859"].text == "greater")
    assert greater.lemma == "1860"  # five witnesses read "great"; 1860 is the first of them
    document = render_document(collation, ApparatusFormat.TEI, tei_method=method)
    assert tei_schema.validate(etree.fromstring(document.encode()))
    assert '<rdg wit="#wit-1859">greater</rdg>' in document
    back = read_tei("majority.xml", document.encode())
    assert [w.text for w in back] == [w.text for w in witnesses]
    data = json.loads(render_json(collation))
    assert any(u.get("lemma") == "1860" for u in data["units"])


def test_a_block_moved_in_one_witness_is_one_transposition_everywhere(
    tei_schema: etree.RelaxNG,
) -> None:
    text = "one two three four five six seven eight nine ten.\n"
    witnesses = [
        witness_from_text(text, "A"),
        witness_from_text(text, "B"),
        witness_from_text("six seven eight one two three four five nine ten.\n", "C"),
    ]
    collation = collate(witnesses)
    [unit] = collation.units
    assert (unit.type.value, unit.moved) == ("transposition", ("C",))
    assert unit.readings["C"].start == 0
    assert unit.readings["A"].start == 24
    assert render_apparatus_text(collation).splitlines()[-1] == "1.1 six seven eight] transp. C"
    for method in TeiMethod:
        document = render_document(collation, ApparatusFormat.TEI, tei_method=method)
        assert tei_schema.validate(etree.fromstring(document.encode()))
        back = read_tei("moved.xml", document.encode())
        assert [w.text for w in back] == [w.text for w in witnesses]
    assert all(collation.rebuild(w.siglum) == w.text for w in witnesses)


def _moved_by_b_and_c(word: str, d_reads: str) -> list[Witness]:
    """A; B and C with "alpha beta gamma" moved to the end; D with ``word`` changed."""
    text = "alpha beta gamma one two three four five six seven end.\n"
    moved = "one two three four five six seven alpha beta gamma end.\n"
    return [
        witness_from_text(text, "A"),
        witness_from_text(moved, "B"),
        witness_from_text(moved, "C"),
        witness_from_text(text.replace(word, d_reads), "D"),
    ]


def test_a_block_moved_in_several_witnesses_is_one_transposition(
    tei_schema: etree.RelaxNG,
) -> None:
    witnesses = _moved_by_b_and_c("seven", "eight")
    collation = collate(witnesses)
    assert [(u.type.value, u.moved) for u in collation.units] == [
        ("transposition", ("B", "C")),
        ("substitution", ()),
    ]
    assert render_apparatus_text(collation).splitlines()[-1] == (
        "1.1 alpha beta gamma] transp. B C | seven] eight D"
    )
    for method in TeiMethod:
        document = render_document(collation, ApparatusFormat.TEI, tei_method=method)
        assert tei_schema.validate(etree.fromstring(document.encode()))
        assert document.count('xml:id="u1-moved"') == 1
        back = read_tei("moved.xml", document.encode())
        assert [w.text for w in back] == [w.text for w in witnesses]
    assert all(collation.rebuild(w.siglum) == w.text for w in witnesses)


def test_a_transposition_whose_place_holds_another_variant_names_the_words() -> None:
    """The moved words' place also holds D's change: that place is a substitution, where the
    movers read the words they moved, and D its own reading."""
    witnesses = _moved_by_b_and_c("end", "finish")
    collation = collate(witnesses)
    assert render_apparatus_text(collation).splitlines()[-1] == (
        "1.1 alpha beta gamma] transp. B C | end] alpha beta gamma end B C; finish D"
    )
    assert all(collation.rebuild(w.siglum) == w.text for w in witnesses)


def _exports_rebuild(collation: Collation, tei_schema: etree.RelaxNG) -> None:
    """Every witness comes back from the collation, both TEI encodings (valid) and the JSON
    export's readings."""
    texts = [(w.siglum, w.text) for w in collation.witnesses]
    assert all(collation.rebuild(s) == t for s, t in texts)
    for method in TeiMethod:
        document = render_document(collation, ApparatusFormat.TEI, tei_method=method)
        assert tei_schema.validate(etree.fromstring(document.encode())), tei_schema.error_log
        assert [(w.siglum, w.text) for w in read_tei("m.xml", document.encode())] == texts
    data = json.loads(render_json(collation))
    for unit in data["units"]:
        for siglum, text in texts:
            reading = unit["readings"][siglum]
            assert text[reading["start"] : reading["end"]] == reading["text"]


_LACKS_MOVED = {
    "T1": "the the the the the the the the the – the the the the the the cat cat cat ",
    "T2": "the the the the the the the the the the cat cat cat the the the the the the ",
    "T3": "the the the the the the the the the the the the the the the cat cat dog ",
}


@pytest.mark.parametrize(
    ("base", "last_entry"),
    [
        # T2 has the words where T1 does not: moved; T3 has them nowhere: it omits them
        ("T1", "cat cat cat] transp. T2; om. T3"),
        # from the witness the alignment is made on: T1 moved them, T3 reads as T2 here
        ("T2", "the] transp. T1"),
        # T3 lacks the words at both places: T1 adds them here, after the word T3 lacks too
        # (T2 adds them at its own place)
        ("T3", "cat cat dog] the cat cat cat T1; the T2"),
    ],
)
def test_a_witness_that_lacks_moved_words_is_not_said_to_have_moved_them(
    base: str, last_entry: str, tei_schema: etree.RelaxNG
) -> None:
    """T2 moved "cat cat cat" into a place that holds another change (so the two places are
    not one unit); T3 only lacks the words (alone with T2, "om. T3"). At T1's place T2 is
    printed as transposing them and T3 as omitting them, in every export; seen from T3,
    which never has the words, nobody transposes them there: T1 adds them."""
    witnesses = [witness_from_text(text, siglum) for siglum, text in _LACKS_MOVED.items()]
    collation = collate(witnesses, base=base)
    entries = render_apparatus_text(collation).splitlines()[-1].split(" | ")
    assert entries[-1] == last_entry
    _exports_rebuild(collation, tei_schema)


def test_a_witness_that_lacks_moved_words_is_an_omission_in_every_export() -> None:
    """Seen from T1, the unit at the words' place is a transposition by T2 alone: JSON names
    T2 in ``transposed``, TEI gives T3 a reading of its own typed an omission, LaTeX and the
    page print "om." for T3."""
    witnesses = [witness_from_text(text, siglum) for siglum, text in _LACKS_MOVED.items()]
    collation = collate(witnesses)
    unit = collation.units[-1]
    assert (unit.type.value, unit.moved) == ("transposition", ())
    assert [unit.transposes(s, "T1") for s in ("T2", "T3")] == [True, False]
    data = json.loads(render_json(collation))
    assert data["units"][-1]["transposed"] == ["T2"]
    assert all("transposed" not in u for u in data["units"][:-1])
    tei = render_document(collation, ApparatusFormat.TEI)
    assert (
        '<app type="transposition" xml:id="u3"><lem wit="#T1">cat cat cat </lem>'
        '<rdg wit="#T2"/><rdg wit="#T3" type="omission"/></app>'
    ) in tei
    latex = render_document(collation, ApparatusFormat.LATEX)
    assert r"\edtext{cat cat cat}{\Afootnote{\emph{transp.} T2; \emph{om.} T3}}" in latex
    page = render_document(collation, ApparatusFormat.HTML)
    assert "transp. T2; om. T3" in page


_MOVED_BY_ONE = {
    "A": "alpha beta gamma one two three four five six seven end.\n",
    "E": "alpha beta gamma one two three four five six seven end.\n",
    "B": "one two three four five six seven alpha beta gamma end.\n",
    "C": "one two three four five six seven end.\n",
}


def _printed(collation: Collation) -> list[tuple[str, dict[str, set[str]]]]:
    """Each apparatus entry as its lemma and, by note, the witnesses printed with it (in any
    order)."""
    return [
        (entry.lemma, {note.text: set(note.sigla) for note in entry.notes})
        for entry in entries(collation, alignment_rows(collation))
    ]


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        (
            "A",
            [
                # B has the words at the end; C has them nowhere
                ("alpha beta gamma", {"transp.": {"B"}, "om.": {"C"}}),
                ("seven", {"transp.": {"B"}}),
            ],
        ),
        (
            "B",
            [
                ("one", {"transp.": {"A", "E"}}),
                # A and E have the words at their own place; C has them nowhere
                ("alpha beta gamma", {"transp.": {"A", "E"}, "om.": {"C"}}),
            ],
        ),
        (
            "C",
            [
                ("one", {"alpha beta gamma praem.": {"A", "E"}}),
                # C lacks the words at both places: B adds them, as A and E do
                ("seven", {"alpha beta gamma add.": {"B"}}),
            ],
        ),
    ],
)
def test_witnesses_that_lack_moved_words_are_not_said_to_have_moved_them_in_any_order(
    base: str, expected: list[tuple[str, dict[str, set[str]]]], tei_schema: etree.RelaxNG
) -> None:
    """Four witnesses: B moved "alpha beta gamma" to the end, C lacks the words (so their
    first place holds C's omission too, and the two places are not one unit). At either
    place, the witnesses on the other side of the move transposed the words and C omits
    them; seen from C, which never has them, A and E add them at the first place and B at
    the second. The same whatever order the witnesses are given in."""
    witnesses = [witness_from_text(text, siglum) for siglum, text in _MOVED_BY_ONE.items()]
    for order in itertools.permutations(witnesses):
        collation = collate(list(order), base=base)
        assert _printed(collation) == expected, [w.siglum for w in order]
    _exports_rebuild(collate(witnesses, base=base), tei_schema)


def test_words_a_witness_moves_and_adds_to_leave_no_empty_unit_behind() -> None:
    """B moved "alpha beta gamma" to the end and reads "finish" after them; C and D lack the
    words. B's moved words and "finish" belong to the entry at "end" (from any base): the
    place of the moves where nothing is left used to be an entry of its own with no reading
    that differs ("end] " alone)."""
    text = "alpha beta gamma one two three four five six seven end.\n"
    shorter = "one two three four five six seven end.\n"
    witnesses = [
        witness_from_text(text, "A"),
        witness_from_text("one two three four five six seven alpha beta gamma finish.\n", "B"),
        witness_from_text(shorter, "C"),
        witness_from_text(shorter, "D"),
    ]
    for base, last_line in [
        ("A", "1.1 alpha beta gamma] transp. B; om. C D | end] alpha beta gamma finish B"),
        ("B", "1.1 one] transp. A | alpha beta gamma finish] end A C D"),
        ("C", "1.1 one] alpha beta gamma praem. A | end] alpha beta gamma finish B"),
    ]:
        collation = collate(witnesses, base=base)
        assert render_apparatus_text(collation).splitlines()[-1] == last_line
        assert all(len({r.text for r in u.readings.values()}) > 1 for u in collation.units)
        assert all(collation.rebuild(w.siglum) == w.text for w in witnesses)


@settings(max_examples=40, deadline=None)
@given(moved_families())
def test_a_witness_printed_as_transposing_words_has_them_elsewhere(texts: list[str]) -> None:
    """Three or four witnesses with blocks moved, dropped and added, from every base: a
    witness whose note is "transp." where the lemma has words and it has none has those words
    somewhere, and where it has words the lemma lacks, the lemma's witness has them somewhere
    (a witness that only lacks or adds them is "om." or "add.", issue 13); no entry is
    without a reading that differs; every witness rebuilds."""
    witnesses = [witness_from_text(text, f"W{n}") for n, text in enumerate(texts)]
    for base in witnesses:
        collation = collate(witnesses, base=base.siglum)
        assert all(collation.rebuild(w.siglum) == w.text for w in witnesses)
        for entry in entries(collation, alignment_rows(collation)):
            unit = entry.unit
            assert unit.moved or len({r.text for r in unit.readings.values()}) > 1, unit.id
            holder = unit.lemma_siglum(base.siglum)
            lemma = " ".join(unit.readings[holder].text.split())
            for note in entry.notes:
                for siglum in note.sigla if note.text == "transp." else ():
                    reading = " ".join(unit.readings[siglum].text.split())
                    if lemma and not reading:
                        assert lemma in " ".join(collation.witness(siglum).text.split())
                    if reading and not lemma:
                        assert reading in " ".join(collation.witness(holder).text.split())


def test_a_witness_printed_as_transposing_words_has_them_elsewhere_three_readings() -> None:
    """The example hypothesis found for the property above: from base W1, a place of moved
    words where W1 reads "cat cat cat cat the the", W0 "cat the the" and W2 nothing, and W2
    has W1's words nowhere. Which witness moved what cannot be told (`Unit.moved_words` is
    None), and W2 lacks the lemma's words: the place is typed by its readings, W2's an
    omission, not a transposition for every witness that differs."""
    texts = [
        "the cat the the the the the cat the the the the the cat cat cat cat.\n",
        "the the cat the the the the cat cat cat cat the the the the the cat.\n",
        "the cat the the the the the the the the cat cat cat the the cat cat.\n",
    ]
    witnesses = [witness_from_text(text, f"W{n}") for n, text in enumerate(texts)]
    collation = collate(witnesses, base="W1")
    assert render_apparatus_text(collation).splitlines()[-1] == (
        "1.1 the cat] transp. W0 W2 | cat … the] cat the the W0; om. W2 | cat] cat cat cat "
        "add. W0; cat cat the the cat cat add. W2"
    )


@pytest.mark.parametrize("others", ["BA", "BB", "AB"])
def test_two_phrases_swapped_are_a_transposition_across_witnesses(others: str) -> None:
    """With three witnesses, whichever read the phrases swapped, the place is one
    transposition that lists each witness's order."""
    texts = {"A": "the black dog chases a red cat.", "B": "a red cat chases the black dog."}
    witnesses = [witness_from_text(texts["A"], "W")]
    witnesses += [witness_from_text(texts[k], f"W{n}") for n, k in enumerate(others)]
    collation = collate(witnesses)
    [unit] = collation.units
    assert unit.type.value == "transposition"
    assert {s: r.text for s, r in unit.readings.items()} == {
        w.siglum: w.text.rstrip(".") for w in witnesses
    }


_SENTENCE = (
    "I may add that when the conditions of life change, the character of the variations alters"
    " at once."
)
_HEADING = "Character of domestic varieties; the origin of domestic breeds from one species."


def _shared_run_witnesses() -> list[Witness]:
    """Darwin's shape at the end of chapter I's paragraph on reversion (1859, 1866, 1869,
    1872): one edition ends the paragraph with a sentence and adds a heading after it, a later
    two drop the sentence and keep the heading (one with ":" for ";"), the first has the
    sentence alone."""
    opening = "Having alluded to reversion, I may refer to a statement often made."
    closing = "When we look at the plants of one variety we are struck."
    texts = {
        "A": f"{opening} {_SENTENCE}\n\n{closing}\n",
        "C": f"{opening} {_SENTENCE.replace('that', 'that,')}\n\n{_HEADING}\n\n{closing}\n",
        "D": f"{opening}\n\n{_HEADING}\n\n{closing}\n",
        "E": f"{opening}\n\n{_HEADING.replace(';', ':', 1)}\n\n{closing}\n",
    }
    return [witness_from_text(text, siglum) for siglum, text in texts.items()]


def test_a_sentence_dropped_beside_a_heading_added_is_cut_between_them() -> None:
    """No unit leaves unaligned a run of eight words its readings share (issue 13, item 3;
    `benchmarks/shared_runs.py`): the heading C reads after the sentence and D and E instead
    of it is one addition, not part of a substitution of the sentence; the sentence D and E
    drop is an omission of its own. (Before, one unit held the sentence and heading of C
    against the heading of D: the rewrite rule took the omission beside the addition for one
    rewrite, and D's first word was lined up with C's "character" in the sentence.)
    `Settings.shared_run` off, they are one unit again."""
    witnesses = _shared_run_witnesses()
    dropped, heading = collate(witnesses).units
    assert {s: r.text.strip() for s, r in dropped.readings.items()} == {
        "A": _SENTENCE[:-1],
        "C": _SENTENCE.replace("that", "that,"),
        "D": "",
        "E": "",
    }
    assert {s: r.text for s, r in heading.readings.items()} == {
        "A": "",
        "C": _HEADING[:-1],
        "D": _HEADING[:-1],
        "E": _HEADING[:-1].replace(";", ":", 1),
    }
    (whole,) = collate(witnesses, settings=Settings(shared_run=None)).units
    assert whole.readings["D"].text.strip() == _HEADING[:-1]
    assert _HEADING[:-1] in whole.readings["C"].text


def test_an_addition_after_words_shared_with_another_witness_is_a_unit_of_its_own() -> None:
    """A word one witness adds after a run of eight words it reads as others do is not joined
    with another witness's omission of those words (`Settings.addition_joins_before` gives way
    to `Settings.shared_run`), as the Florilegium's manuscript Q adds γὰρ after "τὸ ὄνομά μου
    βλασφημεῖται ἐν τοῖς ἔθνεσι. Διὰ τοῦτο", which K omits."""
    run = "in sins entangled, hearing the word of the Lord saying"
    texts = {
        "A": f"The second is this: when someone {run} do not judge, fears nobody.",
        "B": "The second is this: when someone do not judge, fears nobody.",
        "C": f"The second is this: when someone {run} do not judge, fears nobody.",
        "D": f"The second is this: when someone {run} judges do not judge, fears nobody.",
    }
    witnesses = [witness_from_text(text, siglum) for siglum, text in texts.items()]
    omitted, added = collate(witnesses).units
    assert [r.text.strip() for r in omitted.readings.values()] == [run, "", run, run]
    assert [r.text.strip() for r in added.readings.values()] == ["", "", "", "judges"]
    (whole,) = collate(witnesses, settings=Settings(shared_run=None)).units
    assert whole.readings["D"].text.strip() == f"{run} judges"


_EGYPT = (
    "Even if this fact were true, what does it show, but that our breeds originated there four"
    " thousand years ago?"
)
_FLINT = (
    "Since the {} of flint tools or celts in the superficial {} of France, {} geologists {} that"
    " man is very old."
)


def test_a_sentence_two_rewrites_share_is_cut_from_them_at_its_sentence_end() -> None:
    """Darwin's chapter I (unit u207 of `benchmarks/shared_runs.py`): 1861 keeps 1859's
    sentence on Egypt and then writes a sentence on flint tools; 1866 and 1869 rewrite the
    Egypt sentence into a passage of their own and then revise 1861's flint sentence, whose
    eight words "of flint tools or celts in the superficial" they keep. The rewrite does not
    keep the place whole across the sentence end after which witnesses that read otherwise
    before it share eight words in a row (`Settings.shared_run`): two units, the shared
    sentence's readings printed as one group. Switched off, one unit prints the eight words
    twice."""
    before, after = "Some think that our dogs came from Egypt.", "This is a long time indeed."
    rewrite = (
        "But this only throws far backwards the history of civilization and shows that animals"
        " were domesticated {}. The lake-dwellers of Switzerland cultivated wheat and barley and"
        " kept several domesticated animals."
    )
    horner = (
        "Yet Horner's researches make it probable that men made pottery in the valley of the"
        " Nile long before."
    )
    flint_1861 = _FLINT.format("recent discoveries", "deposits", "few", "doubt")
    flint_1866 = _FLINT.format("discovery", "formations", "all", "believe")
    texts = {
        "A": f"{before} {_EGYPT} {horner} {after}",
        "B": f"{before} {_EGYPT} {flint_1861} {after}",
        "C": f"{before} {rewrite.format('early')} {flint_1866} {after}",
        "D": f"{before} {rewrite.format('very early')} {flint_1866} {after}",
    }
    witnesses = [witness_from_text(text, siglum) for siglum, text in texts.items()]
    first, second = collate(witnesses).units
    assert {s: r.text for s, r in first.readings.items()} == {
        "A": f"{_EGYPT} ",
        "B": f"{_EGYPT} ",
        "C": f"{rewrite.format('early')} ",
        "D": f"{rewrite.format('very early')} ",
    }
    assert {s: r.text for s, r in second.readings.items()} == {
        "A": horner[:-1],
        "B": flint_1861[:-1],
        "C": flint_1866[:-1],
        "D": flint_1866[:-1],
    }
    assert [g.sigla for g in second.groups] == [("B", "C", "D")]
    (whole,) = collate(witnesses, settings=Settings(shared_run=None)).units
    assert flint_1861[:-1] in whole.readings["B"].text
    assert flint_1866[:-1] in whole.readings["C"].text


def test_a_witness_that_conflates_two_spellings_keeps_them_one_variant() -> None:
    """The Florilegium (unit u12 of `benchmarks/shared_runs.py`): H reads "μὴ κρίνετε
    κρίνεται" where some manuscripts read "κρίνεται" and others "κρίνετε", and B and G begin
    there (a lacuna before). H's conflation is one variant with the others' one word for the
    other, not an omission beside an addition that leaves nine shared words in one unit
    (`Settings.near_column`: the two spellings alike); off, the first unit holds the nine
    words with the words after them."""
    shared = "ἐν ἁμαρτίαις ἐνεχόμενος, ἀκούων δὲ τοῦ κυρίου λέγοντος μὴ"
    rest = "φοβούμενος οὐδένα κρίνει ἐν τῇ ἐξετάσει."
    texts = {
        "A": f"{shared} κρίνεται {rest}",
        "D": f"{shared} κρίνεται {rest}",
        "E": f"{shared} κρίνετε {rest}",
        "K": f"{shared} κρίνετε {rest}",
        "H": f"{shared} κρίνετε κρίνεται {rest}",
        "B": f"κρίνεται {rest}",
        "G": f"κρίνετε {rest}",
    }
    witnesses = [witness_from_text(text, siglum) for siglum, text in texts.items()]
    lacking, word = collate(witnesses).units
    assert {s: r.text for s, r in lacking.readings.items()} == {
        s: "" if s in "BG" else f"{shared} " for s in texts
    }
    assert {s: r.text for s, r in word.readings.items()} == {
        "A": "κρίνεται ",
        "D": "κρίνεται ",
        "E": "κρίνετε ",
        "K": "κρίνετε ",
        "H": "κρίνετε κρίνεται ",
        "B": "κρίνεται ",
        "G": "κρίνετε ",
    }
    first = collate(witnesses, settings=Settings(near_column=1.0)).units[0]
    assert first.readings["E"].text == f"{shared} κρίνετε "
