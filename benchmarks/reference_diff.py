"""The least a word-level comparison of two files can cost: the reference ``speed.py`` measures
``collate compare`` against (issue 17, item 15).

It reads both files, cuts them into words and punctuation with one regular expression, gives
each distinct word one character, and runs the C++ diff-match-patch (``fast-diff-match-patch``)
on the two strings in word mode, then prints how many changes it found. No normalization, no
paragraphs, no units, no output file: what a plain word diff costs as a whole process.
``--cut-only`` stops before the diff: reading both files and cutting them into words, the
least any word aligner must do (`benchmarks/adversarial.py` gives it as a lower bound).

    .venv/bin/python benchmarks/reference_diff.py [--cut-only] A.txt B.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from fast_diff_match_patch import diff

_WORD = re.compile(r"\w+|[^\w\s]")


def word_codes(text: str, codes: dict[str, str]) -> str:
    """The text's words as one character each (the same word, the same character)."""
    return "".join(
        codes.setdefault(word, chr(0x10000 + len(codes))) for word in _WORD.findall(text)
    )


def main() -> None:
    cut_only = "--cut-only" in sys.argv
    names = [argument for argument in sys.argv[1:] if argument != "--cut-only"]
    codes: dict[str, str] = {}
    a, b = (word_codes(Path(name).read_text(encoding="utf-8"), codes) for name in names[:2])
    if cut_only:
        print(f"{len(a)} + {len(b)} words, {len(codes)} distinct")
        return
    changes = sum(1 for operation, _ in diff(a, b, timelimit=0, cleanup="No") if operation != "=")
    print(f"{len(a)} + {len(b)} words, {changes} changes")


if __name__ == "__main__":
    main()
