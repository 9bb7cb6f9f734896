#!/usr/bin/env bash
# The missing workflow's first step: the drivers without results in the current cycle,
# as JSON, for the step that opens, updates and closes their tracking issues.
#
#   MISSING_JSON   where to write the list
#   GITHUB_OUTPUT  (set by GitHub Actions) receives available=true|false
# When this version of drivercert has no `missing` command, nothing is written and
# available=false, so no tracking issue is opened or closed on an empty answer.

set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# drivercert is this repository's own package: after `npm ci` its bin is dist/cli/main.js,
# which is what `npx drivercert` runs too. Calling it directly skips npx's lookup (which
# would re-install the package into npx's cache) and needs no network.
drivercert() { node "$repo_root/dist/cli/main.js" "$@"; }

: "${MISSING_JSON:?MISSING_JSON must name the output file}"

if drivercert missing --help >/dev/null 2>&1; then
  drivercert missing --format json >"$MISSING_JSON"
  available=true
else
  echo "::notice::drivercert has no \`missing\` command: no tracking issue is opened, updated or closed"
  available=false
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "available=$available" >>"$GITHUB_OUTPUT"
fi
