"""The collation engine: two witnesses to agreements and variant units. Pure: no I/O.

The steps, each a function below:

1. paragraphs are aligned across the witnesses (`_segment`), and inside a long pair of
   paragraphs, sentences;
2. tokens are aligned inside each aligned group with diff-match-patch over their normalized
   forms, and its semantic clean-up keeps a rewritten phrase whole instead of cutting it at a
   shared comma or "the";
3. an added or omitted run of tokens that could sit one token earlier or later (its edge token
   repeats) is slid to where an editor puts it: sentence boundaries first, then punctuation;
4. a run of three or more words deleted in one place and inserted in another is a transposition;
5. the token alignment becomes character spans: every character of both witnesses lies in one
   agreement or one unit reading, whitespace included, so nothing is hidden.
"""

from __future__ import annotations

import difflib
import enum
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter

from collate.engine._budget import TRANSPOSITION_CELLS, active, bounded
from collate.engine._classify import classify, near_ratio
from collate.engine._diff import diff_codes
from collate.engine._nesting import with_reading_groups
from collate.engine._nway import merge_pairwise
from collate.engine._segment import (
    Segment,
    SegmentPair,
    align_segments,
    is_sentence_end,
    paragraphs,
    sentence_ends,
    sentences,
)
from collate.engine._settings import Grouping, Settings
from collate.engine._view import hub_first, seen_from
from collate.errors import CollationError
from collate.model import (
    CLAUSE_END,
    Agreement,
    AlignedSegment,
    Collation,
    CompactTokens,
    Reading,
    Token,
    Unit,
    UnitType,
    VariantClass,
    Witness,
    check_sigla,
    is_lacuna,
    reorders,
)
from collate.rules import BUILT_IN, DEFAULT_SETS, Normalizer

__all__ = ["Engine", "LemmaPolicy", "collate"]

DEFAULT_RULES = tuple(rule for name in DEFAULT_SETS for rule in BUILT_IN[name])

# Item kinds of the token alignment.
_SAME, _DELETED, _INSERTED, _MOVED_FROM, _MOVED_TO = range(5)


def _code(number: int) -> str:
    """The ``number``-th code: two bytes a token in a string of codes for the first 55,040
    distinct forms (surrogates skipped), four beyond."""
    return chr(0x100 + number + (0x800 if number >= 0xD800 - 0x100 else 0))


