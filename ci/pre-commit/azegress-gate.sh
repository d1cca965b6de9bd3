#!/usr/bin/env bash
# pre-commit hook (.pre-commit-hooks.yaml, id azegress-gate): gates the Terraform modules, ARM templates and
# Azure exports a commit changes.
#
# pre-commit passes the hook's `args` first, then the staged files that match `files` (pass_filenames: true).
# Here:
#   - an argument starting with `-` goes to `azegress gate`; write a flag and its value as one argument,
#     `--region=westeurope`, `--pack=packs/no-admin.yaml`, `--baseline=.azegress-baseline.json`;
#   - `--inconclusive-ok` (this script's own) lets exit 3 (inconclusive) pass;
#   - a Terraform file (`.tf`, `.tf.json`, `.tfvars`, `.tfvars.json`) stands for its module: each changed
#     module is gated once, as a whole (one of its `.tf` files names that module alone);
#   - any other file is gated as it is; a directory is gated with everything under it (with
#     `pass_filenames: false` and `args: [infra]` the hook gates the whole of `infra` on every commit).
# Files that hold nothing azegress gates (a package.json) pass: the hook runs `gate --allow-empty`.
#
# The binary: $AZEGRESS, else `azegress` on PATH, else built once from the hook's own checkout into
# ${XDG_CACHE_HOME:-~/.cache}/azegress/pre-commit/<version key> (a few minutes, the first time only).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
opts=()
inputs=()
inconclusive_ok=0
seen_dirs=""   # newline-separated (no associative arrays: macOS ships bash 3.2)

# the first .tf (or .tf.json) file of a directory, in name order: it names that module alone
module_file() {
  local d="$1" f
  for f in "$d"/*.tf "$d"/*.tf.json; do
    [ -f "$f" ] && { printf '%s\n' "$f"; return 0; }
  done
  return 1
}

for a in "$@"; do
  case "$a" in
    --inconclusive-ok) inconclusive_ok=1 ;;
    -*) opts+=("$a") ;;
    *.tf|*.tf.json|*.tfvars|*.tfvars.json)
      d="$(dirname -- "$a")"
      if ! printf '%s' "$seen_dirs" | grep -Fxq -- "$d"; then
        seen_dirs="$seen_dirs$d
"
        if f="$(module_file "$d")"; then inputs+=("$f"); fi
      fi
      ;;
    *)
      # a deleted file is not passed by pre-commit; anything else that is not there is the user's typo
      inputs+=("$a")
      ;;
  esac
done

if [ "${#inputs[@]}" -eq 0 ]; then
  exit 0   # nothing azegress reads changed (a .tfvars file outside any module)
fi

bin="${AZEGRESS:-}"
if [ -z "$bin" ]; then
  if command -v azegress >/dev/null 2>&1; then
    bin=azegress
  else
    key="$(bash "$here/../install.sh" key)" || exit 2
    root="${XDG_CACHE_HOME:-$HOME/.cache}/azegress/pre-commit/$key"
    bash "$here/../install.sh" install "$root" >&2 || exit 2
    bin="$root/bin/azegress"
  fi
fi

"$bin" gate --allow-empty ${opts[@]+"${opts[@]}"} "${inputs[@]}"
code=$?
if [ "$code" -eq 3 ] && [ "$inconclusive_ok" -eq 1 ]; then
  echo "azegress: inconclusive (exit 3), passed because of --inconclusive-ok" >&2
  exit 0
fi
exit "$code"
