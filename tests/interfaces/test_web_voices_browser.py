"""The Voices tab in a real browser (Debian chromium + Playwright) against `audiogpt serve`:
a take uploaded gets its level/noise/clipping feedback, "Add voice" without the consent box
is refused, and a diary entry read aloud plays in the streaming player before the whole file
is stored. Never downloads a browser."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, shared_file
from tests.interfaces.server_util import start_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--autoplay-policy=no-user-gesture-required"]
OUT = ROOT / "test-output"
ENTRY = ("I slept badly. The rain woke me twice, and the cat wanted breakfast at five. "
         "Later the sun came out. I walked to the bakery.")

# serial: a browser and a server with fixed waits; `make test` runs it alone on a quiet CPU
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.serial]


def _wait_text(page, selector: str, text: str, timeout_ms: int) -> None:
    """Wait until the element shows ``text`` (Gradio re-renders elements: may be absent)."""
    page.wait_for_function(
        "([sel, text]) => { const e = document.querySelector(sel);"
        " return !!e && e.innerText.includes(text); }", arg=[selector, text], timeout=timeout_ms)


def test_voices_tab_in_the_browser(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (make setup installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    take = shared_file("eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav")
    server = start_server(tmp_path / "home")
    OUT.mkdir(exist_ok=True)
    external: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            page.on("request", lambda r: external.append(r.url) if not r.url.startswith(
                (server.url, "data:", "blob:")) else None)
            page.goto(server.url + "/")
            page.locator("button[role='tab']:has-text('Voices')").first.click()
            page.wait_for_selector("#voice-text", timeout=60_000)

            page.locator("#voice-take button[aria-label='Upload file']").click()
            page.locator("#voice-take input[type=file]").set_input_files(str(take))
            _wait_text(page, "#voice-feedback", "s of speech", 60_000)
            assert "Good take" in page.locator("#voice-feedback").inner_text()

            page.locator("#voice-add").click()  # consent box not ticked
            page.wait_for_selector("#voice-status:has-text('tick the consent box')",
                                   timeout=30_000)

            page.locator("#voice-entry textarea").fill(ENTRY)
            start = time.perf_counter()
            page.locator("#voice-read").click()
            page.wait_for_function(
                "() => { const a = document.querySelector('#voice-live audio');"
                " return a && (a.currentTime > 0 || !a.paused); }", timeout=120_000)
            first_audio_s = time.perf_counter() - start
            _wait_text(page, "#voice-read-info", "Stored as", 120_000)
            whole_s = time.perf_counter() - start
            assert page.locator("#voice-whole audio").count() >= 1
            page.screenshot(path=str(OUT / "web-voices.png"), full_page=True)
            browser.close()
    finally:
        server.stop()
    assert external == [], f"the page fetched from other hosts: {external}"
    assert first_audio_s < whole_s, (first_audio_s, whole_s)
    print(f"browser: first audio {first_audio_s:.2f} s, whole entry stored {whole_s:.2f} s")
