"""The HTML page in a real browser: Debian's Chromium driven by Playwright, the page opened from
disk. Chromium comes from `.ci/run`; where it is missing outside CI the browser tests are
skipped, in CI they fail."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given

from collate import Collation, collate, load_witness, load_witnesses, witness_from_text
from collate.engine import token_columns
from collate.render import Layout
from collate.render.html import _table, render_html
from collate.render.table import word_rows
from conftest import ROOT, WITNESSES
from strategies import related_triples

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
    toy = collate([a, b])
    golden("page-toy.html", render_html(toy, token_columns(toy)))


@given(related_triples())
def test_the_page_s_word_table_holds_the_word_rows(texts: tuple[str, str, str]) -> None:
    """Each column of the page's word table has the cells `word_rows` gives (a witness of
    whitespace only in a row of its own first), one string where all read the same."""
    witnesses = [witness_from_text(t, s) for t, s in zip([*texts, " \n"], "ABCD", strict=True)]
    collation = collate(witnesses)
    columns = token_columns(collation)
    table = _table(collation, columns)
    expected = [[r.get(s, "") for s in collation.sigla] for r in word_rows(collation, columns)]
    cells = [c[2] if isinstance(c[2], list) else [c[2]] * 4 for c in table["cols"]]  # type: ignore[attr-defined]
    assert cells == expected


def test_page_has_no_external_reference() -> None:
    # the SVG namespace of the variant graph is a name, not an address the page requests
    page = render_html(letters()).replace('"http://www.w3.org/2000/svg"', '""')
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
        path.write_text(render_html(collation, token_columns(collation)), encoding="utf-8")
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


CORPORA = ROOT.parent / "shared" / "corpora"


def darwin() -> Collation:
    """Darwin's Origin, chapter I, in six editions (../shared/corpora/darwin/chapter1)."""
    return collate(load_witnesses([CORPORA / "darwin" / "chapter1"]))


def florilegium() -> Collation:
    """The Florilegium Coislinianum's 13 witnesses (../shared/corpora/florilegium)."""
    return collate(load_witnesses([CORPORA / "florilegium" / "florilegium_tei_ps.xml"]))


def test_the_table_shows_the_word_columns_of_words(open_page: Callable[[Collation], Page]) -> None:
    """The table view's rows are the witnesses and its columns what `--words` exports."""
    collation = florilegium()
    expected = word_rows(collation, token_columns(collation))
    page = open_page(collation)
    page.page.locator('[data-view="table"]').click()
    assert page.page.locator("#table").is_visible()
    shown = page.js(
        "Object.fromEntries([...document.querySelectorAll('#table-body tr[data-wit]')]"
        ".map(tr => [tr.dataset.wit, [...tr.querySelectorAll('td')].map(td => td.textContent)]))"
    )
    assert isinstance(shown, dict)
    assert list(shown) == list(collation.sigla)
    for siglum in collation.sigla:
        assert shown[siglum] == [row.get(siglum, "") for row in expected], siglum
    forms = {w.siglum: [t.normalized for t in w.tokens] for w in collation.witnesses}
    varied = sum(
        1
        for column in token_columns(collation)
        if len(column) < 13 or len({forms[s][i] for s, i in column.items()}) > 1
    )
    differ = page.js("document.querySelectorAll('#table-body tr[data-wit] td.differ').length")
    assert differ == 13 * varied
    sticky = "getComputedStyle(document.querySelector('#table-body th')).position"
    assert page.js(sticky) == "sticky"


def test_a_click_on_a_table_column_selects_its_unit(open_page: Callable[[Collation], Page]) -> None:
    """A word of a unit in the table selects the unit in the apparatus and the other views."""
    page = open_page(florilegium())
    page.page.locator('[data-view="table"]').click()
    page.page.locator('#table-body tr[data-wit="B"] td[data-unit="u3"]').first.click()
    assert page.status().startswith("u3 · 3 of 38")
    assert "selected" in (page.page.locator('.entry[data-unit="u3"]').get_attribute("class") or "")
    selected = page.js("document.querySelectorAll('#table-body td.selected').length")
    assert isinstance(selected, int)
    assert selected >= 13


