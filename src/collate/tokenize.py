"""Text to tokens: words and punctuation, each with its whitespace, offsets and normalized form.

Words follow Unicode's rules, in every script: a word is a run of word characters (letters,
combining marks, digits and the joiners ZWJ and ZWNJ, the `regex` module's ``\\w``), so a
Devanagari word keeps its vowel signs and viramas, an Arabic or Hebrew word its vowel points,
a Greek word its accents. Han, Hiragana, Katakana and Thai are written without spaces between
words, so there each character (a grapheme cluster: a Thai consonant with its vowel and tone
marks) is a token of its own; `TokenMode` forces one rule or the other.

>>> [t.text for t in tokenize("“Don’t,” he said.")]
['“', 'Don’t', ',', '”', 'he', 'said', '.']
>>> [t.text for t in tokenize("संस्कृतम् समवेताः।")]
['संस्कृतम्', 'समवेताः', '।']
>>> [t.text for t in tokenize("學而時習之，不亦說乎？")][:6]
['學', '而', '時', '習', '之', '，']
>>> "".join(t.text + t.space for t in tokenize("a  b")) == "a  b"
True
"""

from __future__ import annotations

import enum
import re
import unicodedata
from array import array
from collections.abc import Sequence
from functools import cache
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING

from collate.model import CompactTokens, Token
from collate.rules import QUOTES_AND_DASHES

if TYPE_CHECKING:
    import regex

__all__ = ["COMPACT_FROM", "TokenMode", "normalize", "tokenize", "tokenize_witness"]

COMPACT_FROM = 1_000_000
"""A witness text of at least this many characters keeps its tokens as `CompactTokens` (a
tuple of `Token` costs about 160 bytes a token: 400 MB for a 12 MB text). Below it a tuple,
which the engine reads fastest."""
# The long text is cut in pieces of about this many characters for `findall`, whose list of
# matches for the whole of it would cost what the compact tokens save.
_PIECE = 1 << 18


class TokenMode(enum.StrEnum):
    """How words are cut (``--tokens``)."""

    AUTO = "auto"
    """Words between spaces and punctuation; Han, Hiragana, Katakana and Thai per character."""
    CHAR = "char"
    """Every character (grapheme cluster) of every word a token of its own."""
    WORD = "word"
    """Runs of word characters in every script, Han and Thai included (a clause of Chinese
    written without spaces is then one token)."""


# Scripts written without spaces between words. The prolonged sound mark (U+30FC) and its
# half-width form belong to Katakana and Hiragana text though Unicode files them as Common.
_UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\u30fc\uff70"
# Characters that keep a word whole between two of its letters: apostrophes, hyphens and the
# point of a number ("don’t", "one-sixth", "1.5"), the Hebrew maqaf, geresh and gershayim
# (רמב״ם), and the Armenian marks written on a word's stressed vowel (՛ ՜ ՞) or inside it (՚).
_JOINERS = r"'’‐\-.\u05be\u05f3\u05f4\u055a-\u055e"
# Greek marks an elided vowel with a koronis or psili after the word (ἐπ᾽ αὐτῷ).
_ELISION = "[\u1fbd\u1fbf]?"
# Any run of non-space characters that is not a word is punctuation: one token per character
# (with its combining marks), except for repeats ("...", "!!").
_PUNCTUATION = r"((?:[^\w\s]\p{M}*))\2*"


@cache
def _pattern(mode: TokenMode) -> regex.Pattern[str]:
    import regex  # only for a text the standard library's patterns cannot cut (`_is_plain`)

    if mode is TokenMode.CHAR:
        word = r"(?=\w)\X"
    elif mode is TokenMode.WORD:
        word = rf"\w+(?:[{_JOINERS}]\w+)*{_ELISION}"
    else:
        letter = rf"[\w--[{_UNSPACED}]]"
        word = rf"{letter}+(?:[{_JOINERS}]{letter}+)*{_ELISION}|(?=[{_UNSPACED}])\X"
    return regex.compile(rf"({word}|{_PUNCTUATION})(\s*)", regex.V1)


@cache
def _unspaced_character() -> regex.Pattern[str]:
    import regex

    return regex.compile(rf"[{_UNSPACED}]")


