"""User-facing interfaces: CLI, HTTP API, web UI, MCP."""
