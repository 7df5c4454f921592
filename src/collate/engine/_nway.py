"""Collating more than two witnesses: each witness aligned with the hub (the first witness,
`collate.engine._view.hub_first`), the alignments merged on the hub's coordinates. Pure: no I/O.

Every other witness is collated with the hub by the pairwise engine (`collate.engine._align`).
Each pairwise collation is a sequence of rows that runs in order through both texts
(`collate.engine.alignment_rows`); the variant rows give stretches of the hub (a point, for an
addition). Stretches of all witnesses that overlap or touch are merged into one place of
variation, so are an addition and the variant just before it, and the same words added by two
witnesses on either side of a word or two (`_places`); at each place every witness's reading
is its text between the points that the place's edges map to. A merged place that holds
separate variants (one witness's longer unit overlapping two of the others', or adjacent
words the witnesses group differently) is cut apart (`_Splitter`). So a unit lists every
witness's reading, witnesses with the same reading share it, the text between units is the
same in every witness, and each witness is rebuilt exactly from the collation. (Here "the
base" is the hub; the editor's base is a view on the result, `collate.engine._view`.)

A transposition found between the hub and a witness is a unit of type transposition at each
of its two places (where the hub has the words, and where the witness has them). Where the
two are not joined into one unit, a place that holds nothing else records who has the words
there and who at the other place (`collate.model.MovedWords`): a witness that lacks them at
both is not said to have moved them, whichever witness is the base.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from collate.engine._classify import near_ratio
from collate.engine._columns import reading_columns
from collate.engine._nesting import nest_as_one
from collate.engine._rows import Row, alignment_rows
from collate.engine._settings import Settings
from collate.model import (
    CLAUSE_END,
    Agreement,
    AlignedSegment,
    Collation,
    MovedWords,
    Reading,
    Unit,
    UnitType,
    VariantClass,
    Witness,
    is_lacuna,
    reorders,
    without_accents,
)

__all__ = ["merge_pairwise", "type_seen_from", "unit_type"]


@dataclass(slots=True)
class _Place:
    """A merged place of variation on the base: [start, end), an empty one for a point."""

    start: int
    end: int
    moved: bool = False
    """Every unit merged here is a transposition (the place is one of its two places)."""
    holds_moved: bool = False
    """Some unit merged here is a transposition."""
    lacunae: tuple[str, ...] = ()
    """Witnesses that lack the text here because they start later or end earlier."""
    absent: tuple[str, ...] = ()
    """Witnesses that lack the text here in a long stretch most witnesses read
    (`Settings.lack_words`): their omission."""
    sources: set[tuple[str, str, bool]] = field(default_factory=set)
    """The pairwise units merged here: (witness, unit id, True for a transposition's words at
    the witness's own place)."""
    added: dict[str, str] = field(default_factory=dict)
    """At an addition's point: the words each witness adds there."""
    spacing: bool = False
    """Every unit merged here differs from the base only in whitespace (its words are the
    base's, cut into the same tokens): a line or paragraph break against a space."""


def merge_pairwise(
    witnesses: Sequence[Witness],
    pairwise: Sequence[Collation],
    classify: Callable[[UnitType, dict[str, Reading]], VariantClass],
    settings: Settings,
) -> Collation:
    """One collation of ``witnesses`` (the base first) from the base's pairwise collation with
    each other witness (in the same order); ``classify`` gives each merged unit its class;
    ``settings`` the rules of the merge."""
    base = witnesses[0]
    row_lists = [alignment_rows(c) for c in pairwise]
    lacks: list[tuple[int, int, str]] = []
    if settings.lack_words is not None:
        row_lists, lacks = _long_lacks(row_lists, witnesses, settings)
    places = _places(row_lists, base.siglum, base.text, settings, lacks)
    mappers = {
        c.sigla[1]: _Mapper(rows, base.siglum, c.sigla[1])
        for c, rows in zip(pairwise, row_lists, strict=True)
    }
    units = []
    inner_agreements = []
    splitter = _Splitter(witnesses, settings)
    # where each witness's previous reading ended, so that touching places never both take
    # the rows at their common edge
    ended: dict[str, int] = {}
    previous_end = -1
    for place in places:
        readings = {
            base.siglum: Reading(place.start, place.end, base.text[place.start : place.end])
        }
        for witness in witnesses[1:]:
            mapper = mappers[witness.siglum]
            if place.start == previous_end:
                start = ended[witness.siglum]
            else:
                start = mapper.start(place.start)
            # a stretch that only witnesses lacking it vary (a lacuna, a long lack) ends
            # before words added at its end: those are the next place's
            lacked = (place.absent or place.lacunae) and not place.sources
            end = max(start, mapper.start(place.end) if lacked else mapper.end(place.end))
            readings[witness.siglum] = Reading(start, end, witness.text[start:end])
            ended[witness.siglum] = end
        previous_end = place.end
        pieces, between = splitter.split(place, readings)
        inner_agreements += between
        for piece, piece_readings in pieces:
            if not place.moved and not any(r.text for r in piece_readings.values()):
                # every witness's words here went to the place before (an addition at the
                # edge of a lacuna's stretch, or a witness's moved words and the words it
                # adds after them): nothing is left to vary. A place that is only a
                # transposition's stays, to be joined with its other place.
                continue
            units.append(
                (piece, unit_type(piece_readings, base.siglum, piece.moved), piece_readings)
            )
    segments = _segments(pairwise, mappers, witnesses)
    merged = _one_unit_per_transposition(units)
    with_moves = _with_moved_words(merged, witnesses, row_lists, mappers)
    collation_units = tuple(
        Unit(
            id=f"u{number}",
            type=kind,
            segment=_segment_of(segments, base.siglum, place.start),
            readings=readings,
            variant_class=classify(kind, readings),
            lacunae=tuple(s for s in readings if s in place.lacunae or is_lacuna(readings[s].text)),
            moved=moved,
            moved_words=moved_words,
        )
        for number, (place, kind, readings, moved, moved_words) in enumerate(with_moves, start=1)
    )
    agreements = []
    position = 0
    previous: _Place | None = None
    for place in [*places, _Place(len(base.text), len(base.text))]:
        if place.start > position:
            starts = {base.siglum: position}
            for witness in witnesses[1:]:
                mapper = mappers[witness.siglum]
                # after a place, where its reading ends (past any addition at its edge)
                starts[witness.siglum] = (
                    mapper.end(previous.end) if previous is not None else mapper.start(position)
                )
            agreements.append(Agreement(base.text[position : place.start], starts))
        position = max(position, place.end)
        previous = place
    if inner_agreements:
        agreements = sorted([*agreements, *inner_agreements], key=lambda a: a.starts[base.siglum])
    return Collation(
        witnesses=tuple(witnesses),
        units=collation_units,
        agreements=tuple(agreements),
        segments=segments,
    )


class _Splitter:
    """Cuts a merged place into the variants it holds.

    A place is merged from every witness's pairwise units, so one witness's longer unit can
    join variants that other witnesses show to be separate (Treg and RP add καὶ before a
    word, RP alone changes the next). Inside the place the readings are aligned word by word
    (`collate.engine._columns`), and the place is cut where the witnesses fall into different groups
    by their words on either side: at a word every witness reads alike (whatever whitespace
    follows it: where that differs, a line break against a space, it is a piece of its own,
    a unit of layout), or between two columns of words. It is not cut

    - inside the stretch across which a word moved (a word that some witnesses have in one
      column and others in another, accents aside: "αὐτὸν θανατώσωσιν" / "θανατώσωσιν
      αὐτόν"), nor, in a place holding part of a transposition, anywhere but at shared words;
    - before an addition (a column where the base has no word): added words belong to the word
      before them ("ἠνεῴχθησαν αὐτῷ" / "ἀνεῴχθησαν αὐτῷ" is one variant);
    - after an addition that opens a sentence: those belong to the word after them;
    - at a word some witness adds words on both sides of (it is their anchor: "ὁ Ἰούδας ὁ
      Ἰσκαριώτης" for "Ἰούδας" is one variant, WH's "ὁ Ἰούδας" with it);
    - where a witness's reading is a lacuna mark: it lacks the whole place;
    - between a word and one like it in the next column, which two witnesses read one for
      the other (`Settings.near_column`: "κρίνεται" / "κρίνετε" / "κρίνετε κρίνεται").

    Nor inside a witness's rewrite (`Settings.rewrite_words`), unless at a sentence end
    beside a sentence that witnesses reading otherwise on the other side share
    (`Settings.shared_run`).

    Witnesses that lack the place (they start later or end earlier) take no part in finding
    the cuts; as they share no word with the others, a word the others read alike is a piece
    of its own there rather than text between the pieces.
    """

    def __init__(self, witnesses: Sequence[Witness], settings: Settings) -> None:
        self.settings = settings
        self.witnesses = {w.siglum: w for w in witnesses}
        self.base = witnesses[0].siglum
        self.starts = {w.siglum: [t.start for t in w.tokens] for w in witnesses}
        self.forms = {w.siglum: [t.normalized for t in w.tokens] for w in witnesses}
        self._readings: dict[str, Reading] = {}  # the place being cut
        self._kept: dict[str, bool] = {}  # by witness: its rewrite keeps that place whole

    def split(
        self, place: _Place, readings: dict[str, Reading]
    ) -> tuple[list[tuple[_Place, dict[str, Reading]]], list[Agreement]]:
        """The pieces of the place with their readings, and the agreements between them."""
        whole: tuple[list[tuple[_Place, dict[str, Reading]]], list[Agreement]] = (
            [(place, readings)],
            [],
        )
        if not self.settings.split_places:
            return whole
        if place.moved or len({source[0] for source in place.sources}) < 2:
            return whole  # one witness's variant groups the others alike throughout
        if any(is_lacuna(r.text) for r in readings.values()):
            return whole  # a witness lacks the whole place
        # a witness that lacks the text here (a fragment) is no reason to keep the others'
        # variants together: the place is cut as the witnesses that have it group
        present = {
            s: r for s, r in readings.items() if s not in place.lacunae and s not in place.absent
        }
        per = {
            siglum: list(
                range(
                    bisect_left(self.starts[siglum], reading.start),
                    bisect_left(self.starts[siglum], reading.end),
                )
            )
            for siglum, reading in present.items()
        }
        if sum(1 for tokens in per.values() if tokens) < 2:
            return whole
        rules = self.settings
        columns = reading_columns(
            per,
            self.forms,
            self.base,
            rules.near_column,
            rules.shared_run,
            rules.rewrite_columns_last,
        )
        # a place that holds part of a transposition is cut only at shared words, so that the
        # moved words stay whole, to be joined with their other place
        between_columns = self.settings.split_between_words and not place.holds_moved
        self._readings, self._kept = present, {}
        cuts = self._cuts(columns, present, between_columns)
        if place.lacunae or place.absent:
            # the lacking witnesses share no word with the others: a word the others read
            # alike is a piece of its own, where only the lacking witnesses differ
            cuts = sorted(
                {(k + step, False) for k, shared in cuts for step in ((0, 1) if shared else (0,))}
            )
        if not cuts:
            return whole
        pieces: list[tuple[_Place, dict[str, Reading]]] = []
        between: list[Agreement] = []
        edges = {s: r.start for s, r in readings.items()}
        for k, at_shared in [*cuts, (len(columns), False)]:
            ends = {s: self._offset(columns[k:], s, r) for s, r in readings.items()}
            pieces.append(self._piece(place, readings, edges, ends))
            edges = ends
            if at_shared:
                # the shared word, and the words every witness reads alike after it up to the
                # next variant, stand between the pieces; where the witnesses space a shared
                # word otherwise (a line break against a space), its whitespace alone is a
                # piece of its own there (a unit of layout), between two agreements
                shared = ""
                j = k
                while True:
                    column = columns[j]
                    token = self.witnesses[self.base].tokens[column[self.base]]
                    space = self._shared_space(column, readings)
                    shared += token.text + (space or "")
                    j += 1
                    if space is None:
                        between.append(Agreement(shared, dict(edges)))
                        spaced = {s: self.witnesses[s].tokens[column[s]].end for s in readings}
                        gaps = {
                            s: min(
                                spaced[s] + len(self.witnesses[s].tokens[column[s]].space),
                                readings[s].end,
                            )
                            for s in readings
                        }
                        pieces.append(self._piece(place, readings, spaced, gaps))
                        shared, edges = "", gaps
                    if not (
                        space != "" and j < len(columns) - 1 and self._agrees(columns[j], readings)
                    ):
                        break
                if shared:
                    between.append(Agreement(shared, dict(edges)))
                    edges = {s: edges[s] + len(shared) for s in readings}
        return pieces, between

    def _piece(
        self,
        place: _Place,
        readings: dict[str, Reading],
        starts: dict[str, int],
        ends: dict[str, int],
    ) -> tuple[_Place, dict[str, Reading]]:
        """A piece of ``place``: each witness's text from ``starts`` to ``ends``."""
        piece = {
            s: Reading(starts[s], ends[s], self.witnesses[s].text[starts[s] : ends[s]])
            for s in readings
        }
        base = piece[self.base]
        return _Place(base.start, base.end, lacunae=place.lacunae, absent=place.absent), piece

    def _cuts(
        self, columns: list[dict[str, int]], readings: dict[str, Reading], between_columns: bool
    ) -> list[tuple[int, bool]]:
        """Where to cut: (k, True) at column k, which every witness reads alike and which then
        stands between the pieces; (k, False) just before column k, if ``between_columns``."""
        # for each column k: inside a stretch a word moved across (lo < k <= hi), and
        # strictly inside one (lo < k < hi)
        rules = self.settings
        stretches = self._moved_stretches(columns) if rules.swap_across else []
        if stretches and rules.shared_run:
            # a run of words two witnesses read alike is aligned, not kept inside one unit
            # with the stretch a word moved across
            runs = self._runs_read_alike(columns, readings, rules.shared_run)
            stretches = [
                (lo, hi) for lo, hi in stretches if not any(a <= hi and b > lo for a, b in runs)
            ]
        after_move_start, strictly_inside = _coverage(stretches, len(columns))
        cuts: list[tuple[int, bool]] = []
        first: int | None = None  # the first column that varies
        last: int | None = None  # the last one so far
        previous: frozenset[frozenset[str]] | None = None  # and its groups
        shared_at: int | None = None  # a column read alike since then
        for k, column in enumerate(columns):
            if (
                0 < k < len(columns) - 1
                and self._agrees(column, readings)
                and not strictly_inside[k]
            ):
                if shared_at is None:
                    shared_at = k
                continue
            groups = self._groups(column, readings)
            if len(groups) == 1:
                continue  # every witness has the same word, spaced otherwise: no variant
            if last is not None and previous is not None and groups != previous:
                since = cuts[-1][0] if cuts else 0
                if shared_at is not None:
                    if not self._inside_rewrite(
                        columns, shared_at, shared_at
                    ) or self._sentence_shared(columns, since, shared_at, k):
                        cuts.append((shared_at, True))
                elif between_columns and not (
                    after_move_start[k]
                    or self._splits_a_substitution(columns, k)
                    or (
                        self._inside_rewrite(columns, k, None)
                        and not self._sentence_shared(columns, since, k, k)
                    )
                    # an addition goes with the word before it, unless it follows a run of
                    # words its witnesses share with the base (`Settings.shared_run`), or
                    # opens a variant of theirs in the word after it
                    or (
                        rules.addition_joins_before
                        and self._added(column)
                        and not self._after_shared_run(columns, k)
                        and not self._opens_variant(columns, k)
                    )
                ):
                    cuts.append((k, False))
            if first is None:
                first = k
            previous, shared_at, last = groups, None, k
        return cuts

    def _splits_a_substitution(self, columns: list[dict[str, int]], k: int) -> bool:
        """True when column ``k - 1`` holds a word of a witness that has none in column ``k``,
        and column ``k`` a word like it (`Settings.near_column`) of a witness that has none in
        ``k - 1``: the two read one word for the other, and a cut between would print that
        as an omission beside an addition. Such words stand in two columns only where a third
        witness has words in both: a conflation (the Florilegium's H reads "μὴ κρίνετε
        κρίνεται" where the others read "κρίνεται" or "κρίνετε") or a word of its own beside
        its own reading of the word (the SBLGNT's RP "δέ ἔσται" where WH reads "ἐστὶν" and
        SBL "ἔσται")."""
        before, after = columns[k - 1], columns[k]
        if not any(s in before and s in after for s in self._readings):
            return False
        least = self.settings.near_column
        return any(
            _like(self.forms[one][before[one]], self.forms[other][after[other]], least)
            for one in before
            if one not in after
            for other in after
            if other not in before
        )

    def _sentence_shared(
        self, columns: list[dict[str, int]], since: int, before: int, after: int
    ) -> bool:
        """True when the place may be cut at a sentence end inside a rewrite: every witness
        with words on both sides ends a sentence there (its last word before column ``after``
        is a clause-ending mark), and two witnesses whose readings on one side (columns
        ``since`` to ``before``, or from ``after`` on) are not one reading (under
        `Settings.nest_share` of their words alike) read `Settings.shared_run` words in a row
        alike in the sentence on the other side: that sentence is theirs in common, revised, a
        variant of its own and not part of the one witness's rewrite of the other (Darwin's
        1861 and 1866, "of flint tools or celts in the superficial" in a sentence that 1861
        writes after 1859's sentence on Egypt and 1866 after a new one on the lake-dwellers).
        Columns ``before`` to ``after`` (a cut at words every witness reads alike) stand
        between the two sides."""
        least = self.settings.shared_run
        if not least:
            return False
        forms = self.forms
        for siglum in self._readings:
            last = next(
                (columns[j][siglum] for j in range(after - 1, -1, -1) if siglum in columns[j]),
                None,
            )
            later = any(siglum in column for column in columns[after:])
            if last is not None and later and forms[siglum][last] not in CLAUSE_END:
                return False
        before_cut = columns[since:before]
        # the sentence after the cut, and the one before it read backwards
        sides = ((before_cut, columns[after:]), (columns[after:], before_cut[::-1]))
        for one, other in itertools.combinations(self._readings, 2):
            for apart, sentence in sides:
                if (
                    self._alike_share(apart, one, other) < self.settings.nest_share
                    and self._run_in_sentence(sentence, one, other) >= least
                ):
                    return True
        return False

    def _run_in_sentence(self, columns: list[dict[str, int]], one: str, other: str) -> int:
        """The longest run of columns in which two witnesses have words of the same form, in
        the sentence the columns begin with: up to the first clause-ending mark either has
        after a word of its own (the mark that ends the sentence before, met first when the
        columns run backwards from a sentence's end, does not count)."""
        forms = self.forms
        run = longest = 0
        begun: set[str] = set()
        for column in columns:
            mine, theirs = column.get(one), column.get(other)
            if mine is not None and theirs is not None and forms[one][mine] == forms[other][theirs]:
                run += 1
                longest = max(longest, run)
            else:
                run = 0
            for siglum, index in ((one, mine), (other, theirs)):
                if index is None:
                    continue
                if forms[siglum][index] not in CLAUSE_END:
                    begun.add(siglum)
                elif siglum in begun:
                    return longest
        return longest

    def _alike_share(self, columns: list[dict[str, int]], one: str, other: str) -> float:
        """The share of two witnesses' words in ``columns`` that stand in one column with the
        same form (twice those columns over the words of both); 1 where neither has any."""
        mine = sum(1 for column in columns if one in column)
        theirs = sum(1 for column in columns if other in column)
        if not mine + theirs:
            return 1.0
        same = sum(
            1
            for column in columns
            if one in column
            and other in column
            and self.forms[one][column[one]] == self.forms[other][column[other]]
        )
        return 2 * same / (mine + theirs)

    def _runs_read_alike(
        self, columns: list[dict[str, int]], readings: dict[str, Reading], least: int
    ) -> list[tuple[int, int]]:
        """The (first, last) columns of each run of at least ``least`` columns in a row in which
        two witnesses whose readings differ have words of the same form (`Settings.shared_run`;
        two that read alike throughout are one reading)."""
        found = []
        for one, other in itertools.combinations(readings, 2):
            if readings[one].text == readings[other].text:
                continue
            run = 0
            for k, column in enumerate([*columns, {}]):
                mine, theirs = column.get(one), column.get(other)
                if (
                    mine is not None
                    and theirs is not None
                    and self.forms[one][mine] == self.forms[other][theirs]
                ):
                    run += 1
                    continue
                if run >= least:
                    found.append((k - run, k - 1))
                run = 0
        return found

    def _opens_variant(self, columns: list[dict[str, int]], k: int) -> bool:
        """True when the witnesses that add the words of column ``k`` read the word before
        it as the base does and the base's next word otherwise: the addition opens their
        variant there, not the variant of others before it (the Frankenstein notebook's
        "at l ong" for "at long", where 1823 reads "with" for "at": two variants)."""
        base, forms = self.base, self.forms
        before = columns[k - 1]
        after = next((column for column in columns[k + 1 :] if base in column), None)
        if after is None or base not in before:
            return False
        return all(
            siglum in before
            and forms[siglum][before[siglum]] == forms[base][before[base]]
            and (siglum not in after or forms[siglum][after[siglum]] != forms[base][after[base]])
            for siglum in columns[k]
        )

    def _added(self, column: dict[str, int]) -> bool:
        """True for a column of words that the hub and most witnesses lack: an addition,
        whichever of those witnesses is the base."""
        return self.base not in column and 2 * len(column) < len(self.witnesses)

    def _after_shared_run(self, columns: list[dict[str, int]], k: int) -> bool:
        """True when each witness with a word in column ``k`` (not a punctuation mark alone)
        reads the `Settings.shared_run` columns before it word for word as some witness
        without one there does: what it adds follows words it shares with another, not a
        variant of its own, and joined with a variant before it would leave that run of shared
        words inside one unit."""
        least = self.settings.shared_run
        if not least or k < least:
            return False
        if not any(self.forms[s][i][:1].isalnum() for s, i in columns[k].items()):
            return False  # a punctuation mark goes with the words before it
        run = columns[k - least : k]
        others = [s for s in self.witnesses if s not in columns[k]]
        return all(any(self._same(run, siglum, other) for other in others) for siglum in columns[k])

    def _same(self, run: list[dict[str, int]], one: str, other: str) -> bool:
        """True when two witnesses have a word in each column of ``run``, the same form."""
        for column in run:
            mine, theirs = column.get(one), column.get(other)
            if mine is None or theirs is None or self.forms[one][mine] != self.forms[other][theirs]:
                return False
        return True

    def _inside_rewrite(self, columns: list[dict[str, int]], k: int, shared: int | None) -> bool:
        """True when some witness differs from the base in at least `Settings.rewrite_words`
        words both before column ``k`` and from it on (``shared``, the column of a word read
        alike, counted on neither side; a witness whose words all stand on one side, where it
        reads `Settings.shared_run` of them in a row as another witness does, omits the base's
        words on the other side and shares those words: it rewrites nothing across the cut, as
        a paragraph's last sentence dropped beside a heading that another witness adds after
        it), and has that many words of its own in a row somewhere
        in the place (words the base has none like in their column): a cut there would fall
        inside that witness's rewrite, which others share with variations of their own: one
        reading with sub-variants (nested variation, `collate.engine.reading_groups`), not
        pieces cut at its stray "and". A word spelt otherwise ("πειλατοϲ" for "Πιλᾶτος") is no
        difference here, and a witness that only lacks words, or keeps a word of its own here
        and there among the base's (a fragment with gaps, a sentence moved away), rewrites
        nothing."""
        least = self.settings.rewrite_words
        if least is None:
            return False
        base = self.base
        for siglum in self.witnesses:
            if siglum == base:
                continue
            sides = [0, 0]
            own = [0, 0]  # its tokens on either side
            run = longest = 0  # words of its own in a row
            for j, column in enumerate(columns):
                mine, theirs = column.get(base), column.get(siglum)
                if mine is None and theirs is None:
                    continue
                if theirs is not None:
                    if j != shared:
                        own[j >= k] += 1
                    if self._alike(mine, self.forms[siglum][theirs]):
                        run = 0
                        continue
                    run += 1
                    longest = max(longest, run)
                if j != shared:
                    sides[j >= k] += 1
            if (
                min(sides) >= least
                and longest >= least
                and (min(own) > 0 or not self._shares_run(columns, siglum))
                and self._keeps_rewrite(columns, siglum)
            ):
                return True
        return False

    def _keeps_rewrite(self, columns: list[dict[str, int]], siglum: str) -> bool:
        """True when a witness's rewrite keeps the place whole: another witness than the base
        reads most of its own words (at least `Settings.rewrite_words`, and at least half of
        them) as it does, in their columns (Darwin's 1869 and 1872: one rewrite, whose
        variants nest inside it), or the other witnesses' readings of the place would be one
        group (`collate.engine._nesting.nest_as_one`: the lemma's, with their few words as
        sub-variants). A rewrite of one witness alone beside readings that are not one group
        (Frankenstein's 1831 in the Variorum's C27, where the notebook differs from 1818 in
        punctuation and a word here and there throughout) keeps nothing whole: the others'
        variants inside it are units of their own, its reading cut with them, and no unit
        prints readings side by side that share long runs of words."""
        if siglum not in self._kept:
            self._kept[siglum] = self._shared_rewrite(columns, siglum) or nest_as_one(
                [r for s, r in self._readings.items() if s != siglum],
                [self.starts[s] for s in self._readings if s != siglum],
                self.settings,
            )
        return self._kept[siglum]

    def _shared_rewrite(self, columns: list[dict[str, int]], siglum: str) -> bool:
        """True when another witness than the base reads at least `Settings.rewrite_words`
        of the witness's own words in the place, and at least half of them, as it does."""
        least = self.settings.rewrite_words or 0
        forms = self.forms[siglum]
        own = [
            column
            for column in columns
            if siglum in column and not self._alike(column.get(self.base), forms[column[siglum]])
        ]
        for other in self.witnesses:
            if other in (siglum, self.base):
                continue
            alike = sum(
                1
                for column in own
                if other in column and self.forms[other][column[other]] == forms[column[siglum]]
            )
            if alike >= least and 2 * alike >= len(own):
                return True
        return False

    def _shares_run(self, columns: list[dict[str, int]], siglum: str) -> bool:
        """True when the witness reads at least `Settings.shared_run` words in a row (columns
        in a row) the same as some other witness does."""
        least = self.settings.shared_run
        if not least:
            return False
        forms = self.forms[siglum]
        for other in self.witnesses:
            if other == siglum:
                continue
            theirs = self.forms[other]
            run = 0
            for column in columns:
                mine, its = column.get(siglum), column.get(other)
                same = mine is not None and its is not None and forms[mine] == theirs[its]
                run = run + 1 if same else 0
                if run >= least:
                    return True
        return False

    def _alike(self, index: int | None, form: str) -> bool:
        """True when the base has a word at ``index`` whose form is ``form`` or like it: the
        same accents aside, or a spelling of it (at least `Settings.near_column` alike)."""
        if index is None:
            return False
        own = self.forms[self.base][index]
        return own == form or _like(own, form, self.settings.near_column)

    def _moved_stretches(self, columns: list[dict[str, int]]) -> list[tuple[int, int]]:
        """(first, last) columns between which a word moved: a form (accents aside) that some
        witnesses have in one column and lack in the other (they have no word like it there),
        and other witnesses the other way round. (A word some witnesses only leave out, beside
        the same word elsewhere, did not move; nor did a word that witnesses spell otherwise
        in two places, "εϲτι¯" here and "εϲτιν" there.) A word moved across more than
        `Settings.swap_across` columns counts only with its neighbours, a block of
        `Settings.transposition_words` moved together: a lone word that far off is an omission
        here and an addition there, as the pairwise engine reads it (a phrase in the other
        order across at most that many words is one unit; a block that long, moved farther,
        a transposition). Punctuation does not move: a comma that one witness has before "and
        then" and the others after it (Frankenstein C27: "; and then," / ", and then") is two
        variants of punctuation, and a rewrite that happens to have ", as I" somewhere is no
        block moved across the place."""
        bit = {siglum: 1 << n for n, siglum in enumerate(self.witnesses)}
        bare = [
            {siglum: without_accents(self.forms[siglum][index]) for siglum, index in column.items()}
            for column in columns
        ]
        seen: dict[str, list[int]] = {}  # form -> the columns that hold it
        for k, column in enumerate(bare):
            for form in set(column.values()):
                if form[:1].isalnum():  # a word, as `collate.model.Token.is_word` says
                    seen.setdefault(form, []).append(k)
        least = self.settings.near_column
        reach = self.settings.swap_across
        near: list[tuple[int, int]] = []
        far: set[tuple[int, int]] = set()
        for form, where in seen.items():
            if len(where) < 2:
                continue
            # by column of ``where``: the witnesses with the form, and those with one like it
            has = [_with_form(bare[k], form, bit) for k in where]
            like = [_with_form(bare[k], form, bit, least) for k in where]
            for i, j in itertools.combinations(range(len(where)), 2):
                if has[i] & ~like[j] and has[j] & ~like[i]:
                    first, last = where[i], where[j]
                    if last - first - 1 <= reach:
                        near.append((first, last))
                    else:
                        far.add((first, last))
        block = self.settings.transposition_words
        if block is None:
            return near
        return near + [
            (first, last)
            for first, last in far
            if any(
                all((first + d + i, last + d + i) in far for i in range(block))
                for d in range(1 - block, 1)
            )
        ]

    def _offset(self, rest: list[dict[str, int]], siglum: str, reading: Reading) -> int:
        """Where a witness's reading is cut before the columns ``rest``: at its first token
        there, else at the reading's end."""
        for column in rest:
            if siglum in column:
                return self.witnesses[siglum].tokens[column[siglum]].start
        return reading.end

    def _agrees(self, column: dict[str, int], readings: dict[str, Reading]) -> bool:
        """True when every witness has the same token inside its reading. The whitespace after
        it does not count: witnesses that read a word alike agree there whether they break a
        line after it or not (a copy re-wrapped, or paragraphed otherwise, reads as its
        original), so a place is cut at that word as at any word read alike
        (`Settings.split_places`), and the whitespace, where it differs, is a unit of layout of
        its own. A correction of what agreeing is, not a rule of its own."""
        if len(column) < len(readings):
            return False
        texts = set()
        for siglum, index in column.items():
            token = self.witnesses[siglum].tokens[index]
            if token.end > readings[siglum].end:
                return False
            texts.add(token.text)
        return len(texts) == 1

    def _shared_space(self, column: dict[str, int], readings: dict[str, Reading]) -> str | None:
        """The whitespace after a column's token that every witness has inside its reading:
        "" when some reading ends at the token, None when the witnesses space it otherwise."""
        spaces = set()
        for siglum, index in column.items():
            token = self.witnesses[siglum].tokens[index]
            inside = min(len(token.space), readings[siglum].end - token.end)
            spaces.add(token.space[:inside])
        if len(spaces) == 1:
            return spaces.pop()
        return "" if "" in spaces else None

    def _groups(
        self, column: dict[str, int], readings: dict[str, Reading]
    ) -> frozenset[frozenset[str]]:
        """The witnesses of ``readings`` grouped by their word in a column (none is a group
        too)."""
        texts: dict[str, set[str]] = {}
        for siglum in readings:
            index = column.get(siglum)
            word = self.witnesses[siglum].tokens[index].text if index is not None else ""
            texts.setdefault(word, set()).add(siglum)
        return frozenset(frozenset(group) for group in texts.values())


def _with_form(
    column: dict[str, str], form: str, bit: dict[str, int], least: float | None = None
) -> int:
    """The witnesses (as bits) whose word in ``column`` (forms, accents aside) is ``form``, or,
    with ``least``, like it (`_like`)."""
    mask = 0
    for siglum, there in column.items():
        if there == form or (least is not None and _like(there, form, least)):
            mask |= bit[siglum]
    return mask


def _like(one: str, other: str, least: float) -> bool:
    """True when two forms are one word spelt otherwise: at least ``least`` alike (Levenshtein
    ratio), accents aside."""
    return near_ratio(without_accents(one), without_accents(other)) >= least


def _coverage(stretches: list[tuple[int, int]], length: int) -> tuple[list[bool], list[bool]]:
    """For each of ``length`` columns: whether some stretch (lo, hi) has lo < k <= hi, and
    whether some has lo < k < hi."""
    ends_in = [0] * (length + 1)
    ends_before = [0] * (length + 1)
    for lo, hi in stretches:
        ends_in[lo + 1] += 1
        ends_in[hi + 1] -= 1
        ends_before[lo + 1] += 1
        ends_before[hi] -= 1
    inside, strictly = [], []
    depth = strict = 0
    for k in range(length):
        depth += ends_in[k]
        strict += ends_before[k]
        inside.append(depth > 0)
        strictly.append(strict > 0)
    return inside, strictly


def _one_unit_per_transposition(
    units: list[tuple[_Place, UnitType, dict[str, Reading]]],
) -> list[tuple[_Place, UnitType, dict[str, Reading], tuple[str, ...]]]:
    """Join the two places of a transposition (where the base has the words, and where the
    witnesses that moved them have them) into one unit, when neither place holds anything
    else: each such witness's reading is then its words at their own place. Several witnesses
    that moved the same words to the same place share the unit."""
    own_places: dict[frozenset[tuple[str, str, bool]], int] = {}
    for index, (place, _, _) in enumerate(units):
        if place.sources and all(at_own_place for *_, at_own_place in place.sources):
            own_places[frozenset(place.sources)] = index
    joined: dict[int, int] = {}  # base place's index -> the moved words' place index
    for index, (place, _, _) in enumerate(units):
        if not place.sources or any(at_own_place for *_, at_own_place in place.sources):
            continue
        partner = own_places.get(frozenset((s, u, True) for s, u, _ in place.sources))
        if partner is not None:
            joined[index] = partner
    dropped = set(joined.values())
    result: list[tuple[_Place, UnitType, dict[str, Reading], tuple[str, ...]]] = []
    for index, (place, kind, readings) in enumerate(units):
        if index in dropped:
            continue
        if index in joined:
            moved = {siglum for siglum, _, _ in place.sources}
            own = units[joined[index]][2]
            at_own_place = {s: own[s] if s in moved else r for s, r in readings.items()}
            in_order = tuple(s for s in readings if s in moved)
            result.append((place, UnitType.TRANSPOSITION, at_own_place, in_order))
        else:
            result.append((place, kind, readings, ()))
    return result


def _with_moved_words(
    units: Sequence[tuple[_Place, UnitType, dict[str, Reading], tuple[str, ...]]],
    witnesses: Sequence[Witness],
    row_lists: Sequence[tuple[Row, ...]],
    mappers: dict[str, _Mapper],
) -> list[tuple[_Place, UnitType, dict[str, Reading], tuple[str, ...], MovedWords | None]]:
    """The units, each place of moved words that is a unit of its own with who has the words
    there and who at the other place (`_moved_words`), and typed from the base with that: a
    transposition where a witness moved them, else as its readings are."""
    base = witnesses[0].siglum
    halves = _move_halves(row_lists, base)
    texts = {witness.siglum: witness.text for witness in witnesses}
    found = []
    for place, kind, readings, moved in units:
        moved_words = None
        if place.holds_moved and not moved:
            moved_words = _moved_words(place, readings, texts, base, halves, mappers)
        typed = kind if moved_words is None else _type_with_moves(readings, base, moved_words)
        unsure = typed is UnitType.TRANSPOSITION and moved_words is None and not moved
        if unsure and _lacks_words_read_here(readings, texts):
            typed = unit_type(readings, base)
        found.append((place, typed, readings, moved, moved_words))
    return found


def _lacks_words_read_here(readings: dict[str, Reading], texts: dict[str, str]) -> bool:
    """True when a witness that reads nothing here has nowhere the words another reads here:
    against that reading it omits (or adds), so the place, whose movers `_moved_words` could
    not tell apart, is typed by its readings rather than printed ``transp.`` for everyone
    that differs."""
    words = {" ".join(r.text.split()) for r in readings.values()} - {""}
    return any(
        not reading.text.strip() and any(w not in " ".join(texts[siglum].split()) for w in words)
        for siglum, reading in readings.items()
    )


def _move_halves(
    row_lists: Sequence[tuple[Row, ...]], base: str
) -> dict[tuple[str, str, bool], tuple[int, int, str]]:
    """Where each pairwise transposition's two places lie in the base (the hub): by (witness,
    unit id, True at the witness's own place, where the base has a point), the base's span
    and the witness's reading there (the moved words at its own place, nothing at the base's)."""
    halves = {}
    for rows in row_lists:
        for row in rows:
            if row.unit is not None and row.unit.moved:
                siglum = next(s for s in row.readings if s != base)
                reading = row.readings[base]
                halves[(siglum, row.unit.id, row.moved_to)] = (
                    reading.start,
                    reading.end,
                    row.readings[siglum].text,
                )
    return halves


def _moved_words(
    place: _Place,
    readings: dict[str, Reading],
    texts: dict[str, str],
    base: str,
    halves: dict[tuple[str, str, bool], tuple[int, int, str]],
    mappers: dict[str, _Mapper],
) -> MovedWords | None:
    """Who has the moved words at a place of transpositions that is a unit of its own: the
    witnesses that moved them with the base (their pairwise units merged here), and on the
    other side the base and every witness that reads as it does both here and at the moves'
    other places. A witness that reads as the base here but lacks the words (or has its own
    words) where the base has them, or adds them where the movers have them, is on neither
    side.

    A place that holds other variants too counts only where it is exactly the moved words'
    place in the base and every mover reads exactly its moved words or nothing there (so that
    a mover whose reading holds more is printed with its words). None for any other place,
    and where the place holds both places of different moves."""
    moves = [source for source in place.sources if source in halves]
    if not moves or len({at_own_place for *_, at_own_place in moves}) != 1:
        return None
    at_own_place = moves[0][2]
    if not place.moved and any(
        halves[source][:2] != (place.start, place.end)
        or readings[source[0]].text != halves[source][2]
        for source in moves
    ):
        return None
    movers = {siglum for siglum, _, _ in moves}
    others = {halves[(siglum, unit_id, not at_own_place)][:2] for siglum, unit_id, _ in moves}
    lemma = readings[base].text

    def with_base(siglum: str) -> bool:
        if siglum in movers or siglum in place.lacunae or readings[siglum].text != lemma:
            return False
        mapper = mappers[siglum]
        for start, end in others:
            there = mapper.start(start)
            if texts[siglum][there : max(there, mapper.end(end))] != texts[base][start:end]:
                return False
        return True

    stay = tuple(s for s in readings if s == base or with_base(s))
    moved = tuple(s for s in readings if s in movers)
    return MovedWords(moved, stay) if at_own_place else MovedWords(stay, moved)


def _places(
    row_lists: Sequence[tuple[Row, ...]],
    base: str,
    text: str,
    settings: Settings,
    lacks: Sequence[tuple[int, int, str]] = (),
) -> list[_Place]:
    """The variant stretches of every pairwise alignment, merged where they overlap or touch
    (`_joins`), and where two witnesses add the same words on either side of a word or two
    (`_twin_additions`); then the stretches where a fragmentary witness lacks the text, or a
    witness a long stretch (``lacks``: base start, end, siglum; `_long_lacks`), between them.
    ``text`` is the base's text."""
    spans = []
    lacunae: list[tuple[int, int, str]] = []
    lacking = set(lacks)
    for rows in row_lists:
        edges = _edge_lacunae(rows, base, settings.lacuna_words)
        for index, row in enumerate(rows):
            if row.unit is None:
                continue
            reading = row.readings[base]
            siglum = next(s for s in row.readings if s != base)
            if (reading.start, reading.end, siglum) in lacking and not row.readings[siglum].text:
                continue  # the other witnesses' variants there are places of their own
            if index in edges:
                lacunae.append((reading.start, reading.end, siglum))
                continue
            source = (siglum, row.unit.id, row.moved_to)
            added = row.readings[siglum].text.strip() if reading.start == reading.end else None
            spacing = not row.unit.moved and (
                reading.text.split() == row.readings[siglum].text.split()
            )
            spans.append((reading.start, reading.end, bool(row.unit.moved), source, added, spacing))
    spans.sort(key=lambda span: span[:4])
    places: list[_Place] = []
    for start, end, moved, source, added, spacing in spans:
        if places and _joins(places[-1], (start, end, moved), source[0], text, settings):
            last = places[-1]
            last.end = max(last.end, end)
            last.moved = last.moved and moved  # a transposition only if nothing else is here
            last.holds_moved = last.holds_moved or moved
            last.sources.add(source)
            last.spacing = last.spacing and spacing
        else:
            places.append(
                _Place(start, end, moved, holds_moved=moved, sources={source}, spacing=spacing)
            )
        if added is not None:
            places[-1].added[source[0]] = added
    if settings.swap_across:
        places = _twin_additions(places, text, settings)
    if lacunae or lacks:
        places = _with_lacunae(places, lacunae, lacks)
    return places


def _joins(
    last: _Place, span: tuple[int, int, bool], siglum: str, text: str, settings: Settings
) -> bool:
    """True when a witness's variant at [start, end) belongs to the place before it: it
    overlaps or touches it; or, only whitespace between, another witness varies there and
    the variant is an addition (added words go with the word before them: "ἐπέγνωσαν" /
    "ἔγνωσαν" / "ἐπέγνωσαν αὐτὸν" is one variant). Transpositions join nothing."""
    start, end, moved = span
    if start < last.end or (
        start == last.end and (moved or last.holds_moved or not _cut_apart(last, siglum))
    ):
        return True
    if moved or last.moved or text[last.end : start].strip():
        return False
    if _cut_apart(last, siglum):
        return False
    return settings.addition_joins_before and start == end


def _cut_apart(last: _Place, siglum: str) -> bool:
    """True when the place holds only units of ``siglum``'s own alignment with the base: the
    pairwise engine cut those apart on purpose (`collate.engine._align`), so a unit of that
    witness touching them starts a place of its own (another witness's unit over both joins
    them again)."""
    return {siglum} == {source[0] for source in last.sources}


def _twin_additions(places: list[_Place], text: str, settings: Settings) -> list[_Place]:
    """The places, each two that are twin additions made one: two witnesses that add the same
    words, one before and one after a short stretch of shared words, read the words in the
    other order one against the other (`Settings.swap_across`, seen from a hub that has them
    in neither place: "ἐπειράσθησαν ἐπρίσθησαν" / "ἐπρίσθησαν ἐπειράσθησαν" against
    "ἐπρίσθησαν"), so they are one variant. The SBLGNT's editors join "ἀπὸ τοῦ θεοῦ" added on
    either side of "ἐκ τοῦ οὐρανοῦ", and keep αὐτὸν added on either side of "ἡμέρας ἱκανὰς
    μεῖναι" apart: a stretch longer than the added words and than a shared stretch a phrase
    absorbs (`Settings.absorb_agreement`) parts two additions."""
    merged: list[_Place] = []
    for place in places:
        last = merged[-1] if merged else None
        if last is not None and _twins(last, place, text, settings):
            last.end = place.end
            last.sources |= place.sources
            last.added = {}
        else:
            merged.append(place)
    return merged


def _twins(first: _Place, second: _Place, text: str, settings: Settings) -> bool:
    """True when another witness adds at ``second`` what one adds at ``first``, across a
    stretch of shared words with no sentence end in it, at most `Settings.swap_across` words
    long and no longer than the added words or `Settings.absorb_agreement`."""
    if first.start != first.end or second.start != second.end or first.moved or second.moved:
        return False
    between = text[first.end : second.start]
    gap = len(between.split())
    if not gap or gap > settings.swap_across or CLAUSE_END.intersection(between):
        return False
    return any(
        words == second.added.get(other)
        and gap <= max(settings.absorb_agreement, len(words.split()))
        for siglum, words in first.added.items()
        if words and siglum not in second.added
        for other in second.added.keys() - first.added.keys()
    )


def _with_lacunae(
    places: list[_Place],
    lacunae: Sequence[tuple[int, int, str]],
    lacks: Sequence[tuple[int, int, str]] = (),
) -> list[_Place]:
    """The places of variation, and between them the stretches of the lacunae and of the long
    lacks (`_long_lacks`), each with the witnesses that lack it; a place inside a lacuna (a
    lack) names the witness as lacking (absent) too.

    A place where witnesses differ from the base only in whitespace (`_Place.spacing`) inside
    such a stretch is no place of its own: those witnesses read the words the base reads
    there, laid out otherwise (a copy re-wrapped, its line breaks where the base has spaces),
    so they vary nothing that would cut the stretch, and their readings stay inside its unit
    (the stretch is one unit as it is with the base alone: `Settings.lack_words`,
    `Settings.lacuna_words`)."""
    stretches = [*lacunae, *lacks]
    places = [
        place
        for place in places
        if not (
            place.spacing
            and any(
                start <= place.start and place.end <= end and place.start < end
                for start, end, _ in stretches
            )
        )
    ]
    cuts = sorted(
        {x for start, end, _ in stretches for x in (start, end)}
        | {x for place in places for x in (place.start, place.end)}
    )

    def inside(stretches: Sequence[tuple[int, int, str]], lo: int, hi: int) -> tuple[str, ...]:
        return tuple(sorted({s for start, end, s in stretches if start <= lo and hi <= end}))

    found = list(places)
    for lo, hi in itertools.pairwise(cuts):
        if hi == lo or any(place.start <= lo and hi <= place.end for place in places):
            continue
        lacking, absent = inside(lacunae, lo, hi), inside(lacks, lo, hi)
        if lacking or absent:
            found.append(_Place(lo, hi, lacunae=lacking, absent=absent))
    for place in places:
        place.lacunae = inside(lacunae, place.start, place.end)
        place.absent = inside(lacks, place.start, place.end)
    found.sort(key=lambda place: (place.start, place.end))
    return found


def _long_lacks(
    row_lists: Sequence[tuple[Row, ...]], witnesses: Sequence[Witness], settings: Settings
) -> tuple[list[tuple[Row, ...]], list[tuple[int, int, str]]]:
    """The pairwise rows with each long lack made a row of its own, and the lacks (base start,
    end, siglum).

    A witness lacks a long stretch where its pairwise unit with the base leaves at least
    `Settings.lack_words` of the base's tokens in a row beside the stretch of the base most
    like its own words (`_lack_parts`): a gap, a lost leaf, a long omission. Its words stay a
    unit with that stretch; the tokens on either side, if that many, it lacks. Only a lack
    most witnesses do not share counts (the text most of them read, that a few lack): where
    most lack it, a few witnesses add it, and their reading is one, with its sub-variants
    (nested variation). Lacks at a witness's start or end are lacunae
    (`Settings.lacuna_words`); a transposition is no lack."""
    base = witnesses[0]
    if settings.lack_words is None or len(witnesses) < 3:
        return list(row_lists), []
    starts = {w.siglum: [t.start for t in w.tokens] for w in witnesses}
    # (list, row) -> its parts: (base start, base end, lacked)
    found: dict[tuple[int, int], list[tuple[int, int, bool]]] = {}
    for number, rows in enumerate(row_lists):
        edges = _edge_lacunae(rows, base.siglum, settings.lacuna_words)
        for index, row in enumerate(rows):
            if row.unit is None or row.unit.moved or index in edges:
                continue
            parts = _lack_parts(row, base, witnesses[number + 1], starts, settings)
            if any(lacked for *_, lacked in parts):
                found[(number, index)] = parts
    stretches = [
        (start, end, number)
        for (number, _), parts in found.items()
        for start, end, lacked in parts
        if lacked
    ]
    lacks: list[tuple[int, int, str]] = []
    split: list[tuple[Row, ...]] = []
    for number, rows in enumerate(row_lists):
        siglum = witnesses[number + 1].siglum
        new_rows: list[Row] = []
        for index, row in enumerate(rows):
            kept = [
                # a lack most witnesses share is the others' addition
                (
                    start,
                    end,
                    lacked and 2 * _sharing(stretches, start, end, number) < len(witnesses),
                )
                for start, end, lacked in found.get((number, index), [])
            ]
            if not any(lacked for *_, lacked in kept):
                new_rows.append(row)
                continue
            lemma, other = row.readings[base.siglum], row.readings[siglum]
            for start, end, lacked in _joined(kept):
                reading = other
                if lacked:
                    at = other.start if start == lemma.start else other.end
                    reading = Reading(at, at, "")
                    lacks.append((start, end, siglum))
                part = Reading(start, end, base.text[start:end])
                new_rows.append(Row({base.siglum: part, siglum: reading}, row.unit))
        split.append(tuple(new_rows))
    return split, lacks


def _lack_parts(
    row: Row, base: Witness, witness: Witness, starts: dict[str, list[int]], settings: Settings
) -> list[tuple[int, int, bool]]:
    """A pairwise unit's parts (base start, end, lacked): the stretch of the base most like
    the witness's words (as many tokens as it has there, sharing the most forms; the first
    such, or the start when none shares any), and on either side the base's tokens it lacks,
    if at least `Settings.lack_words` in a row; none when it has more than
    `Settings.lack_share` of the base's tokens there (a rewrite). ``starts``: each
    witness's token offsets."""
    least = settings.lack_words
    lemma, other = row.readings[base.siglum], row.readings[witness.siglum]
    mine = _token_range(starts[base.siglum], lemma)
    theirs = _token_range(starts[witness.siglum], other)
    if least is None or len(mine) < least + len(theirs):
        return []
    if len(theirs) > settings.lack_share * len(mine):
        return []
    size = len(theirs) or (1 if other.text else 0)
    first = _most_alike(
        [base.tokens[i].normalized for i in mine],
        [witness.tokens[i].normalized for i in theirs],
        size,
    )
    cut_at = [lemma.start, *(base.tokens[i].start for i in mine[1:]), lemma.end]
    after = len(mine) - first - size
    own_start = cut_at[first] if first >= least else lemma.start
    own_end = cut_at[first + size] if after >= least else lemma.end
    parts = [(lemma.start, own_start, True)] if first >= least else []
    if own_end > own_start or other.text:
        parts.append((own_start, own_end, False))
    if after >= least:
        parts.append((own_end, lemma.end, True))
    return parts


def _sharing(stretches: list[tuple[int, int, int]], start: int, end: int, number: int) -> int:
    """How many witnesses lack the base's [start, end): the one of pairwise list ``number``
    and those with a lack (``stretches``: start, end, list) over half of it at least."""
    return 1 + sum(
        1
        for lo, hi, owner in stretches
        if owner != number and 2 * (min(hi, end) - max(lo, start)) >= end - start
    )


def _joined(parts: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Adjacent parts of a row that are not lacks (base start, end, lacked) made one."""
    joined: list[tuple[int, int, bool]] = []
    for start, end, lacked in parts:
        if joined and not lacked and not joined[-1][2]:
            joined[-1] = (joined[-1][0], end, False)
        else:
            joined.append((start, end, lacked))
    return joined


def _token_range(starts: list[int], reading: Reading) -> list[int]:
    """The indexes of the tokens that start inside ``reading``."""
    return list(range(bisect_left(starts, reading.start), bisect_left(starts, reading.end)))


def _most_alike(mine: list[str], theirs: list[str], size: int) -> int:
    """Where in ``mine`` (forms) the ``size`` forms in a row that share the most forms with
    ``theirs`` begin: the first such run; 0 when none shares any."""
    wanted = Counter(theirs)
    window: Counter[str] = Counter()
    best, first = 0, 0
    for i, form in enumerate(mine):
        window[form] += 1
        if i >= size:
            window[mine[i - size]] -= 1
        shared = sum((window & wanted).values())
        if shared > best:
            best, first = shared, max(0, i - size + 1)
    return first


def _edge_lacunae(rows: tuple[Row, ...], base: str, min_words: int | None) -> set[int]:
    """Indexes of the omission rows with which a witness's alignment begins or ends (it starts
    later or ends earlier than the base), when they are long enough to be a lacuna."""
    found: set[int] = set()
    if min_words is None:
        return found
    for edge in (0, len(rows) - 1):
        index = edge
        if not rows or rows[edge].unit is None:
            # leading or trailing whitespace may come first: look one row further in
            index = 1 if edge == 0 else len(rows) - 2
            if not 0 <= index < len(rows) or rows[edge].readings[base].text.strip():
                continue
        row = rows[index]
        if row.unit is None:
            continue
        siglum = next(s for s in row.readings if s != base)
        lemma, other = row.readings[base], row.readings[siglum]
        if not other.text.strip() and len(lemma.text.split()) >= min_words:
            found.add(index)
    return found


class _Mapper:
    """Base offsets to a witness's offsets through their pairwise rows.

    At a place's start the witness's reading begins with the first row not wholly before it
    (a row of no base text at that point belongs to the place); at a place's end it stops after
    the last row not wholly after it.
    """

    def __init__(self, rows: tuple[Row, ...], base: str, siglum: str) -> None:
        self.base_starts = [row.readings[base].start for row in rows]
        self.base_ends = [row.readings[base].end for row in rows]
        self.rows = rows
        self.base = base
        self.siglum = siglum

    def start(self, offset: int) -> int:
        # first row whose base end is beyond the offset, or an empty row at it
        index = bisect_left(self.base_ends, offset)
        while index < len(self.rows):
            reading = self.rows[index].readings[self.base]
            if reading.end > offset or (reading.start == reading.end == offset):
                break
            index += 1
        if index == len(self.rows):
            return self._length()
        return self._inside(index, offset)

    def end(self, offset: int) -> int:
        # last row whose base start is before the offset, or an empty row at it
        index = bisect_left(self.base_starts, offset + 1) - 1
        while index >= 0:
            reading = self.rows[index].readings[self.base]
            if reading.start < offset or (reading.start == reading.end == offset):
                break
            index -= 1
        if index < 0:
            return 0
        row = self.rows[index]
        reading = row.readings[self.base]
        if row.unit is None and reading.end > offset:
            return row.readings[self.siglum].start + (offset - reading.start)
        return row.readings[self.siglum].end

    def _inside(self, index: int, offset: int) -> int:
        row = self.rows[index]
        reading = row.readings[self.base]
        if row.unit is None and reading.start < offset:
            return row.readings[self.siglum].start + (offset - reading.start)
        return row.readings[self.siglum].start

    def _length(self) -> int:
        return self.rows[-1].readings[self.siglum].end if self.rows else 0


def unit_type(readings: dict[str, Reading], base: str, moved: bool = False) -> UnitType:
    """The type of a unit from its readings, seen from the base."""
    if moved:
        return UnitType.TRANSPOSITION
    lemma = readings[base]
    others = [r for s, r in readings.items() if s != base and r.text != lemma.text]
    if others and all(reorders(lemma.text, r.text) for r in others):
        return UnitType.TRANSPOSITION
    if lemma.is_empty and any(not r.is_empty for r in others):
        return UnitType.ADDITION
    if not lemma.is_empty and others and all(r.is_empty for r in others):
        return UnitType.OMISSION
    return UnitType.SUBSTITUTION


def type_seen_from(unit: Unit, lemma: str) -> UnitType:
    """The type of ``unit`` seen from the reading of ``lemma`` (a siglum): a transposition
    stays one where some witness reads otherwise because the words moved (at a place of a
    transposition that is a unit of its own, a witness on the other side of the move,
    `collate.model.MovedWords`); every other unit is typed from its readings."""
    readings = dict(unit.readings)
    if unit.moved_words is not None:
        return _type_with_moves(readings, lemma, unit.moved_words)
    return unit.type if unit.type is UnitType.TRANSPOSITION else unit_type(readings, lemma)


def _type_with_moves(readings: dict[str, Reading], lemma: str, moved: MovedWords) -> UnitType:
    """At a place of moved words: a transposition where a witness that reads otherwise than
    ``lemma`` moved them, else the type the readings give."""
    text = readings[lemma].text
    if any(r.text != text and moved.apart(s, lemma) for s, r in readings.items()):
        return UnitType.TRANSPOSITION
    return unit_type(readings, lemma)


def _segments(
    pairwise: Sequence[Collation], mappers: dict[str, _Mapper], witnesses: Sequence[Witness]
) -> tuple[AlignedSegment, ...]:
    """The first pairwise collation's segment groups, each witness's span mapped from the
    base's."""
    base = witnesses[0].siglum
    segments = []
    for segment in pairwise[0].segments:
        start, end = segment.spans[base]
        spans = {base: (start, end)}
        for witness in witnesses[1:]:
            mapper = mappers[witness.siglum]
            spans[witness.siglum] = (mapper.start(start), max(mapper.start(start), mapper.end(end)))
        segments.append(AlignedSegment(segment.number, spans))
    return tuple(segments)


def _segment_of(segments: tuple[AlignedSegment, ...], base: str, offset: int) -> int:
    for segment in segments:
        start, end = segment.spans[base]
        if offset < end or (offset == end == start):
            return segment.number
    return segments[-1].number if segments else 1
