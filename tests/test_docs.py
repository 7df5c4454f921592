"""The documentation keeps up with the code: every command has help and is in the README, and
every example script runs."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from collate.cli import app
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    """`collate COMMAND --help` works and describes the command."""
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    """The README shows each command in use."""
    assert f"collate {command}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_in_the_readme(name: str) -> None:
    """Each option of each command is documented in the README."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    for parameter in command.params:
        if type(parameter).__name__ == "TyperOption":
            assert parameter.opts[0] in README, parameter.opts[0]


def test_the_quick_start_is_two_commands() -> None:
    """The README's quick start is `make demo` and `make test`, nothing else."""
    start = README.index("## Quick start")
    block = README[start:].split("```")[1]
    assert [line for line in block.splitlines()[1:] if line.strip()] == ["make demo", "make test"]


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_runs(script: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each script in examples/ runs to the end (in a scratch folder, so out/ stays clean)."""
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(script), run_name="__main__")


def test_importing_the_library_leaves_rich_and_typer_out() -> None:
    """`import collate` in a script stays light: the terminal and CLI libraries load on demand."""
    import subprocess
    import sys

    code = "import sys, collate; print(sorted(m for m in ('rich', 'typer') if m in sys.modules))"
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"
