"""The reledmac document compiles with pdflatex, xelatex and lualatex, its footnotes carry the
apparatus, and its fonts are outlines (no Type 3 bitmaps).

pdflatex, xelatex, lualatex, pdftotext, pdffonts and the fonts come from Debian's texlive,
texlive-xetex, texlive-luatex, lmodern, fonts-noto-core and poppler-utils packages, which
`.ci/run` installs; where they are missing outside CI the tests are skipped, in CI they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from collate import Collation, collate, load_witness, load_witnesses, witness_from_text
from collate.render import LatexEngine
from collate.render.latex import render_latex
from conftest import ROOT, WITNESSES

TOOLS = ("pdflatex", "xelatex", "lualatex", "pdftotext", "pdffonts", "fc-list")
CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.fixture(scope="module")
def tex_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing and os.environ.get("CI"):
        pytest.fail(f"{', '.join(missing)} missing: .ci/run installs texlive and poppler-utils")
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed")


def _compile(tex: str, folder: Path, engine: str = "pdflatex") -> str:
    source = folder / "apparatus.tex"
    source.write_text(tex, encoding="utf-8")
    for _ in range(2):  # reledmac places its notes from the first run's records
        completed = subprocess.run(
            [engine, "-interaction=nonstopmode", "-halt-on-error", source.name],
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
def test_every_special_character_compiles(tmp_path: Path) -> None:
    a = witness_from_text('Cost: 50% of {x} & y_1 for $3 #2 ~ ^ \\ <b> | "q" \x07 end.\n', "A")
    b = witness_from_text('Cost: 60% of {x} & y_2 for $4 #2 ~ ^ \\ <i> | "q" end.\n', "B")
    text = " ".join(_compile(render_latex(collate([a, b])), tmp_path).split())
    assert '50% of {x} & y_1 for $3 #2 ~ ^ \\ <b> | "q" U+0007 end.' in text
    assert "50 ] 60 B" in text


def _fonts(folder: Path) -> list[tuple[str, str, str]]:
    """pdffonts' table: each font's name, type and whether it is embedded (the columns are
    as wide as the dashes under their headings)."""
    lines = subprocess.run(
        ["pdffonts", str(folder / "apparatus.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    rows = [[line[start:end].strip() for start, end in spans] for line in lines[2:]]
    return [(row[0], row[1], row[3]) for row in rows]


def _missing_characters(folder: Path) -> list[str]:
    log = (folder / "apparatus.log").read_text(encoding="utf-8", errors="replace")
    return [line for line in log.splitlines() if line.startswith("Missing character")]


def _letters() -> Collation:
    return collate(
        [load_witness(WITNESSES / "medvedev-1926.txt"), load_witness(WITNESSES / "baku-1924.txt")]
    )


def _darwin() -> Collation:
    return collate(load_witnesses([CORPORA / "darwin" / "chapter1"]))


def _florilegium() -> Collation:
    return collate(load_witnesses([CORPORA / "florilegium" / "florilegium_tei_ps.xml"]))


def _scripts() -> Collation:
    a = "שלום עולם. مرحبا بالعالم. नमस्ते दुनिया. Γειά σου. Привет.\n"
    b = "שלום לך. مرحبا بك. नमस्ते सब. Γειά σας. Привет!\n"
    return collate([witness_from_text(a, "A"), witness_from_text(b, "B")])


# (collation, engine, what pdftotext must find, the fonts' family); Darwin's six editions
# (../shared/corpora/darwin/chapter1) and the Florilegium Coislinianum's 13 Greek witnesses
# (../shared/corpora/florilegium, parallel segmentation) are the corpora's own texts.
PRINTS = [
    (
        "letters",
        "pdflatex",
        [
            "Dear comrade V.,",
            "uninterrupted ] om. B",
            "experienced ] propertied B",
            "downsizing ] shattering B",
        ],
        "LMRoman",
    ),
    ("letters", "xelatex", ["uninterrupted ] om. B", "downsizing ] shattering B"], "LMRoman"),
    ("letters", "lualatex", ["uninterrupted ] om. B", "downsizing ] shattering B"], "LMRoman"),
    (
        "darwin",
        "pdflatex",
        ["When ] And if 1869 1872", "look to ] compare 1869 1872"],
        "LMRoman",
    ),
    ("darwin", "xelatex", ["When ] And if 1869 1872"], "LMRoman"),
    (
        "florilegium",
        "xelatex",
        [
            "Μαξίμου ] om. B C D E G Q T; Μαξίμου ἁγίου F H",
            "τοῦ B G; τοῦ ἁγίου πνεύματος D P Q S",
        ],
        "NotoSerif",
    ),
    ("florilegium", "lualatex", ["Μαξίμου ] om. B C D E G Q T; Μαξίμου ἁγίου F H"], "NotoSerif"),
    ("scripts", "lualatex", ["σου ] σας B", "שלום עולם", "सब B"], "NotoSerif"),
    ("scripts", "xelatex", ["σου ] σας B", "Привет.", "] ! B"], "NotoSerif"),
]
COLLATIONS = {
    "letters": _letters,
    "darwin": _darwin,
    "florilegium": _florilegium,
    "scripts": _scripts,
}


@pytest.mark.usefixtures("tex_tools")
@pytest.mark.parametrize(
    ("corpus", "engine", "expected", "family"),
    PRINTS,
    ids=[f"{corpus}-{engine}" for corpus, engine, _, _ in PRINTS],
)
def test_the_print_compiles_with_outline_fonts(
    tmp_path: Path, corpus: str, engine: str, expected: list[str], family: str
) -> None:
    """Each engine compiles each corpus: the footnotes read as the apparatus does, every font is
    embedded and none is a Type 3 bitmap, the editor's words are in italics."""
    collation = COLLATIONS[corpus]()
    tex = render_latex(collation, engine=LatexEngine(engine))
    # pdftotext's text, NFC, lines joined and words hyphenated at a line end put together
    text = re.sub(r"(\w)- (\w)", r"\1\2", " ".join(_compile(tex, tmp_path, engine).split()))
    text = unicodedata.normalize("NFC", text)
    for needle in expected:
        assert unicodedata.normalize("NFC", needle) in text, needle
    fonts = _fonts(tmp_path)
    assert fonts
    assert all(kind != "Type 3" for _, kind, _ in fonts), fonts
    assert all(embedded == "yes" for _, _, embedded in fonts), fonts
    assert any(family in name for name, _, _ in fonts), fonts
    assert any("Italic" in name for name, _, _ in fonts) or corpus == "scripts", fonts
    if not (corpus == "scripts" and engine == "xelatex"):  # xelatex has no Devanagari here
        assert _missing_characters(tmp_path) == []


