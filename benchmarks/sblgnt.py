"""The n-way collation scored against the SBL Greek New Testament's apparatus.

`../shared/corpora/sblgnt/usfm/` holds the SBLGNT with its apparatus inline: before each
variation place, a footnote ``\\f - \\fr C:V \\ft ⸂ lemma\\fw WH Treg NIV \\fw* ¦ reading\\fw RP
\\fw* \\f*`` and then the lemma marked ``⸂ lemma ⸃`` in the text. Four editions are rebuilt from
it — WH, Treg, NIV, RP — by putting each footnote's reading in place of the lemma for the
editions it names (``+ x``: the lemma then x; ``–``: nothing; a reading abbreviated with ``…``
is skipped, the lemma kept); other editions a footnote names (NA, Holmes…) are left aside.
Each book's five witnesses are collated (base SBL), and the units are scored against the
footnotes:

- recall: a footnote is found when a unit covers its place and groups WH, Treg, NIV and RP as
  the footnote does;
- exactness: a unit at the place carries exactly the footnote's readings, words that every
  reading shares at its edges aside;
- precision: the share of units that lie at some footnote's place.

    .venv/bin/python benchmarks/sblgnt.py [BOOK …]      # e.g. 18PHM; default: all 27
"""

from __future__ import annotations

import re
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import collate
from collate.model import Collation

USFM = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "sblgnt" / "usfm"
EDITIONS = ("WH", "Treg", "NIV", "RP")
_NOTE = re.compile(r"\\f - \\fr \S+ \\ft (.*?)\\f\*⸂ (.*?) ⸃")
_PART = re.compile(r"^(.*?)\\fw (.*?) \\fw\*$")
PARAGRAPH = "\x00paragraph"
"""A paragraph break in the word streams (``\\p``), the same in every edition."""
_MARKER = re.compile(r"\\(?:v|c) \d+ ?")


@dataclass
class Footnote:
    start: int  # token indices in the SBL text
    end: int
    readings: dict[str, tuple[str, ...]]  # edition -> words
    lemma: tuple[str, ...] = ()  # SBL's words


def parse_book(path: Path) -> tuple[dict[str, list[str]], list[Footnote]]:
    """Each edition's words (with paragraph marks) and the footnotes (on SBL's words)."""
    words: dict[str, list[str]] = {e: [] for e in ("SBL", *EDITIONS)}
    notes: list[Footnote] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith(("\\id", "\\h", "\\toc", "\\mt", "\\c")):
            continue
        if raw.startswith("\\p"):
            _add(words, [PARAGRAPH])
            raw = raw[2:]  # noqa: PLW2901 - the rest of a \p line is verse text
        line = _MARKER.sub("", raw)
        position = 0
        for match in _NOTE.finditer(line):
            _add(words, line[position : match.start()].split())
            lemma = tuple(match.group(2).split())
            readings = _readings(match.group(1), lemma)
            start = len(words["SBL"])
            words["SBL"].extend(lemma)
            for edition in EDITIONS:
                words[edition].extend(readings.get(edition, lemma))
            notes.append(Footnote(start, len(words["SBL"]), readings, lemma))
            position = match.end()
        _add(words, line[position:].replace("⸂", " ").replace("⸃", " ").split())
    return words, notes


def _add(words: dict[str, list[str]], new: list[str]) -> None:
    for stream in words.values():
        stream.extend(new)


