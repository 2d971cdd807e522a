"""A small BERT encoder in plain torch for the packaged all-MiniLM-L6-v2.

``transformers.AutoModel`` pulls in torch._dynamo, torch.distributed and the generation stack
on import (several seconds on a small machine) for what is a 6-layer post-LayerNorm BERT.
This module loads the same ``model.safetensors`` weights and the same ``tokenizer.json``
(with the light ``tokenizers`` package) and runs the standard BERT forward pass; the
planner's embeddings then need only ``torch``, ``tokenizers`` and ``safetensors``.
Equality with the ``transformers``/SentenceTransformer vectors is checked in the tests.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


class BertEncoder:
    """BERT (absolute positions, GELU, post-LN) forward pass over safetensors weights.

    Args:
        path: Model folder with ``config.json``, ``model.safetensors``, ``tokenizer.json``.
        max_tokens: Truncation length (the model's ``max_seq_length``).
    """

    def __init__(self, path: Path, max_tokens: int = 256) -> None:
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        cfg = json.loads((path / "config.json").read_text())
        if cfg.get("model_type") != "bert" or cfg.get("position_embedding_type",
                                                       "absolute") != "absolute":
            raise ValueError(f"not a plain BERT model: {cfg.get('model_type')}")
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        self.w = {k.removeprefix("bert."): v for k, v in
                  load_file(str(path / "model.safetensors")).items()}
        # Fused per-layer query/key/value projection (one matmul instead of three) and the
        # position + token-type embeddings summed once: same arithmetic, fewer kernel calls.
        import torch

        for i in range(self.layers):
            p = f"encoder.layer.{i}.attention.self"
            self.w[f"{p}.qkv.weight"] = torch.cat([self.w[f"{p}.{n}.weight"] for n in ("query", "key", "value")])
            self.w[f"{p}.qkv.bias"] = torch.cat([self.w[f"{p}.{n}.bias"] for n in ("query", "key", "value")])
        self.w["embeddings.base"] = (self.w["embeddings.position_embeddings.weight"]
                                     + self.w["embeddings.token_type_embeddings.weight"][0])
        self.tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tok.enable_truncation(max_length=max_tokens)
        self.tok.enable_padding(pad_id=int(cfg.get("pad_token_id", 0)))

    def _ln(self, x: Any, name: str) -> Any:
        import torch

        return torch.nn.functional.layer_norm(x, x.shape[-1:], self.w[f"{name}.weight"],
                                              self.w[f"{name}.bias"], self.eps)

    def _lin(self, x: Any, name: str) -> Any:
        import torch

        return torch.nn.functional.linear(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"])

    def forward(self, ids: Any, mask: Any) -> Any:
        """Last hidden states (batch, tokens, hidden) for token ids and attention mask."""
        import torch

        w = self.w
        n, t = ids.shape
        x = self._ln(w["embeddings.word_embeddings.weight"][ids] + w["embeddings.base"][:t],
                     "embeddings.LayerNorm")
        hd = x.shape[-1] // self.heads
        # One unpadded sentence needs no mask (the planner's case); a batch masks its padding.
        bias = None if bool(mask.all()) else \
            (1.0 - mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min

        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            qkv = self._lin(x, f"{p}.attention.self.qkv").view(n, t, 3, self.heads, hd)
            q, k, v = qkv.permute(2, 0, 3, 1, 4).unbind(0)
            ctx = torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=bias)
            ctx = ctx.transpose(1, 2).reshape(n, t, -1)
            x = self._ln(x + self._lin(ctx, f"{p}.attention.output.dense"),
                         f"{p}.attention.output.LayerNorm")
            h = torch.nn.functional.gelu(self._lin(x, f"{p}.intermediate.dense"))
            x = self._ln(x + self._lin(h, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        return x

    def encode(self, texts: list[str], batch_size: int = 64) -> Any:
        """Mean-pooled (attention mask), L2-normalised embeddings as numpy float32."""
        import numpy as np
        import torch

        out = []
        for i in range(0, len(texts), batch_size):
            enc = self.tok.encode_batch(texts[i:i + batch_size])
            ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
            mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
            with torch.inference_mode():
                hidden = self.forward(ids, mask)
            m = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
            out.append(torch.nn.functional.normalize(pooled, p=2, dim=1).numpy())
        return np.concatenate(out) if out else np.zeros((0, 384), dtype=np.float32)
