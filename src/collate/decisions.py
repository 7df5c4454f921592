"""The editor's decisions: corrections to the machine's collation, kept in a file next to the
witnesses and applied again after every re-collation.

A decisions file is TOML, one ``[[decision]]`` table per decision, in the order they were
made::

    version = 1
    grouping = "phrases"             # the grouping the decisions were made on (--grouping)

    [[decision]]
    action = "merge"                 # merge, split, lemma, class, note or drop
    units = "u54 u55"                # the ids when it was made (for the reader; not used)
    [decision.readings]              # the passage, in each witness
    M = { exact = "support … to support the", prefix = "…", suffix = "…", start = 14439 }
    B = { exact = "development … to support those", prefix = "…", suffix = "…", start = 14267 }

    [[decision]]
    action = "split"
    units = "u20"
    at = { M = 40 }                  # where to cut: offsets into the readings above
    [decision.readings]
    …

A decision finds its place the way a W3C Web Annotation does: by the exact text of each
witness's reading with some text before (``prefix``) and after (``suffix``) it, the reading's
offset (``start``) serving only as a hint. So a decision survives edits elsewhere in the
witnesses (offsets shift; diff-match-patch's ``match_main`` finds where the passage went), and
one whose passage was rewritten no longer anchors: it is reported as not applied, with the
reason, and stays in the file.

A decision is made on units, and units depend on how differences are grouped
(`collate.Grouping`): a merge of two word units is no decision on the phrase that holds them.
So the file records the grouping its decisions were made on (``grouping``), `add` refuses a
decision made on another, and `recorded_grouping` tells a caller which grouping to collate
with before applying them (the command line's ``--grouping`` defaults to it). A file without
the key (written before it was recorded) names no grouping.

`apply` is pure: it takes a collation and the decisions and returns a new collation with every
decision that anchors applied in order, each unit renumbered ``u1``, ``u2``… in base order, and
`Collation.decisions` saying which applied. Every character of every witness still lies in one
agreement or one reading, so every witness rebuilds exactly (`Collation.rebuild`). `load`,
`save`, `add` and `undo` read and write the file (atomically, under a folder lock); the builders
`merge`, `split`, `lemma`, `set_class`, `note` and `drop` make a decision from unit ids of a
collation with the decisions so far applied, refusing one that contradicts them.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import fcntl
import json
import os
import stat
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from collate.engine import Grouping
from collate.errors import CollateError
from collate.model import (
    Agreement,
    Collation,
    Decision,
    DecisionAction,
    Outcome,
    Quote,
    Reading,
    Unit,
    UnitType,
    VariantClass,
)

Action = DecisionAction
"""What a decision does (`collate.model.DecisionAction`)."""

__all__ = [
    "CONTEXT",
    "Action",
    "Decided",
    "Decision",
    "DecisionsError",
    "Outcome",
    "Quote",
    "add",
    "anchors",
    "apply",
    "drop",
    "lemma",
    "load",
    "loads",
    "merge",
    "note",
    "other_grouping",
    "recorded_grouping",
    "save",
    "set_class",
    "split",
    "undo",
]

CONTEXT = 32
"""Characters of context kept before and after each quoted reading."""
FILE_VERSION = 1


class DecisionsError(CollateError, ValueError):
    """A decisions file that cannot be read or applied, or a decision that cannot be made."""


@dataclass(frozen=True, slots=True)
class Decided:
    """A collation with the editor's decisions applied."""

    collation: Collation
    """The new collation; its `Collation.decisions` are `outcomes`."""
    outcomes: tuple[Outcome, ...]
    """Each decision, in file order, with whether it applied and why not."""

    @property
    def not_applied(self) -> tuple[Outcome, ...]:
        """The decisions that no longer anchor."""
        return tuple(o for o in self.outcomes if not o.applied)


# ---------------------------------------------------------------------------------------------
# Applying


def apply(
    collation: Collation,
    decisions: Sequence[Decision],
    *,
    classes: Callable[[UnitType, dict[str, Reading]], VariantClass] | None = None,
) -> Decided:
    """The collation with the decisions applied in order, each anchored where its passage now
    stands; those that no longer anchor are reported, not applied.

    ``classes`` classes a unit made by a merge or split (default: `collate.classify.classify`
    with the default rules).

    >>> from collate import collate, witness_from_text
    >>> a = witness_from_text("the black cat sat on the mat", "A")
    >>> b = witness_from_text("the cat sat on a mat", "B")
    >>> machine = collate([a, b])
    >>> [u.readings["A"].text for u in machine.units]
    ['black ', 'the']
    >>> decided = apply(machine, [merge(machine, ["u1", "u2"])])
    >>> [(u.id, u.readings["A"].text, u.readings["B"].text) for u in decided.collation.units]
    [('u1', 'black cat sat on the', 'cat sat on a')]
    >>> decided.collation.rebuild("B") == b.text
    True

    Raises:
        DecisionsError: a decision names a witness the collation does not have.
    """
    if classes is None:
        classes = _default_classes()
    sigla = set(collation.sigla)
    for number, decision in enumerate(decisions, start=1):
        unknown = sorted(set(decision.readings) - sigla)
        if unknown:
            raise DecisionsError(
                f"decision {number} ({decision.action.value}) names witness {unknown[0]!r}, "
                f"which is not collated here (the witnesses: {', '.join(collation.sigla)})"
            )
    current = collation
    results: list[tuple[Decision, str]] = []
    for index, decision in enumerate(decisions):
        try:
            current = _apply_one(current, decision, index, classes)
            results.append((decision, ""))
        except _NotApplied as reason:
            results.append((decision, str(reason)))
    current = _regrouped(current)
    final_units: dict[int, str] = {}
    for unit in current.units:
        for index in unit.decisions:
            final_units.setdefault(index, unit.id)
    outcomes = tuple(
        Outcome(decision, not reason, reason, final_units.get(index, "") if not reason else "")
        for index, (decision, reason) in enumerate(results)
    )
    return Decided(replace(current, decisions=outcomes), outcomes)


