"""backends.generation.image_to_audio."""
