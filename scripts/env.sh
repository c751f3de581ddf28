# Shared settings for the scripts: sourced, not run.
#
# Builds go to a cache outside the clone, so later runs in the same folder (CI included) reuse
# them. One cache per clone folder: Cargo decides freshness from the source paths it last built
# from, so two clones sharing one target dir can hand each other stale binaries.
clone_key=$(printf '%s' "$PWD" | sha1sum | cut -c1-12)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/leadbook/target-$clone_key}"
export PATH="$HOME/.cargo/bin:$PATH"
