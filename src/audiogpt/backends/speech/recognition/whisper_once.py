"""A faster-whisper model that runs the encoder once per 30-s window.

faster-whisper 1.2 detects the language by encoding the first window, then encodes that
window again to decode it (its ``transcribe`` passes no encoder output on). The encoder is
about three quarters of the work for a clip shorter than 30 s (1.5 of 2.0 CPU-seconds for a
2-s clip with Whisper base int8 on two cores), so a detected-language transcription cost
nearly twice a given-language one.

:class:`EncodeOnceModel` detects the language on the encoder output of exactly the window
that decoding starts with, and hands that output to the decoder:

- the decoder sees the same encoder output as before, so the words are unchanged whenever
  the detected language is;
- for audio of 30 s or more the detection input is the same as faster-whisper's; for shorter
  audio it lacks the final mel frame that faster-whisper's detection input had (the decoding
  window never had it), which moved ``language_probability`` by at most 0.03 on 45 files.

The log-mel features are computed with one BLAS thread. numpy's OpenBLAS splits the mel
filter-bank product differently with two threads than with one, and Whisper's beam search
turned those last-bit differences into other words on 3 of 16 two-second clips ("So, my
fellow Americans," / "so my fellow americans"). With one thread the transcript of a file is
the same whatever the machine's core count, the batch's worker split or a Ray actor's
threads, so ``audiogpt run``, ``audiogpt batch`` and Ray agree.

When beam search fails its checks, faster-whisper decodes again by sampling, and CTranslate2
seeds each worker thread's sampler once, the first time that thread samples (a
``thread_local`` generator): ``set_random_seed`` before a later file does not reach it. So
after one file that needed the fallback, the next file's words depended on it (on an AMD
CPU without MKL, 35 s of JFK decoded "and so ..." first and "And so ..." after). After a
transcription that sampled, :meth:`EncodeOnceModel.renew_sampler` replaces the CTranslate2
model (new worker threads, a generator seeded afresh from the seed set before each file).

Whisper's translate task sometimes keeps the source script: on an AMD CPU Whisper base
"translated" an AISHELL clip into "韩智出现交易几乎云职的情况". English never needs a letter
outside the Latin script, so :meth:`EncodeOnceModel.non_latin_tokens` lists the vocabulary
entries that hold one, and the translate task suppresses them.

Measured on 45 files (40 two-second clips, JFK, LibriSpeech, French, two Mandarin): the same
language and identical words, segments and word times as faster-whisper's own path, in 58 %
of its CPU time (98.6 s against 169 s, benchmarks/bench_batch.py clips, loaded machine).
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from faster_whisper import WhisperModel
from faster_whisper.audio import pad_or_trim


class EncodeOnceModel(WhisperModel):
    """``WhisperModel`` whose language detection shares the first window's encoder output."""

    def __init__(self, model_path: str, *, device: str = "cpu", compute_type: str = "default",
                 cpu_threads: int = 0, num_workers: int = 1, **kwargs: Any) -> None:
        super().__init__(model_path, device=device, compute_type=compute_type,
                         cpu_threads=cpu_threads, num_workers=num_workers, **kwargs)
        self._ct2_args = {"model_path": model_path, "device": device,
                          "compute_type": compute_type, "intra_threads": cpu_threads,
                          "inter_threads": num_workers}
        self._memo = threading.local()
        self._non_latin: list[int] | None = None
        self.feature_extractor = OneThreadFeatures(self.feature_extractor)

    def detect_language(self, audio: np.ndarray | None = None,
                        features: np.ndarray | None = None, vad_filter: bool = False,
                        vad_parameters: Any = None, language_detection_segments: int = 1,
                        language_detection_threshold: float = 0.5
                        ) -> tuple[str, float, list[tuple[str, float]]]:
        """As ``WhisperModel.detect_language``; from ``transcribe`` (features, one segment)
        it encodes the first decoding window and keeps the output for the decoder."""
        if audio is not None or features is None or language_detection_segments != 1:
            return super().detect_language(audio, features, vad_filter, vad_parameters,
                                           language_detection_segments,
                                           language_detection_threshold)
        content = max(1, features.shape[-1] - 1)  # transcribe's decoding drops the last frame
        window = pad_or_trim(features[:, :min(self.feature_extractor.nb_max_frames, content)])
        output = super().encode(window)
        self._memo.value = (window, output)
        results = self.model.detect_language(output)[0]
        probs = [(token[2:-2], prob) for token, prob in results]
        language, probability = probs[0]
        return language, probability, probs

    def encode(self, features: np.ndarray) -> Any:
        """The encoder output; the window language detection just encoded is not redone."""
        memo = getattr(self._memo, "value", None)
        if memo is not None:
            self._memo.value = None
            window, output = memo
            if window.shape == features.shape[-2:] and np.array_equal(
                    window, features if features.ndim == 2 else features[0]):
                return output
        return super().encode(features)

    def forget(self) -> None:
        """Drop a kept encoder output (called when a transcription ends)."""
        self._memo.value = None

    def non_latin_tokens(self) -> list[int]:
        """Ids of the vocabulary entries holding a letter outside the Latin script (CJK,
        kana, Hangul, Cyrillic, Arabic...), computed once (about 0.1 s)."""
        if self._non_latin is None:
            tokenizer = self.hf_tokenizer
            self._non_latin = [i for i in range(tokenizer.get_vocab_size())
                               if _non_latin(tokenizer.decode([i]))]
        return self._non_latin

    def renew_sampler(self) -> None:
        """Load a fresh CTranslate2 model (same files and threads) after a transcription
        that sampled, so the next one's fallback starts from the seed, not from this
        one's generator state (see the module docstring)."""
        import ctranslate2

        self.model = ctranslate2.models.Whisper(**self._ct2_args)


def _non_latin(text: str) -> bool:
    """Whether text holds a letter whose Unicode name is not a Latin one."""
    import unicodedata

    return any(c.isalpha() and not unicodedata.name(c, "").startswith("LATIN") for c in text)


class OneThreadFeatures:
    """faster-whisper's feature extractor, run with one BLAS thread (the same features, to
    the last bit, whatever the thread settings of the process)."""

    _controller: Any = None

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __call__(self, *args: Any, **kwargs: Any) -> np.ndarray:
        from threadpoolctl import ThreadpoolController

        if OneThreadFeatures._controller is None:
            OneThreadFeatures._controller = ThreadpoolController()
        with OneThreadFeatures._controller.limit(limits=1, user_api="blas"):
            return self._inner(*args, **kwargs)
