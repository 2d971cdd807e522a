"""The dialogue engine: chat models (OpenAI-compatible LLM, offline planner, scripted)."""
