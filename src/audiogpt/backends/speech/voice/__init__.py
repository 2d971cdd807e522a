"""backends.speech.voice."""
