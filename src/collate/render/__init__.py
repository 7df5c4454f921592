"""Renderers: one module per output format; each returns a string or a rich renderable.

`Format` names the formats the command line offers; `collate.cli` maps each to its renderer.
Renderers never print or write files.
"""

from __future__ import annotations

import enum

__all__ = ["Format"]


class Format(enum.StrEnum):
    """An output format of ``collate compare``."""

    TERMINAL = "terminal"
    """The rich terminal view (inline, or side by side with ``--side-by-side``)."""
    JSON = "json"
    """The JSON export (`collate.render.json`)."""
