"""Helpers for the real-browser tests (Playwright driving Debian's chromium)."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def page_state(page) -> str:
    """A one-line picture of the page for a failure message: selected tab, panels' sizes."""
    return str(page.evaluate(
        "() => ({selected: [...document.querySelectorAll(\"button[role='tab']\")]"
        ".filter(b => b.getAttribute('aria-selected') === 'true').map(b => b.innerText),"
        " tools: (document.querySelector('#tools') || {innerHTML: ''}).innerHTML.length,"
        " ready: document.readyState})"))


def open_tab(page, name: str, ready: str, timeout_ms: int = 60_000, tries: int = 3) -> None:
    """Click the side tab ``name`` until the element ``ready`` inside it is visible.

    A click that lands while Gradio is still mounting the tabs can be lost (seen once in a
    CI run: the Tools tab never opened); the click is then repeated, up to ``tries`` times in
    ``timeout_ms`` in all, and the failure says what the page showed.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(tries):
        page.locator(f"button[role='tab']:has-text('{name}')").first.click()
        try:
            page.wait_for_selector(ready, timeout=timeout_ms // tries)
            return
        except PlaywrightTimeout:
            logger.warning("tab %s: %s not visible after click %d; page %s", name, ready,
                           attempt + 1, page_state(page))
    raise AssertionError(f"the {name} tab did not show {ready}: {page_state(page)}")
