"""The engine: units fall where an editor puts them, and nothing is ever hidden."""

from __future__ import annotations

import re

import pytest
from hypothesis import given

from collate import CollationError, UnitType, collate, witness_from_text
from collate.engine import Settings
from collate.model import Collation
from conftest import SHARED
from strategies import related_texts, texts


def _collate(a: str, b: str) -> Collation:
    return collate([witness_from_text(a, "A"), witness_from_text(b, "B")])


def _units(a: str, b: str) -> list[tuple[str, str, str]]:
    return [
        (u.type.value, u.readings["A"].text.strip(), u.readings["B"].text.strip())
        for u in _collate(a, b).units
    ]


def test_identical_texts_have_no_units() -> None:
    """A text collated with itself agrees everywhere."""
    result = _collate(
        "Dear comrade V.,\n\nWe received your letter.",
        "Dear comrade V.,\n\nWe received your letter.",
    )
    assert result.units == ()
    assert result.agreement_share("A") == result.agreement_share("B") == 1.0


def test_the_four_types() -> None:
    """Omission, addition and substitution are seen from the base (the first witness)."""
    assert _units("the black cat sat here", "the cat sat there") == [
        ("omission", "black", ""),
        ("substitution", "here", "there"),
    ]
    assert _units("the cat sat", "the cat sat down") == [("addition", "", "down")]


def test_a_moved_phrase_of_three_words_is_one_transposition() -> None:
    """A block of three or more words that moved is one unit, not an omission and an addition."""
    result = _collate(
        "In the morning we left the old town and walked to the sea.",
        "We left the old town and in the morning walked to the sea.",
    )
    moved = [u for u in result.units if u.type is UnitType.TRANSPOSITION]
    assert len(moved) == 1
    assert moved[0].readings["A"].text.strip().lower() == "in the morning"
    assert moved[0].readings["B"].text.strip() == "in the morning"
    assert moved[0].readings["A"].start != moved[0].readings["B"].start


def test_an_added_sentence_starts_and_ends_at_its_sentence_boundary() -> None:
    """A diff may shift an added sentence by its repeated full stop; the unit does not."""
    assert _units(
        "He came. He went home.",
        "He came. He saw the town. He went home.",
    ) == [("addition", "", "He saw the town.")]
    assert _units(
        "It rained. Then it snowed. We stayed in.",
        "It rained. We stayed in.",
    ) == [("omission", "Then it snowed.", "")]


def test_two_phrases_swapped_around_a_word_are_one_transposition() -> None:
    """ "the black dog chases a red cat" / "a red cat chases the black dog": the phrases changed
    places (CollateX reports the move), not an omission beside an addition."""
    a, b = "the black dog chases a red cat", "a red cat chases the black dog"
    assert _units(a, b) == [("transposition", a, b)]
    assert _units(a + ". Then it slept.", b + ". Then it slept.") == [("transposition", a, b)]


def test_a_rewritten_phrase_is_not_cut_at_a_shared_comma_or_article() -> None:
    """One or two shared tokens inside a rewritten phrase keep it one unit."""
    assert _units(
        "supported by Russian gold, depicting themselves as the proletariat",
        "which for Russian gold depict themselves as the proletariat",
    ) == [("substitution", "supported by Russian gold, depicting", "which for Russian gold depict")]


def test_separate_variants_a_few_words_apart_stay_separate() -> None:
    """Three shared words between two differences make two units."""
    assert _units(
        "we define the dependence of intraparty policy, clarifying it",
        "we define the significance of intraparty policy and so forth, clarifying it",
    ) == [("substitution", "dependence", "significance"), ("addition", "", "and so forth")]


# The SBL Greek New Testament's apparatus (../shared/corpora/sblgnt) draws these as separate
# footnotes; the pairs below are shortened from Matt 4:16, Acts 3:19 (RP) and John 8:13.


def test_words_in_the_other_order_are_one_transposition_beside_a_change() -> None:
    """Words left out before a short agreement and added after it are one unit, the phrase
    in the other order, cut from the change next to it."""
    assert _units("ὁ λαὸς ἐν σκοτίᾳ φῶς εἶδεν μέγα", "ὁ λαὸς ἐν σκότει εἶδεν φῶς μέγα") == [
        ("substitution", "σκοτίᾳ", "σκότει"),
        ("transposition", "φῶς εἶδεν", "εἶδεν φῶς"),
    ]
    assert _units("one two three four five six", "one three four five two six") == [
        ("transposition", "two three four five", "three four five two")
    ]


