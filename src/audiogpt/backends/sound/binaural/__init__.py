"""backends.sound.binaural."""
