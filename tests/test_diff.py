"""The shared diff: the C++ diff-match-patch and the pure-Python one give the same results."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import collate
from collate.engine import _diff
from collate.render.json import render_json
from conftest import ROOT
from strategies import tokens

pytest.importorskip("fast_diff_match_patch")

# codes as the engine makes them: one character from U+10000 on per distinct form
codes = st.text(st.sampled_from([chr(0x10000 + k) for k in range(12)]), max_size=200)


@given(codes, codes)
def test_cpp_and_python_diffs_are_identical(a: str, b: str) -> None:
    """On any two code strings the C++ diff equals the Python package's, operation by
    operation."""
    assert _diff.full_diff(a, b) == _diff._PURE.diff_main(a, b, False)


@given(st.lists(tokens, max_size=60), st.lists(tokens, max_size=60))
def test_collations_are_identical_with_either_diff(a: list[str], b: list[str]) -> None:
    """Random texts collate to the same JSON with the C++ and the pure-Python diff."""
    witnesses = [
        collate.witness_from_text(" ".join(a) or "x", "A"),
        collate.witness_from_text(" ".join(b) or "y", "B"),
    ]
    fast = render_json(collate.collate(witnesses))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_diff, "_fast_diff", None)
        assert render_json(collate.collate(witnesses)) == fast


def test_letters_collate_identically_with_either_diff(monkeypatch: pytest.MonkeyPatch) -> None:
    """The letters' collation (94 units) is byte for byte the same with the pure-Python diff."""
    witnesses = [
        collate.load_witness(ROOT / "witnesses" / name)
        for name in ("medvedev-1926.txt", "baku-1924.txt")
    ]
    fast = collate.collate(witnesses)
    monkeypatch.setattr(_diff, "_fast_diff", None)
    pure = collate.collate(witnesses)
    assert len(pure.units) == 94
    assert render_json(pure) == render_json(fast)


# many distinct codes, so that long strings have anchors (codes unique in both)
anchored = st.text(st.sampled_from([chr(0x10000 + k) for k in range(300)]), min_size=48)


@given(anchored, st.data())
def test_the_anchored_diff_is_each_stretch_diffed_and_cleaned_up(
    a: str, data: st.DataObject
) -> None:
    """Above the anchoring length the diff is each stretch between anchors diffed on its own,
    the anchors as equalities, merged by diff-match-patch's clean-up (anchors next to one
    another are one equality, with no stretch between them to diff)."""
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(a)), anchored.map(lambda s: s[:3]))))
    b = a
    for position, inserted in edits[:8]:
        b = b[:position] + inserted + b[position + len(inserted) // 2 :]
    diffs: _diff.Diff = []
    i = j = 0
    anchors = _diff._anchors(a, b)
    for anchor_a, anchor_b in anchors:
        diffs.extend(_diff.full_diff(a[i:anchor_a], b[j:anchor_b]))
        diffs.append((0, a[anchor_a]))
        i, j = anchor_a + 1, anchor_b + 1
    diffs.extend(_diff.full_diff(a[i:], b[j:]))
    _diff._PURE.diff_cleanupMerge(diffs)
    anchoring = anchors and len(b) >= _diff._ANCHOR_FROM
    expected = diffs if anchoring else _diff.full_diff(a, b)
    assert _diff.diff_codes(a, b) == expected
