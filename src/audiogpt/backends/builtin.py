"""The built-in backends, registered through the ``audiogpt.backends`` entry-point group.

Strings are imported lazily by the registry; backend modules keep heavy imports inside
functions so listing the backends stays fast.
"""

BACKENDS = [
    "audiogpt.backends.edit:DSPEdit",
    "audiogpt.backends.asr_pocketsphinx:PocketSphinxASR",
    "audiogpt.backends.asr_whisper:WhisperASR",
    "audiogpt.backends.tts:OfflineTTS",
    "audiogpt.backends.fm_mms_tts:MMSTTS",
    "audiogpt.backends.translate_apertium:ApertiumSpeechTranslation",
    "audiogpt.backends.fm_nllb:NLLBSpeechTranslation",
    "audiogpt.backends.sounddesign:ProceduralSoundDesign",
    "audiogpt.backends.image2audio:SceneSonification",
    "audiogpt.backends.talkinghead:VisemeTalkingHead",
    "audiogpt.backends.music_algorithmic:AlgorithmicMusic",
    "audiogpt.backends.fm_musicgen:MusicGen",
    "audiogpt.backends.singing_world:WorldSinging",
    "audiogpt.backends.sed:FeatureSED",
    "audiogpt.backends.fm_ast:ASTSED",
    "audiogpt.backends.tsd:ClassicTSD",
    "audiogpt.backends.extraction:DSPExtraction",
    "audiogpt.backends.captioning:AnalysisCaption",
    "audiogpt.backends.inpaint:DSPInpaint",
    "audiogpt.backends.binaural:SphericalHeadBinaural",
    "audiogpt.backends.binaural_kemar:KemarBinaural",
    "audiogpt.backends.voice:PraatVoiceClone",
    "audiogpt.backends.voice:PraatVoiceConversion",
    "audiogpt.backends.enhance:RNNoiseWiener",
    "audiogpt.backends.separation:HarmonicSeparation",
    "audiogpt.backends.separation:ILRMASeparation",
]
