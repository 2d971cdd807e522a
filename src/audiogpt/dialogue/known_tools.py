"""Planner hints for DESIGN.md tools whose classes may be missing here or declare none.

Tools added on other branches (speaker_diarization, music_transcription) set only their
``examples``; the offline planner still needs to recognise requests for them, and a plan may
name them before they are installed (the caller then declines cleanly). When such a tool is
registered and declares its own ``hints.intents``, those win over the ones here.
"""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

from audiogpt.tools.hints import PlannerHints

KNOWN_HINTS: dict[str, PlannerHints] = {
    "speaker_diarization": PlannerHints(
        intents=(
            (r"diari[sz]|who (?:is )?(?:speaks?|talks?|speaking|talking) when|how many (?:different |distinct |separate )?"
             r"(?:people|speakers|persons|voices|talkers|men|women)|(?:number|count) of (?:different )?(?:speakers|voices|people)|"
             r"\b(?:man|male|guy|boy)\b.{0,6}\bor\b.{0,6}\b(?:woman|female|girl|lady)\b|\b(?:woman|female|girl|lady)\b.{0,6}\bor\b.{0,6}\b(?:man|male|guy|boy)\b|"
             r"gender|(?:male|female) (?:voice|speaker)s?\?|(?:people|speakers|persons|voices)\b.{0,10}\bor (?:just |only )?(?:one|two|more|a single)\b|who(?:'s| is) (?:talking|speaking)(?: here| in)|which (?:parts?|bits?) (?:does|did) each|speaker (?:turns|labels|timeline|changes)", 3.5),
            (r"男声还是女声|男的还是女的|男性还是女性|男生还是女生|是男是女|性别|几个人(?:在)?(?:说话|讲话|对话)|多少(?:个)?人(?:在)?(?:说话|讲话)|"
             r"谁在什么时候说|说话人(?:识别|日志|分割)|何人(?:が|で)?話|話者は何人|何人の話者|男性か女性|男か女|話者の数|誰がいつ", 3.5),
        ),
        examples=("How many speakers are in this recording?", "Is the speaker a man or a woman?",
                  "Who speaks when in this meeting?", "Label the speakers in this conversation"),
        summary="tell who speaks when (speaker diarization, gender by pitch)",
        short="find who speaks when", label="Speakers",
        output_words=r"diari[sz]|speaker (?:labels|timeline|segments)"),
    "music_transcription": PlannerHints(
        intents=(
            (r"\bmidi\b|sheet music|piano[- ]roll|\bnotation\b|notate|(?:transcri\w*|write (?:down|out)|get|give me|extract|work out|"
             r"figure out|tell me|what are|which are)(?: \w+){0,3} (?:notes|melody|chords|score|tabs?)\b|"
             r"(?:melody|notes|tune|song|music|singing|humming|piano|guitar)\s+(?:in)?to (?:midi|notes|a score|sheet music)|what notes", 3.5),
            (r"扒谱|记谱|转成?\s*midi|乐谱|简谱|五线谱|音符|採譜|楽譜|譜面|midiに", 3.5),
        ),
        examples=("Transcribe this melody to MIDI", "Write down the notes of this tune",
                  "Give me the sheet music for this piano piece"),
        summary="transcribe music to notes and MIDI", short="transcribe the music",
        label="Notes", output_words=r"\bmidi\b|notes|score|piano[- ]roll"),
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
