#!/usr/bin/env bash
# Regenerates the example submissions under results/ for the reference drivers (lvm, nfs,
# rbd) in both shipped cycles, with `drivercert pack` from inputs that
# make-example-inputs.ts generates. They are EXAMPLES: the runs did not happen.
#
#   scripts/examples/make-examples.sh        (from the repository root, after npm ci)
#
# Needs python3-os-testr (subunit-trace) and python3-subunit + python3-junitxml
# (subunit-2to1, subunit2junitxml). The closed cycle 2025.1 no longer takes results, so
# its examples are packed in a scratch copy where 2025.1 is still open — as they were
# when 2025.1 was the current cycle — and copied back.
set -euo pipefail
cd "$(dirname "$0")/../.."
drivercert() { node dist/cli/main.js "$@"; }
inputs() { npx tsx scripts/examples/make-example-inputs.ts "$@"; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
submitter=drivercert-examples
upload=tempest.api.volume.test_volumes_actions.VolumesActionsTest.test_volume_upload

# --- 2025.1, packed while it was open -------------------------------------------------
old="$work/repo-2025.1"
mkdir -p "$old/results/2025.1"
cp drivers.yaml "$old/"
sed -e 's/^state: closed$/state: open/' -e '/^closed: /d' results/2025.1/cycle.yaml >"$old/results/2025.1/cycle.yaml"

# lvm: the cert log alone (its tempest console output is the source), passed.
inputs --driver lvm --cycle 2025.1 --date 2025-06-10 --out "$work/lvm-2025.1"
DRIVERCERT_TODAY=2025-06-10 drivercert pack --repo "$old" --driver lvm --log "$work/lvm-2025.1/cert.log" \
  --submitter "$submitter" --backend-model "LVM on a loop device (devstack, single node)" \
  --backend-version "lvm2 2.03.16, targetcli-fb 2.1.53" \
  --notes "Example submission: the cert log alone, its tempest output read as the result source."

# nfs: an honest failed run (image upload timed out), cert log + subunit v2.
inputs --driver nfs --cycle 2025.1 --date 2025-06-12 --out "$work/nfs-2025.1" --fail "$upload"
DRIVERCERT_TODAY=2025-06-12 drivercert pack --repo "$old" --driver nfs --log "$work/nfs-2025.1/cert.log" \
  --subunit "$work/nfs-2025.1/tempest.subunit" \
  --attach "$work/nfs-2025.1/logs/c-vol.log" --submitter "$submitter" \
  --backend-model "Linux kernel NFS server (nfs-kernel-server)" --backend-version "nfs-utils 2.6.2, NFSv4.1" \
  --notes "Example submission: an honest failed run; volume upload to the image service timed out."

# rbd: subunit v1 (as testrepository stores runs), converted with python-subunit.
inputs --driver rbd --cycle 2025.1 --date 2025-06-20 --out "$work/rbd-2025.1"
subunit-2to1 <"$work/rbd-2025.1/tempest.subunit" >"$work/rbd-2025.1/tempest.v1.subunit"
DRIVERCERT_TODAY=2025-06-20 drivercert pack --repo "$old" --driver rbd --log "$work/rbd-2025.1/cert.log" \
  --subunit "$work/rbd-2025.1/tempest.v1.subunit" \
  --submitter "$submitter" --backend-model "Ceph cluster, 3 OSD nodes" --backend-version "Ceph 19.2.1 (squid)" \
  --notes "Example submission: the run as a subunit v1 stream."

for d in lvm nfs rbd; do
  rm -rf "results/2025.1/$d"
  cp -r "$old/results/2025.1/$d" "results/2025.1/$d"
done

# --- 2025.2, the open cycle -----------------------------------------------------------
inputs --driver lvm --cycle 2025.2 --date 2025-11-05 --out "$work/lvm-2025.2"
DRIVERCERT_TODAY=2025-11-05 drivercert pack --force --driver lvm --log "$work/lvm-2025.2/cert.log" \
  --subunit "$work/lvm-2025.2/tempest.subunit" \
  --attach "$work/lvm-2025.2/logs/c-vol.log" --submitter "$submitter" \
  --backend-model "LVM on a loop device (devstack, single node)" --backend-version "lvm2 2.03.16, targetcli-fb 2.1.53" \
  --notes "Example submission."

inputs --driver nfs --cycle 2025.2 --date 2025-11-07 --out "$work/nfs-2025.2"
DRIVERCERT_TODAY=2025-11-07 drivercert pack --force --driver nfs --log "$work/nfs-2025.2/cert.log" \
  --subunit "$work/nfs-2025.2/tempest.subunit" \
  --submitter "$submitter" --backend-model "Linux kernel NFS server (nfs-kernel-server)" \
  --backend-version "nfs-utils 2.6.2, NFSv4.1" \
  --notes "Example submission: the upload failure of 2025.1 is fixed."

# rbd: three sources of one run (subunit v2, JUnit XML, the cert log), which must agree.
inputs --driver rbd --cycle 2025.2 --date 2025-11-12 --out "$work/rbd-2025.2"
subunit2junitxml <"$work/rbd-2025.2/tempest.subunit" >"$work/rbd-2025.2/tempest.xml" || true
DRIVERCERT_TODAY=2025-11-12 drivercert pack --force --driver rbd --log "$work/rbd-2025.2/cert.log" \
  --subunit "$work/rbd-2025.2/tempest.subunit" \
  --junit "$work/rbd-2025.2/tempest.xml" --submitter "$submitter" --backend-model "Ceph cluster, 3 OSD nodes" \
  --backend-version "Ceph 19.2.3 (squid)" \
  --notes "Example submission: subunit, JUnit and console output of the same run."

drivercert matrix
drivercert validate