def test_the_picker_chooses_the_side_by_side_columns(
    open_page: Callable[[Collation], Page],
) -> None:
    """Four of Darwin's six editions show at first; the picker swaps one for another."""
    page = open_page(darwin())
    visible = (
        "[...document.querySelectorAll('.cell-head')]"
        ".filter(h => h.offsetParent).map(h => h.dataset.wit)"
    )
    assert page.js(visible) == ["1859", "1860", "1861", "1866"]
    page.page.locator('input[data-show="1860"]').uncheck()
    page.page.locator('input[data-show="1872"]').check()
    assert page.js(visible) == ["1859", "1861", "1866", "1872"]
    cells = "document.querySelectorAll('.sbs-row:not(.sbs-head)')[3].querySelectorAll('.cell')"
    assert page.js(f"[...{cells}].filter(c => c.offsetParent).length") == 4


def test_no_word_is_broken_across_lines_with_13_witnesses(
    open_page: Callable[[Collation], Page],
) -> None:
    """All 13 Florilegium witnesses side by side: every word of every cell on one line."""
    page = open_page(florilegium())
    for box in page.page.locator("input[data-show]").all():
        box.check()
    broken = page.js(
        """(() => {
      const broken = [];
      const view = document.getElementById('side-by-side');
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      let words = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement.closest('.cell')) continue;
        for (const match of node.textContent.matchAll(/\\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          words++;
          const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
      return [words, broken];
    })()"""
    )
    assert isinstance(broken, list)
    words, split = broken
    assert words > 3000
    assert split == []
    width = "document.querySelector('.cell[data-wit=\"T\"]').getBoundingClientRect().width"
    assert float(str(page.js(width))) >= 180  # 12rem: readable columns, scrolled sideways


def test_the_heat_map_shades_each_word_by_the_witnesses_that_differ(
    open_page: Callable[[Collation], Page],
) -> None:
    """Each base word's shade is the number of witnesses whose word there differs."""
    witnesses = [
        witness_from_text("The black cat sat on the mat.\n", "A"),
        witness_from_text("The white cat sat on the mat.\n", "B"),
        witness_from_text("The grey cat sat on a mat.\n", "C"),
        witness_from_text("The black cat lay on a mat.\n", "D"),
    ]
    page = open_page(collate(witnesses))
    page.page.locator('[data-view="heat"]').click()
    words = page.js(
        "[...document.querySelectorAll('#heat-text .w')].map(w => "
        "[w.textContent, Number(w.dataset.differ), getComputedStyle(w).backgroundColor])"
    )
    assert isinstance(words, list)
    assert [(w, n) for w, n, _ in words] == [
        ("The", 0),
        ("black", 2),
        ("cat", 0),
        ("sat", 1),
        ("on", 0),
        ("the", 2),
        ("mat", 0),
        (".", 0),
    ]
    shades = {n: colour for _, n, colour in words}
    assert shades[0] == "rgba(0, 0, 0, 0)"
    assert shades[1] != shades[2] != "rgba(0, 0, 0, 0)"


def test_the_heat_map_of_darwin_counts_as_the_word_columns_do(
    open_page: Callable[[Collation], Page],
) -> None:
    """Darwin's six editions: the heat of every word of 1859 from the word columns."""
    collation = darwin()
    columns = token_columns(collation)
    forms = {w.siglum: [t.normalized for t in w.tokens] for w in collation.witnesses}
    expected = [
        sum(
            1
            for s in collation.sigla[1:]
            if s not in column or forms[s][column[s]] != forms["1859"][column["1859"]]
        )
        for column in columns
        if "1859" in column
    ]
    page = open_page(collation)
    page.page.locator('[data-view="heat"]').click()
    shown = page.js(
        "[...document.querySelectorAll('#heat-text .w')].map(w => Number(w.dataset.differ))"
    )
    assert shown == expected


