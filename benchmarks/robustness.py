"""Robustness: generated witnesses with known edits, scored for collate, plain diff-match-patch
and CollateX in one run.

Each case takes a passage of real prose (about 300 tokens, whole paragraphs) and makes a copy
by seeded edits whose place is known: the truth. Families (`FAMILIES`): substitutions,
omissions and additions of 1 to 12 words at several densities, edits a few words apart,
adjacent words swapped, phrases swapped ("P c Q" for "Q c P"), a sentence moved, two sentences
swapped, the layout alone changed (one paragraph; re-wrapped at 60 to 80 columns with no blank
line; paragraphed elsewhere) and with edits, spelling and punctuation noise beside substantive
edits, 4 to 6 witnesses whose edits are inherited along a random stemma (and the same with one
copy a fragment that lost its first or last 8 to 30 words, a lacuna), and 40- to 150-word
rewrites that keep half their words.

The prose: Darwin's *Origin*, chapter I (1859), the text the engine's rules were tuned on
beside the letters, and Frankenstein (1818), which they never saw (`--source`). A third
source, kept out of the default run and out of `ablate.py` so that no rule is tuned on it, is
held out for checking a change: ``--source mark``, the SBL Greek New Testament's Mark (another
script and language; the engine met the SBLGNT's real variants, never edits made on it).

Every aligner's differences become places, (base token span, copy token span), as in
`benchmarks/baselines.py` (pure whitespace differences left out). Scores per family:

- recall: the share of edits that some place overlaps (on either side);
- exact: the share of edits given as exactly one place that lies inside the edit (for a
  rewrite, places that all lie inside it); a move or swap counts as one edit spanning the
  stretch it crosses, so it is exact only as one unit (a transposition);
- precision: the share of places that overlap an edit (spelling and punctuation noise counts as
  an edit here, not in recall or exact).

With 4 to 6 witnesses, collate aligns them all at once (base: the unedited archetype) and each
copy's places are read off the units where its reading differs from the base's; the baselines
align each copy with the base.

    .venv/bin/python benchmarks/robustness.py [--quick] [--source darwin|frankenstein|both|mark]
        [--no-collatex] [--cases N] [--family NAME ...] [--grouping phrases|words]

``--grouping words`` scores collate grouping differences as a hand-aligned table does
(`collate.Grouping`); the generated truth counts a swap as one edit, as an apparatus does.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import collate
from collate.model import Witness

# the benchmarks' shared modules, also when a test loads this script by its path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from baselines import (
    Place,
    Span,
    collatex_places,
    collation_places,
    dmp_semantic_places,
    nway_places,
)
from corpora import CORPORA, frankenstein_text
from sblgnt import PARAGRAPH, USFM, parse_book

DARWIN = CORPORA / "darwin" / "chapter1" / "darwin1859.txt"
MARK = USFM / "02MRKSBL.sfm"
PASSAGE_TOKENS = 300


@dataclass(frozen=True, slots=True)
class Edit:
    """One known difference: token spans in the base and in the copy."""

    base: Span
    copy: Span
    kind: str
    """``edit``, ``move`` (a swap or a move: exact only as one place), ``rewrite`` (exact as
    places inside it), ``lacuna`` (text a fragment lost at its start or end: exact as places
    inside it, as an apparatus prints "lac." in each unit the others make there) or ``noise``
    (spelling or punctuation: counted only for precision)."""


@dataclass(slots=True)
class _Op:
    """A change to the base's tokens ``start:end``: the tokens ``new`` stand there instead."""

    start: int
    end: int
    new: list[str]
    kind: str
    group: int = -1
    """Ops of one move share a group: its edit spans both."""


@dataclass(slots=True)
class Case:
    """A base and its copies, each copy with its edits."""

    base: Witness
    copies: list[tuple[Witness, list[Edit]]] = field(default_factory=list)


# -- the prose ------------------------------------------------------------------------------


