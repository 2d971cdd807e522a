"""More tiny randomly initialised foundation models, built from configs in the layout of the hub
repositories the catalog names (weights cannot be downloaded here). Their outputs are noise;
they exercise the loading and inference code of the backends."""

from __future__ import annotations

import json
from pathlib import Path


def t5_tokenizer(max_length: int = 64):
    """A T5 (SentencePiece unigram) tokenizer over letters, digits and a few marks."""
    from transformers import T5Tokenizer

    letters = "abcdefghijklmnopqrstuvwxyz0123456789.,'\u2581"
    return T5Tokenizer(vocab=[("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0),
                              *[(c, -1.0) for c in letters]], extra_ids=0,
                       model_max_length=max_length)


def build_stable_audio(d: Path) -> Path:
    """A diffusers Stable Audio pipeline folder with tiny random components (shapes after the
    diffusers test suite's dummy pipeline) at 44.1 kHz stereo: a 512-sample hop and 128 latent
    frames, so one generation reaches 1.49 s."""
    import torch
    from diffusers import (
        AutoencoderOobleck,
        CosineDPMSolverMultistepScheduler,
        StableAudioDiTModel,
        StableAudioPipeline,
        StableAudioProjectionModel,
    )
    from transformers import T5Config, T5EncoderModel

    tok = t5_tokenizer()
    torch.manual_seed(0)
    transformer = StableAudioDiTModel(
        sample_size=128, in_channels=3, num_layers=1, attention_head_dim=4,
        num_attention_heads=2, num_key_value_attention_heads=1, out_channels=3,
        cross_attention_dim=8, time_proj_dim=8, global_states_input_dim=16,
        cross_attention_input_dim=8)
    scheduler = CosineDPMSolverMultistepScheduler(
        solver_order=2, prediction_type="v_prediction", sigma_data=1.0,
        sigma_schedule="exponential")
    vae = AutoencoderOobleck(
        encoder_hidden_size=6, downsampling_ratios=[2, 4, 8, 8], decoder_channels=3,
        decoder_input_channels=3, audio_channels=2, channel_multiples=[1, 1, 1, 1],
        sampling_rate=44100)
    text_encoder = T5EncoderModel(T5Config(vocab_size=len(tok), d_model=8, d_ff=16, d_kv=4,
                                           num_heads=2, num_layers=1))
    projection = StableAudioProjectionModel(text_encoder_dim=8, conditioning_dim=8,
                                            min_value=0, max_value=512)
    StableAudioPipeline(vae=vae, text_encoder=text_encoder, projection_model=projection,
                        tokenizer=tok, transformer=transformer,
                        scheduler=scheduler).save_pretrained(d)
    return d


def build_demucs_bag(d: Path, yaml_name: str, signature: str) -> Path:
    """A tiny random 4-stem HTDemucs (44.1 kHz stereo, 1-s segments) saved as a Demucs bag under
    the file names of a hub repository (``htdemucs.yaml`` + ``955717e8.safetensors``)."""
    import torch
    from demucs.htdemucs import HTDemucs
    from safetensors.torch import save_file

    torch.manual_seed(0)
    kwargs = {"sources": ["drums", "bass", "other", "vocals"], "channels": 4, "depth": 4,
              "t_layers": 1, "t_heads": 2, "nfft": 2048, "dconv_depth": 1, "dconv_comp": 2,
              "samplerate": 44100, "segment": 1}
    model = HTDemucs(**kwargs)
    d.mkdir(parents=True, exist_ok=True)
    meta = {"klass": "demucs.htdemucs.HTDemucs", "args": "[]", "kwargs": json.dumps(kwargs)}
    state = {k: v.contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(d / f"{signature}.safetensors"), metadata=meta)
    (d / yaml_name).write_text(f"models: ['{signature}']\n")
    return d


def build_tasnet(d: Path, n_src: int = 2) -> Path:
    """A tiny random Conv-TasNet (16 kHz, ``n_src`` speakers) as an asteroid ``pytorch_model.bin``."""
    import torch
    from asteroid.models import ConvTasNet

    torch.manual_seed(0)
    model = ConvTasNet(n_src=n_src, sample_rate=16000, n_blocks=2, n_repeats=1, bn_chan=8,
                       hid_chan=8, skip_chan=8, n_filters=16, kernel_size=16, stride=8)
    d.mkdir(parents=True, exist_ok=True)
    torch.save({"model_name": "ConvTasNet", "state_dict": model.state_dict(),
                "model_args": model.get_model_args(), "infos": {"test": "tiny"}},
               d / "pytorch_model.bin")
    return d


def sentencepiece_model(path: Path, size: int) -> Path:
    """A SentencePiece unigram model of ``size`` pieces (letters, digits, marks, then filler
    pieces), written as the protobuf ``.model`` file the library reads."""
    from sentencepiece import sentencepiece_model_pb2 as pb

    m = pb.ModelProto()
    m.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    m.trainer_spec.vocab_size = size
    m.normalizer_spec.name = "identity"
    m.normalizer_spec.add_dummy_prefix = True
    unk = m.pieces.add()
    unk.piece, unk.score, unk.type = "<unk>", 0.0, pb.ModelProto.SentencePiece.UNKNOWN
    symbols = list("\u2581abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,'!?-")
    while len(symbols) < size - 1:
        symbols.append(f"\u2581f{len(symbols)}")
    for sym in symbols:
        piece = m.pieces.add()
        piece.piece, piece.score = sym, -1.0 - len(sym)
    path.write_bytes(m.SerializeToString())
    return path


def build_pocket_tts(d: Path, config: str = "english_2m_2026-10") -> tuple[Path, Path]:
    """Random weights of a Pocket TTS model in the architecture of the package's ``config`` (the
    1.9M-parameter English model by default), and a SentencePiece tokenizer of its size, in the
    layout of ``kyutai/pocket-tts`` and ``kyutai/pocket-tts-without-voice-cloning``.

    Returns:
        The two repository folders (weights, tokenizer).
    """
    import safetensors.torch
    import torch
    import yaml
    from pocket_tts import TTSModel
    from pocket_tts.utils.config import CONFIGS_DIR, Config

    cfg = yaml.safe_load((CONFIGS_DIR / f"{config}.yaml").read_text())
    tok_rel = cfg["flow_lm"]["lookup_table"]["tokenizer_path"].split("@")[0]
    tok_rel = "/".join(tok_rel.removeprefix("hf://").split("/")[2:])
    tok_dir = d / "tokenizer"
    (tok_dir / tok_rel).parent.mkdir(parents=True, exist_ok=True)
    sentencepiece_model(tok_dir / tok_rel, cfg["flow_lm"]["lookup_table"]["n_bins"])
    cfg["flow_lm"]["lookup_table"]["tokenizer_path"] = str(tok_dir / tok_rel)
    cfg.pop("weights_path")
    cfg.pop("weights_path_without_voice_cloning")
    torch.manual_seed(0)
    model = TTSModel._from_pydantic_config_with_weights(Config(**cfg), 0.3, 1, None, -4.0)
    weights = d / "weights" / "languages" / config / "model.safetensors"
    weights.parent.mkdir(parents=True, exist_ok=True)
    state = {k: v.contiguous() for k, v in model.state_dict().items()}
    safetensors.torch.save_file(state, str(weights))
    return d / "weights", tok_dir


#: Phoneme symbols of the tiny Kokoro vocabulary (misaki's set: ASCII letters and IPA).
KOKORO_SYMBOLS = (" !',-.:;?AIOQWYabcdefhijklmnopqrstuvwxyz\u00e6\u00e7\u00f0\u00f8\u014b"
                  "\u0153\u0250\u0251\u0254\u0259\u025a\u025b\u025c\u025f\u0261\u0263\u0265"
                  "\u0268\u026a\u026f\u0270\u0272\u0273\u0274\u0278\u0279\u027e\u0281\u0282"
                  "\u0283\u0288\u028a\u028b\u028c\u028e\u0292\u0294\u02b0\u02b2\u02c8\u02cc"
                  "\u02d0\u0303\u03b2\u03b8\u03c7\u1d7b\u2014\u201c\u201d\u2026\u00bf\u00a1")


def build_kokoro(d: Path, voices: tuple[str, ...] = ("af_heart", "ef_dora")) -> Path:
    """A Kokoro model folder (``config.json``, ``kokoro-v1_0.pth``, ``voices/*.pt``) with random
    weights: the decoder's widths are fixed by the package (hidden 512, 1024-channel blocks),
    the ALBERT, the predictor depth, the resblocks and the longest phoneme (4 frames) are
    shrunk; weights stored as float16."""
    import torch
    from kokoro import KModel

    d.mkdir(parents=True, exist_ok=True)
    vocab = {c: i + 1 for i, c in enumerate(dict.fromkeys(KOKORO_SYMBOLS))}
    config = {
        "istftnet": {"upsample_kernel_sizes": [20, 12], "upsample_rates": [10, 6],
                     "gen_istft_hop_size": 5, "gen_istft_n_fft": 20,
                     "resblock_dilation_sizes": [[1, 3, 5]], "resblock_kernel_sizes": [3],
                     "upsample_initial_channel": 512},
        "dim_in": 64, "dropout": 0.2, "hidden_dim": 512, "max_conv_dim": 512, "max_dur": 4,
        "multispeaker": True, "n_layer": 1, "n_mels": 80, "n_token": len(vocab) + 1,
        "style_dim": 128, "text_encoder_kernel_size": 5,
        "plbert": {"hidden_size": 16, "num_attention_heads": 2, "intermediate_size": 32,
                   "max_position_embeddings": 512, "num_hidden_layers": 1, "dropout": 0.1},
        "vocab": vocab}
    (d / "config.json").write_text(json.dumps(config, ensure_ascii=False))
    torch.manual_seed(0)
    empty = d / "empty.pth"
    torch.save({}, empty)
    model = KModel(repo_id="hexgrad/Kokoro-82M", config=str(d / "config.json"),
                   model=str(empty))
    empty.unlink()
    state = {name: {k: v.half() if v.is_floating_point() else v
                    for k, v in getattr(model, name).state_dict().items()}
             for name in ("bert", "bert_encoder", "predictor", "text_encoder", "decoder")}
    torch.save(state, d / "kokoro-v1_0.pth")
    (d / "voices").mkdir(exist_ok=True)
    for voice in voices:
        torch.save(torch.randn(510, 1, 256) * 0.1, d / "voices" / f"{voice}.pt")
    return d
