"""The cost model: stretches too costly for the full diff are aligned cheaply, and said so."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import collate
from collate.cli import app
from collate.engine import _align, _collatex
from collate.engine._budget import banded_diff, cheap_diff
from collate.engine._diff import full_diff
from collate.errors import CollationError
from collate.render.json import render_json
from conftest import ROOT

TEN_WORDS = ["the", "of", "and", "a", "to", "in", "was", "he", "it", "that"]


def _ten_word_paragraph(seed: int, size: int) -> str:
    """A paragraph of ``size`` words from a 10-word vocabulary: no word to anchor on."""
    return " ".join(random.Random(seed).choices(TEN_WORDS, k=size)) + "\n"


def _letters() -> list[collate.Witness]:
    return [
        collate.load_witness(ROOT / "witnesses" / name)
        for name in ("medvedev-1926.txt", "baku-1924.txt")
    ]


def _sides(diff: list[tuple[int, str]]) -> tuple[str, str]:
    return (
        "".join(text for op, text in diff if op <= 0),
        "".join(text for op, text in diff if op >= 0),
    )


@given(st.text("abcde", max_size=400), st.text("abcde", max_size=400))
def test_cheap_diff_covers_both_sides(a: str, b: str) -> None:
    """The cheap diff, like the full one, spells out both strings exactly."""
    diff = cheap_diff(a * 3, b * 3, full_diff)
    assert _sides(diff) == (a * 3, b * 3)


@settings(max_examples=60)
@given(st.text("abcdefgh", min_size=1, max_size=300), st.data())
def test_banded_diff_is_minimal_when_the_edits_lie_inside_the_band(
    a: str, data: st.DataObject
) -> None:
    """With fewer edits than the band is wide, the banded diff keeps as many codes in common
    as diff-match-patch's minimal diff."""
    b = list(a)
    for _ in range(data.draw(st.integers(0, 6))):
        position = data.draw(st.integers(0, len(b)))
        if data.draw(st.booleans()) and position < len(b):
            del b[position]
        else:
            b.insert(position, data.draw(st.sampled_from("abcdefghxyz")))
    other = "".join(b)
    banded = banded_diff(a, other, band=8)
    assert _sides(banded) == (a, other)
    common = sum(len(text) for op, text in banded if op == 0)
    assert common == sum(len(text) for op, text in full_diff(a, other) if op == 0)


def test_real_texts_take_the_full_diff() -> None:
    """The letters come nowhere near the cost limit: no note, nothing aligned cheaply."""
    assert collate.collate(_letters()).notes == ()


def test_ten_word_vocabulary_falls_back_with_a_note() -> None:
    """Two unrelated 3,000-word paragraphs from ten words are aligned cheaply, the collation
    says so, and both witnesses are still rebuilt exactly."""
    a = collate.witness_from_text(_ten_word_paragraph(1, 3000), "A")
    b = collate.witness_from_text(_ten_word_paragraph(2, 3000), "B")
    collation = collate.collate([a, b])
    assert len(collation.notes) == 2
    assert collation.notes[0] == (
        "cost limit: 1 long stretch sharing few rare words (6,000 tokens or segments) aligned "
        "piece by piece between words both sides use equally often, instead of by one full diff"
    )
    assert collation.notes[1] == (
        "cost limit: moved blocks not searched for in 1 aligned group full of repeated words"
    )
    assert collation.rebuild("A") == a.text
    assert collation.rebuild("B") == b.text
    assert json.loads(render_json(collation))["notes"] == list(collation.notes)


def test_no_notes_key_without_notes() -> None:
    """The JSON export has ``notes`` only when the collation has some."""
    assert "notes" not in json.loads(render_json(collate.collate(_letters())))


