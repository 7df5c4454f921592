"""Witnesses to aligned segments: paragraphs and sentences, matched across witnesses.

Tokens are aligned only inside aligned segments, so a whole book never goes through one
quadratic pass. Identical segments are matched first (a diff over whole segments); the
segments left between two matches are paired by the words they share, allowing a segment
split in two or two merged into one, and a segment with no partner is an addition or an
omission.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from collate.engine._budget import PAIRING_CELLS, active
from collate.engine._diff import diff_codes
from collate.model import CompactTokens, Token, Witness

__all__ = [
    "SENTENCE_END",
    "Segment",
    "SegmentPair",
    "align_segments",
    "is_sentence_end",
    "paragraphs",
    "sentence_ends",
    "sentences",
]

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LINE_BREAK = re.compile(r"\n")
SENTENCE_END = frozenset(".!?…।॥。！？．｡؟۔\u06dd·\u0387\u037e։።׃")
"""Marks that end a sentence: full stops, question and exclamation marks of the Latin,
Devanagari (danda, double danda), Chinese and Japanese, Arabic, Urdu, Greek (ano teleia,
question mark), Armenian, Ethiopic and Hebrew (sof pasuq) scripts."""
_UNSPACED_END = frozenset("。！？．｡")
_CLOSERS = frozenset("\"'”’»)]」』）》〉】〕")

# A pair of segments must share this share of their tokens to be aligned rather than treated
# as an omission next to an addition (`Settings.segment_similarity`).
_MIN_SIMILARITY = 0.3
# Gaps with more cells than this are aligned only near their diagonal.
_FULL_GAP_CELLS = 10_000
_BAND = 24


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a witness's tokens: a paragraph or a sentence."""

    start: int
    """Index of the first token."""
    end: int
    """Index just past the last token."""


@dataclass(frozen=True, slots=True)
class SegmentPair:
    """Segments of two witnesses aligned with each other; either side may be empty."""

    a: slice
    """Indices of the first witness's segments (``a.start`` to ``a.stop``)."""
    b: slice
    """Indices of the second witness's segments."""


def paragraphs(witness: Witness) -> tuple[Segment, ...]:
    """The witness's paragraphs: separated by blank lines, or by line breaks in a text that
    has no blank line (one paragraph per line).

    >>> from collate.witnesses import witness_from_text
    >>> len(paragraphs(witness_from_text("One.\\n\\nTwo.\\nstill two.", "A")))
    2
    """
    tokens = witness.tokens
    blank = _BLANK_LINE.search(witness.text) is not None
    if isinstance(tokens, CompactTokens):
        # the breaks found in the text, each given to the token whose whitespace holds it,
        # without making a token of a long witness
        breaks: list[int] = []
        for found in (_BLANK_LINE if blank else _LINE_BREAK).finditer(witness.text):
            index = bisect_right(tokens.starts, found.start()) - 1
            if index >= 0 and (not breaks or breaks[-1] != index):
                breaks.append(index)
    elif blank:
        breaks = [
            i for i, t in enumerate(tokens) if "\n" in t.space and _BLANK_LINE.search(t.space)
        ]
    else:
        breaks = [i for i, t in enumerate(tokens) if "\n" in t.space]
    return _cut(0, len(tokens), breaks)


def sentences(tokens: Sequence[Token], start: int, end: int) -> tuple[Segment, ...]:
    """The sentences of ``tokens[start:end]``: a sentence ends at a full stop, question or
    exclamation mark of any script (`SENTENCE_END`; and any closing quotes or brackets after
    it) followed by whitespace, or at once after the ideographic marks ``。！？``.

    >>> from collate.tokenize import tokenize
    >>> tokens = tokenize("學而時習之，不亦說乎？有朋自遠方來。 धर्मक्षेत्रे । Τί; Ναί.")
    >>> ["".join(t.text for t in tokens[s.start:s.end]) for s in sentences(tokens, 0, len(tokens))]
    ['學而時習之，不亦說乎？', '有朋自遠方來。', 'धर्मक्षेत्रे।', 'Τί;', 'Ναί.']
    """
    ends = sentence_ends(tokens, start, end)
    return tuple(Segment(first, last) for first, last in zip([start, *ends], ends, strict=False))


