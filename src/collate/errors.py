"""The errors `collate` raises for a user's mistake.

Every error a user can fix is a `CollateError`; each subclass also inherits the builtin it
refines, so ``except ValueError`` in a script keeps working::

    CollateError
    ├── WitnessError (ValueError)        a witness file cannot be read as a witness
    │   ├── WitnessNotFoundError (FileNotFoundError)
    │   ├── WitnessDecodeError (UnicodeError)
    │   └── ApparatusError               a TEI or JSON collation cannot be read as witnesses
    ├── ManifestError (ValueError)       a manifest or witness list is malformed
    ├── BatchInterrupted                 Ctrl-C or SIGTERM stopped a batch (exit status 130)
    └── CollationError (ValueError)      the witnesses given cannot be collated together

The command line prints ``str(error)`` on one line and exits with status 2; anything else that
escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ApparatusError",
    "BatchInterrupted",
    "CollateError",
    "CollationError",
    "ManifestError",
    "WitnessDecodeError",
    "WitnessError",
    "WitnessNotFoundError",
]


class CollateError(Exception):
    """Root of the errors a user can fix; the message names the thing and the problem."""


class WitnessError(CollateError, ValueError):
    """A witness file that cannot be read as a witness."""


class WitnessNotFoundError(WitnessError, FileNotFoundError):
    """A witness path that does not exist."""


class WitnessDecodeError(WitnessError, UnicodeError):
    """Witness bytes that do not decode in the encoding given or detected."""


class ManifestError(CollateError, ValueError):
    """A manifest, CollateX JSON file or sigla list that is malformed."""


class CollationError(CollateError, ValueError):
    """Witnesses that cannot be collated together (too few, or sigla that clash)."""


class ApparatusError(WitnessError):
    """A TEI or JSON collation that cannot be read back as witnesses."""


class BatchInterrupted(CollateError):
    """A batch stopped by Ctrl-C or SIGTERM; the sets done are written and kept by ``resume``."""

    def __init__(self, done: int, total: int, out: Path) -> None:
        super().__init__(
            f"interrupted: {done} of {total} sets done in {out}; run the same command with "
            "--resume to finish the others"
        )
        self.done = done
        self.total = total
