"""The reledmac document compiles with pdflatex and its footnotes carry the apparatus.

pdflatex and pdftotext come from Debian's texlive and poppler-utils packages, which `.ci/run`
installs; where they are missing outside CI the test is skipped, in CI it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from collate import collate, load_witness, witness_from_text
from collate.render.latex import render_latex
from conftest import WITNESSES

TOOLS = ("pdflatex", "pdftotext")


@pytest.fixture(scope="module")
def tex_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing and os.environ.get("CI"):
        pytest.fail(f"{', '.join(missing)} missing: .ci/run installs texlive and poppler-utils")
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed")


def _compile(tex: str, folder: Path) -> str:
    source = folder / "apparatus.tex"
    source.write_text(tex, encoding="utf-8")
    for _ in range(2):  # reledmac places its notes from the first run's records
        completed = subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", source.name],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=180,
        )
        errors = [line for line in completed.stdout.splitlines() if line.startswith("!")]
        assert completed.returncode == 0, errors or completed.stdout[-2000:]
    return subprocess.run(
        ["pdftotext", "-layout", str(folder / "apparatus.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.usefixtures("tex_tools")
def test_letters_apparatus_compiles_with_its_footnotes(tmp_path: Path) -> None:
    collation = collate(
        [load_witness(WITNESSES / "medvedev-1926.txt"), load_witness(WITNESSES / "baku-1924.txt")]
    )
    text = " ".join(_compile(render_latex(collation), tmp_path).split())
    assert "Dear comrade V.," in text
    # footnotes as reledmac prints them: line number, lemma], reading, siglum
    assert "uninterrupted ] om. B" in text
    assert "experienced ] propertied B" in text
    assert "downsizing ] shattering B" in text


@pytest.mark.usefixtures("tex_tools")
def test_every_special_character_compiles(tmp_path: Path) -> None:
    a = witness_from_text('Cost: 50% of {x} & y_1 for $3 #2 ~ ^ \\ <b> | "q" \x07 end.\n', "A")
    b = witness_from_text('Cost: 60% of {x} & y_2 for $4 #2 ~ ^ \\ <i> | "q" end.\n', "B")
    text = " ".join(_compile(render_latex(collate([a, b])), tmp_path).split())
    assert '50% of {x} & y_1 for $3 #2 ~ ^ \\ <b> | "q" U+0007 end.' in text
    assert "50 ] 60 B" in text
