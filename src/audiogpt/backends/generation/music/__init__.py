"""backends.generation.music."""
