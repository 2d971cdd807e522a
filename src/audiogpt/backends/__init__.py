"""Backends: the engines behind the tools (embedded defaults and optional foundation models)."""