def sentence_ends(tokens: Sequence[Token], start: int, end: int) -> array[int]:
    """Where each of the `sentences` of ``tokens[start:end]`` ends (the index just past its
    last token), in order: the sentences of a long paragraph in a few bytes each.

    >>> from collate.tokenize import tokenize
    >>> list(sentence_ends(tokenize("One. Two! Three"), 0, 5))
    [2, 4, 5]
    """
    breaks = array("q")
    if isinstance(tokens, CompactTokens):
        firsts: Iterable[str] = tokens.first_characters(start, end - 1)
    else:
        firsts = (token.text[0] for token in tokens[start : end - 1])
    for index, first in enumerate(firsts, start):
        if first not in _MAY_END:
            continue  # only a mark, or a quote or bracket after one, ends a sentence
        token = tokens[index]
        mark = _end_mark(tokens, index, start)
        if mark is None:
            continue
        if token.space or (mark in _UNSPACED_END and tokens[index + 1].text[0] not in _CLOSERS):
            breaks.append(index)
    return _cut_points(start, end, breaks)


def is_sentence_end(tokens: Sequence[Token], index: int) -> bool:
    """True when the token at ``index`` closes a sentence (see `sentences`)."""
    return _end_mark(tokens, index, 0) is not None


def _end_mark(tokens: Sequence[Token], index: int, start: int) -> str | None:
    """The sentence-ending mark the token at ``index`` is or closes (a quote or bracket right
    after the mark), or None."""
    last = index
    while last > start and tokens[last].text[0] in _CLOSERS and not tokens[last - 1].space:
        last -= 1
    mark = tokens[last].text[0]
    if mark in SENTENCE_END:
        return mark
    # Greek's question mark (U+037E) is ";" once normalized, and many Greek texts type it so
    if mark == ";" and last > start and _is_greek(tokens[last - 1].text[-1:]):
        return mark
    return None


_MAY_END = frozenset(SENTENCE_END | _CLOSERS | {";"})


def _is_greek(character: str) -> bool:
    return "\u0370" <= character <= "\u03ff" or "\u1f00" <= character <= "\u1fff"


def _cut(start: int, end: int, breaks: Sequence[int]) -> tuple[Segment, ...]:
    ends = _cut_points(start, end, breaks)
    return tuple(Segment(first, last) for first, last in zip([start, *ends], ends, strict=False))


def _cut_points(start: int, end: int, breaks: Sequence[int]) -> array[int]:
    """The ends of the segments ``tokens[start:end]`` is cut into after each token of
    ``breaks`` (none empty)."""
    ends = array("q")
    position = start
    for index in breaks:
        if index + 1 > position and index + 1 < end:
            ends.append(index + 1)
            position = index + 1
    if position < end:
        ends.append(end)
    return ends


def align_segments(
    a: Sequence[Sequence[str]],
    b: Sequence[Sequence[str]],
    min_similarity: float = _MIN_SIMILARITY,
) -> list[SegmentPair]:
    """Align two lists of segments, each given as its tokens' normalized forms; two segments
    pair when they share at least ``min_similarity`` of their distinct tokens.

    Returns pairs in text order that cover every segment of both lists once; a pair may join
    two segments of one side with one of the other (a paragraph split or merged).

    >>> pairs = align_segments([["a", "b"], ["c", "d"]], [["a", "b"], ["x"], ["c", "d", "e"]])
    >>> [(p.a.start, p.a.stop, p.b.start, p.b.stop) for p in pairs]
    [(0, 1, 0, 1), (1, 1, 1, 2), (1, 2, 2, 3)]
    """
    pairs: list[SegmentPair] = []
    i = j = 0
    for a_index, b_index in _identical(a, b):
        pairs.extend(_align_gap(a, b, (i, a_index, j, b_index), min_similarity))
        pairs.append(SegmentPair(slice(a_index, a_index + 1), slice(b_index, b_index + 1)))
        i, j = a_index + 1, b_index + 1
    pairs.extend(_align_gap(a, b, (i, len(a), j, len(b)), min_similarity))
    return pairs


def _identical(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]]) -> Iterator[tuple[int, int]]:
    """Indices of segments matched because their tokens are identical (a diff over segments)."""
    codes: dict[str | tuple[str, ...], str] = {}

    def encode(segments: Sequence[Sequence[str]]) -> str:
        # the engine's segments are strings of codes, keys as they are: a tuple of a long
        # paragraph's codes costs 80 bytes a token (60 MB for a 1.8 MB line)
        return "".join(
            codes.setdefault(s if isinstance(s, str) else tuple(s), chr(0x10000 + len(codes)))
            for s in segments
        )

    text_a, text_b = encode(a), encode(b)
    i = j = 0
    for operation, chunk in diff_codes(text_a, text_b):
        if operation == 0:
            yield from ((i + k, j + k) for k in range(len(chunk)))
            i += len(chunk)
            j += len(chunk)
        elif operation < 0:
            i += len(chunk)
        else:
            j += len(chunk)


