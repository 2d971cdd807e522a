"""backends.speech.translation."""