def test_a_block_moved_across_a_swapped_phrase_s_edge_loses_no_word() -> None:
    """A phrase swap's edge fell inside a block later found moved: the block came out as two
    pieces, one kept, and A's second "cat" was in no unit and no agreement (hypothesis found
    it through the TEI round trip). The moved block is one reading, and both texts rebuild."""
    a = witness_from_text("the the cat cat the the the cat cat .", "A")
    b = witness_from_text("cat the the cat the cat cat cat the the .", "B")
    for base in ("A", "B"):
        collation = collate([a, b], base=base)
        assert collation.rebuild("A") == a.text
        assert collation.rebuild("B") == b.text
        (moved,) = (u for u in collation.units if u.type is UnitType.TRANSPOSITION)
        assert {s: r.text for s, r in moved.readings.items()} == {
            "A": "cat the the ",
            "B": "cat the the ",
        }


def test_quotation_marks_left_out_around_a_word_are_one_variant() -> None:
    """Absorbing the word between two omissions: the editor prints one variant."""
    assert _units("he said “there” once", "he said there once") == [
        ("substitution", "“there”", "there")
    ]


def test_words_added_on_both_sides_of_one_word_are_one_variant() -> None:
    """Matthew 12:22 in RP: the word is the anchor of one addition, as an apparatus prints it
    ("κωφὸν] τυφλὸν καὶ κωφὸν καὶ"); around two shared words the additions stay two."""
    assert _units("ὥστε τὸν κωφὸν λαλεῖν", "ὥστε τὸν τυφλὸν καὶ κωφὸν καὶ λαλεῖν") == [
        ("substitution", "κωφὸν", "τυφλὸν καὶ κωφὸν καὶ")
    ]
    assert _units(
        "ὥστε τὸν κωφὸν ἄνθρωπον λαλεῖν", "ὥστε τὸν τυφλὸν κωφὸν ἄνθρωπον καὶ λαλεῖν"
    ) == [
        ("addition", "", "τυφλὸν"),
        ("addition", "", "καὶ"),
    ]


def test_a_punctuation_change_beside_a_real_variant_is_a_unit_of_its_own() -> None:
    """A comma added or dropped one word from a substantive change is not absorbed into it
    (`Settings.minor_apart`): the apparatus can print the minor variant apart. From Darwin's
    *Origin* ch. I (1859) with seeded edits (`benchmarks/robustness.py`)."""
    assert _units(
        "from the history of the dog I think there is",
        "from the history of the , dog see I think there is",
    ) == [("addition", "", ","), ("addition", "", "see")]
    assert _units(
        "just when gardeners began to attend closely to this plant. No doubt",
        "just when gardeners began to , attend. No doubt",
    ) == [("addition", "", ","), ("omission", "closely to this plant", "")]
    # absorbed as one reading with the rule off; two commas around a word stay one variant
    joined = collate(
        [
            witness_from_text("of the dog I think", "A"),
            witness_from_text("of the , dog see I think", "B"),
        ],
        settings=Settings(minor_apart=False),
    )
    assert [u.readings["B"].text.strip() for u in joined.units] == [", dog see"]
    assert _units("a dog, the cat", "a dog the cat,") == [("substitution", ", the cat", "the cat,")]
    # with --near a spelling variant is minor too
    near = collate(
        [
            witness_from_text("that only a single variety should be", "A"),
            witness_from_text("single varuety should be", "B"),
        ],
        near=0.8,
    )
    assert [(u.readings["A"].text.strip(), u.readings["B"].text.strip()) for u in near.units] == [
        ("that only a", ""),
        ("variety", "varuety"),
    ]


def test_changes_either_side_of_a_full_stop_are_two_units() -> None:
    assert _units("εἶπεν Ἰησοῦς· Ἀπὸ σεαυτοῦ σὺ", "εἶπεν αὐτῷ ὁ Ἰησοῦς· Ἀφ᾽ ἑαυτοῦ σὺ") == [
        ("addition", "", "αὐτῷ ὁ"),
        ("substitution", "Ἀπὸ σεαυτοῦ", "Ἀφ᾽ ἑαυτοῦ"),
    ]


def test_differences_of_case_or_quotes_are_units_of_their_own() -> None:
    """Tokens equal after normalization still make a unit, apart from a real variant beside it."""
    assert _units("The big cat’s mat", "the small cat's mat") == [
        ("substitution", "The", "the"),
        ("substitution", "big", "small"),
        ("substitution", "cat’s", "cat's"),
    ]


