#!/usr/bin/env bash
# One job of the audit workflow's matrix, runnable anywhere (the end-to-end test runs this
# file): list the submission folders of shard K of N, fetch the Git LFS content of exactly
# their bundles, and validate that shard, writing drivercert's JSON report.
#
#   SHARD        K/N (K counts from 1)
#   OUT          where to write the JSON report
#   DATA_DIR     the checkout to validate (default: this script's repository), made with
#                GIT_LFS_SKIP_SMUDGE=1 so no bundle's content is fetched by the checkout
# Exit status: drivercert's (0 valid, 1 invalid, 2 usage); the report is written either way.

set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
drivercert() { node "$repo_root/dist/cli/main.js" "$@"; }

: "${SHARD:?SHARD must be K/N}"
: "${OUT:?OUT must name the JSON report to write}"
data_dir="${DATA_DIR:-$repo_root}"

folders="$(drivercert validate --repo "$data_dir" --shard "$SHARD" --list)" || exit $?
# Only plain folder names go into --include (a comma or glob character would widen it).
include="$(printf '%s\n' "$folders" | grep -E '^results/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$' |
  sed 's|$|/*.tgz|' | paste -sd, -)"
if [ -n "$include" ]; then
  echo "shard $SHARD: fetching the bundles of $(printf '%s\n' "$folders" | grep -c .) submissions"
  git -C "$data_dir" lfs pull --include="$include" --exclude="" ||
    echo "git lfs pull failed: the bundles not fetched are checked from their pointers" >&2
fi

mkdir -p "$(dirname "$OUT")"
drivercert validate --repo "$data_dir" --shard "$SHARD" --format json >"$OUT"
status=$?
[ -s "$OUT" ] || exit $((status == 0 ? 1 : status))
exit "$status"
