"""Unit selection of the user's frames: the Viterbi search and the blend."""

from __future__ import annotations

import numpy as np

from audiogpt.backends.speech.voice import unit_select


def _frames(n: int, dim: int = 4, seed: int = 0) -> np.ndarray:
    return np.cumsum(np.random.default_rng(seed).normal(0, 0.1, (n, dim)), axis=0)


def test_ties_are_broken_towards_a_continuous_unit() -> None:
    tgt = _frames(40)
    # Two candidates per frame with equal target cost: a run 10, 11, 12, ... and scattered frames.
    run = np.arange(10, 20)
    scattered = np.array([35, 2, 30, 5, 28, 7, 33, 1, 29, 4])
    idx = np.stack([scattered, run], axis=1)
    dist = np.ones(idx.shape)
    path = unit_select.select(dist, idx, tgt)
    assert path.tolist() == run.tolist()


def test_a_much_better_target_wins_over_continuity() -> None:
    tgt = _frames(40)
    idx = np.stack([np.arange(10, 16), np.array([30, 31, 2, 33, 34, 35])], axis=1)
    dist = np.ones(idx.shape)
    dist[2] = [50.0, 0.0]  # frame 2: the run's candidate is far off, frame 2 of the other is exact
    path = unit_select.select(dist, idx, tgt)
    assert path[2] == 2


def test_blend_mixes_alpha_of_the_selected_frames(monkeypatch) -> None:
    tgt = _frames(30, seed=1)
    mapped = np.zeros((10, 4))
    idx = np.stack([np.arange(5, 15), np.arange(15, 25)], axis=1)
    dist = np.zeros(idx.shape)
    dist[:, 1] = 1.0
    monkeypatch.setattr(unit_select, "SMOOTH", 1)
    monkeypatch.setattr(unit_select, "ALPHA", 0.7)
    out = unit_select.blend(mapped, dist, idx, tgt)
    np.testing.assert_allclose(out, 0.7 * tgt[5:15])
    monkeypatch.setattr(unit_select, "ALPHA", 0.0)
    assert unit_select.blend(mapped, dist, idx, tgt) is mapped
