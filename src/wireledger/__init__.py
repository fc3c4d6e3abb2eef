"""wireledger: news reports about violent and security incidents, read into a sourced ledger.

The public Python API. Everything here is re-exported from the layers below; nothing else lives here.

    >>> import wireledger
    >>> reading = wireledger.read(text, published="2026-02-06")      # no ledger needed
    >>> ledger = wireledger.open("wireledger.db")                    # or a postgresql:// URL
    >>> ledger.ingest(["reports/"]); ledger.incidents(place="Moscow").to_dataframe()

See docs/python.md. The names are imported on first use (PEP 562): every command of the CLI imports this
package, and a command such as ``screen`` must not pay for the reading pipeline or the exports.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import Problem, WireledgerError
    from .model import Claim, Document, Entity, Event, Reading, Span, Statement, load_taxonomy
    from .services.handle import LedgerHandle, ResultSet
    from .services.handle import open_handle as open  # the API's name: wireledger.open(...)
    from .services.handle import read_text as read
    from .settings import Settings

__version__ = "0.1.0"

# public name -> (module, name there)
_WHERE: dict[str, tuple[str, str]] = {
    **{n: (".errors", n) for n in ("Problem", "WireledgerError")},
    **{n: (".model", n) for n in ("Claim", "Document", "Entity", "Event", "Reading", "Span", "Statement",
                                  "load_taxonomy")},
    **{n: (".services.handle", n) for n in ("LedgerHandle", "ResultSet")},
    "open": (".services.handle", "open_handle"),
    "read": (".services.handle", "read_text"),
    "Settings": (".settings", "Settings"),
}

__all__ = [
    "Claim", "Document", "Entity", "Event", "LedgerHandle", "Problem", "Reading", "ResultSet", "Settings",
    "Span", "Statement", "WireledgerError", "__version__", "load_taxonomy", "open", "read",
]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(where[0], __name__), where[1])
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