def test_a_click_on_the_histogram_jumps_to_the_place(
    open_page: Callable[[Collation], Page],
) -> None:
    """Three quarters along the histogram selects the unit nearest there and shows it."""
    collation = darwin()
    page = open_page(collation)
    bars = page.page.locator(".overview .bar")
    assert bars.count() == 120
    box = page.page.locator("#overview").bounding_box()
    assert box is not None
    page.page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] / 2)
    status = page.status()
    unit = status.split(" ")[0]
    units = json.loads(str(page.js("document.getElementById('units-data').textContent")))
    nearest = min(units, key=lambda u: abs(u["pos"] - 0.75))
    assert unit == nearest["id"]
    selected = page.page.locator(f'.cell[data-wit="1859"] [data-unit="{unit}"]').first
    view = page.page.locator("#side-by-side").bounding_box()
    where = selected.bounding_box()
    assert view is not None
    assert where is not None
    assert view["y"] <= where["y"] <= view["y"] + view["height"]


def test_the_variant_graph_of_a_unit_with_three_readings(
    open_page: Callable[[Collation], Page],
) -> None:
    """Readings as nodes between their context words, the witnesses on the edges."""
    witnesses = [
        witness_from_text("The black cat sat.\n", "A"),
        witness_from_text("The white cat sat.\n", "B"),
        witness_from_text("The grey cat sat.\n", "C"),
        witness_from_text("The black cat sat.\n", "D"),
    ]
    page = open_page(collate(witnesses))
    page.page.locator('.entry[data-unit="u1"]').click()
    assert page.page.locator("#graph svg").is_visible()
    nodes = page.js(
        "[...document.querySelectorAll('#graph .node')].map(g => "
        "[g.querySelector('text').textContent, g.dataset.sigla, g.classList.contains('context')])"
    )
    assert nodes == [
        ["The", "A B C D", True],
        ["black", "A D", False],
        ["white", "B", False],
        ["grey", "C", False],
        ["cat", "A B C D", True],
    ]
    edges = page.js(
        "[...document.querySelectorAll('#graph .edge-label')].map(t => t.dataset.sigla)"
    )
    assert isinstance(edges, list)
    assert sorted(edges) == ["A D", "A D", "B", "B", "C", "C"]
    assert page.page.locator("#graph-unit").inner_text() == "u1: 3 readings"


def test_inline_labels_group_the_witnesses_that_agree(
    open_page: Callable[[Collation], Page],
) -> None:
    """Darwin's inline view cites 1869 and 1872 together: [1869 1872 compare]."""
    page = open_page(darwin())
    page.page.locator('[data-view="inline"]').click()
    text = page.page.locator("#inline").inner_text()
    assert "look to[1869 1872 compare]" in text
    assert "much [1860 1861 1866 1869 1872 om.]more from each other," in text
    assert "1869 from each other more]" in text


@pytest.mark.parametrize("corpus", ["letters", "darwin", "florilegium"])
def test_screenshots_of_the_pages(open_page: Callable[[Collation], Page], corpus: str) -> None:
    """Saved under out/ for a person to look at: each page's side by side, table and heat map."""
    collation = {"letters": letters, "darwin": darwin, "florilegium": florilegium}[corpus]()
    page = open_page(collation)
    for _ in range(3):
        page.page.keyboard.press("n")
    (ROOT / "out").mkdir(exist_ok=True)
    for view in ("side-by-side", "table", "heat"):
        page.page.locator(f'[data-view="{view}"]').click()
        target = ROOT / "out" / f"{corpus}-{view}.png"
        page.page.screenshot(path=str(target))
        assert target.stat().st_size > 10_000


