"""The robustness benchmark in quick mode: on generated copies of real prose with known edits
(`benchmarks/robustness.py`), collate finds at least as many of the edits as plain
diff-match-patch in every family, on the prose it was tuned on (Darwin) and on prose it never
saw (Frankenstein, 1818)."""

from __future__ import annotations

import pytest

from conftest import benchmark

robustness = benchmark("robustness")


@pytest.fixture(scope="module", params=["darwin", "frankenstein"])
def results(request: pytest.FixtureRequest) -> dict[str, dict[str, object]]:
    scores: dict[str, dict[str, object]] = robustness.run(
        request.param, 3, ["collate", "diff-match-patch"]
    )
    return scores


def test_every_family_makes_cases(results: dict[str, dict[str, object]]) -> None:
    """Each family yields edits to score (or, for the layout alone, copies to align)."""
    assert set(results) == set(robustness.FAMILIES)
    for family, scores in results.items():
        score = scores["collate"]
        assert score.edits > 0 or score.places >= 0, family  # type: ignore[attr-defined]


def test_recall_is_at_least_the_baseline_s_in_every_family(
    results: dict[str, dict[str, object]],
) -> None:
    """Issue 13's target: in every family collate's recall is at least diff-match-patch's."""
    for family, scores in results.items():
        ours, theirs = scores["collate"], scores["diff-match-patch"]
        if ours.edits:  # type: ignore[attr-defined]
            assert ours.found >= theirs.found, family  # type: ignore[attr-defined]


def test_the_scoring_counts_a_known_case() -> None:
    """A copy with one omission scored against the places that find it exactly, cut it in two,
    or miss it."""
    edit = robustness.Edit((3, 5), (3, 3), "edit")
    exact, split, missed = robustness.Score(), robustness.Score(), robustness.Score()
    exact.add([((3, 5), (3, 3))], [edit])
    split.add([((3, 4), (3, 3)), ((4, 5), (3, 3))], [edit])
    missed.add([((9, 10), (7, 8))], [edit])
    assert (exact.found, exact.exact, exact.good) == (1, 1, 1)
    assert (split.found, split.exact, split.good) == (1, 0, 2)
    assert (missed.found, missed.exact, missed.good, missed.places) == (0, 0, 0, 1)


def test_layout_alone_makes_no_unit(results: dict[str, dict[str, object]]) -> None:
    """Issue 13's item 3: the same words laid out otherwise (one paragraph, re-wrapped at 60 to
    80 columns, paragraphed elsewhere) give no unit beyond whitespace."""
    for family in ("one paragraph", "re-wrapped 60-80", "re-paragraphed"):
        assert results[family]["collate"].places == 0, family  # type: ignore[attr-defined]


def test_a_fragment_s_loss_is_one_lacuna_at_an_edge_and_exact_in_pieces() -> None:
    """The fragment family: one copy of a stemma lost its first or last 8 to 30 words (a torn
    leaf, the edits it inherited there lost with them), its truth one lacuna at the base's
    edge; an apparatus prints "lac." in each unit the other copies make there, so places
    inside the lost stretch are exact, and a place reaching past it is not."""
    (case,) = robustness.cases("darwin", "stemma with a fragment", 1)
    *_, (torn, edits) = case.copies
    (lacuna,) = [e for e in edits if e.kind == "lacuna"]
    words = len([t for t in case.base.tokens[slice(*lacuna.base)] if t.is_word])
    assert lacuna.base[0] == 0 or lacuna.base[1] == len(case.base.tokens)
    assert lacuna.copy[0] == lacuna.copy[1]
    assert 8 <= words <= 30
    assert len(torn.tokens) < len(case.base.tokens) - 8
    edit = robustness.Edit((0, 6), (0, 0), "lacuna")
    pieces, past = robustness.Score(), robustness.Score()
    pieces.add([((0, 2), (0, 0)), ((2, 6), (0, 0))], [edit])
    past.add([((0, 7), (0, 1))], [edit])
    assert (pieces.found, pieces.exact) == (1, 1)
    assert (past.found, past.exact) == (1, 0)
