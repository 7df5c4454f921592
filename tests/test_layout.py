"""Differences of whitespace alone (class layout) in the printed outputs: left out by default
(``--layout omit``) with three witnesses or more too, where a witness that differs from the
lemma only in whitespace is cited with it, nested readings included; printed with
``--layout include``; kept in the data exports."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from collate import Collation, collate, load_witness, witness_from_text
from collate.apparatus import entries, layout_alone, shown_units
from collate.batch import SUMMARY_COLUMNS, read_sets, run
from collate.cli import app
from collate.engine import alignment_rows
from collate.model import VariantClass
from collate.render import ApparatusFormat, Layout, Minor, render_document
from collate.render.apparatus_text import render_apparatus_text
from collate.render.html import render_html
from collate.render.terminal import render_inline, render_summary
from conftest import WITNESSES, baku_laid_out, fixed_console_text

runner = CliRunner()

FOX = "The quick brown fox jumps over the lazy dog.\n"


def _three() -> Collation:
    """The review's repro: n2 breaks the line after "brown", n3 reads "red" for it."""
    return collate(
        [
            witness_from_text(FOX, "n1"),
            witness_from_text(FOX.replace("brown ", "brown\n"), "n2"),
            witness_from_text(FOX.replace("brown", "red"), "n3"),
        ]
    )


def _entry_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line[:1].isdigit()]


def test_layout_alone_is_the_classes_test() -> None:
    """The one test of "these readings differ in whitespace alone" the renderers share: the
    same tokens, or a compound broken at its hyphen across a line end; not equal readings, nor
    other words or punctuation."""
    assert layout_alone("brown\n", "brown ")
    assert layout_alone("end.\n\nThe", "end. The")
    assert layout_alone("self-\nmade", "self-made")
    assert not layout_alone("brown ", "brown ")
    assert not layout_alone("brown", "red")
    assert not layout_alone("to day", "today")
    assert not layout_alone("sat,", "sat;")


def test_three_witnesses_text_apparatus() -> None:
    """A witness that only breaks the line is not cited under the default; it is, as
    ``spacing``, with --layout include."""
    collation = _three()
    assert _entry_lines(render_apparatus_text(collation)) == ["1.1 brown] red n3"]
    included = render_apparatus_text(collation, layout=Layout.INCLUDE)
    assert _entry_lines(included) == ["1.1 brown] spacing n2; red n3"]
    positive = render_apparatus_text(collation, positive=True)
    assert _entry_lines(positive) == ["1.1 brown n1 n2] red n3"]


def test_three_witnesses_terminal_view() -> None:
    collation = _three()
    omitted = fixed_console_text(render_inline(collation), width=200).splitlines()
    assert omitted[4] == "The quick ⸂brown⸃[n3: red] fox jumps over the lazy dog."
    included = fixed_console_text(render_inline(collation, layout=Layout.INCLUDE), width=200)
    assert included.splitlines()[4] == (
        "The quick ⸂brown⸃[n2: brown; n3: red] fox jumps over the lazy dog."
    )


def test_three_witnesses_latex() -> None:
    collation = _three()
    line = r"The quick \edtext{brown}{\Afootnote{%s}} fox jumps over the lazy dog."
    omitted = render_document(collation, ApparatusFormat.LATEX)
    assert line % "red n3" in omitted.splitlines()
    included = render_document(collation, ApparatusFormat.LATEX, layout=Layout.INCLUDE)
    assert line % r"\emph{spacing} n2; red n3" in included.splitlines()


def test_three_witnesses_page() -> None:
    """The page's apparatus entry and inline label leave the line break out, unless included."""
    collation = _three()
    omitted = render_html(collation)
    assert '<span class="ref">1.1</span> brown] red n3</li>' in omitted
    assert 'data-unit="u1">[n3 red]</span>' in omitted
    assert "spacing n2" not in omitted
    assert "n2 spacing" not in omitted
    included = render_html(collation, layout=Layout.INCLUDE)
    assert '<span class="ref">1.1</span> brown] spacing n2; red n3</li>' in included
    assert 'data-unit="u1">[n2 spacing; n3 red]</span>' in included


