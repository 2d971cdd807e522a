"""Sentence-by-sentence speech: the first sentence plays while the rest are made.

A diary entry read with ``text_to_speech`` or ``voice_clone`` (an enrolled voice) is split
into sentences; each sentence is synthesized by the tool's backend and handed out as soon as
it is ready (:class:`SentenceStream` yields :class:`Piece` values). When the last sentence is
done, the pieces are joined with the engine's sentence pause into ONE artifact stored with
the provenance of a normal run (tool, backend, the full text, inputs, seconds) plus
``streamed`` (pieces, seconds to the first audio). voice_clone pieces each carry the
keyed watermark (a time-invariant filter), so the joined file carries it too.

A reference that is a recording rather than an enrolled voice is learned once per call, so
it is synthesized in one piece (``streamed.pieces`` = 1; ``streamed.reason`` says why).
The HTTP route (``POST /api/tools/{name}/stream``) lives in :mod:`http_voices`; the web UI's
streaming player in :mod:`web_voices`.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from audiogpt.core.access import LOCAL, FileAccess
from audiogpt.core.errors import AudioGPTError, BackendError, ToolInputError

if TYPE_CHECKING:
    from audiogpt.agent.runner import RunRecord
    from audiogpt.app import App
    from audiogpt.core.artifacts import Artifact
    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

#: Tools whose text can be spoken sentence by sentence.
STREAMABLE = ("text_to_speech", "voice_clone")
#: A sentence longer than this is cut at a comma (the first audio must come quickly).
MAX_SENTENCE_CHARS = 220
#: The first sentence is cut after a phrase of this many words (see :func:`lead_phrase`).
LEAD_MIN_WORDS, LEAD_MAX_WORDS = 3, 7
#: The pause inside a sentence cut after its first phrase.
PHRASE_PAUSE_S = 0.08
_BREAK_WORDS = frozenset(("and", "but", "or", "so", "because", "when", "while", "after",
                          "before", "with", "by", "to", "in", "at", "on", "for", "from", "of",
                          "that", "which", "who"))
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Sr|Jr|vs|etc|Mt)|\b[A-Z])\.$")


def sentences(text: str) -> list[str]:
    """Split ``text`` into the pieces synthesized one by one.

    The offline engine's splitter (sentence ends, blank lines; overlong sentences cut at a
    comma), with a piece that ends in a title or an initial ("Dr.", "J.") joined to the next.
    """
    from audiogpt.backends.speech.synthesis.offline import split_sentences

    out: list[str] = []
    for part in split_sentences(text, max_chars=MAX_SENTENCE_CHARS):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def lead_phrase(sentence: str) -> tuple[str, str] | None:
    """Split a long first sentence after its first phrase, so the first audio comes sooner.

    Cut after a comma, or before a conjunction or preposition, leaving ``LEAD_MIN_WORDS`` to
    ``LEAD_MAX_WORDS`` words in the lead: a comma first, else the break nearest the middle of
    the sentence (a lead long enough to play while the rest of the sentence is made).
    Returns None when the sentence is short or has no such break (it is spoken whole).
    """
    words = sentence.split()
    if len(words) <= LEAD_MAX_WORDS:
        return None
    last = min(LEAD_MAX_WORDS, len(words) - 2)
    commas = [i for i in range(LEAD_MIN_WORDS, last + 1)
              if words[i - 1].endswith((",", ";", ":"))]
    breaks = commas or [i for i in range(LEAD_MIN_WORDS, last + 1)
                        if words[i].lower() in _BREAK_WORDS]
    if not breaks:
        return None
    cut = min(breaks, key=lambda i: (abs(i - len(words) / 2), -i))
    return " ".join(words[:cut]), " ".join(words[cut:])


def wav_bytes(audio: Audio) -> bytes:
    """A mono 16-bit WAV file of ``audio`` (what the players and the HTTP stream carry)."""
    import numpy as np
    import soundfile as sf

    buf = io.BytesIO()
    sf.write(buf, np.clip(audio.mono, -1.0, 1.0), audio.sample_rate, format="WAV",
             subtype="PCM_16")
    return buf.getvalue()


class WavWriter:
    """Write 16-bit mono WAV piece by piece (a player reading a pipe starts at once).

    The header claims an open-ended length; on a seekable file :meth:`close` writes the
    real sizes.
    """

    def __init__(self, fh: Any, sample_rate: int) -> None:
        import struct

        self.fh, self.rate, self.bytes = fh, sample_rate, 0
        fmt = struct.pack("<HHIIHH", 1, 1, sample_rate, sample_rate * 2, 2, 16)
        fh.write(b"RIFF" + struct.pack("<I", 0xFFFFFFFF) + b"WAVEfmt " + struct.pack("<I", 16)
                 + fmt + b"data" + struct.pack("<I", 0xFFFFFFFF))

    def write(self, samples: Any, pause_s: float = 0.0) -> None:
        """Append ``pause_s`` of silence, then ``samples`` (float, at the writer's rate)."""
        import numpy as np

        pcm = np.concatenate([np.zeros(int(round(pause_s * self.rate)), np.float32),
                              np.clip(np.asarray(samples, np.float32), -1.0, 1.0)])
        data = (pcm * 32767).astype("<i2").tobytes()
        self.fh.write(data)
        self.fh.flush()
        self.bytes += len(data)

    def close(self) -> None:
        """Write the real sizes when the file can seek (a pipe keeps the open header)."""
        import struct

        try:
            if not self.fh.seekable():
                return
            self.fh.seek(4)
            self.fh.write(struct.pack("<I", 36 + self.bytes))
            self.fh.seek(40)
            self.fh.write(struct.pack("<I", self.bytes))
            self.fh.seek(0, 2)
        except (OSError, ValueError):
            return


@dataclass(frozen=True)
class Piece:
    """One synthesized sentence.

    Attributes:
        index: 1-based position.
        total: Number of pieces.
        text: The sentence.
        audio: Its speech.
        ready_s: Seconds from the start of the stream until this piece was ready.
    """

    index: int
    total: int
    text: str
    audio: Audio
    ready_s: float


class SentenceStream:
    """Speak a text sentence by sentence, then store the whole as one artifact.

    Arguments are checked when the stream is made (bad input raises before any audio), the
    work happens while iterating; after the last piece :attr:`record` holds the stored run.

    Args:
        app: The application.
        tool: ``text_to_speech`` or ``voice_clone``.
        raw_args: The tool's arguments (``text`` is the whole entry).
        session: The session the artifact joins.
        backend: A backend to force.
        access: Which files the caller may name (the local user by default).

    Raises:
        ToolInputError: Not a streamable tool, bad arguments, a text over the limit.
        BackendUnavailable: The chosen backend cannot run.
    """

    def __init__(self, app: App, tool: str, raw_args: dict[str, Any], *, session: str = "api",
                 backend: str | None = None, access: FileAccess = LOCAL) -> None:
        from audiogpt.agent.runner import resolve_file
        from audiogpt.agent.voices import enrolled_voice_args, transcriber
        from audiogpt.backends.speech.synthesis.offline import PAUSE_S

        name = str(tool).replace("-", "_")
        if name not in STREAMABLE:
            raise ToolInputError(f"{tool}: only {' and '.join(STREAMABLE)} can be streamed "
                                 "sentence by sentence")
        self.app, self.session = app, session
        settings = app.settings
        self.tool = app.registry.tool(name)
        self.args = self.tool.validate(raw_args)
        if len(self.args.text) > settings.max_text_chars:
            raise ToolInputError(f"{name}: --text is {len(self.args.text)} characters, over the "
                                 f"limit of {settings.max_text_chars} (AUDIOGPT_MAX_TEXT_CHARS)")
        self.backend = app.registry.select(name, backend, settings, self.args)
        self.voices = enrolled_voice_args(self.tool, self.args, settings)
        self.files: dict[str, Any] = {}
        self.inputs: dict[str, str] = {}
        self.imported: list[Artifact] = []
        for arg, kind in self.tool.file_args().items():
            value = getattr(self.args, arg, None)
            if value in (None, "") or arg in self.voices:
                continue
            art = resolve_file(str(value), app.store, session, access=access, arg=arg,
                               imported=self.imported, kind=kind)
            self.files[arg], self.inputs[arg] = art.path, art.id
        self.transcribe = transcriber(app.registry, settings) if self.tool.voice_args else None
        self.reason: str | None = None
        if self.files and self.tool.voice_args:
            self.reason = "a reference recording is learned once per call: enroll the voice " \
                          "(voices add) to hear the first sentence sooner"
            self.parts = [" ".join(self.args.text.split())]
        else:
            self.parts = sentences(self.args.text) or [self.args.text]
        speed = float(getattr(self.args, "speed", None) or 1.0)
        #: Seconds of silence before each part: the engine's sentence pause, none before the
        #: first, a short one inside a first sentence cut after its first phrase.
        self.pauses = [0.0] + [PAUSE_S / speed] * (len(self.parts) - 1)
        lead = lead_phrase(self.parts[0]) if self.reason is None else None
        if lead is not None:
            self.parts[:1] = list(lead)
            self.pauses[1:1] = [PHRASE_PAUSE_S / speed]
        self.record: RunRecord | None = None
        self.first_audio_s: float | None = None

    def __iter__(self) -> Iterator[Piece]:
        start = time.perf_counter()
        pieces: list[Audio] = []
        meta: dict[str, Any] = {}
        data: dict[str, Any] = {}
        try:
            self.backend.ensure_loaded()
            for i, text in enumerate(self.parts, 1):
                audio, meta, data = self._speak(text)
                if pieces and audio.sample_rate != pieces[0].sample_rate:
                    audio = audio.resampled(pieces[0].sample_rate)
                pieces.append(audio)
                ready = time.perf_counter() - start
                if self.first_audio_s is None:
                    self.first_audio_s = ready
                yield Piece(i, len(self.parts), text, audio, ready)
            self.record = self._store(pieces, meta, data, time.perf_counter() - start)
        except BaseException:
            for art in self.imported:
                try:
                    self.app.store.remove(art)
                except OSError as exc:  # pragma: no cover - a read-only store
                    logger.warning("could not remove %s after a failed stream: %s", art.id, exc)
            raise

    def run(self) -> RunRecord:
        """Consume the stream and return the stored run (no pieces handed out)."""
        for _ in self:
            pass
        assert self.record is not None
        return self.record

    # ------------------------------------------------------------------ internals
    def _speak(self, text: str) -> tuple[Audio, dict[str, Any], dict[str, Any]]:
        from audiogpt.backends.base import Request

        args = self.args.model_copy(update={"text": text})
        req = Request(args=args, files=dict(self.files), settings=self.app.settings,
                      sample_rate=self.backend.sample_rate, voices=self.voices,
                      transcribe=self.transcribe)
        try:
            result = self.backend.run(req)
        except AudioGPTError:
            raise
        except Exception as exc:
            logger.debug("%s/%s failed", self.tool.name, self.backend.name, exc_info=True)
            raise BackendError(f"{self.tool.name}/{self.backend.name} failed: "
                               f"{type(exc).__name__}: {exc}") from exc
        finally:
            req.cleanup()
        out = next(o for o in result.outputs if o.kind == "audio")
        return out.value.to_mono(), dict(out.meta), dict(result.data or {})

    def _store(self, pieces: list[Audio], meta: dict[str, Any], data: dict[str, Any],
               seconds: float) -> RunRecord:
        import numpy as np

        from audiogpt.agent.runner import RunRecord
        from audiogpt.core.audio import Audio

        rate = pieces[0].sample_rate
        joined: list[np.ndarray] = []
        for audio, pause in zip(pieces, self.pauses):
            joined += [np.zeros(int(round(pause * rate)), np.float32), audio.mono]
        whole = Audio(np.concatenate(joined).astype(np.float32)[None, :], rate)
        streamed = {"pieces": len(pieces), "first_audio_s": round(self.first_audio_s or 0, 3),
                    **({"reason": self.reason} if self.reason else {})}
        arguments = {k: v for k, v in self.args.model_dump().items() if v is not None}
        arguments.update(self.inputs)
        provenance = {"tool": self.tool.name, "backend": self.backend.name,
                      "arguments": arguments, "inputs": dict(self.inputs),
                      "seconds": round(seconds, 3), "streamed": streamed,
                      **({"voices": self.voices} if self.voices else {}), **meta}
        name = "cloned" if self.tool.name == "voice_clone" else "speech"
        art = self.app.store.save_audio(whole, self.session, name, provenance)
        data = {**data, "duration_s": round(whole.duration, 3), "streamed": streamed}
        for key in ("duration", "sentences"):
            data.pop(key, None)
        text = (f"Spoke the text in {len(pieces)} piece(s) with {self.tool.name}/{self.backend.name}, "
                f"{whole.duration:.1f} s; the first was ready after "
                f"{self.first_audio_s or 0:.2f} s.")
        return RunRecord(tool=self.tool.name, backend=self.backend.name, artifacts=[art],
                         text=text, data=data, seconds=seconds, inputs=dict(self.inputs))
