"""Incidents: which events across reports are one real happening; records with per-value support and
conflicts; timelines; the entity graph. Pure: storage comes in through ``MergeState`` (docs/incidents.md)."""

from .graph import Graph, entity_graph
from .merger import IncidentMerger, MergeOutcome
from .profile import EventProfile, build_profiles, primary_event
from .record import IncidentRecord, build_record
from .scoring import MergeParams, score_pair
from .state import MemoryState, MergeState
from .timeline import TimelineEntry, build_timeline

__all__ = [
    "EventProfile", "Graph", "IncidentMerger", "IncidentRecord", "MemoryState", "MergeOutcome", "MergeParams",
    "MergeState", "TimelineEntry", "build_profiles", "build_record", "build_timeline", "entity_graph",
    "primary_event", "score_pair",
]
