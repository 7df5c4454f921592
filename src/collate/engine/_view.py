"""One alignment, any base: the hub the engine aligns on, and the collation seen from the base
the editor chose. Pure: no I/O.

The engine aligns every witness with one **hub** witness, which it picks itself from the texts
alone (`hub_first`): the witness that shares the largest share of its words with all the others
(the sum of Dice's coefficients; the centre of a star alignment), ties going to the longer text,
then to the text that sorts first. The other witnesses follow in an order fixed the same way
(the largest share with the hub first). So neither the order in which witnesses are given nor
the choice of base changes what is aligned with what.

The base is then a view on that alignment (`seen_from`): it is listed first and carries the
lemmata, each unit's type is seen from it (an omission from one side is an addition from the
other), the units run in its text's order, and a transposition names as moved the witnesses
whose words stand elsewhere than the base's; adjacent places may be printed as one entry as
an editor reading from that base prints them (`_joins`). Every witness's reading at each place
of the alignment is the same whichever witness is the base.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from collate.engine._nway import type_seen_from, unit_type
from collate.engine._settings import Settings
from collate.model import (
    Agreement,
    AlignedSegment,
    Collation,
    Reading,
    Unit,
    UnitType,
    VariantClass,
    Witness,
)

__all__ = ["hub_first", "seen_from"]


def hub_first(witnesses: Sequence[Witness]) -> list[Witness]:
    """The witnesses in the order the engine aligns them: the hub first, then the others by the
    words they share with it. The order depends on the texts (their tokens' forms), not on the
    order given or on the sigla, except between witnesses of identical text.

    >>> from collate.witnesses import witness_from_text
    >>> a = witness_from_text("a b c", "A")
    >>> b = witness_from_text("a b c d", "B")
    >>> c = witness_from_text("x b c d", "C")
    >>> [w.siglum for w in hub_first([a, b, c])], [w.siglum for w in hub_first([c, a, b])]
    (['B', 'A', 'C'], ['B', 'A', 'C'])
    """

    def tie_break(index: int) -> tuple[int, str, str]:
        witness = witnesses[index]
        return (-len(witness.tokens), witness.text, witness.siglum)

    indices = range(len(witnesses))
    if len(witnesses) <= 2:
        # two witnesses share as much with each other either way round: the tie decides,
        # with no need to count their words (start-up: nor to load `fractions`)
        return [witnesses[i] for i in sorted(indices, key=tie_break)]
    from fractions import Fraction

    bags = [Counter(token.normalized for token in witness.tokens) for witness in witnesses]
    sizes = [len(witness.tokens) for witness in witnesses]
    # Dice's coefficient: the share of two witnesses' tokens they have in common, as exact
    # fractions, so that no sum depends on the order it was added up in
    shared = [
        [
            Fraction(2 * _shared(bags[i], bags[j]), (sizes[i] + sizes[j]) or 1)
            for j in range(len(bags))
        ]
        for i in range(len(bags))
    ]
    hub = min(
        indices,
        key=lambda i: (-sum((shared[i][j] for j in indices if j != i), Fraction()), *tie_break(i)),
    )
    others = sorted(
        (i for i in indices if i != hub), key=lambda i: (-shared[hub][i], *tie_break(i))
    )
    return [witnesses[hub], *(witnesses[i] for i in others)]


def seen_from(
    collation: Collation,
    base: str,
    order: Sequence[str],
    classes: Callable[[UnitType, dict[str, Reading]], VariantClass],
    settings: Settings,
) -> Collation:
    """``collation`` (aligned on any witness) with ``base`` as its base: listed first, the
    others in ``order``; each unit typed from the base's reading and the units in the base
    text's order, numbered again; words added next to a variant grouped with it as the base
    shows them (`_grouped`; ``classes`` classes a unit so made). What every witness reads at
    each place of variation is unchanged."""
    sigla = [base, *(s for s in order if s != base)]
    if list(collation.sigla) != sigla:
        collation = _reordered(collation, sigla)
    return _grouped(collation, classes, settings)


def _reordered(collation: Collation, sigla: list[str]) -> Collation:
    base = sigla[0]
    witnesses = tuple(collation.witness(s) for s in sigla)
    relocated: list[tuple[int, int, Unit]] = []
    for index, unit in enumerate(collation.units):
        readings = {s: unit.readings[s] for s in sigla}
        moved = _moved(unit, collation.base.siglum, base, sigla)
        kind = type_seen_from(replace(unit, readings=readings), base)
        viewed = replace(unit, type=kind, readings=readings, moved=moved)
        if moved != unit.moved:
            viewed = replace(
                viewed, segment=_segment_of(collation.segments, base, readings[base].start)
            )
        relocated.append((readings[base].start, index, viewed))
    if any(unit.moved for unit in collation.units):
        # a transposition stood at the old base's place; it now stands at the new one's
        relocated.sort(key=lambda entry: entry[:2])
    units = tuple(
        replace(unit, id=f"u{number}") for number, (_, _, unit) in enumerate(relocated, start=1)
    )
    agreements = tuple(
        replace(agreement, starts={s: agreement.starts[s] for s in sigla})
        for agreement in collation.agreements
    )
    segments = tuple(
        AlignedSegment(segment.number, {s: segment.spans[s] for s in sigla})
        for segment in collation.segments
    )
    return replace(
        collation, witnesses=witnesses, units=units, agreements=agreements, segments=segments
    )


def _grouped(
    collation: Collation,
    classes: Callable[[UnitType, dict[str, Reading]], VariantClass],
    settings: Settings,
) -> Collation:
    """Adjacent units made one where an editor prints them as one, seen from the base (`_joins`).
    What each witness reads is unchanged: a joined unit's reading is the two readings with
    the shared text between them."""
    base = collation.base.siglum
    after = {a.starts[base]: a for a in collation.agreements}
    units: list[Unit] = []
    dropped: set[int] = set()  # ids of the agreements now inside a unit
    apart = _lacked(collation.units, base, settings.lack_words)
    for index, unit in enumerate(collation.units):
        last = units[-1] if units else None
        gap = _between(last, unit, after, base) if last is not None else None
        if (
            last is None
            or gap is None
            or index in apart
            or not _joins(last, unit, gap, collation.base, settings)
        ):
            units.append(unit)
            continue
        dropped.add(id(gap))
        readings = {
            s: Reading(
                last.readings[s].start,
                unit.readings[s].end,
                last.readings[s].text + gap.text + unit.readings[s].text,
            )
            for s in collation.sigla
        }
        kind = unit_type(readings, base)
        units[-1] = replace(
            last,
            type=kind,
            readings=readings,
            variant_class=classes(kind, readings),
            lacunae=tuple(s for s in collation.sigla if s in last.lacunae and s in unit.lacunae),
            # no longer the place of moved words alone (`collate.model.MovedWords`)
            moved_words=None,
        )
    if len(units) == len(collation.units):
        return collation
    return replace(
        collation,
        units=tuple(replace(unit, id=f"u{n}") for n, unit in enumerate(units, start=1)),
        agreements=tuple(a for a in collation.agreements if id(a) not in dropped),
    )


def _between(last: Unit, unit: Unit, after: dict[int, Agreement], base: str) -> Agreement | None:
    """The agreement between two units that every witness reads next to each other (one with
    no text where they touch); None when they do not follow each other in every witness."""
    if all(unit.readings[s].start == r.end for s, r in last.readings.items()):
        return Agreement("", {s: r.end for s, r in last.readings.items()})
    gap = after.get(last.readings[base].end)
    if gap is None:
        return None
    for siglum, reading in last.readings.items():
        if gap.starts.get(siglum) != reading.end:
            return None
        if reading.end + len(gap.text) != unit.readings[siglum].start:
            return None
    return gap


def _joins(last: Unit, unit: Unit, gap: Agreement, base: Witness, settings: Settings) -> bool:
    """True when two units the base shows next to each other are one variant to an editor:

    words the base lacks right after a variant (only whitespace between) go with it
    ("ἠνεῴχθησαν" / "ἠνεῴχθησαν αὐτῷ" / "ἀνεῴχθησαν αὐτῷ" is one variant;
    `Settings.addition_joins_before`).

    Two units in which one and the same witness alone differs stay apart: its own alignment
    cut them apart. Transpositions (a place of one too, whatever the base makes of it) and
    units of different segment groups join nothing (nor do the pieces of a long stretch the
    base lacks, `_lacked`)."""
    if (
        last.segment != unit.segment
        or last.moved
        or unit.moved
        or UnitType.TRANSPOSITION in (last.type, unit.type)
    ):
        return False
    if gap.text.strip():
        return False
    siglum = base.siglum
    differ = _differing(last, siglum)
    if len(differ) == 1 and differ == _differing(unit, siglum):
        return False
    if settings.shared_run and _after_shared_run(last, unit, settings.shared_run):
        return False
    return settings.addition_joins_before and unit.type is UnitType.ADDITION


def _after_shared_run(last: Unit, unit: Unit, least: int) -> bool:
    """True when each witness that has words in ``unit`` reads ``last`` as some witness that
    has none there does, in at least ``least`` words (`Settings.shared_run`): what it adds
    follows words it shares with another, and joined with a variant there it would leave that
    run of shared words inside one unit."""
    adders = {s for s, r in unit.readings.items() if r.text.strip()}
    others = {last.readings[s].text for s in last.readings if s not in adders}
    return all(
        last.readings[s].text in others and len(last.readings[s].text.split()) >= least
        for s in adders
    )


def _lacked(units: Sequence[Unit], base: str, least: int | None) -> set[int]:
    """The indexes of the units in runs, one touching the next in every witness, in which the
    base reads nothing and the others read at least ``least`` words in all
    (`Settings.lack_words`): a long stretch the base lacks, which the merge cut where the
    witnesses that read it vary. Its pieces are no additions to join with a variant."""
    found: set[int] = set()
    if least is None:
        return found
    run: list[int] = []
    words = 0
    for index, unit in enumerate([*units, None]):
        touching = (
            unit is not None
            and run
            and all(unit.readings[s].start == r.end for s, r in units[run[-1]].readings.items())
        )
        if unit is None or unit.readings[base].text.strip() or not touching:
            if words >= least:
                found.update(run)
            run, words = [], 0
        if unit is not None and not unit.readings[base].text.strip():
            run.append(index)
            words += max(len(r.text.split()) for r in unit.readings.values())
    return found


def _differing(unit: Unit, base: str) -> set[str]:
    lemma = unit.readings[base].text
    return {s for s, r in unit.readings.items() if r.text != lemma}


def _shared(one: Counter[str], other: Counter[str]) -> int:
    """How many tokens two witnesses share, counted by form (each occurrence once)."""
    if len(one) > len(other):
        one, other = other, one
    return sum(min(count, other[form]) for form, count in one.items() if form in other)


def _moved(unit: Unit, old_base: str, base: str, sigla: Sequence[str]) -> tuple[str, ...]:
    """The witnesses whose words stand elsewhere than ``base``'s, for a transposition whose
    moved witnesses (``unit.moved``) were named from ``old_base``."""
    if not unit.moved or base not in unit.moved:
        return tuple(s for s in sigla if s in unit.moved)
    # the base moved the words: those that stood with the old base have them elsewhere
    return tuple(s for s in sigla if s not in unit.moved)


def _segment_of(segments: Sequence[AlignedSegment], base: str, start: int) -> int:
    """The number of the segment group in which ``start`` (a base offset) lies."""
    for segment in segments:
        low, high = segment.spans[base]
        if low <= start < high or start == low == high:
            return segment.number
    return segments[-1].number if segments else 1
