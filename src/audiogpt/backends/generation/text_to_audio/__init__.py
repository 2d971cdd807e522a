"""backends.generation.text_to_audio."""
