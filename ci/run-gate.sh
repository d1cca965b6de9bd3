#!/usr/bin/env bash
# Runs `azegress gate` for a CI job: the step both the GitHub Action (action.yml) and the Azure Pipelines
# template (ci/azure-pipelines/azegress-gate.yml) run. Everything comes from environment variables, the way
# the runners pass a step's inputs:
#
#   AZEGRESS                     the binary (default: azegress on PATH)
#   INPUT_PATHS                  what to gate, one path per line (default: .)
#   INPUT_PACKS                  requirement packs, one per line: a built-in name or a YAML file (default: the
#                                built-in azure-vm-backup)
#   INPUT_REGION                 --region, for templates that take the location from the resource group
#   INPUT_BASELINE               a baseline file: only findings it does not list fail
#   INPUT_FORMAT                 the log's format: table (default), json, sarif, junit or markdown
#   INPUT_SARIF_FILE             also write SARIF here (empty: none)
#   INPUT_JUNIT_FILE             also write JUnit XML here (empty: none)
#   INPUT_SUMMARY                true: append the Markdown report to $GITHUB_STEP_SUMMARY (GitHub only)
#   INPUT_FAIL_ON_INCONCLUSIVE   true (default): exit 3 (inconclusive) fails the step; false: it passes with
#                                a warning
#   INPUT_ARGS                   more arguments for `azegress gate`, quoted as in a shell (never evaluated)
#   INPUT_UPDATE_TAGS            true: `azegress tags update` first (this week's service tags; network); when
#                                the download fails the gate runs with the tags it has, and its report names them
#
# It exits with azegress's code (0 passed, 1 findings, 2 input or usage error, 3 inconclusive), except 3
# with INPUT_FAIL_ON_INCONCLUSIVE=false. On GitHub it sets the step outputs exit-code and sarif-file; on
# Azure Pipelines the variables AZEGRESS_EXIT_CODE and AZEGRESS_SARIF_FILE.
set -uo pipefail

bin="${AZEGRESS:-azegress}"
truthy() { case "$(printf '%s' "${1:-}" | tr 'A-Z' 'a-z')" in true|1|yes|on) return 0 ;; *) return 1 ;; esac; }
github() { [ -n "${GITHUB_ACTIONS:-}" ] || [ -n "${GITHUB_OUTPUT:-}" ]; }
azure() { [ -n "${TF_BUILD:-}" ]; }
warn() {
  if github; then echo "::warning title=azegress::$1"
  elif azure; then echo "##vso[task.logissue type=warning]azegress: $1"
  else echo "azegress: warning: $1" >&2; fi
}
fail() {
  if github; then echo "::error title=azegress::$1"
  elif azure; then echo "##vso[task.logissue type=error]azegress: $1"
  else echo "azegress: error: $1" >&2; fi
}
set_output() { # name value
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"; fi
  if azure; then
    local var
    var="AZEGRESS_$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')"
    echo "##vso[task.setvariable variable=$var]$2"
  fi
}

if ! command -v "$bin" >/dev/null 2>&1; then
  fail "azegress not found (AZEGRESS=$bin): install it first (ci/install.sh)"
  exit 2
fi

args=(gate)
# one path (or pack) per line; blank lines and surrounding blanks ignored
while IFS= read -r p; do
  p="$(printf '%s' "$p" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')"
  [ -n "$p" ] && args+=("$p")
done <<< "${INPUT_PATHS:-.}"
npaths=$(( ${#args[@]} - 1 ))
if [ "$npaths" -eq 0 ]; then args+=("."); fi
while IFS= read -r p; do
  p="$(printf '%s' "$p" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')"
  [ -n "$p" ] && args+=(--pack "$p")
done <<< "${INPUT_PACKS:-}"
[ -n "${INPUT_REGION:-}" ] && args+=(--region "$INPUT_REGION")
if [ -n "${INPUT_BASELINE:-}" ]; then
  if [ ! -e "$INPUT_BASELINE" ]; then
    fail "the baseline $INPUT_BASELINE does not exist: create it with \`azegress gate PATHS --write-baseline $INPUT_BASELINE\`, review it and commit it (or leave the baseline input empty)"
    set_output exit-code 2
    exit 2
  fi
  args+=(--baseline "$INPUT_BASELINE")
fi
args+=(--format "${INPUT_FORMAT:-table}")
sarif="${INPUT_SARIF_FILE:-}"
if [ -n "$sarif" ]; then
  mkdir -p "$(dirname "$sarif")"
  args+=(--sarif "$sarif")
fi
if [ -n "${INPUT_JUNIT_FILE:-}" ]; then
  mkdir -p "$(dirname "$INPUT_JUNIT_FILE")"
  args+=(--junit "$INPUT_JUNIT_FILE")
fi
summary=""
if truthy "${INPUT_SUMMARY:-false}" && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  tmpdir="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/azegress.XXXXXX")"
  trap 'rm -rf "$tmpdir"' EXIT
  summary="$tmpdir/summary.md"
  args+=(--markdown "$summary")
fi
if [ -n "${INPUT_ARGS:-}" ]; then
  # split as a shell would (quotes honoured), without evaluating anything
  words="$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/azegress-args.XXXXXX")"
  if ! printf '%s' "$INPUT_ARGS" | xargs printf '%s\0' > "$words"; then
    rm -f "$words"
    fail "the extra arguments cannot be split (an unmatched quote?): $INPUT_ARGS"
    set_output exit-code 2
    exit 2
  fi
  while IFS= read -r -d '' a; do args+=("$a"); done < "$words"
  rm -f "$words"
fi

if truthy "${INPUT_UPDATE_TAGS:-false}"; then
  echo "azegress tags update"
  if ! "$bin" tags update; then
    warn "tags update failed: the gate uses the service tags it has (its report names the file and its date)"
  fi
fi

printf 'azegress'; printf ' %q' "${args[@]}"; printf '\n'
"$bin" "${args[@]}"
code=$?

if [ -n "$summary" ] && [ -s "$summary" ]; then cat "$summary" >> "$GITHUB_STEP_SUMMARY"; fi
set_output exit-code "$code"
if [ -n "$sarif" ] && [ -f "$sarif" ]; then
  # absolute, so an upload step in another working directory finds it
  case "$sarif" in /*) ;; *) sarif="$(cd "$(dirname "$sarif")" && pwd)/$(basename "$sarif")" ;; esac
  set_output sarif-file "$sarif"
fi

case "$code" in
  0) ;;
  1) fail "the gate failed: a finding at or above --fail-on is open (exit 1)" ;;
  2) fail "input or usage error (exit 2): see the line above" ;;
  3)
    if truthy "${INPUT_FAIL_ON_INCONCLUSIVE:-true}"; then
      fail "inconclusive (exit 3): a requirement could not be decided offline; the report names what is unknown"
    else
      warn "inconclusive (exit 3), passed because fail-on-inconclusive is false; the report names what is unknown"
      exit 0
    fi
    ;;
  *) fail "azegress exited with $code" ;;
esac
exit "$code"
