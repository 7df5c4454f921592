"""The terminal view, rendered on a fixed 80-column console without colour, against golden files."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from collate import Collation, collate, load_witness, witness_from_text
from collate.render.terminal import render_inline, render_side_by_side, render_summary
from conftest import ROOT, WITNESSES, fixed_console_text


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
