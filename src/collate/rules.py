"""Normalization rules: the form a token is matched by, and the class of the difference a rule
removes. Pure, but for `load_rules`, which reads a TOML file.

A rule changes only the form used for matching (`Token.normalized`); every output shows the
original text. Each rule belongs to a class — ``punctuation`` or ``orthographic`` — which is the
class of a variant that the rule makes disappear (`collate.engine._classify`).

Built-in sets (``--ignore NAME,…``; the first three are always on):

==================  ==================================================================
``unicode``         NFC always; with the set named, NFKC (ligatures such as ``ﬁ``) and
                    combining marks dropped, so diplomatic Greek with overlines matches
``case``            case-folding
``typographic``     curly and straight quotes and apostrophes, dashes and hyphens, soft
                    hyphens
``punctuation``     punctuation tokens match one another, and punctuation inside a word
                    (``don't`` and ``dont``) is dropped
``whitespace``      nothing to do for matching (whitespace is never part of a token); named
                    so a user can say it
``russian-pre1918`` ѣ → е, і → и, ѵ → и, ѳ → ф, a word-final ъ dropped
==================  ==================================================================

A user rule file (``--rules FILE``) is TOML::

    [[rule]]
    class = "orthographic"          # or "punctuation"
    pattern = "ae"                  # a regular expression …
    replace = "e"

    [[rule]]
    class = "orthographic"
    literal = { "&" = "and", "ye" = "the" }   # … or whole tokens, by their normalized form
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from collate.errors import CollateError
from collate.model import CompactTokens, Token, Witness

if TYPE_CHECKING:
    import regex

__all__ = [
    "BUILT_IN",
    "DEFAULT_SETS",
    "QUOTES_AND_DASHES",
    "Normalizer",
    "Rule",
    "RuleError",
    "load_rules",
    "normalizer",
    "rules_from_text",
]

PUNCTUATION = "punctuation"
ORTHOGRAPHIC = "orthographic"
CLASSES = (PUNCTUATION, ORTHOGRAPHIC)


class RuleError(CollateError, ValueError):
    """A rule file or rule set name that cannot be used."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: a function from a form to a form, and the class of what it removes."""

    name: str
    """Where the rule comes from, for messages: ``punctuation`` or ``rules.toml: rule 2``."""
    variant_class: str
    """``punctuation`` or ``orthographic``."""
    apply: Callable[[str], str] = field(compare=False)
    """The rule itself."""


# Quotes, apostrophes and dashes of every shape to the plain ASCII ones; soft hyphens dropped.
QUOTES_AND_DASHES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "\u00ad": None,
    }
)
_PRE1918 = str.maketrans(
    {"ѣ": "е", "Ѣ": "Е", "і": "и", "І": "И", "ѵ": "и", "Ѵ": "И", "ѳ": "ф", "Ѳ": "Ф"}
)
_FINAL_HARD_SIGN = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])[ъЪ]\b", re.IGNORECASE)


@cache
def _punctuation_in_word() -> regex.Pattern[str]:
    # loaded by the rule that uses it: the `regex` module is most of a small collation's
    # start-up (benchmarks/speed.py)
    import regex

    # regex's \w holds combining marks, so a vowel sign or a virama is never taken for
    # punctuation
    return regex.compile(r"[^\w\s]")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def _punctuation(text: str) -> str:
    if not any(c.isalnum() for c in text):
        return ""  # every punctuation token matches every other
    return _punctuation_in_word().sub("", text)


BUILT_IN: dict[str, tuple[Rule, ...]] = {
    "unicode": (Rule("unicode", ORTHOGRAPHIC, _strip_marks),),
    "case": (Rule("case", ORTHOGRAPHIC, str.casefold),),
    "typographic": (
        Rule("typographic", PUNCTUATION, lambda text: text.translate(QUOTES_AND_DASHES)),
    ),
    "punctuation": (Rule("punctuation", PUNCTUATION, _punctuation),),
    "whitespace": (),
    "russian-pre1918": (
        Rule(
            "russian-pre1918",
            ORTHOGRAPHIC,
            lambda text: _FINAL_HARD_SIGN.sub("", text.translate(_PRE1918)),
        ),
    ),
}
"""The built-in rule sets by name."""

DEFAULT_SETS = ("case", "typographic")
"""Always on (with NFC): what `collate.tokenize.normalize` does."""


