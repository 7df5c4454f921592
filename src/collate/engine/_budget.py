"""The cost model: what aligning one pair of witnesses may spend, and the cheaper alignment
used above it. Pure: no I/O.

The full diff (diff-match-patch, O(N·D)) costs up to n × m steps on two stretches of n and m
codes (tokens or segments) that share little, and the engine's other searches grow the same
way. On real texts the stretches left between anchors are small — the largest in the letters,
Frankenstein, Darwin's six editions and the whole SBLGNT is 111 × 111 codes — but a text with no
rare word (a 10-word vocabulary), two unrelated passages without punctuation, or a book
repeated on one line gives stretches of many thousands. So each stretch is costed first:

- a stretch of at most `FREE_CELLS` (n × m, after the codes both ends share) is diffed fully;
- a larger one is diffed fully while it is under `STRETCH_CELLS` and the pair's allowance of
  `PAIR_CELLS` for such stretches lasts;
- otherwise it is aligned more cheaply (`cheap_diff`): on the codes that occur as often in one
  side as in the other (each occurrence paired with the same occurrence on the other side, the
  longest chain of such pairs in order: unique words are the usual case), again inside each
  gap, and a gap still too large is aligned by a diff that only looks near the diagonal
  (`BAND` codes to either side): time and memory linear in the input.

The segment pairing (`collate.engine._segment`) and the search for transpositions
(`collate.engine._align`) ask the same allowance before their quadratic searches. Whatever
falls back is counted, and the collation says so in `Collation.notes`.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import ParamSpec

from collate.model import Collation

__all__ = [
    "BAND",
    "FREE_CELLS",
    "PAIRING_CELLS",
    "PAIR_CELLS",
    "STRETCH_CELLS",
    "TRANSPOSITION_CELLS",
    "Budget",
    "active",
    "bounded",
    "cheap_diff",
    "longest_chain",
]

Diff = list[tuple[int, str]]

FREE_CELLS = 50_000
"""A stretch of at most this many cells (n × m codes) is always diffed fully."""
STRETCH_CELLS = 500_000
"""A stretch of more cells than this is aligned cheaply."""
PAIR_CELLS = 2_000_000
"""What all the stretches above `FREE_CELLS` of one pair of witnesses may cost together."""
PAIRING_CELLS = 1_000_000
"""The most cells the segment pairing may search in one gap between identical segments."""
TRANSPOSITION_CELLS = 250_000
"""The search for moved blocks compares every deleted token with every inserted one of an
aligned group, again for each block it finds: at most this many pairs."""
BAND = 32
"""How far from the diagonal the banded diff looks, in codes."""
_MAX_DEPTH = 8

P = ParamSpec("P")


@dataclass(slots=True)
class Budget:
    """The allowance left to one pair of witnesses, and what fell back (shared by every
    pair of one collation)."""

    cells: int = PAIR_CELLS
    fallbacks: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)

    def diff(self, a: str, b: str, full: Callable[[str, str], Diff]) -> Diff:
        """``full(a, b)`` when the stretch is affordable, else `cheap_diff`."""
        if len(a) * len(b) <= FREE_CELLS:
            return full(a, b)
        cells = _cells(a, b)
        if cells <= FREE_CELLS:
            return full(a, b)
        if cells <= STRETCH_CELLS and cells <= self.cells:
            self.cells -= cells
            return full(a, b)
        banded: list[int] = []
        diffs = cheap_diff(a, b, full, banded)
        kind = "banded" if banded else "anchored"
        self.fallbacks[kind] += 1
        self.codes[kind] += len(a) + len(b)
        return diffs

    def allows(self, search: str, cells: int, limit: int) -> bool:
        """True when a quadratic ``search`` of ``cells`` steps is within ``limit``; counted
        as a fallback otherwise."""
        if cells <= limit:
            return True
        self.fallbacks[search] += 1
        return False

    def notes(self) -> tuple[str, ...]:
        """One line for each kind of fallback that happened."""
        lines = []
        if self.fallbacks["anchored"]:
            count = self.fallbacks["anchored"]
            lines.append(
                f"cost limit: {count} long stretch{'es' if count > 1 else ''} sharing few rare "
                f"words ({self.codes['anchored']:,} tokens or segments) aligned piece by piece "
                "between words both sides use equally often, instead of by one full diff"
            )
        if self.fallbacks["banded"]:
            count = self.fallbacks["banded"]
            lines.append(
                f"cost limit: {count} long stretch{'es' if count > 1 else ''} sharing few words "
                f"({self.codes['banded']:,} tokens or segments) aligned by a banded diff instead "
                "of a full diff; units there may be coarser"
            )
        if self.fallbacks["pairing"]:
            count = self.fallbacks["pairing"]
            lines.append(
                f"cost limit: {count} long run{'s' if count > 1 else ''} of differing "
                "paragraphs or sentences left unpaired (each an omission or an addition)"
            )
        if self.fallbacks["transpositions"]:
            count = self.fallbacks["transpositions"]
            lines.append(
                f"cost limit: moved blocks not searched for in {count} aligned "
                f"group{'s' if count > 1 else ''} full of repeated words"
            )
        return tuple(lines)


_ACTIVE: ContextVar[Budget | None] = ContextVar("collate_budget", default=None)


def active() -> Budget:
    """The budget of the collation being made (a fresh one outside `bounded` functions)."""
    return _ACTIVE.get() or Budget()


@contextmanager
def _spending() -> Iterator[Budget]:
    outer = _ACTIVE.get()
    budget = (
        Budget()
        if outer is None
        else Budget(fallbacks=outer.fallbacks, codes=outer.codes)  # a fresh allowance
    )
    token = _ACTIVE.set(budget)
    try:
        yield budget
    finally:
        _ACTIVE.reset(token)


def bounded(function: Callable[P, Collation]) -> Callable[P, Collation]:
    """Give each call of ``function`` its own allowance; the outermost call's collation gets
    the notes of every fallback made inside it."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Collation:
        outermost = _ACTIVE.get() is None
        with _spending() as budget:
            result = function(*args, **kwargs)
        if outermost and budget.notes():
            return replace(result, notes=(*result.notes, *budget.notes()))
        return result

    return wrapper


