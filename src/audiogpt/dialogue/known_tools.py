"""Planner hints for DESIGN.md tools whose classes may be missing here or declare none.

Tools added on other branches (speaker_diarization, music_transcription) set only their
``examples``; the offline planner still needs to recognise requests for them, and a plan may
name them before they are installed (the caller then declines cleanly). When such a tool is
registered and declares its own ``hints.intents``, those win over the ones here.
"""


from __future__ import annotations

from audiogpt.tools.hints import PlannerHints
from audiogpt.tools.music_transcription import MusicTranscription
from audiogpt.tools.speaker_diarization import SpeakerDiarization

KNOWN_HINTS: dict[str, PlannerHints] = {
    "speaker_diarization": SpeakerDiarization.hints,
    "music_transcription": MusicTranscription.hints,
}
KNOWN_INPUTS = {"speaker_diarization": ("audio",), "music_transcription": ("audio",)}
KNOWN_OUTPUTS = {"speaker_diarization": ("image",), "music_transcription": ("midi", "image")}

# DESIGN.md's table order: ties between equally strong triggers resolve in this order.
DESIGN_ORDER = ("speech_recognition", "speech_translation", "text_to_speech", "voice_clone",
                "voice_conversion", "speech_enhancement", "speech_separation", "mono_to_binaural",
                "audio_inpainting", "sound_extraction", "sound_event_detection",
                "target_sound_detection", "audio_captioning", "text_to_audio", "image_to_audio",
                "music_generation", "singing_synthesis", "talking_head", "audio_edit",
                "speaker_diarization", "music_transcription")
