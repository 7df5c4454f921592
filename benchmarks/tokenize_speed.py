"""Tokenizing time: Unicode word rules (the `regex` module) against the hand-listed `re`
pattern collate used before them, on Frankenstein 1818 and 1831 (172,000 tokens), in one run.

The baseline is the old pattern rebuilt here: letters are Python's ``\\w`` plus a list of
combining-mark ranges, so Devanagari vowel signs, viramas and Arabic harakat fell out of words.
Both make the same tokens on these English texts (checked), so only the time differs.

    .venv/bin/python benchmarks/tokenize_speed.py
"""

from __future__ import annotations

import re
import timeit

from corpora import frankenstein_text

from collate.model import Token
from collate.tokenize import normalize, tokenize

_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_OLD = re.compile(
    rf"([\w{_MARKS}]+(?:['’‐\-.][\w{_MARKS}]+)*|([^\w\s{_MARKS}])\2*|[{_MARKS}]+)(\s*)"
)


def hand_listed(text: str) -> tuple[Token, ...]:
    """The tokenizer before Unicode rules (issue 15), with the same normalization cache."""
    tokens = []
    cached: dict[str, str] = {}
    start = len(text) - len(text.lstrip())
    for match in _OLD.finditer(text, start):
        original, _, space = match.groups()
        normalized = cached.get(original)
        if normalized is None:
            normalized = cached[original] = normalize(original)
        tokens.append(Token(original, space, match.start(), normalized))
    return tuple(tokens)


def main() -> None:
    text = frankenstein_text("1818") + frankenstein_text("1831")
    assert hand_listed(text) == tokenize(text)
    for name, function in (("hand-listed re", hand_listed), ("Unicode rules (regex)", tokenize)):
        best = min(timeit.repeat(lambda f=function: f(text), number=1, repeat=7))  # type: ignore[misc]
        print(f"{name:24} {len(tokenize(text)):>8} tokens  {best:.3f} s (best of 7)")


if __name__ == "__main__":
    main()