def test_editorial_words_are_italic_and_shared_readings_cited_once() -> None:
    """om., add., praem., transp. and lac. in \\emph; witnesses that agree share one note."""
    a = witness_from_text("One two three four five six seven eight nine ten.\n", "A")
    b = witness_from_text("One two four five six seven eight nine ten, eleven.\n", "B")
    c = witness_from_text("One two four five six seven eight nine ten.\n", "C")
    tex = render_latex(collate([a, b, c]))
    assert r"\edtext{three}{\Afootnote{\emph{om.} B C}}" in tex
    assert r"\Afootnote{, eleven \emph{add.} B}" in tex


def test_long_lemmata_are_abbreviated_only_when_asked() -> None:
    """A seven-word lemma prints whole; with abbreviate_over=4 as `first … last`."""
    a = witness_from_text("Keep this. I was told that you were there. Keep that.\n", "A")
    b = witness_from_text("Keep this. Keep that.\n", "B")
    whole = render_latex(collate([a, b]))
    short = render_latex(collate([a, b]), abbreviate_over=4)
    assert r"\edtext{I was told that you were there.}{\Afootnote{\emph{om.} B}}" in whole
    assert r"\lemma{I … there.}" in short
    assert r"\lemma" not in whole


def test_each_engine_has_its_preamble() -> None:
    """pdflatex: Latin Modern in T1; xelatex and lualatex: fontspec, Noto for Greek."""
    greek = collate([witness_from_text("λόγος ἐστί", "A"), witness_from_text("λόγος ἦν", "B")])
    pdf = render_latex(_letters())
    assert "\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n\\usepackage{lmodern}" in pdf
    assert "fontspec" not in pdf
    assert "\\usepackage{fontspec}\n\\usepackage{reledmac}" in render_latex(
        _letters(), engine=LatexEngine.XELATEX
    )
    assert "\\setmainfont{Noto Serif}" in render_latex(greek, engine=LatexEngine.LUALATEX)
    hebrew = render_latex(_scripts(), engine=LatexEngine.LUALATEX)
    assert "\\babelfont[hebrew]{rm}{Noto Serif Hebrew}" in hebrew


@pytest.mark.usefixtures("tex_tools")
def test_nested_readings_compile_with_their_subvariants(tmp_path: Path) -> None:
    """A group's reading is printed once in the footnote, then its sub-variants."""
    from test_nesting import toy

    text = " ".join(_compile(render_latex(toy()), tmp_path).split())
    assert "the bank B C E (whole] om. E; slowly] quickly C; village] town C;" in text
    assert "<morning>] 50% C; sang] happily add. E)" in text
    assert text.count("At dawn the whole family") == 1
