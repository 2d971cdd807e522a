"""The catalog of foundation models, declared as data.

Each entry names the hub repository, the revision to pull, the files (exact names or glob
patterns; with size and sha256 where they are pinned here), the licence, and what the model
needs to run. ``revision`` is a commit sha where it is pinned; ``None`` means the commit that
the hub's ``main`` points to is resolved at pull time and recorded, and every later
``verify`` checks the files against that commit's hashes (trust on first pull).

``backend`` names the audiogpt backend that loads the model; ``tested`` is True when that
backend's loading and inference code is exercised by the tests (on a tiny model the tests build
and serve from a local fake hub). Entries without a backend are listed so users can pull them
for their own use; ``models list`` says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from audiogpt.core.errors import ToolInputError

#: Licences that restrict use: pulling needs ``--accept-license``.
RESTRICTIVE = ("cc-by-nc", "non-commercial", "coqui-public", "stability", "gated", "research")


@dataclass(frozen=True)
class ModelFile:
    """One file of a model (``sha256``/``size`` None when taken from the hub at pull time)."""

    path: str
    size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class ModelSpec:
    """A pullable model.

    Attributes:
        name: Catalog name (``audiogpt models pull NAME``).
        tools: The tools it serves.
        backend: The backend that loads it ("" when no backend uses it yet).
        repo: Hub repository id.
        revision: Pinned commit sha, or None (resolved from ``main`` at pull and recorded).
        files: Pinned files (exact), used when given.
        patterns: Glob patterns of the files to pull when ``files`` is empty.
        size_mb: Approximate download size in MB.
        license: SPDX-like licence id.
        gated: The hub asks users to accept terms (and log in) before downloading.
        memory_gb: Approximate memory needed to run it.
        device: ``cpu`` (fine on a CPU), ``gpu`` (a GPU is recommended).
        library: The Python library that loads it.
        tested: Its backend is tested on a tiny model served by a local fake hub.
        summary: One line on what it is.
    """

    name: str
    tools: tuple[str, ...]
    backend: str
    repo: str
    revision: str | None
    license: str
    size_mb: float
    memory_gb: float
    device: str
    library: str
    summary: str
    files: tuple[ModelFile, ...] = ()
    patterns: tuple[str, ...] = ()
    gated: bool = False
    tested: bool = False
    env: str = field(default="", compare=False)

    @property
    def restricted(self) -> bool:
        """Non-commercial, gated or otherwise restrictive: needs ``--accept-license``."""
        lic = self.license.lower()
        return self.gated or any(word in lic for word in RESTRICTIVE)

    @property
    def url(self) -> str:
        """The model's page on the hub."""
        endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")
        return f"{endpoint}/{self.repo}"


CT2 = ("config.json", "preprocessor_config.json", "model.bin", "tokenizer.json", "vocabulary.*")
HF = ("*.json", "*.safetensors", "*.txt", "*.model", "*.tiktoken")
ASR = ("speech_recognition",)
FW = "faster-whisper"


def _whisper(size: str, repo: str, mb: float, gb: float, dev: str) -> ModelSpec:
    return ModelSpec(
        name=f"whisper-{size}", tools=ASR, backend="whisper-ct2", repo=repo, revision=None,
        license="MIT", size_mb=mb, memory_gb=gb, device=dev, library=FW, patterns=CT2,
        tested=True, env="AUDIOGPT_WHISPER_CT2_MODEL",
        summary=f"OpenAI Whisper {size} converted to CTranslate2 (99 languages)")


#: Wav2Lip checkpoints (Prajwal et al. 2020). The authors publish them on SharePoint/Google
#: Drive only; this hub mirror is the one public download scripts use for both files (e.g.
#: ``huggingface.co/Nekochu/Wav2Lip/resolve/main/wav2lip_gan.pth``). Not pinned: the first pull
#: records the commit and hashes. The weights are for non-commercial research use.
WAV2LIP_REPO = "Nekochu/Wav2Lip"


def _wav2lip(name: str, file: str, summary: str) -> ModelSpec:
    return ModelSpec(
        name=name, tools=("talking_head",), backend="wav2lip", repo=WAV2LIP_REPO, revision=None,
        license="research-non-commercial", size_mb=436, memory_gb=1.0, device="cpu",
        library="torch", files=(ModelFile(file),), tested=True, summary=summary)


#: Commits pinned by the pocket-tts package's own configs (pocket_tts/config/*.yaml, 4.0.1).
POCKET_WEIGHTS_COMMIT = "db04f0e653473e5c7333c69686ac92b7460b0c1d"


