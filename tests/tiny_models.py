"""Tiny randomly initialised foundation models, built from configs (weights cannot be
downloaded here). Their outputs are noise; they exercise loading and inference code."""

from __future__ import annotations

import json
from pathlib import Path


def byte_bpe_vocab(d: Path, specials: list[str]) -> tuple[Path, Path]:
    """A byte-level BPE vocabulary (the 256 byte symbols, no merges) after ``specials``."""
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    vocab = {s: i for i, s in enumerate(specials)}
    for c in bytes_to_unicode().values():
        vocab.setdefault(c, len(vocab))
    (d / "vocab.json").write_text(json.dumps(vocab))
    (d / "merges.txt").write_text("#version: 0.2\n")
    return d / "vocab.json", d / "merges.txt"


def build_clap(d: Path) -> Path:
    """A CLAP with 16 mel bins, 2-second windows at 48 kHz, 8-dim embeddings (~14k weights)."""
    import torch
    from transformers import ClapConfig, ClapFeatureExtractor, ClapModel, ClapProcessor
    from transformers import RobertaTokenizer

    d.mkdir(parents=True, exist_ok=True)
    vocab, merges = byte_bpe_vocab(d, ["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    tok = RobertaTokenizer(str(vocab), str(merges))
    cfg = ClapConfig(
        text_config={"vocab_size": len(tok), "hidden_size": 16, "num_hidden_layers": 1,
                     "num_attention_heads": 2, "intermediate_size": 32,
                     "max_position_embeddings": 80, "projection_dim": 8},
        audio_config={"spec_size": 64, "window_size": 4, "num_mel_bins": 16, "patch_size": 4,
                      "patch_stride": (4, 4), "depths": [1, 1], "num_attention_heads": [1, 2],
                      "patch_embeds_hidden_size": 8, "hidden_size": 16, "projection_dim": 8,
                      "enable_fusion": False},
        projection_dim=8)
    torch.manual_seed(0)
    ClapModel(cfg).save_pretrained(d)
    fe = ClapFeatureExtractor(feature_size=16, sampling_rate=48000, hop_length=480,
                              max_length_s=2, fft_window_size=1024, truncation="rand_trunc",
                              padding="repeatpad")
    ClapProcessor(feature_extractor=fe, tokenizer=tok).save_pretrained(d)
    return d
