"""backends.generation."""
