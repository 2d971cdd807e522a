"""The intelligibility guard picks the strongest mapping whose check sentences keep their words."""

from __future__ import annotations

import numpy as np
import pytest

from audiogpt.backends.speech.voice import intelligibility
from audiogpt.backends.speech.voice import world_map as wm


def _mapping() -> wm.Mapping:
    """A mapping from the base voice to itself with every cepstrum shifted (a real render)."""
    from audiogpt.backends.speech.synthesis.offline import synthesize

    base = wm.analyse(synthesize(intelligibility.CHECK_TEXTS[0], voice="slt_hts",
                                 language="en", sample_rate=wm.RATE))
    src = wm.keys(base.cep, wm.CTX * wm.STEP).astype(np.float32)
    tgt = base.cep.copy().astype(np.float32)
    tgt[:, 1:] += 0.1
    stats = wm.logf0_stats(base.f0)
    return wm.Mapping(src, tgt, stats, stats, 1.0)


def _fake_asr(monkeypatch, mapping: wm.Mapping, answer) -> None:
    """Whisper stand-in: the base voice is heard right; a converted check sentence as ``answer``
    (expected text, strength) says."""
    texts = iter(list(intelligibility.CHECK_TEXTS) * 10)
    rendered = [False]
    real_render = wm.render

    def render(analysis, m, **kw):
        rendered[0] = True
        return real_render(analysis, m, **kw)

    def heard(audio) -> str:
        assert audio.duration > 1.0
        expected = next(texts)
        return answer(expected, mapping.strength) if rendered[0] else expected

    monkeypatch.setattr(wm, "render", render)
    monkeypatch.setattr(intelligibility, "_asr", lambda: (heard, ""))


def test_the_strongest_intelligible_strength_is_kept(monkeypatch) -> None:
    mapping = _mapping()
    _fake_asr(monkeypatch, mapping, lambda text, s: text if s <= 0.5 else "nothing like it")
    strength, account = intelligibility.choose_strength(mapping, "slt_hts")
    assert strength == 0.5 and mapping.strength == 0.5
    assert account == ("whisper check: WER 1.00 at 1, 0.00 at 0.5 (base voice 0.00) -> "
                       "strength 0.5")


def test_when_every_strength_loses_words_the_fewest_errors_win(monkeypatch) -> None:
    mapping = _mapping()

    def answer(text: str, strength: float) -> str:
        if strength == 1.0:
            words = text.split()
            return " ".join(words[: len(words) // 2])
        return "nothing like it"

    _fake_asr(monkeypatch, mapping, answer)
    strength, account = intelligibility.choose_strength(mapping, "slt_hts")
    assert strength == 1.0 and mapping.strength == 1.0, account
    assert account.endswith("at 1, 1.00 at 0.5, 1.00 at 0.25, 1.00 at 0 (base voice 0.00) -> "
                            "strength 1")


def test_without_whisper_the_full_mapping_is_kept_and_labelled(monkeypatch) -> None:
    mapping = _mapping()
    mapping.strength = 0.5
    monkeypatch.setattr(intelligibility, "_asr", lambda: (None, "ImportError: no model"))
    strength, account = intelligibility.choose_strength(mapping, "slt_hts")
    assert strength == 1.0 and mapping.strength == 1.0
    assert account == "not checked (Whisper unavailable: ImportError: no model)"


@pytest.mark.parametrize("strength", [0.0, 0.5, 1.0])
def test_strength_scales_the_finer_cepstra_only(strength: float) -> None:
    mapping = _mapping()
    base = wm.analyse(_speech())
    mapping.strength = strength
    out = mapping.convert_cep(base.cep, base.speech)
    mapping.strength = 1.0
    full = mapping.convert_cep(base.cep, base.speech)
    sp, low = base.speech, 1 + wm.KEEP_LOW
    assert sp.sum() > 20
    np.testing.assert_allclose(out[sp, low:] - base.cep[sp, low:],
                               strength * (full[sp, low:] - base.cep[sp, low:]), atol=1e-5)
    np.testing.assert_allclose(out[:, :low], full[:, :low], atol=1e-6)  # c0 and c1-c4 in full
    np.testing.assert_array_equal(out[:, 0], base.cep[:, 0])
    assert np.abs(full[sp, low:] - base.cep[sp, low:]).mean() > 0.05


def _speech():
    from audiogpt.backends.speech.synthesis.offline import synthesize

    return synthesize("Good morning.", voice="slt_hts", language="en", sample_rate=wm.RATE)
