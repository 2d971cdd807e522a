"""backends.generation.singing."""
