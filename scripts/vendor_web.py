"""Fetch the web UI's third-party front-end files from the npm registry, as released, and check them.

    python scripts/vendor_web.py fetch   # npm pack each package, copy its files untouched, write the manifest
    python scripts/vendor_web.py check   # npm pack again and compare every vendored file byte for byte

The files land in src/wireledger/web/static/vendor/<package>/ beside the package's LICENSE, and
manifest.json records each package's version, licence, npm tarball integrity and every file's SHA-256
(tests/web/test_vendor.py checks the files against it without the network).
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "src" / "wireledger" / "web" / "static" / "vendor"
MANIFEST = VENDOR / "manifest.json"

# package, version, licence, files to take (paths inside the tarball's package/ folder)
PACKAGES = [
    ("leaflet", "1.9.4", "BSD-2-Clause",
     ["dist/leaflet.js", "dist/leaflet.css", "dist/images/layers.png", "dist/images/layers-2x.png",
      "dist/images/marker-icon.png", "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png"]),
    ("cytoscape", "3.34.4", "MIT", ["dist/cytoscape.min.js"]),
    ("topojson-client", "3.1.0", "ISC", ["dist/topojson-client.min.js"]),
    ("world-atlas", "2.0.2", "ISC (data: Natural Earth, public domain)", ["countries-110m.json"]),
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pack(name: str, version: str, into: Path) -> tuple[Path, str]:
    """``npm pack`` one release into ``into``; (its unpacked package folder, the tarball's integrity)."""
    out = subprocess.run(["npm", "pack", f"{name}@{version}", "--json", "--silent"], cwd=into, check=True,
                         capture_output=True, text=True).stdout
    info = json.loads(out)[0]
    tarball = into / info["filename"]
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if integrity != info["integrity"]:
        raise SystemExit(f"{name}@{version}: the tarball's SHA-512 differs from what npm reports")
    folder = into / f"{name}-{version}"
    with tarfile.open(tarball) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package", integrity


def fetch() -> None:
    packages = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, version, licence, files in PACKAGES:
            root, integrity = pack(name, version, Path(tmp))
            target = VENDOR / name
            shutil.rmtree(target, ignore_errors=True)
            entries = []
            for rel in [*files, "LICENSE"]:
                dest = target / (rel.removeprefix("dist/"))
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(root / rel, dest)
                entries.append({"path": str(dest.relative_to(VENDOR)), "from": rel, "sha256": sha256(dest)})
            packages.append({"name": name, "version": version, "licence": licence,
                             "integrity": integrity, "tarball": f"https://registry.npmjs.org/{name}/-/"
                             f"{name}-{version}.tgz", "files": entries})
    MANIFEST.write_text(json.dumps({"packages": packages}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {MANIFEST}")


def check() -> int:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in manifest["packages"]:
            root, integrity = pack(pkg["name"], pkg["version"], Path(tmp))
            if integrity != pkg["integrity"]:
                print(f"{pkg['name']}: the registry's tarball is not the one recorded")
                bad += 1
            for f in pkg["files"]:
                mine = VENDOR / f["path"]
                if not mine.is_file() or mine.read_bytes() != (root / f["from"]).read_bytes():
                    print(f"{f['path']}: differs from {pkg['name']}@{pkg['version']}/{f['from']}")
                    bad += 1
    print("all vendored files are as released" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "fetch":
        fetch()
    else:
        sys.exit(check())
