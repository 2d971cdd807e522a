"""Optional foundation backend of sound_event_detection: the Audio Spectrogram Transformer
(``ASTForAudioClassification`` + ``ASTFeatureExtractor``) from the local folder named by
``AUDIOGPT_AST_MODEL`` (e.g. ``MIT/ast-finetuned-audioset-10-10-0.4593``, 527 AudioSet
labels); nothing is downloaded.

AST classifies one clip of ``max_length`` frames (10.24 s for the AudioSet checkpoints). The
recording is scanned with overlapping windows (hop = a quarter window); each time bin gets
the mean class scores of the windows covering it. The classes that score highest anywhere
become the rows of the posteriorgram, and hysteresis thresholds (the embedded backend's
``segments``) turn each row into events ``{label, start, end, score}`` named by the model's
``id2label``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Request
from audiogpt.backends.foundation import FoundationBackend, to_device
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_AST_MODEL"
EXAMPLE = "MIT/ast-finetuned-audioset-10-10-0.4593"
RATE = 16000
TOP_K = 10
ON, OFF = 0.3, 0.15
BATCH = 8


@dataclass
class ClassTrack:
    """Scores on a time grid (the shape ``sed.posteriorgram_png`` draws)."""

    probs: np.ndarray
    hop_s: float
    classes: tuple[str, ...]

    def row(self, name: str) -> np.ndarray:
        """The scores of one class."""
        return self.probs[self.classes.index(name)]


def window_starts(n: int, win: int, hop: int) -> list[int]:
    """Window start samples covering ``n`` samples; the last window ends at the end."""
    if n <= win:
        return [0]
    starts = list(range(0, n - win, hop))
    return [*starts, n - win]


def bin_scores(window_scores: np.ndarray, starts: list[int], win: int, hop: int,
               n: int) -> np.ndarray:
    """Mean scores of the windows covering each hop-sized bin's centre -> (classes, bins)."""
    import numpy as np

    bins = max(1, int(np.ceil(n / hop)))
    total = np.zeros((window_scores.shape[1], bins), np.float64)
    count = np.zeros(bins)
    centres = (np.arange(bins) + 0.5) * hop
    for s, scores in zip(starts, window_scores, strict=True):
        cover = (centres >= s) & (centres < s + win)
        total[:, cover] += scores[:, None]
        count[cover] += 1
    count[count == 0] = 1
    return (total / count).astype(np.float32)


class ASTSED(FoundationBackend):
    """Audio Spectrogram Transformer tagging over sliding windows."""

    name = "ast"
    tool = "sound_event_detection"
    summary = f"Audio Spectrogram Transformer (transformers), local weights from {ENV}"
    sample_rate = RATE
    env = ENV
    example = EXAMPLE

    def load(self) -> None:
        """Load the feature extractor and classifier once."""
        from transformers import ASTFeatureExtractor, ASTForAudioClassification

        path = self.model_folder()
        self.path = str(path)
        self.extractor = ASTFeatureExtractor.from_pretrained(path)
        model = ASTForAudioClassification.from_pretrained(path)
        self.model, self.device = to_device(model)
        self.labels = [self.model.config.id2label[i]
                       for i in range(self.model.config.num_labels)]
        self.single_label = self.model.config.problem_type == "single_label_classification"
        self.window_s = self.extractor.max_length * 0.01  # Kaldi fbank: 10 ms frame shift
        logger.info("loaded AST from %s on %s (%d labels, %.2f s windows)", path, self.device,
                    len(self.labels), self.window_s)

    def score_windows(self, samples: np.ndarray, progress: Any = None
                      ) -> tuple[np.ndarray, list[int], int, int]:
        """Class scores of each window of 16 kHz mono ``samples``.

        Returns:
            (scores (windows, labels), window starts, window and hop lengths in samples).
        """
        import numpy as np
        import torch

        win = round(self.window_s * RATE)
        hop = max(1, win // 4)
        starts = window_starts(len(samples), win, hop)
        out = []
        for i in range(0, len(starts), BATCH):
            clips = [samples[s:s + win] for s in starts[i:i + BATCH]]
            feats = self.extractor(clips, sampling_rate=RATE, return_tensors="pt")
            with torch.inference_mode():
                logits = self.model(feats["input_values"].to(self.device)).logits.float()
            probs = logits.softmax(-1) if self.single_label else logits.sigmoid()
            out.append(probs.cpu().numpy())
            if progress:
                progress(min(1.0, (i + BATCH) / len(starts)), "scoring windows")
        return np.concatenate(out), starts, win, hop

    def analyze(self, samples: np.ndarray, progress: Any = None) -> ClassTrack:
        """The top classes' scores on a hop-sized time grid."""
        import numpy as np

        scores, starts, win, hop = self.score_windows(samples, progress)
        grid = bin_scores(scores, starts, win, hop, len(samples))
        peak = grid.max(axis=1)
        top = [int(i) for i in np.argsort(-peak, kind="stable")[:TOP_K]]
        return ClassTrack(grid[top], hop / RATE, tuple(self.labels[i] for i in top))

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.sound.events.features_backend import (
            posteriorgram_png,
            segments,
            summarize,
        )

        if str(self.model_folder()) != self.path:  # the variable now names another model
            self.load()
        audio = req.audio("audio").to_mono()
        track = self.analyze(audio.samples[0], req.progress)
        evs = []
        for label in track.classes:
            for s, e, score in segments(track.row(label), track.hop_s, ON, OFF,
                                        gap_s=track.hop_s * 1.5, min_s=track.hop_s):
                evs.append({"label": label, "start": round(s, 3),
                            "end": round(min(e, audio.duration), 3), "score": round(score, 3)})
        evs.sort(key=lambda ev: (ev["start"], -ev["score"]))
        png = posteriorgram_png(track, req.workdir / "posteriorgram.png", evs,  # type: ignore[arg-type]
                                title="AST class scores")
        clip = [{"label": lab, "score": round(float(track.row(lab).max()), 3)}
                for lab in track.classes]
        data = {"events": evs, "classes": list(track.classes), "hop_s": round(track.hop_s, 4),
                "window_s": round(self.window_s, 3), "method": "ast", "model": self.path,
                "duration": round(audio.duration, 3), "top_labels": clip}
        return ToolResult(outputs=[Output("image", png, "posteriorgram")],
                          text=summarize(evs), data=data)
