# Shared settings for the scripts: sourced, not run.
# Builds go to a cache outside the clone so fresh clones (and CI) reuse them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/leadbook/target}"
export PATH="$HOME/.cargo/bin:$PATH"