def anchors(collation: Collation, decision: Decision) -> bool:
    """Whether every witness of the collation still reads the decision's passage (found as
    `apply` finds it), whatever the units there now: a decision that anchors but does not apply
    met its passage grouped otherwise (made on another ``--grouping``, say), not rewritten."""
    if any(s not in decision.readings for s in collation.sigla):
        return False
    try:
        for s in collation.sigla:
            _anchor(collation.witness(s).text, decision.readings[s], s)
    except _NotApplied:
        return False
    return True


class _NotApplied(Exception):
    """A decision that does not anchor; its message says why."""


def _regrouped(collation: Collation) -> Collation:
    """The units decisions touched with their groups of readings found anew
    (`collate.engine.reading_groups`): a split, a merge or another lemma changes them."""
    from collate.engine import reading_groups

    units = tuple(
        replace(unit, groups=reading_groups(collation, unit)) if unit.decisions else unit
        for unit in collation.units
    )
    return replace(collation, units=units)


def _default_classes() -> Callable[[UnitType, dict[str, Reading]], VariantClass]:
    from collate.engine import classify
    from collate.rules import normalizer as make_normalizer

    normalizer = make_normalizer()
    return lambda kind, readings: classify(kind, readings, normalizer)


def _apply_one(
    collation: Collation,
    decision: Decision,
    index: int,
    classes: Callable[[UnitType, dict[str, Reading]], VariantClass],
) -> Collation:
    missing = [s for s in collation.sigla if s not in decision.readings]
    if missing:
        raise _NotApplied(f"it does not quote witness {missing[0]} (added since it was made)")
    spans = {
        s: _anchor(collation.witness(s).text, decision.readings[s], s) for s in collation.sigla
    }
    if decision.action is Action.MERGE:
        return _merge(collation, spans, index, classes)
    position = _unit_at(collation, spans)
    unit = collation.units[position]
    if unit.dropped and decision.action is not Action.DROP:
        raise _NotApplied(f"{unit.id} was dropped by an earlier decision")
    if decision.action is Action.SPLIT:
        return _split(collation, position, decision.at, index, classes)
    if decision.action is Action.DROP:
        changed = replace(unit, dropped=True)
    elif decision.action is Action.CLASS:
        assert decision.variant_class is not None
        changed = replace(unit, variant_class=decision.variant_class)
    elif decision.action is Action.NOTE:
        changed = replace(unit, note=decision.note)
    elif decision.text:
        changed = replace(unit, conjecture=decision.text)
    else:
        changed = _with_lemma(collation, unit, decision.witness)
    changed = replace(changed, decisions=(*unit.decisions, index))
    units = list(collation.units)
    units[position] = changed
    return replace(collation, units=tuple(units))


def _with_lemma(collation: Collation, unit: Unit, siglum: str) -> Unit:
    if siglum not in collation.sigla:
        raise _NotApplied(f"no witness {siglum} to take the lemma from")
    base = collation.base.siglum
    kind = _type_seen_from(unit, siglum)
    return replace(unit, lemma="" if siglum == base else siglum, type=kind, conjecture="")


def _anchor(text: str, quote: Quote, siglum: str) -> tuple[int, int]:
    """Where the quoted reading stands in ``text`` now."""
    start = _locate(text, quote)
    if start is None:
        raise _NotApplied(f"{siglum} no longer reads {_short(quote.exact or quote.prefix)} there")
    return start, start + len(quote.exact)


def _locate(text: str, quote: Quote) -> int | None:
    """The offset of the quote's reading in ``text``: the occurrence of its exact text whose
    surroundings best match its prefix and suffix, nearest where the passage now stands; None
    when the exact text is nowhere with enough of its context."""
    exact, prefix, suffix = quote.exact, quote.prefix, quote.suffix
    if _context(text, quote, quote.start) == len(prefix) + len(suffix) and (
        text[quote.start : quote.start + len(exact)] == exact
    ):
        return quote.start
    needle = exact or prefix + suffix
    shift = 0 if exact else len(prefix)
    if not needle:
        return None
    candidates = _occurrences(text, needle, shift)
    if not candidates and not exact:
        # an omission's place whose surroundings changed on one side
        candidates = _occurrences(text, prefix[-16:], len(prefix[-16:])) if prefix else []
        candidates += _occurrences(text, suffix[:16], 0) if suffix else []
    if not candidates:
        return None
    scored = [(_context(text, quote, c), c) for c in candidates]
    best = max(score for score, _ in scored)
    # a short reading ("the") is found everywhere: half its context must still be there
    if best * 2 < len(prefix) + len(suffix):
        return None
    near = _expected(text, quote)
    return min((abs(c - near), c) for score, c in scored if score == best)[1]


