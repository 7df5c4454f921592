"""The terminal view, rendered on a fixed 80-column console without colour, against golden files."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from collate import Collation, collate, load_witness, witness_from_text
from collate.render import Layout
from collate.render.terminal import render_inline, render_side_by_side, render_summary
from conftest import ROOT, WITNESSES, baku_laid_out, fixed_console_text


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """Witness paths in the views are relative, as a user types them."""
    monkeypatch.chdir(ROOT)


def _armand() -> Collation:
    return collate(
        [load_witness("witnesses/armand-1914.txt"), load_witness("witnesses/armand-pss.txt")]
    )


def _letters() -> Collation:
    return collate(
        [load_witness("witnesses/medvedev-1926.txt"), load_witness("witnesses/baku-1924.txt")]
    )


def test_inline_view_of_the_armand_salutation(golden: Callable[[str, str], None]) -> None:
    """The printed salutation with the PSS's omission marked in place."""
    golden("armand-inline.txt", fixed_console_text(render_inline(_armand())))


def test_inline_view_of_the_letters(golden: Callable[[str, str], None]) -> None:
    """The whole Medvedev letter with every Baku variant marked, as an editor reads it."""
    golden("letters-inline.txt", fixed_console_text(render_inline(_letters()), width=100))


def test_side_by_side_view_of_the_letters(golden: Callable[[str, str], None]) -> None:
    """The letters in two columns, paragraph by paragraph, variants marked in both."""
    golden(
        "letters-side-by-side.txt", fixed_console_text(render_side_by_side(_letters()), width=120)
    )


def test_marks_for_each_type() -> None:
    """Omissions, additions and substitutions read as the edition's brackets do."""
    result = collate(
        [
            witness_from_text("since all the significant supplies", "M"),
            witness_from_text("since indeed all the enormous supplies", "B"),
        ]
    )
    assert fixed_console_text(render_inline(result)).splitlines()[3] == (
        "since [B add. indeed] all the ⸂significant⸃[B: enormous] supplies"
    )
    omitted = collate(
        [
            witness_from_text("on the uninterrupted expansion", "M"),
            witness_from_text("on the expansion", "B"),
        ]
    )
    assert "on the ⸂uninterrupted⸃[B om.] expansion" in fixed_console_text(render_inline(omitted))


def test_summary_counts_units_and_agreement() -> None:
    """The summary gives units by type and each witness's share of agreeing text."""
    text = (WITNESSES / "armand-1914.txt").read_text(encoding="utf-8")
    letters = sum(1 for c in text if not c.isspace())
    share = 100 * (1 - len("&dearest") / letters)
    assert str(render_summary(_armand())) == (
        f"1 unit (1 omission) · 1 substantive · text in agreement: L {share:.1f}%, P 100.0%"
    )


def test_witness_text_is_never_read_as_markup() -> None:
    """Square brackets in a witness are printed, not taken as rich styles."""
    result = collate(
        [
            witness_from_text("[bold red]alarm[/] stays", "A"),
            witness_from_text("[bold red]alarm[/] goes", "B"),
        ]
    )
    assert "[bold red]alarm[/] ⸂stays⸃[B: goes]" in fixed_console_text(render_inline(result))


def _letters_laid_out(layout: str) -> Collation:
    return collate(
        [
            load_witness("witnesses/medvedev-1926.txt"),
            witness_from_text(baku_laid_out(layout), "B"),
        ]
    )


@pytest.mark.parametrize(
    ("layout", "summary"),
    [
        (
            "wrapped",
            "94 units (38 omissions, 15 additions, 41 substitutions) · 2 punctuation, "
            "92 substantive · 596 differences of layout alone not shown (--layout include) · "
            "text in agreement: M 95.5%, B 95.3%",
        ),
        (
            "one paragraph",
            "94 units (38 omissions, 15 additions, 41 substitutions) · 2 punctuation, "
            "92 substantive · 82 differences of layout alone not shown (--layout include) · "
            "text in agreement: M 95.5%, B 95.3%",
        ),
    ],
)
def test_the_summary_of_a_copy_laid_out_otherwise(layout: str, summary: str) -> None:
    """Issue 13 item 3: the Baku letter re-wrapped or in one paragraph is summed up as the
    letter as printed is (94 units, the same shares of agreeing text), with how many
    differences of layout alone were left out and the option that shows them."""
    collation = _letters_laid_out(layout)
    assert str(render_summary(collation)) == summary
    assert str(render_summary(_letters())) == (
        "94 units (38 omissions, 15 additions, 41 substitutions) · 2 punctuation, "
        "92 substantive · text in agreement: M 95.5%, B 95.3%"
    )


def test_layout_is_marked_only_when_included() -> None:
    """A line break against a space is not marked in the views unless --layout include, and
    then as a visible sign; the summary counts it as a unit of class layout."""
    collation = collate(
        [
            witness_from_text("The quick brown fox\njumps over the lazy dog.", "A"),
            witness_from_text("The quick brown fox jumps over the lazy cat.", "B"),
        ]
    )
    omitted = fixed_console_text(render_inline(collation), width=200).splitlines()
    assert omitted[3:] == [
        "The quick brown fox",
        "jumps over the lazy ⸂dog⸃[B: cat].",
        "",
        "1 unit (1 substitution) · 1 substantive · 1 difference of layout alone not shown "
        "(--layout include) · text in agreement: A 91.7%, B 91.7%",
    ]
    included = fixed_console_text(render_inline(collation, layout=Layout.INCLUDE), width=200)
    assert included.splitlines()[3:] == [
        "The quick brown fox⸂⏎⸃[B: ·]",
        "jumps over the lazy ⸂dog⸃[B: cat].",
        "",
        "2 units (2 substitutions) · 1 substantive, 1 layout · text in agreement: A 91.7%, B 91.7%",
    ]
    side = fixed_console_text(render_side_by_side(collation), width=120)
    assert "⏎" not in side
    assert "⸂⏎⸃" in fixed_console_text(
        render_side_by_side(collation, layout=Layout.INCLUDE), width=120
    )
