"""backends.video."""
