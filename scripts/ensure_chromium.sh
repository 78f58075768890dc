#!/usr/bin/env bash
# Idempotent: make sure a headless-capable Chromium is installed (Debian's `chromium`,
# /usr/bin/chromium). Used by the api-gateway dashboard test. Exits 0 when chromium is present
# afterwards, non-zero when it could not be installed (no root, no network, no package).
set -euo pipefail

find_chromium() {
  for c in "${OMNI_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$c" ] && [ -x "$c" ]; then echo "$c"; return 0; fi
  done
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || return 1
}

if path=$(find_chromium); then
  echo "$path"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "ensure_chromium: not root and no passwordless sudo; cannot install chromium" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends chromium >&2

path=$(find_chromium) || { echo "ensure_chromium: chromium still missing" >&2; exit 1; }
echo "$path"
