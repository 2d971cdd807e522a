"""The Wav2Lip generator (Prajwal et al., "A Lip Sync Expert Is All You Need for Speech to Lip
Generation In the Wild", ACM MM 2020) in plain PyTorch, with the parameter names of the
released ``wav2lip.pth`` / ``wav2lip_gan.pth`` checkpoints so their state dicts load as is.

Inputs: a mel window ``(B, 1, 80, 16)`` (0.2 s of audio) and a face ``(B, 6, 96, 96)``: the
crop with its lower half zeroed, stacked on an unmasked reference crop, BGR in [0, 1]. The
face encoder halves the resolution six times down to 1x1; the audio encoder reduces the mel
window to a 512-d vector; the decoder upsamples it back to 96x96 while concatenating the face
features of the same scale (U-Net skips), and a sigmoid gives the BGR face.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn


class ConvBlock(nn.Module):
    """Conv (or transposed conv) + batch norm + ReLU, optionally with an identity skip."""

    def __init__(self, cin: int, cout: int, kernel: int, stride: Any, padding: int,
                 residual: bool = False, transpose: bool = False, output_padding: int = 0
                 ) -> None:
        super().__init__()
        conv = (nn.ConvTranspose2d(cin, cout, kernel, stride, padding, output_padding)
                if transpose else nn.Conv2d(cin, cout, kernel, stride, padding))
        self.conv_block = nn.Sequential(conv, nn.BatchNorm2d(cout))
        self.act = nn.ReLU()
        self.residual = residual

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply the block."""
        out = self.conv_block(x)
        return self.act(out + x if self.residual else out)


def _stage(cin: int, cout: int, stride: Any, repeats: int, kernel: int = 3,
           padding: int = 1) -> nn.Sequential:
    """A down-sampling conv followed by ``repeats`` residual 3x3 convs at ``cout`` channels."""
    layers = [ConvBlock(cin, cout, kernel, stride, padding)]
    layers += [ConvBlock(cout, cout, 3, 1, 1, residual=True) for _ in range(repeats)]
    return nn.Sequential(*layers)


def _up(cin: int, cout: int, repeats: int, stride: int = 2, padding: int = 1,
        output_padding: int = 1) -> nn.Sequential:
    """A transposed conv (x2 unless told) followed by ``repeats`` residual 3x3 convs."""
    layers = [ConvBlock(cin, cout, 3, stride, padding, transpose=True,
                        output_padding=output_padding)]
    layers += [ConvBlock(cout, cout, 3, 1, 1, residual=True) for _ in range(repeats)]
    return nn.Sequential(*layers)


class Wav2Lip(nn.Module):
    """The Wav2Lip generator for 96x96 faces.

    Args:
        width: Channel multiplier (1.0 is the released model; the tests build narrower ones).
    """

    def __init__(self, width: float = 1.0) -> None:
        super().__init__()
        self.width = width

        def c(n: int) -> int:
            return max(1, int(round(n * width)))

        self.face_encoder_blocks = nn.ModuleList([
            nn.Sequential(ConvBlock(6, c(16), 7, 1, 3)),  # 96
            _stage(c(16), c(32), 2, 2),  # 48
            _stage(c(32), c(64), 2, 3),  # 24
            _stage(c(64), c(128), 2, 2),  # 12
            _stage(c(128), c(256), 2, 2),  # 6
            _stage(c(256), c(512), 2, 1),  # 3
            nn.Sequential(ConvBlock(c(512), c(512), 3, 1, 0), ConvBlock(c(512), c(512), 1, 1, 0)),  # 1
        ])
        self.audio_encoder = nn.Sequential(
            *_stage(1, c(32), 1, 2),  # 80 x 16
            *_stage(c(32), c(64), (3, 1), 2),  # 27 x 16
            *_stage(c(64), c(128), 3, 2),  # 9 x 6
            *_stage(c(128), c(256), (3, 2), 1),  # 3 x 3
            ConvBlock(c(256), c(512), 3, 1, 0),  # 1 x 1
            ConvBlock(c(512), c(512), 1, 1, 0),
        )
        self.face_decoder_blocks = nn.ModuleList([
            nn.Sequential(ConvBlock(c(512), c(512), 1, 1, 0)),  # 1
            _up(c(1024), c(512), 1, stride=1, padding=0, output_padding=0),  # 3
            _up(c(1024), c(512), 2),  # 6
            _up(c(768), c(384), 2),  # 12
            _up(c(512), c(256), 2),  # 24
            _up(c(320), c(128), 2),  # 48
            _up(c(160), c(64), 2),  # 96
        ])
        self.output_block = nn.Sequential(ConvBlock(c(80), c(32), 3, 1, 1),
                                          nn.Conv2d(c(32), 3, kernel_size=1), nn.Sigmoid())

    def forward(self, mel: torch.Tensor, face: torch.Tensor) -> torch.Tensor:
        """Generate faces.

        Args:
            mel: ``(B, 1, 80, 16)`` normalised log-mel windows.
            face: ``(B, 6, 96, 96)`` masked crop + reference crop, BGR in [0, 1].

        Returns:
            ``(B, 3, 96, 96)`` BGR faces in [0, 1].
        """
        skips = []
        x = face
        for block in self.face_encoder_blocks:
            x = block(x)
            skips.append(x)
        x = self.audio_encoder(mel)
        for block in self.face_decoder_blocks:
            x = torch.cat((block(x), skips.pop()), dim=1)
        return self.output_block(x)


def load_generator(path: Any, device: str = "cpu") -> Wav2Lip:
    """Build the generator and load a released checkpoint (``{"state_dict": ...}`` or a bare
    state dict; the ``module.`` prefix of DataParallel training is stripped).

    Raises:
        ValueError: The file is not a Wav2Lip generator checkpoint (missing/unexpected keys or
            wrong shapes).
    """
    ckpt = torch.load(path, map_location="cpu", weights_only=True)
    state = ckpt.get("state_dict", ckpt) if isinstance(ckpt, dict) else None
    if not isinstance(state, dict):
        raise ValueError("not a Wav2Lip checkpoint (no state dict)")
    state = {k.removeprefix("module."): v for k, v in state.items()}
    first = state.get("face_encoder_blocks.0.0.conv_block.0.weight")
    if first is None:
        raise ValueError("not a Wav2Lip generator checkpoint (no face encoder)")
    net = Wav2Lip(width=first.shape[0] / 16)
    try:
        net.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        first = str(exc).strip().splitlines()[0][:160]
        raise ValueError(f"not a Wav2Lip generator checkpoint: {first}") from exc
    return net.to(device).eval()
