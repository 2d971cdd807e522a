"""Optional foundation backend of speech_separation: a neural two-speaker separator (Conv-TasNet,
DPRNN-TasNet, DPTNet or SuDoRM-RF) through ``asteroid``, loaded from the local file or folder
named by ``AUDIOGPT_SEPARATION_MODEL`` (e.g. a copy of ``JorisCos/ConvTasNet_Libri2Mix_sepclean_16k``,
whose ``pytorch_model.bin`` holds the model name, arguments and weights), else the first pulled
catalog model (``audiogpt models pull convtasnet-libri2mix-16k --accept-license``); nothing is
downloaded at run time.

The package is read with ``torch.load(weights_only=True)`` (tensors and plain values only) and
the model class must be one of asteroid's separators. The mixture is downmixed to mono and
resampled to the model's rate (long inputs in overlapping 8-s windows, speakers matched from
window to window); the estimates are made mixture-consistent (the residual
``mix - sum(estimates)`` is shared equally, Wisdom et al. 2019), resampled back to the input's
rate, and ordered by when each speaker is first heard.

``speechbrain`` (SepFormer) is not used: it imports ``torchaudio`` at start, and no
``torchaudio`` release loads against the project's torch 2.13.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from audiogpt.backends.base import Backend, Request, module
from audiogpt.backends.foundation import EXTRA, device
from audiogpt.core.errors import BackendError, ToolInputError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    import numpy as np

    from audiogpt.tools.base import ToolArgs

from audiogpt.core.config import env_setting

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_SEPARATION_MODEL"
NAME = "tasnet"
EXAMPLE = "JorisCos/ConvTasNet_Libri2Mix_sepclean_16k"
WEIGHTS = "pytorch_model.bin"
CHUNK_S = 8.0
MODELS = ("ConvTasNet", "DPRNNTasNet", "DPTNet", "SuDORMRFNet", "SuDORMRFImprovedNet",
          "LSTMTasNet")
INSTALL = (f"pip install 'audiogpt[{EXTRA}]' && pip install --no-deps asteroid==0.7.0 "
           "asteroid-filterbanks==0.4.0")


def weights_file() -> Path | None:
    """The model package named by ``AUDIOGPT_SEPARATION_MODEL`` (a file, or a folder holding
    ``pytorch_model.bin``), else that of the first pulled and verified catalog model, or None."""
    from audiogpt.backends.models import store

    value = env_setting(ENV)
    if value:
        path = Path(value).expanduser()
    else:
        folder = store.model_path(NAME)
        if folder is None:
            return None
        path = folder
    path = path / WEIGHTS if path.is_dir() else path
    return path if path.is_file() else None


class AsteroidSeparation(Backend):
    """Neural two-speaker separation (asteroid Conv-TasNet family) from a local checkpoint."""

    name = NAME
    tool = "speech_separation"
    summary = ("asteroid Conv-TasNet/DPRNN two-speaker separator: `audiogpt models pull "
               f"convtasnet-libri2mix-16k --accept-license` (or a local file in {ENV})")
    requires = (module("asteroid", pip="--no-deps asteroid==0.7.0 asteroid-filterbanks==0.4.0"),
                module("asteroid_filterbanks", pip="--no-deps asteroid-filterbanks==0.4.0"),
                module("torch", EXTRA))
    priority = 20
    embedded = False
    #: speakers of each loaded checkpoint (before loading, the released sepclean models' 2).
    speakers: ClassVar[dict[str, int]] = {}

    @classmethod
    def extra_check(cls) -> str | None:
        from audiogpt.backends.models import store

        value = env_setting(ENV)
        hint = f"set {ENV} to a local {EXAMPLE} folder or its {WEIGHTS} ({INSTALL})"
        if not value:
            reason = store.model_reason(NAME)
            return None if reason is None else f"{reason}; or {hint}"
        if weights_file() is None:
            return f"{ENV}={value} is not a model file or a folder with {WEIGHTS}; {hint}"
        return None

    @classmethod
    def accepts(cls, args: ToolArgs) -> str | None:
        path = weights_file()
        n = cls.speakers.get(str(path), 2)
        wanted = int(getattr(args, "num_speakers", 2) or 2)
        if wanted != n:
            return f"the configured separator splits exactly {n} speakers, not {wanted}"
        return None

    def load(self) -> None:
        """Load the checkpoint once, on the GPU when there is one."""
        import torch
        from asteroid.models import BaseModel

        path = weights_file()
        try:
            conf = torch.load(str(path), map_location="cpu", weights_only=True)
        except Exception as exc:  # a pickle with code, or not a torch file at all
            raise BackendError(f"speech_separation/tasnet: cannot read {path.name} as an "
                               f"asteroid model package ({type(exc).__name__})") from exc
        name = conf.get("model_name") if isinstance(conf, dict) else None
        if name not in MODELS or "state_dict" not in conf or "model_args" not in conf:
            raise BackendError(f"speech_separation/tasnet: {path.name} is not an asteroid "
                               f"separator package (model_name={name!r})")
        model = BaseModel.from_pretrained(conf)
        self.device = device()
        self.model = model.to(self.device).eval()
        self.rate = int(model.sample_rate)
        self.n_src = int(conf["model_args"].get("n_src", 2))
        self.model_name = name
        self.path = str(path)
        type(self).speakers[self.path] = self.n_src
        logger.info("loaded %s (%d speakers, %d Hz) from %s on %s", name, self.n_src,
                    self.rate, path, self.device)

    def separate(self, mix: np.ndarray) -> np.ndarray:
        """Estimates (n_src, frames) of mono ``mix`` at the model's rate, mixture-consistent.

        Inputs longer than ``CHUNK_S`` go through asteroid's ``LambdaOverlapAdd``: windows of
        ``CHUNK_S`` seconds, half overlapping, Hann-weighted, each window's speakers reordered to
        match the previous one by correlation on the overlap (memory stays bounded).
        """
        import numpy as np
        import torch

        net = self.model
        window = 2 * int(CHUNK_S * self.rate / 2)
        if len(mix) > window:
            from asteroid.dsp.overlap_add import LambdaOverlapAdd

            net = LambdaOverlapAdd(self.model, self.n_src, window, window // 2, "hann",
                                   reorder_chunks=True).to(self.device)
        wav = torch.from_numpy(mix.astype(np.float32))[None, None].to(self.device)
        with torch.inference_mode():
            est = net(wav)[0].float().cpu().numpy()  # (n_src, frames')
        est = est[:, :len(mix)]
        if est.shape[1] < len(mix):
            est = np.pad(est, ((0, 0), (0, len(mix) - est.shape[1])))
        est += (mix[None, :] - est.sum(0, keepdims=True)) / est.shape[0]
        return est.astype(np.float32)

    def run(self, req: Request) -> ToolResult:
        import numpy as np

        from audiogpt.core.audio import Audio

        if str(weights_file()) != self.path:  # the variable now names another model
            self.load()
        wanted = int(req.get("num_speakers") or 2)
        if wanted != self.n_src:  # known only once a checkpoint other than 2-speaker is loaded
            raise ToolInputError(f"speech_separation/tasnet: the configured separator splits "
                                 f"exactly {self.n_src} speakers, not {wanted}; ask for "
                                 f"{self.n_src} or use --backend harmonic-mask")
        audio = req.audio("audio", native=True)
        mix = audio.to_mono().resampled(self.rate).mono.astype(np.float32)
        req.progress(0.1, f"separating with {self.model_name}")
        est = self.separate(mix)
        onsets = [_onset(e, self.rate) for e in est]
        order = sorted(range(len(est)), key=lambda k: onsets[k])
        outs: list[Output] = []
        for i, k in enumerate(order, 1):
            sig = Audio(est[k][None, :], self.rate).resampled(audio.sample_rate)
            outs.append(Output("audio", sig, f"speaker{i}", meta={"method": self.model_name}))
        data = {"method": self.model_name, "num_speakers": int(len(est)), "model": self.path,
                "model_sample_rate": self.rate, "device": self.device,
                "channels": audio.channels, "onsets": [round(onsets[k], 3) for k in order],
                "windowed": len(mix) > 2 * int(CHUNK_S * self.rate / 2)}
        return ToolResult(outputs=outs, data=data,
                          text=f"Separated {len(est)} speakers ({self.model_name}).")


def _onset(sig: np.ndarray, rate: int, frame_s: float = 0.02) -> float:
    """Seconds until a 20-ms frame first reaches a tenth of the signal's loudest frame."""
    import numpy as np

    n = max(1, int(frame_s * rate))
    frames = len(sig) // n
    if frames == 0:
        return 0.0
    energy = (sig[:frames * n].reshape(frames, n) ** 2).mean(1)
    above = np.flatnonzero(energy >= 0.1 * energy.max())
    return float(above[0] * n / rate) if len(above) else 0.0