def _cells(a: str, b: str) -> int:
    start = _common_prefix(a, b)
    end = _common_suffix(a, b, start)
    return (len(a) - start - end) * (len(b) - start - end)


def _common_prefix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:  # binary search on slices: C speed
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, prefix: int) -> int:
    low, high = 0, min(len(a), len(b)) - prefix
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


def cheap_diff(
    a: str, b: str, full: Callable[[str, str], Diff], banded: list[int] | None = None
) -> Diff:
    """A diff of two long code strings in time and memory linear in their length (for a fixed
    number of anchors' levels): anchors first, then ``full`` on small gaps and a banded diff
    on large ones. The length of each stretch given to the banded diff is added to
    ``banded``.

    >>> a, b = "ab" * 300 + "Q" + "cd" * 300, "ba" * 300 + "Q" + "dc" * 300
    >>> diff = cheap_diff(a, b, lambda x, y: [(-1, x), (1, y)])
    >>> "".join(t for op, t in diff if op <= 0) == a, "".join(t for op, t in diff if op >= 0) == b
    (True, True)
    >>> [t for op, t in diff if "Q" in t]  # the one code both sides have once: an anchor
    ['Q']
    """
    diffs: Diff = []
    _cheap(a, b, full, diffs, 0, banded if banded is not None else [])
    return _merged(diffs)


def _cheap(
    a: str, b: str, full: Callable[[str, str], Diff], out: Diff, depth: int, banded: list[int]
) -> None:
    start = _common_prefix(a, b)
    end = _common_suffix(a, b, start)
    if start:
        out.append((0, a[:start]))
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    if not middle_a or not middle_b:
        if middle_a:
            out.append((-1, middle_a))
        if middle_b:
            out.append((1, middle_b))
    elif len(middle_a) * len(middle_b) <= FREE_CELLS:
        out.extend(full(middle_a, middle_b))
    else:
        anchors = _rank_anchors(middle_a, middle_b) if depth < _MAX_DEPTH else []
        if anchors:
            i = j = 0
            for anchor_a, anchor_b in anchors:
                _cheap(middle_a[i:anchor_a], middle_b[j:anchor_b], full, out, depth + 1, banded)
                out.append((0, middle_a[anchor_a]))
                i, j = anchor_a + 1, anchor_b + 1
            _cheap(middle_a[i:], middle_b[j:], full, out, depth + 1, banded)
        else:
            banded.append(len(middle_a) + len(middle_b))
            out.extend(banded_diff(middle_a, middle_b))
    if end:
        out.append((0, a[len(a) - end :]))