def _occurrences(text: str, needle: str, shift: int) -> list[int]:
    found, places = text.find(needle), list[int]()
    while found != -1 and len(places) < 10_000:
        places.append(found + shift)
        found = text.find(needle, found + 1)
    return places


def _context(text: str, quote: Quote, start: int) -> int:
    """How many characters of the quote's prefix and suffix surround ``start``."""
    if start < 0 or start > len(text):
        return 0
    before = text[max(0, start - len(quote.prefix)) : start]
    matched = 0
    for a, b in zip(reversed(before), reversed(quote.prefix), strict=False):
        if a != b:
            break
        matched += 1
    end = start + len(quote.exact)
    after = text[end : end + len(quote.suffix)]
    for a, b in zip(after, quote.suffix, strict=False):
        if a != b:
            break
        matched += 1
    return matched


def _expected(text: str, quote: Quote) -> int:
    """Where the passage probably stands now: diff-match-patch's fuzzy match of its opening,
    with its context, near the old offset."""
    from diff_match_patch import diff_match_patch

    matcher = diff_match_patch()
    matcher.Match_Distance = 100_000
    lead = quote.prefix[-16:]
    pattern = (lead + quote.exact + quote.suffix)[: matcher.Match_MaxBits]
    if not pattern.strip():
        return quote.start
    hint = max(0, min(len(text), quote.start - len(lead)))
    found = matcher.match_main(text, pattern, hint)
    return quote.start if found == -1 else found + len(lead)


def _unit_at(collation: Collation, spans: Mapping[str, tuple[int, int]]) -> int:
    for position, unit in enumerate(collation.units):
        if all((unit.readings[s].start, unit.readings[s].end) == spans[s] for s in spans):
            return position
    raise _NotApplied("no unit has these readings now (the collation changed here)")


def _merge(
    collation: Collation,
    spans: Mapping[str, tuple[int, int]],
    index: int,
    classes: Callable[[UnitType, dict[str, Reading]], VariantClass],
) -> Collation:
    units = collation.units

    def inside(unit: Unit) -> bool:
        return all(
            spans[s][0] <= unit.readings[s].start and unit.readings[s].end <= spans[s][1]
            for s in spans
        )

    chosen = [p for p, unit in enumerate(units) if inside(unit)]
    firsts = [p for p in chosen if all(units[p].readings[s].start == spans[s][0] for s in spans)]
    lasts = [p for p in chosen if all(units[p].readings[s].end == spans[s][1] for s in spans)]
    if len(chosen) < 2 or not firsts or not lasts:
        raise _NotApplied("the units it joined are not there now (the collation changed here)")
    if chosen != list(range(chosen[0], chosen[-1] + 1)):
        raise _NotApplied("another unit now stands between the units it joined")
    for p, unit in enumerate(units):
        if p in chosen:
            continue
        for s in spans:
            r = unit.readings[s]
            if spans[s][0] < r.end and r.start < spans[s][1]:
                raise _NotApplied(f"{unit.id} crosses the passage in {s}")
    dropped = [units[p].id for p in chosen if units[p].dropped]
    if dropped:
        raise _NotApplied(f"{dropped[0]} was dropped by an earlier decision")
    moved = [units[p].id for p in chosen if units[p].moved]
    if moved:
        raise _NotApplied(f"{moved[0]} is a transposition across places, which is not merged")
    readings = {s: Reading(a, b, collation.witness(s).text[a:b]) for s, (a, b) in spans.items()}
    first = units[chosen[0]]
    kind = _unit_type(readings, first.lemma_siglum(collation.base.siglum))
    joined = Unit(
        id=first.id,
        type=kind,
        segment=first.segment,
        readings=readings,
        variant_class=classes(kind, readings),
        lacunae=tuple(s for s in collation.sigla if any(s in units[p].lacunae for p in chosen)),
        lemma=first.lemma,
        decisions=tuple(sorted({d for p in chosen for d in units[p].decisions} | {index})),
    )
    base = collation.base.siglum
    kept_agreements = tuple(
        a for a in collation.agreements if not (spans[base][0] <= a.starts[base] < spans[base][1])
    )
    for a in collation.agreements:
        inside_base = spans[base][0] <= a.starts[base] < spans[base][1]
        for s in spans:
            if inside_base != (spans[s][0] <= a.starts[s] < spans[s][1]):
                raise _NotApplied(f"the shared text between the units is not shared in {s}")
    new_units = (*units[: chosen[0]], joined, *units[chosen[-1] + 1 :])
    return _renumbered(replace(collation, units=new_units, agreements=kept_agreements))