def _paragraphs(source: str) -> list[str]:
    if source == "darwin":
        text = DARWIN.read_text(encoding="utf-8")
        return [line.strip() for line in text.splitlines() if line.strip()]
    if source == "mark":
        # the SBL text's words; a few USFM markers and a footnote's sigla are left in it where
        # a note runs over a verse (`sblgnt.parse_book`): prose has no Latin letters
        words = [
            w
            for w in parse_book(MARK)[0]["SBL"]
            if w == PARAGRAPH or not re.search(r"[A-Za-z\\]", w)
        ]
        pieces = " ".join(words).split(PARAGRAPH)
        return [" ".join(p.split()) for p in pieces if len(p.split()) > 20]
    return [p.strip() for p in frankenstein_text("1818").split("\n\n") if len(p.split()) > 20]


def _passages(source: str) -> list[str]:
    """Runs of whole paragraphs of about `PASSAGE_TOKENS` tokens (blank lines between)."""
    found = []
    current: list[str] = []
    size = 0
    for paragraph in _paragraphs(source):
        words = len(collate.witness_from_text(paragraph, "x").tokens)
        if words > 2 * PASSAGE_TOKENS:
            continue
        current.append(paragraph)
        size += words
        if size >= PASSAGE_TOKENS:
            found.append("\n\n".join(current) + "\n")
            current, size = [], 0
    return found


# -- making a copy --------------------------------------------------------------------------


def _assemble(
    base: Witness, ops: Sequence[_Op], layout: Callable[[list[list[str]]], None] | None = None
) -> tuple[str, list[Edit], list[str]]:
    """The copy's text, its edits and its token texts: ``ops`` applied to the base (they must
    not overlap), then ``layout`` given the chance to change the whitespace."""
    tokens = base.tokens
    emitted: list[list[str]] = []  # [text, space]
    origin: list[int] = []  # base index, or -1 for a new token
    spans: dict[int, tuple[int, int, int, int]] = {}
    position = 0
    for number, op in enumerate(sorted(ops, key=lambda op: (op.start, op.end))):
        for index in range(position, op.start):
            emitted.append([tokens[index].text, tokens[index].space])
            origin.append(index)
        first = len(emitted)
        for word in op.new:
            emitted.append([word, " "])
            origin.append(-1)
        spans[number] = (op.start, op.end, first, len(emitted))
        position = max(position, op.end)
    for index in range(position, len(tokens)):
        emitted.append([tokens[index].text, tokens[index].space])
        origin.append(index)
    for k in range(len(emitted) - 1):
        # a token followed by another than in the base keeps its spacing, or gets a space
        if origin[k] < 0 or origin[k + 1] != origin[k] + 1:
            emitted[k][1] = emitted[k][1] or " "
    if emitted:
        emitted[-1][1] = "\n"
    if layout is not None:
        layout(emitted)
    edits: list[Edit] = []
    groups: dict[int, list[tuple[int, int, int, int]]] = {}
    for number, op in enumerate(sorted(ops, key=lambda op: (op.start, op.end))):
        if op.group >= 0:
            groups.setdefault(op.group, []).append(spans[number])
        else:
            b0, b1, c0, c1 = spans[number]
            edits.append(Edit((b0, b1), (c0, c1), op.kind))
    for members in groups.values():
        edits.append(
            Edit(
                (min(m[0] for m in members), max(m[1] for m in members)),
                (min(m[2] for m in members), max(m[3] for m in members)),
                "move",
            )
        )
    text = base.leading_space + "".join(t + s for t, s in emitted)
    return text, sorted(edits, key=lambda e: e.base), [t for t, _ in emitted]


