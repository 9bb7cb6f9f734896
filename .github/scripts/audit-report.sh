#!/usr/bin/env bash
# The audit workflow's merge step, runnable anywhere (the end-to-end test runs this file):
# merge the shards' JSON reports into one Markdown report, append it to the job summary,
# write it as the issue body, and say whether the audit failed (step output `failed`).
#
#   REPORT_DIR   the folder holding shard-*.json (the downloaded artifacts)
#   SHARDS       how many shards the matrix ran (fewer reports fail the audit)
#   BODY         where to write the Markdown (the issue body)
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY   (set by GitHub Actions) when present
# Exit status: 0 whether the audit passed or failed (the output says which), 2 usage error.

set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
drivercert() { node "$repo_root/dist/cli/main.js" "$@"; }

: "${REPORT_DIR:?REPORT_DIR must name the folder of the shard reports}"
: "${SHARDS:?SHARDS must be the number of shards}"
: "${BODY:?BODY must name the Markdown file to write}"

shopt -s nullglob
reports=("$REPORT_DIR"/shard-*.json)
mkdir -p "$(dirname "$BODY")"
if [ "${#reports[@]}" -eq 0 ]; then
  printf '## drivercert audit: failed\n\nNo shard reported anything: the logs of the shard jobs say why.\n' >"$BODY"
  status=1
else
  drivercert merge-reports --shards "$SHARDS" "${reports[@]}" >"$BODY"
  status=$?
fi
[ "$status" -eq 2 ] && exit 2

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$BODY" >>"$GITHUB_STEP_SUMMARY"; fi
failed=false
[ "$status" -ne 0 ] && failed=true
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "failed=$failed" >>"$GITHUB_OUTPUT"; fi
echo "audit failed: $failed"
exit 0
