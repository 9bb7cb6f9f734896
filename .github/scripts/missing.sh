#!/usr/bin/env bash
# The missing workflow's first step: the drivers without results in the current cycle,
# as JSON, for the step that opens, updates and closes their tracking issues. If
# drivercert fails, this step fails and no issue is touched.
#
#   MISSING_JSON   where to write the list

set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# drivercert is this repository's own package: after `npm ci` its bin is dist/cli/main.js,
# which is what `npx drivercert` runs too. Calling it directly skips npx's lookup (which
# would re-install the package into npx's cache) and needs no network.
drivercert() { node "$repo_root/dist/cli/main.js" "$@"; }

: "${MISSING_JSON:?MISSING_JSON must name the output file}"

# Written to a temporary file first, so a failure never leaves half a list behind.
drivercert missing --format json >"$MISSING_JSON.tmp"
mv "$MISSING_JSON.tmp" "$MISSING_JSON"