class _Codes(dict[str, str]):
    """One character per distinct normalized token, so that strings of codes can be diffed;
    ``stops`` holds the codes of clause-ending punctuation, ``punctuation`` those of every
    token that is not a word, ``forms`` each code's token form; ``settings`` the rules that
    group differences."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.stops: set[str] = set()
        self.punctuation: set[str] = set()
        self.forms: list[str] = []

    def ends_alike(self, longer: str, moved: str) -> bool:
        """True when ``longer`` ends with ``moved``, word for word."""
        return 0 < len(moved) <= len(longer) and longer.endswith(moved)

    def starts_alike(self, longer: str, moved: str) -> bool:
        """True when ``longer`` starts with ``moved``, word for word."""
        return 0 < len(moved) <= len(longer) and longer.startswith(moved)

    def form(self, code: str) -> str:
        """The form whose code ``code`` is."""
        number = ord(code) - 0x100
        return self.forms[number - 0x800 if number >= 0xD800 - 0x100 + 0x800 else number]

    def __missing__(self, key: str) -> str:
        code = self[key] = _code(len(self))
        self.forms.append(key)
        if not key[:1].isalnum():
            self.punctuation.add(code)
            if key and key[0] in CLAUSE_END:
                self.stops.add(code)
        return code


@dataclass(slots=True)
class _Item:
    """One step of the token alignment: a pair of tokens, or a token of one side."""

    kind: int
    a: int
    b: int
    group: int
    move: int = -1
    cut: bool = False
    """The first item of a unit that touches the unit before it."""
    run: int = 1
    """How many tokens the item stands for: for a pair, tokens ``a`` to ``a + run - 1`` matched
    with ``b`` to ``b + run - 1``; for a token of one side, that token and the ``run - 1``
    after it, of the same kind and move. A group's items are one token each while its rules
    run (`_compact`); the whole alignment keeps each stretch as one item, so a long witness
    costs an item a difference rather than one a token (`_expanded` undoes it)."""


def _compact(items: list[_Item]) -> list[_Item]:
    """The items with each stretch of consecutive tokens of one kind, group and move as one
    item (`_Item.run`): matched pairs, and the tokens of one side (a unit's words)."""
    result: list[_Item] = []
    last: _Item | None = None
    for item in items:
        if (
            last is not None
            and item.kind == last.kind
            and not item.cut
            and item.group == last.group
            and item.move == last.move
            and (item.a == last.a + last.run if item.a >= 0 else last.a < 0)
            and (item.b == last.b + last.run if item.b >= 0 else last.b < 0)
        ):
            last.run += item.run
            continue
        # a copy: the group's own items are not changed
        last = _Item(item.kind, item.a, item.b, item.group, item.move, item.cut, item.run)
        result.append(last)
    return result


def _expanded(items: list[_Item]) -> list[_Item]:
    """The items with each stretch of one side's tokens as one item a token again (matched
    pairs stay compact): what the transposition search relabels token by token."""
    result: list[_Item] = []
    for item in items:
        if item.kind == _SAME or item.run == 1:
            result.append(item)
            continue
        for offset in range(item.run):
            a = item.a + offset if item.a >= 0 else -1
            b = item.b + offset if item.b >= 0 else -1
            result.append(_Item(item.kind, a, b, item.group, item.move, item.cut and not offset))
    return result


@dataclass(slots=True)
class _Piece:
    """A character stretch of the alignment before it becomes an agreement or a unit."""

    kind: str  # "agree", "variant", "soft", "space", "moved"
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    group: int
    move: int = -1
    cut: bool = False


MAX_WITNESSES = 100


class Engine(enum.StrEnum):
    """The aligner that places the tokens."""

    COLLATE = "collate"
    """Ours: diff-match-patch inside aligned segments, and the rules of `Settings`."""
    COLLATEX = "collatex"
    """CollateX (the Python package) inside each group of aligned paragraphs."""


class LemmaPolicy(enum.StrEnum):
    """Which reading of a unit is its lemma (the base's text stays the running text)."""

    BASE = "base"
    """The base witness's reading."""
    MAJORITY = "majority"
    """The reading most witnesses share (ties to the earlier witness)."""


MAJORITY = LemmaPolicy.MAJORITY.value


@bounded
def collate(
    witnesses: Sequence[Witness],
    *,
    base: str | None = None,
    rules: Normalizer | None = None,
    near: float | None = None,
    engine: Engine | str = Engine.COLLATE,
    settings: Settings | None = None,
    lemma: LemmaPolicy = LemmaPolicy.BASE,
    grouping: Grouping | str = Grouping.PHRASES,
) -> Collation:
    """Collate witnesses. The base, whose text carries the lemmata, is the witness whose
    siglum is ``base``, or the first; the collation lists it first. ``lemma`` picks each unit's
    lemma: the base's reading, or (`LemmaPolicy.MAJORITY`) the reading most witnesses share
    (ties to the earlier witness), the base's text staying the running text.
    ``base="majority"`` is a shorthand for the latter when no witness has that siglum. The
    witnesses are aligned on a hub the engine picks from the texts (`collate.engine._view`),
    two directly, more each with the hub and merged (`collate.engine._nway`); the base is a
    view on that alignment, so neither it nor the order of ``witnesses`` changes what is
    aligned with what.

    ``rules`` (`collate.rules.normalizer`) make the forms tokens are matched by (default: NFC,
    case-folding, typographic quotes and dashes); ``near`` (0 to 1) lets two different words
    whose forms are at least that similar align as one reading, an orthographic variant
    rather than an omission beside an addition. Every unit gets a class (`_classify`).
    ``settings`` (`Settings`) switch the engine's rules and thresholds; ``near`` overrides
    its ``near``; ``grouping`` (`Grouping`) groups differences into units as a printed
    apparatus does (phrases, the default) or as a hand-aligned table does (words), by
    switching the rules that make phrases off.
    ``engine=Engine.COLLATEX`` lets CollateX align the tokens inside each segment group
    (`collate.engine._collatex`).

    >>> from collate.witnesses import witness_from_text
    >>> a = witness_from_text("the black cat sat", "A")
    >>> b = witness_from_text("the cat sat down", "B")
    >>> [(u.type.value, u.readings["A"].text, u.readings["B"].text) for u in collate([a, b]).units]
    [('omission', 'black ', ''), ('addition', '', ' down')]

    Raises:
        CollationError: fewer than two witnesses or more than `MAX_WITNESSES`, two with the
            same siglum, or a ``base`` that names none of them.
    """
    if len(witnesses) < 2:
        raise CollationError(
            f"{len(witnesses)} witness given; a collation needs at least two witnesses"
        )
    if len(witnesses) > MAX_WITNESSES:
        raise CollationError(
            f"{len(witnesses)} witnesses given; a collation takes at most {MAX_WITNESSES}"
        )
    check_sigla(witnesses)
    try:
        settings = (settings or Settings()).grouped(grouping)
    except ValueError as error:
        raise CollationError(str(error)) from None
    if near is not None:
        settings = replace(settings, near=near)
    near = settings.near
    if base == MAJORITY and all(w.siglum != MAJORITY for w in witnesses):
        base, lemma = None, LemmaPolicy.MAJORITY
    if engine not in tuple(Engine):
        raise CollationError(
            f"--engine {engine}: no such engine (the engines: {', '.join(Engine)})"
        )
    if near is not None and not 0 < near <= 1:
        raise CollationError(f"--near {near}: give a similarity above 0 and at most 1, as 0.8")
    base = _base_siglum(witnesses, base)
    normalizer = rules or Normalizer(DEFAULT_RULES)
    prepared = list(witnesses)
    if rules is not None and not rules.is_default:
        # every stage matches by the rules' forms: the pairwise aligner, and with more than two
        # witnesses the merge's splitter and word columns too
        prepared = [rules.renormalized(witness) for witness in prepared]
    # one alignment whatever the base and the order given: on the hub (`_view`), then seen
    # from the base
    aligned = _aligned(hub_first(prepared), normalizer, settings)
    if engine == Engine.COLLATEX:
        from collate.engine._collatex import realign_with_collatex

        aligned = realign_with_collatex(
            aligned, lambda kind, readings: classify(kind, readings, normalizer, near)
        )
    by_siglum = {witness.siglum: witness for witness in prepared}

    def classes(kind: UnitType, readings: dict[str, Reading]) -> VariantClass:
        return classify(kind, readings, normalizer, near, by_siglum)

    viewed = seen_from(aligned, base, [w.siglum for w in witnesses], classes, settings)
    if lemma is LemmaPolicy.MAJORITY:
        viewed = with_majority_lemmata(viewed)
    return with_reading_groups(viewed, settings)


def _aligned(ordered: list[Witness], normalizer: Normalizer, settings: Settings) -> Collation:
    """The witnesses collated on the first (the hub), every unit classed."""
    by_siglum = {witness.siglum: witness for witness in ordered}

    def classes(kind: UnitType, readings: dict[str, Reading]) -> VariantClass:
        return classify(kind, readings, normalizer, settings.near, by_siglum)

    if len(ordered) > 2:
        # the pairwise collations are classed after the merge, unit by merged unit
        pairwise = [_collate_pair(ordered[0], other, settings, None) for other in ordered[1:]]
        return merge_pairwise(ordered, pairwise, classes, settings)
    return _collate_pair(ordered[0], ordered[1], settings, classes)


@bounded
def _collate_pair(
    a: Witness,
    b: Witness,
    settings: Settings,
    classes: Callable[[UnitType, dict[str, Reading]], VariantClass] | None,
) -> Collation:
    """Two witnesses collated, the first the base, their tokens' forms already made by the
    rules; each unit classed by ``classes`` (left substantive without)."""
    items, groups = _align_tokens(a, b, settings)
    pieces = _pieces(a, b, items)
    del items  # one step a differing token: let the units reuse the memory of a long witness
    segments = tuple(
        AlignedSegment(
            number,
            {a.siglum: _char_span(a, a_lo, a_hi), b.siglum: _char_span(b, b_lo, b_hi)},
        )
        for number, (a_lo, a_hi, b_lo, b_hi) in enumerate(groups, start=1)
    )
    return _collation(a, b, pieces, segments, classes)


def with_majority_lemmata(collation: Collation) -> Collation:
    """The collation with each unit's lemma the reading most witnesses share (ties to the
    earlier witness), and its type seen from that reading."""
    from collate.engine._nway import type_seen_from

    units = []
    for unit in collation.units:
        counts: dict[str, int] = {}
        for reading in unit.readings.values():
            counts[reading.text] = counts.get(reading.text, 0) + 1
        best = max(counts.values())
        lemma = next(s for s in collation.sigla if counts[unit.readings[s].text] == best)
        kind = type_seen_from(unit, lemma)
        units.append(
            replace(unit, lemma="" if lemma == collation.base.siglum else lemma, type=kind)
        )
    return replace(collation, units=tuple(units))


def _base_siglum(witnesses: Sequence[Witness], base: str | None) -> str:
    sigla = [w.siglum for w in witnesses]
    if base is None:
        return sigla[0]
    if base not in sigla:
        raise CollationError(
            f"--base {base}: no witness has that siglum (the witnesses are {', '.join(sigla)})"
        )
    return base


def _char_span(witness: Witness, lo: int, hi: int) -> tuple[int, int]:
    """Characters of tokens ``lo:hi`` with their whitespace; empty at the next token's start."""
    tokens = witness.tokens
    if lo == hi:
        position = tokens[lo].start if lo < len(tokens) else len(witness.text)
        return position, position
    last = tokens[hi - 1]
    return tokens[lo].start, last.end + len(last.space)


def _align_tokens(
    a: Witness, b: Witness, settings: Settings
) -> tuple[list[_Item], list[tuple[int, int, int, int]]]:
    codes = _Codes(settings)
    a_codes, b_codes = _token_codes(a.tokens, codes), _token_codes(b.tokens, codes)
    para_a, para_b = paragraphs(a), paragraphs(b)
    unpaired_for_cost = active().fallbacks["pairing"]
    pairs = align_segments(
        [a_codes[s.start : s.end] for s in para_a],
        [b_codes[s.start : s.end] for s in para_b],
        settings.segment_similarity,
    )
    if (
        settings.layout_pairing is not None
        # paragraphs left unpaired to save time are not a layout to look through
        and active().fallbacks["pairing"] == unpaired_for_cost
        and not _layouts_agree(pairs, para_a, para_b, settings.layout_pairing)
    ):
        para_a = (Segment(0, len(a.tokens)),) if a.tokens else ()
        para_b = (Segment(0, len(b.tokens)),) if b.tokens else ()
        pairs = [SegmentPair(slice(0, len(para_a)), slice(0, len(para_b)))]
    elif settings.moved_breaks:
        pairs = _join_moved_breaks(pairs, (a, para_a, a_codes), (b, para_b, b_codes), settings)
    items: list[_Item] = []
    groups: list[tuple[int, int, int, int]] = []
    moves = [0]
    cursor_a = cursor_b = 0
    for group, pair in enumerate(pairs, start=1):
        a_end = para_a[pair.a.stop - 1].end if pair.a.stop > pair.a.start else cursor_a
        b_end = para_b[pair.b.stop - 1].end if pair.b.stop > pair.b.start else cursor_b
        groups.append((cursor_a, a_end, cursor_b, b_end))
        sentence_groups = _sentence_groups(
            a, b, a_codes, b_codes, (cursor_a, a_end, cursor_b, b_end), settings
        )
        for (a_lo, a_hi, b_lo, b_hi), diffed in _diffed_groups(
            a_codes, b_codes, sentence_groups, group, codes, settings.sentence_edges
        ):
            group_items = diffed
            if settings.near is not None:
                group_items = _near_pairs(group_items, a.tokens, b.tokens, settings)
            if settings.slide:
                _slide(group_items, a.tokens, b.tokens, (a_lo, a_hi), (b_lo, b_hi))
            if settings.transposition_words is not None:
                _find_transpositions(
                    group_items, a.tokens, b.tokens, moves, settings.transposition_words
                )
            items.extend(_compact(group_items))
        cursor_a, cursor_b = a_end, b_end
    if settings.shared_run is not None:
        items = _realign_shared_runs(items, a_codes, b_codes, codes, settings.shared_run)
    deleted = sum(item.run for item in items if item.kind == _DELETED)
    inserted = sum(item.run for item in items if item.kind == _INSERTED)
    if (
        settings.moved_across_groups is not None
        and settings.transposition_words is not None
        and deleted
        and inserted
        and deleted * inserted <= TRANSPOSITION_CELLS
    ):
        # a block moved from one aligned group of paragraphs or sentences to another (a
        # sentence moved to another paragraph); longer than inside a group, where a short
        # phrase that recurs is often no move at all
        items = _expanded(items)
        _find_transpositions(items, a.tokens, b.tokens, moves, settings.moved_across_groups)
    return items, groups


def _token_codes(tokens: Sequence[Token], codes: _Codes) -> str:
    """Each token's code, in order (compact tokens by their forms: the codes are numbered in
    the same order, that of each form's first token)."""
    if isinstance(tokens, CompactTokens):
        by_form = [codes[form] for form in tokens.forms]
        return "".join([by_form[number] for number in tokens.form_ids])
    # in C: each token's form (`Token.normalized`), then its code
    return "".join(map(codes.__getitem__, map(_NORMALIZED, tokens)))


_NORMALIZED = itemgetter(Token._fields.index("normalized"))
"""A `Token`'s ``normalized`` field, read in C."""


def _realign_shared_runs(
    items: list[_Item], a_codes: str, b_codes: str, codes: _Codes, length: int
) -> list[_Item]:
    """Each stretch of differences whose two sides share a run of at least ``length``
    identical tokens (left unaligned because it fell across two aligned groups: a sentence
    paired with the wrong one, a paragraph split elsewhere) diffed again as one, so that the
    run agrees."""
    result: list[_Item] = []
    for region in _regions(items):
        if region[0].kind == _SAME:
            result.extend(region)
            continue
        deleted = [item.a + k for item in region if item.kind == _DELETED for k in range(item.run)]
        inserted = [
            item.b + k for item in region if item.kind == _INSERTED for k in range(item.run)
        ]
        if (
            len(deleted) >= length
            and len(inserted) >= length
            # the search is quadratic: a stretch too long for it is left as it is
            and len(deleted) * len(inserted) <= TRANSPOSITION_CELLS
            and all(item.kind in (_DELETED, _INSERTED) for item in region)
        ):
            a_lo, a_hi = deleted[0], deleted[-1] + 1
            b_lo, b_hi = inserted[0], inserted[-1] + 1
            match = difflib.SequenceMatcher(
                None, a_codes[a_lo:a_hi], b_codes[b_lo:b_hi], autojunk=False
            ).find_longest_match(0, a_hi - a_lo, 0, b_hi - b_lo)
            if match.size >= length:
                result.extend(
                    _compact(
                        _diff(a_codes, b_codes, a_lo, a_hi, b_lo, b_hi, region[0].group, codes)
                    )
                )
                continue
        result.extend(region)
    return result


def _regions(items: list[_Item]) -> Iterator[list[_Item]]:
    """The items in order, cut into maximal runs of matched tokens and runs of differences."""
    for _, run in itertools.groupby(items, key=lambda item: item.kind == _SAME):
        yield list(run)


def _join_moved_breaks(
    pairs: Sequence[SegmentPair],
    side_a: tuple[Witness, Sequence[Segment], str],
    side_b: tuple[Witness, Sequence[Segment], str],
    settings: Settings,
) -> list[SegmentPair]:
    """The paragraph pairs, each two neighbours joined into one where the break between them
    falls at another sentence in the two witnesses (`Settings.moved_breaks`)."""
    joined: list[SegmentPair] = []
    for pair in pairs:
        if joined and _break_moved(joined[-1], pair, side_a, side_b, settings):
            last = joined.pop()
            joined.append(
                SegmentPair(slice(last.a.start, pair.a.stop), slice(last.b.start, pair.b.stop))
            )
        else:
            joined.append(pair)
    return joined


def _break_moved(
    before: SegmentPair,
    after: SegmentPair,
    side_a: tuple[Witness, Sequence[Segment], str],
    side_b: tuple[Witness, Sequence[Segment], str],
    settings: Settings,
) -> bool:
    """True when the sentences that open ``after`` differ in the two witnesses and one of them
    is like a sentence of the other witness's paragraphs in ``before``."""
    if any(s.stop == s.start for s in (before.a, before.b, after.a, after.b)):
        return False
    (_, para_a, codes_a), (_, para_b, codes_b) = side_a, side_b
    next_a, next_b = para_a[after.a.start], para_b[after.b.start]
    if codes_a[next_a.start : next_a.end] == codes_b[next_b.start : next_b.end]:
        return False  # the same paragraph follows in both: the break is where it was

    def bags(side: tuple[Witness, Sequence[Segment], str], lo: int, hi: int) -> list[set[str]]:
        witness, paragraphs, codes = side
        start, end = paragraphs[lo].start, paragraphs[hi - 1].end
        return [set(codes[s.start : s.end]) for s in sentences(witness.tokens, start, end)]

    def opening(side: tuple[Witness, Sequence[Segment], str], index: int) -> set[str]:
        # the paragraph's first sentence, read up to its end only: every break is tested
        witness, paragraphs, codes = side
        tokens, start, end = witness.tokens, paragraphs[index].start, paragraphs[index].end
        stop = next(
            (
                k + 1
                for k in range(start, end - 1)
                if tokens[k].space and is_sentence_end(tokens, k)
            ),
            end,
        )
        return set(codes[start:stop])

    def like(x: set[str], y: set[str]) -> float:
        return 2 * len(x & y) / (len(x) + len(y)) if x or y else 1.0

    opening_a = opening(side_a, after.a.start)
    opening_b = opening(side_b, after.b.start)
    if like(opening_a, opening_b) >= settings.segment_similarity:
        return False
    return any(
        like(opening_a, sentence) >= settings.segment_similarity
        for sentence in bags(side_b, before.b.start, before.b.stop)
    ) or any(
        like(opening_b, sentence) >= settings.segment_similarity
        for sentence in bags(side_a, before.a.start, before.a.stop)
    )


# Two paragraphs paired one with one are of like length when the shorter has at least this
# share of the longer's tokens.
_LIKE_LENGTH = 0.5


def _layouts_agree(
    pairs: Sequence[SegmentPair],
    para_a: Sequence[Segment],
    para_b: Sequence[Segment],
    share: float,
) -> bool:
    """True when at least ``share`` of the tokens of both witnesses lie in paragraphs paired
    one with one and of like length: the witnesses are paragraphed alike (an omitted or added
    paragraph aside). One paragraph against many, or re-wrapped lines read as paragraphs
    (`paragraphs`), pair badly."""
    total = sum(s.end - s.start for s in para_a) + sum(s.end - s.start for s in para_b)
    if not total or (len(para_a) <= 1 and len(para_b) <= 1):
        return True
    paired = 0
    for pair in pairs:
        if pair.a.stop - pair.a.start != 1 or pair.b.stop - pair.b.start != 1:
            continue
        size_a = para_a[pair.a.start].end - para_a[pair.a.start].start
        size_b = para_b[pair.b.start].end - para_b[pair.b.start].start
        if min(size_a, size_b) >= _LIKE_LENGTH * max(size_a, size_b):
            paired += size_a + size_b
    return paired >= share * total


def _near_pairs(
    items: list[_Item], a_tokens: Sequence[Token], b_tokens: Sequence[Token], settings: Settings
) -> list[_Item]:
    """Pair, inside each run of differences, words whose forms are near but not equal (the
    longest chain of such pairs in order); they become matched tokens with different text."""
    result: list[_Item] = []
    for region in _regions(items):
        if region[0].kind == _SAME:
            result.extend(region)
            continue
        deleted = [item for item in region if item.kind == _DELETED]
        inserted = [item for item in region if item.kind == _INSERTED]
        if (
            deleted
            and inserted
            and len(deleted) * len(inserted) <= settings.max_near_cells
            and not any(item.cut for item in region)
        ):
            threshold = settings.near or 1.0
            result.extend(_pair_near(deleted, inserted, a_tokens, b_tokens, threshold))
        else:
            result.extend(region)
    return result


def _pair_near(
    deleted: list[_Item],
    inserted: list[_Item],
    a_tokens: Sequence[Token],
    b_tokens: Sequence[Token],
    threshold: float,
) -> list[_Item]:

    rows, columns = len(deleted), len(inserted)

    def near(i: int, j: int) -> bool:
        x, y = a_tokens[deleted[i].a], b_tokens[inserted[j].b]
        return (
            x.is_word
            and y.is_word
            and x.normalized != y.normalized
            and near_ratio(x.normalized, y.normalized) >= threshold
        )

    # longest common subsequence under `near`
    best = [[0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(columns - 1, -1, -1):
            best[i][j] = max(
                best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + 1 if near(i, j) else 0
            )
    if best[0][0] == 0:
        return [*deleted, *inserted]
    result: list[_Item] = []
    i = j = 0
    group = deleted[0].group
    while i < rows or j < columns:
        if i < rows and j < columns and near(i, j) and best[i][j] == best[i + 1][j + 1] + 1:
            result.append(_Item(_SAME, deleted[i].a, inserted[j].b, group))
            i += 1
            j += 1
        elif i < rows and (j == columns or best[i + 1][j] >= best[i][j + 1]):
            result.append(deleted[i])
            i += 1
        else:
            result.append(inserted[j])
            j += 1
    return result


def _sentence_groups(
    a: Witness,
    b: Witness,
    a_codes: str,
    b_codes: str,
    group: tuple[int, int, int, int],
    settings: Settings,
) -> list[tuple[int, int, int, int]]:
    """Split a long group of aligned paragraphs into aligned groups of sentences."""
    a_lo, a_hi, b_lo, b_hi = group
    threshold = settings.sentence_groups
    if threshold is None or min(a_hi - a_lo, b_hi - b_lo) <= threshold:
        return [group]
    # each sentence as where it ends (a long paragraph has tens of thousands of them)
    ends_a = sentence_ends(a.tokens, a_lo, a_hi)
    ends_b = sentence_ends(b.tokens, b_lo, b_hi)
    pairs = align_segments(
        [a_codes[start:end] for start, end in zip([a_lo, *ends_a], ends_a, strict=False)],
        [b_codes[start:end] for start, end in zip([b_lo, *ends_b], ends_b, strict=False)],
        settings.segment_similarity,
    )
    groups = []
    cursor_a, cursor_b = a_lo, b_lo
    for pair in pairs:
        a_end = ends_a[pair.a.stop - 1] if pair.a.stop > pair.a.start else cursor_a
        b_end = ends_b[pair.b.stop - 1] if pair.b.stop > pair.b.start else cursor_b
        groups.append((cursor_a, a_end, cursor_b, b_end))
        cursor_a, cursor_b = a_end, b_end
    return groups


def _diffed_groups(
    a_codes: str,
    b_codes: str,
    sentence_groups: list[tuple[int, int, int, int]],
    group: int,
    codes: _Codes,
    gain: int | None,
) -> list[tuple[tuple[int, int, int, int], list[_Item]]]:
    """Each group of aligned sentences with the diff of its tokens, two neighbours diffed as
    one where both differ within `_EDGE` tokens of the edge between them and the one diff
    pairs at least ``gain`` tokens more than the two (`Settings.sentence_edges`). Sentences
    one witness lacks between them (groups with no tokens on one side) do not keep two
    neighbours apart: a clause one witness has a sentence later, beyond a sentence it
    omits, is diffed with them as one, when that pairs ``gain`` more."""
    done: list[tuple[tuple[int, int, int, int], list[_Item]]] = []
    for bounds in sentence_groups:
        items = _diff(a_codes, b_codes, *bounds, group, codes)
        if done and gain is not None and _differs_within(items[:_EDGE]):
            best: tuple[int, int, tuple[int, int, int, int], list[_Item]] | None = None
            paired = _paired(items)
            for first in range(len(done) - 1, max(-1, len(done) - 1 - _LACKED), -1):
                (a_lo, a_hi, b_lo, b_hi), before = done[first]
                paired += _paired(before)
                joined = (a_lo, bounds[1], b_lo, bounds[3])
                if (joined[1] - joined[0]) * (joined[3] - joined[2]) > TRANSPOSITION_CELLS:
                    break
                if _differs_within(before[-_EDGE:]):
                    one = _diff(a_codes, b_codes, *joined, group, codes)
                    more = _paired(one) - paired
                    if more >= gain and (best is None or more > best[0]):
                        best = (more, first, joined, one)
                if a_lo != a_hi and b_lo != b_hi:
                    break  # only sentences one witness lacks are looked across
            if best is not None:
                _, first, joined, one = best
                done[first:] = [(joined, one)]
                continue
        done.append((bounds, items))
    return done


_EDGE = 3
"""How near the edge between two sentence groups both must differ to be aligned again as one:
a sentence end's punctuation and a word beside it."""
_LACKED = 4
"""How many sentence groups back a group is joined across sentences one witness lacks."""


def _differs_within(items: list[_Item]) -> bool:
    return any(item.kind != _SAME for item in items)


def _paired(items: list[_Item]) -> int:
    return sum(item.kind == _SAME for item in items)


def _diff(
    a_codes: str,
    b_codes: str,
    a_lo: int,
    a_hi: int,
    b_lo: int,
    b_hi: int,
    group: int,
    codes: _Codes,
) -> list[_Item]:
    diffs = _group_differences(diff_codes(a_codes[a_lo:a_hi], b_codes[b_lo:b_hi]), codes)
    items: list[_Item] = []
    i, j = a_lo, b_lo
    cut = False
    for operation, chunk in diffs:
        if (operation, chunk) == CUT:
            cut = True
            continue
        for _ in chunk:
            if operation == 0:
                items.append(_Item(_SAME, i, j, group))
                i += 1
                j += 1
            elif operation < 0:
                items.append(_Item(_DELETED, i, -1, group))
                i += 1
            else:
                items.append(_Item(_INSERTED, -1, j, group))
                j += 1
            if cut:
                items[-1].cut, cut = True, False
    return items


@dataclass(slots=True)
class _Block:
    """The codes deleted and inserted between two agreements of a diff."""

    deleted: str = ""
    inserted: str = ""
    swap: bool = False
    """A phrase in the other order ("a b" for "b a"): kept whole, joined with nothing."""

    @property
    def longer(self) -> int:
        return max(len(self.deleted), len(self.inserted))


CUT = (0, "")
"""In a grouped diff, an empty agreement: the differences on either side are two units."""


def _group_differences(diffs: list[tuple[int, str]], codes: _Codes) -> list[tuple[int, str]]:
    """Group a diff's differences the way an editor draws variant units.

    First, words left out before a short agreement and added after it (or the reverse) are
    one unit, the phrase in the other order, cut from any other change beside them. Then two
    differences separated by a short agreement are joined into one (diff-match-patch's
    semantic clean-up, with ``absorb_agreement`` as a ceiling on what it absorbs), except
    across an agreement holding clause-ending punctuation. Two differences with no agreement
    between them are separated by `CUT`.
    """
    agreements: list[str] = []
    blocks = [_Block()]
    for operation, chunk in diffs:
        if operation == 0:
            agreements.append(chunk)
            blocks.append(_Block())
        elif operation < 0:
            blocks[-1].deleted += chunk
        else:
            blocks[-1].inserted += chunk
    for joins in (_swap, _absorbed):
        k = 0
        while k < len(agreements):
            joined = joins(blocks[k], agreements[k], blocks[k + 1], codes)
            if joined is None:
                k += 1
                continue
            blocks[k : k + 2] = joined
            # the joined blocks touch: an empty agreement between each two of them
            agreements[k : k + 1] = [""] * (len(joined) - 1)
            k = max(k - 1, 0)
    result: list[tuple[int, str]] = []
    for k, block in enumerate(blocks):
        if block.deleted:
            result.append((-1, block.deleted))
        if block.inserted:
            result.append((1, block.inserted))
        if k < len(agreements):
            result.append((0, agreements[k]))
    return result


def _swap(before: _Block, shared: str, after: _Block, codes: _Codes) -> list[_Block] | None:
    """The words omitted at the end of ``before`` and added as ``after`` (or omitted as
    ``before`` and added at the start of ``after``; or the same with additions and omissions
    exchanged): the swapped phrase as one block, what else ``before`` or ``after`` held as
    another."""
    if not shared or len(shared) > codes.settings.swap_across or before.swap or after.swap:
        return None
    found = _swap_omitted(before, shared, after, codes)
    if found is not None:
        return found
    mirrored = _swap_omitted(_mirror(before), shared, _mirror(after), codes)
    return [_mirror(block) for block in mirrored] if mirrored is not None else None


def _swap_omitted(before: _Block, shared: str, after: _Block, codes: _Codes) -> list[_Block] | None:
    """`_swap` for words the base has before ``shared`` and the other witness after it (with
    the words between the two phrases, if any: "P c Q" for "Q c P" diffs as "P c" left out
    before Q and "c P" added after it)."""
    if not after.deleted and after.inserted:
        for middle in range(min(len(after.inserted), codes.settings.swap_across + 1)):
            moved = after.inserted[middle:]
            between = after.inserted[:middle]
            if codes.ends_alike(before.deleted, moved + between):
                cut = len(before.deleted) - len(after.inserted)
                swapped = _Block(before.deleted[cut:] + shared, shared + after.inserted, swap=True)
                rest = _Block(before.deleted[:cut], before.inserted)
                return [rest, swapped] if rest.deleted or rest.inserted else [swapped]
    if (
        not before.inserted
        and before.deleted
        and codes.starts_alike(after.inserted, before.deleted)
    ):
        cut = len(before.deleted)
        swapped = _Block(before.deleted + shared, shared + after.inserted[:cut], swap=True)
        rest = _Block(after.deleted, after.inserted[cut:])
        return [swapped, rest] if rest.deleted or rest.inserted else [swapped]
    return None


def _mirror(block: _Block) -> _Block:
    """The block seen from the other witness: its omissions additions, and the reverse."""
    return _Block(block.inserted, block.deleted, block.swap)


def _absorbed(before: _Block, shared: str, after: _Block, codes: _Codes) -> list[_Block] | None:
    """``before``, ``shared`` and ``after`` as one block, when ``shared`` is short enough to
    be part of one rewritten phrase."""
    if (
        not shared
        or before.swap
        or after.swap
        or len(shared) > codes.settings.absorb_agreement
        or not (before.deleted or before.inserted)
        or not (after.deleted or after.inserted)
        or len(shared) > min(before.longer, after.longer)
        or (codes.settings.clause_end_separates and codes.stops.intersection(shared))
        or _minor(before, codes) != _minor(after, codes)
    ):
        return None
    return [
        _Block(before.deleted + shared + after.deleted, before.inserted + shared + after.inserted)
    ]


def _minor(block: _Block, codes: _Codes) -> bool:
    """True for a difference of punctuation alone, or, with `Settings.near`, of words each
    near in spelling to its counterpart: what `classify` calls punctuation or orthographic
    (`Settings.minor_apart`; False for every difference when the rule is off)."""
    if not codes.settings.minor_apart:
        return False
    deleted = [c for c in block.deleted if c not in codes.punctuation]
    inserted = [c for c in block.inserted if c not in codes.punctuation]
    if not deleted and not inserted:
        return True
    threshold = codes.settings.near
    return (
        threshold is not None
        and len(deleted) == len(inserted)
        and all(
            near_ratio(codes.form(x), codes.form(y)) >= threshold
            for x, y in zip(deleted, inserted, strict=True)
        )
    )


def _runs(items: list[_Item], kind: int) -> list[tuple[int, int]]:
    """Index ranges of maximal runs of ``kind`` in ``items``."""
    runs = []
    start = None
    for index, item in enumerate(items):
        if item.kind == kind:
            if start is None:
                start = index
        elif start is not None:
            runs.append((start, index))
            start = None
    if start is not None:
        runs.append((start, len(items)))
    return runs


def _slide(
    items: list[_Item],
    a_tokens: Sequence[Token],
    b_tokens: Sequence[Token],
    a_bounds: tuple[int, int],
    b_bounds: tuple[int, int],
) -> None:
    """Move each pure addition or omission to the best of its equivalent places.

    A run deleted between two matched stretches can move left while the token before it
    equals its last token (and right while the token after it equals its first). Among the
    places, prefer one that starts and ends at sentence boundaries, then at punctuation; of
    equal places, the diff's own. (Editors differ on the rest: the letters' edition prints
    "they are the [peoples as the] chief", the SBLGNT's "πόλιν ⸆τὴν μεγάλην τὴν ἁγίαν", the
    leftmost place; measured in benchmarks/RESULTS.md.)
    """
    for kind, side in ((_DELETED, "a"), (_INSERTED, "b")):
        tokens = a_tokens if side == "a" else b_tokens
        bounds = a_bounds if side == "a" else b_bounds
        for start, end in _runs(items, kind):
            if (start > 0 and items[start - 1].kind != _SAME) or (
                end < len(items) and items[end].kind != _SAME
            ):
                continue  # part of a substitution, not a pure addition or omission
            left = 0
            while (
                start - left - 1 >= 0
                and items[start - left - 1].kind == _SAME
                and _norm(tokens, items, start - left - 1, side)
                == _norm(tokens, items, end - left - 1, side)
            ):
                left += 1
            right = 0
            while (
                end + right < len(items)
                and items[end + right].kind == _SAME
                and _norm(tokens, items, end + right, side)
                == _norm(tokens, items, start + right, side)
            ):
                right += 1
            if not left and not right:
                continue
            first = getattr(items[start], side)
            length = end - start
            best_shift, best_score = 0, _place_score(tokens, first, first + length, bounds)
            for shift in range(-left, right + 1):
                score = _place_score(tokens, first + shift, first + shift + length, bounds)
                if score > best_score:
                    best_shift, best_score = shift, score
            if best_shift:
                _shift_run(items, start, end, best_shift, side)


def _norm(tokens: Sequence[Token], items: list[_Item], index: int, side: str) -> str:
    position: int = getattr(items[index], side)
    return tokens[position].normalized


def _place_score(tokens: Sequence[Token], start: int, end: int, bounds: tuple[int, int]) -> int:
    score = 0
    if start == bounds[0] or is_sentence_end(tokens, start - 1):
        score += 4
    elif not tokens[start - 1].is_word:
        score += 1
    if is_sentence_end(tokens, end - 1):
        score += 4
    elif end == bounds[1] or not tokens[end].is_word:
        score += 1
    if tokens[start].is_word:
        score += 1
    return score


def _shift_run(items: list[_Item], start: int, end: int, shift: int, side: str) -> None:
    """Rewrite items so the one-sided run ``items[start:end]`` moves ``shift`` places."""
    other = "b" if side == "a" else "a"
    run_kind = items[start].kind
    group = items[start].group
    lo, hi = (start + shift, end) if shift < 0 else (start, end + shift)
    # positions of the side's tokens in the window, in order, and the other side's tokens
    own = sorted(getattr(item, side) for item in items[lo:hi])
    others = sorted(getattr(item, other) for item in items[lo:hi] if item.kind == _SAME)
    length = end - start
    new: list[_Item] = []
    if shift < 0:
        run = own[:length]
        rest = own[length:]
        new += [_make(run_kind, side, t, group) for t in run]
        new += [_pair(side, s, o, group) for s, o in zip(rest, others, strict=True)]
    else:
        run = own[-length:]
        rest = own[:-length]
        new += [_pair(side, s, o, group) for s, o in zip(rest, others, strict=True)]
        new += [_make(run_kind, side, t, group) for t in run]
    items[lo:hi] = new


def _make(kind: int, side: str, token: int, group: int) -> _Item:
    return _Item(kind, token, -1, group) if side == "a" else _Item(kind, -1, token, group)


def _pair(side: str, own: int, other: int, group: int) -> _Item:
    return _Item(_SAME, own, other, group) if side == "a" else _Item(_SAME, other, own, group)


def _find_transpositions(
    items: list[_Item],
    a_tokens: Sequence[Token],
    b_tokens: Sequence[Token],
    moves: list[int],
    min_words: int,
) -> None:
    """Relabel a block deleted in one place and inserted in another as a transposition."""
    deleted_count = sum(1 for item in items if item.kind == _DELETED)
    inserted_count = sum(1 for item in items if item.kind == _INSERTED)
    if not active().allows("transpositions", deleted_count * inserted_count, TRANSPOSITION_CELLS):
        return
    gaps = []
    gap = 0
    for item in items:
        gap += item.kind == _SAME
        gaps.append(gap)
    while True:
        deleted = [([i.a for i in items[s:e]], gaps[s]) for s, e in _runs(items, _DELETED)]
        inserted = [([i.b for i in items[s:e]], gaps[s]) for s, e in _runs(items, _INSERTED)]
        if not deleted or not inserted:
            return
        block = _longest_shared_block(deleted, inserted, a_tokens, b_tokens, min_words)
        if block is None:
            return
        a_range, b_range = block
        moves[0] += 1
        for item in items:
            if item.kind == _DELETED and item.a in a_range:
                item.kind, item.move = _MOVED_FROM, moves[0]
            elif item.kind == _INSERTED and item.b in b_range:
                item.kind, item.move = _MOVED_TO, moves[0]


def _longest_shared_block(
    deleted: list[tuple[list[int], int]],
    inserted: list[tuple[list[int], int]],
    a_tokens: Sequence[Token],
    b_tokens: Sequence[Token],
    min_words: int,
) -> tuple[range, range] | None:
    """The longest run of tokens found both in a deleted run and in an inserted run that lie
    between different matched tokens (a block between the same two matches did not move)."""
    seeds: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for r, (run, _) in enumerate(inserted):
        for p in range(len(run) - 2):
            key = tuple(b_tokens[t].normalized for t in run[p : p + 3])
            seeds.setdefault(key, []).append((r, p))
    best: tuple[int, range, range] | None = None
    for run, gap in deleted:
        for p in range(len(run) - 2):
            key = tuple(a_tokens[t].normalized for t in run[p : p + 3])
            for r, q in seeds.get(key, ()):
                other, other_gap = inserted[r]
                if other_gap == gap:
                    continue
                length = 3
                while (
                    p + length < len(run)
                    and q + length < len(other)
                    and a_tokens[run[p + length]].normalized
                    == b_tokens[other[q + length]].normalized
                ):
                    length += 1
                words = sum(1 for t in run[p : p + length] if a_tokens[t].is_word)
                if words >= min_words and (best is None or length > best[0]):
                    best = (
                        length,
                        range(run[p], run[p + length - 1] + 1),
                        range(other[q], other[q + length - 1] + 1),
                    )
    return None if best is None else (best[1], best[2])


def _pieces(a: Witness, b: Witness, items: list[_Item]) -> list[_Piece]:
    """Turn the token alignment into character pieces covering both texts."""
    pieces: list[_Piece] = []
    lead_a, lead_b = a.leading_space, b.leading_space
    ca, cb = len(lead_a), len(lead_b)
    if lead_a or lead_b:
        kind = "agree" if lead_a == lead_b else "space"
        pieces.append(_Piece(kind, 0, ca, 0, cb, 1))

    def add(
        kind: str, a_len: int, b_len: int, group: int, move: int = -1, cut: bool = False
    ) -> None:
        nonlocal ca, cb
        _merge_into(pieces, _Piece(kind, ca, ca + a_len, cb, cb + b_len, group, move, cut))
        ca += a_len
        cb += b_len

    index = 0
    count = len(items)
    while index < count:
        item = items[index]
        if item.kind == _SAME:
            # a run of matched tokens whose text is identical is one agreement: no need to
            # look at each token
            last = index
            while (
                last + 1 < count
                and items[last + 1].kind == _SAME
                and items[last + 1].a == items[last].a + items[last].run
                and items[last + 1].b == items[last].b + items[last].run
            ):
                last += 1
            end = items[last].run - 1
            first_a, last_a = a.tokens[item.a], a.tokens[items[last].a + end]
            first_b, last_b = b.tokens[item.b], b.tokens[items[last].b + end]
            a_end = last_a.end + len(last_a.space)
            b_end = last_b.end + len(last_b.space)
            if a.text[first_a.start : a_end] == b.text[first_b.start : b_end]:
                add("agree", a_end - first_a.start, b_end - first_b.start, item.group)
                index = last + 1
                continue
            _add_matched_run(a, b, items[index : last + 1], add)
            index = last + 1
            continue
        elif item.kind in (_DELETED, _MOVED_FROM):
            kind = "variant" if item.kind == _DELETED else "moved"
            add(kind, _length(a.tokens, item.a, item.run), 0, item.group, item.move, item.cut)
        else:
            kind = "variant" if item.kind == _INSERTED else "moved"
            add(kind, 0, _length(b.tokens, item.b, item.run), item.group, item.move, item.cut)
        index += 1
    return pieces


def _length(tokens: Sequence[Token], first: int, count: int) -> int:
    """Characters of ``count`` tokens from ``first`` on, with their whitespace (the pieces a
    token each would make, merged: the tokens tile the text)."""
    last = tokens[first + count - 1]
    return last.end + len(last.space) - tokens[first].start


def _add_matched_run(
    a: Witness, b: Witness, run: list[_Item], add: Callable[[str, int, int, int], None]
) -> None:
    """The pieces of a run of matched tokens whose texts differ somewhere: tokens that agree
    letter and space for space are added as one piece (what `_merge_into` would make of them), so
    a long run with one differing token costs little more than an identical one."""
    same, same_group = 0, run[0].group
    for pair in run:
        for offset in range(pair.run):
            ta, tb = a.tokens[pair.a + offset], b.tokens[pair.b + offset]
            if ta.text == tb.text and ta.space == tb.space:
                if not same:
                    same_group = pair.group
                same += len(ta.text) + len(ta.space)
                continue
            if same:
                add("agree", same, same, same_group)
                same = 0
            kind = "agree" if ta.text == tb.text else "soft"
            add(kind, len(ta.text), len(tb.text), pair.group)
            if ta.space or tb.space:
                kind = "agree" if ta.space == tb.space else "space"
                add(kind, len(ta.space), len(tb.space), pair.group)
    if same:
        add("agree", same, same, same_group)


def _mergeable(left: _Piece, right: _Piece) -> bool:
    if left.kind == "moved" or right.kind == "moved":
        # a moved block is one reading, whatever cut the diff's grouping made inside it (a
        # swapped phrase's edge can fall inside a block found moved later)
        return left.kind == right.kind and left.move == right.move
    if right.cut:
        return False
    if left.kind == right.kind:
        return True
    if "agree" in (left.kind, right.kind):
        return False
    # whitespace differences join the variant or soft difference beside them; a variant and an
    # orthographic (soft) difference stay apart so that the latter can be told apart later
    return "space" in (left.kind, right.kind)


def _merge_into(merged: list[_Piece], piece: _Piece) -> None:
    """Add ``piece`` after the ``merged`` pieces, into the last one where they join; done as
    each piece is made, so a long witness never holds a piece for each differing token."""
    if merged and _mergeable(merged[-1], piece):
        last = merged[-1]
        if last.kind == "space":
            last.kind = piece.kind
        last.a_end, last.b_end = piece.a_end, piece.b_end
    else:
        merged.append(piece)


def _collation(
    a: Witness,
    b: Witness,
    pieces: list[_Piece],
    segments: tuple[AlignedSegment, ...],
    classes: Callable[[UnitType, dict[str, Reading]], VariantClass] | None,
) -> Collation:
    sa, sb = a.siglum, b.siglum
    agreements: list[Agreement] = []
    # (start, group, type, readings, True for a transposition across places)
    pending: list[tuple[int, int, UnitType, dict[str, Reading], bool]] = []
    moved: dict[int, dict[str, Reading]] = {}
    moved_at: dict[int, tuple[int, int]] = {}

    def agree(a_start: int, a_end: int, b_start: int) -> None:
        if a_end <= a_start:
            return
        if agreements and (
            agreements[-1].starts[sa] + len(agreements[-1].text) == a_start
            and agreements[-1].starts[sb] + len(agreements[-1].text) == b_start
        ):
            last = agreements.pop()
            agreements.append(Agreement(last.text + a.text[a_start:a_end], last.starts))
        else:
            agreements.append(Agreement(a.text[a_start:a_end], {sa: a_start, sb: b_start}))

    for piece in pieces:
        if piece.kind == "agree":
            agree(piece.a_start, piece.a_end, piece.b_start)
            continue
        if piece.kind == "moved":
            readings = moved.setdefault(piece.move, {})
            siglum, start, end, text = (
                (sa, piece.a_start, piece.a_end, a.text)
                if piece.a_end > piece.a_start
                else (sb, piece.b_start, piece.b_end, b.text)
            )
            if siglum in readings:
                # one side of a move is one block of tokens: its pieces were merged
                raise AssertionError(f"move {piece.move} has two pieces in {siglum}")
            readings[siglum] = Reading(start, end, text[start:end])
            if siglum == sa:
                moved_at[piece.move] = (start, piece.group)
            continue
        a_start, a_end, b_start, b_end = piece.a_start, piece.a_end, piece.b_start, piece.b_end
        # whitespace both readings begin or end with agrees, and goes to the agreements
        while (
            a_start < a_end
            and b_start < b_end
            and a.text[a_start] == b.text[b_start]
            and a.text[a_start].isspace()
        ):
            agree(a_start, a_start + 1, b_start)
            a_start += 1
            b_start += 1
        tail = []
        while (
            a_end > a_start
            and b_end > b_start
            and a.text[a_end - 1] == b.text[b_end - 1]
            and a.text[a_end - 1].isspace()
        ):
            a_end -= 1
            b_end -= 1
            tail.append((a_end, b_end))
        ra = Reading(a_start, a_end, a.text[a_start:a_end])
        rb = Reading(b_start, b_end, b.text[b_start:b_end])
        if ra.text == rb.text:
            # a deletion at the end of one aligned group met the same words inserted at the
            # start of the next: they agree after all
            agree(a_start, a_end, b_start)
            for a_pos, b_pos in reversed(tail):
                agree(a_pos, a_pos + 1, b_pos)
            continue
        pending.append((a_start, piece.group, _type(ra, rb), {sa: ra, sb: rb}, False))
        for a_pos, b_pos in reversed(tail):
            agree(a_pos, a_pos + 1, b_pos)
    for move, readings in moved.items():
        start, group = moved_at[move]
        pending.append((start, group, UnitType.TRANSPOSITION, readings, True))
    pending.sort(key=lambda entry: (entry[0], not entry[4]))
    units = tuple(
        Unit(
            id=f"u{number}",
            type=kind,
            segment=group,
            readings=readings,
            variant_class=classes(kind, readings) if classes else VariantClass.SUBSTANTIVE,
            lacunae=tuple(s for s, r in readings.items() if is_lacuna(r.text)),
            moved=(sb,) if across else (),
        )
        for number, (_, group, kind, readings, across) in enumerate(pending, start=1)
    )
    return Collation(witnesses=(a, b), units=units, agreements=tuple(agreements), segments=segments)


def _type(base: Reading, other: Reading) -> UnitType:
    if reorders(base.text, other.text):
        return UnitType.TRANSPOSITION
    if base.is_empty and not other.is_empty:
        return UnitType.ADDITION
    if other.is_empty and not base.is_empty:
        return UnitType.OMISSION
    return UnitType.SUBSTITUTION
