"""Segments: paragraphs and sentences, aligned across witnesses before their tokens."""

from __future__ import annotations

from collate.engine import align_segments, paragraphs, sentences
from collate.witnesses import witness_from_text


def _paragraph_texts(text: str) -> list[str]:
    witness = witness_from_text(text, "A")
    return [" ".join(t.text for t in witness.tokens[s.start : s.end]) for s in paragraphs(witness)]


def _pairs(a: list[str], b: list[str]) -> list[tuple[list[str], list[str]]]:
    split_a = [s.split() for s in a]
    split_b = [s.split() for s in b]
    return [(a[p.a], b[p.b]) for p in align_segments(split_a, split_b)]


def test_blank_lines_separate_paragraphs() -> None:
    """Paragraphs are separated by blank lines; a single line break stays inside one."""
    assert _paragraph_texts("One line\nwrapped.\n\nTwo.\n \nThree.") == [
        "One line wrapped .",
        "Two .",
        "Three .",
    ]


def test_a_text_without_blank_lines_has_a_paragraph_per_line() -> None:
    """One paragraph per line, as in the Darwin files, when no blank line occurs."""
    assert _paragraph_texts("First para.\nSecond para.\n") == ["First para .", "Second para ."]


def test_sentences_end_at_full_stops_followed_by_space() -> None:
    """A sentence ends at . ! ? (closing quotes included), not inside "V.,"."""
    witness = witness_from_text("Dear V., yes. “Go!” he said. Done", "A")
    found = [
        " ".join(t.text for t in witness.tokens[s.start : s.end])
        for s in sentences(witness.tokens, 0, len(witness.tokens))
    ]
    assert found == ["Dear V . , yes .", "“ Go ! ”", "he said .", "Done"]


def test_identical_segments_align_and_a_dropped_one_is_unpaired() -> None:
    """A paragraph one witness lacks is paired with nothing; the rest align one to one."""
    a = ["a b c", "d e f", "g h i"]
    b = ["a b c", "g h i"]
    assert _pairs(a, b) == [(["a b c"], ["a b c"]), (["d e f"], []), (["g h i"], ["g h i"])]


def test_a_paragraph_split_in_two_aligns_with_both_halves() -> None:
    """One paragraph in A that B splits in two is one group with two B segments."""
    a = ["x y z", "one two three four five six", "end"]
    b = ["x y z", "one two three", "four five six seven", "end"]
    assert _pairs(a, b)[1] == (
        ["one two three four five six"],
        ["one two three", "four five six seven"],
    )


def test_a_revised_paragraph_pairs_with_its_revision() -> None:
    """Two changed paragraphs pair with their revisions, not with each other's."""
    a = ["start", "the cat sat on the mat", "dogs bark loudly at night", "end"]
    b = ["start", "the cat sat on a mat", "dogs barked loudly at night", "end"]
    assert _pairs(a, b)[1:3] == [
        (["the cat sat on the mat"], ["the cat sat on a mat"]),
        (["dogs bark loudly at night"], ["dogs barked loudly at night"]),
    ]


def test_unrelated_segments_are_an_omission_and_an_addition() -> None:
    """Segments sharing too little are not forced into a pair."""
    a = ["start", "alpha beta gamma", "end"]
    b = ["start", "one two three", "end"]
    assert _pairs(a, b)[1:3] == [(["alpha beta gamma"], []), ([], ["one two three"])]
