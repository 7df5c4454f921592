"""Collate a batch of witness sets from a script: the manifest in examples/batch/, two worker
processes, every set's JSON and TEI under out/batch/, and the figures of each set.

.venv/bin/python examples/batch_letters.py
"""

from __future__ import annotations

from pathlib import Path

from collate import batch

MANIFEST = Path(__file__).resolve().parent / "batch" / "letters.toml"


def main() -> None:
    # the manifest names the project's witnesses, two folders up: outside its own folder
    results = batch.run(
        MANIFEST, Path("out") / "batch", jobs=2, formats=["json", "tei"], allow_outside=True
    )
    for result in results:
        shares = ", ".join(f"{s} {share:.1%}" for s, share in result.agreement.items())
        print(f"{result.name:20} {result.status:6} {result.units:4} units  agreement {shares}")
    print("summary: out/batch/summary.csv, out/batch/index.html")


if __name__ == "__main__":
    main()
