"""The apparatus as a LaTeX document for reledmac (``--format latex``).

The base text's paragraphs become ``\\pstart … \\pend`` inside ``\\beginnumbering …
\\endnumbering``; each variant unit an ``\\edtext{lemma}{\\Afootnote{reading SIGLA}}``, which
reledmac prints as a line-numbered footnote ``12 lemma] reading B``. An addition, which has
no lemma in the base, is ``\\edtext{}{\\lemma{word}\\Afootnote{reading \\emph{add.} B}}`` at its
place. The wording is the printed apparatus's (`collate.apparatus`), readings that witnesses
share are cited once with all their sigla, and the editor's Latin (``om.``, ``add.``,
``praem.``, ``transp.``, ``lac.``) is in italics. Lemmata are printed whole unless the editor
asks for ``abbreviate_over`` words at most: a longer one is then ``first … last``. A group of
readings that are mostly the same (nested variation) is printed once, then its sub-variants in
parentheses (``… 1869 1872 (indefinite] in definite 1872)``).

Every TeX special character of the witnesses is escaped; whitespace runs print as one space;
control characters print as ``U+XXXX``. The preamble is written for one engine (`LatexEngine`):
``pdflatex`` sets Latin Modern in T1 encoding (scalable Type 1 fonts, no bitmaps), for texts in
the Latin script; ``xelatex`` and ``lualatex`` load fontspec and a font that covers the scripts
the witnesses use (Noto Serif for Greek and Cyrillic, with Noto's Hebrew, Arabic and Devanagari
fonts for those scripts; lualatex sets Hebrew and Arabic right to left through babel).
Compile twice: reledmac numbers lines from the first run's records.
"""

from __future__ import annotations

import re

from collate import __version__
from collate.apparatus import Entry, Note, collapse, entry_for, layout_left_out, shorten, shown
from collate.engine import References, alignment_rows, paragraph_blocks
from collate.model import Collation
from collate.render import LatexEngine, Layout, Minor
from collate.render.apparatus_text import is_minor, layout_hint

__all__ = ["latex_text", "non_latin_scripts", "render_latex", "unset_scripts"]


_SCRIPTS = {
    "Greek": re.compile("[\u0370-\u03ff\u1f00-\u1fff]"),
    "Cyrillic": re.compile("[\u0400-\u052f\u1c80-\u1c8f\ua640-\ua69f]"),
    "Hebrew": re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]"),
    "Arabic": re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "Devanagari": re.compile("[\u0900-\u097f\ua8e0-\ua8ff]"),
}
"""The scripts besides Latin whose fonts the Unicode engines' preamble loads."""

_MAIN_FONT = "Noto Serif"
"""Latin, Greek (polytonic too) and Cyrillic; Debian's fonts-noto-core."""
_SCRIPT_FONTS = {
    "Hebrew": "Noto Serif Hebrew",
    "Arabic": "Noto Naskh Arabic",
    "Devanagari": "Noto Serif Devanagari",
}
"""Fonts for the scripts Noto Serif lacks (fonts-noto-core as well)."""
_BABEL_LANGUAGES = {"Hebrew": "hebrew", "Arabic": "arabic", "Devanagari": "hindi"}
"""The babel language lualatex's preamble loads for a script (its direction and shaping)."""

_XELATEX_SCRIPTS = ("Greek", "Cyrillic", "Hebrew", "Arabic")
"""What xelatex sets: ucharclasses cuts Devanagari into classes whose font switches would break
its conjuncts, so Devanagari needs lualatex's fallback fonts."""

_EDITORIAL = ("om.", "transp.", "lac.", "spacing", "conj.")
"""Notes that are the editor's words, not a witness's: set in italics."""
_POSITIONS = ("add.", "praem.")

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


def non_latin_scripts(collation: Collation) -> list[str]:
    """The scripts besides Latin the witnesses are written in (of those the Unicode engines'
    preamble has fonts for), in a fixed order.

    >>> from collate import collate, witness_from_text
    >>> greek, russian = witness_from_text("λόγος", "A"), witness_from_text("слово", "B")
    >>> non_latin_scripts(collate([greek, russian]))
    ['Greek', 'Cyrillic']
    """
    texts = [w.text for w in collation.witnesses]
    return [name for name, pattern in _SCRIPTS.items() if any(pattern.search(t) for t in texts)]


