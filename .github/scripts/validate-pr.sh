#!/usr/bin/env bash
# The validate workflow's step, runnable anywhere (the end-to-end test runs this file):
# hold the pull request to the rules (annotations on its files), write the reviewer's
# report to the job summary and to the artifact the comment workflow posts.
#
# Everything comes from the environment, never from an expression pasted into a script:
#   BASE_REF     the base branch (github.base_ref); compared as origin/$BASE_REF
#   AUTHOR       the pull request's author (github.event.pull_request.user.login)
#   PR_NUMBER    the pull request's number
#   REPORT_DIR   where to write report.md and pr-number (the artifact's contents)
#   DATA_DIR     the pull request's checkout (default: this script's repository); the
#                drivercert that runs is always this script's own (the base branch's)
#   GITHUB_STEP_SUMMARY   (set by GitHub Actions) the job summary, when present
# Exit status: drivercert's (0 valid, 1 invalid, 2 usage).

set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# drivercert is this repository's own package: after `npm ci` its bin is dist/cli/main.js,
# which is what `npx drivercert` runs too. Calling it directly skips npx's lookup (which
# would re-install the package into npx's cache) and needs no network.
drivercert() { node "$repo_root/dist/cli/main.js" "$@"; }

: "${BASE_REF:?BASE_REF must name the base branch}"
: "${AUTHOR:?AUTHOR must name the pull request author}"
: "${PR_NUMBER:?PR_NUMBER must be the pull request number}"
: "${REPORT_DIR:?REPORT_DIR must name the report folder}"

if ! [[ "$PR_NUMBER" =~ ^[1-9][0-9]{0,9}$ ]]; then
  echo "PR_NUMBER must be a pull request number, got: $PR_NUMBER" >&2
  exit 2
fi

mkdir -p "$REPORT_DIR"
report="$REPORT_DIR/report.md"
rm -f "$report"

data_dir="${DATA_DIR:-$repo_root}"
drivercert validate --repo "$data_dir" --changed-since "origin/$BASE_REF" --author "$AUTHOR" --format github --report "$report"
status=$?

if [ ! -s "$report" ]; then
  printf '## ⚠️ drivercert could not validate this pull request (exit status %s)\n\nThe log of the validate job says why.\n' "$status" >"$report"
fi
printf '%s\n' "$PR_NUMBER" >"$REPORT_DIR/pr-number"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$report" >>"$GITHUB_STEP_SUMMARY"
fi
exit "$status"
