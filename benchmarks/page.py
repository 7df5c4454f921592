"""Size of the HTML page and Chromium's own timing of it, for the letters, Frankenstein 1818 vs
1831, Darwin's six editions of chapter I and the Florilegium's 13 witnesses, in one run.

Each page is written by `collate.render.html`, opened from disk in Debian's Chromium
(headless, driven by Playwright), and timed with the Navigation Timing and Paint Timing APIs:
``domInteractive`` (the document parsed), ``first-contentful-paint``, and ``loadEventEnd``
(scripts run, handlers attached: the page answers keys and clicks). Then ``n`` is pressed and
the time until the selection shows is measured in the page. Best of three loads.

    .venv/bin/python benchmarks/page.py [--write-only]

``--write-only`` times writing each page (the word columns and the rendering) and opens no
browser.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from corpora import letters_and_frankenstein
from playwright.sync_api import sync_playwright

import collate
from collate.engine import token_columns
from collate.render.html import render_html

CHROMIUM = "/usr/bin/chromium"
CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
TIMING = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return [nav.domInteractive, paint ? paint.startTime : -1, nav.loadEventEnd];
}"""
SELECT = """() => {
  const started = performance.now();
  document.dispatchEvent(new KeyboardEvent("keydown", {key: "n", bubbles: true}));
  document.querySelector(".v.selected").getBoundingClientRect();
  return performance.now() - started;
}"""


def main() -> None:
    cases = letters_and_frankenstein()
    cases["darwin (6)"] = collate.load_witnesses([CORPORA / "darwin" / "chapter1"])
    cases["florilegium (13)"] = collate.load_witnesses(
        [CORPORA / "florilegium" / "florilegium_tei_ps.xml"]
    )
    if "--write-only" in sys.argv:
        print(f"{'case':24} {'units':>6} {'columns':>9} {'write page':>11} {'size':>9}")
        for name, witnesses in cases.items():
            collation = collate.collate(witnesses)
            started = time.perf_counter()
            columns = token_columns(collation)
            computed = time.perf_counter() - started
            page_text = render_html(collation, columns)
            rendered = time.perf_counter() - started
            size = len(page_text.encode("utf-8")) / 1e6
            print(
                f"{name:24} {len(collation.units):6} {computed:8.2f}s {rendered:10.2f}s "
                f"{size:7.2f}MB"
            )
        return
    print(
        f"{'case':24} {'units':>6} {'render':>8} {'size':>9} {'parsed':>8} {'painted':>8} "
        f"{'ready':>8} {'n key':>7}"
    )
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        for name, witnesses in cases.items():
            collation = collate.collate(witnesses)
            started = time.perf_counter()
            page_text = render_html(collation, token_columns(collation))
            rendered = time.perf_counter() - started
            path = Path(folder) / "page.html"
            path.write_text(page_text, encoding="utf-8")
            timings = []
            for _ in range(3):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(path.as_uri(), wait_until="load")
                page.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
                parsed, painted, ready = page.evaluate(TIMING)
                selection = page.evaluate(SELECT)
                timings.append((ready, parsed, painted, selection))
                page.close()
            ready, parsed, painted, selection = min(timings)
            size = path.stat().st_size / 1e6
            print(
                f"{name:24} {len(collation.units):6} {rendered:7.2f}s {size:7.2f}MB "
                f"{parsed / 1000:7.2f}s {painted / 1000:7.2f}s {ready / 1000:7.2f}s "
                f"{selection:5.0f}ms"
            )
        browser.close()


if __name__ == "__main__":
    main()
