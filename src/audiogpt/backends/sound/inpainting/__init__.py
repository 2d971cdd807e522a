"""backends.sound.inpainting."""
