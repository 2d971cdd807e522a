"""Offline English speech recognition with CMU PocketSphinx 5 (model shipped in the wheel).

Long recordings are cut at pauses (energy VAD, :mod:`audiogpt.backends.dsp.pauses`) into
chunks of at most 20 s, each decoded as one utterance; word times come from the decoder's
segmentation (10 ms frames) shifted by the chunk offset.

Public API::

    from audiogpt.backends.speech.recognition.pocketsphinx import transcribe
    result = transcribe(audio, language="en")
    result["text"], result["words"], result["segments"]
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, module
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

RATE = 16000
FRAME_S = 0.01
SEGMENT_GAP_S = 0.5
#: Decoder settings tuned on the shared English recordings (see benchmarks/bench_speech_io.py).
#: Wider beams (1e-60) and lw 5.5-8 gave the same or worse WER, so the wheel's beams stay.
#: maxhmmpf (active HMMs per frame) is capped at 10000 instead of the wheel's 30000: on the 12
#: files it cut decode time ~15% and WER went 0.340 -> 0.327 (8000-10000 all give 0.327;
#: <= 7000 or >= 12000 give 0.347/0.340). Narrower beams, topn 2, maxwpf 5 and tighter
#: fwdflat beams were faster but raised WER to 0.36-0.52.
DECODER_OPTIONS: dict[str, Any] = {"lw": 6.5, "beam": 1e-48, "wbeam": 7e-29, "pbeam": 1e-48,
                                   "maxhmmpf": 10000, "wip": 0.65}
ENGLISH = ("en", "en-us", "en-gb", "eng", "english")
WHISPER_HINT = ("the whisper backend serves it (set AUDIOGPT_WHISPER_MODEL to a local Whisper "
                "model folder and pass --backend whisper)")

_decoder = None
_lock = threading.Lock()
_FILLER = re.compile(r"^(<s>|</s>|<sil>|\[.*\]|\+\+.*\+\+)$")


def _get_decoder() -> Any:
    """The shared decoder (loading the language model takes about a second)."""
    global _decoder
    if _decoder is None:
        from pocketsphinx import Config, Decoder

        from audiogpt.core.config import load_settings

        opts = dict(DECODER_OPTIONS)
        for key, value in load_settings().ps_options.items():
            if key in opts and value:
                opts[key] = float(value)
        config = Config(loglevel="FATAL", samprate=RATE, **opts)
        _decoder = Decoder(config)
    return _decoder


def check_language(language: str | None) -> None:
    """Raise ToolInputError for languages without an offline model here."""
    lang = (language or "en").strip().lower()
    if lang not in ENGLISH:
        raise ToolInputError(f"speech_recognition: no offline model for {lang!r} (PocketSphinx "
                             f"serves English only); {WHISPER_HINT}")


def _decode_chunk(pcm: bytes, offset_s: float) -> list[dict[str, Any]]:
    dec = _get_decoder()
    dec.start_utt()
    dec.process_raw(pcm, no_search=False, full_utt=True)
    dec.end_utt()
    words = []
    for seg in dec.seg():
        w = seg.word
        if _FILLER.match(w):
            continue
        w = re.sub(r"\(\d+\)$", "", w)
        words.append({"word": w, "start": round(offset_s + seg.start_frame * FRAME_S, 2),
                      "end": round(offset_s + (seg.end_frame + 1) * FRAME_S, 2)})
    return words


def _segments(words: list[dict[str, Any]], bounds: list[float]) -> list[dict[str, Any]]:
    """Group words into segments at pauses >= SEGMENT_GAP_S and at chunk boundaries."""
    segs: list[dict[str, Any]] = []
    cur: list[dict[str, Any]] = []
    for w in words:
        crosses = any(cur and cur[-1]["end"] <= b <= w["start"] for b in bounds)
        if cur and (w["start"] - cur[-1]["end"] >= SEGMENT_GAP_S or crosses):
            segs.append(cur)
            cur = []
        cur.append(w)
    if cur:
        segs.append(cur)
    return [{"start": s[0]["start"], "end": s[-1]["end"],
             "text": " ".join(w["word"] for w in s)} for s in segs]


def transcribe(audio: Audio, language: str = "en",
               progress: Callable[[float, str], None] | None = None,
               max_chunk_s: float = 20.0) -> dict[str, Any]:
    """Recognise English speech.

    Args:
        audio: Any rate and channel count (mixed to mono and resampled to 16 kHz).
        language: ISO 639-1 code; only English is served offline.
        progress: Optional callback (fraction, message).
        max_chunk_s: Longest chunk decoded as one utterance.

    Returns:
        ``{"text", "words": [{word, start, end}], "segments": [{start, end, text}],
        "language", "chunks"}``.

    Raises:
        ToolInputError: Language other than English.
    """
    import numpy as np

    from audiogpt.backends.dsp.pauses import pause_chunks

    check_language(language)
    x = audio.to_mono()
    if x.sample_rate != RATE:
        x = x.resampled(RATE)
    sig = x.samples[0]
    peak = float(np.abs(sig).max()) if sig.size else 0.0
    if peak > 0:  # normalise level: CMN copes with gain, but int16 needs headroom
        sig = sig * (0.9 / peak) if peak > 1.0 or peak < 0.05 else sig
    pcm16 = (np.clip(sig, -1, 1) * 32767).astype("<i2")
    chunks = pause_chunks(sig, RATE, max_s=max_chunk_s)
    words: list[dict[str, Any]] = []
    with _lock:
        for i, (s, e) in enumerate(chunks):
            words += _decode_chunk(pcm16[s:e].tobytes(), s / RATE)
            if progress:
                progress((i + 1) / len(chunks), f"chunk {i + 1}/{len(chunks)}")
    bounds = [s / RATE for s, _ in chunks[1:]]
    text = " ".join(w["word"] for w in words)
    return {"text": text, "words": words, "segments": _segments(words, bounds),
            "language": "en", "chunks": len(chunks)}


class PocketSphinxASR(Backend):
    """CMU PocketSphinx 5, US English acoustic model + 3-gram LM shipped in the wheel."""

    name = "pocketsphinx"
    tool = "speech_recognition"
    summary = "CMU PocketSphinx 5 (US English, offline), pause-chunked, word timestamps"
    requires = (module("pocketsphinx", "speech", pip="pocketsphinx"),)
    sample_rate = RATE
    priority = 10

    def load(self) -> None:
        _get_decoder()

    def run(self, req: Request) -> ToolResult:
        language = req.get("language") or "en"
        check_language(language)
        audio = req.audio("audio")
        result = transcribe(audio, language, progress=req.progress)
        text = result["text"]
        data = {"words": result["words"], "segments": result["segments"],
                "language": result["language"], "duration": round(audio.duration, 3)}
        return ToolResult(outputs=[Output("text", text or "", "transcript")],
                          text=text, data=data)
