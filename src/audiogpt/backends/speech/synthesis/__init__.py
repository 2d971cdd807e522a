"""backends.speech.synthesis."""
