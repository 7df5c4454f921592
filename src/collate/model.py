"""The data model: witnesses, their tokens, and the collation built from them.

Every value here is a frozen dataclass; the engine returns new values and never changes its
arguments. Offsets are code-point offsets into a witness's text as decoded, before any
normalization, so ``witness.text[reading.start:reading.end] == reading.text`` always holds.
"""

from __future__ import annotations

import enum
import hashlib
import itertools
import json
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, overload

from collate.errors import CollationError

__all__ = [
    "Agreement",
    "AlignedSegment",
    "Collation",
    "CompactTokens",
    "Decision",
    "DecisionAction",
    "Location",
    "MovedWords",
    "Outcome",
    "Quote",
    "Reading",
    "ReadingGroup",
    "Subvariant",
    "Token",
    "Unit",
    "UnitType",
    "VariantClass",
    "Witness",
]

_HASHED_AT_ONCE = 1 << 20
"""Characters of a witness's text encoded at a time for its digest (`Witness.sha256`)."""
_COUNTED_AT_ONCE = 1 << 16
"""Characters of a text cut into words at a time to count its whitespace
(`Collation.agreement_share`)."""


class Token(NamedTuple):
    """A word or a punctuation mark of a witness, with the whitespace that follows it.

    A named tuple rather than a dataclass: a book has hundreds of thousands of tokens, and a
    tuple is built in half the time (the same choice as rich's ``Measurement``).
    """

    text: str
    """The original characters, exactly as in the witness."""
    space: str
    """The whitespace after the token (empty when the next token follows at once)."""
    start: int
    """Offset of the token's first character in the witness text."""
    normalized: str
    """The form used for matching: NFC, case-folded, typographic quotes and dashes unified."""

    @property
    def end(self) -> int:
        """Offset just past the token's last character (its whitespace excluded)."""
        return self.start + len(self.text)

    @property
    def is_word(self) -> bool:
        """True for a word or number, False for punctuation."""
        return self.text[:1].isalnum()


