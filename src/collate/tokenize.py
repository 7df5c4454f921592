"""Text to tokens: words and punctuation, each with its whitespace, offsets and normalized form.

>>> [t.text for t in tokenize("“Don’t,” he said.")]
['“', 'Don’t', ',', '”', 'he', 'said', '.']
>>> "".join(t.text + t.space for t in tokenize("a  b")) == "a  b"
True
"""

from __future__ import annotations

import re
import unicodedata

from collate.model import Token
from collate.rules import QUOTES_AND_DASHES

__all__ = ["normalize", "tokenize"]

# Combining marks are not \w in Python's re; diplomatic transcriptions are full of them.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_WORD_CHAR = rf"[\w{_MARKS}]"
# A word keeps internal apostrophes and hyphens ("don’t", "one-sixth"); any other run of
# non-space characters is punctuation, one token per character except for repeats ("...", "!!").
_TOKEN = re.compile(
    rf"({_WORD_CHAR}+(?:['’‐\-.]{_WORD_CHAR}+)*"
    rf"|([^\w\s{_MARKS}])\2*"
    rf"|[{_MARKS}]+)"
    r"(\s*)"
)
_SPACE = re.compile(r"\s*")


def normalize(text: str) -> str:
    """The form a token is matched by: NFC, case-folded, quotes, apostrophes and dashes unified.

    >>> normalize("Don’t") == normalize("don't")
    True
    >>> normalize("—")
    '-'
    """
    return unicodedata.normalize("NFC", text).casefold().translate(QUOTES_AND_DASHES)


def tokenize(text: str) -> tuple[Token, ...]:
    """Split a text into tokens; joining ``token.text + token.space`` rebuilds it after any
    leading whitespace.

    Numbers with inner points stay whole ("1.5"), while a full stop after a word is a token of
    its own: the word pattern only continues past ``.`` when a letter or digit follows.
    """
    tokens: list[Token] = []
    cache: dict[str, str] = {}
    start = _SPACE.match(text).end()  # type: ignore[union-attr]
    for match in _TOKEN.finditer(text, start):
        original, _, space = match.groups()
        normalized = cache.get(original)
        if normalized is None:
            normalized = cache[original] = normalize(original)
        tokens.append(Token(original, space, match.start(), normalized))
    return tuple(tokens)
