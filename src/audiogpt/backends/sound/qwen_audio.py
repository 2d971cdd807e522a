"""Foundation backend of audio_captioning: Qwen2-Audio-Instruct, an audio-language model
(``Qwen2AudioForConditionalGeneration`` + ``Qwen2AudioProcessor`` through transformers).

The model is the pulled catalog model (``audiogpt models pull qwen2-audio-7b-instruct``, 7B
parameters: a GPU with ~18 GB is the realistic host) or the folder in
``AUDIOGPT_QWEN2_AUDIO_MODEL``. Its Whisper-style encoder reads at most 30 s, so longer files are
captioned in 30-second pieces, each answer prefixed with its time range. Decoding is greedy.
"""

from __future__ import annotations

import logging
from typing import Any

from audiogpt.backends.base import Request
from audiogpt.backends.foundation import FoundationBackend, device
from audiogpt.core.results import Output, ToolResult

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_QWEN2_AUDIO_MODEL"
CHUNK_S = 30.0
MAX_NEW_TOKENS = 96
QUESTION = ("Describe this audio in one or two sentences: the sounds, any speech and any "
            "music in it.")
#: The Qwen2-Audio-Instruct chat format for one audio clip and one question.
PROMPT = ("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
          "Audio 1: <|audio_bos|><|AUDIO|><|audio_eos|>\n{question}<|im_end|>\n"
          "<|im_start|>assistant\n")


class QwenAudioCaption(FoundationBackend):
    """Qwen2-Audio-Instruct captions (30-second pieces)."""

    name = "qwen2-audio"
    tool = "audio_captioning"
    summary = ("Qwen2-Audio-7B-Instruct audio-language model (transformers, GPU advised): "
               "`audiogpt models pull qwen2-audio-7b-instruct`")
    sample_rate = 16000
    env = ENV
    example = "Qwen/Qwen2-Audio-7B-Instruct"

    def load(self) -> None:
        """Load the processor and the model (float16 on a GPU, float32 on the CPU)."""
        import torch
        from transformers import AutoProcessor, Qwen2AudioForConditionalGeneration

        path = self.model_folder()
        self.path = str(path)
        self.device = device()
        dtype = torch.float16 if self.device == "cuda" else torch.float32
        self.processor = AutoProcessor.from_pretrained(path)
        self.model = Qwen2AudioForConditionalGeneration.from_pretrained(
            path, dtype=dtype).to(self.device).eval()
        self.rate = int(self.processor.feature_extractor.sampling_rate)
        logger.info("loaded Qwen2-Audio from %s on %s", path, self.device)

    def answer(self, samples: Any, question: str = QUESTION) -> str:
        """The model's answer to ``question`` about one clip (at most 30 s, mono)."""
        import torch

        inputs = self.processor(text=PROMPT.format(question=question), audio=[samples],
                                sampling_rate=self.rate, return_tensors="pt")
        inputs = inputs.to(self.device)
        if self.device == "cuda":
            inputs["input_features"] = inputs["input_features"].to(self.model.dtype)
        with torch.inference_mode():
            out = self.model.generate(**inputs, max_new_tokens=MAX_NEW_TOKENS, do_sample=False)
        new = out[:, inputs["input_ids"].shape[1]:]
        return self.processor.batch_decode(new, skip_special_tokens=True)[0].strip()

    def run(self, req: Request) -> ToolResult:
        if str(self.model_folder()) != self.path:  # another model was pulled or configured
            self.load()
        audio = req.audio("audio").to_mono()
        x = audio.samples[0]
        step = int(CHUNK_S * self.rate)
        starts = list(range(0, max(1, len(x)), step))
        chunks = []
        for i, s in enumerate(starts):
            text = self.answer(x[s:s + step])
            chunks.append({"start": round(s / self.rate, 2),
                           "end": round(min(len(x), s + step) / self.rate, 2), "text": text})
            req.progress((i + 1) / len(starts), f"piece {i + 1}/{len(starts)}")
        if len(chunks) == 1:
            caption = chunks[0]["text"]
        else:
            caption = " ".join(f"[{c['start']:.0f}-{c['end']:.0f} s] {c['text']}"
                               for c in chunks)
        data = {"caption": caption, "chunks": chunks, "method": "qwen2-audio",
                "model": self.path, "duration": round(audio.duration, 3)}
        return ToolResult(outputs=[Output("text", caption, "caption")], text=caption, data=data)