def unset_scripts(collation: Collation, engine: LatexEngine) -> list[str]:
    """The witnesses' scripts that ``engine``'s preamble cannot set: every one but Latin for
    pdflatex, Devanagari for xelatex, none for lualatex.

    >>> from collate import collate, witness_from_text
    >>> hindi = collate([witness_from_text("नमस्ते", "A"), witness_from_text("नमस्ते जी", "B")])
    >>> unset_scripts(hindi, LatexEngine.XELATEX), unset_scripts(hindi, LatexEngine.LUALATEX)
    (['Devanagari'], [])
    """
    scripts = non_latin_scripts(collation)
    if engine is LatexEngine.PDFLATEX:
        return scripts
    if engine is LatexEngine.XELATEX:
        return [s for s in scripts if s not in _XELATEX_SCRIPTS]
    return []


def render_latex(
    collation: Collation,
    *,
    positive: bool = False,
    minor: Minor = Minor.INCLUDE,
    layout: Layout = Layout.OMIT,
    engine: LatexEngine = LatexEngine.PDFLATEX,
    abbreviate_over: int | None = None,
) -> str:
    """A complete reledmac document with the base text and its apparatus in footnotes.

    ``minor``: punctuation and orthographic units in the same notes (``include``), left out
    (``omit``), or in reledmac's second series of notes, ``\\Bfootnote`` (``separate``).
    ``layout``: units that differ only in whitespace left out (``omit``, a comment at the top
    says how many, and readings that differ from the lemma only in whitespace cited with it) or
    treated as the other minor units (``include``).
    ``engine``: the preamble's engine and fonts. ``abbreviate_over``: lemmata of more words
    than this print as ``first … last`` (default: whole).
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
            elif not shown(row.unit, layout):
                parts.append(latex_text(reading.text))
            else:
                entry = entry_for(collation, row, references, layout)
                if is_minor(entry) and minor is Minor.OMIT:
                    parts.append(latex_text(reading.text))
                    continue
                series = "B" if is_minor(entry) and minor is Minor.SEPARATE else "A"
                parts.append(_edtext(entry, reading.text, positive, series, abbreviate_over))
        paragraph = "".join(parts).strip()
        if paragraph:
            body.append(f"\\pstart\n{paragraph}\n\\pend\n")
    title = latex_text(", ".join(collation.sigla))
    left_out = (
        layout_left_out(collation, layout_hint(minor).removesuffix(" prints"))
        if layout is Layout.OMIT
        else ""
    )
    return (
        f"% Made by collate {__version__}: the text of {latex_text(base.siglum)} with the "
        "readings of the other witnesses.\n"
        + (f"% {left_out}.\n" if left_out else "")
        + f"% Compile twice with {engine.value}.\n"
        "\\documentclass{article}\n"
        + _preamble(engine, non_latin_scripts(collation))
        + "\\usepackage{reledmac}\n"
        "\\Xarrangement[A]{paragraph}\n"
        "\\Xarrangement[B]{paragraph}\n"
        + ("\\Xarrangement[C]{paragraph}\n" if any(u.note for u in collation.units) else "")
        + "\\begin{document}\n"
        f"\\section*{{Collation of {title}}}\n"
        "\\begin{description}\n"
        f"{witnesses}\n"
        "\\end{description}\n"
        "\\beginnumbering\n" + "".join(body) + "\\endnumbering\n"
        "\\end{document}\n"
    )


def _preamble(engine: LatexEngine, scripts: list[str]) -> str:
    """Fonts for ``engine``: Latin Modern (T1) under pdflatex; under the Unicode engines
    Latin Modern for Latin alone, else Noto Serif and, for the scripts it lacks, Noto's fonts
    (lualatex: babel switches to them by the characters, right to left for Hebrew and Arabic;
    xelatex: ucharclasses switches to them, left to right)."""
    if engine is LatexEngine.PDFLATEX:
        return (
            "\\usepackage[T1]{fontenc}\n"
            "\\usepackage[utf8]{inputenc}\n"
            "\\usepackage{lmodern}\n"
            "\\usepackage{textcomp}\n"
        )
    lines = ["\\usepackage{fontspec}"]
    if not scripts:
        return lines[0] + "\n"  # fontspec's default: Latin Modern, as OpenType
    others = [
        s
        for s in scripts
        if s in _SCRIPT_FONTS and (engine is LatexEngine.LUALATEX or s in _XELATEX_SCRIPTS)
    ]
    if engine is LatexEngine.LUALATEX and others:
        # babel switches language, font and direction by the characters themselves
        lines = ["\\usepackage[bidi=basic]{babel}", "\\babelprovide[main, import]{english}"]
        for script in others:
            language = _BABEL_LANGUAGES[script]
            lines.append(f"\\babelprovide[import, onchar=ids fonts]{{{language}}}")
        lines.append(f"\\babelfont{{rm}}{{{_MAIN_FONT}}}")
        for script in others:
            language = _BABEL_LANGUAGES[script]
            lines.append(f"\\babelfont[{language}]{{rm}}{{{_SCRIPT_FONTS[script]}}}")
        return "\n".join(lines) + "\n"
    lines.append(f"\\setmainfont{{{_MAIN_FONT}}}")
    if engine is LatexEngine.XELATEX and others:
        lines.append(f"\\usepackage[{', '.join(others)}]{{ucharclasses}}")
        for script in others:
            command = f"\\{script.lower()}font"
            lines.append(f"\\newfontfamily{command}{{{_SCRIPT_FONTS[script]}}}")
            lines.append(f"\\setTransitionsFor{{{script}}}{{\\begingroup{command}}}{{\\endgroup}}")
    return "\n".join(lines) + "\n"


def _note(note: Note) -> str:
    """A note with the editor's words in italics: ``\\emph{om.}``, ``dear \\emph{add.}``."""
    if note.text in _EDITORIAL and note.text != note.reading:
        return rf"\emph{{{note.text}}}"
    for position in _POSITIONS:
        if note.reading and note.text == f"{note.reading} {position}":
            return rf"{latex_text(note.reading)} \emph{{{position}}}"
    return latex_text(note.text)


