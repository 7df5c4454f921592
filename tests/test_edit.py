"""`collate edit`: the page with editing on, served on 127.0.0.1 behind a token, driven in
Chromium through Playwright as the page tests drive it."""

from __future__ import annotations

import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from collate import decisions as d
from collate.edit import Editor, serve
from collate.engine import Grouping, collate, token_columns
from collate.model import Collation
from collate.render.html import render_html
from collate.witnesses import load_witnesses

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
FIRST = "The black cat sat on the mat in the hall today.\n\nIt was warm, and the dog slept.\n"
SECOND = "The cat sat on a mat in the hall yesterday.\n\nIt was warm and the dog slept soundly.\n"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, list[Path]]]:
    """The editing server on the toy witnesses, serving in a thread: its address (with the
    token), the decisions file and the witness files."""
    files = [tmp_path / "A.txt", tmp_path / "B.txt"]
    files[0].write_text(FIRST, encoding="utf-8")
    files[1].write_text(SECOND, encoding="utf-8")
    decisions = tmp_path / "toy.decisions.toml"

    def machine() -> Collation:
        return collate(load_witnesses(files))

    editor = Editor(
        collate=machine,
        decisions=decisions,
        apply=lambda c, made: d.apply(c, made).collation,
        render=lambda c: render_html(c, token_columns(c)),
    )
    running, address = serve(editor)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield address, decisions, files
    running.shutdown()
    running.server_close()


def test_the_server_listens_on_the_loopback_only_with_a_long_token(
    server: tuple[str, Path, list[Path]],
) -> None:
    """The address is 127.0.0.1, a free port, and a random token of 32 characters."""
    address = server[0]
    assert address.startswith("http://127.0.0.1:")
    assert len(address.split("token=")[1]) == 32


def test_a_request_without_the_token_is_refused(server: tuple[str, Path, list[Path]]) -> None:
    """Reading the page or writing a decision without the token: 403, nothing written."""
    address, decisions, _ = server
    bare = address.split("?")[0]
    for request in (
        urllib.request.Request(bare),
        urllib.request.Request(bare + "decide", data=b'{"action": "drop", "units": ["u1"]}'),
        urllib.request.Request(
            bare + "decide?token=wrong", data=b'{"action": "drop", "units": ["u1"]}'
        ),
    ):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
        refused.value.close()
    assert not decisions.exists()


def test_a_decision_made_on_the_page_records_the_grouping(tmp_path: Path) -> None:
    """A decision the page adds is written with the grouping of the collation it was made on,
    so ``apparatus --decisions`` collates so again; one made on another grouping than the
    file's is refused, the file unchanged."""
    files = [tmp_path / "A.txt", tmp_path / "B.txt"]
    files[0].write_text(FIRST, encoding="utf-8")
    files[1].write_text(SECOND, encoding="utf-8")
    decisions = tmp_path / "toy.decisions.toml"

    def editor(grouping: Grouping) -> Editor:
        return Editor(
            collate=lambda: collate(load_witnesses(files), grouping=grouping),
            decisions=decisions,
            apply=lambda c, made: d.apply(c, made).collation,
            render=lambda c: render_html(c, token_columns(c)),
            grouping=grouping,
        )

    assert (
        editor(Grouping.WORDS)
        .decide({"action": "drop", "units": ["u1"]})
        .startswith("decided: drop u1")
    )
    assert d.recorded_grouping(decisions) is Grouping.WORDS
    written = decisions.read_bytes()
    with pytest.raises(d.DecisionsError, match="made on units grouped by words"):
        editor(Grouping.PHRASES).decide({"action": "drop", "units": ["u2"]})
    assert decisions.read_bytes() == written


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


def _actions(decisions: Path) -> list[str]:
    return [x.action.value for x in d.load(decisions)]


def test_each_action_writes_the_file_and_redraws(
    browser: object, server: tuple[str, Path, list[Path]]
) -> None:
    """In Chromium: merge, split, lemma, class, note, drop and undo each write the decisions
    file and redraw; a reload keeps them; a witness edited on disk re-anchors them."""
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    address, decisions, files = server
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(address)

    def act(unit: str, control: str, *, value: str | None = None, fill: str = "") -> None:
        page.click(f'.cell .v[data-unit="{unit}"] >> nth=0')
        assert page.text_content("#edit-unit") == unit
        if fill:
            page.fill(control.replace("-set", ""), fill)
        with page.expect_navigation():
            if value is not None:
                page.select_option(control, value)
            else:
                page.click(control)

    act("u1", "#edit-merge")
    assert _actions(decisions) == ["merge"]
    assert page.locator('.cell .v[data-unit="u5"]').count() == 0  # five units are four now
    page.click('.cell .v[data-unit="u1"] >> nth=0')
    with page.expect_navigation():
        page.click(".edit-cut >> nth=0")  # before A's "cat"
    assert _actions(decisions) == ["merge", "split"]
    act("u3", "#edit-lemma", value="B")
    act("u3", "#edit-class", value="orthographic")
    assert page.locator('.cell .v.c-orthographic[data-unit="u3"]').count() == 2
    act("u4", "#edit-note-set", fill="B's date is later")
    assert "note: B's date is later" in str(
        page.get_attribute('.cell .v[data-unit="u4"] >> nth=0', "title")
    )
    act("u5", "#edit-drop")
    assert page.locator('.cell .v[data-unit="u5"]').count() == 0
    assert _actions(decisions) == ["merge", "split", "lemma", "class", "note", "drop"]
    with page.expect_navigation():
        page.click("#edit-undo")
    assert _actions(decisions) == ["merge", "split", "lemma", "class", "note"]
    assert page.locator('.cell .v[data-unit="u5"]').count() == 2

    page.reload()
    assert "note: B's date is later" in str(
        page.get_attribute('.cell .v[data-unit="u4"] >> nth=0', "title")
    )
    for path in files:  # a paragraph added at the start of both witnesses: offsets shift
        path.write_text("Archive copy.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    page.reload()
    assert "note: B's date is later" in str(
        page.get_attribute('.cell .v[data-unit="u4"] >> nth=0', "title")
    )
    assert all(
        o.applied for o in d.apply(collate(load_witnesses(files)), d.load(decisions)).outcomes
    )
    assert errors == []


def test_edit_with_a_bad_decisions_file_stops_before_serving(tmp_path: Path) -> None:
    """`collate edit` checks the witnesses and the decisions first: one line, exit 2."""
    from typer.testing import CliRunner

    from collate.cli import app

    (tmp_path / "A.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "B.txt").write_text(SECOND, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[decision]\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "edit",
            str(tmp_path / "A.txt"),
            str(tmp_path / "B.txt"),
            "--decisions",
            str(bad),
            "--no-browser",
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"collate: error: {bad}: not valid TOML")


def test_ctrl_c_stops_the_server_cleanly(tmp_path: Path) -> None:
    """The command prints its address, serves, and on SIGINT (Ctrl-C) says it stopped and
    exits 0, the port closed."""
    import signal
    import subprocess
    import sys

    (tmp_path / "A.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "B.txt").write_text(SECOND, encoding="utf-8")
    command = [sys.executable, "-c", "from collate.cli import main; main()", "edit"]
    arguments = ["A.txt", "B.txt", "--decisions", "d.toml", "--no-browser"]
    process = subprocess.Popen(
        command + arguments, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    address = line.split(" at ")[1].split(" ")[0]
    with urllib.request.urlopen(address, timeout=10) as answer:
        assert answer.status == 200
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=20)
    assert process.returncode == 0
    assert err == "collate edit: stopped\n"
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(address, timeout=5)
