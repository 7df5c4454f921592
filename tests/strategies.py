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

# Characters that every output format must escape or otherwise carry: XML's and TeX's
# specials, a CDATA end, control characters XML 1.0 cannot hold, a carriage return.
SPECIALS = [
    "<",
    "&",
    "]]>",
    "&amp;",
    "<p>",
    "%",
    "\\",
    "{",
    "}",
    "#",
    "$",
    "_",
    "^",
    "~",
    "|",
    "\x07",
    "\x00",
    "\x0c",
    "\r",
    "\r\n",
    "\u00a0",
    "\ufffe",
]

tokens = st.sampled_from(WORDS + PUNCTUATION)
special_tokens = st.sampled_from(WORDS + PUNCTUATION + SPECIALS)


@st.composite
def texts(draw: st.DrawFn, min_tokens: int = 0, max_tokens: int = 40) -> str:
    """A text of words, punctuation and whitespace (blank lines included)."""
    parts = draw(st.lists(tokens, min_size=min_tokens, max_size=max_tokens))
    result = draw(st.sampled_from(["", "", " ", "\n"]))
    for part in parts:
        result += part + draw(st.sampled_from([*SPACES, ""]))
    return result


@st.composite
def related_texts(draw: st.DrawFn, pool: st.SearchStrategy[str] = tokens) -> tuple[str, str]:
    """Two versions of one text: the second made from the first by edits an editor meets
    (words dropped, added, replaced, a block moved, case and whitespace changed). ``pool``
    gives the tokens (`special_tokens` for texts full of characters formats must escape)."""
    words = draw(st.lists(pool, min_size=1, max_size=40))
    spaces = [draw(st.sampled_from(SPACES)) for _ in words]
    first = "".join(w + s for w, s in zip(words, spaces, strict=True))
    return first, _edited(draw, list(zip(words, spaces, strict=True)), pool)


@st.composite
def related_triples(draw: st.DrawFn) -> tuple[str, str, str]:
    """Three versions of one text: two made from the first by independent edits."""
    words = draw(st.lists(tokens, min_size=1, max_size=30))
    spaces = [draw(st.sampled_from(SPACES)) for _ in words]
    pairs = list(zip(words, spaces, strict=True))
    first = "".join(w + s for w, s in pairs)
    return first, _edited(draw, list(pairs), tokens), _edited(draw, list(pairs), tokens)


def _edited(draw: st.DrawFn, edited: list[tuple[str, str]], pool: st.SearchStrategy[str]) -> str:
    """The text after up to five edits an editor meets."""
    for _ in range(draw(st.integers(0, 5))):
        if not edited:
            break
        position = draw(st.integers(0, len(edited) - 1))
        edit = draw(st.sampled_from(["drop", "add", "replace", "move", "case", "space"]))
        word, space = edited[position]
        if edit == "drop":
            del edited[position]
        elif edit == "add":
            edited.insert(position, (draw(pool), draw(st.sampled_from(SPACES))))
        elif edit == "replace":
            edited[position] = (draw(pool), space)
        elif edit == "move" and len(edited) > 4:
            block = edited[position : position + 3]
            del edited[position : position + 3]
            target = draw(st.integers(0, len(edited)))
            edited[target:target] = block
        elif edit == "case":
            edited[position] = (word.swapcase(), space)
        else:
            edited[position] = (word, draw(st.sampled_from(SPACES)))
    return "".join(w + s for w, s in edited)


@st.composite
def related_families(
    draw: st.DrawFn, low: int = 2, high: int = 6, pool: st.SearchStrategy[str] = tokens
) -> list[str]:
    """``low`` to ``high`` versions of one text: the others made from the first by independent
    edits (`related_triples` for any number)."""
    words = draw(st.lists(pool, min_size=1, max_size=25))
    spaces = [draw(st.sampled_from(SPACES)) for _ in words]
    pairs = list(zip(words, spaces, strict=True))
    first = "".join(w + s for w, s in pairs)
    count = draw(st.integers(low, high))
    return [first, *(_edited(draw, list(pairs), pool) for _ in range(count - 1))]


MOVE_WORDS = [
    "the",
    "cat",
    "sat",
    "on",
    "a",
    "mat",
    "and",
    "dog",
    "ran",
    "to",
    "red",
    "house",
    "by",
    "sea",
    "old",
    "man",
]


