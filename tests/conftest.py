"""Shared fixtures: the project's witnesses and a fixed-width console for golden output."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import signal
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
WITNESSES = ROOT / "witnesses"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED = ROOT.parent / "shared"

BENCHMARKS = ROOT / "benchmarks"


def baku_laid_out(layout: str) -> str:
    """The Baku letter (witnesses/baku-1924.txt) laid out otherwise, as issue 13 has it:
    ``wrapped``, its words re-wrapped at 64 columns with no blank line (a line-by-line
    transcription of a printed edition), or ``one paragraph``, its paragraph breaks spaces."""
    text = (WITNESSES / "baku-1924.txt").read_text(encoding="utf-8")
    if layout == "one paragraph":
        return re.sub(r"\s*\n\s*\n\s*", " ", text)
    return textwrap.fill(" ".join(text.split()), 64) + "\n"


# `make test` run in the background of a non-interactive shell (as a merge script is) starts
# with Ctrl-C ignored, and so would every command a test starts: the tests that press Ctrl-C
# on `collate edit` or `collate batch` need it delivered as it is on a terminal
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

settings.register_profile("ci", max_examples=300, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def benchmark(name: str) -> ModuleType:
    """A script of benchmarks/ as a module, so that a test scores the way its benchmark does
    (the scripts are not a package)."""
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files under tests/golden/ from the current output.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with a golden file, or rewrite it with --update-golden."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.write_text(text, encoding="utf-8", newline="")
        assert path.exists(), f"{path} is missing; run pytest --update-golden"
        # bytes, not read_text: line ends are part of a document (CSV's are CRLF)
        assert text == path.read_bytes().decode("utf-8")

    return check


def fixed_console_text(renderable: object, width: int = 80) -> str:
    """What rich prints for ``renderable`` on a plain console ``width`` columns wide."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def tei_schema() -> object:
    """TEI P5 4.12 (``../shared/schemas/tei_all.rng``), compiled once per run (10 to 20 s)."""
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(SHARED / "schemas" / "tei_all.rng")))
