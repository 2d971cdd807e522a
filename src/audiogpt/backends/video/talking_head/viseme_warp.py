"""Talking-head video: audio (+ optional portrait) -> mp4 (H.264 + AAC) lasting the audio.

Mouth shapes come from :mod:`~audiogpt.backends.video.talking_head.visemes`, the face from
:mod:`~audiogpt.backends.video.talking_head.rig`; blinks follow a Poisson process and the head moves
with smooth random roll/translation plus small nods on speech energy. Frames (25 fps, about
512 px) are piped raw into ffmpeg.
"""

from __future__ import annotations

import logging
import subprocess
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Backend, Request, module, program
from audiogpt.core.errors import BackendError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

logger = logging.getLogger(__name__)

FPS = 25
SIZE = 512


def motion(frames: int, fps: float, energy: np.ndarray, seed: int = 0) -> dict[str, np.ndarray]:
    """Blinks (0 open .. 1 closed) and head pose (roll degrees, dx/dy pixels) per frame."""
    import numpy as np

    from audiogpt.backends.dsp.curves import control

    rng = np.random.default_rng(seed)
    blink = np.zeros(frames)
    shape = np.array([0.5, 1.0, 1.0, 0.6, 0.25])
    t = rng.uniform(0.5, 2.0)
    while t < frames / fps:
        i = int(t * fps)
        seg = blink[i: i + shape.size]
        blink[i: i + seg.size] = np.maximum(seg, shape[: seg.size])
        t += max(1.2, rng.exponential(3.5))
    n = max(frames, 4)
    roll = control(n, int(fps), rng, 0.4, -1.0, 1.0)[:frames] * 2.0
    dx = control(n, int(fps), rng, 0.3, -1.0, 1.0)[:frames] * 4.0
    k = max(1, int(0.3 * fps))
    nod = np.convolve(energy, np.ones(k) / k, mode="same")[:frames]
    dy = control(n, int(fps), rng, 0.3, -1.0, 1.0)[:frames] * 2.5 + 4.0 * nod
    return {"blink": blink, "roll": roll, "dx": dx, "dy": dy}


def encode(frames: Any, width: int, height: int, fps: float, audio_path: Path,
           out_path: Path, duration: float) -> None:
    """Pipe RGB frames and the audio into ffmpeg (libx264 yuv420p + AAC), cut to ``duration``."""
    cmd = ["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s",
           f"{width}x{height}", "-r", str(fps), "-i", "-", "-i", str(audio_path),
           "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
           "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-t", f"{duration:.3f}",
           "-movflags", "+faststart", str(out_path)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for fr in frames:
            proc.stdin.write(fr.tobytes())
        proc.stdin.close()
    except BrokenPipeError:
        pass
    err = proc.stderr.read().decode(errors="replace")
    if proc.wait() != 0:
        raise BackendError(f"talking_head: ffmpeg failed: {err.strip()[:200]}")


def render(audio_path: Path, image_path: Path | None, out_path: Path, *, fps: int = FPS,
           size: int = SIZE, progress: Any = None) -> dict[str, Any]:
    """Render the talking head; returns the data describing what ran."""
    import numpy as np

    from audiogpt.backends.video.talking_head.rig import DrawnFace, PortraitRig, find_face
    from audiogpt.backends.video.talking_head.visemes import mouth_track
    from audiogpt.core.audio import Audio
    from audiogpt.core.media import Image

    audio = Audio.from_file(audio_path)
    duration = audio.duration
    frames = max(1, int(np.ceil(duration * fps)))
    data: dict[str, Any] = {"fps": fps, "frames": frames, "duration": round(duration, 3)}
    rig: Any = None
    if image_path is not None:
        img = Image.from_file(image_path).resized(size, even=True)
        geom = find_face(img.pixels)
        if geom is None:
            data["notice"] = ("no face found in the image (Haar cascade and skin-colour "
                              "search); a drawn face is used instead")
        else:
            rig = PortraitRig(img.pixels, geom)
            data["face"] = {"detector": geom.detector, "box": list(geom.box),
                            "mouth": [round(v, 1) for v in geom.mouth]}
    if rig is None:
        rig = DrawnFace(size, size)
        data["face"] = {"detector": "none (drawn face)"}
    if progress:
        progress(0.1, "aligning speech")
    track = mouth_track(audio, fps, frames)
    mov = motion(frames, fps, track.energy)
    data["mouth_method"] = track.method
    data["units_aligned"] = len(track.words)
    corr = np.corrcoef(track.open, track.energy)[0, 1] if np.std(track.open) > 0 else 0.0
    data["mouth_energy_correlation"] = round(float(corr), 3)
    data["blinks"] = int(np.sum(np.diff((mov["blink"] > 0.9).astype(int)) == 1))
    h, w = (rig.rgb.shape[:2] if isinstance(rig, PortraitRig) else (rig.h, rig.w))

    def gen() -> Any:
        for i in range(frames):
            if progress and i % 50 == 0:
                progress(0.2 + 0.8 * i / frames, f"frame {i}/{frames}")
            yield rig.frame(track.open[i], track.wide[i], mov["blink"][i], mov["roll"][i],
                            mov["dx"][i], mov["dy"][i])

    wav = out_path.with_suffix(".wav")
    audio.to_file(wav)
    encode(gen(), w, h, fps, wav, out_path, duration)
    wav.unlink(missing_ok=True)
    data["size"] = [w, h]
    return data


class VisemeTalkingHead(Backend):
    """Viseme-driven 2-D face animation encoded with ffmpeg."""

    name = "viseme_warp"
    tool = "talking_head"
    summary = ("visemes from pocketsphinx phone decoding (else energy/LPC formants); portrait "
               "jaw warp via Haar/skin face finding, or a drawn face; blinks, head motion; "
               "ffmpeg H.264/AAC")
    requires = (program("ffmpeg"), module("cv2", "core", pip="opencv-python-headless"))
    priority = 10

    def run(self, req: Request) -> ToolResult:
        from audiogpt.core.media import Image, Video

        image = req.files.get("image")
        if image is not None:
            Image.from_file(image, req.settings)  # bad image -> ToolInputError (exit 2)
        Request.audio(req, "audio", native=True)  # validate audio early
        out = req.workdir / "talking_head.mp4"
        data = render(req.files["audio"], image, out, progress=req.progress)
        video = Video.probe(out)
        data["video_duration"] = round(video.duration, 3)
        text = (f"Talking head video, {video.duration:.2f} s at {data['fps']} fps "
                f"({data['face']['detector']}; mouth from {data['mouth_method']})")
        if "notice" in data:
            text += ". Notice: " + data["notice"]
        return ToolResult(outputs=[Output("video", out, "talking_head")], text=text, data=data)