@st.composite
def moved_families(draw: st.DrawFn) -> list[str]:
    """Three or four versions of a sentence of 15 to 30 words from a small vocabulary (so that
    blocks moved elsewhere are found as moves): the others made from the first by one to
    three edits each, a block of one to four words moved, dropped or added, or a word
    replaced."""
    words = draw(st.lists(st.sampled_from(MOVE_WORDS), min_size=15, max_size=30))
    versions = [words]
    for _ in range(draw(st.integers(2, 3))):
        edited = list(words)
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(edited) - 1))
            size = draw(st.integers(1, 4))
            edit = draw(st.sampled_from(["move", "drop", "add", "replace"]))
            if edit == "move" and len(edited) > 8:
                block = edited[at : at + size]
                del edited[at : at + size]
                target = draw(st.integers(0, len(edited)))
                edited[target:target] = block
            elif edit == "drop" and len(edited) > 8:
                del edited[at : at + size]
            elif edit == "add":
                edited[at:at] = draw(
                    st.lists(st.sampled_from(MOVE_WORDS), min_size=size, max_size=size)
                )
            else:
                edited[at] = draw(st.sampled_from(MOVE_WORDS))
        versions.append(edited)
    return [" ".join(version) + ".\n" for version in versions]


SENTENCE_WORDS = [
    "the", "cat", "sat", "on", "mat", "and", "of", "party", "policy", "Baku", "it", "was",
    "morning", "dungeon", "I", "remember", "when", "awoke", "but", "then", "ἐν", "ἀρχῇ",
    "дело", "1924", "light", "there",
]  # fmt: skip
SENTENCE_ENDS = [".", ".", "?", "!", ";", ":"]


@st.composite
def long_paragraphs(draw: st.DrawFn, low: int = 2, high: int = 3) -> list[str]:
    """One paragraph of 55 to 65 sentences (more than `Settings.sentence_groups` tokens, so it
    is aligned sentence by sentence) and ``low`` to ``high`` versions of it whose sentence ends
    an editor meets moved: words carried over a sentence end, an end dropped (two sentences
    one) or added (one sentence two), an end made a comma, a clause moved to the next
    sentence, a sentence dropped or moved, a word replaced."""
    count = draw(st.integers(55, 65))
    sentences = [
        draw(st.lists(st.sampled_from(SENTENCE_WORDS), min_size=6, max_size=12))
        for _ in range(count)
    ]
    ends: list[str | None] = [draw(st.sampled_from(SENTENCE_ENDS)) for _ in sentences]

    def written(sentences: list[list[str]], ends: list[str | None]) -> str:
        return " ".join(" ".join(s) + (end or ",") for s, end in zip(sentences, ends, strict=True))

    def edited() -> str:
        ss, es = [list(s) for s in sentences], list(ends)
        for _ in range(draw(st.integers(1, 12))):
            i = draw(st.integers(0, len(ss) - 2))
            edit = draw(
                st.sampled_from(["carry", "join", "cut", "comma", "clause", "drop", "move", "word"])
            )
            if edit == "carry" and len(ss[i]) > 1:
                n = draw(st.integers(1, len(ss[i]) - 1))
                ss[i + 1] = ss[i][-n:] + ss[i + 1]
                del ss[i][-n:]
            elif edit == "join":
                ss[i : i + 2] = [ss[i] + ss[i + 1]]
                del es[i]
            elif edit == "cut" and len(ss[i]) > 1:
                n = draw(st.integers(1, len(ss[i]) - 1))
                ss[i : i + 1] = [ss[i][:n], ss[i][n:]]
                es.insert(i, draw(st.sampled_from(SENTENCE_ENDS)))
            elif edit == "comma":
                es[i] = None
            elif edit == "clause" and len(ss[i]) > 2:
                n = draw(st.integers(1, min(4, len(ss[i]) - 1)))
                ss[i + 1] = ss[i + 1] + ss[i][-n:]
                del ss[i][-n:]
            elif edit == "drop":
                del ss[i], es[i]
            elif edit == "move":
                sentence, end = ss.pop(i), es.pop(i)
                j = draw(st.integers(0, len(ss)))
                ss.insert(j, sentence)
                es.insert(j, end)
            elif edit == "word":
                ss[i][draw(st.integers(0, len(ss[i]) - 1))] = draw(st.sampled_from(SENTENCE_WORDS))
        return written(ss, es)

    versions = draw(st.integers(low, high))
    return [written(sentences, ends), *(edited() for _ in range(versions - 1))]