def test_the_page_says_how_to_show_layout_and_its_boxes_are_not_restored() -> None:
    """The page's own wording for the hint, and filter boxes a browser does not restore on
    reload (the body's classes would otherwise say the opposite of the boxes)."""
    collation = collate(
        [witness_from_text("a b\nc d e.", "A"), witness_from_text("a b c d f.", "B")]
    )
    page = render_html(collation)
    assert (
        '<span class="left-out">1 difference of layout alone not shown (tick layout under '
        "Classes, or --layout include).</span>"
    ) in page
    assert 'data-filter="c-layout" autocomplete="off">' in page
    assert page.count('autocomplete="off"') == page.count("data-filter=")


def test_nested_readings_drop_sub_variants_of_whitespace_alone() -> None:
    """Medvedev, Baku and Baku re-wrapped: the two Baku copies read alike but for line breaks,
    so no nested reading cites ``spacing`` unless layout is included."""
    collation = collate(
        [
            load_witness(WITNESSES / "medvedev-1926.txt"),
            load_witness(WITNESSES / "baku-1924.txt", "B"),
            witness_from_text(baku_laid_out("wrapped"), "W"),
        ]
    )
    omitted = render_apparatus_text(collation)
    assert "spacing" not in "\n".join(_entry_lines(omitted))
    assert " B W (" not in omitted
    included = render_apparatus_text(collation, layout=Layout.INCLUDE)
    assert "(its] spacing W)" in included
    view = fixed_console_text(render_inline(collation), width=200)
    assert "spacing" not in view
    assert "] W: " not in view


def test_a_line_break_does_not_change_a_witness_share() -> None:
    """The share of text in agreement is the same whether n2 breaks the line or not: its
    reading in the unit where n3 differs counts as n1's does."""
    broken = _three()
    flat = collate(
        [
            witness_from_text(FOX, "n1"),
            witness_from_text(FOX, "n2"),
            witness_from_text(FOX.replace("brown", "red"), "n3"),
        ]
    )
    assert broken.agreement_share("n2") == flat.agreement_share("n2")
    assert broken.agreement_share("n2") == broken.agreement_share("n1")


@pytest.mark.parametrize(
    ("minor", "hint"),
    [
        (Minor.INCLUDE, "--layout include prints it."),
        (Minor.SEPARATE, "--layout include prints it."),
        (Minor.OMIT, "--layout include with --minor include or separate prints it."),
    ],
)
def test_the_hint_under_minor(minor: Minor, hint: str) -> None:
    """--minor omit leaves layout out even with --layout include: the header says so."""
    collation = collate(
        [witness_from_text("a b\nc d e.", "A"), witness_from_text("a b c d f.", "B")]
    )
    text = render_apparatus_text(collation, minor=minor)
    assert f"Not shown: 1 difference of layout alone (line breaks, spacing); {hint}" in text
    latex = render_document(collation, ApparatusFormat.LATEX, minor=minor)
    assert f"% 1 difference of layout alone not shown ({hint.removesuffix(' prints it.')}).\n" in (
        latex
    )


def test_hide_layout_with_and_without_layout_include(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a b\nc d e.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("a b c d f.\n", encoding="utf-8")
    files = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]

    def summary(*options: str) -> str:
        result = runner.invoke(app, ["compare", *files, "--no-pager", *options])
        assert result.exit_code == 0, result.output
        return " ".join(result.stdout.split()).split("dog.")[-1]

    assert "1 difference of layout alone not shown (--layout include) ·" in summary()
    assert (
        "1 difference of layout alone not shown (--layout include, without --hide layout) ·"
        in summary("--hide", "layout")
    )
    included = summary("--layout", "include", "--hide", "layout")
    assert "2 units (2 substitutions) · 1 substantive, 1 layout · 1 not marked" in included
    assert "not shown" not in included
    assert "not marked" not in summary("--layout", "include")


def test_a_lacuna_is_printed_even_against_whitespace() -> None:
    """A unit of whitespace alone where a witness has a lacuna is still printed: "lac." is
    not layout; the readings of whitespace alone in it are cited only with --layout include."""
    collation = collate(
        [
            witness_from_text("a b\nc d", "A"),
            witness_from_text("a b c d", "B"),
            witness_from_text("a b c d", "C"),
        ]
    )
    (unit,) = collation.units
    assert unit.variant_class is VariantClass.LAYOUT
    lacking = replace(collation, units=(replace(unit, lacunae=("C",)),))
    assert shown_units(collation, Layout.OMIT) == []
    assert shown_units(lacking, Layout.OMIT) == list(lacking.units)
    assert _entry_lines(render_apparatus_text(lacking)) == ["1.1 b] lac. C"]
    included = render_apparatus_text(lacking, layout=Layout.INCLUDE)
    assert _entry_lines(included) == ["1.1 b] spacing B; lac. C"]
    assert r"\Afootnote{\emph{lac.} C}" in render_document(lacking, ApparatusFormat.LATEX)
    assert "[C lac.]" in fixed_console_text(render_inline(lacking), width=200)
    assert "not shown" not in fixed_console_text(render_summary(lacking))


