"""Each rule of the engine switched off in turn, scored on every corpus with a truth.

A rule earns its place when switching it off costs more than noise on more than one corpus
(issue 13: about 38 rules had each been settled while looking at one benchmark's misses).
The rules are the fields of `collate.Settings` (`collate.engine.RULES` gives the value that
switches each off). The corpora, each scored as its own benchmark scores it:

- letters: unit F1 against the editor's apparatus of the Medvedev letters (`quality.py`), as
  they are, with the Baku copy laid out as one paragraph (the same words: issue 13's
  example of layout deciding the alignment) and with every third of its paragraph breaks
  moved a sentence later;
- florilegium: hand rows reproduced exactly as word columns, of 280 (`florilegium.py`);
- sblgnt: recall, exactness and precision against the SBLGNT's footnotes (`sblgnt.py`);
  ``--quick`` scores five books instead of 27;
- robustness: mean recall, exactness and precision over the generated families
  (`robustness.py`, when present, in its quick mode);
- john, legendfrag, florilegium graph: recall, exactness and precision of the gold places of
  three Stemmaweb variant graphs (`graphml.py`; the Florilegium's graph and its hand table are
  one tradition, so one corpus);
- variorum: the same against the Frankenstein Variorum's corrected collation (`variorum.py`):
  units C04, C20 and C27, ``--quick`` C04 and C20;
- the issue's own checks, all witnesses at once with the defaults' grouping: the units that
  leave a run of 8+ shared words unaligned (item 3, `shared_runs.py`; as a negative count, so
  that fewer is better) in Darwin's six editions, the Variorum's three units and the three
  Stemmaweb traditions; and what nesting saves of the printed apparatus (item 2,
  `nesting.py`) in Darwin and the Florilegium, with Darwin's entries that still print two
  200-character readings 90 % alike (negative).

Each corpus is collated in the grouping its editors use (`collate.Grouping`), so that the
table says what a rule earns where it applies: the letters, the Florilegium's rows, the
SBLGNT and the generated families (whose truth counts a phrase swap as one edit) by phrases,
as an apparatus prints them; the variant graphs and the Variorum, tables a word a column, by
words (`Settings.grouped`), their units read as the gold is read (`aligned_gold.py`'s
"collate words, runs": a pair's units that touch one place). By words the four phrase rules
are off already, so switching one off there changes nothing (``·``): what such a rule costs
a word table, `graphml.py` and `variorum.py` show beside the words row.

A corpus is worse without a rule when its first score that moves (recall before exactness
before precision; for the letters and the Florilegium, their own score first) falls.

    .venv/bin/python benchmarks/ablate.py [--quick] [RULE ...]
"""

from __future__ import annotations

import importlib
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import aligned_gold
import florilegium
import graphml
import nesting
import quality
import sblgnt
import shared_runs
import variorum
from baselines import Place, collation_places

import collate
from collate.engine import RULES

Scores = dict[str, float]
QUICK_BOOKS = ("02MRK", "06ROM", "10EPH", "19HEB", "27REV")


def letters(settings: collate.Settings) -> Scores:
    a = collate.load_witness(quality.WITNESSES / "medvedev-1926.txt")
    b = collate.load_witness(quality.WITNESSES / "baku-1924.txt")
    gold = quality.gold_places(a, b)
    found = collation_places(collate.collate([a, b], settings=settings))
    _, _, f1, _ = quality.score(found, gold)
    # the Baku copy laid out as one paragraph (issue 13): the same tokens, so the same gold;
    # the units of whitespace alone that its layout makes are left out on both sides
    one_paragraph = collate.witness_from_text(re.sub(r"\s*\n\s*", " ", b.text), b.siglum)
    found = collation_places(collate.collate([a, one_paragraph], settings=settings))
    _, _, f1_flat, _ = quality.score(_worded(found), _worded(gold))
    # every third paragraph break of the Baku copy moved to the next sentence end
    found = collation_places(collate.collate([a, _breaks_moved(b)], settings=settings))
    _, _, f1_moved, _ = quality.score(_worded(found), _worded(gold))
    return {
        "letters F1": f1,
        "letters one paragraph F1": f1_flat,
        "letters breaks moved F1": f1_moved,
    }


def _breaks_moved(witness: collate.Witness) -> collate.Witness:
    """The witness with every third paragraph break moved to the next sentence end: the same
    tokens, so the same gold (`Settings.moved_breaks`)."""
    tokens = witness.tokens
    spaces = [t.space for t in tokens]
    breaks = [k for k, space in enumerate(spaces) if "\n\n" in space]
    for k in breaks[::3]:
        ends = [j for j in range(k + 1, len(tokens) - 1) if tokens[j].text in {".", "!", "?"}]
        ends = [j for j in ends if spaces[j]]
        if ends and "\n" not in spaces[ends[0]]:
            spaces[ends[0]], spaces[k] = spaces[k], " "
    text = witness.leading_space + "".join(
        t.text + space for t, space in zip(tokens, spaces, strict=True)
    )
    return collate.witness_from_text(text, witness.siglum)


