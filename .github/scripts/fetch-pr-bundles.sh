#!/usr/bin/env bash
# The validate workflow's LFS step, runnable anywhere (the end-to-end test runs this file):
# fetch the Git LFS content of the bundles the pull request adds or changes, and nothing
# else. Every other bundle stays a pointer, which validate checks from its oid and size.
#
#   BASE_REF      the base branch; the pull request's changes are counted from origin/$BASE_REF
#   DATA_DIR      the pull request's checkout (made with GIT_LFS_SKIP_SMUDGE=1: pointers only)
#   LFS_URL       (optional) where the pull request's LFS objects are: its head repository's
#                 LFS endpoint (https://github.com/OWNER/REPO.git/info/lfs); it replaces any
#                 .lfsconfig the pull request brings
# Exit status: 0, whatever happened (and 2 when a variable is missing): this step never keeps
# the pull request from being validated. A bundle that was not fetched stays a pointer, and
# validate then says so on the pull request, with the command that fetches it.

set -uo pipefail

: "${BASE_REF:?BASE_REF must name the base branch}"
: "${DATA_DIR:?DATA_DIR must name the pull request checkout}"

git_pr() { git -C "$DATA_DIR" -c core.quotePath=false "$@"; }

skip() { echo "not fetching any bundle: $1 (validate reports the bundles that stay LFS pointers)" >&2; exit 0; }

git lfs version >/dev/null 2>&1 || skip "git-lfs is not installed"

if [ -n "${LFS_URL:-}" ]; then
  [[ "$LFS_URL" =~ ^https://[A-Za-z0-9.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+\.git/info/lfs$ ]] ||
    skip "LFS_URL is not https://HOST/OWNER/REPO.git/info/lfs: $LFS_URL"
  git_pr config lfs.url "$LFS_URL" || skip "git cannot set lfs.url in $DATA_DIR"
fi

base="$(git_pr merge-base "origin/$BASE_REF" HEAD)" || skip "origin/$BASE_REF and HEAD have no common commit"
# The .tgz files the pull request adds or changes under results/<cycle>/<driver>/, one per
# line; names that are not plain (a comma, a glob character, a space…) are left out of the
# --include list, so no name can widen it, and validate reports them.
mapfile -t bundles < <(git_pr diff --name-only --diff-filter=AMT --no-renames "$base" HEAD -- 'results/*/*/*.tgz' |
  grep -E '^results/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+\.tgz$' | sort -u)

# A pointer names its content's size: content over 100 MiB (the largest bundle validate reads)
# is not downloaded at all; validate refuses it from its pointer.
max_bytes=104857600
wanted=()
for b in "${bundles[@]}"; do
  size="$(git_pr cat-file -p "HEAD:$b" 2>/dev/null | head -c 1024 | sed -n 's/^size \([0-9]\{1,15\}\)$/\1/p' | head -1)"
  if [ -n "$size" ] && [ "$size" -gt "$max_bytes" ]; then
    echo "not fetching $b: its pointer says $size bytes, over $max_bytes" >&2
  else
    wanted+=("$b")
  fi
done
bundles=("${wanted[@]}")

if [ "${#bundles[@]}" -eq 0 ]; then
  echo "no bundle to fetch: the pull request adds or changes none"
  exit 0
fi
include="$(IFS=,; echo "${bundles[*]}")"
echo "fetching the LFS content of: ${bundles[*]}"
if ! git_pr lfs pull --include="$include" --exclude=""; then
  echo "git lfs pull failed: validate will read these bundles as pointers and say so" >&2
fi
exit 0
