"""What a sanctions list is once read: a version of a list, holding entries with names and facts.

These are plain data, shared by the list loaders (``resolve/lists``), the screening and the ledger's
storage, which keeps them without knowing how they were read. Fields keep the source's wording.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PERSON = "person"
ORGANIZATION = "organization"
VESSEL = "vessel"
AIRCRAFT = "aircraft"
OTHER = "other"

# kinds of names on an entry
PRIMARY = "primary"
ALIAS = "alias"
WEAK_ALIAS = "weak_alias"  # low-quality a.k.a.: kept, shown, not screened
PREVIOUS = "previous"
NON_LATIN = "non_latin"
SCREENED_KINDS = (PRIMARY, ALIAS, PREVIOUS, NON_LATIN)


@dataclass
class ListedName:
    """One name of a listed person or organisation."""

    name: str
    kind: str = PRIMARY
    family: str | None = None  # the surname, when the source prints it apart
    given: str | None = None  # the given names, when the source prints them apart

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "family": self.family, "given": self.given}


@dataclass
class SanctionsEntry:
    """One designated person, organisation or thing, as one list version prints it."""

    entry_id: str
    schema: str
    names: list[ListedName] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # ranks and honorifics printed with the name
    affiliations: list[str] = field(default_factory=list)  # "Linked To", parent organisations
    remarks: list[str] = field(default_factory=list)  # reasons, other information
    listed_on: str | None = None
    gender: str | None = None

    @property
    def caption(self) -> str:
        for n in self.names:
            if n.kind == PRIMARY:
                return n.name
        return self.names[0].name if self.names else self.entry_id

    def add_name(self, name: ListedName) -> None:
        text = name.name.strip()
        if not text:
            return
        name.name = text
        if all(n.name != text or n.kind != name.kind for n in self.names):
            self.names.append(name)

    def data(self) -> dict[str, Any]:
        """The entry's facts other than names, for storage."""
        return {
            "programs": self.programs,
            "birth_dates": self.birth_dates,
            "birth_places": self.birth_places,
            "nationalities": self.nationalities,
            "countries": self.countries,
            "positions": self.positions,
            "titles": self.titles,
            "affiliations": self.affiliations,
            "remarks": self.remarks,
            "listed_on": self.listed_on,
            "gender": self.gender,
        }

    @classmethod
    def from_data(
        cls, entry_id: str, schema: str, names: list[ListedName], data: dict[str, Any]
    ) -> SanctionsEntry:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(entry_id=entry_id, schema=schema, names=names, **known)


@dataclass(frozen=True)
class ListVersionRef:
    """Which list, and which version of it, an entry was read from."""

    list_id: str
    title: str
    version_id: int | None
    version_date: str


@dataclass
class SourceFile:
    path: str
    sha256: str
    size: int

    @classmethod
    def of(cls, path: Path) -> SourceFile:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return cls(str(path), digest, path.stat().st_size)


@dataclass
class LoadedList:
    """One version of one list (or a companion part that adds to a list), as read from files."""

    list_id: str  # stable across versions: us_ofac_sdn, uk_ofsi_consolidated, eu_32018R1542 ...
    title: str
    publisher: str
    format: str
    version_date: str  # ISO date
    version_date_source: str  # file | as_of | file_name | file_modified
    entries: list[SanctionsEntry]
    files: list[SourceFile]
    companion: bool = False  # adds names/facts to the list's current version instead of replacing it
    problems: list[Any] = field(default_factory=list)  # errors.Problem of the loader

    @property
    def name_count(self) -> int:
        return sum(len(e.names) for e in self.entries)


# --- what the ledger says about a list it stored -------------------------------------------------------

LOADED = "loaded"  # a new current version
HISTORY = "history"  # stored, but older than the current version
ADDED = "added"  # a companion part added to the current version
ALREADY = "already_loaded"


@dataclass(frozen=True)
class SaveReport:
    list_id: str
    version_id: int | None
    version_date: str
    status: str  # loaded | history | added | already_loaded
    entries: int
    names: int
    replaced_version_id: int | None = None
    unmatched: int = 0  # companion rows naming entries the current version does not hold

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class VersionInfo:
    version_id: int
    list_id: str
    title: str
    version_date: str
    version_date_source: str
    kind: str
    current: bool
    entries: int
    names: int
    loaded_at: str
    superseded_at: str | None
    files: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class IndexState:
    """A list's current version, the companion parts added to it (version ids, comma-separated), and what
    its stored screening index was built from (None when it has none)."""

    ref: ListVersionRef
    entries: int
    parts: str
    built_parts: str | None
    built_key_version: str | None


@dataclass(frozen=True)
class IndexedName:
    """One name of a list version as the screening index files it: its row, its entry's row and schema."""

    name_rowid: int
    entry_rowid: int
    version_id: int
    schema: str
    listed: ListedName
