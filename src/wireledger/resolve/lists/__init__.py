"""Sanctions lists read from their publication formats, one loader module per format.

:func:`read_lists` takes paths (files or folders), works out each file's format (or takes the one
given), groups OFAC's sdn.csv / add.csv / alt.csv of one folder into one list version, and returns
one :class:`LoadedList` per list version (or companion part) with its version date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ...errors import UsageError
from . import canada, eu, ftm, ofac, uk_fcdo, uk_ofsi
from .base import (
    AIRCRAFT,
    ALIAS,
    NON_LATIN,
    ORGANIZATION,
    PERSON,
    PREVIOUS,
    PRIMARY,
    SCREENED_KINDS,
    VESSEL,
    WEAK_ALIAS,
    ListedName,
    ListVersionRef,
    LoadedList,
    SanctionsEntry,
    SourceFile,
    load_error,
)

__all__ = [
    "AIRCRAFT",
    "ALIAS",
    "FORMATS",
    "NON_LATIN",
    "ORGANIZATION",
    "PERSON",
    "PREVIOUS",
    "PRIMARY",
    "SCREENED_KINDS",
    "VESSEL",
    "WEAK_ALIAS",
    "ListVersionRef",
    "ListedName",
    "LoadedList",
    "SanctionsEntry",
    "SourceFile",
    "detect_format",
    "read_lists",
]

Loader = Callable[[list[Path], "str | None"], LoadedList]

FORMATS: dict[str, Loader] = {
    "ofac": ofac.load,
    "uk-ofsi": uk_ofsi.load,
    "uk-fcdo": uk_fcdo.load,
    "eu": eu.load,
    "canada": canada.load,
    "ftm": ftm.load,
}
_SUFFIXES = {".csv", ".xlsx", ".xlsm", ".ods", ".xml", ".json", ".jsonl", ".ndjson"}


def detect_format(path: Path) -> str:
    """The list format of one file, from its content (its name only breaks ties)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if uk_ofsi.looks_like(path):
            return "uk-ofsi"
    elif suffix == ".ods":
        if uk_fcdo.looks_like(path):
            return "uk-fcdo"
    elif suffix == ".xml":
        if canada.looks_like(path):
            return "canada"
    elif suffix in (".json", ".jsonl", ".ndjson"):
        if ftm.looks_like(path):
            return "ftm"
    elif suffix == ".csv":
        if eu.looks_like(path):
            return "eu"
        if uk_ofsi.looks_like(path):
            return "uk-ofsi"
        if ofac.part_of(path) is not None:
            return "ofac"
    raise load_error(
        path, "unrecognised sanctions list format", "list not loaded; name the format with --format"
    )


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file() and f.suffix.lower() in _SUFFIXES and not f.name.startswith(".")
                )
            )
        elif p.is_file():
            out.append(p)
        else:
            raise load_error(p, "no such file or folder")
    return out


def check_as_of(as_of: str | None) -> str | None:
    if as_of is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of):
        raise UsageError(f"--as-of must be a date written YYYY-MM-DD, not {as_of!r}", "--as-of")
    try:
        date.fromisoformat(as_of)
    except ValueError as exc:
        raise UsageError(f"--as-of is not a calendar date ({exc})", "--as-of") from exc
    return as_of


def plan(paths: list[Path], format: str = "auto") -> list[tuple[str, list[Path]]]:
    """Which loader reads which files: one group per list version (OFAC parts of a folder together)."""
    if format != "auto" and format not in FORMATS:
        raise UsageError(f"unknown list format {format!r}; one of auto, {', '.join(FORMATS)}", "--format")
    groups: list[tuple[str, list[Path]]] = []
    ofac_by_folder: dict[Path, list[Path]] = {}
    for f in _files(paths):
        fmt = detect_format(f) if format == "auto" else format
        if fmt == "ofac":
            ofac_by_folder.setdefault(f.parent, []).append(f)
        else:
            groups.append((fmt, [f]))
    for folder_files in ofac_by_folder.values():
        groups.append(("ofac", folder_files))
    return groups


def read_lists(paths: list[Path], format: str = "auto", as_of: str | None = None) -> list[LoadedList]:
    """Read every list in ``paths``; raises InputError (E140) for the first file that cannot be read."""
    as_of = check_as_of(as_of)
    return [FORMATS[fmt](files, as_of) for fmt, files in plan(paths, format)]
