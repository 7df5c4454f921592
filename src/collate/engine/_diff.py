"""diff-match-patch with patience anchors: the shared diff used for segments and tokens.

Each sequence is a string of codes (one character per segment or token). Codes that occur
exactly once in each sequence and keep their order (the longest increasing run of them) are
matched first, as patience diff does; diff-match-patch then diffs only the stretches between
them. That keeps its O(N·D) search on short stretches, so a long, much-revised chapter costs
little more than its parts, and the result does not depend on the machine's speed (no time
limit is set).
"""

from __future__ import annotations

import bisect
from collections import Counter

from diff_match_patch import diff_match_patch

__all__ = ["Diff", "diff_codes"]

Diff = list[tuple[int, str]]
"""diff-match-patch's result: (operation, codes), operation -1 delete, 0 equal, 1 insert."""

# Below this length a sequence is diffed directly; anchors would not pay for themselves.
_ANCHOR_FROM = 48


def diff_codes(a: str, b: str) -> Diff:
    """Diff two code strings; equal runs, deletions and insertions in order.

    >>> diff_codes("abcd", "abxd")
    [(0, 'ab'), (-1, 'c'), (1, 'x'), (0, 'd')]
    """
    differ = diff_match_patch()
    differ.Diff_Timeout = 0  # deterministic: never stop early on a slow machine
    if len(a) < _ANCHOR_FROM or len(b) < _ANCHOR_FROM:
        diffs: Diff = differ.diff_main(a, b, False)
        return diffs
    anchors = _anchors(a, b)
    if not anchors:
        diffs = differ.diff_main(a, b, False)
        return diffs
    diffs = []
    i = j = 0
    for anchor_a, anchor_b in anchors:
        diffs.extend(differ.diff_main(a[i:anchor_a], b[j:anchor_b], False))
        diffs.append((0, a[anchor_a]))
        i, j = anchor_a + 1, anchor_b + 1
    diffs.extend(differ.diff_main(a[i:], b[j:], False))
    differ.diff_cleanupMerge(diffs)
    return diffs


def _anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Positions of codes unique in both strings, in the longest order-keeping chain."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {code: j for j, code in enumerate(b) if count_b[code] == 1}
    pairs = [
        (i, where_b[code]) for i, code in enumerate(a) if count_a[code] == 1 and code in where_b
    ]
    # longest increasing subsequence of the b positions (patience sorting)
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
