"""Extract bundles as a reviewer would, with GNU tar and with Python's tarfile, and say what each produced.

Called once by test/hostile/tar-parity.test.ts for every bundle drivercert accepted (one process for
all): reads a JSON list of {"id", "bundle", "dir"} on standard input and prints one JSON object
mapping each id to {"gnu": ..., "python": ...}, each {"ok", "error", "entries"}, where an entry is
{"name", "type", "size"?, "sha256"?} for every file and folder under the extraction folder.

Python extracts with the `data` filter (3.11.4 and later, and backports); without it, members are
read with getmembers()/extractfile() and written by hand after the filter's own refusals, so a
hostile bundle is never extracted unfiltered.
"""

import hashlib
import json
import os
import subprocess
import sys
import tarfile


def walk(root):
    """Every file and folder under ROOT, by its path relative to ROOT (with '/')."""
    entries = []
    for here, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(here, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if os.path.islink(path):
                entries.append({"name": rel, "type": "symlink"})
            elif os.path.isdir(path):
                entries.append({"name": rel, "type": "directory"})
            elif os.path.isfile(path):
                with open(path, "rb") as f:
                    data = f.read()
                entries.append(
                    {"name": rel, "type": "file", "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                )
            else:
                entries.append({"name": rel, "type": "other"})
    return sorted(entries, key=lambda e: e["name"])


def gnu_tar(bundle, dest):
    # --no-same-owner/--no-same-permissions: as a reviewer who is not root extracts (this may run as root).
    run = subprocess.run(
        ["tar", "-xzf", bundle, "-C", dest, "--no-same-owner", "--no-same-permissions"],
        capture_output=True,
        text=True,
    )
    return {"ok": run.returncode == 0, "error": run.stderr.strip() or None}


def filtered_by_hand(archive, dest):
    """The data filter's refusals (no absolute or '..' names, no links, devices or FIFOs), then the files written."""
    root = os.path.realpath(dest)
    for m in archive.getmembers():
        name = m.name.rstrip("/")
        target = os.path.realpath(os.path.join(root, name))
        if os.path.isabs(m.name) or os.path.commonpath([root, target]) != root:
            raise tarfile.TarError("%r would be extracted outside the destination" % m.name)
        if m.isdir():
            os.makedirs(target, exist_ok=True)
        elif m.isreg():
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with archive.extractfile(m) as src, open(target, "wb") as out:
                out.write(src.read())
        else:
            raise tarfile.TarError("%r is a special file or link" % m.name)


def python_tarfile(bundle, dest):
    try:
        with tarfile.open(bundle, "r:gz") as archive:
            if hasattr(tarfile, "data_filter"):
                archive.extractall(dest, filter="data")
            else:
                filtered_by_hand(archive, dest)
        return {"ok": True, "error": None}
    except Exception as e:  # every failure is an outcome to compare, not a crash of this script
        return {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}


def main():
    out = {}
    for job in json.load(sys.stdin):
        result = {}
        for tool, extract in (("gnu", gnu_tar), ("python", python_tarfile)):
            dest = os.path.join(job["dir"], tool)
            os.makedirs(dest)
            result[tool] = extract(job["bundle"], dest)
            result[tool]["entries"] = walk(dest)
        out[job["id"]] = result
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