def _readings(body: str, lemma: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    readings: dict[str, tuple[str, ...]] = {}
    for number, part in enumerate(body.strip().split(" ¦ ")):
        match = _PART.match(part.strip())
        if match is None:
            continue
        text, sigla = match.group(1).strip(), match.group(2).split()
        if number == 0:
            words = lemma
        elif "…" in text:
            continue
        elif text.startswith("+"):
            words = (*lemma, *text[1:].split())
        elif text.startswith("–"):
            words = ()
        else:
            words = tuple(text.split())
        for siglum in sigla:
            if siglum in EDITIONS:
                readings[siglum] = words
    return readings


def witnesses_of(words: dict[str, list[str]]) -> tuple[list[collate.Witness], list[int]]:
    """The witnesses (words joined by spaces, paragraphs by blank lines), and the SBL
    character offset of each SBL word."""
    built = []
    offsets: list[int] = []
    for edition, tokens in words.items():
        parts: list[str] = []
        position = 0
        for word in tokens:
            if edition == "SBL":
                offsets.append(position)
            if word == PARAGRAPH:
                if parts:
                    parts[-1] = "\n\n"
                    position += 1
                continue
            parts += [word, " "]
            position += len(word) + 1
        built.append(collate.witness_from_text("".join(parts).strip() + "\n", edition))
    return built, offsets


def score(
    collation: Collation, notes: list[Footnote], offsets: list[int], sbl_text: str
) -> tuple[int, int, int, int]:
    """(found, exact, units at a footnote, units)."""
    # a footnote's place: its lemma, and the space after it (where an addition stands)
    spans = [
        (
            offsets[n.start],
            offsets[n.end - 1] + len(sbl_text[offsets[n.end - 1] :].split(None, 1)[0]) + 1,
        )
        for n in notes
    ]
    units = sorted(collation.units, key=lambda u: u.readings["SBL"].start)
    found = exact = 0
    placed: set[str] = set()
    for note, (start, end) in zip(notes, spans, strict=True):
        here = [
            u for u in units if u.readings["SBL"].start <= end and start <= u.readings["SBL"].end
        ]
        placed.update(u.id for u in here)
        grouped = any(_groups(u) == _note_groups(note) for u in here)
        found += grouped
        exact += any(_exact(u, note) for u in here)
    return found, exact, len(placed), len(units)


def _groups(unit: collate.Unit) -> frozenset[frozenset[str]]:
    texts: dict[tuple[str, ...], set[str]] = {}
    for edition in EDITIONS:
        texts.setdefault(tuple(unit.readings[edition].text.split()), set()).add(edition)
    return frozenset(frozenset(group) for group in texts.values())


def _note_groups(note: Footnote) -> frozenset[frozenset[str]]:
    texts: dict[tuple[str, ...], set[str]] = {}
    for edition in EDITIONS:
        # an edition the footnote does not name (or names only with a mark such as "WHspur")
        # reads the lemma: its text was rebuilt so
        texts.setdefault(note.readings.get(edition, note.lemma), set()).add(edition)
    return frozenset(frozenset(group) for group in texts.values())


def _exact(unit: collate.Unit, note: Footnote) -> bool:
    ours = {e: unit.readings[e].text.split() for e in ("SBL", *EDITIONS)}
    lemma = list(note.lemma)
    theirs = {e: list(note.readings.get(e, note.lemma)) for e in EDITIONS} | {"SBL": lemma}
    return all(_trimmed(ours[e], ours) == _trimmed(theirs[e], theirs) for e in EDITIONS)


def _trimmed(words: list[str], every: dict[str, list[str]]) -> list[str]:
    """Words without those that every reading shares at the start or the end."""
    front = 0
    while front < len(words) and all(
        len(r) > front and r[front] == words[front] for r in every.values()
    ):
        front += 1
    back = 0
    while back < len(words) - front and all(
        len(r) > back and r[-1 - back] == words[-1 - back] for r in every.values()
    ):
        back += 1
    return words[front : len(words) - back]


@dataclass
class Scores:
    """The scores of some books, summed."""

    footnotes: int = 0
    found: int = 0
    exact: int = 0
    placed: int = 0  # units at some footnote's place
    units: int = 0
    seconds: float = 0.0  # collating only

    @property
    def recall(self) -> float:
        return self.found / self.footnotes

    @property
    def exactness(self) -> float:
        return self.exact / self.footnotes

    @property
    def precision(self) -> float:
        return self.placed / self.units


def score_books(books: list[Path], settings: collate.Settings | None = None) -> Scores:
    """Each book's editions collated (with the engine's ``settings``) and scored against its
    footnotes."""
    scores = Scores()
    for path in books:
        words, notes = parse_book(path)
        # a footnote whose readings for these four editions all equal the lemma (the others
        # are abbreviated, or the editions it names are not these) marks no difference here
        notes = [
            n
            for n in notes
            if any(
                n.readings.get(e, ()) != tuple(words["SBL"][n.start : n.end]) for e in n.readings
            )
        ]
        witnesses, offsets = witnesses_of(words)
        started = time.perf_counter()
        collation = collate.collate(witnesses, settings=settings)
        scores.seconds += time.perf_counter() - started
        found, exact, placed, units = score(collation, notes, offsets, witnesses[0].text)
        scores.footnotes += len(notes)
        scores.found += found
        scores.exact += exact
        scores.placed += placed
        scores.units += units
    return scores


def main() -> None:
    wanted = sys.argv[1:]
    books = sorted(p for p in USFM.glob("*.sfm") if not wanted or any(w in p.name for w in wanted))
    scores = score_books(books)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(books)} books, {scores.footnotes} footnotes, {scores.units} units")
    print(f"collating {scores.seconds:.1f} s, peak {peak:.0f} MB")
    print(
        f"recall {scores.recall:.4f}  exactness {scores.exactness:.4f}  "
        f"precision {scores.precision:.4f}"
    )


if __name__ == "__main__":
    main()
