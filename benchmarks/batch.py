"""Batch throughput: sets per second against the number of workers, with worker processes and
on a Dask LocalCluster, in one run.

The batch is N generated pairs of 1,000-word letters (the second a lightly edited copy of the
first: a few words dropped, added or replaced per hundred), JSON output, written under a
temporary folder. Parallel efficiency is throughput(n) / (n × throughput(1)).

    .venv/bin/python benchmarks/batch.py [--sets N] [--workers 1,2,4] [--dask]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from collate import batch

VOCABULARY = """the of and to in a is that for it as was with be by on not he this are or his
from at which but have an they you were her she there been one all we their has would when if
party policy economic letter comrade workers peasants industry resolution credit state"""
WORDS = VOCABULARY.split()


def make_corpus(folder: Path, sets: int, words: int = 1000) -> None:
    rng = random.Random(1924)
    for number in range(sets):
        text = [rng.choice(WORDS) for _ in range(words)]
        edited = list(text)
        for _ in range(words // 30):
            position = rng.randrange(len(edited))
            choice = rng.random()
            if choice < 0.3:
                del edited[position]
            elif choice < 0.6:
                edited.insert(position, rng.choice(WORDS))
            else:
                edited[position] = rng.choice(WORDS)
        sub = folder / f"set-{number:05d}"
        sub.mkdir(parents=True)
        for name, tokens in (("a.txt", text), ("b.txt", edited)):
            sentences = [
                " ".join(tokens[i : i + 20]).capitalize() + "." for i in range(0, len(tokens), 20)
            ]
            (sub / name).write_text(" ".join(sentences) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", type=int, default=200)
    parser.add_argument("--workers", default=",".join(str(n) for n in (1, 2, os.cpu_count() or 1)))
    parser.add_argument("--dask", action="store_true", help="also on a Dask LocalCluster")
    arguments = parser.parse_args()
    counts = sorted({int(n) for n in arguments.workers.split(",")})
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        make_corpus(corpus, arguments.sets)
        jobs = batch.read_sets(corpus, ["json"])
        print(
            f"{arguments.sets} pairs of 1,000-word letters, JSON; machine: {os.cpu_count()} cores"
        )
        header = f"{'runner':14} {'workers':>7} {'seconds':>8} {'sets/s':>8}"
        print(f"{header} {'per core/min':>12} {'efficiency':>10}")
        runners = [("processes", None)] + ([("dask local", "local")] if arguments.dask else [])
        for label, dask in runners:
            base_rate = None
            for workers in counts:
                out = Path(folder) / f"out-{label}-{workers}"
                started = time.perf_counter()
                results = batch.run(jobs, out, jobs=workers, dask=dask)
                elapsed = time.perf_counter() - started
                assert all(r.status == "ok" for r in results)
                rate = len(results) / elapsed
                base_rate = base_rate or (rate if workers == counts[0] else None)
                efficiency = rate / (workers * base_rate / counts[0]) if base_rate else 1.0
                print(
                    f"{label:14} {workers:7} {elapsed:8.2f} {rate:8.1f} "
                    f"{rate * 60 / workers:12.0f} {efficiency:10.0%}"
                )


if __name__ == "__main__":
    main()
