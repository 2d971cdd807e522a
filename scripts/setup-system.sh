#!/usr/bin/env bash
# Install the Debian/Ubuntu packages audiogpt needs. Idempotent: skips what is present.
# Uses sudo when not root. Set AUDIOGPT_SKIP_APT=1 to skip (e.g. on non-Debian systems).
set -euo pipefail

PACKAGES=(
  ffmpeg sox libsndfile1
  flite espeak-ng festival festvox-us-slt-hts festvox-kallpc16k
  fluidsynth fluid-soundfont-gm
  apertium apertium-en-es apertium-en-ca apertium-en-gl apertium-fr-es apertium-es-pt apertium-es-it
  chromium
  libmysofa1
)

if [[ "${AUDIOGPT_SKIP_APT:-0}" == "1" ]]; then
  echo "setup-system: AUDIOGPT_SKIP_APT=1, skipping system packages"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: apt-get not found; install these packages with your package manager: ${PACKAGES[*]}" >&2
  exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup-system: all system packages present"
  exit 0
fi

SUDO=""
if [[ "$(id -u)" != "0" ]]; then SUDO="sudo"; fi
echo "setup-system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
