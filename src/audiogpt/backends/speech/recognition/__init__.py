"""backends.speech.recognition."""