def _rank_anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Pairs of positions of a code that occurs as often in ``a`` as in ``b`` (its k-th
    occurrence in one with its k-th in the other), the longest chain of them in order."""
    count_a, count_b = Counter(a), Counter(b)
    equal = {code for code, count in count_a.items() if count_b.get(code) == count}
    if not equal:
        return []
    seen: Counter[str] = Counter()
    where_b: dict[tuple[str, int], int] = {}
    for j, code in enumerate(b):
        if code in equal:
            where_b[code, seen[code]] = j
            seen[code] += 1
    seen.clear()
    pairs = []
    for i, code in enumerate(a):
        if code in equal:
            pairs.append((i, where_b[code, seen[code]]))
            seen[code] += 1
    return longest_chain(pairs)


def longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by their first item) whose second items
    increase (patience sorting)."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[k] = j
            tail_index[k] = index
        previous[index] = tail_index[k - 1] if k else -1
    chain = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    chain.reverse()
    return chain


def banded_diff(a: str, b: str, band: int = BAND) -> Diff:
    """The longest common subsequence of ``a`` and ``b`` among paths that stay within
    ``band`` codes of the straight line from start to end, as a diff (deletions before
    insertions). Time and memory O((len(a) + len(b)) × band).

    >>> banded_diff("abcd", "abxd")
    [(0, 'ab'), (-1, 'c'), (1, 'x'), (0, 'd')]
    """
    n, m = len(a), len(b)
    # the row j's window of columns: within `band` of the line, and wide enough to join the
    # window of the row before (a long side's extra codes lie in between)
    lows, highs = [], []
    for i in range(n + 1):
        centre = i * m // n if n else 0
        lows.append(max(0, centre - band))
        highs.append(min(m, centre + band + (m // n if n else m) + 1))
    highs[-1] = m
    lows[0] = 0
    # moves: 0 diagonal (equal), 1 from above (delete a[i-1]), 2 from the left (insert b[j-1])
    moves: list[bytearray] = []
    previous: list[int] = []
    previous_low = 0
    for i in range(n + 1):
        low, high = lows[i], highs[i]
        row = [0] * (high - low + 1)
        move = bytearray(high - low + 1)
        above_low, above_high = previous_low, previous_low + len(previous) - 1
        for j in range(low, high + 1):
            k = j - low
            best, step = -1, 3
            if i and above_low <= j <= above_high:
                best, step = previous[j - above_low], 1
            if j > low and row[k - 1] > best:
                best, step = row[k - 1], 2
            if i and j and above_low <= j - 1 <= above_high and a[i - 1] == b[j - 1]:
                diagonal = previous[j - 1 - above_low] + 1
                if diagonal >= best:
                    best, step = diagonal, 0
            if not i and not j:
                best, step = 0, 3
            row[k] = best if best >= 0 else -(10**9)
            move[k] = step
        moves.append(move)
        previous, previous_low = row, low
    ops: list[tuple[int, str]] = []
    i, j = n, m
    while i or j:
        step = moves[i][j - lows[i]]
        if step == 0:
            ops.append((0, a[i - 1]))
            i, j = i - 1, j - 1
        elif step == 1:
            ops.append((-1, a[i - 1]))
            i -= 1
        else:
            ops.append((1, b[j - 1]))
            j -= 1
    ops.reverse()
    return _merged(ops)


def _merged(diffs: Diff) -> Diff:
    """Adjacent operations of one kind joined; in each change, the deletion first."""
    result: Diff = []
    deleted: list[str] = []
    inserted: list[str] = []
    for operation, text in diffs:
        if not text:
            continue
        if operation < 0:
            deleted.append(text)
        elif operation > 0:
            inserted.append(text)
        else:
            if deleted:
                result.append((-1, "".join(deleted)))
            if inserted:
                result.append((1, "".join(inserted)))
            deleted, inserted = [], []
            if result and result[-1][0] == 0:
                result[-1] = (0, result[-1][1] + text)
            else:
                result.append((0, text))
    if deleted:
        result.append((-1, "".join(deleted)))
    if inserted:
        result.append((1, "".join(inserted)))
    return result
