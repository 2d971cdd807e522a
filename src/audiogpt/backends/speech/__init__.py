"""backends.speech."""
