"""backends.sound.events."""
