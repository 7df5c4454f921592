"""The HTML page in a real browser: Debian's Chromium driven by Playwright, the page opened from
disk. Chromium comes from `.ci/run`; where it is missing outside CI the browser tests are
skipped, in CI they fail."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from collate import Collation, collate, load_witness, witness_from_text
from collate.render.html import render_html
from conftest import ROOT, WITNESSES

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def letters() -> Collation:
    return collate(
        [load_witness(WITNESSES / "medvedev-1926.txt"), load_witness(WITNESSES / "baku-1924.txt")]
    )


def test_toy_page_golden(golden: Callable[[str, str], None]) -> None:
    a = witness_from_text("The black cat sat on the mat.\n\nIt slept.\n", "A", title="First")
    b = witness_from_text("The cat sat on the old mat.\n\nIt slept well.\n", "B", title="Second")
    golden("page-toy.html", render_html(collate([a, b])))


def test_page_has_no_external_reference() -> None:
    page = render_html(letters())
    for needle in ("http://", "https://", "src=", "<link", "@import", "url("):
        assert needle not in page, needle


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


class Page:
    """A page opened from disk, with every request it makes recorded."""

    def __init__(self, browser: object, path: Path) -> None:
        from playwright.sync_api import Browser

        assert isinstance(browser, Browser)
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        # any request beyond the file itself fails the page, and is recorded above
        self.context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url == path.as_uri() else route.abort()
            ),
        )
        self.page.goto(path.as_uri())

    def js(self, expression: str) -> object:
        return self.page.evaluate(expression)

    def column_text(self, siglum: str) -> str:
        return str(
            self.js(
                f"[...document.querySelectorAll('.cell[data-wit=\"{siglum}\"]')]"
                ".map(c => c.textContent).join('')"
            )
        )

    def status(self) -> str:
        return str(self.js("document.getElementById('status').textContent"))


@pytest.fixture
def open_page(browser: object, tmp_path: Path) -> Iterator[Callable[[Collation], Page]]:
    pages: list[Page] = []

    def opener(collation: Collation) -> Page:
        path = tmp_path / f"page{len(pages)}.html"
        path.write_text(render_html(collation), encoding="utf-8")
        pages.append(Page(browser, path))
        return pages[-1]

    yield opener
    for page in pages:
        assert page.errors == [], page.errors
        page.context.close()


def test_columns_show_each_witness_in_full(open_page: Callable[[Collation], Page]) -> None:
    collation = letters()
    page = open_page(collation)
    for witness in collation.witnesses:
        assert page.column_text(witness.siglum) == witness.text
    assert page.requests == [page.page.url]


def test_clicking_an_entry_highlights_and_scrolls_to_the_variant(
    open_page: Callable[[Collation], Page],
) -> None:
    page = open_page(letters())
    entry = page.page.locator('.entry[data-unit="u60"]')
    entry.scroll_into_view_if_needed()
    entry.click()
    for siglum in ("M", "B"):
        variant = page.page.locator(f'.cell[data-wit="{siglum}"] [data-unit="u60"]').first
        assert "selected" in (variant.get_attribute("class") or "")
        assert variant.is_visible()
        box = variant.bounding_box()
        view = page.page.locator("#side-by-side").bounding_box()
        assert box is not None
        assert view is not None
        assert view["y"] <= box["y"] <= view["y"] + view["height"]
    assert "selected" in (entry.get_attribute("class") or "")
    assert page.status().startswith("u60 · 60 of 94")


def test_clicking_a_variant_selects_its_entry(open_page: Callable[[Collation], Page]) -> None:
    page = open_page(letters())
    page.page.locator('.cell[data-wit="B"] [data-unit="u3"]').first.click()
    assert "selected" in (page.page.locator('.entry[data-unit="u3"]').get_attribute("class") or "")


def test_n_and_p_move_the_selection(open_page: Callable[[Collation], Page]) -> None:
    page = open_page(letters())
    page.page.keyboard.press("n")
    page.page.keyboard.press("n")
    assert page.status().startswith("u2 ")
    page.page.keyboard.press("p")
    assert page.status().startswith("u1 ")
    assert (
        page.js("document.querySelectorAll('#side-by-side .v.selected[data-unit=\"u1\"]').length")
        == 2
    )


def test_a_filter_hides_its_type(open_page: Callable[[Collation], Page]) -> None:
    page = open_page(letters())
    first_omission = page.page.locator(".entry.omission").first
    assert first_omission.is_visible()
    page.page.locator('input[data-filter="omission"]').uncheck()
    assert not first_omission.is_visible()
    assert page.page.locator(".entry.substitution").first.is_visible()
    # n now skips omissions: u1 is an omission, u2 a substitution
    page.page.keyboard.press("n")
    assert page.status().startswith("u2 ")


def test_v_switches_to_the_inline_view(open_page: Callable[[Collation], Page]) -> None:
    page = open_page(letters())
    page.page.keyboard.press("v")
    assert page.page.locator("#inline").is_visible()
    assert not page.page.locator("#side-by-side").is_visible()
    assert "[B om.]" in page.page.locator("#inline").inner_text()


def test_witness_markup_is_text_and_runs_nothing(open_page: Callable[[Collation], Page]) -> None:
    hostile = (
        'Dear <script>window.pwned=1</script> friend, <img src=x onerror="window.pwned=2"> '
        'and "quotes" </textarea> & more.\n'
    )
    plain = "Dear friend, and quotes & more.\n"
    page = open_page(collate([witness_from_text(hostile, "A"), witness_from_text(plain, "B")]))
    assert page.js("typeof window.pwned") == "undefined"
    assert page.column_text("A") == hostile
    assert page.js("document.querySelectorAll('img, textarea, script:not([id])').length") == 1
    assert page.requests == [page.page.url]


def test_screenshot_of_the_letters_page(open_page: Callable[[Collation], Page]) -> None:
    """Saved as out/letters-page.png, for a person to look at."""
    page = open_page(letters())
    page.page.keyboard.press("n")
    target = ROOT / "out" / "letters-page.png"
    target.parent.mkdir(exist_ok=True)
    page.page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000


def test_a_class_filter_hides_punctuation_variants(
    open_page: Callable[[Collation], Page],
) -> None:
    a = witness_from_text("He came, and saw the Colour red.\n", "A")
    b = witness_from_text("He came; and saw the colour blue.\n", "B")
    page = open_page(collate([a, b]))
    punctuation = page.page.locator(".entry.c-punctuation")
    assert punctuation.is_visible()
    background = (
        "getComputedStyle(document.querySelector('.cell .v.c-punctuation')).backgroundColor"
    )
    assert page.js(background) != "rgba(0, 0, 0, 0)"
    page.page.locator('input[data-filter="c-punctuation"]').uncheck()
    assert not punctuation.is_visible()
    assert page.js(background) == "rgba(0, 0, 0, 0)"  # the span is no longer marked
    page.page.keyboard.press("n")
    assert page.status().startswith("u2 ")  # u1, the comma, is skipped


def test_a_column_for_each_of_many_witnesses(open_page: Callable[[Collation], Page]) -> None:
    witnesses = [
        witness_from_text("The black cat sat on the mat.\n\nIt slept.\n", "A"),
        witness_from_text("The cat sat on the old mat.\n\nIt slept well.\n", "B"),
        witness_from_text("The black dog sat on the mat!\n\nIt slept.\n", "C"),
    ]
    page = open_page(collate(witnesses))
    for witness in witnesses:
        assert page.column_text(witness.siglum) == witness.text
    page.page.locator('.entry[data-unit="u1"]').click()
    assert page.js("document.querySelectorAll('#side-by-side .v.selected').length") == 3


def test_every_variant_span_carries_its_type_and_class() -> None:
    """The filters work on classes: every marked span names one (no empty ``c-``)."""
    page = render_html(letters())
    assert 'c-"' not in page
    assert "c- " not in page
    assert page.count('class="v omission c-substantive') >= 38
