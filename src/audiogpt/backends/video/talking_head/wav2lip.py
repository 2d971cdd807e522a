"""talking_head with Wav2Lip: a lip-sync generator that redraws the lower half of the face in a
portrait for every 25 fps video frame from 0.2 s of speech around it.

The model is a pulled catalog checkpoint (``audiogpt models pull wav2lip-gan --accept-license``,
or ``wav2lip``; the weights are for non-commercial research use), loaded into
:mod:`~audiogpt.backends.video.talking_head.wav2lip_net` on the GPU when present, else the CPU.

Steps, as in the reference inference: the face box comes from the project's face finder
(:func:`~audiogpt.backends.video.talking_head.rig.find_face`, Haar cascade then skin colour),
extended down to take in the chin; the crop is resized to 96x96 (BGR, as the model was trained
on OpenCV frames) and its lower half zeroed, then stacked on the unmasked crop as reference.
The speech (16 kHz) becomes an 80-bin log-mel spectrogram at 80 frames per second (hop 200,
window 800, pre-emphasis 0.97, 55-7600 Hz, scaled to [-4, 4]); video frame ``i`` gets the 16 mel
frames starting at ``i * 80 / 25``. Frames are generated in batches, and each generated face is
resized back to the box and blended over the lower face with a feathered mask. ffmpeg muxes
the frames with the audio (H.264 + AAC), like the embedded backend.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, module, program
from audiogpt.core.errors import BackendError, ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

logger = logging.getLogger(__name__)

NAME = "wav2lip"
FPS = 25
SIZE = 512  # longer side of the output video, as the embedded backend
FACE = 96
MEL_RATE = 16000
MEL_FPS = 80  # mel frames per second (hop 200 at 16 kHz)
MEL_STEP = 16  # mel frames per window (0.2 s)
CHIN_PAD = 0.10  # the box is extended down by this share of its height


def mel_spectrogram(wave: np.ndarray) -> np.ndarray:
    """Wav2Lip's log-mel features of 16 kHz mono samples: ``(80, frames)`` in [-4, 4]."""
    import librosa
    import numpy as np
    from scipy.signal import lfilter

    emph = lfilter([1.0, -0.97], [1.0], wave.astype(np.float64))
    spec = np.abs(librosa.stft(y=emph, n_fft=800, hop_length=200, win_length=800))
    basis = librosa.filters.mel(sr=MEL_RATE, n_fft=800, n_mels=80, fmin=55, fmax=7600)
    db = 20.0 * np.log10(np.maximum(1e-5, basis @ spec)) - 20.0  # ref level 20 dB
    return np.clip(8.0 * (db + 100.0) / 100.0 - 4.0, -4.0, 4.0).astype(np.float32)


def mel_windows(mel: np.ndarray, frames: int) -> np.ndarray:
    """One ``(80, 16)`` window per video frame: frame ``i`` starts at mel frame ``i*80/25``;
    windows running past the end take the last 16 mel frames."""
    import numpy as np

    if mel.shape[1] < MEL_STEP:
        mel = np.pad(mel, ((0, 0), (0, MEL_STEP - mel.shape[1])), constant_values=-4.0)
    out = np.empty((frames, mel.shape[0], MEL_STEP), np.float32)
    for i in range(frames):
        start = min(int(i * MEL_FPS / FPS), mel.shape[1] - MEL_STEP)
        out[i] = mel[:, start: start + MEL_STEP]
    return out


def face_box(rgb: np.ndarray) -> tuple[tuple[int, int, int, int], str]:
    """The face box (x0, y0, x1, y1) extended down to the chin, and the detector's name.

    Raises:
        ToolInputError: No face in the portrait.
    """
    from audiogpt.backends.video.talking_head.rig import find_face

    geom = find_face(rgb)
    if geom is None:
        raise ToolInputError(f"talking_head/{NAME}: no face found in the image (Haar cascade "
                             "and skin-colour search); use --backend viseme_warp, which draws "
                             "a face")
    x, y, w, h = geom.box
    H, W = rgb.shape[:2]
    return (max(0, x), max(0, y), min(W, x + w), min(H, y + h + int(CHIN_PAD * h))), geom.detector


