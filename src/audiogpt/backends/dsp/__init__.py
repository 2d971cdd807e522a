"""backends.dsp."""
