"""backends.sound."""
