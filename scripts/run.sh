#!/usr/bin/env bash
# Sets up what is missing, builds, and launches Leadbook.
#   scripts/run.sh                      your data, in the OS app data dir
#   scripts/run.sh --data-dir DIR       another data dir (also: LEADBOOK_DATA_DIR=DIR)
#   scripts/run.sh --demo [--data-dir DIR]   first fill an empty data dir with a demo team
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

scripts/setup.sh
(cd ui && npm run build --silent)
cargo build -p leadbook -p leadbook-cli

args=()
demo=0
for a in "$@"; do
  if [[ "$a" == "--demo" ]]; then demo=1; else args+=("$a"); fi
done
if ((demo)); then
  # Refused (with a message) when the data dir already has people, so it never mixes with a team.
  "$CARGO_TARGET_DIR/debug/leadbook-cli" "${args[@]}" demo || true
fi

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "run: no display (DISPLAY/WAYLAND_DISPLAY unset); start Leadbook from a desktop session," >&2
  echo "     or under Xvfb: xvfb-run -a scripts/run.sh" >&2
  exit 1
fi
exec "$CARGO_TARGET_DIR/debug/leadbook" "${args[@]}"
