"""A hand-made alignment of many witnesses as gold variation places, and collate, plain
diff-match-patch and CollateX scored against it in one run.

A gold alignment gives every token of every witness a position: the rank of its reading in a
Stemmaweb variant graph (`graphml.py`), the ``app`` it stands in in the Frankenstein Variorum's
collation (`variorum.py`). Positions rise along each witness's text.

The metric, for a base and one other witness (every witness is scored against the base):

- gold places: the maximal runs of positions at which the two witnesses' tokens differ (their
  matching forms, `collate.model.Token.normalized`, compared; a token only one of them has
  differs; positions neither has a token at are passed over). Each is one place: the base's
  token span and the other's. Where the editors say two readings are one reading (the same
  ``rdgGrp``) but the forms differ, the place is noise: it counts for precision only;
- recall: the share of gold places that some found place overlaps (on either side);
- exact: the share of gold places found as exactly one place lying inside it;
- precision: the share of found places that overlap a gold place (noise included).

This is the scoring of `robustness.py` (`robustness.Score`) with the gold places as its edits.
collate aligns all the witnesses at once (base first) and a witness's places are the units where
its reading differs from the base's by its forms (`baselines.nway_places`); diff-match-patch
(word mode, semantic clean-up) and CollateX (paragraph group by paragraph group) align each
witness with the base, on the same tokens; so does collate in the row "collate, pairs",
which shows what merging many witnesses into one set of places does to them.

Editors group differently: these golds are alignment tables, a word a column, where a printed
apparatus prints a phrase. The rows "collate words" and "collate pairs, words" are collate with
``grouping=words`` (`collate.Grouping`: its units as a hand-aligned table draws them), and
"collate runs" and "collate words, runs" read the same units of all the witnesses at once as the
gold is read: for each pair, units where the two differ that touch in both (no token between
them on either side) are one place, as adjacent positions where two witnesses differ are one
gold place, and where the witness reads the base's reading but for sub-variants (nesting),
those are its places there; "collate" counts each unit apart, as the apparatus prints its
entries.
"dmp, no clean-up" is diff-match-patch's word diff as it comes, before the semantic
clean-up merges short equalities (the finest grouping a plain diff gives). "collate table" is
collate's own alignment table (`collate.engine.token_columns`, what
``apparatus --words`` and the page's table print), its columns read exactly as the gold's
positions are: a pair's places are the maximal runs of columns where its two tokens differ.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import collate
from collate.engine import token_columns
from collate.model import Collation, Witness

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baselines import (
    Place,
    collatex_places,
    collation_places,
    dmp_places,
    dmp_semantic_places,
    nway_places,
)
from robustness import Edit, Score

ENGINES = (
    "collate",
    "collate, pairs",
    "collate words",
    "collate runs",
    "collate words, runs",
    "collate pairs, words",
    "collate table",
    "diff-match-patch",
    "dmp, no clean-up",
    "CollateX",
)
"""collate aligning all the witnesses at once, and each with the base alone (which shows
what the merging of many witnesses does to the places), grouped as an apparatus and as a
table, and its word-column table, beside the baselines."""
WORDS = collate.Grouping.WORDS


@dataclass(frozen=True, slots=True)
class GoldAlignment:
    """Witnesses, the base first, and each token's position in the gold alignment."""

    name: str
    witnesses: list[Witness]
    positions: dict[str, list[int]]
    """For each siglum, the position of each of its tokens (never falling)."""
    groups: Mapping[tuple[int, str], int] = field(default_factory=dict)
    """(position, siglum) -> the editors' reading group there, where they give one: two
    witnesses in one group read alike for the editors."""

    @property
    def base(self) -> Witness:
        return self.witnesses[0]


def gold_places(gold: GoldAlignment, other: Witness) -> list[Edit]:
    """The gold variation places between the base and ``other`` (see the module's doc)."""
    base = gold.base
    by_position: dict[int, tuple[list[int], list[int]]] = {}
    for side, witness in enumerate((base, other)):
        for index, position in enumerate(gold.positions[witness.siglum]):
            by_position.setdefault(position, ([], []))[side].append(index)
    places: list[Edit] = []
    cursor = [0, 0]
    run: list[int] | None = None  # base start, other start
    noise_only = True
    for position in sorted(by_position):
        here = by_position[position]
        base_forms = [base.tokens[i].normalized for i in here[0]]
        if base_forms != [other.tokens[i].normalized for i in here[1]]:
            if run is None:
                run, noise_only = list(cursor), True
            key_base, key_other = (position, base.siglum), (position, other.siglum)
            same_group = (
                key_base in gold.groups and gold.groups.get(key_other) == gold.groups[key_base]
            )
            noise_only = noise_only and same_group
        elif run is not None:
            places.append(_edit(run, cursor, noise_only))
            run = None
        cursor = [cursor[0] + len(here[0]), cursor[1] + len(here[1])]
    if run is not None:
        places.append(_edit(run, cursor, noise_only))
    return places


def _edit(start: list[int], end: list[int], noise: bool) -> Edit:
    return Edit((start[0], end[0]), (start[1], end[1]), "noise" if noise else "edit")


def _differing(places: list[Place], base: Witness, other: Witness) -> list[Place]:
    """Places whose two sides differ in their forms (a unit that the base and this witness
    read alike but for case or quotes marks no difference between them)."""
    return [
        p
        for p in places
        if [t.normalized for t in base.tokens[p[0][0] : p[0][1]]]
        != [t.normalized for t in other.tokens[p[1][0] : p[1][1]]]
    ]


@dataclass(slots=True)
class PairScores:
    """One witness scored against the base, by engine."""

    siglum: str
    gold: int
    scores: dict[str, Score]


