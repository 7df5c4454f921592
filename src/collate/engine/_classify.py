"""The class of a variant unit: layout, punctuation, orthographic or substantive. Pure.

A unit is

- **layout** when its readings have the same tokens, character for character, and differ only
  in the whitespace between them (a line break, a paragraph break, spacing against a space),
  or where a compound is broken across lines at its own hyphen (``self-⏎expulsion``,
  ``self-expulsion``);
- **punctuation** when its readings have the same words, letter for letter, and differ only in
  punctuation tokens, or in the shape of quotes, apostrophes and dashes (the rules of class
  ``punctuation``);
- **orthographic** when the readings are the same in another Unicode normalization (NFC and
  NFD spellings of ``é``, the Greek question mark U+037E and ``;``), or after every
  normalization rule in effect (case, the historical orthography set, a user's spelling
  rules…), when the same characters are cut into other words (``to day``, ``today``), or
  when each word near-matches its counterpart (``--near``);
- **substantive** otherwise, and always for a transposition.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from operator import itemgetter

from collate.model import CompactTokens, Reading, Token, UnitType, VariantClass, Witness
from collate.rules import PUNCTUATION, Normalizer
from collate.tokenize import tokenize

__all__ = ["classify", "layout_alone", "near_ratio"]


def near_ratio(a: str, b: str) -> float:
    """Similarity of two forms from 0 to 1 (Levenshtein's normalized indel ratio).

    >>> round(near_ratio("black", "blak"), 2)
    0.89
    """
    return float(_levenshtein_ratio()(a, b))


@cache
def _levenshtein_ratio() -> Callable[[str, str], float]:
    """Levenshtein's ``ratio``, imported when first needed (most collations never need it)."""
    from Levenshtein import ratio

    return ratio


def classify(
    unit_type: UnitType,
    readings: Mapping[str, Reading],
    normalizer: Normalizer,
    near: float | None = None,
    witnesses: Mapping[str, Witness] | None = None,
) -> VariantClass:
    """The class of a unit with these readings.

    With ``witnesses`` (by siglum), a reading's words are the witness's own tokens where the
    reading covers whole tokens (as the engine's readings do), not the reading cut again.

    >>> from collate.rules import normalizer
    >>> def of(a, b, **kw):
    ...     readings = {"A": Reading(0, len(a), a), "B": Reading(0, len(b), b)}
    ...     return classify(UnitType.SUBSTITUTION, readings, normalizer(**kw)).value
    >>> of("sat,", "sat;"), of("Colour", "colour"), of("ѣсть", "есть"), of("cat", "dog")
    ('punctuation', 'orthographic', 'substantive', 'substantive')
    >>> of("the\\ncat", "the cat"), of("end.\\n\\nThe", "end. The"), of("to day", "today")
    ('layout', 'layout', 'orthographic')
    >>> of("the\\ncat", "the dog"), of("the\\ncat", "the cat,"), of("self-\\nmade", "self-made")
    ('substantive', 'punctuation', 'layout')
    >>> of("ѣсть", "есть", sets=["russian-pre1918"])
    'orthographic'
    """
    if unit_type is UnitType.TRANSPOSITION:
        return VariantClass.SUBSTANTIVE
    tokens = [
        _tokens_of(reading, witnesses.get(siglum) if witnesses else None)
        for siglum, reading in readings.items()
    ]
    words = [[t.text for t in ts if _is_word(t.text)] for ts in tokens]
    forms: list[list[str]] = []

    def normalized() -> list[list[str]]:
        """The words' forms under every rule, made when a test first needs them."""
        if not forms:
            forms.extend(_forms(w, normalizer) for w in words)
        return forms

    # each test in turn, the first that holds gives the class
    tests: list[tuple[Callable[[], bool], VariantClass]] = [
        # the same tokens: only the whitespace between them differs
        (lambda: _same([[t.text for t in ts] for ts in tokens]), VariantClass.LAYOUT),
        # a compound broken across lines at its hyphen: the words are the same
        (lambda: _same([_unbroken(r.text) for r in readings.values()]), VariantClass.LAYOUT),
        # the same characters cut into other words: word division, a spelling
        (lambda: _same(["".join(t.text for t in ts) for ts in tokens]), VariantClass.ORTHOGRAPHIC),
        # canonically equivalent throughout (NFD é, or the Greek question mark U+037E and ";"):
        # one text in two Unicode spellings, never a punctuation variant
        (
            lambda: _same(["".join(_nfc(t.text) for t in ts) for ts in tokens]),
            VariantClass.ORTHOGRAPHIC,
        ),
        (lambda: _same(words), VariantClass.PUNCTUATION),
        # the same words in another Unicode normalization (NFC é, NFD e + ◌́): a spelling
        (lambda: _same([[_nfc(x) for x in w] for w in words]), VariantClass.ORTHOGRAPHIC),
        (
            lambda: _same([_forms(w, normalizer, (PUNCTUATION,)) for w in words]),
            VariantClass.PUNCTUATION,
        ),
        (lambda: _same(normalized()), VariantClass.ORTHOGRAPHIC),
        (lambda: near is not None and _near(normalized(), near), VariantClass.ORTHOGRAPHIC),
    ]
    return next((found for test, found in tests if test()), VariantClass.SUBSTANTIVE)


def layout_alone(a: str, b: str) -> bool:
    """True when two readings differ in whitespace alone: the same tokens, character for
    character, or the same words with a compound broken across lines at its own hyphen (the
    tests that make a unit of class ``layout``). Equal readings are not said to differ.

    >>> layout_alone("brown\\n", "brown "), layout_alone("self-\\nmade", "self-made")
    (True, True)
    >>> layout_alone("brown", "brown"), layout_alone("brown", "red"), layout_alone("a,", "a")
    (False, False, False)
    """
    if a == b:
        return False
    if _unbroken(a) == _unbroken(b):
        return True
    return [t.text for t in tokenize(a)] == [t.text for t in tokenize(b)]


def _tokens_of(reading: Reading, witness: Witness | None) -> Sequence[Token]:
    """The witness's tokens that make up ``reading``, or the reading tokenized when it does not
    cover whole tokens of the witness."""
    if not reading.text:
        return ()
    if witness is None:
        return tokenize(reading.text)
    tokens = witness.tokens
    if isinstance(tokens, CompactTokens):  # searched by offset, without making tokens
        first = bisect_left(tokens.starts, reading.start)
        last = bisect_left(tokens.starts, reading.end, lo=first)
    else:
        first = bisect_left(tokens, reading.start, key=_start)
        last = bisect_left(tokens, reading.end, lo=first, key=_start)
    if (
        first == last
        or witness.text[reading.start : tokens[first].start].strip()
        or tokens[last - 1].end > reading.end
    ):
        return tokenize(reading.text)
    return tokens[first:last]


_start = itemgetter(Token._fields.index("start"))
"""A `Token`'s ``start`` field, read in C (the bisections call it for every step)."""


_LINE_END_HYPHEN = re.compile(r"(?<=[-\u2010\u2011])[^\S\n]*\r?\n\s*")
"""A hyphen's line break (with the whitespace around it) where a compound is broken across
lines at its own hyphen."""


def _unbroken(text: str) -> str:
    """``text`` with its compounds broken across lines joined again and its whitespace runs as
    one space."""
    return " ".join(_LINE_END_HYPHEN.sub("", text).split())


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _is_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _forms(
    words: list[str], normalizer: Normalizer, classes: tuple[str, ...] | None = None
) -> list[str]:
    made = [normalizer(w) if classes is None else normalizer(w, classes) for w in words]
    return [form for form in made if form]


def _same(values: Sequence[object]) -> bool:
    return all(value == values[0] for value in values[1:])


def _near(forms: list[list[str]], threshold: float) -> bool:
    first = forms[0]
    for other in forms[1:]:
        if len(other) != len(first) or not other:
            return False
        if any(near_ratio(x, y) < threshold for x, y in zip(first, other, strict=True)):
            return False
    return True
