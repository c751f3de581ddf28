#!/usr/bin/env bash
# Runs every test layer: lint, core unit tests, CLI tests, UI unit tests, and the end-to-end
# tests of the real app under Xvfb. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

step() { printf '\n== %s\n' "$*"; }

step "setup"
scripts/setup.sh --test

step "build the UI (the app crate embeds ui/dist, so clippy needs it too)"
(cd ui && npm run build --silent)

step "format and lint"
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "core, export and CLI tests (includes the TypeScript bindings freshness check)"
cargo test --quiet -p leadbook-core -p leadbook-export -p leadbook-cli

step "UI type check and unit tests"
(cd ui && npm run --silent lint && npm run --silent check && npm test --silent)

step "build the app"
cargo build --quiet -p leadbook

step "end-to-end tests (real app under Xvfb; screenshots in target/screenshots/)"
# WebKitGTK renders blank under Xvfb without these; set only when the caller has not.
export WEBKIT_DISABLE_COMPOSITING_MODE="${WEBKIT_DISABLE_COMPOSITING_MODE:-1}"
export WEBKIT_DISABLE_DMABUF_RENDERER="${WEBKIT_DISABLE_DMABUF_RENDERER:-1}"
# The screen is the window's size so a screen capture is a window capture.
xvfb-run -a -s "-screen 0 1280x820x24" dbus-run-session -- \
  cargo test --quiet -p leadbook-tests -- --test-threads=1

step "all test layers passed"
