"""backends.edit."""