def _cited(note: Note) -> str:
    """A note and its witnesses; a group's reading with its sub-variants in parentheses
    (`collate.render.apparatus_text.format_note`)."""
    text = f"{_note(note)} {latex_text(' '.join(note.sigla))}"
    if not note.subvariants:
        return text
    places = "; ".join(
        f"{latex_text(sub.lemma)}] " + ", ".join(_cited(n) for n in sub.notes)
        for sub in note.subvariants
    )
    return f"{text} ({places})"


def _edtext(
    entry: Entry,
    lemma_text: str,
    positive: bool,
    series: str = "A",
    abbreviate_over: int | None = None,
) -> str:
    notes = "; ".join(_cited(note).rstrip() for note in entry.notes)
    # the editor's note is a footnote of reledmac's third series
    footnotes = rf"\{series}footnote{{{notes}}}"
    if entry.unit.note:
        footnotes += rf"\Cfootnote{{{latex_text(collapse(entry.unit.note))}}}"
    lemma_words = (
        entry.full_lemma if abbreviate_over is None else shorten(entry.full_lemma, abbreviate_over)
    )
    printed = latex_text(lemma_words)
    if positive:
        printed += " " + latex_text(" ".join(entry.lemma_sigla))
    in_text = latex_text(lemma_text)
    leading = " " if in_text.startswith(" ") else ""
    trailing = " " if in_text.endswith(" ") and in_text.strip() else ""
    core = in_text.strip()
    if entry.unit.conjecture:
        # the editor's reading stands in the text; the witnesses' are in the note
        core = latex_text(collapse(entry.unit.conjecture))
        if not collapse(lemma_text):
            leading, trailing = in_text, ""
    elif not collapse(lemma_text):
        return rf"{in_text}\edtext{{}}{{\lemma{{{printed}}}{footnotes}}}"
    lemma = "" if printed == core else rf"\lemma{{{printed}}}"
    return rf"{leading}\edtext{{{core}}}{{{lemma}{footnotes}}}{trailing}"
