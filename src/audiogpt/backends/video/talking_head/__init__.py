"""backends.video.talking_head."""
