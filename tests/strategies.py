"""Hypothesis strategies for witness texts."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = [
    "the",
    "The",
    "cat",
    "sat",
    "on",
    "mat",
    "and",
    "of",
    "party",
    "policy",
    "Baku",
    "don’t",
    "don't",
    "one-sixth",
    "naïve",
    "naïve",
    "ἐν",
    "ἀρχῇ",
    "ѣ",
    "дело",
    "ДЕЛО",
    "1924",
]
PUNCTUATION = [
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "–",
    "—",
    "-",
    "“",
    "”",
    '"',
    "'",
    "(",
    ")",
    "...",
    "[",
]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\t", " \n\n"]

tokens = st.sampled_from(WORDS + PUNCTUATION)


@st.composite
def texts(draw: st.DrawFn, min_tokens: int = 0, max_tokens: int = 40) -> str:
    """A text of words, punctuation and whitespace (blank lines included)."""
    parts = draw(st.lists(tokens, min_size=min_tokens, max_size=max_tokens))
    result = draw(st.sampled_from(["", "", " ", "\n"]))
    for part in parts:
        result += part + draw(st.sampled_from([*SPACES, ""]))
    return result


@st.composite
def related_texts(draw: st.DrawFn) -> tuple[str, str]:
    """Two versions of one text: the second made from the first by edits an editor meets
    (words dropped, added, replaced, a block moved, case and whitespace changed)."""
    words = draw(st.lists(tokens, min_size=1, max_size=40))
    spaces = [draw(st.sampled_from(SPACES)) for _ in words]
    first = "".join(w + s for w, s in zip(words, spaces, strict=True))
    edited = list(zip(words, spaces, strict=True))
    for _ in range(draw(st.integers(0, 5))):
        if not edited:
            break
        position = draw(st.integers(0, len(edited) - 1))
        edit = draw(st.sampled_from(["drop", "add", "replace", "move", "case", "space"]))
        word, space = edited[position]
        if edit == "drop":
            del edited[position]
        elif edit == "add":
            edited.insert(position, (draw(tokens), draw(st.sampled_from(SPACES))))
        elif edit == "replace":
            edited[position] = (draw(tokens), space)
        elif edit == "move" and len(edited) > 4:
            block = edited[position : position + 3]
            del edited[position : position + 3]
            target = draw(st.integers(0, len(edited)))
            edited[target:target] = block
        elif edit == "case":
            edited[position] = (word.swapcase(), space)
        else:
            edited[position] = (word, draw(st.sampled_from(SPACES)))
    second = "".join(w + s for w, s in edited)
    return first, second
