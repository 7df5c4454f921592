"""The engine's rules and thresholds as one frozen value, so that each can be switched off.

Every rule the engine applies after the plain diff is a named field here with its default. A
test, a benchmark (`benchmarks/ablate.py` switches each off in turn and scores every corpus)
or a user (``collate.collate(witnesses, settings=Settings(slide=False))``) can change one and
see what it does. Integers that bound a rule are switched off with 0 (or None where 0 is a
meaningful value), booleans with False.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["RULES", "Grouping", "Settings"]


class Grouping(enum.StrEnum):
    """How finely differences are grouped into units: editors differ, and the engine does not
    guess.

    ``phrases`` (the default) groups as a printed apparatus does: a rewritten phrase is one
    unit even where it keeps a comma or a "the" (`Settings.absorb_agreement`), a phrase
    reordered around a word or two is one unit, in a pair or across witnesses (the same
    words two witnesses add on either side of a word or two, and with three witnesses or more
    a place kept whole across the stretch a word moved over: `Settings.swap_across`), and with
    three witnesses or more words one witness adds right after another's variant go with that
    variant (`Settings.addition_joins_before`) and one witness's rewrite is not cut at a word
    it happens to share (`Settings.rewrite_words`). ``words`` groups as a hand-aligned table
    does (CollateX without segmentation, a Stemmaweb variant graph): those four rules off, so
    each word that differs is a unit of its own and a word moved a short way is its omission
    and its addition. Every other rule (sentence ends, punctuation apart, placement, moves of
    three words or more, lacunae) holds in both.
    """

    PHRASES = "phrases"
    WORDS = "words"


_PHRASE_RULES = (
    "absorb_agreement",
    "swap_across",
    "addition_joins_before",
    "rewrite_words",
)
"""The rules that group words into phrases, switched off by `Grouping.WORDS`."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The engine's rules and thresholds (defaults in brackets are what ``collate`` uses)."""

    # -- pairwise alignment: what is aligned with what -------------------------------------
    sentence_groups: int | None = 250
    """Aligned paragraphs longer than this many tokens on both sides are aligned sentence by
    sentence before their tokens are diffed; None aligns whole paragraph groups."""
    sentence_edges: int | None = 2
    """Two neighbouring groups of aligned sentences that both differ next to the edge between
    them are aligned again as one when that pairs at least this many more tokens: a sentence
    end one witness has elsewhere (a clause joined to the sentence before) does not leave the
    clause's words unaligned, and a few stray words shared across a rewrite move nothing.
    Sentences one witness lacks between two groups (up to four groups) do not make them less
    neighbours (a clause left beyond an omitted sentence); None: each group aligned alone."""
    layout_pairing: float | None = 0.8
    """When fewer than this share of both witnesses' tokens lie in paragraphs paired one with
    one (of like length), the witnesses are laid out differently (one paragraph against many,
    re-wrapped lines, other paragraph breaks): their paragraphs are ignored and the whole
    texts are aligned, sentence by sentence, so that layout changes no alignment; None:
    paragraphs always lead."""
    moved_breaks: bool = True
    """Two paragraph pairs next to each other whose break falls at another sentence in the
    two witnesses (the sentence that opens one witness's next paragraph stands in the other's
    paragraph before it) are aligned as one group, so that a paragraph break moved by a
    sentence or two moves no words from their places; False: each pair aligned alone."""
    shared_run: int | None = 8
    """A unit whose readings share a run of at least this many identical tokens is aligned
    again inside (the run agrees, the differences around it are units of their own). With
    more than two witnesses, inside a merged place a reading that has this many tokens in a
    row the same as another's is lined up with it there first (its words are not scattered
    over other readings' columns of the same words: a heading one witness reads after a
    paragraph and another instead of it is one column of words, so the place is cut between
    paragraph and heading, `rewrite_words`), and words added after a variant do not join it
    (`addition_joins_before`) where their witnesses read this many words before them as
    another witness does, nor does a word moved across the place keep such a run in one unit
    (`swap_across`: Frankenstein C27, 1823's "desire to remain" for "remain
    miserably pent up only to be let loose", the notebook's "wait" for "remain"); nor does a
    rewrite keep a place whole (`rewrite_words`) at a sentence end after (or before) which two
    witnesses that read otherwise on its other side share this many words in a row: that
    sentence is a variant of its own (Darwin's 1861 and 1866 revise one sentence, "of flint
    tools or celts in the superficial", after two different ones). None: never."""
    segment_similarity: float = 0.3
    """Two paragraphs (or sentences) share at least this share of their distinct tokens
    (Dice) to be aligned with each other rather than be an omission beside an addition."""
    near: float | None = None
    """Different words whose forms are at least this similar (Levenshtein ratio) align as one
    orthographic reading (``--near``); None: only equal forms align."""
    max_near_cells: int = 2500
    """A run of differences larger than this (omitted × added tokens) is not searched for
    near matches: the search is quadratic and such a run is a rewritten passage."""

    # -- pairwise alignment: how differences are grouped into units ------------------------
    absorb_agreement: int = 2
    """Two differences with at most this many shared tokens between them, each at least as
    long, are one unit (a rewritten phrase is not cut at a shared comma or "the"); 0: never."""
    clause_end_separates: bool = True
    """A shared stretch that holds clause-ending punctuation is never absorbed: the
    differences on either side of a sentence end are two units."""
    minor_apart: bool = True
    """A difference of punctuation alone (or, with `near`, of words each near in spelling to
    its counterpart) is never absorbed with a substantive difference beside it: they are two
    units, one minor and one substantive, as an apparatus that keeps the minor variants apart
    needs them ("dog ,] dog" and "dog I] dog see I" are not one reading "dog I] , dog see I")."""
    swap_across: int = 4
    """Words omitted on one side of at most this many shared tokens and added on the other
    are one unit, the phrase in the other order ("a b c" for "b c a"); 0: never. With three
    witnesses or more the same reading holds across witnesses, whichever is the hub: the
    same words that two witnesses add on either side of at most this many shared words are
    one unit (one reads them before, the other after; when the stretch is longer than the
    added words, only if it is no longer than `absorb_agreement`), and a place is not cut
    inside the stretch a word moved across when it moved across at most this many words, or
    with a block of `transposition_words` (a lone word farther off is an omission in one place
    and an addition in the other, as a pair reads it): the other witnesses' variants inside
    the stretch are one unit with the move, as the editors of the SBLGNT print a mover's
    stretch whole. Punctuation does not move: a comma before "and then" in one witness and
    after it in others is two variants."""
    slide: bool = True
    """An addition or omission that could stand a token earlier or later (its edge token
    repeats) is slid to sentence boundaries first, then punctuation."""
    transposition_words: int | None = 3
    """A block of at least this many words left out in one place and added in another is a
    transposition; None: never."""
    moved_across_groups: int | None = 8
    """...and a block of at least this many words moved from one aligned paragraph (or
    sentence group) to another (a bound of `transposition_words`, which switches both off:
    a transposition is one rule wherever the words went); None: moves are looked for only
    inside a group."""

    # -- more than two witnesses: merging the pairwise alignments --------------------------
    lacuna_words: int | None = 5
    """A witness whose alignment with the base begins (ends) by lacking at least this many
    words starts later (ends earlier): a lacuna, not an omission (the stretch only lacunae
    vary ends before words another witness adds at its end: they go with the variant after
    it); None: never."""
    addition_joins_before: bool = True
    """Words added right after another witness's variant (only whitespace between) go with
    it: one unit; and a merged place is not cut before an addition (unless its witnesses read
    the word before it as the base does and the word after it otherwise: it opens their
    variant there, "at l ong" beside another's "with long")."""
    split_places: bool = True
    """A merged place is cut where the witnesses group differently on either side: at a word
    every witness reads alike, whatever whitespace follows it (a line break against a space is
    no difference in the word; where the whitespace differs it is a unit of layout of its
    own)."""
    lack_words: int | None = 30
    """A witness whose unit with the hub leaves at least this many of the hub's tokens in a
    row beside the stretch most like its own words lacks them (a gap, a lost leaf, a long
    omission), when most witnesses read them: places are merged as if it were not there, so
    the variants of those that read the stretch are units of their own, and in each it reads
    nothing, an omission (a gap in mid-text cannot be told from an omission by the words; a
    transcription marks one with the Leiden marks ``[…]``, ``[...]``, ``[---]``, a reading
    of which alone is always a lacuna). A witness that differs there only in whitespace (a
    copy re-wrapped or paragraphed otherwise: its line breaks where the others have spaces)
    varies nothing that cuts the stretch, nor one that a lacuna's witness lacks
    (`lacuna_words`): the stretch stays one unit, as without that copy. None: its
    lack keeps the others' variants inside it in one unit."""
    lack_share: float = 0.1
    """...when it has at most this share of the hub's tokens there: more is a rewrite."""
    rewrite_words: int | None = 3
    """...but not at a word inside one witness's rewrite: where that witness differs from the
    base in at least this many words on both sides of it (unless its words all stand on one
    side, where it reads `shared_run` of them in a row as another witness does: it omits the
    words on the other side, and shares its own), and the rewrite is shared (another witness
    reads at least this many of its words, and half of them, as it does) or the other
    witnesses' readings there are one nested group (`nest_share`): a rewrite of one witness
    alone beside readings printed in full keeps nothing whole. A rule of the phrases grouping
    (`Grouping`): a table a word a column cuts there; None: cut there too."""
    split_between_words: bool = True
    """...and between two adjacent words the witnesses group differently."""
    rewrite_columns_last: bool = True
    """To find where a merged place is cut, its readings are lined up in word columns one
    after another (`collate.engine.reading_columns`): those that share at least half their
    words with the others first, a rewrite last, so that its stray "and", "my" or "I" sets
    no column the others are lined up on (Frankenstein C27: the notebook's "do" and 1818's
    stood in two columns around a comma of 1831's rewrite, a word moved across the place);
    False: longest first."""

    # -- word columns ----------------------------------------------------------------------
    near_column: float = 0.7
    """Inside a unit, a word left over between two matched columns joins a column of other
    forms when at least this similar (a spelling variant); 1: only equal forms. Two words
    this similar in adjacent columns, one witness reading the one and another the other,
    are one variant: a merged place is not cut between them (the Florilegium's H conflates
    "κρίνετε κρίνεται", which the others read one or the other)."""

    # -- nested variation: how the readings of a unit are printed -------------------------
    nest_min_words: int | None = 12
    """Readings of at least this many words each may be grouped as one reading with
    sub-variants (the lemma's, where they are near it; nested variation,
    `collate.engine.reading_groups`); None: no groups, every reading printed in full. Below a
    dozen words an apparatus prints a phrase whole."""
    nest_share: float = 0.9
    """Two such readings are grouped when they share at least this share of their tokens
    word for word (twice the tokens the word diff pairs, over the tokens of both); 1: only
    readings that differ in nothing but their leading whitespace."""
    nest_run: int | None = 8
    """...or when one shares a run of at least this many tokens in a row with the group's first
    reading (the lemma's, else that of most witnesses): a witness that keeps a sentence of the
    base and then rewrites the rest, or two rewrites that part in a phrase or two, print the
    run once (issue 13: no unit leaves eight shared words printed twice). Only with that first
    reading, so one rewrite that reuses a phrase of another does not chain every reading into
    one group; None: the share alone."""

    def grouped(self, grouping: Grouping | str) -> Settings:
        """These settings grouping differences as ``grouping`` says (`Grouping`): words
        switches the phrase-making rules off; phrases leaves the settings as they are (so
        settings already grouped by words, or with those rules set by hand, stay so).

        >>> Settings().grouped("words").absorb_agreement
        0

        Raises:
            ValueError: a name that is not a grouping.
        """
        try:
            chosen = Grouping(grouping)
        except ValueError:
            raise ValueError(
                f"--grouping {grouping}: no such grouping (the groupings: {', '.join(Grouping)})"
            ) from None
        return self if chosen is Grouping.PHRASES else self.without(*_PHRASE_RULES)

    def without(self, *rules: str) -> Settings:
        """These settings with the named rules switched off (see `RULES`).

        >>> Settings().without("slide", "swap_across").swap_across
        0

        Raises:
            ValueError: a name that is not a rule.
        """
        changes: dict[str, Any] = {}
        for rule in rules:
            if rule not in RULES:
                raise ValueError(f"{rule}: no such rule (the rules: {', '.join(RULES)})")
            changes[rule] = RULES[rule]
        return replace(self, **changes)


def _off(value: object) -> object:
    """The value that switches a rule off, by its default's type."""
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return 1.0
    return None


RULES: dict[str, object] = {
    field.name: _off(field.default)
    for field in fields(Settings)
    if field.name
    not in {
        "near",
        "max_near_cells",
        "segment_similarity",
        "nest_min_words",
        "nest_share",
        "nest_run",
        "lack_share",
        "moved_across_groups",
    }
}
"""Each rule (a field of `Settings`) and the value that switches it off, for ablation.
`lack_share` bounds `lack_words`, and `moved_across_groups` bounds `transposition_words`,
which switch those rules off. The nesting thresholds are
left out: they change how readings are printed, never the units, so
no alignment score can measure them (``benchmarks/nesting.py`` does)."""
RULES["absorb_agreement"] = 0
RULES["layout_pairing"] = None  # 1.0 would not switch it off: it would ignore paragraphs always
RULES["swap_across"] = 0
