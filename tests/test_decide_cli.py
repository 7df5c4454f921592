"""`collate decide` and `--decisions`: the editor's decisions written from the command line and
shown by every format."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collate import collate, witness_from_text
from collate import decisions as d
from collate.cli import app
from collate.render import ApparatusFormat, render_document
from collate.render.json import render_json
from collate.tei_import import read_tei
from collate.witnesses import load_witnesses

runner = CliRunner()

FIRST = "The black cat sat on the mat in the hall today.\n\nIt was warm, and the dog slept.\n"
SECOND = "The cat sat on a mat in the hall yesterday.\n\nIt was warm and the dog slept soundly.\n"


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The toy witnesses, A.txt and B.txt, in a scratch folder that is the current one (so
    the documents name them alike in every run)."""
    monkeypatch.chdir(tmp_path)
    Path("A.txt").write_text(FIRST, encoding="utf-8")
    Path("B.txt").write_text(SECOND, encoding="utf-8")
    return ["A.txt", "B.txt"]


def _decide(pair: list[str], path: Path, *args: str) -> str:
    action, *rest = args
    options = [a for a in rest if a.startswith("--")]
    values = [a for a in rest if not a.startswith("--")]
    at: list[str] = []
    text: list[str] = []
    for option in options:
        name, _, value = option.partition("=")
        (at if name == "--at" else text).extend([name, value])
    result = runner.invoke(
        app, ["decide", action, *pair, *values, "--decisions", str(path), *at, *text]
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _written_pair(folder: Path, a: str, b: str) -> list[str]:
    """Two witness files, a.txt and b.txt, in ``folder``, written with these texts."""
    pair = [folder / "a.txt", folder / "b.txt"]
    for path, text in zip(pair, (a, b), strict=True):
        path.write_text(text, encoding="utf-8")
    return [str(path) for path in pair]


def _ids(pair: list[str]) -> list[tuple[str, str, str]]:
    collation = collate(load_witnesses([Path(p) for p in pair]))
    return [(u.id, u.readings["A"].text, u.readings["B"].text) for u in collation.units]


def test_the_toy_units_are_what_the_golden_decisions_name(pair: list[str]) -> None:
    """The machine's units of the toy pair, which the decisions below refer to by id."""
    assert _ids(pair) == [
        ("u1", "black ", ""),
        ("u2", "the", "a"),
        ("u3", "today", "yesterday"),
        ("u4", ",", ""),
        ("u5", "", " soundly"),
    ]


def _decided_file(pair: list[str], path: Path) -> Path:
    _decide(pair, path, "merge", "u1", "u2")
    cut = FIRST.index("the mat")
    _decide(pair, path, "split", "u1", f"--at=A:{cut}")
    _decide(pair, path, "lemma", "u2", "B")
    _decide(pair, path, "lemma", "u3", "--text=this morning")
    _decide(pair, path, "note", "u3", "B's date is a later hand <ink> & \\ {}")
    _decide(pair, path, "class", "u4", "orthographic")
    _decide(pair, path, "drop", "u5")
    return path


@pytest.fixture
def decided(pair: list[str], tmp_path: Path) -> Path:
    return _decided_file(pair, tmp_path / "toy.decisions.toml")


def test_decide_writes_each_decision_and_list_reports_them(pair: list[str], decided: Path) -> None:
    """Seven decisions written by `collate decide`; `decide list` says where each applied."""
    assert len(d.load(decided)) == 7
    listed = runner.invoke(app, ["decide", "list", *pair, "--decisions", str(decided)])
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert lines[0] == 'merge u1 u2 (A "black cat sat on the", B "cat sat on a")'.join(
        ["1. applied -> u1: ", ""]
    )
    assert lines[-1] == f"7 decisions in {decided}: 7 applied, 0 no longer apply"


@pytest.mark.parametrize(
    ("name", "output_format"),
    [
        ("decisions-toy.txt", ApparatusFormat.TEXT),
        ("decisions-toy.tei.xml", ApparatusFormat.TEI),
        ("decisions-toy.tex", ApparatusFormat.LATEX),
        ("decisions-toy.csv", ApparatusFormat.CSV),
        ("decisions-toy.json", ApparatusFormat.JSON),
    ],
)
def test_every_format_shows_the_decisions(
    pair: list[str],
    decided: Path,
    golden: Callable[[str, str], None],
    name: str,
    output_format: ApparatusFormat,
) -> None:
    """`collate apparatus --decisions` in each format: the conjecture, the note, the class,
    the lemma, the dropped unit (left out of the printed apparatus, kept in the data)."""
    result = runner.invoke(
        app,
        ["apparatus", *pair, "--decisions", str(decided), "--format", output_format.value],
    )
    assert result.exit_code == 0, result.stderr
    golden(name, result.stdout)


def test_the_page_shows_notes_as_tooltips_and_leaves_dropped_units_plain(
    pair: list[str], decided: Path
) -> None:
    """The HTML page: the note and conjecture are the variant's title; the dropped unit is
    not marked."""
    result = runner.invoke(
        app, ["apparatus", *pair, "--decisions", str(decided), "--format", "html"]
    )
    assert result.exit_code == 0
    page = result.stdout
    assert 'title="u3: conj. this morning\nu3: note: B&#39;s date is a later hand &lt;ink&gt;' in (
        page
    )
    assert 'data-unit="u5"' not in page
    assert "conj. this morning" in page


def test_the_terminal_view_shows_ids_conjecture_and_note(pair: list[str], decided: Path) -> None:
    """`compare --decisions` prints the ids, the conjecture and note, and leaves the dropped
    addition unmarked."""
    result = runner.invoke(
        app, ["compare", *pair, "--decisions", str(decided), "--color", "never", "--width", "200"]
    )
    assert result.exit_code == 0, result.stderr
    body = result.stdout.splitlines()
    assert body[3] == (
        "The ‹u1›⸂black cat sat on⸃[B: cat sat on] ‹u2›⸂a⸃[A: the] mat in the hall ‹u3›⸂today⸃"
        "[conj. this morning; B: yesterday; note: B's date is a later hand <ink> & \\ {}]."
    )
    assert body[5] == "It was warm‹u4›⸂,⸃[B om.] and the dog slept."
    assert "7 of 7 decisions applied, 1 dropped as no variant" in result.stdout


def test_the_tei_with_decisions_still_gives_back_every_witness(
    pair: list[str], decided: Path, tmp_path: Path
) -> None:
    """Nothing lost: the TEI written with a conjecture and a dropped unit reads back as the
    two witnesses exactly."""
    tei = tmp_path / "toy.xml"
    result = runner.invoke(
        app, ["apparatus", *pair, "--decisions", str(decided), "--format", "tei", "-o", str(tei)]
    )
    assert result.exit_code == 0
    assert [w.text for w in read_tei(tei)] == [FIRST, SECOND]


def test_the_json_lists_decisions_not_applied_with_the_reason(
    pair: list[str], decided: Path, tmp_path: Path
) -> None:
    """After the passage of a decision is rewritten, the JSON says it did not apply and why,
    standard error says so in words, and the file keeps it."""
    Path(pair[1]).write_text(SECOND.replace("yesterday", "on Sunday"), encoding="utf-8")
    before = decided.read_text(encoding="utf-8")
    result = runner.invoke(app, ["compare", *pair, "--decisions", str(decided), "-f", "json"])
    assert result.exit_code == 0
    listed = json.loads(result.stdout)["decisions"]
    assert [x["applied"] for x in listed] == [True, True, True, False, False, True, True]
    assert listed[3]["reason"] == 'B no longer reads "yesterday" there'
    assert result.stderr.splitlines()[0] == (
        f"collate: warning: 2 decisions no longer apply (still in {decided}; collate decide "
        "list shows them):"
    )
    assert result.stderr.splitlines()[1] == (
        '  4. lemma u3 (A "today", B "yesterday"): conj. "this morning": B no longer reads '
        '"yesterday" there'
    )
    assert decided.read_text(encoding="utf-8") == before


def test_undo_removes_the_last_decision(pair: list[str], decided: Path) -> None:
    """`decide undo` removes the drop, and u5 is marked again."""
    result = runner.invoke(app, ["decide", "undo", *pair, "--decisions", str(decided)])
    assert result.exit_code == 0
    assert result.stdout == 'undone: drop u5 (A "", B "soundly")\n'
    assert len(d.load(decided)) == 6


REFUSED = {
    "merging a dropped unit": (
        ["merge", "u4", "u5"],
        "collate: error: merge u5: u5 was dropped as no variant (decision 7); undo that first",
    ),
    "a second class": (
        ["class", "u4", "punctuation"],
        'collate: error: class u4: decision 6 already does that (class u4 (A ",", B ""): '
        "orthographic); undo it first",
    ),
    "an unknown unit": (["drop", "u99"], "collate: error: no unit 'u99' (the units are u1 to u5)"),
    "an unknown class": (
        ["class", "u2", "grave"],
        "collate: error: class u2 grave: no such class (the classes: punctuation, "
        "orthographic, substantive, layout)",
    ),
    "a bad cut": (
        ["split", "u2", "--at", "A:x"],
        "collate: error: --at A:x: give a witness and a code-point offset, as --at M:10456",
    ),
    "no unit id": (
        ["drop"],
        "collate: error: decide drop: give the witnesses, then a unit id, as u17 (collate "
        "compare --ids shows the unit ids)",
    ),
    "a lemma without its siglum": (
        ["lemma", "u2"],
        "collate: error: decide lemma: give the witnesses, then a unit id and a siglum, as "
        "u17 B (or a unit id and --text) (collate compare --ids shows the unit ids)",
    ),
    "a note without its text": (
        ["note", "u2"],
        "collate: error: decide note: give the witnesses, then a unit id and the note, as "
        'u17 "the ink is faded" (collate compare --ids shows the unit ids)',
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_contradictory_or_malformed_decisions_are_refused_in_one_line(
    pair: list[str], decided: Path, case: str
) -> None:
    """Refused at decide time: one line on standard error, exit 2, the file unchanged."""
    arguments, message = REFUSED[case]
    action, *rest = arguments
    before = decided.read_text(encoding="utf-8")
    options = rest[rest.index("--at") :] if "--at" in rest else []
    values = rest[: rest.index("--at")] if "--at" in rest else rest
    result = runner.invoke(
        app, ["decide", action, *pair, *values, "--decisions", str(decided), *options]
    )
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert decided.read_text(encoding="utf-8") == before


BAD_FILES = {
    "malformed TOML": ("[[decision]\n", "not valid TOML: "),
    "unknown action": (
        '[[decision]]\naction = "glue"\n[decision.readings]\nA = { exact = "" }\n'
        'B = { exact = "" }\n',
        "decision 1: unknown action 'glue' (the actions: merge, split, lemma, class, note, drop)",
    ),
    "unknown siglum": (
        '[[decision]]\naction = "drop"\n[decision.readings]\nA = { exact = "black " }\n'
        'Z = { exact = "" }\n',
        "decision 1 (drop) names witness 'Z', which is not collated here (the witnesses: A, B)",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
@pytest.mark.parametrize("command", ["compare", "apparatus"])
def test_a_bad_decisions_file_is_one_line_exit_2_and_nothing_written(
    pair: list[str], tmp_path: Path, case: str, command: str
) -> None:
    """Malformed TOML, an unknown action or siglum: one line naming the file, exit 2, no
    output file."""
    text, message = BAD_FILES[case]
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    out = tmp_path / "out.json"
    result = runner.invoke(
        app, [command, *pair, "--decisions", str(bad), "-f", "json", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"collate: error: {bad}: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_two_edits_at_once_are_both_kept(pair: list[str], tmp_path: Path) -> None:
    """While one edit holds the file's lock, a second waits, then reads the file again and
    adds to it: neither decision is lost."""
    path = tmp_path / "both.toml"
    machine = collate(load_witnesses([Path(p) for p in pair]))
    inside, release = threading.Event(), threading.Event()

    def slow(current: tuple[d.Decision, ...]) -> d.Decision:
        inside.set()
        release.wait(10)
        return d.drop(d.apply(machine, current).collation, "u5")

    first = threading.Thread(target=d.add, args=(path, slow))
    first.start()
    inside.wait(10)
    seen: list[int] = []

    def second() -> None:
        def make(current: tuple[d.Decision, ...]) -> d.Decision:
            seen.append(len(current))
            return d.note(d.apply(machine, current).collation, "u1", "second")

        d.add(path, make)

    other = threading.Thread(target=second)
    other.start()
    release.set()
    first.join()
    other.join()
    assert seen == [1]
    assert [x.action.value for x in d.load(path)] == ["drop", "note"]


def test_an_edit_leaves_no_lock_file(pair: list[str], tmp_path: Path) -> None:
    """`decide` locks without leaving FILE.lock behind, even beside a witness given by
    mistake as the decisions file."""
    _decide(pair, tmp_path / "letter.decisions.toml", "drop", "u5")
    mistaken = runner.invoke(app, ["decide", "drop", *pair, "u5", "--decisions", "A.txt"])
    assert mistaken.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A.txt", "B.txt", "letter.decisions.toml"]


def test_the_api_renders_what_the_cli_writes(pair: list[str], decided: Path) -> None:
    """`collate.decisions.apply` and the renderers give what `apparatus --decisions` prints."""
    witnesses = [witness_from_text(FIRST, "A"), witness_from_text(SECOND, "B")]
    collation = d.apply(collate(witnesses), d.load(decided)).collation
    assert json.loads(render_json(collation))["decisions"][0]["unit"] == "u1"
    text = render_document(collation, ApparatusFormat.TEXT)
    assert "this morning] conj.; today A; yesterday B [B's date" in text
    assert "soundly" not in text.split("Witnesses:")[1]


def test_a_batch_set_applies_the_decisions_its_manifest_names(
    pair: list[str], decided: Path, tmp_path: Path
) -> None:
    """`decisions = "…"` in a batch manifest's set: the set's outputs have them applied."""
    manifest = tmp_path / "batch.toml"
    manifest.write_text(
        f'[[set]]\nname = "toy"\nwitnesses = ["A.txt", "B.txt"]\ndecisions = "{decided.name}"\n'
        'formats = ["json", "text"]\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["batch", str(manifest), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    exported = json.loads((tmp_path / "out" / "toy" / "toy.json").read_text(encoding="utf-8"))
    assert [x["applied"] for x in exported["decisions"]] == [True] * 7
    text = (tmp_path / "out" / "toy" / "toy.txt").read_text(encoding="utf-8")
    assert "this morning] conj.; today A; yesterday B" in text


def test_a_batch_manifest_with_a_bad_decisions_file_is_refused(
    pair: list[str], tmp_path: Path
) -> None:
    """A set whose decisions file is malformed stops the batch before anything is written."""
    (tmp_path / "bad.toml").write_text("[[decision]\n", encoding="utf-8")
    manifest = tmp_path / "batch.toml"
    manifest.write_text(
        '[[set]]\nname = "toy"\nwitnesses = ["A.txt", "B.txt"]\ndecisions = "bad.toml"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["batch", str(manifest), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"collate: error: {manifest}: set 1 (toy): {tmp_path / 'bad.toml'}: not valid TOML"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["compare", "apparatus"])
def test_output_naming_the_decisions_file_is_refused(
    pair: list[str], tmp_path: Path, command: str
) -> None:
    """-o naming the decisions file is refused like -o naming a witness: the editor's
    decisions are an input, and one `-o letter.decisions.toml` would replace them with a
    rendered apparatus."""
    decided = _decided_file(pair, tmp_path / "letter.decisions.toml")
    before = decided.read_bytes()
    result = runner.invoke(
        app, [command, *pair, "--decisions", str(decided), "-f", "json", "-o", str(decided)]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"collate: error: {decided}: is one of the inputs ({decided}); writing it would "
        "destroy the input, so give another output file\n"
    )
    assert decided.read_bytes() == before


@pytest.mark.parametrize("option", ["--decisions", "--rules"])
def test_a_fifo_or_device_as_decisions_or_rules_is_refused_at_once(
    pair: list[str], tmp_path: Path, option: str
) -> None:
    """--decisions and --rules read only regular files, as the witnesses do: a FIFO would
    block for ever and /dev/zero fill memory (README, "No input that hangs")."""
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    advice = {"--decisions": "give the decisions file", "--rules": "give a rule file"}[option]
    for path in (str(fifo), "/dev/zero"):
        result = runner.invoke(app, ["compare", *pair, option, path, "-f", "json"])
        assert result.exit_code == 2
        assert result.stderr == (
            f"collate: error: {path}: is not a regular file (a directory, FIFO or device); "
            f"{advice}\n"
        )


def test_decisions_made_word_by_word_apply_word_by_word(tmp_path: Path) -> None:
    """`decide --grouping words` numbers the units as `compare --grouping words` shows them, and
    a decision made so applies when the collation is grouped so again. The file records the
    grouping, so the decision applies with no ``--grouping`` at all; asked to group by
    phrases, where its unit is part of a larger one, every command refuses, naming the file."""
    pair = _written_pair(
        tmp_path, "he saw the big black cat today\n", "he saw a big brown cat today\n"
    )
    path = tmp_path / "words.decisions.toml"
    words = ["--grouping", "words"]
    result = runner.invoke(
        app, ["decide", "note", *pair, "u2", "the colour", "--decisions", str(path), *words]
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["decide", "list", *pair, "--decisions", str(path), *words])
    assert listed.stdout.splitlines()[-1] == f"1 decision in {path}: 1 applied, 0 no longer apply"
    noted = runner.invoke(app, ["apparatus", *pair, "--decisions", str(path), "-f", "json", *words])
    units = json.loads(noted.stdout)["units"]
    assert [(u["readings"]["b"]["text"], u.get("note")) for u in units] == [
        ("a", None),
        ("brown", "the colour"),
    ]
    assert 'grouping = "words"' in path.read_text(encoding="utf-8").splitlines()
    recorded = runner.invoke(app, ["apparatus", *pair, "--decisions", str(path), "-f", "json"])
    assert recorded.exit_code == 0, recorded.output
    assert recorded.stdout == noted.stdout
    refusal = (
        f"collate: error: {path}: its decisions were made on units grouped by words: collate "
        "with --grouping words (or leave --grouping out) to apply or add to them\n"
    )
    phrases = ["--grouping", "phrases"]
    for command in (
        ["decide", "list", *pair],
        ["decide", "drop", *pair, "u1"],
        ["apparatus", *pair],
        ["compare", *pair],
    ):
        refused = runner.invoke(app, [*command, "--decisions", str(path), *phrases])
        assert (refused.exit_code, refused.stderr) == (2, refusal), command
    assert len(d.load(path)) == 1


def test_decisions_of_the_other_grouping_say_so(tmp_path: Path) -> None:
    """Decisions in a file that records no grouping (written before files recorded it), made on
    ``--grouping words`` and applied without it, are reported as not applying, and the warning
    says they apply with ``--grouping words`` (the collation did not change; the grouping
    did), in ``apparatus``, ``compare`` and ``decide list``."""
    pair = _written_pair(
        tmp_path, "he saw the big black cat today\n", "he saw a big brown cat today\n"
    )
    path = tmp_path / "words.decisions.toml"
    made = runner.invoke(
        app,
        ["decide", "note", *pair, "u2", "colour", "--decisions", str(path), "--grouping", "words"],
    )
    assert made.exit_code == 0, made.output
    written = path.read_text(encoding="utf-8")
    path.write_text(written.replace('grouping = "words"\n', ""), encoding="utf-8")
    hint = (
        "collate: warning: 1 of them applies with --grouping words: decisions apply to the "
        "grouping they were made on (give the --grouping given to collate decide)\n"
    )
    for command in ("apparatus", "compare"):
        result = runner.invoke(app, [command, *pair, "--decisions", str(path)])
        assert result.exit_code == 0, result.output
        assert result.stderr.endswith(hint), result.stderr
    listed = runner.invoke(app, ["decide", "list", *pair, "--decisions", str(path)])
    assert listed.stdout.splitlines()[-2:] == [
        f"1 decision in {path}: 0 applied, 1 no longer apply",
        hint.removeprefix("collate: warning: ").rstrip("\n"),
    ]
    # a decision that no longer applies in either grouping gets no such line
    Path(pair[1]).write_text("he saw a big grey dog today\n", encoding="utf-8")
    words = runner.invoke(
        app, ["apparatus", *pair, "--decisions", str(path), "--grouping", "words"]
    )
    assert "no longer applies" in words.stderr
    assert "applies with --grouping" not in words.stderr


def test_decide_reads_the_witnesses_as_compare_does(tmp_path: Path) -> None:
    """`decide` takes `compare`'s reading options, so its ids are compare's: cut into characters
    (``--tokens char``), "cat"/"cut" is one unit, the letter; read as words it is the word."""
    pair = _written_pair(tmp_path, "the cat sat\n", "the cut sat\n")
    path = tmp_path / "chars.decisions.toml"
    result = runner.invoke(
        app,
        ["decide", "note", *pair, "u1", "a vowel", "--decisions", str(path), "--tokens", "char"],
    )
    assert result.exit_code == 0, result.output
    assert [q.exact for q in d.load(path)[0].readings.values()] == ["a", "u"]
    shown = runner.invoke(
        app, ["compare", *pair, "--decisions", str(path), "--tokens", "char", "-f", "json"]
    )
    assert [u.get("note") for u in json.loads(shown.stdout)["units"]] == ["a vowel"]