def test_whitespace_differences_are_kept() -> None:
    """A paragraph break one witness lacks is a unit; no character is hidden."""
    result = _collate("One.\n\nTwo.", "One. Two.")
    assert [(u.readings["A"].text, u.readings["B"].text) for u in result.units] == [("\n\n", " ")]


def test_omitted_paragraph_is_one_unit_with_its_break() -> None:
    """A paragraph the other witness lacks is one omission, whole."""
    result = _collate("First.\n\nMiddle part here.\n\nLast.", "First.\n\nLast.")
    assert [(u.type.value, u.readings["A"].text) for u in result.units] == [
        ("omission", "Middle part here.\n\n")
    ]


def test_segments_align_a_split_paragraph() -> None:
    """A paragraph split in two in one witness costs only the break, not the paragraph."""
    units = _units(
        "Intro.\n\nOne two three four five. Six seven eight nine ten.\n\nEnd.",
        "Intro.\n\nOne two three four five.\n\nSix seven eight nine ten.\n\nEnd.",
    )
    assert units == [("substitution", "", "")]


def test_fewer_than_two_witnesses_is_an_error() -> None:
    """A collation needs two witnesses; the message says so."""
    with pytest.raises(CollationError, match="at least two witnesses"):
        collate([witness_from_text("text", "A")])


def test_duplicate_sigla_are_an_error() -> None:
    """Two witnesses cannot share a siglum."""
    with pytest.raises(CollationError, match="'A' is already used"):
        collate([witness_from_text("a", "A"), witness_from_text("b", "A")])


def test_the_arguments_are_not_changed() -> None:
    """collate returns a new value and leaves its witnesses as they were."""
    a, b = witness_from_text("x y z", "A"), witness_from_text("x z", "B")
    before = (a, b)
    collate([a, b])
    assert (a, b) == before


@given(related_texts())
def test_every_witness_is_rebuilt_from_the_collation(pair: tuple[str, str]) -> None:
    """Agreements (shared text stored once) and unit readings rebuild both witnesses exactly."""
    first, second = pair
    result = _collate(first, second)
    assert result.rebuild("A") == first
    assert result.rebuild("B") == second
    for unit in result.units:
        assert (
            unit.readings["A"].text != unit.readings["B"].text
            or unit.type is UnitType.TRANSPOSITION
        )


@given(texts(), texts())
def test_any_two_texts_rebuild(first: str, second: str) -> None:
    """Even unrelated texts tile exactly into agreements and readings."""
    result = _collate(first, second)
    assert result.rebuild("A") == first
    assert result.rebuild("B") == second


@given(texts(min_tokens=1))
def test_a_text_collated_with_itself_has_no_units(text: str) -> None:
    """Self-collation finds nothing."""
    assert _collate(text, text).units == ()


# ../shared/corpora/darwin/chapter1/darwin1859.txt, the chapter's first paragraph (233 words).
DARWIN_1859 = SHARED / "corpora" / "darwin" / "chapter1" / "darwin1859.txt"


def test_a_sentence_moved_in_a_long_paragraph_is_one_transposition() -> None:
    """A sentence moved to near the end of a 233-word paragraph is one transposition; its
    neighbours, before and after, still agree."""
    text = DARWIN_1859.read_text(encoding="utf-8").splitlines()[0]
    parts = re.split(r"(?<=\.) ", text)
    moved = " ".join([*parts[:2], *parts[3:-1], parts[2], parts[-1]])
    [unit] = _collate(text, moved).units
    assert unit.type.value == "transposition"
    assert unit.moved == ("B",)
    assert unit.readings["A"].text.strip() == unit.readings["B"].text.strip() == parts[2]


_SHARED_RUN = "committee of party has decided to publish letters in full"
_REWRITTEN_A = "yesterday after long very bitter meeting lasting until dawn when everyone left"
_REWRITTEN_B = "many comrades objected strongly nevertheless afterwards replies from Baku Moscow"
_ENDING_A = "without cuts notes or commentary whatever by editors printed there"
_ENDING_B = "together with answers sent later into one volume bound plainly"


