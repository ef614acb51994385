#!/usr/bin/env bash
# Debian packages the build and the tests need; installed once, never at build time.
#   chromium          headless browser for end-to-end, accessibility and screenshot tests
#   fonts-noto-core   fonts with full Vietnamese coverage for slides, covers, certificates; it also ships
#                     Noto Sans Khmer, merged into the slide font for Khmer translations (docs/translation.md)
#   espeak-ng         offline Vietnamese text-to-speech (the default narration voice)
#   ffmpeg            video encoding and probing
set -euo pipefail
packages=(chromium fonts-noto-core espeak-ng ffmpeg)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
