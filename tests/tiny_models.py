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
    from transformers import (
        ClapConfig,
        ClapFeatureExtractor,
        ClapModel,
        ClapProcessor,
        RobertaTokenizer,
    )

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


def build_whisper_ct2(d: Path) -> Path:
    """A Whisper (d_model 16, one layer each side, Whisper's 51865-token vocabulary) converted
    to CTranslate2 with ctranslate2's converter: the folder layout of the
    ``Systran/faster-whisper-*`` repositories (model.bin, config.json, tokenizer.json,
    vocabulary.json, preprocessor_config.json)."""
    import ctranslate2
    import torch
    from faster_whisper.tokenizer import _LANGUAGE_CODES
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers
    from transformers import (
        PreTrainedTokenizerFast,
        WhisperConfig,
        WhisperFeatureExtractor,
        WhisperForConditionalGeneration,
    )
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    src = d.with_name(d.name + "-hf")
    src.mkdir(parents=True, exist_ok=True)
    vocab: dict[str, int] = {}
    for c in bytes_to_unicode().values():
        vocab[c] = len(vocab)
    while len(vocab) < 50257:  # filler tokens up to Whisper's <|endoftext|> id
        vocab[f"t{len(vocab)}"] = len(vocab)
    tok = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    specials = ["<|endoftext|>", "<|startoftranscript|>",
                *[f"<|{c}|>" for c in list(_LANGUAGE_CODES)[:99]], "<|translate|>",
                "<|transcribe|>", "<|startoflm|>", "<|startofprev|>", "<|nospeech|>",
                "<|notimestamps|>", *[f"<|{i * 0.02:.2f}|>" for i in range(1501)]]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    eot = tok.token_to_id("<|endoftext|>")
    PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|endoftext|>",
                            eos_token="<|endoftext|>", unk_token="<|endoftext|>",
                            pad_token="<|endoftext|>").save_pretrained(src)
    cfg = WhisperConfig(vocab_size=tok.get_vocab_size(), num_mel_bins=80, d_model=16,
                        encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                        decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32,
                        max_source_positions=1500, max_target_positions=448,
                        decoder_start_token_id=tok.token_to_id("<|startoftranscript|>"),
                        eos_token_id=eot, pad_token_id=eot, bos_token_id=eot,
                        begin_suppress_tokens=[220, eot], suppress_tokens=[])
    torch.manual_seed(0)
    WhisperForConditionalGeneration(cfg).save_pretrained(src)
    WhisperFeatureExtractor(feature_size=80).save_pretrained(src)
    ctranslate2.converters.TransformersConverter(
        str(src), copy_files=["tokenizer.json", "preprocessor_config.json"]).convert(str(d))
    return d


def build_qwen2_audio(d: Path) -> Path:
    """A Qwen2-Audio (audio encoder d_model 16, one-layer Qwen2 decoder, byte-level vocabulary
    with the chat and audio special tokens), saved with its processor."""
    import torch
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers
    from transformers import (
        PreTrainedTokenizerFast,
        Qwen2AudioConfig,
        Qwen2AudioForConditionalGeneration,
        Qwen2AudioProcessor,
        WhisperFeatureExtractor,
    )
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    d.mkdir(parents=True, exist_ok=True)
    vocab = {c: i for i, c in enumerate(bytes_to_unicode().values())}
    tok = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|audio_bos|>", "<|AUDIO|>",
                "<|audio_eos|>"]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|endoftext|>",
                                   pad_token="<|endoftext|>")
    Qwen2AudioProcessor(feature_extractor=WhisperFeatureExtractor(feature_size=128),
                        tokenizer=fast).save_pretrained(d)
    cfg = Qwen2AudioConfig(
        audio_config={"d_model": 16, "encoder_layers": 1, "encoder_attention_heads": 2,
                      "encoder_ffn_dim": 32, "num_mel_bins": 128, "max_source_positions": 1500},
        text_config={"model_type": "qwen2", "vocab_size": tok.get_vocab_size(),
                     "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2,
                     "num_key_value_heads": 1, "intermediate_size": 32,
                     "max_position_embeddings": 2048},
        audio_token_index=tok.token_to_id("<|AUDIO|>"))
    torch.manual_seed(0)
    model = Qwen2AudioForConditionalGeneration(cfg)
    model.generation_config.eos_token_id = tok.token_to_id("<|im_end|>")
    model.generation_config.pad_token_id = tok.token_to_id("<|endoftext|>")
    model.save_pretrained(d)
    return d


