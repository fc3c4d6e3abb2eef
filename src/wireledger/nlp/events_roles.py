"""Role fillers from the trained wire-copy tagger (``muc_roles``), put into the report's attack events.

Old wire and radio copy about political violence (the MUC-3/4 kind: datelined, often all capitals) is
where the general event rules are weakest and where a tagger trained on such copy is strongest. For such
a report the tagger's document-level fillers become the participants and weapons of the main attack
event: perpetrators (individuals, organisations), physical targets, victims, weapons. A filler is linked
to the entity whose mention it overlaps; a physical target or an organisation the entity step did not
find becomes a new entity (facility, organisation) so that its kind is kept. The tagger's incident
classifier types the main incident, and when the rules found no attack but the classifier is confident
of one, the fillers make one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..model import Entity, Event, Mention, Participant, Support, Weapon
from .base import ReadingDoc

if TYPE_CHECKING:
    from .events_lexicon import Lexicon

EXTRACTOR = "wireledger.muc_roles@1"
# tagger label -> (participant role, kind of entity a new one gets)
ROLE_OF = {
    "PERP_IND": ("perpetrator", None),
    "PERP_ORG": ("perpetrator", "organization"),
    "TARGET": ("target", "facility"),
    "VICTIM": ("victim", None),
}
_ORG_KINDS = {"organization", "group"}
_THING_KINDS = {"facility", "location", "organization", "other"}


class RoleTaggerHints:
    """Loads the tagger once, on the first report that needs it; None when its model is absent."""

    def __init__(self, loader: Callable[[], Any] | None = None) -> None:
        self._loader = loader
        self._tagger: Any = None
        self._failed = False

    def tagger(self) -> Any:
        if self._tagger is None and not self._failed:
            try:
                if self._loader is None:
                    from .muc_roles import MucRoleTagger

                    self._tagger = MucRoleTagger.load()
                else:
                    self._tagger = self._loader()
            except (OSError, ValueError, ImportError):  # no model shipped: the rules work alone
                self._failed = True
        return self._tagger

    @staticmethod
    def applies(text: str) -> bool:
        from .muc_roles import looks_like_wire_copy

        return looks_like_wire_copy(text)


def _link(rdoc: ReadingDoc, start: int, end: int) -> Entity | None:
    best: tuple[int, Entity] | None = None
    for e in rdoc.entities:
        for m in e.mentions:
            if m.start < end and m.end > start:
                overlap = min(end, m.end) - max(start, m.start)
                if best is None or overlap > best[0]:
                    best = (overlap, e)
    return best[1] if best else None


def _new_entity(rdoc: ReadingDoc, name: str, kind: str, mentions: list[Any]) -> Entity:
    numbers = [int(e.id[1:]) for e in rdoc.entities if e.id[:1] == "e" and e.id[1:].isdigit()]
    ent = Entity(
        id=f"e{max(numbers, default=0) + 1}",
        name=name,
        type=kind,
        confidence=0.5,
        mentions=[Mention(m.start, m.end, m.text, "name") for m in mentions],
        extractor=EXTRACTOR,
    )
    rdoc.entities.append(ent)
    return ent


def fillers_to_event(rdoc: ReadingDoc, event: Event, fillers: dict[str, list[Any]], lex: Lexicon) -> None:
    """Replace the event's participants and weapons by the tagger's fillers (kept: investigators, actors)."""
    keep = [p for p in event.participants if p.role not in ("perpetrator", "target", "victim")]
    parts: list[Participant] = []
    for label, (role, kind) in ROLE_OF.items():
        for f in fillers.get(label, []):
            first = min(f.mentions, key=lambda m: m.start)
            ent = _link(rdoc, first.start, first.end)
            if kind is not None and (
                ent is None
                or (kind == "organization" and ent.type not in _ORG_KINDS)
                or (kind == "facility" and ent.type not in _THING_KINDS)
            ):
                ent = _new_entity(rdoc, f.text, kind, f.mentions)
            if label in ("PERP_IND", "VICTIM") and ent is not None and ent.type in _ORG_KINDS | _THING_KINDS:
                ent = None  # "guerrillas", "peasants": people, described
            name = f.text if ent is None or ent.extractor == EXTRACTOR else ent.name
            parts.append(
                Participant(
                    name=name, role=role, entity=ent.id if ent else None, start=first.start, end=first.end
                )
            )
            event.support.append(Support(f"participants.{role}", first.start, first.end, EXTRACTOR))
    weapons: list[Weapon] = []
    for f in fillers.get("WEAPON", []):
        first = min(f.mentions, key=lambda m: m.start)
        low = f.text.lower()
        cat = next((c for k, c in lex.weapons.items() if k in low.split() or k == low), "unknown")
        weapons.append(Weapon(category=cat, text=f.text, start=first.start, end=first.end))
        event.support.append(Support("weapons", first.start, first.end, EXTRACTOR))
    event.participants = keep + parts
    event.weapons = weapons or event.weapons
