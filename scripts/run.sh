#!/usr/bin/env bash
# Sets up what is missing, builds, and launches Leadbook.
#   scripts/run.sh                      your data, in the OS app data dir
#   scripts/run.sh --data-dir DIR       another data dir (also: LEADBOOK_DATA_DIR=DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

scripts/setup.sh
(cd ui && npm run build --silent)
cargo build -p leadbook -p leadbook-cli

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "run: no display (DISPLAY/WAYLAND_DISPLAY unset); start Leadbook from a desktop session," >&2
  echo "     or under Xvfb: xvfb-run -a scripts/run.sh" >&2
  exit 1
fi
exec "$CARGO_TARGET_DIR/debug/leadbook" "$@"