def test_a_run_of_shared_words_is_never_left_inside_a_unit() -> None:
    """A paragraph rewritten so far (and split in two in B) that it pairs with no paragraph of
    the other witness (here the pairing asks 95 % of the words alike) still has its run of ten
    shared words aligned, not read as part of an omission beside an addition; with the rule
    off, it is."""
    opening = DARWIN_1859.read_text(encoding="utf-8").splitlines()[0]
    a = f"{opening}\n\n{_REWRITTEN_A} {_SHARED_RUN} {_ENDING_A}\n\n{opening}"
    b = f"{opening}\n\n{_REWRITTEN_B} {_SHARED_RUN}\n\n{_ENDING_B}\n\n{opening}"
    strict = Settings(segment_similarity=0.95)
    witnesses = [witness_from_text(a, "A"), witness_from_text(b, "B")]
    units = collate(witnesses, settings=strict).units
    assert [(u.readings["A"].text.strip(), u.readings["B"].text.strip()) for u in units] == [
        (_REWRITTEN_A, _REWRITTEN_B),
        (_ENDING_A, _ENDING_B),
    ]
    assert len(collate(witnesses, settings=strict.without("shared_run")).units) == 1


_NUMBERED = " ".join(
    f"Sentence {n} says what sentence {n} says, no more and no less." for n in range(30)
)


def test_a_sentence_end_one_witness_has_elsewhere_leaves_no_words_unaligned() -> None:
    """A paragraph too long to diff whole (over `Settings.sentence_groups` tokens) is aligned
    sentence by sentence; where one witness ends a sentence a clause later (the Frankenstein
    notebook's "dungeon it was morning I remember when I thus awoke. But when", 1818's
    "dungeon. It was morning, I remember, when I thus awoke to understanding; but when"), the
    two sentences on either side are aligned as one, so the clause's words agree and only
    what differs is a unit; with `sentence_edges` off the clause is an addition beside an
    omission."""
    a = (
        f"{_NUMBERED} The prisoner lay on a wretched bed. It was morning, I remember, when I "
        f"thus awoke to understanding; but when I looked around, I groaned bitterly. {_NUMBERED}"
    )
    b = (
        f"{_NUMBERED} The prisoner lay on a wretched bed it was morning I remember when I thus "
        f"awoke. But when I looked around, I groaned bitterly. {_NUMBERED}"
    )
    witnesses = [witness_from_text(a, "A"), witness_from_text(b, "B")]
    units = collate(witnesses).units
    assert [(u.readings["A"].text, u.readings["B"].text) for u in units] == [
        (".", ""),
        ("It", "it"),
        (",", ""),
        (",", ""),
        (" to understanding;", "."),
        ("but", "But"),
    ]
    apart = collate(witnesses, settings=Settings().without("sentence_edges")).units
    assert apart[0].readings["B"].text.strip() == ("it was morning I remember when I thus awoke")


def test_a_clause_beyond_a_lacking_sentence_is_aligned_with_its_neighbours() -> None:
    """Sentences one witness lacks do not keep the sentence groups on either side apart: where
    a copy omits "ἔλεγεν· Πιστεύω· βοήθει" (the SBL Greek New Testament, Mark 9:24, as in a
    generated copy of `benchmarks/robustness.py --source mark`), its "μου τῇ ἀπιστίᾳ." ends
    the sentence before the two the copy lacks, and is aligned with the base's, beyond them:
    the omission is the unit, not the clause that both read. With `sentence_edges` off the
    clause is in the unit."""
    cried = "εὐθὺς κράξας ὁ πατὴρ τοῦ παιδίου"
    a = f"{_NUMBERED} {cried} ἔλεγεν· Πιστεύω· βοήθει μου τῇ ἀπιστίᾳ. {_NUMBERED}"
    b = f"{_NUMBERED} {cried} μου τῇ ἀπιστίᾳ. {_NUMBERED}"
    witnesses = [witness_from_text(a, "A"), witness_from_text(b, "B")]
    units = collate(witnesses).units
    assert [(u.readings["A"].text, u.readings["B"].text) for u in units] == [
        ("ἔλεγεν· Πιστεύω· βοήθει ", ""),
    ]
    apart = collate(witnesses, settings=Settings().without("sentence_edges")).units
    assert [(u.readings["A"].text, u.readings["B"].text) for u in apart] == [
        ("ἔλεγεν· Πιστεύω· βοήθει μου τῇ ἀπιστίᾳ.", "μου τῇ ἀπιστίᾳ."),
    ]


