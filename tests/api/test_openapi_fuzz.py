"""Schemathesis against /api/openapi.json with an admin token over a small real ledger: whatever the
parameters the spec allows, no answer is a 5xx.

The routes that change the ledger (POST: uploads, retractions, merges, splits, loading lists) are left
out of the fuzzing, so every generated case meets the same ledger; they are tested one by one in
test_routes.py and test_access.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from wireledger.api import create_app
from wireledger.settings import Settings

Tokens = Callable[[Settings, str], dict[str, str]]  # the tokens fixture of conftest.py
EXAMPLES = 30  # per route


@pytest.fixture(scope="module")
def admin(settings: Settings, tokens: Tokens) -> dict[str, str]:
    return tokens(settings, "admin")


@pytest.fixture(scope="module")
def api_schema(settings: Settings) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(settings)).include(method="GET")


def test_no_server_errors(api_schema: schemathesis.BaseSchema, admin: dict[str, str]) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        def no_5xx(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=admin, checks=[not_a_server_error])

        no_5xx()