def score(
    gold: GoldAlignment,
    engines: Sequence[str] = ENGINES,
    settings: collate.Settings | None = None,
) -> list[PairScores]:
    """Every witness but the base scored against the base by each of ``engines``."""
    others = gold.witnesses[1:]
    edits = {w.siglum: gold_places(gold, w) for w in others}
    results = [
        PairScores(w.siglum, sum(e.kind == "edit" for e in edits[w.siglum]), {}) for w in others
    ]
    for engine in engines:
        started = time.perf_counter()
        grouping = WORDS if "words" in engine else collate.Grouping.PHRASES
        if engine in ("collate", "collate words"):
            collation = collate.collate(gold.witnesses, settings=settings, grouping=grouping)
            found = [nway_places(collation, w.siglum) for w in others]
        elif engine in ("collate runs", "collate words, runs"):
            collation = collate.collate(gold.witnesses, settings=settings, grouping=grouping)
            found = [
                runs(_differing(nway_places(collation, w.siglum, nested=True), gold.base, w))
                for w in others
            ]
        elif engine in ("collate, pairs", "collate pairs, words"):
            found = [
                collation_places(
                    collate.collate([gold.base, w], settings=settings, grouping=grouping)
                )
                for w in others
            ]
        elif engine == "collate table":
            collation = collate.collate(gold.witnesses, settings=settings)
            found = table_places(collation, [w.siglum for w in others])
        elif engine == "diff-match-patch":
            found = [dmp_semantic_places(gold.base, w) for w in others]
        elif engine == "dmp, no clean-up":
            found = [dmp_places(gold.base, w) for w in others]
        else:
            found = [collatex_places(gold.base, w) for w in others]
        seconds = time.perf_counter() - started
        for result, witness, places in zip(results, others, found, strict=True):
            pair = Score(seconds=seconds / len(others))
            pair.add(_differing(places, gold.base, witness), edits[witness.siglum])
            result.scores[engine] = pair
    return results


def runs(places: list[Place]) -> list[Place]:
    """The places with each two that touch in both witnesses (one ends where the next begins,
    no token between on either side) joined: a pair's maximal runs of difference, as
    `gold_places` reads the gold's positions."""
    joined: list[Place] = []
    for place in sorted(places):
        if joined and joined[-1][0][1] == place[0][0] and joined[-1][1][1] == place[1][0]:
            last = joined.pop()
            joined.append(((last[0][0], place[0][1]), (last[1][0], place[1][1])))
        else:
            joined.append(place)
    return joined


def table_places(collation: Collation, others: Sequence[str]) -> list[list[Place]]:
    """For each of ``others``, its places against the base in collate's word-column table
    (`collate.engine.token_columns`), read as `gold_places` reads a gold alignment: each
    token's column is its position."""
    columns = token_columns(collation)
    base = collation.witnesses[0]
    places = []
    for siglum in others:
        positions: dict[str, list[int]] = {
            s: [0] * len(collation.witness(s).tokens) for s in (base.siglum, siglum)
        }
        for number, column in enumerate(columns):
            for s, indices in positions.items():
                if s in column:
                    indices[column[s]] = number
        table = GoldAlignment("table", [base, collation.witness(siglum)], positions)
        places.append([(e.base, e.copy) for e in gold_places(table, collation.witness(siglum))])
    return places


def total(pairs: Sequence[PairScores], engine: str) -> Score:
    """The scores of all pairs summed, for one engine."""
    summed = Score()
    for pair in pairs:
        summed.merge(pair.scores[engine])
    return summed


def collate_score(
    golds: Sequence[GoldAlignment], settings: collate.Settings, engine: str = "collate"
) -> Score:
    """collate's scores with ``settings`` over every pair of every gold alignment, read as
    ``engine`` (one of the collate rows of `ENGINES`) reads them (what `ablate.py` reports)."""
    summed = Score()
    for gold in golds:
        summed.merge(total(score(gold, [engine], settings), engine))
    return summed


def report(gold: GoldAlignment, pairs: Sequence[PairScores], per_pair: bool = True) -> None:
    """Print each engine's scores over all pairs (recall / exact / precision / places /
    seconds), with ``per_pair`` each pair's too, and every pair where collate's recall is
    below diff-match-patch's."""
    engines = list(pairs[0].scores)
    print(f"\n{gold.name}: base {gold.base.siglum}, {len(pairs)} pairs, ", end="")
    print(f"{sum(p.gold for p in pairs)} gold places")
    print(f"{'engine':24} {'recall':>6} {'exact':>6} {'prec.':>6} {'places':>5} {'seconds':>8}")
    for engine in engines:
        summed = total(pairs, engine)
        print(f"{engine:24} {summed.row()} {summed.seconds:8.2f}")
    if per_pair:
        for engine in engines:
            print(f"\n{engine}, pair by pair:")
            for pair in pairs:
                label = f"{gold.base.siglum}/{pair.siglum} ({pair.gold})"
                print(f"  {label:22} {pair.scores[engine].row()}")
    if "diff-match-patch" in engines:
        below = [
            p.siglum
            for p in pairs
            if p.scores["collate"].found < p.scores["diff-match-patch"].found
        ]
        print(f"pairs where collate's recall is below diff-match-patch's: {below or 'none'}")


def run_from_command_line(
    gold_alignment: Callable[[str], GoldAlignment], names: Sequence[str]
) -> None:
    """Score the gold alignments named on the command line (default: ``names``) and print
    them: ``--no-collatex`` leaves CollateX out, ``--pairs`` prints every pair."""
    engines = [e for e in ENGINES if not (e == "CollateX" and "--no-collatex" in sys.argv)]
    for name in [a for a in sys.argv[1:] if not a.startswith("--")] or names:
        gold = gold_alignment(name)
        report(gold, score(gold, engines), per_pair="--pairs" in sys.argv)