def _pocket(name: str, config: str, mb: float, gb: float, summary: str) -> ModelSpec:
    return ModelSpec(
        name=name, tools=("voice_clone",), backend="pocket-tts", repo="kyutai/pocket-tts",
        revision=POCKET_WEIGHTS_COMMIT, license="CC-BY-4.0", size_mb=mb, memory_gb=gb,
        device="cpu", library="pocket-tts",
        files=(ModelFile(f"languages/{config}/model.safetensors"),), gated=True, tested=True,
        summary=f"{summary} (needs pocket-tts-tokenizer-{name.removeprefix('pocket-tts-')})")


def _pocket_tokenizer(name: str, path: str, commit: str) -> ModelSpec:
    return ModelSpec(
        name=name, tools=("voice_clone",), backend="pocket-tts",
        repo="kyutai/pocket-tts-without-voice-cloning", revision=commit, license="CC-BY-4.0",
        size_mb=0.1, memory_gb=0.0, device="cpu", library="pocket-tts",
        files=(ModelFile(f"languages/{path}"),), tested=True,
        summary="Pocket TTS text tokenizer (pulled beside the model)")


CATALOG: tuple[ModelSpec, ...] = (
    _whisper("small", "Systran/faster-whisper-small", 484, 1.0, "cpu"),
    _whisper("medium", "Systran/faster-whisper-medium", 1530, 2.5, "cpu"),
    _whisper("large-v3", "Systran/faster-whisper-large-v3", 3090, 5.0, "gpu"),
    _whisper("turbo", "mobiuslabsgmbh/faster-whisper-large-v3-turbo", 1620, 3.0, "gpu"),
    ModelSpec(
        name="whisper-small-hf", tools=ASR, backend="whisper", repo="openai/whisper-small",
        revision=None, license="Apache-2.0", size_mb=967, memory_gb=1.5, device="cpu",
        library="transformers", patterns=HF, tested=True, env="AUDIOGPT_WHISPER_MODEL",
        summary="OpenAI Whisper small through transformers"),
    ModelSpec(
        name="clap-htsat-unfused", tools=("sound_event_detection", "target_sound_detection"),
        backend="clap", repo="laion/clap-htsat-unfused", revision=None, license="Apache-2.0",
        size_mb=615, memory_gb=1.5, device="cpu", library="transformers", patterns=HF,
        tested=True, env="AUDIOGPT_CLAP_MODEL",
        summary="LAION CLAP: zero-shot sound labels and text-queried detection"),
    ModelSpec(
        name="clap-larger-general", tools=("sound_event_detection", "target_sound_detection"),
        backend="clap", repo="laion/larger_clap_general", revision=None, license="Apache-2.0",
        size_mb=776, memory_gb=2.0, device="cpu", library="transformers", patterns=HF,
        tested=True, env="AUDIOGPT_CLAP_MODEL",
        summary="LAION CLAP (larger, general audio): zero-shot sound labels"),
    ModelSpec(
        name="ast-audioset", tools=("sound_event_detection",), backend="ast",
        repo="MIT/ast-finetuned-audioset-10-10-0.4593", revision=None, license="BSD-3-Clause",
        size_mb=346, memory_gb=1.0, device="cpu", library="transformers", patterns=HF,
        tested=True, env="AUDIOGPT_AST_MODEL",
        summary="Audio Spectrogram Transformer, 527 AudioSet labels over time"),
    ModelSpec(
        name="nllb-200-distilled-600m", tools=("speech_translation",), backend="nllb",
        repo="facebook/nllb-200-distilled-600M", revision=None, license="CC-BY-NC-4.0",
        size_mb=2460, memory_gb=3.0, device="cpu", library="transformers",
        patterns=(*HF, "*.bin"), tested=True, env="AUDIOGPT_NLLB_MODEL",
        summary="NLLB-200 distilled 600M: text translation between 200 languages"),
    ModelSpec(
        name="mms-tts-eng", tools=("text_to_speech",), backend="mms-tts", repo="facebook/mms-tts-eng",
        revision=None, license="CC-BY-NC-4.0", size_mb=145, memory_gb=0.5, device="cpu",
        library="transformers", patterns=HF, tested=True, env="AUDIOGPT_MMS_TTS_MODEL",
        summary="Meta MMS-TTS (VITS), English; other languages: facebook/mms-tts-LANG"),
    ModelSpec(
        name="musicgen-small", tools=("music_generation",), backend="musicgen",
        repo="facebook/musicgen-small", revision=None, license="CC-BY-NC-4.0", size_mb=1180,
        memory_gb=2.5, device="gpu", library="transformers", patterns=(*HF, "*.bin"),
        tested=True, env="AUDIOGPT_MUSICGEN_MODEL",
        summary="MusicGen small (300M): text to music"),
    ModelSpec(
        name="audioldm2", tools=("text_to_audio",), backend="audioldm2", repo="cvssp/audioldm2",
        revision=None, license="CC-BY-NC-SA-4.0", size_mb=4500, memory_gb=8.0, device="gpu",
        library="diffusers", patterns=("*.json", "*.safetensors", "*.txt", "*.model"),
        tested=True, env="AUDIOGPT_AUDIOLDM2_MODEL",
        summary="AudioLDM 2: text to sound effects (latent diffusion)"),
    ModelSpec(
        name="stable-audio-open-1.0", tools=("text_to_audio", "music_generation"),
        backend="stable-audio", repo="stabilityai/stable-audio-open-1.0", revision=None,
        license="Stability-AI-Community", size_mb=4850, memory_gb=10.0, device="gpu",
        library="diffusers",
        patterns=("model_index.json", "*/*.json", "*/*.safetensors", "tokenizer/*"),
        gated=True, tested=True, env="AUDIOGPT_STABLE_AUDIO_MODEL",
        summary="Stable Audio Open: text to 47 s of 44.1 kHz stereo sound or music"),
    ModelSpec(
        name="qwen2-audio-7b-instruct", tools=("audio_captioning",), backend="qwen2-audio",
        repo="Qwen/Qwen2-Audio-7B-Instruct", revision=None, license="Apache-2.0",
        size_mb=16800, memory_gb=18.0, device="gpu", library="transformers",
        patterns=(*HF, "*.jinja"), tested=True, env="AUDIOGPT_QWEN2_AUDIO_MODEL",
        summary="Qwen2-Audio: captions and answers questions about audio"),
    ModelSpec(
        name="convtasnet-libri2mix-16k", tools=("speech_separation",), backend="tasnet",
        repo="JorisCos/ConvTasNet_Libri2Mix_sepclean_16k", revision=None,
        license="CC-BY-NC-4.0", size_mb=20, memory_gb=0.5, device="cpu", library="asteroid",
        files=(ModelFile("pytorch_model.bin"),), tested=True, env="AUDIOGPT_SEPARATION_MODEL",
        summary="Conv-TasNet (asteroid), two speakers, 16 kHz, trained on Libri2Mix clean "
                "(card metadata CC-BY-SA-4.0, original card CC-BY-NC-4.0: treated as NC)"),
    ModelSpec(
        name="convtasnet-libri2mix-8k", tools=("speech_separation",), backend="tasnet",
        repo="JorisCos/ConvTasNet_Libri2Mix_sepclean_8k", revision=None,
        license="CC-BY-NC-4.0", size_mb=20, memory_gb=0.5, device="cpu", library="asteroid",
        files=(ModelFile("pytorch_model.bin"),), tested=True, env="AUDIOGPT_SEPARATION_MODEL",
        summary="Conv-TasNet (asteroid), two speakers, 8 kHz (telephone speech), Libri2Mix"),
    ModelSpec(
        name="htdemucs", tools=("sound_extraction",), backend="demucs",
        repo="adefossez/HTDemucs", revision=None, license="MIT", size_mb=84, memory_gb=2.0,
        device="cpu", library="demucs", files=(ModelFile("htdemucs.yaml"),
                                               ModelFile("955717e8.safetensors")),
        tested=True, env="AUDIOGPT_DEMUCS_MODEL",
        summary="Hybrid Transformer Demucs: vocals, drums, bass, other from music"),
    ModelSpec(
        name="htdemucs-ft", tools=("sound_extraction",), backend="demucs",
        repo="adefossez/HTDemucs-ft", revision=None, license="MIT", size_mb=336, memory_gb=2.5,
        device="gpu", library="demucs",
        files=(ModelFile("htdemucs_ft.yaml"), *(ModelFile(f"{sig}.safetensors") for sig in
                                               ("f7e0c4bc", "d12395a8", "92cfc3b6", "04573f0d"))),
        tested=True, env="AUDIOGPT_DEMUCS_MODEL",
        summary="Demucs fine-tuned bag (one model per stem): better stems, 4x slower"),
    ModelSpec(
        name="htdemucs-6s", tools=("sound_extraction",), backend="demucs",
        repo="adefossez/HTDemucs-6s", revision=None, license="MIT", size_mb=55, memory_gb=2.0,
        device="cpu", library="demucs", files=(ModelFile("htdemucs_6s.yaml"),
                                               ModelFile("5c90dfd2.safetensors")),
        tested=True, env="AUDIOGPT_DEMUCS_MODEL",
        summary="Demucs six stems: adds guitar and piano"),
    ModelSpec(
        name="sepformer-wsj02mix", tools=("speech_separation",), backend="",
        repo="speechbrain/sepformer-wsj02mix", revision=None, license="Apache-2.0", size_mb=113,
        memory_gb=1.5, device="cpu", library="speechbrain", patterns=("*.yaml", "*.ckpt"),
        summary="SepFormer: two-speaker separation (8 kHz); no backend: speechbrain needs a "
                "torchaudio that loads against torch 2.13"),
    ModelSpec(
        name="sepformer-wham16k-enhancement", tools=("speech_enhancement",), backend="",
        repo="speechbrain/sepformer-wham16k-enhancement", revision=None, license="Apache-2.0",
        size_mb=113, memory_gb=1.5, device="cpu", library="speechbrain",
        patterns=("*.yaml", "*.ckpt"), summary="SepFormer speech enhancement (16 kHz); no "
        "backend (speechbrain needs torchaudio)"),
    ModelSpec(
        name="kokoro-82m", tools=("text_to_speech",), backend="kokoro",
        repo="hexgrad/Kokoro-82M", revision=None, license="Apache-2.0", size_mb=360,
        memory_gb=1.0, device="cpu", library="kokoro",
        patterns=("config.json", "kokoro-v1_0.pth", "voices/*.pt"), tested=True,
        env="AUDIOGPT_KOKORO_MODEL",
        summary="Kokoro 82M: TTS in English, Spanish, French, Hindi, Italian, Portuguese; "
                "50+ voices"),
    ModelSpec(
        name="xtts-v2", tools=("voice_clone",), backend="", repo="coqui/XTTS-v2", revision=None,
        license="Coqui-Public-Model-License", size_mb=1870, memory_gb=4.0, device="gpu",
        library="coqui-tts", patterns=("*.json", "*.pth", "*.txt"),
        summary="XTTS-v2: zero-shot cloning, 17 languages; no backend: coqui-tts's XTTS "
                "imports torchaudio, which does not load against torch 2.13"),
    _pocket("pocket-tts-english", "english_2026-10", 400, 1.0,
            "Kyutai Pocket TTS (100M): zero-shot voice cloning from a reference, English"),
    _pocket("pocket-tts-english-2m", "english_2m_2026-10", 45, 0.3,
            "Kyutai Pocket TTS 2M: tiny, fast, lower quality zero-shot cloning, English"),
    _pocket_tokenizer("pocket-tts-tokenizer-english", "english_2026-09/tokenizer.json",
                      "00eac05ed3d16bdc3f6b5d598874019c34a89214"),
    _pocket_tokenizer("pocket-tts-tokenizer-english-2m", "english_2m_2026-10/tokenizer.model",
                      "08ffc58775e62aad9409511b9591c9af626270f3"),
    _wav2lip("wav2lip-gan", "wav2lip_gan.pth",
             "Wav2Lip GAN generator: lip sync on a portrait (sharper mouths; the default)"),
    _wav2lip("wav2lip", "wav2lip.pth",
             "Wav2Lip generator without the visual-quality GAN loss (better sync, blurrier)"),
    ModelSpec(
        name="sadtalker", tools=("talking_head",), backend="", repo="vinthony/SadTalker",
        revision=None, license="Apache-2.0", size_mb=1500, memory_gb=6.0, device="gpu",
        library="sadtalker", patterns=("*.safetensors", "*.pth", "*.tar"),
        summary="SadTalker: audio-driven talking head from one portrait; no backend: no "
                "maintained package on PyPI loads it (Wav2Lip has one: wav2lip-gan)"),
)


def get_spec(name: str) -> ModelSpec:
    """The catalog entry ``name``.

    Raises:
        ToolInputError: No such model (the message lists the names).
    """
    for spec in CATALOG:
        if spec.name == name:
            return spec
    names = ", ".join(s.name for s in CATALOG)
    raise ToolInputError(f"unknown model {name!r}; known models: {names}")


def specs_for(backend: str) -> list[ModelSpec]:
    """The catalog entries a backend can load, in catalog order (the first is the default)."""
    return [s for s in CATALOG if s.backend == backend]
