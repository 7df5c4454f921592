"""Renderers: one module per output format; each returns a string or a rich renderable.

`Format` names the formats of ``collate compare``, `ApparatusFormat` those of ``collate
apparatus``; `render_document` maps the latter to their renderers (imported when used, so the
command line loads only the one it needs). Renderers never print or write files.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence

from collate.model import Collation

__all__ = [
    "ApparatusFormat",
    "Format",
    "LatexEngine",
    "Layout",
    "Minor",
    "TeiMethod",
    "render_document",
]


class Format(enum.StrEnum):
    """An output format of ``collate compare``."""

    TERMINAL = "terminal"
    """The rich terminal view (inline, or side by side with ``--side-by-side``)."""
    JSON = "json"
    """The JSON export (`collate.render.json`)."""
    HTML = "html"
    """A self-contained HTML page (`collate.render.html`)."""


class ApparatusFormat(enum.StrEnum):
    """An output format of ``collate apparatus``."""

    TEXT = "text"
    """The printed apparatus as plain text (`collate.render.apparatus_text`)."""
    TEI = "tei"
    """A TEI P5 document (`collate.render.tei`)."""
    LATEX = "latex"
    """A reledmac document (`collate.render.latex`)."""
    CSV = "csv"
    """The alignment table, comma-separated (`collate.render.table`)."""
    TSV = "tsv"
    """The alignment table, tab-separated."""
    JSON = "json"
    """The JSON export (`collate.render.json`)."""
    JSON_COLLATEX = "json-collatex"
    """CollateX's JSON alignment table."""
    HTML = "html"
    """A self-contained HTML page: side by side, inline, apparatus (`collate.render.html`)."""


class TeiMethod(enum.StrEnum):
    """The TEI variant encoding (``variantEncoding/@method``)."""

    PARALLEL_SEGMENTATION = "parallel-segmentation"
    """Readings in place: ``<app>`` where the variant stands."""
    DOUBLE_END_POINT = "double-end-point"
    """``<anchor>`` pairs in the base text, ``<app from to>`` in a ``<listApp>``."""


class LatexEngine(enum.StrEnum):
    """The TeX engine a LaTeX document is written for (``--latex-engine``)."""

    PDFLATEX = "pdflatex"
    """Latin Modern in T1 encoding: Latin-script texts."""
    XELATEX = "xelatex"
    """fontspec and OpenType fonts covering the witnesses' scripts."""
    LUALATEX = "lualatex"
    """fontspec and OpenType fonts, with fallback fonts for the scripts the main font lacks."""


class Minor(enum.StrEnum):
    """What the printed apparatus does with punctuation and orthographic variants."""

    INCLUDE = "include"
    """Print them with the others."""
    OMIT = "omit"
    """Leave them out."""
    SEPARATE = "separate"
    """Print them in a second apparatus (LaTeX: reledmac's B series of footnotes)."""


class Layout(enum.StrEnum):
    """What the printed outputs (the text and LaTeX apparatus, the terminal view, the HTML
    page) do with units of class ``layout``, readings that differ only in whitespace. The data
    exports (TEI, JSON, CSV, TSV, json-collatex) always keep them."""

    OMIT = "omit"
    """Leave them out, and say how many were left out; in the units shown, cite a witness
    whose reading differs from the lemma's in whitespace alone with the lemma, and drop
    sub-variants of whitespace alone (`collate.apparatus.shown_units`,
    `collate.apparatus.folds_layout`)."""
    INCLUDE = "include"
    """Show them as the other minor variants are shown (``--minor``)."""


def render_document(  # noqa: PLR0911 - one return per format keeps each lazy import by its use
    collation: Collation,
    output_format: ApparatusFormat,
    *,
    positive: bool = False,
    tei_method: TeiMethod = TeiMethod.PARALLEL_SEGMENTATION,
    classes: bool = False,
    minor: Minor = Minor.INCLUDE,
    layout: Layout = Layout.OMIT,
    words: Sequence[Mapping[str, int]] | None = None,
    latex_engine: LatexEngine = LatexEngine.PDFLATEX,
    abbreviate_over: int | None = None,
) -> str:
    """The collation as a document in ``output_format``.

    ``positive`` makes the text and LaTeX apparatus cite the witnesses that agree with the
    base too; ``tei_method`` picks the TEI encoding; ``classes`` types TEI entries by class
    and groups readings equal after normalization; ``minor`` is what the text and LaTeX
    apparatus do with punctuation and orthographic variants, ``layout`` what they and the
    HTML page do with differences of whitespace alone (the data formats keep them all);
    ``words``, the collation's word columns (`collate.engine.token_columns`), makes the CSV,
    TSV and json-collatex tables a row (column) per aligned word rather than per agreement or
    unit. Renderers align nothing.
    ``latex_engine`` (``pdflatex``, ``xelatex``, ``lualatex``) picks the LaTeX preamble's fonts;
    ``abbreviate_over`` shortens the LaTeX lemmata of more words than this to ``first … last``.
    """
    if output_format is ApparatusFormat.TEXT:
        from collate.render.apparatus_text import render_apparatus_text

        return render_apparatus_text(collation, positive=positive, minor=minor, layout=layout)
    if output_format is ApparatusFormat.TEI:
        from collate.render.tei import render_tei

        return render_tei(collation, tei_method, classes=classes)
    if output_format is ApparatusFormat.LATEX:
        from collate.render.latex import render_latex

        return render_latex(
            collation,
            positive=positive,
            minor=minor,
            layout=layout,
            engine=latex_engine,
            abbreviate_over=abbreviate_over,
        )
    if output_format in (ApparatusFormat.CSV, ApparatusFormat.TSV):
        from collate.render.table import render_delimited

        delimiter = "," if output_format is ApparatusFormat.CSV else "\t"
        return render_delimited(collation, delimiter, words=words)
    if output_format is ApparatusFormat.JSON_COLLATEX:
        from collate.render.table import render_collatex_json

        return render_collatex_json(collation, words=words)
    if output_format is ApparatusFormat.HTML:
        from collate.render.html import render_html

        return render_html(collation, words, layout=layout)
    from collate.render.json import render_json

    return render_json(collation)