def test_a_long_witness_collates_as_a_short_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Witnesses held as compact tokens (as a text of a million characters is) give the very
    collation, to the byte of its JSON export, that tuples of tokens give: Darwin's six
    editions of chapter I (../shared/corpora/darwin/chapter1), with --ignore punctuation."""
    import importlib

    from collate.render.json import render_json
    from collate.rules import normalizer

    paths = sorted((SHARED / "corpora" / "darwin" / "chapter1").glob("darwin*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in paths]

    def exported(compact_from: int) -> list[str]:
        module = importlib.import_module("collate.tokenize")
        monkeypatch.setattr(module, "COMPACT_FROM", compact_from)
        monkeypatch.setattr(
            module.tokenize_witness, "__defaults__", (module.TokenMode.AUTO, compact_from)
        )
        witnesses = [witness_from_text(t, p.stem) for t, p in zip(texts, paths, strict=True)]
        return [
            render_json(collate(witnesses[:2])),
            render_json(collate(witnesses, rules=normalizer(["punctuation"]))),
        ]

    assert exported(0) == exported(10**9)


@pytest.mark.parametrize(
    ("first", "second"),
    [("darwin1859", "darwin1872"), ("darwin1861", "darwin1866")],
)
def test_runs_of_differences_make_the_pieces_one_item_a_token_makes(
    first: str, second: str
) -> None:
    """The alignment keeps each stretch of one witness's words as one step (a long witness
    costs a step a difference, not a token; the search for moved blocks, when it runs, has
    them a token each); the character pieces made from it, and so the units, are those one
    step a token gives: Darwin's chapter I
    (../shared/corpora/darwin/chapter1), 1859 against 1872 and 1861 against 1866."""
    from collate.engine._align import _align_tokens, _compact, _expanded, _pieces

    folder = SHARED / "corpora" / "darwin" / "chapter1"
    a, b = (
        witness_from_text((folder / f"{name}.txt").read_text(encoding="utf-8"), name)
        for name in (first, second)
    )
    items, _ = _align_tokens(a, b, Settings())
    one_a_token, runs = _expanded(items), _compact(items)
    assert len(runs) < len(one_a_token) // 2
    assert all(item.run == 1 for item in one_a_token if item.kind)
    assert _pieces(a, b, items) == _pieces(a, b, one_a_token) == _pieces(a, b, runs)


def test_every_form_has_its_own_code_and_reads_back() -> None:
    """The aligner writes each distinct form as one character, two bytes a token for the
    first 55,040 forms and never a surrogate beyond them (which the C++ diff could not take);
    each code gives its form back, on both sides of the surrogates."""
    from collate.engine._align import _Codes

    codes = _Codes(Settings())
    forms = [f"w{number}" for number in range(0xD800 - 0x100 + 0x900)]
    written = [codes[form] for form in forms]
    assert len(set(written)) == len(forms)
    assert not any(0xD800 <= ord(code) <= 0xDFFF for code in written)
    assert max(map(ord, written[: 0xD800 - 0x100])) < 0xD800
    assert [codes.form(code) for code in written] == forms


def test_the_agreement_share_counts_whitespace_a_piece_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The share of a witness that agrees (what the command line warns on) leaves out every
    kind of whitespace, counted a few characters at a time so that a 50 MB line is never cut
    into a list of its words: the same share as counting the whole text at once."""
    from collate import model

    a = "Ёлка\u3000стоит,\u2028 в\tлесу\u00a0зелёная.\n\nКонец  абзаца."
    b = "Ёлка\u3000стоит в\tлесу\u00a0зелёная!\n\nКонец  абзаца."
    result = _collate(a, b)
    whole = result.agreement_share("A")
    monkeypatch.setattr(model, "_COUNTED_AT_ONCE", 3)
    assert result.agreement_share("A") == whole
    agreed = "".join(x.text for x in result.agreements)
    expected = sum(not c.isspace() for c in agreed) / sum(not c.isspace() for c in a)
    assert whole == pytest.approx(expected)
    assert 0.5 < whole < 1


def test_two_lone_paragraphs_are_aligned_word_by_word_whatever_they_share() -> None:
    """A paragraph alone between two matches on each side (or a whole text of one paragraph
    each) has nothing else to pair with: it is aligned word by word with the other side's
    whenever the two share a word, however little else they share (a fragment: the Legend of
    Bishop Henry's Ab, Stemmaweb, reads only "in suecia"; the pairing's threshold, 30 % of the
    distinct words, had left the two unpaired and the shared "in" unaligned)."""
    full = "in swecia venerabilis pontifex beatus henricus in anglia oriundus"
    units = _units(full, "in suecia")
    assert units == [
        ("substitution", "swecia venerabilis pontifex beatus henricus in anglia oriundus", "suecia")
    ]
    assert _units(f"One.\n\n{full}\n\nTwo.", "One.\n\nin suecia\n\nTwo.") == units
    # sharing nothing, they stay an omission beside an addition, as before
    assert [u[0] for u in _units("alpha beta gamma", "delta epsilon")] == ["substitution"]
