"""Property-based run of every API operation from /api/openapi.json: never a server error.

schemathesis generates requests from the OpenAPI document (valid and invalid bodies,
parameters and files) and sends them to the WSGI application authenticated as the
unit's clerk, with a draft and a submitted project in the database.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from jixiao_web.accounts.models import Token
from jixiao_web.filings import actions
from tests.jixiao_web.conftest import seed_document

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Don't let the WSGI request cycle close the connection holding the test transaction.

    Django's own test client does the same; schemathesis calls the WSGI app directly.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(draft, unit_clerk, tree) -> dict[str, str]:
    """A clerk's token, with a draft (id 1 or so) and a second, submitted filing present."""
    other = actions.do_create_from_document(seed_document("001"), unit_clerk, tree.unit)[0]
    actions.do_submit(other, unit_clerk)
    _, key = Token.issue(unit_clerk, "schemathesis")
    return {"Authorization": f"Bearer {key}"}


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
def test_it_never_answers_with_a_server_error(case, bearer):
    response = case.call(headers=bearer)
    case.validate_response(response, checks=[not_a_server_error])
