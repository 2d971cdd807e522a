"""backends.speech.enhancement."""