def _split(
    collation: Collation,
    position: int,
    at: Mapping[str, int],
    index: int,
    classes: Callable[[UnitType, dict[str, Reading]], VariantClass],
) -> Collation:
    unit = collation.units[position]
    if unit.moved:
        raise _NotApplied(f"{unit.id} is a transposition across places, which is not split")
    cuts: dict[str, int] = {}
    for siglum, offset in at.items():
        reading = unit.readings[siglum]
        if not 0 <= offset <= len(reading.text):
            raise _NotApplied(
                f"the cut {siglum}+{offset} lies outside {siglum}'s reading "
                f"({len(reading.text)} characters)"
            )
        cut = reading.start + offset
        text = collation.witness(siglum).text
        # whitespace goes with the word before it, as a token's does
        while cut < reading.end and text[cut].isspace() and cut > reading.start:
            cut += 1
        cuts[siglum] = cut
    reference = next(iter(at))
    for siglum in collation.sigla:
        if siglum not in cuts:
            cuts[siglum] = _aligned_cut(collation, unit, reference, cuts[reference], siglum)
    cuts = _agreeing_cuts(collation, unit, cuts)
    pieces = []
    for part in (0, 1):
        readings = {}
        for s in collation.sigla:
            r, text = unit.readings[s], collation.witness(s).text
            a, b = (r.start, cuts[s]) if part == 0 else (cuts[s], r.end)
            readings[s] = Reading(a, b, text[a:b])
        pieces.append(readings)
    if all(pieces[0][s].text == "" for s in pieces[0]) or all(
        pieces[1][s].text == "" for s in pieces[1]
    ):
        raise _NotApplied(f"the cut lies at an edge of {unit.id} in every witness")
    agreements = list(collation.agreements)
    made: list[Unit] = []
    lemma = unit.lemma_siglum(collation.base.siglum)
    for readings in pieces:
        texts = {r.text for r in readings.values()}
        if len(texts) == 1:
            shared = texts.pop()
            if shared:
                agreements.append(Agreement(shared, {s: r.start for s, r in readings.items()}))
            continue
        kind = _unit_type(readings, lemma)
        made.append(
            replace(
                unit,
                type=kind,
                readings=readings,
                variant_class=classes(kind, readings),
                lacunae=tuple(s for s in unit.lacunae if _lacks(readings[s])),
                moved_words=None,
                decisions=(*unit.decisions, index),
            )
        )
    base = collation.base.siglum
    agreements.sort(key=lambda a: a.starts[base])
    units = (*collation.units[:position], *made, *collation.units[position + 1 :])
    return _renumbered(replace(collation, units=units, agreements=_joined(agreements, base)))


def _agreeing_cuts(collation: Collation, unit: Unit, cuts: dict[str, int]) -> dict[str, int]:
    """The cuts moved across whitespace where that makes one piece text every witness shares
    (``illusion `` and ``illusion``: the space goes to the other piece)."""
    texts = {s: collation.witness(s).text for s in cuts}
    left = {s: texts[s][unit.readings[s].start : cuts[s]] for s in cuts}
    right = {s: texts[s][cuts[s] : unit.readings[s].end] for s in cuts}
    if len(set(left.values())) > 1 and len({t.rstrip() for t in left.values()}) == 1:
        return {s: unit.readings[s].start + len(left[s].rstrip()) for s in cuts}
    if len(set(right.values())) > 1 and len({t.lstrip() for t in right.values()}) == 1:
        return {s: unit.readings[s].end - len(right[s].lstrip()) for s in cuts}
    return cuts


def _lacks(reading: Reading) -> bool:
    from collate.model import is_lacuna

    return reading.is_empty or is_lacuna(reading.text)


def _aligned_cut(collation: Collation, unit: Unit, reference: str, cut: int, siglum: str) -> int:
    """Where ``siglum``'s reading is cut when ``reference``'s is cut at ``cut``: before the
    word aligned with the reference's next word, or proportionally inside a stretch of words
    that do not align."""
    ours = _reading_tokens(collation, reference, unit.readings[reference])
    theirs = _reading_tokens(collation, siglum, unit.readings[siglum])
    reading = unit.readings[siglum]
    if not theirs:
        return reading.start if cut <= unit.readings[reference].start else reading.end
    k = sum(1 for t in ours if t.start < cut)
    matcher = difflib.SequenceMatcher(
        None, [t.normalized for t in ours], [t.normalized for t in theirs], autojunk=False
    )
    pairs = [
        (block.a + n, block.b + n)
        for block in matcher.get_matching_blocks()
        for n in range(block.size)
    ]
    target: float | None = next((j for i, j in pairs if i == k), None)
    if target is None:
        low_i, low_j = -1, -1
        high_i, high_j = len(ours), len(theirs)
        for i, j in pairs:
            if i < k and i > low_i:
                low_i, low_j = i, j
            if i > k and i < high_i:
                high_i, high_j = i, j
        share = (k - low_i - 1) / max(1, high_i - low_i - 1)
        target = low_j + 1 + round(share * (high_j - low_j - 1))
    j = int(target)
    if j <= 0:
        return reading.start
    if j >= len(theirs):
        return reading.end
    return theirs[j].start


def _reading_tokens(collation: Collation, siglum: str, reading: Reading) -> list[_TokenView]:
    witness = collation.witness(siglum)
    starts = [t.start for t in witness.tokens]
    first = bisect.bisect_left(starts, reading.start)
    last = bisect.bisect_left(starts, reading.end)
    return [_TokenView(t.start, t.normalized) for t in witness.tokens[first:last]]


@dataclass(frozen=True, slots=True)
class _TokenView:
    start: int
    normalized: str