def _align_gap(
    a: Sequence[Sequence[str]],
    b: Sequence[Sequence[str]],
    gap: tuple[int, int, int, int],
    min_similarity: float,
) -> list[SegmentPair]:
    """Pair the segments between two identical matches by dynamic programming.

    Moves: skip a segment of either side, pair one with one, or one with two (in both
    directions). A pairing scores the number of distinct tokens the two sides share, and is
    allowed only when they share at least ``min_similarity`` of them (Dice's coefficient).
    """
    a_start, a_end, b_start, b_end = gap
    if a_end == a_start or b_end == b_start:
        return _unpaired(a_start, a_end, b_start, b_end)
    if a_end - a_start == 1 and b_end - b_start == 1 and set(a[a_start]) & set(b[b_start]):
        return [SegmentPair(slice(a_start, a_end), slice(b_start, b_end))]
    steps = _best_steps(
        [frozenset(a[k]) for k in range(a_start, a_end)],
        [frozenset(b[k]) for k in range(b_start, b_end)],
        min_similarity,
    )
    if steps is None:  # the band cut every path; leave the segments unpaired
        return _unpaired(a_start, a_end, b_start, b_end)
    pairs = []
    i, j = a_start, b_start
    for di, dj in steps:
        pairs.append(SegmentPair(slice(i, i + di), slice(j, j + dj)))
        i, j = i + di, j + dj
    return pairs


def _unpaired(a_start: int, a_end: int, b_start: int, b_end: int) -> list[SegmentPair]:
    """Each segment alone: the first side's (omissions) before the second's (additions)."""
    return [
        SegmentPair(slice(k, k + 1), slice(b_start, b_start)) for k in range(a_start, a_end)
    ] + [SegmentPair(slice(a_end, a_end), slice(k, k + 1)) for k in range(b_start, b_end)]


def _best_steps(
    bags_a: list[frozenset[str]], bags_b: list[frozenset[str]], min_similarity: float
) -> list[tuple[int, int]] | None:
    """The steps (segments taken from each side) of the best-scoring path, or None."""
    n, m = len(bags_a), len(bags_b)
    banded = n * m > _FULL_GAP_CELLS
    band = (_BAND + abs(n - m)) * max(n, m)

    def window(i: int) -> tuple[int, int]:
        """The columns of row ``i`` inside the band: ``abs(i * m - j * n) <= band``."""
        if not banded:
            return 0, m
        return max(0, -((band - i * m) // n)), min(m, (i * m + band) // n)

    cells = sum(max(0, high - low + 1) for low, high in map(window, range(n + 1)))
    if not active().allows("pairing", cells, PAIRING_CELLS):
        return None

    # the words of two segments taken together, made once each rather than once a cell
    pairs_a = [one | two for one, two in pairwise(bags_a)]
    pairs_b = [one | two for one, two in pairwise(bags_b)]

    def shared(ai: int, aj: int, bi: int, bj: int) -> float:
        bag_a = bags_a[ai] if aj == ai + 1 else pairs_a[ai]
        bag_b = bags_b[bi] if bj == bi + 1 else pairs_b[bi]
        common = len(bag_a & bag_b)
        size = len(bag_a) + len(bag_b)
        if not size or 2 * common / size < min_similarity:
            return -1.0
        return float(common)

    minus = float("-inf")
    # only the band's cells are kept, row by row (memory linear in the band)
    lows: list[int] = []
    score: list[list[float]] = []
    move: list[list[tuple[int, int]]] = []

    def at(i: int, j: int) -> float:
        k = j - lows[i]
        return score[i][k] if 0 <= k < len(score[i]) else minus

    # (0, 1) first: of two unpaired segments, the omission comes before the addition
    candidates = [(0, 1), (1, 0), (1, 1), (2, 1), (1, 2)]
    for i in range(n + 1):
        low, high = window(i)
        lows.append(low)
        row = [minus] * (high - low + 1)
        row_move = [(0, 0)] * (high - low + 1)
        score.append(row)
        move.append(row_move)
        for j in range(low, high + 1):
            best, step = (0.0, (0, 0)) if i == 0 and j == 0 else (minus, (0, 0))
            for di, dj in candidates:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                before = at(pi, pj)
                if before == minus:
                    continue
                gain = shared(pi, i, pj, j) if di and dj else 0.0
                if gain >= 0 and before + gain > best:
                    best, step = before + gain, (di, dj)
            row[j - low], row_move[j - low] = best, step
    if at(n, m) == minus:
        return None
    steps = []
    i, j = n, m
    while i or j:
        di, dj = move[i][j - lows[i]]
        steps.append((di, dj))
        i, j = i - di, j - dj
    steps.reverse()
    return steps
