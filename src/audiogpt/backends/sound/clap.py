"""Foundation backends of sound_event_detection and target_sound_detection: LAION CLAP
(``ClapModel`` + ``ClapProcessor`` through transformers), zero-shot.

CLAP embeds audio and text in one space. The recording is cut into overlapping windows
(at most 3 s, hop a quarter window; short windows are repeat-padded by the processor); each
window's embedding is compared with the embeddings of text prompts ("This is a sound of
{label}.", the prompt LAION's zero-shot results use).

* sound_event_detection: a softmax over the label vocabulary per window; each time bin gets
  the mean of the windows covering it; the labels that score highest anywhere become the
  posteriorgram's rows and hysteresis turns them into events.
* target_sound_detection: the target text competes with a few contrasting labels (softmax);
  an example clip is matched by cosine similarity between its embedding and each window's.

The model is the pulled catalog model (``audiogpt models pull clap-htsat-unfused``) or the
folder in ``AUDIOGPT_CLAP_MODEL``; it runs on the GPU when there is one.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from audiogpt.backends.base import Request
from audiogpt.backends.foundation import FoundationBackend, model_dir, to_device
from audiogpt.core.errors import ToolInputError
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_CLAP_MODEL"
EXAMPLE = "laion/clap-htsat-unfused"
PROMPT = "This is a sound of {}."
MAX_WINDOW_S = 3.0
TOP_K = 8
SED_ON, SED_OFF = 0.3, 0.15
TSD_ON, TSD_OFF = 0.5, 0.35
BATCH = 16

#: Zero-shot vocabulary of sound_event_detection (AudioSet class names).
LABELS = (
    "Speech", "Conversation", "Whispering", "Laughter", "Baby cry", "Shout", "Singing",
    "Choir", "Music", "Piano", "Guitar", "Violin", "Drum", "Trumpet", "Flute", "Electronic music",
    "Dog", "Cat", "Bird", "Rooster", "Cow", "Horse", "Insect", "Frog", "Applause",
    "Clapping", "Footsteps", "Knock", "Door", "Typing", "Keys jangling", "Telephone",
    "Alarm clock", "Siren", "Bell", "Whistle", "Car", "Motorcycle", "Truck", "Train",
    "Aircraft", "Helicopter", "Traffic noise", "Car horn", "Engine", "Rain", "Thunder",
    "Wind", "Stream", "Ocean waves", "Fire crackling", "Water tap", "Toilet flush",
    "Vacuum cleaner", "Microwave oven", "Blender", "Explosion", "Gunshot", "Glass breaking",
    "Crowd", "Silence", "White noise", "Hum", "Beep",
)
#: Labels a text target competes with in target_sound_detection.
CONTRAST = ("Silence", "White noise", "Speech", "Music", "Traffic noise", "Wind", "Crowd",
            "Footsteps")


class ClapEngine:
    """A CLAP model from a folder: windowed audio embeddings and text embeddings."""

    def __init__(self, path: Path) -> None:
        from transformers import ClapModel, ClapProcessor

        self.path = path
        self.processor = ClapProcessor.from_pretrained(path)
        self.model, self.device = to_device(ClapModel.from_pretrained(path))
        fe = self.processor.feature_extractor
        self.rate = int(fe.sampling_rate)
        self.window_s = min(MAX_WINDOW_S, fe.nb_max_samples / self.rate)
        self.scale = float(self.model.logit_scale_a.exp().item())
        self._text: dict[str, Any] = {}
        logger.info("loaded CLAP from %s on %s (%.2f s windows)", path, self.device,
                    self.window_s)

    @staticmethod
    def _vectors(out: Any) -> Any:
        """Unit-norm embeddings from a tensor or a model output (transformers 4 or 5)."""
        emb = out if hasattr(out, "norm") else out.pooler_output
        return (emb / emb.norm(dim=-1, keepdim=True).clamp_min(1e-12)).float().cpu().numpy()

    def text(self, labels: list[str]) -> Any:
        """Unit embeddings (labels, dim) of the prompts of ``labels`` (cached)."""
        import numpy as np
        import torch

        todo = [lab for lab in labels if lab not in self._text]
        if todo:
            inputs = self.processor(text=[PROMPT.format(lab) for lab in todo],
                                    return_tensors="pt", padding=True)
            with torch.inference_mode():
                out = self.model.get_text_features(**inputs.to(self.device))
            for lab, vec in zip(todo, self._vectors(out), strict=True):
                self._text[lab] = vec
        return np.stack([self._text[lab] for lab in labels])

    def audio(self, clips: list[Any]) -> Any:
        """Unit embeddings (clips, dim) of mono clips at ``self.rate``."""
        import numpy as np
        import torch

        out = []
        for i in range(0, len(clips), BATCH):
            inputs = self.processor(audio=clips[i:i + BATCH], sampling_rate=self.rate,
                                    return_tensors="pt")
            with torch.inference_mode():
                res = self.model.get_audio_features(**inputs.to(self.device))
            out.append(self._vectors(res))
        return np.concatenate(out)

    def windows(self, samples: Any, progress: Any = None) -> tuple[Any, list[int], int, int]:
        """Embeddings of overlapping windows: (embeddings, starts, window, hop) in samples."""
        from audiogpt.backends.sound.events.ast_model import window_starts

        win = round(self.window_s * self.rate)
        hop = max(1, win // 4)
        starts = window_starts(len(samples), win, hop)
        if progress:
            progress(0.1, f"embedding {len(starts)} windows")
        return self.audio([samples[s:s + win] for s in starts]), starts, win, hop


_ENGINES: dict[str, ClapEngine] = {}
_ENGINES_LOCK = threading.Lock()


def engine(path: Path) -> ClapEngine:
    """The CLAP engine of ``path``, loaded once per process (shared by both tools)."""
    with _ENGINES_LOCK:
        key = str(path)
        if key not in _ENGINES:
            _ENGINES[key] = ClapEngine(path)
        return _ENGINES[key]


def softmax(x: Any) -> Any:
    """Row-wise softmax."""
    import numpy as np

    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


class _Clap(FoundationBackend):
    env = ENV
    example = EXAMPLE
    sample_rate = 48000

    def load(self) -> None:
        self.engine = engine(model_dir(ENV, "clap"))

    def current(self) -> ClapEngine:
        """The engine of the model configured now (the variable may name another)."""
        path = model_dir(ENV, "clap")
        if path is not None and path != self.engine.path:
            self.engine = engine(path)
        return self.engine


class ClapSED(_Clap):
    """Zero-shot sound event detection over sliding windows."""

    name = "clap"
    tool = "sound_event_detection"
    summary = ("LAION CLAP zero-shot tagging over time (transformers): "
               "`audiogpt models pull clap-htsat-unfused`")

    def run(self, req: Request) -> ToolResult:
        import numpy as np

        from audiogpt.backends.sound.events.ast_model import ClassTrack, bin_scores
        from audiogpt.backends.sound.events.features_backend import (
            posteriorgram_png,
            segments,
            summarize,
        )

        eng = self.current()
        audio = req.audio("audio").to_mono()
        emb, starts, win, hop = eng.windows(audio.samples[0], req.progress)
        probs = softmax(eng.scale * emb @ eng.text(list(LABELS)).T)
        grid = bin_scores(probs, starts, win, hop, audio.frames)
        top = [int(i) for i in np.argsort(-grid.max(axis=1), kind="stable")[:TOP_K]]
        track = ClassTrack(grid[top], hop / eng.rate, tuple(LABELS[i] for i in top))
        evs = []
        for label in track.classes:
            for s, e, score in segments(track.row(label), track.hop_s, SED_ON, SED_OFF,
                                        gap_s=track.hop_s * 1.5, min_s=track.hop_s):
                evs.append({"label": label, "start": round(float(s), 3),
                            "end": round(float(min(e, audio.duration)), 3),
                            "score": round(float(score), 3)})
        evs.sort(key=lambda ev: (ev["start"], -ev["score"]))
        png = posteriorgram_png(track, req.workdir / "posteriorgram.png", evs,  # type: ignore[arg-type]
                                title="CLAP zero-shot label scores")
        data = {"events": evs, "classes": list(track.classes), "hop_s": round(track.hop_s, 4),
                "window_s": round(eng.window_s, 3), "method": "clap-zero-shot",
                "model": str(eng.path), "vocabulary": len(LABELS),
                "duration": round(audio.duration, 3),
                "top_labels": [{"label": lab, "score": round(float(track.row(lab).max()), 3)}
                               for lab in track.classes]}
        return ToolResult(outputs=[Output("image", png, "posteriorgram")],
                          text=summarize(evs), data=data)


class ClapTSD(_Clap):
    """Text-queried (or example-queried) target sound detection."""

    name = "clap"
    tool = "target_sound_detection"
    summary = ("LAION CLAP: any text target (zero-shot) or an example clip (embedding "
               "similarity): `audiogpt models pull clap-htsat-unfused`")

    def run(self, req: Request) -> ToolResult:
        import numpy as np

        from audiogpt.backends.sound.events.ast_model import bin_scores
        from audiogpt.backends.sound.events.features_backend import segments

        eng = self.current()
        target = str(req.get("target")).strip()
        example = req.has("target")  # an example clip the runner imported (never opened here)
        audio = req.audio("audio").to_mono()
        emb, starts, win, hop = eng.windows(audio.samples[0], req.progress)
        if example:
            ex = req.audio("target").to_mono().resampled(eng.rate)
            if ex.duration > audio.duration:
                raise ToolInputError(
                    f"target_sound_detection: the example ({ex.duration:.2f} s) is longer "
                    f"than the audio ({audio.duration:.2f} s)")
            sim = emb @ eng.audio([ex.samples[0][:win]])[0]
            best = float(sim.max())
            on = max(0.5, best - 0.1)
            score, method = sim, "clap-example"
            what = f"the example sound ({Path(req.files['target']).name})"
            off = on - 0.1
        else:
            others = [c for c in CONTRAST if c.lower() not in target.lower()
                      and target.lower() not in c.lower()]
            score = softmax(eng.scale * emb @ eng.text([target, *others]).T)[:, 0]
            on, off, method, what = TSD_ON, TSD_OFF, "clap-text", target
        grid = bin_scores(score[:, None], starts, win, hop, audio.frames)[0]
        hop_s = hop / eng.rate
        segs = [{"start": round(float(s), 3), "end": round(float(min(e, audio.duration)), 3),
                 "score": round(float(p), 3)}
                for s, e, p in segments(grid, hop_s, on, off, gap_s=hop_s * 1.5, min_s=hop_s)]
        data = {"segments": segs, "method": method, "target": target, "model": str(eng.path),
                "best_score": round(float(np.max(grid)), 3), "hop_s": round(hop_s, 4)}
        times = ", ".join(f"{s['start']:.2f}-{s['end']:.2f} s" for s in segs[:10])
        text = (f"Found {what} {len(segs)} time(s): {times}" if segs
                else f"Did not find {what} in the audio.")
        return ToolResult(outputs=[], text=text, data=data)
