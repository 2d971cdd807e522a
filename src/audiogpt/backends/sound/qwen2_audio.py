"""Optional foundation backend of audio_captioning: Qwen2-Audio, an audio-language model, through
``transformers`` (``Qwen2AudioForConditionalGeneration`` + ``AutoProcessor``), loaded from the
local folder named by ``AUDIOGPT_QWEN2_AUDIO_MODEL`` (a copy of ``Qwen/Qwen2-Audio-7B-Instruct``);
nothing is downloaded.

The audio (mono, 16 kHz, Whisper log-mel features) and a user turn go through the checkpoint's
chat template: the turn asks for a caption, or is the user's ``question`` about the file. The
answer is decoded greedily (reproducible), at most ``MAX_NEW_TOKENS`` tokens. The audio encoder
sees 30 s at most; a longer file is described window by window (30 s each, at most
``MAX_WINDOWS``), each answer labelled with its time span.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from audiogpt.backends.base import Request
from audiogpt.backends.foundation import FoundationBackend, to_device
from audiogpt.core.errors import BackendError
from audiogpt.core.results import Output, ToolResult

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

ENV = "AUDIOGPT_QWEN2_AUDIO_MODEL"
EXAMPLE = "Qwen/Qwen2-Audio-7B-Instruct"
RATE = 16000
WINDOW_S = 30.0
MAX_WINDOWS = 4
MAX_NEW_TOKENS = 200
CAPTION_PROMPT = ("Describe this audio in one or two sentences: which sounds occur, any speech "
                  "or music, and the background.")


class Qwen2AudioCaption(FoundationBackend):
    """Qwen2-Audio captions and answers questions about a file, from a local checkpoint."""

    name = "qwen2-audio"
    tool = "audio_captioning"
    summary = f"Qwen2-Audio audio-language model (transformers), local weights from {ENV}"
    sample_rate = RATE
    env = ENV
    example = EXAMPLE

    def load(self) -> None:
        """Load the model and processor once, on the GPU when there is one."""
        from transformers import AutoProcessor, Qwen2AudioForConditionalGeneration

        path = self.model_folder()
        self.processor = AutoProcessor.from_pretrained(path)
        model = Qwen2AudioForConditionalGeneration.from_pretrained(path, dtype="auto")
        # the checkpoint's dtype (bfloat16 for the release: 17 GB) also on a CPU, where float32
        # would need 34 GB
        self.model, self.device = to_device(model)
        rate = getattr(self.processor.feature_extractor, "sampling_rate", RATE)
        if int(rate) != RATE:
            raise BackendError(f"audio_captioning/qwen2-audio: {path} expects {rate} Hz audio, "
                               f"not the {RATE} Hz of Qwen2-Audio")
        self.path = str(path)
        logger.info("loaded Qwen2-Audio from %s on %s", path, self.device)

    def prompt(self, question: str | None) -> str:
        """The chat-formatted text of one turn: the audio, then the caption request or
        the user's question."""
        conversation = [{"role": "user", "content": [
            {"type": "audio", "audio_url": "input"},
            {"type": "text", "text": question or CAPTION_PROMPT},
        ]}]
        return self.processor.apply_chat_template(conversation, add_generation_prompt=True,
                                                  tokenize=False)

    def answer(self, samples: np.ndarray, question: str | None) -> str:
        """The model's answer about mono 16 kHz ``samples`` (at most 30 s)."""
        import torch

        inputs = self.processor(text=[self.prompt(question)], audio=[samples],
                                sampling_rate=RATE, return_tensors="pt", padding=True)
        inputs = inputs.to(self.device)
        if "input_features" in inputs:
            inputs["input_features"] = inputs["input_features"].to(self.model.dtype)
        with torch.inference_mode():
            out = self.model.generate(**inputs, max_new_tokens=MAX_NEW_TOKENS, do_sample=False)
        new = out[:, inputs["input_ids"].shape[1]:]
        return self.processor.batch_decode(new, skip_special_tokens=True)[0].strip()

    def run(self, req: Request) -> ToolResult:
        if str(self.model_folder()) != self.path:  # the variable now names another model
            self.load()
        audio = req.audio("audio")
        samples = audio.mono.astype("float32")
        question = req.get("question")
        step = int(WINDOW_S * RATE)
        starts = list(range(0, max(1, len(samples)), step))[:MAX_WINDOWS]
        answers: list[dict[str, Any]] = []
        for i, s in enumerate(starts):
            req.progress(0.05 + 0.9 * i / len(starts), "listening with Qwen2-Audio")
            chunk = samples[s:s + step]
            if len(chunk) < RATE // 10 and answers:  # a sliver after the last full window
                break
            text = self.answer(chunk, question)
            answers.append({"start": round(s / RATE, 2),
                            "end": round((s + len(chunk)) / RATE, 2), "text": text})
        if not any(a["text"] for a in answers):
            raise BackendError("audio_captioning/qwen2-audio: the model gave an empty answer")
        if len(answers) == 1:
            text = answers[0]["text"]
        else:
            text = " ".join(f"[{a['start']:.0f}-{a['end']:.0f} s] {a['text']}" for a in answers)
        analysed = answers[-1]["end"]
        if analysed < audio.duration - 0.05:
            text += f" (Only the first {analysed:.0f} s of {audio.duration:.0f} s were heard.)"
        data = {"method": "qwen2-audio", "model": self.path, "device": self.device,
                "question": question, "question_answered": bool(question),
                "windows": answers, "seconds_heard": analysed,
                "duration": round(audio.duration, 3)}
        return ToolResult(outputs=[Output("text", text, "answer" if question else "caption")],
                          text=text, data=data)

