#!/usr/bin/env bash
# Builds azegress from the source tree this script belongs to, once per version: the GitHub Action, the
# Azure Pipelines template and the pre-commit hook cache the result under a key that changes only when the
# sources do, so a run with a warm cache compiles nothing.
#
#   ci/install.sh key           prints azegress-<version>-<os>-<arch>-<hash of everything built into the binary>
#   ci/install.sh install ROOT  `cargo install --locked` into ROOT (the binary is ROOT/bin/azegress), unless
#                               ROOT/bin/azegress is there already
set -euo pipefail
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

sha() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi
}

key() {
  local version hash
  version="$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$src/Cargo.toml" | head -n 1)"
  # what the binary is built from: the manifest, the lock file, the sources and the data compiled in
  hash="$(cd "$src" && find Cargo.toml Cargo.lock src rules service-tags -type f 2>/dev/null | LC_ALL=C sort \
    | while IFS= read -r f; do printf '%s\n' "$f"; cat "$f"; done | sha | cut -c1-16)"
  printf 'azegress-%s-%s-%s-%s\n' "${version:-unknown}" "$(uname -s | tr 'A-Z' 'a-z')" "$(uname -m)" "$hash"
}

case "${1:-}" in
  key)
    key
    ;;
  install)
    root="${2:?usage: ci/install.sh install ROOT}"
    if [ -x "$root/bin/azegress" ]; then
      echo "azegress: $root/bin/azegress is installed (cached)"
      exit 0
    fi
    if ! command -v cargo >/dev/null 2>&1; then
      echo "azegress: cargo not found: install Rust 1.88 or newer (https://rustup.rs), or set AZEGRESS to an azegress binary" >&2
      exit 2
    fi
    echo "azegress: building $(key) into $root (a few minutes, once per version)"
    cargo install --locked --path "$src" --root "$root" --bin azegress
    ;;
  *)
    echo "usage: ci/install.sh key | ci/install.sh install ROOT" >&2
    exit 2
    ;;
esac
