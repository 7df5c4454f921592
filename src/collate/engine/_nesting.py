"""Nested variation: readings of a unit that are mostly the same, grouped. Pure: no I/O.

Where several witnesses rewrote a passage of the base alike and then went on revising it
(Darwin's 1869 and 1872 editions rewrote a paragraph of 1859, and 1872 changed a handful of
its words again), a unit holds two long readings that differ in a few words. Printing both in
full repeats a page to show those few words; an editor prints the reading once and, inside it,
where the witnesses that share it part (the TEI Guidelines' "subvariation", `ReadingGroup`).

Two readings of a unit go in one group when each has at least `Settings.nest_min_words` words
(12) and they share at least `Settings.nest_share` (90 %) of their tokens word for word (twice
the tokens the word diff pairs, over the tokens of both; a token is its text, not the
whitespace after it, so a comma put after a word leaves the word the same). The readings are
taken in order of their witnesses (the lemma's first, then most witnesses, then the earliest
witness); each joins the group of the reading it shares most with, if that is enough, else the
group whose first reading it shares a run of `Settings.nest_run` (8) tokens in a row with (the
longest run; 1861, 1866, 1869 and 1872 revise one sentence four ways that share "of flint tools
or celts in the superficial": the sentence is printed once, as issue 13 asks of any eight
shared words), else it starts a group. A group prints the lemma where it holds the lemma's
reading (the lemma's group: the witnesses that read the lemma but for a word or two, where 1860
and 1866 keep 1859's sentence and 1869 rewrote it, are cited by those words, not by the whole
sentence again), else the reading of most of its witnesses, then the one nearest the others,
then the earliest; every other reading is diffed with it token by token (diff-match-patch with
patience anchors, `collate.engine._diff`, on each token's text), and the places where any
reading differs, a token followed by other whitespace too, merged where they overlap or touch,
are the group's sub-variants. Outside them every reading of the group is the printed reading
character for character, so each witness is still rebuilt exactly from the group's reading and
its own sub-variant readings.

The thresholds were measured with ``benchmarks/nesting.py`` on Darwin's chapter I, the
Florilegium and the SBLGNT: at 90 % no Darwin entry prints two readings of 200 characters or
more that are 90 % alike (at 95 % without the run rule, four still did), and lower shares or
shorter readings nest a few short units for almost no saving; below a dozen words a reading is
a phrase an apparatus prints whole. The run rule nests three more Darwin units (1859 and 1861
on Egypt's breeds; 1866, 1869 and 1872 on the cattle's wild parents; 1866 and 1872 on "some
other domestic animals"), and with tokens compared without their whitespace 23.1 % of the
printed apparatus is saved instead of 22.3 %; the run is
only with a group's first reading, since a rewrite that reuses one phrase of another (1861's
and 1866's "of flint tools or celts in the superficial") would otherwise chain every reading of
the unit into one group. (That flint sentence is now a unit of its own, cut at its sentence
end from the two passages before it, `Settings.shared_run`; in one unit with them, 1861's
reading nested with 1859's by the run, 1866's with 1869's.)

>>> from collate import collate, witness_from_text
>>> shared = " ".join(f"w{n}" for n in range(20))
>>> c = collate([witness_from_text(t, s) for t, s in [
...     ("Once upon a time.", "A"),
...     (f"Long ago, {shared} end.", "B"),
...     (f"Long ago, {shared.replace('w9', 'nine')} end.", "C"),
... ]])
>>> [(g.sigla, g.reading, [sub.readings["C"].text for sub in g.subvariants])
...  for g in c.units[0].groups]
[(('B', 'C'), 'B', ['nine '])]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from collate.engine._diff import diff_codes
from collate.engine._settings import Settings
from collate.model import Collation, Reading, ReadingGroup, Subvariant, Unit, UnitType

__all__ = ["reading_groups", "with_reading_groups"]


class _Stretches:
    """A reading cut at its tokens: the text before the first token, then each token with the
    whitespace after it (the last cut at the reading's end). Offsets relative to the reading.
    ``keys``: what the word diff compares, each token without the whitespace after it (the
    text before the first token as it is)."""

    __slots__ = ("bounds", "keys", "parts", "words")

    def __init__(self, text: str, starts: Sequence[int]) -> None:
        self.bounds = [0, *starts, len(text)]
        self.parts = [text[a:b] for a, b in pairwise(self.bounds)]
        self.keys = [self.parts[0], *(part.rstrip() for part in self.parts[1:])]
        self.words = sum(1 for part in self.parts[1:] if part[:1].isalnum())


def reading_groups(
    collation: Collation,
    unit: Unit,
    settings: Settings | None = None,
    token_starts: Mapping[str, Sequence[int]] | None = None,
) -> tuple[ReadingGroup, ...]:
    """The groups of the unit's readings that are mostly the same word for word (see the
    module's description; ``settings`` give the thresholds); empty where there are none. A
    group that holds the lemma's reading prints it (`ReadingGroup.reading` is the lemma's
    witness) and counts every witness that reads the lemma exactly among its own. A
    transposition has none, nor do witnesses with a lacuna. ``token_starts``: each witness's
    token offsets, when already at hand."""
    settings = settings or Settings()
    min_words = settings.nest_min_words
    if unit.type is UnitType.TRANSPOSITION or min_words is None:
        return ()
    holder = unit.lemma_siglum(collation.base.siglum)
    lemma_text = unit.readings[holder].text
    by_text: dict[str, list[str]] = {}
    for siglum in collation.sigla:
        if siglum not in unit.lacunae:
            by_text.setdefault(unit.readings[siglum].text, []).append(siglum)
    if lemma_text in by_text:
        # the lemma's witness first: it is the reading its group prints
        by_text[lemma_text] = [holder, *(s for s in by_text[lemma_text] if s != holder)]
    long_enough = [t for t, sigla in by_text.items() if len(t.split()) >= min_words]
    if len(long_enough) < 2:
        return ()
    stretches: dict[str, _Stretches] = {}
    for text in long_enough:
        siglum = by_text[text][0]
        starts = (
            token_starts[siglum]
            if token_starts is not None
            else [t.start for t in collation.witness(siglum).tokens]
        )
        cut = _stretches(unit.readings[siglum], starts)
        if cut.words >= min_words:
            stretches[text] = cut
    order = {siglum: n for n, siglum in enumerate(collation.sigla)}
    candidates = sorted(
        stretches, key=lambda t: (t != lemma_text, -len(by_text[t]), order[by_text[t][0]])
    )
    equal = _Pairs(stretches)
    groups = []
    for cluster in _clusters(candidates, equal, settings):
        if len(cluster) < 2:
            continue
        # printed: the lemma's reading, else that of most witnesses, then the one nearest
        # the others, then the earliest
        printed = min(
            cluster,
            key=lambda t: (
                t != lemma_text,
                -len(by_text[t]),
                -sum(equal.share(t, other) for other in cluster if other != t),
                order[by_text[t][0]],
            ),
        )
        sigla = tuple(sorted((s for t in cluster for s in by_text[t]), key=order.__getitem__))
        members = [
            (by_text[t], stretches[t], equal.pairs(printed, t)) for t in cluster if t != printed
        ]
        groups.append(
            ReadingGroup(
                sigla=sigla,
                reading=by_text[printed][0],
                subvariants=_subvariants(
                    unit, sigla, by_text[printed], stretches[printed], members
                ),
            )
        )
    return tuple(groups)


def nest_as_one(
    readings: Sequence[Reading], token_starts: Sequence[Sequence[int]], settings: Settings
) -> bool:
    """True when the readings (each with its witness's token offsets), the empty ones aside,
    would be one group: each of at least `Settings.nest_min_words` words, and each sharing at
    least `Settings.nest_share` of its tokens word for word with another of them, as
    `reading_groups` links them by their share (one text alone is one group too). Tokens are
    compared with the whitespace after them, as when the rule was measured (with the tokens
    alone, C27's n-way exactness falls 0.645 -> 0.643), and a run shared with a group's first
    reading (`Settings.nest_run`), which groups readings in print, keeps no place whole."""
    texts: dict[str, _Stretches] = {}
    for reading, starts in zip(readings, token_starts, strict=True):
        if reading.text.strip() and reading.text not in texts:
            texts[reading.text] = _stretches(reading, starts)
    if len(texts) < 2:
        return True
    least = settings.nest_min_words
    if least is None or any(cut.words < least for cut in texts.values()):
        return False
    equal = _Pairs(texts, exact=True)
    first, *rest = texts
    linked = [first]
    while rest:
        near = next(
            (t for t in rest if any(equal.share(t, m) >= settings.nest_share for m in linked)),
            None,
        )
        if near is None:
            return False
        linked.append(near)
        rest.remove(near)
    return True


def _clusters(candidates: list[str], equal: _Pairs, settings: Settings) -> list[list[str]]:
    """The readings (in the order given) as groups: each joins the group of the reading it
    shares most with (single linkage: one close to a member but not to the group's first
    reading still prints inside the group), else the group whose first reading it shares the
    longest run with, else starts one."""
    run_length = settings.nest_run
    clusters: list[list[str]] = []
    for text in candidates:
        shares = [max(equal.share(member, text) for member in cluster) for cluster in clusters]
        best = max(shares, default=0.0)
        runs = [equal.run(cluster[0], text) if run_length else 0 for cluster in clusters]
        if best >= settings.nest_share:
            clusters[shares.index(best)].append(text)
        elif run_length and max(runs, default=0) >= run_length:
            clusters[runs.index(max(runs))].append(text)
        else:
            clusters.append([text])
    return clusters


def with_reading_groups(collation: Collation, settings: Settings | None = None) -> Collation:
    """The collation with each unit's `Unit.groups` found (`reading_groups`)."""
    if len(collation.witnesses) < 3:
        return collation  # one reading besides the lemma's: nothing to group
    starts = {w.siglum: [t.start for t in w.tokens] for w in collation.witnesses}
    units = tuple(
        replace(unit, groups=reading_groups(collation, unit, settings, starts))
        for unit in collation.units
    )
    return replace(collation, units=units)


def _stretches(reading: Reading, starts: Sequence[int]) -> _Stretches:
    first, last = bisect_left(starts, reading.start), bisect_left(starts, reading.end)
    return _Stretches(reading.text, [s - reading.start for s in starts[first:last]])


class _Pairs:
    """The word diff of two readings (`_diff`), each pair diffed once; ``exact``: tokens
    compared with the whitespace after them."""

    def __init__(self, stretches: dict[str, _Stretches], *, exact: bool = False) -> None:
        self.stretches = stretches
        self.exact = exact
        self.found: dict[tuple[str, str], list[tuple[int, int]]] = {}

    def pairs(self, a: str, b: str) -> list[tuple[int, int]]:
        """The (index in a, index in b) of the stretches the diff finds equal."""
        if (a, b) not in self.found:
            if (b, a) in self.found:
                self.found[a, b] = [(i, j) for j, i in self.found[b, a]]
            else:
                self.found[a, b] = _diff(self.stretches[a], self.stretches[b], self.exact)
        return self.found[a, b]

    def run(self, a: str, b: str) -> int:
        """The most tokens in a row the diff pairs (the leading space is no token)."""
        longest = length = 0
        last = (-2, -2)
        for i, j in self.pairs(a, b):
            if i == 0:
                continue
            length = length + 1 if (i, j) == (last[0] + 1, last[1] + 1) else 1
            longest, last = max(longest, length), (i, j)
        return longest

    def share(self, a: str, b: str) -> float:
        """Twice the tokens paired, over the tokens of both (the leading space is no token)."""
        paired = sum(1 for i, _ in self.pairs(a, b) if i > 0)
        total = len(self.stretches[a].parts) + len(self.stretches[b].parts) - 2
        return 2 * paired / total if total else 1.0


def _diff(a: _Stretches, b: _Stretches, exact: bool = False) -> list[tuple[int, int]]:
    """The pairs (index in a, index in b) of stretches whose tokens the diff finds equal (the
    whitespace after them aside, unless ``exact``), in order."""
    codes: dict[str, str] = {}

    def encode(parts: list[str]) -> str:
        return "".join(codes.setdefault(part, _code(len(codes))) for part in parts)

    equal: list[tuple[int, int]] = []
    i = j = 0
    one, other = (a.parts, b.parts) if exact else (a.keys, b.keys)
    for operation, run in diff_codes(encode(one), encode(other)):
        if operation == 0:
            equal.extend((i + k, j + k) for k in range(len(run)))
            i, j = i + len(run), j + len(run)
        elif operation < 0:
            i += len(run)
        else:
            j += len(run)
    return equal


def _code(number: int) -> str:
    """A character for the ``number``-th distinct stretch (surrogates skipped)."""
    return chr(0x100 + number + (0x800 if number >= 0xD800 - 0x100 else 0))


def _subvariants(
    unit: Unit,
    sigla: tuple[str, ...],
    printed: list[str],
    anchor: _Stretches,
    members: list[tuple[list[str], _Stretches, list[tuple[int, int]]]],
) -> tuple[Subvariant, ...]:
    """The places where a member differs from the printed reading, merged where they overlap
    or touch, with every witness's text there. Positions count stretches (`_Stretches`)."""
    size = len(anchor.parts)
    spans: list[tuple[int, int]] = []
    maps = []
    for _, cut, equal in members:
        # a token followed by other whitespace is in a place: outside them the text is the same
        same = [(i, j) for i, j in equal if anchor.parts[i] == cut.parts[j]]
        pairs = [(-1, -1), *same, (size, len(cut.parts))]
        for (i0, j0), (i1, j1) in pairwise(pairs):
            if i1 > i0 + 1 or j1 > j0 + 1:
                spans.append((i0 + 1, i1))
        maps.append(_boundaries(pairs, size))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    result = []
    for start, end in merged:
        readings: dict[str, Reading] = {}
        for siglum in printed:
            readings[siglum] = _piece(unit.readings[siglum], anchor, start, end)
        for (own, cut, _), (low, high) in zip(members, maps, strict=True):
            for siglum in own:
                readings[siglum] = _piece(unit.readings[siglum], cut, low[start], high[end])
        kind = UnitType.SUBSTITUTION
        if not readings[printed[0]].text:
            kind = UnitType.ADDITION
        elif all(r.text == "" for s, r in readings.items() if r.text != readings[printed[0]].text):
            kind = UnitType.OMISSION
        result.append(Subvariant(kind, {s: readings[s] for s in sigla}))
    return tuple(result)


def _boundaries(pairs: list[tuple[int, int]], size: int) -> tuple[list[int], list[int]]:
    """For each boundary b of the printed reading (before its stretch b), where a place
    beginning there begins in the member (before anything it adds there), and where a place
    ending there ends (after it). ``pairs``: the equal stretches, between sentinels."""
    starts = [0] * (size + 1)
    ends = [0] * (size + 1)
    k = 0
    for b in range(size + 1):
        while pairs[k + 1][0] < b:
            k += 1
        starts[b] = pairs[k][1] + 1  # after the last pair before b
    k = len(pairs) - 1
    for b in range(size, -1, -1):
        while pairs[k - 1][0] >= b:
            k -= 1
        ends[b] = pairs[k][1]  # at the first pair from b on
    return starts, ends


def _piece(reading: Reading, cut: _Stretches, first: int, last: int) -> Reading:
    """The reading's stretches ``first`` to ``last`` (exclusive) as a reading of the witness."""
    start = reading.start + cut.bounds[first]
    end = reading.start + cut.bounds[last]
    return Reading(start, end, reading.text[cut.bounds[first] : cut.bounds[last]])