# distinct words: a repeated word re-wrapped can be aligned as an omission and an addition
# (the engine's choice among equal alignments, reported in RESULTS.md), which is not layout
_WORDS = ["alpha", "beta", "gamma,", "delta.", "self-made", "x", "Epsilon", "zeta;", "eta", "θ"]


@given(
    st.lists(st.sampled_from(_WORDS), unique=True, max_size=len(_WORDS)),
    st.integers(min_value=5, max_value=30),
)
def test_a_text_against_itself_rewrapped_is_layout_alone(words: list[str], width: int) -> None:
    """Any text against itself re-wrapped gives units of class layout only, and nothing the
    printed apparatus cites by default."""
    text = " ".join(words) + "\n"
    wrapped = textwrap.fill(text, width, break_on_hyphens=False, break_long_words=False) + "\n"
    collation = collate([witness_from_text(text, "A"), witness_from_text(wrapped, "B")])
    assert all(u.variant_class is VariantClass.LAYOUT for u in collation.units)
    assert entries(collation, alignment_rows(collation), Layout.OMIT) == ()
    assert _entry_lines(render_apparatus_text(collation)) == []


def test_a_batch_prints_layout_as_its_manifest_says(tmp_path: Path) -> None:
    """``layout`` in a manifest (every set's, or a set's own) and ``--layout`` on the command
    line choose what the text apparatus does with differences of whitespace alone; a bad value
    is one line naming the manifest."""
    (tmp_path / "a.txt").write_text("a b\nc d e.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("a b c d f.\n", encoding="utf-8")
    manifest = tmp_path / "batch.toml"
    manifest.write_text(
        'formats = ["text"]\nlayout = "include"\n\n'
        '[[set]]\nname = "all"\nwitnesses = ["a.txt", "b.txt"]\n\n'
        '[[set]]\nname = "own"\nwitnesses = ["a.txt", "b.txt"]\nlayout = "omit"\n',
        encoding="utf-8",
    )
    assert [(j.name, j.layout) for j in read_sets(manifest)] == [
        ("all", Layout.INCLUDE),
        ("own", Layout.OMIT),
    ]
    assert [j.layout for j in read_sets(manifest, layout=Layout.OMIT)] == [Layout.OMIT] * 2
    out = tmp_path / "out"
    run(read_sets(manifest), out, jobs=1)
    assert "] spacing b" in (out / "all" / "all.txt").read_text(encoding="utf-8")
    own = (out / "own" / "own.txt").read_text(encoding="utf-8")
    assert "] spacing" not in own
    assert "Not shown: 1 difference of layout alone" in own
    command = ["batch", str(manifest), "-o", str(out), "--resume"]
    assert "0 collated, 2 kept" in runner.invoke(app, command).stdout
    # --resume keeps only the set already printed without layout
    result = runner.invoke(app, [*command, "--layout", "omit"])
    assert result.exit_code == 0, result.output
    assert "1 collated, 1 kept" in result.stdout
    assert "] spacing" not in (out / "all" / "all.txt").read_text(encoding="utf-8")
    manifest.write_text(
        'layout = "wrap"\n[[set]]\nname = "x"\nwitnesses = ["a.txt", "b.txt"]\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["batch", str(manifest), "-o", str(tmp_path / "out2")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"collate: error: {manifest}: layout 'wrap': no such choice (the choices: omit, include)"
    )
    assert not (tmp_path / "out2").exists()


def test_summary_csv_puts_layout_last() -> None:
    """The summary's class columns keep the places they had before layout was a class (a
    script that reads them by position still reads the same); layout is the last class."""
    assert SUMMARY_COLUMNS[4:13] == [
        "omission",
        "addition",
        "substitution",
        "transposition",
        "punctuation",
        "orthographic",
        "substantive",
        "layout",
        "agreement",
    ]


def test_edit_takes_layout_for_its_page() -> None:
    """``collate edit`` serves the page, a printed output: it takes ``--layout`` as
    ``apparatus --format html`` does."""
    result = runner.invoke(app, ["edit", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "--layout" in result.stdout
