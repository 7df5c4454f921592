"""The engine's rules as a policy: every rule is a field of `collate.Settings` that a user or a
test can switch off, and switching any one off changes what the engine does somewhere.

A rule that changes nothing on any corpus or case is dead weight (issue 13); a rule that
cannot be switched off cannot be measured (`benchmarks/ablate.py` measures each).
Corpora: the Medvedev letters (witnesses/), the SBLGNT's Mark (../shared/corpora/sblgnt,
CC BY 4.0) and the Florilegium's hand table (../shared/corpora/florilegium).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

import collate
from collate import Witness, witness_from_text
from collate.engine import RULES, Settings
from collate.render.json import render_json
from conftest import WITNESSES, benchmark

SETTINGS_SOURCE = Path(collate.__file__).parent / "engine" / "_settings.py"


_SENTENCES = " ".join(
    f"Sentence {n} says what sentence {n} says, no more and no less." for n in range(30)
)


_BEFORE_BREAK = (
    "The fields lay quiet under snow. A farmer walked along the hedge with his dog. He "
    "counted the sheep twice before dark. The wind rose from the east."
)
_AFTER_BREAK = (
    "I do not dispute that these capacities added to the value. Nobody could have told "
    "whether a savage would succeed."
)
_MOVED = (
    "It has often been assumed that man chose for domestication animals and plants having "
    f"a tendency to vary. {_AFTER_BREAK}"
)
_MOVED_EDITED = (
    "It has often been assumed that published man chose for domestication animals and "
    "plants increased having a tendency to vary."
)


def _toys() -> dict[str, list[Witness]]:
    medvedev = collate.load_witness(WITNESSES / "medvedev-1926.txt")
    baku = collate.load_witness(WITNESSES / "baku-1924.txt")
    return {
        # the Baku copy as one paragraph: long paragraphs are aligned sentence by sentence
        "one paragraph": [medvedev, witness_from_text(re.sub(r"\s*\n\s*", " ", baku.text), "B")],
        "leiden gap": [
            witness_from_text("one two three four five six", "A"),
            witness_from_text("one two [...] six", "B"),
        ],
        # (D and E, copies of A, make A the hub: B and C add X on either side of b, one
        # unit by `swap_across`)
        "twin additions": [
            witness_from_text("a b c d e", "A"),
            witness_from_text("a X b c d e", "B"),
            witness_from_text("a b X c d e", "C"),
            witness_from_text("a b c d e", "D"),
            witness_from_text("a b c d e", "E"),
        ],
        # a sentence moved to the end of a paragraph aligned sentence by sentence
        "moved sentence": [
            witness_from_text(f"{_SENTENCES} Moved here it stands apart from the rest.", "A"),
            witness_from_text(f"Moved here it stands apart from the rest. {_SENTENCES}", "B"),
        ],
        # a comma added beside an added word (Darwin's Origin, ch. I, with seeded edits)
        "punctuation beside a change": [
            witness_from_text("from the history of the dog I think there is", "A"),
            witness_from_text("from the history of the , dog see I think there is", "B"),
        ],
        # a paragraph break moved a sentence later, words added beside it
        "moved break": [
            witness_from_text(f"{_BEFORE_BREAK} In favour of this view.\n\n{_MOVED}", "A"),
            witness_from_text(
                f"{_BEFORE_BREAK} In favour of. {_MOVED_EDITED}\n\n{_AFTER_BREAK}", "B"
            ),
        ],
        # a sentence end a clause later in one witness, in a paragraph aligned sentence by
        # sentence (the Frankenstein notebook against 1818, Variorum unit C27)
        "sentence end moved": [
            witness_from_text(
                f"{_SENTENCES} He lay on a bed. It was morning, I remember, when I awoke; but "
                "when I looked around, I groaned.",
                "A",
            ),
            witness_from_text(
                f"{_SENTENCES} He lay on a bed it was morning I remember when I awoke. But "
                "when I looked around, I groaned.",
                "B",
            ),
        ],
        "moved block": [
            witness_from_text("one two three four five six seven eight nine ten", "A"),
            witness_from_text("six seven eight one two three four five nine ten", "B"),
            witness_from_text("one two three four five six seven eight nine ten", "C"),
        ],
    }


@cache
def _fixtures() -> dict[str, list[Witness]]:
    sblgnt = benchmark("sblgnt")
    florilegium = benchmark("florilegium")
    mark = next(sblgnt.USFM.glob("02MRK*.sfm"))
    sigla, rows = florilegium.read_table()
    words = {
        s: [row[i] for row in rows if row[i] and row[i] != "#LACUNA#"] for i, s in enumerate(sigla)
    }
    medvedev = collate.load_witness(WITNESSES / "medvedev-1926.txt")
    baku = collate.load_witness(WITNESSES / "baku-1924.txt")
    fixtures = {
        "letters": [medvedev, baku],
        # every third paragraph break of the Baku copy a sentence later (as `ablate.py`)
        "letters, breaks moved": [medvedev, benchmark("ablate")._breaks_moved(baku)],
        "Mark": sblgnt.witnesses_of(sblgnt.parse_book(mark)[0])[0],
        "Florilegium": [florilegium.witness(s, words[s]) for s in sigla],
    }
    return fixtures | _toys()


@cache
def _default(name: str) -> str:
    return render_json(collate.collate(_fixtures()[name]))


def _changed(rule: str, names: Sequence[str]) -> list[str]:
    settings = Settings().without(rule)
    return [
        name
        for name in names
        if render_json(collate.collate(_fixtures()[name], settings=settings)) != _default(name)
    ]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_switching_a_rule_off_changes_the_collation_somewhere(rule: str) -> None:
    assert _changed(rule, list(_fixtures()))


def test_switching_layout_pairing_off_lets_the_paragraphs_lead() -> None:
    """Off is None, not 1.0 (which would ignore the paragraphs of any two witnesses not
    paragraphed exactly alike): the Baku copy as one paragraph then loses most of its units."""
    assert Settings().without("layout_pairing").layout_pairing is None
    witnesses = _fixtures()["one paragraph"]
    words = [u for u in collate.collate(witnesses).units if u.readings["B"].text.strip()]
    off = collate.collate(witnesses, settings=Settings().without("layout_pairing"))
    assert len([u for u in off.units if u.readings["B"].text.strip()]) < len(words) / 2


def test_the_defaults_are_what_collate_uses() -> None:
    witnesses = _fixtures()["letters"]
    assert render_json(collate.collate(witnesses, settings=Settings())) == _default("letters")
    assert Settings().without() == Settings()


def test_near_is_a_setting_and_the_argument_overrides_it() -> None:
    a, b = witness_from_text("the blak big cat", "A"), witness_from_text("the black cat", "B")
    by_setting = collate.collate([a, b], settings=Settings(near=0.8))
    by_argument = collate.collate([a, b], near=0.8)
    assert render_json(by_setting) == render_json(by_argument)
    assert [u.readings["A"].text for u in by_setting.units] == ["blak", "big "]


def test_an_unknown_rule_is_named() -> None:
    with pytest.raises(ValueError, match=r"^fast: no such rule \(the rules: sentence_groups"):
        Settings().without("fast")


def test_every_setting_is_documented() -> None:
    """Each field has a docstring right below it (what it does, what switches it off)."""
    tree = ast.parse(SETTINGS_SOURCE.read_text(encoding="utf-8"))
    settings = next(
        node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Settings"
    )
    body = settings.body
    fields = [
        (k, node.target.id)
        for k, node in enumerate(body)
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    ]
    assert len(fields) >= len(RULES)
    for k, name in fields:
        following = body[k + 1] if k + 1 < len(body) else None
        assert isinstance(following, ast.Expr), name
        assert isinstance(following.value, ast.Constant), name
        assert len(str(following.value.value)) > 40, name


def test_a_witness_named_majority_can_be_the_base() -> None:
    witnesses = [
        witness_from_text("the great cat", "A"),
        witness_from_text("the big cat", "majority"),
        witness_from_text("the great cat", "C"),
    ]
    by_siglum = collate.collate(witnesses, base="majority")
    assert by_siglum.base.siglum == "majority"
    assert [u.lemma for u in by_siglum.units] == [""]
    by_policy = collate.collate(witnesses, lemma=collate.LemmaPolicy.MAJORITY)
    assert by_policy.base.siglum == "A"
    assert [u.lemma for u in by_policy.units] == [""]  # A's "great" is the majority's
    with_b_base = collate.collate(witnesses, base="majority", lemma=collate.LemmaPolicy.MAJORITY)
    assert [u.lemma for u in with_b_base.units] == ["A"]


def test_the_lemma_and_the_engine_are_choices_on_the_command_line() -> None:
    from typer.testing import CliRunner

    from collate.cli import app

    runner = CliRunner()
    darwin = sorted((WITNESSES.parent.parent / "shared/corpora/darwin/chapter1").glob("*.txt"))
    result = runner.invoke(
        app, ["apparatus", *map(str, darwin[:3]), "--lemma", "majority", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert '"lemma":' in result.output
    refused = runner.invoke(app, ["compare", *map(str, darwin[:2]), "--engine", "fast"])
    assert refused.exit_code == 2
    assert "Invalid value for '--engine'" in refused.output
    assert "'fast' is not one of" in " ".join(refused.output.replace("│", " ").split())


@pytest.mark.parametrize(
    ("a", "b", "phrases", "words"),
    [
        # a rewritten phrase that keeps a word: one unit, or one a word
        (
            "he saw the big black cat today",
            "he saw a big brown cat today",
            [("substitution", "the big black", "a big brown")],
            [("substitution", "the", "a"), ("substitution", "black", "brown")],
        ),
        # a word moved across two: a transposition, or the word's omission and addition (as
        # a hand-aligned table, which has no moves, gives it)
        (
            "and he saw light there",
            "and light he saw there",
            [("transposition", "he saw light", "light he saw")],
            [("addition", "", "light "), ("omission", "light ", "")],
        ),
    ],
)
def test_words_grouping_makes_each_word_that_differs_a_unit(
    a: str, b: str, phrases: list[tuple[str, str, str]], words: list[tuple[str, str, str]]
) -> None:
    witnesses = [witness_from_text(a, "A"), witness_from_text(b, "B")]

    def units(collation: collate.Collation) -> list[tuple[str, str, str]]:
        return [(u.type.value, u.readings["A"].text, u.readings["B"].text) for u in collation.units]

    assert units(collate.collate(witnesses)) == phrases
    assert units(collate.collate(witnesses, grouping=collate.Grouping.WORDS)) == words
    # the grouping is those four rules off, nothing else
    assert Settings().grouped("words") == Settings().without(
        "absorb_agreement", "swap_across", "addition_joins_before", "rewrite_words"
    )
    with pytest.raises(collate.CollationError, match=r"^--grouping lines: no such grouping"):
        collate.collate(witnesses, grouping="lines")


def test_the_grouping_is_a_choice_on_the_command_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from collate.cli import app

    runner = CliRunner()
    (tmp_path / "a.txt").write_text("he saw the big black cat today\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("he saw a big brown cat today\n", encoding="utf-8")
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    result = runner.invoke(app, ["compare", *paths, "--grouping", "words", "--color", "never"])
    assert result.exit_code == 0, result.output
    assert "he saw ⸂the⸃[b: a] big ⸂black⸃[b: brown] cat today" in result.stdout
    printed = runner.invoke(app, ["apparatus", *paths, "--grouping", "words"])
    assert printed.exit_code == 0, printed.output
    assert "the] a b" in printed.stdout
    assert "black] brown b" in printed.stdout
    refused = runner.invoke(app, ["compare", *paths, "--grouping", "lines"])
    assert refused.exit_code == 2
    assert "'lines' is not one of 'phrases', 'words'" in refused.output
