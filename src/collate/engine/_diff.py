"""diff-match-patch with patience anchors: the shared diff used for segments and tokens.

Each sequence is a string of codes (one character per segment or token). Codes that occur
exactly once in each sequence and keep their order (the longest increasing run of them) are
matched first, as patience diff does; diff-match-patch then diffs only the stretches between
them. That keeps its O(N·D) search on short stretches, so a long, much-revised chapter costs
little more than its parts, and the result does not depend on the machine's speed (no time
limit is set). Every stretch is costed first (`collate.engine._budget`): one too large for
a full diff is aligned more cheaply, and the collation says so.

The diff is Google's diff-match-patch: its C++ implementation (the ``fast-diff-match-patch``
wheel) where it is installed, the pure-Python package otherwise. Both compute the same diff
(`tests/test_diff.py` holds it); the C++ one is about 25 times faster.
"""

from __future__ import annotations

from collections import Counter

from diff_match_patch import diff_match_patch

from collate.engine._budget import active, longest_chain

try:
    from fast_diff_match_patch import diff as _fast_diff
except ImportError:  # no wheel for this platform: the pure-Python diff, same results
    _fast_diff = None

__all__ = ["Diff", "diff_codes", "full_diff"]

Diff = list[tuple[int, str]]
"""diff-match-patch's result: (operation, codes), operation -1 delete, 0 equal, 1 insert."""

# Below this length a sequence is diffed directly; anchors would not pay for themselves.
_ANCHOR_FROM = 48


def diff_codes(a: str, b: str) -> Diff:
    """Diff two code strings; equal runs, deletions and insertions in order.

    >>> diff_codes("abcd", "abxd")
    [(0, 'ab'), (-1, 'c'), (1, 'x'), (0, 'd')]
    """
    budget = active()
    if len(a) < _ANCHOR_FROM or len(b) < _ANCHOR_FROM:
        return budget.diff(a, b, full_diff)
    anchors = _anchors(a, b)
    if not anchors:
        return budget.diff(a, b, full_diff)
    diffs: Diff = []
    i = j = 0
    run = 0  # where the run of anchors next to one another that ends at i began
    for anchor_a, anchor_b in anchors:
        # anchors next to one another in both strings (most of a text that agrees) are one
        # equality, with no diff of the nothing between them: the clean-up would join them
        if anchor_a > i or anchor_b > j:
            if i > run:
                diffs.append((0, a[run:i]))
            diffs.extend(budget.diff(a[i:anchor_a], b[j:anchor_b], full_diff))
            run = anchor_a
        i, j = anchor_a + 1, anchor_b + 1
    if i > run:
        diffs.append((0, a[run:i]))
    diffs.extend(budget.diff(a[i:], b[j:], full_diff))
    _PURE.diff_cleanupMerge(diffs)
    return diffs


_PURE = diff_match_patch()
_PURE.Diff_Timeout = 0  # deterministic: never stop early on a slow machine


def full_diff(a: str, b: str) -> Diff:
    """diff-match-patch's diff of two strings, no time limit and no clean-up: the C++
    implementation where it is installed, else the Python one.

    >>> full_diff("abcd", "abxd")
    [(0, 'ab'), (-1, 'c'), (1, 'x'), (0, 'd')]
    """
    if _fast_diff is None:
        diffs: Diff = _PURE.diff_main(a, b, False)
        return diffs
    result: Diff = []
    i = j = 0
    for operation, length in _fast_diff(a, b, timelimit=0, checklines=False, cleanup="No"):
        if operation == "=":
            result.append((0, a[i : i + length]))
            i += length
            j += length
        elif operation == "-":
            result.append((-1, a[i : i + length]))
            i += length
        else:
            result.append((1, b[j : j + length]))
            j += length
    return result


def _anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Positions of codes unique in both strings, in the longest order-keeping chain."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {code: j for j, code in enumerate(b) if count_b[code] == 1}
    pairs = [
        (i, where_b[code]) for i, code in enumerate(a) if count_a[code] == 1 and code in where_b
    ]
    # longest increasing subsequence of the b positions (patience sorting)
    return longest_chain(pairs)
