"""The apparatus as a LaTeX document for reledmac (``--format latex``).

The base text's paragraphs become ``\\pstart … \\pend`` inside ``\\beginnumbering …
\\endnumbering``; each variant unit an ``\\edtext{lemma}{\\Afootnote{reading SIGLA}}``, which
reledmac prints as a line-numbered footnote ``12 lemma] reading B``. An addition, which has
no lemma in the base, is ``\\edtext{}{\\lemma{word}\\Afootnote{reading add. B}}`` at its place;
a lemma longer than four words is printed ``first … last`` through ``\\lemma``. The wording is
the printed apparatus's (`collate.apparatus`).

Every TeX special character of the witnesses is escaped; whitespace runs print as one space;
control characters print as ``U+XXXX``. Compile with ``pdflatex`` twice (reledmac numbers
lines from the first run) for texts in the Latin script; for Greek, Cyrillic and other
scripts compile with ``lualatex``, which the preamble also supports (set a font that has the
script with ``\\setmainfont``).
"""

from __future__ import annotations

import re

from collate import __version__
from collate.apparatus import Entry, collapse, entry_for
from collate.engine import References, alignment_rows, paragraph_blocks
from collate.model import Collation
from collate.render.apparatus_text import is_minor

__all__ = ["latex_text", "render_latex"]

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    "\u00a0": "~",
}
_SPECIAL = re.compile(r'[\\{}#$%&_^~<>|"\u00a0]|[\x00-\x1f\x7f-\x9f]')


def latex_text(text: str) -> str:
    """Witness text for LaTeX: specials escaped, whitespace runs as one space.

    >>> print(latex_text("50% of {x} & y_1\\n costs $3"))
    50\\% of \\{x\\} \\& y\\_1 costs \\$3
    >>> print(latex_text("#2 ~ ^ \\\\"))
    \\#2 \\textasciitilde{} \\textasciicircum{} \\textbackslash{}
    """
    spaced = re.sub(r"[ \t\n\r\f\v]+", " ", text)
    return _SPECIAL.sub(_escape, spaced)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SPECIALS.get(char) or rf"{{\ttfamily U+{ord(char):04X}}}"


def render_latex(collation: Collation, *, positive: bool = False, minor: str = "include") -> str:
    """A complete reledmac document with the base text and its apparatus in footnotes.

    ``minor``: punctuation and orthographic units in the same notes (``include``), left out
    (``omit``), or in reledmac's second series of notes, ``\\Bfootnote`` (``separate``).
    """
    base = collation.base
    references = References(collation)
    witnesses = "\n".join(
        rf"\item[{latex_text(w.siglum)}] "
        + latex_text(", ".join(p for p in (w.title, w.date) if p) or (w.path or ""))
        + (" (base text)" if w is base else "")
        for w in collation.witnesses
    )
    body = []
    for block in paragraph_blocks(collation, alignment_rows(collation)):
        if not block.rows:
            continue
        parts = []
        for row in block.rows:
            holder = row.unit.lemma_siglum(base.siglum) if row.unit is not None else base.siglum
            reading = row.readings[holder]
            if row.unit is None:
                parts.append(latex_text(reading.text))
            elif row.moved_to:
                continue
            else:
                entry = entry_for(collation, row, references)
                if is_minor(entry) and minor == "omit":
                    parts.append(latex_text(reading.text))
                    continue
                series = "B" if is_minor(entry) and minor == "separate" else "A"
                parts.append(_edtext(entry, reading.text, positive, series))
        paragraph = "".join(parts).strip()
        if paragraph:
            body.append(f"\\pstart\n{paragraph}\n\\pend\n")
    title = latex_text(", ".join(collation.sigla))
    return (
        f"% Made by collate {__version__}: the text of {latex_text(base.siglum)} with the "
        "readings of the other witnesses.\n"
        "% Compile twice with pdflatex (Latin script) or lualatex (any script).\n"
        "\\documentclass{article}\n"
        "\\usepackage{iftex}\n"
        "\\ifPDFTeX\n"
        "  \\usepackage[utf8]{inputenc}\n"
        "  \\usepackage[T1]{fontenc}\n"
        "\\else\n"
        "  \\usepackage{fontspec}\n"
        "\\fi\n"
        "\\usepackage{reledmac}\n"
        "\\Xarrangement[A]{paragraph}\n"
        "\\Xarrangement[B]{paragraph}\n"
        "\\begin{document}\n"
        f"\\section*{{Collation of {title}}}\n"
        "\\begin{description}\n"
        f"{witnesses}\n"
        "\\end{description}\n"
        "\\beginnumbering\n" + "".join(body) + "\\endnumbering\n"
        "\\end{document}\n"
    )


def _edtext(entry: Entry, lemma_text: str, positive: bool, series: str = "A") -> str:
    notes = "; ".join(
        f"{latex_text(note.text)} {latex_text(' '.join(note.sigla))}" for note in entry.notes
    )
    printed = latex_text(entry.lemma)
    if positive:
        printed += " " + latex_text(" ".join(entry.lemma_sigla))
    in_text = latex_text(lemma_text)
    leading = " " if in_text.startswith(" ") else ""
    trailing = " " if in_text.endswith(" ") and in_text.strip() else ""
    core = in_text.strip()
    lemma = "" if printed == core else rf"\lemma{{{printed}}}"
    if not collapse(lemma_text):
        return rf"{in_text}\edtext{{}}{{\lemma{{{printed}}}\{series}footnote{{{notes}}}}}"
    return rf"{leading}\edtext{{{core}}}{{{lemma}\{series}footnote{{{notes}}}}}{trailing}"
