"""Who is who: names compared across spellings and scripts, organisations, sanctions lists and screening.

The name-comparison core is shared by sanctions screening and cross-document identity:
``parse_person_name`` takes a name apart, ``compare_names`` scores two names part by part with the
reasons, ``name_keys`` / ``person_name_key`` give blocking keys.
"""

from .compare import NameComparison, PartMatch, compare_names, compare_org_names
from .context import Qualifiers
from .names import NamePart, PersonName, Role, name_keys, parse_person_name, person_name_key
from .organisations import OrganisationIndex
from .screen import Match, Screener, ScreeningResult

__all__ = [
    "Match",
    "NameComparison",
    "NamePart",
    "OrganisationIndex",
    "PartMatch",
    "PersonName",
    "Qualifiers",
    "Role",
    "Screener",
    "ScreeningResult",
    "compare_names",
    "compare_org_names",
    "name_keys",
    "parse_person_name",
    "person_name_key",
]