class CompactTokens(Sequence[Token]):
    """A long witness's tokens, held as three numbers a token (where it starts and ends in the
    text, and which of the distinct matching forms it has) instead of a `Token` each.

    It reads as a tuple of `Token` does (indexing, slicing, iterating, ``len``, equality), each
    token made when it is asked for: about 12 bytes a token rather than about 160, which is
    what lets a 50 MB witness (nine million tokens) be collated in memory. The tokens must tile
    the text from the first one on, each token's whitespace running to the next token's start
    and the last one's to the end of the text, as `collate.tokenize.tokenize` cuts them.

    >>> from array import array
    >>> tokens = CompactTokens("Ab  c.", array("I", [0, 4, 5]), array("I", [2, 5, 6]),
    ...                        array("I", [0, 1, 2]), ["ab", "c", "."])
    >>> tokens[0], tokens[1:] == (Token("c", "", 4, "c"), Token(".", "", 5, "."))
    (Token(text='Ab', space='  ', start=0, normalized='ab'), True)
    """

    __slots__ = ("_ends", "_form_ids", "_forms", "_starts", "_text")

    def __init__(
        self,
        text: str,
        starts: array[int],
        ends: array[int],
        form_ids: array[int],
        forms: list[str],
    ) -> None:
        self._text = text
        self._starts = starts
        self._ends = ends
        self._form_ids = form_ids
        self._forms = forms

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Token, ...]: ...

    def __getitem__(self, index: int | slice) -> Token | tuple[Token, ...]:
        if isinstance(index, slice):
            return tuple(self._token(i) for i in range(*index.indices(len(self._starts))))
        if index < 0:
            index += len(self._starts)
        if not 0 <= index < len(self._starts):
            raise IndexError("token index out of range")
        return self._token(index)

    def _token(self, index: int) -> Token:
        text, start, end = self._text, self._starts[index], self._ends[index]
        following = self._starts[index + 1] if index + 1 < len(self._starts) else len(text)
        return Token(
            text[start:end], text[end:following], start, self._forms[self._form_ids[index]]
        )

    def __iter__(self) -> Iterator[Token]:
        text, forms = self._text, self._forms
        if not self._starts:
            return
        followers = itertools.chain(itertools.islice(self._starts, 1, None), (len(text),))
        for start, end, following, form in zip(
            self._starts, self._ends, followers, self._form_ids, strict=True
        ):
            yield Token(text[start:end], text[end:following], start, forms[form])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(x == y for x, y in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"<CompactTokens: {len(self)} tokens>"

    @property
    def starts(self) -> array[int]:
        """Each token's `Token.start`, in order (to search without making tokens)."""
        return self._starts

    def first_characters(self, start: int, stop: int) -> Iterator[str]:
        """The first character of each token from ``start`` up to ``stop``."""
        text = self._text
        return (text[position] for position in self._starts[start:stop])

    @property
    def forms(self) -> list[str]:
        """The distinct matching forms, each token's form given by its number here."""
        return self._forms

    @property
    def form_ids(self) -> array[int]:
        """Each token's form, as its index in `forms`."""
        return self._form_ids

    def with_forms(self, make: Callable[[str], str]) -> CompactTokens:
        """The same tokens, each matched by ``make`` of its original text (its form made by
        other normalization rules), still compact."""
        text = self._text
        numbers: dict[str, int] = {}
        forms: list[str] = []
        ids = array(self._form_ids.typecode)
        for start, end in zip(self._starts, self._ends, strict=True):
            original = text[start:end]
            number = numbers.get(original)
            if number is None:
                number = numbers[original] = len(forms)
                forms.append(make(original))
            ids.append(number)
        return CompactTokens(text, self._starts, self._ends, ids, forms)


class Location(NamedTuple):
    """Where a stretch of a witness's text stands in its source: from ``start`` on (up to the
    next location), the text is on this page, line and verse line."""

    start: int
    """Offset in the witness text where the location begins."""
    page: str = ""
    """The page (``pb/@n``, or counted), empty when the source has none."""
    line: int = 0
    """The line on the page (counted from ``lb``, or ``lb/@n``), 0 when unknown."""
    verse: str = ""
    """The verse line (``l/@n``, or counted), empty outside verse."""

    @property
    def label(self) -> str:
        """The reference an apparatus prints: ``v. 118``, ``p. 12, l. 4``, ``p. 12``, ``l. 4``,
        or empty.

        >>> Location(0, "12", 4).label, Location(0, verse="118").label, Location(0).label
        ('p. 12, l. 4', 'v. 118', '')
        """
        if self.verse:
            return f"v. {self.verse}"
        parts = ([f"p. {self.page}"] if self.page else []) + (
            [f"l. {self.line}"] if self.line else []
        )
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Witness:
    """One version of the text, with its metadata and tokens."""

    siglum: str
    """The short name an apparatus cites the witness by (``M``, ``B``, ``1859``)."""
    text: str
    """The whole text as decoded."""
    tokens: Sequence[Token] = field(repr=False)
    """The text split into words and punctuation; joining them rebuilds ``text``. A tuple, or
    for a long text (`collate.tokenize.COMPACT_FROM`) a `CompactTokens`, read the same way."""
    title: str = ""
    """A human-readable description of the witness."""
    path: str | None = None
    """Where the witness was read from, if it came from a file."""
    date: str = ""
    """The witness's date as the manifest gives it (free text)."""
    source: str = ""
    """Provenance: where the text comes from."""
    locations: tuple[Location, ...] = field(default=(), repr=False, compare=False)
    """Where the text stands in its source (pages, lines, verse lines), in text order; empty
    when the source gives none (references are then ``paragraph.sentence``)."""
    source_sha256: str = field(default="", compare=False)
    """SHA-256 of the source file's bytes (the XML of a transcription, the encoded text of a
    plain-text witness); empty when the witness did not come from a file."""
    reading: Mapping[str, str | bool] = field(default_factory=dict, repr=False, compare=False)
    """The options the witness was read with (`collate.options.ReadingOptions.to_dict`: how
    words were cut, the TEI layer and hand), so that an export can be read again the same way;
    empty when not known."""

    @property
    def sha256(self) -> str:
        """SHA-256 of the text encoded as UTF-8, so an export can be checked against it (the
        text encoded a piece at a time: a long witness is not held twice over)."""
        digest = hashlib.sha256()
        for start in range(0, len(self.text), _HASHED_AT_ONCE):
            digest.update(self.text[start : start + _HASHED_AT_ONCE].encode("utf-8"))
        return digest.hexdigest()

    def location_at(self, offset: int) -> Location | None:
        """The location of the text at ``offset`` (None when the witness has none there).

        >>> w = Witness("A", "one two", (), locations=(Location(0, "1"), Location(4, "2")))
        >>> w.location_at(2).page, w.location_at(5).page
        ('1', '2')
        """
        index = bisect_right(self.locations, offset, key=lambda location: location.start) - 1
        return self.locations[index] if index >= 0 else None

    @property
    def leading_space(self) -> str:
        """Whitespace before the first token (no token owns it)."""
        first = self.tokens[0].start if self.tokens else len(self.text)
        return self.text[:first]


@dataclass(frozen=True, slots=True)
class Reading:
    """What one witness has at one place: a span of its text, empty where it has nothing."""

    start: int
    """Offset of the reading in the witness text."""
    end: int
    """Offset just past the reading; equal to ``start`` for an empty reading."""
    text: str
    """The reading's characters, ``witness.text[start:end]``."""

    @property
    def is_empty(self) -> bool:
        """True where the witness has no text (or only whitespace) at this place."""
        return not self.text.strip()


LACUNA_MARK = re.compile(r"\s*(?:\[(?:…|\.\.\.|---|- - -)\]\s*)+")
"""A reading made only of lacuna marks, ``[…]``, ``[...]``, ``[---]`` or ``[- - -]`` (the
Leiden convention's text lost, extent unknown): the witness lacks the text there."""


def is_lacuna(reading: str) -> bool:
    """True when ``reading`` holds nothing but lacuna marks (`LACUNA_MARK`).

    >>> is_lacuna(" […] "), is_lacuna("[...] [---]"), is_lacuna("[sic]"), is_lacuna("")
    (True, True, False, False)
    """
    return LACUNA_MARK.fullmatch(reading) is not None


CLAUSE_END = frozenset(".!?…;:·\u0387\u037e।॥。！？؟۔։።")
"""Punctuation that closes a sentence or a clause (Greek's raised dot and question mark, the
Devanagari danda, the ideographic, Arabic, Armenian and Ethiopic stops too)."""


def without_accents(form: str) -> str:
    """A form without its accents and other combining marks.

    >>> without_accents("μεῖζόν")
    'μειζον'
    """
    return "".join(c for c in unicodedata.normalize("NFD", form) if not unicodedata.combining(c))


def reorders(lemma: str, reading: str) -> bool:
    """True when ``reading`` has the words of ``lemma`` (two or more) in another order.

    >>> reorders("φῶς εἶδεν", "εἶδεν φῶς"), reorders("a b", "a b"), reorders("a b", "b c")
    (True, False, False)
    """
    lemma_words, reading_words = lemma.split(), reading.split()
    return (
        len(lemma_words) >= 2
        and lemma_words != reading_words
        and sorted(lemma_words) == sorted(reading_words)
    )


class UnitType(enum.StrEnum):
    """How the readings of a unit differ, seen from the base witness."""

    OMISSION = "omission"
    """The other witness lacks text the base has."""
    ADDITION = "addition"
    """The other witness has text the base lacks."""
    SUBSTITUTION = "substitution"
    """Both have text at this place, and it differs."""
    TRANSPOSITION = "transposition"
    """The same words stand in another order: at different places (`Unit.moved` names the
    witnesses whose words are read at their own place), or as one phrase reordered in place
    ("εἶδεν φῶς" for "φῶς εἶδεν"; `Unit.moved` empty)."""


class VariantClass(enum.StrEnum):
    """What kind of difference a unit is, for an editor deciding what to print."""

    PUNCTUATION = "punctuation"
    """Only punctuation differs (or quotes, dashes and apostrophes of another shape)."""
    ORTHOGRAPHIC = "orthographic"
    """The words are the same after the normalization rules, or near matches: spelling, case,
    historical orthography, word division ("to day", "today")."""
    SUBSTANTIVE = "substantive"
    """The words differ: a variant of the text itself."""
    LAYOUT = "layout"
    """The readings have the same tokens and differ only in whitespace: a line break, a
    paragraph break or spacing against a space (a witness transcribed line by line against a
    printed edition), or a compound broken at its own hyphen at a line end (``self-⏎made``
    against ``self-made``). Listed last, after the classes that are variants of the text.
    The printed outputs leave it out unless asked (``--layout include``);
    the data exports keep it, so every witness is rebuilt exactly."""


@dataclass(frozen=True, slots=True)
class MovedWords:
    """Who has the moved words, at one of the two places of a transposition that is a unit of
    its own (a place that holds other variants too keeps the two apart, `Unit.moved`): the
    witnesses that read them here and lack them at the other place, and those the other way
    round. A witness in neither lacks the words at both places, or has them at both: against
    a witness that moved them it omits or adds them, it does not transpose them.

    >>> at_the_end = MovedWords(here=("T1",), elsewhere=("T2",))
    >>> at_the_end.apart("T2", "T1"), at_the_end.apart("T3", "T1")
    (True, False)
    """

    here: tuple[str, ...]
    """The witnesses that read the words at this place and lack them at the other."""
    elsewhere: tuple[str, ...]
    """The witnesses that lack the words here and read them at the other place."""

    def apart(self, siglum: str, other: str) -> bool:
        """True when one of the two witnesses has the words here and the other has them at
        the other place: between them the words moved."""
        return (siglum in self.here and other in self.elsewhere) or (
            siglum in self.elsewhere and other in self.here
        )


@dataclass(frozen=True, slots=True)
class Subvariant:
    """A place inside a group's reading where the group's witnesses differ (sub-variation)."""

    type: UnitType
    """Omission, addition or substitution, seen from the group's printed reading."""
    readings: Mapping[str, Reading]
    """Each witness of the group's text at this place, by siglum (empty where it has none);
    offsets are in the witness's own text, as a unit's are."""


@dataclass(frozen=True, slots=True)
class ReadingGroup:
    """Readings of one unit that are mostly the same word for word: one reading with variation
    inside it (nested variation, `collate.engine.reading_groups`). An apparatus prints the
    group's reading once, then its sub-variants."""

    sigla: tuple[str, ...]
    """The group's witnesses, in the collation's witness order."""
    reading: str
    """The siglum of the witness whose reading the group prints (most witnesses, then the
    earliest); outside the sub-variants every witness of the group reads exactly this."""
    subvariants: tuple[Subvariant, ...]
    """Where the group's readings differ, in the order of the text."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A place of variation (a variant unit) with every witness's reading there."""

    id: str
    """Stable identifier within the collation: ``u1``, ``u2``… in base-text order."""
    type: UnitType
    """Omission, addition, substitution or transposition."""
    segment: int
    """Number (from 1) of the aligned segment group the unit lies in."""
    readings: Mapping[str, Reading]
    """Each witness's reading, by siglum; every witness has one."""
    variant_class: VariantClass = VariantClass.SUBSTANTIVE
    """Punctuation, orthographic or substantive (`collate.engine._classify`)."""
    lacunae: tuple[str, ...] = ()
    """Witnesses that lack the text here rather than omit it: they start later or end earlier
    than the base (a fragmentary witness; their readings are empty), or their reading is a
    lacuna mark such as ``[…]`` (`is_lacuna`)."""
    moved: tuple[str, ...] = ()
    """For a transposition across places: the witnesses whose words stand at their own place,
    elsewhere than the base's (in a pairwise collation, the other witness); empty for a phrase
    reordered in place, and for the two places of a transposition that hold other variants
    too (each is then a unit of its own)."""
    moved_words: MovedWords | None = None
    """At one of the two places of a transposition that is a unit of its own (``moved``
    empty): which witnesses have the words here and which at the other place, so that a
    witness that only lacks or adds them is not said to transpose them (`transposes`). None
    for every other unit."""
    lemma: str = ""
    """The siglum whose reading is the lemma here; empty for the base (``--base majority``
    makes it the witness of the reading most witnesses share)."""
    conjecture: str = ""
    """The editor's own reading printed as the lemma, which no witness has (a ``lemma``
    decision with ``text``, `collate.decisions`); empty when a witness's reading is the lemma."""
    note: str = ""
    """The editor's note on the unit (a ``note`` decision)."""
    dropped: bool = False
    """True when the editor judged the unit no variant (a ``drop`` decision): it is kept in the
    collation, so every witness still rebuilds, and left out of the apparatus."""
    decisions: tuple[int, ...] = ()
    """The editor's decisions that made or changed this unit: indices (from 0) into
    `Collation.decisions`."""
    groups: tuple[ReadingGroup, ...] = ()
    """Readings that share most of their words (`ReadingGroup`): each group is printed as one
    reading with its sub-variants (the lemma, for the group that holds the lemma's reading).
    Empty for most units."""

    def lemma_siglum(self, base: str) -> str:
        """The siglum of the lemma's witness, given the collation's base."""
        return self.lemma or base

    def transposes(self, siglum: str, base: str) -> bool:
        """True when the unit is a transposition and ``siglum``'s reading, where it differs
        from the lemma's, is the words standing elsewhere (``transp.``) rather than lacking
        or added (`moved_words`), given the collation's base."""
        if self.type is not UnitType.TRANSPOSITION:
            return False
        if self.moved_words is None:
            return True
        return self.moved_words.apart(siglum, self.lemma_siglum(base))


@dataclass(frozen=True, slots=True)
class Agreement:
    """A stretch of text that every witness has, character for character."""

    text: str
    """The shared characters."""
    starts: Mapping[str, int]
    """Where the stretch begins in each witness, by siglum."""


@dataclass(frozen=True, slots=True)
class AlignedSegment:
    """A group of segments (paragraphs, or a paragraph split or merged) aligned across witnesses."""

    number: int
    """Number of the group, from 1, as `Unit.segment` cites it."""
    spans: Mapping[str, tuple[int, int]]
    """Each witness's character span for the group, by siglum; empty where it lacks the group."""


# The editor's decisions (`collate.decisions` reads, writes and applies them)


class DecisionAction(enum.StrEnum):
    """What a decision does."""

    MERGE = "merge"
    """Join neighbouring units into one; the shared text between them joins each reading."""
    SPLIT = "split"
    """Cut a unit in two at a place in one witness (the others where the words align)."""
    LEMMA = "lemma"
    """Print a witness's reading, or the editor's own (a conjecture), as the lemma."""
    CLASS = "class"
    """Set the unit's class (layout, punctuation, orthographic, substantive)."""
    NOTE = "note"
    """Attach the editor's note to the unit."""
    DROP = "drop"
    """Judge the unit no variant: kept in the collation, left out of the apparatus."""


@dataclass(frozen=True, slots=True)
class Quote:
    """Where a reading stands in one witness: a W3C text-quote selector with a text-position
    hint."""

    exact: str
    """The reading's text exactly (empty for an omission's place)."""
    prefix: str = ""
    """Up to `collate.decisions.CONTEXT` characters of the witness just before the reading."""
    suffix: str = ""
    """Up to `CONTEXT` characters just after it."""
    start: int = 0
    """The reading's offset when the decision was made; a hint only."""


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision of the editor's, anchored by the passage it applies to."""

    action: DecisionAction
    """What it does."""
    readings: Mapping[str, Quote]
    """The passage in each witness: one unit's readings, or for a merge the whole stretch from
    the first unit to the last."""
    at: Mapping[str, int] = field(default_factory=dict)
    """A split: where to cut, as offsets into the readings of the witnesses named (the others
    are cut where their words align)."""
    witness: str = ""
    """A lemma: the siglum whose reading is printed as the lemma."""
    text: str = ""
    """A lemma: the editor's own reading (a conjecture), printed as the lemma."""
    variant_class: VariantClass | None = None
    """A class: the class the unit gets."""
    note: str = ""
    """A note: its text."""
    units: str = ""
    """The unit ids it was made on (``u17 u18``), for the reader of the file."""

    def describe(self) -> str:
        """One line saying what the decision does, for messages and ``decide list``.

        >>> q = {"M": Quote("only"), "B": Quote("just")}
        >>> Decision(DecisionAction.LEMMA, q, witness="B", units="u4").describe()
        'lemma u4 (M "only", B "just"): B'
        """
        shown = ", ".join(f"{s} {_short(q.exact)}" for s, q in self.readings.items())
        what = {
            DecisionAction.MERGE: "",
            DecisionAction.SPLIT: " at " + ", ".join(f"{s}+{o}" for s, o in self.at.items()),
            DecisionAction.LEMMA: f": {self.witness}"
            if self.witness
            else f": conj. {_short(self.text)}",
            DecisionAction.CLASS: f": {self.variant_class.value if self.variant_class else ''}",
            DecisionAction.NOTE: f": {_short(self.note)}",
            DecisionAction.DROP: "",
        }[self.action]
        units = f" {self.units}" if self.units else ""
        return f"{self.action.value}{units} ({shown}){what}"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one decision when the decisions were applied."""

    decision: Decision
    """The decision."""
    applied: bool
    """True when it anchored and was applied."""
    reason: str = ""
    """Why it was not applied (empty when it was)."""
    unit: str = ""
    """The id of the unit it made or changed, in the collation with every decision applied
    (empty when not applied, or when later decisions merged it away)."""


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return json.dumps(flat if len(flat) <= limit else flat[: limit - 1] + "…", ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Collation:
    """The result of collating witnesses: agreements and variant units covering every character.

    Every character of every witness lies in exactly one agreement or one unit reading, so each
    witness can be rebuilt from the collation alone (`rebuild`).
    """

    witnesses: tuple[Witness, ...]
    """The witnesses, the base first."""
    units: tuple[Unit, ...]
    """The variant units in the order of the base text."""
    agreements: tuple[Agreement, ...] = field(repr=False)
    """The shared stretches between the units."""
    segments: tuple[AlignedSegment, ...] = field(default=(), repr=False)
    """The aligned segment groups, in text order."""
    decisions: tuple[Outcome, ...] = field(default=(), repr=False)
    """The editor's decisions applied to the machine's collation, each with whether it
    applied and why not (`collate.decisions.apply`); empty when none were given."""
    notes: tuple[str, ...] = ()
    """Remarks on how the collation was made, one line each: where the engine's cost limit
    made it align a passage more cheaply (`collate.engine._budget`). Empty for most texts."""

    @property
    def base(self) -> Witness:
        """The witness whose text carries the lemmata (the first one)."""
        return self.witnesses[0]

    @property
    def sigla(self) -> tuple[str, ...]:
        """The sigla in witness order."""
        return tuple(w.siglum for w in self.witnesses)

    def witness(self, siglum: str) -> Witness:
        """The witness cited as ``siglum``.

        Raises:
            KeyError: no witness has that siglum.
        """
        for witness in self.witnesses:
            if witness.siglum == siglum:
                return witness
        raise KeyError(siglum)

    def counts(self) -> Counter[UnitType]:
        """Number of units of each type."""
        return Counter(unit.type for unit in self.units)

    def agreement_share(self, siglum: str, *, minor_agrees: bool = False) -> float:
        """The share of a witness's characters (whitespace excluded) that agree with the others:
        its readings in units that differ only in whitespace (class ``layout``) agree; with
        ``minor_agrees``, its readings in units that differ only in punctuation or spelling
        (an NFC text against its NFD copy) count as agreeing too."""
        agreed = sum(len(a.text) - _spaces(a.text) for a in self.agreements)
        agreed += sum(
            len(text) - _spaces(text)
            for unit in self.units
            if unit.variant_class is VariantClass.LAYOUT
            or (minor_agrees and unit.variant_class is not VariantClass.SUBSTANTIVE)
            for text in (unit.readings[siglum].text,)
        )
        text = self.witness(siglum).text
        total = len(text) - _spaces(text)
        return agreed / total if total else 1.0

    def rebuild(self, siglum: str) -> str:
        """A witness's text put together from the agreements and its unit readings alone.

        Raises:
            ValueError: the pieces do not tile the witness (a bug in the engine).
        """
        pieces = [(a.starts[siglum], a.text) for a in self.agreements]
        pieces += [(u.readings[siglum].start, u.readings[siglum].text) for u in self.units]
        pieces.sort(key=lambda piece: (piece[0], len(piece[1])))
        position = 0
        parts = []
        for start, text in pieces:
            if start != position:
                raise ValueError(f"{siglum}: pieces leave a gap or overlap at offset {position}")
            parts.append(text)
            position += len(text)
        return "".join(parts)


def check_sigla(witnesses: Iterable[Witness]) -> None:
    """Refuse witnesses that share a siglum or have an empty one.

    Raises:
        CollationError: naming both files.
    """
    seen: dict[str, Witness] = {}
    for witness in witnesses:
        if not witness.siglum.strip() or any(c.isspace() for c in witness.siglum):
            raise CollationError(
                f"{witness.path or witness.siglum}: siglum {witness.siglum!r} is empty or has "
                "spaces; give sigla with --sigla"
            )
        if not witness.siglum.isprintable():
            # a terminal would act on it (an escape sequence), and no file name can hold it
            raise CollationError(
                f"{witness.path or 'a witness'}: siglum {witness.siglum!r} has a character that "
                "cannot be printed (a control character); give sigla with --sigla"
            )
        if witness.siglum in seen:
            first = seen[witness.siglum]
            raise CollationError(
                f"{witness.path or witness.siglum}: siglum {witness.siglum!r} is already used "
                f"by {first.path or 'another witness'}; give distinct sigla with --sigla"
            )
        seen[witness.siglum] = witness


def _spaces(text: str) -> int:
    # str.split() cuts at exactly the characters str.isspace() accepts, at C speed; a piece
    # at a time, so that a long witness's words are never all held as strings at once
    count = 0
    for start in range(0, len(text), _COUNTED_AT_ONCE):
        piece = text[start : start + _COUNTED_AT_ONCE]
        count += len(piece) - len("".join(piece.split()))
    return count