def blend_mask(h: int, w: int) -> np.ndarray:
    """Weights of the generated face in the box: 0 above the mouth area, 1 over the lower
    face, feathered at the edges so no seam shows."""
    import cv2
    import numpy as np

    mask = np.zeros((h, w), np.float32)
    mask[int(0.45 * h): h - max(1, h // 20), w // 12: w - w // 12] = 1.0
    k = max(3, (min(h, w) // 8) | 1)
    return cv2.GaussianBlur(mask, (k, k), 0)[..., None]


class _Model:
    """The loaded generator, kept between calls."""

    path: str | None = None
    net: Any = None
    device = "cpu"

    @classmethod
    def get(cls, path: Path) -> Any:
        from audiogpt.backends.foundation import device
        from audiogpt.backends.video.talking_head.wav2lip_net import load_generator

        if cls.path != str(path):
            dev = device()
            try:
                cls.net = load_generator(path, dev)
            except ValueError as exc:
                raise BackendError(f"talking_head/{NAME}: {path.name}: {exc}") from None
            cls.path, cls.device = str(path), dev
            logger.info("loaded Wav2Lip from %s on %s", path, dev)
        return cls.net


def checkpoint() -> Path | None:
    """The checkpoint file of the first ready catalog model of this backend."""
    from audiogpt.backends.models import store
    from audiogpt.backends.models.catalog import specs_for

    for spec in specs_for(NAME):
        st = store.status(spec.name)
        if st.ready and st.path is not None:
            return st.path / spec.files[0].path
    return None


def generate(net: Any, dev: str, crop: np.ndarray, windows: np.ndarray, batch: int,
             progress: Any = None) -> Any:
    """Yield the generated 96x96 BGR uint8 faces, one per mel window."""
    import numpy as np
    import torch

    ref = crop.astype(np.float32) / 255.0
    masked = ref.copy()
    masked[FACE // 2:] = 0.0
    face = torch.from_numpy(np.concatenate([masked, ref], axis=2).transpose(2, 0, 1)).to(dev)
    n = len(windows)
    for i in range(0, n, batch):
        if progress:
            progress(0.1 + 0.85 * i / n, f"lip-sync frame {i}/{n}")
        mel = torch.from_numpy(windows[i: i + batch][:, None]).to(dev)
        with torch.inference_mode():
            out = net(mel, face.expand(len(mel), -1, -1, -1))
        faces = (out.clamp(0, 1) * 255.0).round().byte().permute(0, 2, 3, 1).cpu().numpy()
        yield from faces


def render(audio_path: Path, image_path: Path, out_path: Path, model: Path,
           progress: Any = None) -> dict[str, Any]:
    """Lip-sync the portrait to the speech; returns the data describing what ran."""
    import cv2
    import numpy as np

    from audiogpt.backends.video.talking_head.viseme_warp import encode
    from audiogpt.core.audio import Audio
    from audiogpt.core.media import Image

    audio = Audio.from_file(audio_path)
    duration = audio.duration
    frames = max(1, int(np.ceil(duration * FPS)))
    rgb = Image.from_file(image_path).resized(SIZE, even=True).pixels
    (x0, y0, x1, y1), detector = face_box(rgb)
    net = _Model.get(model)
    dev = _Model.device
    bgr = np.ascontiguousarray(rgb[..., ::-1])
    crop = cv2.resize(bgr[y0:y1, x0:x1], (FACE, FACE), interpolation=cv2.INTER_AREA)
    windows = mel_windows(mel_spectrogram(audio.to_mono().resampled(MEL_RATE).mono), frames)
    mask = blend_mask(y1 - y0, x1 - x0)
    base = rgb[y0:y1, x0:x1].astype(np.float32)
    change = np.zeros(frames, np.float32)

    def gen() -> Any:
        for i, face in enumerate(generate(net, dev, crop, windows, 64 if dev == "cuda" else 16,
                                          progress)):
            mouth = cv2.resize(face, (x1 - x0, y1 - y0), interpolation=cv2.INTER_CUBIC)
            mouth = mouth[..., ::-1].astype(np.float32)  # back to RGB
            patch = base * (1.0 - mask) + mouth * mask
            change[i] = float(np.abs(patch - base).mean())
            frame = rgb.copy()
            frame[y0:y1, x0:x1] = np.clip(patch, 0, 255).astype(np.uint8)
            yield frame

    wav = out_path.with_suffix(".wav")
    audio.to_file(wav)
    try:
        encode(gen(), rgb.shape[1], rgb.shape[0], FPS, wav, out_path, duration)
    finally:
        wav.unlink(missing_ok=True)
    return {"method": "wav2lip", "model": str(model), "device": dev, "fps": FPS,
            "frames": frames, "duration": round(duration, 3), "size": [rgb.shape[1], rgb.shape[0]],
            "face": {"detector": detector, "box": [x0, y0, x1 - x0, y1 - y0]},
            "mel_windows": int(len(windows)),
            "mean_pixel_change": round(float(change.mean()), 2)}


class Wav2LipTalkingHead(Backend):
    """Wav2Lip lip sync on a portrait (plain PyTorch, pulled checkpoint)."""

    name = NAME
    tool = "talking_head"
    summary = ("Wav2Lip lip-sync GAN on the portrait's face (96x96 mouth region, 25 fps), "
               "non-commercial weights: `audiogpt models pull wav2lip-gan --accept-license`")
    requires = (module("torch", "foundation"), module("librosa", "foundation"),
                module("cv2", "core", pip="opencv-python-headless"), program("ffmpeg"))
    priority = 20  # above viseme_warp (10) once pulled
    embedded = False

    @classmethod
    def accepts(cls, args: Any) -> str | None:
        """Wav2Lip animates a given face: requests without ``image`` go to the next backend."""
        if getattr(args, "image", None) in (None, ""):
            return "needs a portrait (--image); viseme_warp draws a face without one"
        return None

    @classmethod
    def extra_check(cls) -> str | None:
        """Unavailable until a Wav2Lip checkpoint is pulled (the reason has the command)."""
        from audiogpt.backends.models import store

        return store.model_reason(NAME)

    def load(self) -> None:
        """Load the generator."""
        path = checkpoint()
        if path is not None:
            _Model.get(path)

    def run(self, req: Request) -> ToolResult:
        from audiogpt.core.media import Image, Video

        image = req.files["image"]  # accepts() declined requests without one
        Image.from_file(image, req.settings)  # bad image -> ToolInputError (exit 2)
        Request.audio(req, "audio", native=True)  # validate audio early
        model = checkpoint()
        if model is None:
            raise BackendError(f"talking_head/{NAME}: {store_reason()}")
        out = req.workdir / "talking_head.mp4"
        data = render(req.files["audio"], image, out, model, progress=req.progress)
        video = Video.probe(out)
        data["video_duration"] = round(video.duration, 3)
        text = (f"Lip-synced talking head (Wav2Lip), {video.duration:.2f} s at {FPS} fps "
                f"({data['face']['detector']}; {data['device']})")
        return ToolResult(outputs=[Output("video", out, "talking_head")], text=text, data=data)


def store_reason() -> str:
    """Why no checkpoint is ready (with the pull command)."""
    from audiogpt.backends.models import store

    return store.model_reason(NAME) or "no Wav2Lip checkpoint"
