"""Enrollment: check the user's recordings, learn the voice mapping, build the profile.

Checks (each failing one becomes a warning that says what to re-record): total speech after
voice-activity detection (about 60 s is the target, under 10 s works with a warning, under
``MIN_SPEECH_S`` is refused), signal-to-noise ratio, clipping, and that every file is the
same speaker (Resemblyzer cosine to the others). The base voice is the installed English
voice whose speaker embedding is closest to the user's. Transcripts come from a ``transcribe`` callable supplied
by the caller (the project's speech_recognition tool), so the learned mapping uses parallel
data: each recording against the same text spoken by the base voice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from audiogpt.core.errors import ToolInputError

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.backends.speech.voice.profiles import VoiceProfile
    from audiogpt.backends.speech.voice.world_map import Mapping
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

MIN_SPEECH_S = 3.0
SHORT_SPEECH_S = 10.0
TARGET_SPEECH_S = 45.0
MIN_SNR_DB = 15.0
MAX_CLIPPED = 0.001
SAME_SPEAKER = 0.65
#: English base voices by register (median F0 below 165 Hz: low).
BASE_VOICES = {"low": ("rms", "awb"), "high": ("slt_hts", "slt")}
#: Candidates by speaker similarity; flite slt is left out: its own round-trip WER is 0.23.
BASE_CANDIDATES = ("slt_hts", "rms", "awb")

Transcriber = Callable[[Path], str]


@dataclass
class Material:
    """Measured quality of one recording."""

    name: str
    speech_s: float
    snr_db: float
    clipped: float


def measure(audio: Audio, name: str) -> Material:
    """Speech seconds (Silero VAD, else an energy gate), SNR and clipped fraction."""
    import numpy as np

    from audiogpt.backends.dsp import levels, vad

    y = audio.to_mono().resampled(16000).mono.astype(np.float32)
    hop = vad.CHUNK
    n = max(len(y) // hop, 1)
    frames = np.pad(y, (0, n * hop + hop - len(y)))[: n * hop].reshape(n, hop)
    level = 10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-12)
    prob = vad.speech_probability(y)
    if prob is not None:
        speech = np.asarray(prob[:n]) >= 0.5
    else:
        speech = level > max(np.percentile(level, 95) - 30.0, -60.0)
    speech_s = float(speech.sum() * hop / 16000)
    if speech.any() and (~speech).sum() >= 3:
        noise = float(np.percentile(level[~speech], 50))
    else:
        noise = float(np.percentile(level, 5))
    sig = float(np.percentile(level[speech], 50)) if speech.any() else noise
    raw = audio.mono
    clipped = levels.clipped_count(raw) / raw.size if raw.size else 0.0
    return Material(name, speech_s, sig - noise, clipped)


def choose_base(f0_median: float, target: np.ndarray | None = None, text: str = "") -> str:
    """The installed base voice closest to the speaker.

    With a speaker embedding and a sample text, every candidate voice speaks the text and the
    one with the highest cosine to the speaker wins; otherwise the voice of the register.
    """
    from audiogpt.backends.speech.speaker_encoder import embed_speech as embed
    from audiogpt.backends.speech.speaker_encoder import similarity
    from audiogpt.backends.speech.synthesis.offline import list_voices, synthesize

    installed = {v.name for v in list_voices()}
    register = [n for n in BASE_VOICES["low" if f0_median < 165.0 else "high"] if n in installed]
    candidates = [n for n in BASE_CANDIDATES if n in installed]
    if target is not None and any(c.isalpha() for c in text) and len(candidates) > 1:
        scores = {}
        for name in candidates:
            speech = synthesize(text[:200], voice=name, language="en", sample_rate=16000)
            scores[name] = similarity(embed(speech), target)
        logger.info("base voice similarity: %s", scores)
        return max(scores, key=scores.__getitem__)
    for name in [*register, *candidates]:
        return name
    raise ToolInputError("no English base voice is installed (sudo apt-get install flite)")


def _warnings(items: list[Material], total: float, sims: list[float]) -> list[str]:
    out = []
    if total < SHORT_SPEECH_S:
        out.append(f"only {total:.0f} s of speech: the voice will be rough; record about 60 s "
                   "(read a page of text aloud)")
    elif total < TARGET_SPEECH_S:
        out.append(f"{total:.0f} s of speech: about 60 s gives a closer voice")
    for m in items:
        if m.snr_db < MIN_SNR_DB:
            out.append(f"{m.name}: background noise (SNR {m.snr_db:.0f} dB): re-record in a "
                       "quieter room, closer to the microphone")
        if m.clipped > MAX_CLIPPED:
            out.append(f"{m.name}: {100 * m.clipped:.1f} % of samples clipped: re-record with "
                       "a lower input level")
    for m, s in zip(items, sims):
        if s < SAME_SPEAKER:
            out.append(f"{m.name}: sounds like a different speaker than the other files "
                       f"(similarity {s:.2f}): remove it or re-record it")
    return out


def enroll(name: str, audios: list[tuple[str, Audio]], transcribe: Callable[[int], str], *,
           consent: str, progress: Callable[[float, str], None] | None = None,
           check: bool = True, timing: bool = False) -> tuple[VoiceProfile, Mapping]:
    """Check the recordings and learn the voice.

    Args:
        name: Voice name (already validated).
        audios: (display name, audio) of each recording.
        transcribe: Returns the transcript of recording ``i``.
        consent: The consent statement given by the user.
        progress: Optional callback (fraction, message).
        check: Choose the mapping strength by an intelligibility check with Whisper
            (:mod:`intelligibility`; ``Settings.voice_guard``); False keeps the full mapping.
        timing: Render with the user's per-class durations (:mod:`timing`;
            ``Settings.voice_timing``); the check then hears that timing. The durations are
            learned and stored either way.

    Returns:
        (profile, mapping); store them with :func:`profiles.save`.

    Raises:
        ToolInputError: Not enough speech, or nothing intelligible to learn from.
    """
    import numpy as np

    from audiogpt.backends.speech.speaker_encoder import embed_speech as embed
    from audiogpt.backends.speech.speaker_encoder import similarity
    from audiogpt.backends.speech.synthesis.offline import synthesize
    from audiogpt.backends.speech.voice import world_map as wm
    from audiogpt.backends.speech.voice.adapt import profile as praat_profile
    from audiogpt.backends.speech.voice.intelligibility import choose_strength
    from audiogpt.backends.speech.voice.profiles import VoiceProfile

    report = progress or (lambda f, m: None)
    t0 = time.perf_counter()
    items = [measure(a, n) for n, a in audios]
    total = sum(m.speech_s for m in items)
    if total < MIN_SPEECH_S:
        raise ToolInputError(f"only {total:.1f} s of speech found in the recordings; at least "
                             f"{MIN_SPEECH_S:.0f} s are needed (about 60 s is best)")
    joined = _join([a for _, a in audios])
    praat = praat_profile(joined, "enrollment")
    embs = [embed(a) for _, a in audios]
    mean = np.mean(embs, axis=0)
    sims = [similarity(e, mean) if len(embs) > 1 else 1.0 for e in embs]
    texts = [(transcribe(i) or "").strip() for i in range(len(audios))]
    base_voice = choose_base(praat.f0_median, mean, max(texts, key=len))
    report(0.1, "material checked")
    pairs, bf0, uf0 = [], [], []
    for i, (label, audio) in enumerate(audios):
        text = texts[i]
        if not any(ch.isalpha() for ch in text):
            logger.info("no transcript for %s; skipped for the mapping", label)
            continue
        base = synthesize(text, voice=base_voice, language="en", sample_rate=wm.RATE)
        ab, au = wm.analyse(base), wm.analyse(audio)
        pairs.append(wm.pairs(ab, au))
        bf0.append(ab.f0)
        uf0.append(au.f0)
        report(0.1 + 0.85 * (i + 1) / len(audios), f"learned from {label}")
    if not pairs:
        raise ToolInputError("no words were recognised in the recordings: record yourself "
                             "reading a text aloud, in English")
    mapping = wm.learn(pairs, np.concatenate(bf0), np.concatenate(uf0), timing=timing)
    strength, account = (choose_strength(mapping, base_voice) if check
                         else (1.0, "not checked (voice_guard off)"))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    prof = VoiceProfile(
        name=name, created=now, updated=now, consent=consent, speech_seconds=total,
        warnings=_warnings(items, total, sims), base_voice=base_voice,
        sources=[n for n, _ in audios], praat=praat.as_dict(),
        embedding=[round(float(x), 5) for x in mean], f0_src=mapping.f0_src,
        f0_tgt=mapping.f0_tgt, rate_ratio=mapping.rate_ratio, strength=strength,
        strength_check=account, durations=list(mapping.durations))
    logger.info("enrolled %s from %.1f s of speech in %.1f s", name, total,
                time.perf_counter() - t0)
    return prof, mapping


def _join(audios: list[Audio]) -> Audio:
    import numpy as np

    from audiogpt.core.audio import Audio

    parts = [a.to_mono().resampled(16000).mono for a in audios]
    return Audio(np.concatenate(parts).astype(np.float32), 16000)