def _joined(agreements: list[Agreement], base: str) -> tuple[Agreement, ...]:
    """Agreements that follow one another in every witness joined into one."""
    joined: list[Agreement] = []
    for agreement in agreements:
        if joined:
            last = joined[-1]
            if all(
                last.starts[s] + len(last.text) == agreement.starts[s] for s in agreement.starts
            ):
                joined[-1] = Agreement(last.text + agreement.text, last.starts)
                continue
        joined.append(agreement)
    return tuple(joined)


def _renumbered(collation: Collation) -> Collation:
    units = tuple(
        replace(unit, id=f"u{number}") for number, unit in enumerate(collation.units, start=1)
    )
    return replace(collation, units=units)


def _unit_type(readings: Mapping[str, Reading], lemma: str) -> UnitType:
    """The type of a unit with these readings, seen from the lemma's witness (the engine's
    own rule, `collate.engine.unit_type`)."""
    from collate.engine import unit_type

    return unit_type(dict(readings), lemma)


def _type_seen_from(unit: Unit, lemma: str) -> UnitType:
    """The unit's type seen from the lemma's witness: a transposition stays one where a
    witness moved the words against it (`collate.engine.type_seen_from`)."""
    from collate.engine import type_seen_from

    return type_seen_from(unit, lemma)


# ---------------------------------------------------------------------------------------------
# Making decisions from unit ids


def merge(collation: Collation, ids: Sequence[str]) -> Decision:
    """A decision joining the neighbouring units ``ids`` (two or more, in any order).

    Raises:
        DecisionsError: an unknown id, fewer than two units, units that are not neighbours,
            a unit an earlier decision dropped, or another unit inside the passage in some
            witness (a transposition's other place).
    """
    positions = sorted(_position(collation, i) for i in ids)
    if len(set(positions)) < 2:
        raise DecisionsError("merge: give two or more neighbouring units, as u17 u18")
    if positions != list(range(positions[0], positions[-1] + 1)):
        raise DecisionsError(
            f"merge: {' '.join(ids)} are not neighbours (units lie between them); name every "
            "unit from the first to the last"
        )
    chosen = [collation.units[p] for p in positions]
    for unit in chosen:
        _refuse_if_dropped(collation, unit, "merge")
        if unit.moved:
            raise DecisionsError(f"merge: {unit.id} is a transposition across places")
    spans = {s: (chosen[0].readings[s].start, chosen[-1].readings[s].end) for s in collation.sigla}
    if any(a > b for a, b in spans.values()):
        raise DecisionsError(
            f"merge: {' '.join(ids)} do not stand in the same order in every witness"
        )
    for p, unit in enumerate(collation.units):
        if p in positions:
            continue
        for s, (start, end) in spans.items():
            reading = unit.readings[s]
            if start < reading.end and reading.start < end:
                # a transposition's other place, say, inside the passage in one witness: the
                # merged unit would hold its words twice
                raise DecisionsError(
                    f"merge: {unit.id} lies inside the passage from {chosen[0].id} to "
                    f"{chosen[-1].id} in {s}; a merge cannot take in part of another unit"
                )
    return Decision(Action.MERGE, _quotes(collation, spans), units=" ".join(u.id for u in chosen))


def split(collation: Collation, unit_id: str, at: Mapping[str, int]) -> Decision:
    """A decision cutting unit ``unit_id`` at the code-point offsets ``at`` (by siglum: one
    witness or more; the others are cut where the words align).

    Raises:
        DecisionsError: an unknown id or siglum, no offset, an offset outside the unit's
            reading, a unit an earlier decision dropped, or a cut already made there.
    """
    unit = collation.units[_position(collation, unit_id)]
    _refuse_if_dropped(collation, unit, "split")
    if not at:
        raise DecisionsError(f"split: say where to cut {unit_id}, as --at M:10456")
    relative = {}
    for siglum, offset in at.items():
        if siglum not in unit.readings:
            raise DecisionsError(
                f"split --at {siglum}:{offset}: no witness {siglum!r} "
                f"(the witnesses: {', '.join(collation.sigla)})"
            )
        reading = unit.readings[siglum]
        if not reading.start < offset < reading.end:
            raise DecisionsError(
                f"split --at {siglum}:{offset}: {unit_id} reads {siglum}:{reading.start}-"
                f"{reading.end}; cut strictly inside it"
            )
        relative[siglum] = offset - reading.start
    spans = {s: (r.start, r.end) for s, r in unit.readings.items()}
    decision = Decision(Action.SPLIT, _quotes(collation, spans), at=relative, units=unit.id)
    result = apply(collation, [decision])
    if not result.outcomes[0].applied:
        raise DecisionsError(f"split {unit_id}: {result.outcomes[0].reason}")
    return decision


def lemma(
    collation: Collation, unit_id: str, witness: str | None = None, text: str | None = None
) -> Decision:
    """A decision printing ``witness``'s reading as the lemma of ``unit_id``, or ``text``, the
    editor's own reading (a conjecture).

    Raises:
        DecisionsError: an unknown id or siglum, both or neither of witness and text, or a
            lemma already decided for the unit.
    """
    unit = _target(collation, unit_id, Action.LEMMA)
    if (witness is None) == (text is None):
        raise DecisionsError("lemma: give either a siglum or --text (a conjecture), not both")
    if witness is not None and witness not in collation.sigla:
        raise DecisionsError(
            f"lemma {unit_id} {witness}: no witness {witness!r} "
            f"(the witnesses: {', '.join(collation.sigla)})"
        )
    if text is not None and not text.strip():
        raise DecisionsError("lemma --text: the conjecture is empty")
    return Decision(
        Action.LEMMA,
        _unit_quotes(collation, unit),
        witness=witness or "",
        text=text or "",
        units=unit.id,
    )


