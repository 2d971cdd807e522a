"""The built-in backends, registered through the ``audiogpt.backends`` entry-point group.

Strings are imported lazily by the registry; backend modules keep heavy imports inside
functions so listing the backends stays fast.
"""

BACKENDS = [
    "audiogpt.backends.edit.dsp:DSPEdit",
    "audiogpt.backends.speech.recognition.pocketsphinx:PocketSphinxASR",
    "audiogpt.backends.speech.recognition.whisper:WhisperASR",
    "audiogpt.backends.speech.synthesis.offline:OfflineTTS",
    "audiogpt.backends.speech.synthesis.mms:MMSTTS",
    "audiogpt.backends.speech.translation.apertium:ApertiumSpeechTranslation",
    "audiogpt.backends.speech.translation.nllb:NLLBSpeechTranslation",
    "audiogpt.backends.generation.text_to_audio.procedural:ProceduralSoundDesign",
    "audiogpt.backends.generation.image_to_audio.scene:SceneSonification",
    "audiogpt.backends.video.talking_head.viseme_warp:VisemeTalkingHead",
    "audiogpt.backends.generation.music.algorithmic:AlgorithmicMusic",
    "audiogpt.backends.generation.music.musicgen:MusicGen",
    "audiogpt.backends.generation.singing.world:WorldSinging",
    "audiogpt.backends.sound.events.features_backend:FeatureSED",
    "audiogpt.backends.sound.events.ast_model:ASTSED",
    "audiogpt.backends.sound.target_detection:ClassicTSD",
    "audiogpt.backends.sound.extraction:DSPExtraction",
    "audiogpt.backends.sound.captioning:AnalysisCaption",
    "audiogpt.backends.sound.inpainting.dsp:DSPInpaint",
    "audiogpt.backends.sound.binaural.spherical:SphericalHeadBinaural",
    "audiogpt.backends.sound.binaural.kemar:KemarBinaural",
    "audiogpt.backends.speech.voice.praat:PraatVoiceClone",
    "audiogpt.backends.speech.voice.praat:PraatVoiceConversion",
    "audiogpt.backends.speech.voice.clone:WorldMapVoiceClone",
    "audiogpt.backends.speech.voice.clone:WorldMapVoiceConversion",
    "audiogpt.backends.speech.voice.watermark_detect:KeyedWatermarkDetection",
    "audiogpt.backends.speech.enhancement.rnnoise:RNNoiseWiener",
    "audiogpt.backends.speech.separation.backends:HarmonicSeparation",
    "audiogpt.backends.speech.separation.backends:ILRMASeparation",
]