# The word pattern for a plain text (`_is_plain`), in the standard library's `re`: there its
# \w and \s are the `regex` module's, no character is a combining mark (so `_PUNCTUATION`'s
# \p{M}* matches nothing) and none belongs to a script written without spaces, so it cuts
# the text exactly as `_pattern(TokenMode.AUTO)` does, with less matching and without
# loading `regex` (start-up; `tests/test_tokenize.py`).
_PLAIN_PATTERN = re.compile(rf"(\w+(?:[{_JOINERS}]\w+)*{_ELISION}|([^\w\s])\2*)(\s*)")
_PLAIN_SPACE = re.compile(r"\s*")
# General categories whose characters `re` and `regex` class alike (\w: letters and decimal
# digits; \s: separators; neither: punctuation, symbols, format characters). Not combining
# marks (regex's \w holds them), connector punctuation but "_", other numbers ("²", "½":
# re's \w holds them), letter numbers, nor So (regex's \w holds circled letters).
_PLAIN_CATEGORIES = frozenset(
    {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd"}  # word characters to both
    | {"Zs", "Zl", "Zp"}  # spaces to both
    | {"Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "Cf"}  # neither to both
)
# Characters of other categories both modules class alike: \t \n \v \f \r and NEL are space
# to both (U+001C-U+001F are space to `re` only); "_" is a word character to both.
_PLAIN_OTHERS = frozenset("\t\n\x0b\x0c\r\x85_")
# The joiners ZWNJ and ZWJ are format characters that regex's \w holds.
_JOIN_CONTROLS = frozenset("\u200c\u200d")
# The blocks that hold no Han, kana or Thai character: the Thai block, CJK and kana from the
# radicals on, the compatibility ideographs and the half-width forms are left out.
_PLAIN_BLOCKS = ((0, 0x0E00), (0x0E80, 0x2E80), (0xA640, 0xF900), (0xFB00, 0xFF00))


def _is_plain(characters: str) -> bool:
    """True where each of these characters is one `re` classes as the `regex` module does and
    none belongs to a script written without spaces (`tests/test_tokenize.py` checks every
    code point)."""
    category = unicodedata.category
    for c in characters:
        if c in _PLAIN_OTHERS:
            continue
        if category(c) not in _PLAIN_CATEGORIES or c in _JOIN_CONTROLS:
            return False
        if not any(low <= ord(c) < high for low, high in _PLAIN_BLOCKS):
            return False
    return True


def normalize(text: str) -> str:
    """The form a token is matched by: NFC, case-folded, quotes, apostrophes and dashes unified.

    >>> normalize("Don’t") == normalize("don't")
    True
    >>> normalize("—")
    '-'
    """
    return unicodedata.normalize("NFC", text).casefold().translate(QUOTES_AND_DASHES)


def tokenize(text: str, mode: TokenMode = TokenMode.AUTO) -> tuple[Token, ...]:
    """Split a text into tokens; joining ``token.text + token.space`` rebuilds it after any
    leading whitespace.

    Numbers with inner points stay whole ("1.5"), while a full stop after a word is a token of
    its own: the word pattern only continues past ``.`` when a letter or digit follows.

    >>> [t.text for t in tokenize("ab 學而", TokenMode.CHAR)]
    ['a', 'b', '學', '而']
    >>> [t.text for t in tokenize("ab 學而", TokenMode.WORD)]
    ['ab', '學而']
    """
    mode = TokenMode(mode)
    characters = "".join(set(text))
    if mode is not TokenMode.CHAR and _is_plain(characters):
        # no character of a script written without spaces, none `re` classes otherwise than
        # `regex` (looked for among the distinct characters): the plain pattern cuts the text
        # exactly as the automatic one, at about half the cost (`tests/test_tokenize.py`)
        start = _PLAIN_SPACE.match(text).end()  # type: ignore[union-attr]
        found = _PLAIN_PATTERN.findall(text, start)  # tuples cost less than match objects
    else:
        if mode is TokenMode.AUTO and _unspaced_character().search(characters) is None:
            # the word pattern cuts such a text as the automatic one, with a third less matching
            mode = TokenMode.WORD
        start = _space().match(text).end()  # type: ignore[union-attr]
        found = _pattern(mode).findall(text, start)
    if not found:
        return ()
    originals, _, spaces = zip(*found, strict=True)
    forms = {original: normalize(original) for original in set(originals)}
    # The matches tile the text from the first token on, so each offset is the sum of the
    # lengths before it. Every step runs in C: a book has hundreds of thousands of tokens.
    starts = accumulate(map(add, map(len, originals), map(len, spaces)), initial=start)
    # (strict=False: the running offsets have one more, the end of the last token)
    fields = zip(originals, spaces, starts, map(forms.__getitem__, originals), strict=False)
    return tuple(map(tuple.__new__, repeat(Token), fields))  # Token._make, without its check


def tokenize_witness(
    text: str, mode: TokenMode = TokenMode.AUTO, compact_from: int = COMPACT_FROM
) -> Sequence[Token]:
    """A witness's tokens: `tokenize`, as `CompactTokens` for a text of ``compact_from``
    characters or more (the same tokens, held in less memory).

    >>> tokenize_witness("a b. c", compact_from=1) == tokenize("a b. c")
    True
    """
    if len(text) < compact_from:
        return tokenize(text, mode)
    mode = TokenMode(mode)
    plain = mode is not TokenMode.CHAR and _is_plain("".join(set(text)))
    pattern = _PLAIN_PATTERN if plain else _pattern(mode)
    leading_space = _PLAIN_SPACE if plain else _space()
    typecode = "I" if len(text) < 1 << 32 else "q"
    starts, ends, form_ids = array(typecode), array(typecode), array("I")
    numbers: dict[str, int] = {}
    forms: list[str] = []
    start = leading_space.match(text).end()  # type: ignore[union-attr]
    while start < len(text):
        # a piece ends where whitespace meets a non-space character: no token spans that
        # place and each token's whitespace is whole, so the pieces cut as the whole text does
        stop = len(text)
        if start + _PIECE < len(text):
            found = (_PLAIN_PIECE_END if plain else _piece_end()).search(text, start + _PIECE)
            stop = found.end() if found else len(text)
        for original, _, space in pattern.findall(text, start, stop):
            number = numbers.get(original)
            if number is None:
                number = numbers[original] = len(forms)
                forms.append(normalize(original))
            starts.append(start)
            start += len(original)
            ends.append(start)
            form_ids.append(number)
            start += len(space)
    return CompactTokens(text, starts, ends, form_ids, forms)


_PLAIN_PIECE_END = re.compile(r"\s(?=\S)")


@cache
def _space() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"\s*")


@cache
def _piece_end() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"\s(?=\S)")
