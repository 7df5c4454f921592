"""Normalization rules, near matching and variant classes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from lxml import etree
from typer.testing import CliRunner

from collate import collate, witness_from_text
from collate.cli import app
from collate.engine import token_columns
from collate.model import VariantClass
from collate.render import ApparatusFormat, Minor, render_document
from collate.render.apparatus_text import render_apparatus_text
from collate.render.json import render_json
from collate.render.latex import render_latex
from collate.render.tei import render_tei
from collate.rules import RuleError, load_rules, normalizer
from collate.tei_import import read_tei
from strategies import related_texts, special_tokens

runner = CliRunner()


def units(a: str, b: str, **options: object) -> list[tuple[str, str, str, str]]:
    """(type, class, A's reading, B's reading) of each unit."""
    collation = collate(
        [witness_from_text(a, "A"), witness_from_text(b, "B")],
        **options,  # type: ignore[arg-type]
    )
    return [
        (u.type.value, u.variant_class.value, u.readings["A"].text, u.readings["B"].text)
        for u in collation.units
    ]


@pytest.mark.parametrize(
    ("sets", "a", "b"),
    [
        ([], "Colour", "colour"),  # case, always on
        ([], "don’t", "don't"),  # typographic, always on
        ([], "one—two", "one-two"),
        ([], "hy\u00adphen", "hyphen"),  # a soft hyphen
        (["unicode"], "ﬁnal", "final"),  # a ligature
        (["unicode"], "ἀρχῇ", "αρχη"),  # breathing and accents dropped
        (["unicode"], "κ\u0305ς", "κς"),  # a diplomatic overline (combining macron)
        (["punctuation"], ";", ","),
        (["punctuation"], "don't", "dont"),
        (["russian-pre1918"], "Хлѣбъ", "хлеб"),
        (["russian-pre1918"], "Россія", "россия"),
        (["russian-pre1918"], "ѳеатръ", "феатр"),
    ],
)
def test_each_built_in_set_makes_forms_match(sets: list[str], a: str, b: str) -> None:
    rules = normalizer(sets)
    assert rules(a) == rules(b)


def test_sets_change_matching_only_not_the_text() -> None:
    found = units("Онъ пришелъ.", "Он пришел.", rules=normalizer(["russian-pre1918"]))
    assert found == [
        ("substitution", "orthographic", "Онъ", "Он"),
        ("substitution", "orthographic", "пришелъ", "пришел"),
    ]
    # without the set, the old letters are a difference of substance
    assert {c for _, c, _, _ in units("Онъ пришелъ.", "Он пришел.")} == {"substantive"}


def test_user_rules_literal_and_pattern(tmp_path: Path) -> None:
    path = tmp_path / "abbreviations.toml"
    path.write_text(
        '[[rule]]\nclass = "orthographic"\nliteral = { "&" = "and", "ye" = "the" }\n\n'
        '[[rule]]\nclass = "orthographic"\npattern = "ou?r$"\nreplace = "or"\n',
        encoding="utf-8",
    )
    rules = normalizer(rule_files=[path])
    assert rules("&") == rules("and")
    assert rules("honour") == rules("honor")
    assert units("ye colour & honour", "the color and honor", rules=rules)[0][1] == "orthographic"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[rule]\n", "not valid TOML"),
        ('[[rule]]\npattern = "("\n', "rule 1: pattern '(' does not compile"),
        (
            '[[rule]]\npattern = "a"\n\n[[rule]]\npattern = "x*"\n',
            "rule 2: pattern 'x*' matches the empty string",
        ),
        ('[[rule]]\nclass = "lexical"\npattern = "a"\n', "rule 1: class 'lexical' is not one of"),
        ('[[rule]]\nreplace = "a"\n', 'rule 1: needs a "pattern" string'),
        ("title = 'no rules'\n", "no [[rule]] tables"),
    ],
)
def test_bad_rule_files_name_the_file_and_rule(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as error:
        load_rules(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def test_bad_rules_through_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('[[rule]]\npattern = "[a-"\n', encoding="utf-8")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one two\n", encoding="utf-8")
    b.write_text("one too\n", encoding="utf-8")
    for options, message in [
        (["--rules", str(path)], f"{path}: rule 1: pattern '[a-' does not compile"),
        (["--ignore", "spelling"], "--ignore spelling: no such rule set"),
        (["--hide", "lexical"], "--hide lexical: no such class"),
        (["--near", "1.5"], "--near 1.5: give a similarity above 0"),
    ]:
        result = runner.invoke(app, ["compare", str(a), str(b), *options])
        assert result.exit_code == 2, options
        assert result.stderr.startswith("collate: error: ")
        assert message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_near_matching_aligns_a_misspelling_with_its_word() -> None:
    a, b = "the blak big cat sat", "the black cat sat"
    assert units(a, b) == [("substitution", "substantive", "blak big", "black")]
    assert units(a, b, near=0.8) == [
        ("substitution", "orthographic", "blak", "black"),
        ("omission", "substantive", "big ", ""),
    ]


def test_near_matching_leaves_different_words_apart() -> None:
    assert units("the cat sat", "the dog sat", near=0.8) == [
        ("substitution", "substantive", "cat", "dog")
    ]


def test_classes() -> None:
    found = units("He came, and saw the Mat. It was red.", "He came; and saw the mat. It was blue.")
    assert [(t, c) for t, c, _, _ in found] == [
        ("substitution", "punctuation"),
        ("substitution", "orthographic"),
        ("substitution", "substantive"),
    ]
    moved = units("one two three four five six seven", "five six seven one two three four")
    assert ("transposition", "substantive") in [(t, c) for t, c, _, _ in moved]


def _classes_case() -> list[object]:
    a = witness_from_text("He came, and saw the Colour red.\n", "A")
    b = witness_from_text("He came; and saw the colour blue.\n", "B")
    return [a, b]


def test_tei_with_classes_groups_equal_readings(golden: Callable[[str, str], None]) -> None:
    collation = collate(_classes_case())  # type: ignore[arg-type]
    document = render_tei(collation, classes=True)
    golden("classes.tei.xml", document)
    assert (
        '<app type="punctuation" subtype="substitution" xml:id="u1"><rdgGrp type="punctuation">'
        in document
    )
    assert [w.text for w in read_tei("classes.xml", document.encode())] == [
        w.text for w in collation.witnesses
    ]


def test_tei_with_classes_is_valid(tei_schema: etree.RelaxNG) -> None:
    schema = tei_schema
    collation = collate(_classes_case())  # type: ignore[arg-type]
    assert schema.validate(etree.fromstring(render_tei(collation, classes=True).encode()))


def test_minor_variants_omitted_or_in_a_second_apparatus() -> None:
    collation = collate(_classes_case())  # type: ignore[arg-type]
    included = render_apparatus_text(collation)
    assert "1.1 ,] ; B | Colour] colour B | red] blue B" in included
    omitted = render_apparatus_text(collation, minor=Minor.OMIT)
    assert "1.1 red] blue B" in omitted
    assert "Colour]" not in omitted
    separate = render_apparatus_text(collation, minor=Minor.SEPARATE)
    main, second = separate.split("Punctuation and orthographic variants:")
    assert "1.1 red] blue B" in main
    assert "1.1 ,] ; B | Colour] colour B" in second
    latex = render_latex(collation, minor=Minor.SEPARATE)
    assert r"\edtext{Colour}{\Bfootnote{colour B}}" in latex
    assert r"\edtext{red}{\Afootnote{blue B}}" in latex
    assert render_document(collation, ApparatusFormat.TEXT, minor=Minor.OMIT) == omitted


def test_json_carries_the_class() -> None:
    import json

    collation = collate(_classes_case())  # type: ignore[arg-type]
    data = json.loads(render_json(collation))
    assert [u["class"] for u in data["units"]] == ["punctuation", "orthographic", "substantive"]


def test_terminal_hide_leaves_minor_units_unmarked(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("He came, and saw the Colour red.\n", encoding="utf-8")
    b.write_text("He came; and saw the colour blue.\n", encoding="utf-8")
    options = ["--hide", "punctuation,orthographic", "--no-color", "--width", "200"]
    result = runner.invoke(app, ["compare", str(a), str(b), *options])
    assert result.exit_code == 0, result.output
    assert "He came, and saw the Colour ⸂red⸃[b: blue]." in result.stdout
    assert "2 not marked (orthographic, punctuation hidden)" in result.stdout


@given(related_texts(pool=special_tokens))
def test_rebuild_holds_with_every_rule_set_and_near_matching(texts: tuple[str, str]) -> None:
    a, b = texts
    rules = normalizer(["unicode", "punctuation", "whitespace", "russian-pre1918"])
    collation = collate(
        [witness_from_text(a, "A"), witness_from_text(b, "B")], rules=rules, near=0.7
    )
    assert collation.rebuild("A") == a
    assert collation.rebuild("B") == b
    assert all(isinstance(u.variant_class, VariantClass) for u in collation.units)


def test_rules_reach_every_stage_with_three_witnesses() -> None:
    """An identical third witness changes nothing: the rules' forms pair съ with с (not ѣли
    with с) in the units and in the word columns, as with two witnesses."""
    rules = normalizer(["russian-pre1918"])
    a = witness_from_text("Мы ѣли съ хлѣбомъ.", "A")
    b = witness_from_text("Мы с хлебом.", "B")
    c = witness_from_text("Мы ѣли съ хлѣбомъ.", "C")
    expected = [
        ("omission", "ѣли ", ""),
        ("substitution", "съ", "с"),
        ("substitution", "хлѣбомъ", "хлебом"),
    ]
    for witnesses in ([a, b], [a, b, c]):
        collation = collate(witnesses, rules=rules)
        assert [
            (u.type.value, u.readings["A"].text, u.readings["B"].text) for u in collation.units
        ] == expected
        columns = [
            {s: collation.witness(s).tokens[i].text for s, i in column.items()}
            for column in token_columns(collation)
        ]
        assert {"A": "съ", "B": "с"}.items() <= columns[2].items()
        assert "B" not in columns[1]
