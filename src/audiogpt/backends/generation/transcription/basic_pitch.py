"""music_transcription backend: Spotify's basic-pitch (Bittner et al. 2022) on onnxruntime.

The ONNX export of the ICASSP 2022 model ships in the ``basic-pitch`` wheel (installed with
``--no-deps``: its metadata pins TensorFlow, which is not needed); it is sha256-checked and run
with onnxruntime on 2 s windows (22.05 kHz, 30 overlapping frames, as upstream). Notes come from
the model's onset/frame/contour posteriors through upstream ``note_creation`` (onset 0.5,
frame 0.3, minimum note 127.7 ms, Melodia trick). Outputs: a MIDI file, the notes, and a
piano-roll image.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, module
from audiogpt.backends.pinned import PinnedFile
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

    from audiogpt.core.audio import Audio

logger = logging.getLogger(__name__)

RATE = 22050
FFT_HOP = 256
WINDOW = 43844  # AUDIO_N_SAMPLES: 2 s at 22050 Hz minus one hop
OVERLAP_FRAMES = 30
FPS = 86  # ANNOTATIONS_FPS
ONSET_THRESHOLD = 0.5
FRAME_THRESHOLD = 0.3
MIN_NOTE_MS = 127.7
INSTALL = "pip install --no-deps basic-pitch && pip install resampy mir_eval pretty_midi"
MODEL = PinnedFile("basic_pitch", "saved_models/icassp_2022/nmp.onnx",
                   "2c3c1d144bfa61ad236e92e169c13535c880469a12a047d4e73451f2c059a0ec", INSTALL)
NOTE_NAMES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")

_LOCK = threading.Lock()
_SESSION: list = []


def note_name(midi: int) -> str:
    """Scientific pitch name of a MIDI note number (60 -> C4)."""
    return f"{NOTE_NAMES[midi % 12]}{midi // 12 - 1}"


def _session():
    with _LOCK:
        if not _SESSION:
            import onnxruntime

            opts = onnxruntime.SessionOptions()
            opts.intra_op_num_threads = 2
            opts.inter_op_num_threads = 1
            _SESSION.append(onnxruntime.InferenceSession(
                str(MODEL.checked_path()), sess_options=opts,
                providers=["CPUExecutionProvider"]))
        return _SESSION[0]


def posteriors(y: np.ndarray) -> dict[str, np.ndarray]:
    """Model posteriors (frames at 86 fps) of a mono 22.05 kHz signal: note, onset, contour."""
    import numpy as np

    sess = _session()
    overlap = OVERLAP_FRAMES * FFT_HOP
    hop = WINDOW - overlap
    x = np.concatenate([np.zeros(overlap // 2, np.float32), y.astype(np.float32)])
    outs: dict[str, list[np.ndarray]] = {"note": [], "onset": [], "contour": []}
    for i in range(0, x.size, hop):
        win = x[i:i + WINDOW]
        win = np.pad(win, (0, WINDOW - win.size))[None, :, None]
        note, onset, contour = sess.run(
            ["StatefulPartitionedCall:1", "StatefulPartitionedCall:2",
             "StatefulPartitionedCall:0"], {"serving_default_input_2:0": win})
        outs["note"].append(note)
        outs["onset"].append(onset)
        outs["contour"].append(contour)
    n_frames = int(np.floor(y.size * FPS / RATE))
    half = OVERLAP_FRAMES // 2
    result = {}
    for k, v in outs.items():
        arr = np.concatenate(v)[:, half:-half, :]
        result[k] = arr.reshape(-1, arr.shape[-1])[:n_frames]
    return result


def _note_creation():
    """Import upstream note_creation quietly (basic_pitch's __init__ logs runtime warnings)."""
    import warnings

    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from basic_pitch import note_creation
    finally:
        logging.disable(previous)
    return note_creation


def transcribe(audio: Audio, midi_path: Path) -> list[dict[str, Any]]:
    """Transcribe to notes and write a MIDI file.

    Returns:
        Notes sorted by start: {pitch (MIDI number), name, start, end (s), velocity (1-127)}.
    """
    import numpy as np

    a = audio.to_mono()
    a = a.resampled(RATE) if a.sample_rate != RATE else a
    post = posteriors(a.samples[0])
    nc = _note_creation()
    min_len = int(np.round(MIN_NOTE_MS / 1000 * (RATE / FFT_HOP)))
    midi, events = nc.model_output_to_notes(
        post, onset_thresh=ONSET_THRESHOLD, frame_thresh=FRAME_THRESHOLD, min_note_len=min_len,
        melodia_trick=True, midi_tempo=120)
    midi_path.parent.mkdir(parents=True, exist_ok=True)
    midi.write(str(midi_path))
    notes = [{"pitch": int(p), "name": note_name(int(p)), "start": round(float(s), 3),
              "end": round(float(e), 3), "velocity": int(np.clip(round(127 * float(amp)), 1, 127))}
             for s, e, p, amp, _ in events]
    return sorted(notes, key=lambda n: (n["start"], n["pitch"]))


def piano_roll_png(notes: list[dict[str, Any]], duration: float, path: Path) -> Path:
    """Draw the notes as a piano roll (time x MIDI pitch, shade = velocity)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 3.6))
    cmap = plt.get_cmap("viridis")
    for n in notes:
        ax.broken_barh([(n["start"], n["end"] - n["start"])], (n["pitch"] - 0.4, 0.8),
                       color=cmap(n["velocity"] / 127))
    if notes:
        lo = min(n["pitch"] for n in notes) - 2
        hi = max(n["pitch"] for n in notes) + 2
        ax.set_ylim(lo, hi)
        ticks = [p for p in range(lo, hi + 1) if p % 12 in (0, 4, 7)]
        ax.set_yticks(ticks)
        ax.set_yticklabels([note_name(p) for p in ticks])
    ax.set_xlim(0, max(duration, 0.1))
    ax.set_xlabel("time (s)")
    ax.set_ylabel("pitch")
    ax.set_title(f"piano roll — {len(notes)} notes")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


class BasicPitchTranscription(Backend):
    """basic-pitch ONNX model on onnxruntime + upstream note creation."""

    name = "basic-pitch"
    tool = "music_transcription"
    summary = "Spotify basic-pitch (ICASSP 2022) ONNX model on onnxruntime -> notes + MIDI"
    requires = (module("basic_pitch", pip="--no-deps basic-pitch"),
                module("onnxruntime", "generation"), module("pretty_midi", "generation"),
                module("mir_eval", "generation"), module("resampy", "generation"),
                module("librosa", "generation"))
    priority = 10

    @classmethod
    def extra_check(cls) -> str | None:
        return MODEL.problem()

    def run(self, req: Request) -> ToolResult:
        from audiogpt.core.errors import ToolInputError

        audio = req.audio("audio")
        if audio.duration < 0.2:
            raise ToolInputError("music_transcription: the audio is shorter than 0.2 s")
        req.progress(0.1, "transcribing")
        midi_path = req.workdir / "notes.mid"
        notes = transcribe(audio, midi_path)
        png = piano_roll_png(notes, audio.duration, req.workdir / "piano_roll.png")
        data = {"notes": notes, "num_notes": len(notes),
                "pitch_range": ([note_name(min(n["pitch"] for n in notes)),
                                 note_name(max(n["pitch"] for n in notes))] if notes else None),
                "method": "basic-pitch ICASSP 2022 (ONNX), onset 0.5, frame 0.3, min 127.7 ms"}
        if notes:
            first = ", ".join(n["name"] for n in notes[:8])
            text = (f"Transcribed {len(notes)} notes ({data['pitch_range'][0]}-"
                    f"{data['pitch_range'][1]}); first notes: {first}.")
        else:
            text = "No notes were found in the audio."
        return ToolResult(outputs=[Output("midi", midi_path, "notes", ext=".mid"),
                                   Output("image", png, "piano_roll")], text=text, data=data)