def set_class(collation: Collation, unit_id: str, variant_class: str) -> Decision:
    """A decision giving unit ``unit_id`` the class ``variant_class``.

    Raises:
        DecisionsError: an unknown id or class, or a class already decided for the unit.
    """
    known = [c.value for c in VariantClass]
    if variant_class not in known:
        raise DecisionsError(
            f"class {unit_id} {variant_class}: no such class (the classes: {', '.join(known)})"
        )
    unit = _target(collation, unit_id, Action.CLASS)
    return Decision(
        Action.CLASS,
        _unit_quotes(collation, unit),
        variant_class=VariantClass(variant_class),
        units=unit.id,
    )


def note(collation: Collation, unit_id: str, text: str) -> Decision:
    """A decision attaching the note ``text`` to unit ``unit_id``.

    Raises:
        DecisionsError: an unknown id, an empty note, or a note already on the unit.
    """
    if not text.strip():
        raise DecisionsError(f"note {unit_id}: the note is empty")
    unit = _target(collation, unit_id, Action.NOTE)
    return Decision(Action.NOTE, _unit_quotes(collation, unit), note=text, units=unit.id)


def drop(collation: Collation, unit_id: str) -> Decision:
    """A decision judging unit ``unit_id`` no variant.

    Raises:
        DecisionsError: an unknown id, or a unit already dropped.
    """
    unit = _target(collation, unit_id, Action.DROP)
    return Decision(Action.DROP, _unit_quotes(collation, unit), units=unit.id)


def _position(collation: Collation, unit_id: str) -> int:
    for position, unit in enumerate(collation.units):
        if unit.id == unit_id:
            return position
    last = collation.units[-1].id if collation.units else "none"
    raise DecisionsError(f"no unit {unit_id!r} (the units are u1 to {last})")


def _target(collation: Collation, unit_id: str, action: Action) -> Unit:
    unit = collation.units[_position(collation, unit_id)]
    _refuse_if_dropped(collation, unit, action.value)
    for index in unit.decisions:
        earlier = collation.decisions[index].decision if index < len(collation.decisions) else None
        if earlier is not None and earlier.action is action:
            raise DecisionsError(
                f"{action.value} {unit_id}: decision {index + 1} already does that "
                f"({earlier.describe()}); undo it first"
            )
    return unit


def _refuse_if_dropped(collation: Collation, unit: Unit, verb: str) -> None:
    if unit.dropped:
        number = next(
            (
                i + 1
                for i in unit.decisions
                if i < len(collation.decisions)
                and collation.decisions[i].decision.action is Action.DROP
            ),
            0,
        )
        raise DecisionsError(
            f"{verb} {unit.id}: {unit.id} was dropped as no variant (decision {number}); "
            "undo that first"
        )


def _unit_quotes(collation: Collation, unit: Unit) -> dict[str, Quote]:
    return _quotes(collation, {s: (r.start, r.end) for s, r in unit.readings.items()})


def _quotes(collation: Collation, spans: Mapping[str, tuple[int, int]]) -> dict[str, Quote]:
    quotes = {}
    for siglum in collation.sigla:
        start, end = spans[siglum]
        text = collation.witness(siglum).text
        quotes[siglum] = Quote(
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT) : start],
            suffix=text[end : end + CONTEXT],
            start=start,
        )
    return quotes


# ---------------------------------------------------------------------------------------------
# The file


def loads(source: str, name: str = "<decisions>") -> tuple[Decision, ...]:
    """The decisions of a decisions file's text; ``name`` names the file in errors.

    Raises:
        DecisionsError: the text is not TOML, or a decision is malformed (an unknown action or
            class, a missing quote, a split with no cut, two splits at one place).
    """
    return _parsed(source, name)[0]