def _worded(places: list[Place]) -> list[Place]:
    return [p for p in places if p[0][0] != p[0][1] or p[1][0] != p[1][1]]


def florilegium_rows(settings: collate.Settings) -> Scores:
    exact, _ = florilegium.exact_rows(settings)
    return {"florilegium rows": float(exact)}


def sblgnt_scores(books: list[Path]) -> Callable[[collate.Settings], Scores]:
    def run(settings: collate.Settings) -> Scores:
        scores = sblgnt.score_books(books, settings)
        return {
            "sblgnt recall": scores.recall,
            "sblgnt exact": scores.exactness,
            "sblgnt precision": scores.precision,
        }

    return run


def gold_scores(
    label: str, golds: list[aligned_gold.GoldAlignment]
) -> Callable[[collate.Settings], Scores]:
    """The scores of a word table's gold: collated by words, read as the gold is read."""

    def run(settings: collate.Settings) -> Scores:
        summed = aligned_gold.collate_score(golds, settings, "collate words, runs")
        return {
            f"{label} recall": summed.recall,
            f"{label} exact": summed.exactness,
            f"{label} precision": summed.precision,
        }

    return run


def issue_checks(settings: collate.Settings) -> Scores:
    """Item 3 (runs of shared words left in a unit) and item 2 (nesting) of issue 13, all
    witnesses at once; counts negated, so that a rule that helps raises the column."""
    scores: Scores = {}
    darwin = collate.collate(shared_runs.darwin(), settings=settings)
    runs = {
        "darwin": [darwin],
        "variorum": [
            collate.collate(list(variorum.gold_alignment(u).witnesses), settings=settings)
            for u in variorum.UNITS
        ],
        **{
            name: [collate.collate(list(graphml.gold_alignment(name).witnesses), settings=settings)]
            for name in graphml.TRADITIONS
        },
    }
    for name, collations in runs.items():
        found = sum(1 for c in collations for _ in shared_runs.offenders(c))
        scores[f"{name} runs"] = -float(found)
    _, _, _, flat_chars, nested_chars, repeated = nesting.figures([darwin])
    scores["darwin nesting saved"] = 1 - nested_chars / flat_chars
    scores["darwin repeats"] = -float(repeated)
    florilegium_witnesses = nesting.florilegium_witnesses()
    _, _, _, flat_chars, nested_chars, _ = nesting.figures(
        [collate.collate(florilegium_witnesses, settings=settings)]
    )
    scores["florilegium nesting saved"] = 1 - nested_chars / flat_chars
    return scores


def robustness_scores() -> Callable[[collate.Settings], Scores] | None:
    try:
        robustness = importlib.import_module("robustness")
    except ModuleNotFoundError:
        return None
    scorer = getattr(robustness, "mean_scores", None)
    if scorer is None:
        return None

    def run(settings: collate.Settings) -> Scores:
        summed = scorer(settings, 6)
        return {
            "robustness recall": summed.recall,
            "robustness exact": summed.exactness,
            "robustness precision": summed.precision,
        }

    return run


def main() -> None:
    quick = "--quick" in sys.argv
    wanted = [a for a in sys.argv[1:] if not a.startswith("--")]
    books = sorted(sblgnt.USFM.glob("*.sfm"))
    if quick:
        books = [b for b in books if b.name.startswith(QUICK_BOOKS)]
    units = variorum.UNITS[:2] if quick else variorum.UNITS
    scorers = [
        letters,
        florilegium_rows,
        sblgnt_scores(books),
        gold_scores("florilegium graph", [graphml.gold_alignment("florilegium")]),
        gold_scores("john", [graphml.gold_alignment("john")]),
        gold_scores("legendfrag", [graphml.gold_alignment("legendfrag")]),
        gold_scores("variorum", [variorum.gold_alignment(u) for u in units]),
        issue_checks,
    ]
    robust = robustness_scores()
    if robust is not None:
        scorers.append(robust)

    def score(settings: collate.Settings) -> Scores:
        result: Scores = {}
        for scorer in scorers:
            result |= scorer(settings)
        return result

    started = time.perf_counter()
    default = score(collate.Settings())
    columns = list(default)
    print("columns: " + ", ".join(f"({k}) {c}" for k, c in enumerate(columns, 1)))
    print(f"{'rule off':28} " + " ".join(f"{f'({k})':>8}" for k in range(1, len(columns) + 1)))
    print(f"{'(none: the defaults)':28} " + " ".join(f"{default[c]:8.4f}" for c in columns))
    for rule in RULES:
        if wanted and rule not in wanted:
            continue
        scores = score(collate.Settings().without(rule))
        cells = []
        for column in columns:
            delta = scores[column] - default[column]
            cells.append(f"{delta:+8.4f}" if delta else f"{'·':>8}")
        print(f"{rule:28} " + " ".join(cells))
    print(f"({time.perf_counter() - started:.0f} s; + means the corpus scores better without it)")


if __name__ == "__main__":
    main()
