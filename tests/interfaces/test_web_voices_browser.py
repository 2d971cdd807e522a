"""The Voices tab in a real browser (Debian chromium + Playwright) against `audiogpt serve`:
the live level meter while Chromium's fake microphone plays a clipped copy of a real
recording (it turns red and warns while recording, then the take is checked), a take
uploaded gets its level/noise/clipping feedback, "Add voice" without the consent box is
refused, and a diary entry read aloud plays in the streaming player before the whole file is
stored. Never downloads a browser."""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import ROOT, shared_file
from tests.interfaces.browser_util import open_tab
from tests.interfaces.server_util import start_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--autoplay-policy=no-user-gesture-required",
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]
OUT = ROOT / "test-output"
TAKE = "eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a0001.wav"
ENTRY = ("I slept badly. The rain woke me twice, and the cat wanted breakfast at five. "
         "Later the sun came out. I walked to the bakery.")

# serial: a browser and a server with fixed waits; `make test` runs it alone on a quiet CPU
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.serial]


def _wait_text(page, selector: str, text: str, timeout_ms: int) -> None:
    """Wait until the element shows ``text`` (Gradio re-renders elements: may be absent)."""
    page.wait_for_function(
        "([sel, text]) => { const e = document.querySelector(sel);"
        " return !!e && e.innerText.includes(text); }", arg=[selector, text], timeout=timeout_ms)


def _fake_microphone(path: Path) -> Path:
    """The shared take made 12x louder (it clips), 48 kHz 16-bit, as Chromium's microphone."""
    import soundfile as sf

    from audiogpt.core.audio import Audio

    audio = Audio.from_file(shared_file(TAKE)).resampled(48000)
    sf.write(path, np.clip(audio.mono * 12, -1, 1), 48000, subtype="PCM_16")
    return path


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory):
    """One server and one browser (with a fake microphone) for the tests of this module."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (make setup installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    tmp = tmp_path_factory.mktemp("voices-browser")
    mic = _fake_microphone(tmp / "mic.wav")
    server = start_server(tmp / "home")
    OUT.mkdir(exist_ok=True)
    external: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                        args=[*ARGS, f"--use-file-for-fake-audio-capture={mic}"])
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            page.on("request", lambda r: external.append(r.url) if not r.url.startswith(
                (server.url, "data:", "blob:")) else None)
            page.goto(server.url + "/")
            open_tab(page, "Voices", "#voice-text")
            yield page
            browser.close()
    finally:
        server.stop()
    assert external == [], f"the page fetched from other hosts: {external}"


def _record(page) -> float:
    """Press Record and wait for the first meter reading; the time Record was pressed.

    Headless Chromium's fake microphone sometimes delivers no chunk at all after Record (seen
    in about 1 of 3 runs in one fresh clone, never in another; the server got no stream event;
    cause not found): then the page is loaded again once and Record pressed again.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(2):
        page.locator("#voice-mic button.record-button").click()
        start = time.perf_counter()
        page.wait_for_selector("#voice-mic button.stop-button", timeout=10_000)
        try:
            page.wait_for_function("() => { const m = document.querySelector('#ag-live');"
                                   " return m && m.dataset.state !== 'idle'; }", timeout=15_000)
            return start
        except PlaywrightTimeout:
            if attempt:
                raise
            print("browser: no meter reading 15 s after Record; page loaded again")
            page.reload()
            open_tab(page, "Voices", "#voice-text")
    raise AssertionError("unreachable")


def test_live_meter_while_recording(page) -> None:
    start = _record(page)
    first = time.perf_counter()
    seen: list[str] = []  # the meter's text, sampled every 100 ms while recording
    states: set[str] = set()
    while time.perf_counter() - first < 3.0:
        text, state = page.evaluate(
            "() => { const m = document.querySelector('#ag-live');"
            " return m ? [m.innerText, m.dataset.state] : ['', '']; }")
        if not seen or text != seen[-1]:
            seen.append(text)
        states.add(state)
        page.wait_for_timeout(100)
    page.screenshot(path=str(OUT / "web-voices-live-meter.png"))
    page.locator("#voice-mic button.stop-button").click()
    recorded = time.perf_counter() - start
    assert "clip" in states, (states, seen)  # red while recording, not only after the take
    assert any("clipping: lower the input level" in t for t in seen), seen
    assert len(seen) >= 6, seen  # several readings a second (3 s recorded)
    print(f"browser: live meter {len(seen)} readings in 3 s, states {sorted(states)}")
    # the take is joined from the chunks and checked like an upload
    _wait_text(page, "#voice-feedback", "s of speech", 30_000)
    feedback = page.locator("#voice-feedback").inner_text()
    speech_s, clipped = re.search(r"([\d.]+) s of speech .* clipped ([\d.]+) %", feedback).groups()
    # the clipped take, as long as the recording (the last part-chunk may be dropped)
    assert 2.0 < float(speech_s) < recorded + 1.0 and float(clipped) > 0, (feedback, recorded)
    assert page.locator("#voice-take audio").count() >= 1
    page.locator("#voice-keep").click()
    _wait_text(page, "#voice-takes", "of 60 s", 30_000)
    page.locator("#voice-clear").click()
    _wait_text(page, "#voice-takes", "No takes kept yet", 30_000)


def test_voices_tab_in_the_browser(page) -> None:
    page.locator("#voice-take input[type=file]").set_input_files(str(shared_file(TAKE)))
    _wait_text(page, "#voice-feedback", "Good take", 60_000)

    page.locator("#voice-add").click()  # consent box not ticked
    page.wait_for_selector("#voice-status:has-text('tick the consent box')", timeout=30_000)

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
    assert first_audio_s < whole_s, (first_audio_s, whole_s)
    print(f"browser: first audio {first_audio_s:.2f} s, whole entry stored {whole_s:.2f} s")