def test_a_page_without_word_columns_has_the_text_views(browser: object, tmp_path: Path) -> None:
    """`render_html(collation)` alone: side by side and inline work, no table or heat map."""
    path = tmp_path / "page.html"
    path.write_text(render_html(letters()), encoding="utf-8")
    page = Page(browser, path)
    assert page.js("document.querySelectorAll('[data-view]').length") == 2
    page.page.keyboard.press("n")
    page.page.keyboard.press("v")
    assert page.status().startswith("u1 ")
    assert page.page.locator("#inline").is_visible()
    assert page.errors == []
    page.context.close()


def test_another_witness_as_the_reference_of_the_heat_map(
    open_page: Callable[[Collation], Page],
) -> None:
    """Choosing B as the reference: the heat map reads B's words, counted against A and C, and
    the side-by-side view puts B first."""
    witnesses = [
        witness_from_text("The black cat sat on the mat.\n", "A"),
        witness_from_text("The white cat sat on a mat.\n", "B"),
        witness_from_text("The black cat lay on a mat.\n", "C"),
    ]
    page = open_page(collate(witnesses))
    page.page.locator('[data-view="heat"]').click()
    page.page.locator("#base-pick").select_option("1")
    words = page.js(
        "[...document.querySelectorAll('#heat-text .w')].map(w => "
        "[w.textContent, Number(w.dataset.differ)])"
    )
    assert words == [
        ["The", 0],
        ["white", 2],
        ["cat", 0],
        ["sat", 1],
        ["on", 0],
        ["a", 1],
        ["mat", 0],
        [".", 0],
    ]
    assert page.page.locator("#heat-base").inner_text() == "B"
    page.page.locator('[data-view="side-by-side"]').click()
    first = (
        "document.querySelector('.sbs-head .cell-head[data-wit=\"B\"]').getBoundingClientRect().x"
    )
    other = (
        "document.querySelector('.sbs-head .cell-head[data-wit=\"A\"]').getBoundingClientRect().x"
    )
    assert float(str(page.js(first))) < float(str(page.js(other)))


def test_layout_is_unmarked_until_its_filter_is_ticked(
    open_page: Callable[[Collation], Page],
) -> None:
    """A line break against a space is on the page but not marked: its Classes filter starts
    unticked, the summary says it was left out, n skips it; ticking the filter marks it."""
    a = witness_from_text("He came, and\nsaw the red car.\n", "A")
    b = witness_from_text("He came, and saw the blue car.\n", "B")
    collation = collate([a, b])
    assert [u.variant_class.value for u in collation.units] == ["layout", "substantive"]
    page = open_page(collation)
    assert "1 difference of layout alone not shown" in page.page.locator(".summary").inner_text()
    layout = page.page.locator(".entry.c-layout")
    assert not layout.is_visible()
    assert not page.page.locator('input[data-filter="c-layout"]').is_checked()
    page.page.keyboard.press("n")
    assert page.status().startswith("u2 ")  # u1, the line break, is skipped
    page.page.locator('input[data-filter="c-layout"]').check()
    assert layout.is_visible()
    page.page.keyboard.press("p")
    assert page.status().startswith("u1 ")


def test_layout_include_marks_layout_from_the_start() -> None:
    """With --layout include the page opens with the layout filter ticked and counts the
    layout units with the others."""
    a = witness_from_text("He came, and\nsaw the red car.\n", "A")
    b = witness_from_text("He came, and saw the blue car.\n", "B")
    collation = collate([a, b])
    omitted = render_html(collation)
    assert '<body class="hide-c-layout">' in omitted
    assert '<input type="checkbox" data-filter="c-layout" autocomplete="off"> layout (1)' in omitted
    assert "1 variant unit:" in omitted
    included = render_html(collation, layout=Layout.INCLUDE)
    assert "<body>" in included
    assert (
        '<input type="checkbox" data-filter="c-layout" autocomplete="off" checked> layout (1)'
        in included
    )
    assert "2 variant units:" in included
    assert "not shown" not in included
