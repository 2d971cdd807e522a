"""The built-in tools, registered through the ``audiogpt.tools`` entry-point group.

Strings are imported lazily by the registry; tool modules import only pydantic.
"""

TOOLS = [
    "audiogpt.tools.audio_edit:AudioEdit",
    "audiogpt.tools.speech_recognition:SpeechRecognition",
    "audiogpt.tools.text_to_speech:TextToSpeech",
    "audiogpt.tools.speech_translation:SpeechTranslation",
    "audiogpt.tools.text_to_audio:TextToAudio",
    "audiogpt.tools.image_to_audio:ImageToAudio",
    "audiogpt.tools.talking_head:TalkingHead",
    "audiogpt.tools.music_generation:MusicGeneration",
    "audiogpt.tools.singing_synthesis:SingingSynthesis",
    "audiogpt.tools.sound_event_detection:SoundEventDetection",
    "audiogpt.tools.target_sound_detection:TargetSoundDetection",
    "audiogpt.tools.sound_extraction:SoundExtraction",
    "audiogpt.tools.audio_captioning:AudioCaptioning",
    "audiogpt.tools.audio_inpainting:AudioInpainting",
    "audiogpt.tools.mono_to_binaural:MonoToBinaural",
    "audiogpt.tools.voice_clone:VoiceClone",
    "audiogpt.tools.voice_conversion:VoiceConversion",
    "audiogpt.tools.watermark_detection:WatermarkDetection",
    "audiogpt.tools.speech_enhancement:SpeechEnhancement",
    "audiogpt.tools.speech_separation:SpeechSeparation",
    "audiogpt.tools.speaker_diarization:SpeakerDiarization",
    "audiogpt.tools.music_transcription:MusicTranscription",
]