def build_audioldm2(d: Path) -> Path:
    """A diffusers AudioLDM2 pipeline folder with tiny random components (shapes after the
    diffusers test suite's dummy pipeline; a 160-sample vocoder hop like the real model's)."""
    import torch
    from diffusers import (
        AudioLDM2Pipeline,
        AudioLDM2ProjectionModel,
        AudioLDM2UNet2DConditionModel,
        AutoencoderKL,
        DDIMScheduler,
    )
    from transformers import (
        ClapConfig,
        ClapFeatureExtractor,
        ClapModel,
        GPT2Config,
        GPT2Model,
        RobertaTokenizer,
        SpeechT5HifiGan,
        SpeechT5HifiGanConfig,
        T5Config,
        T5EncoderModel,
        T5Tokenizer,
    )

    work = d.with_name(d.name + "-vocab")
    work.mkdir(parents=True, exist_ok=True)
    vocab, merges = byte_bpe_vocab(work, ["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    tok = RobertaTokenizer(str(vocab), str(merges), model_max_length=77)
    letters = "abcdefghijklmnopqrstuvwxyz0123456789.,'\u2581"
    tok2 = T5Tokenizer(vocab=[("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0),
                              *[(c, -1.0) for c in letters]], extra_ids=0, model_max_length=77)
    torch.manual_seed(0)
    unet = AudioLDM2UNet2DConditionModel(
        block_out_channels=(8, 16), layers_per_block=1, sample_size=32, in_channels=4,
        out_channels=4, down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"), norm_num_groups=8,
        cross_attention_dim=([None, 16, 16], [None, 16, 16]), attention_head_dim=2)
    vae = AutoencoderKL(block_out_channels=[8, 16], in_channels=1, out_channels=1,
                        down_block_types=["DownEncoderBlock2D"] * 2, norm_num_groups=8,
                        up_block_types=["UpDecoderBlock2D"] * 2, latent_channels=4)
    clap = ClapModel(ClapConfig(
        text_config={"vocab_size": len(tok), "hidden_size": 16, "num_hidden_layers": 1,
                     "num_attention_heads": 2, "intermediate_size": 32,
                     "max_position_embeddings": 80, "projection_dim": 16},
        audio_config={"spec_size": 64, "window_size": 4, "num_mel_bins": 16, "patch_size": 4,
                      "patch_stride": (4, 4), "depths": [1, 1], "num_attention_heads": [1, 2],
                      "patch_embeds_hidden_size": 8, "hidden_size": 16, "projection_dim": 16,
                      "enable_fusion": False},
        projection_dim=16))
    t5_model = T5EncoderModel(T5Config(vocab_size=len(tok2), d_model=16, d_ff=32, d_kv=8,
                                       num_heads=2, num_layers=1))
    gpt2 = GPT2Model(GPT2Config(n_embd=16, n_head=2, n_layer=1, vocab_size=len(tok),
                                n_ctx=99, n_positions=99))
    gpt2.config.max_new_tokens = 4
    projection = AudioLDM2ProjectionModel(text_encoder_dim=16, text_encoder_1_dim=16,
                                          langauge_model_dim=16)
    vocoder = SpeechT5HifiGan(SpeechT5HifiGanConfig(
        model_in_dim=8, sampling_rate=16000, upsample_initial_channel=16,
        upsample_rates=[8, 5, 4], upsample_kernel_sizes=[16, 10, 8],
        resblock_kernel_sizes=[3], resblock_dilation_sizes=[[1, 3]], normalize_before=False))
    scheduler = DDIMScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                              clip_sample=False, set_alpha_to_one=False)
    AudioLDM2Pipeline(vae=vae, text_encoder=clap, text_encoder_2=t5_model, projection_model=projection,
                      language_model=gpt2, tokenizer=tok, tokenizer_2=tok2,
                      feature_extractor=ClapFeatureExtractor(), unet=unet, scheduler=scheduler,
                      vocoder=vocoder).save_pretrained(d)
    return d