class _Editor:
    """Seeded edits on a base's word tokens, never two on overlapping tokens."""

    def __init__(self, base: Witness, rng: random.Random, vocabulary: list[str]) -> None:
        self.base = base
        self.rng = rng
        self.vocabulary = vocabulary
        self.taken = [False] * (len(base.tokens) + 1)
        self.ops: list[_Op] = []
        self.words = [i for i, t in enumerate(base.tokens) if t.is_word]

    def free(self, start: int, end: int, margin: int = 1) -> bool:
        lo, hi = max(0, start - margin), min(len(self.taken), end + margin)
        return start >= 0 and end <= len(self.base.tokens) and not any(self.taken[lo:hi])

    def take(self, op: _Op) -> None:
        for k in range(op.start, max(op.end, op.start + 1)):
            self.taken[k] = True
        self.ops.append(op)

    def new_words(self, count: int, avoid: set[str]) -> list[str]:
        words: list[str] = []
        while len(words) < count:
            word = self.rng.choice(self.vocabulary)
            if word.lower() not in avoid:
                words.append(word)
        return words

    def word_run(self, length: int, margin: int = 1) -> tuple[int, int] | None:
        """A run of ``length`` word tokens (punctuation inside allowed), free of other edits."""
        for _ in range(50):
            first = self.rng.choice(self.words)
            end = first
            count = 0
            while end < len(self.base.tokens) and count < length:
                count += self.base.tokens[end].is_word
                end += 1
            if count == length and self.free(first, end, margin):
                return first, end
        return None

    def edit(self, length: int, margin: int = 1) -> bool:
        """A substitution, omission or addition of ``length`` words."""
        kind = self.rng.choice(("substitution", "omission", "addition"))
        run = self.word_run(1 if kind == "addition" else length, margin)
        if run is None:
            return False
        start, end = run
        near = {t.normalized for t in self.base.tokens[max(0, start - 3) : end + 3]}
        if kind == "addition":
            self.take(_Op(start, start, self.new_words(length, near), "edit"))
        elif kind == "omission":
            self.take(_Op(start, end, [], "edit"))
        else:
            self.take(_Op(start, end, self.new_words(length, near), "edit"))
        return True

    def swap(self, left: int, right: int, between: int) -> bool:
        """Two phrases of ``left`` and ``right`` words around ``between`` words exchanged."""
        run = self.word_run(left + between + right)
        if run is None:
            return False
        start, end = run
        words = [k for k in range(start, end) if self.base.tokens[k].is_word]
        if any(not self.base.tokens[k].is_word for k in range(start, end)):
            return False  # phrases of words only: punctuation would move with them
        texts = [self.base.tokens[k].text for k in words]
        p, c, q = texts[:left], texts[left : left + between], texts[left + between :]
        if p == q:
            return False
        self.take(_Op(start, end, q + c + p, "move"))
        return True

    def sentence_spans(self) -> list[tuple[int, int]]:
        tokens = self.base.tokens
        spans = []
        start = 0
        for k, token in enumerate(tokens):
            if token.text in {".", "!", "?"} and k + 1 < len(tokens):
                spans.append((start, k + 1))
                start = k + 1
        if start < len(tokens):
            spans.append((start, len(tokens)))
        return [s for s in spans if s[1] - s[0] >= 4]


# -- the families ---------------------------------------------------------------------------


