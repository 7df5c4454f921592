"""How often our class agrees with the editors' relationship type, on the Stemmaweb traditions.

`../shared/corpora/stemmaweb/` holds two Text::Tradition graphs whose editors typed relations
between readings (spelling, orthographic, grammatical, lexical…): ``john.xml`` (John 18:38-40,
diplomatic Greek, 27 manuscripts) and ``legendfrag.xml`` (Legend of Bishop Henry, Latin, 37
witnesses). Each witness is rebuilt by following the edges labelled with its siglum from
``#START#`` to ``#END#`` (readings joined by spaces); every witness is collated with the first
(pairwise: n-way collation is a later issue); and wherever a unit's two readings are single
graph readings that the editors related, our class is compared with theirs (spelling and
orthographic → orthographic; punctuation → punctuation; grammatical, lexical and others →
substantive). Run with the default rules, with the ``unicode`` set, and with near matching.

    .venv/bin/python benchmarks/classes.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import NamedTuple

from lxml import etree

import collate
from collate.rules import Normalizer, normalizer

STEMMAWEB = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "stemmaweb"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
EDITOR_CLASS = {
    "spelling": "orthographic",
    "orthographic": "orthographic",
    "punctuation": "punctuation",
}


class Tradition(NamedTuple):
    """A Stemmaweb tradition as its GraphML gives it."""

    texts: dict[str, str]
    """Each reading node's text."""
    witnesses: list[tuple[str, list[str]]]
    """Each siglum with the nodes of its path, in order (start, end and lacunae left out)."""
    relations: dict[frozenset[str], str]
    """The editors' type of the relation between two nodes."""
    ranks: dict[str, int]
    """Each node's rank: the nodes of one rank are aligned (the gold alignment)."""


def read_tradition(path: Path) -> Tradition:
    """Node texts, each witness's node path, the typed relations between nodes, node ranks."""
    root = etree.parse(str(path)).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{GRAPHML}key")}
    graphs = list(root.iter(f"{GRAPHML}graph"))
    texts: dict[str, str] = {}
    ranks: dict[str, int] = {}
    starts = set()
    for node in graphs[0].iter(f"{GRAPHML}node"):
        data = {keys[d.get("key")]: d.text or "" for d in node.iter(f"{GRAPHML}data")}
        texts[node.get("id")] = data.get("text", "")
        if "rank" in data:
            ranks[node.get("id")] = int(data["rank"])
        if data.get("is_start") in ("1", "true"):
            starts.add(node.get("id"))
    following: dict[str, dict[str, str]] = {}
    for edge in graphs[0].iter(f"{GRAPHML}edge"):
        data = {keys[d.get("key")]: d.text or "" for d in edge.iter(f"{GRAPHML}data")}
        if "witness" in data:
            following.setdefault(data["witness"], {})[edge.get("source")] = edge.get("target")
    witnesses = []
    start = next(iter(starts))
    for siglum, steps in following.items():
        path_nodes: list[str] = []
        node = steps.get(start)
        while node is not None and texts.get(node) != "#END#" and len(path_nodes) < 10_000:
            if not texts[node].startswith("#"):
                path_nodes.append(node)
            node = steps.get(node)
        witnesses.append((siglum, path_nodes))
    relations = {}
    for graph in graphs[1:]:
        for edge in graph.iter(f"{GRAPHML}edge"):
            data = {keys[d.get("key")]: d.text or "" for d in edge.iter(f"{GRAPHML}data")}
            if "type" in data:
                relations[frozenset((edge.get("source"), edge.get("target")))] = data["type"]
    return Tradition(texts, witnesses, relations, ranks)


def score(path: Path, rules: Normalizer | None, near: float | None) -> Counter[str]:
    texts, witnesses, relations, _ = read_tradition(path)
    built = []
    for siglum, nodes in witnesses:
        spans = []
        position = 0
        for node in nodes:
            spans.append((position, position + len(texts[node]), node))
            position += len(texts[node]) + 1
        text = " ".join(texts[n] for n in nodes) + "\n"
        if text.strip():
            built.append((collate.witness_from_text(text, siglum), spans))
    (base, base_spans), others = built[0], built[1:]
    tally: Counter[str] = Counter()
    for other, other_spans in others:
        collation = collate.collate([base, other], rules=rules, near=near)
        for unit in collation.units:
            a = _nodes(base_spans, unit.readings[base.siglum])
            b = _nodes(other_spans, unit.readings[other.siglum])
            if len(a) != 1 or len(b) != 1:
                continue
            editors = relations.get(frozenset((a[0], b[0])))
            if editors not in EDITOR_CLASS and editors not in ("grammatical", "lexical"):
                continue
            expected = EDITOR_CLASS.get(editors, "substantive")
            tally["pairs"] += 1
            tally[
                "agree"
                if unit.variant_class.value == expected
                else f"ours {unit.variant_class.value}, editors {expected}"
            ] += 1
    return tally


def _nodes(spans: list[tuple[int, int, str]], reading: collate.Reading) -> list[str]:
    return [node for start, end, node in spans if start < reading.end and reading.start < end]


def main() -> None:
    settings = {
        "default rules": (None, None),
        "--ignore unicode": (normalizer(["unicode"]), None),
        "--ignore unicode --near 0.8": (normalizer(["unicode"]), 0.8),
    }
    print(f"{'tradition':16} {'settings':30} {'pairs':>5} {'agree':>5}  disagreements")
    for name in ("john.xml", "legendfrag.xml"):
        for label, (rules, near) in settings.items():
            tally = score(STEMMAWEB / name, rules, near)
            others = {k: v for k, v in tally.items() if k not in ("pairs", "agree")}
            print(f"{name:16} {label:30} {tally['pairs']:5} {tally['agree']:5}  {others}")


if __name__ == "__main__":
    main()