def test_terminal_summary_shows_the_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``collate compare`` prints the note under the summary."""
    monkeypatch.chdir(ROOT)
    for name, seed in (("a.txt", 1), ("b.txt", 2)):
        (tmp_path / name).write_text(_ten_word_paragraph(seed, 3000), encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "compare",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "--no-color",
            "--width",
            "300",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip().splitlines()
    assert lines[-1].startswith("note: cost limit: moved blocks not searched for")
    assert lines[-2].startswith("note: cost limit: 1 long stretch sharing few rare words")


def test_transposition_search_over_its_limit_is_skipped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above the limit the moved block is left as an omission and an addition, and noted."""
    a = collate.witness_from_text("one two three four five six seven eight nine ten eleven", "A")
    b = collate.witness_from_text("one six seven eight nine ten two three four eleven", "B")
    moved = collate.collate([a, b])
    assert [u.type.value for u in moved.units] == ["transposition", "omission"]
    monkeypatch.setattr(_align, "TRANSPOSITION_CELLS", 0)
    collation = collate.collate([a, b])
    assert [(u.type.value, u.readings["B"].text) for u in collation.units] == [
        ("omission", ""),
        ("addition", "two three four "),
    ]
    assert collation.notes == (
        "cost limit: moved blocks not searched for in 1 aligned group full of repeated words",
    )


def test_segment_pairing_over_its_limit_leaves_segments_unpaired(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above the limit the differing paragraphs between two identical ones are not paired:
    they are omitted and the others added (one unit here), and the collation says so. (A
    paragraph alone on each side pairs without the search, whatever the limit.)"""
    a = collate.witness_from_text(
        "Same start.\n\nThe cat sat on a mat.\n\nThe dog lay down.\n\nSame end.\n", "A"
    )
    b = collate.witness_from_text(
        "Same start.\n\nThe cat sat on the mat.\n\nThe dog lay there.\n\nSame end.\n", "B"
    )
    assert [u.readings["B"].text for u in collate.collate([a, b]).units] == ["the", "there"]
    monkeypatch.setattr("collate.engine._segment.PAIRING_CELLS", 0)
    collation = collate.collate([a, b])
    assert collation.notes == (
        "cost limit: 1 long run of differing paragraphs or sentences left unpaired (each an "
        "omission or an addition)",
    )
    assert [(u.readings["A"].text, u.readings["B"].text) for u in collation.units] == [
        (
            "The cat sat on a mat.\n\nThe dog lay down.",
            "The cat sat on the mat.\n\nThe dog lay there.",
        )
    ]


def test_collatex_refuses_what_it_cannot_finish() -> None:
    """Three witnesses of 1,400 tokens in one paragraph: refused before CollateX starts."""
    witnesses = [
        collate.witness_from_text(_ten_word_paragraph(seed, 1400), siglum)
        for seed, siglum in ((1, "A"), (2, "B"), (3, "C"))
    ]
    with pytest.raises(CollationError) as error:
        collate.collate(witnesses, engine="collatex")
    assert str(error.value).startswith("--engine collatex: CollateX would fill about ")
    assert str(error.value).endswith(
        f"(the limit is {_collatex.MAX_COLLATEX_CELLS:,}, about a minute): use the default engine"
    )


def test_a_stretch_without_anchors_takes_the_banded_diff() -> None:
    """Long paragraphs with no word used equally often on both sides are aligned by the banded
    diff, and the note says their units may be coarser."""
    rng = random.Random(7)
    words_a = [w for i, w in enumerate(TEN_WORDS) for _ in range(100 + 3 * i)]
    words_b = [w for i, w in enumerate(TEN_WORDS) for _ in range(101 + 3 * i)]
    rng.shuffle(words_a)
    rng.shuffle(words_b)
    a = collate.witness_from_text(" ".join(words_a), "A")
    b = collate.witness_from_text(" ".join(words_b), "B")
    collation = collate.collate([a, b])
    assert collation.notes[0] == (
        "cost limit: 1 long stretch sharing few words (2,280 tokens or segments) aligned by a "
        "banded diff instead of a full diff; units there may be coarser"
    )
    assert collation.rebuild("A") == a.text
    assert collation.rebuild("B") == b.text


def test_an_export_with_notes_loads_back(tmp_path: Path) -> None:
    """A JSON export that carries notes is still read back as its witnesses, unchanged."""
    a = collate.witness_from_text(_ten_word_paragraph(1, 3000), "A")
    b = collate.witness_from_text(_ten_word_paragraph(2, 3000), "B")
    export = tmp_path / "notes.json"
    export.write_text(render_json(collate.collate([a, b])), encoding="utf-8")
    assert '"notes": ["cost limit: ' in export.read_text(encoding="utf-8")
    loaded = collate.load_witnesses([export])
    assert [(w.siglum, w.text) for w in loaded] == [("A", a.text), ("B", b.text)]