def _parsed(source: str, name: str) -> tuple[tuple[Decision, ...], Grouping | None]:
    """The decisions of a decisions file's text, and the grouping it records (None: none)."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise DecisionsError(f"{name}: not valid TOML: {error}") from None
    version = data.get("version", FILE_VERSION)
    if version != FILE_VERSION:
        raise DecisionsError(f"{name}: version {version!r}: this collate reads version 1")
    unknown = sorted(set(data) - {"version", "grouping", "decision"})
    if unknown:
        raise DecisionsError(f"{name}: unknown key {unknown[0]!r} (expected [[decision]] tables)")
    grouping = data.get("grouping")
    if grouping is not None and grouping not in {g.value for g in Grouping}:
        raise DecisionsError(
            f"{name}: grouping {grouping!r}: no such grouping (the groupings: "
            f"{', '.join(g.value for g in Grouping)})"
        )
    tables = data.get("decision", [])
    if not isinstance(tables, list):
        raise DecisionsError(f"{name}: 'decision' must be an array of tables ([[decision]])")
    decisions = tuple(
        _decision(table, f"{name}: decision {n}") for n, table in enumerate(tables, start=1)
    )
    _check_splits(decisions, name)
    return decisions, None if grouping is None else Grouping(grouping)


def _decision(table: object, where: str) -> Decision:
    if not isinstance(table, dict):
        raise DecisionsError(f"{where}: not a table")
    actions = [a.value for a in Action]
    action = table.get("action")
    if action not in actions:
        raise DecisionsError(
            f"{where}: unknown action {action!r} (the actions: {', '.join(actions)})"
        )
    keys = {"action", "readings", "units", "at", "witness", "text", "class", "note"}
    extra = sorted(set(table) - keys)
    if extra:
        raise DecisionsError(f"{where}: unknown key {extra[0]!r}")
    readings = table.get("readings")
    if not isinstance(readings, dict) or len(readings) < 2:
        raise DecisionsError(f"{where}: 'readings' must quote the passage in every witness")
    quotes = {
        siglum: _quote(value, f"{where}: readings.{siglum}") for siglum, value in readings.items()
    }
    units = _string(table, "units", where)
    kind = Action(action)
    return _DETAILS[kind](table, where, Decision(kind, quotes, units=units))


def _split_details(table: dict[str, object], where: str, decision: Decision) -> Decision:
    at = table.get("at")
    if not isinstance(at, dict) or not at:
        raise DecisionsError(f"{where}: a split needs 'at', where to cut, as at = {{ M = 40 }}")
    for siglum, offset in at.items():
        if siglum not in decision.readings:
            raise DecisionsError(f"{where}: at.{siglum}: the decision quotes no witness {siglum!r}")
        length = len(decision.readings[siglum].exact)
        if not isinstance(offset, int) or isinstance(offset, bool) or not 0 < offset < length:
            raise DecisionsError(
                f"{where}: at.{siglum} = {offset!r}: give an offset inside the reading "
                f"(1 to {length - 1})"
            )
    return replace(decision, at=dict(at))


def _lemma_details(table: dict[str, object], where: str, decision: Decision) -> Decision:
    witness, text = _string(table, "witness", where), _string(table, "text", where)
    if bool(witness) == bool(text):
        raise DecisionsError(f"{where}: a lemma needs either 'witness' or 'text'")
    if witness and witness not in decision.readings:
        raise DecisionsError(f"{where}: witness {witness!r}: the decision quotes no such witness")
    return replace(decision, witness=witness, text=text)


def _class_details(table: dict[str, object], where: str, decision: Decision) -> Decision:
    name = table.get("class")
    known = [c.value for c in VariantClass]
    if not isinstance(name, str) or name not in known:
        raise DecisionsError(
            f"{where}: class {name!r}: no such class (the classes: {', '.join(known)})"
        )
    return replace(decision, variant_class=VariantClass(name))


def _note_details(table: dict[str, object], where: str, decision: Decision) -> Decision:
    text = _string(table, "note", where)
    if not text.strip():
        raise DecisionsError(f"{where}: a note needs 'note', its text")
    return replace(decision, note=text)


def _no_details(table: dict[str, object], where: str, decision: Decision) -> Decision:
    return decision


_DETAILS: dict[Action, Callable[[dict[str, object], str, Decision], Decision]] = {
    Action.MERGE: _no_details,
    Action.SPLIT: _split_details,
    Action.LEMMA: _lemma_details,
    Action.CLASS: _class_details,
    Action.NOTE: _note_details,
    Action.DROP: _no_details,
}


def _quote(value: object, where: str) -> Quote:
    if not isinstance(value, dict) or not isinstance(value.get("exact"), str):
        raise DecisionsError(f'{where}: give the reading as {{ exact = "…", start = 0 }}')
    extra = sorted(set(value) - {"exact", "prefix", "suffix", "start"})
    if extra:
        raise DecisionsError(f"{where}: unknown key {extra[0]!r}")
    start = value.get("start", 0)
    if not isinstance(start, int) or isinstance(start, bool) or start < 0:
        raise DecisionsError(f"{where}: start = {start!r}: give a code-point offset")
    prefix, suffix = value.get("prefix", ""), value.get("suffix", "")
    if not isinstance(prefix, str) or not isinstance(suffix, str):
        raise DecisionsError(f"{where}: prefix and suffix must be strings")
    return Quote(value["exact"], prefix, suffix, start)


def _string(table: dict[str, object], key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise DecisionsError(f"{where}: {key} = {value!r}: must be a string")
    return value


def _check_splits(decisions: Sequence[Decision], name: str) -> None:
    seen: dict[tuple[object, ...], int] = {}
    for number, decision in enumerate(decisions, start=1):
        if decision.action is not Action.SPLIT:
            continue
        for siglum, offset in decision.at.items():
            quote = decision.readings[siglum]
            place = (siglum, quote.prefix + quote.exact[:offset], quote.start + offset)
            if place in seen:
                raise DecisionsError(
                    f"{name}: decisions {seen[place]} and {number} split at the same place "
                    f"({siglum}:{quote.start + offset}); keep one"
                )
            seen[place] = number


def load(path: str | os.PathLike[str]) -> tuple[Decision, ...]:
    """The decisions in the file at ``path``; none when it does not exist yet.

    Raises:
        DecisionsError: the file cannot be read, or `loads` refuses it.
    """
    return _read(path)[0]


def recorded_grouping(path: str | os.PathLike[str]) -> Grouping | None:
    """The grouping the decisions in the file at ``path`` were made on (`collate.Grouping`);
    None when the file does not exist yet or records none.

    Raises:
        DecisionsError: the file cannot be read, or `loads` refuses it.
    """
    return _read(path)[1]


def _read(path: str | os.PathLike[str]) -> tuple[tuple[Decision, ...], Grouping | None]:
    path = Path(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO blocks, /dev/zero never ends
            raise DecisionsError(
                f"{path}: is not a regular file (a directory, FIFO or device); give the "
                "decisions file"
            )
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return (), None
    except (OSError, UnicodeDecodeError) as error:
        raise DecisionsError(f"{path}: cannot be read: {error}") from None
    return _parsed(source, str(path))


def dumps(decisions: Sequence[Decision], grouping: Grouping | None = None) -> str:
    """The decisions as a decisions file's text (TOML, one line per witness's quote), with
    the grouping they were made on when one is given.

    >>> q = {"M": Quote("only", "the ", " one", 10), "B": Quote("just", "the ", " one", 9)}
    >>> print(dumps([Decision(Action.CLASS, q, variant_class=VariantClass.ORTHOGRAPHIC)]))
    # The editor's decisions on a collate collation (README: "The editor's decisions").
    version = 1
    <BLANKLINE>
    [[decision]]
    action = "class"
    class = "orthographic"
    [decision.readings]
    M = { exact = "only", prefix = "the ", suffix = " one", start = 10 }
    B = { exact = "just", prefix = "the ", suffix = " one", start = 9 }
    <BLANKLINE>
    """
    lines = [
        "# The editor's decisions on a collate collation (README: \"The editor's decisions\").",
        f"version = {FILE_VERSION}",
    ]
    if grouping is not None:
        lines.append(f"grouping = {_toml(Grouping(grouping).value)}")
    for decision in decisions:
        lines += ["", "[[decision]]", f"action = {_toml(decision.action.value)}"]
        if decision.units:
            lines.append(f"units = {_toml(decision.units)}")
        if decision.at:
            cuts = ", ".join(f"{_key(s)} = {o}" for s, o in decision.at.items())
            lines.append(f"at = {{ {cuts} }}")
        if decision.witness:
            lines.append(f"witness = {_toml(decision.witness)}")
        if decision.text:
            lines.append(f"text = {_toml(decision.text)}")
        if decision.variant_class is not None:
            lines.append(f"class = {_toml(decision.variant_class.value)}")
        if decision.note:
            lines.append(f"note = {_toml(decision.note)}")
        lines.append("[decision.readings]")
        for siglum, quote in decision.readings.items():
            lines.append(
                f"{_key(siglum)} = {{ exact = {_toml(quote.exact)}, prefix = {_toml(quote.prefix)}"
                f", suffix = {_toml(quote.suffix)}, start = {quote.start} }}"
            )
    return "\n".join(lines) + "\n"


def _toml(value: str) -> str:
    # a JSON string is a TOML basic string, but for DEL, which TOML wants escaped
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007F")


def _key(siglum: str) -> str:
    bare = siglum.replace("-", "").replace("_", "")
    return siglum if bare.isascii() and bare.isalnum() else _toml(siglum)


def save(
    path: str | os.PathLike[str],
    decisions: Sequence[Decision],
    grouping: Grouping | None = None,
) -> None:
    """Write the decisions (made on ``grouping``, when given) to ``path`` atomically (a
    temporary file renamed over it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(dumps(decisions, grouping))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the lock of the decisions file's folder while the block runs, so two edits at once
    are made one after the other and neither is lost.

    The lock is ``flock`` on a descriptor of the folder itself, so no lock file is left beside
    the decisions file (or beside a witness named by mistake as one)."""
    folder = Path(path).parent
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def add(
    path: str | os.PathLike[str],
    make: Callable[[tuple[Decision, ...]], Decision],
    grouping: Grouping | None = None,
) -> Decision:
    """Add a decision to the file at ``path``: under the file's lock, the file is read again,
    ``make`` builds the decision from the decisions in it (and may refuse one that
    contradicts them by raising `DecisionsError`), and the file is written atomically.
    ``grouping`` is the grouping of the collation the decision was made on; the file records
    it (a file that records none takes it).

    Raises:
        DecisionsError: the file is malformed, records another grouping, or ``make`` refused.
    """
    with locked(path):
        current, recorded = _read(path)
        if grouping is not None and recorded is not None and recorded is not grouping:
            raise DecisionsError(other_grouping(path, recorded))
        decision = make(current)
        save(path, (*current, decision), recorded or grouping)
    return decision


def other_grouping(path: str | os.PathLike[str], recorded: Grouping) -> str:
    """The error for a decisions file used on a collation grouped otherwise than its own."""
    return (
        f"{path}: its decisions were made on units grouped by {recorded.value}: collate with "
        f"--grouping {recorded.value} (or leave --grouping out) to apply or add to them"
    )


def undo(path: str | os.PathLike[str]) -> Decision | None:
    """Remove the last decision from the file at ``path`` (under its lock); the decision
    removed, or None when there was none."""
    with locked(path):
        current, recorded = _read(path)
        if not current:
            return None
        save(path, current[:-1], recorded)
        return current[-1]


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return json.dumps(flat if len(flat) <= limit else flat[: limit - 1] + "…", ensure_ascii=False)
