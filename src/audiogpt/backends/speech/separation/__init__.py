"""backends.speech.separation."""
