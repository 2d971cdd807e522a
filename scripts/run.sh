#!/usr/bin/env bash
# Start the main app on its embedded offline defaults.
set -euo pipefail
VENV="${1:-.venv}"
HOST="${2:-127.0.0.1}"
PORT="${3:-7860}"
if "$VENV/bin/audiogpt" serve --help >/dev/null 2>&1; then
  echo "audiogpt: open http://$HOST:$PORT/ in your browser (Ctrl-C to stop)"
  exec "$VENV/bin/audiogpt" serve --host "$HOST" --port "$PORT"
fi
# Until the web UI exists: list the tools and run a real edit on a generated tone.
"$VENV/bin/audiogpt" tools
exec "$VENV/bin/python" -m audiogpt.demo
