"""image_to_audio: scene inference on the shared beach image, exact duration, bad images."""

from __future__ import annotations

import numpy as np

from audiogpt.core.audio import Audio
from tests.conftest import shared_file


def test_beach_scene_cli(cli) -> None:
    beach = shared_file("eval-images/beach_scene.png")
    r = cli("run", "image_to_audio", "--image", str(beach), "--duration", "5", "--json")
    assert r.rc == 0, r.stderr
    out = r.json()
    inferred = out["data"]["inferred"]
    assert inferred["regions"]["sky"] > 0.3 and inferred["regions"]["water"] > 0.1
    assert inferred["regions"]["sand"] > 0.1 and inferred["sun"]
    recipes = {la["recipe"] for la in out["data"]["layers"]}
    assert "waves" in recipes and "wind" in recipes
    assert "sea" in out["text"] or "waves" in out["text"]
    audio = Audio.from_file(out["artifacts"][0]["path"])
    assert abs(audio.duration - 5.0) < 0.1
    assert np.sqrt(np.mean(audio.mono**2)) > 0.01


def test_unreadable_image_exit_2(cli, tmp_path) -> None:
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"this is not a png at all")
    r = cli("run", "image_to_audio", "--image", str(bad), "--json")
    assert r.rc == 2
    assert "not a readable image" in r.stderr