@dataclass(frozen=True, slots=True)
class Normalizer:
    """Rules applied in order, after NFC, to make a token's matching form."""

    rules: tuple[Rule, ...] = ()

    def __call__(self, text: str, classes: Iterable[str] = CLASSES) -> str:
        """The form of ``text`` under the rules of ``classes`` (all by default)."""
        wanted = set(classes)
        form = unicodedata.normalize("NFC", text)
        for rule in self.rules:
            if rule.variant_class in wanted:
                form = rule.apply(form)
        return form

    @property
    def is_default(self) -> bool:
        """True when the rules are exactly the default sets (tokens need no renormalizing)."""
        return self.rules == tuple(r for name in DEFAULT_SETS for r in BUILT_IN[name])

    def renormalized(self, witness: Witness) -> Witness:
        """The witness with each token's matching form made by these rules."""
        cache: dict[str, str] = {}
        tokens: Sequence[Token]
        if isinstance(witness.tokens, CompactTokens):
            tokens = witness.tokens.with_forms(self)
        else:
            made = []
            for token in witness.tokens:
                form = cache.get(token.text)
                if form is None:
                    form = cache[token.text] = self(token.text)
                made.append(Token(token.text, token.space, token.start, form))
            tokens = tuple(made)
        return Witness(
            siglum=witness.siglum,
            text=witness.text,
            tokens=tokens,
            title=witness.title,
            path=witness.path,
            date=witness.date,
            source=witness.source,
        )


def normalizer(
    sets: Sequence[str] = (),
    rule_files: Sequence[str | Path] = (),
    rule_texts: Sequence[tuple[str, str]] = (),
) -> Normalizer:
    """The default sets, then the named built-in ``sets``, then each rule file's rules, then
    the rules of each ``(text, name)`` in ``rule_texts`` (rule files already read).

    >>> normalizer(["russian-pre1918"])("Хлѣбъ")
    'хлеб'
    >>> normalizer(["punctuation"])("don’t"), normalizer(["punctuation"])(";")
    ('dont', '')

    Raises:
        RuleError: an unknown set name, or a rule file that cannot be used.
    """
    rules: list[Rule] = []
    # unicode first: case-folding turns a combining iota subscript into a letter
    first = ["unicode"] if "unicode" in sets else []
    for name in [*first, *DEFAULT_SETS, *(s for s in sets if s not in (*DEFAULT_SETS, *first))]:
        if name not in BUILT_IN:
            known = ", ".join(BUILT_IN)
            raise RuleError(f"--ignore {name}: no such rule set (the built-in sets: {known})")
        rules.extend(BUILT_IN[name])
    for path in rule_files:
        rules.extend(load_rules(path))
    for text, name in rule_texts:
        rules.extend(rules_from_text(text, name))
    return Normalizer(tuple(rules))


def load_rules(path: str | Path) -> tuple[Rule, ...]:
    """The rules of a TOML rule file.

    Raises:
        RuleError: naming the file and, where one is at fault, the rule: the file is missing or
            not TOML, a rule has no ``pattern`` or ``literal``, an unknown class, a regular
            expression that does not compile or that matches the empty string.
    """
    path = Path(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO blocks, /dev/zero never ends
            raise RuleError(
                f"{path}: is not a regular file (a directory, FIFO or device); give a rule file"
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleError(f"{path}: no such rule file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise RuleError(f"{path}: cannot be read ({error})") from None
    return rules_from_text(text, str(path))


def rules_from_text(text: str, name: str) -> tuple[Rule, ...]:
    """The rules of a rule file's text; ``name`` is the file, for messages.

    Raises:
        RuleError: as `load_rules`.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"{name}: not valid TOML ({error})") from None
    items = data.get("rule")
    if not isinstance(items, list) or not items:
        raise RuleError(f"{name}: no [[rule]] tables")
    return tuple(_rule(item, f"{name}: rule {number}") for number, item in enumerate(items, 1))


def _rule(item: object, where: str) -> Rule:
    if not isinstance(item, dict):
        raise RuleError(f"{where}: not a table")
    variant_class = item.get("class", ORTHOGRAPHIC)
    if variant_class not in CLASSES:
        raise RuleError(f"{where}: class {variant_class!r} is not one of {', '.join(CLASSES)}")
    if "literal" in item:
        table = item["literal"]
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in table.items()
        ):
            raise RuleError(f"{where}: literal must be a table of strings to strings")
        mapping = {unicodedata.normalize("NFC", k): v for k, v in table.items()}
        return Rule(where, variant_class, lambda text: mapping.get(text, text))
    pattern = item.get("pattern")
    replace = item.get("replace", "")
    if not isinstance(pattern, str) or not isinstance(replace, str):
        raise RuleError(
            f'{where}: needs a "pattern" string (and a "replace" string) or a literal table'
        )
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise RuleError(f"{where}: pattern {pattern!r} does not compile ({error})") from None
    if compiled.fullmatch(""):
        raise RuleError(
            f"{where}: pattern {pattern!r} matches the empty string, so it would apply "
            "everywhere; make it match at least one character"
        )
    try:
        compiled.sub(replace, "test")
    except (re.error, IndexError) as error:
        raise RuleError(
            f"{where}: replace {replace!r} does not fit the pattern ({error})"
        ) from None
    return Rule(where, variant_class, lambda text: compiled.sub(replace, text))
