"""Every error and warning a user can see, each with a stable code.

One format everywhere: ``CODE input: cause`` (and optionally ``; consequence``), e.g.
``E104 feeds/x.xml: not valid RSS or Atom (line 3: mismatched tag); 0 items read``.
Codes are listed in docs/errors.md; a test checks that every code here is documented there.
"""

from __future__ import annotations

from dataclasses import dataclass

# code -> short title. Errors (E) mean an input or part of it was not stored; warnings (W) mean it was
# stored with a caveat.
CODES: dict[str, str] = {
    "E100": "path not found or not readable",
    "E101": "empty input",
    "E102": "binary file, not text",
    "E103": "text could not be decoded",
    "E104": "not a valid RSS or Atom feed",
    "E105": "malformed or unsafe XML",
    "E106": "HTML page without article text",
    "E107": "input larger than the size limit",
    "E108": "truncated or corrupt compressed file",
    "E109": "compressed file expands past the size limit",
    "E110": "JSONL line is not valid JSON",
    "E111": "required field missing",
    "E112": "document has no text",
    "E113": "dangling link",
    "E114": "unsupported input format",
    "E115": "fetching failed",
    "E116": "unexpected failure while reading an input",
    "E120": "storage error",
    "E130": "reading failed",
    "E140": "sanctions list could not be loaded",
    "E141": "no sanctions lists loaded",
    "E150": "usage error",
    "E151": "no stored document matches",
    "E160": "batch job failed",
    "E170": "a valid API token is required",
    "E171": "the token's role does not allow this",
    "E172": "CSRF token missing or wrong",
    "W001": "document is not in English; stored but not read",
    "W002": "text decoded from a legacy encoding",
    "W003": "near-duplicate of a stored document; linked, not read again",
    "W004": "no publication date; relative dates keep their year unknown",
    "W005": "feed item without content; summary used",
    "W006": "item link not fetched (fetching is off)",
    "W007": "invalid UTF-8 bytes replaced",
    "W008": "files in a folder left out: not reports by their type or name (README, notes.md...)",
    "W130": "a reading step failed; the document was read without that step's output",
    "W140": "rows of a sanctions list skipped",
}


@dataclass(frozen=True)
class Problem:
    """One reportable problem with one input (a file, a line, a feed item)."""

    code: str
    input: str
    cause: str
    consequence: str | None = None

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")

    def __str__(self) -> str:
        msg = f"{self.code} {self.input}: {self.cause}"
        return f"{msg}; {self.consequence}" if self.consequence else msg

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "input": self.input, "cause": self.cause,
                "consequence": self.consequence, "message": str(self)}


class WireledgerError(Exception):
    """An error carrying a coded Problem."""

    def __init__(self, code: str, input: str, cause: str, consequence: str | None = None) -> None:
        self.problem = Problem(code, input, cause, consequence)
        super().__init__(str(self.problem))

    @property
    def code(self) -> str:
        return self.problem.code


class InputError(WireledgerError):
    """A problem with one input; the batch goes on."""


class UsageError(WireledgerError):
    """Wrong arguments or settings; nothing was done."""

    def __init__(self, cause: str, input: str = "wireledger") -> None:
        super().__init__("E150", input, cause)