def _edits(density: int, low: int, high: int, margin: int = 1) -> Callable[[_Editor], None]:
    """Edits of ``low``-``high`` words, one per ``density`` base tokens."""

    def make(editor: _Editor) -> None:
        for _ in range(max(1, len(editor.base.tokens) // density)):
            editor.edit(editor.rng.randint(low, high), margin)

    return make


def _close_pairs(editor: _Editor) -> None:
    """Pairs of one- or two-word edits 2 to 4 words apart."""
    for _ in range(4):
        run = editor.word_run(editor.rng.randint(2, 4) + 4, margin=2)
        if run is None:
            continue
        start, end = run
        words = [k for k in range(start, end) if editor.base.tokens[k].is_word]
        first, second = words[:2], words[-2:]
        near = {t.normalized for t in editor.base.tokens[start:end]}
        editor.take(_Op(first[0], first[0] + 1, editor.new_words(1, near), "edit"))
        if editor.rng.random() < 0.5:
            editor.take(_Op(second[-1], second[-1] + 1, [], "edit"))
        else:
            editor.take(_Op(second[-1], second[-1] + 1, editor.new_words(2, near), "edit"))


def _word_swaps(editor: _Editor) -> None:
    for _ in range(4):
        editor.swap(1, 1, 0)


def _phrase_swaps(editor: _Editor) -> None:
    for _ in range(2):
        rng = editor.rng
        editor.swap(rng.randint(2, 5), rng.randint(2, 5), rng.randint(0, 2))


def _sentence_moved(editor: _Editor) -> None:
    sentences = editor.sentence_spans()
    if len(sentences) < 4:
        return
    k = editor.rng.randrange(len(sentences))
    targets = [j for j in range(len(sentences) + 1) if abs(j - k) >= 2 and j != k + 1]
    j = editor.rng.choice(targets)
    start, end = sentences[k]
    at = sentences[j][0] if j < len(sentences) else len(editor.base.tokens)
    texts = [t.text for t in editor.base.tokens[start:end]]
    editor.take(_Op(start, end, [], "move", group=1))
    editor.take(_Op(at, at, texts, "move", group=1))


def _sentences_swapped(editor: _Editor) -> None:
    sentences = editor.sentence_spans()
    if len(sentences) < 3:
        return
    k = editor.rng.randrange(len(sentences) - 1)
    (s1, e1), (s2, e2) = sentences[k], sentences[k + 1]
    if e1 != s2:
        return
    first = [t.text for t in editor.base.tokens[s1:e1]]
    second = [t.text for t in editor.base.tokens[s2:e2]]
    editor.take(_Op(s1, e2, second + first, "move"))


def _rewrite(editor: _Editor) -> None:
    """A 40- to 150-word stretch rewritten: half its words kept in order, the rest new."""
    length = editor.rng.randint(40, min(150, len(editor.words) - 20))
    run = editor.word_run(length)
    if run is None:
        return
    start, end = run
    near = {t.normalized for t in editor.base.tokens[start:end]}
    new: list[str] = []
    for token in editor.base.tokens[start:end]:
        if not token.is_word or editor.rng.random() < 0.5:
            new.append(token.text)
        else:
            new.extend(editor.new_words(editor.rng.choice((0, 1, 1, 2)), near))
    editor.take(_Op(start, end, new, "rewrite"))


def _noise(editor: _Editor) -> None:
    """Spelling (a letter changed, case) and punctuation (a comma added or dropped) noise."""
    rng = editor.rng
    for _ in range(len(editor.base.tokens) // 25):
        run = editor.word_run(1)
        if run is None:
            continue
        start, end = run
        word = editor.base.tokens[start].text
        choice = rng.random()
        if choice < 0.4 and len(word) > 3:
            k = rng.randrange(1, len(word) - 1)
            spelt = word[:k] + rng.choice("aeiouy") + word[k + 1 :]
            if spelt != word:
                editor.take(_Op(start, end, [spelt], "noise"))
        elif choice < 0.6:
            editor.take(_Op(start, end, [word.swapcase()], "noise"))
        elif end < len(editor.base.tokens) and editor.base.tokens[end].text == ",":
            if editor.free(end, end + 1, 0):
                editor.take(_Op(end, end + 1, [], "noise"))
        else:
            editor.take(_Op(end, end, [","], "noise"))


def _one_paragraph(emitted: list[list[str]]) -> None:
    for cell in emitted[:-1]:
        if cell[1]:
            cell[1] = " "


def _rewrapped(width: int) -> Callable[[list[list[str]]], None]:
    def layout(emitted: list[list[str]]) -> None:
        column = 0
        for k, cell in enumerate(emitted[:-1]):
            column += len(cell[0])
            if cell[1]:
                following = len(emitted[k + 1][0])
                if column + 1 + following > width:
                    cell[1], column = "\n", 0
                else:
                    cell[1], column = " ", column + 1

    return layout


def _reparagraphed(seed: int) -> Callable[[list[list[str]]], None]:
    def layout(emitted: list[list[str]]) -> None:
        rng = random.Random(seed)
        for cell in emitted[:-1]:
            if "\n" in cell[1]:
                cell[1] = " "
            elif cell[0] in {".", "!", "?"} and cell[1] and rng.random() < 0.3:
                cell[1] = "\n\n"

    return layout


FAMILIES: dict[str, tuple[Callable[[_Editor], None] | None, str | None]] = {
    "1-3 words, sparse": (_edits(60, 1, 3, margin=4), None),
    "4-12 words, sparse": (_edits(80, 4, 12, margin=4), None),
    "1-12 words, dense": (_edits(18, 1, 12), None),
    "edits 2-4 words apart": (_close_pairs, None),
    "adjacent words swapped": (_word_swaps, None),
    "phrases swapped": (_phrase_swaps, None),
    "sentence moved": (_sentence_moved, None),
    "sentences swapped": (_sentences_swapped, None),
    "one paragraph": (None, "one paragraph"),
    "re-wrapped 60-80": (None, "rewrapped"),
    "re-paragraphed": (None, "reparagraphed"),
    "one paragraph + edits": (_edits(40, 1, 6, margin=3), "one paragraph"),
    "re-wrapped + edits": (_edits(40, 1, 6, margin=3), "rewrapped"),
    "re-paragraphed + edits": (_edits(40, 1, 6, margin=3), "reparagraphed"),
    "spelling/punct. noise + edits": (None, None),  # made by `_noisy`
    "stemma, 4-6 witnesses": (None, None),  # made by `_stemma_case`
    "stemma with a fragment": (None, None),  # made by `_stemma_case`, one copy a fragment
    "rewrite 40-150 words": (_rewrite, None),
}


def _layout(name: str | None, rng: random.Random) -> Callable[[list[list[str]]], None] | None:
    if name == "one paragraph":
        return _one_paragraph
    if name == "rewrapped":
        return _rewrapped(rng.randint(60, 80))
    if name == "reparagraphed":
        return _reparagraphed(rng.randrange(1 << 30))
    return None


def _copy(base: Witness, editor: _Editor, siglum: str, layout: str | None) -> Witness | None:
    text, edits, token_texts = _assemble(base, editor.ops, _layout(layout, editor.rng))
    copy = collate.witness_from_text(text, siglum)
    if [t.text for t in copy.tokens] != token_texts:
        return None  # the tokenizer would read the copy otherwise: not a case with known truth
    return copy if edits or layout else None


def _case(family: str, passage: str, rng: random.Random, vocabulary: list[str]) -> Case | None:
    base = collate.witness_from_text(passage, "A")
    if family.startswith("stemma"):
        return _stemma_case(base, rng, vocabulary, fragment="fragment" in family)
    editor = _Editor(base, rng, vocabulary)
    make, layout = FAMILIES[family]
    if family.startswith("spelling"):
        _edits(60, 1, 4, margin=3)(editor)
        _noise(editor)
    elif make is not None:
        make(editor)
    text, edits, token_texts = _assemble(base, editor.ops, _layout(layout, rng))
    copy = collate.witness_from_text(text, "B")
    if [t.text for t in copy.tokens] != token_texts or (not edits and layout is None):
        return None
    return Case(base, [(copy, edits)])


def _stemma_case(
    base: Witness, rng: random.Random, vocabulary: list[str], fragment: bool = False
) -> Case | None:
    """3 to 5 copies of the base along a random stemma: each adds 2 or 3 edits of its own to
    those of the copy it descends from (the base is the archetype). With ``fragment``, one
    copy has lost its first or last 8 to 30 words (a torn leaf; the edits it inherited there
    are lost with them), its truth one ``lacuna``; the others still have their edits there."""
    count = rng.randint(3, 5)
    editor = _Editor(base, rng, vocabulary)
    parents = [-1] + [rng.randrange(0, k) if k else -1 for k in range(1, count)]
    own: list[list[_Op]] = []
    for _ in range(count):
        before = len(editor.ops)
        for _ in range(rng.randint(2, 3)):
            editor.edit(rng.randint(1, 8), margin=3)
        own.append(editor.ops[before:])
    case = Case(base)
    for k in range(count):
        ops: list[_Op] = []
        node = k
        while node >= 0:
            ops += own[node]
            node = parents[node]
        if fragment and k == count - 1:
            lost = _torn(base, ops, rng)
            if lost is None:
                return None
            ops = [op for op in ops if op.end <= lost.start or op.start >= lost.end] + [lost]
        text, edits, token_texts = _assemble(base, ops)
        copy = collate.witness_from_text(text, f"W{k + 1}")
        if [t.text for t in copy.tokens] != token_texts:
            return None
        case.copies.append((copy, edits))
    return case


def _torn(base: Witness, ops: list[_Op], rng: random.Random) -> _Op | None:
    """The loss of the base's first or last 8 to 30 words, cut where no edit of ``ops`` is
    within three tokens of the tear (so the tear and an edit are not one difference)."""
    tokens = base.tokens
    words = [k for k, t in enumerate(tokens) if t.is_word]
    length = rng.randint(8, 30)
    if len(words) < 3 * length:
        return None
    if rng.random() < 0.5:
        start, end = 0, words[length]
        tear = end
    else:
        start, end = words[-length], len(tokens)
        tear = start
    if any(op.start <= tear + 3 and op.end >= tear - 3 for op in ops):
        return None
    return _Op(start, end, [], "lacuna")


# -- scoring --------------------------------------------------------------------------------


def _overlaps(x: Span, y: Span) -> bool:
    if x[0] == x[1] or y[0] == y[1]:
        point, span = (x, y) if x[0] == x[1] else (y, x)
        return span[0] <= point[0] <= span[1]
    return max(x[0], y[0]) < min(x[1], y[1])


def _inside(x: Span, y: Span) -> bool:
    return y[0] <= x[0] and x[1] <= y[1]


@dataclass(slots=True)
class Score:
    edits: int = 0
    found: int = 0
    exact: int = 0
    places: int = 0
    good: int = 0
    seconds: float = 0.0

    def add(self, places: list[Place], edits: list[Edit]) -> None:
        places = [p for p in places if p[0][0] != p[0][1] or p[1][0] != p[1][1]]
        self.places += len(places)
        for place in places:
            if any(_overlaps(place[0], e.base) or _overlaps(place[1], e.copy) for e in edits):
                self.good += 1
        for edit in edits:
            if edit.kind == "noise":
                continue
            self.edits += 1
            touching = [
                p for p in places if _overlaps(p[0], edit.base) or _overlaps(p[1], edit.copy)
            ]
            if not touching:
                continue
            self.found += 1
            within = all(_inside(p[0], edit.base) and _inside(p[1], edit.copy) for p in touching)
            if within and (edit.kind in ("rewrite", "lacuna") or len(touching) == 1):
                self.exact += 1

    def merge(self, other: Score) -> None:
        """Add ``other``'s counts and seconds to these."""
        self.edits += other.edits
        self.found += other.found
        self.exact += other.exact
        self.places += other.places
        self.good += other.good
        self.seconds += other.seconds

    @property
    def recall(self) -> float:
        return self.found / self.edits if self.edits else 1.0

    @property
    def exactness(self) -> float:
        return self.exact / self.edits if self.edits else 1.0

    @property
    def precision(self) -> float:
        return self.good / self.places if self.places else 1.0

    def row(self) -> str:
        recall = f"{self.found / self.edits:.3f}" if self.edits else "  -  "
        exact = f"{self.exact / self.edits:.3f}" if self.edits else "  -  "
        precision = f"{self.good / self.places:.3f}" if self.places else "1.000"
        return f"{recall:>6} {exact:>6} {precision:>6} {self.places:>5}"


ENGINES = ("collate", "diff-match-patch", "CollateX")


def score_case(
    case: Case,
    engines: Sequence[str],
    scores: dict[str, Score],
    settings: collate.Settings | None = None,
) -> None:
    for engine in engines:
        started = time.perf_counter()
        if engine == "collate" and len(case.copies) > 1:
            witnesses = [case.base, *(c for c, _ in case.copies)]
            collation = collate.collate(witnesses, settings=settings)
            found = [nway_places(collation, c.siglum) for c, _ in case.copies]
        else:
            found = [_places(engine, case.base, copy, settings) for copy, _ in case.copies]
        scores[engine].seconds += time.perf_counter() - started
        for places, (_, edits) in zip(found, case.copies, strict=True):
            scores[engine].add(places, edits)


def _places(
    engine: str, a: Witness, b: Witness, settings: collate.Settings | None = None
) -> list[Place]:
    if engine == "collate":
        return collation_places(collate.collate([a, b], settings=settings))
    if engine == "diff-match-patch":
        return dmp_semantic_places(a, b)
    return collatex_places(a, b)


def cases(source: str, family: str, count: int, seed: int = 13) -> Iterator[Case]:
    """``count`` cases of one family made from ``source``'s prose (seeded: always the same)."""
    passages = _passages(source)
    letters = r"[^\W\d_]+" if source == "mark" else r"[A-Za-z]+"  # Greek words, for Mark
    vocabulary = sorted({w for p in passages for w in re.findall(letters, p)})
    rng = random.Random(f"{seed}:{source}:{family}")
    made = tries = 0
    while made < count and tries < count * 5:
        tries += 1
        case = _case(family, rng.choice(passages), rng, vocabulary)
        if case is not None:
            made += 1
            yield case


def run(
    source: str,
    count: int,
    engines: Sequence[str],
    families: Sequence[str] | None = None,
    settings: collate.Settings | None = None,
) -> dict[str, dict[str, Score]]:
    """Scores by family, then by engine (collate with ``settings``)."""
    results: dict[str, dict[str, Score]] = {}
    for family in families or FAMILIES:
        scores = {engine: Score() for engine in engines}
        for case in cases(source, family, count):
            score_case(case, engines, scores, settings)
        results[family] = scores
    return results


def mean_scores(settings: collate.Settings, count: int = 3) -> Score:
    """The scores of collate with ``settings`` over every family of both texts (``count``
    cases a family): what `ablate.py` reports."""
    total = Score()
    for source in ("darwin", "frankenstein"):
        for family in FAMILIES:
            scores = {"collate": Score()}
            for case in cases(source, family, count):
                score_case(case, ["collate"], scores, settings)
            total.merge(scores["collate"])
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 cases a family, no CollateX")
    parser.add_argument(
        "--source", default="both", choices=["darwin", "frankenstein", "both", "mark"]
    )
    parser.add_argument("--no-collatex", action="store_true")
    parser.add_argument("--cases", type=int, default=None)
    parser.add_argument(
        "--family",
        action="append",
        choices=list(FAMILIES),
        metavar="NAME",
        help="only this family (repeatable): " + "; ".join(FAMILIES),
    )
    parser.add_argument(
        "--grouping", default="phrases", choices=[g.value for g in collate.Grouping]
    )
    options = parser.parse_args()
    settings = collate.Settings().grouped(options.grouping)
    count = options.cases or (3 if options.quick else 6)
    engines = [
        e for e in ENGINES if not (e == "CollateX" and (options.quick or options.no_collatex))
    ]
    sources = ["darwin", "frankenstein"] if options.source == "both" else [options.source]
    for source in sources:
        results = run(source, count, engines, options.family, settings)
        print(f"\n{source}: {count} cases a family; recall, exact, precision, places")
        print(f"{'family':30} {'edits':>5}  " + "  ".join(f"{e:^26}" for e in engines))
        totals = {engine: Score() for engine in engines}
        for family, scores in results.items():
            first = scores[engines[0]]
            print(f"{family:30} {first.edits:5}  " + "  ".join(s.row() for s in scores.values()))
            for engine, s in scores.items():
                totals[engine].merge(s)
        print(
            f"{'all':30} {totals[engines[0]].edits:5}  "
            + "  ".join(t.row() for t in totals.values())
        )
        print(f"{'seconds':30} {'':5}  " + "  ".join(f"{t.seconds:26.1f}" for t in totals.values()))


if __name__ == "__main__":
    main()
