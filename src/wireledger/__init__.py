"""wireledger: news reports about violent and security incidents, read into a sourced ledger.

The public Python API. Everything here is re-exported from the layers below; nothing else lives here.
"""

from .errors import Problem, WireledgerError
from .model import Claim, Document, Entity, Event, Reading, Span, Statement, load_taxonomy
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Claim", "Document", "Entity", "Event", "Problem", "Reading", "Settings", "Span", "Statement",
    "WireledgerError", "__version__", "load_taxonomy",
]
