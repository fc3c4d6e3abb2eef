"""The vendored front-end files are the npm releases, unmodified: every file's SHA-256 is the one the
manifest recorded when scripts/vendor_web.py fetched it, each package keeps its licence, nothing else sits
in vendor/, the docs list them, and the package data ships them."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "src" / "wireledger" / "web"
VENDOR = WEB / "static" / "vendor"
MANIFEST = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))


def test_every_vendored_file_is_as_released() -> None:
    for pkg in MANIFEST["packages"]:
        assert re.fullmatch(r"sha512-[A-Za-z0-9+/]+=*", pkg["integrity"]), pkg["name"]
        for f in pkg["files"]:
            digest = hashlib.sha256((VENDOR / f["path"]).read_bytes()).hexdigest()
            assert digest == f["sha256"], f"{f['path']} differs from {pkg['name']}@{pkg['version']}"


def test_each_package_keeps_its_licence_and_nothing_unlisted_is_vendored() -> None:
    listed = {f["path"] for pkg in MANIFEST["packages"] for f in pkg["files"]}
    for pkg in MANIFEST["packages"]:
        assert f"{pkg['name']}/LICENSE" in listed
        assert pkg["licence"]
    present = {str(p.relative_to(VENDOR)) for p in VENDOR.rglob("*") if p.is_file()} - {"manifest.json"}
    assert present == listed


def test_the_required_releases_are_vendored() -> None:
    versions = {pkg["name"]: pkg["version"] for pkg in MANIFEST["packages"]}
    assert versions == {"leaflet": "1.9.4", "cytoscape": "3.34.4", "topojson-client": "3.1.0",
                        "world-atlas": "2.0.2"}


def test_docs_list_every_vendored_package() -> None:
    text = (ROOT / "docs" / "third-party.md").read_text(encoding="utf-8")
    for pkg in MANIFEST["packages"]:
        assert f"{pkg['name']}@{pkg['version']}" in text
        assert pkg["integrity"] in text


def test_package_data_ships_the_templates_and_static_files() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    files = [p for folder in ("templates", "static") for p in (WEB / folder).rglob("*") if p.is_file()]
    assert len(files) > 20
    for path in files:
        rel = str(path.relative_to(WEB))
        assert any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(path.name, pat) for pat in patterns), rel
