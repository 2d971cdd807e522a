"""Real-browser end-to-end: Debian's chromium, driven by Playwright, against `audiogpt serve`.

Opens the page, asks for speech and sees an audio player appear, uploads a recording and asks
for its sound events, and saves a screenshot to test-output/. It also checks the page never
asks anything of another host (the UI works offline). Never downloads a browser.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, shared_file
from tests.interfaces.browser_util import open_tab
from tests.interfaces.server_util import start_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
OUT = ROOT / "test-output"

# serial: a browser and a server with fixed waits; `make test` runs it alone on a quiet CPU
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.serial]


def _count(page, selector: str) -> int:
    return page.locator(selector).count()


def _send(page, text: str) -> None:
    box = page.locator("#prompt textarea")
    box.fill(text)
    box.press("Enter")


def _wait_idle(page, timeout_ms: int) -> None:
    """Wait until the turn has finished (the prompt box is editable again)."""
    page.wait_for_function(
        "() => { const t = document.querySelector('#prompt textarea');"
        " return t && !t.disabled; }", timeout=timeout_ms)


def test_browser_end_to_end(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (make setup installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    sound = shared_file("eval-audio/events/esc10/dog_bark__1-100032-A.ogg")
    server = start_server(tmp_path / "home")
    OUT.mkdir(exist_ok=True)
    shot = OUT / "web-ui.png"
    external: list[str] = []
    failure = ""
    tts_s = None
    try:
        listed = __import__("httpx").get(server.url + "/api/tools", timeout=30).json()
        assert {"text_to_speech", "sound_event_detection"} <= {t["name"] for t in listed}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.on("request", lambda r: external.append(r.url) if not r.url.startswith(
                (server.url, "data:", "blob:")) else None)
            page.goto(server.url + "/")
            page.wait_for_selector("#prompt textarea", timeout=60_000)
            open_tab(page, "Tools", "#tools table td")
            assert "audio_edit" in page.locator("#tools").inner_text()

            before = _count(page, "#chat audio")
            start = time.perf_counter()
            _send(page, "Synthesize a speech with text 'hello there'")
            try:
                page.wait_for_function(
                    f"() => document.querySelectorAll('#chat audio').length > {before}",
                    timeout=150_000)
                tts_s = time.perf_counter() - start
                _wait_idle(page, 60_000)
                assert "text_to_speech" in page.locator("#chat").inner_text()
            except Exception:
                page.screenshot(path=str(OUT / "web-ui-failure.png"), full_page=True)
                failure = ("no audio player after the TTS request; chat shows: "
                           + page.locator("#chat").inner_text()[-800:])
                _wait_idle(page, 60_000)

            page.locator("#prompt input[type=file]").set_input_files(str(sound))
            page.wait_for_function(  # the upload is done when its preview shows
                "() => document.querySelector('#prompt').innerText.includes('dog_bark')"
                " || document.querySelectorAll('#prompt img, #prompt .thumbnail-item').length",
                timeout=30_000)
            time.sleep(0.5)
            _send(page, "What sound events are in this file?")
            # The step shows while it runs; the prompt box is editable again at the end.
            page.wait_for_function(
                "() => document.querySelector('#chat').innerText.includes('sound_event_detection')",
                timeout=90_000)
            _wait_idle(page, 180_000)
            chat = page.locator("#chat").inner_text()
            assert "What sound events are in this file?" in chat
            open_tab(page, "Artifacts", "#artifacts a[href^='/api/artifacts/']", 30_000)
            page.screenshot(path=str(shot), full_page=True)
            browser.close()
    finally:
        server.stop()
    assert shot.is_file() and shot.stat().st_size > 10_000
    assert external == [], f"the page fetched from other hosts: {external}"
    assert not failure, failure
    assert tts_s is not None and tts_s < 150
