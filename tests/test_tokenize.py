"""Tokens: words and punctuation apart, originals kept, normalized forms for matching."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from collate.model import CompactTokens, Token
from collate.tokenize import (
    TokenMode,
    _is_plain,
    _pattern,
    _unspaced_character,
    normalize,
    tokenize,
    tokenize_witness,
)
from strategies import texts


def _texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_words_and_punctuation_are_separate_tokens() -> None:
    """Punctuation is never glued to the word before or after it."""
    assert _texts("“Dear comrade V.,” he wrote (twice).") == [
        "“",
        "Dear",
        "comrade",
        "V",
        ".",
        ",",
        "”",
        "he",
        "wrote",
        "(",
        "twice",
        ")",
        ".",
    ]


def test_inner_apostrophes_hyphens_and_decimal_points_stay_in_the_word() -> None:
    """Contractions, compounds and numbers are one token each."""
    assert _texts("don’t one-sixth 1.5 l'homme well-off") == [
        "don’t",
        "one-sixth",
        "1.5",
        "l'homme",
        "well-off",
    ]


def test_repeated_punctuation_is_one_token() -> None:
    """An ellipsis or a double exclamation is one token, not three or two."""
    assert _texts("so... no!!") == ["so", "...", "no", "!!"]


def test_combining_marks_stay_with_their_letters() -> None:
    """A diplomatic transcription with combining overlines keeps each word whole."""
    assert _texts("ι̅ς̅ ἐν ἀρχῇ") == ["ι̅ς̅", "ἐν", "ἀρχῇ"]


def test_each_token_keeps_offsets_and_whitespace() -> None:
    """A token's start and the whitespace after it locate it exactly in the text."""
    text = "  Oh,  friend!\n\nYes"
    tokens = tokenize(text)
    assert [(t.text, t.start, t.space) for t in tokens] == [
        ("Oh", 2, ""),
        (",", 4, "  "),
        ("friend", 7, ""),
        ("!", 13, "\n\n"),
        ("Yes", 16, ""),
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_normalized_form_folds_case_quotes_dashes_and_composition() -> None:
    """Matching ignores case, curly versus straight quotes, dash kinds and NFC/NFD."""
    assert normalize("Don’t") == normalize("DON'T") == "don't"
    assert normalize("«x»") == normalize("“x”") == '"x"'
    assert normalize("—") == normalize("–") == "-"
    assert normalize("nai\u0308ve") == normalize("naïve")


@given(texts())
def test_joining_the_originals_rebuilds_the_text(text: str) -> None:
    """Leading whitespace plus each token's text and whitespace is the text, exactly."""
    tokens = tokenize(text)
    lead = text[: tokens[0].start] if tokens else text
    assert lead + "".join(t.text + t.space for t in tokens) == text
    assert not lead.strip()


MIXED = st.text(
    alphabet=st.sampled_from(list("ab é’'-.,;!… \n\tἐν่ไทย學而ーｰカなﾟ\u0301\u05be1")), max_size=40
)


@given(st.one_of(texts(), MIXED))
def test_every_text_is_cut_as_the_automatic_pattern_cuts_it(text: str) -> None:
    """A text with no Han, kana or Thai is cut by the plain word pattern (cheaper): the tokens
    are those the automatic pattern gives, with their offsets and forms."""
    start = regex.match(r"\s*", text).end()  # type: ignore[union-attr]
    expected = []
    for original, _, space in _pattern(TokenMode.AUTO).findall(text, start):
        expected.append(Token(original, space, start, normalize(original)))
        start += len(original) + len(space)
    assert tokenize(text) == tuple(expected)


def test_a_plain_character_is_one_both_pattern_modules_class_alike() -> None:
    """Every code point taken as plain (which lets the standard library's `re` cut the text)
    is a word character, a space or neither alike to `re` and to `regex`, is no combining
    mark, and belongs to no script written without spaces; the letters of the Latin, Greek,
    Cyrillic, Hebrew and Arabic alphabets are plain."""
    plain = "".join(c for c in map(chr, range(0x110000)) if _is_plain(c))
    assert len(plain) > 10_000
    for name, cls in (("word", r"\w"), ("space", r"\s")):
        standard = re.findall(cls, plain)
        unicode = regex.findall(cls, plain, flags=regex.V1)
        assert standard == unicode, name
    assert regex.search(r"\p{M}", plain) is None
    assert _unspaced_character().search(plain) is None
    assert _is_plain("Frankenstein ΦΡΑΓΚΕΝΣΤΑΙΝ ἐν Франкенштейн פרנקנשטיין فرانكنشتاين 1818.")
    for character in "\u0301\u200d²学カな่\x1f_\u203f":
        assert _is_plain(character) is (character == "_"), repr(character)


PLAIN = st.text(alphabet=st.characters(codec="utf-8").filter(_is_plain), max_size=40)


@given(st.one_of(texts(), PLAIN, MIXED))
@pytest.mark.parametrize("mode", [TokenMode.AUTO, TokenMode.WORD])
def test_a_plain_text_is_cut_as_the_regex_patterns_cut_it(mode: TokenMode, text: str) -> None:
    """`re` cutting a plain text gives the tokens the `regex` patterns give, long (compact)
    or short."""
    start = regex.match(r"\s*", text).end()  # type: ignore[union-attr]
    expected = []
    for original, _, space in _pattern(mode).findall(text, start):
        expected.append(Token(original, space, start, normalize(original)))
        start += len(original) + len(space)
    assert tokenize(text, mode) == tuple(expected)
    assert tokenize_witness(text, mode, compact_from=0) == tuple(expected)


def test_a_plain_text_is_cut_without_the_regex_module() -> None:
    """The letters (Russian) and Frankenstein (English) are cut without loading `regex`
    (most of a small collation's start-up); a Chinese text loads it."""
    letters = Path(__file__).resolve().parent.parent / "witnesses" / "medvedev-1926.txt"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from collate.tokenize import tokenize\n"
        f"tokenize(Path({str(letters)!r}).read_text(encoding='utf-8'))\n"
        "tokenize('It was on a dreary night of November.')\n"
        "print('regex' in sys.modules)\n"
        "tokenize('學而時習之')\n"
        "print('regex' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "True"]


@given(texts())
@pytest.mark.parametrize("mode", list(TokenMode))
def test_compact_tokens_are_the_same_tokens(mode: TokenMode, text: str) -> None:
    """A long witness's compact tokens read exactly as the tuple of tokens does: each token,
    slices, iteration, length and equality."""
    tokens = tokenize(text, mode)
    compact = tokenize_witness(text, mode, compact_from=0)
    assert isinstance(compact, CompactTokens)
    assert len(compact) == len(tokens)
    assert compact == tokens
    assert tokens == compact
    assert tuple(compact) == tokens
    assert [compact[i] for i in range(-len(tokens), len(tokens))] == [*tokens, *tokens]
    assert compact[1:-1:2] == tokens[1:-1:2]


def test_a_long_text_is_cut_in_pieces_as_a_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut in pieces of a few characters, at whitespace before a non-space (a combining mark
    after a space, a run of blank lines, repeated punctuation), the tokens are those of the
    whole text; a text under `COMPACT_FROM` keeps a tuple."""
    module = importlib.import_module("collate.tokenize")
    monkeypatch.setattr(module, "_PIECE", 3)
    text = "  學而時習之，不亦說乎？ a\u0301 \u0301b  ...!!  x-y 1.5\n\n\nΤί; Ναί.  "
    for mode in TokenMode:
        assert tokenize_witness(text, mode, compact_from=0) == tokenize(text, mode)
    assert isinstance(tokenize_witness(text), tuple)
