"""Music transcription: audio -> notes."""
