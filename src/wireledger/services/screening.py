"""Sanctions use cases: load lists, show them, screen a name (with context) against them.

Interfaces call these; they take the one Settings object. The screening index is kept in the ledger
(built when lists are loaded, and on first use in a ledger loaded before it existed), so screening a
name reads only the candidates' entries: ``screener()`` opens it. ``memory_screener()`` reads every
current list into memory instead, for screening many thousands of names in one process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import InputError, Problem, UsageError, WireledgerError
from ..model.sanctions import SaveReport, VersionInfo
from ..resolve.context import Qualifiers
from ..resolve.ports import SanctionsTables
from ..resolve.screen import Screener, ScreeningResult
from ..resolve.screen_index import StoredScreener, refresh_index
from ..settings import Settings
from ..store import Ledger, open_ledger

__all__ = ["LoadSummary", "Qualifiers", "ScreeningService", "load_lists", "screen_name", "show_lists"]


@dataclass
class LoadSummary:
    """What ``lists load`` did: one report per list version or part, and the problems met."""

    reports: list[SaveReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if not self.reports:
            return 2
        return 1 if any(p.is_error for p in self.problems) else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "loaded": [r.to_dict() for r in self.reports],
            "problems": [p.to_dict() for p in self.problems],
        }


class ScreeningService:
    """Sanctions lists in one ledger."""

    def __init__(self, settings: Settings, ledger: Ledger | None = None) -> None:
        self.settings = settings
        self._owned = ledger is None
        self.ledger = ledger if ledger is not None else open_ledger(settings)
        self.tables: SanctionsTables = self.ledger.sanctions
        self._screener: Screener | StoredScreener | None = None

    def __enter__(self) -> ScreeningService:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._owned:
            self.ledger.close()

    # --- lists -----------------------------------------------------------------------------------
    def load(
        self, paths: Sequence[str | Path], format: str = "auto", as_of: str | None = None
    ) -> LoadSummary:
        """Read and store every list in ``paths``; a file that cannot be read is reported and skipped.
        The screening index of the lists that changed is rebuilt."""
        from ..resolve.lists import FORMATS, LoadedList, check_as_of, plan  # the readers: only to load

        summary = LoadSummary()
        as_of = check_as_of(as_of)
        groups: list[tuple[str, list[Path]]] = []
        for p in paths:
            try:
                groups.extend(plan([Path(p)], format))
            except InputError as exc:
                summary.problems.append(exc.problem)
        for fmt, files in groups:
            try:
                loaded: LoadedList = FORMATS[fmt](files, as_of)
                summary.problems.extend(loaded.problems)
                summary.reports.append(self.tables.save_list(loaded))
            except InputError as exc:
                summary.problems.append(exc.problem)
        if summary.reports:
            self._screener = None
            refresh_index(self.ledger.screening_index)
        return summary

    def versions(self, list_id: str | None = None) -> list[VersionInfo]:
        return self.tables.versions(list_id)

    def recorded_matches(self, subject_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        return self.tables.matches(subject_id, limit)

    # --- screening -------------------------------------------------------------------------------
    def screener(self) -> Screener | StoredScreener:
        """The ledger's stored screening index (brought up to date with the current list versions)."""
        if self._screener is None:
            self._screener = StoredScreener(self.ledger.screening_index, self.settings.screening_threshold)
        return self._screener

    def memory_screener(self) -> Screener:
        """Every current list version read into an in-memory index: a few seconds to build, then
        the fastest way to screen many names."""
        screener = Screener(self.settings.screening_threshold)
        for ref, entries in self.tables.current_entries():
            screener.add(ref, entries)
        self._screener = screener
        return screener

    def screen(
        self,
        name: str,
        qualifiers: Qualifiers | None = None,
        threshold: float | None = None,
        record: bool = False,
        subject_id: str | None = None,
    ) -> ScreeningResult:
        """Screen one name against every loaded list's current version."""
        if not name or not name.strip():
            raise UsageError("give a name to screen", input="screen")
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise UsageError(f"--threshold must be between 0 and 1, not {threshold}", input="--threshold")
        screener = self.screener()
        if len(screener) == 0:
            raise WireledgerError(
                "E141", "screen", "no sanctions lists are loaded", "run `wireledger lists load PATH...` first"
            )
        result = screener.screen(name.strip(), qualifiers, threshold)
        if record:
            for m in result.matches:
                self.tables.record_match(
                    result.query, result.qualifiers.to_dict(), m.to_dict(), subject_id
                )
        return result


def load_lists(
    settings: Settings, paths: Sequence[str | Path], format: str = "auto", as_of: str | None = None
) -> LoadSummary:
    with ScreeningService(settings) as service:
        return service.load(paths, format, as_of)


def show_lists(settings: Settings, list_id: str | None = None) -> list[VersionInfo]:
    with ScreeningService(settings) as service:
        return service.versions(list_id)


def screen_name(
    settings: Settings,
    name: str,
    qualifiers: Qualifiers | None = None,
    threshold: float | None = None,
    record: bool = False,
) -> ScreeningResult:
    with ScreeningService(settings) as service:
        return service.screen(name, qualifiers, threshold, record)
