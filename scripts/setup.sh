#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and run Leadbook.
#   scripts/setup.sh          app build dependencies + UI packages
#   scripts/setup.sh --test   also what the test suite needs (Xvfb, WebKitWebDriver, tauri-driver)
# Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

packages=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
  libsoup-3.0-dev libxdo-dev libssl-dev build-essential file pkg-config)
if ((want_test)); then
  packages+=(webkit2gtk-driver xvfb xauth dbus-x11 imagemagick poppler-utils xdotool)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "setup: Rust is missing; install it with rustup (https://rustup.rs)" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js 20+ with npm is missing" >&2; exit 1; }

if ((want_test)) && ! command -v tauri-driver >/dev/null && [[ ! -x "$HOME/.cargo/bin/tauri-driver" ]]; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

# UI packages, exactly as locked; reinstalled only when the lock file changes.
if [[ ! -f ui/node_modules/.package-lock.json || ui/package-lock.json -nt ui/node_modules/.package-lock.json ]]; then
  echo "setup: installing UI packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
