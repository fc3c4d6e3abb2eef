"""wireledger: news reports about violent and security incidents, read into a sourced ledger.

The public Python API. Everything here is re-exported from the layers below; nothing else lives here.

    >>> import wireledger
    >>> reading = wireledger.read(text, published="2026-02-06")      # no ledger needed
    >>> ledger = wireledger.open("wireledger.db")                    # or a postgresql:// URL
    >>> ledger.ingest(["reports/"]); ledger.incidents(place="Moscow").to_dataframe()

See docs/python.md.
"""

from .errors import Problem, WireledgerError
from .model import Claim, Document, Entity, Event, Reading, Span, Statement, load_taxonomy
from .services.handle import LedgerHandle, ResultSet
from .services.handle import open_handle as open  # the API's name: wireledger.open(...)
from .services.handle import read_text as read
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Claim", "Document", "Entity", "Event", "LedgerHandle", "Problem", "Reading", "ResultSet", "Settings",
    "Span", "Statement", "WireledgerError", "__version__", "load_taxonomy", "open", "read",
]
