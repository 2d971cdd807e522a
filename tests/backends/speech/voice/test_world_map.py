"""world-map cloning on real recordings: closer to the speaker than the base voice, words kept."""

from __future__ import annotations

import numpy as np
import pytest

from audiogpt.core.audio import Audio
from tests.conftest import shared_file

ARC = "eval-audio/speech_en/cmu_arctic/cmu_arctic_us_aew_a"
#: CMU ARCTIC prompts of the enrollment recordings (the transcripts enrollment learns from).
PROMPTS = {"0001": "Author of the danger trail, Philip Steels, etc.",
           "0002": "Not at this particular case, Tom, apologized Whittemore."}
TEXT = "Please remember to call your mother on Sunday evening."


@pytest.mark.slow
def test_clone_is_closer_to_the_held_out_speaker_and_keeps_the_words() -> None:
    from audiogpt.backends.dsp.watermark import detect, embed
    from audiogpt.backends.speech.recognition.whisper_embedded import transcribe
    from audiogpt.backends.speech.speaker_encoder import embed_speech, similarity
    from audiogpt.backends.speech.synthesis.offline import synthesize
    from audiogpt.backends.speech.voice import enroll
    from audiogpt.backends.speech.voice import world_map as wm
    from audiogpt.eval.wer import wer

    audios = [(n, Audio.from_file(shared_file(f"{ARC}{n}.wav"))) for n in PROMPTS]
    texts = list(PROMPTS.values())
    prof, mapping = enroll.enroll("aew", audios, lambda i: texts[i], consent="test")
    assert prof.base_voice in enroll.BASE_CANDIDATES
    # Clean studio speech: the intelligibility guard keeps the full mapping, and says so.
    assert prof.strength == 1.0 and mapping.strength == 1.0
    assert prof.strength_check.startswith("whisper check: WER "), prof.strength_check
    held = embed_speech(Audio.from_file(shared_file(f"{ARC}0003.wav")))

    stock = synthesize(TEXT, voice=prof.base_voice, language="en", sample_rate=wm.RATE)
    clone = wm.render(wm.analyse(stock), mapping)
    sim_stock = similarity(embed_speech(stock), held)
    sim_clone = similarity(embed_speech(clone), held)
    assert sim_clone > sim_stock + 0.1, (sim_clone, sim_stock)
    heard = transcribe(clone, "en", word_timestamps=False, vad=False)["text"]
    assert wer(TEXT, heard) <= 0.2, heard
    marked = embed(clone, "voice_clone")
    found = detect(marked)
    assert found["watermarked"] and found["tool"] == "voice_clone"
    assert not detect(clone)["watermarked"]
    assert np.isfinite(marked.samples).all()
