"""text_to_audio through the CLI contract: exact duration, never silent, spectral signatures."""

from __future__ import annotations

import numpy as np
import pytest

from audiogpt.backends.generation.text_to_audio.parser import parse
from audiogpt.backends.generation.text_to_audio.procedural import render_scene
from audiogpt.core.audio import Audio


def centroid(audio: Audio) -> float:
    """Power-weighted spectral centroid of the long-term spectrum (Hz)."""
    from scipy.signal import welch

    f, p = welch(audio.mono, fs=audio.sample_rate, nperseg=4096)
    return float((f * p).sum() / p.sum())


def test_cli_five_seconds_exact_and_not_silent(cli) -> None:
    r = cli("run", "text_to_audio", "--text", "birds singing and people speaking",
            "--duration", "5", "--json")
    assert r.rc == 0, r.stderr
    out = r.json()
    assert out["backend"] == "procedural"
    assert {la["recipe"] for la in out["data"]["layers"]} == {"birdsong", "babble"}
    audio = Audio.from_file(out["artifacts"][0]["path"])
    assert abs(audio.duration - 5.0) < 0.1
    assert audio.frames == 5 * audio.sample_rate  # sample-exact
    assert np.sqrt(np.mean(audio.mono**2)) > 0.01
    assert np.abs(audio.samples).max() <= 1.0


def test_cli_unknown_sound_lists_capabilities(cli) -> None:
    r = cli("run", "text_to_audio", "--text", "a quasar humming", "--json")
    assert r.rc == 2
    assert "rain" in r.stderr and "thunder" in r.stderr and "\n" not in r.stderr.strip()


def test_thunder_darker_than_rain_and_birds() -> None:
    c = {t: centroid(render_scene(t, 4.0).audio) for t in ("thunder", "rain", "birdsong")}
    assert c["thunder"] < c["rain"] and c["thunder"] < c["birdsong"], c
    assert c["thunder"] < 400


def test_parser_levels_positions_and_sequence() -> None:
    layers = {la.recipe: la for la in parse(
        "heavy rain on a tin roof, distant thunder then a dog barking on the left")}
    assert layers["rain"].intensity > 0.8 and "tin" in layers["rain"].mods
    assert "distant" in layers["thunder"].mods
    assert layers["thunder"].level_db < layers["rain"].level_db + 5
    assert layers["dog"].pan is not None and layers["dog"].pan < 0.5
    assert layers["dog"].start == pytest.approx(0.5)
    beach = {la.recipe for la in parse("a day at the beach")}
    assert {"waves", "seagulls"} <= beach


@pytest.mark.parametrize("text", ["wind", "waves", "fire", "crickets", "footsteps on gravel",
                                  "a car engine revving", "church bells", "a police siren",
                                  "a clock ticking", "applause", "traffic", "a stream"])
def test_every_recipe_renders_exactly(text: str) -> None:
    scene = render_scene(text, 1.5)
    assert scene.audio.frames == int(round(1.5 * scene.audio.sample_rate))
    assert np.sqrt(np.mean(scene.audio.mono**2)) > 0.005
    assert np.isfinite(scene.audio.samples).all()
