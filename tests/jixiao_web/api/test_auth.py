"""Bearer tokens: hashed at rest, refused when wrong or when the user is inactive."""

from __future__ import annotations

from django.test import Client

from jixiao_web.accounts.models import Token
from tests.jixiao_web.conftest import api_client


def test_it_stores_only_the_hash_of_the_key(unit_clerk):
    token, key = Token.issue(unit_clerk, "脚本")
    assert key not in (token.key_hash, token.prefix) and key.startswith(token.prefix)


def test_it_refuses_an_unknown_token(draft):
    client = Client(headers={"authorization": "Bearer not-a-real-key"})
    assert client.get("/api/projects").status_code == 401


def test_it_refuses_the_token_of_an_inactive_user(draft, unit_clerk):
    client = api_client(unit_clerk)
    unit_clerk.is_active = False
    unit_clerk.save()
    assert client.get("/api/projects").status_code == 401


def test_it_records_when_a_token_was_last_used(draft, unit_clerk):
    api_client(unit_clerk).get("/api/projects")
    assert Token.objects.get(user=unit_clerk).last_used_at is not None


def test_it_serves_the_openapi_document_and_local_docs():
    client = Client()
    schema = client.get("/api/openapi.json").json()
    assert "/api/projects" in schema["paths"]
    docs = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()


def test_the_docs_page_leads_back_to_the_app_and_says_how_to_authenticate():
    docs = Client().get("/api/docs").content.decode()
    assert '<a href="/">← 返回预算绩效管理</a>' in docs
    assert "Authorization: Bearer" in docs and "API 令牌" in docs
    assert "/static/ninja/swagger-ui-init.js" in docs  # still Swagger, still local
